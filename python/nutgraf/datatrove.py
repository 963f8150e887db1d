"""A datatrove pipeline step extracting with nutgraf (import it only where datatrove is installed).

>>> from nutgraf.datatrove import Nutgraf
>>> pipeline = [WarcReader(...), Nutgraf(focus="precision"), JsonlWriter(...)]

Like datatrove's ``Trafilatura`` step it replaces each document's HTML ``text`` with the
extracted text and drops documents without content; unlike it, documents are extracted in
batches by ``Extractor.extract_many`` (every core, the GIL released) in-process, without a
sandbox process: nutgraf bounds each page itself (``max_time``, ``max_bytes``, ...) and a
failing page is counted, not fatal.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

from datatrove.data import Document
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.typeshelper import StatHints

from . import ExtractionTimeoutError, Extractor

#: The record fields copied into ``doc.metadata`` with ``metadata=True`` (when present).
METADATA_FIELDS = ("title", "authors", "published", "modified", "site_name", "language",
                   "description", "image", "tags", "page_type")


class Nutgraf(BaseExtractor):
    """Extracts each document's main text with nutgraf.

    Args:
        timeout: the longest one page may take, in seconds (nutgraf's ``max_time``).
        batch_size: documents handed to ``extract_many`` at a time.
        jobs: threads per batch (None: every core).
        metadata: also copy the article's title, authors, dates, ... into ``doc.metadata``.
        **options: any other ``nutgraf.Extractor`` option (``focus``, ``comments``, ...).
    """

    name = "🥜 nutgraf"

    def __init__(self, timeout: float = 1, batch_size: int = 64, jobs: Optional[int] = None,
                 metadata: bool = False, **options: Any) -> None:
        super().__init__(timeout)
        options.setdefault("max_time", timeout)
        Extractor(**options)  # check the options now, not in a worker
        self.options = options
        self.batch_size = max(1, batch_size)
        self.jobs = jobs
        self.metadata = metadata
        self._extractor: Optional[Extractor] = None

    @property
    def extractor(self) -> Extractor:
        """The Extractor, built in the process that runs the step (steps are pickled to workers)."""
        if self._extractor is None:
            self._extractor = Extractor(**self.options)
        return self._extractor

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_extractor"] = None
        return state

    def extract(self, text: str) -> str:
        """The main text of one HTML page."""
        return self.extractor.extract(text).text

    def run(self, data: Iterable[Document], rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        batch: list[Document] = []
        for doc in data:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Document]) -> Iterator[Document]:
        pages = [(d.text, (d.metadata or {}).get("url")) for d in docs]
        with self.track_time(unit="batch"):
            results = self.extractor.extract_many(pages, self.jobs)
        for doc, result in zip(docs, results):
            self.stat_update(StatHints.total)
            if isinstance(result, ExtractionTimeoutError):
                self.stat_update("timeout")
                continue
            if isinstance(result, Exception):
                self.stat_update("clean_error")
                continue
            self.stat_update("extracted")
            doc.text = result.text
            if self.metadata:
                record = result.to_dict()
                doc.metadata.update({k: record[k] for k in METADATA_FIELDS if record.get(k)})
            if doc.text:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)
