//! The per-stage profile: the time of each stage of an extraction with the default options,
//! summed over every page of the given directories, on one thread.
//!
//! usage: cargo run --release --example profile_stages -- [--repeat N] DIR|FILE...
//!   Reads every .html / .htm (or gzipped .html.gz / .htm.gz) file under each DIR, recursively,
//!   into memory first. Then, N times (default 3), runs each page through the stages one by one
//!   (`nutgraf::stages`), timing each with `Instant`; a stage's figure is its minimum over the N
//!   repeats. Prints a Markdown table (stage, total ms, share %, µs/page), the total and
//!   pages/s, and checks that the stage-by-stage text equals `Extractor::default().extract`'s
//!   for every page (mismatches are listed; there should be none). It allocates with the system
//!   allocator, as the `nutgraf` command does.
//!
//! With `--extract-only` it instead times `Extractor::default().extract` alone over the pages
//! (read and gunzipped first, as the peers' in-process figure in `scripts/compare-peers.sh`
//! is taken) and prints `CPU_SECONDS TEXT_CHARS` on one line: the thread's CPU time from
//! `/proc/thread-self/schedstat`, or wall time where that is missing.
//! (`scripts/profile-stages.sh` builds and runs it over the corpus.)

use nutgraf::record::ArticleFields;
use nutgraf::{Extractor, Focus, Limits, stages};
use serde::Serialize;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The stages in pipeline order; the ones after `TIMED` are timed but not part of a default
/// extraction's total.
const STAGES: [&str; 9] = [
    "decode",
    "parse",
    "metadata",
    "clean",
    "score",
    "render (text + JSON record)",
    "free (DOM, text, article)",
    "comments (opt-in, not in total)",
    "gunzip input (not in total)",
];
const TIMED: usize = 7;

/// The JSON Lines record as the CLI writes it (`--format json`): the source, then the fields.
#[derive(Serialize)]
struct Record<'a> {
    source: &'a str,
    #[serde(flatten)]
    article: ArticleFields<'a>,
}

/// One input page: its path and its bytes as read (gzipped or not).
struct Input {
    path: String,
    raw: Vec<u8>,
    gzipped: bool,
}

fn is_page(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    [".html", ".htm", ".html.gz", ".htm.gz"]
        .iter()
        .any(|e| name.ends_with(e))
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else if is_page(p) {
        out.push(p.to_path_buf());
    }
    Ok(())
}

fn gunzip(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(raw).read_to_end(&mut out)?;
    Ok(out)
}

/// The record line of an article, as the CLI writes it.
fn record_line(source: &str, a: &nutgraf::Article) -> String {
    let rec = Record {
        source,
        article: ArticleFields::new(a, false),
    };
    let mut line = serde_json::to_string(&rec).unwrap_or_default();
    line.push('\n');
    line
}

/// What one page's run through the stages gives: its text and record line (for the check).
struct Outcome {
    text: String,
    line: String,
}

/// Runs one page through the stages, adding each stage's time to `times`.
fn run_stages(input: &Input, times: &mut [Duration; 9], keep: bool) -> Option<Outcome> {
    let limits = Limits::default();
    let focus = Focus::Balanced;
    let t = Instant::now();
    let unzipped = if input.gzipped {
        Some(gunzip(&input.raw).ok()?)
    } else {
        None
    };
    let bytes: &[u8] = unzipped.as_deref().unwrap_or(&input.raw);
    let mut last = Instant::now();
    times[8] += last - t;
    let mut lap = |i: usize| {
        let now = Instant::now();
        times[i] += now - last;
        last = now;
    };
    if bytes.len() > limits.max_bytes {
        return None;
    }
    let (text, encoding) = stages::decode(bytes);
    lap(0);
    let page = stages::parse_page(&text, &limits)?;
    lap(1);
    let meta = stages::page_metadata(&page, None);
    lap(2);
    let marks = stages::clean(&page, &meta, None, focus);
    lap(3);
    let body = stages::score(&page, &marks, &meta, None, focus);
    lap(4);
    black_box(stages::comments(&page, &meta, None));
    lap(7);
    let article = stages::assemble(&page, meta, body, Vec::new(), encoding);
    let line = record_line(&input.path, &article);
    black_box(&line);
    lap(5);
    let outcome = keep.then(|| Outcome {
        text: article.text.clone(),
        line: line.clone(),
    });
    drop(line);
    drop(article);
    drop(marks);
    drop(page);
    drop(text);
    lap(6);
    drop(unzipped);
    outcome.or(Some(Outcome {
        text: String::new(),
        line: String::new(),
    }))
}

