#!/usr/bin/env bash
# Runs the Spark example's test in Spark local mode, installing what it needs: Java 17 (Debian
# package, when java is missing), pyspark from PyPI in a virtual environment under target/.
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
"$venv/bin/pip" install -q --disable-pip-version-check "pyspark>=4,<5"
(cd "$root" && cargo build -q --bin nutgraf)
NUTGRAF_BIN="$root/target/debug/nutgraf" PYTHONDONTWRITEBYTECODE=1 \
  "$venv/bin/python" -m unittest discover -s "$root/examples/spark" -v
