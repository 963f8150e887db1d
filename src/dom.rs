//! Parsing: html5ever into a flat, pre-ordered arena with depth and size limits.
//!
//! Every later stage works on [`Document`]: nodes are numbered in document order, so the
//! subtree of node `i` is exactly the index range `i..nodes[i].end`, and a bottom-up pass is a
//! loop over indices in reverse. No stage needs recursion, whatever the nesting depth.
//!
//! html5ever's tree builder drives a small linked tree of our own ([`Sink`]), which is then
//! laid out in pre-order once, with all text and attribute values copied into one string.

use crate::options::Limits;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeSink};
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, local_name, ns};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

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
}

impl Document {
    /// Parses `text` as an HTML document, applying the depth and node limits.
    pub fn parse(text: &str, limits: &Limits) -> Document {
        // A tag with thousands of attributes is quadratic in html5ever's tokenizer: cap them first.
        let capped = crate::attrcap::cap_attributes(text, limits.max_attributes);
        let closed = crate::repair::close_title(&capped);
        let text: &str = &closed;
        // Parse as a browser with scripting off (as a crawler sees the page): the content of
        // `<noscript>` is markup then, which is where some platforms (Discourse) put the page.
        let opts = html5ever::ParseOpts {
            tree_builder: html5ever::tree_builder::TreeBuilderOpts {
                scripting_enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        let tree = parse_guarded(text, opts, limits.max_depth.saturating_mul(2).max(64));
        flatten(tree, limits, text.len())
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

/// Runs html5ever's tokenizer and tree builder with a [`NestingGuard`] between them.
fn parse_guarded(text: &str, opts: html5ever::ParseOpts, cap: usize) -> Vec<SNode> {
    let guard = NestingGuard {
        inner: TreeBuilder::new(Sink::new(text.len()), opts.tree_builder),
        cap,
        total: Cell::new(0),
        open: std::array::from_fn(|_| Cell::new(0)),
        dropped: std::array::from_fn(|_| Cell::new(0)),
        dropping: Cell::new(0),
    };
    let tok = Tokenizer::new(guard, opts.tokenizer);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // The tree builder pauses the tokenizer after each `</script>`; scripts never run here.
    while !matches!(tok.feed(&input), TokenizerResult::Done) {}
    tok.end();
    tok.sink.inner.sink.finish()
}

/// Whether a `<script>`'s `type` says it holds JSON-LD, the one script text any stage reads.
pub(crate) fn is_json_ld_type(t: &str) -> bool {
    t.trim().eq_ignore_ascii_case("application/ld+json")
}

/// "No node" in the links of [`SNode`].
const NONE: usize = usize::MAX;

/// What a node of the parse tree holds.
enum SKind {
    /// The document root.
    Document,
    /// An element and its attributes.
    Element(Vec<Attribute>),
    /// Text (adjacent text is merged, as the tree builder expects).
    Text(StrTendril),
    /// A comment, doctype, processing instruction or a template's content fragment: never
    /// part of the arena, nor is anything under it.
    Other,
}

/// A node of the tree html5ever builds, linked to its parent and siblings.
struct SNode {
    /// Element name (an empty name for other nodes; the tree builder asks only elements).
    name: QualName,
    kind: SKind,
    /// Text appended to it is dropped: scripts other than JSON-LD and style sheets, whose text
    /// no stage reads (not copying it saves a good share of the parse on script-heavy pages).
    mute: bool,
    parent: usize,
    prev: usize,
    next: usize,
    first: usize,
    last: usize,
}

/// The tree sink: html5ever's tree operations on a vector of linked nodes.
struct Sink {
    nodes: RefCell<Vec<SNode>>,
}

impl Sink {
    fn new(input_len: usize) -> Sink {
        let mut nodes = Vec::with_capacity((input_len / 64).clamp(64, 1 << 20));
        nodes.push(SNode::new(empty_name(), SKind::Document));
        Sink {
            nodes: RefCell::new(nodes),
        }
    }

    fn add(&self, name: QualName, kind: SKind) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(SNode::new(name, kind));
        nodes.len() - 1
    }
}

fn empty_name() -> QualName {
    QualName::new(None, ns!(), local_name!(""))
}

impl SNode {
    fn new(name: QualName, kind: SKind) -> SNode {
        SNode {
            name,
            kind,
            mute: false,
            parent: NONE,
            prev: NONE,
            next: NONE,
            first: NONE,
            last: NONE,
        }
    }
}

/// Unlinks `i` from its parent and siblings.
fn detach(nodes: &mut [SNode], i: usize) {
    let (parent, prev, next) = (nodes[i].parent, nodes[i].prev, nodes[i].next);
    if parent == NONE {
        return;
    }
    if prev != NONE {
        nodes[prev].next = next;
    } else {
        nodes[parent].first = next;
    }
    if next != NONE {
        nodes[next].prev = prev;
    } else {
        nodes[parent].last = prev;
    }
    let n = &mut nodes[i];
    n.parent = NONE;
    n.prev = NONE;
    n.next = NONE;
}

/// Text that follows node `prev` joins it when it is a text node (as the DOM keeps adjacent
/// text as one node); otherwise it becomes a new, still detached text node, whose index is
/// returned for the caller to place.
fn text_after(nodes: &mut Vec<SNode>, prev: usize, text: StrTendril) -> Option<usize> {
    if prev != NONE
        && let SKind::Text(t) = &mut nodes[prev].kind
    {
        t.push_tendril(&text);
        return None;
    }
    nodes.push(SNode::new(empty_name(), SKind::Text(text)));
    Some(nodes.len() - 1)
}

/// Makes the parentless node `i` the last child of `parent`.
fn append_child(nodes: &mut [SNode], parent: usize, i: usize) {
    let last = nodes[parent].last;
    nodes[i].parent = parent;
    nodes[i].prev = last;
    nodes[i].next = NONE;
    if last != NONE {
        nodes[last].next = i;
    } else {
        nodes[parent].first = i;
    }
    nodes[parent].last = i;
}

/// Puts the parentless node `i` just before `sibling` (which has a parent).
fn insert_before(nodes: &mut [SNode], sibling: usize, i: usize) {
    let (parent, prev) = (nodes[sibling].parent, nodes[sibling].prev);
    nodes[i].parent = parent;
    nodes[i].prev = prev;
    nodes[i].next = sibling;
    nodes[sibling].prev = i;
    if prev != NONE {
        nodes[prev].next = i;
    } else {
        nodes[parent].first = i;
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Vec<SNode>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Vec<SNode> {
        self.nodes.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |n| match n.get(*target) {
            Some(node) => &node.name,
            None => &n[0].name,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        let template = name.expanded() == html5ever::expanded_name!(html "template");
        let mute = match name.local {
            local_name!("style") => true,
            local_name!("script") => !attrs
                .iter()
                .any(|a| a.name.local == local_name!("type") && is_json_ld_type(&a.value)),
            _ => false,
        };
        let el = self.add(name, SKind::Element(attrs));
        self.nodes.borrow_mut()[el].mute = mute;
        if template {
            // The template's content lives in a fragment below it (never page content).
            let frag = self.add(empty_name(), SKind::Other);
            append_child(&mut self.nodes.borrow_mut(), el, frag);
        }
        el
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.add(empty_name(), SKind::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.add(empty_name(), SKind::Other)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        match child {
            NodeOrText::AppendNode(i) => append_child(&mut self.nodes.borrow_mut(), *parent, i),
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                if nodes[*parent].mute {
                    return;
                }
                let last = nodes[*parent].last;
                if let Some(i) = text_after(&mut nodes, last, text) {
                    append_child(&mut nodes, *parent, i);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        let has_parent = self.nodes.borrow()[*element].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let i = self.add(empty_name(), SKind::Other);
        append_child(&mut self.nodes.borrow_mut(), 0, i);
    }

    fn get_template_contents(&self, target: &usize) -> usize {
        let first = self.nodes.borrow()[*target].first;
        if first == NONE {
            // Only templates are asked, and each has its fragment; never reached.
            let frag = self.add(empty_name(), SKind::Other);
            append_child(&mut self.nodes.borrow_mut(), *target, frag);
            return frag;
        }
        first
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let mut nodes = self.nodes.borrow_mut();
        if let NodeOrText::AppendNode(i) = new_node {
            detach(&mut nodes, i);
        }
        if nodes[*sibling].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(i) => insert_before(&mut nodes, *sibling, i),
            NodeOrText::AppendText(text) => {
                let prev = nodes[*sibling].prev;
                if let Some(i) = text_after(&mut nodes, prev, text) {
                    insert_before(&mut nodes, *sibling, i);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let SKind::Element(have) = &mut nodes[*target].kind {
            for a in attrs {
                if !have.iter().any(|h| h.name == a.name) {
                    have.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let mut c = nodes[*node].first;
        while c != NONE {
            let next = nodes[c].next;
            detach(&mut nodes, c);
            append_child(&mut nodes, *new_parent, c);
            c = next;
        }
    }
}

/// Lays the parse tree out in pre-order, flattening elements below the depth limit and
/// stopping at the node limit.
fn flatten(mut tree: Vec<SNode>, limits: &Limits, text_len: usize) -> Document {
    let mut nodes: Vec<Node> = Vec::with_capacity(tree.len().min(limits.max_nodes));
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
    push_children(&mut stack, &tree, 0, 0);
    while let Some((id, parent)) = stack.pop() {
        if nodes.len() >= limits.max_nodes {
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
    }
}

/// Tags the guard counts and may drop: containers and formatting elements that nest freely.
/// Raw-text, table, form-control, foreign (svg/math) and implicitly closed tags are never
/// touched, so the tokenizer state and the table/list structure stay exactly as html5ever has them.
fn guarded_slot(name: &LocalName) -> Option<usize> {
    Some(match *name {
        local_name!("div") => 0,
        local_name!("span") => 1,
        local_name!("section") => 2,
        local_name!("article") => 3,
        local_name!("aside") => 4,
        local_name!("nav") => 5,
        local_name!("header") => 6,
        local_name!("footer") => 7,
        local_name!("main") => 8,
        local_name!("blockquote") => 9,
        local_name!("ul") => 10,
        local_name!("ol") => 11,
        local_name!("dl") => 12,
        local_name!("b") => 13,
        local_name!("i") => 14,
        local_name!("u") => 15,
        local_name!("s") => 16,
        local_name!("em") => 17,
        local_name!("strong") => 18,
        local_name!("a") => 19,
        local_name!("font") => 20,
        local_name!("small") => 21,
        local_name!("big") => 22,
        local_name!("center") => 23,
        local_name!("code") => 24,
        local_name!("nobr") => 25,
        local_name!("tt") => 26,
        local_name!("strike") => 27,
        local_name!("figure") => 28,
        local_name!("details") => 29,
        local_name!("q") => 30,
        local_name!("sub") => 31,
        local_name!("sup") => 32,
        local_name!("cite") => 33,
        local_name!("abbr") => 34,
        local_name!("label") => 35,
        _ => return None,
    })
}
const GUARDED: usize = 36;

/// Block tags that html5ever closes implicitly and whose start tags scan the whole stack of open
/// elements (for an open `<p>` in button scope): while the guard is dropping nested elements,
/// these are dropped too, start and end tags alike, so that 65,000 nested `<ul><li>` do not
/// cost a scan of a thousand-element stack each. Their text stays; the arena would flatten
/// them anyway, as they sit deeper than [`Limits::max_depth`].
fn flattened_in_overflow(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("p")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("address")
            | local_name!("dir")
            | local_name!("menu")
            | local_name!("hgroup")
            | local_name!("figcaption")
            | local_name!("summary")
            | local_name!("dialog")
            | local_name!("search")
    )
}

/// Keeps html5ever out of its quadratic paths (html5ever issue 788: each start tag scans the
/// stack of open elements, and the list of active formatting elements, so 100,000 nested
/// `<div>`s or `<b><a>`s take minutes). Once `cap` guarded elements are open, further guarded
/// start tags are dropped, with their matching end tags; their content stays, under the
/// nearest kept element, which is what [`Limits::max_depth`] flattening does to deep elements
/// anyway (the cap is twice that depth, so pages within the limit are parsed unchanged).
struct NestingGuard<S> {
    inner: S,
    cap: usize,
    /// Guarded elements open, all tags together.
    total: Cell<usize>,
    /// Open (start tag seen, end tag not yet) guarded elements, per tag.
    open: [Cell<u32>; GUARDED],
    /// Start tags dropped whose end tag has not come yet, per tag.
    dropped: [Cell<u32>; GUARDED],
    /// All of `dropped` together: while it is above zero, the guard is inside dropped elements.
    dropping: Cell<u64>,
}

impl<S: TokenSink> TokenSink for NestingGuard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token
            && self.dropping.get() > 0
            && flattened_in_overflow(&tag.name)
        {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token
            && let Some(k) = guarded_slot(&tag.name)
        {
            match tag.kind {
                TagKind::StartTag => {
                    if self.total.get() >= self.cap {
                        if self.dropped[k].get() < u32::MAX {
                            self.dropped[k].set(self.dropped[k].get() + 1);
                            self.dropping.set(self.dropping.get() + 1);
                        }
                        return TokenSinkResult::Continue;
                    }
                    self.open[k].set(self.open[k].get().saturating_add(1));
                    self.total.set(self.total.get() + 1);
                }
                TagKind::EndTag => {
                    if self.dropped[k].get() > 0 {
                        self.dropped[k].set(self.dropped[k].get() - 1);
                        self.dropping.set(self.dropping.get().saturating_sub(1));
                        return TokenSinkResult::Continue;
                    }
                    if self.open[k].get() > 0 {
                        self.open[k].set(self.open[k].get() - 1);
                        self.total.set(self.total.get().saturating_sub(1));
                    }
                }
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
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
        assert_eq!(d.attr(div, "a999"), Some("v"));
        assert_eq!(d.attr(div, "a1000"), None);
        assert_eq!(d.text_content(div), "x");
    }

    #[test]
    fn nesting_within_the_depth_limit_is_parsed_unchanged() {
        let html = "<span>".repeat(300) + "x" + &"</span>".repeat(300);
        let d = Document::parse(&html, &Limits::default());
        let spans = (0..d.len()).filter(|&i| d.tag(i) == "span").count();
        assert_eq!(spans, 300);
    }
}
