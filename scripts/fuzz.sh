#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for SECONDS each with
# cargo-fuzz on nightly, then prints the executions per target.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60, all)
#
# New interesting inputs are added to fuzz/corpus/<target>/; a crash is
# saved under fuzz/artifacts/<target>/ and stops that target. Fix it, copy
# the crashing input into the corpus as a regression seed, and commit it:
# `cargo test -p conclave-fuzzing` (stable, part of scripts/test.sh)
# replays every corpus file. Before committing new corpus files, keep the
# corpus small: `cargo +nightly fuzz cmin <target>`.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-60}"
shift || true

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz.sh: no nightly toolchain (rustup toolchain install nightly); skipping"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

# cargo-fuzz's default build: optimised, with debug assertions and overflow
# checks (an overflow is a crash too). No AddressSanitizer: the code under
# test has no `unsafe`, and ASan would halve the executions.
flags=(--sanitizer none)
cargo +nightly fuzz build "${flags[@]}"

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
status=0
declare -A result
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== $target: ${seconds}s"
  # -max_total_time ends the run; the final stats line has the total.
  if cargo +nightly fuzz run "${flags[@]}" "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 >"$logs/$target" 2>&1; then
    result[$target]="ok"
  else
    result[$target]="CRASH"
    status=1
    # The panic and where libFuzzer saved the input (not the input itself).
    grep -E -A2 "panicked at|^Failing input:" "$logs/$target" | grep -v '^--$' || tail -n 20 "$logs/$target"
    echo "rerun: cd fuzz && cargo +nightly fuzz run ${flags[*]} $target artifacts/$target/<file>"
  fi
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$target" | grep -o '[0-9]*$' | tail -n 1)"
  cov="$(grep -o 'cov: [0-9]*' "$logs/$target" | tail -n 1)"
  result[$target]="${execs:-?} execs, ${cov:-cov: ?}, ${result[$target]}"
done

echo
echo "== executions per target (${seconds}s each)"
for target in "${targets[@]}"; do
  printf '%-20s %s\n' "$target" "${result[$target]}"
done
exit "$status"
