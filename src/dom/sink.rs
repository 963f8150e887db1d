//! The tree sink: html5ever's tree operations on a vector of linked nodes, with the node, attribute
//! and memory caps applied as the tree is built.
//!
//! Once a cap is reached the sink is *full*: the [`NestingGuard`](super::guard::NestingGuard)
//! in front of the tree builder then passes no more tokens on, the parse driver feeds no more
//! input, and the document is what was built so far (a truncated result).

use crate::options::Limits;
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName, local_name, ns};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

/// A link between nodes of the parse tree: an index into the sink's node vector, in 32 bits
/// (the links are most of a node, and the sink stops well before [`MAX_LINKED`] nodes).
pub(super) type Link = u32;

/// "No node" in the links of [`SNode`].
pub(super) const NONE: Link = Link::MAX;

/// Most nodes the sink builds, whatever the limits say, so that every index fits a [`Link`].
const MAX_LINKED: usize = (Link::MAX / 2) as usize;

/// The link to node `i` (every node's index fits: the sink stops at [`MAX_LINKED`] nodes).
fn link(i: usize) -> Link {
    Link::try_from(i).unwrap_or(NONE)
}

/// The node a link that is not [`NONE`] points to.
pub(super) fn ix(l: Link) -> usize {
    l as usize
}

/// What a node of the parse tree holds.
pub(super) enum SKind {
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
pub(super) struct SNode {
    /// Element name (an empty name for other nodes; the tree builder asks only elements).
    pub(super) name: QualName,
    pub(super) kind: SKind,
    /// Text appended to it is dropped: scripts other than JSON-LD and style sheets, whose text
    /// no stage reads (not copying it saves a good share of the parse on script-heavy pages).
    mute: bool,
    parent: Link,
    pub(super) prev: Link,
    next: Link,
    first: Link,
    pub(super) last: Link,
}

/// What one attribute costs besides its value: its entry here and, later, in the arena.
const ATTR_COST: usize = std::mem::size_of::<Attribute>() + std::mem::size_of::<super::Attr>();

/// What one node costs: its entry here and, later, in the arena.
const NODE_COST: usize = std::mem::size_of::<SNode>() + std::mem::size_of::<super::Node>();

/// Text and values up to this length live inside their tendril, without a heap buffer.
const INLINE_LEN: usize = 8;

/// The tree sink: html5ever's tree operations on a vector of linked nodes.
pub(super) struct Sink {
    nodes: RefCell<Vec<SNode>>,
    /// Most nodes built.
    max_nodes: usize,
    /// Most bytes of text and attributes (with their bookkeeping) held.
    max_memory: usize,
    /// Most attributes kept on one element.
    max_attributes: usize,
    /// Bytes held by text and attributes so far (the node vector is counted apart).
    held: Cell<usize>,
    /// A cap was reached: nothing more is to be built.
    full: Cell<bool>,
}

impl Sink {
    pub(super) fn new(input_len: usize, limits: &Limits) -> Sink {
        // Room for a node per 32 bytes of input: on the corpus a node takes 46 bytes of input
        // at the median and under 32 on one page in ten, so the vector seldom grows (a copy of
        // all of it) while the parse runs. Room never used is never touched.
        let cap = (input_len / 32)
            .clamp(64, 1 << 20)
            .min(limits.max_nodes.max(64));
        let mut nodes = Vec::with_capacity(cap);
        nodes.push(SNode::new(empty_name(), SKind::Document));
        Sink {
            nodes: RefCell::new(nodes),
            max_nodes: limits.max_nodes.min(MAX_LINKED),
            max_memory: limits.max_memory,
            max_attributes: limits.max_attributes,
            held: Cell::new(0),
            full: Cell::new(false),
        }
    }

    /// Whether a cap was reached (the document is truncated).
    pub(super) fn is_full(&self) -> bool {
        self.full.get()
    }

    /// The memory the tree holds, and the arena laid out from it will, as estimated: the nodes
    /// and what they own (the node vector's spare capacity, sized from the input up front, is
    /// not counted).
    pub(super) fn memory(&self) -> usize {
        let nodes = self.nodes.borrow().len() * NODE_COST;
        nodes.saturating_add(self.held.get())
    }

