//! The window: a semaphore that bounds the documents between the reader and the writer.

use super::lock;
use std::sync::{Condvar, Mutex};

/// Largest total size of the documents between the reader and the writer.
pub const WINDOW_BYTES: usize = 256 << 20;

/// A semaphore that bounds the documents between the reader and the writer, in number and in
/// bytes (one document is always let through, however large).
pub struct Window {
    /// Documents and bytes in flight.
    used: Mutex<(usize, usize)>,
    cv: Condvar,
    max_docs: usize,
    max_bytes: usize,
}

impl Window {
    pub fn new(max_docs: usize, max_bytes: usize) -> Self {
        Window {
            used: Mutex::new((0, 0)),
            cv: Condvar::new(),
            max_docs,
            max_bytes,
        }
    }
    pub fn acquire(&self, size: usize) {
        let mut used = lock(&self.used);
        while used.0 > 0
            && (used.0 >= self.max_docs || used.1.saturating_add(size) > self.max_bytes)
        {
            used = self.cv.wait(used).unwrap_or_else(|p| p.into_inner());
        }
        used.0 += 1;
        used.1 = used.1.saturating_add(size);
    }
    pub fn release(&self, size: usize) {
        let mut used = lock(&self.used);
        used.0 = used.0.saturating_sub(1);
        used.1 = used.1.saturating_sub(size);
        self.cv.notify_one();
    }
}
