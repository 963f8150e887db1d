//! Reader comments: found in the page's comment section, returned apart from the body.
//!
//! A comment is an element that a platform's markup marks as one: WordPress (`li.comment`,
//! `article.comment` with `.comment-content` / `.comment-body`), Disqus as rendered
//! (`li.post` with `.post-message`), Drupal (`.comment` with `.field--name-comment-body`),
//! phpBB-style boards (`.post` with `.postbody` / `.content`), and schema.org microdata
//! (`itemtype` `Comment` or `UserComments`). Replies nested in a comment are comments of their
//! own, in page order. Comment forms are never comments. The whole pass is linear in the size
//! of the document: per-node flags are computed in one forward and one backward sweep, and
//! each node is read for the fields of exactly one comment.

use crate::Comment;
use crate::content;
use crate::dom::{Document, Ix};
use crate::render;

/// Class names (whole tokens) of the element that holds a comment's text, best first.
const TEXT_CLASSES: &[&str] = &[
    "comment-content",
    "comment_content",
    "comment__content",
    "comment-text",
    "comment_text",
    "commenttext",
    "comment-entry",
    "field--name-comment-body",
    "field-name-comment-body",
    "field-comment-body",
    "post-message",
    "content",
    "postbody",
    "comment-body",
    "comment_body",
];

/// Text containers of forum posts and Disqus posts: what makes a `.post` a comment.
const POST_TEXT_CLASSES: &[&str] = &["post-message", "postbody"];

/// Class names (whole tokens) of a comment's author.
const AUTHOR_CLASSES: &[&str] = &[
    "fn",
    "woocommerce-review__author",
    "comment-author-name",
    "comment__author",
    "username",
    "username-coloured",
    "comment-author",
    "author",
];

/// Class names (whole tokens) of a comment's date, read when no `<time datetime>` is found.
const DATE_CLASSES: &[&str] = &[
    "comment-date",
    "comment__time",
    "comment-time",
    "comment-metadata",
    "commentmetadata",
    "comment-meta",
    "time-ago",
    "post-meta",
    "submitted",
    "author",
];

/// Class names (whole tokens) of what belongs to a comment's frame, not its text.
const FRAME_CLASSES: &[&str] = &[
    "comment-author",
    "comment-meta",
    "comment-metadata",
    "commentmetadata",
    "comment__meta",
    "comment-header",
    "comment__header",
    "reply",
    "comment-reply",
    "comment-reply-link",
    "comment-actions",
    "comment-footer",
    "comment__links",
    "links",
    "vcard",
    "avatar",
    "edit-link",
    "post-meta",
    "post-byline",
    "post-menu",
    "post-footer",
    "author",
    "postprofile",
    "signature",
    "submitted",
    "username",
    "comment-author-name",
    "fn",
    "meta",
    "woocommerce-review__author",
    "star-rating",
];

/// Ids and classes of comment forms: never a comment, nor part of one.
const FORM_NAMES: &[&str] = &[
    "respond",
    "comment-respond",
    "comment-form",
    "commentform",
    "comment-reply-title",
    "reply-title",
];

/// Phrases of comment forms: a would-be comment carrying one of them is a form.
const FORM_PHRASES: &[&str] = &[
    "leave a reply",
    "your email address will not be published",
    "fill in your details below",
    "post comment",
    "you must be logged in to post a comment",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    None,
    /// A comment (its subtree, minus nested comments, is its own).
    Item,
    /// Part of a comment's frame (author, date, reply link) or a form: not comment text.
    Frame,
}

fn classes(doc: &Document, i: Ix) -> impl Iterator<Item = &str> {
    doc.attr(i, "class").unwrap_or("").split_ascii_whitespace()
}

fn has_class(doc: &Document, i: Ix, names: &[&str]) -> bool {
    classes(doc, i).any(|c| names.iter().any(|n| c.eq_ignore_ascii_case(n)))
}

fn itemprop(doc: &Document, i: Ix, names: &[&str]) -> bool {
    doc.attr(i, "itemprop").is_some_and(|p| {
        p.split_ascii_whitespace()
            .any(|t| names.iter().any(|n| t.eq_ignore_ascii_case(n)))
    })
}

fn is_form(doc: &Document, i: Ix) -> bool {
    matches!(doc.tag(i), "form" | "textarea" | "input" | "button")
        || doc
            .attr(i, "id")
            .is_some_and(|id| FORM_NAMES.iter().any(|n| id.eq_ignore_ascii_case(n)))
        || has_class(doc, i, FORM_NAMES)
}

