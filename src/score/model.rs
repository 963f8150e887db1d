//! The embedded content model: gradient-boosted trees over block features, with the
//! probability cut-offs of each focus.
//!
//! The model file (`model.json`, beside this file) is written by `quality/train.py` and built
//! into the crate; nothing is read at run time. A tree is a flat array of nodes: an inner node
//! sends a row left when `row[feature] <= threshold`; a child index below zero names a leaf
//! (`!child`). The score is the sum of the leaves reached, the probability its logistic.

use super::features::{self, GROUPS, N};
use crate::options::Focus;
use serde::Deserialize;
use std::sync::LazyLock;

/// The model file, as `quality/train.py` wrote it.
const MODEL_JSON: &str = include_str!("model.json");

#[derive(Deserialize)]
struct File {
    features: Vec<String>,
    #[serde(default)]
    context: Vec<String>,
    first: ForestFile,
    second: Option<ForestFile>,
    thresholds: Thresholds,
}

#[derive(Deserialize)]
struct ForestFile {
    base: f32,
    trees: Vec<TreeFile>,
}

#[derive(Deserialize)]
struct TreeFile {
    feature: Vec<u16>,
    threshold: Vec<f32>,
    left: Vec<i32>,
    right: Vec<i32>,
    leaf: Vec<f32>,
}

/// Probability cut-offs of each focus, as `[kept, pruned, outside]`: a block is content when
/// its probability is at least the first where the rules keep it, the second where they pruned
/// it from the content they chose, the third elsewhere (the rules' reading is a prior the model
/// must overcome).
#[derive(Deserialize, Clone, Copy)]
pub(crate) struct Thresholds {
    pub balanced: [f32; 3],
    pub precision: [f32; 3],
    pub recall: [f32; 3],
    /// The page cut of each focus (balanced, precision, recall): a page none of whose blocks
    /// reaches it has no main content. Zero (never) in a file without it.
    #[serde(default)]
    pub nothing: [f32; 3],
}

/// Most nodes (inner nodes and leaves) of one tree: 32 leaves and 31 inner nodes fit, more than
/// `quality/train.py` grows (31 leaves).
const TREE_SLOTS: usize = 64;

/// A node of a loaded tree: an inner node sends a row to slot `left` when `row[feature] <=
/// threshold`, else to slot `right`; a leaf sends every row to itself (both children are the
/// leaf), so that walks of different lengths can step side by side the same number of times.
#[derive(Clone, Copy, Default)]
struct Node {
    threshold: f32,
    feature: u16,
    left: u8,
    right: u8,
}

/// One tree in a fixed block of [`TREE_SLOTS`] slots: the root in slot 0, the file's inner nodes
/// in their places, then its leaves. A slot index is read modulo the block's size, so that the
/// walk needs no bounds check (every index is in range already: the parser checks it).
struct Tree {
    nodes: [Node; TREE_SLOTS],
    /// The value of each slot that is a leaf (0 for inner nodes and unused slots).
    values: [f32; TREE_SLOTS],
    /// The most steps a walk from the root takes to reach a leaf.
    depth: u32,
}

impl Tree {
    /// The slot a row at slot `c` goes to next.
    #[inline(always)]
    fn step<const W: usize>(&self, c: u8, row: &[f32; W]) -> u8 {
        let n = self.nodes[usize::from(c) % TREE_SLOTS];
        // Every feature is in the row (the parser checks it); NaN, were one not, would go
        // right as a NaN feature does.
        let x = row.get(usize::from(n.feature)).copied();
        if x.unwrap_or(f32::NAN) <= n.threshold {
            n.left
        } else {
            n.right
        }
    }

    /// The value of the leaf a walk ended at.
    #[inline(always)]
    fn value(&self, c: u8) -> f32 {
        self.values[usize::from(c) % TREE_SLOTS]
    }
}

/// One sum of trees.
#[derive(Default)]
struct Forest {
    base: f32,
    trees: Vec<Tree>,
}

/// A loaded model: the first forest scores each block from its own features; the second,
/// where there is one, scores it again from those and from the first scores of the blocks
/// around it ([`CONTEXT`]).
pub(crate) struct Model {
    first: Forest,
    second: Option<Forest>,
    pub thresholds: Thresholds,
}

