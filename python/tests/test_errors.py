"""Every error path is a Python exception (or an empty result), never a crash."""

from __future__ import annotations

import os

import pytest

import nutgraf

PAGE = b"<html><title>T</title><article><p>" + b"Words in a sentence. " * 50 + b"</p></article></html>"


def test_a_page_over_max_bytes_raises_input_too_large_with_its_sizes():
    with pytest.raises(nutgraf.InputTooLargeError) as e:
        nutgraf.extract(PAGE, max_bytes=100)
    assert (e.value.size, e.value.limit) == (len(PAGE), 100)
    assert isinstance(e.value, nutgraf.NutgrafError)
    assert "max_bytes" in str(e.value) or "max-bytes" in str(e.value)


def test_a_str_over_max_bytes_raises_too():
    with pytest.raises(nutgraf.InputTooLargeError):
        nutgraf.Extractor(max_bytes=10).extract("<p>" + "x" * 100 + "</p>")


def test_a_page_past_max_time_raises_a_timeout_that_is_also_a_timeout_error():
    with pytest.raises(nutgraf.ExtractionTimeoutError) as e:
        nutgraf.extract(PAGE * 20, max_time=1e-9)
    assert isinstance(e.value, TimeoutError)
    assert e.value.limit == pytest.approx(1e-9)


def test_max_time_none_means_no_limit():
    assert nutgraf.extract(PAGE, max_time=None).title == "T"


def test_a_page_past_max_nodes_is_read_in_part_and_marked_truncated():
    article = nutgraf.extract(b"<div>" + b"<p>a</p>" * 1000 + b"</div>", max_nodes=50)
    assert article.truncated
    assert article.to_dict()["truncated"] is True


@pytest.mark.parametrize(
    "options",
    [
        {"focus": "sharp"},
        {"charset": "no-such-charset"},
        {"crawl_date": "yesterday"},
        {"max_nodes": -1},
        {"max_time": -1.0},
        {"format": "pdf"},
    ],
    ids=lambda o: repr(o),
)
def test_a_bad_option_value_raises_value_error(options):
    with pytest.raises(ValueError):
        nutgraf.Extractor(**options)
    with pytest.raises(ValueError):
        nutgraf.extract(PAGE, **options)


@pytest.mark.parametrize("options", [{"comments": "yes"}, {"url": 5}, {"focus": 1}], ids=repr)
def test_an_option_of_the_wrong_type_raises_type_or_value_error(options):
    with pytest.raises((TypeError, ValueError)):
        nutgraf.Extractor(**options)
    with pytest.raises((TypeError, ValueError)):
        nutgraf.extract(PAGE, **options)


def test_a_bad_option_value_is_an_invalid_option_error_naming_it():
    with pytest.raises(nutgraf.InvalidOptionError, match="max_depth"):
        nutgraf.Extractor(max_depth="deep")


def test_an_unknown_option_raises_type_error_listing_the_options():
    with pytest.raises(TypeError, match="max_bytes"):
        nutgraf.Extractor(max_size=10)


def test_an_option_of_an_unusable_type_raises_type_error():
    with pytest.raises(TypeError):
        nutgraf.Extractor(max_bytes=[1])


@pytest.mark.parametrize("html", [None, 5, 1.5, ["<p>x</p>"], object()], ids=repr)
def test_html_that_is_not_bytes_or_str_raises_type_error(html):
    with pytest.raises(TypeError, match="bytes or str"):
        nutgraf.extract(html)


def test_a_url_that_is_not_a_str_raises_type_error():
    with pytest.raises(TypeError):
        nutgraf.extract(PAGE, 5)


@pytest.mark.parametrize(
    "data",
    [b"", os.urandom(4096), bytes(range(256)) * 16, b"\x00" * 1000, b"%PDF-1.4\n" + os.urandom(500),
     "\udcff".encode("utf-8", "surrogatepass"), b"<" * 10000],
    ids=["empty", "random", "all-bytes", "nul", "pdf", "lone-surrogate", "angles"],
)
def test_non_html_bytes_give_a_result_not_a_crash(data):
    article = nutgraf.extract(data)
    assert isinstance(article.text, str)


def test_a_str_with_lone_surrogates_raises_a_python_error_not_a_crash():
    with pytest.raises(UnicodeEncodeError):
        nutgraf.extract("<p>\udcff</p>")


def test_a_failed_page_in_a_batch_is_its_exception_object_and_the_rest_go_on():
    out = nutgraf.Extractor(max_bytes=len(PAGE)).extract_many([PAGE, PAGE + b"x", PAGE])
    assert [type(r).__name__ for r in out] == ["Article", "InputTooLargeError", "Article"]


def test_raise_errors_raises_the_first_failure_of_the_batch():
    with pytest.raises(nutgraf.InputTooLargeError):
        nutgraf.Extractor(max_bytes=len(PAGE)).extract_many([PAGE, PAGE + b"x"], raise_errors=True)


@pytest.mark.parametrize(
    "pages, error",
    [
        ([(PAGE,)], TypeError),
        ([(PAGE, "https://a.org/", "extra")], TypeError),
        ([(PAGE, 5)], TypeError),
        ([5], TypeError),
        (5, TypeError),
    ],
    ids=["1-tuple", "3-tuple", "int-url", "int-page", "not-iterable"],
)
def test_malformed_batches_raise_type_error(pages, error):
    with pytest.raises(error):
        nutgraf.Extractor().extract_many(pages)


def test_zero_jobs_raises_value_error():
    with pytest.raises(ValueError):
        nutgraf.Extractor().extract_many([PAGE], jobs=0)