fn is_schema_comment(doc: &Document, i: Ix) -> bool {
    doc.attr(i, "itemtype").is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.ends_with("/comment") || t.ends_with("/usercomments")
    })
}

/// The reader comments of `doc`, in page order.
pub fn extract(doc: &Document, base: Option<&str>) -> Vec<Comment> {
    if doc.len() == 0 {
        return Vec::new();
    }
    let role = roles(doc);
    let mut out = Vec::new();
    for i in 0..doc.len() {
        if role[i] != Role::Item || in_form_frame(doc, &role, i) {
            continue;
        }
        if let Some(c) = read_comment(doc, i, &role, base) {
            out.push(c);
        }
    }
    out
}

/// Which nodes lie inside a reader comment that [`extract`] reads (for the explain report).
pub(crate) fn inside_comments(doc: &Document) -> Vec<bool> {
    let role = roles(doc);
    let mut inside = vec![false; doc.len()];
    for i in 0..doc.len() {
        let p = doc.parent(i);
        inside[i] = (p != usize::MAX && inside[p])
            || (role[i] == Role::Item && !in_form_frame(doc, &role, i));
    }
    inside
}

/// A comment inside a form is not one (a preview, a template).
fn in_form_frame(doc: &Document, role: &[Role], i: Ix) -> bool {
    doc.ancestors(i)
        .any(|a| role[a] == Role::Frame && is_form(doc, a))
}

/// The role of each node: comment, frame, or neither.
fn roles(doc: &Document) -> Vec<Role> {
    let n = doc.len();
    // Backward sweep: which subtrees hold a comment-text container.
    let mut has_text = vec![false; n];
    let mut has_post_text = vec![false; n];
    for i in (0..n).rev() {
        if has_class(doc, i, TEXT_CLASSES) || itemprop(doc, i, &["text", "commentText"]) {
            has_text[i] = true;
        }
        if has_class(doc, i, POST_TEXT_CLASSES) {
            has_post_text[i] = true;
        }
        let p = doc.parent(i);
        if p != usize::MAX {
            has_text[p] |= has_text[i];
            has_post_text[p] |= has_post_text[i];
        }
    }
    // Forward sweep (parents come first): where comment sections and code are.
    let mut in_section = vec![false; n];
    let mut in_code = vec![false; n];
    let mut role = vec![Role::None; n];
    for i in 0..n {
        let p = doc.parent(i);
        let (ps, pc) = if p == usize::MAX {
            (false, false)
        } else {
            (in_section[p], in_code[p])
        };
        let tag = doc.tag(i);
        in_code[i] = pc || matches!(tag, "pre" | "code");
        in_section[i] = ps || is_section(doc, i);
        if !doc.is_element(i) || in_code[i] {
            continue;
        }
        role[i] = if is_form(doc, i) {
            Role::Frame
        } else if is_item(doc, i, has_text[i], has_post_text[i], in_section[i]) {
            Role::Item
        } else if has_class(doc, i, FRAME_CLASSES)
            || itemprop(
                doc,
                i,
                &["author", "dateCreated", "datePublished", "commentTime"],
            )
        {
            Role::Frame
        } else {
            Role::None
        };
    }
    role
}

/// Whether `i` is (or names itself as) a page's comment section.
fn is_section(doc: &Document, i: Ix) -> bool {
    const SECTION: &[&str] = &[
        "comments",
        "commentlist",
        "comment-list",
        "comments-area",
        "comments-list",
        "comment-section",
        "disqus_thread",
        "post-list",
        "comments-container",
    ];
    doc.attr(i, "id")
        .is_some_and(|id| SECTION.iter().any(|n| id.eq_ignore_ascii_case(n)))
        || has_class(doc, i, SECTION)
}

