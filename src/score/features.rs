//! Block features for the content model: what a text block, its surroundings, the page and the
//! rules' verdict say about it, as numbers.
//!
//! A block is an element that owns text directly (not through a nested block): a paragraph,
//! a heading, a list item, a table cell, a `<div>` with loose text. Every live block of the
//! page gets one row of [`FEATURES`], in document order. All passes are linear in the page.

#![allow(clippy::needless_range_loop)] // the arena is walked by index ranges

use super::names;
use super::prune::{Links, Related};
use super::select::Choice;
use super::stats::Stats;
use crate::clean::Marks;
use crate::dom::{Document, Ix};

/// The names of the first features of a row; [`names`] lists the whole row, whose other
/// features are the class/id words of the block and its ancestors (`name_entry`: the word
/// "entry" is among them; see [`names::WORDS`]) and, last, the share of the page's text whose
/// blocks carry any such word (on a page written without class or id names, a missing word
/// says nothing about a block).
pub(crate) const FEATURES: [&str; BASE] = [
    "own_len_log",
    "own_words_log",
    "own_link_density",
    "commas_per_word",
    "stops_per_word",
    "chars_per_word",
    "ends_sentence",
    "sub_len_log",
    "sub_link_density",
    "tag_p",
    "tag_heading",
    "tag_li",
    "tag_cell",
    "tag_pre",
    "tag_quote",
    "tag_div",
    "tag_dl",
    "tag_caption",
    "in_nav",
    "in_aside",
    "in_footer",
    "in_header",
    "in_form",
    "in_li",
    "in_table",
    "in_article",
    "in_main",
    "depth",
    "position",
    "weight",
    "ancestor_min_weight",
    "ancestor_max_weight",
    "rules_keep",
    "rules_in_roots",
    "rules_pruned",
    "related_box",
    "boilerplate_line",
    "rules_chose_body",
    "container_len_log",
    "container_link_density",
    "prev_len_log",
    "prev_link_density",
    "prev_rules_keep",
    "next_len_log",
    "next_link_density",
    "next_rules_keep",
    "window_rules_keep",
    "page_len_log",
    "page_rules_share",
    "declared_article",
    "discussion_page",
    "declared_product",
    "declared_listing",
    "declared_documentation",
    "rules_links_content",
    "rules_cards_content",
];

/// Number of features before the class/id words.
const BASE: usize = 56;

/// The names of a row's features, in order (the model file lists the same; a test checks
/// that they agree).
pub(crate) fn names() -> impl Iterator<Item = String> {
    FEATURES
        .iter()
        .map(|f| f.to_string())
        .chain(names::WORDS.iter().map(|w| format!("name_{w}")))
        .chain(std::iter::once("page_named_share".to_string()))
}

/// The row position of `rules_pruned` (the rules pruned the block from their content).
pub(crate) const RULES_PRUNED: usize = 34;

/// The row position of `tag_pre` (the block is preformatted text: code, a listing).
pub(crate) const TAG_PRE: usize = 13;

/// Number of groups a block belongs to (see [`Blocks::groups`]).
pub(crate) const GROUPS: usize = 3;

/// The group of [`Blocks::groups`] that holds the items of one list (one tag, one parent).
pub(crate) const LIST_ITEMS: usize = 0;

/// The group of [`Blocks::groups`] that holds one field of every entry (one tag and class
/// path over three levels).
pub(crate) const ENTRY_FIELDS: usize = 2;

/// Number of features in a row.
pub(crate) const N: usize = BASE + names::WORDS.len() + 1;

/// The page's blocks and their feature rows.
pub(crate) struct Blocks {
    /// Block elements, in document order.
    pub ix: Vec<Ix>,
    /// One row per block.
    pub rows: Vec<[f32; N]>,
    /// Whether the rules keep each node (inside the chosen roots, not pruned, not junk).
    pub rules_keep: Vec<bool>,
    /// Each block's groups (page-local ids): blocks of one tag under one parent (the items of
    /// a list); blocks of one tag under parents of one tag under one grandparent (the
    /// headlines of a row of teaser cards); and blocks of one tag and class under parents, and
    /// grandparents, of one tag and class, wherever they stand (the same field of every entry
    /// of a listing, however deep the entries are built). The model reads the scores of a
    /// block's groups.
    pub groups: Vec<[u32; GROUPS]>,
}

