//! Parsing: html5ever into a flat, pre-ordered arena with depth and size limits.
//!
//! Every later stage works on [`Document`]: nodes are numbered in document order, so the
//! subtree of node `i` is exactly the index range `i..nodes[i].end`, and a bottom-up pass is a
//! loop over indices in reverse. No stage needs recursion, whatever the nesting depth.
//!
//! html5ever's tree builder drives a small linked tree of our own ([`sink::Sink`]), which is
//! then laid out in pre-order once, with all text and attribute values copied into one string.
//! The input is fed in chunks; the node, attribute and memory caps are applied as the tree is
//! built, and the deadline is looked at between chunks and every few thousand tokens, so that a
//! hostile page costs bounded time and memory before any later stage sees it.

mod guard;
mod rawtext;
mod sink;
#[cfg(test)]
mod spec;

use crate::options::Limits;
use guard::NestingGuard;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer};
use html5ever::tree_builder::{TreeBuilder, TreeSink};
use html5ever::{LocalName, TokenizerResult};
use rawtext::Skipper;
pub(crate) use sink::is_json_ld_type;
use sink::{NONE, SKind, SNode, Sink, empty_name};
use std::cell::Cell;
use std::time::Instant;

/// How much input the tokenizer is given at a time (the deadline is looked at in between).
const CHUNK: usize = 256 * 1024;

/// The parse ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// Index of a node in [`Document::nodes`].
pub type Ix = usize;

/// One node of the arena.
#[derive(Debug, Clone)]
pub struct Node {
    /// Parent index (`usize::MAX` for the root).
    pub parent: Ix,
    /// One past the last index of this node's subtree.
    pub end: Ix,
    /// Element depth below the root.
    pub depth: u32,
    /// Tag name for an element, `None` for a text node (and the document root).
    pub tag: Option<LocalName>,
    /// Text node: its byte range in [`Document::strings`]; element: its range in
    /// [`Document::attrs`].
    data: (usize, usize),
}

/// An attribute: its name and the byte range of its value in [`Document::strings`].
#[derive(Debug, Clone)]
struct Attr {
    name: LocalName,
    /// The name's length: most attributes of an element are told apart from the one asked
    /// for by it, without reading the name.
    name_len: usize,
    value: (usize, usize),
}

/// A parsed page.
pub struct Document {
    /// All nodes, in document order; index 0 is the document root.
    pub nodes: Vec<Node>,
    /// Attributes of all elements, element by element in document order.
    attrs: Vec<Attr>,
    /// All text and attribute values.
    strings: String,
    /// A cap (nodes, memory) was reached: the rest of the input was not parsed.
    pub truncated: bool,
}

impl Document {
    /// Parses `text` as an HTML document, applying the limits (but no deadline).
    pub fn parse(text: &str, limits: &Limits) -> Document {
        match Document::parse_until(text, limits, None) {
            Ok(doc) => doc,
            // Without a deadline there is no time-out.
            Err(TimedOut) => Document::empty(),
        }
    }

    /// Parses `text` as an HTML document, applying the limits, and stops with [`TimedOut`]
    /// once `deadline` has passed.
    pub fn parse_until(
        text: &str,
        limits: &Limits,
        deadline: Option<Instant>,
    ) -> Result<Document, TimedOut> {
        // A tag with thousands of attributes is quadratic in html5ever's tokenizer: cap them first.
        let capped = crate::attrcap::cap_attributes(text, limits.max_attributes);
        let closed = crate::repair::close_title(&capped);
        let text: &str = &closed;
        let driver = Driver {
            chunk: CHUNK,
            skip_unread: true,
        };
        driver.parse(text, limits, deadline)
    }

