"""Specification of the in-process Spark job: the same records as the CLI, in Spark local mode.

Needs pyspark (and Java 17), warcio, the nutgraf Python package and a built nutgraf binary (the
records are compared with its). Skipped where nutgraf or warcio is not installed.
Run: python -m unittest discover -s examples/spark -v
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data", "warc")
sys.path.insert(0, HERE)

from test_nutgraf_spark import nutgraf_binary, read_parts  # noqa: E402

try:
    import nutgraf  # noqa: F401
    import warcio  # noqa: F401
except ImportError as e:
    if os.environ.get("NUTGRAF_REQUIRE_INTEGRATIONS"):
        raise
    raise unittest.SkipTest(f"in-process path needs nutgraf and warcio: {e}")


def run_job(script, listing, out, *extra):
    start = time.perf_counter()
    job = subprocess.run([sys.executable, os.path.join(HERE, script), "--master", "local[2]",
                          *extra, listing, out], capture_output=True, text=True, timeout=600)
    return job, time.perf_counter() - start


class InProcessSparkJob(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.warcs = [os.path.join(DATA, n) for n in ("mixed.warc.gz", "mixed.warc")]
        listing = os.path.join(cls.tmp.name, "warcs.txt")
        with open(listing, "w") as f:
            f.write("\n".join(cls.warcs + [os.path.join(cls.tmp.name, "missing.warc")]) + "\n")
        cls.out = os.path.join(cls.tmp.name, "out")
        cls.job, cls.seconds = run_job("nutgraf_spark_inprocess.py", listing, cls.out, "--compress")
        cls.records = read_parts(cls.out) if cls.job.returncode == 0 else []
        cli = subprocess.run([nutgraf_binary(), "--format", "json", "-q", *cls.warcs],
                             capture_output=True, text=True)
        cls.cli = [json.loads(line) for line in cli.stdout.splitlines()]
        # The subprocess path on the same inputs, timed the same way, for the README's comparison.
        cls.sub_job, cls.sub_seconds = run_job(
            "nutgraf_spark.py", listing, os.path.join(cls.tmp.name, "sub"), "--nutgraf", nutgraf_binary())
        print(f"\nspark local[2]: in-process {cls.seconds:.1f} s, subprocess {cls.sub_seconds:.1f} s",
              file=sys.stderr)
        cls.addClassCleanup(cls.tmp.cleanup)

    def test_the_in_process_job_succeeds_with_gzip_part_files(self):
        self.assertEqual((self.job.returncode, bool(glob.glob(os.path.join(self.out, "part-*.gz")))),
                         (0, True), self.job.stderr[-3000:])

    def test_every_page_gets_the_record_the_cli_writes(self):
        pages = [r for r in self.records if "#" in r["source"]]
        self.assertTrue(self.cli)
        by_source = {r["source"]: r for r in pages}
        for expected in self.cli:
            self.assertEqual(by_source.get(expected["source"]), expected, expected["source"])
        self.assertEqual(len(pages), len(self.cli))

    def test_a_missing_file_is_an_error_record_not_a_failed_job(self):
        errors = [r for r in self.records if r["source"].endswith("missing.warc")]
        self.assertEqual(len(errors), 1)
        self.assertIn("error", errors[0])

    def test_the_subprocess_path_still_runs_on_the_same_inputs(self):
        self.assertEqual(self.sub_job.returncode, 0, self.sub_job.stderr[-3000:])


if __name__ == "__main__":
    unittest.main()
