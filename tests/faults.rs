//! The `nutgraf` command under faults, specified by running it: interrupts, resuming, input
//! lists with bad lines, bad options, cut gzip streams, empty directories and the exit status.
//!
//! The tests that measure a very large page (time and peak memory) run only in an optimised
//! build (`cargo test --profile quick --test faults`); a debug build skips them.

mod common;
use common::{command, nutgraf};

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A page with enough prose that a debug build takes a noticeable time over it.
fn page(n: usize) -> String {
    let para = "<p>We walked along the ridge, in the wind, and talked of the valley below. </p>";
    format!(
        "<html><head><title>Walk number {n}</title></head><body><article>{}</article></body></html>",
        para.repeat(200)
    )
}

/// Writes `n` pages into `dir`; returns their paths.
fn pages(dir: &Path, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let p = dir.join(format!("p{i:03}.html"));
            std::fs::write(&p, page(i)).expect("write a page");
            p.to_string_lossy().into_owned()
        })
        .collect()
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("sh")
        .args(["-c", &format!("kill -{name} {}", child.id())])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{name}");
}

/// Every line parses as a JSON object; returns them.
fn records(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("torn line {l:?}: {e}")))
        .collect()
}

fn sources(recs: &[Value]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for r in recs {
        *counts
            .entry(r["source"].as_str().expect("a source").to_string())
            .or_insert(0) += 1;
    }
    counts
}

/// Runs a batch to a pipe, its paths given on standard input: the first ten, then, once a
/// record has come out, `first` (and `second`, if any) while standard input is still open, so
/// that the batch is surely cut short. Returns (stdout, stderr, exit status).
fn interrupted_batch(
    paths: &[String],
    first: &str,
    second: Option<&str>,
) -> (String, String, Option<i32>) {
    let mut child = command(&["--format", "json", "-j", "2", "--input-list", "-"])
        .spawn()
        .expect("nutgraf runs");
    let mut stdin = child.stdin.take().expect("stdin");
    for p in &paths[..10] {
        writeln!(stdin, "{p}").expect("write a path");
    }
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut text = String::new();
    // Records are flushed when the writer waits, as it does for more paths here.
    out.read_line(&mut text).expect("a first record");
    signal(&child, first);
    if let Some(second) = second {
        signal(&child, second);
    }
    // A slow reader: the rest is read only after the signals.
    out.read_to_string(&mut text).expect("the rest of stdout");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let status = child.wait().expect("nutgraf ends");
    drop(stdin);
    (text, err, status.code())
}

#[test]
fn sigterm_mid_batch_to_a_pipe_leaves_whole_records_and_a_summary_and_resume_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let paths = pages(dir.path(), 30);
    let (text, err, code) = interrupted_batch(&paths, "TERM", None);
    assert_eq!(code, Some(143), "{err}");
    let recs = records(&text);
    assert!(recs.len() < paths.len(), "the batch was cut short");
    assert!(err.contains("documents read"), "the summary: {err}");
    assert!(err.contains("not done"), "{err}");

    // The output as a slow sink kept it, cut in the middle of a line; resume completes it.
    let out = dir.path().join("out.jsonl");
    std::fs::write(&out, text + "{\"source\":\"p0").unwrap();
    let mut args = vec!["--format", "json", "--resume", "-o", out.to_str().unwrap()];
    args.extend(paths.iter().map(String::as_str));
    let o = nutgraf(&args, None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let all = records(&std::fs::read_to_string(&out).unwrap());
    let counts = sources(&all);
    assert_eq!(counts.len(), paths.len(), "every input");
    assert!(counts.values().all(|&n| n == 1), "exactly once");
    assert!(String::from_utf8_lossy(&o.stderr).contains("already done"));
}

#[test]
fn sigint_exits_130_and_a_second_signal_stops_at_once_on_a_line_boundary() {
    let dir = tempfile::tempdir().unwrap();
    let paths = pages(dir.path(), 30);
    let (text, err, code) = interrupted_batch(&paths, "INT", None);
    assert_eq!(code, Some(130), "{err}");
    records(&text);
    let (text, err, code) = interrupted_batch(&paths, "TERM", Some("INT"));
    // Signals pending together are taken in either order: the first taken names the status.
    assert!(matches!(code, Some(130 | 143)), "{code:?}: {err}");
    assert!(records(&text).len() < paths.len());
    assert!(err.contains("not done"), "{err}");
}

