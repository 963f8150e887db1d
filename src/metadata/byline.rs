//! Authors: cleaning raw author strings into person names, and finding visible bylines
//! ("By …", "Posted on … by …", `rel=author`, `itemprop=author`, hCard) in the page.

use super::scan::{Page, collapse, in_foreign_container, visible_lines, visible_text};
use crate::dom::{Document, Ix};
use regex::Regex;
use std::sync::LazyLock;

/// A leading "By", "Written by", "Author:" and their equivalents in other languages.
static PREFIX_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:(?:written|posted|published|reviewed|edited|reported|story|text|words|article|photos?|compiled)\s+)?(?:by|from|von|par|por|di|da|door|av|af|przez|od|от)\b\s*:?\s*|(?:authors?|autor(?:in|es)?|auteur|autore|autori|writer|posted|written|escrito|byline)\s*:\s*|(?:author|autor|auteur)\s+)",
    )
    .ok()
});

/// Where a byline stops being a name: a date, a time, a separator, "on", "updated".
static TAIL_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(?:\||•|·|—|–|\s-\s|/\s|\b(?:edited|reviewed|updated|fact[- ]checked|illustrated|photos?)\s+by\b|\s\d[\d,.]*k?(?:\s|$)|\b(?:on|at)\s+\w+\s+\d|\bat\s+\d|\b(?:published|updated|posted|last\s+updated|modified|le|am|el|il|on)\b\s*:?\s*\d|\b\d{1,2}(?:st|nd|rd|th)?\s+\p{L}+\.?,?\s+\d{4}|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}:\d{2}|\bupdated\b|\bpublished\b|\bfollow\b|\bemail\b|\btwitter\b|\bread more\b|\bview all\b|\bmore by\b|\bmin(?:ute)?s? read\b|\(\s*opens)",
    )
    .ok()
});

/// A web or mail address written after a name: "Ann Lee (https://ann.example/)".
static ADDRESS_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[(<\[]\s*(?:https?://|www\.|mailto:|[^\s()<>\[\]@]+@)[^)>\]]*[)>\]]").ok()
});

/// Bylines of someone other than the author: the editor, the reviewer, the last updater.
static NOT_AUTHOR_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last\s+)?(?:updated|edited|reviewed|medically reviewed|fact[- ]checked|illustrated|photographed|translated)\b").ok()
});

fn is_match_opt(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

/// Lower-case words that belong inside names.
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "ter",
    "la", "le", "bin", "ibn", "al", "el", "y", "e", "st.", "mc", "zu",
];

/// Whether `s` reads as a person's (or a masthead's) name rather than a phrase: few words, each
/// capitalised or a name particle. A single word passes (user names are often lower-case);
/// scripts without case pass.
pub fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 1 {
        return true;
    }
    if words.len() > 5 {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().find(|c| c.is_alphanumeric());
        match first {
            None => true,
            Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
            Some(c) if !c.is_lowercase() => true,
            Some(_) => PARTICLES.contains(&w.to_lowercase().as_str()),
        }
    })
}

/// Separators between several authors.
static SPLIT_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:and|und|et|y|e|en|og|och|i|и)\s+|\s*&\s*|\s*;\s*|\s*\band\b\s*,?").ok()
});

/// Strings that are never an author's name.
const NOT_NAMES: &[&str] = &[
    "admin",
    "administrator",
    "by",
    "author",
    "authors",
    "unknown",
    "null",
    "none",
    "guest",
    "webmaster",
    "editor",
    "posted",
    "share",
    "follow",
    "about the author",
    "view all posts",
    "written by",
    "more",
    "comments",
    "home",
    "menu",
    "search",
    "login",
    "log in",
    "sign in",
    "subscribe",
    "last",
    "staff writer",
    "the",
    "a",
    "an",
];

/// One person's name, or `None` when `s` does not look like one.
fn valid_name(s: &str) -> Option<String> {
    let mut s = s
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ':' | ';' | '-' | '|' | '.' | '·' | '•' | '"' | '\''
                )
        })
        .to_string();
    // Parentheses go only when unbalanced: "Ann (annl)" keeps its pair.
    if s.starts_with('(') && !s.contains(')') {
        s.remove(0);
    }
    if s.ends_with(')') && !s.contains('(') {
        s.pop();
    }
    let s = s.trim().to_string();
    let words = s.split_whitespace().count();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    if s.is_empty()
        || s.chars().count() > 70
        || words > 9
        || letters < 2
        || (digits * 3 > letters && !is_user_name(&s))
        || s.contains("http")
        || s.contains("www.")
        || s.contains('{')
        || s.contains('<')
        || NOT_NAMES.contains(&s.to_lowercase().as_str())
    {
        return None;
    }
    Some(s)
}

