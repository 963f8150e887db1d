//! Counters for the run, the progress bar on stderr, and the closing one-line summary.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counters shared by the reader, the workers and the writer.
#[derive(Debug, Default)]
pub struct Stats {
    /// Input bytes read, as stored (compressed files count compressed).
    pub bytes_in: AtomicU64,
    /// Documents with content.
    pub extracted: AtomicU64,
    /// Documents without main content.
    pub empty: AtomicU64,
    /// Documents (or inputs) that failed.
    pub failed: AtomicU64,
    /// Records and files not extracted, by reason.
    skipped: Mutex<BTreeMap<String, u64>>,
}

impl Stats {
    /// Counts one skipped record or file.
    pub fn skip(&self, reason: &str) {
        let mut m = self.skipped.lock().unwrap_or_else(|p| p.into_inner());
        *m.entry(reason.to_string()).or_default() += 1;
    }

    /// Documents read: extracted, empty or failed.
    pub fn documents(&self) -> u64 {
        self.extracted.load(Relaxed) + self.empty.load(Relaxed) + self.failed.load(Relaxed)
    }

    /// The closing summary line.
    pub fn summary(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-9);
        let docs = self.documents();
        let skipped = self.skipped.lock().unwrap_or_else(|p| p.into_inner());
        let total_skipped: u64 = skipped.values().sum();
        let reasons = if skipped.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = skipped.iter().map(|(k, v)| format!("{k} {v}")).collect();
            format!(" ({})", parts.join(", "))
        };
        format!(
            "nutgraf: {docs} documents read, {} extracted, {} empty, {} failed, {total_skipped} skipped{reasons}; {secs:.2} s, {:.1} pages/s, {:.2} MB/s",
            self.extracted.load(Relaxed),
            self.empty.load(Relaxed),
            self.failed.load(Relaxed),
            docs as f64 / secs,
            self.bytes_in.load(Relaxed) as f64 / 1e6 / secs,
        )
    }
}

/// The progress bar: shown on stderr only when it is a terminal and not quieted.
pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
}

impl Progress {
    /// A bar, or nothing when `quiet` or stderr is not a terminal.
    pub fn new(quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(Self::style(false));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
        }
    }

    fn style(known_total: bool) -> ProgressStyle {
        let template = if known_total {
            "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {msg} ETA {eta}"
        } else {
            "{spinner} {elapsed_precise} {bytes} read, {msg}"
        };
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
    }

    /// Sets the total input size once it is known.
    pub fn set_total(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_style(Self::style(true));
            bar.set_length(bytes);
        }
    }

    /// Refreshes the bar from the counters.
    pub fn update(&self, stats: &Stats) {
        if let Some(bar) = &self.bar {
            let docs = stats.documents();
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            bar.set_position(stats.bytes_in.load(Relaxed));
            bar.set_message(format!("{docs} docs, {:.0} pages/s", docs as f64 / secs));
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Whether a bar is shown (so that a size pre-count is worth doing).
    pub fn shown(&self) -> bool {
        self.bar.is_some()
    }

    /// Time since the start.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Prints a line above the bar (or plainly on stderr).
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}
