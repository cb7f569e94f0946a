"""make demo: the whole pipeline on this machine.

A moto server on 127.0.0.1 holds the stack's bucket, queues and table (created from
template.yaml). Sample posts are uploaded under the input prefix; S3 notifies the queue; the
queue handler runs in-process as Lambda would; the stored articles and failures are printed. Then
every stored post is re-parsed the way `article-ingest backfill` does it locally.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import boto3

from .local_stack import REGION, deploy, start_server, use_local_credentials
from .output import plural
from .runtime import drain_queue, load_handler

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "infra" / "samples"
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "seed-article.txt"


def sample_posts() -> list[Path]:
    posts = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    return posts + ([SEED] if SEED.exists() else [])


def quiet_libraries() -> None:
    """The demo prints a summary; the moto server's access log and the SAM transform's chatter hide it."""
    import logging
    import warnings

    warnings.filterwarnings("ignore")
    for name in ("werkzeug", "samtranslator", "moto"):
        logging.getLogger(name).setLevel(logging.ERROR)


def main() -> int:
    quiet_libraries()
    use_local_credentials()
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")
    server, endpoint = start_server()
    try:
        return run(endpoint)
    finally:
        server.stop()
        print("\nmoto server stopped.")


def run(endpoint: str) -> int:
    print(f"local AWS (moto) at {endpoint}")
    stack = deploy(endpoint, name="article-ingest-demo")
    print(f"stack from template.yaml: bucket {stack.bucket}, table {stack.table}")
    s3 = boto3.client("s3", region_name=REGION, endpoint_url=endpoint)
    posts = sample_posts()
    for post in posts:
        s3.put_object(Bucket=stack.bucket, Key=f"{stack.input_prefix}{post.name}", Body=post.read_bytes())
    print(f"uploaded {plural(len(posts), 'post')} under s3://{stack.bucket}/{stack.input_prefix}\n")

    handler = load_handler("ingest_queue", {**stack.environment(), "AWS_ENDPOINT_URL": endpoint})
    stats = drain_queue(stack.queue_url, handler.lambda_handler, endpoint_url=endpoint)
    print(
        f"queue drained: {plural(stats.batches, 'batch', 'batches')}, "
        f"{plural(stats.delivered, 'message')} handled\n"
    )

    from article_ingest.table import ArticleTable

    from .report import print_summary

    table = ArticleTable(stack.table, stack.bucket, stack.overflow_prefix)
    status = print_summary(table, posts, stack, sys.stdout)
    reparse_all(stack.name, endpoint)
    print(
        "\nSee what parsing removed from a post, marked by kind, in your browser:\n"
        "  .venv/bin/article-ingest inspect infra/samples/allotment-water-scrape.txt"
    )
    return status


def reparse_all(stack_name: str, endpoint: str) -> None:
    """What `article-ingest backfill --wait` does after a parser upgrade, here over the demo's posts."""
    from .backfill import read_report
    from .backfill_local import STAND_IN_NOTE, LocalMapRun
    from .operations import find_stack

    stack = find_stack(stack_name, endpoint_url=endpoint)
    engine = LocalMapRun(stack)
    status = engine.run(engine.start(stack.input_prefix, ""), stack.input_prefix, "", lambda _: None)
    report = read_report(stack, status.manifest)
    print(f"\nre-parsed every stored post (article-ingest backfill; {STAND_IN_NOTE}):")
    unaccounted = status.counts.total - report.accounted
    print(
        f"  {plural(status.counts.total, 'post')}, {plural(engine.calls, 'handler call')}: "
        f"{report.stored} stored, {report.unchanged} unchanged (nothing written), "
        f"{plural(len(report.failures), 'failure')} recorded, {unaccounted} unaccounted"
    )


if __name__ == "__main__":
    sys.exit(main())
