//! Scoring: finds the main content among the nodes that cleaning kept.
//!
//! Text blocks (elements that own at least a sentence of text) score their ancestors, as in
//! Readability: the best-scoring container, corrected for link density, is the article, joined
//! by siblings that look like it. Inside it, containers that read like boilerplate (link lists,
//! image galleries, forms, short link-heavy boxes) are pruned, block by block.

#![allow(clippy::needless_range_loop)] // the arena is walked by index ranges

use crate::clean::{Marks, measure};
use crate::content::Block;
use crate::dom::{Document, Ix};
use crate::options::Focus;

/// Inline elements: text inside them belongs to the nearest block ancestor.
fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "span"
            | "em"
            | "strong"
            | "b"
            | "i"
            | "u"
            | "small"
            | "big"
            | "sub"
            | "sup"
            | "code"
            | "abbr"
            | "cite"
            | "q"
            | "mark"
            | "time"
            | "font"
            | "label"
            | "s"
            | "strike"
            | "del"
            | "ins"
            | "br"
            | "img"
            | "wbr"
            | "bdi"
            | "bdo"
            | "data"
            | "dfn"
            | "kbd"
            | "samp"
            | "var"
            | "tt"
            | "nobr"
            | "picture"
    )
}

/// Per-node statistics of the live (not junk) document.
pub(crate) struct Stats {
    /// Text length of the subtree.
    pub len: Vec<u32>,
    /// Text length inside links.
    pub link_len: Vec<u32>,
    /// Text length inside card links: links that wrap a heading and a description (a teaser
    /// card, a product or service tile), at least 100 characters.
    pub card_len: Vec<u32>,
    /// Commas (of any script) in the subtree.
    pub commas: Vec<u32>,
    /// Text length owned directly (not through a nested block).
    pub own_len: Vec<u32>,
    /// Commas owned directly.
    pub own_commas: Vec<u32>,
    /// Counts of `p`, `li`, `img`, `input`, headings in the subtree.
    pub p: Vec<u32>,
    pub li: Vec<u32>,
    pub img: Vec<u32>,
    pub input: Vec<u32>,
    pub headings: Vec<u32>,
}

fn count_commas(t: &str) -> u32 {
    t.chars()
        .filter(|&c| matches!(c, ',' | '，' | '、' | '،'))
        .count() as u32
}

/// Ids and anchor names of the document's elements: the targets of in-page links.
fn anchor_targets(doc: &Document) -> std::collections::HashSet<&str> {
    (1..doc.len())
        .filter(|&i| doc.is_element(i))
        .flat_map(|i| [doc.attr(i, "id"), doc.attr(i, "name")])
        .flatten()
        .filter(|v| !v.is_empty())
        .collect()
}

