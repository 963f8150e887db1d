"""nutgraf: article text and metadata from HTML, extracted in-process by a Rust library.

>>> import nutgraf
>>> article = nutgraf.extract(b"<title>Hi</title><article><p>Some words.</p></article>")
>>> article.title
'Hi'

``extract`` for one page; ``Extractor`` to reuse options, from many threads, and
``Extractor.extract_many`` for batches spread over every core (the GIL is released while
Rust works). ``Article.to_dict()`` is the record ``nutgraf --format json`` prints. Errors are
``NutgrafError`` subclasses; ``nutgraf.datatrove`` holds a datatrove pipeline step.
"""

from __future__ import annotations

from ._errors import (
    ExtractionTimeoutError,
    InputTooLargeError,
    InvalidOptionError,
    NutgrafError,
)
from ._nutgraf import OPTIONS, Article, Extractor, extract

__all__ = [
    "OPTIONS",
    "Article",
    "ExtractionTimeoutError",
    "Extractor",
    "InputTooLargeError",
    "InvalidOptionError",
    "NutgrafError",
    "extract",
]