fn is_item(doc: &Document, i: Ix, has_text: bool, has_post_text: bool, in_section: bool) -> bool {
    if is_schema_comment(doc, i) {
        // Some pages mark the whole (possibly empty) list as one: a comment has a text.
        return has_text;
    }
    let tag = doc.tag(i);
    if !matches!(tag, "li" | "article" | "div" | "section" | "dd") {
        return false;
    }
    let comment = has_class(
        doc,
        i,
        &[
            "comment",
            "comment-item",
            "commentlist-item",
            "comment-thread-item",
        ],
    );
    let post = has_class(doc, i, &["post"]);
    // A text container alone is not the comment: the comment is the element around it.
    let is_text = has_class(doc, i, TEXT_CLASSES);
    // WooCommerce product reviews are comments too (`li.review` in the comment list).
    let review = tag == "li" && has_class(doc, i, &["review"]);
    ((comment || review) && (has_text || in_section) && !is_text)
        || (post && has_post_text && !is_text && !has_class(doc, i, &["hentry", "type-post"]))
}

/// Reads one comment's author, date and text, leaving out the comments nested in it.
fn read_comment(doc: &Document, item: Ix, role: &[Role], base: Option<&str>) -> Option<Comment> {
    let end = doc.end(item);
    let mut text_root: Option<(usize, Ix)> = None;
    let mut author: Option<String> = None;
    let mut author_rank = usize::MAX;
    let mut time_attr: Option<String> = None;
    let mut date_text: Option<(usize, String)> = None;
    let mut title_date: Option<String> = None;
    let mut labelled: Option<String> = aria_author(doc, item);
    let mut j = item + 1;
    while j < end {
        if role[j] == Role::Item || is_form(doc, j) {
            j = doc.end(j);
            continue;
        }
        if !doc.is_element(j) {
            j += 1;
            continue;
        }
        // Text container: one inside another wins (the outer one holds the frame too);
        // otherwise the best-ranked, first in order.
        if let Some(rank) = rank_of(doc, j, TEXT_CLASSES)
            .or_else(|| itemprop(doc, j, &["text", "commentText"]).then_some(0))
            && text_root.is_none_or(|(r, root)| doc.contains(root, j) || rank < r)
        {
            text_root = Some((rank, j));
        }
        if labelled.is_none() {
            labelled = aria_author(doc, j);
        }
        // A date in a title attribute ("Dec 12, 2025, 6:16 PM" over "8d").
        if title_date.is_none()
            && let Some(t) = doc.attr(j, "title")
        {
            title_date = iso_date(t);
        }
        // Author.
        let arank = if itemprop(doc, j, &["author", "creator"]) {
            Some(0)
        } else {
            rank_of(doc, j, AUTHOR_CLASSES).map(|r| r + 1)
        };
        if let Some(r) = arank
            && r < author_rank
        {
            let name = author_name(doc, j);
            if !name.is_empty() {
                author = Some(name);
                author_rank = r;
            }
        }
        // Date.
        if time_attr.is_none() {
            let attr = if doc.tag(j) == "time" {
                doc.attr(j, "datetime")
            } else if itemprop(doc, j, &["dateCreated", "datePublished", "commentTime"]) {
                match doc.attr(j, "datetime").or_else(|| doc.attr(j, "content")) {
                    Some(a) => Some(a),
                    None => {
                        time_attr = iso_date(&doc.text_content(j));
                        None
                    }
                }
            } else {
                None
            };
            if let Some(a) = attr.map(str::trim).filter(|a| !a.is_empty()) {
                time_attr = Some(a.to_string());
            }
        }
        if let Some(r) = rank_of(doc, j, DATE_CLASSES)
            && date_text.as_ref().is_none_or(|(best, _)| r < *best)
        {
            // Disqus keeps the full date in the title of its "2 years ago" link.
            let titled = (j..doc.end(j))
                .take(64)
                .find(|&k| {
                    doc.attr(k, "title")
                        .is_some_and(|t| t.chars().any(|c| c.is_ascii_digit()))
                })
                .and_then(|k| doc.attr(k, "title"));
            let t = match titled {
                Some(t) => collapse(t),
                None => collapse(&doc.text_content(j)),
            };
            if !t.is_empty() && t.chars().any(|c| c.is_ascii_digit()) {
                date_text = Some((r, t));
            }
        }
        j += 1;
    }
    // Text: the container's blocks, without the comment's frame and nested comments.
    let root = text_root.map(|(_, r)| r).unwrap_or(item);
    let skip = |k: Ix| k != root && role[k] != Role::None;
    let blocks = content::build(doc, &[root], &skip, base);
    let text = render::text(&blocks);
    let text = text.trim().to_string();
    if text.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    if FORM_PHRASES.iter().any(|p| lower.contains(p)) && text.len() < 400 {
        return None;
    }
    let published = time_attr
        .or_else(|| date_text.and_then(|(_, t)| iso_date(&t)))
        .or(title_date);
    // "Comment by Ann" as the comment's accessible name.
    let author = author.or(labelled.filter(|n| !n.is_empty() && n.chars().count() <= 80));
    Some(Comment {
        author,
        published: published.filter(|p| !p.is_empty()),
        text,
    })
}

