"""make loadtest: thousands of real posts through S3 -> queue -> handler on a local moto server,
with faults injected into a share of AWS calls, then every post accounted for.

One moto server on 127.0.0.1 holds the stack (created from template.yaml). The main process
uploads posts drawn from the corpus's pages/*.gz (cycled, each under a new key, some keys
awkward), plus a few broken posts that must end as recorded failures. S3 notifies the queue.
Worker processes stand in for concurrent Lambda environments: each polls the queue, invokes the
queue handler in-process with a real-shaped event, deletes what succeeded and makes what failed
visible again at once (Lambda would wait out the visibility timeout). Faults, injected at
botocore's before-send in the workers:

- per attempt, at random: DynamoDB throttling and 5xx, S3 SlowDown and read timeouts; botocore's
  standard retry absorbs almost all of them (backoff delays are scaled down so the run stays short);
- "flaky" posts: every S3 read fails on their first delivery, so the record is handed back
  (partial batch response) and succeeds when redelivered;
- "doomed" posts: every S3 read fails, always; after maxReceiveCount (5) they wait in the DLQ.

At the end: articles + recorded failures + DLQ messages must equal posts sent, 0 unaccounted.
Bounded by --posts and --time-limit; the server and the workers stop by themselves.

    .venv/bin/python -m bench.load.loadtest --posts 5000 --workers 4
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import os
import random
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote_plus

from bench.common import LOCAL_RUN_ENV, corpus_path

KEY_STYLES = [
    "{i:05d}-{slug}.html",
    "{i:05d} {slug}.html",
    "{i:05d}+{slug}.html",
    "ü/{i:05d}-{slug} 100%.html",
]
BROKEN_POSTS = {  # one in BROKEN_EVERY posts: each must end as a recorded failure
    "empty": b"",
    "binary": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "scripts-only": b"<html><head><script>var a = 1;</script></head><body></body></html>",
}
BROKEN_EVERY = 97
UPLOAD_CHUNK, MAX_BACKLOG = 40, 120
FAULTS = {  # per attempt probabilities
    ("dynamodb", "PutItem"): [("throttled", 0.03), ("5xx", 0.01)],
    ("dynamodb", "UpdateItem"): [("throttled", 0.03)],
    ("s3", "GetObject"): [("slow_down", 0.02), ("timeout", 0.01)],
}


def main() -> int:
    args = _arguments()
    os.environ.update(LOCAL_RUN_ENV)
    import logging

    from article_ingest_ops.local_stack import deploy, start_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise

    args.corpus = corpus_path(args.corpus)
    pages = corpus_pages(args.corpus, args.max_page_kb)
    server, endpoint = start_server()
    try:
        stack = deploy(endpoint, name="loadtest")
        summary = run(args, pages, endpoint, stack)
    finally:
        server.stop()
    print(json.dumps(summary, indent=2))
    return 0 if summary["unaccounted"] == 0 and summary["overlap"] == 0 else 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=4, help="concurrent Lambda environments (processes)")
    parser.add_argument("--time-limit", type=float, default=480, help="seconds before giving up")
    parser.add_argument("--corpus", type=Path, help="default: $ARTICLE_INGEST_CORPUS, else ../shared/corpus")
    parser.add_argument("--max-page-kb", type=int, default=80, help="use corpus pages up to this size")
    parser.add_argument(
        "--flaky", type=float, default=0.02, help="share of posts failing their first delivery"
    )
    parser.add_argument("--doomed", type=float, default=0.004, help="share of posts whose reads always fail")
    parser.add_argument("--backoff-scale", type=float, default=0.01, help="scale botocore's backoff delays")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def corpus_pages(corpus: Path, max_kb: int) -> list[tuple[str, bytes]]:
    pages = []
    for path in sorted((corpus / "pages").glob("*.gz")):
        html = gzip.decompress(path.read_bytes())
        if len(html) <= max_kb * 1024:
            pages.append((path.name.removesuffix(".html.gz").replace(".", "-")[:40], html))
    if not pages:
        sys.exit(f"no corpus pages under {corpus / 'pages'}")
    return pages


def fate(key: str, flaky: float, doomed: float) -> str:
    """Whether a post's reads fail always ("doomed"), on its first delivery ("flaky"), or never."""
    share = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "doomed" if share < doomed else "flaky" if share < doomed + flaky else "fine"


