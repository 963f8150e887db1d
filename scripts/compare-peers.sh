#!/usr/bin/env bash
# Times nutgraf (-j 1, release) against resiliparse and trafilatura on the same pages, one core,
# in alternating rounds.
#
# usage: scripts/compare-peers.sh DIR [DIR...]
#   DIR holds .html / .htm pages (gzipped .html.gz too). Every tool runs as a whole process over
#   all pages of all DIRs, pinned to one CPU (taskset -c 0, when available). The tools alternate:
#   each round runs every tool once (the order rotates from round to round), for ROUNDS rounds,
#   so that a change in the machine's load falls on all of them alike.
#   Prints a Markdown table with, per tool, the medians over the rounds of: CPU seconds
#   (user+sys of the process, the figure that matters on a shared machine), wall seconds,
#   pages/s and MB/s by CPU time, and the in-process extraction time alone (reading and gunzipping
#   files and interpreter start-up excluded; for nutgraf `examples/profile_stages.rs
#   --extract-only`, a run of its own). Then the ratios nutgraf / resiliparse and nutgraf /
#   trafilatura in pages/s, whole process by CPU time and in-process (the ratio of the medians,
#   and each round's own), and with JOBS_CHECK=1 the scaling of `-j 2` over `-j 1` by wall
#   time (both not pinned, in the same rounds).
# env: ROUNDS (default 4); JOBS_CHECK (default 1; 0 leaves out the -j 2 / -j 1 wall-time runs);
#      VENV (default target/peers-venv) is created once; PEERS_PIP_ARGS are added to pip install;
#      NUTGRAF (default target/release/nutgraf, built if missing); NUTGRAF_INPROC (default
#      target/release/examples/profile_stages, built if missing; nutgraf's in-process figure).
#      target/ is $CARGO_TARGET_DIR when that is set.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || { echo "usage: $0 DIR [DIR...]" >&2; exit 2; }
target=${CARGO_TARGET_DIR:-$root/target}
venv=${VENV:-$target/peers-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
fi
# pip runs when the peers are missing or PEERS_PIP_ARGS asks for something (e.g. versions).
if [ -n "${PEERS_PIP_ARGS:-}" ] || ! "$venv/bin/python" -c 'import resiliparse, trafilatura' 2>/dev/null; then
  # shellcheck disable=SC2086
  # lxml_html_clean by name: lxml 6 dropped the `html_clean` extra through which jusText
  # (trafilatura's) asks for it, and trafilatura does not import without it.
  "$venv/bin/pip" install --quiet ${PEERS_PIP_ARGS:-} resiliparse trafilatura lxml_html_clean
fi
nutgraf=${NUTGRAF:-$target/release/nutgraf}
if [ ! -x "$nutgraf" ]; then
  (cd "$root" && cargo build --release --quiet --bin nutgraf)
fi
inproc=${NUTGRAF_INPROC:-$target/release/examples/profile_stages}
if [ ! -x "$inproc" ]; then
  (cd "$root" && cargo build --release --quiet --example profile_stages) || inproc=
fi
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)

# One Python harness: it runs each tool as a child process and reads the child's CPU time.
ROUNDS=${ROUNDS:-4} JOBS_CHECK=${JOBS_CHECK:-1} COMMIT=$commit \
"$venv/bin/python" - "$nutgraf" "$inproc" "${pin[*]:-}" "$@" <<'PY'
import gzip, os, resource, statistics, subprocess, sys, time

nutgraf, inproc, pin, dirs = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4:]
rounds = max(1, int(os.environ["ROUNDS"]))
jobs_check = os.environ["JOBS_CHECK"] not in ("", "0")

def pages(dirs):
    out = []
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
                    out.append(os.path.join(root, f))
    return out

paths = pages(dirs)
if not paths:
    sys.exit("no pages found")
size = 0
for p in paths:
    with open(p, "rb") as fh:
        b = fh.read()
    size += len(gzip.decompress(b) if p.endswith(".gz") else b)

# The peer worker: reads every page (bytes, as a crawler has them), then times extraction only.
WORKER = r'''
import gzip, sys, time
tool, paths = sys.argv[1], sys.argv[2:]
docs = []
for p in paths:
    with open(p, "rb") as fh:
        b = fh.read()
    docs.append(gzip.decompress(b) if p.endswith(".gz") else b)
if tool == "resiliparse":
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    def run(b):
        return extract_plain_text(bytes_to_str(b, detect_encoding(b)), main_content=True)
else:
    import trafilatura
    def run(b):
        return trafilatura.extract(b)
t = time.process_time()
n = 0
for b in docs:
    try:
        n += len(run(b) or "")
    except Exception:
        pass
print(time.process_time() - t, n)
'''