/// The calling thread's CPU time (Linux), else `None`.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// `--extract-only`: the extraction alone over pages already in memory.
fn extract_only(inputs: &[Input]) -> std::io::Result<()> {
    let docs = inputs
        .iter()
        .map(|i| {
            if i.gzipped {
                gunzip(&i.raw)
            } else {
                Ok(i.raw.clone())
            }
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    let extractor = Extractor::default();
    let (cpu, wall) = (thread_cpu(), Instant::now());
    let mut chars = 0usize;
    for d in &docs {
        if let Ok(a) = extractor.extract(d) {
            chars += a.text.chars().count();
        }
    }
    let took = match (cpu, thread_cpu()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    println!("{} {chars}", took.as_secs_f64());
    Ok(())
}

fn main() -> std::io::Result<()> {
    let mut repeat = 3usize;
    let mut only_extract = false;
    let mut roots = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--repeat" {
            repeat = args
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .unwrap_or_else(|| {
                    eprintln!("--repeat needs a positive number");
                    std::process::exit(2)
                });
        } else if a == "--extract-only" {
            only_extract = true;
        } else if let Some(n) = a.strip_prefix("--repeat=") {
            repeat = n.parse().unwrap_or(3).max(1);
        } else {
            roots.push(PathBuf::from(a));
        }
    }
    if roots.is_empty() {
        eprintln!("usage: profile_stages [--repeat N | --extract-only] DIR|FILE...");
        std::process::exit(2);
    }
    let mut paths = Vec::new();
    for r in &roots {
        collect(r, &mut paths)?;
    }
    let mut inputs = Vec::with_capacity(paths.len());
    let mut decompressed = 0usize;
    let mut largest = (0usize, String::new());
    for p in paths {
        let raw = std::fs::read(&p)?;
        let gzipped = p.extension().is_some_and(|e| e == "gz");
        let size = if gzipped {
            gunzip(&raw)?.len()
        } else {
            raw.len()
        };
        decompressed += size;
        if size > largest.0 {
            largest = (size, p.display().to_string());
        }
        inputs.push(Input {
            path: p.display().to_string(),
            raw,
            gzipped,
        });
    }
    let n = inputs.len();
    if n == 0 {
        eprintln!("no pages found");
        std::process::exit(1);
    }
    if only_extract {
        return extract_only(&inputs);
    }

    // The check first (also a warm-up): stage by stage against `Extractor::extract`.
    let extractor = Extractor::default();
    let mut mismatches = Vec::new();
    let mut record_mismatches = 0usize;
    let mut failed = 0usize;
    let mut scratch = [Duration::ZERO; 9];
    for input in &inputs {
        let staged = run_stages(input, &mut scratch, true);
        let bytes = if input.gzipped {
            gunzip(&input.raw)?
        } else {
            input.raw.clone()
        };
        let whole = extractor.extract(&bytes).ok();
        match (staged, whole) {
            (Some(s), Some(w)) => {
                if s.text != w.text {
                    mismatches.push(input.path.clone());
                }
                if s.line != record_line(&input.path, &w) {
                    record_mismatches += 1;
                }
            }
            (None, None) => failed += 1,
            _ => mismatches.push(format!("{} (only one way failed)", input.path)),
        }
    }

    let mut best = [Duration::MAX; 9];
    let mut best_run = Duration::MAX;
    for _ in 0..repeat {
        let mut times = [Duration::ZERO; 9];
        for input in &inputs {
            run_stages(input, &mut times, false);
        }
        for (b, t) in best.iter_mut().zip(times) {
            *b = (*b).min(t);
        }
        best_run = best_run.min(times[..TIMED].iter().sum());
    }

    let total: Duration = best[..TIMED].iter().sum();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let share = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    let per_page = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "{n} pages, {:.1} MB decompressed; per stage the minimum of {repeat} repeat(s), one thread",
        decompressed as f64 / 1e6
    );
    println!();
    println!("| stage | total ms | share % | µs/page |");
    println!("|---|---:|---:|---:|");
    for (i, name) in STAGES.iter().enumerate() {
        if i == TIMED {
            println!(
                "| **total** | **{:.1}** | **100.0** | **{:.1}** |",
                ms(total),
                per_page(total)
            );
        }
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} |",
            ms(best[i]),
            share(best[i]),
            per_page(best[i])
        );
    }
    println!();
    println!(
        "total {:.1} ms: {:.0} pages/s, {:.1} MB/s (best whole repeat {:.1} ms: {:.0} pages/s)",
        ms(total),
        n as f64 / total.as_secs_f64(),
        decompressed as f64 / 1e6 / total.as_secs_f64(),
        ms(best_run),
        n as f64 / best_run.as_secs_f64()
    );
    println!(
        "largest page {:.2} MB decompressed: {}",
        largest.0 as f64 / 1e6,
        largest.1
    );
    if failed > 0 {
        println!("{failed} page(s) failed both ways (over a limit), left out of the check");
    }
    println!(
        "check against Extractor::default().extract: {} text mismatch(es), {record_mismatches} record mismatch(es)",
        mismatches.len()
    );
    for m in &mismatches {
        println!("  mismatch: {m}");
    }
    Ok(())
}
