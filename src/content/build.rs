//! Building the content model from the DOM nodes chosen as main content.
//!
//! Recursion here follows element nesting, which [`crate::dom`] caps at `Limits::max_depth`,
//! so a hostile document cannot overflow the stack.

use super::{Block, Inline, TableRow};
use crate::dom::{Document, Ix};
use url::Url;

/// Builds blocks from the subtrees `roots` (in order), leaving out every node for which
/// `skip` is true. Relative links and image sources are resolved against `base`.
pub(crate) fn build(
    doc: &Document,
    roots: &[Ix],
    skip: &dyn Fn(Ix) -> bool,
    base: Option<&str>,
) -> Vec<Block> {
    let mut b = Builder {
        doc,
        skip,
        base: base.and_then(|u| Url::parse(u).ok()),
        out: Vec::new(),
        run: Vec::new(),
    };
    for &r in roots {
        b.node(r);
    }
    b.flush();
    b.out
}

struct Builder<'a> {
    doc: &'a Document,
    skip: &'a dyn Fn(Ix) -> bool,
    base: Option<Url>,
    out: Vec<Block>,
    /// The inline run of the paragraph being built.
    run: Vec<Inline>,
}

/// How an element takes part in the content model.
enum Kind {
    Ignore,
    Heading(u8),
    Paragraph,
    List(bool),
    Table,
    Pre,
    Quote,
    Figure,
    Image,
    Rule,
    Break,
    Container,
    Inline,
}

fn kind(tag: &str) -> Kind {
    match tag {
        "script" | "style" | "template" | "head" | "title" | "meta" | "link" | "iframe" | "svg"
        | "math" | "canvas" | "button" | "input" | "select" | "textarea" | "option" | "object"
        | "embed" | "video" | "audio" | "source" | "track" | "map" | "area" | "dialog" => {
            Kind::Ignore
        }
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "p" | "dt" | "dd" | "address" | "summary" | "caption" | "figcaption" => Kind::Paragraph,
        "ul" | "menu" | "dir" => Kind::List(false),
        "ol" => Kind::List(true),
        "table" => Kind::Table,
        "pre" | "listing" | "xmp" | "plaintext" => Kind::Pre,
        "blockquote" => Kind::Quote,
        "figure" => Kind::Figure,
        "img" | "picture" => Kind::Image,
        "hr" => Kind::Rule,
        "br" => Kind::Break,
        "div" | "section" | "article" | "main" | "body" | "html" | "header" | "footer"
        | "aside" | "nav" | "li" | "dl" | "form" | "fieldset" | "details" | "center" | "tbody"
        | "thead" | "tfoot" | "tr" | "td" | "th" | "hgroup" | "frameset" | "frame" | "noframes"
        | "legend" => Kind::Container,
        _ => Kind::Inline,
    }
}

