#!/usr/bin/env python3
"""Trains the content model (src/score/model.json) on the tune half of the corpus.

usage: quality/train.py [--dump] [--rev REV] [--out src/score/model.json] [--lodo]

Steps (deterministic: fixed seed, one thread, pinned versions in quality/requirements.txt):
1. `--dump` (or a missing dump) runs `examples/dump_blocks.rs` over every corpus page, writing
   target/quality/blocks-REV/DATASET.jsonl: every live block of a page with its features, its
   own text and the rules' verdict. The dump is written by the code of commit REV (default:
   the one `quality/model.rev` names, the commit whose dump the committed model was trained
   on; checked out as a git worktree under target/quality/), or by the working tree with
   `--rev worktree`. Its feature list must be the working tree's.
2. Labels: a block is content when at least half of its word trigrams (for a block of one or
   two words: its word sequence) occur in the page's gold text. Each block weighs its share of
   the page's gold words (capped), so that every page counts about equally, as in the per-page
   mean F1 the corpus is scored by; each page weighs the inverse of its dataset's size, so
   that every dataset counts the same, as in the mean over datasets.
3. Two LightGBM forests are fitted on the tune pages of all six datasets: the first on the
   block features, the second on those and the first scores of the blocks around (out-of-fold
   on tune). That is done for each of three fixed seeds (SEEDS); the model kept is that of
   the first seed whose simulated validation mean over datasets, with its own cuts, is within
   0.0005 of the best. The three probability cut-offs (for blocks the rules keep, prune, and the others) are
   chosen on validation pages by the simulated per-page F1 (the text of the kept blocks,
   scored like score.py); precision and recall modes shift all three by 0.15. The page cut
   (a page none of whose blocks reaches it has no main content) is chosen on tune pages, the
   only half where there are enough pages with empty gold to choose it; the modes shift it too.
4. The trees are written as flat arrays (see src/score/model.rs).
`--lodo` also trains once per dataset on the tune pages of the five others and writes
target/quality/lodo/DATASET.json, for quality/tables.sh to score with the real binary.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import split  # noqa: E402

SEED = 20261203
# The seeds tried; the model kept is that of the first seed whose validation mean over datasets
# (simulated, with its own cuts) is within 0.0005 of the best. The training is chaotic where the corpus is small (README): one
# seed's model can fall behind another's by 0.005 on a dataset for no reason a change made.
SEEDS = (SEED, 7, 11)
WORD = re.compile(r"\w+")
BLOCKS = os.path.join(REPO, "target", "quality", "blocks")
PARAMS = dict(
    objective="binary",
    learning_rate=0.15,
    num_leaves=31,
    max_depth=8,
    min_data_in_leaf=40,
    min_sum_hessian_in_leaf=1e-3,
    feature_fraction=0.8,
    bagging_fraction=0.8,
    bagging_freq=1,
    lambda_l2=1.0,
    seed=SEED,
    bagging_seed=SEED,
    feature_fraction_seed=SEED,
    data_random_seed=SEED,
    deterministic=True,
    force_col_wise=True,
    num_threads=1,
    verbose=-1,
)
ROUNDS = 100


def names_in(path, const, tree=REPO):
    """The names of a `const NAME: [&str; N] = [...]` list in a Rust source file."""
    with open(os.path.join(tree, path), encoding="utf-8") as fh:
        body = fh.read().split(f"pub(crate) const {const}")[1].split("];")[0]
    return re.findall(r'^    "(\w+)",$', body, re.M)


def features_in(tree=REPO):
    """A row's feature names, as src/score/features.rs `names()` lists them: the named
    features, one per class/id word of src/score/name_words.rs, and the page's named share."""
    has_words = os.path.isfile(os.path.join(tree, "src/score/name_words.rs"))
    words = names_in("src/score/name_words.rs", "WORDS", tree) if has_words else []
    return (names_in("src/score/features.rs", "FEATURES", tree)
            + [f"name_{w}" for w in words] + ["page_named_share"])


FEATURES = features_in()
CONTEXT = names_in("src/score/model.rs", "CONTEXT")
# A boilerplate line of the vocabulary is never kept, nor a block of a related box that the
# rules drop (src/score/mod.rs).
LINE = FEATURES.index("boilerplate_line")
RELATED = FEATURES.index("related_box")
PRUNED = FEATURES.index("rules_pruned")
# A page of fewer blocks is never called empty (src/score/mod.rs, MIN_BLOCKS_FOR_NOTHING).
MIN_BLOCKS_FOR_NOTHING = 4


