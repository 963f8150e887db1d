//! The rule-based reading of the page: Readability-style container scores choose the roots,
//! which widen to sections that add prose; the page's shape decides how links are read.

#![allow(clippy::needless_range_loop)] // the arena is walked by index ranges

use super::prune::{Links, Reading, Related, prune_marks};
use super::stats::Stats;
use crate::clean::Marks;
use crate::dom::{Document, Ix};
use crate::options::Focus;

/// What the rules choose: the content roots and, inside them, what pruning removes.
pub(crate) struct Choice {
    /// Roots of the main content, in document order.
    pub roots: Vec<Ix>,
    /// Nodes pruned inside the roots.
    pub prune: Vec<bool>,
    /// How the chosen reading read the links (as menus, cards as content, all as content).
    pub links: Links,
}

/// The rule-based choice of the main content.
pub(crate) fn choose(
    doc: &Document,
    marks: &Marks,
    st: &Stats,
    related: &Related,
    focus: Focus,
    page_type: Option<&str>,
) -> Choice {
    let body = doc.find_tag("body").unwrap_or(0);
    let selected = select(doc, marks, st, related, focus, body);
    let selected = expand(doc, st, related, focus, body, selected);
    // One reading of a set of roots: what pruning leaves of them, with links read one way.
    let read = |roots: &[Ix], links: Links| {
        let prune = prune_marks(doc, marks, st, related, focus, roots, links);
        let len = kept_len(doc, st, roots, &prune);
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
    let listing = headline_links(doc, marks, st, related, &selected) >= 4
        || (page.len < 1000 && headline_links(doc, marks, st, related, &[body]) >= 4);
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
    let (roots, chosen) = if (sel.len as f32) < min_share * page.len as f32 {
        (vec![body], page)
    } else {
        (selected, sel)
    };
    Choice {
        roots,
        prune: chosen.prune,
        links: chosen.links,
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
        .flat_map(|&r| r..doc.end(r))
        .filter(|&i| {
            !marks.dead[i]
                && !related.inside[i]
                && matches!(doc.tag(i), "h2" | "h3" | "h4")
                && st.len[i] >= 15
                && st.link_len[i] as f32 >= 0.8 * st.len[i] as f32
        })
        .count()
}

/// Text length of `roots` without their pruned parts.
fn kept_len(doc: &Document, st: &Stats, roots: &[Ix], prune: &[bool]) -> u32 {
    let mut total = 0;
    for &r in roots {
        let mut kept = st.len[r];
        let mut i = r + 1;
        while i < doc.end(r) {
            if prune[i] {
                kept = kept.saturating_sub(st.len[i]);
                i = doc.end(i);
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
        let mut p = doc.parent(top);
        while p != usize::MAX && p != body && p != 0 {
            let shared = alternatives.iter().filter(|&&a| doc.contains(p, a)).count();
            if shared >= 3 {
                top = p;
                break;
            }
            p = doc.parent(p);
        }
    }
    // Climb while the parent scores better (Readability's parent walk).
    let mut last = score[top];
    if !last.is_nan() {
        let threshold = last / 3.0;
        let mut p = doc.parent(top);
        while p != usize::MAX && p != body && p != 0 {
            if score[p].is_nan() {
                p = doc.parent(p);
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
            p = doc.parent(p);
        }
    }
    // An only child is no better than its parent.
    loop {
        let p = doc.parent(top);
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
    let p = doc.parent(top);
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
    let mut p = doc.parent(first);
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
        p = doc.parent(p);
    }
    match chosen {
        Some(c) => vec![c],
        None => roots,
    }
}
