//! Scoring: finds the main content among the nodes that cleaning kept.
//!
//! The rules ([`select`], [`prune`]) read the page as Readability does: text blocks score their
//! ancestors, the best container (corrected for link density) is the article, joined by
//! siblings that look like it, and boxes inside it that read like boilerplate are pruned.
//! Every text block of the page is then scored by the trained model ([`model`]) from its
//! features ([`features`]), the rules' verdict among them; the blocks it keeps are the content.

mod explain;
mod features;
mod model;
mod name_words;
mod names;
mod prune;
mod repeats;
mod select;
mod stats;

pub use explain::Explained;
use stats::stats;

use crate::article::ScoredBlock;
use crate::clean::Marks;
use crate::content::Block;
use crate::dom::{Document, Ix};
use crate::options::Focus;

/// The main content of `doc` as blocks; with `scores`, every text block with its verdict too;
/// with `explain`, every text block with its reason (nothing of either is built unasked).
pub fn main_content(
    doc: &Document,
    marks: &Marks,
    focus: Focus,
    base: Option<&str>,
    page_type: Option<&str>,
    scores: Option<&mut Vec<ScoredBlock>>,
    explain: Option<&mut Explained>,
) -> Vec<Block> {
    let st = stats(doc, marks);
    let related = prune::Related::find(doc, marks, &st);
    let choice = select::choose(doc, marks, &st, &related, focus, page_type);
    #[cfg(feature = "trace")]
    {
        for &r in &choice.roots {
            trace!(
                "root {r} {} class={:?} len={}",
                doc.tag(r),
                doc.attr(r, "class"),
                st.len[r]
            );
        }
    }
    let model = model::MODEL.as_ref();
    // The blocks and their probabilities (none without a model: then only when asked for).
    let scored = (model.is_some() || scores.is_some() || explain.is_some()).then(|| {
        let kind = model_page_type(page_type, base);
        let blocks = features::blocks(doc, marks, &st, &related, &choice, kind);
        let words: Vec<u32> = blocks.ix.iter().map(|&b| st.own_words[b]).collect();
        let probs = model.map(|m| m.predict(&blocks.rows, &words, &blocks.groups));
        (blocks, probs)
    });
    // The keep flags before lists are kept whole, only for the explain record.
    let mut before_lists = None;
    let mut nothing = false;
    let kept = model
        .zip(scored.as_ref())
        .and_then(|(model, (blocks, probs))| {
            let probs = probs.as_deref()?;
            let [inside, pruned, outside] = model.threshold(focus);
            let mut keep = vec![false; doc.len()];
            if no_main_content(blocks, &related, probs, model.nothing(focus)) {
                nothing = true;
                return Some((keep, &blocks.rules_keep));
            }
            let mut any = false;
            for ((&b, &p), row) in blocks.ix.iter().zip(probs).zip(&blocks.rows) {
                let cut = cut_for(blocks, b, row, [inside, pruned, outside]);
                if p >= cut && veto(blocks, &related, b).is_none() {
                    keep[b] = true;
                    any = true;
                }
            }
            if explain.is_some() {
                before_lists = Some(keep.clone());
            }
            keep_lists_whole(blocks, &related, probs, inside, &mut keep);
            keep_code_in_text(blocks, &related, probs, inside, &mut keep);
            // When no block reaches its cut (but some reach the page cut), the rules' reading
            // is the most likely content.
            any.then_some((keep, &blocks.rules_keep))
        });
    if let (Some(out), Some((blocks, probs))) = (scores, &scored) {
        let texts = features::own_texts(doc, marks, &st, blocks);
        for (k, (&b, text)) in blocks.ix.iter().zip(texts).enumerate() {
            out.push(ScoredBlock {
                text: crate::content::collapse(text.trim()),
                score: probs.as_ref().map(|p| p[k]),
                kept: match &kept {
                    Some((keep, _)) => keep[b],
                    None => blocks.rules_keep[b],
                },
            });
        }
    }
    if let (Some(out), Some((blocks, probs))) = (explain, &scored) {
        let decided = explain::Decided {
            probs: probs.as_deref(),
            keep: kept.as_ref().map(|(keep, _)| keep.as_slice()),
            before_lists: before_lists.as_deref(),
            cuts: model.map(|m| m.threshold(focus)),
            nothing: nothing.then(|| model.map_or(0.0, |m| m.nothing(focus))),
        };
        explain::explain(doc, marks, &st, &related, &choice, blocks, &decided, out);
    }
    let blocks = match kept {
        Some(_) if nothing => Vec::new(),
        Some((keep, rules_keep)) => {
            // Which elements hold a kept block.
            let mut holds = keep.clone();
            for i in (1..doc.len()).rev() {
                let p = doc.parent(i);
                if holds[i] && p != usize::MAX {
                    holds[p] = true;
                }
            }
            // Inline parts of a block that the rules pruned on their own (an "Edit this page"
            // link in the article's loose text) stay out with the block kept.
            let mut inline_pruned = vec![false; doc.len()];
            for i in 1..doc.len() {
                if st.owner[i] != i {
                    let p = doc.parent(i);
                    inline_pruned[i] = choice.prune[i] || (st.owner[p] != p && inline_pruned[p]);
                }
            }
            let skip = |i: Ix| {
                if marks.dead[i] {
                    return true;
                }
                let o = st.owner[i];
                if o == i && doc.is_element(i) {
                    // A block element stays while it holds a kept block; one without text
                    // (a figure, a rule) as the rules read it.
                    if st.len[i] > 0 {
                        !holds[i]
                    } else {
                        !rules_keep[i]
                    }
                } else if doc.is_element(i) && holds[i] {
                    // An inline element wrapping kept blocks (a <font> around a layout).
                    false
                } else if st.own_len[o] > 0 {
                    // Text, and inline elements, go with the block that owns them.
                    !keep[o] || inline_pruned[i]
                } else {
                    !rules_keep[i]
                }
            };
            let body = doc.find_tag("body").unwrap_or(0);
            crate::content::build(doc, &[body], &skip, base)
        }
        None => {
            let prune = &choice.prune;
            crate::content::build(doc, &choice.roots, &|i| marks.dead[i] || prune[i], base)
        }
    };
    repeats::drop_repeats(blocks)
}

