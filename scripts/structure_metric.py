#!/usr/bin/env python3
"""Structure metric: do the headings, list items, table cells, code blocks and quotes of an
extractor's HTML output match those of the gold HTML?

Usage:
  structure_metric.py DATASET_DIR PREDICTIONS.jsonl [--per-doc]

DATASET_DIR holds truth.jsonl whose records carry extra.gold_html (the readability dataset).
PREDICTIONS.jsonl holds records {"source": ".../pages/<id>.html.gz", "html": "..."} (nutgraf's
`--format json --include html` output); records are matched to gold by the file's id.

Items, per kind, are the whitespace-collapsed texts of
  heading  h1-h6
  item     li (its own text, without the text of lists nested in it)
  cell     td, th (non-empty)
  code     pre
  quote    blockquote
A heading's trailing permalink marker (a lone ¶, §, #, 🔗 or [edit] after the text) is not part
of its text: renderers differ on whether they keep these anchors, and the heading is the same.
Per page, gold and prediction are multisets of items; TP = overlap, and precision = TP / predicted,
recall = TP / gold, summed over all pages (micro average). Pages with no prediction record count
as predicting nothing. Only the standard library is used.
"""
import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser

KINDS = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "li": "item", "td": "cell", "th": "cell", "pre": "code",
    "blockquote": "quote",
}
KIND_ORDER = ["heading", "item", "cell", "code", "quote"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen"}
WS = re.compile(r"\s+")
PERMALINK = re.compile(r"\s*(?:[¶§#]|\U0001F517|\[edit\])$")


def norm(text):
    return WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


class Items(HTMLParser):
    """Collects the text of every tracked element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # [tag, buffer or None]
        self.items = {k: Counter() for k in KIND_ORDER}

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br":
                self.handle_data(" ")
            return
        self.stack.append([tag, [] if tag in KINDS else None])

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                while len(self.stack) > k:
                    self.close_entry(self.stack.pop())
                return

    def close_entry(self, entry):
        tag, buf = entry
        if buf is None:
            return
        text = norm("".join(buf))
        if KINDS[tag] == "heading":
            text = PERMALINK.sub("", text)
        if text:
            self.items[KINDS[tag]][text] += 1

    def handle_data(self, data):
        for k, (tag, buf) in enumerate(self.stack):
            if buf is None:
                continue
            if tag == "li" and any(t in ("ul", "ol") for t, _ in self.stack[k + 1:]):
                continue
            buf.append(data)

    def finish(self):
        self.close_all()
        return self.items

    def close_all(self):
        while self.stack:
            self.close_entry(self.stack.pop())


def items_of(html):
    p = Items()
    p.feed(html or "")
    p.close()
    return p.finish()


def doc_id(source):
    base = os.path.basename(source or "")
    for ext in (".html.gz", ".htm.gz", ".html", ".htm", ".gz"):
        if base.endswith(ext):
            return base[: -len(ext)]
    return base


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dataset")
    ap.add_argument("predictions")
    ap.add_argument("--per-doc", action="store_true", help="print per-page counts")
    args = ap.parse_args()

    gold = {}
    with open(os.path.join(args.dataset, "truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                path = (r.get("extra") or {}).get("gold_html")
                if path:
                    gold[r["id"]] = os.path.join(args.dataset, path)
    if not gold:
        sys.exit("no record of truth.jsonl has extra.gold_html")

    pred = {}
    with open(args.predictions, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                pred[doc_id(r.get("source") or r.get("id"))] = r.get("html") or ""

    tot = {k: [0, 0, 0] for k in KIND_ORDER}  # tp, predicted, gold
    for i in sorted(gold):
        with open(gold[i], encoding="utf-8", errors="replace") as f:
            g = items_of(f.read())
        p = items_of(pred.get(i, ""))
        row = []
        for k in KIND_ORDER:
            tp = sum((g[k] & p[k]).values())
            np_, ng = sum(p[k].values()), sum(g[k].values())
            tot[k][0] += tp
            tot[k][1] += np_
            tot[k][2] += ng
            row.append(f"{k}={tp}/{np_}/{ng}")
        if args.per_doc:
            print(i, " ".join(row), "" if i in pred else "(no prediction)")

    def ratio(a, b):
        return a / b if b else 1.0

    print(f"{'kind':8} {'precision':>9} {'recall':>7} {'tp':>6} {'pred':>6} {'gold':>6}")
    all_ = [0, 0, 0]
    for k in KIND_ORDER:
        tp, np_, ng = tot[k]
        all_ = [a + b for a, b in zip(all_, tot[k])]
        print(f"{k:8} {ratio(tp, np_):9.3f} {ratio(tp, ng):7.3f} {tp:6} {np_:6} {ng:6}")
    tp, np_, ng = all_
    print(f"{'all':8} {ratio(tp, np_):9.3f} {ratio(tp, ng):7.3f} {tp:6} {np_:6} {ng:6}")
    print(f"pages: {len(gold)} gold, {sum(1 for i in gold if i in pred)} predicted")


if __name__ == "__main__":
    main()
