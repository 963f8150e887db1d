//! Cleaning: marks what is never content and what platform vocabularies call boilerplate.

pub mod comments;
pub mod vocab;

use crate::dom::{Document, Ix};
use crate::options::Focus;
use rustc_hash::FxBuildHasher;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Per-node boilerplate marks.
pub struct Marks {
    /// `true` for a node that is junk or lies inside junk.
    pub dead: Vec<bool>,
    /// Class/id weight of each element: positive for content names, negative for boilerplate.
    pub weight: Vec<i32>,
    /// Visible text length of each subtree ([`text_lengths`]); for a text node that is not
    /// dead, its [`measure`].
    pub len: Vec<u32>,
}

/// A vocabulary list as a set, built once per process.
macro_rules! word_set {
    ($name:ident, $words:expr) => {
        static $name: LazyLock<HashSet<&'static str, FxBuildHasher>> =
            LazyLock::new(|| $words.iter().copied().collect());
    };
}

word_set!(NEGATIVE, vocab::NEGATIVE_WORDS);
word_set!(POSITIVE, vocab::POSITIVE_WORDS);
word_set!(WEAK, vocab::WEAK_NEGATIVE_WORDS);
word_set!(NEVER, vocab::NEVER_CONTENT_TAGS);
word_set!(FURNITURE, vocab::FURNITURE_TAGS);
word_set!(ROLES, vocab::FURNITURE_ROLES);
word_set!(COMMENT, vocab::COMMENT_SECTION_WORDS);
word_set!(MEDIA, vocab::MEDIA_WORDS);

/// What the class and id names of an element say about it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct NameSignal {
    /// A boilerplate word occurs.
    pub negative: bool,
    /// A content word occurs.
    pub positive: bool,
    /// A comment-section word occurs.
    pub comments: bool,
    /// A word that lowers the score without removing the node occurs.
    pub weak_negative: bool,
    /// A gallery, slideshow or carousel word occurs.
    pub media: bool,
    /// An embedded-post word occurs ("embed", "tweet").
    pub embed: bool,
    /// One name joins a comment word and a content word ("comments-body").
    pub comment_part: bool,
}

impl NameSignal {
    /// Adds what another name says.
    fn merge(&mut self, o: NameSignal) {
        self.negative |= o.negative;
        self.positive |= o.positive;
        self.comments |= o.comments;
        self.weak_negative |= o.weak_negative;
        self.media |= o.media;
        self.embed |= o.embed;
        self.comment_part |= o.comment_part;
    }
}

/// Splits a class or id value into lower-cased words at `-`, `_`, whitespace, digits and
/// lower-to-upper case changes, and reports what the words say.
pub fn name_signal(value: &str) -> NameSignal {
    let mut sig = NameSignal::default();
    for token in value.split_ascii_whitespace() {
        // Page builders (Elementor, Divi, WPBakery, Beaver Builder, Gutenberg) call every
        // box a widget or module, content included: their names say nothing.
        if vocab::PAGE_BUILDER_PREFIXES.iter().any(|p| {
            token
                .as_bytes()
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        }) {
            continue;
        }
        // A name of many words is a slug of the text (an id made from a heading), not a
        // component name: "receive-and-reply-to-a-message" is no reply form.
        if token.split(['-', '_']).filter(|w| !w.is_empty()).count() >= 5 {
            continue;
        }
        if vocab::PLATFORM_FURNITURE_NAMES
            .iter()
            .any(|n| n.eq_ignore_ascii_case(token))
        {
            sig.negative = true;
        }
        let mut t = NameSignal::default();
        token_signal(token, &mut t);
        // "comments-body", "comment-content": a part of a comment, not a post with comments.
        t.comment_part = t.comments && t.positive;
        sig.merge(t);
    }
    // An embedded post (a tweet, an Instagram or social-media embed) is quoted by the
    // article: "social" in its name says where it comes from, not that it is a share bar.
    if sig.embed {
        sig.negative = false;
        sig.positive = true;
    }
    sig
}

/// Longest word looked up in the vocabularies (longer words are in none of them).
const MAX_WORD: usize = 48;