def run(args: argparse.Namespace, pages: list, endpoint: str, stack) -> dict:
    import boto3

    s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint)
    posts = plan_posts(args.posts, pages, stack.input_prefix)
    spawn = multiprocessing.get_context("spawn")
    stop, results, receiving = spawn.Event(), spawn.Queue(), spawn.Lock()
    options = {**vars(args), "corpus": str(args.corpus)}
    workers = [
        spawn.Process(target=worker, args=(n, endpoint, stack, options, stop, results, receiving))
        for n in range(args.workers)
    ]
    for process in workers:
        process.start()
    started = time.monotonic()
    sqs = boto3.client("sqs", region_name="us-east-1", endpoint_url=endpoint)
    with ThreadPoolExecutor(max_workers=4) as pool:
        for start in range(0, len(posts), UPLOAD_CHUNK):
            chunk = posts[start : start + UPLOAD_CHUNK]
            list(pool.map(lambda post: s3.put_object(Bucket=stack.bucket, Key=post[0], Body=post[1]), chunk))
            wait_for_backlog(sqs, stack.queue_url, MAX_BACKLOG, started + args.time_limit)
    uploaded = time.monotonic() - started
    drained = wait_until_drained(endpoint, stack, started + args.time_limit)
    elapsed = time.monotonic() - started
    stop.set()
    worker_stats = Counter()
    for _ in workers:
        try:
            worker_stats.update(results.get(timeout=60))
        except Exception:  # a worker that died reports nothing; the accounting below still holds
            pass
    for process in workers:
        process.join(timeout=30)
        if process.is_alive():
            process.terminate()
    return account(endpoint, stack, posts, args) | {
        "drained": drained,
        "workers": args.workers,
        "upload_seconds": round(uploaded, 1),
        "elapsed_seconds": round(elapsed, 1),
        "posts_per_second": round(len(posts) / elapsed, 1),
        "deliveries": worker_stats["deliveries"],
        "handed_back": worker_stats["handed_back"],
        "batches": worker_stats["batches"],
        "injected_faults": {k.removeprefix("fault:"): v for k, v in sorted(worker_stats.items()) if ":" in k},
    }


def plan_posts(count: int, pages: list, prefix: str) -> list[tuple[str, bytes]]:
    posts = []
    for i in range(count):
        if i % BROKEN_EVERY == BROKEN_EVERY - 1:
            name = list(BROKEN_POSTS)[i % len(BROKEN_POSTS)]
            posts.append((f"{prefix}load/broken/{i:05d}-{name}.html", BROKEN_POSTS[name]))
            continue
        slug, html = pages[i % len(pages)]
        key = KEY_STYLES[i % len(KEY_STYLES)].format(i=i, slug=slug)
        posts.append((f"{prefix}load/{key}", html))
    return posts


def wait_for_backlog(sqs, queue_url: str, most: int, deadline: float) -> None:
    """Hold uploads while the queue holds more than ``most`` messages: moto's ReceiveMessage walks
    the whole queue (0.1 s at 250 messages, 0.8 s at 1,000), so a deep backlog measures moto."""
    while time.monotonic() < deadline:
        attributes = sqs.get_queue_attributes(
            QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages"]
        )
        if int(attributes["Attributes"]["ApproximateNumberOfMessages"]) <= most:
            return
        time.sleep(0.25)


def wait_until_drained(endpoint: str, stack, deadline: float) -> bool:
    import boto3

    sqs = boto3.client("sqs", region_name="us-east-1", endpoint_url=endpoint)
    quiet = 0
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    while time.monotonic() < deadline:
        attributes = sqs.get_queue_attributes(QueueUrl=stack.queue_url, AttributeNames=names)["Attributes"]
        quiet = quiet + 1 if sum(int(attributes[n]) for n in names) == 0 else 0
        if quiet >= 3:
            return True
        time.sleep(1)
    return False


