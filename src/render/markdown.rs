//! Markdown: CommonMark with GFM tables, rendered from the content model.
//!
//! The output escapes only what a CommonMark parser would otherwise read as markup: emphasis
//! delimiters that could open or close, brackets, backticks, entity-like `&`, tag-like `<`, and
//! block markers at the start of a line (`#`, `>`, list markers, thematic breaks, fences).
//! Blocks nest by prefixing lines: list items indent their continuation lines by the width of
//! their marker, quotes prefix every line with `>`; so any nesting parses back the same.
//! Recursion follows the nesting of the content model, which the DOM depth limit bounds.

use crate::content::{Block, Inline, TableRow};
use std::borrow::Cow;

/// Markdown rendering options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Keep links as `[text](url)`; when false, only their text is kept.
    pub links: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions { links: true }
    }
}

/// Renders blocks as Markdown.
///
/// ```
/// use nutgraf::{Block, Inline};
/// use nutgraf::render::{markdown, MarkdownOptions};
/// let blocks = vec![
///     Block::Heading { level: 2, inlines: vec![Inline::text("Setup")] },
///     Block::Code { language: Some("sh".into()), text: "cargo build".into() },
/// ];
/// assert_eq!(markdown(&blocks, &MarkdownOptions::default()), "## Setup\n\n```sh\ncargo build\n```");
/// ```
pub fn markdown(blocks: &[Block], options: &MarkdownOptions) -> String {
    let lines = render_blocks(blocks, options, false);
    let mut out = lines.join("\n");
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// Renders a sequence of blocks as lines. `tight` joins a paragraph and a following list
/// without a blank line (inside list items, to keep the list tight).
fn render_blocks(blocks: &[Block], o: &MarkdownOptions, tight: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut prev: Option<&Block> = None;
    // Alternating list markers keep two adjacent lists from merging into one.
    let mut alt = false;
    for b in blocks {
        let is_list = matches!(b, Block::List { .. });
        let follows_list = matches!(prev, Some(Block::List { .. }));
        if is_list && follows_list {
            alt = !alt;
        } else if is_list {
            alt = false;
        }
        let rendered = render_block(b, o, alt);
        if rendered.is_empty() {
            continue;
        }
        if let Some(p) = prev {
            let join_tight = tight
                && matches!(p, Block::Paragraph { .. })
                && matches!(b, Block::List { ordered, start, .. } if !*ordered || *start == 1);
            if !join_tight {
                lines.push(String::new());
            }
        }
        lines.extend(rendered);
        prev = Some(b);
    }
    lines
}

fn render_block(b: &Block, o: &MarkdownOptions, alt: bool) -> Vec<String> {
    match b {
        Block::Heading { level, inlines } => {
            let level = (*level).clamp(1, 6) as usize;
            let mut w = Writer::new(o, Ctx::Heading);
            w.inlines(inlines, None);
            let mut text = w.finish();
            if text.is_empty() {
                return Vec::new();
            }
            // A trailing run of `#` after a space would be read as a closing sequence.
            let hashes = text.len() - text.trim_end_matches('#').len();
            if hashes > 0 {
                let before = &text[..text.len() - hashes];
                if before.is_empty() || before.ends_with([' ', '\t']) {
                    text.insert(text.len() - hashes, '\\');
                }
            }
            vec![format!("{} {}", "#".repeat(level), text)]
        }
        Block::Paragraph { inlines } => paragraph(inlines, o),
        Block::List {
            ordered,
            start,
            items,
        } => list(*ordered, *start, items, o, alt),
        Block::Table { rows } => table(rows, o),
        Block::Code { language, text } => code_block(language.as_deref(), text),
        Block::Quote { blocks } => {
            let inner = render_blocks(blocks, o, false);
            inner
                .into_iter()
                .map(|l| {
                    if l.is_empty() {
                        ">".to_string()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect()
        }
        Block::Figure { src, alt, caption } => {
            let mut lines = Vec::new();
            if !src.is_empty() {
                let mut w = Writer::new(o, Ctx::Block);
                w.image(src, alt);
                lines.push(w.finish());
            }
            let cap = paragraph(caption, o);
            if !cap.is_empty() {
                if !lines.is_empty() {
                    lines.push(String::new());
                }
                lines.extend(cap);
            }
            lines
        }
        // `***` is never read as a list item's content marker (`-`, `+`) or a setext underline.
        Block::Rule => vec!["***".to_string()],
    }
}

fn paragraph(inlines: &[Inline], o: &MarkdownOptions) -> Vec<String> {
    let mut w = Writer::new(o, Ctx::Block);
    w.inlines(inlines, None);
    let text = w.finish();
    if text.trim().is_empty() {
        return Vec::new();
    }
    text.lines().map(str::to_string).collect()
}

fn list(
    ordered: bool,
    start: u64,
    items: &[Vec<Block>],
    o: &MarkdownOptions,
    alt: bool,
) -> Vec<String> {
    // CommonMark allows at most nine digits in an ordered list marker.
    let start = start.min(999_999_999 - items.len() as u64);
    let mut lines = Vec::new();
    let loose = items.iter().any(|item| needs_blank_lines(item));
    for (n, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}{}", start + n as u64, if alt { ')' } else { '.' })
        } else if alt {
            "+".to_string()
        } else {
            "-".to_string()
        };
        if n > 0 && loose {
            lines.push(String::new());
        }
        let inner = render_blocks(item, o, true);
        let pad = " ".repeat(marker.len() + 1);
        if inner.is_empty() {
            lines.push(marker);
            continue;
        }
        for (k, l) in inner.into_iter().enumerate() {
            if k == 0 {
                lines.push(format!("{marker} {l}"));
            } else if l.is_empty() {
                lines.push(String::new());
            } else {
                lines.push(format!("{pad}{l}"));
            }
        }
    }
    lines
}

/// Whether an item's blocks must be separated by blank lines (which makes the list loose).
fn needs_blank_lines(item: &[Block]) -> bool {
    item.windows(2).any(|w| {
        !(matches!(w[0], Block::Paragraph { .. })
            && matches!(&w[1], Block::List { ordered, start, .. } if !*ordered || *start == 1))
    })
}

fn code_block(language: Option<&str>, text: &str) -> Vec<String> {
    // The fence is longer than any backtick run in the code.
    let longest = longest_run(text, '`');
    let fence = "`".repeat(longest.max(2) + 1);
    let info: String = language
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '`')
        .collect();
    let mut lines = vec![format!("{fence}{info}")];
    for l in text.trim_end_matches(['\n', '\r']).lines() {
        lines.push(l.trim_end_matches('\r').to_string());
    }
    lines.push(fence);
    lines
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for ch in s.chars() {
        if ch == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

fn table(rows: &[TableRow], o: &MarkdownOptions) -> Vec<String> {
    let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    let render_row = |r: &TableRow| -> String {
        let mut s = String::from("|");
        for c in 0..cols {
            let cell = match r.cells.get(c) {
                Some(inl) => {
                    let mut w = Writer::new(o, Ctx::Cell);
                    w.inlines(inl, None);
                    w.finish()
                }
                None => String::new(),
            };
            s.push(' ');
            s.push_str(&cell);
            s.push_str(" |");
        }
        s
    };
    // GFM needs a header row. A table whose first row is a header row (`<thead>`, or all
    // `<th>`) uses it; a table without one gets an empty header row, so that its first data
    // row stays data (promoting it would turn a value into a column name).
    let (head, body) = match rows.first() {
        Some(r) if r.header => (render_row(r), &rows[1..]),
        _ => (
            render_row(&TableRow {
                header: true,
                cells: Vec::new(),
            }),
            rows,
        ),
    };
    let mut lines = vec![head];
    let mut delim = String::from("|");
    for _ in 0..cols {
        delim.push_str(" --- |");
    }
    lines.push(delim);
    lines.extend(body.iter().map(render_row));
    lines
}

/// Where inline content is being written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// A paragraph (line breaks are hard breaks).
    Block,
    /// A heading (one line).
    Heading,
    /// A GFM table cell (one line, `|` escaped).
    Cell,
}

/// Writes inline runs as Markdown, tracking the previous character for escaping decisions.
struct Writer<'a> {
    o: &'a MarkdownOptions,
    ctx: Ctx,
    out: String,
    line_start: bool,
    /// Inside a link's text, where a nested link can only be text.
    in_link: bool,
    /// The line so far is only digits: a `.` or `)` written next would make it a list marker.
    digits_at_start: bool,
}

impl<'a> Writer<'a> {
    fn new(o: &'a MarkdownOptions, ctx: Ctx) -> Self {
        Writer {
            o,
            ctx,
            out: String::new(),
            line_start: ctx == Ctx::Block,
            in_link: false,
            digits_at_start: false,
        }
    }

    fn finish(self) -> String {
        let t = self.out.trim_end();
        t.to_string()
    }

    fn prev(&self) -> Option<char> {
        self.out.chars().next_back()
    }

    fn push(&mut self, s: &str) {
        if !s.is_empty() {
            self.out.push_str(s);
            self.line_start = false;
            self.digits_at_start = false;
        }
    }

    /// Writes a run; `tail` is the character that will follow it (`None`: end of line).
    fn inlines(&mut self, inlines: &[Inline], tail: Option<char>) {
        let refs: Vec<&Inline> = inlines.iter().collect();
        self.inlines_ref(&refs, tail);
    }

    fn inlines_ref(&mut self, inlines: &[&Inline], tail: Option<char>) {
        let mut k = 0;
        while k < inlines.len() {
            // Adjacent code spans are written as one: their backticks would run together.
            if let Inline::Code { text } = inlines[k] {
                let mut joined = text.clone();
                while let Some(Inline::Code { text }) = inlines.get(k + 1) {
                    joined.push_str(text);
                    k += 1;
                }
                self.code_span(&joined);
                k += 1;
                continue;
            }
            let i = inlines[k];
            let next = first_char(
                inlines[k + 1..].iter().copied(),
                self.o.links && !self.in_link,
            )
            .or(tail);
            self.inline(i, next);
            k += 1;
        }
    }

    fn inline(&mut self, i: &Inline, next: Option<char>) {
        match i {
            Inline::Text { text } => self.text(text, next),
            Inline::Emphasis { inlines } => self.delimited(inlines, false, next),
            Inline::Strong { inlines } => self.delimited(inlines, true, next),
            Inline::Code { text } => self.code_span(text),
            Inline::Link { href, inlines } => {
                if self.o.links && !href.is_empty() && !self.in_link {
                    let mut inner = Writer {
                        o: self.o,
                        ctx: self.ctx,
                        out: String::new(),
                        line_start: false,
                        in_link: true,
                        digits_at_start: false,
                    };
                    inner.out.push('[');
                    let (lead, trimmed, trail) = trim_inlines(inlines);
                    let refs: Vec<&Inline> = trimmed.iter().map(|c| c.as_ref()).collect();
                    inner.inlines_ref(&refs, Some(']'));
                    if lead && !matches!(self.prev(), None | Some(' ')) {
                        self.push(" ");
                    }
                    let label = inner.out;
                    self.push(&label);
                    self.push("](");
                    let dest = self.destination(href);
                    self.push(&dest);
                    self.push(")");
                    if trail {
                        self.push(" ");
                    }
                } else {
                    self.inlines(inlines, next);
                }
            }
            Inline::Image { src, alt } => self.image(src, alt),
            Inline::LineBreak => match self.ctx {
                Ctx::Block => {
                    if !self.out.is_empty() && !self.out.ends_with('\n') {
                        let t = self.out.trim_end_matches([' ', '\t']).len();
                        self.out.truncate(t);
                        self.out.push_str("\\\n");
                        self.line_start = true;
                    }
                }
                Ctx::Heading | Ctx::Cell => {
                    if !matches!(self.prev(), None | Some(' ')) {
                        self.push(" ");
                    }
                }
            },
        }
    }

    fn image(&mut self, src: &str, alt: &str) {
        let mut label = String::from("![");
        let mut inner = Writer {
            o: self.o,
            ctx: self.ctx,
            out: String::new(),
            line_start: false,
            in_link: self.in_link,
            digits_at_start: false,
        };
        inner.out.push('[');
        inner.text(alt, Some(']'));
        label.push_str(&inner.out[1..]);
        self.push(&label);
        self.push("](");
        let dest = self.destination(src);
        self.push(&dest);
        self.push(")");
    }

    /// A link destination: spaces and angle brackets percent-encoded, parentheses balanced.
    fn destination(&self, url: &str) -> String {
        let mut s = String::with_capacity(url.len());
        let balanced = {
            let mut depth: i64 = 0;
            let mut ok = true;
            for c in url.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth < 0 {
                            ok = false;
                        }
                    }
                    _ => {}
                }
            }
            ok && depth == 0
        };
        for c in url.chars() {
            match c {
                ' ' => s.push_str("%20"),
                '<' => s.push_str("%3C"),
                '>' => s.push_str("%3E"),
                '\\' => s.push_str("%5C"),
                '|' if self.ctx == Ctx::Cell => s.push_str("%7C"),
                '(' | ')' if !balanced => {
                    s.push('\\');
                    s.push(c);
                }
                c if c.is_control() || c.is_whitespace() => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        s.push_str(&format!("%{b:02X}"));
                    }
                }
                c => s.push(c),
            }
        }
        s
    }

    fn code_span(&mut self, text: &str) {
        let text = text.replace(['\n', '\r'], " ");
        if text.is_empty() {
            return;
        }
        let ticks = "`".repeat(longest_run(&text, '`') + 1);
        let pad = text.starts_with('`')
            || text.ends_with('`')
            || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
        let body = if self.ctx == Ctx::Cell {
            text.replace('|', "\\|")
        } else {
            text
        };
        let mut s = String::new();
        if self.prev() == Some('`') {
            // Two code spans cannot touch (their backticks would merge): a space parts them.
            s.push(' ');
        }
        s.push_str(&ticks);
        if pad {
            s.push(' ');
        }
        s.push_str(&body);
        if pad {
            s.push(' ');
        }
        s.push_str(&ticks);
        self.push(&s);
    }

    /// Emphasis or strong: whitespace at the edges moves outside the delimiters, and the
    /// delimiters are written only where CommonMark's flanking rules let them open and close
    /// (`*` by default, `_` next to a `*`); otherwise the text is kept without them.
    /// The content is rendered once, so nesting stays linear.
    fn delimited(&mut self, inlines: &[Inline], strong: bool, next: Option<char>) {
        let (lead, inner, trail) = trim_inlines(inlines);
        if inner.is_empty() {
            if (lead || trail) && !matches!(self.prev(), None | Some(' ')) {
                self.push(" ");
            }
            return;
        }
        if lead && !matches!(self.prev(), None | Some(' ')) {
            self.push(" ");
        }
        let before = if self.line_start { None } else { self.prev() };
        let after = if trail { Some(' ') } else { next };
        let ch = if before == Some('*') || after == Some('*') || after == Some(UNKNOWN) {
            '_'
        } else {
            '*'
        };
        let usable = ch == '*'
            || !(before.is_some_and(|b| b.is_alphanumeric() || b == '_')
                || after.is_some_and(|a| a.is_alphanumeric() || a == '_' || a == UNKNOWN));
        let n = if strong { 2 } else { 1 };
        let refs: Vec<&Inline> = inner.iter().map(|c| c.as_ref()).collect();
        // Decided before writing the content, from the characters it will start and end with.
        let links = self.o.links && !self.in_link;
        let first = first_char(refs.iter().copied(), links);
        let last = last_char(&refs, links);
        let can_open = match first {
            Some(f) if f == UNKNOWN || is_punct(f) => ws_or_punct(before),
            Some(f) => !f.is_whitespace(),
            None => false,
        };
        let can_close = match last {
            Some(l) if l == UNKNOWN || is_punct(l) => ws_or_punct(after),
            Some(l) => !l.is_whitespace(),
            None => false,
        };
        if usable && can_open && can_close {
            let mut w = Writer {
                o: self.o,
                ctx: self.ctx,
                out: String::new(),
                line_start: false,
                in_link: self.in_link,
                digits_at_start: false,
            };
            w.out.extend(std::iter::repeat_n(ch, n));
            w.inlines_ref(&refs, Some(ch));
            w.out.extend(std::iter::repeat_n(ch, n));
            self.push(&w.out);
        } else {
            // Not expressible here as Markdown emphasis: keep the text.
            self.inlines_ref(&refs, after);
        }
        if trail {
            self.push(" ");
        }
    }

    /// Plain text, escaped where CommonMark would read markup.
    fn text(&mut self, text: &str, next: Option<char>) {
        let mut text = text;
        if self.line_start {
            text = text.trim_start();
            if text.is_empty() {
                return;
            }
        }
        let chars: Vec<char> = text.chars().collect();
        let mut s = String::with_capacity(text.len() + 8);
        let mut prev = if self.line_start { None } else { self.prev() };
        let mut i = 0;
        // "1" then ". …" in two runs at the start of a line would read as a list marker.
        let only_digits =
            |c: &[char]| !c.is_empty() && c.len() <= 9 && c.iter().all(char::is_ascii_digit);
        let starts_list = (self.line_start && only_digits(&chars))
            || (self.digits_at_start && only_digits(&chars));
        if self.digits_at_start && matches!(chars.first(), Some('.' | ')')) {
            s.push('\\');
            s.push(chars[0]);
            prev = Some(chars[0]);
            i = 1;
        }
        if self.line_start {
            i = line_start_escape(&chars, &mut s);
            if i > 0 {
                prev = s.chars().next_back();
            }
        }
        while i < chars.len() {
            let c = chars[i];
            match c {
                '*' | '_' | '~' => {
                    // A delimiter run: escaped when it could open or close emphasis.
                    let mut j = i;
                    while j < chars.len() && chars[j] == c {
                        j += 1;
                    }
                    let after = if j < chars.len() {
                        Some(chars[j])
                    } else {
                        next
                    };
                    let before = prev;
                    let ws = |x: Option<char>| x.is_none_or(char::is_whitespace);
                    let intraword = c == '_'
                        && before.is_some_and(char::is_alphanumeric)
                        && after.is_some_and(char::is_alphanumeric);
                    let inert = ws(before) && ws(after);
                    for _ in i..j {
                        if !(intraword || inert) {
                            s.push('\\');
                        }
                        s.push(c);
                    }
                    prev = Some(c);
                    i = j;
                    continue;
                }
                '\\' => {
                    let after = chars.get(i + 1).copied().or(next);
                    if after.is_none_or(|a| a.is_ascii_punctuation() || a == '\n' || a == UNKNOWN) {
                        s.push('\\');
                    }
                    s.push('\\');
                }
                '`' | '[' | ']' => {
                    s.push('\\');
                    s.push(c);
                }
                '|' if self.ctx == Ctx::Cell => s.push_str("\\|"),
                '!' if matches!(chars.get(i + 1).copied().or(next), Some('[' | UNKNOWN)) => {
                    s.push_str("\\!")
                }
                '<' => {
                    let after = chars.get(i + 1).copied().or(next);
                    if after.is_some_and(|a| {
                        a.is_ascii_alphabetic() || matches!(a, '/' | '!' | '?' | UNKNOWN)
                    }) {
                        s.push('\\');
                    }
                    s.push('<');
                }
                '&' => {
                    if looks_like_entity(&chars[i + 1..], next) {
                        s.push('\\');
                    }
                    s.push('&');
                }
                '\n' | '\r' => s.push(' '),
                c => s.push(c),
            }
            prev = Some(c);
            i += 1;
        }
        self.push(&s);
        self.digits_at_start = starts_list && matches!(next, Some('.' | ')' | UNKNOWN));
    }
}

