//! One linear pass over the whole document that gathers every node the metadata sources read.

use crate::dom::{Document, Ix};
use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Most candidates of one kind kept: pages with thousands of bylines or times are not articles.
const MAX_CANDIDATES: usize = 64;

/// Class, id, rel or itemprop words that mark a visible byline.
const BYLINE_WORDS: &str = r"(?i)byline|author|writer|posted[-_]?by|submitted|p-author|h-card|vcard|contributor|username|user-name|poster|creator|reporter";

/// Words that may lead a visible byline's "by" word: "Written by", "Posted by"...
const BY_LEADS: [&str; 6] = ["written", "posted", "published", "words", "story", "text"];

/// The "by" of a visible byline in the languages we read.
const BY_WORDS: [&str; 10] = [
    "by", "von", "par", "por", "door", "av", "af", "przez", "от", "di",
];

/// The start of a visible byline: "By", "Written by", "Posted by", "Von", "Par", "Por"...
static BY_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:(?:{})\s+)?(?:{})\b(?:\s*:)?(?:\s|$)",
        BY_LEADS.join("|"),
        BY_WORDS.join("|")
    ))
    .ok()
});

/// Class, id or itemprop words of an element that shows a date.
const DATE_WORDS: &str = r"(?i)date|time|publish|posted|dateline|byline|post-?meta|entry-?meta|article-?meta|header-?meta|meta-?info|post-?info|article-?info|timestamp|updated|created|subtitle|info";

/// Class or id words of an element that shows a headline ("headline", "story-title",
/// "entry-title", "hed"), not a subtitle or a subhead.
const HEADLINE_WORDS: &str = r"(?i)head-?line|(?:^|[\s_-])(?:hed|title|heading)(?:$|[\s_-])|(?:story|article|entry|post|page|news|content)-?(?:title|head|heading)(?:$|[\s_-])";

/// [`BYLINE_WORDS`], [`DATE_WORDS`] and [`HEADLINE_WORDS`] in one automaton: a class or id
/// value is read once for all three.
static NAME_WORDS: LazyLock<Option<RegexSet>> =
    LazyLock::new(|| RegexSet::new([BYLINE_WORDS, DATE_WORDS, HEADLINE_WORDS]).ok());

/// Containers whose bylines and dates are not the article's.
static FOREIGN_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:.*[-_])?(?:comments?|comment-?list|reply|replies|respond|related|nav|navigation|menu|recommend(?:ed|ations)?|sidebar|site-?footer|trending|popular|promo|newsletter|share|sharing|social|avatar|disqus|also-?read|read-?more|more-?stories|next-?post|prev-?post|teaser)(?:[-_].*)?$",
    )
    .ok()
});

/// Whether `s` matches an optional regex.
pub fn is_match(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

/// Whether a text may start a visible byline ([`BY_RE`]): a cheap look at its first word
/// spares the regex for nearly all texts. A first word of ASCII letters that ends in ASCII
/// (or the text) can only match as one of the pattern's words; where a non-ASCII character
/// starts or ends it, the regex decides (so that case folding stays the regex's own).
fn may_start_byline(t: &str) -> bool {
    let mut first_words = BY_LEADS.iter().chain(&BY_WORDS);
    let t = t.trim_start();
    // First the first letter, which turns away most texts at once.
    match t.bytes().next() {
        None => return false,
        Some(b) if b.is_ascii() => {
            let b = b.to_ascii_lowercase();
            if !first_words
                .clone()
                .any(|w| w.as_bytes().first() == Some(&b))
            {
                return false;
            }
        }
        Some(_) => {}
    }
    let w = t.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (word, rest) = t.split_at(w);
    if w == 0 || rest.chars().next().is_some_and(|c| !c.is_ascii()) {
        return true;
    }
    first_words.any(|f| word.eq_ignore_ascii_case(f))
}

/// A part of every match of [`NAME_WORDS`] (each alternative of its three patterns holds one),
/// sought in any ASCII case: a value that holds none says nothing, and the regexes need not
/// read it. Only ASCII values are turned away so: under the patterns' Unicode case folding a
/// non-ASCII character can stand for an ASCII letter (`ſ` for `s`).
const NAME_WORD_PARTS: &[&str] = &[
    "byline",
    "author",
    "writer",
    "posted",
    "submitted",
    "h-card",
    "vcard",
    "contributor",
    "username",
    "user-name",
    "poster",
    "creator",
    "reporter",
    "date",
    "time",
    "publish",
    "meta",
    "info",
    "created",
    "subtitle",
    "head",
    "hed",
    "title",
];

static NAME_WORD_FILTER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(NAME_WORD_PARTS)
        .ok()
});