/// A user name with digits ("ggailey777", "user447274"): one word that starts with a letter.
fn is_user_name(s: &str) -> bool {
    !s.contains(char::is_whitespace)
        && s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// Cleans a raw author string ("By Ann Lee and Bo Chan | June 3, 2020") into names.
pub fn clean(raw: &str) -> Vec<String> {
    let mut s = collapse(raw);
    if let Some(r) = ADDRESS_RE.as_ref() {
        s = r.replace_all(&s, "").into_owned();
    }
    // Strip prefixes, possibly several ("Posted by: By Ann"), and the line breaks around them.
    for _ in 0..3 {
        s = s
            .trim_start_matches(|c: char| c.is_whitespace() || c == '|')
            .to_string();
        let Some(m) = PREFIX_RE.as_ref().and_then(|r| r.find(&s)) else {
            break;
        };
        if m.end() == 0 {
            break;
        }
        s = s[m.end()..].trim().to_string();
    }
    let mut s = s
        .trim_start_matches(|c: char| c.is_whitespace() || c == '|')
        .to_string();
    if let Some(m) = TAIL_RE.as_ref().and_then(|r| r.find(&s))
        && m.start() > 0
    {
        s.truncate(m.start());
    }
    let s = s.trim();
    if s.is_empty() || is_match_opt(&NOT_AUTHOR_RE, s) {
        return Vec::new();
    }
    let mut parts: Vec<&str> = match SPLIT_RE.as_ref() {
        Some(r) => r.split(s).collect(),
        None => vec![s],
    };
    // "Mac & i" is one name, and so is "Ann (with Bo and Cy)": split only when every part can
    // be one and no parenthesis spans the separator.
    if parts.len() > 1 && (s.contains('(') || !parts.iter().all(|p| p.trim().chars().count() >= 3))
    {
        parts = vec![s];
    }
    let mut out = Vec::new();
    for p in parts {
        // A comma separates authors only when every piece reads as a full name; otherwise it
        // belongs to the name ("Ann Lee, MD").
        let pieces: Vec<&str> = p
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect();
        let all_full = pieces.len() > 1
            && pieces
                .iter()
                .all(|x| (2..=4).contains(&x.split_whitespace().count()));
        if all_full {
            out.extend(pieces.into_iter().filter_map(valid_name));
        } else if let Some(n) = valid_name(p) {
            out.push(n);
        }
    }
    dedup(&mut out);
    out
}

/// Removes case-insensitive duplicates, keeping the first.
pub fn dedup(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.to_lowercase()));
}

/// Whether `s` is a social handle (`@name`) or a profile URL rather than a name.
pub fn is_handle(s: &str) -> bool {
    s.starts_with('@') || s.starts_with("http") || s.contains(".com/")
}

/// Authors named by microdata: `itemprop=author` (its `itemprop=name` when it is an item,
/// else its text or `content`).
pub fn from_microdata(doc: &Document, page: &Page) -> Vec<String> {
    let mut out = Vec::new();
    for &i in &page.itemprops {
        let prop = doc.attr(i, "itemprop").unwrap_or("");
        if !prop
            .split_whitespace()
            .any(|p| p == "author" || p == "creator")
        {
            continue;
        }
        if in_foreign_container(doc, i) || in_reply_item(doc, i) {
            continue;
        }
        let raw = if doc.attr(i, "itemscope").is_some() {
            page.itemprops
                .iter()
                .copied()
                .filter(|&j| doc.contains(i, j) && j != i)
                .find(|&j| {
                    doc.attr(j, "itemprop")
                        .is_some_and(|p| p.split_whitespace().any(|p| p == "name"))
                })
                .map(|j| prop_value(doc, j))
                .unwrap_or_else(|| visible_text(doc, i, 300))
        } else {
            prop_value(doc, i)
        };
        let names = clean(&raw);
        if !names.is_empty() {
            out.extend(names);
            if out.len() >= 8 {
                break;
            }
        }
    }
    dedup(&mut out);
    out
}

