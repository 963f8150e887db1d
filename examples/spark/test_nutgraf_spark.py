"""Specification of the Spark job, run in Spark local mode over small WARC files written by warcio.

Needs pyspark (and Java 17) and a built nutgraf binary: $NUTGRAF_BIN, else target/release/nutgraf
or target/debug/nutgraf, whichever is newer.
Run: python -m unittest discover -s examples/spark -v
"""
import glob
import gzip
import json
import os
import shlex
import stat
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data", "warc")
sys.path.insert(0, HERE)

import nutgraf_spark  # noqa: E402


def nutgraf_binary():
    if os.environ.get("NUTGRAF_BIN"):
        return os.environ["NUTGRAF_BIN"]
    built = [os.path.join(ROOT, "target", p, "nutgraf") for p in ("release", "debug")]
    built = [b for b in built if os.path.exists(b)]
    if not built:
        raise unittest.SkipTest("no nutgraf binary: run cargo build first")
    return max(built, key=os.path.getmtime)


def read_parts(out_dir):
    lines = []
    for part in sorted(glob.glob(os.path.join(out_dir, "part-*"))):
        opener = gzip.open if part.endswith(".gz") else open
        with opener(part, "rt", encoding="utf-8") as f:
            lines += [json.loads(l) for l in f if l.strip()]
    return lines


class SparkJob(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        warcs = [os.path.join(DATA, n) for n in ("mixed.warc.gz", "mixed.warc", "truncated.warc.gz")]
        cls.missing = os.path.join(cls.tmp.name, "missing.warc.gz")
        listing = os.path.join(cls.tmp.name, "warcs.txt")
        with open(listing, "w") as f:
            f.write("\n".join(warcs + [cls.missing]) + "\n")
        cls.out = os.path.join(cls.tmp.name, "out")
        cls.job = subprocess.run(
            [sys.executable, os.path.join(HERE, "nutgraf_spark.py"), "--master", "local[2]",
             "--nutgraf", nutgraf_binary(), "--compress", listing, cls.out, "--", "--focus", "balanced"],
            capture_output=True, text=True, timeout=600)
        cls.records = read_parts(cls.out) if cls.job.returncode == 0 else []

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_job_succeeds_and_writes_gzip_part_files(self):
        self.assertEqual(self.job.returncode, 0, self.job.stderr[-3000:])
        self.assertTrue(glob.glob(os.path.join(self.out, "part-*.gz")))

    def by_file(self, name):
        path = os.path.join(DATA, name)
        return [r for r in self.records if r["source"].startswith(path + "#")]

    def test_one_record_per_html_response_with_its_url_in_each_whole_warc(self):
        for name in ("mixed.warc.gz", "mixed.warc"):
            recs = self.by_file(name)
            self.assertEqual(
                sorted(r["url"] for r in recs),
                sorted(f"https://news.example/{p}" for p in ("one", "two", "three", "four")), name)
            self.assertTrue(all(r.get("text") and "error" not in r for r in recs), name)

    def test_a_truncated_warc_gives_its_records_and_an_error_record(self):
        recs = self.by_file("truncated.warc.gz")
        self.assertEqual(sorted(r["url"] for r in recs if "url" in r),
                         ["https://news.example/one", "https://news.example/two"])
        self.assertEqual(len([r for r in recs if "error" in r]), 1)

    def test_a_missing_warc_is_reported_in_the_output(self):
        recs = [r for r in self.records if r["source"] == self.missing]
        self.assertEqual(len(recs), 1)
        self.assertIn("error", recs[0])

    def test_the_driver_reports_the_counts(self):
        self.assertIn("4 WARC files, 12 records (2 error records)", self.job.stderr)


class RunNutgraf(unittest.TestCase):
    def test_a_binary_that_dies_becomes_an_error_record(self):
        with tempfile.TemporaryDirectory() as d:
            fake = os.path.join(d, "nutgraf")
            with open(fake, "w") as f:
                # 101 is what a Rust panic exits with (0, 1 and 3 are nutgraf's ordinary ones).
                f.write("#!/bin/sh\necho boom >&2\nexit 101\n")
            os.chmod(fake, os.stat(fake).st_mode | stat.S_IEXEC)
            out = list(nutgraf_spark.run_nutgraf(fake, "/data/a.warc.gz", [], None))
        self.assertEqual(len(out), 1)
        rec = json.loads(out[0])
        self.assertEqual(rec["source"], "/data/a.warc.gz")
        self.assertIn("status 101", rec["error"])
        self.assertIn("boom", rec["error"])

    def test_a_binary_that_cannot_run_becomes_an_error_record(self):
        out = list(nutgraf_spark.run_nutgraf("/nonexistent/nutgraf", "/data/a.warc.gz", [], None))
        self.assertIn("cannot run", json.loads(out[0])["error"])

    def test_other_uri_schemes_need_a_fetch_command(self):
        out = list(nutgraf_spark.run_nutgraf("nutgraf", "s3://bucket/a.warc.gz", [], None))
        self.assertIn("--fetch-command", json.loads(out[0])["error"])

    def test_a_fetch_command_streams_the_file_and_records_are_named_after_the_uri(self):
        src = os.path.join(DATA, "mixed.warc.gz")
        out = list(nutgraf_spark.run_nutgraf(nutgraf_binary(), "s3://bucket/mixed.warc.gz", [],
                                             f"cat {shlex.quote(src)}"))
        recs = [json.loads(l) for l in out]
        self.assertEqual(len(recs), 4)
        self.assertTrue(all(r["source"].startswith("s3://bucket/mixed.warc.gz#urn:uuid:") for r in recs))


if __name__ == "__main__":
    unittest.main()