/// Whether `value` may hold a word of [`NAME_WORDS`] (`false`: it holds none).
fn may_hold_name_words(value: &str) -> bool {
    !value.is_ascii() || NAME_WORD_FILTER.as_ref().is_none_or(|f| f.is_match(value))
}

/// What a class or id value says, by [`NAME_WORDS`],
/// remembered per distinct value: pages repeat the same class lists on many elements.
struct NameWords<'a> {
    seen: FxHashMap<&'a str, (bool, bool, bool)>,
}

impl<'a> NameWords<'a> {
    /// (byline word, date word, headline word) for `value`.
    fn of(&mut self, value: &'a str) -> (bool, bool, bool) {
        if value.is_empty() {
            return (false, false, false);
        }
        *self.seen.entry(value).or_insert_with(|| {
            if !may_hold_name_words(value) {
                return (false, false, false);
            }
            let Some(m) = NAME_WORDS.as_ref().map(|set| set.matches(value)) else {
                return (false, false, false);
            };
            (m.matched(0), m.matched(1), m.matched(2) && !has_sub(value))
        })
    }
}

/// Whether `value` holds "sub" (any ASCII case): a subtitle or subhead, not a headline.
fn has_sub(value: &str) -> bool {
    value
        .as_bytes()
        .windows(3)
        .any(|s| s.eq_ignore_ascii_case(b"sub"))
}

/// A text node at least this long (bytes) is article prose: where the content starts.
const PROSE_BYTES: usize = 120;

/// What the scan found, by kind, in document order.
#[derive(Default)]
pub struct Page {
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// The document's `<title>` (not an SVG title), whitespace-collapsed.
    pub title: Option<String>,
    /// `<meta>` entries: (key, content), key lower-cased from property, name, itemprop or http-equiv.
    pub metas: Vec<(String, String)>,
    /// `<link rel=canonical>` href.
    pub canonical: Option<String>,
    /// `<link rel=image_src>` href.
    pub image_src: Option<String>,
    /// Texts of `<script type=application/ld+json>`.
    pub json_ld: Vec<String>,
    /// `<h1>` elements.
    pub h1: Vec<Ix>,
    /// `<h2>` elements (a few).
    pub h2: Vec<Ix>,
    /// `<h3>` elements (a few).
    pub h3: Vec<Ix>,
    /// Elements whose class or id say they hold a headline.
    pub headlines: Vec<Ix>,
    /// Text nodes of the body long enough to be prose (the first few).
    pub prose: Vec<Ix>,
    /// `<time>` elements.
    pub times: Vec<Ix>,
    /// Elements with an `itemprop` attribute (outside `<head>`).
    pub itemprops: Vec<Ix>,
    /// Elements whose class, id or rel say they hold an author.
    pub bylines: Vec<Ix>,
    /// Elements whose class or id say they hold a date.
    pub date_elems: Vec<Ix>,
    /// Text nodes in the body that start with "By" (or its equivalents): visible bylines
    /// without a telling class.
    pub by_texts: Vec<Ix>,
    /// Links with `rel=tag` or `rel=category`.
    pub tag_links: Vec<Ix>,
    /// The first `<article>` element.
    pub article: Option<Ix>,
    /// The `<body>` element.
    pub body: Option<Ix>,
    /// First few images in the body.
    pub images: Vec<Ix>,
}

/// Tags whose text is never shown.
pub fn is_hidden_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
    )
}