pub(crate) fn stats(doc: &Document, marks: &Marks) -> Stats {
    let n = doc.len();
    let mut owner = vec![0usize; n];
    let mut in_link = vec![false; n];
    // A formula's elements (MathML tokens, rows, fractions) are inline: their text belongs to
    // the block the formula stands in.
    let mut in_math = vec![false; n];
    let targets = anchor_targets(doc);
    // A link to a place in the page itself (a table of contents, a footnote mark) does not
    // lead away from the text: it is not link text.
    let leads_away = |i: Ix| match doc.attr(i, "href").map(str::trim) {
        Some(h) => match h.strip_prefix('#') {
            Some(frag) => !targets.contains(frag),
            None => true,
        },
        None => true,
    };
    for i in 1..n {
        let p = doc.nodes[i].parent;
        let t = doc.tag(i);
        in_link[i] = (t == "a" && leads_away(i)) || in_link[p];
        in_math[i] = t == "math" || in_math[p];
        owner[i] = if doc.is_element(i) && !is_inline(t) && !in_math[i] {
            i
        } else {
            owner[p]
        };
    }
    let zero = || vec![0u32; n];
    let mut s = Stats {
        len: zero(),
        link_len: zero(),
        card_len: zero(),
        commas: zero(),
        own_len: zero(),
        own_commas: zero(),
        p: zero(),
        li: zero(),
        img: zero(),
        input: zero(),
        headings: zero(),
    };
    for i in (1..n).rev() {
        if marks.dead[i] {
            continue;
        }
        if let Some(t) = doc.text(i) {
            // Measured when the page was marked (a live text node has no never-content parent).
            let l = marks.len[i];
            debug_assert_eq!(l, measure(t));
            let c = count_commas(t);
            s.len[i] = l;
            s.commas[i] = c;
            if in_link[i] {
                s.link_len[i] = l;
            }
            let o = owner[i];
            s.own_len[o] += l;
            s.own_commas[o] += c;
        } else {
            match doc.tag(i) {
                "p" => s.p[i] += 1,
                "li" => s.li[i] += 1,
                "img" => s.img[i] += 1,
                "input" | "textarea" | "select" => s.input[i] += 1,
                "h2" | "h3" | "h4" | "h5" | "h6" => s.headings[i] += 1,
                "a" if s.headings[i] > 0 && s.len[i] >= 100 => s.card_len[i] = s.link_len[i],
                _ => {}
            }
        }
        let p = doc.nodes[i].parent;
        s.len[p] += s.len[i];
        s.link_len[p] += s.link_len[i];
        s.card_len[p] += s.card_len[i];
        s.headings[p] += s.headings[i];
        s.commas[p] += s.commas[i];
        s.p[p] += s.p[i];
        s.li[p] += s.li[i];
        s.img[p] += s.img[i];
        s.input[p] += s.input[i];
    }
    s
}

impl Stats {
    pub(crate) fn link_density(&self, i: Ix) -> f32 {
        if self.len[i] == 0 {
            0.0
        } else {
            self.link_len[i] as f32 / self.len[i] as f32
        }
    }
}