/// Escapes block syntax at the start of a line; returns how many chars were consumed.
fn line_start_escape(chars: &[char], s: &mut String) -> usize {
    let Some(&c) = chars.first() else {
        return 0;
    };
    let next = chars.get(1).copied();
    let space_or_end = |x: Option<char>| x.is_none_or(|x| x == ' ' || x == '\t');
    match c {
        '#' => {
            let n = chars.iter().take_while(|&&x| x == '#').count();
            if n <= 6 && space_or_end(chars.get(n).copied()) {
                s.push('\\');
                s.push('#');
                return 1;
            }
        }
        '>' => {
            s.push_str("\\>");
            return 1;
        }
        '-' | '+' | '=' if (space_or_end(next) || next == Some(c)) => {
            s.push('\\');
            s.push(c);
            return 1;
        }
        '*' | '_' if space_or_end(next) || next == Some(c) => {
            // Thematic breaks and list markers; `*`/`_` runs are handled here in full.
            s.push('\\');
            s.push(c);
            return 1;
        }
        '~' if chars.len() >= 3 && chars[1] == '~' && chars[2] == '~' => {
            s.push_str("\\~");
            return 1;
        }
        '0'..='9' => {
            let n = chars.iter().take_while(|x| x.is_ascii_digit()).count();
            if n <= 9
                && let Some(&d) = chars.get(n)
                && (d == '.' || d == ')')
                && space_or_end(chars.get(n + 1).copied())
            {
                s.extend(&chars[..n]);
                s.push('\\');
                s.push(d);
                return n + 1;
            }
        }
        _ => {}
    }
    0
}