/// The context features of the second forest: the block's first score, its neighbours', the
/// mean first score over windows of 2, 5 and 10 blocks each side, the page's highest and mean
/// first score, the mean first score of each of the block's three groups (means weighted by
/// words) and the sizes of the wider two.
pub(crate) const CONTEXT: [&str; 13] = [
    "first_score",
    "prev_score",
    "next_score",
    "window2_score",
    "window5_score",
    "window10_score",
    "page_max_score",
    "page_mean_score",
    "group_score",
    "group2_score",
    "group2_size_log",
    "group3_score",
    "group3_size_log",
];

/// Width of a second-forest row.
pub(crate) const N2: usize = N + CONTEXT.len();

/// The model, parsed once per process: the embedded one, or (for `quality/train.py`'s
/// leave-one-dataset-out runs) the file named by `NUTGRAF_MODEL` when that is set and valid.
/// `None` only if the embedded file does not fit the code (a build defect the tests catch;
/// then the rules decide alone, as they do while a retrained model is being made).
pub(crate) static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| {
    std::env::var_os("NUTGRAF_MODEL")
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|json| Model::parse(&json).ok())
        .or_else(|| Model::parse(MODEL_JSON).ok())
});

impl Forest {
    fn parse(f: ForestFile, width: usize) -> Result<Forest, String> {
        let mut m = Forest {
            base: f.base,
            ..Forest::default()
        };
        for t in f.trees {
            let k = t.feature.len();
            if t.threshold.len() != k || t.left.len() != k || t.right.len() != k {
                return Err("a tree's node arrays differ in length".into());
            }
            if t.leaf.is_empty() {
                return Err("a tree without leaves".into());
            }
            if k + t.leaf.len() > TREE_SLOTS {
                return Err(format!(
                    "a tree has more than {TREE_SLOTS} nodes (at most {} leaves)",
                    TREE_SLOTS / 2
                ));
            }
            let in_range = |c: i32| {
                if c < 0 {
                    ((!c) as usize) < t.leaf.len()
                } else {
                    (c as usize) < k
                }
            };
            for j in 0..k {
                if t.feature[j] as usize >= width || !in_range(t.left[j]) || !in_range(t.right[j]) {
                    return Err("a tree refers outside itself".into());
                }
                // Children come after their parent, so every walk ends.
                if (t.left[j] >= 0 && t.left[j] as usize <= j)
                    || (t.right[j] >= 0 && t.right[j] as usize <= j)
                {
                    return Err("a tree's child precedes its parent".into());
                }
            }
            // Inner nodes keep their places; leaf `i` of the file follows them in slot `k + i`
            // (fewer than TREE_SLOTS slots in all, as checked above).
            let slot = |c: i32| (if c < 0 { k + (!c) as usize } else { c as usize }) as u8;
            // Children come after their parents: one pass forward finds every node's depth.
            let mut depth = [0u32; TREE_SLOTS];
            for j in 0..k {
                for c in [t.left[j], t.right[j]] {
                    let c = usize::from(slot(c));
                    depth[c] = depth[c].max(depth[j] + 1);
                }
            }
            let mut tree = Tree {
                nodes: [Node::default(); TREE_SLOTS],
                values: [0.0; TREE_SLOTS],
                depth: depth.iter().copied().max().unwrap_or(0),
            };
            // The root is slot 0: the tree's first inner node, or its only leaf.
            for j in 0..k {
                tree.nodes[j] = Node {
                    feature: t.feature[j],
                    threshold: t.threshold[j],
                    left: slot(t.left[j]),
                    right: slot(t.right[j]),
                };
            }
            for (i, &value) in t.leaf.iter().enumerate() {
                let at = k + i;
                tree.nodes[at].left = at as u8;
                tree.nodes[at].right = at as u8;
                tree.values[at] = value;
            }
            m.trees.push(tree);
        }
        Ok(m)
    }

    /// The forest's raw scores (log-odds) of `rows`, tree by tree: each tree's few nodes stay
    /// in the cache while every row walks it (row by row, the whole forest would be fetched
    /// again for each block). Each row's sum adds the trees in the same order either way.
    fn scores<const W: usize>(&self, rows: &[[f32; W]]) -> Vec<f32> {
        // Rows walk a tree LANES at a time, each walk as many steps as the tree is deep (a walk
        // that reaches a leaf early stays there): each step of a walk waits for the node before
        // it, and independent walks side by side, without a branch on where each one is,
        // overlap those waits.
        const LANES: usize = 8;
        let mut sums = vec![self.base; rows.len()];
        for tree in &self.trees {
            let mut sum_chunks = sums.chunks_exact_mut(LANES);
            let mut row_chunks = rows.chunks_exact(LANES);
            for (sums, rows) in (&mut sum_chunks).zip(&mut row_chunks) {
                // A whole batch: its lanes are a fixed number, stepped in an unrolled loop.
                let mut c = [0u8; LANES];
                for _ in 0..tree.depth {
                    for (c, row) in c.iter_mut().zip(rows) {
                        *c = tree.step(*c, row);
                    }
                }
                for (sum, &c) in sums.iter_mut().zip(&c) {
                    *sum += tree.value(c);
                }
            }
            for (sum, row) in sum_chunks
                .into_remainder()
                .iter_mut()
                .zip(row_chunks.remainder())
            {
                let mut c = 0u8;
                for _ in 0..tree.depth {
                    c = tree.step(c, row);
                }
                *sum += tree.value(c);
            }
        }
        sums
    }
}