failures = {}  # name -> why it failed (a run that fails has no figures)

def timed(name, cmd, pinned):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run((pin if pinned else []) + cmd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode != 0:
        last = (r.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
        failures[name] = f"exit status {r.returncode}: {last}"
        print(f"warning: {name} failed ({failures[name]})", file=sys.stderr)
        return None
    return cpu, wall, r.stdout

def inproc_seconds(out):
    try:
        return float(out.split()[0])
    except (IndexError, ValueError):
        return float("nan")

cli = [nutgraf, "-q", "--format", "json"]
# (name, command, pinned, whether its stdout is an in-process figure)
runs = [("nutgraf -j 1", cli + ["-j", "1", *dirs], True, False)]
if inproc:
    runs.append(("nutgraf in-process", [inproc, "--extract-only", *dirs], True, True))
for tool in ("resiliparse", "trafilatura"):
    runs.append((tool, [sys.executable, "-c", WORKER, tool, *paths], True, True))
if jobs_check:
    runs.append(("nutgraf -j 2, not pinned", cli + ["-j", "2", *dirs], False, False))
    runs.append(("nutgraf -j 1, not pinned", cli + ["-j", "1", *dirs], False, False))

results = {name: [] for name, *_ in runs}  # name -> [(cpu, wall, inproc)] in round order
for r in range(rounds):
    k = r % len(runs)
    for name, cmd, pinned, has_inproc in runs[k:] + runs[:k]:
        got = timed(name, cmd, pinned)
        if got is not None:
            cpu, wall, out = got
            results[name].append((cpu, wall, inproc_seconds(out) if has_inproc else None))
    print(f"round {r + 1}/{rounds} done", file=sys.stderr)

def med(name, i):
    if name in failures:
        return None
    vals = [x[i] for x in results.get(name, []) if x[i] is not None]
    return statistics.median(vals) if vals else None

n = len(paths)
mb = size / 1e6
load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
print(f"{n} pages, {mb:.1f} MB (decompressed); commit {os.environ['COMMIT']}, "
      f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {rounds} alternating round(s), "
      f"medians; pinned to one CPU unless said; load average at the end {load:.2f}")
print()
print("| tool | CPU s | wall s | pages/s (CPU) | MB/s (CPU) | extraction-only s | pages/s (extraction only) |")
print("|---|---:|---:|---:|---:|---:|---:|")
def fmt(x, spec):
    return "–" if x is None else format(x, spec)
for name, *_ in runs:
    if name == "nutgraf in-process":
        continue
    if name in failures:
        print(f"| {name} | failed: {failures[name].replace('|', '/')} | | | | | |")
        continue
    cpu, wall = med(name, 0), med(name, 1)
    ip = med("nutgraf in-process", 2) if name == "nutgraf -j 1" else med(name, 2)
    print(f"| {name} | {cpu:.2f} | {wall:.2f} | {n / cpu:.0f} | {mb / cpu:.1f} | {fmt(ip, '.2f')} "
          f"| {fmt(ip and n / ip, '.0f')} |")
print()

def ratio_line(label, num, den, i):
    """`den`'s median over `num`'s (a time ratio, so the pages/s ratio), and per round."""
    a, b = med(num, i), med(den, i)
    if a is None or b is None or a <= 0:
        return
    # Failed runs have no figures, so every round here has both tools' runs.
    rounds_ = [y[i] / x[i] for x, y in zip(results[num], results[den])
               if x[i] is not None and y[i] is not None and x[i] > 0]
    each = ", ".join(f"{x:.2f}" for x in rounds_)
    print(f"- {label}: **{b / a:.2f}** (rounds: {each})")

print("nutgraf's pages/s over the peer's (above 1: nutgraf is faster):")
ratio_line("nutgraf / resiliparse, whole process, CPU time", "nutgraf -j 1", "resiliparse", 0)
ratio_line("nutgraf / trafilatura, whole process, CPU time", "nutgraf -j 1", "trafilatura", 0)
if inproc:
    ratio_line("nutgraf / resiliparse, in-process extraction", "nutgraf in-process", "resiliparse", 2)
    ratio_line("nutgraf / trafilatura, in-process extraction", "nutgraf in-process", "trafilatura", 2)
if jobs_check:
    ratio_line(f"-j 2 over -j 1 by wall time, not pinned ({os.cpu_count()} CPUs)",
               "nutgraf -j 2, not pinned", "nutgraf -j 1, not pinned", 1)
PY
