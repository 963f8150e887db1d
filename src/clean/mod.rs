//! Cleaning: marks what is never content and what platform vocabularies call boilerplate.

/// A vocabulary list as a set, built once per process.
macro_rules! word_set {
    ($name:ident, $words:expr) => {
        static $name: LazyLock<HashSet<&'static str, FxBuildHasher>> =
            LazyLock::new(|| $words.iter().copied().collect());
    };
}

/// A list of tag names as a set of interned names: a look-up hashes the name's stored hash,
/// not its text.
macro_rules! tag_set {
    ($name:ident, $tags:expr) => {
        static $name: LazyLock<HashSet<LocalName, FxBuildHasher>> =
            LazyLock::new(|| $tags.iter().map(|&t| LocalName::from(t)).collect());
    };
}

pub mod comments;
mod names;
pub mod vocab;

pub(crate) use names::for_each_word;
use names::{NameCache, NameSignal};

use crate::dom::{Document, Ix};
use crate::options::Focus;
use html5ever::LocalName;
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

tag_set!(NEVER, vocab::NEVER_CONTENT_TAGS);
tag_set!(FURNITURE, vocab::FURNITURE_TAGS);
word_set!(ROLES, vocab::FURNITURE_ROLES);

/// Whether node `i` is an element of one of the tags of `set`.
fn tag_in(doc: &Document, i: Ix, set: &HashSet<LocalName, FxBuildHasher>) -> bool {
    doc.local(i).is_some_and(|t| set.contains(t))
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
    aria_modal: bool,
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
                "aria-modal" => s.aria_modal |= value.trim().eq_ignore_ascii_case("true"),
                _ => {}
            }
        }
        s
    }

    /// Whether the element is a tab panel or an accordion's panel (a region, or an element of
    /// no role, labelled by its header or trigger): hidden only until a reader opens it, and
    /// part of the page.
    fn collapsed_panel(&self) -> bool {
        match self.role.map(str::trim) {
            Some(r) => {
                r.eq_ignore_ascii_case("tabpanel")
                    || (r.eq_ignore_ascii_case("region") && self.aria_labelledby)
            }
            None => self.aria_labelledby,
        }
    }

    /// Whether the element is a modal dialog (`role="dialog"` with `aria-modal="true"`): like a
    /// `<dialog>`, an overlay over the page (a consent centre, a sign-in box), never its text.
    fn modal(&self) -> bool {
        self.aria_modal
            && self.role.is_some_and(|r| {
                let r = r.trim();
                r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog")
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
/// from what its attributes say. `scratch` is room for the style's text, kept from call to call.
fn hidden_by(said: &Said, scratch: &mut String) -> bool {
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
        scratch.clear();
        scratch.extend(
            style
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase()),
        );
        if scratch.contains("display:none") || scratch.contains("visibility:hidden") {
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
            let p = doc.parent(i);
            if p == usize::MAX || !tag_in(doc, p, &NEVER) {
                len[i] = measure(t);
            }
        } else if tag_in(doc, i, &NEVER) {
            len[i] = 0;
        }
        let p = doc.parent(i);
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
/// A page that hides four times the text it shows is read with its large hidden fragments
/// (a script moves them into place).
/// When the vocabulary removes (nearly) everything, it misread the page: then only what is
/// never content and what is hidden goes; when that still leaves (nearly) nothing, the page
/// hides itself until a script runs, and only what is never content goes.
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
    let page = PageFacts {
        repeats: repeated_names(doc, len, &signals),
        signals,
        inert_forms: inert_forms(doc),
    };
    let pass = |level| mark_with(doc, len, &page, focus, level);
    // Another reading, taken when it leaves the page more than twice the text (at least 100
    // characters) that the reading so far left: that one misread the page.
    let retry = |level: Level, live: u32| {
        let other = pass(level);
        let better = other.live > 2 * live.max(100);
        if better {
            trace!(
                "{level:?} pass: {} chars live instead of {live}",
                other.live
            );
        }
        better.then_some(other)
    };
    let mut full = pass(Level::Full);
    if full.hidden > full.live.max(500).saturating_mul(4) {
        // Most of the page is hidden: a script moves it into place (eBay's Marko, streamed
        // server rendering), so it is the page, read with the full vocabulary.
        if let Some(unhidden) = retry(Level::Unhidden, full.live) {
            full = unhidden;
        }
    }
    let (marks, live, comments) = (full.marks, full.live, full.comments);
    if shape == Shape::Discussion || (comments > 0 && live < 500) {
        // Where the posts themselves are marked up as comments (Reddit, Disqus-style threads),
        // dropping comment sections would drop the thread; where only the remarks under each
        // post are (Stack Exchange: under 40% of the thread's text), they go like comments
        // beside an article.
        let keep = pass(Level::KeepComments);
        let remarks = live >= 200 && live as f32 >= 0.6 * keep.live as f32;
        if shape == Shape::Discussion && remarks {
            return marks;
        }
        if keep.live >= 200 && (shape == Shape::Discussion || live < 500) {
            trace!("comment sections hold the page ({comments} vs {live} chars): kept");
            return keep.marks;
        }
    }
    // Any page but a declared article (which may be short) left with this little text lost
    // its content to a name the vocabulary misreads (a component library calling every
    // section after a boilerplate word).
    if shape != Shape::Article && live < 1000 {
        // First read the page without the generic class and id words: structure (nav, aside,
        // footer, roles) and comment sections still go.
        if let Some(by_tags) = retry(Level::Structure, live) {
            return by_tags.marks;
        }
    }
    if live >= 200 {
        return marks;
    }
    let (marks, live) = match retry(Level::Minimal, live) {
        Some(minimal) => (minimal.marks, minimal.live),
        None => (marks, live),
    };
    if live < 200 {
        // A page that hides its content until a script runs (`<div class="root hide">`, a
        // `visibility:hidden` wrapper) shows nothing without it: then its hidden text is the page.
        if let Some(revealed) = retry(Level::Revealed, live) {
            return revealed.marks;
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
/// declared type, else by the URL: the paths that forum platforms use, or a host that names
/// itself a forum (`forum.example.org`, `community.example.com`, `exampleforums.com`).
pub fn is_discussion(page_type: Option<&str>, url: Option<&str>) -> bool {
    if page_type == Some("forum") {
        return true;
    }
    let Some(url) = url.and_then(|u| url::Url::parse(u).ok()) else {
        return false;
    };
    let path = url.path().to_ascii_lowercase();
    vocab::DISCUSSION_PATHS.iter().any(|p| path.contains(p))
        || url.host_str().is_some_and(is_forum_host)
}

/// Whether a host (as `url` gives it: lower case) names itself a forum: its first label, under
/// a domain of its own, is one of the names forum software is served under (`forum.`,
/// `community.`, `bbs.`, …), or a label before the top-level domain ends in "forum" or
/// "forums" (`warriorforum.com`).
fn is_forum_host(host: &str) -> bool {
    let host = host.strip_prefix("www.").unwrap_or(host);
    let Some((name, _top_level)) = host.rsplit_once('.') else {
        return false;
    };
    let served_under = name
        .split_once('.')
        .is_some_and(|(first, _)| vocab::DISCUSSION_HOSTS.contains(&first));
    served_under
        || name.split('.').any(|label| {
            let label = label.strip_suffix('s').unwrap_or(label);
            label.ends_with("forum")
        })
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

/// What every marking pass reads of the page the same way.
struct PageFacts<'a> {
    /// What each element's class and id names say.
    signals: Vec<NameSignal>,
    /// See [`repeated_names`].
    repeats: HashMap<TagClass<'a>, u32, FxBuildHasher>,
    /// See [`inert_forms`].
    inert_forms: Vec<Ix>,
}

/// The (outermost) forms that hold no control a reader could use: no text field, no list, no
/// button. Such a form only wraps text for a script (Reddit's `form.usertext` around every
/// comment, an editor's frame around a post), so it is no comment box, search box or sign-up
/// form to remove. In document order; one forward walk (a form's subtree is read once).
fn inert_forms(doc: &Document) -> Vec<Ix> {
    let mut inert = Vec::new();
    let mut i = 1;
    while i < doc.len() {
        if doc.tag(i) != "form" {
            i += 1;
            continue;
        }
        let end = doc.end(i);
        if !(i + 1..end).any(|k| is_control(doc, k)) {
            inert.push(i);
        }
        i = end;
    }
    inert
}

/// Whether node `i` is a control a reader fills in or presses (a hidden input is none).
fn is_control(doc: &Document, i: Ix) -> bool {
    match doc.tag(i) {
        "textarea" | "select" | "button" => true,
        "input" => !doc
            .attr(i, "type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden")),
        _ => false,
    }
}

/// The elements of one tag and class name, counted in document order.
struct Repeats {
    count: u32,
    total: u32,
    longest: u32,
    last: Ix,
}

/// An element's tag and class list.
type TagClass<'a> = (&'a str, &'a str);

/// The text length of the elements that share a tag and a negative class name, for the names
/// that at least three elements of the page share (outermost ones only), less the longest one:
/// what the name's repeats hold beside one big container that happens to carry it too.
fn repeated_names<'a>(
    doc: &'a Document,
    len: &[u32],
    signals: &[NameSignal],
) -> HashMap<TagClass<'a>, u32, FxBuildHasher> {
    let mut groups: HashMap<TagClass, Repeats, FxBuildHasher> = HashMap::default();
    for i in 1..doc.len() {
        if !doc.is_element(i) || !signals[i].negative || signals[i].comments {
            continue;
        }
        let Some(class) = doc.attr(i, "class") else {
            continue;
        };
        let g = groups.entry((doc.tag(i), class)).or_insert(Repeats {
            count: 0,
            total: 0,
            longest: 0,
            last: usize::MAX,
        });
        // An element inside the last counted one of its name is not counted again.
        if g.last != usize::MAX && doc.contains(g.last, i) {
            continue;
        }
        g.count += 1;
        g.total += len[i];
        g.longest = g.longest.max(len[i]);
        g.last = i;
    }
    groups
        .into_iter()
        .filter(|(_, g)| g.count >= 3)
        .map(|(k, g)| (k, g.total - g.longest))
        .collect()
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
    /// Only never-content elements: for a page that hides itself until a script reveals it.
    Revealed,
    /// Everything, but what is hidden stays when it holds a tenth of the page or more: for a
    /// page whose script moves hidden content into place.
    Unhidden,
}

/// What one marking pass found.
struct Pass {
    marks: Marks,
    /// Text length left live.
    live: u32,
    /// Text length of the comment sections it removed.
    comments: u32,
    /// Text length of the hidden elements it removed.
    hidden: u32,
}

/// One marking pass.
fn mark_with(doc: &Document, len: &[u32], page: &PageFacts, focus: Focus, level: Level) -> Pass {
    let signals = &page.signals;
    let drop_comments = matches!(level, Level::Full | Level::Unhidden);
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
    let (mut junk_len, mut comment_len, mut hidden_len) = (0u32, 0u32, 0u32);
    let mut weight = vec![0i32; n];
    let mut style = String::new();
    for i in 1..n {
        let p = doc.parent(i);
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
        let strong = if matches!(level, Level::Minimal | Level::Structure | Level::Revealed) {
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
        } else if tag_in(doc, i, never) || said.modal() {
            true
        } else if level != Level::Revealed
            && (level != Level::Unhidden || share < 0.1)
            && hidden_by(&said, &mut style)
        {
            if !parent_dead {
                hidden_len += len[i];
            }
            true
        } else if matches!(level, Level::Minimal | Level::Revealed) {
            false
        } else if tag == "a" && len[i] <= 3 && is_anchor_symbol(doc, i) {
            true
        } else if tag_in(doc, i, furniture)
            || said.aria_hidden()
            || said
                .role
                .is_some_and(|r| roles.contains(r.trim().to_ascii_lowercase().as_str()))
        {
            share < wrapper_share || len[i] < 500
        } else if (tag == "form" && page.inert_forms.binary_search(&i).is_err())
            || tag == "noscript"
        {
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
            // The items of a list repeat one name: together holding most of the page, they are
            // its content (a listing's `div.meta` entries), whatever the name says.
            let items = page
                .repeats
                .get(&(tag, doc.attr(i, "class").unwrap_or("")))
                .copied();
            share < protect && items.is_none_or(|l| (l as f32) < protect * total)
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
    Pass {
        marks,
        live,
        comments: comment_len,
        hidden: hidden_len,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn hosts_that_name_themselves_forums_are_discussions() {
        for url in [
            "https://www.exampleforum.com/beginners-area/123-a-question",
            "https://forums.example.com/index.php?/topic/1",
            "https://community.example.com/thread-42.html",
            "https://bbs.example.org/read/7",
        ] {
            assert!(is_discussion(None, Some(url)), "{url}");
        }
        for url in [
            "https://community.com/2024/05/news",
            "https://example.com/community-news",
            "https://news.example.com/answers-to-the-crisis",
        ] {
            assert!(!is_discussion(None, Some(url)), "{url}");
        }
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
            .filter(|&i| d.is_element(i) && hidden_by(&Said::of(&d, i), &mut String::new()))
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

    const SENTENCE: &str = "A sentence of the article, with words enough to count. ";

    fn live_text(html: &str) -> String {
        let d = Document::parse(html, &crate::options::Limits::default());
        let marks = mark(&d, Focus::Balanced, Shape::Other);
        (0..d.len())
            .filter(|&i| !marks.dead[i])
            .filter_map(|i| d.text(i))
            .collect()
    }

    #[test]
    fn a_page_hidden_until_a_script_reveals_it_is_read_as_shown() {
        let prose = SENTENCE.repeat(30);
        let text = live_text(&format!(
            r#"<body><div class="root hide"><nav><a href="/">Home</a></nav>
            <article><p>{prose}</p></article></div></body>"#
        ));
        // Only what is never content goes then: the navigation is left to the scorer.
        assert!(text.contains(&prose));
    }

    #[test]
    fn beside_shown_content_a_hidden_block_goes_whatever_its_size() {
        let prose = SENTENCE.repeat(10);
        let secret = "Words a reader never sees, however many there are. ".repeat(40);
        let text = live_text(&format!(
            r#"<body><article><p>{prose}</p></article>
            <div style="visibility: hidden"><p>{secret}</p></div></body>"#
        ));
        assert!(text.contains(&prose));
        assert!(!text.contains("never sees"));
    }

    #[test]
    fn entries_repeating_a_boilerplate_name_that_hold_the_page_are_its_content() {
        let entries: String = (0..6)
            .map(|k| {
                format!(
                    r#"<dd><div class="meta"><div>Title: Paper {k} on the anatomy of sinks</div>
                    <div>Authors: Ada Lovelace, Alan Turing, Grace Hopper and {k} others</div></div></dd>"#
                )
            })
            .collect();
        let text = live_text(&format!(
            r#"<body><h1>Recent submissions</h1><dl>{entries}</dl></body>"#
        ));
        assert!(text.contains("Paper 5 on the anatomy"));
    }

    #[test]
    fn bylines_repeating_a_boilerplate_name_beside_an_article_still_go() {
        let prose = SENTENCE.repeat(30);
        let text = live_text(&format!(
            r#"<body><article><div class="meta">By Jane Doe, May 1</div><p>{prose}</p></article>
            <div class="meta">Filed under news</div><div class="meta">Share this story</div></body>"#
        ));
        assert!(text.contains(&prose));
        assert!(!text.contains("Jane Doe"));
        assert!(!text.contains("Filed under"));
    }

    #[test]
    fn a_form_without_controls_is_a_wrapper_but_a_form_to_fill_in_goes() {
        let prose = SENTENCE.repeat(10);
        let reply = "A reply held in a form that a script edits, never filled in. ".repeat(3);
        let text = live_text(&format!(
            r#"<body><article><p>{prose}</p></article>
            <form class="usertext"><input type="hidden" name="id" value="1"><div><p>{reply}</p></div></form>
            <form><label>Your email, for our weekly letter</label><input type="email"><button>Sign up</button></form>
            <form><p>Leave a Reply</p><textarea></textarea></form></body>"#
        ));
        assert!(text.contains(&prose));
        assert!(text.contains("never filled in"));
        assert!(!text.contains("weekly letter"));
        assert!(!text.contains("Leave a Reply"));
    }

    #[test]
    fn a_modal_dialog_goes_however_much_text_it_holds() {
        let prose = SENTENCE.repeat(5);
        let policy = "These technologies store cookies on your device for analytics. ".repeat(40);
        let text = live_text(&format!(
            r#"<body><article><p>{prose}</p></article>
            <div id="consent-centre"><div role="dialog" aria-modal="true"><p>{policy}</p></div></div>
            <div role="dialog"><p>A dialog that is not modal is judged by its share of the page.</p></div></body>"#
        ));
        assert!(text.contains(&prose));
        assert!(!text.contains("These technologies"));
    }

    #[test]
    fn a_collapsed_panel_labelled_by_its_trigger_is_content_but_a_hidden_modal_goes() {
        let prose = SENTENCE.repeat(10);
        let text = live_text(&format!(
            r#"<body><main><p>{prose}</p>
            <button id="t1" aria-controls="p1">Analytics</button>
            <section id="p1" aria-hidden="true" aria-labelledby="t1"><p>Gather data in one place.</p></section></main>
            <div class="modal fade" aria-labelledby="m1" aria-hidden="true"><h5 id="m1">Sign in</h5></div>
            <div aria-hidden="true"><p>A decorative quote.</p></div></body>"#
        ));
        assert!(text.contains("Gather data in one place."));
        assert!(!text.contains("Sign in"));
        assert!(!text.contains("decorative"));
    }
}