/// Ancestor tags that tell where a block stands.
#[derive(Clone, Copy, Default)]
struct Within {
    nav: bool,
    aside: bool,
    footer: bool,
    header: bool,
    form: bool,
    li: bool,
    table: bool,
    article: bool,
    main: bool,
}

fn ln1(x: u32) -> f32 {
    (1.0 + x as f32).ln()
}

fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

/// Computes the blocks of `doc` and their features.
pub(crate) fn blocks(
    doc: &Document,
    marks: &Marks,
    st: &Stats,
    related: &Related,
    choice: &Choice,
    page_type: Option<&str>,
) -> Blocks {
    let n = doc.len();
    let body = doc.find_tag("body").unwrap_or(0);
    // Forward pass (a parent comes before its children): what each node lies within.
    let mut within = vec![Within::default(); n];
    let mut depth = vec![0u16; n];
    let mut min_w = vec![0i32; n];
    let mut max_w = vec![0i32; n];
    let mut in_roots = vec![false; n];
    let mut pruned = vec![false; n];
    let mut name = vec![names::NameSet::default(); n];
    let mut name_cache = names::NameCache::default();
    for &r in &choice.roots {
        in_roots[r..doc.end(r)].fill(true);
    }
    for i in 1..n {
        let p = doc.parent(i);
        let mut w = within[p];
        match doc.tag(i) {
            "nav" => w.nav = true,
            "aside" => w.aside = true,
            "footer" => w.footer = true,
            "header" => w.header = true,
            "form" => w.form = true,
            "li" => w.li = true,
            "table" => w.table = true,
            "article" => w.article = true,
            "main" => w.main = true,
            _ => {}
        }
        within[i] = w;
        depth[i] = depth[p].saturating_add(1);
        let own = marks.weight[i];
        min_w[i] = min_w[p].min(own);
        max_w[i] = max_w[p].max(own);
        pruned[i] = choice.prune[i] || pruned[p];
        // (Only a live block's words are read, and all its ancestors are live.)
        name[i] = if doc.is_element(i) && !marks.dead[i] {
            names::union(&name[p], &name_cache.element(doc, i))
        } else {
            name[p]
        };
    }
    let rules_keep: Vec<bool> = (0..n)
        .map(|i| in_roots[i] && !pruned[i] && !marks.dead[i])
        .collect();
    // The blocks, and the text that comes before each.
    let mut ix = Vec::new();
    let mut before = Vec::new();
    let mut seen = 0u32;
    // The last live text node of each block's own text.
    let mut last_text = vec![0usize; n];
    for i in 1..n {
        if doc.is_element(i) && !marks.dead[i] && st.owner[i] == i && st.own_len[i] > 0 {
            ix.push(i);
            before.push(seen);
        }
        if doc.text(i).is_some() && !marks.dead[i] && st.len[i] > 0 {
            seen += st.len[i];
            last_text[st.owner[i]] = i;
        }
    }
    let page_len = st.len[body].max(1);
    let kept_len: u32 = ix
        .iter()
        .filter(|&&b| rules_keep[b])
        .map(|&b| st.own_len[b])
        .sum();
    let named_len: u32 = ix
        .iter()
        .filter(|&&b| names::any(&name[b]))
        .map(|&b| st.own_len[b])
        .sum();
    let named_share = ratio(named_len, page_len);
    let chose_body = choice.roots.len() == 1 && choice.roots[0] == body;
    // On a discussion the posts may be marked up as comments: there the comment words of the
    // names are no evidence against a block (as in cleaning).
    let discussion = page_type == Some("forum");
    let article = page_type == Some("article");
    // Window of the rules' verdict over the neighbouring blocks, weighted by length.
    let mut rows = Vec::with_capacity(ix.len());
    for (k, &b) in ix.iter().enumerate() {
        let own = st.own_len[b];
        let words = st.own_words[b];
        let tag = doc.tag(b);
        let heading = match tag {
            "h1" => 1.0,
            "h2" => 2.0,
            "h3" => 3.0,
            "h4" => 4.0,
            "h5" => 5.0,
            "h6" => 6.0,
            _ => 0.0,
        };
        // The nearest ancestor with more text than the block's own subtree.
        let container = doc
            .ancestors(b)
            .take(12)
            .find(|&a| st.len[a] > st.len[b])
            .unwrap_or(body);
        let neighbour = |j: Option<usize>| match j.and_then(|j| ix.get(j)) {
            Some(&o) => (
                ln1(st.own_len[o]),
                ratio(st.own_link[o], st.own_len[o]),
                flag(rules_keep[o]),
            ),
            None => (0.0, 0.0, 0.0),
        };
        let prev = neighbour(k.checked_sub(1));
        let next = neighbour(Some(k + 1));
        let (mut kept_near, mut all_near) = (0u32, 0u32);
        for &o in &ix[k.saturating_sub(5)..(k + 6).min(ix.len())] {
            all_near += st.own_len[o];
            if rules_keep[o] {
                kept_near += st.own_len[o];
            }
        }
        let w = within[b];
        let base: [f32; BASE] = [
            ln1(own),
            ln1(words),
            ratio(st.own_link[b], own),
            ratio(st.own_commas[b], words),
            ratio(st.own_stops[b], words),
            ratio(own, words),
            flag(ends_sentence(doc.text(last_text[b]).unwrap_or(""))),
            ln1(st.len[b]),
            st.link_density(b),
            flag(tag == "p"),
            heading,
            flag(tag == "li"),
            flag(matches!(tag, "td" | "th")),
            flag(matches!(tag, "pre" | "code")),
            flag(tag == "blockquote"),
            flag(matches!(
                tag,
                "div" | "section" | "article" | "main" | "body"
            )),
            flag(matches!(tag, "dd" | "dt" | "dl")),
            flag(matches!(tag, "figcaption" | "caption" | "figure")),
            flag(w.nav),
            flag(w.aside),
            flag(w.footer),
            flag(w.header),
            flag(w.form),
            flag(w.li),
            flag(w.table),
            flag(w.article),
            flag(w.main),
            depth[b] as f32,
            ratio(before[k], page_len),
            marks.weight[b] as f32,
            min_w[b] as f32,
            max_w[b] as f32,
            flag(rules_keep[b]),
            flag(in_roots[b]),
            flag(in_roots[b] && pruned[b]),
            flag(related.inside[b]),
            flag(related.line[b]),
            flag(chose_body),
            ln1(st.len[container]),
            st.link_density(container),
            prev.0,
            prev.1,
            prev.2,
            next.0,
            next.1,
            next.2,
            ratio(kept_near, all_near),
            ln1(page_len),
            ratio(kept_len, page_len),
            flag(article),
            flag(page_type == Some("forum")),
            flag(page_type == Some("product")),
            flag(page_type == Some("listing")),
            flag(page_type == Some("documentation")),
            flag(choice.links == Links::Content),
            flag(choice.links == Links::CardsAreContent),
        ];
        let mut row = [0.0; N];
        row[..BASE].copy_from_slice(&base);
        for (k, v) in row[BASE..N - 1].iter_mut().enumerate() {
            *v = flag(names::has(&name[b], k) && !(discussion && names::COMMENTS[k]));
        }
        row[N - 1] = named_share;
        rows.push(row);
    }
    let groups = groups(doc, &ix);
    Blocks {
        ix,
        rows,
        rules_keep,
        groups,
    }
}