fn logistic(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// Parses a model file; checks that every index is in range, so that prediction can not
    /// go out of bounds, and that the feature lists are the ones the code computes.
    pub(crate) fn parse(json: &str) -> Result<Model, String> {
        let f: File = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let features_match = f.features.len() == N
            && f.features
                .iter()
                .zip(features::names())
                .all(|(a, b)| *a == b);
        if !features_match {
            return Err(format!("the model reads other features: {:?}", f.features));
        }
        let second = match f.second {
            Some(s) => {
                if f.context.len() != CONTEXT.len()
                    || f.context.iter().zip(CONTEXT).any(|(a, b)| a != b)
                {
                    return Err(format!(
                        "the model reads other context features: {:?}",
                        f.context
                    ));
                }
                Some(Forest::parse(s, N2)?)
            }
            None => None,
        };
        Ok(Model {
            first: Forest::parse(f.first, N)?,
            second,
            thresholds: f.thresholds,
        })
    }

    /// The probability that each block is content, from the blocks' feature rows (in document
    /// order), their word counts and their groups.
    pub(crate) fn predict(
        &self,
        rows: &[[f32; N]],
        words: &[u32],
        groups: &[[u32; GROUPS]],
    ) -> Vec<f32> {
        let first: Vec<f32> = self.first.scores(rows).into_iter().map(logistic).collect();
        let Some(second) = &self.second else {
            return first;
        };
        let n = first.len();
        // Prefix sums of word-weighted scores, for the windows.
        let weight = |k: usize| words.get(k).copied().unwrap_or(0).max(1) as f32;
        let mut sum = vec![0f64; n + 1];
        let mut wsum = vec![0f64; n + 1];
        for k in 0..n {
            sum[k + 1] = sum[k] + (first[k] * weight(k)) as f64;
            wsum[k + 1] = wsum[k] + weight(k) as f64;
        }
        let window = |k: usize, w: usize| {
            let (lo, hi) = (k.saturating_sub(w), (k + w + 1).min(n));
            ((sum[hi] - sum[lo]) / (wsum[hi] - wsum[lo])) as f32
        };
        // Word-weighted first scores, and block counts, summed per group.
        let mut group: [Vec<(f32, f32, u32)>; GROUPS] = Default::default();
        for (k, &score) in first.iter().enumerate() {
            for (g, sums) in group.iter_mut().enumerate() {
                let id = groups.get(k).map_or(0, |ids| ids[g]) as usize;
                if sums.len() <= id {
                    sums.resize(id + 1, (0f32, 0f32, 0u32));
                }
                let s = &mut sums[id];
                s.0 += score * weight(k);
                s.1 += weight(k);
                s.2 += 1;
            }
        }
        let of_group = |g: usize, k: usize| {
            let id = groups.get(k).map_or(0, |ids| ids[g]) as usize;
            group[g][id]
        };
        let max = first.iter().copied().fold(0.0, f32::max);
        let mean = if n == 0 {
            0.0
        } else {
            (sum[n] / wsum[n]) as f32
        };
        let rows2: Vec<[f32; N2]> = (0..n)
            .map(|k| {
                let mut row = [0f32; N2];
                row[..N].copy_from_slice(&rows[k]);
                row[N..].copy_from_slice(&[
                    first[k],
                    if k > 0 { first[k - 1] } else { 0.0 },
                    first.get(k + 1).copied().unwrap_or(0.0),
                    window(k, 2),
                    window(k, 5),
                    window(k, 10),
                    max,
                    mean,
                    of_group(0, k).0 / of_group(0, k).1,
                    of_group(1, k).0 / of_group(1, k).1,
                    (1.0 + of_group(1, k).2 as f32).ln(),
                    of_group(2, k).0 / of_group(2, k).1,
                    (1.0 + of_group(2, k).2 as f32).ln(),
                ]);
                row
            })
            .collect();
        second.scores(&rows2).into_iter().map(logistic).collect()
    }

    /// The cut-offs of a focus: for blocks the rules keep, prune, and the others.
    pub(crate) fn threshold(&self, focus: Focus) -> [f32; 3] {
        match focus {
            Focus::Balanced => self.thresholds.balanced,
            Focus::Precision => self.thresholds.precision,
            Focus::Recall => self.thresholds.recall,
        }
    }

    /// The page cut of a focus: a page none of whose blocks is this likely has no main content.
    pub(crate) fn nothing(&self, focus: Focus) -> f32 {
        let [balanced, precision, recall] = self.thresholds.nothing;
        match focus {
            Focus::Balanced => balanced,
            Focus::Precision => precision,
            Focus::Recall => recall,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        features::names().collect()
    }

    #[test]
    fn the_embedded_model_reads_the_features_the_code_computes() {
        // Parsing checks both feature lists against the code's (features::names, CONTEXT).
        let m = Model::parse(MODEL_JSON).unwrap_or_else(|e| panic!("model.json: {e}"));
        assert!(
            m.second.is_some(),
            "the embedded model has its second forest"
        );
        let t = m.thresholds;
        for k in 0..3 {
            assert!(t.precision[k] >= t.balanced[k] && t.balanced[k] >= t.recall[k]);
        }
        // The page cut: precision asks the most certainty before a page counts as content.
        let [balanced, precision, recall] = t.nothing;
        assert!(precision >= balanced && balanced >= recall && recall >= 0.0);
    }

    #[test]
    fn a_model_file_without_a_page_cut_never_calls_a_page_empty() {
        let json = serde_json::json!({
            "features": names(),
            "thresholds": {"balanced": [0.5, 0.5, 0.5], "precision": [0.6, 0.6, 0.6], "recall": [0.4, 0.4, 0.4]},
            "first": {"base": 0.0, "trees": []}
        });
        let m = Model::parse(&json.to_string()).unwrap_or_else(|e| panic!("{e}"));
        for focus in [Focus::Balanced, Focus::Precision, Focus::Recall] {
            assert_eq!(m.nothing(focus), 0.0);
        }
    }

    #[test]
    fn a_tree_sends_a_row_left_at_or_below_its_threshold() {
        let json = serde_json::json!({
            "features": names(),
            "thresholds": {"balanced": [0.5, 0.5, 0.5], "precision": [0.6, 0.6, 0.6], "recall": [0.4, 0.4, 0.4]},
            "first": {"base": 0.0, "trees": [{"feature": [0], "threshold": [1.0],
                "left": [-1], "right": [-2], "leaf": [-2.0, 2.0]}]}
        });
        let m = Model::parse(&json.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let mut rows = [[0.0; N]; 2];
        rows[0][0] = 1.0;
        rows[1][0] = 1.5;
        let p = m.predict(&rows, &[3, 3], &[[0; GROUPS], [1; GROUPS]]);
        assert!(p[0] < 0.2 && p[1] > 0.8, "{p:?}");
    }

    #[test]
    fn every_tree_is_walked_from_its_own_root_to_its_own_leaves() {
        // Two trees of two levels, and a tree that is one leaf: the sum of their leaves.
        let tree = serde_json::json!({"feature": [0, 0], "threshold": [1.0, 0.5],
            "left": [1, -1], "right": [-3, -2], "leaf": [-1.0, 0.5, 2.0]});
        let json = serde_json::json!({
            "features": names(),
            "thresholds": {"balanced": [0.5, 0.5, 0.5], "precision": [0.6, 0.6, 0.6], "recall": [0.4, 0.4, 0.4]},
            "first": {"base": 0.0, "trees": [tree, tree, {"feature": [], "threshold": [],
                "left": [], "right": [], "leaf": [0.25]}]}
        });
        let m = Model::parse(&json.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let logit = |x: f32| {
            let mut row = [0.0; N];
            row[0] = x;
            m.first.scores(&[row])[0]
        };
        assert_eq!(logit(0.0), -1.75);
        assert_eq!(logit(0.75), 1.25);
        assert_eq!(logit(3.0), 4.25);
    }

    #[test]
    fn rows_walked_side_by_side_score_as_walked_alone() {
        // A lopsided tree (leaves one, two and three steps down) over 19 rows, more than one
        // batch of walks: rows that reach a leaf early wait there for the others.
        let tree = serde_json::json!({"feature": [0, 1, 0], "threshold": [1.0, 0.5, 0.25],
            "left": [1, 2, -1], "right": [-4, -3, -2], "leaf": [-1.0, 0.5, 2.0, 4.0]});
        let json = serde_json::json!({
            "features": names(),
            "thresholds": {"balanced": [0.5, 0.5, 0.5], "precision": [0.6, 0.6, 0.6], "recall": [0.4, 0.4, 0.4]},
            "first": {"base": 0.5, "trees": [tree, tree]}
        });
        let m = Model::parse(&json.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<[f32; N]> = (0..19)
            .map(|k| {
                let mut row = [0.0; N];
                row[0] = [0.0, 0.5, 2.0][k % 3];
                row[1] = [0.0, 1.0][k % 2];
                row
            })
            .collect();
        let expected = |row: &[f32; N]| {
            let leaf = match (row[0] <= 1.0, row[1] <= 0.5, row[0] <= 0.25) {
                (false, _, _) => 4.0,
                (true, false, _) => 2.0,
                (true, true, true) => -1.0,
                (true, true, false) => 0.5,
            };
            0.5 + 2.0 * leaf
        };
        let together = m.first.scores(&rows);
        for (row, got) in rows.iter().zip(&together) {
            assert_eq!(*got, expected(row));
            assert_eq!(m.first.scores(std::slice::from_ref(row))[0], *got);
        }
    }

    #[test]
    fn the_second_forest_reads_the_neighbours_first_scores() {
        // The second forest keeps a block when the block after it scored high at first.
        let json = serde_json::json!({
            "features": names(), "context": CONTEXT,
            "thresholds": {"balanced": [0.5, 0.5, 0.5], "precision": [0.6, 0.6, 0.6], "recall": [0.4, 0.4, 0.4]},
            "first": {"base": 0.0, "trees": [{"feature": [0], "threshold": [1.0],
                "left": [-1], "right": [-2], "leaf": [-3.0, 3.0]}]},
            "second": {"base": 0.0, "trees": [{"feature": [N + 2], "threshold": [0.5],
                "left": [-1], "right": [-2], "leaf": [-3.0, 3.0]}]}
        });
        let m = Model::parse(&json.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let mut rows = [[0.0; N]; 3];
        rows[1][0] = 2.0;
        let p = m.predict(&rows, &[1, 1, 1], &[[0; GROUPS], [1; GROUPS], [2; GROUPS]]);
        assert!(p[0] > 0.9 && p[1] < 0.1 && p[2] < 0.1, "{p:?}");
    }

    #[test]
    fn a_model_that_points_outside_itself_or_reads_other_features_is_refused() {
        let bad_tree = serde_json::json!({
            "features": names(),
            "thresholds": {"balanced": [0.5, 0.5, 0.5], "precision": [0.5, 0.5, 0.5], "recall": [0.5, 0.5, 0.5]},
            "first": {"base": 0.0, "trees": [{"feature": [0], "threshold": [0.0],
                "left": [5], "right": [-1], "leaf": [0.0]}]}
        });
        assert!(Model::parse(&bad_tree.to_string()).is_err());
        let other = serde_json::json!({
            "features": ["something_else"],
            "thresholds": {"balanced": [0.5, 0.5, 0.5], "precision": [0.5, 0.5, 0.5], "recall": [0.5, 0.5, 0.5]},
            "first": {"base": 0.0, "trees": []}
        });
        assert!(Model::parse(&other.to_string()).is_err());
    }

    #[test]
    fn a_tree_larger_than_its_block_of_slots_is_refused() {
        // A chain of 32 inner nodes has 33 leaves: 65 nodes, one more than a tree may hold.
        let k = 32i32;
        let tree = serde_json::json!({
            "feature": vec![0; k as usize],
            "threshold": vec![0.5; k as usize],
            "left": (0..k).map(|j| if j + 1 < k { j + 1 } else { !k }).collect::<Vec<_>>(),
            "right": (0..k).map(|j| !j).collect::<Vec<_>>(),
            "leaf": vec![0.0; k as usize + 1],
        });
        let json = serde_json::json!({
            "features": names(),
            "thresholds": {"balanced": [0.5, 0.5, 0.5], "precision": [0.5, 0.5, 0.5], "recall": [0.5, 0.5, 0.5]},
            "first": {"base": 0.0, "trees": [tree]}
        });
        let err = Model::parse(&json.to_string()).err().unwrap_or_default();
        assert!(err.contains("more than 64 nodes"), "{err}");
    }
}
