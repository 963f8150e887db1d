#!/usr/bin/env bash
# The per-stage profile of an extraction (default options, one thread) over corpus datasets,
# and the peak RSS of `nutgraf -j 1` over the same pages.
#
# usage: scripts/profile-stages.sh [DIR...]
#   DIR holds .html / .htm pages (gzipped .html.gz too), searched recursively; by default every
#   dataset's pages under the corpus ($NUTGRAF_SHARED/corpus/*/pages, NUTGRAF_SHARED defaulting
#   to ../shared beside the clone).
#   Builds the release `profile_stages` example and the `nutgraf` binary, then runs
#   `examples/profile_stages.rs` over all DIRs together: a Markdown table of each stage's time
#   (minimum over REPEAT repeats), share and µs per page, pages/s, and the check that the
#   stage-by-stage text equals `Extractor::extract`'s. Then, where GNU time (`/usr/bin/time -v`)
#   is present, the peak RSS of `nutgraf -j 1 --format json` over each DIR.
# env: REPEAT (default 3); RSS (default 1; 0 skips the peak-RSS runs); target/ is
#      $CARGO_TARGET_DIR when that is set.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
if [ $# -eq 0 ]; then
  shared=${NUTGRAF_SHARED:-$(cd "$root/.." && pwd)/shared}
  set -- "$shared"/corpus/*/pages
  [ -d "$1" ] || { echo "no corpus under $shared/corpus; give the DIRs" >&2; exit 2; }
fi
(cd "$root" && cargo build --release --quiet --bin nutgraf --example profile_stages)
echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
  "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "datasets: $*"
echo
"$target/release/examples/profile_stages" --repeat "${REPEAT:-3}" "$@"

if [ "${RSS:-1}" = 0 ]; then exit 0; fi
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true >/dev/null 2>&1; then
  echo
  echo "(peak RSS skipped: no GNU time at /usr/bin/time)"
  exit 0
fi
echo
report=$(mktemp)
trap 'rm -f "$report"' EXIT
echo "| nutgraf -j 1 over | pages | peak RSS MB |"
echo "|---|---:|---:|"
for d in "$@"; do
  n=$(find "$d" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.html.gz' -o -name '*.htm.gz' \) | wc -l)
  /usr/bin/time -v -o "$report" "$target/release/nutgraf" -j 1 -q --format json "$d" >/dev/null 2>&1 || true
  kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$report")
  echo "| $d | $n | $(awk -v k="${kb:-0}" 'BEGIN { printf "%.1f", k / 1024 }') |"
done
