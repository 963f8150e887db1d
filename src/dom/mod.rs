//! Parsing: html5ever into a flat, pre-ordered arena with depth and size limits.
//!
//! Every later stage works on [`Document`]: nodes are numbered in document order, so the
//! subtree of node `i` is exactly the index range `i..end(i)`, and a bottom-up pass is a
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
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeSink};
use html5ever::{LocalName, TokenizerResult, local_name};
use rawtext::Skipper;
pub(crate) use sink::is_json_ld_type;
use sink::{NONE, SKind, SNode, Sink, empty_name, ix};
use std::cell::Cell;
use std::time::Instant;

/// How much input the tokenizer is given at a time (the deadline is looked at in between).
const CHUNK: usize = 256 * 1024;

/// The parse ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// Index of a node of a [`Document`], in document order.
pub type Ix = usize;

/// One node of the arena, in 32 bytes: indices and string places are 32-bit (the sink builds
/// fewer than 2^31 nodes, and the flattening stops before the text reaches 4 GiB).
#[derive(Debug, Clone)]
pub struct Node {
    /// Tag name for an element, `None` for a text node (and the document root).
    tag: Option<LocalName>,
    /// Parent index ([`NO_PARENT`] for the root).
    parent: u32,
    /// One past the last index of this node's subtree.
    end: u32,
    /// Element depth below the root.
    depth: u32,
    /// Text node: its byte range in [`Document::strings`]; element: its range in
    /// [`Document::attrs`].
    data: (u32, u32),
}

/// The parent of the root.
const NO_PARENT: u32 = u32::MAX;