/// The page type the model reads: the declared one, or "forum" where the address says the page
/// is a discussion (as cleaning reads it: `/forum/`, `/threads/`, `viewtopic.php`).
fn model_page_type<'a>(page_type: Option<&'a str>, base: Option<&str>) -> Option<&'a str> {
    if crate::clean::is_discussion(page_type, base) {
        Some("forum")
    } else {
        page_type
    }
}

/// A page of fewer text blocks is never found to have no main content: it is too small to hold
/// furniture apart from its text (a note, a test page), and the model reads a block by the
/// blocks around it, which such a page lacks. (Without this, a model that had not seen such
/// pages emptied five of Readability's test pages in the leave-one-dataset-out run.)
const MIN_BLOCKS_FOR_NOTHING: usize = 4;

/// Whether the page has no main content: it has at least [`MIN_BLOCKS_FOR_NOTHING`] blocks and
/// none of those that may be content is as likely as the page cut `nothing`.
fn no_main_content(
    blocks: &features::Blocks,
    related: &prune::Related,
    probs: &[f32],
    nothing: f32,
) -> bool {
    let best = blocks
        .ix
        .iter()
        .zip(probs)
        .filter(|&(&b, _)| veto(blocks, related, b).is_none())
        .fold(0f32, |m, (_, &p)| m.max(p));
    blocks.ix.len() >= MIN_BLOCKS_FOR_NOTHING && best < nothing
}

/// The probability block `b` (feature row `row`) must reach: the cut for blocks the rules
/// keep, prune, or leave outside their content.
fn cut_for(
    blocks: &features::Blocks,
    b: Ix,
    row: &[f32],
    [inside, pruned, outside]: [f32; 3],
) -> f32 {
    if blocks.rules_keep[b] {
        inside
    } else if row[features::RULES_PRUNED] == 1.0 {
        pruned
    } else {
        outside
    }
}

/// Why block `b` is never content, however it scores: a boilerplate line of the vocabulary
/// ("Continue reading", "Share this"), or a block of a related box ("Don't miss", "More
/// from …") that the rules dropped too.
fn veto(blocks: &features::Blocks, related: &prune::Related, b: Ix) -> Option<&'static str> {
    if related.line[b] {
        Some("vetoed: boilerplate line")
    } else if related.inside[b] && !blocks.rules_keep[b] {
        Some("vetoed: related box")
    } else {
        None
    }
}

/// Whether block `k` may join the kept blocks beside it (its list, the text around a listing):
/// the rules keep it, it is not vetoed, and its probability reaches half the cut `inside`.
fn may_join_kept(
    blocks: &features::Blocks,
    related: &prune::Related,
    probs: &[f32],
    inside: f32,
    k: usize,
) -> bool {
    let b = blocks.ix[k];
    blocks.rules_keep[b] && veto(blocks, related, b).is_none() && probs[k] >= inside / 2.0
}

