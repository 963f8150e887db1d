#!/usr/bin/env python3
"""Pages per second of nutgraf (extract_many, and one page at a time) against trafilatura and
resiliparse, called from this one Python process on the same pages, in one run.

Pages: the evaluation corpus beside the clone (../shared/corpus, up to --per-dataset pages of
each dataset), else the fixtures. Each extractor gets the raw bytes and does its own decoding.
Needs `pip install . trafilatura resiliparse` (a missing peer is reported and left out).
Usage: python scripts/bench_python.py [--per-dataset N] [--rounds R]
"""
import argparse
import gzip
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_pages(per_dataset):
    corpus = Path(os.environ.get("NUTGRAF_SHARED", ROOT.parent / "shared")) / "corpus"
    pages = []
    if corpus.is_dir():
        for dataset in sorted(corpus.iterdir()):
            for p in sorted((dataset / "pages").glob("*.html.gz"))[:per_dataset]:
                pages.append(gzip.decompress(p.read_bytes()))
    if not pages:
        pages = [p.read_bytes() for p in sorted((ROOT / "fixtures").glob("*.html"))] * 20
    return pages


def extractors():
    import nutgraf

    e = nutgraf.Extractor()
    cores = os.cpu_count() or 1
    yield f"nutgraf extract_many (jobs={cores})", lambda pages: e.extract_many(pages)
    yield "nutgraf extract_many (jobs=1)", lambda pages: e.extract_many(pages, jobs=1)
    yield "nutgraf extract, one by one", lambda pages: [e.extract(p) for p in pages]
    try:
        import trafilatura

        yield "trafilatura.extract", lambda pages: [trafilatura.extract(p) for p in pages]
    except ImportError as err:
        print(f"trafilatura left out: {err}", file=sys.stderr)
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding

        def resiliparse_run(pages):
            return [extract_plain_text(bytes_to_str(p, detect_encoding(p)), main_content=True)
                    for p in pages]

        yield "resiliparse extract_plain_text", resiliparse_run
    except ImportError as err:
        print(f"resiliparse left out: {err}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-dataset", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=1, help="best of R rounds per extractor")
    args = ap.parse_args()
    pages = load_pages(args.per_dataset)
    mb = sum(map(len, pages)) / 1e6
    print(f"{len(pages)} pages, {mb:.1f} MB, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'extractor':<36} {'pages/s':>9} {'MB/s':>7}")
    for name, run in extractors():
        best = float("inf")
        for _ in range(args.rounds):
            start = time.perf_counter()
            run(pages)
            best = min(best, time.perf_counter() - start)
        print(f"{name:<36} {len(pages) / best:>9.1f} {mb / best:>7.2f}", flush=True)


if __name__ == "__main__":
    main()
