#!/usr/bin/env python3
"""Scores nutgraf on the corpus, per dataset, on the tune and the validation half of the split.

usage: quality/report.py [--bin BINARY] [--pred DIR] [--reuse] [--args "..."] [--markdown]
                         [--json OUT] [DATASET...]

Runs `BINARY --format json DATASET/pages` for every dataset (default: target/release/nutgraf,
every dataset of the corpus), keeps the records in DIR (default: target/quality/pred), and
scores them with the corpus's own score.py (../shared/tools/score.py), separately on the
pages of each part of quality/split.py. `--reuse` scores the records already in DIR.
Prints one row per dataset (and per WCXB page type) with P, R, F1 on tune, validation and all.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import split  # noqa: E402

PARTS = ("tune", "validation", "all")


def load_scorer(corpus):
    tools = os.path.join(os.path.dirname(corpus), "tools")
    sys.path.insert(0, tools)
    import score  # noqa: E402  (the corpus's scorer, standard library only)

    return score


def run(binary, corpus, dataset, out, extra, model=None):
    """Runs the binary over one dataset; `model` names a model file to use instead of the
    embedded one (through NUTGRAF_MODEL, for leave-one-dataset-out runs)."""
    env = dict(os.environ)
    if model:
        env["NUTGRAF_MODEL"] = model
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run(
            [binary, "--format", "json", *extra, os.path.join(corpus, dataset, "pages")],
            stdout=fh,
            stderr=subprocess.DEVNULL,
            check=False,
            env=env,
        )


def summarise(scorer, corpus, dataset, pred_path):
    """{part: summary} and {page_type: {part: summary}} for one dataset."""
    truth = scorer.load_truth(os.path.join(corpus, dataset))
    preds = scorer.load_predictions(pred_path)
    by_part = {p: [] for p in PARTS}
    for g in truth:
        by_part[split.part(dataset, str(g["id"]))].append(g)
        by_part["all"].append(g)
    result = {p: scorer.score(rows, preds)[0] for p, rows in by_part.items()}
    types = {}
    for p, rows in by_part.items():
        for g in rows:
            t = (g.get("extra") or {}).get("page_type")
            if t:
                types.setdefault(t, {}).setdefault(p, []).append(g)
    by_type = {
        t: {p: scorer.score(rows, preds)[0] for p, rows in parts.items()}
        for t, parts in sorted(types.items())
    }
    return result, by_type


def fmt(x):
    return "–" if x is None else f"{x:.3f}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "nutgraf"))
    ap.add_argument("--pred", default=os.path.join(REPO, "target", "quality", "pred"))
    ap.add_argument("--reuse", action="store_true", help="score the records already in --pred")
    ap.add_argument("--args", default="", help="extra arguments for the binary")
    ap.add_argument("--json", help="write every figure as JSON here")
    ap.add_argument("datasets", nargs="*")
    a = ap.parse_args(argv)
    corpus = split.default_corpus()
    scorer = load_scorer(corpus)
    os.makedirs(a.pred, exist_ok=True)
    names = a.datasets or split.datasets(corpus)
    figures = {}
    print("| dataset | pages (tune/val) | tune F1 | validation P | R | F1 | all F1 | title | author | date |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for ds in names:
        out = os.path.join(a.pred, f"{ds}.jsonl")
        if not a.reuse:
            run(a.bin, corpus, ds, out, a.args.split())
        res, by_type = summarise(scorer, corpus, ds, out)
        figures[ds] = {"parts": res, "types": by_type}
        t, v, al = res["tune"], res["validation"], res["all"]
        print(
            f"| {ds} | {t['n_docs']}/{v['n_docs']} | {fmt(t['mean_f1'])} | {fmt(v['mean_p'])} "
            f"| {fmt(v['mean_r'])} | **{fmt(v['mean_f1'])}** | {fmt(al['mean_f1'])} "
            f"| {fmt(v['title_match'])} | {fmt(v['author_match'])} | {fmt(v['date_match'])} |"
        )
    means = {
        p: sum(figures[d]["parts"][p]["mean_f1"] or 0 for d in names) / len(names) for p in PARTS
    }
    print(
        f"| mean of datasets | | {fmt(means['tune'])} | | | **{fmt(means['validation'])}** "
        f"| {fmt(means['all'])} | | | |"
    )
    for ds in names:
        if figures[ds]["types"]:
            print(f"\n{ds} by page type (F1):\n")
            print("| page type | tune | validation | all |")
            print("|---|---|---|---|")
            for t, parts in figures[ds]["types"].items():
                cells = " | ".join(fmt(parts.get(p, {}).get("mean_f1")) for p in PARTS)
                print(f"| {t} | {cells} |")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
