//! The command line: one reader thread, `--jobs` extraction workers under a watchdog, and a
//! writer that puts results back in input order. A bounded window of documents in flight keeps
//! memory flat however many inputs there are.

mod args;
mod input;
mod record;
mod stats;
mod warc;

use args::Args;
use clap::Parser;
use input::{Doc, Item};
use record::Style;
use stats::{Progress, Stats};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Runs the command and returns its exit status.
pub fn run() -> ExitCode {
    let mut args = Args::parse();
    if args.inputs.is_empty() && args.input_list.is_none() {
        args.inputs.push("-".into());
    }
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("nutgraf: cannot create {}: {e}", path.display());
                return ExitCode::from(1);
            }
        },
        None => Box::new(io::stdout()),
    };
    match execute(args, out) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nutgraf: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// What the writer receives.
enum Msg {
    /// The rendered output of document `seq` (possibly empty), read as `size` bytes.
    Output { seq: u64, size: usize, text: String },
    /// The reader is done: there are `total` documents.
    End { total: u64 },
}

/// Largest total size of the documents between the reader and the writer.
const WINDOW_BYTES: usize = 256 << 20;

/// A semaphore that bounds the documents between the reader and the writer, in number and in
/// bytes (one document is always let through, however large).
struct Window {
    /// Documents and bytes in flight.
    used: Mutex<(usize, usize)>,
    cv: Condvar,
    max_docs: usize,
    max_bytes: usize,
}

impl Window {
    fn new(max_docs: usize, max_bytes: usize) -> Self {
        Window {
            used: Mutex::new((0, 0)),
            cv: Condvar::new(),
            max_docs,
            max_bytes,
        }
    }
    fn acquire(&self, size: usize) {
        let mut used = lock(&self.used);
        while used.0 > 0
            && (used.0 >= self.max_docs || used.1.saturating_add(size) > self.max_bytes)
        {
            used = self.cv.wait(used).unwrap_or_else(|p| p.into_inner());
        }
        used.0 += 1;
        used.1 = used.1.saturating_add(size);
    }
    fn release(&self, size: usize) {
        let mut used = lock(&self.used);
        used.0 = used.0.saturating_sub(1);
        used.1 = used.1.saturating_sub(size);
        self.cv.notify_one();
    }
}

/// The document a worker is busy with, for the watchdog.
#[derive(Default)]
struct Slot {
    /// Sequence number, size, start time and provenance of the current document.
    current: Option<(u64, usize, Instant, Doc)>,
    /// Set by the watchdog: the worker overran, its result is dropped and it retires.
    abandoned: bool,
}

/// Everything the threads share.
struct Shared {
    options: nutgraf::Options,
    style: Style,
    stats: Stats,
    progress: Progress,
    /// Whether every input could be read.
    all_read: AtomicBool,
    window: Window,
    /// The writer failed: stop reading.
    stop: AtomicBool,
    timeout: Option<Duration>,
    work: Mutex<mpsc::Receiver<(u64, usize, Item)>>,
    out: mpsc::Sender<Msg>,
    slots: Mutex<Vec<Arc<Mutex<Slot>>>>,
    /// Number of extraction workers asked for.
    jobs: usize,
    /// Workers still running an overrun document, and replacements not started because too
    /// many are (at most `jobs` replacements run at once, so CPU use stays bounded).
    overrun: Mutex<Overrun>,
}

/// Bookkeeping for workers the watchdog retired.
#[derive(Default)]
struct Overrun {
    /// Retired workers still running.
    running: usize,
    /// Replacements owed: a retired worker that finishes takes one over.
    owed: usize,
}

/// How one document ended, for the counters.
enum Outcome {
    Extracted,
    Empty,
    Failed,
}

