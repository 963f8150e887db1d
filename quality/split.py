#!/usr/bin/env python3
"""The fixed tune/validation split of the evaluation corpus.

A page belongs to `tune` or `validation` by a stable hash of `dataset/id`: the first 8 bytes of
SHA-256, as an integer, modulo 100; below 70 is tune. The split never depends on the corpus's
order or size, so a page keeps its part when pages are added.

usage: quality/split.py [CORPUS_DIR]      prints `dataset<TAB>id<TAB>part` for every page
       (as a module: `part(dataset, id)`)

Rules and models are fitted on tune pages only; figures are judged on validation.
"""
import hashlib
import json
import os
import sys

TUNE_SHARE = 70


def part(dataset: str, page_id: str) -> str:
    """'tune' or 'validation' for the page `page_id` of `dataset`."""
    digest = hashlib.sha256(f"{dataset}/{page_id}".encode("utf-8")).digest()
    return "tune" if int.from_bytes(digest[:8], "big") % 100 < TUNE_SHARE else "validation"


def default_corpus() -> str:
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shared = os.environ.get("NUTGRAF_SHARED", os.path.join(os.path.dirname(repo), "shared"))
    return os.path.join(shared, "corpus")


def datasets(corpus: str):
    """The dataset folders of the corpus (those holding a truth.jsonl), sorted by name."""
    return sorted(
        d for d in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, d, "truth.jsonl"))
    )


def pages(corpus: str, dataset: str):
    """The gold records of one dataset, in file order."""
    with open(os.path.join(corpus, dataset, "truth.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main(argv):
    corpus = argv[1] if len(argv) > 1 else default_corpus()
    for ds in datasets(corpus):
        for g in pages(corpus, ds):
            print(f"{ds}\t{g['id']}\t{part(ds, str(g['id']))}")


if __name__ == "__main__":
    main(sys.argv)
