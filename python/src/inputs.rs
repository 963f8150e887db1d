//! Python arguments into Rust: pages (bytes, str, (html, url) pairs) and keyword options.

use crate::article::Format;
use crate::errors;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};
use serde_json::Value;

/// One page copied out of Python, so that the extraction can run without the GIL.
pub struct Owned {
    html: Vec<u8>,
    url: Option<String>,
    /// The transport's charset (HTTP `Content-Type`) and the fetch time, when given.
    charset: Option<String>,
    crawl_date: Option<String>,
    /// The page came as `str`: its bytes are UTF-8 whatever its `<meta charset>` says.
    utf8: bool,
}

impl Owned {
    /// A page from `bytes`, `bytearray` or `str`.
    pub fn from_py(html: &Bound<'_, PyAny>, url: Option<String>) -> PyResult<Owned> {
        let (html, utf8) = if let Ok(b) = html.cast::<PyBytes>() {
            (b.as_bytes().to_vec(), false)
        } else if let Ok(b) = html.cast::<PyByteArray>() {
            (b.to_vec(), false)
        } else if let Ok(s) = html.cast::<PyString>() {
            (s.to_cow()?.into_owned().into_bytes(), true)
        } else {
            return Err(PyTypeError::new_err(format!(
                "html must be bytes or str, not {}",
                type_name(html)
            )));
        };
        Ok(Owned {
            html,
            url,
            charset: None,
            crawl_date: None,
            utf8,
        })
    }

    /// A page with what the transport said: `url`, `charset`, `crawl_date` (each may be None).
    pub fn with_transport(
        html: &Bound<'_, PyAny>,
        url: Option<String>,
        charset: Option<String>,
        crawl_date: Option<String>,
    ) -> PyResult<Owned> {
        let mut page = Owned::from_py(html, url)?;
        page.charset = charset;
        page.crawl_date = crawl_date;
        Ok(page)
    }

    /// An item of `extract_many`'s pages: a page, an `(html, url)` pair, or a dict with `html`
    /// and optionally `url`, `charset` and `crawl_date`.
    pub fn from_item(item: &Bound<'_, PyAny>) -> PyResult<Owned> {
        if let Ok(d) = item.cast::<PyDict>() {
            let html = d
                .get_item("html")?
                .ok_or_else(|| PyTypeError::new_err("a page dict needs an \"html\" key"))?;
            let text = |key: &str| -> PyResult<Option<String>> {
                match d.get_item(key)? {
                    Some(v) if !v.is_none() => v.extract::<String>().map(Some).map_err(|_| {
                        PyTypeError::new_err(format!(
                            "a page's {key} must be str or None, not {}",
                            type_name(&v)
                        ))
                    }),
                    _ => Ok(None),
                }
            };
            for key in d.keys() {
                let key: String = key.extract()?;
                if !["html", "url", "charset", "crawl_date"].contains(&key.as_str()) {
                    return Err(PyTypeError::new_err(format!(
                        "unknown page key {key:?}: a page dict has html, url, charset, crawl_date"
                    )));
                }
            }
            return Owned::with_transport(
                &html,
                text("url")?,
                text("charset")?,
                text("crawl_date")?,
            );
        }
        if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() {
            let n = item.len()?;
            if n != 2 {
                return Err(PyTypeError::new_err(format!(
                    "a page pair must be (html, url), not a sequence of {n}"
                )));
            }
            let url = item.get_item(1)?;
            let url = if url.is_none() {
                None
            } else {
                Some(url.extract::<String>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "a page's url must be str or None, not {}",
                        type_name(&url)
                    ))
                })?)
            };
            return Owned::from_py(&item.get_item(0)?, url);
        }
        Owned::from_py(item, None)
    }

    pub fn as_page(&self) -> nutgraf::Page<'_> {
        nutgraf::Page {
            html: &self.html,
            url: self.url.as_deref(),
            charset: if self.utf8 {
                Some("utf-8")
            } else {
                self.charset.as_deref()
            },
            crawl_date: self.crawl_date.as_deref(),
        }
    }
}

fn type_name(o: &Bound<'_, PyAny>) -> String {
    o.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// A keyword value as the JSON-like value [`nutgraf::Options::set`] takes.
fn value_of(name: &str, v: &Bound<'_, PyAny>) -> PyResult<Value> {
    if v.is_none() {
        Ok(Value::Null)
    } else if v.is_instance_of::<PyBool>() {
        Ok(Value::Bool(v.extract()?))
    } else if v.is_instance_of::<PyInt>() {
        match v.extract::<i64>() {
            Ok(n) => Ok(Value::from(n)),
            Err(_) => Ok(Value::from(v.extract::<u64>().unwrap_or(u64::MAX))),
        }
    } else if v.is_instance_of::<PyFloat>() {
        Ok(Value::from(v.extract::<f64>()?))
    } else if let Ok(s) = v.cast::<PyString>() {
        Ok(Value::String(s.to_cow()?.into_owned()))
    } else {
        Err(PyTypeError::new_err(format!(
            "option {name} must be None, a bool, a number or a str, not {}",
            type_name(v)
        )))
    }
}

/// `base` with the keyword options applied, and the output format; every name goes through
/// [`nutgraf::Options::set`], the one place options are known.
pub fn options_from(
    format: &str,
    kwargs: Option<&Bound<'_, PyDict>>,
    mut base: nutgraf::Options,
) -> PyResult<(nutgraf::Options, Format)> {
    let format = Format::parse(format).ok_or_else(|| {
        PyValueError::new_err(format!(
            "format must be \"text\", \"markdown\" or \"html\", not {format:?}"
        ))
    })?;
    if let Some(kwargs) = kwargs {
        for (k, v) in kwargs.iter() {
            let name: String = k.extract()?;
            if !nutgraf::Options::NAMES.contains(&name.as_str()) {
                return Err(PyTypeError::new_err(format!(
                    "unexpected keyword argument {name:?}: the options are format, {}",
                    nutgraf::Options::NAMES.join(", ")
                )));
            }
            base.set(&name, &value_of(&name, &v)?)
                .map_err(|e| errors::invalid_option(&e.to_string()))?;
        }
    }
    Ok((base, format))
}