/// The name in an `aria-label` such as "Comment by Ann".
fn aria_author(doc: &Document, i: Ix) -> Option<String> {
    let l = collapse(doc.attr(i, "aria-label")?);
    ["Comment by ", "Comment from ", "Reply by "]
        .iter()
        .find_map(|p| l.strip_prefix(p).map(str::to_string))
}

fn rank_of(doc: &Document, i: Ix, names: &[&str]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for c in classes(doc, i) {
        if let Some(r) = names.iter().position(|n| c.eq_ignore_ascii_case(n)) {
            best = Some(best.map_or(r, |b| b.min(r)));
        }
    }
    best
}

/// An author element's name: its `itemprop=name`, else its text without "says:" and dates.
fn author_name(doc: &Document, i: Ix) -> String {
    let end = doc.end(i);
    let src = (i..end)
        .take(64)
        .find(|&k| itemprop(doc, k, &["name"]))
        .or_else(|| {
            (i..end)
                .take(64)
                .find(|&k| has_class(doc, k, &["fn", "username", "username-coloured"]))
        })
        .unwrap_or(i);
    let name = doc
        .attr(src, "content")
        .map(collapse)
        .unwrap_or_else(|| collapse(&doc.text_content(src)));
    let mut name = name.trim().to_string();
    for suffix in [" says:", " says", " said:", " wrote:", ":"] {
        if let Some(s) = name.strip_suffix(suffix) {
            name = s.trim().to_string();
        }
    }
    for prefix in ["by ", "By "] {
        if let Some(s) = name.strip_prefix(prefix) {
            name = s.trim().to_string();
        }
    }
    // A long "name" is a whole byline, not a name.
    if name.chars().count() > 80 {
        return String::new();
    }
    name
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An ISO 8601 date (and time, when given) from a date written in words, such as
/// "Monday, January 4, 2016 5:12 AM", "4 January 2016 at 17:12" or "2016-01-04"; `None`
/// when the text has no unambiguous date.
fn iso_date(t: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = t.to_lowercase();
    // Already ISO: YYYY-MM-DD.
    let b = lower.as_bytes();
    for k in 0..b.len().saturating_sub(9) {
        let d = |x: usize| b[k + x].is_ascii_digit();
        if d(0)
            && d(1)
            && d(2)
            && d(3)
            && b[k + 4] == b'-'
            && d(5)
            && d(6)
            && b[k + 7] == b'-'
            && d(8)
            && d(9)
        {
            return Some(lower[k..k + 10].to_string());
        }
    }
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == ':'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut time: Option<(u32, u32)> = None;
    let mut pm = None;
    for w in &words {
        if let Some((h, m)) = w.split_once(':') {
            if let (Ok(h), Some(Ok(m))) = (h.parse::<u32>(), m.get(..2).map(str::parse::<u32>))
                && h < 24
                && m < 60
                && time.is_none()
            {
                time = Some((h, m));
            }
            continue;
        }
        match *w {
            "am" | "a" => pm = Some(false),
            "pm" | "p" => pm = Some(true),
            _ => {}
        }
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let v: u32 = digits.parse().ok()?;
            if digits.len() == 4 && (1900..2200).contains(&v) && year.is_none() {
                year = Some(v);
            } else if digits.len() <= 2 && (1..=31).contains(&v) && day.is_none() {
                day = Some(v);
            }
            continue;
        }
        if month.is_none()
            && w.len() >= 3
            && let Some(m) = MONTHS.iter().position(|m| w.starts_with(m))
        {
            month = Some(m as u32 + 1);
        }
    }
    let (y, m, d) = (year?, month?, day?);
    let mut s = format!("{y:04}-{m:02}-{d:02}");
    if let Some((mut h, min)) = time {
        match pm {
            Some(true) if h < 12 => h += 12,
            Some(false) if h == 12 => h = 0,
            _ => {}
        }
        s.push_str(&format!("T{h:02}:{min:02}:00"));
    }
    Some(s)
}
