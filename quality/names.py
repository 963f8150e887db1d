#!/usr/bin/env python3
"""Chooses the class/id words the content model reads (src/score/name_words.rs).

usage: quality/names.py [--count K] [--out src/score/name_words.rs]

A word of a `class` or `id` value is split as src/score/names.rs splits it (with
src/clean/names.rs `for_each_word`): runs of ASCII letters, cut before an upper-case letter that
follows a lower-case one, lower-cased, of at least three and at most 48 letters; a value holding
`/` (a URL, a path) has none. The words chosen are the K that the most pages
use, on the tune pages of the corpus only, each dataset weighing the same (a word's score is
the mean over datasets of the share of the dataset's tune pages whose markup holds it; ties go
alphabetically). K is 64: with 128 or 256 words the validation mean was the same and the
leave-one-dataset-out figures fell (cleaneval by 0.010, WCXB by 0.014 with 256: the rarer words
name one source's templates). The choice reads no gold: it picks what template authors
commonly call boxes ("content", "sidebar", "comment", "share"), and the model learns from the
tune pages what each says. The values are read with a regular expression over the page's
bytes, not a parser: a word missed on a page or two does not change which words are common.
Deterministic: the same corpus gives the same file.
"""
import argparse
import gzip
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import split  # noqa: E402

ATTR = re.compile(rb"""\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)


def words(value):
    """The words of one class or id value (as src/score/names.rs splits them)."""
    if "/" in value:
        return []
    out, cur, prev_lower = [], [], False

    def flush():
        if 3 <= len(cur) <= 48:
            out.append("".join(cur).lower())
        cur.clear()

    for ch in value:
        if not ("a" <= ch <= "z" or "A" <= ch <= "Z"):
            flush()
            prev_lower = False
            continue
        if ch.isupper() and prev_lower:
            flush()
        cur.append(ch)
        prev_lower = ch.islower()
    flush()
    return out


def page_words(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    found = set()
    for m in ATTR.finditer(raw):
        value = (m.group(1) or m.group(2) or m.group(3) or b"").decode("latin-1")
        found.update(words(value))
    return found


def choose(corpus, count):
    score = Counter()
    for ds in split.datasets(corpus):
        pages = [g for g in split.pages(corpus, ds) if split.part(ds, str(g["id"])) == "tune"]
        seen = Counter()
        for g in pages:
            seen.update(page_words(os.path.join(corpus, ds, g["file"])))
        for w, n in seen.items():
            score[w] += n / len(pages)
    ranked = sorted(score.items(), key=lambda t: (-t[1], t[0]))
    return [w for w, _ in ranked[:count]]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=64)
    ap.add_argument("--out", default=os.path.join(REPO, "src", "score", "name_words.rs"))
    a = ap.parse_args(argv)
    chosen = sorted(choose(split.default_corpus(), a.count))
    body = "".join(f'    "{w}",\n' for w in chosen)
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write(
            "//! The class/id words the content model reads, sorted (written by quality/names.py:\n"
            "//! the words most tune pages of the corpus use; do not edit by hand).\n\n"
            "/// The words, sorted; a word's position is its bit in a name set.\n"
            f"pub(crate) const WORDS: [&str; {len(chosen)}] = [\n{body}];\n"
        )
    print(f"wrote {a.out}: {len(chosen)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
