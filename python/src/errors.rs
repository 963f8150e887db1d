//! Library errors as Python exceptions (the classes live in `nutgraf/_errors.py`).

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyType;

/// The exception class `name` of `nutgraf._errors` (a plain RuntimeError if it cannot be found).
fn class<'py>(py: Python<'py>, name: &str) -> Option<Bound<'py, PyType>> {
    let module = py.import("nutgraf._errors").ok()?;
    module.getattr(name).ok()?.cast_into::<PyType>().ok()
}

/// An exception of class `name` built from `args`.
fn raise<A: pyo3::PyErrArguments + Send + Sync + 'static>(
    name: &str,
    message: &str,
    args: A,
) -> PyErr {
    Python::attach(|py| match class(py, name) {
        Some(cls) => PyErr::from_type(cls, args),
        None => PyRuntimeError::new_err(message.to_string()),
    })
}

/// A `nutgraf.NutgrafError` with `message`.
pub fn nutgraf_error(message: &str) -> PyErr {
    raise("NutgrafError", message, (message.to_string(),))
}

/// A `nutgraf.InvalidOptionError` (also a ValueError) with `message`.
pub fn invalid_option(message: &str) -> PyErr {
    raise("InvalidOptionError", message, (message.to_string(),))
}

/// Why one page failed: a library error, or a panic caught before it crossed into Python.
#[derive(Debug)]
pub enum Failure {
    Library(nutgraf::Error),
    Panic(String),
}

impl From<nutgraf::Error> for Failure {
    fn from(e: nutgraf::Error) -> Self {
        Failure::Library(e)
    }
}

/// The Python exception for a failed page.
pub fn to_py(failure: &Failure) -> PyErr {
    match failure {
        Failure::Library(e) => {
            let message = e.to_string();
            match e {
                nutgraf::Error::InputTooLarge { size, limit } => raise(
                    "InputTooLargeError",
                    &message,
                    (message.clone(), *size, *limit),
                ),
                nutgraf::Error::Timeout { limit } => raise(
                    "ExtractionTimeoutError",
                    &message,
                    (message.clone(), limit.as_secs_f64()),
                ),
                nutgraf::Error::InvalidOption(_) => invalid_option(&message),
                _ => nutgraf_error(&message),
            }
        }
        Failure::Panic(what) => {
            nutgraf_error(&format!("internal error (please report it): {what}"))
        }
    }
}
