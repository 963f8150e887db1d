#!/usr/bin/env bash
# Corpus quality gate: runs the release binary over the evaluation corpus and fails when any
# dataset's mean F1 is more than 0.005 below the figure recorded in quality/baseline.tsv.
#
# usage: scripts/quality-gate.sh            check against quality/baseline.tsv
#        scripts/quality-gate.sh --record   rewrite quality/baseline.tsv with today's figures
#
# The corpus lives outside the repository, in ../shared (beside the clone); set NUTGRAF_SHARED to
# point elsewhere. Without a corpus the gate says so and passes: a user's clone has none.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${NUTGRAF_SHARED:-$(dirname "$repo")/shared}
baseline=$repo/quality/baseline.tsv
tolerance=0.005

record=false
case "${1:-}" in
  --record) record=true ;;
  "") ;;
  *) echo "usage: $0 [--record]" >&2; exit 2 ;;
esac

if [ ! -d "$shared/corpus" ] || [ ! -x "$shared/tools/eval-corpus.sh" ]; then
  echo "quality gate: no corpus at $shared/corpus, skipped"
  exit 0
fi

cd "$repo"
cargo build --release --quiet
report=$(mktemp)
current=$(mktemp)
trap 'rm -f "$report" "$current"' EXIT

"$shared/tools/eval-corpus.sh" "${CARGO_TARGET_DIR:-$repo/target}/release/nutgraf" | tee "$report"

# eval-corpus.sh prints, per dataset, a "dataset: NAME ..." line, then a table whose header names
# the columns (F1 is the mean F1) and whose "nutgraf" row holds the figures.
awk '
  /^dataset: / { name = $2; col = 0; next }
  name != "" && col == 0 { for (i = 1; i <= NF; i++) if ($i == "F1") col = i; next }
  name != "" && col > 0 && $1 == "nutgraf" { printf "%s\t%s\n", name, $col; name = "" }
' "$report" | sort >"$current"

if [ ! -s "$current" ]; then
  echo "quality gate: could not read any mean F1 from the evaluation" >&2
  exit 1
fi

if $record; then
  mkdir -p "$(dirname "$baseline")"
  cp "$current" "$baseline"
  echo "quality gate: recorded $baseline:"
  cat "$baseline"
  exit 0
fi

if [ ! -f "$baseline" ]; then
  echo "quality gate: no $baseline; run $0 --record" >&2
  exit 1
fi

status=0
echo
printf '%-14s %9s %9s %9s\n' dataset baseline now change
while IFS=$'\t' read -r name base; do
  [ -n "$name" ] || continue
  now=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$current")
  if [ -z "$now" ]; then
    printf '%-14s %9s %9s   MISSING\n' "$name" "$base" "-"
    status=1
    continue
  fi
  verdict=$(awk -v b="$base" -v c="$now" -v t="$tolerance" 'BEGIN { print (c < b - t) ? "FAIL" : "ok" }')
  change=$(awk -v b="$base" -v c="$now" 'BEGIN { printf "%+.3f", c - b }')
  printf '%-14s %9s %9s %9s   %s\n' "$name" "$base" "$now" "$change" "$verdict"
  [ "$verdict" = ok ] || status=1
done <"$baseline"

if [ $status -ne 0 ]; then
  echo "quality gate: mean F1 fell more than $tolerance below quality/baseline.tsv" >&2
else
  echo "quality gate: passed (tolerance $tolerance); after an improvement, record it with $0 --record"
fi
exit $status