def account(endpoint: str, stack, posts: list, args: argparse.Namespace) -> dict:
    """Where each post ended: an article, a recorded failure, a DLQ message, or nowhere."""
    import boto3
    from article_ingest.models import Source, stable_id

    keys_by_id = {stable_id(Source(bucket=stack.bucket, key=key), ""): key for key, _ in posts}
    table = boto3.resource("dynamodb", region_name="us-east-1", endpoint_url=endpoint).Table(stack.table)
    ended: dict[str, Counter] = {"article": Counter(), "failure": Counter()}
    scan: dict = {"ConsistentRead": True, "ProjectionExpression": "id, record_type, failure_code"}
    while True:
        page = table.scan(**scan)
        for item in page["Items"]:
            if item["id"] in keys_by_id:
                kind = item["record_type"]
                ended[kind][keys_by_id[item["id"]]] += 1
                if kind == "failure":
                    ended.setdefault("codes", Counter())[item.get("failure_code", "?")] += 1
        if "LastEvaluatedKey" not in page:
            break
        scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    dead = dead_letter_keys(endpoint, stack)
    sent = {key for key, _ in posts}
    found = set(ended["article"]) | set(ended["failure"]) | set(dead)
    overlap = (set(ended["article"]) & set(ended["failure"])) | (
        (set(ended["article"]) | set(ended["failure"])) & set(dead)
    )
    doomed = {key for key in sent if fate(key, args.flaky, args.doomed) == "doomed"}
    return {
        "posts_sent": len(posts),
        "articles": len(ended["article"]),
        "recorded_failures": len(ended["failure"]),
        "failure_codes": dict(ended.get("codes", {})),
        "dlq_messages": sum(dead.values()),
        "dlq_posts_doomed_by_design": len(set(dead) & doomed),
        "doomed_posts": len(doomed),
        "unaccounted": len(sent - found),
        "overlap": len(overlap),
        "unaccounted_examples": sorted(sent - found)[:5],
    }


def dead_letter_keys(endpoint: str, stack) -> Counter:
    import boto3

    sqs = boto3.client("sqs", region_name="us-east-1", endpoint_url=endpoint)
    keys: Counter = Counter()
    while True:
        messages = sqs.receive_message(QueueUrl=stack.dlq_url, MaxNumberOfMessages=10, VisibilityTimeout=600)
        if not messages.get("Messages"):
            return keys
        for message in messages["Messages"]:
            for record in json.loads(message["Body"]).get("Records", []):
                keys[unquote_plus(record["s3"]["object"]["key"])] += 1


# --- a worker: one stand-in Lambda environment -----------------------------------------------------