fn token_signal(token: &str, sig: &mut NameSignal) {
    // The current word, lower-cased, in a fixed buffer: no allocation per class name.
    let mut word = [0u8; MAX_WORD];
    let mut len = 0usize;
    let mut prev_lower = false;
    let check = |word: &[u8; MAX_WORD], len: &mut usize, sig: &mut NameSignal| {
        if *len > 0 && *len <= MAX_WORD {
            // Only ASCII letters are ever stored.
            if let Ok(s) = std::str::from_utf8(&word[..*len]) {
                sig.negative |= NEGATIVE.contains(s);
                sig.positive |= POSITIVE.contains(s);
                sig.comments |= COMMENT.contains(s);
                sig.weak_negative |= WEAK.contains(s);
                sig.media |= MEDIA.contains(s);
                sig.embed |= matches!(s, "embed" | "embedded" | "tweet");
            }
        }
        *len = 0;
    };
    for b in token.bytes() {
        if b.is_ascii_alphabetic() {
            if b.is_ascii_uppercase() && prev_lower {
                check(&word, &mut len, sig);
            }
            prev_lower = b.is_ascii_lowercase();
            if let Some(slot) = word.get_mut(len) {
                *slot = b.to_ascii_lowercase();
            }
            len = len.saturating_add(1);
        } else {
            prev_lower = false;
            check(&word, &mut len, sig);
        }
    }
    check(&word, &mut len, sig);
}

/// [`name_signal`] remembered per distinct value: pages repeat the same class lists on many
/// elements, so most are read once.
#[derive(Default)]
struct NameCache<'a> {
    seen: HashMap<&'a str, NameSignal, FxBuildHasher>,
}

impl<'a> NameCache<'a> {
    /// The combined signal of element `i`'s `class` and `id`.
    fn element(&mut self, doc: &'a Document, i: Ix) -> NameSignal {
        let mut s = NameSignal::default();
        for a in ["class", "id"] {
            if let Some(v) = doc.attr(i, a).filter(|v| !v.is_empty()) {
                s.merge(*self.seen.entry(v).or_insert_with(|| name_signal(v)));
            }
        }
        s
    }
}

/// Whether a class list hides its element with a CSS framework's utility class ("hide",
/// "d-none", "hidden"). Where a breakpoint class shows it again on some screens, a layout
/// usually has a twin for the other screens that stays.
fn hidden_by_class(class: &str) -> bool {
    class.split_ascii_whitespace().any(|t| {
        vocab::HIDDEN_CLASSES
            .iter()
            .any(|h| t.eq_ignore_ascii_case(h))
    })
}

/// The attributes of an element that say whether it is hidden or furniture, read in one pass
/// over its attributes.
#[derive(Default)]
struct Said<'a> {
    role: Option<&'a str>,
    hidden: bool,
    id: Option<&'a str>,
    class: Option<&'a str>,
    style: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    aria_labelledby: bool,
}

