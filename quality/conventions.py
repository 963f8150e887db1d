#!/usr/bin/env python3
"""How each dataset's gold treats the lines that are metadata more than text.

usage: quality/conventions.py [--part tune|validation|all] [--lodo]   (after `quality/train.py`)

Reads the block dump that `train.py` trains on and, per dataset, prints the share of blocks
of each kind that the training labels call content (at least half of the block's word
trigrams in the gold, as in train.py), with their number:
- byline: a block of at most eight words that starts with "by" (or "por", "von", "par");
- dateline: a block of at most ten words holding a date (2019-11-20, 20/11/2019,
  November 20, 2019, 20 November 2019; English month names);
- caption: a `<figcaption>` or `<caption>` block (the `tag_caption` feature);
- headline: the page's first `<h1>` block.

The benchmarks' annotators disagree on these: a model trained on five datasets learns the
five's mean habit, and on the sixth keeps or drops such lines by that habit. This is the part
of the leave-one-dataset-out gap that no feature can close (quality/README.md). `--lodo`
measures that part: per dataset, the simulated validation F1 (train.py's simulation, the
committed cuts) of the model trained on all six, of the one trained on the five others, and
of the latter with the blocks of these kinds decided as the former decides them (a few
minutes: seven trainings).
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import split  # noqa: E402
import train  # noqa: E402

BYLINE = re.compile(r"^\s*(by|por|von|par)\s+\S", re.I)
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    r"\b(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|"
    + MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+" + MONTH + r"\s+\d{4})\b",
    re.I,
)
CAPTION = train.FEATURES.index("tag_caption")
KINDS = ("headline", "byline", "dateline", "caption")


def kinds(blocks, page):
    """The kind of each block of a page (None for the others)."""
    out, headline = [], False
    for i, b in enumerate(blocks):
        text, words = " ".join(b["text"].split()), len(page.toks[i])
        if b["tag"] == "h1" and not headline and words:
            headline = True
            out.append("headline")
        else:
            out.append(kind(text, words, page.x[i, CAPTION] == 1))
    return out


def kind(text, words, is_caption):
    if is_caption:
        return "caption"
    if words <= 8 and BYLINE.match(text):
        return "byline"
    if words <= 10 and DATE.search(text):
        return "dateline"
    return None


def attribute(pages, kinds_of):
    """Per dataset: validation F1 of the whole model, of the leave-one-out model, and of the
    latter deciding the blocks of the kinds above as the whole model does."""
    with open(os.path.join(train.REPO, "src", "score", "model.json"), encoding="utf-8") as fh:
        t = json.load(fh)["thresholds"]
    cuts, nothing = t["balanced"], t["nothing"][0]
    tune = [p for p in pages if p.part == "tune"]
    whole = train.fit(tune)
    print("| dataset | validation | LODO | LODO, these kinds as validation |")
    print("|---|---|---|---|")
    for ds in sorted({p.dataset for p in pages}):
        held = [p for p in pages if p.dataset == ds and p.part == "validation"]
        lodo = train.fit([p for p in tune if p.dataset != ds])
        f = np.zeros((len(held), 3))
        for j, p in enumerate(held):
            kw = train.kept(p, whole.predict(p), cuts, nothing)
            kl = train.kept(p, lodo.predict(p), cuts, nothing)
            special = np.array([k is not None for k in kinds_of[(ds, p.id)]])
            f[j] = [p.f1(kw)[2], p.f1(kl)[2], p.f1(np.where(special, kw, kl))[2]]
        m = f.mean(axis=0)
        print(f"| {ds} | {m[0]:.4f} | {m[1]:.4f} | {m[2]:.4f} |")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=("tune", "validation", "all"))
    ap.add_argument("--lodo", action="store_true", help="measure these kinds' share of the LODO gap")
    a = ap.parse_args(argv)
    with open(train.REV_FILE, encoding="utf-8") as fh:
        _, train.BLOCKS = train.source_tree(fh.read().split()[0])
    corpus = split.default_corpus()
    stats = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # kind -> dataset -> [content, n]
    pages, kinds_of = [], {}
    for ds in split.datasets(corpus):
        gold = {str(g["id"]): g.get("text") for g in split.pages(corpus, ds)}
        with open(os.path.join(train.BLOCKS, f"{ds}.jsonl"), encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                pid = os.path.basename(d["source"]).split(".html")[0]
                g = gold.get(pid)
                if not isinstance(g, str) or not d["blocks"]:
                    continue
                page = train.Page(ds, pid, g, d["blocks"])
                kinds_of[(ds, pid)] = kinds(d["blocks"], page)
                if a.lodo:
                    pages.append(page)
                if a.part != "all" and page.part != a.part:
                    continue
                for i, k in enumerate(kinds_of[(ds, pid)]):
                    if k and page.toks[i]:
                        stats[k][ds][0] += int(page.y[i])
                        stats[k][ds][1] += 1
    names = split.datasets(corpus)
    print(f"Share of blocks the gold holds ({a.part} pages; blocks in brackets)\n")
    print("| kind | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for k in KINDS:
        cells = []
        for ds in names:
            c, n = stats[k][ds]
            cells.append(f"{c / n:.2f} ({n})" if n else "–")
        print(f"| {k} | " + " | ".join(cells) + " |")
    if a.lodo:
        print("\nSimulated validation F1 (the committed cuts)\n")
        attribute(pages, kinds_of)


if __name__ == "__main__":
    main()
