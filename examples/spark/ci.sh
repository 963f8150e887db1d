#!/usr/bin/env bash
# Runs the Spark example's tests in Spark local mode (the subprocess and the in-process paths),
# installing what they need: Java 17 (Debian package, when java is missing), pyspark and warcio
# from PyPI and the nutgraf wheel (python/ci.sh's) in a virtual environment under target/.
# Usage: bash examples/spark/ci.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=${SPARK_VENV:-$root/target/spark-venv}

if ! command -v java >/dev/null; then
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || { apt-get update -qq && apt-get install -y -qq python3-venv && python3 -m venv "$venv"; }
fi
"$venv/bin/pip" install -q --disable-pip-version-check "pyspark>=4,<5" warcio
# The in-process path needs the nutgraf package: the wheel python/ci.sh built, else a build here.
wheel=$(ls "${CARGO_TARGET_DIR:-$root/target}"/py-wheel/nutgraf-*.whl 2>/dev/null | head -1 || true)
"$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "${wheel:-$root}"
(cd "$root" && cargo build -q --bin nutgraf)
NUTGRAF_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/nutgraf" NUTGRAF_REQUIRE_INTEGRATIONS=1 PYTHONDONTWRITEBYTECODE=1 \
  "$venv/bin/python" -m unittest discover -s "$root/examples/spark" -v
