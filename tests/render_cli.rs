//! The command line's rich-body options: `--include markdown,html` in JSON records, `--links`.

mod common;

use serde_json::Value;

const PAGE: &str = r#"<!doctype html><html><head><title>Setup notes</title></head><body>
<article><h1>Setup notes</h1>
<p>First install the tool with <a href="/install">the installer</a>, then check that it runs as expected on your machine.</p>
<pre><code class="language-sh">tool --version</code></pre>
<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>
<p>That is all there is to it, really; the rest of the setup happens on its own, in the background.</p>
</article></body></html>"#;

fn run(args: &[&str]) -> String {
    let o = common::nutgraf(args, Some(PAGE.as_bytes()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8 output")
}

fn library() -> nutgraf::Article {
    nutgraf::Extractor::builder()
        .url("https://example.org/notes")
        .build()
        .extract(PAGE.as_bytes())
        .unwrap()
}

#[test]
fn json_records_carry_markdown_and_html_when_included() {
    let out = run(&[
        "--format",
        "json",
        "--url",
        "https://example.org/notes",
        "--include",
        "markdown,html",
    ]);
    let r: Value = serde_json::from_str(out.trim()).unwrap();
    let a = library();
    assert_eq!(r["markdown"], a.markdown());
    assert_eq!(r["html"], a.html());
    assert!(a.markdown().contains("```sh\ntool --version\n```"));
    assert!(
        a.markdown()
            .contains("[the installer](https://example.org/install)")
    );
}

#[test]
fn json_records_leave_out_renderings_not_asked_for() {
    let out = run(&["--format", "json", "--include", "html"]);
    let r: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(r.get("markdown").is_none());
    assert!(r["html"].as_str().unwrap().contains("<pre><code"));
    let out = run(&["--format", "json"]);
    let r: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(r.get("markdown").is_none() && r.get("html").is_none());
}

#[test]
fn markdown_drops_links_to_their_text_with_links_false() {
    let out = run(&["--format", "markdown", "--links", "false"]);
    assert!(out.contains("with the installer, then"), "{out}");
    let out = run(&["--format", "markdown"]);
    assert!(out.contains("[the installer](/install)"), "{out}");
}
