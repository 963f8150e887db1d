//! Interrupts: SIGINT and SIGTERM ask the run to stop cleanly; a second one asks it to stop at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering::SeqCst};

/// What the signals have asked for so far.
#[derive(Debug, Default)]
pub struct Interrupt {
    /// The first signal received (0: none): take no new documents, finish and flush.
    signal: AtomicI32,
    /// A second signal came: stop after the record being written.
    now: AtomicBool,
}

impl Interrupt {
    /// Starts listening for SIGINT and SIGTERM (where there are signals); without them, or if
    /// they cannot be caught, nothing ever interrupts the run.
    pub fn install() -> Arc<Interrupt> {
        let flag = Arc::new(Interrupt::default());
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGINT, SIGTERM};
            match signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
                Ok(mut signals) => {
                    let f = Arc::clone(&flag);
                    std::thread::spawn(move || {
                        for sig in signals.forever() {
                            f.receive(sig);
                        }
                    });
                }
                Err(e) => eprintln!("nutgraf: cannot catch interrupts ({e}): they stop at once"),
            }
        }
        flag
    }

    /// Records one signal.
    pub fn receive(&self, sig: i32) {
        if self
            .signal
            .compare_exchange(0, sig, SeqCst, SeqCst)
            .is_err()
        {
            self.now.store(true, SeqCst);
        }
    }

    /// Whether a signal asked the run to stop.
    pub fn stopping(&self) -> bool {
        self.signal.load(SeqCst) != 0
    }

    /// Whether a second signal asked it to stop at once.
    pub fn at_once(&self) -> bool {
        self.now.load(SeqCst)
    }

    /// The exit status for an interrupted run: 128 + the signal's number.
    pub fn exit_status(&self) -> Option<u8> {
        match self.signal.load(SeqCst) {
            0 => None,
            sig => u8::try_from(128 + sig).ok().or(Some(130)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_signal_stops_and_the_second_stops_at_once() {
        let i = Interrupt::default();
        assert!(!i.stopping() && i.exit_status().is_none());
        i.receive(15);
        assert!(i.stopping() && !i.at_once());
        assert_eq!(i.exit_status(), Some(143));
        i.receive(2);
        assert!(i.at_once());
        assert_eq!(i.exit_status(), Some(143));
    }
}