#[test]
fn resume_skips_warc_records_already_in_the_output_by_path_and_record_id() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc");
    let mut bytes = Vec::new();
    for i in 1..=3 {
        let body = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>Record {i}</title><p>Words of record {i}, enough of them.</p>"
        );
        bytes.extend(
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nContent-Type: application/http; msgtype=response\r\nWARC-Target-URI: https://example.org/{i}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
                body.len()
            )
            .as_bytes(),
        );
    }
    std::fs::write(&warc, bytes).unwrap();
    let w = warc.to_str().unwrap();
    let out = dir.path().join("out.jsonl");
    std::fs::write(
        &out,
        format!("{{\"source\":\"{w}#urn:uuid:2\",\"text\":\"\"}}\n"),
    )
    .unwrap();
    let o = nutgraf(
        &[
            "--format",
            "json",
            "--resume",
            "-o",
            out.to_str().unwrap(),
            w,
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let all = records(&std::fs::read_to_string(&out).unwrap());
    let names: Vec<&str> = all.iter().filter_map(|r| r["source"].as_str()).collect();
    assert_eq!(
        names,
        [
            format!("{w}#urn:uuid:2"),
            format!("{w}#urn:uuid:1"),
            format!("{w}#urn:uuid:3")
        ]
    );
}

#[test]
fn resume_needs_an_output_file_and_json() {
    assert_eq!(
        nutgraf(&["--resume", "x.html"], None).status.code(),
        Some(2)
    );
    let o = nutgraf(&["--resume", "-o", "/dev/null", "x.html"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn an_input_list_with_a_non_utf8_line_reads_and_counts_every_other_path() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let paths = pages(d, 3);
    let odd = d.join(std::ffi::OsStr::from_bytes(b"caf\xe9.html"));
    std::fs::write(&odd, page(9)).unwrap();
    let mut list = Vec::new();
    list.extend(format!("{}\n", paths[0]).as_bytes());
    list.extend(d.as_os_str().as_bytes());
    list.extend(b"/caf\xe9.html\n");
    list.extend(b"bad\0line\n");
    list.extend(format!("{}\r\n\n{}\n", paths[1], paths[2]).as_bytes());
    let list_path = d.join("list.txt");
    std::fs::write(&list_path, list).unwrap();
    let o = nutgraf(
        &[
            "--format",
            "json",
            "--input-list",
            list_path.to_str().unwrap(),
        ],
        None,
    );
    let recs = records(&String::from_utf8(o.stdout.clone()).unwrap());
    assert_eq!(recs.len(), 5, "four pages and one error record");
    assert_eq!(
        recs[1]["title"], "Walk number 9",
        "the non-UTF-8 name is read"
    );
    let name = recs[1]["source"].as_str().unwrap();
    assert!(
        name.ends_with("/caf\\xE9.html"),
        "escaped losslessly: {name}"
    );
    assert!(recs[2]["error"].as_str().unwrap().contains("line 3"));
    assert_eq!(recs[4]["title"], "Walk number 2", "the list goes on");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("5 documents read, 4 extracted"), "{err}");
    assert_eq!(o.status.code(), Some(1), "a line could not be used");
}

#[test]
fn a_bogus_charset_or_crawl_date_is_a_usage_error_naming_the_value() {
    for (flag, value) in [("--charset", "bogus"), ("--crawl-date", "garbage")] {
        let o = nutgraf(&[flag, value, "-"], Some(b"<p>x</p>"));
        assert_eq!(o.status.code(), Some(2), "{flag} {value}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(value));
    }
    let o = nutgraf(
        &["--charset", "latin1", "--crawl-date", "2024-05-01", "-"],
        Some(b"<p>x</p>"),
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn exit_status_tells_all_good_from_failed_documents_and_unreadable_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let paths = pages(dir.path(), 2);
    let good = nutgraf(&[&paths[0], &paths[1]], None);
    assert_eq!(good.status.code(), Some(0));
    let failed = nutgraf(&["--max-bytes", "100", &paths[0]], None);
    assert_eq!(failed.status.code(), Some(3), "read, but a document failed");
    let missing = dir.path().join("missing.html");
    let unreadable = nutgraf(&[&paths[0], missing.to_str().unwrap()], None);
    assert_eq!(unreadable.status.code(), Some(1));
}

#[test]
fn an_empty_directory_exits_1_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let o = nutgraf(&[dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no .html"));
}

#[test]
fn a_gzip_stream_cut_in_its_last_trailer_reports_no_phantom_record() {
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut data = Vec::new();
    for i in 1..=2 {
        let body = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>R{i}</title><p>Words {i}.</p>"
        );
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        );
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(rec.as_bytes()).unwrap();
        data.extend(gz.finish().unwrap());
    }
    data.truncate(data.len() - 3);
    let path = dir.path().join("cut.warc.gz");
    std::fs::write(&path, data).unwrap();
    let o = nutgraf(&["--format", "json", path.to_str().unwrap()], None);
    let recs = records(&String::from_utf8(o.stdout.clone()).unwrap());
    let names: Vec<&str> = recs.iter().filter_map(|r| r["source"].as_str()).collect();
    let p = path.to_str().unwrap();
    assert_eq!(
        names,
        [
            format!("{p}#urn:uuid:1"),
            format!("{p}#urn:uuid:2"),
            p.to_string()
        ]
    );
    assert!(recs[2]["error"].as_str().unwrap().contains("cut short"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2 documents read"),
        "no phantom document: {err}"
    );
    assert_eq!(o.status.code(), Some(1), "the file could not be read whole");
}

#[test]
fn a_page_past_the_node_cap_is_a_truncated_record() {
    let html = "<title>Many</title>".to_string() + &page(1).repeat(5);
    let o = nutgraf(
        &["--format", "json", "--max-nodes", "300"],
        Some(html.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0));
    let recs = records(&String::from_utf8(o.stdout.clone()).unwrap());
    assert_eq!(recs[0]["truncated"], true);
    assert!(recs[0]["text"].as_str().unwrap().contains("We walked"));
    let whole = nutgraf(&["--format", "json"], Some(page(1).as_bytes()));
    let recs = records(&String::from_utf8(whole.stdout).unwrap());
    assert!(recs[0].get("truncated").is_none(), "said only when true");
}

/// Runs nutgraf on `args` and returns (seconds, peak resident memory in bytes), the peak read
/// from /proc while it runs (its high-water mark only grows).
#[cfg(target_os = "linux")]
fn measure(args: &[&str]) -> (f64, u64) {
    let start = std::time::Instant::now();
    let mut child = command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nutgraf runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_file)
            && let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb * 1024);
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    (start.elapsed().as_secs_f64(), peak)
}

#[cfg(target_os = "linux")]
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "an optimised build measures this: cargo test --profile quick --test faults"
)]
fn twenty_one_million_paragraphs_take_under_ten_seconds_and_a_gibibyte_two_at_once_under_two() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("p.html");
    let two = dir.path().join("q.html");
    std::fs::write(&one, "<p>".repeat(21_000_000)).unwrap();
    std::fs::copy(&one, &two).unwrap();
    let (one, two) = (one.to_str().unwrap(), two.to_str().unwrap());
    let (secs, peak) = measure(&["--format", "json", one]);
    eprintln!("one page: {secs:.2} s, {} MiB", peak >> 20);
    assert!(secs < 10.0, "{secs} s");
    assert!(peak < 1 << 30, "{} MiB", peak >> 20);
    let (secs, peak) = measure(&["--format", "json", "-j", "2", one, two]);
    eprintln!("two pages, -j 2: {secs:.2} s, {} MiB", peak >> 20);
    assert!(peak < 2 << 30, "{} MiB", peak >> 20);
    let o = nutgraf(&["--format", "json", one], None);
    let recs = records(&String::from_utf8(o.stdout).unwrap());
    assert_eq!(recs[0]["truncated"], true, "a record, said to be cut short");
}