/// Reads, extracts and writes everything; `Ok(false)` when some input could not be read.
fn execute(args: Args, out: Box<dyn Write + Send>) -> io::Result<bool> {
    let jobs = args
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = nutgraf::Options {
        url: args.url.clone(),
        focus: args.focus.into(),
        charset: args.charset.clone(),
        comments: args.comments,
        limits: nutgraf::Limits {
            max_bytes: usize::try_from(args.max_bytes).unwrap_or(usize::MAX),
            max_depth: args.max_depth,
            max_attributes: args.max_attributes,
            ..nutgraf::Limits::default()
        },
        crawl_date: args.crawl_date.clone(),
        block_scores: args.include.contains(&args::Include::Blocks),
    };
    let style = Style {
        format: args.format,
        comments: args.comments,
        headers: input::many_documents(&args.inputs, args.input_list.as_deref()),
        include_markdown: args.include.contains(&args::Include::Markdown),
        include_html: args.include.contains(&args::Include::Html),
        include_blocks: args.include.contains(&args::Include::Blocks),
        links: args.links,
    };
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, usize, Item)>(jobs * 2);
    let (out_tx, out_rx) = mpsc::channel::<Msg>();
    let shared = Arc::new(Shared {
        options,
        style,
        stats: Stats::default(),
        progress: Progress::new(args.quiet),
        all_read: AtomicBool::new(true),
        window: Window::new(jobs * 16 + 16, WINDOW_BYTES),
        stop: AtomicBool::new(false),
        timeout: (!args.timeout.is_zero()).then_some(args.timeout),
        work: Mutex::new(work_rx),
        out: out_tx,
        slots: Mutex::new(Vec::new()),
        jobs,
        overrun: Mutex::new(Overrun::default()),
    });

    if shared.progress.shown() {
        let (sh, inputs, list) = (
            Arc::clone(&shared),
            args.inputs.clone(),
            args.input_list.clone(),
        );
        std::thread::spawn(move || {
            if let Some(total) = input::total_size(&inputs, list.as_deref()) {
                sh.progress.set_total(total);
            }
        });
    }
    {
        let sh = Arc::clone(&shared);
        let (inputs, list, max_bytes) =
            (args.inputs.clone(), args.input_list.clone(), args.max_bytes);
        std::thread::spawn(move || read(&sh, work_tx, &inputs, list.as_deref(), max_bytes));
    }
    for _ in 0..jobs {
        spawn_worker(&shared);
    }
    if let Some(timeout) = shared.timeout {
        let sh = Arc::clone(&shared);
        std::thread::spawn(move || watchdog(&sh, timeout));
    }

    let result = write_all(&shared, out_rx, out, !args.unordered);
    shared.progress.update(&shared.stats);
    shared.progress.finish();
    if result.is_err() {
        shared.stop.store(true, Relaxed);
    }
    if !args.quiet {
        eprintln!("{}", shared.stats.summary(shared.progress.elapsed()));
    }
    result?;
    Ok(shared.all_read.load(Relaxed))
}

/// The reader thread: numbers the items and hands them to the workers, within the window.
fn read(
    sh: &Shared,
    work: mpsc::SyncSender<(u64, usize, Item)>,
    inputs: &[std::path::PathBuf],
    list: Option<&std::path::Path>,
    max_bytes: u64,
) {
    let seq = std::cell::Cell::new(0u64);
    let mut emit = |item: Item| {
        let size = match &item {
            Item::Doc(d) => d.bytes.len(),
            Item::Failed { .. } => 0,
        };
        sh.window.acquire(size);
        if sh.stop.load(Relaxed) || work.send((seq.get(), size, item)).is_err() {
            return false;
        }
        seq.set(seq.get() + 1);
        true
    };
    let reading = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        input::Reader {
            max_bytes,
            stats: &sh.stats,
            emit: &mut emit,
        }
        .read_all(inputs, list)
    }));
    if reading.is_err() {
        // Should never happen; the documents read so far still come out.
        sh.all_read.store(false, Relaxed);
        sh.progress
            .println("nutgraf: internal error while reading the inputs: the rest is not read");
    }
    // A send error only means the writer is gone.
    let _ = sh.out.send(Msg::End { total: seq.get() });
}

fn spawn_worker(shared: &Arc<Shared>) {
    let slot = Arc::new(Mutex::new(Slot::default()));
    lock(&shared.slots).push(Arc::clone(&slot));
    let sh = Arc::clone(shared);
    std::thread::spawn(move || worker(&sh, &slot));
}

/// A worker: extracts documents until the input ends or the watchdog retires it.
fn worker(sh: &Shared, slot: &Arc<Mutex<Slot>>) {
    loop {
        let next = lock(&sh.work).recv();
        let Ok((seq, size, item)) = next else { return };
        let (Item::Doc(doc) | Item::Failed { doc, .. }) = &item;
        let provenance = Doc {
            source: doc.source.clone(),
            url: doc.url.clone(),
            warc_date: doc.warc_date.clone(),
            ..Doc::default()
        };
        if matches!(item, Item::Doc(_)) {
            lock(slot).current = Some((seq, size, Instant::now(), provenance.clone()));
        }
        // The library does not panic; should a bug make it, the document becomes an error
        // record rather than a hole that would stall the ordered output.
        let (text, outcome) =
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(sh, item))) {
                Ok(done) => done,
                Err(_) => {
                    let error = "internal error: extraction panicked (please report this page)";
                    (sh.style.failure(&provenance, error), Outcome::Failed)
                }
            };
        {
            let mut s = lock(slot);
            if s.abandoned {
                // The watchdog has already written this document's error record.
                drop(s);
                let mut o = lock(&sh.overrun);
                o.running = o.running.saturating_sub(1);
                if o.owed == 0 {
                    return;
                }
                // Take over a replacement that was not started.
                o.owed -= 1;
                drop(o);
                *lock(slot) = Slot::default();
                lock(&sh.slots).push(Arc::clone(slot));
                continue;
            }
            s.current = None;
        }
        count(&sh.stats, outcome);
        if sh.out.send(Msg::Output { seq, size, text }).is_err() {
            return;
        }
    }
}

