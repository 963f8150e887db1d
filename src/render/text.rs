//! Plain text: blocks separated by blank lines, list items on their own lines, table rows on lines.

use crate::content::{Block, Inline, inline_text, push_inline_text};

/// Renders blocks as plain text.
pub fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    push_blocks(blocks, &mut out, "");
    out.truncate(out.trim_end().len());
    out
}

/// Appends the text of `inlines` to `out` without its leading and trailing whitespace (what
/// pushing `inline_text(inlines).trim()` does, without a string of its own).
fn push_trimmed(out: &mut String, inlines: &[Inline]) {
    let from = out.len();
    push_inline_text(inlines, out);
    let added = out.get(from..).unwrap_or_default();
    let (lead, kept) = (added.len() - added.trim_start().len(), added.trim().len());
    out.drain(from..from + lead);
    out.truncate(from + kept);
}

fn push_blocks(blocks: &[Block], out: &mut String, indent: &str) {
    for b in blocks {
        let start = out.len();
        match b {
            Block::Heading { inlines, .. } | Block::Paragraph { inlines } => {
                out.push_str(indent);
                push_trimmed(out, inlines);
            }
            Block::List {
                ordered,
                start: first,
                items,
            } => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push('\n');
                    }
                    out.push_str(indent);
                    if *ordered {
                        out.push_str(&format!("{}. ", first + n as u64));
                    } else {
                        out.push_str("- ");
                    }
                    let mut inner = String::new();
                    push_blocks(item, &mut inner, "");
                    let inner = inner.trim();
                    let sub_indent = format!("{indent}  ");
                    for (k, line) in inner.lines().filter(|l| !l.trim().is_empty()).enumerate() {
                        if k > 0 {
                            out.push('\n');
                            out.push_str(&sub_indent);
                        }
                        out.push_str(line);
                    }
                }
            }
            Block::Table { rows } => {
                for (n, row) in rows.iter().enumerate() {
                    if n > 0 {
                        out.push('\n');
                    }
                    out.push_str(indent);
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .map(|c| inline_text(c).trim().to_string())
                        .collect();
                    out.push_str(&cells.join("\t"));
                }
            }
            Block::Code { text, .. } => out.push_str(text.trim_end()),
            Block::Quote { blocks } => {
                let mut inner = String::new();
                push_blocks(blocks, &mut inner, "");
                out.push_str(inner.trim());
            }
            Block::Figure { caption, .. } => {
                push_trimmed(out, caption);
            }
            Block::Rule => {}
        }
        if out.len() > start {
            out.push_str("\n\n");
        }
    }
}
