//! The `nutgraf._nutgraf` extension module: extraction in-process, off the GIL, over rayon.

mod article;
mod errors;
mod inputs;

use article::{Format, PyArticle};
use errors::Failure;
use inputs::{Owned, options_from};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

/// Extracts one page, turning a panic into a [`Failure`] so that none crosses into Python.
fn run(extractor: &nutgraf::Extractor, format: Format, page: &Owned) -> Result<PyArticle, Failure> {
    let go = || {
        let article = extractor.extract_page(&page.as_page())?;
        Ok(PyArticle::new(article, extractor.options(), format))
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(go)).unwrap_or_else(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        Err(Failure::Panic(what))
    })
}

/// A reusable, thread-safe extractor, built once from keyword options.
#[pyclass(frozen, module = "nutgraf", name = "Extractor")]
struct PyExtractor {
    extractor: nutgraf::Extractor,
    format: Format,
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (*, format = "text", **options))]
    fn new(format: &str, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let (options, format) = options_from(format, options, nutgraf::Options::default())?;
        Ok(PyExtractor {
            extractor: nutgraf::Extractor::with_options(options),
            format,
        })
    }

    /// Extracts one page (``bytes`` decoded by nutgraf, or ``str``); ``url``, ``charset`` (the
    /// transport's) and ``crawl_date`` override the extractor's. Raises a ``NutgrafError``
    /// subclass for a page over a limit.
    #[pyo3(signature = (html, url = None, *, charset = None, crawl_date = None))]
    fn extract(
        &self,
        py: Python<'_>,
        html: &Bound<'_, PyAny>,
        url: Option<String>,
        charset: Option<String>,
        crawl_date: Option<String>,
    ) -> PyResult<PyArticle> {
        let page = Owned::with_transport(html, url, charset, crawl_date)?;
        py.detach(|| run(&self.extractor, self.format, &page))
            .map_err(|f| errors::to_py(&f))
    }

    /// Extracts many pages in parallel (``jobs`` threads; all cores by default), off the GIL.
    /// ``pages`` holds ``bytes``/``str`` pages, ``(html, url)`` pairs or dicts with ``html`` and
    /// optionally ``url``, ``charset``, ``crawl_date``. Returns a list in input
    /// order; a page that failed is its exception object in the list, unless ``raise_errors``,
    /// when the first failure (in input order) is raised after the batch.
    #[pyo3(signature = (pages, jobs = None, *, raise_errors = false))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        pages: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        raise_errors: bool,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let mut owned = Vec::new();
        for item in pages.try_iter()? {
            owned.push(Owned::from_item(&item?)?);
        }
        if jobs == Some(0) {
            return Err(errors::invalid_option(
                "jobs must be at least 1 (or None for every core)",
            ));
        }
        let work = || -> Vec<Result<PyArticle, Failure>> {
            owned
                .par_iter()
                .with_max_len(1)
                .map(|p| run(&self.extractor, self.format, p))
                .collect()
        };
        let results = py.detach(|| match jobs {
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map(|pool| pool.install(work))
                .map_err(|e| e.to_string()),
            None => Ok(work()),
        });
        let results =
            results.map_err(|e| errors::nutgraf_error(&format!("no thread pool: {e}")))?;
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            out.push(match r {
                Ok(a) => Bound::new(py, a)?.into_any(),
                Err(f) => {
                    let err = errors::to_py(&f);
                    if raise_errors {
                        return Err(err);
                    }
                    err.into_value(py).into_bound(py).into_any()
                }
            });
        }
        Ok(out)
    }

    fn __repr__(&self) -> String {
        format!("Extractor({:?})", self.extractor.options())
    }
}

/// Extracts one page with these options (see ``Extractor`` to reuse them).
#[pyfunction]
#[pyo3(signature = (html, url = None, *, format = "text", focus = "balanced", charset = None, comments = false, **limits))]
#[allow(clippy::too_many_arguments)]
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    format: &str,
    focus: &str,
    charset: Option<String>,
    comments: bool,
    limits: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyArticle> {
    let mut base = nutgraf::Options::default();
    base.set("focus", &serde_json::Value::from(focus))
        .and_then(|()| {
            base.set(
                "charset",
                &serde_json::to_value(&charset).unwrap_or_default(),
            )
        })
        .map_err(|e| errors::invalid_option(&e.to_string()))?;
    base.comments = comments;
    let (options, format) = options_from(format, limits, base)?;
    let page = Owned::from_py(html, url)?;
    let extractor = nutgraf::Extractor::with_options(options);
    py.detach(|| run(&extractor, format, &page))
        .map_err(|f| errors::to_py(&f))
}

#[pymodule]
fn _nutgraf(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_class::<PyExtractor>()?;
    m.add_class::<PyArticle>()?;
    m.add("OPTIONS", nutgraf::Options::NAMES.to_vec())?;
    Ok(())
}