/// The items of one list are content or not together: in a group of at least three blocks of
/// one tag under one parent, or of one tag and class path (the same field of every entry of a
/// listing; see [`features::Blocks::groups`]), of which at least half are kept, a member the
/// rules keep is kept too when its probability reaches half the cut. (It mends a list cut
/// short at its edge, where the next block is a sidebar; on the corpus the lists moved the
/// validation mean by +0.0002, the paths then WCXB's by +0.002, its service pages' by 0.007.)
fn keep_lists_whole(
    blocks: &features::Blocks,
    related: &prune::Related,
    probs: &[f32],
    inside: f32,
    keep: &mut [bool],
) {
    for gi in [features::LIST_ITEMS, features::ENTRY_FIELDS] {
        let n = blocks
            .groups
            .iter()
            .map(|g| g[gi] as usize + 1)
            .max()
            .unwrap_or(0);
        let (mut size, mut kept) = (vec![0u32; n], vec![0u32; n]);
        for (&b, g) in blocks.ix.iter().zip(&blocks.groups) {
            size[g[gi] as usize] += 1;
            kept[g[gi] as usize] += u32::from(keep[b]);
        }
        for (k, (&b, g)) in blocks.ix.iter().zip(&blocks.groups).enumerate() {
            let g = g[gi] as usize;
            if size[g] >= 3
                && 2 * kept[g] >= size[g]
                && may_join_kept(blocks, related, probs, inside, k)
            {
                keep[b] = true;
            }
        }
    }
}

/// A code listing between two kept blocks goes with them, as documentation is read: one the
/// rules keep is kept when its probability reaches half the cut (code has none of the sentence
/// shape that the model reads prose by).
fn keep_code_in_text(
    blocks: &features::Blocks,
    related: &prune::Related,
    probs: &[f32],
    inside: f32,
    keep: &mut [bool],
) {
    let ix = &blocks.ix;
    // Decided on the keep flags as they come: a listing joins kept text, not another listing
    // that has only just joined.
    let mut add = Vec::new();
    for k in 1..ix.len().saturating_sub(1) {
        let b = ix[k];
        if !keep[b]
            && blocks.rows[k][features::TAG_PRE] == 1.0
            && keep[ix[k - 1]]
            && keep[ix[k + 1]]
            && may_join_kept(blocks, related, probs, inside, k)
        {
            add.push(b);
        }
    }
    for b in add {
        keep[b] = true;
    }
}

/// One block of a page as the content model sees it (for training and inspection).
#[derive(Debug, Clone)]
pub struct BlockRow {
    /// The block element's tag.
    pub tag: String,
    /// The block's own text.
    pub text: String,
    /// Whether the rules keep the block.
    pub rules_keep: bool,
    /// The feature row, in the order of [`feature_names`].
    pub features: Vec<f32>,
    /// The model's probability that the block is content.
    pub score: f32,
    /// The block's groups (page-local ids; see the model's context features).
    pub groups: [u32; features::GROUPS],
}

/// The names of the content model's features, in row order.
pub fn feature_names() -> Vec<String> {
    features::names().collect()
}

