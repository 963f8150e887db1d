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
        base: document_base(doc, base),
        out: Vec::new(),
        run: Vec::new(),
    };
    for &r in roots {
        b.node(r);
    }
    b.flush();
    b.out
}

/// The document's base URL: `<base href>` (resolved against the page URL) or the page URL.
fn document_base(doc: &Document, page: Option<&str>) -> Option<Url> {
    let page = page.and_then(|u| Url::parse(u.trim()).ok());
    // <base> lives in <head>, which comes first: look only there.
    let head = doc
        .children(0)
        .find(|&c| doc.tag(c) == "html")
        .and_then(|h| doc.children(h).find(|&c| doc.tag(c) == "head"));
    let href = head.and_then(|h| {
        (h..doc.end(h))
            .find(|&j| doc.tag(j) == "base" && doc.attr(j, "href").is_some())
            .and_then(|j| doc.attr(j, "href"))
    });
    match href.map(str::trim).filter(|h| !h.is_empty()) {
        Some(h) => match &page {
            Some(p) => p.join(h).ok().or(page),
            None => Url::parse(h).ok(),
        },
        None => page,
    }
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
        | "annotation" | "annotation-xml" | "canvas" | "button" | "input" | "select"
        | "textarea" | "option" | "object" | "embed" | "video" | "audio" | "source" | "track"
        | "map" | "area" | "dialog" => Kind::Ignore,
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
    /// Ends the paragraph being built; two or more line breaks in a row split paragraphs.
    fn flush(&mut self) {
        let run = std::mem::take(&mut self.run);
        for part in split_paragraphs(run) {
            let part = tidy(part);
            if !part.is_empty() {
                self.out.push(Block::Paragraph { inlines: part });
            }
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
        let Some(tag) = doc.local(i) else {
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
            Kind::Paragraph if has_block_child(doc, i) => {
                // A <dd>, <summary> or <figcaption> holding paragraphs or lists: a container.
                self.flush();
                for c in doc.children(i) {
                    self.node(c);
                }
                self.flush();
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
                // A list without any <li> only indents its content (old pages do this).
                if !doc
                    .children(i)
                    .any(|c| doc.tag(c) == "li" && !(self.skip)(c))
                {
                    for c in doc.children(i) {
                        self.node(c);
                    }
                    self.flush();
                    return;
                }
                let mut items: Vec<Vec<Block>> = Vec::new();
                // Content between items, outside any <li>: one item, or part of the one before.
                let mut stray: Vec<Ix> = Vec::new();
                let children: Vec<Ix> = doc.children(i).filter(|&c| !(self.skip)(c)).collect();
                for (k, &c) in children.iter().enumerate() {
                    if doc.tag(c) != "li" {
                        stray.push(c);
                        if k + 1 < children.len() {
                            continue;
                        }
                    }
                    if !stray.is_empty() {
                        let blocks = self.blocks_of_nodes(&std::mem::take(&mut stray));
                        // A list written directly inside a list belongs to the item before it.
                        let nested = matches!(blocks.first(), Some(Block::List { .. }));
                        match items.last_mut() {
                            Some(last) if nested => last.extend(blocks),
                            _ if blocks.is_empty() => {}
                            _ => items.push(blocks),
                        }
                    }
                    if doc.tag(c) == "li" {
                        let blocks = self.blocks_of(c);
                        if !blocks.is_empty() {
                            items.push(blocks);
                        }
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
                if is_layout_table(doc, i) {
                    // A table used for layout: its cells are ordinary content.
                    for c in doc.children(i) {
                        self.node(c);
                    }
                    self.flush();
                } else {
                    self.table(i);
                }
            }
            Kind::Pre => {
                self.flush();
                let text = self.raw_text(i);
                // A gutter of line numbers beside the code is not content.
                let gutter = text
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_whitespace())
                    && text.lines().count() > 1;
                if !text.trim().is_empty() && !gutter {
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

    fn blocks_of_nodes(&mut self, nodes: &[Ix]) -> Vec<Block> {
        let saved_out = std::mem::take(&mut self.out);
        let saved_run = std::mem::take(&mut self.run);
        for &c in nodes {
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
        let Some(tag) = doc.local(i) else {
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
            "math" => {
                let text = math_text(doc, i);
                if !text.is_empty() {
                    push_text(run, " ");
                    push_text(run, &text);
                    push_text(run, " ");
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
            (i..doc.end(i)).find(|&j| doc.tag(j) == "img")?
        };
        let srcset = ["srcset", "data-srcset"]
            .iter()
            .filter_map(|a| doc.attr(img, a))
            .filter_map(|s| s.split(',').next())
            .filter_map(|s| s.split_ascii_whitespace().next());
        let src = ["src", "data-src", "data-lazy-src", "data-original"]
            .iter()
            .filter_map(|a| doc.attr(img, a))
            .chain(srcset)
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
        let img = (i..doc.end(i)).find(|&j| doc.tag(j) == "img" && !(self.skip)(j));
        let caption = (i..doc.end(i))
            .find(|&j| doc.tag(j) == "figcaption" && !(self.skip)(j))
            .map(|c| tidy(self.inlines_of(c)))
            .unwrap_or_default();
        match img.and_then(|m| self.image(m)) {
            Some(Inline::Image { src, alt }) if !self.text_beside_caption(i) => {
                self.out.push(Block::Figure { src, alt, caption })
            }
            _ => {
                // A figure without an image (a quote, code, a table), or with text beside its
                // caption (a product card: name, price): its children are content.
                for c in doc.children(i) {
                    self.node(c);
                }
                self.flush();
            }
        }
    }

    /// Whether figure `i` holds kept text outside its caption.
    fn text_beside_caption(&self, i: Ix) -> bool {
        let doc = self.doc;
        let (mut j, end) = (i + 1, doc.end(i));
        while j < end {
            if doc.tag(j) == "figcaption" || (self.skip)(j) {
                j = doc.end(j);
                continue;
            }
            if doc
                .text(j)
                .is_some_and(|t| t.chars().any(char::is_alphanumeric))
            {
                return true;
            }
            j += 1;
        }
        false
    }

    fn table(&mut self, i: Ix) {
        let doc = self.doc;
        if let Some(cap) = doc
            .children(i)
            .find(|&c| doc.tag(c) == "caption" && !(self.skip)(c))
        {
            let inlines = tidy(self.inlines_of(cap));
            if !inlines.is_empty() {
                self.out.push(Block::Paragraph { inlines });
            }
        }
        let mut rows = Vec::new();
        // Rows of this table only, not of nested tables.
        let mut j = i + 1;
        let end = doc.end(i);
        while j < end {
            let t = doc.tag(j);
            if t == "table" || (self.skip)(j) {
                j = doc.end(j);
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
                        // A cell spanning columns is followed by empty ones, keeping columns aligned.
                        let span = doc
                            .attr(c, "colspan")
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                        cells.extend(std::iter::repeat_n(Vec::new(), span - 1));
                    }
                }
                if !cells.is_empty() {
                    rows.push(TableRow {
                        header: in_head || all_th,
                        cells,
                    });
                }
                j = doc.end(j);
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
        let end = doc.end(i);
        while j < end {
            // Inside code, boilerplate class names (a highlighter's `comment` token) mean
            // nothing: only elements that are never content are left out.
            if j != i && matches!(kind(doc.tag(j)), Kind::Ignore) {
                j = doc.end(j);
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

/// The text of a MathML formula: its tokens (identifiers, operators, numbers) separated by
/// spaces, as a reader would spell them out ("a x 2 + b x + c = 0"); the source encodings in
/// `<annotation>` (TeX, MathML content markup) are left out. A formula without tokens falls
/// back to its `alttext`.
fn math_text(doc: &Document, math: Ix) -> String {
    let mut tokens: Vec<&str> = Vec::new();
    let mut j = math + 1;
    while j < doc.end(math) {
        if matches!(doc.tag(j), "annotation" | "annotation-xml") {
            j = doc.end(j);
            continue;
        }
        if let Some(t) = doc.text(j) {
            tokens.extend(t.split_whitespace());
        }
        j += 1;
    }
    if tokens.is_empty() {
        return doc
            .attr(math, "alttext")
            .map(|a| collapse(a).trim().to_string())
            .unwrap_or_default();
    }
    tokens.join(" ")
}

/// Splits a run where two or more line breaks follow each other (`<br><br>` paragraphs).
fn split_paragraphs(run: Vec<Inline>) -> Vec<Vec<Inline>> {
    let mut parts = Vec::new();
    let mut cur = Vec::new();
    let mut breaks = 0;
    for x in run {
        match &x {
            Inline::LineBreak => breaks += 1,
            Inline::Text { text } if text.trim().is_empty() => {}
            _ => {
                if breaks >= 2 {
                    parts.push(std::mem::take(&mut cur));
                }
                breaks = 0;
            }
        }
        cur.push(x);
    }
    parts.push(cur);
    parts
}

/// Whether a table lays out the page rather than holding data: marked presentational, nesting
/// another table, a single row or column, or cells holding several blocks and no header cell.
fn is_layout_table(doc: &Document, t: Ix) -> bool {
    if doc
        .attr(t, "role")
        .is_some_and(|r| r.eq_ignore_ascii_case("presentation") || r.eq_ignore_ascii_case("none"))
        || doc.attr(t, "datatable") == Some("0")
    {
        return true;
    }
    if doc.attr(t, "summary").is_some_and(|s| !s.trim().is_empty()) {
        return false;
    }
    let mut rows = 0usize;
    let mut cols = 0usize;
    let mut cells_in_row = 0usize;
    let mut header = false;
    // Most block elements found in one cell.
    let mut blocks = 0usize;
    let mut in_cell = 0usize;
    let end = doc.end(t);
    for j in t + 1..end {
        match doc.tag(j) {
            "table" => return true,
            "caption" | "thead" | "tfoot" | "colgroup" | "th" => header = true,
            "tr" => {
                // Nested tables returned above, so every row is this table's.
                rows += 1;
                cols = cols.max(cells_in_row);
                cells_in_row = 0;
            }
            "td" => {
                cells_in_row += 1;
                in_cell = 0;
            }
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "pre"
            | "blockquote" | "figure" | "section" | "article" | "dl" => {
                in_cell += 1;
                blocks = blocks.max(in_cell);
            }
            _ => {}
        }
    }
    cols = cols.max(cells_in_row);
    if header {
        return false;
    }
    rows <= 1 || cols <= 1 || blocks > 2
}

fn has_block_child(doc: &Document, i: Ix) -> bool {
    doc.children(i).any(|c| {
        doc.local(c).is_some_and(|t| {
            !matches!(
                kind(t),
                Kind::Inline | Kind::Break | Kind::Image | Kind::Ignore
            )
        })
    })
}

/// The language of a code block, from the HTML5 convention `class="language-x"` and the
/// markers of common highlighters (`lang-x`, `highlight-source-x`, `brush: x`, pandoc's
/// `sourceCode x`, `data-lang`), on the `<code>`, the `<pre>` or the two elements around it.
fn code_language(doc: &Document, pre: Ix) -> Option<String> {
    let code = (pre..doc.end(pre)).find(|&j| doc.tag(j) == "code");
    let around = doc.ancestors(pre).take(2);
    let candidates = code.into_iter().chain(std::iter::once(pre)).chain(around);
    for n in candidates {
        if let Some(l) = class_language(doc.attr(n, "class").unwrap_or("")) {
            return Some(l);
        }
        for a in ["data-lang", "data-language"] {
            if let Some(l) = doc.attr(n, a).and_then(clean_language) {
                return Some(l);
            }
        }
    }
    None
}

fn class_language(class: &str) -> Option<String> {
    let tokens: Vec<&str> = class.split_ascii_whitespace().collect();
    for (k, c) in tokens.iter().enumerate() {
        let lc = c.to_ascii_lowercase();
        for p in ["language-", "lang-", "highlight-source-", "brush:"] {
            if let Some(rest) = lc.strip_prefix(p) {
                // `brush: js;` puts the language in the next token.
                let l = if rest.is_empty() && p == "brush:" {
                    tokens.get(k + 1).copied().unwrap_or("")
                } else {
                    rest
                };
                if let Some(l) = clean_language(l) {
                    return Some(l);
                }
            }
        }
        if lc == "sourcecode"
            && let Some(l) = tokens.get(k + 1).and_then(|t| clean_language(t))
        {
            return Some(l);
        }
    }
    None
}

fn clean_language(l: &str) -> Option<String> {
    let l = l.trim().trim_end_matches(';').to_ascii_lowercase();
    let ok = !l.is_empty()
        && l.len() <= 40
        && l.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#' | '.' | '_'))
        && !matches!(
            l.as_str(),
            "none" | "plain" | "nohighlight" | "undefined" | "null"
        );
    ok.then_some(l)
}

/// Collapses runs of whitespace into one space.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_onto(&mut out, s);
    out
}

/// Appends `s` to `out` with its whitespace collapsed as [`collapse`] does, leaving out the
/// space `s` would start with when `out` already ends with one.
fn collapse_onto(out: &mut String, s: &str) {
    // Words are copied whole; the whitespace before each (and at the end) becomes one space,
    // left out where `out` ends with one and nothing of `s` is written yet.
    let mut lead = out.ends_with(' ');
    let mut space = false;
    if s.is_ascii() {
        // The same over bytes (ASCII whitespace as `char::is_whitespace` has it).
        let white = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if white(b[i]) {
                space = true;
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && !white(b[i]) {
                i += 1;
            }
            if space && !lead {
                out.push(' ');
            }
            out.push_str(s.get(start..i).unwrap_or_default());
            (space, lead) = (false, false);
        }
    } else {
        for ch in s.chars() {
            if ch.is_whitespace() {
                space = true;
            } else {
                if space && !lead {
                    out.push(' ');
                }
                (space, lead) = (false, false);
                out.push(ch);
            }
        }
    }
    if space && !lead {
        out.push(' ');
    }
}

fn push_text(run: &mut Vec<Inline>, t: &str) {
    if let Some(Inline::Text { text }) = run.last_mut() {
        collapse_onto(text, t);
        return;
    }
    let c = collapse(t);
    if !c.is_empty() {
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
    let breaks = run
        .iter()
        .take_while(|x| matches!(x, Inline::LineBreak))
        .count();
    run.drain(..breaks);
    if let Some(Inline::Text { text }) = run.first_mut() {
        let lead = text.len() - text.trim_start().len();
        text.drain(..lead);
    }
    if let Some(Inline::Text { text }) = run.last_mut() {
        text.truncate(text.trim_end().len());
    }
    run.retain(|x| !matches!(x, Inline::Text { text } if text.is_empty()));
    let has_content = run.iter().any(|x| !matches!(x, Inline::LineBreak));
    if has_content { run } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Limits;

    #[test]
    fn ascii_and_unicode_whitespace_collapse_alike() {
        assert_eq!(collapse("  a \n\t b\x0b\x0bc\r\n"), " a b c ");
        assert_eq!(collapse("\u{a0}a\u{2003} b "), " a b ");
        assert_eq!(collapse(""), "");
    }

    #[test]
    fn text_appended_to_text_ending_in_a_space_does_not_start_with_another() {
        for (have, add, want) in [
            ("a ", "  b", "a b"),
            ("a", "  b", "a b"),
            ("a ", " \u{a0} ", "a "),
            ("a", " \u{2003}", "a "),
            ("a ", "b\n\nc ", "a b c "),
            ("a", "", "a"),
        ] {
            let mut out = have.to_string();
            collapse_onto(&mut out, add);
            assert_eq!(out, want, "{have:?} + {add:?}");
        }
    }

    #[test]
    fn a_paragraph_loses_its_leading_line_breaks_and_outer_whitespace() {
        let run = vec![
            Inline::LineBreak,
            Inline::LineBreak,
            t("  a "),
            Inline::LineBreak,
        ];
        assert_eq!(tidy(run), vec![t("a")]);
        assert!(tidy(vec![Inline::LineBreak, t("   ")]).is_empty());
    }

    fn blocks(html: &str, base: Option<&str>) -> Vec<Block> {
        let doc = Document::parse(html, &Limits::default());
        let body = doc.find_tag("body").unwrap_or(0);
        build(&doc, &[body], &|_| false, base)
    }
    fn t(s: &str) -> Inline {
        Inline::text(s)
    }
    fn para(s: &str) -> Block {
        Block::Paragraph {
            inlines: vec![t(s)],
        }
    }

    #[test]
    fn headings_keep_their_level() {
        assert_eq!(
            blocks("<h3> Three </h3><p>x</p>", None),
            vec![
                Block::Heading {
                    level: 3,
                    inlines: vec![t("Three")]
                },
                para("x")
            ]
        );
    }

    #[test]
    fn nested_lists_nest_inside_their_item() {
        let b = blocks(
            "<ol start=4><li>four<ul><li>a</li><li>b</li></ul></li><li>five</li></ol>",
            None,
        );
        let inner = Block::List {
            ordered: false,
            start: 1,
            items: vec![vec![para("a")], vec![para("b")]],
        };
        assert_eq!(
            b,
            vec![Block::List {
                ordered: true,
                start: 4,
                items: vec![vec![para("four"), inner], vec![para("five")]],
            }]
        );
    }

    #[test]
    fn a_list_written_directly_inside_a_list_joins_the_item_before_it() {
        let b = blocks("<ul><li>a</li><ul><li>a1</li></ul><li>b</li></ul>", None);
        let Block::List { items, .. } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(items[0][1], Block::List { .. }));
    }

    #[test]
    fn a_list_without_items_is_read_as_indented_text() {
        let b = blocks("<ul> Some <i>indented</i> words. </ul>", None);
        assert_eq!(
            b,
            vec![Block::Paragraph {
                inlines: vec![
                    t("Some "),
                    Inline::Emphasis {
                        inlines: vec![t("indented")]
                    },
                    t(" words.")
                ]
            }]
        );
    }

    #[test]
    fn text_between_list_items_stays_one_item() {
        let b = blocks("<ol><li>a</li>loose <b>text</b><li>b</li></ol>", None);
        let Block::List { items, .. } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(items.len(), 3, "{items:?}");
    }

    #[test]
    fn tables_keep_header_rows_and_cells() {
        let b = blocks(
            "<table><thead><tr><th>Name</th><th>Qty</th></tr></thead>\
             <tbody><tr><td>apple</td><td>3</td></tr><tr><td colspan=2>total</td></tr></tbody></table>",
            None,
        );
        assert_eq!(
            b,
            vec![Block::Table {
                rows: vec![
                    TableRow {
                        header: true,
                        cells: vec![vec![t("Name")], vec![t("Qty")]]
                    },
                    TableRow {
                        header: false,
                        cells: vec![vec![t("apple")], vec![t("3")]]
                    },
                    TableRow {
                        header: false,
                        cells: vec![vec![t("total")], vec![]]
                    },
                ]
            }]
        );
    }

    #[test]
    fn layout_tables_are_read_as_ordinary_content() {
        let b = blocks(
            "<table><tr><td><h2>Title</h2><p>One.</p><p>Two.</p></td><td><p>Side</p></td></tr>\
             <tr><td><p>More.</p></td><td></td></tr></table>",
            None,
        );
        assert!(matches!(b[0], Block::Heading { .. }), "{b:?}");
        assert!(!b.iter().any(|x| matches!(x, Block::Table { .. })));
    }

    #[test]
    fn code_blocks_keep_text_and_language() {
        let b = blocks(
            "<pre><code class=\"hljs language-Rust\">fn main() {\n    println!(\"&lt;hi&gt;\");\n}\n</code></pre>",
            None,
        );
        assert_eq!(
            b,
            vec![Block::Code {
                language: Some("rust".into()),
                text: "fn main() {\n    println!(\"<hi>\");\n}".into()
            }]
        );
    }

    #[test]
    fn code_language_comes_from_common_highlighter_markup() {
        for (html, lang) in [
            (
                "<div class=\"language-ruby highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>x</code></pre></div></div>",
                "ruby",
            ),
            (
                "<div class=\"highlight highlight-source-python\"><pre>x</pre></div>",
                "python",
            ),
            ("<pre class=\"brush: js; gutter: false\">x</pre>", "js"),
            (
                "<div class=\"sourceCode\"><pre class=\"sourceCode haskell\"><code>x</code></pre></div>",
                "haskell",
            ),
            ("<pre><code data-lang=\"go\">x</code></pre>", "go"),
        ] {
            let b = blocks(html, None);
            assert_eq!(
                b,
                vec![Block::Code {
                    language: Some(lang.into()),
                    text: "x".into()
                }],
                "{html}"
            );
        }
    }

    #[test]
    fn code_keeps_highlighter_tokens_whatever_their_class() {
        let doc = Document::parse(
            "<pre><code><span class=\"token comment\">// note</span><br>x = 1;<button>Copy</button></code></pre>",
            &Limits::default(),
        );
        let comment = (0..doc.len())
            .find(|&i| doc.attr(i, "class") == Some("token comment"))
            .unwrap_or(0);
        let b = build(&doc, &[0], &|i| i == comment, None);
        assert_eq!(
            b,
            vec![Block::Code {
                language: None,
                text: "// note\nx = 1;".into()
            }]
        );
    }

    #[test]
    fn definition_details_holding_lists_keep_the_lists() {
        let b = blocks(
            "<dl><dt>Term</dt><dd><p>Either:</p><ul><li>a</li><li>b</li></ul></dd></dl>",
            None,
        );
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(matches!(b[2], Block::List { .. }));
    }

    #[test]
    fn line_number_gutters_are_not_code() {
        let b = blocks(
            "<table class=\"rouge-table\"><tr><td><pre>1\n2\n3</pre></td><td><pre>a\nb\nc</pre></td></tr></table>",
            None,
        );
        assert_eq!(
            b,
            vec![Block::Code {
                language: None,
                text: "a\nb\nc".into()
            }]
        );
    }

    #[test]
    fn quotes_and_figures_with_captions() {
        let b = blocks(
            "<blockquote><p>Said.</p></blockquote>\
             <figure><img src=\"/i.png\" alt=\"An image\"><figcaption>The <em>caption</em></figcaption></figure>",
            Some("https://example.org/a/b.html"),
        );
        assert_eq!(
            b,
            vec![
                Block::Quote {
                    blocks: vec![para("Said.")]
                },
                Block::Figure {
                    src: "https://example.org/i.png".into(),
                    alt: "An image".into(),
                    caption: vec![
                        t("The "),
                        Inline::Emphasis {
                            inlines: vec![t("caption")]
                        }
                    ],
                },
            ]
        );
    }

    #[test]
    fn inline_markup_and_links_resolve_against_the_page_url() {
        let b = blocks(
            "<p>A <em>b</em> <strong>c</strong> <code>d()</code> <a href=\"../e?x=1\">e</a>\
             <a href=\"#top\">f</a><br>g</p>",
            Some("https://example.org/a/b/c.html"),
        );
        assert_eq!(
            b,
            vec![Block::Paragraph {
                inlines: vec![
                    t("A "),
                    Inline::Emphasis {
                        inlines: vec![t("b")]
                    },
                    t(" "),
                    Inline::Strong {
                        inlines: vec![t("c")]
                    },
                    t(" "),
                    Inline::Code { text: "d()".into() },
                    t(" "),
                    Inline::Link {
                        href: "https://example.org/a/e?x=1".into(),
                        inlines: vec![t("e")]
                    },
                    t("f"),
                    Inline::LineBreak,
                    t("g"),
                ]
            }]
        );
    }

    #[test]
    fn base_href_takes_precedence_over_the_page_url() {
        let b = blocks(
            "<html><head><base href=\"/docs/\"></head><body><p><a href=\"x.html\">x</a></p></body></html>",
            Some("https://example.org/a/b.html"),
        );
        let Block::Paragraph { inlines } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(
            inlines[0],
            Inline::Link {
                href: "https://example.org/docs/x.html".into(),
                inlines: vec![t("x")]
            }
        );
    }

    #[test]
    fn double_line_breaks_split_paragraphs() {
        let b = blocks("<div>One<br><br>Two<br>still two</div>", None);
        assert_eq!(b.len(), 2, "{b:?}");
        assert_eq!(b[0], para("One"));
    }

    #[test]
    fn formulas_are_spelled_out_without_their_source_encodings() {
        let b = blocks(
            r#"<p>When <math><mi>a</mi><mo>&#x2260;</mo><mn>0</mn></math>, the roots are
            <math display="block"><semantics><mrow><mi>x</mi><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></mrow>
            <annotation encoding="application/x-tex">x = \frac{1}{2}</annotation></semantics></math>
            and <math alttext="y squared"></math>.</p>"#,
            None,
        );
        assert_eq!(
            b,
            vec![para("When a ≠ 0 , the roots are x = 1 2 and y squared .")]
        );
    }

    #[test]
    fn deeply_nested_lists_build_and_render_without_overflow() {
        for levels in [250, 400] {
            let html = "<ul><li><em>x".repeat(levels) + &"</em></li></ul>".repeat(levels);
            let b = blocks(&html, None);
            assert_eq!(b.len(), 1);
            assert!(crate::render::markdown(&b, &Default::default()).contains("*x"));
            assert!(crate::render::html(&b).contains("<li><em>x"));
            assert!(crate::render::text(&b).contains("- x"));
        }
    }
}