def worker(number: int, endpoint: str, stack, options: dict, stop, results, receiving) -> None:
    sys.stdout = open(os.devnull, "w")  # the handler's metrics lines (EMF) would drown the summary
    import boto3
    from article_ingest_ops.runtime import LambdaContext, load_handler, sqs_event
    from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

    app = load_handler("ingest_queue", {**stack.environment(), "AWS_ENDPOINT_URL": endpoint})
    stats: Counter = Counter()
    deliveries: dict[str, int] = {}  # key -> receive count of the record being handled
    install_faults(app, stack, options, random.Random(options["seed"] * 100 + number), deliveries, stats)
    sqs = boto3.client("sqs", region_name="us-east-1", endpoint_url=endpoint)
    arn = sqs.get_queue_attributes(QueueUrl=stack.queue_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    while not stop.is_set():
        # moto's SQS moves messages to the DLQ without a lock: two concurrent receives can both try
        # (ValueError, a 500, and the batch it had marked stays invisible). Real SQS has no such race.
        with receiving:
            received = sqs.receive_message(
                QueueUrl=stack.queue_url, MaxNumberOfMessages=10, AttributeNames=["All"], VisibilityTimeout=60
            ).get("Messages", [])
        if not received:
            time.sleep(0.2)
            continue
        deliveries.clear()
        for message in received:
            for key in _keys(message["Body"]):
                deliveries[key] = int(message["Attributes"]["ApproximateReceiveCount"])
        event = sqs_event(received, arn)
        try:
            response = app.lambda_handler(event, LambdaContext(function_name="ingest_queue"))
        except BatchProcessingError:  # every record failed: Lambda hands the whole batch back
            response = {"batchItemFailures": [{"itemIdentifier": m["MessageId"]} for m in received]}
        failed = {f["itemIdentifier"] for f in response["batchItemFailures"]}
        stats.update(batches=1, deliveries=len(received), handed_back=len(failed))
        done = [m for m in received if m["MessageId"] not in failed]
        if done:
            entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)]
            sqs.delete_message_batch(QueueUrl=stack.queue_url, Entries=entries)
        retry = [m for m in received if m["MessageId"] in failed]
        if retry:
            entries = [
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0}
                for i, m in enumerate(retry)
            ]
            sqs.change_message_visibility_batch(QueueUrl=stack.queue_url, Entries=entries)
    results.put(dict(stats))


def _keys(body: str) -> list[str]:
    try:
        records = json.loads(body).get("Records", [])
        return [unquote_plus(r["s3"]["object"]["key"]) for r in records]
    except (ValueError, KeyError, TypeError, AttributeError):
        return []


def install_faults(app, stack, options: dict, rng: random.Random, deliveries: dict, stats: Counter) -> None:
    from article_ingest import aws
    from botocore.retries import standard

    scale, original = options["backoff_scale"], standard.ExponentialBackoff.delay_amount
    standard.ExponentialBackoff.delay_amount = lambda self, context: original(self, context) * scale
    clients = {"s3": aws.client("s3"), "dynamodb": aws.dynamodb_table(stack.table).meta.client}
    for (service, operation), faults in FAULTS.items():
        clients[service].meta.events.register_first(
            f"before-send.{service}.{operation}",
            _fault_hook(service, operation, faults, rng, deliveries, options, stats),
        )


def _fault_hook(service, operation, faults, rng, deliveries, options, stats):
    def hook(request, **_):
        if operation == "GetObject":
            key = unquote_plus(request.url.split("/", 4)[-1].split("?")[0])
            doom = fate(key, options["flaky"], options["doomed"])
            if doom == "doomed" or (doom == "flaky" and deliveries.get(key, 1) == 1):
                stats[f"fault:{doom}_read"] += 1
                return _error(service, 503, "SlowDown")
        roll = rng.random()
        for kind, share in faults:
            if roll < share:
                stats[f"fault:{operation}_{kind}"] += 1
                return _inject(service, kind, request)
            roll -= share
        return None

    return hook


def _inject(service: str, kind: str, request):
    from botocore.exceptions import ReadTimeoutError

    if kind == "timeout":
        raise ReadTimeoutError(endpoint_url=request.url)
    if kind == "throttled":
        return _error(service, 400, "ProvisionedThroughputExceededException")
    if kind == "5xx":
        return _error(service, 500, "InternalServerError")
    return _error(service, 503, "SlowDown")


def _error(service: str, status: int, code: str):
    from botocore.awsrequest import AWSResponse

    class Body:
        def __init__(self, data: bytes):
            self.data = data

        def stream(self, **_):
            yield self.data

    if service == "dynamodb":
        body = json.dumps(
            {"__type": f"com.amazonaws.dynamodb.v20120810#{code}", "message": "injected"}
        ).encode()
        headers = {"Content-Type": "application/x-amz-json-1.0"}
    else:
        body = f"<Error><Code>{code}</Code><Message>injected</Message></Error>".encode()
        headers = {"Content-Type": "application/xml"}
    return AWSResponse(f"https://{service}.injected", status, headers, Body(body))


if __name__ == "__main__":
    sys.exit(main())
