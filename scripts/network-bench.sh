#!/usr/bin/env bash
# The bad-network benchmark (issue 11, BENCHMARKS.md "Bad networks"): two
# Chromium participants and a native client, only one browser's downlink
# impaired in turn by loss, delay and jitter, and a rate limit, in network
# namespaces this script makes. Prints, per scenario, what that browser
# receives: frame rate, time frozen, height, audio concealment and delay.
# Not part of the test suite: it takes minutes and its figures depend on
# the machine.
#
#   sudo scripts/network-bench.sh                      # this checkout
#   sudo scripts/network-bench.sh --baseline 22ab655   # and an older commit, same run
#
# Other flags go to web/tests/measure/network.mjs (--seconds 40, --scenarios
# clean,loss5; --trace FILE for what the browser receives second by second).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

baseline=""
rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) baseline="$2"; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done

[ "$(id -u)" = 0 ] || { echo "run as root: it makes network namespaces and firewall rules" >&2; exit 1; }
need=()
command -v iptables >/dev/null || need+=(iptables)
command -v chromium >/dev/null || need+=(chromium)
command -v tc >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
[ -d web/node_modules ] || (cd web && npm ci --silent)

out=target/network-bench
mkdir -p "$out"
cargo build --release --manifest-path tools/netimpair/Cargo.toml
if [ -n "$baseline" ]; then
  # The older commit builds in a worktree of its own, sharing this
  # checkout's target directory so only the project's crates recompile.
  tree=$(mktemp -d /tmp/conclave-baseline-XXXXXX)
  git worktree add -f "$tree" "$baseline" >/dev/null
  (cd "$tree" && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" cargo build --release -p conclave)
  cp "${CARGO_TARGET_DIR:-target}/release/conclave" "$out/conclave-$baseline"
  git worktree remove --force "$tree"
  # The project's crates built from the worktree look up to date to this
  # checkout (their sources are older than those artifacts): drop them.
  cargo clean --release -p conclave -p conclave-signaling -p conclave-room -p conclave-sfu \
    -p conclave-e2ee -p conclave-client -p conclave-bench
fi
cargo build --release -p conclave
cp "${CARGO_TARGET_DIR:-target}/release/conclave" "$out/conclave-now"

cd web
if [ -n "$baseline" ]; then
  node tests/measure/network.mjs --bin "../$out/conclave-$baseline" --label "$baseline" --json "../$out/$baseline.json" "${rest[@]}"
fi
node tests/measure/network.mjs --bin "../$out/conclave-now" --label "$(git rev-parse --short HEAD)" --json "../$out/now.json" "${rest[@]}"