impl<'a> Said<'a> {
    fn of(doc: &'a Document, i: Ix) -> Said<'a> {
        let mut s = Said::default();
        // The first of a name counts, as with `Document::attr` (names repeat only across
        // namespaces, in foreign content).
        for (name, value) in doc.attrs(i) {
            match name {
                "role" => s.role = s.role.or(Some(value)),
                "hidden" => s.hidden = true,
                "id" => s.id = s.id.or(Some(value)),
                "class" => s.class = s.class.or(Some(value)),
                "style" => s.style = s.style.or(Some(value)),
                "aria-hidden" => s.aria_hidden = s.aria_hidden.or(Some(value)),
                "aria-labelledby" => s.aria_labelledby = true,
                _ => {}
            }
        }
        s
    }

    /// Whether the element is a tab panel or an accordion's panel (a region labelled by its
    /// header): hidden only until a reader opens it, and part of the page.
    fn collapsed_panel(&self) -> bool {
        self.role.is_some_and(|r| {
            let r = r.trim();
            r.eq_ignore_ascii_case("tabpanel")
                || (r.eq_ignore_ascii_case("region") && self.aria_labelledby)
        })
    }

    /// Whether the element says it is hidden from assistive technology (`aria-hidden="true"`):
    /// often furniture, but also the page behind an open dialog.
    fn aria_hidden(&self) -> bool {
        self.aria_hidden
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            && !self.collapsed_panel()
    }
}

/// Whether an element is hidden from readers (`hidden`, `display:none`, `visibility:hidden`),
/// from what its attributes say.
fn hidden_by(said: &Said) -> bool {
    if said.collapsed_panel() {
        return false;
    }
    if said.hidden {
        // React's streaming server rendering parks finished segments in `<div hidden id="S:n">`
        // and moves them into place with a script: they are the page.
        let react_segment = said
            .id
            .and_then(|id| id.strip_prefix("S:"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        return !react_segment;
    }
    if said.class.is_some_and(hidden_by_class) {
        return true;
    }
    if let Some(style) = said.style {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Visible text length (characters, whitespace runs counted once) of every subtree,
/// leaving out never-content elements.
pub fn text_lengths(doc: &Document) -> Vec<u32> {
    let n = doc.len();
    let mut len = vec![0u32; n];
    for i in (0..n).rev() {
        if let Some(t) = doc.text(i) {
            // Script, style and JSON-LD text is never counted: skip measuring it.
            let p = doc.nodes[i].parent;
            if p == usize::MAX || !NEVER.contains(doc.tag(p)) {
                len[i] = measure(t);
            }
        } else if doc.is_element(i) && NEVER.contains(doc.tag(i)) {
            len[i] = 0;
        }
        let p = doc.nodes[i].parent;
        if p != usize::MAX {
            len[p] = len[p].saturating_add(len[i]);
        }
    }
    len
}

/// Text length with whitespace runs counted as one character.
pub fn measure(t: &str) -> u32 {
    if t.is_ascii() {
        // Bytes are faster than chars; the same whitespace set as `char::is_whitespace`.
        count_with_runs(t.bytes().map(|b| b.is_ascii_whitespace() || b == 0x0b))
    } else {
        count_with_runs(t.chars().map(char::is_whitespace))
    }
}

/// Counts characters (given as "is whitespace" flags), a whitespace run counting once and
/// leading whitespace not at all.
fn count_with_runs(whitespace: impl Iterator<Item = bool>) -> u32 {
    let mut n = 0u32;
    let mut space = true;
    for ws in whitespace {
        if !(ws && space) {
            n += 1;
        }
        space = ws;
    }
    n
}

/// Marks the boilerplate of `doc`.
///
/// Comment sections are boilerplate beside an article; on a page that holds nothing else
/// (a forum thread whose posts are marked up as comments) they are the content.
/// When the vocabulary removes (nearly) everything, it misread the page: then only what is
/// never content and what is hidden goes.
pub fn mark(doc: &Document, focus: Focus, shape: Shape) -> Marks {
    let len = text_lengths(doc);
    let mut marks = choose_marks(doc, &len, focus, shape);
    marks.len = len;
    marks
}

/// The marks of the first marking pass that leaves the page its content (see [`mark`]).
fn choose_marks(doc: &Document, len: &[u32], focus: Focus, shape: Shape) -> Marks {
    // Class and id names are read once; each marking pass only weighs them differently.
    let article = shape == Shape::Article;
    let mut names = NameCache::default();
    let signals: Vec<NameSignal> = (0..doc.len())
        .map(|i| {
            if doc.is_element(i) {
                let mut s = names.element(doc, i);
                // Beside an article, galleries and carousels repeat or advertise.
                s.negative |= article && s.media;
                s
            } else {
                NameSignal::default()
            }
        })
        .collect();
    let (marks, live, comments) = mark_with(doc, len, &signals, focus, Level::Full);
    if shape == Shape::Discussion || (comments > 0 && live < 500) {
        // Where the posts themselves are marked up as comments (Reddit, Disqus-style threads),
        // dropping comment sections would drop the thread; where only the remarks under each
        // post are (Stack Exchange: under 40% of the thread's text), they go like comments
        // beside an article.
        let (keep, live_keep, _) = mark_with(doc, len, &signals, focus, Level::KeepComments);
        let remarks = live >= 200 && live as f32 >= 0.6 * live_keep as f32;
        if shape == Shape::Discussion && remarks {
            return marks;
        }
        if live_keep >= 200 && (shape == Shape::Discussion || live < 500) {
            trace!("comment sections hold the page ({comments} vs {live} chars): kept");
            return keep;
        }
    }
    // Any page but a declared article (which may be short) left with this little text lost
    // its content to a name the vocabulary misreads (a component library calling every
    // section after a boilerplate word).
    if shape != Shape::Article && live < 1000 {
        // First read the page without the generic class and id words: structure (nav, aside,
        // footer, roles) and comment sections still go.
        let (by_tags, live_tags, _) = mark_with(doc, len, &signals, focus, Level::Structure);
        if live_tags > 2 * live.max(100) {
            trace!("vocabulary left {live} chars of {live_tags}: structure-only cleaning");
            return by_tags;
        }
    }
    if live < 200 {
        let (minimal, live_minimal, _) = mark_with(doc, len, &signals, focus, Level::Minimal);
        if live_minimal > 2 * live.max(100) {
            trace!("vocabulary left {live} chars of {live_minimal}: minimal cleaning");
            return minimal;
        }
    }
    marks
}

/// What a page says it is, as far as cleaning cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A discussion (forum thread, Q&A): its replies are its content.
    Discussion,
    /// A page that declares itself one article (JSON-LD or `og:type`).
    Article,
    /// Anything else, or nothing declared.
    Other,
}

impl Shape {
    /// The shape of a page from its declared type and its URL.
    pub fn of(page_type: Option<&str>, url: Option<&str>) -> Shape {
        if is_discussion(page_type, url) {
            Shape::Discussion
        } else if page_type == Some("article") {
            Shape::Article
        } else {
            Shape::Other
        }
    }
}

/// Whether a page is a discussion (forum thread, Q&A), whose replies are its content: by its
/// declared type, else by the URL paths that forum platforms use.
pub fn is_discussion(page_type: Option<&str>, url: Option<&str>) -> bool {
    if page_type == Some("forum") {
        return true;
    }
    let Some(path) = url
        .and_then(|u| url::Url::parse(u).ok())
        .map(|u| u.path().to_ascii_lowercase())
    else {
        return false;
    };
    vocab::DISCUSSION_PATHS.iter().any(|p| path.contains(p))
}

/// Whether a link is a heading's permalink symbol ("¶", "#", "§") pointing into the page, as
/// documentation generators put after every heading. (Elsewhere such links, like the "^"
/// back-links of references, stay.)
fn is_anchor_symbol(doc: &Document, i: Ix) -> bool {
    doc.attr(i, "href")
        .is_some_and(|h| h.trim_start().starts_with('#'))
        && doc
            .ancestors(i)
            .take(2)
            .any(|a| matches!(doc.tag(a), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
        && !doc.text_content(i).chars().any(char::is_alphanumeric)
}

/// How much of the vocabulary a marking pass applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// Everything: tags, roles, class and id names, comment sections.
    Full,
    /// Everything but comment sections.
    KeepComments,
    /// Everything but the generic class and id words (comment sections still go).
    Structure,
    /// Only never-content elements and hidden ones.
    Minimal,
}

/// One marking pass; returns the marks, the live text length and the text length of the
/// comment sections it removed.
fn mark_with(
    doc: &Document,
    len: &[u32],
    signals: &[NameSignal],
    focus: Focus,
    level: Level,
) -> (Marks, u32, u32) {
    let drop_comments = level == Level::Full;
    let n = doc.len();
    let body = doc.find_tag("body").unwrap_or(0);
    let total = len[body].max(1) as f32;
    let (never, furniture, roles) = (&*NEVER, &*FURNITURE, &*ROLES);
    // A furniture node holding more than this share of the page's text is a wrapper, not furniture.
    let wrapper_share = match focus {
        Focus::Precision => 0.7,
        Focus::Balanced => 0.5,
        Focus::Recall => 0.35,
    };
    let mut dead = vec![false; n];
    let (mut junk_len, mut comment_len) = (0u32, 0u32);
    let mut weight = vec![0i32; n];
    for i in 1..n {
        let p = doc.nodes[i].parent;
        let parent_dead = p != usize::MAX && dead[p];
        if !doc.is_element(i) {
            dead[i] = parent_dead;
            continue;
        }
        let tag = doc.tag(i);
        let share = len[i] as f32 / total;
        let sig = signals[i];
        let said = Said::of(doc, i);
        // Where comments are content, their names are no evidence against a container; where
        // the vocabulary misread the page, its names are weak evidence.
        let negative = sig.negative && (drop_comments || !sig.comments);
        let strong = if matches!(level, Level::Minimal | Level::Structure) {
            -10
        } else {
            -25
        };
        weight[i] = match (negative, sig.weak_negative, sig.positive) {
            (true, _, false) => strong,
            (false, true, false) => -10,
            (false, _, true) => 25,
            _ => 0,
        };
        let j = if tag == "html" || tag == "body" {
            false
        } else if never.contains(tag) || hidden_by(&said) {
            true
        } else if level == Level::Minimal {
            false
        } else if tag == "a" && len[i] <= 3 && is_anchor_symbol(doc, i) {
            true
        } else if furniture.contains(tag)
            || said.aria_hidden()
            || said
                .role
                .is_some_and(|r| roles.contains(r.trim().to_ascii_lowercase().as_str()))
        {
            share < wrapper_share || len[i] < 500
        } else if tag == "form" || tag == "noscript" {
            // Some pages wrap everything in a form (ASP.NET) or serve it in <noscript> (Discourse).
            share < 0.3
        } else if sig.comments && (!sig.positive || sig.comment_part) && drop_comments {
            if !parent_dead {
                comment_len += len[i];
            }
            true
        } else if level == Level::Structure {
            false
        } else if tag == "a" && sig.negative {
            // A link is no container: one holding much text is a parse accident, not a menu.
            share < 0.05
        } else if sig.negative && !sig.comments {
            let protect = if sig.positive || tag == "article" || tag == "main" {
                0.2
            } else {
                wrapper_share
            };
            share < protect
        } else {
            false
        };
        if j && !parent_dead && share > 0.1 {
            trace!(
                "junk {i} {tag} class={:?} id={:?} share={share:.2}",
                doc.attr(i, "class"),
                doc.attr(i, "id")
            );
        }
        if j && !parent_dead {
            junk_len += len[i];
        }
        dead[i] = j || parent_dead;
    }
    let live = len[body].saturating_sub(junk_len);
    let marks = Marks {
        dead,
        weight,
        len: Vec::new(),
    };
    (marks, live, comment_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_split_into_words() {
        assert!(name_signal("post-comments").comments);
        assert!(name_signal("jp-relatedposts").negative);
        assert!(name_signal("relatedPosts").negative);
        assert!(name_signal("entry-content").positive);
        assert!(!name_signal("entry-content").negative);
        assert!(!name_signal("commentary").comments);
        assert!(name_signal("sharedaddy sd-sharing-enabled").negative);
        assert!(name_signal("message-signature").negative);
        assert!(name_signal("product-reviews__reviews-list").negative);
        assert!(name_signal("comments-body").comment_part);
        assert!(!name_signal("post has-comments").comment_part);
        assert!(!name_signal("review-body").negative);
        assert!(!name_signal("social-media-embed").negative);
        assert!(!name_signal("twitter-tweet").negative);
        assert!(!name_signal("elementor-widget-container").negative);
        assert!(!name_signal("receive-and-reply-to-an-inbound-message").comments);
    }

    #[test]
    fn forum_urls_and_types_are_discussions() {
        assert!(is_discussion(
            None,
            Some("https://forum.example.org/t/some-topic/123")
        ));
        assert!(is_discussion(
            None,
            Some("https://example.org/forums/threads/why.42/")
        ));
        assert!(is_discussion(
            None,
            Some("https://example.org/viewtopic.php?t=1")
        ));
        assert!(is_discussion(Some("forum"), None));
        assert!(!is_discussion(
            Some("article"),
            Some("https://example.org/2024/05/news")
        ));
        assert!(!is_discussion(None, None));
    }

    #[test]
    fn text_is_measured_with_whitespace_runs_as_one() {
        assert_eq!(measure("  a \n\t b  "), 4);
        assert_eq!(measure("  ä \u{a0}\u{2003} b  "), 4);
        assert_eq!(measure(""), 0);
    }

    #[test]
    fn hidden_elements_are_recognised() {
        let d = Document::parse(
            r#"<div style="display: none">a</div><p hidden>b</p><span aria-hidden="true">c</span><i>d</i><div hidden id="S:1">streamed</div>
            <ul class="list d-none"><li>e</li></ul><div class="hide-on-print">f</div>"#,
            &crate::options::Limits::default(),
        );
        let hidden: Vec<_> = (0..d.len())
            .filter(|&i| d.is_element(i) && hidden_by(&Said::of(&d, i)))
            .map(|i| d.tag(i).to_string())
            .collect();
        // aria-hidden is weighed by size in `mark`, and React's streamed segments are the page.
        assert_eq!(hidden, ["div", "p", "ul"]);
    }

    #[test]
    fn small_aria_hidden_boxes_go_but_a_page_behind_a_dialog_stays() {
        let prose = "A sentence of the article, with words enough to count. ".repeat(30);
        let html = format!(
            r#"<body><div aria-hidden="true"><p>{prose}</p></div><span aria-hidden="true">icon</span></body>"#
        );
        let d = Document::parse(&html, &crate::options::Limits::default());
        let marks = mark(&d, Focus::Balanced, Shape::Other);
        let p = d.find_tag("p").unwrap_or(0);
        let span = d.find_tag("span").unwrap_or(0);
        assert!(!marks.dead[p]);
        assert!(marks.dead[span]);
    }
}
