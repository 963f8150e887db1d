#!/usr/bin/env python3
"""Run nutgraf over WARC files on Apache Spark and write JSON Lines part files.

Each WARC file of INPUT_LIST (one path or URI per line) becomes one Spark task, which runs the
nutgraf binary on it (one core per task: `-j 1`) and yields its JSON records. The records are
written to OUTPUT_DIR as Spark part files (plain or gzip text), readable with `spark.read.json`.

A WARC that fails is never lost silently: nutgraf itself writes an error record for a truncated or
corrupt file, and when the binary cannot run or dies, this job writes a record
`{"source": WARC, "error": ...}` in its place.

Inputs: local paths, `file://` URIs and `http(s)://` URLs are read directly; any other scheme
(`s3://`, `hdfs://`, `gs://`...) is read through `--fetch-command`, a command that prints the
file on its standard output, with `{}` standing for the URI (e.g. `aws s3 cp {} -`,
`hdfs dfs -cat {}`).

Usage:
  spark-submit examples/spark/nutgraf_spark.py --nutgraf target/release/nutgraf \\
      warcs.txt out/ [-- --focus precision --timeout 30s]
  python3 examples/spark/nutgraf_spark.py ...     (local mode, `local[*]`)
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import urllib.parse
import urllib.request


def parse_args(argv):
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    p = argparse.ArgumentParser(
        description="Extract articles from WARC files with nutgraf on Spark.",
        epilog="Options after `--` are passed to nutgraf (e.g. -- --focus precision --comments).",
    )
    p.add_argument("input_list", metavar="INPUT_LIST", help="file listing WARC paths or URIs, one per line")
    p.add_argument("output_dir", metavar="OUTPUT_DIR", help="directory for the JSON Lines part files")
    p.add_argument("--nutgraf", metavar="PATH",
                   help="the nutgraf binary, shipped to the executors (default: `nutgraf` on their PATH)")
    p.add_argument("--master", metavar="URL",
                   help="Spark master (default: $MASTER, else spark-submit's, else local[*])")
    p.add_argument("--compress", action="store_true", help="write gzip-compressed part files")
    p.add_argument("--partitions", type=int, metavar="N",
                   help="number of tasks (default: one per WARC file)")
    p.add_argument("--fetch-command", metavar="CMD",
                   help="command printing a remote file on stdout, {} = the URI (e.g. 'aws s3 cp {} -')")
    args = p.parse_args(argv)
    args.extra = extra
    return args


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]


def error_record(source, message):
    return json.dumps({"source": source, "error": message}, ensure_ascii=False)


def open_input(uri, fetch_command):
    """How to feed one WARC to nutgraf: (path argument, stdin stream or None, helper process or None)."""
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme in ("", "file") or (len(parsed.scheme) == 1 and os.name == "nt"):
        return (urllib.parse.unquote(parsed.path) if parsed.scheme == "file" else uri), None, None
    if parsed.scheme in ("http", "https"):
        return "-", urllib.request.urlopen(uri), None
    if not fetch_command:
        raise ValueError(f"cannot read {parsed.scheme}:// URIs without --fetch-command")
    cmd = [part.replace("{}", uri) for part in shlex.split(fetch_command)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    return "-", proc.stdout, proc


def run_nutgraf(binary, uri, extra, fetch_command):
    """Yields nutgraf's JSON records for one WARC, or an error record when it cannot finish."""
    try:
        path, stream, helper = open_input(uri, fetch_command)
    except Exception as e:  # noqa: BLE001 - any failure to open is reported as a record
        yield error_record(uri, f"cannot open: {e}")
        return
    cmd = [binary, "--format", "json", "-q", "-j", "1", *extra, path]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stream else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        yield error_record(uri, f"cannot run {binary}: {e}")
        return
    if stream is not None:
        def feed():
            try:
                shutil.copyfileobj(stream, proc.stdin, 1 << 20)
            except (OSError, ValueError):
                pass
            finally:
                try:
                    proc.stdin.close()
                except OSError:
                    pass
        threading.Thread(target=feed, daemon=True).start()
    stderr_lines = []
    reader = threading.Thread(target=lambda: stderr_lines.extend(proc.stderr), daemon=True)
    reader.start()
    # Records from standard input are named after the URI, not `-`.
    prefix = '{"source":"-'
    renamed = json.dumps(uri, ensure_ascii=False)[:-1]
    with proc:
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if not line:
                continue
            if path == "-" and line.startswith(prefix):
                line = '{"source":' + renamed + line[len(prefix):]
            yield line
        rc = proc.wait()
        reader.join()
    if helper is not None:
        helper.stdout.close()
        if helper.wait() != 0:
            yield error_record(uri, f"fetch command exited with status {helper.returncode}")
    elif stream is not None:
        stream.close()
    # 0: all good; 1: some input unreadable; 3: all read, some documents failed (both already
    # reported by error records); else: a crash or an interrupt.
    if rc not in (0, 1, 3):
        tail = b"".join(stderr_lines[-3:]).decode("utf-8", "replace").strip()
        yield error_record(uri, f"nutgraf exited with status {rc}: {tail}")


def spark_session(session_class, app, master):
    """The session: --master, else $MASTER, else what spark-submit was given, else local mode."""
    builder = session_class.builder.appName(app)
    master = master or os.environ.get("MASTER")
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:
        builder = builder.master("local[*]")
    return builder.getOrCreate()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    spark = spark_session(SparkSession, "nutgraf", args.master)
    sc = spark.sparkContext

    if args.nutgraf:
        sc.addFile(os.path.abspath(args.nutgraf))
        binary_name = os.path.basename(args.nutgraf)
    else:
        binary_name = None

    uris = read_list(args.input_list)
    if not uris:
        print(f"nutgraf_spark: {args.input_list} lists no input", file=sys.stderr)
        return 2
    extra, fetch = args.extra, args.fetch_command
    records = sc.accumulator(0)
    errors = sc.accumulator(0)

    def task(part):
        if binary_name:
            binary = SparkFiles.get(binary_name)
            os.chmod(binary, 0o755)
        else:
            binary = shutil.which("nutgraf") or "nutgraf"
        for uri in part:
            for line in run_nutgraf(binary, uri, extra, fetch):
                records.add(1)
                # A quote inside a JSON string is escaped, so this only matches the key.
                if '"error":' in line:
                    errors.add(1)
                yield line

    rdd = sc.parallelize(uris, args.partitions or len(uris)).mapPartitions(task)
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.compress else None
    rdd.saveAsTextFile(args.output_dir, compressionCodecClass=codec)
    print(f"nutgraf_spark: {len(uris)} WARC files, {records.value} records "
          f"({errors.value} error records) written to {args.output_dir}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