impl Builder<'_> {
    fn flush(&mut self) {
        let run = std::mem::take(&mut self.run);
        let run = tidy(run);
        if !run.is_empty() {
            self.out.push(Block::Paragraph { inlines: run });
        }
    }

    fn resolve(&self, href: &str) -> String {
        let href = href.trim();
        match &self.base {
            Some(b) => b
                .join(href)
                .map(|u| u.to_string())
                .unwrap_or_else(|_| href.to_string()),
            None => href.to_string(),
        }
    }

    /// Adds node `i` in block context.
    fn node(&mut self, i: Ix) {
        if (self.skip)(i) {
            return;
        }
        let doc = self.doc;
        let Some(tag) = doc.nodes[i].tag.as_ref() else {
            if i == 0 {
                // Document root.
                for c in doc.children(i) {
                    self.node(c);
                }
            } else if let Some(t) = doc.text(i) {
                push_text(&mut self.run, t);
            }
            return;
        };
        match kind(tag) {
            Kind::Ignore => {}
            Kind::Heading(level) => {
                self.flush();
                let inlines = tidy(self.inlines_of(i));
                if !inlines.is_empty() {
                    self.out.push(Block::Heading { level, inlines });
                }
            }
            Kind::Paragraph => {
                self.flush();
                self.run = self.inlines_of(i);
                self.flush();
            }
            Kind::List(ordered) => {
                self.flush();
                let start = doc
                    .attr(i, "start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .unwrap_or(1);
                let mut items = Vec::new();
                for c in doc.children(i) {
                    if (self.skip)(c) {
                        continue;
                    }
                    let blocks = self.blocks_of(c);
                    if !blocks.is_empty() {
                        items.push(blocks);
                    }
                }
                if !items.is_empty() {
                    self.out.push(Block::List {
                        ordered,
                        start,
                        items,
                    });
                }
            }
            Kind::Table => {
                self.flush();
                self.table(i);
            }
            Kind::Pre => {
                self.flush();
                let text = self.raw_text(i);
                if !text.trim().is_empty() {
                    let language = code_language(doc, i);
                    self.out.push(Block::Code { language, text });
                }
            }
            Kind::Quote => {
                self.flush();
                let blocks = self.blocks_of_children(i);
                if !blocks.is_empty() {
                    self.out.push(Block::Quote { blocks });
                }
            }
            Kind::Figure => {
                self.flush();
                self.figure(i);
            }
            Kind::Image => {
                if let Some(Inline::Image { src, alt }) = self.image(i) {
                    self.flush();
                    self.out.push(Block::Figure {
                        src,
                        alt,
                        caption: Vec::new(),
                    });
                }
            }
            Kind::Rule => {
                self.flush();
                self.out.push(Block::Rule);
            }
            Kind::Break => self.run.push(Inline::LineBreak),
            Kind::Container => {
                self.flush();
                for c in doc.children(i) {
                    self.node(c);
                }
                self.flush();
            }
            Kind::Inline => {
                if has_block_child(doc, i) {
                    // An inline element wrapping blocks: treat it as a container.
                    for c in doc.children(i) {
                        self.node(c);
                    }
                } else {
                    let mut run = std::mem::take(&mut self.run);
                    self.inline(i, &mut run);
                    self.run = run;
                }
            }
        }
    }

    fn blocks_of_children(&mut self, i: Ix) -> Vec<Block> {
        let saved_out = std::mem::take(&mut self.out);
        let saved_run = std::mem::take(&mut self.run);
        for c in self.doc.children(i) {
            self.node(c);
        }
        self.flush();
        self.run = saved_run;
        std::mem::replace(&mut self.out, saved_out)
    }

    fn blocks_of(&mut self, i: Ix) -> Vec<Block> {
        let saved_out = std::mem::take(&mut self.out);
        let saved_run = std::mem::take(&mut self.run);
        if self.doc.tag(i) == "li" {
            for c in self.doc.children(i) {
                self.node(c);
            }
        } else {
            self.node(i);
        }
        self.flush();
        self.run = saved_run;
        std::mem::replace(&mut self.out, saved_out)
    }

    fn inlines_of(&mut self, i: Ix) -> Vec<Inline> {
        let mut run = Vec::new();
        for c in self.doc.children(i) {
            self.inline(c, &mut run);
        }
        run
    }

    /// Adds node `i` in inline context.
    fn inline(&mut self, i: Ix, run: &mut Vec<Inline>) {
        if (self.skip)(i) {
            return;
        }
        let doc = self.doc;
        let Some(tag) = doc.nodes[i].tag.as_ref() else {
            if let Some(t) = doc.text(i) {
                push_text(run, t);
            }
            return;
        };
        match &**tag {
            "br" => run.push(Inline::LineBreak),
            "em" | "i" | "cite" | "dfn" | "var" => {
                let inlines = self.inlines_of(i);
                wrap(run, inlines, |inlines| Inline::Emphasis { inlines });
            }
            "strong" | "b" => {
                let inlines = self.inlines_of(i);
                wrap(run, inlines, |inlines| Inline::Strong { inlines });
            }
            "code" | "kbd" | "samp" | "tt" => {
                let text = collapse(&doc.text_content(i));
                if !text.trim().is_empty() {
                    run.push(Inline::Code { text });
                }
            }
            "a" => {
                let inlines = self.inlines_of(i);
                match doc.attr(i, "href").map(str::trim) {
                    Some(h)
                        if !h.is_empty()
                            && !h.starts_with("javascript:")
                            && !h.starts_with('#') =>
                    {
                        let href = self.resolve(h);
                        wrap(run, inlines, |inlines| Inline::Link { href, inlines });
                    }
                    _ => run.extend(inlines),
                }
            }
            "img" | "picture" => {
                if let Some(img) = self.image(i) {
                    run.push(img);
                }
            }
            t => match kind(t) {
                Kind::Ignore => {}
                Kind::Inline => {
                    for c in doc.children(i) {
                        self.inline(c, run);
                    }
                }
                _ => {
                    // A block inside inline context: keep its text, separated.
                    push_text(run, " ");
                    for c in doc.children(i) {
                        self.inline(c, run);
                    }
                    push_text(run, " ");
                }
            },
        }
    }

    fn image(&self, i: Ix) -> Option<Inline> {
        let doc = self.doc;
        let img = if doc.tag(i) == "img" {
            i
        } else {
            (i..doc.nodes[i].end).find(|&j| doc.tag(j) == "img")?
        };
        let src = ["src", "data-src", "data-lazy-src", "data-original"]
            .iter()
            .filter_map(|a| doc.attr(img, a))
            .map(str::trim)
            .find(|s| !s.is_empty() && !s.starts_with("data:"))?;
        Some(Inline::Image {
            src: self.resolve(src),
            alt: collapse(doc.attr(img, "alt").unwrap_or(""))
                .trim()
                .to_string(),
        })
    }

    fn figure(&mut self, i: Ix) {
        let doc = self.doc;
        let img = (i..doc.nodes[i].end).find(|&j| doc.tag(j) == "img" && !(self.skip)(j));
        let caption = (i..doc.nodes[i].end)
            .find(|&j| doc.tag(j) == "figcaption" && !(self.skip)(j))
            .map(|c| tidy(self.inlines_of(c)))
            .unwrap_or_default();
        match img.and_then(|m| self.image(m)) {
            Some(Inline::Image { src, alt }) => self.out.push(Block::Figure { src, alt, caption }),
            _ => {
                // A figure without an image (a quote, code, a table): its children are content.
                for c in doc.children(i) {
                    self.node(c);
                }
                self.flush();
            }
        }
    }

    fn table(&mut self, i: Ix) {
        let doc = self.doc;
        let mut rows = Vec::new();
        // Rows of this table only, not of nested tables.
        let mut j = i + 1;
        let end = doc.nodes[i].end;
        while j < end {
            let t = doc.tag(j);
            if t == "table" || (self.skip)(j) {
                j = doc.nodes[j].end;
                continue;
            }
            if t == "tr" {
                let in_head = doc
                    .ancestors(j)
                    .take_while(|&a| a != i)
                    .any(|a| doc.tag(a) == "thead");
                let mut cells = Vec::new();
                let mut all_th = true;
                for c in doc.children(j) {
                    let ct = doc.tag(c);
                    if ct == "td" || ct == "th" {
                        all_th &= ct == "th";
                        let saved = std::mem::take(&mut self.run);
                        let inl = self.cell_inlines(c);
                        self.run = saved;
                        cells.push(inl);
                    }
                }
                if !cells.is_empty() {
                    rows.push(TableRow {
                        header: in_head || all_th,
                        cells,
                    });
                }
                j = doc.nodes[j].end;
                continue;
            }
            j += 1;
        }
        if rows.iter().any(|r| r.cells.iter().any(|c| !c.is_empty())) {
            self.out.push(Block::Table { rows });
        }
    }

    fn cell_inlines(&mut self, c: Ix) -> Vec<Inline> {
        let mut run = Vec::new();
        for k in self.doc.children(c) {
            self.inline(k, &mut run);
        }
        tidy(run)
    }

    fn raw_text(&self, i: Ix) -> String {
        let doc = self.doc;
        let mut s = String::new();
        let mut j = i;
        let end = doc.nodes[i].end;
        while j < end {
            if j != i && (self.skip)(j) {
                j = doc.nodes[j].end;
                continue;
            }
            match doc.tag(j) {
                "br" => s.push('\n'),
                _ => {
                    if let Some(t) = doc.text(j) {
                        s.push_str(t);
                    }
                }
            }
            j += 1;
        }
        // A leading newline right after <pre> is not content.
        let s = s.strip_prefix('\n').unwrap_or(&s);
        s.trim_end().to_string()
    }
}

