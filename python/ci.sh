#!/usr/bin/env bash
# The Python binding's tests: a fresh virtual environment, `pip install .` at the repository root
# (maturin builds the binding; as a wheel, then installed), then pytest over python/tests. Says "skipped" and passes where no
# Python 3.9+ with venv can be had.
# datatrove is installed too, for the tests of the nutgraf.datatrove step.
# Usage: bash python/ci.sh   (NUTGRAF_BIN: the CLI the parity tests compare with; default: the
# debug build, built here if missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
venv=$target/py-venv

skip() { echo "python tests: skipped ($1)"; exit 0; }
command -v python3 >/dev/null || skip "no python3"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' || skip "python3 is older than 3.9"
rm -rf "$venv"
if ! python3 -m venv "$venv" 2>/dev/null; then
  { apt-get update -qq && apt-get install -y -qq python3-venv; } >/dev/null 2>&1 || true
  python3 -m venv "$venv" 2>/dev/null || skip "python3 has no working venv module"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
start=$(date +%s)
# One build: the wheel is kept in $target/py-wheel, where examples/spark/ci.sh installs it too.
rm -rf "$target/py-wheel"
(cd "$root" && "$venv/bin/pip" wheel -q --no-deps -w "$target/py-wheel" .)
wheel=$(ls "$target"/py-wheel/nutgraf-*.whl)
"$venv/bin/pip" install -q "$wheel[test,datatrove]"
echo "pip install . took $(($(date +%s) - start)) s"
if [ -z "${NUTGRAF_BIN:-}" ]; then
  (cd "$root" && cargo build -q --bin nutgraf)
  export NUTGRAF_BIN=$target/debug/nutgraf
fi
cd "$root/python/tests"
NUTGRAF_REQUIRE_INTEGRATIONS=1 PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -m pytest -q -p no:cacheprovider .