/// The groups of each block (see [`Blocks::groups`]), numbered in order of first use.
fn groups(doc: &Document, ix: &[Ix]) -> Vec<[u32; GROUPS]> {
    let mut near: rustc_hash::FxHashMap<(Ix, &str), u32> = Default::default();
    let mut far: rustc_hash::FxHashMap<(Ix, &str, &str), u32> = Default::default();
    // Each element's tag and class list as a number, read once per element.
    let mut named: rustc_hash::FxHashMap<(&str, &str), u32> = Default::default();
    let mut name_of = vec![u32::MAX; doc.len()];
    let mut name = |i: Ix| -> u32 {
        if i == usize::MAX {
            return u32::MAX;
        }
        if name_of[i] == u32::MAX {
            let n = named.len() as u32;
            let key = (doc.tag(i), doc.attr(i, "class").unwrap_or(""));
            name_of[i] = *named.entry(key).or_insert(n);
        }
        name_of[i]
    };
    let mut path: rustc_hash::FxHashMap<[u32; 3], u32> = Default::default();
    ix.iter()
        .map(|&b| {
            let p = doc.parent(b);
            let g = if p == usize::MAX { p } else { doc.parent(p) };
            let tag = doc.tag(b);
            let parent_tag = if p == usize::MAX { "" } else { doc.tag(p) };
            let n = near.len() as u32;
            let a = *near.entry((p, tag)).or_insert(n);
            let n = far.len() as u32;
            let c = *far.entry((g, parent_tag, tag)).or_insert(n);
            let n = path.len() as u32;
            let d = *path.entry([name(b), name(p), name(g)]).or_insert(n);
            [a, c, d]
        })
        .collect()
}