fn has_block_child(doc: &Document, i: Ix) -> bool {
    doc.children(i).any(|c| {
        doc.nodes[c].tag.as_ref().is_some_and(|t| {
            !matches!(
                kind(t),
                Kind::Inline | Kind::Break | Kind::Image | Kind::Ignore
            )
        })
    })
}

/// The language of a code block from `class="language-x"` / `lang-x` on `pre` or its `code`.
fn code_language(doc: &Document, pre: Ix) -> Option<String> {
    let code = (pre..doc.nodes[pre].end).find(|&j| doc.tag(j) == "code");
    for n in [Some(pre), code].into_iter().flatten() {
        if let Some(class) = doc.attr(n, "class") {
            for c in class.split_ascii_whitespace() {
                for p in ["language-", "lang-", "brush:"] {
                    if let Some(l) = c.strip_prefix(p)
                        && !l.is_empty()
                    {
                        return Some(l.to_ascii_lowercase());
                    }
                }
            }
        }
        if let Some(l) = doc
            .attr(n, "data-lang")
            .or_else(|| doc.attr(n, "data-language"))
            && !l.trim().is_empty()
        {
            return Some(l.trim().to_ascii_lowercase());
        }
    }
    None
}

/// Collapses runs of whitespace into one space.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn push_text(run: &mut Vec<Inline>, t: &str) {
    let c = collapse(t);
    if c.is_empty() {
        return;
    }
    if let Some(Inline::Text { text }) = run.last_mut() {
        if text.ends_with(' ') && c.starts_with(' ') {
            text.push_str(&c[1..]);
        } else {
            text.push_str(&c);
        }
    } else {
        run.push(Inline::Text { text: c });
    }
}

