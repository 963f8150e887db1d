//! The command line: read inputs on one thread, extract on `--jobs` workers, write in input order.

mod args;
mod input;
mod record;

use args::Args;
use clap::Parser;
use input::{Doc, Item};
use record::Style;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

/// Runs the command and returns its exit status.
pub fn run() -> ExitCode {
    let mut args = Args::parse();
    if args.inputs.is_empty() {
        args.inputs.push("-".into());
    }
    match execute(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nutgraf: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

/// What a worker hands to the writer.
struct Output {
    seq: u64,
    text: String,
}

/// A counting semaphore: bounds how many documents are between the reader and the writer.
struct Window {
    free: Mutex<usize>,
    cv: Condvar,
}

impl Window {
    fn new(n: usize) -> Self {
        Window {
            free: Mutex::new(n),
            cv: Condvar::new(),
        }
    }
    fn acquire(&self) {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        while *free == 0 {
            free = self.cv.wait(free).unwrap_or_else(|p| p.into_inner());
        }
        *free -= 1;
    }
    fn release(&self) {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        *free += 1;
        self.cv.notify_one();
    }
}

/// Reads, extracts and writes everything; `Ok(false)` when some input could not be read.
fn execute(args: &Args) -> io::Result<bool> {
    let jobs = args
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut options = nutgraf::Options {
        url: args.url.clone(),
        focus: args.focus.into(),
        charset: args.charset.clone(),
        comments: args.comments,
        ..Default::default()
    };
    options.limits = nutgraf::Limits::default();
    let style = Style {
        format: args.format,
        comments: args.comments,
        headers: input::many_documents(&args.inputs),
    };

    let window = Arc::new(Window::new(jobs * 4 + 8));
    let stop = Arc::new(AtomicBool::new(false));
    let all_read = Arc::new(AtomicBool::new(true));
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Item)>(jobs * 2);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (out_tx, out_rx) = mpsc::channel::<Output>();

    std::thread::scope(|s| {
        // Reader.
        {
            let window = Arc::clone(&window);
            let stop = Arc::clone(&stop);
            let inputs = &args.inputs;
            s.spawn(move || {
                let mut seq = 0u64;
                input::read_all(inputs, &mut |item| {
                    window.acquire();
                    if stop.load(Ordering::Relaxed) || work_tx.send((seq, item)).is_err() {
                        return false;
                    }
                    seq += 1;
                    true
                });
            });
        }
        // Workers.
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let out_tx = out_tx.clone();
            let options = &options;
            let all_read = Arc::clone(&all_read);
            s.spawn(move || {
                loop {
                    let next = work_rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok((seq, item)) = next else { break };
                    let text = process(item, options, &style, &all_read);
                    if out_tx.send(Output { seq, text }).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        // Writer (this thread).
        let result = write_all(out_rx, &window, true);
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
            // Unblock the reader if it waits for room.
            window.release();
        }
        result
    })?;
    Ok(all_read.load(Ordering::Relaxed))
}

/// Extracts one item and renders it; failures are also said on stderr.
fn process(item: Item, options: &nutgraf::Options, style: &Style, all_read: &AtomicBool) -> String {
    match item {
        Item::Unreadable { source, error } => {
            all_read.store(false, Ordering::Relaxed);
            eprintln!("nutgraf: {source}: cannot read: {error}");
            style.failure(&source, None, &format!("cannot read: {error}"))
        }
        Item::Doc(doc) => extract(doc, options, style),
    }
}

fn extract(doc: Doc, options: &nutgraf::Options, style: &Style) -> String {
    let mut options = options.clone();
    if doc.url.is_some() {
        options.url = doc.url.clone();
    }
    if doc.charset.is_some() {
        options.charset = doc.charset.clone();
    }
    let extractor = nutgraf::Extractor::with_options(options);
    match extractor.extract(&doc.bytes) {
        Ok(article) => style.article(&doc.source, &article),
        Err(e) => {
            let msg = e.to_string();
            eprintln!("nutgraf: {}: {msg}", doc.source);
            style.failure(&doc.source, doc.url.as_deref(), &msg)
        }
    }
}

/// Writes outputs to stdout, in sequence order when `ordered`.
fn write_all(rx: mpsc::Receiver<Output>, window: &Window, ordered: bool) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut pending: BTreeMap<u64, String> = BTreeMap::new();
    let mut next = 0u64;
    for o in rx {
        if !ordered {
            out.write_all(o.text.as_bytes())?;
            window.release();
            continue;
        }
        pending.insert(o.seq, o.text);
        while let Some(text) = pending.remove(&next) {
            out.write_all(text.as_bytes())?;
            window.release();
            next += 1;
        }
    }
    out.flush()
}