    /// A document with nothing but its root.
    fn empty() -> Document {
        flatten(Vec::new(), &Limits::default(), 0)
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The tag name of node `i`, or "" for text and the root.
    pub fn tag(&self, i: Ix) -> &str {
        self.nodes[i].tag.as_deref().unwrap_or("")
    }

    /// Whether node `i` is an element.
    pub fn is_element(&self, i: Ix) -> bool {
        self.nodes[i].tag.is_some()
    }

    /// The text of a text node (`None` for elements).
    pub fn text(&self, i: Ix) -> Option<&str> {
        let n = &self.nodes[i];
        if n.tag.is_some() || i == 0 {
            return None;
        }
        self.strings.get(n.data.0..n.data.1)
    }

    /// The value of attribute `name` of element `i`.
    pub fn attr(&self, i: Ix, name: &str) -> Option<&str> {
        let n = &self.nodes[i];
        n.tag.as_ref()?;
        let a = self
            .attrs
            .get(n.data.0..n.data.1)?
            .iter()
            .find(|a| a.name_len == name.len() && &*a.name == name)?;
        self.strings.get(a.value.0..a.value.1)
    }

    /// The `class` and `id` values of element `i`, read in one pass over its attributes (what
    /// the name readers of cleaning and scoring look at).
    pub fn class_and_id(&self, i: Ix) -> [Option<&str>; 2] {
        let mut out = [None, None];
        for (name, value) in self.attrs(i) {
            match name {
                "class" => out[0] = out[0].or(Some(value)),
                "id" => out[1] = out[1].or(Some(value)),
                _ => {}
            }
        }
        out
    }

    /// The attributes of element `i` (name, value), in name order; none for other nodes.
    pub fn attrs(&self, i: Ix) -> impl Iterator<Item = (&str, &str)> + '_ {
        let n = &self.nodes[i];
        let list = match n.tag {
            Some(_) => self.attrs.get(n.data.0..n.data.1).unwrap_or_default(),
            None => &[],
        };
        list.iter().map(|a| {
            let value = self.strings.get(a.value.0..a.value.1).unwrap_or_default();
            (&*a.name, value)
        })
    }

    /// Direct children of node `i`, in order.
    pub fn children(&self, i: Ix) -> Children<'_> {
        Children {
            doc: self,
            next: i + 1,
            end: self.nodes[i].end,
        }
    }

    /// All text under node `i` (including `i` itself if it is a text node), concatenated.
    pub fn text_content(&self, i: Ix) -> String {
        let mut s = String::new();
        for j in i..self.nodes[i].end {
            if let Some(t) = self.text(j) {
                s.push_str(t);
            }
        }
        s
    }

    /// Ancestors of `i`, nearest first (not including `i`).
    pub fn ancestors(&self, i: Ix) -> impl Iterator<Item = Ix> + '_ {
        let mut cur = self.nodes[i].parent;
        std::iter::from_fn(move || {
            if cur == usize::MAX {
                None
            } else {
                let r = cur;
                cur = self.nodes[cur].parent;
                Some(r)
            }
        })
    }

    /// Whether `a` is `d` or an ancestor of `d`.
    pub fn contains(&self, a: Ix, d: Ix) -> bool {
        a <= d && d < self.nodes[a].end
    }

    /// The first element with this tag name, in document order.
    pub fn find_tag(&self, tag: &str) -> Option<Ix> {
        (0..self.len()).find(|&i| self.tag(i) == tag)
    }
}

/// How the input is fed to html5ever.
#[derive(Debug, Clone, Copy)]
struct Driver {
    /// Most bytes given to the tokenizer at a time.
    chunk: usize,
    /// Skip the raw text no stage reads (see [`rawtext`]); off only to test that it changes
    /// nothing.
    skip_unread: bool,
}

