//! The explain record of scoring: every text block of the page, live or cleaned away, with its verdict and reason.

use super::features::{self, Blocks, FEATURES};
use super::prune::Related;
use super::select::Choice;
use super::stats::{Stats, is_inline};
use crate::clean::Marks;
use crate::dom::{Document, Ix};
use crate::explain::{BlockVerdict, Verdict};

/// What scoring explains: the blocks and the chosen containers.
#[derive(Debug, Default)]
pub struct Explained {
    /// Every text block, in document order.
    pub blocks: Vec<BlockVerdict>,
    /// The rules' content roots, as tag paths.
    pub containers: Vec<String>,
}

/// How the blocks were decided.
pub(super) struct Decided<'a> {
    /// The model's probability per block (in the order of `Blocks::ix`).
    pub probs: Option<&'a [f32]>,
    /// The model's keep flags per node, when the model decided (else the rules did).
    pub keep: Option<&'a [bool]>,
    /// The page cut when no block reached it (the page has no main content).
    pub nothing: Option<f32>,
    /// The keep flags before lists (and code inside the text) were kept whole.
    pub before_lists: Option<&'a [bool]>,
    /// The model's cuts: inside the rules' content, pruned by them, outside.
    pub cuts: Option<[f32; 3]>,
}

/// The features shown for a block: the ones that read most plainly.
const SHOWN: [&str; 9] = [
    "own_words_log",
    "own_link_density",
    "weight",
    "rules_keep",
    "rules_pruned",
    "related_box",
    "boilerplate_line",
    "in_nav",
    "position",
];

/// Tags whose text is never a block of the page.
fn is_textless(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "title" | "head" | "svg" | "math"
    )
}

#[allow(clippy::too_many_arguments)]
pub(super) fn explain(
    doc: &Document,
    marks: &Marks,
    st: &Stats,
    related: &Related,
    choice: &Choice,
    blocks: &Blocks,
    decided: &Decided<'_>,
    out: &mut Explained,
) {
    let comments = crate::clean::comments::inside_comments(doc);
    let texts = features::own_texts(doc, marks, st, blocks);
    let shown: Vec<(usize, &str)> = FEATURES
        .iter()
        .enumerate()
        .filter(|(_, f)| SHOWN.contains(f))
        .map(|(k, f)| (k, *f))
        .collect();
    let mut found: Vec<(Ix, BlockVerdict)> = Vec::with_capacity(blocks.ix.len());
    for (k, (&b, text)) in blocks.ix.iter().zip(texts).enumerate() {
        let row = &blocks.rows[k];
        let score = decided.probs.map(|p| p[k]);
        let (kept, mut reason, cut) = match (decided.keep, decided.cuts) {
            (Some(keep), Some(cuts)) => {
                let cut = super::cut_for(blocks, b, row, cuts);
                let reason = if let Some(why) = super::veto(blocks, related, b) {
                    why
                } else if decided.nothing.is_some() {
                    "model: no block of the page reaches the page cut"
                } else if keep[b] && decided.before_lists.is_some_and(|k| !k[b]) {
                    if row[features::TAG_PRE] == 1.0 {
                        "code kept with the text around it"
                    } else {
                        "list kept whole"
                    }
                } else {
                    "model"
                };
                (keep[b], reason.to_string(), Some(cut))
            }
            _ => {
                let kept = blocks.rules_keep[b];
                let reason = if kept {
                    "rules: in the chosen container"
                } else if row[features::RULES_PRUNED] == 1.0 {
                    "rules: pruned inside the container"
                } else {
                    "rules: outside the chosen container"
                };
                (kept, reason.to_string(), None)
            }
        };
        let verdict = if kept {
            Verdict::Kept
        } else if comments[b] {
            reason = format!("comment ({reason})");
            Verdict::Comment
        } else {
            Verdict::Dropped
        };
        found.push((
            b,
            BlockVerdict {
                text: collapse(&text),
                verdict,
                reason,
                score,
                cut,
                path: path(doc, b),
                class_id: class_id(doc, b),
                features: shown
                    .iter()
                    .map(|&(f, name)| (name.to_string(), row[f]))
                    .collect(),
            },
        ));
    }
    cleaned_blocks(doc, marks, &comments, &mut found);
    found.sort_by_key(|(b, _)| *b);
    out.blocks = found.into_iter().map(|(_, v)| v).collect();
    out.containers = choice.roots.iter().map(|&r| path(doc, r)).collect();
}