fn wrap(run: &mut Vec<Inline>, inlines: Vec<Inline>, f: impl FnOnce(Vec<Inline>) -> Inline) {
    let has_content = inlines.iter().any(|x| match x {
        Inline::Text { text } => !text.trim().is_empty(),
        Inline::LineBreak => false,
        _ => true,
    });
    if has_content {
        run.push(f(inlines));
    } else if inlines.iter().any(|x| matches!(x, Inline::Text { .. })) {
        push_text(run, " ");
    }
}

/// Trims a run: no leading or trailing whitespace or line breaks; empty if it has no content.
fn tidy(mut run: Vec<Inline>) -> Vec<Inline> {
    while matches!(run.last(), Some(Inline::LineBreak)) {
        run.pop();
    }
    while matches!(run.first(), Some(Inline::LineBreak)) {
        run.remove(0);
    }
    if let Some(Inline::Text { text }) = run.first_mut() {
        let t = text.trim_start().to_string();
        *text = t;
    }
    if let Some(Inline::Text { text }) = run.last_mut() {
        let t = text.trim_end().to_string();
        *text = t;
    }
    run.retain(|x| !matches!(x, Inline::Text { text } if text.is_empty()));
    let has_content = run.iter().any(|x| !matches!(x, Inline::LineBreak));
    if has_content { run } else { Vec::new() }
}
