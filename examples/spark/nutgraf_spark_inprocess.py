#!/usr/bin/env python3
"""Run nutgraf in-process on Apache Spark: WARC records read in Python, extracted by the binding.

The in-process sibling of nutgraf_spark.py (which runs the binary per WARC file): each WARC of
INPUT_LIST (local paths or file:// URIs, one a line) is one task, which reads its records with
warcio, hands the HTML responses in batches to `nutgraf.Extractor.extract_many` (the GIL
released, `--jobs` threads) and yields one JSON record per page, the same record the CLI writes
(`source` = `WARC#record-id`, `warc_date`, then the article, or `error`). The executors need
`pip install nutgraf warcio` (here: the repository's `pip install .`).

Usage:
  python3 examples/spark/nutgraf_spark_inprocess.py warcs.txt out/ [--focus precision]
  spark-submit examples/spark/nutgraf_spark_inprocess.py --master yarn warcs.txt out/
"""
import argparse
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def parse_args(argv):
    p = argparse.ArgumentParser(description="Extract articles from WARC files with nutgraf, in-process, on Spark.")
    p.add_argument("input_list", metavar="INPUT_LIST", help="file listing WARC paths, one per line")
    p.add_argument("output_dir", metavar="OUTPUT_DIR", help="directory for the JSON Lines part files")
    p.add_argument("--master", metavar="URL", help="Spark master (default: $MASTER, else local[*])")
    p.add_argument("--compress", action="store_true", help="write gzip-compressed part files")
    p.add_argument("--partitions", type=int, metavar="N", help="number of tasks (default: one per WARC)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="pages per extract_many call")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="threads per task (default 1: Spark runs a task per core)")
    p.add_argument("--focus", choices=("balanced", "precision", "recall"), default="balanced")
    p.add_argument("--comments", action="store_true", help="also extract reader comments")
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="longest time per page")
    return p.parse_args(argv)


def charset_of(content_type):
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"') or None
    return None


def is_html(content_type):
    media = (content_type or "").split(";")[0].strip().lower()
    return media in ("text/html", "application/xhtml+xml", "")


def warc_pages(path):
    """(source, warc_date, page dict) for each HTML response or resource of one WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as f:
        for n, rec in enumerate(ArchiveIterator(f), 1):
            if rec.rec_type not in ("response", "resource"):
                continue
            if rec.rec_type == "response":
                if rec.http_headers is None:
                    continue
                status = rec.http_headers.get_statuscode() or "0"
                if not status.startswith("2"):
                    continue
                content_type = rec.http_headers.get_header("Content-Type")
            else:
                content_type = rec.rec_headers.get_header("Content-Type")
            if not is_html(content_type):
                continue
            rid = (rec.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            source = f"{path}#{rid}" if rid else f"{path}#record-{n}"
            url = (rec.rec_headers.get_header("WARC-Target-URI") or "").strip("<>") or None
            date = rec.rec_headers.get_header("WARC-Date")
            page = {"html": rec.content_stream().read(), "url": url,
                    "charset": charset_of(content_type), "crawl_date": date}
            yield source, date, page


def records(extractor, path, batch_size, jobs):
    """The JSON records of one WARC file, in order; a file that cannot be read is an error record."""
    batch = []

    def flush():
        results = extractor.extract_many([p for _, _, p in batch], jobs)
        for (source, date, page), result in zip(batch, results):
            head = {"source": source}
            if date:
                head["warc_date"] = date
            if isinstance(result, Exception):
                head.update({"url": page["url"], "error": str(result)} if page["url"] else {"error": str(result)})
            else:
                head.update(result.to_dict())
            yield json.dumps(head, ensure_ascii=False)
        batch.clear()

    try:
        for item in warc_pages(path):
            batch.append(item)
            if len(batch) >= batch_size:
                yield from flush()
    except Exception as e:  # noqa: BLE001 - a damaged or missing file is reported, not fatal
        yield from flush()
        yield json.dumps({"source": path, "error": f"cannot read: {e}"}, ensure_ascii=False)
        return
    yield from flush()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # The executors' Python must be one where nutgraf and warcio are installed: this one.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from nutgraf_spark import read_list, spark_session

    spark = spark_session(SparkSession, "nutgraf-inprocess", args.master)
    sc = spark.sparkContext
    paths = [urllib.parse.unquote(urllib.parse.urlparse(u).path) if u.startswith("file:") else u
             for u in read_list(args.input_list)]
    if not paths:
        print(f"nutgraf_spark_inprocess: {args.input_list} lists no input", file=sys.stderr)
        return 2
    options = {"focus": args.focus, "comments": args.comments, "max_time": args.timeout or None}
    batch_size, jobs = max(1, args.batch_size), max(1, args.jobs)

    def task(part):
        import nutgraf

        extractor = nutgraf.Extractor(**options)  # once per task, reused for every page
        for path in part:
            yield from records(extractor, path, batch_size, jobs)

    rdd = sc.parallelize(paths, args.partitions or len(paths)).mapPartitions(task)
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.compress else None
    rdd.saveAsTextFile(args.output_dir, compressionCodecClass=codec)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
