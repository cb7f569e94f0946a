"""docs/COST.md: the whole cost of a million posts, including what docs/PERFORMANCE.md's table
(bench's Lambda, S3 GET, DynamoDB write and SQS figures, read from docs/PERFORMANCE.json) leaves
out: each post's upload PUT, the log lines it costs in CloudWatch Logs, and a month of storage.

The log bytes are measured: the queue handler runs in-process on moto at the template's default
log level (INFO) with metrics on, as deployed, over the sample posts in batches of ten, and every
byte it writes is counted.

    .venv/bin/python -m article_ingest_ops.costs [--output docs/COST.md]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from .template import ROOT, raw_template

# us-east-1 list prices, the same date as bench/perf/cost.py's (PERFORMANCE.json "prices_as_of").
S3_PUT_PER_THOUSAND = 0.005  # S3 Standard PUT: every upload is one
S3_STORAGE_GB_MONTH = 0.023  # S3 Standard, first 50 TB
LOGS_INGESTION_PER_GB = 0.50  # CloudWatch Logs standard ingestion
LOGS_STORAGE_GB_MONTH = 0.03  # CloudWatch Logs archive (billed compressed: raw bytes are an upper bound)
DYNAMODB_STORAGE_GB_MONTH = 0.25  # DynamoDB Standard table class
DYNAMODB_ITEM_OVERHEAD = 100  # bytes DynamoDB adds to each item and each index entry
GSI_ENTRY_BYTES = 250  # an article's by_site / by_ingest_day entry: keys + projected title, site, words
GSI_PER_ARTICLE = 2
# START, END and REPORT lines Lambda writes per invocation (~450 bytes with an X-Ray trace id):
# not written by our code, so estimated rather than measured.
PLATFORM_BYTES_PER_INVOCATION = 450
BATCH_SIZE = 10
GB = 1e9
MILLION = 1_000_000

SAMPLES = ROOT / "infra" / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_POSTS = 50
PERFORMANCE = ROOT / "docs" / "PERFORMANCE.json"
OUTPUT = ROOT / "docs" / "COST.md"


def corpus_posts(corpus: Path, count: int, folder: Path) -> list[Path]:
    """The corpus's first ``count`` pages, as files (they are stored gzip-compressed)."""
    import gzip

    posts = []
    for line in (corpus / "cases.jsonl").read_text().splitlines()[:count]:
        name = json.loads(line)["file"]
        post = folder / f"post-{len(posts):03d}.html"
        post.write_bytes(gzip.decompress((corpus / "pages" / f"{name}.gz").read_bytes()))
        posts.append(post)
    return posts


