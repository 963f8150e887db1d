"""The package's surface: attributes, renderings, reuse, batches in order."""

from __future__ import annotations

import pytest

import nutgraf
from conftest import FIXTURES

FIELDS = ["title", "authors", "published", "modified", "site_name", "language", "description",
          "url", "image", "tags", "page_type", "encoding", "text"]


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.html").read_bytes()


def test_the_done_when_one_liner_works():
    assert nutgraf.extract(fixture("news-windows-1252")).title.startswith("Le pont")


def test_an_article_has_every_record_field_as_an_attribute_and_in_the_dict():
    article = nutgraf.extract(fixture("wordpress-com-article"))
    record = article.to_dict()
    assert list(record)[: len(FIELDS)] == FIELDS
    for field in FIELDS:
        assert getattr(article, field) == record[field]
    assert article.comments is None and "comments" not in record
    assert article.to_json().startswith('{"title":')


def test_comments_come_only_when_asked_for():
    article = nutgraf.extract(fixture("blog-disqus-cookie-banner"), comments=True)
    assert isinstance(article.comments, list)
    assert article.to_dict()["comments"] == article.comments


def test_format_adds_the_body_in_markdown_or_html_and_keeps_the_text():
    md = nutgraf.extract(fixture("documentation-page"), format="markdown")
    html = nutgraf.extract(fixture("documentation-page"), format="html")
    assert md.markdown and md.html is None and md.text == html.text
    assert html.html.startswith("<") and html.markdown is None


def test_block_scores_give_the_scored_blocks():
    article = nutgraf.Extractor(block_scores=True).extract(fixture("forum-thread"))
    assert article.blocks and set(article.blocks[0]) == {"text", "score", "kept"}


def test_a_page_without_content_is_an_empty_result():
    article = nutgraf.extract(b"<html><nav><a href='/'>Home</a></nav></html>")
    assert article.is_empty() and article.text == ""


def test_the_url_argument_overrides_the_extractor_url():
    e = nutgraf.Extractor(url="https://a.example/")
    assert e.extract(b"<p>x</p>").url == "https://a.example/"
    assert e.extract(b"<p>x</p>", "https://b.example/").url == "https://b.example/"


def test_the_option_names_are_exported():
    assert "max_bytes" in nutgraf.OPTIONS and "focus" in nutgraf.OPTIONS


PAGES = [f"<title>page {i}</title><article><p>{'Text of page %d. ' % i * 30}</p></article>"
         for i in range(200)]


@pytest.mark.parametrize("jobs", [None, 1, 2, 7])
def test_extract_many_returns_results_in_input_order(jobs):
    out = nutgraf.Extractor().extract_many(PAGES, jobs=jobs)
    assert [a.title for a in out] == [f"page {i}" for i in range(200)]


def test_extract_many_takes_any_iterable_and_url_pairs():
    pages = ((p.encode(), f"https://ex.org/{i}") for i, p in enumerate(PAGES[:20]))
    out = nutgraf.Extractor().extract_many(pages)
    assert [a.url for a in out] == [f"https://ex.org/{i}" for i in range(20)]


def test_extract_many_gives_what_extract_gives():
    e = nutgraf.Extractor()
    pages = [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]
    assert [a.to_dict() for a in e.extract_many(pages, jobs=2)] == [e.extract(p).to_dict() for p in pages]


def test_an_empty_batch_is_an_empty_list():
    assert nutgraf.Extractor().extract_many([]) == []


def test_pages_can_be_dicts_with_their_transport_charset_and_crawl_date():
    html = "<title>Café</title><article><p>%s</p></article>" % ("Le café est très bon. " * 20)
    out = nutgraf.Extractor().extract_many([
        {"html": html.encode("latin-1"), "url": "https://ex.org/c", "charset": "iso-8859-1",
         "crawl_date": "2024-05-01"},
        {"html": html.encode("latin-1")},
    ])
    assert out[0].title == "Café" and out[0].url == "https://ex.org/c"
    assert out[0].encoding == "windows-1252"
    with pytest.raises(TypeError, match="unknown page key"):
        nutgraf.Extractor().extract_many([{"html": b"", "colour": "red"}])


def test_extract_takes_the_transport_charset_and_crawl_date():
    html = "<title>Café</title><p>Un café.</p>".encode("latin-1")
    assert nutgraf.Extractor().extract(html, charset="latin1", crawl_date="2024-05-01").title == "Café"
