#!/usr/bin/env python3
"""Writes the WARC test files of tests/warc.rs with warcio (another tool than the reader under test).

Run once, from this folder:  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install warcio
                             /tmp/venv/bin/python make_warcs.py
The outputs are committed, so the tests need no Python.
"""
import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DATE = "2024-03-01T12:00:00Z"


def article(title, sentence):
    paras = "".join(
        f"<p>{sentence} This is paragraph {i} of the story, and it has enough words to count as prose.</p>"
        for i in range(1, 4)
    )
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paras}</article>"
        f"<footer>Footer links</footer></body></html>"
    )


def chunked(body):
    out = b""
    for i in range(0, len(body), 100):
        part = body[i : i + 100]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def response(writer, uri, status, headers, body):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    rec = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=http,
        warc_headers_dict={"WARC-Date": DATE},
    )
    writer.write_record(rec)


def write(f, gz):
    w = WARCWriter(f, gzip=gz)
    w.write_record(w.create_warcinfo_record("test.warc", {"software": "warcio test writer"}))
    req = StatusAndHeaders("GET /one HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    w.write_record(w.create_warc_record("https://news.example/one", "request", http_headers=req,
                                        warc_headers_dict={"WARC-Date": DATE}))
    # 1. A UTF-8 page.
    response(w, "https://news.example/one", "200 OK", [("Content-Type", "text/html; charset=utf-8")],
             article("First story", "Zebras crossed the river at dawn.").encode("utf-8"))
    # An image.
    response(w, "https://news.example/logo.png", "200 OK", [("Content-Type", "image/png")],
             b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    # 2. A windows-1252 page whose charset is only in the HTTP header.
    response(w, "https://news.example/two", "200 OK", [("Content-Type", "text/html; charset=windows-1252")],
             article("Second story", "The caf\u00e9 served cr\u00e8me br\u00fbl\u00e9e all night.").encode("cp1252"))
    # Redirect, client error, server error.
    response(w, "https://news.example/old", "301 Moved Permanently",
             [("Location", "https://news.example/one"), ("Content-Type", "text/html")], b"<a href='/one'>moved</a>")
    response(w, "https://news.example/missing", "404 Not Found", [("Content-Type", "text/html")],
             article("Not found", "Nothing here.").encode())
    response(w, "https://news.example/busy", "503 Service Unavailable", [("Content-Type", "text/html")],
             b"<p>busy</p>")
    # 3. A page without Content-Type: recognised by sniffing.
    response(w, "https://news.example/three", "200 OK", [],
             article("Third story", "Owls hunted quietly over the frozen marsh.").encode())
    # A revisit of the first page.
    w.write_record(w.create_revisit_record(
        "https://news.example/one", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        refers_to_uri="https://news.example/one", refers_to_date=DATE,
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")))
    # A metadata record.
    w.write_record(w.create_warc_record("https://news.example/one", "metadata",
                                        payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
                                        warc_content_type="application/warc-fields"))
    # 4. A page stored as sent: chunked and gzip-encoded.
    body = gzip.compress(article("Fourth story", "Glaciers carved the valley over ten thousand years.").encode())
    response(w, "https://news.example/four", "200 OK",
             [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
             chunked(body))


with open("mixed.warc.gz", "wb") as f:
    write(f, True)
with open("mixed.warc", "wb") as f:
    write(f, False)

# Truncated copies: cut inside the block of the response for the third story.
for name in ["mixed.warc.gz", "mixed.warc"]:
    data = open(name, "rb").read()
    if name.endswith(".gz"):
        # Find the gzip member holding the third story and cut it in half.
        members, pos = [], 0
        while pos < len(data):
            d = __import__("zlib").decompressobj(31)
            d.decompress(data[pos:])
            end = len(data) - len(d.unused_data)
            members.append((pos, end))
            pos = end
        idx = next(i for i, (s, e) in enumerate(members) if b"Third story" in gzip.decompress(data[s:e]))
        s, e = members[idx]
        cut = s + (e - s) // 2
    else:
        cut = data.index(b"Owls hunted")
    out = name.replace("mixed", "truncated")
    open(out, "wb").write(data[:cut])
