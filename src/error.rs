//! The one error type of the library.

use std::time::Duration;

/// What can go wrong in an extraction. A page without main content is *not* an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than the configured limit.
    #[error(
        "input is {size} bytes, over the limit of {limit} bytes: raise Limits::max_bytes (CLI: --max-bytes) to accept it"
    )]
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The extraction took longer than the configured limit and was stopped.
    #[error(
        "extraction took longer than {limit:?}: raise Limits::max_time (CLI: --timeout) to allow it"
    )]
    Timeout {
        /// The configured limit.
        limit: Duration,
    },
    /// An option has a value that cannot be used.
    #[error("invalid option: {0}")]
    InvalidOption(String),
}