    /// Counts `bytes` more held, and checks the caps.
    fn hold(&self, bytes: usize) {
        self.held.set(self.held.get().saturating_add(bytes));
        self.check();
    }

    fn check(&self) {
        if self.nodes.borrow().len() >= self.max_nodes || self.memory() > self.max_memory {
            self.full.set(true);
        }
    }

    fn add(&self, name: QualName, kind: SKind) -> usize {
        let i = {
            let mut nodes = self.nodes.borrow_mut();
            nodes.push(SNode::new(name, kind));
            nodes.len() - 1
        };
        self.check();
        i
    }
}

/// The bytes that text or a value of `len` bytes takes: its tendril's heap buffer, and its
/// copy in the arena's one string.
fn heap_len(len: usize) -> usize {
    if len > INLINE_LEN { 2 * len } else { len }
}

pub(super) fn empty_name() -> QualName {
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
        nodes[ix(prev)].next = next;
    } else {
        nodes[ix(parent)].first = next;
    }
    if next != NONE {
        nodes[ix(next)].prev = prev;
    } else {
        nodes[ix(parent)].last = prev;
    }
    let n = &mut nodes[i];
    n.parent = NONE;
    n.prev = NONE;
    n.next = NONE;
}

/// Text that follows node `prev` joins it when it is a text node (as the DOM keeps adjacent
/// text as one node); otherwise it becomes a new, still detached text node, whose index is
/// returned for the caller to place.
fn text_after(nodes: &mut Vec<SNode>, prev: Link, text: StrTendril) -> Option<usize> {
    if prev != NONE
        && let SKind::Text(t) = &mut nodes[ix(prev)].kind
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
    nodes[i].parent = link(parent);
    nodes[i].prev = last;
    nodes[i].next = NONE;
    if last != NONE {
        nodes[ix(last)].next = link(i);
    } else {
        nodes[parent].first = link(i);
    }
    nodes[parent].last = link(i);
}

/// Puts the parentless node `i` just before `sibling` (which has a parent).
fn insert_before(nodes: &mut [SNode], sibling: usize, i: usize) {
    let (parent, prev) = (nodes[sibling].parent, nodes[sibling].prev);
    nodes[i].parent = parent;
    nodes[i].prev = prev;
    nodes[i].next = link(sibling);
    nodes[sibling].prev = link(i);
    if prev != NONE {
        nodes[ix(prev)].next = link(i);
    } else {
        nodes[ix(parent)].first = link(i);
    }
}

/// Whether a `<script>`'s `type` says it holds JSON-LD, the one script text any stage reads.
pub(crate) fn is_json_ld_type(t: &str) -> bool {
    t.trim().eq_ignore_ascii_case("application/ld+json")
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

    fn create_element(&self, name: QualName, mut attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        attrs.truncate(self.max_attributes);
        let cost: usize = attrs
            .iter()
            .map(|a| ATTR_COST + heap_len(a.value.len()))
            .sum();
        let template = name.expanded() == html5ever::expanded_name!(html "template");
        let mute = super::rawtext::unread(&name.local, &attrs).is_some();
        let el = self.add(name, SKind::Element(attrs));
        self.nodes.borrow_mut()[el].mute = mute;
        self.hold(cost);
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
                let len = text.len();
                if let Some(i) = text_after(&mut nodes, last, text) {
                    append_child(&mut nodes, *parent, i);
                }
                drop(nodes);
                self.hold(heap_len(len));
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
        ix(first)
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
                let len = text.len();
                if let Some(i) = text_after(&mut nodes, prev, text) {
                    insert_before(&mut nodes, *sibling, i);
                }
                drop(nodes);
                self.hold(heap_len(len));
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        let mut cost = 0;
        if let SKind::Element(have) = &mut nodes[*target].kind {
            for a in attrs {
                if have.len() >= self.max_attributes {
                    break;
                }
                if !have.iter().any(|h| h.name == a.name) {
                    cost += ATTR_COST + heap_len(a.value.len());
                    have.push(a);
                }
            }
        }
        drop(nodes);
        self.hold(cost);
    }

    fn remove_from_parent(&self, target: &usize) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let mut c = nodes[*node].first;
        while c != NONE {
            let next = nodes[ix(c)].next;
            detach(&mut nodes, ix(c));
            append_child(&mut nodes, *new_parent, ix(c));
            c = next;
        }
    }
}