impl Driver {
    /// Parses `text` (already capped and repaired) into the arena.
    fn parse(
        self,
        text: &str,
        limits: &Limits,
        deadline: Option<Instant>,
    ) -> Result<Document, TimedOut> {
        // Parse as a browser with scripting off (as a crawler sees the page): the content of
        // `<noscript>` is markup then, which is where some platforms (Discourse) put the page.
        let opts = html5ever::ParseOpts {
            tree_builder: html5ever::tree_builder::TreeBuilderOpts {
                scripting_enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        let cap = limits.max_depth.saturating_mul(2).max(64);
        let (tree, truncated) = self.run(text, opts, cap, limits, deadline)?;
        let mut doc = flatten(tree, limits, text.len());
        doc.truncated |= truncated;
        Ok(doc)
    }

    /// Runs html5ever's tokenizer and tree builder with a [`NestingGuard`] between them,
    /// feeding the input a chunk at a time; returns the tree and whether a cap cut it short.
    fn run(
        self,
        text: &str,
        opts: html5ever::ParseOpts,
        cap: usize,
        limits: &Limits,
        deadline: Option<Instant>,
    ) -> Result<(Vec<SNode>, bool), TimedOut> {
        let input = BufferQueue::default();
        let guard = NestingGuard {
            inner: TreeBuilder::new(Sink::new(text.len(), limits), opts.tree_builder),
            cap,
            deadline,
            ticks: Cell::new(0),
            timed_out: Cell::new(false),
            total: Cell::new(0),
            open: std::array::from_fn(|_| Cell::new(0)),
            dropped: std::array::from_fn(|_| Cell::new(0)),
            dropping: Cell::new(0),
            skipper: Skipper::new(text, &input, self.skip_unread),
        };
        let tok = Tokenizer::new(guard, opts.tokenizer);
        let mut pos = 0;
        while pos < text.len() && !tok.sink.stopped() {
            let end = pos + chunk_end(&text[pos..], self.chunk);
            tok.sink.skipper.chunk_end.set(end);
            input.push_back(StrTendril::from_slice(&text[pos..end]));
            pos = end;
            // The tree builder pauses the tokenizer after each `</script>`; scripts never run here.
            while !matches!(tok.feed(&input), TokenizerResult::Done) {}
            // Raw text skipped past the chunk: go on where it ends.
            if let Some(at) = tok.sink.skipper.resume_at.take() {
                pos = at.max(pos);
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                tok.sink.timed_out.set(true);
            }
        }
        if tok.sink.timed_out.get() {
            return Err(TimedOut);
        }
        tok.end();
        let truncated = tok.sink.inner.sink.is_full();
        Ok((tok.sink.inner.sink.finish(), truncated))
    }
}

/// Where a chunk of at most `max` bytes of `s` ends: on a char boundary, and past at least one
/// char.
fn chunk_end(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    if end == 0 {
        end = s.char_indices().nth(1).map_or(s.len(), |(i, _)| i);
    }
    end
}

/// Lays the parse tree out in pre-order, flattening elements below the depth limit and
/// stopping at the node limit.
fn flatten(mut tree: Vec<SNode>, limits: &Limits, text_len: usize) -> Document {
    let mut nodes: Vec<Node> = Vec::with_capacity(tree.len().min(limits.max_nodes));
    let mut truncated = false;
    let mut attrs: Vec<Attr> = Vec::new();
    let mut strings = String::with_capacity(text_len);
    nodes.push(Node {
        parent: usize::MAX,
        end: 1,
        depth: 0,
        tag: None,
        data: (0, 0),
    });
    // Iterative pre-order walk; stack holds (parse tree node, arena parent index).
    let mut stack: Vec<(usize, Ix)> = Vec::new();
    let push_children = |stack: &mut Vec<(usize, Ix)>, tree: &[SNode], of: usize, to: Ix| {
        let mut c = tree[of].last;
        while c != NONE {
            stack.push((c, to));
            c = tree[c].prev;
        }
    };
    if !tree.is_empty() {
        push_children(&mut stack, &tree, 0, 0);
    }
    while let Some((id, parent)) = stack.pop() {
        if nodes.len() >= limits.max_nodes {
            truncated = true;
            break;
        }
        let pdepth = nodes[parent].depth;
        match std::mem::replace(&mut tree[id].kind, SKind::Other) {
            SKind::Element(mut list) => {
                let this = if pdepth as usize >= limits.max_depth {
                    // Too deep: flatten, keep the children under the same parent.
                    parent
                } else {
                    // Attributes in name order, as html5ever's reference DOMs keep them.
                    if list.len() > 1 {
                        list.sort_unstable_by(|a, b| a.name.cmp(&b.name));
                    }
                    let from = attrs.len();
                    for a in list {
                        let start = strings.len();
                        strings.push_str(&a.value);
                        attrs.push(Attr {
                            name_len: a.name.local.len(),
                            name: a.name.local,
                            value: (start, strings.len()),
                        });
                    }
                    let name = std::mem::replace(&mut tree[id].name, empty_name());
                    nodes.push(Node {
                        parent,
                        end: 0,
                        depth: pdepth + 1,
                        tag: Some(name.local),
                        data: (from, attrs.len()),
                    });
                    nodes.len() - 1
                };
                push_children(&mut stack, &tree, id, this);
            }
            SKind::Text(t) => {
                let start = strings.len();
                strings.push_str(&t);
                nodes.push(Node {
                    parent,
                    end: 0,
                    depth: pdepth + 1,
                    tag: None,
                    data: (start, strings.len()),
                });
            }
            SKind::Document | SKind::Other => {}
        }
    }
    // Subtree ends: since nodes are in pre-order, a node's subtree ends where the next node
    // that is not its descendant starts. Compute bottom-up: end = max(end of children, i + 1).
    let n = nodes.len();
    for i in (0..n).rev() {
        if nodes[i].end < i + 1 {
            nodes[i].end = i + 1;
        }
        let p = nodes[i].parent;
        if p != usize::MAX && nodes[p].end < nodes[i].end {
            nodes[p].end = nodes[i].end;
        }
    }
    Document {
        nodes,
        attrs,
        strings,
        truncated,
    }
}

/// Iterator over the direct children of a node.
pub struct Children<'a> {
    doc: &'a Document,
    next: Ix,
    end: Ix,
}

impl Iterator for Children<'_> {
    type Item = Ix;
    fn next(&mut self) -> Option<Ix> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.doc.nodes[i].end;
        Some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtrees_are_index_ranges() {
        let d = Document::parse(
            "<div id=a><p>one <b>two</b></p><p>three</p></div><span>x</span>",
            &Limits::default(),
        );
        let div = d.find_tag("div").unwrap_or(0);
        assert_eq!(d.attr(div, "id"), Some("a"));
        assert_eq!(d.text_content(div), "one twothree");
        let kids: Vec<_> = d.children(div).map(|c| d.tag(c).to_string()).collect();
        assert_eq!(kids, ["p", "p"]);
        let span = d.find_tag("span").unwrap_or(0);
        assert!(!d.contains(div, span));
    }