/// The shown text of `i` (script, style and the like skipped), whitespace-collapsed, stopping
/// after about `cap` bytes.
pub fn visible_text(doc: &Document, i: Ix, cap: usize) -> String {
    shown_text(doc, i, cap, " ")
}

/// The shown text of `i` like [`visible_text`], with line breaks and block boundaries inside
/// it written as " | ": a byline's name and the lines under it ("Ann Lee<br>Health News")
/// stay apart.
pub fn visible_lines(doc: &Document, i: Ix, cap: usize) -> String {
    shown_text(doc, i, cap, " | ")
}

/// The shown text of `i`, with `line` written at line breaks and block boundaries.
fn shown_text(doc: &Document, i: Ix, cap: usize, line: &str) -> String {
    let mut s = String::new();
    let end = doc.end(i);
    let mut j = i;
    // Block elements still open, by their end: their close is a line break too.
    let mut open_blocks: Vec<usize> = Vec::new();
    while j < end && s.len() < cap {
        while open_blocks.last().is_some_and(|&e| e <= j) {
            open_blocks.pop();
            s.push_str(line);
        }
        let t = doc.tag(j);
        if j != i && is_hidden_tag(t) {
            j = doc.end(j);
            continue;
        }
        if let Some(text) = doc.text(j) {
            s.push_str(text);
        } else if t == "br" {
            s.push_str(line);
        } else if j != i
            && matches!(
                t,
                "p" | "div" | "li" | "td" | "th" | "tr" | "caption" | "h1" | "h2" | "h3" | "h4"
            )
        {
            s.push_str(line);
            if open_blocks.len() < 64 {
                open_blocks.push(doc.end(j));
            }
        } else if matches!(t, "span" | "a") {
            s.push(' ');
        }
        j += 1;
    }
    collapse(&s)
}

