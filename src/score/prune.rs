//! Pruning inside the selection: boxes of related links, boilerplate lines and containers
//! that read like menus, galleries or forms (Readability's conditional cleaning).

#![allow(clippy::needless_range_loop)] // the arena is walked by index ranges

use super::stats::{Stats, is_inline};
use crate::clean::Marks;
use crate::clean::vocab::{BOILERPLATE_LINES, RELATED_HEADINGS};
use crate::dom::{Document, Ix};
use crate::options::Focus;

/// What pruning leaves of a set of roots.
pub(super) struct Reading {
    /// Pruned nodes.
    pub prune: Vec<bool>,
    /// Text length kept.
    pub len: u32,
    /// How the links were read.
    pub links: Links,
}

/// How pruning reads the links inside the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Links {
    /// Link-heavy containers are menus and go.
    Menus,
    /// As `Menus`, but card links (a heading and its description, wrapped in one link) are
    /// what the page offers, not a menu: a service page's tiles, a blog index's teasers.
    CardsAreContent,
    /// Links are the content (a listing): no container goes for its links.
    Content,
}

/// Containers inside the selection that read like boilerplate (Readability's conditional cleaning).
pub(super) fn prune_marks(
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
        while next < doc.end(r) {
            let i = next;
            next += 1;
            if marks.dead[i] || !doc.is_element(i) {
                continue;
            }
            if matches!(doc.tag(i), "pre" | "code") {
                // Inside code, structure is content.
                next = doc.end(i);
                continue;
            }
            if related.inside[i] {
                prune[i] = true;
                next = doc.end(i);
                if st.len[i] < 60 {
                    // "You may also like..." as a line of its own: the links that follow it
                    // go with it.
                    let p = doc.parent(i);
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
                next = doc.end(i);
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
                next = doc.end(i);
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
pub(super) struct Related {
    /// `true` inside such a box.
    pub inside: Vec<bool>,
    /// Text outside links within such boxes, per subtree.
    pub prose: Vec<u32>,
    /// Short elements whose whole text is a boilerplate line ("Share this:", "Read more"),
    /// read once for all the pruning passes.
    pub line: Vec<bool>,
}

impl Related {
    pub(super) fn find(doc: &Document, marks: &Marks, st: &Stats) -> Related {
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
                inside[i..doc.end(i)].fill(true);
                prose[i] = st.len[i].saturating_sub(st.link_len[i]);
                i = doc.end(i);
            } else {
                i += 1;
            }
        }
        // Boxes do not nest (a box's inside is skipped), so sums up the tree count each once.
        for i in (1..n).rev() {
            let p = doc.parent(i);
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
                    && may_start(doc.first_char(i), BOILERPLATE_LINES)
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
    if st.len[first] > 60 || !may_start(doc.first_char(first), RELATED_HEADINGS) {
        return false;
    }
    let text = doc.text_content(first);
    let t = text
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace())
        .to_lowercase();
    RELATED_HEADINGS.contains(&t.as_str())
}

/// Whether a text that starts with `first` (its first character that is not whitespace) can
/// be one of the lower-case `lines` once lower-cased: the first letter turns most texts away
/// before any copy. An ASCII letter lower-cases to an ASCII one, which must start one of the
/// lines; other characters are not judged here.
fn may_start(first: Option<char>, lines: &[&str]) -> bool {
    match first {
        None => false,
        Some(c) if c.is_ascii() => {
            let c = c.to_ascii_lowercase() as u8;
            lines.iter().any(|line| line.as_bytes().first() == Some(&c))
        }
        Some(_) => true,
    }
}

/// Whether a short block's whole text is a known boilerplate line ("Share this:", "Leave a Reply").
fn is_boilerplate_line(text: &str) -> bool {
    let lines = BOILERPLATE_LINES;
    if !may_start(text.trim_start().chars().next(), lines) {
        return false;
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
}