fn count(stats: &Stats, outcome: Outcome) {
    let counter = match outcome {
        Outcome::Extracted => &stats.extracted,
        Outcome::Empty => &stats.empty,
        Outcome::Failed => &stats.failed,
    };
    counter.fetch_add(1, Relaxed);
}

/// Turns documents that overrun the time limit into error records and replaces their workers.
fn watchdog(sh: &Arc<Shared>, timeout: Duration) {
    let poll = (timeout / 4).clamp(Duration::from_millis(1), Duration::from_millis(100));
    loop {
        std::thread::sleep(poll);
        let slots: Vec<Arc<Mutex<Slot>>> = lock(&sh.slots).clone();
        for slot in slots {
            // All bookkeeping happens under the slot's lock, so that the worker, when it
            // finishes, sees it complete.
            let (seq, size, doc, replace) = {
                let mut s = lock(&slot);
                let overran =
                    matches!(&s.current, Some((_, _, start, _)) if start.elapsed() > timeout);
                if !overran {
                    continue;
                }
                let Some((seq, size, _, doc)) = s.current.take() else {
                    continue;
                };
                s.abandoned = true;
                lock(&sh.slots).retain(|other| !Arc::ptr_eq(other, &slot));
                let mut o = lock(&sh.overrun);
                o.running += 1;
                let replace = o.running <= sh.jobs;
                if !replace {
                    o.owed += 1;
                }
                (seq, size, doc, replace)
            };
            let error =
                format!("extraction took longer than {timeout:?}: raise --timeout to allow it");
            sh.progress
                .println(&format!("nutgraf: {}: {error}", doc.source));
            count(&sh.stats, Outcome::Failed);
            let text = sh.style.failure(&doc, &error);
            if sh.out.send(Msg::Output { seq, size, text }).is_err() {
                return;
            }
            if replace {
                spawn_worker(sh);
            }
        }
    }
}

/// Extracts one item and renders it; failures are also said on stderr.
fn process(sh: &Shared, item: Item) -> (String, Outcome) {
    match item {
        Item::Failed {
            doc,
            error,
            unreadable,
        } => {
            if unreadable {
                sh.all_read.store(false, Relaxed);
            }
            sh.progress
                .println(&format!("nutgraf: {}: {error}", doc.source));
            (sh.style.failure(&doc, &error), Outcome::Failed)
        }
        Item::Doc(doc) => extract(sh, doc),
    }
}

fn extract(sh: &Shared, doc: Doc) -> (String, Outcome) {
    let mut options = sh.options.clone();
    if doc.url.is_some() {
        options.url = doc.url.clone();
    }
    if doc.charset.is_some() {
        options.charset = doc.charset.clone();
    }
    if doc.warc_date.is_some() {
        // A page cannot be published after it was crawled.
        options.crawl_date = doc.warc_date.clone();
    }
    let extractor = nutgraf::Extractor::with_options(options);
    match extractor.extract(&doc.bytes) {
        Ok(article) => {
            let outcome = if article.is_empty() {
                Outcome::Empty
            } else {
                Outcome::Extracted
            };
            (sh.style.article(&doc, &article), outcome)
        }
        Err(e) => {
            let msg = e.to_string();
            sh.progress
                .println(&format!("nutgraf: {}: {msg}", doc.source));
            (sh.style.failure(&doc, &msg), Outcome::Failed)
        }
    }
}

/// The writer: in sequence order unless `ordered` is false; ends when every document is written.
fn write_all(
    sh: &Shared,
    rx: mpsc::Receiver<Msg>,
    out: Box<dyn Write + Send>,
    ordered: bool,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(256 * 1024, out);
    let mut pending: BTreeMap<u64, (usize, String)> = BTreeMap::new();
    let (mut next, mut written) = (0u64, 0u64);
    let mut total = None;
    let mut last_update = Instant::now();
    while total != Some(written) {
        let msg = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                sh.progress.update(&sh.stats);
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        match msg {
            Msg::End { total: t } => total = Some(t),
            Msg::Output { size, text, .. } if !ordered => {
                out.write_all(text.as_bytes())?;
                sh.window.release(size);
                written += 1;
            }
            Msg::Output { seq, size, text } => {
                pending.insert(seq, (size, text));
                while let Some((size, text)) = pending.remove(&next) {
                    out.write_all(text.as_bytes())?;
                    sh.window.release(size);
                    next += 1;
                    written += 1;
                }
            }
        }
        if last_update.elapsed() > Duration::from_millis(100) {
            sh.progress.update(&sh.stats);
            last_update = Instant::now();
        }
    }
    out.flush()
}
