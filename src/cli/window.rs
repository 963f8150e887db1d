//! The window: a semaphore that bounds the documents between the reader and the writer.

use super::lock;
use std::sync::{Condvar, Mutex};

/// Largest total size of the documents between the reader and the writer.
pub const WINDOW_BYTES: usize = 256 << 20;

/// A semaphore that bounds the documents between the reader and the writer, in number and in
/// bytes (one document is always let through, however large).
///
/// A reader that finds the window full sleeps until it is half empty, so that it wakes once per
/// half window rather than once per document written (each wake is a system call and, on a
/// busy CPU, two context switches).
pub struct Window {
    used: Mutex<Used>,
    cv: Condvar,
    max_docs: usize,
    max_bytes: usize,
}

/// Documents and bytes in flight, and whether the reader waits for room.
#[derive(Default)]
struct Used {
    docs: usize,
    bytes: usize,
    waiting: bool,
}

impl Window {
    pub fn new(max_docs: usize, max_bytes: usize) -> Self {
        Window {
            used: Mutex::new(Used::default()),
            cv: Condvar::new(),
            max_docs,
            max_bytes,
        }
    }
    pub fn acquire(&self, size: usize) {
        let mut used = lock(&self.used);
        while used.docs > 0
            && (used.docs >= self.max_docs || used.bytes.saturating_add(size) > self.max_bytes)
        {
            used.waiting = true;
            used = self.cv.wait(used).unwrap_or_else(|p| p.into_inner());
        }
        used.docs += 1;
        used.bytes = used.bytes.saturating_add(size);
    }
    pub fn release(&self, size: usize) {
        let mut used = lock(&self.used);
        used.docs = used.docs.saturating_sub(1);
        used.bytes = used.bytes.saturating_sub(size);
        let half_empty = used.docs <= self.max_docs / 2 && used.bytes <= self.max_bytes / 2;
        if used.waiting && (half_empty || used.docs == 0) {
            used.waiting = false;
            self.cv.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::mpsc;
    use std::time::Duration;

    /// Waits until a reader waits on `window` (it sets `waiting` under the lock, then sleeps).
    fn until_waiting(window: &Window) {
        while !lock(&window.used).waiting {
            std::thread::yield_now();
        }
    }

    /// A reader thread that asks `window` for `size` bytes, says when it has them, and is
    /// waiting for them when this returns.
    fn waiting_reader(
        window: &Arc<Window>,
        size: usize,
    ) -> (mpsc::Receiver<()>, std::thread::JoinHandle<()>) {
        let (tx, rx) = mpsc::channel();
        let reader = {
            let window = Arc::clone(window);
            std::thread::spawn(move || {
                window.acquire(size);
                let _ = tx.send(());
            })
        };
        until_waiting(window);
        (rx, reader)
    }

    #[test]
    fn a_reader_that_finds_the_window_full_goes_on_once_half_of_it_is_written() {
        let window = Arc::new(Window::new(4, 1 << 20));
        for _ in 0..4 {
            window.acquire(10);
        }
        let (rx, reader) = waiting_reader(&window, 10);
        window.release(10);
        // Three documents in flight: room for one more, but the reader is not woken for it.
        assert!(rx.recv_timeout(Duration::from_millis(50)).is_err());
        window.release(10);
        assert!(
            rx.recv_timeout(Duration::from_secs(10)).is_ok(),
            "two in flight of four: the reader goes on"
        );
        assert!(reader.join().is_ok());
    }

    #[test]
    fn a_document_larger_than_the_window_waits_for_an_empty_window_and_goes_through() {
        let window = Arc::new(Window::new(8, 100));
        window.acquire(60);
        let (rx, reader) = waiting_reader(&window, 500);
        window.release(60);
        assert!(
            rx.recv_timeout(Duration::from_secs(10)).is_ok(),
            "an empty window lets any document through"
        );
        assert!(reader.join().is_ok());
    }
}
