"""nutgraf.datatrove.Nutgraf works as a step of a real datatrove pipeline."""

from __future__ import annotations

import json
import os
import pickle

import pytest

# CI installs datatrove and sets NUTGRAF_REQUIRE_INTEGRATIONS: there a missing datatrove fails.
if not os.environ.get("NUTGRAF_REQUIRE_INTEGRATIONS"):
    pytest.importorskip("datatrove")

import nutgraf  # noqa: E402
from conftest import FIXTURES  # noqa: E402
from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402
from nutgraf.datatrove import Nutgraf  # noqa: E402

PAGES = sorted(FIXTURES.glob("*.html"))


def documents():
    docs = [Document(text=p.read_text(encoding="utf-8", errors="replace"), id=p.stem,
                     metadata={"url": f"https://example.org/{p.stem}"}) for p in PAGES]
    docs.append(Document(text="<nav><a href='/'>Home</a></nav>", id="empty", metadata={}))
    return docs


def test_the_step_replaces_html_by_text_and_drops_pages_without_content():
    out = list(Nutgraf(batch_size=2).run(documents()))
    assert [d.id for d in out] == [p.stem for p in PAGES]
    for doc, page in zip(out, PAGES):
        assert doc.text == nutgraf.extract(page.read_text(encoding="utf-8", errors="replace"),
                                           f"https://example.org/{page.stem}").text


def test_metadata_true_copies_the_article_fields():
    doc = next(Nutgraf(metadata=True).run(documents()[:1]))
    assert doc.metadata["title"] and doc.metadata["url"].startswith("https://example.org/")


def test_a_page_over_a_limit_is_counted_not_fatal():
    step = Nutgraf(max_bytes=20)
    assert list(step.run(documents())) == []
    assert step.stats["clean_error"].total == len(PAGES) + 1


def test_bad_options_fail_when_the_step_is_built():
    with pytest.raises(ValueError):
        Nutgraf(focus="sharp")


def test_the_step_pickles_for_datatrove_workers():
    step = pickle.loads(pickle.dumps(Nutgraf(focus="precision")))
    assert step.extract("<title>t</title><article><p>Some words in a sentence here.</p></article>")


def test_the_step_runs_in_a_local_pipeline_and_writes_its_documents(tmp_path):
    LocalPipelineExecutor(
        pipeline=[documents(), Nutgraf(), JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=1, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    written = [json.loads(line) for f in sorted((tmp_path / "out").iterdir())
               for line in f.read_text().splitlines()]
    assert sorted(d["id"] for d in written) == sorted(p.stem for p in PAGES)
