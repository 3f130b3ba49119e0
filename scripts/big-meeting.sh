#!/usr/bin/env bash
# A 1000-person end-to-end encrypted meeting on one machine (issue 8,
# BENCHMARKS.md "A 1000-person meeting"): a release server, a few native
# speakers (Opus and VP8, as in every native run) and hundreds of native
# listeners (`--listen-only --last-n 0`: they publish nothing and get audio
# only), every one of them a real MLS member that decrypts what it hears.
# Once everyone is in the group, a probe participant joins and later
# leaves: every member's report says when it entered the epoch that added
# the probe and the one that removed it, which gives how long a join and a
# removal take to reach every member. The server's own CPU and memory come
# from /proc (the clients share the machine), forwarded packets from
# /metrics.
# Not part of the test suite: it takes minutes and its figures depend on
# the machine (the listeners' decryption shares its cores with the server).
#
#   scripts/big-meeting.sh [--listeners 999] [--speakers 1] [--steady 20] [--stagger-ms 60] [--lobby]
#
# --lobby runs the meeting as the product does by default: a lobby, and
# the speakers hold the host link and admit everyone who knocks, so every
# member's name is in the group's roster (signed by a host) instead of in
# an introduction each member sends every joiner. A meeting shows its
# hosts 120 knocks a minute (crates/room/src/lobby.rs); faster arrivals
# wait their turn in the lobby.
set -euo pipefail
cd "$(dirname "$0")/.."

listeners=999
speakers=1
steady=20
stagger_ms=60
lobby=false
while [ $# -gt 0 ]; do
  case "$1" in
    --listeners) listeners="$2"; shift 2 ;;
    --speakers) speakers="$2"; shift 2 ;;
    --steady) steady="$2"; shift 2 ;;
    --stagger-ms) stagger_ms="$2"; shift 2 ;;
    --lobby) lobby=true; shift ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done
total=$((listeners + speakers))

cargo build --release --locked -q -p conclave
# Where cargo put it (CARGO_TARGET_DIR if set).
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/conclave"
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"' EXIT

"$bin" serve --listen 127.0.0.1:0 --media-port 0 --public-ip 127.0.0.1 --data-dir "$work/data" \
  --max-participants $((total + 10)) --max-sockets $((total + 100)) >"$work/serve.out" 2>"$work/serve.err" &
