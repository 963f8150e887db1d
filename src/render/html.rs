//! HTML: clean, minimal HTML5 of the content model (no classes, scripts or styles).
//!
//! Only structural elements are written (`h1`–`h6`, `p`, `ul`/`ol`/`li`, `table`, `pre`/`code`,
//! `blockquote`, `figure`, `img`, `a`, `em`, `strong`, `br`, `hr`); text and attribute values are
//! escaped. The one attribute beyond `href`, `src`, `alt` and `start` is the HTML5 convention
//! for a code block's language, `<code class="language-…">`.

use crate::content::{Block, Inline, TableRow};

/// Renders blocks as an HTML5 fragment, one block per line.
///
/// ```
/// use nutgraf::{Block, Inline};
/// let blocks = vec![Block::Paragraph { inlines: vec![Inline::text("1 < 2 & 3")] }];
/// assert_eq!(nutgraf::render::html(&blocks), "<p>1 &lt; 2 &amp; 3</p>");
/// ```
pub fn html(blocks: &[Block]) -> String {
    let mut out = String::new();
    push_blocks(blocks, &mut out);
    let t = out.trim_end().len();
    out.truncate(t);
    out
}

fn push_blocks(blocks: &[Block], out: &mut String) {
    for b in blocks {
        push_block(b, out);
    }
}

fn push_block(b: &Block, out: &mut String) {
    match b {
        Block::Heading { level, inlines } => {
            let l = (*level).clamp(1, 6);
            out.push_str(&format!("<h{l}>"));
            push_inlines(inlines, out);
            out.push_str(&format!("</h{l}>\n"));
        }
        Block::Paragraph { inlines } => {
            out.push_str("<p>");
            push_inlines(inlines, out);
            out.push_str("</p>\n");
        }
        Block::List {
            ordered,
            start,
            items,
        } => {
            let tag = if *ordered { "ol" } else { "ul" };
            if *ordered && *start != 1 {
                out.push_str(&format!("<ol start=\"{start}\">\n"));
            } else {
                out.push_str(&format!("<{tag}>\n"));
            }
            for item in items {
                out.push_str("<li>");
                // A single paragraph item is written without its <p>, as pages usually do.
                match item.as_slice() {
                    [Block::Paragraph { inlines }] => push_inlines(inlines, out),
                    [Block::Paragraph { inlines }, rest @ ..]
                        if rest.iter().all(|b| matches!(b, Block::List { .. })) =>
                    {
                        push_inlines(inlines, out);
                        out.push('\n');
                        push_blocks(rest, out);
                    }
                    blocks => {
                        out.push('\n');
                        push_blocks(blocks, out);
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str(&format!("</{tag}>\n"));
        }
        Block::Table { rows } => table(rows, out),
        Block::Code { language, text } => {
            out.push_str("<pre><code");
            if let Some(l) = language.as_deref().filter(|l| !l.is_empty()) {
                out.push_str(" class=\"language-");
                escape_attr(l, out);
                out.push('"');
            }
            out.push('>');
            escape_text(text, out);
            out.push_str("</code></pre>\n");
        }
        Block::Quote { blocks } => {
            out.push_str("<blockquote>\n");
            push_blocks(blocks, out);
            out.push_str("</blockquote>\n");
        }
        Block::Figure { src, alt, caption } => {
            out.push_str("<figure>");
            img(src, alt, out);
            if !caption.is_empty() {
                out.push_str("<figcaption>");
                push_inlines(caption, out);
                out.push_str("</figcaption>");
            }
            out.push_str("</figure>\n");
        }
        Block::Rule => out.push_str("<hr>\n"),
    }
}

fn table(rows: &[TableRow], out: &mut String) {
    out.push_str("<table>\n");
    // Leading header rows go in <thead>; the rest in <tbody>.
    let head = rows.iter().take_while(|r| r.header).count();
    let (h, body) = rows.split_at(head);
    if !h.is_empty() {
        out.push_str("<thead>\n");
        for r in h {
            row(r, "th", out);
        }
        out.push_str("</thead>\n");
    }
    if !body.is_empty() {
        out.push_str("<tbody>\n");
        for r in body {
            row(r, if r.header { "th" } else { "td" }, out);
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

fn row(r: &TableRow, cell: &str, out: &mut String) {
    out.push_str("<tr>");
    for c in &r.cells {
        out.push_str(&format!("<{cell}>"));
        push_inlines(c, out);
        out.push_str(&format!("</{cell}>"));
    }
    out.push_str("</tr>\n");
}

fn img(src: &str, alt: &str, out: &mut String) {
    out.push_str("<img src=\"");
    escape_attr(src, out);
    out.push_str("\" alt=\"");
    escape_attr(alt, out);
    out.push_str("\">");
}

fn push_inlines(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text } => escape_text(text, out),
            Inline::Emphasis { inlines } => {
                out.push_str("<em>");
                push_inlines(inlines, out);
                out.push_str("</em>");
            }
            Inline::Strong { inlines } => {
                out.push_str("<strong>");
                push_inlines(inlines, out);
                out.push_str("</strong>");
            }
            Inline::Code { text } => {
                out.push_str("<code>");
                escape_text(text, out);
                out.push_str("</code>");
            }
            Inline::Link { href, inlines } if !safe_url(href) => push_inlines(inlines, out),
            Inline::Link { href, inlines } => {
                out.push_str("<a href=\"");
                escape_attr(href, out);
                out.push_str("\">");
                push_inlines(inlines, out);
                out.push_str("</a>");
            }
            Inline::Image { src, alt } => img(src, alt, out),
            Inline::LineBreak => out.push_str("<br>\n"),
        }
    }
}

/// Whether a URL is safe to write as a link target (no script or data URLs).
fn safe_url(url: &str) -> bool {
    let scheme: String = url
        .trim_start()
        .chars()
        .take_while(|c| *c != ':' && *c != '/')
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    !(url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data"))
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{0}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{0}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}