REV_FILE = os.path.join(HERE, "model.rev")


def source_tree(rev):
    """(source tree, dump folder) for `rev`: the working tree for "worktree", else a detached
    git worktree of the commit under target/quality/ (made once)."""
    if rev == "worktree":
        return REPO, BLOCKS
    full = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.strip()
    tree = os.path.join(REPO, "target", "quality", f"src-{full[:12]}")
    if not os.path.isdir(tree):
        # A worktree removed with target/ (cargo clean) is still registered until pruned.
        subprocess.run(["git", "worktree", "prune"], cwd=REPO, check=True)
        subprocess.run(["git", "worktree", "add", "--detach", tree, full], cwd=REPO, check=True)
    if features_in(tree) != FEATURES:
        sys.exit(f"the features of {rev} are not the working tree's: train with --rev worktree")
    return tree, f"{BLOCKS}-{full[:12]}"


def dump(corpus, profile, tree):
    os.makedirs(BLOCKS, exist_ok=True)
    # Another commit's tree builds into its own target/, whatever CARGO_TARGET_DIR says: its
    # dump_blocks must not replace the working tree's.
    env = dict(os.environ)
    if tree != REPO:
        env["CARGO_TARGET_DIR"] = os.path.join(tree, "target")
    target = env.get("CARGO_TARGET_DIR", os.path.join(tree, "target"))
    subprocess.run(
        ["cargo", "build", "--quiet", "--profile", profile, "--example", "dump_blocks"],
        cwd=tree,
        env=env,
        check=True,
    )
    exe = os.path.join(target, profile, "examples", "dump_blocks")
    for ds in split.datasets(corpus):
        files = [os.path.join(corpus, ds, g["file"]) for g in split.pages(corpus, ds)]
        with open(os.path.join(BLOCKS, f"{ds}.jsonl"), "w", encoding="utf-8") as out:
            for k in range(0, len(files), 500):
                subprocess.run([exe, *files[k : k + 500]], stdout=out, check=True)


def tokens(text):
    return WORD.findall(text.lower())


def grams(toks, n):
    return [tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)]


class Page:
    """One page: its blocks' features, own-text tokens, rules' verdicts, gold and labels."""

    def __init__(self, dataset, pid, gold, blocks):
        self.dataset, self.id, self.part = dataset, pid, split.part(dataset, pid)
        self.gold = Counter(tokens(gold))
        self.x = np.array([b["x"] for b in blocks], dtype=np.float32).reshape(len(blocks), -1)
        self.toks = [tokens(b["text"]) for b in blocks]
        self.rules = np.array([b["rules"] for b in blocks], dtype=bool)
        self.groups = np.array([b["g"] for b in blocks], dtype=np.int64).reshape(len(blocks), -1)
        gtoks = tokens(gold)
        sets = {n: set(grams(gtoks, n)) for n in (1, 2, 3)}
        labels, weights = [], []
        total = max(len(gtoks), 1)
        for t in self.toks:
            if not t:
                share = 0.0
            elif len(t) < 3:
                share = 1.0 if tuple(t) in sets[len(t)] else 0.0
            else:
                g = grams(t, 3)
                share = sum(1 for x in g if x in sets[3]) / len(g)
            labels.append(share >= 0.5)
            weights.append(min(len(t) / total, 1.0) + 0.002)
        self.y = np.array(labels, dtype=np.float32)
        self.w0 = np.array(weights, dtype=np.float32)
        self.w = self.w0

    def f1(self, keep):
        """The page's bag-of-words P, R, F1 when the blocks in `keep` are the text."""
        pred = Counter()
        for k, t in zip(keep, self.toks):
            if k:
                pred.update(t)
        gl, pl = sum(self.gold.values()), sum(pred.values())
        if gl == 0:
            v = 1.0 if pl == 0 else 0.0
            return v, v, v
        if pl == 0:
            return 0.0, 0.0, 0.0
        tp = sum((pred & self.gold).values())
        p, r = tp / pl, tp / gl
        return p, r, (2 * p * r / (p + r) if tp else 0.0)