/// Collapses runs of whitespace into one space and trims.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Decodes the HTML character references left in a string that was escaped twice
/// (`&amp;#8211;` in the source gives `&#8211;` after parsing): numeric ones and the common
/// named ones.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'));
        let decoded = end
            .filter(|&e| rest.as_bytes().get(e + 1) == Some(&b';'))
            .and_then(|e| {
                let name = &rest[1..=e];
                let c = if let Some(num) =
                    name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                {
                    u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
                } else if let Some(num) = name.strip_prefix('#') {
                    num.parse().ok().and_then(char::from_u32)
                } else {
                    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
                }?;
                Some((c, e + 2))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("quot", '"'),
    ("apos", '\''),
    ("lt", '<'),
    ("gt", '>'),
    ("nbsp", ' '),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("bull", '•'),
    ("middot", '·'),
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("raquo", '»'),
    ("laquo", '«'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("eacute", 'é'),
];

/// Whether `i` sits in a container (comments, related posts, sidebar...) whose metadata is not
/// the article's.
pub fn in_foreign_container(doc: &Document, i: Ix) -> bool {
    // A container that holds most of the page is the page's frame (Blogger's "widget Blog"),
    // whatever its class says.
    let big = (doc.len() * 2 / 5).max(200);
    let in_article = doc.ancestors(i).any(|a| doc.tag(a) == "article");
    std::iter::once(i)
        .chain(doc.ancestors(i))
        .any(|a| match doc.tag(a) {
            "nav" => true,
            // An article's own aside holds its byline and date.
            "aside" => !in_article,
            // ARIA landmarks say the same as <nav> and <aside>.
            _ if doc.attr(a, "role") == Some("navigation") => true,
            _ if doc.attr(a, "role") == Some("complementary") && !in_article => true,
            // Page-level containers carry layout classes ("content-sidebar"), not roles.
            "html" | "body" | "main" | "article" => false,
            _ if doc.end(a) - a > big => false,
            _ => {
                let tokens = doc
                    .attr(a, "class")
                    .into_iter()
                    .flat_map(str::split_whitespace);
                tokens
                    .chain(doc.attr(a, "id"))
                    .any(|c| is_match(&FOREIGN_RE, c))
            }
        })
}

/// Scans `doc` once.
pub fn scan(doc: &Document) -> Page {
    let mut p = Page::default();
    let mut i = 0;
    let n = doc.len();
    let mut svg_end = 0;
    let mut name_metas: Vec<(String, String)> = Vec::new();
    let mut words = NameWords {
        seen: FxHashMap::default(),
    };
    while i < n {
        let tag = doc.tag(i);
        if tag.is_empty() {
            if p.body.is_some()
                && p.prose.len() < MAX_CANDIDATES
                && doc.text(i).is_some_and(|t| t.len() >= PROSE_BYTES)
            {
                p.prose.push(i);
            }
            if p.body.is_some()
                && p.by_texts.len() < MAX_CANDIDATES
                && doc
                    .text(i)
                    .is_some_and(|t| t.len() < 200 && may_start_byline(t) && is_match(&BY_RE, t))
            {
                p.by_texts.push(i);
            }
            i += 1;
            continue;
        }
        match tag {
            "html" if p.html_lang.is_none() => {
                p.html_lang = doc
                    .attr(i, "lang")
                    .or_else(|| doc.attr(i, "xml:lang"))
                    .map(str::to_string);
            }
            "svg" => svg_end = doc.end(i),
            "title" if p.title.is_none() && i >= svg_end => {
                let t = collapse(&unescape(&doc.text_content(i)));
                // A comment left open in the head swallows markup into the title: that is
                // no title.
                if !t.is_empty() && !t.contains("</") && !t.contains("-->") {
                    p.title = Some(t);
                }
            }
            "meta" => {
                let content = doc.attr(i, "content").or_else(|| doc.attr(i, "value"));
                if let Some(content) = content {
                    for key in ["property", "name", "itemprop", "http-equiv"] {
                        if let Some(k) = doc.attr(i, key) {
                            // `property` (RDFa) entries outrank `name` ones of the same key.
                            let list = if key == "property" {
                                &mut p.metas
                            } else {
                                &mut name_metas
                            };
                            for k in k.split_whitespace() {
                                list.push((k.to_lowercase(), unescape(content.trim())));
                            }
                        }
                    }
                }
            }
            "link" => {
                let rel = doc.attr(i, "rel").unwrap_or("").to_ascii_lowercase();
                let href = doc.attr(i, "href").map(str::trim).filter(|h| !h.is_empty());
                if let Some(href) = href {
                    let rels: Vec<&str> = rel.split_whitespace().collect();
                    if rels.contains(&"canonical") && p.canonical.is_none() {
                        p.canonical = Some(href.to_string());
                    }
                    if rels.contains(&"image_src") && p.image_src.is_none() {
                        p.image_src = Some(href.to_string());
                    }
                }
            }
            "script" => {
                if doc.attr(i, "type").is_some_and(crate::dom::is_json_ld_type)
                    && p.json_ld.len() < MAX_CANDIDATES
                {
                    p.json_ld.push(doc.text_content(i));
                }
                // Nothing inside a script is an element.
                i = doc.end(i);
                continue;
            }
            "style" | "template" | "noscript" => {
                i = doc.end(i);
                continue;
            }
            "body" if p.body.is_none() => p.body = Some(i),
            "article" if p.article.is_none() => p.article = Some(i),
            "h1" if p.h1.len() < MAX_CANDIDATES => p.h1.push(i),
            "h2" if p.h2.len() < 8 => p.h2.push(i),
            "h3" if p.h3.len() < 8 => p.h3.push(i),
            "time" if p.times.len() < MAX_CANDIDATES => p.times.push(i),
            "img" if p.images.len() < 16 && p.body.is_some() => p.images.push(i),
            _ => {}
        }
        if p.body.is_some() && tag != "meta" && tag != "link" {
            let [prop, rel, class, id] = doc.attrs_named(i, ["itemprop", "rel", "class", "id"]);
            if prop.is_some() && p.itemprops.len() < MAX_CANDIDATES * 4 {
                p.itemprops.push(i);
            }
            let rel = rel.unwrap_or("");
            if tag == "a"
                && rel
                    .split_whitespace()
                    .any(|r| r == "tag" || r == "category")
                && p.tag_links.len() < MAX_CANDIDATES
            {
                p.tag_links.push(i);
            }
            let (class, id, prop) = (class.unwrap_or(""), id.unwrap_or(""), prop.unwrap_or(""));
            let (class_byline, class_date, class_headline) = words.of(class);
            let (id_byline, id_date, id_headline) = words.of(id);
            if (class_headline || id_headline) && p.headlines.len() < MAX_CANDIDATES / 2 {
                p.headlines.push(i);
            }
            if p.bylines.len() < MAX_CANDIDATES
                && (class_byline
                    || id_byline
                    || rel.split_whitespace().any(|r| r == "author")
                    || prop.contains("author"))
            {
                p.bylines.push(i);
            }
            if p.date_elems.len() < MAX_CANDIDATES * 4 && (class_date || id_date) {
                p.date_elems.push(i);
            }
        }
        i += 1;
    }
    p.metas.append(&mut name_metas);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strings of `hir`'s language, with one character for each class, look-arounds read
    /// as nothing and a repetition taken at its least and once more (the name-word patterns
    /// repeat nothing but `?`, so this is all of their words).
    fn strings(hir: &regex_syntax::hir::Hir) -> Vec<String> {
        use regex_syntax::hir::{Class, HirKind};
        let product = |acc: Vec<String>, part: &[String]| -> Vec<String> {
            acc.iter()
                .flat_map(|a| part.iter().map(move |p| format!("{a}{p}")))
                .collect()
        };
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => vec![String::new()],
            HirKind::Literal(l) => vec![String::from_utf8_lossy(&l.0).into_owned()],
            HirKind::Class(Class::Unicode(c)) => c
                .ranges()
                .iter()
                .take(1)
                .map(|r| r.start().to_string())
                .collect(),
            HirKind::Class(Class::Bytes(c)) => c
                .ranges()
                .iter()
                .take(1)
                .map(|r| char::from(r.start()).to_string())
                .collect(),
            HirKind::Repetition(r) => {
                let sub = strings(&r.sub);
                (r.min..=r.min + 1)
                    .filter(|&n| r.max.is_none_or(|m| n <= m))
                    .flat_map(|n| (0..n).fold(vec![String::new()], |acc, _| product(acc, &sub)))
                    .collect()
            }
            HirKind::Capture(c) => strings(&c.sub),
            HirKind::Concat(parts) => parts
                .iter()
                .fold(vec![String::new()], |acc, p| product(acc, &strings(p))),
            HirKind::Alternation(alts) => alts.iter().flat_map(strings).collect(),
        }
    }

    #[test]
    fn every_word_of_the_name_word_patterns_holds_a_part_the_filter_seeks() {
        // Read from the patterns themselves: a word added to one of them without its part in
        // NAME_WORD_PARTS fails here, instead of being turned away unseen.
        for pattern in [BYLINE_WORDS, DATE_WORDS, HEADLINE_WORDS] {
            let (Ok(hir), Ok(re)) = (regex_syntax::parse(pattern), Regex::new(pattern)) else {
                panic!("{pattern} does not compile");
            };
            let words = strings(&hir);
            assert!(words.len() > 10, "{pattern}");
            for w in words {
                assert!(re.is_match(&w), "{w:?} is not a word of {pattern}");
                assert!(may_hold_name_words(&w), "{w:?} of {pattern}");
            }
        }
    }

    #[test]
    fn a_class_the_name_word_filter_turns_away_matches_none_of_the_name_words() {
        let pieces = [
            "by", "line", "auth", "or", "writ", "er", "post", "ed", "-", "_", " ", "sub", "mit",
            "h-", "card", "v", "contrib", "utor", "user", "name", "creat", "report", "date",
            "time", "stamp", "publish", "meta", "info", "up", "head", "hed", "title", "x", "Hed",
            "TITLE", "Post", "ED", "entry", "story", "ſ",
        ];
        let Some(set) = NAME_WORDS.as_ref() else {
            panic!("the name-word patterns do not compile");
        };
        let mut turned_away = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let value = format!("{a}{b}{c}");
                    if !may_hold_name_words(&value) {
                        turned_away += 1;
                        assert!(!set.is_match(&value), "{value:?}");
                    }
                }
            }
        }
        assert!(turned_away > 1000, "the filter turns most such values away");
    }
    use crate::options::Limits;

    #[test]
    fn the_first_letter_check_lets_every_byline_start_through() {
        for t in [
            "By Ann",
            " von Bob",
            "Written by Cy",
            "от Дины",
            "Par Eve",
            "di Gio",
            "AV Hal",
        ] {
            assert!(may_start_byline(t) && is_match(&BY_RE, t), "{t}");
        }
        assert!(may_start_byline("Poſted by Ida"), "the regex decides");
        assert!(!may_start_byline("Home") && !may_start_byline("  ") && !may_start_byline("Bye"));
    }

    #[test]
    fn headline_words_name_headlines_not_subtitles() {
        let mut w = NameWords {
            seen: FxHashMap::default(),
        };
        for yes in [
            "headline",
            "story-title x",
            "entry-title",
            "hed",
            "ArticleHeadline",
            "title",
        ] {
            assert!(w.of(yes).2, "{yes}");
        }
        for no in [
            "subtitle",
            "sub-title",
            "subheadline",
            "titlebar",
            "entitled",
            "sidebar",
        ] {
            assert!(!w.of(no).2, "{no}");
        }
    }

    #[test]
    fn every_pattern_compiles() {
        assert!(NAME_WORDS.is_some() && FOREIGN_RE.is_some() && BY_RE.is_some());
    }

    #[test]
    fn scan_gathers_head_and_body_sources() {
        let d = Document::parse(
            r#"<html lang="de"><head><title> A
            title </title><meta property="og:title dc:title" content="OG">
            <link rel="canonical" href="/c"><script type="application/ld+json">{"a":1}</script></head>
            <body><svg><title>icon</title></svg><h1>Head</h1><span class="byline">By Ann</span>
            <time datetime="2020-01-01">x</time></body></html>"#,
            &Limits::default(),
        );
        let p = scan(&d);
        assert_eq!(p.html_lang.as_deref(), Some("de"));
        assert_eq!(p.title.as_deref(), Some("A title"));
        assert_eq!(p.metas.len(), 2);
        assert_eq!(p.metas[1], ("dc:title".to_string(), "OG".to_string()));
        let d = Document::parse(
            r#"<meta name="dc:title" content="by name"><meta property="dc:title" content="by property">"#,
            &Limits::default(),
        );
        assert_eq!(scan(&d).metas[0].1, "by property");
        assert_eq!(p.canonical.as_deref(), Some("/c"));
        assert_eq!(p.json_ld, [r#"{"a":1}"#]);
        assert_eq!(p.h1.len(), 1);
        assert_eq!(p.bylines.len(), 1);
        assert_eq!(p.times.len(), 1);
    }

    #[test]
    fn leftover_character_references_are_decoded() {
        assert_eq!(
            unescape("A &#8211; B &amp; C &#x2014; D &bull;"),
            "A – B & C — D •"
        );
        assert_eq!(
            unescape("AT&T & co &unknown; &#99999999;"),
            "AT&T & co &unknown; &#99999999;"
        );
    }

    #[test]
    fn layout_classes_of_the_body_are_not_foreign_but_comment_lists_are() {
        let d = Document::parse(
            r#"<body class="content-sidebar"><div class="entry"><span id="a">x</span></div>
            <ol class="comment-list"><li><span id="b">y</span></li></ol></body>"#,
            &Limits::default(),
        );
        let span = |id| {
            (0..d.len())
                .find(|&i| d.attr(i, "id") == Some(id))
                .unwrap_or(0)
        };
        assert!(!in_foreign_container(&d, span("a")));
        assert!(in_foreign_container(&d, span("b")));
    }

    #[test]
    fn visible_text_skips_scripts() {
        let d = Document::parse(
            "<div>By <script>var x=1;</script><b>Ann</b>  Lee</div>",
            &Limits::default(),
        );
        let div = d.find_tag("div").unwrap_or(0);
        assert_eq!(visible_text(&d, div, 1000), "By Ann Lee");
    }
}
