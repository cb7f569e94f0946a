"""Warm throughput of the queue handler, and where one batch's time goes.

    .venv/bin/python -m bench.perf.throughput [--corpus ../shared/corpus] [--pages 150] [--json out.json]

S3 and DynamoDB are a moto server in a separate process on 127.0.0.1 (the stack created from
template.yaml), so this process's CPU time is the handler's own work, botocore's request signing,
serialising and parsing included, and moto's is not. Records are S3 pointers to an even sample of the
corpus, delivered in batches of 10 (template.yaml's BatchSize) after one unmeasured warm-up batch.
records/s per core = records / this process's CPU seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import pstats
import subprocess
import time
from pathlib import Path

from bench.common import (
    HANDLER_ENV,
    PYTHON,
    ROOT,
    child_env,
    corpus_path,
    function_settings,
    load_scorer,
    median,
)

BATCH = function_settings()["batch_size"]  # records per event, as the queue delivers them

SOCKET_WAITS = ("recv_into", "'connect'", "sendall", "poll", "select")
AREAS = (  # first match wins; path fragments of the profiled functions
    (
        "extraction (trafilatura, lxml, htmldate, courlan, justext)",
        (
            "trafilatura",
            "lxml",
            "htmldate",
            "courlan",
            "justext",
            "article_ingest/extract",
            "charset_normalizer",
            "readability",
            "dateparser",
        ),
    ),
    (
        "AWS SDK (botocore, boto3, urllib3, http)",
        ("botocore", "boto3", "urllib3", "http/client", "ssl", "socket", "s3transfer"),
    ),
    ("pydantic models", ("pydantic",)),
    ("Powertools (logging, metrics, batch)", ("aws_lambda_powertools", "logging/")),
    ("article_ingest (service, table, messages)", ("article_ingest",)),
    ("json", ("json/",)),
)


# article_ingest_ops.local_stack's moto server, in a process of its own: in this one its threads would
# spend CPU that process_time() counts as the handler's.
MOTO_SERVER = """
import os, signal, sys
from article_ingest_ops.local_stack import start_server
server, endpoint = start_server()
print(endpoint, flush=True)
sys.stdout = open(os.devnull, "w")
signal.pause()
"""


def start_moto() -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen(
        [PYTHON, "-c", MOTO_SERVER],
        env=child_env(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    endpoint = server.stdout.readline().strip()
    if not endpoint.startswith("http://"):
        server.kill()
        raise RuntimeError("moto server did not start")
    return server, endpoint


def sqs_records(bucket: str, keys: list[str], offset: int) -> dict:
    from article_ingest_ops.runtime import sqs_event

    messages = [
        {
            "MessageId": f"bench-{offset + i}",
            "ReceiptHandle": "bench",
            "Body": json.dumps({"bucket": bucket, "key": key}),
            "Attributes": {"ApproximateReceiveCount": "1"},
        }
        for i, key in enumerate(keys)
    ]
    return sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:bench")


def area_of(filename: str, name: str) -> str:
    if filename == "~" and any(wait in name for wait in SOCKET_WAITS):
        return "waiting on the local moto server (socket)"
    for area, fragments in AREAS:
        if any(fragment in filename for fragment in fragments):
            return area
    return "other (stdlib, interpreter)"


def profile_batch(handler, event, context) -> dict:
    profiler = cProfile.Profile()
    profiler.enable()
    handler(event, context)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    areas: dict[str, float] = {}
    functions = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():
        area = area_of(filename, name)
        areas[area] = areas.get(area, 0.0) + tottime
        short = filename.split("site-packages/")[-1].split("functions/common/")[-1]
        functions.append(
            {
                "function": f"{short}:{line}({name})",
                "calls": calls,
                "tottime_ms": tottime * 1000,
                "cumtime_ms": cumtime * 1000,
            }
        )
    top_self = sorted(functions, key=lambda f: -f["tottime_ms"])[:15]
    return {
        "total_ms": total * 1000,
        "areas": {
            a: {"ms": t * 1000, "share": t / total} for a, t in sorted(areas.items(), key=lambda kv: -kv[1])
        },
        "top_self": top_self,
    }


def run(corpus: Path, pages: int = 150) -> dict:
    scorer = load_scorer(corpus)
    cases = scorer.load_cases(corpus)
    step = max(1, len(cases) // pages)
    sample = [c["file"] for c in cases[::step]][:pages]
    server, endpoint = start_moto()
    try:
        os.environ.update(HANDLER_ENV)
        os.environ["POWERTOOLS_LOG_LEVEL"] = "ERROR"
        from article_ingest_ops.local_stack import deploy
        from article_ingest_ops.runtime import load_handler

        stack = deploy(endpoint, name="bench-throughput")
        import boto3

        s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint)
        keys, sizes = [], []
        for name in sample:
            data = scorer.read_page(corpus, name)
            key = f"{stack.input_prefix}{name}"
            s3.put_object(Bucket=stack.bucket, Key=key, Body=data, ContentType="text/html")
            keys.append(key)
            sizes.append(len(data))
        app = load_handler("ingest_queue", {**stack.environment(), "AWS_ENDPOINT_URL": endpoint})
        # The handler prints its metrics (EMF) to stdout, as in Lambda: keep the work, drop the text.
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
            measured = measure(app.lambda_handler, stack.bucket, keys)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"median_page_bytes": median(sizes), **measured}


def measure(handler, bucket: str, keys: list[str]) -> dict:
    from article_ingest_ops.runtime import LambdaContext

    warm, measured = keys[:BATCH], keys[BATCH:]
    handler(sqs_records(bucket, warm, 0), LambdaContext())
    batch_cpu, batch_wall, failures = [], [], 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for i in range(0, len(measured), BATCH):
        keys_in_batch = measured[i : i + BATCH]
        c, w = time.process_time(), time.perf_counter()
        response = handler(sqs_records(bucket, keys_in_batch, i + BATCH), LambdaContext())
        batch_cpu.append((time.process_time() - c) * 1000 / len(keys_in_batch))
        batch_wall.append((time.perf_counter() - w) * 1000 / len(keys_in_batch))
        failures += len(response["batchItemFailures"])
    cpu_s, wall_s = time.process_time() - cpu0, time.perf_counter() - wall0
    # Profile the first pages again: their writes are "unchanged" now; reads and parses are the same.
    profiled = profile_batch(handler, sqs_records(bucket, measured[:BATCH], 10_000), LambdaContext())
    return {
        "pages": len(measured),
        "warmup_pages": len(warm),
        "failures": failures,
        "cpu_s": cpu_s,
        "wall_s": wall_s,
        "records_per_cpu_s": len(measured) / cpu_s,
        "records_per_wall_s": len(measured) / wall_s,
        "cpu_ms_per_record": cpu_s * 1000 / len(measured),
        "median_batch_cpu_ms_per_record": median(batch_cpu),
        "median_batch_wall_ms_per_record": median(batch_wall),
        "profile": profiled,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus")
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--json")
    args = parser.parse_args()
    report = run(corpus_path(args.corpus), args.pages)
    print(json.dumps({k: v for k, v in report.items() if k != "profile"}, indent=1))
    for area, row in report["profile"]["areas"].items():
        print(f"  {row['share']:5.1%} {row['ms']:7.1f} ms  {area}")
    for f in report["profile"]["top_self"][:10]:
        print(f"  {f['tottime_ms']:7.1f} ms self  {f['calls']:6} calls  {f['function']}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
