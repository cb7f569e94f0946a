"""Peak memory (and the cold path's timings) of a fresh process that imports the queue handler and
ingests the corpus's largest page, with S3 and DynamoDB answered by botocore's Stubber (no moto, so
nothing but the handler's own code and libraries is in the process).

Also the first post of a fresh environment over a sample of pages: the extractor's libraries load
lazily (dateparser's language data only when a line needs it), so some first posts cost far more
than the same post again.

Peak = VmHWM from /proc/self/status, the high-water mark of this process's own memory. Not ru_maxrss:
Linux carries it across exec from the parent, so a big parent (run_all.py) would show through.

    .venv/bin/python -m bench.perf.memory [--corpus ../shared/corpus] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from bench.common import (
    HANDLER_ENV,
    HANDLERS,
    PROC_STATUS,
    child_env,
    corpus_path,
    largest_page,
    load_scorer,
    median,
    percentile,
    run_json,
)

CHILD = (
    """
import json, resource, sys, time
"""
    + PROC_STATUS
    + """
page_path, key = sys.argv[1], sys.argv[2]
data = open(page_path, "rb").read()
rss_start = status("VmRSS")
t0 = time.perf_counter()
import {module} as app
t1 = time.perf_counter()
rss_imported = status("VmRSS")

import datetime, io
from botocore.response import StreamingBody
from botocore.stub import Stubber
from article_ingest import aws
from article_ingest_ops.runtime import LambdaContext, sqs_event

s3 = Stubber(aws.client("s3"))
dynamodb = Stubber(aws.dynamodb_table("{table}").meta.client)
s3.activate(); dynamodb.activate()

def event(n):
    for _ in range(n):
        s3.add_response("get_object", {{
            "Body": StreamingBody(io.BytesIO(data), len(data)), "ContentLength": len(data),
            "ContentType": "text/html", "LastModified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        }})
        dynamodb.add_response("put_item", {{}})
    body = json.dumps({{"bucket": "{bucket}", "key": key}})
    messages = [{{"MessageId": f"m{{i}}", "ReceiptHandle": "r", "Body": body,
                  "Attributes": {{"ApproximateReceiveCount": "1"}}}} for i in range(n)]
    return sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:q")

first_event, second_event = event(1), event(1)
t2 = time.perf_counter()
out = app.lambda_handler(first_event, LambdaContext())
t3 = time.perf_counter()
app.lambda_handler(second_event, LambdaContext())
t4 = time.perf_counter()
assert not out["batchItemFailures"], out
print(json.dumps({{
    "page_bytes": len(data),
    "rss_start_mib": rss_start,
    "rss_after_import_mib": rss_imported,
    "peak_rss_mib": status("VmHWM"),
    "ru_maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "import_ms": (t1 - t0) * 1000,
    "first_record_ms": (t3 - t2) * 1000,
    "second_record_ms": (t4 - t3) * 1000,
}}))
"""
)

BASELINE = """
import json
import boto3
with open("/proc/self/status") as f:
    hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
print(json.dumps({"peak_rss_mib": hwm / 1024}))
"""


FIRST_POST = """
import json, sys, time
import {module}  # what the environment's init already imported is not the first post's cost
data = open(sys.argv[1], "rb").read()
t0 = time.perf_counter()
from article_ingest.errors import PermanentError
from article_ingest.extract import parse
t1 = time.perf_counter()
times = []
for _ in range(2):
    start = time.perf_counter()
    try:
        parse(data, filename=sys.argv[2], content_type="text/html")
    except PermanentError:
        pass
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"import_ms": (t1 - t0) * 1000, "first_ms": times[0], "again_ms": times[1]}))
"""


# A line our byline reader hands to dateparser (a year, no day-month-year it can read itself) that
# no language parses: a corpus page's "Aus LECKER-Sonderheft 1/2019".
UNPARSED_DATE_LINE = "Aus LECKER-Sonderheft 1/2019"
DATEPARSER_MISS = """
import json, sys, time
from article_ingest.extract.dates import parse_date
times = []
for _ in range(2):
    start = time.perf_counter()
    assert parse_date(sys.argv[1]) is None
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"first_ms": times[0], "again_ms": times[1]}))
"""


def dateparser_miss(runs: int) -> dict:
    """The first line dateparser cannot parse in a fresh process (it then loads every language)."""
    samples = [run_json(DATEPARSER_MISS, child_env(), [UNPARSED_DATE_LINE]) for _ in range(runs)]
    return {
        "line": UNPARSED_DATE_LINE,
        "first_ms": median([s["first_ms"] for s in samples]),
        "again_ms": median([s["again_ms"] for s in samples]),
    }


def first_posts(corpus: Path, pages: int) -> dict:
    """Every n-th corpus page as the first post of a fresh process that imported the queue handler:
    the extractor's import, the page's parse, then the same parse again."""
    code = FIRST_POST.replace("{module}", HANDLERS["ingest_queue"])
    scorer = load_scorer(corpus)
    cases = scorer.load_cases(corpus)
    sample = cases[:: max(1, len(cases) // pages)][:pages]
    rows = []
    for case in sample:
        with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as page:
            page.write(scorer.read_page(corpus, case["file"]))
        try:
            rows.append({"page": case["file"], **run_json(code, child_env(), [page.name, case["file"]])})
        finally:
            os.unlink(page.name)
    first = [row["first_ms"] for row in rows]
    return {
        "pages": len(rows),
        "first_median_ms": median(first),
        "first_p95_ms": percentile(first, 95),
        "again_median_ms": median([row["again_ms"] for row in rows]),
        "import_median_ms": median([row["import_ms"] for row in rows]),
        "slowest": sorted(rows, key=lambda row: -row["first_ms"])[:3],
    }


def ingest_in_fresh_process(data: bytes, key: str, runs: int) -> dict:
    code = CHILD.format(
        module=HANDLERS["ingest_queue"], table=HANDLER_ENV["TABLE_NAME"], bucket=HANDLER_ENV["BUCKET_NAME"]
    )
    with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as page:
        page.write(data)
    try:
        samples = [run_json(code, child_env(), [page.name, key]) for _ in range(runs)]
    finally:
        os.unlink(page.name)
    return max(samples, key=lambda s: s["peak_rss_mib"])


def run(corpus: Path, runs: int = 3, first_post_pages: int = 40) -> dict:
    """The corpus's largest page, and that page repeated up to the largest post the service accepts."""
    from article_ingest.config import Settings

    name, data = largest_page(corpus)
    limit = Settings.model_fields["max_input_bytes"].default
    at_limit = data * max(1, limit // len(data))
    baseline = max(run_json(BASELINE)["peak_rss_mib"] for _ in range(runs))
    return {
        "page": name,
        "runs": runs,
        **ingest_in_fresh_process(data, f"{HANDLER_ENV['INPUT_PREFIX']}{name}", runs),
        "boto3_only_peak_rss_mib": baseline,
        "max_input_bytes": limit,
        "at_input_limit": ingest_in_fresh_process(at_limit, f"{HANDLER_ENV['INPUT_PREFIX']}at-limit.html", 1),
        "first_posts": first_posts(corpus, first_post_pages),
        "dateparser_miss": dateparser_miss(runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus")
    parser.add_argument("--json")
    args = parser.parse_args()
    report = run(corpus_path(args.corpus))
    print(json.dumps(report, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