/// Whether a block's last text ends like a sentence (a full stop, question or exclamation mark
/// or colon, possibly inside a closing quote or bracket).
fn ends_sentence(t: &str) -> bool {
    let t = t
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', '»', ']']);
    t.ends_with(['.', '!', '?', '。', '！', '？', ':'])
}

/// The own text of every block, in order (for the training dump): its live text nodes, joined.
pub(crate) fn own_texts(doc: &Document, marks: &Marks, st: &Stats, blocks: &Blocks) -> Vec<String> {
    let mut slot = vec![usize::MAX; doc.len()];
    for (k, &b) in blocks.ix.iter().enumerate() {
        slot[b] = k;
    }
    let mut out = vec![String::new(); blocks.ix.len()];
    for i in 1..doc.len() {
        if marks.dead[i] {
            continue;
        }
        if let Some(t) = doc.text(i) {
            let k = slot[st.owner[i]];
            if k != usize::MAX {
                out[k].push_str(t);
                out[k].push(' ');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Limits;

    #[test]
    fn the_named_positions_are_the_features_they_name() {
        assert_eq!(FEATURES[RULES_PRUNED], "rules_pruned");
        assert_eq!(FEATURES[TAG_PRE], "tag_pre");
    }

    #[test]
    fn a_row_has_the_named_features_a_feature_per_word_and_the_named_share() {
        let all: Vec<String> = names().collect();
        assert_eq!(all.len(), N);
        assert_eq!(all[BASE], format!("name_{}", names::WORDS[0]));
        assert_eq!(all[N - 1], "page_named_share");
    }

    /// The groups of the blocks holding each needle's text.
    fn groups_of(html: &str, needles: &[&str]) -> Vec<[u32; GROUPS]> {
        let doc = Document::parse(html, &Limits::default());
        let ix: Vec<Ix> = needles
            .iter()
            .map(|n| {
                (0..doc.len())
                    .find(|&i| doc.text(i).is_some_and(|t| t.contains(n)))
                    .map(|t| doc.parent(t))
                    .unwrap_or_else(|| panic!("{n} not found"))
            })
            .collect();
        groups(&doc, &ix)
    }

    #[test]
    fn the_same_field_of_every_entry_shares_a_group_however_deep_the_entries_are() {
        let entry = |k: u32| {
            format!(
                r#"<dd><div class="meta"><div class="title">Title {k}</div>
                <div class="authors">Authors {k}</div></div></dd>"#
            )
        };
        let html = format!("<dl>{}{}</dl>", entry(1), entry(2));
        let g = groups_of(&html, &["Title 1", "Title 2", "Authors 1", "Authors 2"]);
        // Items of one parent only: each entry's fields apart.
        assert_ne!(g[0][0], g[1][0]);
        // One tag and class path: the titles together, the authors together, apart.
        assert_eq!(g[0][2], g[1][2]);
        assert_eq!(g[2][2], g[3][2]);
        assert_ne!(g[0][2], g[2][2]);
    }
}