    #[test]
    fn class_and_id_are_read_as_attr_reads_them() {
        let d = Document::parse(
            r#"<div title=t id="main" class="post body"></div><p class=x></p><span>s</span>"#,
            &Limits::default(),
        );
        for i in 0..d.len() {
            assert_eq!(d.class_and_id(i), [d.attr(i, "class"), d.attr(i, "id")]);
        }
        let div = d.find_tag("div").unwrap_or(0);
        assert_eq!(d.class_and_id(div), [Some("post body"), Some("main")]);
    }

    #[test]
    fn only_json_ld_keeps_its_script_text() {
        let d = Document::parse(
            r#"<head><style>p { color: red }</style><script>var a = "<p>x</p>";</script>
            <script type=" Application/LD+JSON ">{"@type":"NewsArticle"}</script></head><body><p>text</p>"#,
            &crate::options::Limits::default(),
        );
        let texts: Vec<&str> = (0..d.len())
            .filter_map(|i| d.text(i))
            .filter(|t| !t.trim().is_empty())
            .collect();
        assert_eq!(texts, [r#"{"@type":"NewsArticle"}"#, "text"]);
        assert_eq!(
            d.find_tag("script").map(|s| d.text_content(s)),
            Some(String::new())
        );
    }

    #[test]
    fn deep_nesting_is_flattened_not_recursed() {
        let html = "<div>".repeat(5000) + "deep text" + &"</div>".repeat(5000);
        let d = Document::parse(
            &html,
            &Limits {
                max_depth: 100,
                ..Limits::default()
            },
        );
        assert!(d.nodes.iter().all(|n| n.depth <= 101));
        assert!(d.text_content(0).contains("deep text"));
    }

    #[test]
    fn nesting_far_beyond_the_depth_limit_keeps_all_text_and_later_siblings() {
        let n = 20_000;
        let html = "<div id=outer>".to_string()
            + &"<b><a href=x>".repeat(n)
            + "bottom"
            + &"</a></b>".repeat(n)
            + &"<span>".repeat(n)
            + "inner"
            + &"</span>".repeat(n)
            + "<p>after</p></div>";
        let d = Document::parse(
            &html,
            &Limits {
                max_depth: 50,
                ..Limits::default()
            },
        );
        let text = d.text_content(0);
        assert!(text.contains("bottom") && text.contains("inner"));
        let p = d.find_tag("p").unwrap_or(0);
        assert_eq!(d.text_content(p), "after");
        let outer = d.find_tag("div").unwrap_or(0);
        assert_eq!(d.attr(outer, "id"), Some("outer"));
        assert_eq!(d.nodes[p].parent, outer);
    }

    #[test]
    fn list_items_nested_far_beyond_the_depth_limit_keep_their_text_and_later_lists() {
        let n = 5_000;
        let html = "<ul><li>".repeat(n)
            + "<p>bottom</p>"
            + &"</li></ul>".repeat(n)
            + "<ol><li>one</li><li>two</li></ol>";
        let d = Document::parse(
            &html,
            &Limits {
                max_depth: 50,
                ..Limits::default()
            },
        );
        assert!(d.text_content(0).contains("bottom"));
        let ol = d.find_tag("ol").unwrap_or(0);
        let items: Vec<_> = d.children(ol).map(|c| d.text_content(c)).collect();
        assert_eq!(items, ["one", "two"]);
        assert_eq!(d.nodes[ol].depth, 3, "html > body > ol");
    }

    #[test]
    fn attributes_past_the_limit_are_dropped_and_the_first_kept() {
        let html = "<div".to_string()
            + &(0..5_000).map(|i| format!(" a{i}=v")).collect::<String>()
            + ">x</div>";
        let d = Document::parse(&html, &Limits::default());
        let div = d.find_tag("div").unwrap_or(0);
        assert_eq!(d.attr(div, "a255"), Some("v"));
        assert_eq!(d.attr(div, "a256"), None);
        assert_eq!(d.text_content(div), "x");
    }

    #[test]
    fn nesting_within_the_depth_limit_is_parsed_unchanged() {
        let html = "<span>".repeat(300) + "x" + &"</span>".repeat(300);
        let d = Document::parse(&html, &Limits::default());
        let spans = (0..d.len()).filter(|&i| d.tag(i) == "span").count();
        assert_eq!(spans, 300);
    }

    #[test]
    fn input_fed_in_chunks_parses_as_a_whole() {
        // A CR LF, a multi-byte char, an entity and a tag each straddle a chunk boundary.
        for (at, piece) in [(1, "\r\n"), (1, "é"), (3, "&amp;"), (2, "<b>b</b>")] {
            let mut html = "<p>".to_string() + &"x".repeat(CHUNK - 3 - at);
            html.push_str(piece);
            html.push_str("</p><p>after</p>");
            let d = Document::parse(&html, &Limits::default());
            let expected = piece
                .replace("\r\n", "\n")
                .replace("&amp;", "&")
                .replace("<b>", "")
                .replace("</b>", "");
            let text = d.text_content(0);
            assert!(text.ends_with(&format!("{expected}after")), "{piece:?}");
            assert!(!d.truncated);
        }
        assert_eq!(chunk_end("aé", 2), 1, "not inside a char");
        assert_eq!(chunk_end("éa", 1), 2, "at least one char");
    }

    #[test]
    fn a_deadline_already_passed_stops_the_parse() {
        let html = "<p>x</p>".repeat(100_000);
        let past = Instant::now();
        assert_eq!(
            Document::parse_until(&html, &Limits::default(), Some(past)).err(),
            Some(TimedOut)
        );
    }

    #[test]
    fn the_node_cap_stops_the_tree_as_it_is_built() {
        let html = "<p>x".repeat(10_000);
        let limits = Limits {
            max_nodes: 1_000,
            ..Limits::default()
        };
        let d = Document::parse(&html, &limits);
        assert!(d.truncated);
        assert!(d.len() <= 1_000, "{}", d.len());
        assert!(d.len() > 900, "{}", d.len());
    }
}
