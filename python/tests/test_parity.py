"""Article.to_dict() is the CLI's JSON record (less `source`) for the same page and options."""

from __future__ import annotations

import gzip

import pytest

import nutgraf
from conftest import CORPUS, FIXTURES

PAGES = sorted(FIXTURES.glob("*.html"))


def test_there_are_fixtures_to_compare():
    assert len(PAGES) >= 5


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_fixture_gives_the_cli_record(cli, page):
    record = cli([page])[str(page)]
    article = nutgraf.extract(page.read_bytes())
    assert article.to_dict() == record
    assert article.title == record.get("title")
    assert article.text == record["text"]
    assert article.authors == record["authors"]
    assert article.published == record.get("published")


@pytest.mark.parametrize(
    "flags, options",
    [
        (["--comments"], {"comments": True}),
        (["--focus", "precision"], {"focus": "precision"}),
        (["--focus", "recall", "--url", "https://example.org/a/b"],
         {"focus": "recall", "url": "https://example.org/a/b"}),
        (["--include", "markdown"], {"format": "markdown"}),
        (["--include", "html"], {"format": "html"}),
        (["--include", "blocks"], {"block_scores": True}),
        (["--charset", "latin1"], {"charset": "latin1"}),
        (["--crawl-date", "2020-01-01"], {"crawl_date": "2020-01-01"}),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_options_give_the_record_of_the_same_cli_flags(cli, flags, options):
    records = cli(PAGES, *flags)
    extractor = nutgraf.Extractor(**options)
    for page in PAGES:
        assert extractor.extract(page.read_bytes()).to_dict() == records[str(page)], page.name


def test_extract_with_a_url_matches_the_cli_url_flag(cli):
    page = PAGES[0]
    record = cli([page], "--url", "https://example.org/x")[str(page)]
    assert nutgraf.extract(page.read_bytes(), "https://example.org/x").to_dict() == record


def corpus_pages(per_dataset=8):
    if not CORPUS.is_dir():
        return []
    pages = []
    for dataset in sorted(CORPUS.iterdir()):
        pages += sorted((dataset / "pages").glob("*.html.gz"))[:per_dataset]
    return pages


@pytest.mark.skipif(not corpus_pages(), reason="no evaluation corpus beside the clone")
def test_corpus_pages_give_the_cli_record(cli):
    pages = corpus_pages()
    records = cli(pages)
    extractor = nutgraf.Extractor()
    results = extractor.extract_many(gzip.decompress(p.read_bytes()) for p in pages)
    for page, article in zip(pages, results):
        assert article.to_dict() == records[str(page)], page