server=$!
pids+=("$server")
for _ in $(seq 100); do grep -q '^Open ' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep '^Open ' "$work/serve.out" | awk '{print $2}' | sed 's|/$||')
ticks=$(getconf CLK_TCK)
cpu() { awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$server/stat"; }
rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
hwm_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
metric() { curl -s "$url/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
now_ms() { date +%s%3N; }

speaker_flags=()
if $lobby; then
  # As an operator makes one: the links carry the meeting's public key
  # (#pub=), and the host link its private key too.
  created=$("$bin" meeting create --url "$url" --data-dir "$work/data")
  link=$(echo "$created" | sed -n 's/^Participant link: *//p')
  speaker_link=$(echo "$created" | sed -n 's/^Host link: *//p')
  speaker_flags=(--admit-all)
else
  link=$url$(curl -s -X POST -H 'Content-Type: application/json' -d '{"lobby":false}' "$url/api/meetings" |
    sed 's/.*"link":"\([^"]*\)".*/\1/')
  speaker_link=$link
fi
idle_rss=$(rss_mib)

# Everyone stays until well after the probe has come and gone.
stay=3600
"$bin" join "$speaker_link" --name Speaker --count "$speakers" "${speaker_flags[@]}" --duration "$stay" --report json \
  >"$work/speakers.json" 2>/dev/null &
pids+=("$!")
sleep 2
start=$(now_ms)
start_cpu=$(cpu)
# They arrive over about a minute, as an audience does (and as a load
# generator whose thousand clients share two cores can follow).
"$bin" join "$link" --name Listener --count "$listeners" --listen-only --last-n 0 \
  --local-ips-from 127.20.0.1 --stagger-ms "$stagger_ms" --duration "$stay" --report json >"$work/listeners.json" 2>/dev/null &
listeners_pid=$!
pids+=("$listeners_pid")

# Everyone in the meeting, then in one MLS epoch (no commit for 5 s). A
# meeting that stops filling for two minutes has unravelled (clients that
# fell behind were dropped): say so rather than wait for ever. One that
# stops a few short for a minute, each missing client's media connection
# having failed while the load generator was saturated, goes on with
# those in, and says how many.
best=0
best_at=$(now_ms)
media_failed() { grep -c 'media connection failed' "$work/serve.err" || true; }
while [ "$(metric conclave_participants)" != "$total" ]; do
  sleep 1
  now_in=$(metric conclave_participants)
  printf '\r%s of %s in the meeting' "$now_in" "$total" >&2
  if [ "${now_in:-0}" -gt "$best" ]; then
    best=$now_in
    best_at=$(now_ms)
  elif [ $(($(now_ms) - best_at)) -gt 60000 ] && [ "${now_in:-0}" -ge $((total * 99 / 100)) ] &&
    [ $((${now_in:-0} + $(media_failed))) -ge "$total" ]; then
    echo >&2
    echo "$now_in of $total stayed: $(media_failed) media connections failed while they arrived" >&2
    break
  elif [ $(($(now_ms) - best_at)) -gt 120000 ]; then
    echo >&2
    echo "the meeting stopped filling at $best of $total; $now_in are in now" >&2
    grep -c 'signaling backlog full' "$work/serve.err" | sed 's/^/dropped with a full signaling queue: /' >&2 || true
    exit 1
  fi
done
echo >&2
in_meeting=$(now_ms)
in_count=$(metric conclave_participants)
fill_cpu=$(cpu)
echo "$in_count of $total in the meeting after $(((in_meeting - start) / 1000)) s; letting the group settle" >&2
sleep 30

# Steady state: the server's CPU and packets over a window.
cpu0=$(cpu); sent0=$(metric conclave_media_sent_packets_total); t0=$(now_ms)
sleep "$steady"
cpu1=$(cpu); sent1=$(metric conclave_media_sent_packets_total); t1=$(now_ms)
steady_rss=$(rss_mib)

# The probe: joins, stays 20 s, leaves.
"$bin" join "$link" --name Probe --listen-only --last-n 0 --local-ips-from 127.30.0.1 \
  --duration 20 --report json >"$work/probe.json" 2>/dev/null
sleep 15
peak_rss=$(hwm_mib)
# Everyone leaves (Ctrl-C ends a native run as its duration would); their
# reports follow.
now_in_end=$(metric conclave_participants)
for pid in "${pids[@]:1}"; do kill -INT "$pid" 2>/dev/null || true; done
wait "${pids[@]:1}" 2>/dev/null || true

python3 - "$work" "$speakers" "$listeners" <<EOF
import json, sys, statistics
work, speakers, listeners = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def reports(name):
    text = open(f"{work}/{name}.json").read().strip()
    if not text:
        return []
    data = json.loads(text.splitlines()[-1])
    return data if isinstance(data, list) else [data]
members = reports("speakers") + reports("listeners")
if not members:
    # The clients wrote no report: they were dropped and gave up, or died.
    print(f"no member reports; {${now_in_end:-0}} of {speakers + listeners} were in the meeting at the end")
    print(f"dropped with a full signaling queue: {open(work + '/serve.err').read().count('signaling backlog full')}")
    sys.exit(1)
probe = reports("probe")[0]
joined_epoch = probe["epoch_times"][0][0]
last_epoch = probe["epoch_times"][-1][0]
def reached(epoch_pred):
    times = []
    for r in members:
        t = [at for (e, at) in r["epoch_times"] if epoch_pred(e)]
        if t:
            times.append(min(t))
    return times
join_times = [t - probe["started_at_ms"] for t in reached(lambda e: e == joined_epoch)]
removal = [t - probe["left_at_ms"] for t in reached(lambda e: e > last_epoch)]
def spread(xs):
    xs = sorted(xs)
    if not xs:
        return "none"
    return f"median {statistics.median(xs)/1000:.2f} s, last {xs[-1]/1000:.2f} s ({len(xs)} members)"
heard = sum(1 for r in members[speakers:]
            if sum(1 for p in r["received"] if p["audio_frames"] > 0) >= speakers)
failures = sum(p["decrypt_failures"] for r in members for p in r["received"])
before_joining = sum(p.get("before_joining", 0) for r in members for p in r["received"])
epochs = max((r["epoch"] or 0) for r in members)
steady_s = ($t1 - $t0) / 1000
cpu = ($cpu1 - $cpu0) / steady_s
pps = ($sent1 - $sent0) / steady_s
print(f"members: {len(members)} ({speakers} speakers, {listeners} listeners); MLS group of {len(probe['members'])} when the probe was in; epoch {epochs} at the end")
print(f"into the meeting: {($in_meeting - $start)/1000:.0f} s for {${in_count:-0}} of {speakers + listeners}; the server used {$fill_cpu - $start_cpu:.1f} CPU-s meanwhile")
log = open(work + "/serve.err").read()
print(f"from the server's log: {log.count('media connection failed')} media connections failed, "
      f"{log.count('signaling backlog full')} dropped with a full signaling queue, "
      f"{log.count('knock waits')} knocks waited for the meeting's knock budget")
firsts = sorted(r["epoch_times"][0][1] for r in members if r["epoch_times"])
if firsts:
    print(f"into the MLS group: the last of {len(firsts)} after {(firsts[-1] - $start)/1000:.0f} s")
left_early = sum(1 for r in members if r["left_at_ms"] < $t1)
print(f"members who left before the end of the steady window: {left_early}")
print(f"join reaches members: {spread(join_times)}")
print(f"removal reaches members: {spread(removal)}")
print(f"listeners that decrypted every speaker: {heard} of {listeners}; decrypt failures (all members): {failures}; frames sent before their receiver had the keys: {before_joining}")
print(f"server, steady state over {steady_s:.0f} s: {cpu*100:.0f}% of a core, {pps:,.0f} packets/s forwarded, {cpu/pps*1e6 if pps else 0:.1f} CPU-s per million packets")
print(f"server memory: {$idle_rss} MiB idle, {$steady_rss} MiB with everyone in ({($steady_rss - $idle_rss) * 1024 / (speakers + listeners):.0f} KiB per participant), peak {$peak_rss} MiB")
EOF