/// Whether the text after a `&` reads as an entity or numeric character reference, or might
/// once the following inline (`next`) is written after it.
fn looks_like_entity(rest: &[char], next: Option<char>) -> bool {
    let n = rest
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    match rest.get(n) {
        Some(c) => *c == ';' && n > 0,
        None => next.is_some_and(|c| !c.is_whitespace()),
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// Splits leading and trailing whitespace off a run: (had leading, trimmed run, had trailing).
/// Only the edge text runs are copied.
fn trim_inlines(inlines: &[Inline]) -> (bool, Vec<Cow<'_, Inline>>, bool) {
    let mut lo = 0;
    let mut hi = inlines.len();
    let blank = |x: &Inline| match x {
        Inline::LineBreak => true,
        Inline::Text { text } => text.trim().is_empty(),
        _ => false,
    };
    while lo < hi && blank(&inlines[lo]) {
        lo += 1;
    }
    while hi > lo && blank(&inlines[hi - 1]) {
        hi -= 1;
    }
    let mut lead = lo > 0;
    let mut trail = hi < inlines.len();
    let mut mid: Vec<Cow<'_, Inline>> = inlines[lo..hi].iter().map(Cow::Borrowed).collect();
    if let Some(Inline::Text { text }) = mid.first().map(|c| c.as_ref())
        && text.starts_with(char::is_whitespace)
    {
        lead = true;
        mid[0] = Cow::Owned(Inline::text(text.trim_start()));
    }
    let last = mid.len().saturating_sub(1);
    if let Some(Inline::Text { text }) = mid.last().map(|c| c.as_ref())
        && text.ends_with(char::is_whitespace)
    {
        trail = true;
        mid[last] = Cow::Owned(Inline::text(text.trim_end()));
    }
    (lead, mid, trail)
}

/// Stands for a character not known in advance: the first one of emphasis, which may be a
/// delimiter or, when the delimiters cannot be used, the text itself.
const UNKNOWN: char = '\u{E000}';

/// Whether a character next to a delimiter is whitespace or punctuation for certain.
fn ws_or_punct(c: Option<char>) -> bool {
    c.is_none_or(|c| c != UNKNOWN && (c.is_whitespace() || is_punct(c)))
}

fn is_empty_text(i: &Inline) -> bool {
    matches!(i, Inline::Text { text } if text.is_empty())
}

/// Whether the edge (`front` or back) of emphasis or a link is whitespace, which its rendering
/// moves outside the delimiters.
fn edge_space(edge: Option<&Inline>, front: bool, links: bool) -> bool {
    let mut cur = edge;
    // Iterative descent through nested inlines (no recursion on hostile nesting).
    while let Some(i) = cur {
        match i {
            Inline::Text { text } => {
                return if front {
                    text.starts_with(char::is_whitespace)
                } else {
                    text.ends_with(char::is_whitespace)
                };
            }
            Inline::LineBreak => return true,
            // A written link moves out only the whitespace of its own text runs.
            Inline::Link { inlines, .. } if links => {
                let e = if front {
                    inlines.iter().find(|i| !is_empty_text(i))
                } else {
                    inlines.iter().rev().find(|i| !is_empty_text(i))
                };
                return match e {
                    Some(Inline::Text { text }) => {
                        if front {
                            text.starts_with(char::is_whitespace)
                        } else {
                            text.ends_with(char::is_whitespace)
                        }
                    }
                    Some(Inline::LineBreak) => true,
                    _ => false,
                };
            }
            Inline::Emphasis { inlines }
            | Inline::Strong { inlines }
            | Inline::Link { inlines, .. } => {
                cur = if front {
                    inlines.iter().find(|i| !is_empty_text(i))
                } else {
                    inlines.iter().rev().find(|i| !is_empty_text(i))
                };
            }
            _ => return false,
        }
    }
    false
}

fn edge_or_unknown(edge: Option<&Inline>, front: bool, links: bool) -> char {
    if edge_space(edge, front, links) {
        ' '
    } else {
        UNKNOWN
    }
}

/// The last character the rendering of `inlines` would write (for flanking decisions).
fn last_char(inlines: &[&Inline], links: bool) -> Option<char> {
    for i in inlines.iter().rev() {
        match i {
            Inline::Text { text } => {
                if let Some(c) = text.chars().next_back() {
                    return Some(c);
                }
            }
            Inline::Emphasis { inlines } | Inline::Strong { inlines } => {
                return Some(edge_or_unknown(
                    inlines.iter().rev().find(|i| !is_empty_text(i)),
                    false,
                    links,
                ));
            }
            Inline::Code { .. } => return Some('`'),
            Inline::Link { .. } if links && edge_space(Some(*i), false, true) => {
                return Some(' ');
            }
            Inline::Link { inlines, .. } => {
                return if links {
                    Some(')')
                } else {
                    let refs: Vec<&Inline> = inlines.iter().collect();
                    last_char(&refs, links)
                };
            }
            Inline::Image { .. } => return Some(')'),
            Inline::LineBreak => return Some('\n'),
        }
    }
    None
}

/// The first character the rendering of `inlines` would write (for flanking decisions).
fn first_char<'x>(inlines: impl IntoIterator<Item = &'x Inline>, links: bool) -> Option<char> {
    for i in inlines {
        match i {
            Inline::Text { text } => {
                if let Some(c) = text.chars().next() {
                    return Some(c);
                }
            }
            Inline::Emphasis { inlines } | Inline::Strong { inlines } => {
                return Some(edge_or_unknown(
                    inlines.iter().find(|i| !is_empty_text(i)),
                    true,
                    links,
                ));
            }
            Inline::Code { .. } => return Some('`'),
            Inline::Link { .. } if links && edge_space(Some(i), true, true) => {
                return Some(' ');
            }
            Inline::Link { inlines, .. } => {
                return if links {
                    Some('[')
                } else {
                    first_char(inlines.iter(), links)
                };
            }
            Inline::Image { .. } => return Some('!'),
            Inline::LineBreak => return Some('\n'),
        }
    }
    None
}

#[cfg(test)]
mod digit_run_tests {
    use super::*;
    use crate::content::Inline;

    #[test]
    fn digits_then_a_period_in_separate_runs_never_make_a_list_marker() {
        // Found by the round-trip property test: "0" and ". " as two runs at a line start.
        let blocks = vec![Block::Paragraph {
            inlines: vec![Inline::text("0"), Inline::text(". next")],
        }];
        let md = markdown(&blocks, &MarkdownOptions::default());
        let parser = pulldown_cmark::Parser::new(&md);
        assert!(
            !parser.into_iter().any(|e| matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::List(_))
            )),
            "{md:?} parses as a list"
        );
    }
}
