"""The backfill path at scale (issue 16): 10,000 stored posts re-parsed on a local moto server through
`article-ingest backfill`'s own code, then every post accounted for. A measurement, not a timed test.

One moto server on 127.0.0.1 holds the stack (created from template.yaml). Corpus pages (pages/*.gz,
cycled, each under a new key) and a few broken posts are stored under incoming/ with the bucket's
notifications cleared first, so nothing is ingested on upload: the posts are only stored, as after a
parser upgrade. Then the backfill runs as the CLI runs it on a local endpoint (the stand-in for the
Distributed Map: ListObjectsV2 pages, batches of 25, the Retry policy, ResultWriter files), one
Lambda environment in this process. At the end: every key has an article or a recorded failure in
the table, and the ResultWriter report accounts for every listed post; 0 unaccounted.

    .venv/bin/python -m bench.load.backfill --posts 10000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from bench.common import LOCAL_RUN_ENV, corpus_path
from bench.load.loadtest import BROKEN_POSTS, corpus_pages

BROKEN_EVERY = 97  # one in this many stored posts is broken and must end as a recorded failure


def main() -> int:
    args = _arguments()
    os.environ.update(LOCAL_RUN_ENV)
    import logging

    from article_ingest_ops.local_stack import deploy, start_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    pages = corpus_pages(corpus_path(args.corpus), args.max_page_kb)
    server, endpoint = start_server()
    try:
        stack = deploy(endpoint, name="backfill-bench")
        return run(args, pages, endpoint, stack.name)
    finally:
        server.stop()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--corpus", help="default: $ARTICLE_INGEST_CORPUS, else ../shared/corpus")
    parser.add_argument(
        "--max-page-kb", type=int, default=80, help="use corpus pages up to this size (as loadtest)"
    )
    return parser.parse_args()


def store_posts(s3, bucket: str, prefix: str, posts: int, pages: list[tuple[str, bytes]]) -> list[str]:
    """Store the posts only: the bucket's notifications are cleared first, so nothing ingests them."""
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={})
    broken = list(BROKEN_POSTS.items())
    planned = []
    for i in range(posts):
        if i % BROKEN_EVERY == BROKEN_EVERY - 1:
            name, body = broken[i % len(broken)]
            planned.append((f"{prefix}{i:05d}-broken-{name}.html", body))
        else:
            slug, body = pages[i % len(pages)]
            planned.append((f"{prefix}{i:05d}-{slug}.html", body))
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda kb: s3.put_object(Bucket=bucket, Key=kb[0], Body=kb[1]), planned))
    return [key for key, _ in planned]


def run(args: argparse.Namespace, pages: list, endpoint: str, stack_name: str) -> int:
    from article_ingest_ops import backfill, backfill_local, operations

    stack = operations.find_stack(stack_name, endpoint_url=endpoint)
    started = time.perf_counter()
    keys = store_posts(stack.client("s3"), stack.bucket, stack.input_prefix, args.posts, pages)
    print(f"stored {len(keys):,} posts under {stack.input_prefix} in {time.perf_counter() - started:.0f} s")

    engine = backfill.engine_for(stack)
    print(f"engine: {type(engine).__name__} ({backfill_local.STAND_IN_NOTE})")
    started = time.perf_counter()
    run_id = engine.start(stack.input_prefix, "")
    last = [0.0]

    def seen(status: backfill.RunStatus) -> None:
        if time.perf_counter() - last[0] > 30 or status.finished:
            last[0] = time.perf_counter()
            print(
                f"  {status.counts.done:,}/{status.counts.total:,} done, {status.counts.failed} failed",
                flush=True,
            )

    status = engine.run(run_id, stack.input_prefix, "", seen)
    seconds = time.perf_counter() - started
    report = backfill.read_report(stack, status.manifest)

    ended = operations.outcomes(stack, keys)
    articles, failures, unaccounted = ended.articles, ended.failures, ended.missing
    batches = -(-status.counts.total // backfill.map_state()["ItemBatcher"]["MaxItemsPerBatch"])
    list_pages = -(-status.counts.total // 1000)
    print(f"run {run_id}: {status.status} in {seconds:.0f} s, {status.counts.done / seconds:.1f} posts/s")
    print(
        f"engine calls: {engine.calls:,} handler invocations for {batches:,} batches of up to 25 "
        f"({engine.calls - batches} retries), {list_pages} ListObjectsV2 pages"
    )
    print(
        f"report: {report.stored:,} stored, {report.unchanged:,} unchanged, {len(report.failures)} failures "
        f"recorded, {len(report.failed_batches)} in failed batches, "
        f"{status.counts.total - report.accounted} unaccounted"
    )
    accounted = (
        f"{articles:,} articles + {failures} failures = {articles + failures:,} of {len(keys):,} posts"
    )
    print(f"table: {accounted}, {unaccounted} unaccounted")
    codes: dict[str, int] = {}
    for failure in report.failures:
        codes[failure["code"]] = codes.get(failure["code"], 0) + 1
    print("failure codes: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())))
    return 0 if unaccounted == 0 and status.counts.total - report.accounted == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
