//! Parsing: html5ever (through scraper) into a flat, pre-ordered arena with depth and size limits.
//!
//! Every later stage works on [`Document`]: nodes are numbered in document order, so the
//! subtree of node `i` is exactly the index range `i..nodes[i].end`, and a bottom-up pass is a
//! loop over indices in reverse. No stage needs recursion, whatever the nesting depth.

use crate::Limits;
use ego_tree::NodeId;
use html5ever::LocalName;
use html5ever::tendril::TendrilSink;
use scraper::Html;

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
    /// The node in scraper's tree (attributes and text live there).
    id: NodeId,
}

/// A parsed page.
pub struct Document {
    html: Html,
    /// All nodes, in document order; index 0 is the document root.
    pub nodes: Vec<Node>,
}

impl Document {
    /// Parses `text` as an HTML document, applying the depth and node limits.
    pub fn parse(text: &str, limits: &Limits) -> Document {
        // Parse as a browser with scripting off (as a crawler sees the page): the content of
        // `<noscript>` is markup then, which is where some platforms (Discourse) put the page.
        let opts = html5ever::ParseOpts {
            tree_builder: html5ever::tree_builder::TreeBuilderOpts {
                scripting_enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        let sink = scraper::HtmlTreeSink::new(Html::new_document());
        let html = html5ever::driver::parse_document(sink, opts).one(text);
        let mut nodes: Vec<Node> = Vec::with_capacity(1024);
        // Iterative pre-order walk; stack holds (scraper node, arena parent index).
        let root = html.tree.root();
        nodes.push(Node {
            parent: usize::MAX,
            end: 1,
            depth: 0,
            tag: None,
            id: root.id(),
        });
        let mut stack: Vec<(NodeId, Ix)> = Vec::new();
        let mut children: Vec<NodeId> = root.children().map(|c| c.id()).collect();
        for c in children.drain(..).rev() {
            stack.push((c, 0));
        }
        // `open` is the chain of arena ancestors whose `end` is still being extended.
        while let Some((id, parent)) = stack.pop() {
            if nodes.len() >= limits.max_nodes {
                break;
            }
            let Some(node) = html.tree.get(id) else {
                continue;
            };
            let pdepth = nodes[parent].depth;
            match node.value() {
                scraper::Node::Element(el) => {
                    let (this, depth) = if pdepth as usize >= limits.max_depth {
                        // Too deep: flatten, keep the children under the same parent.
                        (parent, pdepth)
                    } else {
                        nodes.push(Node {
                            parent,
                            end: 0,
                            depth: pdepth + 1,
                            tag: Some(el.name.local.clone()),
                            id,
                        });
                        (nodes.len() - 1, pdepth + 1)
                    };
                    let _ = depth;
                    children.extend(node.children().map(|c| c.id()));
                    for c in children.drain(..).rev() {
                        stack.push((c, this));
                    }
                    // Templates keep their content in a separate fragment: never content anyway.
                }
                scraper::Node::Text(_) => nodes.push(Node {
                    parent,
                    end: 0,
                    depth: pdepth + 1,
                    tag: None,
                    id,
                }),
                _ => {}
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
        Document { html, nodes }
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
        if self.nodes[i].tag.is_some() {
            return None;
        }
        self.html
            .tree
            .get(self.nodes[i].id)
            .and_then(|n| n.value().as_text())
            .map(|t| &**t)
    }

    fn element(&self, i: Ix) -> Option<&scraper::node::Element> {
        self.nodes[i].tag.as_ref()?;
        self.html
            .tree
            .get(self.nodes[i].id)
            .and_then(|n| n.value().as_element())
    }

    /// The value of attribute `name` of element `i`.
    pub fn attr(&self, i: Ix, name: &str) -> Option<&str> {
        self.element(i)?
            .attrs
            .iter()
            .find(|(k, _)| &*k.local == name)
            .map(|(_, v)| &**v)
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
}
