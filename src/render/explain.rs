//! The explain report: one self-contained HTML page showing each block's verdict and reason, each field's source, and the stages.

use crate::Article;
use crate::explain::{BlockVerdict, Explain, FieldSource, Verdict};
use std::fmt::Write as _;

/// The report's style: verdict colours, the filter bar (CSS `:target`, no script).
const STYLE: &str = r##"
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70em;padding:0 1em 3em;color:#222;display:flex;flex-direction:column}
.t{position:fixed;top:0}
nav.filter{order:-2;position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.5em 0;z-index:1}
nav.filter a{margin-right:.6em;padding:.1em .5em;border:1px solid #999;border-radius:3px;text-decoration:none;color:#222}
nav.toc{order:-1}
h1{font-size:1.4em}h2{font-size:1.2em;border-top:3px solid #444;padding-top:.4em;word-break:break-all}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4;white-space:nowrap}
td.s{font-family:monospace;color:#555}
ol.blocks{padding-left:3em}
li.b{margin:.25em 0;padding:.15em .5em;border-left:5px solid}
li.b summary{cursor:pointer}
li.b .r{font:12px monospace;color:#555;margin-right:.5em}
li.b dl{font-size:13px;margin:.3em 0 .3em 1em}li.b dt{font-weight:bold}li.b dd{margin:0 0 .2em 1em;font-family:monospace;word-break:break-all}
li[data-verdict="kept"]{background:#e9f7ec;border-color:#2e9e4f}
li[data-verdict="dropped"]{background:#fbeaea;border-color:#c94040;color:#844}
li[data-verdict="dropped"] details:not([open]) summary{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
li[data-verdict="dropped"] .x{text-decoration:line-through}
li[data-verdict="comment"]{background:#e8f0fb;border-color:#3a6fc4}
#only-kept:target~main li.b:not([data-verdict="kept"]),
#only-dropped:target~main li.b:not([data-verdict="dropped"]),
#only-comments:target~main li.b:not([data-verdict="comment"]){display:none}
#only-kept:target~nav.filter a[href="#only-kept"],#only-dropped:target~nav.filter a[href="#only-dropped"],
#only-comments:target~nav.filter a[href="#only-comments"]{background:#444;color:#fff}
"##;

/// The start of a report: the document head, the filter targets and bar, the opening of `<main>`.
pub fn explain_head() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n\
         <title>nutgraf explain report</title>\n<style>{STYLE}</style></head>\n<body>\n\
         <i id=\"only-kept\" class=\"t\"></i><i id=\"only-dropped\" class=\"t\"></i><i id=\"only-comments\" class=\"t\"></i>\n\
         <nav class=\"filter\">Show: <a href=\"#\">all</a><a href=\"#only-kept\">kept</a>\
         <a href=\"#only-dropped\">dropped</a><a href=\"#only-comments\">comments</a></nav>\n<main>\n"
    )
}

/// The end of a report: a table of contents of `(id, source)` (when there are several
/// documents), and the closing tags.
pub fn explain_tail(toc: &[(String, String)]) -> String {
    let mut out = String::from("</main>\n");
    if toc.len() > 1 {
        out.push_str("<nav class=\"toc\"><h1>Documents</h1><ol>\n");
        for (id, source) in toc {
            let _ = writeln!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                escape(id),
                escape(source)
            );
        }
        out.push_str("</ol></nav>\n");
    }
    out.push_str("</body></html>\n");
    out
}

/// A whole report for one document.
pub fn explain(source: &str, article: &Article) -> String {
    let mut out = explain_head();
    out.push_str(&explain_section("doc-1", source, article));
    out.push_str(&explain_tail(&[]));
    out
}

/// The section of one document: header, metadata table and blocks. Its first line is its
/// `<h2>` heading. Without an explain record (extracted without
/// [`crate::ExtractorBuilder::explain`]) it says so.
pub fn explain_section(id: &str, source: &str, article: &Article) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"doc\" id=\"{}\"><h2>{}</h2>",
        escape(id),
        escape(source)
    );
    let Some(e) = article.explain.as_deref() else {
        out.push_str("<p>No explain record: extract with explain on.</p></section>\n");
        return out;
    };
    header(&mut out, source, article, e);
    fields(&mut out, &e.fields);
    blocks(&mut out, &e.blocks);
    out.push_str("</section>\n");
    out
}

/// The section of a document that failed.
pub fn explain_failure(id: &str, source: &str, error: &str) -> String {
    format!(
        "<section class=\"doc\" id=\"{}\"><h2>{}</h2>\n<p class=\"error\">Failed: {}</p></section>\n",
        escape(id),
        escape(source),
        escape(error)
    )
}

fn header(out: &mut String, source: &str, a: &Article, e: &Explain) {
    let row = |out: &mut String, name: &str, value: &str| {
        let _ = writeln!(
            out,
            "<tr data-header=\"{}\"><th>{}</th><td>{}</td></tr>",
            escape(name),
            escape(name),
            escape(value)
        );
    };
    out.push_str("<table class=\"header\">\n");
    row(out, "source", source);
    row(out, "URL", a.url.as_deref().unwrap_or("(none)"));
    row(
        out,
        "encoding",
        &format!("{} ({})", a.encoding, e.encoding_reason),
    );
    row(
        out,
        "page type",
        &format!(
            "{} ({})",
            a.page_type.as_deref().unwrap_or("(none)"),
            e.page_type_reason
        ),
    );
    let containers = if e.containers.is_empty() {
        "(none)".to_string()
    } else {
        e.containers.join("; ")
    };
    row(out, "container", &containers);
    let total: u64 = e.timings.iter().map(|(_, t)| t).sum();
    let timings: Vec<String> = e
        .timings
        .iter()
        .map(|(stage, t)| format!("{stage} {}", ms(*t)))
        .collect();
    row(
        out,
        "timings",
        &format!("{} (total {})", timings.join(", "), ms(total)),
    );
    if a.truncated {
        row(out, "truncated", "yes: only the start of the page was read");
    }
    out.push_str("</table>\n");
}

fn ms(micros: u64) -> String {
    format!("{:.2} ms", micros as f64 / 1000.0)
}

fn fields(out: &mut String, fields: &[FieldSource]) {
    out.push_str("<h3>Metadata</h3>\n<table class=\"meta\"><tr><th>field</th><th>value</th><th>source</th><th>other candidates</th></tr>\n");
    for f in fields {
        let _ = write!(
            out,
            "<tr data-field=\"{}\" data-source=\"{}\"><th>{}</th><td class=\"v\">{}</td><td class=\"s\">{}</td><td class=\"c\">",
            escape(&f.field),
            escape(&f.source),
            escape(&f.field),
            escape(&f.value),
            escape(&f.source)
        );
        if !f.candidates.is_empty() {
            let _ = write!(
                out,
                "<details><summary>{} lost</summary><ul>",
                f.candidates.len()
            );
            for (source, value) in &f.candidates {
                let _ = write!(
                    out,
                    "<li data-candidate=\"{}\"><b>{}</b>: {}</li>",
                    escape(source),
                    escape(source),
                    escape(value)
                );
            }
            out.push_str("</ul></details>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</table>\n");
}

fn blocks(out: &mut String, blocks: &[BlockVerdict]) {
    let count = |v: Verdict| blocks.iter().filter(|b| b.verdict == v).count();
    let _ = writeln!(
        out,
        "<h3>Blocks: {} kept, {} dropped, {} comments</h3>\n<ol class=\"blocks\">",
        count(Verdict::Kept),
        count(Verdict::Dropped),
        count(Verdict::Comment)
    );
    for b in blocks {
        let score = b
            .score
            .filter(|s| s.is_finite())
            .map(|s| format!(" data-score=\"{s:.3}\""))
            .unwrap_or_default();
        let shown_score = b
            .score
            .filter(|s| s.is_finite())
            .map(|s| format!(" · {s:.2}"))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<li class=\"b\" data-verdict=\"{}\" data-reason=\"{}\"{score} title=\"{}\"><details><summary><span class=\"r\">{} · {}{}</span><span class=\"x\">{}</span></summary><dl>",
            b.verdict.name(),
            escape(&b.reason),
            escape(&b.path),
            b.verdict.name(),
            escape(&b.reason),
            shown_score,
            escape(&b.text)
        );
        let _ = write!(out, "<dt>tag path</dt><dd>{}</dd>", escape(&b.path));
        if !b.class_id.is_empty() {
            let _ = write!(out, "<dt>class / id</dt><dd>{}</dd>", escape(&b.class_id));
        }
        if let (Some(s), Some(c)) = (b.score, b.cut) {
            let _ = write!(out, "<dt>score / cut</dt><dd>{s:.3} / {c:.3}</dd>");
        }
        if !b.features.is_empty() {
            let list: Vec<String> = b
                .features
                .iter()
                .map(|(n, v)| format!("{}={v:.2}", escape(n)))
                .collect();
            let _ = write!(out, "<dt>features</dt><dd>{}</dd>", list.join(" "));
        }
        out.push_str("</dl></details></li>\n");
    }
    out.push_str("</ol>\n");
}

/// Escapes text for an element or a quoted attribute.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
