#!/usr/bin/env bash
# Times nutgraf (-j 1, release) against resiliparse and trafilatura on the same pages, one core.
#
# usage: scripts/compare-peers.sh DIR [DIR...]
#   DIR holds .html / .htm pages (gzipped .html.gz too). Every tool runs as a whole process over
#   all pages of all DIRs, pinned to one CPU (taskset, when available), one after the other.
#   Prints, per tool: pages, input MB (decompressed), CPU seconds (user+sys of the process, the
#   figure that matters on a shared machine), wall seconds, pages/s and MB/s by CPU time, and the
#   in-process extraction time alone (reading files and interpreter start-up excluded).
# env: VENV (default target/peers-venv) is created once; PEERS_PIP_ARGS are added to pip install;
#      NUTGRAF (default target/release/nutgraf, built if missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || { echo "usage: $0 DIR [DIR...]" >&2; exit 2; }
venv=${VENV:-$root/target/peers-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
fi
# shellcheck disable=SC2086
"$venv/bin/pip" install --quiet ${PEERS_PIP_ARGS:-} resiliparse trafilatura
nutgraf=${NUTGRAF:-$root/target/release/nutgraf}
if [ ! -x "$nutgraf" ]; then
  (cd "$root" && cargo build --release --quiet)
fi
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi

# One Python harness: it runs each tool as a child process and reads the child's CPU time.
"$venv/bin/python" - "$nutgraf" "${pin[*]:-}" "$@" <<'PY'
import gzip, os, resource, subprocess, sys, time

nutgraf, pin, dirs = sys.argv[1], sys.argv[2].split(), sys.argv[3:]

def pages(dirs):
    out = []
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
                    out.append(os.path.join(root, f))
    return out

paths = pages(dirs)
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

def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(pin + cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, r.stdout

rows = []
cpu, wall, _ = timed([nutgraf, "-j", "1", "-q", "--format", "json", *dirs])
rows.append(("nutgraf -j 1", cpu, wall, None))
for tool in ("resiliparse", "trafilatura"):
    cpu, wall, out = timed([sys.executable, "-c", WORKER, tool, *paths])
    inproc = float(out.split()[0]) if out.split() else float("nan")
    rows.append((tool, cpu, wall, inproc))

mb = size / 1e6
print(f"{len(paths)} pages, {mb:.1f} MB (decompressed), one core")
print(f"| tool | CPU s | wall s | pages/s (CPU) | MB/s (CPU) | extraction-only s | pages/s (extraction only) |")
print(f"|---|---|---|---|---|---|---|")
for name, cpu, wall, inproc in rows:
    ip = "–" if inproc is None else f"{inproc:.2f}"
    ips = "–" if inproc is None else f"{len(paths) / inproc:.0f}"
    print(f"| {name} | {cpu:.2f} | {wall:.2f} | {len(paths) / cpu:.0f} | {mb / cpu:.1f} | {ip} | {ips} |")
PY
