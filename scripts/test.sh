#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing
# (Debian's Chromium and Firefox ESR, the web client's npm packages), then
# checks formatting and lints, runs the Rust tests and the vendored str0m's
# own unit tests, checks that the committed web bundle and generated
# protocol types are current, and runs the browser suite.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s ==\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

step "prerequisites"
# Browsers from Debian only: browser tests never download one.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
# Janus, which `conclave bench --compare janus` measures Conclave against.
command -v janus >/dev/null 2>&1 || missing+=(janus)
# Firewall rules inside the network namespaces of the UDP-blocked cases.
[ -x /usr/sbin/iptables ] || command -v iptables >/dev/null 2>&1 || missing+=(iptables)
# The TURN relay of the TLS-only case, and its self-signed certificate.
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# ffprobe/ffmpeg check that an exported recording is a WebM players decode.
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian's ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
chromium --version 2>/dev/null | head -n 1 || true
firefox-esr --version 2>/dev/null | head -n 1 || true
(cd web && npm ci --no-audit --no-fund --loglevel=error)

step "web client: type check, bundle, unit tests (SFrame vectors, MLS)"
(cd web && npm run --silent check && npm run --silent build && npm run --silent test:unit)
if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- web/dist; then
  git --no-pager diff --stat -- web/dist
  echo "web/dist differs from a fresh build: run 'npm run build' in web/ and commit it" >&2
  exit 1
fi

step "rust: format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "rust: tests"
cargo test --workspace --locked
if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- web/src/protocol; then
  echo "web/src/protocol differs from the Rust types: commit the regenerated files" >&2
  exit 1
fi

step "vendored str0m: its own unit tests, the patched modules' included"
# A package of its own (vendor/ is outside the workspace, where Cargo would
# not resolve its dev-dependencies), built into the same target folder.
cargo test --locked --manifest-path vendor/str0m/Cargo.toml \
  --target-dir "${CARGO_TARGET_DIR:-$PWD/target}" --lib --quiet

step "browser suite"
# The server binary the Rust tests just built: `cargo build -p conclave`
# would resolve features for that package alone and recompile most
# dependencies (3.5 minutes in CI) for the same program.
cargo test --workspace --locked --no-run --quiet
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
(cd web && CONCLAVE_BIN="$target_dir/debug/conclave" npm run --silent test:browser)

step "all tests passed"
