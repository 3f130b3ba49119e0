#!/usr/bin/env bash
# What recording costs the server, and how fast an export is (issue 9,
# BENCHMARKS.md "Recordings"): the same meeting of native clients (a host
# and N guests, each sending the fixtures' VP8 and Opus) runs twice on one
# release server, without and with a recording; the server's own CPU time
# (from /proc, so the clients sharing the machine do not count) and the
# recording's size are reported per participant-hour, then the recording is
# exported with the host link and timed.
# Not part of the test suite: it takes minutes and its figures depend on
# the machine.
#
#   scripts/recording-bench.sh [--guests 5] [--seconds 40]
set -euo pipefail
cd "$(dirname "$0")/.."

guests=5
seconds=40
while [ $# -gt 0 ]; do
  case "$1" in
    --guests) guests="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done

cargo build --release --locked -q -p conclave
# Where cargo put it (CARGO_TARGET_DIR if set).
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/conclave"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" serve --listen 127.0.0.1:0 --media-port 0 --public-ip 127.0.0.1 --data-dir "$work" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do grep -q '^Open ' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep '^Open ' "$work/serve.out" | awk '{print $2}' | sed 's|/$||')
ticks=$(getconf CLK_TCK)

# The server process's CPU seconds so far (user + system).
cpu() { awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$server/stat"; }

# One meeting: a host (recording or not) admitting N guests; prints the
# server's CPU seconds over the run.
meeting() {
  local record=$1
  local created host part
  created=$("$bin" meeting create --url "$url" --data-dir "$work")
  host=$(sed -n 's/^Host link: *//p' <<<"$created")
  part=$(sed -n 's/^Participant link: *//p' <<<"$created")
  echo "$host" >"$work/host-link-$record.txt"
  local before after
  before=$(cpu)
  "$bin" join "$part" --name Guest --count "$guests" --duration "$seconds" --report json >/dev/null 2>&1 &
  local guests_pid=$!
  local flags=(--admit-all --duration "$seconds")
  [ "$record" = on ] && flags+=(--record)
  "$bin" join "$host" --name Host "${flags[@]}" --report json >/dev/null 2>&1
  wait "$guests_pid" || true
  after=$(cpu)
  awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }'
}

participants=$((guests + 1))
off=$(meeting off)
sleep 2
on=$(meeting on)
sleep 2
id=$("$bin" recording list --data-dir "$work" | grep -oE '^[0-9a-f]{32}' | head -n 1)
bytes=$(stat -c %s "$work/recordings/$id/media.crec")
start=$(date +%s.%N)
"$bin" recording export "$id" --key "$work/host-link-on.txt" --out "$work/out.webm" --data-dir "$work" >"$work/export.txt"
end=$(date +%s.%N)
duration=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/out.webm" 2>/dev/null || echo 0)

awk -v off="$off" -v on="$on" -v n="$participants" -v s="$seconds" -v bytes="$bytes" \
    -v start="$start" -v end="$end" -v dur="$duration" 'BEGIN {
  ph = n * s / 3600
  printf "meeting: %d native participants, %d s each way, same server\n", n, s
  printf "server CPU without recording: %6.2f s  (%.1f CPU-s per participant-hour)\n", off, off / ph
  printf "server CPU with recording:    %6.2f s  (%.1f CPU-s per participant-hour)\n", on, on / ph
  printf "recording overhead:           %+6.2f s  (%+.1f CPU-s per participant-hour, %+.0f%%)\n", on - off, (on - off) / ph, (off > 0 ? 100 * (on - off) / off : 0)
  printf "recording on disk:            %.1f MB  (%.0f MB per participant-hour)\n", bytes / 1e6, bytes / 1e6 / ph
  e = end - start
  printf "export: %.1f s of meeting in %.2f s (%.0fx real time, %.0f MB/s of ciphertext)\n", dur, e, (e > 0 ? dur / e : 0), (e > 0 ? bytes / 1e6 / e : 0)
}'
cat "$work/export.txt"