/// Every live block of the page with its features, in document order.
#[allow(dead_code)] // used through `stages`
pub fn block_rows(
    doc: &Document,
    marks: &Marks,
    focus: Focus,
    base: Option<&str>,
    page_type: Option<&str>,
) -> Vec<BlockRow> {
    let st = stats(doc, marks);
    let related = prune::Related::find(doc, marks, &st);
    let choice = select::choose(doc, marks, &st, &related, focus, page_type);
    let kind = model_page_type(page_type, base);
    let blocks = features::blocks(doc, marks, &st, &related, &choice, kind);
    let texts = features::own_texts(doc, marks, &st, &blocks);
    let words: Vec<u32> = blocks.ix.iter().map(|&b| st.own_words[b]).collect();
    let probs = match &*model::MODEL {
        Some(m) => m.predict(&blocks.rows, &words, &blocks.groups),
        None => vec![f32::NAN; blocks.ix.len()],
    };
    blocks
        .ix
        .iter()
        .zip(&blocks.rows)
        .zip(texts)
        .zip(probs)
        .zip(&blocks.groups)
        .map(|((((&b, row), text), score), &groups)| BlockRow {
            tag: doc.tag(b).to_string(),
            text,
            rules_keep: blocks.rules_keep[b],
            features: row.to_vec(),
            score,
            groups,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` blocks (nodes 1..=n), all kept by the rules, the second one `pre` when `code`.
    fn blocks(n: usize, code: bool) -> (features::Blocks, prune::Related) {
        let mut rows = vec![[0.0; features::N]; n];
        rows[1][features::TAG_PRE] = f32::from(u8::from(code));
        let blocks = features::Blocks {
            ix: (1..=n).collect(),
            rows,
            rules_keep: vec![true; n + 1],
            groups: (0..n as u32).map(|g| [g; features::GROUPS]).collect(),
        };
        let related = prune::Related {
            inside: vec![false; n + 1],
            prose: vec![0; n + 1],
            line: vec![false; n + 1],
        };
        (blocks, related)
    }

    fn three_blocks(code: bool) -> (features::Blocks, prune::Related) {
        blocks(3, code)
    }

    #[test]
    fn a_page_none_of_whose_blocks_reaches_the_page_cut_has_no_main_content() {
        let (b, related) = blocks(5, false);
        assert!(no_main_content(
            &b,
            &related,
            &[0.1, 0.05, 0.2, 0.29, 0.0],
            0.3
        ));
        assert!(!no_main_content(
            &b,
            &related,
            &[0.1, 0.05, 0.3, 0.29, 0.0],
            0.3
        ));
    }

    #[test]
    fn a_vetoed_block_does_not_make_a_page_content() {
        let (b, mut related) = blocks(5, false);
        related.line[3] = true; // "Share this": never content, however it scores
        assert!(no_main_content(
            &b,
            &related,
            &[0.1, 0.05, 0.9, 0.1, 0.0],
            0.3
        ));
    }

    #[test]
    fn the_model_reads_a_page_whose_address_says_discussion_as_a_forum() {
        let thread = Some("https://example.org/forums/threads/why.42/");
        assert_eq!(model_page_type(None, thread), Some("forum"));
        assert_eq!(model_page_type(Some("forum"), None), Some("forum"));
        let news = Some("https://example.org/2024/05/news");
        assert_eq!(model_page_type(Some("article"), news), Some("article"));
        assert_eq!(model_page_type(None, None), None);
    }

    #[test]
    fn a_page_of_a_few_blocks_is_never_found_empty() {
        let (b, related) = blocks(MIN_BLOCKS_FOR_NOTHING - 1, false);
        let probs = vec![0.01; MIN_BLOCKS_FOR_NOTHING - 1];
        assert!(!no_main_content(&b, &related, &probs, 0.3));
    }

    #[test]
    fn code_between_kept_paragraphs_is_kept_when_half_as_likely_as_the_cut() {
        let (blocks, related) = three_blocks(true);
        for (prob, kept) in [(0.2, true), (0.1, false)] {
            let mut keep = vec![false, true, false, true];
            keep_code_in_text(&blocks, &related, &[0.9, prob, 0.9], 0.25, &mut keep);
            assert_eq!(keep[2], kept, "probability {prob}");
        }
    }

    #[test]
    fn the_same_field_of_entries_joins_when_half_of_them_are_kept() {
        // Six blocks, each its own list, but one tag and class path: the fields of six entries.
        let (mut blocks, related) = blocks(6, false);
        for (g, ids) in blocks.groups.iter_mut().enumerate() {
            *ids = [g as u32, g as u32, 0];
        }
        let probs = [0.9, 0.9, 0.9, 0.2, 0.2, 0.1];
        let mut keep = vec![false, true, true, true, false, false, false];
        keep_lists_whole(&blocks, &related, &probs, 0.3, &mut keep);
        // At least half the cut joins; under it stays out.
        assert_eq!(keep, [false, true, true, true, true, true, false]);
        // Fewer than half kept: nothing joins.
        let mut keep = vec![false, true, true, false, false, false, false];
        keep_lists_whole(&blocks, &related, &probs, 0.3, &mut keep);
        assert_eq!(keep, [false, true, true, false, false, false, false]);
    }

    #[test]
    fn prose_between_kept_paragraphs_is_left_to_the_model() {
        let (blocks, related) = three_blocks(false);
        let mut keep = vec![false, true, false, true];
        keep_code_in_text(&blocks, &related, &[0.9, 0.2, 0.9], 0.25, &mut keep);
        assert!(!keep[2]);
    }
}