/// Whether a microdata property belongs to a reply inside the page (a schema.org `Answer`,
/// `Comment` or `Review` item): the author of an answer is not the author of the question.
pub fn in_reply_item(doc: &Document, i: Ix) -> bool {
    doc.ancestors(i).any(|a| {
        doc.attr(a, "itemscope").is_some()
            && doc.attr(a, "itemtype").is_some_and(|t| {
                t.split_whitespace().any(|t| {
                    let name = t.rsplit(['/', '#']).next().unwrap_or(t);
                    ["Answer", "Comment", "Review", "UserComments"]
                        .iter()
                        .any(|r| name.eq_ignore_ascii_case(r))
                })
            })
    })
}

/// The value of a microdata property element: `content`, `datetime`, or its text.
pub fn prop_value(doc: &Document, i: Ix) -> String {
    doc.attr(i, "content")
        .or_else(|| doc.attr(i, "datetime"))
        .map(str::to_string)
        .unwrap_or_else(|| visible_text(doc, i, 300))
}

/// Authors from a visible "By …" text (the text of the element that holds it), outside
/// comments and related-post lists.
pub fn from_by_texts(doc: &Document, page: &Page) -> Vec<String> {
    for &t in page.by_texts.iter().take(16) {
        let parent = doc.parent(t);
        if parent == usize::MAX || in_foreign_container(doc, t) {
            continue;
        }
        // The text node alone may be just "By": read its element, unless that is long.
        let mut text = visible_lines(doc, parent, 300);
        if text.chars().count() > 200 {
            text = collapse(doc.text(t).unwrap_or(""));
        }
        let names = clean(&text);
        if !names.is_empty() && names.iter().all(|n| looks_like_name(n)) {
            return names;
        }
    }
    Vec::new()
}

/// Most nodes in an element read as a byline.
const MAX_BYLINE_NODES: usize = 80;