fn tag_base(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The main content of `doc` as blocks.
pub fn main_content(
    doc: &Document,
    marks: &Marks,
    focus: Focus,
    base: Option<&str>,
    page_type: Option<&str>,
) -> Vec<Block> {
    let st = stats(doc, marks);
    let body = doc.find_tag("body").unwrap_or(0);
    let related = Related::find(doc, marks, &st);
    let selected = select(doc, marks, &st, &related, focus, body);
    let selected = expand(doc, &st, &related, focus, body, selected);
    // One reading of a set of roots: what pruning leaves of them, with links read one way.
    let read = |roots: &[Ix], links: Links| {
        let prune = prune_marks(doc, marks, &st, &related, focus, roots, links);
        let len = kept_len(doc, &st, roots, &prune);
        Reading { prune, len, links }
    };
    let mut sel = read(&selected, Links::Menus);
    // The whole cleaned page is the other reading: when the chosen container holds less than
    // a share of the page's cleaned text, the page is not one article but several sections
    // (a product, a service, a thread), and the cleaned page is the better answer.
    let mut page = read(&[body], Links::Menus);
    let sel_all: u32 = selected.iter().map(|&r| st.len[r]).sum();
    let most_pruned = sel_all >= 2 * sel.len.max(100);
    // Many CMSs call every page an article; a selection made of headlines that link away, or
    // a page with little text of its own besides such headlines, is a listing whatever the
    // page says.
    let listing = headline_links(doc, marks, &st, &related, &selected) >= 4
        || (page.len < 1000 && headline_links(doc, marks, &st, &related, &[body]) >= 4);
    let article = page_type == Some("article") && !listing;
    if most_pruned && (sel.len.max(page.len) < 1000 || !article) {
        // Link pruning took most of a short container, or of any container on a page that is
        // no declared article: its links are what it says (a chapter's table of contents, an
        // index page, a list of books or jobs), not a menu beside the text.
        trace!(
            "pruning left {} of the selection's {sel_all} chars: links kept",
            sel.len
        );
        sel = read(&selected, Links::Content);
    }
    if sel.len.max(page.len) < 1000 && st.len[body] >= 2000 && !article {
        // Link-density pruning left almost nothing of a page with text: the page is made of
        // links (a listing of products, jobs or posts), and the links are its content.
        trace!(
            "pruning left {} of {} chars: links kept",
            page.len, st.len[body]
        );
        page = read(&[body], Links::Content);
    }
    // Reading cards as content changes nothing on a page without card links or <article>s.
    let cards = st.card_len[body] > 0 || doc.find_tag("article").is_some();
    if !article && cards {
        // Beside an article, tiles of links are other stories; elsewhere (a service page's
        // offers, a blog index's teasers) they are what the page says.
        if sel.links == Links::Menus {
            sel = read(&selected, Links::CardsAreContent);
        }
        if page.links == Links::Menus {
            page = read(&[body], Links::CardsAreContent);
        }
    }
    let mut min_share = match focus {
        Focus::Precision => 0.25,
        Focus::Balanced => 0.4,
        Focus::Recall => 0.6,
    };
    if article {
        // The page says it is one article: what lies outside its container is furniture.
        min_share *= 0.5;
    }
    trace!(
        "selection keeps {} of {} chars of the cleaned page",
        sel.len, page.len
    );
    let (roots, prune) = if (sel.len as f32) < min_share * page.len as f32 {
        (vec![body], page.prune)
    } else {
        (selected, sel.prune)
    };
    #[cfg(feature = "trace")]
    {
        for &r in &roots {
            trace!(
                "root {r} {} class={:?} len={}",
                doc.tag(r),
                doc.attr(r, "class"),
                st.len[r]
            );
        }
    }
    let blocks = crate::content::build(doc, &roots, &|i| marks.dead[i] || prune[i], base);
    drop_repeats(blocks)
}

/// How many headings in `roots` are links to other pages (teaser headlines), outside the
/// "You may also like" boxes.
fn headline_links(
    doc: &Document,
    marks: &Marks,
    st: &Stats,
    related: &Related,
    roots: &[Ix],
) -> usize {
    roots
        .iter()
        .flat_map(|&r| r..doc.nodes[r].end)
        .filter(|&i| {
            !marks.dead[i]
                && !related.inside[i]
                && matches!(doc.tag(i), "h2" | "h3" | "h4")
                && st.len[i] >= 15
                && st.link_len[i] as f32 >= 0.8 * st.len[i] as f32
        })
        .count()
}

/// Drops what the page says twice:
/// - blocks whose text already stood earlier: a repeated line (the same teaser, date, label
///   or call to action twice), list or caption is boilerplate or a layout's duplicate, while
///   long paragraphs, code and tables are left alone, since repetition there can be the
///   author's;
/// - block quotes made of paragraphs that already stood earlier: a reply quoting the post it
///   answers (forums) or a pull quote repeating the article's own words.
fn drop_repeats(blocks: Vec<Block>) -> Vec<Block> {
    let key = |b: &Block| repeat_key(&crate::render::text(std::slice::from_ref(b)));
    let mut seen: rustc_hash::FxHashSet<String> = Default::default();
    let mut kept = Vec::with_capacity(blocks.len());
    for b in blocks {
        let keep = match &b {
            Block::Code { .. } | Block::Table { .. } | Block::Rule => true,
            Block::Quote { blocks: inner } => {
                let keys: Vec<String> = inner.iter().map(key).filter(|k| !k.is_empty()).collect();
                let repeated = !keys.is_empty() && keys.iter().all(|k| seen.contains(k));
                for k in keys {
                    seen.insert(k);
                }
                !repeated
            }
            _ => {
                let k = key(&b);
                if k.is_empty() {
                    true
                } else if k.len() > 200 && matches!(b, Block::Paragraph { .. }) {
                    seen.insert(k);
                    true
                } else {
                    seen.insert(k)
                }
            }
        };
        if keep {
            kept.push(b);
        }
    }
    kept
}

/// A block's text as [`drop_repeats`] compares it: words joined by single spaces, lower-cased
/// (`split_whitespace().join(" ").to_lowercase()`, built in one pass).
fn repeat_key(text: &str) -> String {
    if text.contains('Σ') {
        // A capital sigma lower-cases by its place in the word: leave that to `to_lowercase`.
        return text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            let from = key.len();
            key.push_str(word);
            key[from..].make_ascii_lowercase();
        } else {
            key.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    key
}

/// Text length of `roots` without their pruned parts.
fn kept_len(doc: &Document, st: &Stats, roots: &[Ix], prune: &[bool]) -> u32 {
    let mut total = 0;
    for &r in roots {
        let mut kept = st.len[r];
        let mut i = r + 1;
        while i < doc.nodes[r].end {
            if prune[i] {
                kept = kept.saturating_sub(st.len[i]);
                i = doc.nodes[i].end;
            } else {
                i += 1;
            }
        }
        total += kept;
    }
    total
}

/// Chooses the root nodes of the main content, in document order.
fn select(
    doc: &Document,
    marks: &Marks,
    st: &Stats,
    related: &Related,
    focus: Focus,
    body: Ix,
) -> Vec<Ix> {
    let related = &related.inside;
    let n = doc.len();
    let mut score = vec![f32::NAN; n];
    let min_len = 25;
    for b in 1..n {
        if marks.dead[b] || related[b] || !doc.is_element(b) || st.own_len[b] < min_len {
            continue;
        }
        let tag = doc.tag(b);
        if matches!(
            tag,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" | "button" | "label"
        ) {
            continue;
        }
        // Commas count as prose evidence, except in code, where they are syntax.
        let commas = if tag == "pre" || tag == "code" {
            0.0
        } else {
            st.own_commas[b] as f32
        };
        let content = 1.0 + commas + (st.own_len[b] as f32 / 100.0).floor().min(3.0);
        for (level, a) in doc.ancestors(b).take(5).enumerate() {
            if a == 0 || !doc.is_element(a) {
                break;
            }
            if score[a].is_nan() {
                // A name is evidence in proportion to what it names: "content" on a
                // one-line box must not outweigh the article.
                let size = st.len[a].min(1000) as f32 / 1000.0;
                score[a] = tag_base(doc.tag(a)) + marks.weight[a] as f32 * size;
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += content / div;
        }
    }
    // Link density correction.
    let mut best: Option<(Ix, f32)> = None;
    for (i, s) in score.iter_mut().enumerate() {
        if s.is_nan() {
            continue;
        }
        *s *= 1.0 - st.link_density(i);
        if best.is_none_or(|(_, b)| *s > b) {
            best = Some((i, *s));
        }
    }
    #[cfg(feature = "trace")]
    {
        let mut r: Vec<(Ix, f32)> = (0..n)
            .filter(|&i| !score[i].is_nan())
            .map(|i| (i, score[i]))
            .collect();
        r.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (i, s) in r.iter().take(8) {
            trace!(
                "cand {i} {} class={:?} id={:?} score={s:.1} len={} ld={:.2}",
                doc.tag(*i),
                doc.attr(*i, "class"),
                doc.attr(*i, "id"),
                st.len[*i],
                st.link_density(*i)
            );
        }
    }
    let Some((mut top, top_score)) = best else {
        return vec![body];
    };
    // Several strong candidates under one ancestor: the ancestor is the article.
    let mut ranked: Vec<(Ix, f32)> = (0..n)
        .filter(|&i| !score[i].is_nan() && i != top)
        .map(|i| (i, score[i]))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let alternatives: Vec<Ix> = ranked
        .iter()
        .take(5)
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|(i, _)| *i)
        .collect();
    if alternatives.len() >= 3 {
        let mut p = doc.nodes[top].parent;
        while p != usize::MAX && p != body && p != 0 {
            let shared = alternatives.iter().filter(|&&a| doc.contains(p, a)).count();
            if shared >= 3 {
                top = p;
                break;
            }
            p = doc.nodes[p].parent;
        }
    }
    // Climb while the parent scores better (Readability's parent walk).
    let mut last = score[top];
    if !last.is_nan() {
        let threshold = last / 3.0;
        let mut p = doc.nodes[top].parent;
        while p != usize::MAX && p != body && p != 0 {
            if score[p].is_nan() {
                p = doc.nodes[p].parent;
                continue;
            }
            if score[p] < threshold {
                break;
            }
            if score[p] > last {
                top = p;
                break;
            }
            last = score[p];
            p = doc.nodes[p].parent;
        }
    }
    // An only child is no better than its parent.
    loop {
        let p = doc.nodes[top].parent;
        if p == usize::MAX || p == body || p == 0 {
            break;
        }
        let live_children = doc
            .children(p)
            .filter(|&c| !marks.dead[c] && (doc.is_element(c) || st.len[c] > 0))
            .count();
        if live_children == 1 {
            top = p;
        } else {
            break;
        }
    }
    // Siblings that look like content join the article.
    let p = doc.nodes[top].parent;
    if p == usize::MAX || top == body {
        return vec![top];
    }
    let top_score = if score[top].is_nan() { 0.0 } else { score[top] };
    let threshold = match focus {
        Focus::Precision => (top_score * 0.3).max(15.0),
        Focus::Balanced => (top_score * 0.2).max(10.0),
        Focus::Recall => (top_score * 0.1).max(5.0),
    };
    let top_class = doc.attr(top, "class").unwrap_or("");
    let mut roots = Vec::new();
    for c in doc.children(p) {
        if c == top {
            roots.push(c);
            continue;
        }
        if marks.dead[c] || related[c] || !doc.is_element(c) {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && doc.attr(c, "class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        let s = if score[c].is_nan() { 0.0 } else { score[c] };
        if s + bonus >= threshold {
            roots.push(c);
            continue;
        }
        if doc.tag(c) == "p" || st.own_len[c] == st.len[c] {
            let ld = st.link_density(c);
            let len = st.len[c];
            if len > 80 && ld < 0.25 {
                roots.push(c);
            } else if len > 0 && len < 80 && ld == 0.0 && focus != Focus::Precision {
                let t = doc.text_content(c);
                if t.contains(". ") || t.trim_end().ends_with('.') {
                    roots.push(c);
                }
            }
        }
    }
    roots
}

/// Widens the selection to an ancestor when the ancestor adds much more prose than links:
/// pages that are not one article (products, services, listings) spread their content over
/// several sections, of which the scoring found only the densest.
fn expand(
    doc: &Document,
    st: &Stats,
    related: &Related,
    focus: Focus,
    body: Ix,
    roots: Vec<Ix>,
) -> Vec<Ix> {
    let (min_gain, max_ld) = match focus {
        Focus::Precision => (1.0, 0.25),
        Focus::Balanced => (0.5, 0.4),
        Focus::Recall => (0.3, 0.45),
    };
    let Some(&first) = roots.first() else {
        return roots;
    };
    // Prose in a "You may also like" box counts as links do: it is the text of other pages.
    let good = |i: Ix| {
        st.len[i]
            .saturating_sub(st.link_len[i])
            .saturating_sub(related.prose[i]) as f32
    };
    let bad = |i: Ix| (st.link_len[i] + related.prose[i]) as f32;
    let mut cur_good: f32 = roots.iter().map(|&r| good(r)).sum();
    let mut cur_bad: f32 = roots.iter().map(|&r| bad(r)).sum();
    let mut chosen: Option<Ix> = None;
    let mut p = doc.nodes[first].parent;
    while p != usize::MAX && p != 0 {
        let extra_good = good(p) - cur_good;
        let extra_bad = bad(p) - cur_bad;
        let extra_ld = extra_bad / (extra_good + extra_bad).max(1.0);
        trace!(
            "expand? {p} {} extra_good={extra_good} extra_ld={extra_ld:.2} cur={cur_good}",
            doc.tag(p)
        );
        // Prose almost free of links is welcome at half the gain: an article split into
        // sections by its layout.
        if (extra_good >= min_gain * cur_good && extra_ld <= max_ld)
            || (extra_ld <= 0.1 && extra_good >= 0.5 * min_gain * cur_good)
        {
            chosen = Some(p);
            cur_good = good(p);
            cur_bad = bad(p);
        } else if extra_good > 0.0 {
            break;
        }
        if p == body {
            break;
        }
        p = doc.nodes[p].parent;
    }
    match chosen {
        Some(c) => vec![c],
        None => roots,
    }
}

/// What pruning leaves of a set of roots.
struct Reading {
    /// Pruned nodes.
    prune: Vec<bool>,
    /// Text length kept.
    len: u32,
    /// How the links were read.
    links: Links,
}

/// How pruning reads the links inside the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Links {
    /// Link-heavy containers are menus and go.
    Menus,
    /// As `Menus`, but card links (a heading and its description, wrapped in one link) are
    /// what the page offers, not a menu: a service page's tiles, a blog index's teasers.
    CardsAreContent,
    /// Links are the content (a listing): no container goes for its links.
    Content,
}

/// Containers inside the selection that read like boilerplate (Readability's conditional cleaning).
fn prune_marks(
    doc: &Document,
    marks: &Marks,
    st: &Stats,
    related: &Related,
    focus: Focus,
    roots: &[Ix],
    links: Links,
) -> Vec<bool> {
    let by_links = links != Links::Content;
    let n = doc.len();
    let mut prune = vec![false; n];
    let (ld_hi, ld_lo) = match focus {
        Focus::Precision => (0.4, 0.15),
        Focus::Balanced => (0.5, 0.2),
        Focus::Recall => (0.65, 0.3),
    };
    for &r in roots {
        let mut next = r + 1;
        while next < doc.nodes[r].end {
            let i = next;
            next += 1;
            if marks.dead[i] || !doc.is_element(i) {
                continue;
            }
            if matches!(doc.tag(i), "pre" | "code") {
                // Inside code, structure is content.
                next = doc.nodes[i].end;
                continue;
            }
            if related.inside[i] {
                prune[i] = true;
                next = doc.nodes[i].end;
                if st.len[i] < 60 {
                    // "You may also like..." as a line of its own: the links that follow it
                    // go with it.
                    let p = doc.nodes[i].parent;
                    for c in doc.children(p).skip_while(|&c| c != i).skip(1) {
                        if st.len[c] == 0 {
                            continue;
                        }
                        if st.link_density(c) < 0.8 {
                            break;
                        }
                        prune[c] = true;
                    }
                }
                continue;
            }
            let tag = doc.tag(i);
            if related.line[i] {
                prune[i] = true;
                continue;
            }
            if !matches!(
                tag,
                "div"
                    | "section"
                    | "ul"
                    | "ol"
                    | "table"
                    | "aside"
                    | "header"
                    | "footer"
                    | "dl"
                    | "form"
            ) {
                continue;
            }
            let w = marks.weight[i];
            // A container holding most of the selection is the selection, not a box inside it.
            if (st.len[i] as f32) >= 0.5 * st.len[r] as f32 {
                continue;
            }
            if w <= -25 {
                prune[i] = true;
                next = doc.nodes[i].end;
                continue;
            }
            if st.commas[i] >= 10 {
                continue;
            }
            let ld = if links != Links::CardsAreContent {
                st.link_density(i)
            } else if in_card_or_post(doc, st, i) {
                0.0
            } else {
                st.link_len[i].saturating_sub(st.card_len[i]) as f32 / st.len[i].max(1) as f32
            };
            let (p, li, img, input) = (
                st.p[i] as f32,
                st.li[i] as f32,
                st.img[i] as f32,
                st.input[i] as f32,
            );
            let len = st.len[i];
            let is_list = matches!(tag, "ul" | "ol");
            // A list whose items say something besides their links (a link and what it did, a
            // reference and its source) is prose in list form, not a menu of links.
            let prose_list = is_list && {
                let (mut items, mut link_only) = (0, 0);
                for c in doc.children(i).filter(|&c| doc.tag(c) == "li") {
                    items += 1;
                    if st.len[c].saturating_sub(st.link_len[c]) < 12 {
                        link_only += 1;
                    }
                }
                items > 0 && link_only * 2 < items
            };
            let link_heavy = by_links
                && !prose_list
                && ((!is_list && li > p * 2.0 + 3.0 && ld > ld_lo)
                    || (len < 25 && img == 0.0 && st.len[i] > 0 && ld > 0.5)
                    || (w < 25 && ld > ld_lo && len < 400 && st.p[i] <= 1)
                    || (w >= 25 && ld > ld_hi)
                    || (ld > ld_hi && len < 1000));
            // Where links are the content (a listing), a small box of pictures is an item's
            // card, not a gallery beside the text.
            let bad = (by_links && img > 1.0 && p / img < 0.5 && len < 200)
                || (input > (p / 3.0).floor() && input > 0.0)
                || link_heavy;
            if bad {
                prune[i] = true;
                next = doc.nodes[i].end;
            }
        }
    }
    prune
}

/// Whether element `i` is a part of a card link (its text is the card's), or of an `<article>`
/// with a heading and prose of its own (a post, or a blog index's teaser of one: its title,
/// byline and link lists are the article's), rather than of a menu. Looks at the nearest link
/// within 8 ancestors and the nearest `<article>` within 6.
fn in_card_or_post(doc: &Document, st: &Stats, i: Ix) -> bool {
    let (mut link, mut article) = (false, false);
    for (depth, a) in doc.ancestors(i).take(8).enumerate() {
        match doc.tag(a) {
            "a" if !link => {
                if st.card_len[a] > 0 {
                    return true;
                }
                link = true;
            }
            "article" if !article && depth < 6 => {
                if st.headings[a] > 0 && st.len[a].saturating_sub(st.link_len[a]) >= 80 {
                    return true;
                }
                article = true;
            }
            _ => {}
        }
    }
    false
}

/// The boxes of links to other pages that announce themselves with a heading, and the short
/// lines that are boilerplate wherever they stand.
struct Related {
    /// `true` inside such a box.
    inside: Vec<bool>,
    /// Text outside links within such boxes, per subtree.
    prose: Vec<u32>,
    /// Short elements whose whole text is a boilerplate line ("Share this:", "Read more"),
    /// read once for all the pruning passes.
    line: Vec<bool>,
}

impl Related {
    fn find(doc: &Document, marks: &Marks, st: &Stats) -> Related {
        let n = doc.len();
        let mut inside = vec![false; n];
        let mut prose = vec![0u32; n];
        let mut i = 1;
        while i < n {
            // Only blocks can be boxes: inline elements and empty ones are skipped unread.
            if doc.is_element(i)
                && !marks.dead[i]
                && st.len[i] > 0
                && !is_inline(doc.tag(i))
                && opens_with_related_heading(doc, marks, st, i)
            {
                inside[i..doc.nodes[i].end].fill(true);
                prose[i] = st.len[i].saturating_sub(st.link_len[i]);
                i = doc.nodes[i].end;
            } else {
                i += 1;
            }
        }
        // Boxes do not nest (a box's inside is skipped), so sums up the tree count each once.
        for i in (1..n).rev() {
            let p = doc.nodes[i].parent;
            if p != usize::MAX && !inside[p] {
                prose[p] = prose[p].saturating_add(prose[i]);
            }
        }
        let line = (0..n)
            .map(|i| {
                doc.is_element(i)
                    && !marks.dead[i]
                    && st.len[i] > 0
                    && st.len[i] < 60
                    && is_boilerplate_line(&doc.text_content(i))
            })
            .collect();
        Related {
            inside,
            prose,
            line,
        }
    }
}

/// Whether a container opens with a heading that announces links to other pages ("You may
/// also like", "Leia também"): its first child with text is short and is such a heading (a
/// wrapper whose first child is a whole box of teasers does not count). Looks at a bounded
/// number of children, so the check costs the same on any page.
fn opens_with_related_heading(doc: &Document, marks: &Marks, st: &Stats, i: Ix) -> bool {
    let Some(first) = doc
        .children(i)
        .take(8)
        .find(|&c| !marks.dead[c] && st.len[c] > 0)
    else {
        return false;
    };
    if st.len[first] > 60 {
        return false;
    }
    let text = doc.text_content(first);
    let t = text
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace())
        .to_lowercase();
    crate::clean::vocab::RELATED_HEADINGS.contains(&t.as_str())
}

/// Whether a short block's whole text is a known boilerplate line ("Share this:", "Leave a Reply").
fn is_boilerplate_line(text: &str) -> bool {
    let lines = crate::clean::vocab::BOILERPLATE_LINES;
    // The first letter turns most texts away before any copy: an ASCII one lower-cases to
    // itself lower-cased, which must start one of the lines.
    match text.trim_start().chars().next() {
        None => return false,
        Some(c) if c.is_ascii() => {
            let c = c.to_ascii_lowercase() as u8;
            if !lines.iter().any(|line| line.as_bytes().first() == Some(&c)) {
                return false;
            }
        }
        Some(_) => {}
    }
    let t = crate::content::collapse(text);
    let t = t.trim();
    if t.is_ascii() {
        // The lines are lower-case: ASCII text equals one lower-cased exactly when it equals
        // it ignoring ASCII case.
        return lines.iter().any(|line| line.eq_ignore_ascii_case(t));
    }
    lines.contains(&t.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Inline;

    fn para(t: &str) -> Block {
        Block::Paragraph {
            inlines: vec![Inline::text(t)],
        }
    }

    #[test]
    fn repeat_keys_are_joined_lower_cased_words() {
        for t in [
            "  Hello   World\n",
            "ÀB  Ça\tVA",
            "ΣΑΣ ΟΔΟΣ",
            "İstanbul  K",
            "",
        ] {
            let old = t
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert_eq!(repeat_key(t), old, "{t:?}");
        }
    }

    #[test]
    fn forum_platform_lines_are_boilerplate() {
        assert!(is_boilerplate_line("Click to expand..."));
        assert!(is_boilerplate_line(
            "You must log in or register to reply here."
        ));
        assert!(!is_boilerplate_line("Click to expand the diagram below."));
        assert!(is_boilerplate_line(" Continue  reading "));
        assert!(is_boilerplate_line("Read more"));
        assert!(!is_boilerplate_line(
            "Read more about the study in the journal."
        ));
    }

    #[test]
    fn a_repeated_long_list_goes() {
        let item = "An item of a product grid that the page lays out twice for two screen sizes.";
        let list = Block::List {
            ordered: false,
            start: 1,
            items: vec![vec![para(item)], vec![para(item)], vec![para(item)]],
        };
        assert_eq!(
            drop_repeats(vec![list.clone(), para("Between."), list.clone()]),
            vec![list, para("Between.")]
        );
    }

    #[test]
    fn repeated_short_lines_go_but_repeated_paragraphs_stay() {
        let long = "A long paragraph that an author may well repeat on purpose. ".repeat(5);
        let blocks = vec![
            para("Jan 13, 2025"),
            para(&long),
            para("Jan  13, 2025"),
            para(&long),
        ];
        let kept = drop_repeats(blocks);
        assert_eq!(kept, vec![para("Jan 13, 2025"), para(&long), para(&long)]);
    }

    #[test]
    fn a_quote_of_what_already_stood_goes_but_a_new_quote_stays() {
        let post = "The question as the first post asked it, at some length and with care.";
        let blocks = vec![
            para(post),
            Block::Quote {
                blocks: vec![para(post)],
            },
            para("The reply to it."),
            Block::Quote {
                blocks: vec![para(
                    "Words quoted from elsewhere, said for the first time here.",
                )],
            },
        ];
        let kept = drop_repeats(blocks.clone());
        assert_eq!(
            kept,
            vec![blocks[0].clone(), blocks[2].clone(), blocks[3].clone()]
        );
    }
}