/// An index or string place in 32 bits. The caps keep every one in range; past them (a single
/// text over 4 GiB) it saturates, and that text reads short or empty, never out of bounds.
fn narrow(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A 32-bit range as an index range.
fn wide((a, b): (u32, u32)) -> std::ops::Range<usize> {
    a as usize..b as usize
}

/// An attribute: its name and the byte range of its value in [`Document::strings`].
#[derive(Debug, Clone)]
struct Attr {
    name: LocalName,
    /// The name's length: most attributes of an element are told apart from the one asked
    /// for by it, without reading the name.
    name_len: u32,
    value: (u32, u32),
}

/// A parsed page.
pub struct Document {
    /// All nodes, in document order; index 0 is the document root.
    nodes: Vec<Node>,
    /// Attributes of all elements, element by element in document order.
    attrs: Vec<Attr>,
    /// All text and attribute values.
    strings: String,
    /// A cap (nodes, memory) was reached: the rest of the input was not parsed.
    pub truncated: bool,
    /// An `<iframe>`'s raw text ran past the end of a `<noscript>` (see
    /// [`crate::repair::close_noscript_frames`]).
    frame_ate_noscript: bool,
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
        let closed = crate::repair::close_title(text);
        let text: &str = &closed;
        let driver = Driver {
            chunk: CHUNK,
            skip_unread: true,
        };
        let doc = driver.parse(text, limits, deadline)?;
        if !doc.frame_ate_noscript {
            return Ok(doc);
        }
        // Rare: parsed again with the frame closed, where its author meant it to end (the
        // first tree let go first, so that no more than one is held).
        let Some(mended) = crate::repair::close_noscript_frames(text) else {
            return Ok(doc);
        };
        drop(doc);
        driver.parse(&mended, limits, deadline)
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

    /// The tag name of element `i` as an atom (`None` for text and the root).
    pub fn local(&self, i: Ix) -> Option<&LocalName> {
        self.nodes[i].tag.as_ref()
    }

    /// The parent of node `i` (`usize::MAX` for the root).
    pub fn parent(&self, i: Ix) -> Ix {
        match self.nodes[i].parent {
            NO_PARENT => usize::MAX,
            p => p as usize,
        }
    }

    /// One past the last index of node `i`'s subtree.
    pub fn end(&self, i: Ix) -> Ix {
        self.nodes[i].end as usize
    }

    /// The element depth of node `i` below the root.
    #[cfg(test)]
    pub fn depth(&self, i: Ix) -> u32 {
        self.nodes[i].depth
    }

    /// The text of a text node (`None` for elements).
    pub fn text(&self, i: Ix) -> Option<&str> {
        let n = &self.nodes[i];
        if n.tag.is_some() || i == 0 {
            return None;
        }
        self.strings.get(wide(n.data))
    }

    /// The value of attribute `name` of element `i`.
    pub fn attr(&self, i: Ix, name: &str) -> Option<&str> {
        let n = &self.nodes[i];
        n.tag.as_ref()?;
        let a = self
            .attrs
            .get(wide(n.data))?
            .iter()
            .find(|a| a.name_len as usize == name.len() && &*a.name == name)?;
        self.strings.get(wide(a.value))
    }

    /// The `class` and `id` values of element `i`, read in one pass over its attributes (what
    /// the name readers of cleaning and scoring look at).
    pub fn class_and_id(&self, i: Ix) -> [Option<&str>; 2] {
        self.attrs_named(i, ["class", "id"])
    }

    /// The values of attributes `names` of element `i`, each as [`Document::attr`] reads it,
    /// in one pass over the element's attributes.
    pub fn attrs_named<const K: usize>(&self, i: Ix, names: [&str; K]) -> [Option<&str>; K] {
        let mut out = [None; K];
        for (name, value) in self.attrs(i) {
            for (want, slot) in names.iter().zip(out.iter_mut()) {
                if slot.is_none() && name.len() == want.len() && name == *want {
                    *slot = Some(value);
                }
            }
        }
        out
    }

    /// The attributes of element `i` (name, value), in the order the page wrote them; none for
    /// other nodes.
    pub fn attrs(&self, i: Ix) -> impl Iterator<Item = (&str, &str)> + '_ {
        let n = &self.nodes[i];
        let list = match n.tag {
            Some(_) => self.attrs.get(wide(n.data)).unwrap_or_default(),
            None => &[],
        };
        list.iter().map(|a| {
            let value = self.strings.get(wide(a.value)).unwrap_or_default();
            (&*a.name, value)
        })
    }

    /// Direct children of node `i`, in order.
    pub fn children(&self, i: Ix) -> Children<'_> {
        Children {
            doc: self,
            next: i + 1,
            end: self.end(i),
        }
    }

    /// All text under node `i` (including `i` itself if it is a text node), concatenated.
    pub fn text_content(&self, i: Ix) -> String {
        // Sized first: the text is copied once, not again each time the string grows.
        let texts = || (i..self.end(i)).filter_map(|j| self.text(j));
        let mut s = String::with_capacity(texts().map(str::len).sum());
        texts().for_each(|t| s.push_str(t));
        s
    }

    /// The first character of the text under node `i` that is not whitespace (the one
    /// `text_content(i).trim_start()` starts with), found without copying the text.
    pub fn first_char(&self, i: Ix) -> Option<char> {
        (i..self.end(i))
            .filter_map(|j| self.text(j))
            .find_map(|t| t.trim_start().chars().next())
    }

    /// Ancestors of `i`, nearest first (not including `i`).
    pub fn ancestors(&self, i: Ix) -> impl Iterator<Item = Ix> + '_ {
        let mut cur = self.parent(i);
        std::iter::from_fn(move || {
            if cur == usize::MAX {
                None
            } else {
                let r = cur;
                cur = self.parent(cur);
                Some(r)
            }
        })
    }

    /// Whether `a` is `d` or an ancestor of `d`.
    pub fn contains(&self, a: Ix, d: Ix) -> bool {
        a <= d && d < self.end(a)
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
    /// Parses `text` (an unclosed title already repaired) into the arena.
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
        // A tag with thousands of attributes is quadratic in html5ever's tokenizer (each name is
        // compared with every one before it): the tokenizer drops those past the cap.
        let tok_opts = TokenizerOpts {
            max_attributes: Some(limits.max_attributes),
            ..opts.tokenizer
        };
        let tok = Tokenizer::new(guard, tok_opts);
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
    let mut frame_ate_noscript = false;
    let mut attrs: Vec<Attr> = Vec::new();
    let mut strings = String::with_capacity(text_len);
    nodes.push(Node {
        parent: NO_PARENT,
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
            stack.push((ix(c), to));
            c = tree[ix(c)].prev;
        }
    };
    if !tree.is_empty() {
        push_children(&mut stack, &tree, 0, 0);
    }
    // Places past this do not fit the arena's 32 bits (the sink's caps stop far short of it).
    let max_place = u32::MAX as usize - 1;
    while let Some((id, parent)) = stack.pop() {
        if nodes.len() >= limits.max_nodes.min(max_place) || strings.len() >= max_place {
            truncated = true;
            break;
        }
        let pdepth = nodes[parent].depth;
        match std::mem::replace(&mut tree[id].kind, SKind::Other) {
            SKind::Element(list) => {
                let this = if pdepth as usize >= limits.max_depth {
                    // Too deep: flatten, keep the children under the same parent.
                    parent
                } else {
                    let from = narrow(attrs.len());
                    for a in list {
                        let start = narrow(strings.len());
                        strings.push_str(&a.value);
                        attrs.push(Attr {
                            name_len: narrow(a.name.local.len()),
                            name: a.name.local,
                            value: (start, narrow(strings.len())),
                        });
                    }
                    let name = std::mem::replace(&mut tree[id].name, empty_name());
                    nodes.push(Node {
                        parent: narrow(parent),
                        end: 0,
                        depth: pdepth + 1,
                        tag: Some(name.local),
                        data: (from, narrow(attrs.len())),
                    });
                    nodes.len() - 1
                };
                push_children(&mut stack, &tree, id, this);
            }
            SKind::Text(t) => {
                frame_ate_noscript |= nodes[parent].tag == Some(local_name!("iframe"))
                    && crate::repair::ends_noscript(&t);
                let start = narrow(strings.len());
                strings.push_str(&t);
                nodes.push(Node {
                    parent: narrow(parent),
                    end: 0,
                    depth: pdepth + 1,
                    tag: None,
                    data: (start, narrow(strings.len())),
                });
            }
            SKind::Document | SKind::Other => {}
        }
    }
    // Subtree ends: since nodes are in pre-order, a node's subtree ends where the next node
    // that is not its descendant starts. Compute bottom-up: end = max(end of children, i + 1).
    let n = nodes.len();
    for i in (0..n).rev() {
        let next = narrow(i + 1);
        if nodes[i].end < next {
            nodes[i].end = next;
        }
        let p = nodes[i].parent;
        if p != NO_PARENT && nodes[p as usize].end < nodes[i].end {
            nodes[p as usize].end = nodes[i].end;
        }
    }
    Document {
        nodes,
        attrs,
        strings,
        truncated,
        frame_ate_noscript,
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
        self.next = self.doc.end(i);
        Some(i)
    }
}

#[cfg(test)]
mod tests;
