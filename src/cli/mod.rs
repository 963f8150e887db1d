//! The command line: one reader thread (it reads files and splits WARC files into records; the
//! workers inflate gzipped pages), `--jobs` extraction workers under a watchdog, and a writer
//! that puts results back in input order. A bounded window of documents in flight keeps
//! memory flat however many inputs there are. An interrupt stops the reading, lets the
//! documents under way finish and writes only whole records.

mod args;
mod input;
mod record;
mod resume;
mod signals;
mod stats;
mod warc;
mod window;

use args::Args;
use clap::{CommandFactory, Parser};
use input::{Doc, Item};
use record::Style;
use signals::Interrupt;
use stats::{Progress, Stats};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use window::{WINDOW_BYTES, Window};

/// Runs the command and returns its exit status.
pub fn run() -> ExitCode {
    let mut args = Args::parse();
    if args.inputs.is_empty() && args.input_list.is_none() {
        args.inputs.push("-".into());
    }
    if args.resume && args.format != args::Format::Json {
        Args::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--resume needs --format json: it reads the sources of the records in the output",
            )
            .exit();
    }
    let interrupt = Interrupt::install();
    let mut done = HashSet::new();
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) if args.resume => match resume::open(path) {
            Ok((f, sources)) => {
                done = sources;
                Box::new(f)
            }
            Err(e) => {
                eprintln!("nutgraf: cannot resume {}: {e}", path.display());
                return ExitCode::from(1);
            }
        },
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("nutgraf: cannot create {}: {e}", path.display());
                return ExitCode::from(1);
            }
        },
        None => Box::new(io::stdout()),
    };
    match execute(args, out, done, interrupt) {
        Ok(ended) => ExitCode::from(ended.status()),
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

/// How a run ended, for the exit status.
struct Ended {
    /// Every input could be read.
    all_read: bool,
    /// Some document failed.
    failed: bool,
    /// The exit status of an interrupt, if one came.
    interrupted: Option<u8>,
}

impl Ended {
    /// 128 + signal when interrupted, 1 when some input was unreadable, 3 when every input was
    /// read but some document failed, else 0 (the `--help` text says the same).
    fn status(&self) -> u8 {
        match self.interrupted {
            Some(status) => status,
            None if !self.all_read => 1,
            None if self.failed => 3,
            None => 0,
        }
    }
}

/// What the writer receives.
enum Msg {
    /// The rendered outputs of documents, as `(seq, size, text)`: document `seq` (read as
    /// `size` bytes) rendered as `text` (possibly empty). A worker hands on a few at once.
    Output(Vec<(u64, usize, String)>),
    /// Document `seq` was not started, because of an interrupt.
    Dropped { seq: u64, size: usize },
    /// The reader is done: there are `total` documents.
    End { total: u64 },
}

/// The document a worker is busy with, for the watchdog, and the outputs it holds.
#[derive(Default)]
struct Slot {
    /// Sequence number, size, start time and provenance of the current document.
    current: Option<(u64, usize, Instant, Doc)>,
    /// Set by the watchdog: the worker overran, its result is dropped and it retires.
    abandoned: bool,
    /// Finished outputs not yet handed to the writer, as `(seq, size, text)`: while more work
    /// is waiting a worker hands them on a few at a time, so that the writer wakes once per
    /// batch rather than once per document. The watchdog hands them on if it retires the worker.
    held: Vec<(u64, usize, String)>,
}

impl Slot {
    /// Whether the held outputs are enough to hand on.
    fn holds_enough(&self) -> bool {
        self.held.len() >= HELD_DOCS
            || self
                .held
                .iter()
                .map(|(_, _, text)| text.len())
                .sum::<usize>()
                >= HELD_BYTES
    }
}

/// A worker hands its held outputs on when it holds this many, or this many bytes of text, or
/// when it has no more work waiting.
const HELD_DOCS: usize = 8;
const HELD_BYTES: usize = 1 << 20;

/// Everything the threads share.
struct Shared {
    /// One extractor for every document (each gets its own URL, charset and date).
    extractor: nutgraf::Extractor,
    style: Style,
    stats: Stats,
    progress: Progress,
    /// Whether every input could be read.
    all_read: AtomicBool,
    window: Window,
    /// The writer failed: stop reading.
    stop: AtomicBool,
    /// SIGINT / SIGTERM.
    interrupt: Arc<Interrupt>,
    /// Held by the reader while it hands a document on, and by the writer when it takes the
    /// count after an interrupt, so that the count is final.
    emit_lock: Mutex<()>,
    /// Documents handed on so far.
    emitted: AtomicU64,
    timeout: Option<Duration>,
    /// Largest document accepted, in bytes (the reader reads a page, and a worker inflates a
    /// gzipped one, up to it).
    max_bytes: u64,
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
    /// Not a document (an input cut short after its last record).
    Uncounted,
}

/// Reads, extracts and writes everything, skipping the sources in `done`.
fn execute(
    args: Args,
    out: Box<dyn Write + Send>,
    done: HashSet<String>,
    interrupt: Arc<Interrupt>,
) -> io::Result<Ended> {
    let jobs = args
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let timeout = (!args.timeout.is_zero()).then_some(args.timeout);
    let options = nutgraf::Options {
        url: args.url.clone(),
        focus: args.focus.into(),
        charset: args.charset.clone(),
        comments: args.comments,
        limits: nutgraf::Limits {
            max_bytes: usize::try_from(args.max_bytes).unwrap_or(usize::MAX),
            max_depth: args.max_depth,
            max_attributes: args.max_attributes,
            max_nodes: args.max_nodes,
            max_memory: usize::try_from(args.max_memory).unwrap_or(usize::MAX),
            max_time: timeout,
        },
        crawl_date: args.crawl_date.clone(),
        block_scores: args.include.contains(&args::Include::Blocks),
        explain: args.format == args::Format::Explain,
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
    // The window bounds what is read ahead; the work queue holds all of it, so that the reader
    // waits on the window alone (which wakes it once per half window, not once per document).
    let window_docs = jobs * 16 + 16;
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, usize, Item)>(window_docs);
    let (out_tx, out_rx) = mpsc::channel::<Msg>();
    let shared = Arc::new(Shared {
        extractor: nutgraf::Extractor::with_options(options),
        style,
        stats: Stats::default(),
        progress: Progress::new(args.quiet),
        all_read: AtomicBool::new(true),
        window: Window::new(window_docs, WINDOW_BYTES),
        stop: AtomicBool::new(false),
        interrupt,
        emit_lock: Mutex::new(()),
        emitted: AtomicU64::new(0),
        // The library stops a document at the time limit itself; the watchdog is the last
        // resort for one that somehow does not.
        timeout: timeout.map(|t| t.saturating_mul(2).saturating_add(Duration::from_secs(1))),
        max_bytes: args.max_bytes,
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
        let (inputs, list) = (args.inputs.clone(), args.input_list.clone());
        std::thread::spawn(move || read(&sh, work_tx, &inputs, list.as_deref(), &done));
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
    let interrupted = shared.interrupt.exit_status();
    if !args.quiet {
        let mut summary = shared.stats.summary(shared.progress.elapsed());
        if interrupted.is_some() {
            let written = result.as_ref().map_or(0, |w| *w);
            let not_done = shared.emitted.load(Relaxed).saturating_sub(written);
            summary.push_str(&format!(
                "; interrupted: {not_done} documents not done (--resume carries on)"
            ));
        }
        eprintln!("{summary}");
    }
    result?;
    Ok(Ended {
        all_read: shared.all_read.load(Relaxed),
        failed: shared.stats.failed.load(Relaxed) > 0,
        interrupted,
    })
}

/// The reader thread: numbers the items and hands them to the workers, within the window.
fn read(
    sh: &Shared,
    work: mpsc::SyncSender<(u64, usize, Item)>,
    inputs: &[std::path::PathBuf],
    list: Option<&std::path::Path>,
    done: &HashSet<String>,
) {
    let seq = std::cell::Cell::new(0u64);
    let mut emit = |item: Item| {
        let size = match &item {
            Item::Doc(d) => d.bytes.len(),
            Item::Failed { .. } | Item::Cut { .. } => 0,
        };
        sh.window.acquire(size);
        let _handing_on = lock(&sh.emit_lock);
        if sh.stop.load(Relaxed)
            || sh.interrupt.stopping()
            || work.send((seq.get(), size, item)).is_err()
        {
            sh.window.release(size);
            return false;
        }
        seq.set(seq.get() + 1);
        sh.emitted.store(seq.get(), Relaxed);
        true
    };
    let reading = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        input::Reader {
            max_bytes: sh.max_bytes,
            stats: &sh.stats,
            emit: &mut emit,
            done,
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
        // Work waiting, unless another worker is already waiting for it (it holds the queue
        // while it waits) or there is none.
        let ready = match sh.work.try_lock() {
            Ok(work) => work.try_recv().ok(),
            Err(_) => None,
        };
        let next = match ready {
            Some(next) => Ok(next),
            None => {
                // Hand on what is done before waiting: nothing is held while a worker waits.
                if !hand_on(sh, slot) {
                    return;
                }
                lock(&sh.work).recv()
            }
        };
        let Ok((seq, size, item)) = next else { return };
        if sh.interrupt.stopping() {
            // Interrupted: documents not yet started are left for `--resume`.
            if sh.out.send(Msg::Dropped { seq, size }).is_err() {
                return;
            }
            continue;
        }
        let provenance = match &item {
            Item::Doc(doc) | Item::Failed { doc, .. } => Doc {
                source: doc.source.clone(),
                url: doc.url.clone(),
                warc_date: doc.warc_date.clone(),
                ..Doc::default()
            },
            Item::Cut { source, .. } => Doc {
                source: source.clone(),
                ..Doc::default()
            },
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
            count(&sh.stats, outcome);
            s.held.push((seq, size, text));
            if !s.holds_enough() {
                continue;
            }
        }
        if !hand_on(sh, slot) {
            return;
        }
    }
}

/// Hands a worker's held outputs to the writer; false when the writer is gone.
fn hand_on(sh: &Shared, slot: &Mutex<Slot>) -> bool {
    let held = std::mem::take(&mut lock(slot).held);
    // One message for the lot: the writer, woken by the first, would otherwise take them one
    // by one, each on a wake of its own.
    held.is_empty() || sh.out.send(Msg::Output(held)).is_ok()
}

fn count(stats: &Stats, outcome: Outcome) {
    let counter = match outcome {
        Outcome::Extracted => &stats.extracted,
        Outcome::Empty => &stats.empty,
        Outcome::Failed => &stats.failed,
        Outcome::Uncounted => return,
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
                // The outputs the worker finished before this one go on now.
                let held = std::mem::take(&mut s.held);
                if !held.is_empty() {
                    let _ = sh.out.send(Msg::Output(held));
                }
                lock(&sh.slots).retain(|other| !Arc::ptr_eq(other, &slot));
                let mut o = lock(&sh.overrun);
                o.running += 1;
                let replace = o.running <= sh.jobs;
                if !replace {
                    o.owed += 1;
                }
                (seq, size, doc, replace)
            };
            let error = format!(
                "extraction took longer than {timeout:?} and was abandoned: raise --timeout to allow it"
            );
            sh.progress
                .println(&format!("nutgraf: {}: {error}", doc.source));
            count(&sh.stats, Outcome::Failed);
            let text = sh.style.failure(&doc, &error);
            if sh.out.send(Msg::Output(vec![(seq, size, text)])).is_err() {
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
        Item::Cut { source, error } => {
            sh.all_read.store(false, Relaxed);
            sh.progress.println(&format!("nutgraf: {source}: {error}"));
            let doc = Doc {
                source,
                ..Doc::default()
            };
            (sh.style.failure(&doc, &error), Outcome::Uncounted)
        }
        Item::Doc(mut doc) => match input::inflate(&mut doc, sh.max_bytes) {
            Ok(()) => {
                let done = extract(sh, &doc);
                input::recycle(doc.bytes);
                done
            }
            Err((error, unreadable)) => {
                doc.bytes = Vec::new();
                process(
                    sh,
                    Item::Failed {
                        doc,
                        error,
                        unreadable,
                    },
                )
            }
        },
    }
}

fn extract(sh: &Shared, doc: &Doc) -> (String, Outcome) {
    let page = nutgraf::Page {
        html: &doc.bytes,
        url: doc.url.as_deref(),
        charset: doc.charset.as_deref(),
        // A page cannot be published after it was crawled.
        crawl_date: doc.warc_date.as_deref(),
    };
    match sh.extractor.extract_page(&page) {
        Ok(article) => {
            let outcome = if article.is_empty() {
                Outcome::Empty
            } else {
                Outcome::Extracted
            };
            (sh.style.article(doc, &article), outcome)
        }
        Err(e) => {
            let msg = e.to_string();
            sh.progress
                .println(&format!("nutgraf: {}: {msg}", doc.source));
            (sh.style.failure(doc, &msg), Outcome::Failed)
        }
    }
}

/// The writer: in sequence order unless `ordered` is false; ends when every document is written
/// (or, after an interrupt, when every document handed on is written or dropped; at once after a
/// second one). Returns the number of documents written.
fn write_all(
    sh: &Shared,
    rx: mpsc::Receiver<Msg>,
    out: Box<dyn Write + Send>,
    ordered: bool,
) -> io::Result<u64> {
    let mut out = io::BufWriter::with_capacity(256 * 1024, out);
    // The explain report is one page around every document, with a table of contents.
    let explain = sh.style.format == args::Format::Explain;
    let mut toc = Vec::new();
    if explain {
        out.write_all(nutgraf::render::explain_head().as_bytes())?;
    }
    let mut pending: BTreeMap<u64, (usize, Option<String>)> = BTreeMap::new();
    // `resolved` counts the documents written or dropped, in order when `ordered`.
    let (mut next, mut resolved, mut written) = (0u64, 0u64, 0u64);
    let mut total = None;
    let mut last_update = Instant::now();
    while total != Some(resolved) {
        if sh.interrupt.at_once() {
            break;
        }
        if total.is_none() && sh.interrupt.stopping() {
            // The reader hands nothing on any more: what it has handed on is all there is.
            let _count = lock(&sh.emit_lock);
            total = Some(sh.emitted.load(Relaxed));
            continue;
        }
        let msg = match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // Nothing to write for now: let a slow reader have what is done.
                out.flush()?;
                sh.progress.update(&sh.stats);
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let done: Vec<(u64, usize, Option<String>)> = match msg {
            Msg::End { total: t } => {
                total = Some(t);
                continue;
            }
            Msg::Output(outputs) => outputs
                .into_iter()
                .map(|(seq, size, text)| (seq, size, Some(text)))
                .collect(),
            Msg::Dropped { seq, size } => vec![(seq, size, None)],
        };
        // A document done: written (unless dropped), and its room in the window given back.
        let mut finish = |size: usize, text: Option<String>| -> io::Result<()> {
            if let Some(text) = text {
                emit(&mut out, &mut toc, explain, &text)?;
                written += 1;
            }
            sh.window.release(size);
            resolved += 1;
            Ok(())
        };
        for (seq, size, text) in done {
            if sh.interrupt.at_once() {
                break;
            }
            if !ordered {
                finish(size, text)?;
                continue;
            }
            pending.insert(seq, (size, text));
            while let Some((size, text)) = pending.remove(&next) {
                finish(size, text)?;
                next += 1;
                if sh.interrupt.at_once() {
                    break;
                }
            }
        }
        if last_update.elapsed() > Duration::from_millis(100) {
            sh.progress.update(&sh.stats);
            last_update = Instant::now();
        }
    }
    if explain {
        out.write_all(nutgraf::render::explain_tail(&toc).as_bytes())?;
    }
    out.flush()?;
    Ok(written)
}

/// Writes one finished document, noting its table-of-contents entry for an explain report.
fn emit(
    out: &mut impl Write,
    toc: &mut Vec<(String, String)>,
    explain: bool,
    text: &str,
) -> io::Result<()> {
    if explain {
        toc.extend(record::toc_entry(text));
    }
    out.write_all(text.as_bytes())
}
