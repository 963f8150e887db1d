//! Output: one document's result rendered in the chosen format.

use super::args::Format;
use super::input::Doc;
use nutgraf::record::ArticleFields;
use nutgraf::{Article, Comment};
use serde::Serialize;

/// A JSON Lines record: provenance, then either the article or an error.
///
/// The article part borrows the [`Article`] fields; the body blocks are left out (optional
/// renderings can be added as further `skip_serializing_if` fields).
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// The input path (or `-`), `path#record-id` for a WARC record.
    pub source: &'a str,
    /// The crawl time of a WARC record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warc_date: Option<&'a str>,
    /// The extracted article, flattened into the record.
    #[serde(flatten)]
    pub article: Option<ArticleFields<'a>>,
    /// The page's address when the document failed but its address is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// Why the document failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
}

/// How documents are written out.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The format.
    pub format: Format,
    /// Whether comments were extracted (and so are printed).
    pub comments: bool,
    /// Whether each document gets a `==> source <==` header (text formats, several documents).
    pub headers: bool,
    /// JSON: add the body as Markdown (`--include markdown`).
    pub include_markdown: bool,
    /// JSON: add the body as HTML (`--include html`).
    pub include_html: bool,
    /// JSON: add the scored blocks (`--include blocks`).
    pub include_blocks: bool,
    /// Markdown: keep links.
    pub links: bool,
}

impl Style {
    /// The output for an extracted article.
    pub fn article(&self, doc: &Doc, a: &Article) -> String {
        let source = doc.source.as_str();
        let mut out = String::new();
        if self.format == Format::Json {
            let mut fields = ArticleFields::new(a, self.comments);
            if self.include_markdown {
                fields.markdown = Some(self.markdown(a));
            }
            if self.include_html {
                fields.html = Some(a.html());
            }
            if self.include_blocks {
                fields.blocks = Some(&a.blocks);
            }
            let rec = Record {
                source,
                warc_date: doc.warc_date.as_deref(),
                article: Some(fields),
                url: None,
                error: None,
            };
            push_json(&mut out, &rec);
            return out;
        }
        if self.format == Format::Explain {
            return nutgraf::render::explain_section(&section_id(source), source, a);
        }
        self.header(&mut out, source);
        let body = match self.format {
            Format::Markdown => self.markdown(a),
            Format::Html => a.html(),
            _ => a.text.clone(),
        };
        push_line(&mut out, &body);
        if self.comments && !a.comments.is_empty() {
            out.push('\n');
            for c in &a.comments {
                out.push_str(&self.comment(c));
            }
        }
        out
    }

    fn markdown(&self, a: &Article) -> String {
        a.markdown_with(&nutgraf::render::MarkdownOptions { links: self.links })
    }

    /// The output for a document that failed (nothing for the text formats: stderr says it).
    pub fn failure(&self, doc: &Doc, error: &str) -> String {
        let mut out = String::new();
        if self.format == Format::Json {
            let rec = Record {
                source: &doc.source,
                warc_date: doc.warc_date.as_deref(),
                article: None,
                url: doc.url.as_deref(),
                error: Some(error),
            };
            push_json(&mut out, &rec);
        } else if self.format == Format::Explain {
            out = nutgraf::render::explain_failure(&section_id(&doc.source), &doc.source, error);
        }
        out
    }

    fn header(&self, out: &mut String, source: &str) {
        if !self.headers {
            return;
        }
        match self.format {
            Format::Html => out.push_str(&format!(
                "<!-- ==> {} <== -->\n",
                source.replace("--", "- -")
            )),
            _ => out.push_str(&format!("==> {source} <==\n")),
        }
    }

    fn comment(&self, c: &Comment) -> String {
        let who = c.author.as_deref().unwrap_or("anonymous");
        let when = c
            .published
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        match self.format {
            Format::Html => format!(
                "<aside class=\"comment\"><p><b>{}</b>{}</p>{}</aside>\n",
                escape_html(who),
                escape_html(&when),
                c.text
                    .split("\n\n")
                    .map(|p| format!("<p>{}</p>", escape_html(p)))
                    .collect::<String>()
            ),
            Format::Markdown => {
                let quoted: Vec<String> = c
                    .text
                    .lines()
                    .map(|l| format!("> {l}").trim_end().to_string())
                    .collect();
                format!("**{who}**{when}\n\n{}\n\n", quoted.join("\n"))
            }
            _ => format!("[{who}{when}]\n{}\n\n", c.text),
        }
    }
}

/// The id of a document's section in the explain report, from its source (FNV-1a).
fn section_id(source: &str) -> String {
    let hash = source.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("doc-{hash:016x}")
}

/// The table-of-contents entry `(id, source)` of an explain section, read from its first line
/// (`<section class="doc" id="ID"><h2>SOURCE</h2>`, as the library writes it).
pub fn toc_entry(section: &str) -> Option<(String, String)> {
    let line = section.lines().next()?;
    let rest = line.strip_prefix("<section class=\"doc\" id=\"")?;
    let (id, rest) = rest.split_once('"')?;
    let source = rest.strip_prefix("><h2>")?.strip_suffix("</h2>")?;
    let source = source
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    Some((id.to_string(), source))
}

fn push_json(out: &mut String, rec: &Record<'_>) {
    match serde_json::to_string(rec) {
        Ok(s) => out.push_str(&s),
        // Serialising strings and lists cannot fail; keep a valid line all the same.
        Err(e) => out.push_str(&format!(
            "{{\"source\":{},\"error\":{}}}",
            serde_json::Value::from(rec.source),
            serde_json::Value::from(e.to_string())
        )),
    }
    out.push('\n');
}

fn push_line(out: &mut String, body: &str) {
    out.push_str(body.trim_end_matches('\n'));
    out.push('\n');
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