def load(corpus):
    pages = []
    for ds in split.datasets(corpus):
        gold = {str(g["id"]): g.get("text") for g in split.pages(corpus, ds)}
        with open(os.path.join(BLOCKS, f"{ds}.jsonl"), encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                name = os.path.basename(d["source"])
                pid = name.split(".html")[0]
                g = gold.get(pid)
                if isinstance(g, str) and d["blocks"]:
                    pages.append(Page(ds, pid, g, d["blocks"]))
    return pages


def set_seed(seed):
    for k in ("seed", "bagging_seed", "feature_fraction_seed", "data_random_seed"):
        PARAMS[k] = seed


def fit_forest(x, y, w, rounds=ROUNDS):
    import lightgbm as lgb

    return lgb.train(PARAMS, lgb.Dataset(x, y, weight=w, free_raw_data=True), rounds)


def stack(pages):
    return (
        np.concatenate([p.y for p in pages]),
        np.concatenate([p.w for p in pages]),
    )


def context(page, first):
    """The second forest's context columns (src/score/model.rs, CONTEXT) from first scores."""
    n = len(first)
    words = np.maximum(np.rint(np.exp(page.x[:, 1].astype(np.float64)) - 1), 1)
    s = np.concatenate([[0.0], np.cumsum(first * words)])
    ws = np.concatenate([[0.0], np.cumsum(words)])
    idx = np.arange(n)

    def window(k):
        lo, hi = np.maximum(idx - k, 0), np.minimum(idx + k + 1, n)
        return (s[hi] - s[lo]) / (ws[hi] - ws[lo])

    def group(g):
        ids = page.groups[:, g]
        num = np.bincount(ids, weights=first * words)
        den = np.bincount(ids, weights=words)
        return (num / den)[ids], np.bincount(ids)[ids]

    prev = np.concatenate([[0.0], first[:-1]])
    nxt = np.concatenate([first[1:], [0.0]])
    g1, _ = group(0)
    g2, size2 = group(1)
    cols = [first, prev, nxt, window(2), window(5), window(10),
            np.full(n, first.max()), np.full(n, s[n] / ws[n]), g1, g2, np.log1p(size2)]
    if page.groups.shape[1] > 2:
        g3, size3 = group(2)
        cols += [g3, np.log1p(size3)]
    return np.column_stack(cols).astype(np.float32)


class TwoStage:
    """The first forest on block features; the second on those and the first scores around."""

    def __init__(self, pages):
        y, w = stack(pages)
        x = np.concatenate([p.x for p in pages])
        self.first = fit_forest(x, y, w)
        # Out-of-fold first scores, so that the second forest learns from scores like the
        # ones it will see on new pages.
        folds = 4
        oof = [None] * len(pages)
        for f in range(folds):
            rest = [p for k, p in enumerate(pages) if k % folds != f]
            yr, wr = stack(rest)
            b = fit_forest(np.concatenate([p.x for p in rest]), yr, wr)
            for k, p in enumerate(pages):
                if k % folds == f:
                    oof[k] = b.predict(p.x)
        x2 = np.concatenate([np.hstack([p.x, context(p, o)]) for p, o in zip(pages, oof)])
        self.second = fit_forest(x2, y, w)

    def predict(self, page):
        first = self.first.predict(page.x)
        return self.second.predict(np.hstack([page.x, context(page, first)]))


def fit(pages):
    """The model for `pages`, each dataset weighing the same in all (as in the mean over
    datasets that the corpus is judged by)."""
    sizes = Counter(p.dataset for p in pages)
    mean = sum(sizes.values()) / len(sizes)
    for p in pages:
        p.w = p.w0 * (mean / sizes[p.dataset])
    return TwoStage(pages)


def kept(p, pr, cuts, nothing=0.0):
    """The blocks of page `p` kept with probabilities `pr` (see `simulate`)."""
    vetoed = (p.x[:, LINE] == 1) | ((p.x[:, RELATED] == 1) & ~p.rules)
    cut = np.where(p.rules, cuts[0], np.where(p.x[:, PRUNED] == 1, cuts[1], cuts[2]))
    keep = (pr >= cut) & ~vetoed
    best = float(pr[~vetoed].max()) if (~vetoed).any() else 0.0
    if len(pr) >= MIN_BLOCKS_FOR_NOTHING and best < nothing:
        return np.zeros_like(keep)
    return keep if keep.any() else p.rules


def simulate(pages, probs, cuts, nothing=0.0):
    """Mean P, R, F1 over pages when a block is kept at or above `cuts[0]` where the rules keep
    it, `cuts[1]` where they pruned it inside their content, `cuts[2]` elsewhere (the rules'
    reading where no block is), and nothing is kept of a page of four blocks or more whose
    blocks all score under `nothing`."""
    ps, rs, fs = [], [], []
    for p, pr in zip(pages, probs):
        a, b, c = p.f1(kept(p, pr, cuts, nothing))
        ps.append(a)
        rs.append(b)
        fs.append(c)
    return float(np.mean(ps)), float(np.mean(rs)), float(np.mean(fs))


def by_dataset(pages, probs, cuts, nothing=0.0):
    out = {}
    for ds in sorted({p.dataset for p in pages}):
        sel = [(p, pr) for p, pr in zip(pages, probs) if p.dataset == ds]
        out[ds] = simulate([s[0] for s in sel], [s[1] for s in sel], cuts, nothing)
    return out


def mean_f1(pages, probs, cuts, nothing=0.0):
    return float(np.mean([v[2] for v in by_dataset(pages, probs, cuts, nothing).values()]))


def choose_nothing(pages, probs, cuts):
    """The page cut: a page none of whose blocks reaches it has no main content (an empty
    result, not the rules' reading). Chosen on tune pages, where the corpus holds pages whose
    gold is empty, as the one that maximises the mean over datasets of the mean F1; the lowest
    within 0.0005 of the best (returning nothing wants the more certainty)."""
    grid = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
    f = [(c, mean_f1(pages, probs, cuts, c)) for c in grid]
    top = max(v for _, v in f)
    return min(c for c, v in f if v >= top - 0.0005)


def choose_cuts(pages, probs):
    """The cut-offs that maximise the mean over datasets of the mean F1: first the pair for
    blocks the rules keep and the others, then the cut for blocks the rules pruned from their
    content, the highest within 0.0005 of the best (overruling the rules' explicit verdict
    wants the more confidence, where the corpus cannot tell the cuts apart)."""
    best = None
    for inside in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
        for outside in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
            f = mean_f1(pages, probs, (inside, outside, outside))
            if best is None or f > best[1]:
                best = ((inside, outside), f)
    inside, outside = best[0]
    pruned = [(c, mean_f1(pages, probs, (inside, c, outside))) for c in (0.45, 0.55, 0.65, 0.75, 0.85)]
    top = max(f for _, f in pruned)
    # The pruned cut is never below the outside cut: the highest near the best, else the best
    # of those at or above the outside cut (the highest on a tie), else the outside cut itself.
    above = [(c, f) for c, f in pruned if c >= outside]
    near = [c for c, f in above if f >= top - 0.0005]
    if near:
        cut = max(near)
    elif above:
        cut = max(above, key=lambda t: (t[1], t[0]))[0]
    else:
        cut = outside
    return (inside, cut, outside)


def f32_floor(t):
    """The largest float32 at or below `t`: x <= t and x <= f32_floor(t) agree for float32 x."""
    f = np.float32(t)
    if float(f) > t:
        f = np.nextafter(f, np.float32(-np.inf))
    return float(f)


def forest(booster):
    trees = []
    for info in booster.dump_model()["tree_info"]:
        feature, threshold, left, right, leaf = [], [], [], [], []

        def walk(node):
            if "leaf_index" in node or "leaf_value" in node and "split_index" not in node:
                leaf.append(float(np.float32(node["leaf_value"])))
                return ~(len(leaf) - 1)
            j = len(feature)
            assert node["decision_type"] == "<=", node["decision_type"]
            feature.append(node["split_feature"])
            threshold.append(f32_floor(node["threshold"]))
            left.append(0)
            right.append(0)
            left[j] = walk(node["left_child"])
            right[j] = walk(node["right_child"])
            return j

        root = walk(info["tree_structure"])
        if root < 0:  # a tree that is a single leaf
            feature, threshold, left, right = [], [], [], []
        trees.append(dict(feature=feature, threshold=threshold, left=left, right=right, leaf=leaf))
    return {"base": 0.0, "trees": trees}


def export(model, names, context_names, thresholds):
    return {
        "features": names,
        "context": context_names,
        "thresholds": thresholds,
        "first": forest(model.first),
        "second": forest(model.second),
    }


def predict(model, pages):
    return [model.predict(p) for p in pages]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump", action="store_true", help="write the block dump first")
    ap.add_argument("--profile", default="release", help="cargo profile of the dump (release)")
    ap.add_argument("--rev", help="commit whose code writes the dump, or `worktree` "
                    "(default: the one quality/model.rev names)")
    ap.add_argument("--out", default=os.path.join(REPO, "src", "score", "model.json"))
    ap.add_argument("--lodo", action="store_true", help="also train the leave-one-out models")
    a = ap.parse_args(argv)
    corpus = split.default_corpus()
    global BLOCKS
    with open(REV_FILE, encoding="utf-8") as fh:
        recorded = fh.read().split()[0]
    tree, BLOCKS = source_tree(a.rev or recorded)
    if a.dump or not os.path.isdir(BLOCKS):
        dump(corpus, a.profile, tree)
    names, context_names = FEATURES, CONTEXT
    pages = load(corpus)
    tune = [p for p in pages if p.part == "tune"]
    val = [p for p in pages if p.part == "validation"]
    print(f"{len(tune)} tune pages, {len(val)} validation pages, {len(names)} features", file=sys.stderr)
    tried = []
    for seed in SEEDS:
        set_seed(seed)
        b = fit(tune)
        p = predict(b, val)
        c = choose_cuts(val, p)
        f = mean_f1(val, p, c)
        print(f"seed {seed}: cuts {c}, validation mean F1 (simulated) {f:.4f}", file=sys.stderr)
        tried.append((f, seed, b, p, c))
    # The first seed within 0.0005 of the best: closer than that, the seeds differ by noise.
    top = max(t[0] for t in tried)
    _, seed, booster, pv, balanced = next(t for t in tried if t[0] >= top - 0.0005)
    set_seed(seed)
    print(f"kept seed {seed}", file=sys.stderr)
    shift = lambda d: [round(min(max(c + d, 0.02), 0.98), 2) for c in balanced]  # noqa: E731
    thresholds = {"balanced": list(balanced), "precision": shift(0.15), "recall": shift(-0.15)}
    nothing = choose_nothing(tune, predict(booster, tune), balanced)
    thresholds["nothing"] = [nothing, round(nothing + 0.15, 2), round(max(nothing - 0.15, 0.0), 2)]
    rules = by_dataset(val, [p.rules.astype(float) for p in val], (0.5, 0.5, 0.5))
    model = by_dataset(val, pv, balanced, nothing)
    for k, mode in ((1, "precision"), (2, "recall")):
        sims = by_dataset(val, pv, thresholds[mode], thresholds["nothing"][k])
        print(f"{mode} mode, validation, simulated (P R F1): "
              + ", ".join(f"{d} {v[0]:.3f} {v[1]:.3f} {v[2]:.3f}" for d, v in sims.items()), file=sys.stderr)
    print("validation, simulated (P R F1): rules -> model", file=sys.stderr)
    for ds in rules:
        r, m = rules[ds], model[ds]
        print(f"  {ds:12} {r[0]:.3f} {r[1]:.3f} {r[2]:.3f} -> {m[0]:.3f} {m[1]:.3f} {m[2]:.3f}", file=sys.stderr)
    gain = booster.first.feature_importance("gain")
    top = sorted(zip(names, gain), key=lambda t: -t[1])[:12]
    gain2 = booster.second.feature_importance("gain")
    top2 = sorted(zip(names + context_names, gain2), key=lambda t: -t[1])[:8]
    print("second forest (gain): " + ", ".join(f"{n} {g/sum(gain2):.2f}" for n, g in top2), file=sys.stderr)
    print("first forest (gain): " + ", ".join(f"{n} {g/sum(gain):.2f}" for n, g in top), file=sys.stderr)
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(export(booster, names, context_names, thresholds), fh, separators=(",", ":"))
        fh.write("\n")
    print(f"wrote {a.out} (thresholds {thresholds})", file=sys.stderr)
    if a.lodo:
        lodo = os.path.join(REPO, "target", "quality", "lodo")
        os.makedirs(lodo, exist_ok=True)
        for ds in split.datasets(corpus):
            b = fit([p for p in tune if p.dataset != ds])
            held = [p for p in val if p.dataset == ds]
            m = simulate(held, predict(b, held), balanced, nothing)
            print(f"  leave out {ds:12} validation simulated F1 {m[2]:.3f}", file=sys.stderr)
            with open(os.path.join(lodo, f"{ds}.json"), "w", encoding="utf-8") as fh:
                json.dump(export(b, names, context_names, thresholds), fh, separators=(",", ":"))


if __name__ == "__main__":
    main()