/// The blocks that cleaning removed before scoring (menus, footers, hidden and junk boxes,
/// comment sections), each with the outermost removed element as its reason.
fn cleaned_blocks(
    doc: &Document,
    marks: &Marks,
    comments: &[bool],
    found: &mut Vec<(Ix, BlockVerdict)>,
) {
    let Some(body) = doc.find_tag("body") else {
        return;
    };
    let end = doc.end(body);
    // The block owning each node's text, read without the marks; and whether it is skipped.
    let mut owner = vec![usize::MAX; doc.len()];
    let mut skip = vec![false; doc.len()];
    let mut text: Vec<String> = vec![String::new(); doc.len()];
    for i in body..end {
        let p = doc.parent(i);
        let parent_owner = if i == body { body } else { owner[p] };
        let parent_skip = i != body && skip[p];
        if doc.is_element(i) {
            let tag = doc.tag(i);
            skip[i] = parent_skip || is_textless(tag);
            owner[i] = if is_inline(tag) { parent_owner } else { i };
        } else {
            skip[i] = parent_skip;
            owner[i] = parent_owner;
            if let Some(t) = doc.text(i)
                && marks.dead[i]
                && !skip[i]
                && marks.dead[owner[i]]
            {
                let o = owner[i];
                text[o].push_str(t);
                text[o].push(' ');
            }
        }
    }
    for b in body..end {
        if text[b].trim().is_empty() {
            continue;
        }
        // The outermost removed element around the block.
        let top = std::iter::once(b)
            .chain(doc.ancestors(b))
            .take_while(|&a| marks.dead[a])
            .last()
            .unwrap_or(b);
        let why = if is_hidden(doc, top) {
            "hidden"
        } else if marks.weight[top] < 0 {
            "boilerplate class or id"
        } else {
            match doc.tag(top) {
                t @ ("nav" | "footer" | "aside" | "form" | "header" | "menu" | "dialog") => t,
                _ => "junk",
            }
        };
        let (verdict, reason) = if comments[b] {
            (Verdict::Comment, format!("comment (cleaned: {why})"))
        } else {
            (
                Verdict::Dropped,
                format!("cleaned: {why} ({})", describe(doc, top)),
            )
        };
        found.push((
            b,
            BlockVerdict {
                text: collapse(&text[b]),
                verdict,
                reason,
                path: path(doc, b),
                class_id: class_id(doc, b),
                ..BlockVerdict::default()
            },
        ));
    }
}

fn is_hidden(doc: &Document, i: Ix) -> bool {
    doc.attr(i, "hidden").is_some()
        || doc.attr(i, "aria-hidden") == Some("true")
        || doc.attr(i, "style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// A block's text with its whitespace collapsed and trimmed.
fn collapse(s: &str) -> String {
    crate::content::collapse(s.trim())
}

/// `tag#id.first-class`, cut short.
fn describe(doc: &Document, i: Ix) -> String {
    let mut d = doc.tag(i).to_string();
    if let Some(id) = doc.attr(i, "id").filter(|s| !s.is_empty()) {
        d.push('#');
        d.extend(id.chars().take(30));
    }
    if let Some(class) = doc
        .attr(i, "class")
        .and_then(|c| c.split_whitespace().next())
    {
        d.push('.');
        d.extend(class.chars().take(30));
    }
    d
}

/// The last few levels of tags down to `i`.
fn path(doc: &Document, i: Ix) -> String {
    const LEVELS: usize = 6;
    let mut up: Vec<Ix> = std::iter::once(i)
        .chain(doc.ancestors(i))
        .filter(|&a| doc.is_element(a) && doc.tag(a) != "html")
        .take(LEVELS + 1)
        .collect();
    let cut = up.len() > LEVELS;
    up.truncate(LEVELS);
    up.reverse();
    let parts: Vec<String> = up.iter().map(|&a| describe(doc, a)).collect();
    let joined = parts.join(" > ");
    if cut {
        format!("… > {joined}")
    } else {
        joined
    }
}

/// `#id .class .names` of an element, cut short.
fn class_id(doc: &Document, i: Ix) -> String {
    let mut s = String::new();
    if let Some(id) = doc.attr(i, "id").filter(|s| !s.is_empty()) {
        s.push('#');
        s.push_str(id);
    }
    for c in doc.attr(i, "class").unwrap_or_default().split_whitespace() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push('.');
        s.push_str(c);
    }
    s.chars().take(120).collect()
}
