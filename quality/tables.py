#!/usr/bin/env python3
"""Writes quality/RESULTS.md: per dataset and per WCXB page type, mean F1 on tune, on validation
and leave-one-dataset-out, beside the best peer of ../shared/corpus/PEERS.md.

usage: quality/tables.py [--bin BINARY] [--focus]   (after `quality/train.py --lodo`)

Leave-one-dataset-out: the model trained on the tune pages of the five other datasets
(target/quality/lodo/DATASET.json, from `quality/train.py --lodo`) scores the held-out
dataset's validation pages, through the same binary (NUTGRAF_MODEL). `--focus` adds the
precision and recall modes.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import report  # noqa: E402
import split  # noqa: E402

# On `readability` the gold is Readability.js's output: the target is the best peer outside
# that family.
READABILITY_FAMILY = {
    "dom_smoothie", "dom_smoothie_raw", "mozilla_readability", "readabilityrs",
    "readabilityrs_fmt", "readability_lxml", "llm_readability", "llm_readability_fmt",
    "rs_readability", "rs_readability_fmt",
}


def peers(corpus):
    """{dataset: (best F1, peer)} and {page type: (best F1, peer)} from PEERS.md."""
    text = open(os.path.join(corpus, "PEERS.md"), encoding="utf-8").read()
    best, types = {}, {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        name = section.split("\n", 1)[0].strip()
        for line in section.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 3 and re.fullmatch(r"\d\.\d+", cells[1] or ""):
                peer, f1 = cells[0], float(cells[1])
                if name == "readability" and peer in READABILITY_FAMILY:
                    continue
                if name not in best or f1 > best[name][0]:
                    best[name] = (f1, peer)
            if name == "wcxb" and len(cells) == 4 and re.fullmatch(r"\d\.\d+", cells[2] or ""):
                types[cells[0]] = (float(cells[2]), cells[3])
    return best, types


f = report.fmt


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "nutgraf"))
    ap.add_argument("--focus", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"))
    a = ap.parse_args(argv)
    corpus = split.default_corpus()
    scorer = report.load_scorer(corpus)
    best, best_types = peers(corpus)
    pred = os.path.join(REPO, "target", "quality", "tables")
    os.makedirs(pred, exist_ok=True)
    names = split.datasets(corpus)
    res, lodo, modes = {}, {}, {}
    for ds in names:
        out = os.path.join(pred, f"{ds}.jsonl")
        report.run(a.bin, corpus, ds, out, [])
        res[ds] = report.summarise(scorer, corpus, ds, out)
        held = os.path.join(REPO, "target", "quality", "lodo", f"{ds}.json")
        if os.path.exists(held):
            out = os.path.join(pred, f"{ds}.lodo.jsonl")
            report.run(a.bin, corpus, ds, out, [], model=held)
            lodo[ds] = report.summarise(scorer, corpus, ds, out)
        if a.focus:
            for mode in ("precision", "recall"):
                out = os.path.join(pred, f"{ds}.{mode}.jsonl")
                report.run(a.bin, corpus, ds, out, ["--focus", mode])
                modes[(ds, mode)] = report.summarise(scorer, corpus, ds, out)[0]["validation"]
    lines = [
        "# Quality on the corpus",
        "",
        "Written by `quality/tables.py` (after `quality/train.py --lodo`). Mean bag-of-words F1 per",
        "page (`../shared/tools/score.py`), balanced mode. *tune*: the pages the model and rules were",
        "fitted on; *validation*: the pages of the split they were not; *LODO*: validation pages",
        "scored by a model trained on the tune pages of the five other datasets only. Best peer:",
        "`../shared/corpus/PEERS.md` (on `readability`, outside the Readability family; peers ran",
        "on every page of a dataset, so their figure is for tune and validation together).",
        "",
        "| dataset | pages tune/val | tune F1 | validation P | R | F1 | LODO F1 | best peer |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for ds in names:
        p = res[ds][0]
        t, v = p["tune"], p["validation"]
        lv = lodo.get(ds, ({}, {}))[0].get("validation", {}).get("mean_f1")
        b = best.get(ds)
        lines.append(
            f"| {ds} | {t['n_docs']}/{v['n_docs']} | {f(t['mean_f1'])} | {f(v['mean_p'])} "
            f"| {f(v['mean_r'])} | **{f(v['mean_f1'])}** | {f(lv)} "
            f"| {f(b[0]) + ' ' + b[1] if b else '–'} |"
        )
    mean = lambda part: sum(res[d][0][part]["mean_f1"] for d in names) / len(names)  # noqa: E731
    lines.append(f"| mean | | {f(mean('tune'))} | | | **{f(mean('validation'))}** | | |")
    if "wcxb" in res:
        lines += [
            "",
            "WCXB by page type (mean F1):",
            "",
            "| page type | tune | validation | LODO | best peer |",
            "|---|---|---|---|---|",
        ]
        for t, parts in res["wcxb"][1].items():
            lv = lodo.get("wcxb", ({}, {}))[1].get(t, {}).get("validation", {}).get("mean_f1")
            b = best_types.get(t)
            lines.append(
                f"| {t} | {f(parts['tune']['mean_f1'])} | **{f(parts['validation']['mean_f1'])}** "
                f"| {f(lv)} | {f(b[0]) + ' ' + b[1] if b else '–'} |"
            )
    lines += [
        "",
        "Metadata match rates on validation (title / author / date, where the gold has them):",
        "",
        "| dataset | title | author | date |",
        "|---|---|---|---|",
    ]
    for ds in names:
        v = res[ds][0]["validation"]
        if any(v.get(k) is not None for k in ("title_match", "author_match", "date_match")):
            lines.append(
                f"| {ds} | {f(v['title_match'])} | {f(v['author_match'])} | {f(v['date_match'])} |"
            )
    if modes:
        lines += [
            "",
            "Focus modes on validation (P / R / F1):",
            "",
            "| dataset | precision | balanced | recall |",
            "|---|---|---|---|",
        ]
        for ds in names:
            cell = lambda s: f"{f(s['mean_p'])} / {f(s['mean_r'])} / {f(s['mean_f1'])}"  # noqa: E731
            lines.append(
                f"| {ds} | {cell(modes[(ds, 'precision')])} | {cell(res[ds][0]['validation'])} "
                f"| {cell(modes[(ds, 'recall')])} |"
            )
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