def measure_log_bytes(posts: list[Path]) -> dict[str, float]:
    """Bytes the queue handler writes per post (logs and EMF metrics), at the deployed defaults."""
    from moto import mock_aws

    from .local_stack import deploy, use_local_credentials
    from .runtime import load_handler, sqs_event

    use_local_credentials()
    level = raw_template()["Parameters"]["LogLevel"]["Default"]
    os.environ.update(
        POWERTOOLS_LOG_LEVEL=level, POWERTOOLS_METRICS_DISABLED="false", POWERTOOLS_TRACE_DISABLED="true"
    )
    import boto3

    captured = io.StringIO()
    with mock_aws():
        stack = deploy(name="cost-measure")
        s3 = boto3.client("s3", region_name="us-east-1")
        with redirect_stdout(captured), redirect_stderr(captured):
            handler = load_handler("ingest_queue", stack.environment())
        captured.truncate(0), captured.seek(0)  # the import's own lines are once per cold start
        for start in range(0, len(posts), BATCH_SIZE):
            batch = posts[start : start + BATCH_SIZE]
            messages = []
            for post in batch:
                key = f"{stack.input_prefix}{post.name}"
                s3.put_object(Bucket=stack.bucket, Key=key, Body=post.read_bytes())
                body = json.dumps({"bucket": stack.bucket, "key": key})
                messages.append(
                    {
                        "MessageId": post.name,
                        "ReceiptHandle": post.name,
                        "Body": body,
                        "Attributes": {"ApproximateReceiveCount": "1"},
                    }
                )
            from .runtime import LambdaContext

            with redirect_stdout(captured), redirect_stderr(captured):
                handler.lambda_handler(
                    sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:q"), LambdaContext()
                )
    written = len(captured.getvalue().encode("utf-8"))
    invocations = -(-len(posts) // BATCH_SIZE)
    return {
        "log_level": level,
        "posts": len(posts),
        "handler_bytes_per_post": written / len(posts),
        "platform_bytes_per_post": PLATFORM_BYTES_PER_INVOCATION * invocations / len(posts),
        "raw_post_bytes": sum(p.stat().st_size for p in posts) / len(posts),
    }


def measure(corpus: Path = CORPUS) -> dict[str, object]:
    """Log bytes over the corpus's first pages when it is here, else over infra/samples."""
    import tempfile

    if (corpus / "cases.jsonl").exists():
        with tempfile.TemporaryDirectory() as folder:
            logs = measure_log_bytes(corpus_posts(corpus, CORPUS_POSTS, Path(folder)))
        return {**logs, "source": f"the first {CORPUS_POSTS} pages of ../shared/corpus"}
    posts = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    return {**measure_log_bytes(posts), "source": "the sample posts (infra/samples/)"}


def cost_rows(performance: dict, logs: dict, memory_mb: int) -> list[tuple[str, float, str]]:
    """(what, USD per million posts, how) for one month: processing, then the month's storage."""
    [bench] = [row for row in performance["table"] if row["memory_mb"] == memory_mb]
    items = performance["items"]["current"]
    log_bytes = logs["handler_bytes_per_post"] + logs["platform_bytes_per_post"]
    item_bytes = items["median_bytes"] + DYNAMODB_ITEM_OVERHEAD + GSI_PER_ARTICLE * GSI_ENTRY_BYTES
    return [
        (
            "Lambda compute and requests",
            bench["lambda_compute"] + bench["lambda_requests"],
            "bench (PERFORMANCE.md)",
        ),
        ("S3 GET (the function reads each post)", bench["s3_gets"], "bench"),
        ("DynamoDB writes (item + 2 GSIs)", bench["dynamodb_writes"], "bench"),
        ("SQS (notification, receive, delete)", bench["sqs_requests"], "bench"),
        ("S3 PUT (each post's upload)", MILLION * S3_PUT_PER_THOUSAND / 1000, "one PUT a post"),
        (
            "CloudWatch Logs ingestion",
            MILLION * log_bytes / GB * LOGS_INGESTION_PER_GB,
            f"{log_bytes:,.0f} bytes a post (measured {logs['handler_bytes_per_post']:,.0f} + platform "
            f"{logs['platform_bytes_per_post']:,.0f})",
        ),
        (
            "storage, first month: raw posts in S3",
            MILLION * logs["raw_post_bytes"] / GB * S3_STORAGE_GB_MONTH,
            f"{logs['raw_post_bytes'] / 1000:,.1f} KB a post (mean of the measured posts)",
        ),
        (
            "storage, first month: articles in DynamoDB",
            MILLION * item_bytes / GB * DYNAMODB_STORAGE_GB_MONTH,
            f"{item_bytes:,.0f} bytes an article with its index entries",
        ),
        (
            "storage, first month: logs",
            MILLION * log_bytes / GB * LOGS_STORAGE_GB_MONTH,
            "kept 30 days (LogRetentionDays)",
        ),
    ]


def render(performance: dict, logs: dict) -> str:
    memory = raw_template()["Globals"]["Function"]["MemorySize"]
    rows = cost_rows(performance, logs, memory)
    bench_total = sum(cost for what, cost, how in rows if how.startswith("bench"))
    total = sum(cost for _, cost, _ in rows)
    storage = sum(cost for what, cost, _ in rows if what.startswith("storage"))
    table = "\n".join(f"| {what} | ${cost:,.2f} | {how} |" for what, cost, how in rows)
    median_item = performance["items"]["current"]["median_bytes"]
    return f"""# What a million posts cost

Generated by `make cost` (`infra/article_ingest_ops/costs.py`); a test re-measures the log bytes.
The Lambda, S3 GET, DynamoDB write and SQS figures are `make bench`'s (docs/PERFORMANCE.md, at the
template's {memory} MB, prices as of {performance["prices_as_of"]}: ${bench_total:,.2f}); this adds what that
table leaves out. us-east-1 list prices; re-check them before quoting.

| what | per million posts | from |
| --- | --- | --- |
{table}
| **total, the first month** | **${total:,.2f}** | |

Storage recurs: each month a million stored posts cost about ${storage - rows[-1][1]:,.2f} more (raw
posts and articles), while their logs expire after 30 days.

**Log bytes, measured.** The queue handler ran in-process on moto over {logs["source"]} in batches
of {BATCH_SIZE}, at the template's default `LogLevel` ({logs["log_level"]}) with
metrics on, as deployed: {logs["handler_bytes_per_post"]:,.0f} bytes a post of Powertools JSON lines and
EMF metric blobs. Lambda adds START, END and REPORT lines per invocation (~{PLATFORM_BYTES_PER_INVOCATION}
bytes, estimated). `LogLevel=WARNING` leaves only failures and the metrics.

**Storage.** Raw posts stay in the bucket (versioned: a re-upload keeps the old version too). A stored
article is its gzip body plus keys and listing attributes (median {median_item:,.0f} bytes,
PERFORMANCE.md), {DYNAMODB_ITEM_OVERHEAD} bytes of DynamoDB overhead, and two index entries.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    import logging
    import warnings

    warnings.filterwarnings("ignore")
    logging.getLogger("samtranslator").setLevel(logging.ERROR)
    logs = measure()
    args.output.write_text(render(json.loads(PERFORMANCE.read_text())["cost"], logs), encoding="utf-8")
    print(f"wrote {args.output}: {logs['handler_bytes_per_post']:,.0f} log bytes a post", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