/// Authors from the first visible byline: an element whose class, id or rel says "author" or
/// "byline", outside comments and related-post lists.
pub fn from_bylines(doc: &Document, page: &Page) -> Vec<String> {
    let mut tried = 0;
    for &i in &page.bylines {
        if matches!(
            doc.tag(i),
            "body" | "html" | "article" | "main" | "img" | "meta" | "link"
        ) {
            continue;
        }
        // A byline is a small element; a large one (an infobox classed "vcard") is a
        // container whose first line says nothing about the author.
        if doc.end(i) - i > MAX_BYLINE_NODES {
            continue;
        }
        let text = visible_lines(doc, i, 400);
        if text.is_empty() || text.chars().count() > 200 {
            continue;
        }
        // A container of a whole article is not a byline.
        if in_foreign_container(doc, i) {
            continue;
        }
        tried += 1;
        if tried > 24 {
            break;
        }
        let names = clean(&text);
        if !names.is_empty() && names.iter().all(|n| looks_like_name(n)) {
            return names;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::scan::scan;
    use crate::options::Limits;

    #[test]
    fn every_pattern_compiles() {
        assert!(
            PREFIX_RE.is_some()
                && TAIL_RE.is_some()
                && SPLIT_RE.is_some()
                && NOT_AUTHOR_RE.is_some()
                && ADDRESS_RE.is_some()
        );
    }

    #[test]
    fn by_prefixes_and_trailing_dates_are_removed() {
        assert_eq!(clean("By Ann Lee"), ["Ann Lee"]);
        assert_eq!(clean("by:  Ann Lee"), ["Ann Lee"]);
        assert_eq!(clean("Written by Ann Lee | March 3, 2020"), ["Ann Lee"]);
        assert_eq!(clean("Posted by Ann Lee on 3 March 2020"), ["Ann Lee"]);
        assert_eq!(clean("Par Sébastien Farcis"), ["Sébastien Farcis"]);
        assert_eq!(clean("Von Max Muster, 12.03.2019"), ["Max Muster"]);
        assert_eq!(clean("Author: Jane Doe"), ["Jane Doe"]);
        assert_eq!(clean("By Lucas Nolan 22 Dec 2016"), ["Lucas Nolan"]);
    }

    #[test]
    fn several_authors_are_split() {
        assert_eq!(clean("By Ann Lee and Bo Chan"), ["Ann Lee", "Bo Chan"]);
        assert_eq!(clean("Ann Lee & Bo Chan"), ["Ann Lee", "Bo Chan"]);
        assert_eq!(
            clean("Ann Lee, Bo Chan, Cy Dee"),
            ["Ann Lee", "Bo Chan", "Cy Dee"]
        );
        // A comma before a credential is part of the name.
        assert_eq!(clean("Dylan Bailey, MS, RD"), ["Dylan Bailey, MS, RD"]);
    }

    #[test]
    fn editors_and_updaters_are_not_authors() {
        assert!(clean("Updated by Jon Linkov").is_empty());
        assert_eq!(
            clean("Written by Rob Ewaschuk Edited by Betsy Beyer"),
            ["Rob Ewaschuk"]
        );
        assert!(clean("Last Updated: January 7, 2025").is_empty());
    }

    #[test]
    fn user_cards_lose_their_reputation_numbers() {
        assert_eq!(clean("Gore Liu 51 2 2 bronze badges"), ["Gore Liu"]);
        assert_eq!(clean("glenn jackman 88.7k"), ["glenn jackman"]);
    }

    #[test]
    fn one_name_with_an_ampersand_or_parentheses_stays_whole() {
        assert_eq!(clean("Mac & i"), ["Mac & i"]);
        assert_eq!(
            clean("Martin Untersinger (avec Damien Leloup et Morgane Tual)"),
            ["Martin Untersinger (avec Damien Leloup et Morgane Tual)"]
        );
        assert_eq!(
            clean("史蒂文的家_藍天 (stevenhgm)"),
            ["史蒂文的家_藍天 (stevenhgm)"]
        );
    }

    #[test]
    fn phrases_do_not_look_like_names() {
        assert!(looks_like_name("Ann Lee"));
        assert!(looks_like_name("Ludwig van Beethoven"));
        assert!(looks_like_name("sanmartinwatch"));
        assert!(looks_like_name("肖春芳"));
        assert!(!looks_like_name("definition of the Hermitian matrix"));
        assert!(!looks_like_name("Personal finance"));
    }

    #[test]
    fn non_names_are_rejected() {
        assert!(clean("admin").is_empty());
        assert!(clean("https://example.org/author/ann").is_empty());
        assert_eq!(
            clean("Bradley M. Kuhn (http://ebb.org/bkuhn/)"),
            ["Bradley M. Kuhn"]
        );
        assert_eq!(clean("Ann Lee <ann@example.org>"), ["Ann Lee"]);
        assert!(clean("By").is_empty());
        assert!(clean(&"word ".repeat(30)).is_empty());
    }

    #[test]
    fn visible_byline_outside_comments_is_found() {
        let d = crate::dom::Document::parse(
            r#"<body><div class="comments"><span class="comment-author">Troll</span></div>
            <p class="byline">By <a rel="author">Ann Lee</a> | 3 March 2020</p></body>"#,
            &Limits::default(),
        );
        let p = scan(&d);
        assert_eq!(from_bylines(&d, &p), ["Ann Lee"]);
    }

    #[test]
    fn a_by_text_without_class_is_a_byline() {
        let d = crate::dom::Document::parse(
            r#"<body><h1>T</h1><p class="meta"><time>Apr 17, 2025</time></p>
            <p class="x">By Jerry Chu</p><span>By <a href="/p/sofia">Sofia Gonzalez</a></span></body>"#,
            &Limits::default(),
        );
        let p = scan(&d);
        assert_eq!(from_by_texts(&d, &p), ["Jerry Chu"]);
    }

    #[test]
    fn on_a_q_and_a_page_the_answerers_are_not_the_authors() {
        let d = crate::dom::Document::parse(
            r#"<body><div itemscope itemtype="https://schema.org/Question">
            <h1 itemprop="name">Why?</h1><span itemprop="author">Ann Asker</span>
            <div itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">
            <p itemprop="text">Because.</p><span itemprop="author">Bo Answerer</span></div>
            <div itemscope itemtype="http://schema.org/Comment"><span itemprop="creator">Cy Commenter</span></div>
            </div></body>"#,
            &Limits::default(),
        );
        let p = scan(&d);
        assert_eq!(from_microdata(&d, &p), ["Ann Asker"]);
    }

    #[test]
    fn microdata_author_item_gives_its_name() {
        let d = crate::dom::Document::parse(
            r#"<body><div itemprop="author" itemscope itemtype="https://schema.org/Person">
            <img itemprop="image" src="a.jpg"><span itemprop="name">Ann Lee</span>
            <span itemprop="jobTitle">Reporter</span></div></body>"#,
            &Limits::default(),
        );
        let p = scan(&d);
        assert_eq!(from_microdata(&d, &p), ["Ann Lee"]);
    }
}
