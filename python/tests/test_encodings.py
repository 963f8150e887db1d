"""Bytes are decoded by nutgraf's own detection; str is taken as already decoded."""

from __future__ import annotations

import pytest

import nutgraf

TEXT = "Ça coûte 5 € : l'été à Zürich, où les crêpes sont très appréciées par tout le monde."


def page(charset_meta: str = "") -> str:
    head = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return (
        f"<html><head>{head}<title>Été</title></head><body><article>"
        f"<p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    "codec, label, reported",
    [
        ("utf-8", "utf-8", "UTF-8"),
        ("windows-1252", "windows-1252", "windows-1252"),
        ("iso-8859-15", "iso-8859-15", "ISO-8859-15"),
        ("utf-16", "utf-16", "UTF-16LE"),
    ],
)
def test_bytes_declared_in_a_meta_charset_are_decoded(codec, label, reported):
    article = nutgraf.extract(page(label).encode(codec))
    assert article.title == "Été"
    assert TEXT in article.text
    assert article.encoding == reported


def test_undeclared_windows_1252_is_detected():
    article = nutgraf.extract(page().encode("windows-1252"))
    assert TEXT in article.text
    assert article.encoding == "windows-1252"


def test_japanese_shift_jis_is_detected_without_a_declaration():
    body = "日本語の文章です。これは記事の本文であり、十分な長さを持っています。" * 4
    html = f"<html><body><article><p>{body}</p></article></body></html>"
    article = nutgraf.extract(html.encode("shift_jis"))
    assert body in article.text
    assert article.encoding == "Shift_JIS"


def test_the_charset_option_overrides_the_meta_charset():
    html = page("utf-8").encode("windows-1252")
    assert TEXT not in nutgraf.extract(html).text
    assert TEXT in nutgraf.extract(html, charset="windows-1252").text


def test_str_is_taken_as_decoded_whatever_its_meta_says():
    article = nutgraf.extract(page("windows-1252"))
    assert TEXT in article.text
    assert article.encoding == "UTF-8"


def test_bytearray_is_accepted_like_bytes():
    assert TEXT in nutgraf.extract(bytearray(page("utf-8").encode())).text
