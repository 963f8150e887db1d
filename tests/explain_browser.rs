//! The `--format explain` report as a browser sees it: one page for all documents, rendered by
//! headless Chromium with the kept text shown and no request leaving the machine.
//!
//! The browser test needs Chromium (`chromium` or `chromium-browser` on the PATH, or the
//! binary named by `NUTGRAF_CHROMIUM`); without it the test says so and passes, unless
//! `NUTGRAF_REQUIRE_CHROMIUM=1` (as CI sets it) makes a missing browser a failure.

mod common;
use common::nutgraf;

use std::path::{Path, PathBuf};
use std::process::Command;

const WORDPRESS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/wordpress-com-article.html"
);
const FORUM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/forum-thread.html");
const FIRST_PARAGRAPH: &str = "The Islamic State Khorasan (ISK) is blamed";

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NUTGRAF_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `page` with `args`, its profile and net log in `dir` under
/// `name`; returns its standard output and the URLs its net log saw.
fn browse(
    browser: &Path,
    dir: &Path,
    name: &str,
    page: &Path,
    args: &[&str],
) -> (String, Vec<String>) {
    let profile = dir.join(format!("profile-{name}"));
    let netlog = dir.join(format!("net-{name}.json"));
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-extensions",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(&netlog).unwrap_or_default();
    let urls = log
        .split("\"url\":\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|u| !is_browser_service(u))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), urls)
}

/// The browser's own background requests (clock, accounts, dictionaries), not the page's.
fn is_browser_service(url: &str) -> bool {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|r| r.split(['/', ':', '?']).next())
        .unwrap_or_default();
    ["google.com", "gvt1.com", "googleapis.com", "gstatic.com"]
        .iter()
        .any(|s| host == *s || host.ends_with(&format!(".{s}")))
        || url.starts_with("file:")
        || url.starts_with("data:")
}

#[test]
fn the_report_renders_in_headless_chromium_showing_the_kept_text_with_no_request_out() {
    let Some(browser) = chromium() else {
        let required = std::env::var("NUTGRAF_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "NUTGRAF_REQUIRE_CHROMIUM=1 but no chromium found"
        );
        eprintln!("SKIPPED: chromium not found (install Debian's `chromium` to run this test)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.html");
    let run = nutgraf(
        &[
            "--format",
            "explain",
            "-q",
            WORDPRESS,
            "-o",
            report.to_str().expect("utf-8 path"),
        ],
        None,
    );
    assert!(run.status.success());

    let (dom, urls) = browse(&browser, dir.path(), "dom", &report, &["--dump-dom"]);
    assert!(
        dom.contains(FIRST_PARAGRAPH),
        "the kept text is in the rendered page"
    );
    assert!(dom.contains("data-verdict=\"kept\""));
    assert!(urls.is_empty(), "no request left the page: {urls:?}");

    // Non-blank: the screenshot of the report is far larger than that of an empty page.
    let shot = |page: &Path, name: &str| {
        let png = dir.path().join(name);
        let arg = format!("--screenshot={}", png.display());
        browse(
            &browser,
            dir.path(),
            name,
            page,
            &["--window-size=1000,900", &arg],
        );
        std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0)
    };
    let blank = dir.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><html><body></body></html>").expect("write");
    let (report_png, blank_png) = (shot(&report, "report.png"), shot(&blank, "blank.png"));
    assert!(
        blank_png > 0 && report_png > 3 * blank_png,
        "{report_png} vs {blank_png} bytes"
    );

    // The net log does see a request a page makes (so its silence above means something).
    let leaky = dir.path().join("leaky.html");
    std::fs::write(&leaky, "<img src=\"http://127.0.0.1:9/pixel.png\">").expect("write");
    let (_, urls) = browse(&browser, dir.path(), "leaky", &leaky, &["--dump-dom"]);
    assert!(urls.iter().any(|u| u.contains("127.0.0.1:9")), "{urls:?}");
}

#[test]
fn several_documents_make_one_report_with_a_table_of_contents() {
    let run = nutgraf(&["--format", "explain", "-q", WORDPRESS, FORUM], None);
    assert!(run.status.success());
    let html = String::from_utf8(run.stdout).expect("utf-8");
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
    assert_eq!(html.matches("<section class=\"doc\"").count(), 2);
    let toc = html
        .split("<nav class=\"toc\">")
        .nth(1)
        .expect("a table of contents");
    assert_eq!(toc.matches("<li><a href=\"#doc-").count(), 2);
    assert!(toc.contains("wordpress-com-article.html") && toc.contains("forum-thread.html"));
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn a_document_that_fails_gets_its_section_with_the_error() {
    let run = nutgraf(
        &["--format", "explain", "-q", "--max-bytes", "10", WORDPRESS],
        None,
    );
    assert_eq!(run.status.code(), Some(3));
    let html = String::from_utf8(run.stdout).expect("utf-8");
    assert!(html.contains("<p class=\"error\">Failed: "));
    assert!(html.trim_end().ends_with("</html>"));
}
