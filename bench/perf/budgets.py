"""Every post the service accepts must finish within 10 s and 256 MiB (issue 12). This builds a post
at each cap, the way an attacker would, and ingests it through the queue handler in a fresh process:
the largest HTML and plain-text posts, the same inflated from gzip up to the decompressed cap, the
widest and the deepest markup the tag cap allows, the most gzip members, an envelope hiding its
markup as \\u003c, and the refusals just past each cap (which must be quick too).

S3 and DynamoDB are answered in-process by a botocore before-call hook (no moto, no network), so the
process holds the handler's own code and libraries only. Peak = VmHWM of the child (see memory.py).

    .venv/bin/python -m bench.perf.budgets [--runs 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.common import HANDLER_ENV, HANDLERS, PROC_STATUS, child_env, median, run_json

SECONDS_BUDGET = 10.0
PEAK_BUDGET_MIB = 256.0

CHILD = (
    """
import datetime, io, json, sys, time
"""
    + PROC_STATUS
    + """
path, key, content_type = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, "rb").read()
import {module} as app
from botocore.response import StreamingBody
from article_ingest import aws
from article_ingest_ops.runtime import LambdaContext, sqs_event

class Http:
    status_code = 200
    headers = {{}}

calls = []

def answer(model, params, **_):
    calls.append((model.name, params))
    if model.name == "GetObject":
        return Http(), {{
            "Body": StreamingBody(io.BytesIO(data), len(data)), "ContentLength": len(data),
            "ContentType": content_type, "VersionId": "v1",
            "LastModified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        }}
    return Http(), {{}}

for client in (aws.client("s3"), aws.dynamodb_table("{table}").meta.client):
    client.meta.events.register("before-call", answer)

body = json.dumps({{"bucket": "{bucket}", "key": key}})
message = {{"MessageId": "m1", "ReceiptHandle": "r", "Body": body,
           "Attributes": {{"ApproximateReceiveCount": "1"}}}}
event = sqs_event([message], "arn:aws:sqs:us-east-1:123456789012:q")
rss_before = status("VmHWM")
started = time.perf_counter()
out = app.lambda_handler(event, LambdaContext())
seconds = time.perf_counter() - started
names = [name for name, _ in calls]
if "PutItem" in names:
    outcome = "stored" + (" (overflow to S3)" if "PutObject" in names else "")
else:
    # before-call sees the serialized request: the failure code is in the JSON body
    update = next((json.loads(p["body"]) for n, p in calls if n == "UpdateItem"), None)
    if update:
        outcome = "failed: " + update["ExpressionAttributeValues"][":code"]["S"]
    else:
        outcome = "handed back" if out["batchItemFailures"] else "no write"
print(json.dumps({{"seconds": seconds, "peak_rss_mib": status("VmHWM"), "peak_before_mib": rss_before,
                  "outcome": outcome, "input_bytes": len(data)}}))
"""
)


def _words(seed: int) -> Callable[[int], str]:
    """Deterministic prose that gzip cannot shrink to nothing (a repeated line would inflate from a
    few kilobytes, which tests the cap, not the parser)."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
        for _ in range(4000)
    ]

    def sentence(chars: int) -> str:
        out: list[str] = []
        size = 0
        while size < chars:
            word = rng.choice(vocabulary)
            out.append(word)
            size += len(word) + 1
        return (" ".join(out)).capitalize()[: chars - 1] + "."

    return sentence


def html_page(total_bytes: int, tags: int, seed: int = 1) -> bytes:
    """A page of paragraphs filling total_bytes with about ``tags`` "<" in all."""
    sentence = _words(seed)
    head = b"<html><head><title>Budget test page</title></head><body><article><h1>Budget test page</h1>"
    tail = b"</article></body></html>"
    paragraphs = (tags - 10) // 2
    each = (total_bytes - len(head) - len(tail)) // paragraphs - len("<p></p>")
    body = b"".join(f"<p>{sentence(each)}</p>".encode() for _ in range(paragraphs))
    return head + body + b" " * max(0, total_bytes - len(head) - len(body) - len(tail)) + tail


def text_post(total_bytes: int, seed: int = 2) -> bytes:
    """A plain-text post: a title, then paragraphs of a few hundred characters between blank lines."""
    sentence = _words(seed)
    parts = ["Budget test post\n\n"]
    size = len(parts[0])
    while size < total_bytes - 600:
        paragraph = sentence(random.Random(size).randint(120, 500)) + "\n\n"
        parts.append(paragraph)
        size += len(paragraph)
    text = "".join(parts).encode()
    return text + b"\n" * max(0, total_bytes - len(text))


def widest(tags: int) -> bytes:
    items = "".join(f"<p>item {i} of a flat list" for i in range(tags - 10))
    return f"<html><head><title>Widest</title></head><body>{items}</body></html>".encode()


def deepest(tags: int) -> bytes:
    depth = tags - 10
    text = "A paragraph at the bottom of the nesting, long enough to count as prose for the extractor. " * 5
    page = f"<html><head><title>Deepest</title></head><body>{'<div>' * depth}<p>{text}</p></body></html>"
    return page.encode()


def gzip_members(data: bytes, members: int) -> bytes:
    size = -(-len(data) // members)
    return b"".join(gzip.compress(data[i : i + size], mtime=0) for i in range(0, len(data), size))


def escaped_envelope(tags: int) -> bytes:
    html = html_page(2 * 1024 * 1024, tags).decode()
    return json.dumps({"url": "https://budget.example/post", "html": html}).replace("<", "\\u003c").encode()


def nested_json(depth: int) -> bytes:
    return b'{"html": ' + b"[" * depth + b"]" * depth + b"}"


def cases() -> list[tuple[str, str, str, Callable[[], bytes]]]:
    """(name, S3 key suffix, content type, builder), each at a cap or just past it."""
    from article_ingest.extract.inputs import MAX_GZIP_MEMBERS
    from article_ingest.limits import DEFAULT_LIMITS as L

    tags, size, inflated = L.max_markup_tags, L.max_input_bytes, L.max_decompressed_bytes
    under = 4096  # room for the page's frame under each cap
    return [
        (
            "largest HTML (input cap, tag cap)",
            ".html",
            "text/html",
            lambda: html_page(size - under, tags - 20),
        ),
        ("largest plain text (input cap)", ".txt", "text/plain", lambda: text_post(size - under)),
        (
            "gzip HTML at the decompressed cap",
            ".html.gz",
            "application/gzip",
            lambda: gzip.compress(html_page(inflated - under, tags - 20), mtime=0),
        ),
        (
            "gzip plain text at the decompressed cap",
            ".txt.gz",
            "application/gzip",
            lambda: gzip.compress(text_post(inflated - under), mtime=0),
        ),
        ("widest markup (tag cap, flat)", ".html", "text/html", lambda: widest(tags - 20)),
        ("deepest markup (tag cap, nested)", ".html", "text/html", lambda: deepest(tags - 20)),
        (
            f"most gzip members ({MAX_GZIP_MEMBERS:,})",
            ".html.gz",
            "application/gzip",
            lambda: gzip_members(html_page(inflated // 2, tags - 20), MAX_GZIP_MEMBERS),
        ),
        (
            "envelope hiding its markup as \\u003c",
            ".json",
            "application/json",
            lambda: escaped_envelope(tags - 20),
        ),
        # Past each cap: refused, and quickly.
        ("past the tag cap", ".html", "text/html", lambda: widest(tags + 20)),
        ("past the input cap", ".html", "text/html", lambda: html_page(size + under, tags - 20)),
        (
            "gzip bomb (past the decompressed cap)",
            ".html.gz",
            "application/gzip",
            lambda: gzip.compress(b"<p>" + b"a" * (inflated * 2), mtime=0),
        ),
        (
            "past the member cap (200,000 empty members)",
            ".html.gz",
            "application/gzip",
            lambda: gzip.compress(b"", mtime=0) * 200_000,
        ),
        ("JSON nested 100,000 deep", ".json", "application/json", lambda: nested_json(100_000)),
        (
            "escaped envelope past the tag cap",
            ".json",
            "application/json",
            lambda: escaped_envelope(tags + 20),
        ),
    ]


def run(runs: int = 3) -> dict:
    code = CHILD.format(
        module=HANDLERS["ingest_queue"], table=HANDLER_ENV["TABLE_NAME"], bucket=HANDLER_ENV["BUCKET_NAME"]
    )
    rows = []
    for name, suffix, content_type, build in cases():
        data = build()
        with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as post:
            post.write(data)
        try:
            key = f"{HANDLER_ENV['INPUT_PREFIX']}budget{suffix}"
            samples = [run_json(code, child_env(), [post.name, key, content_type]) for _ in range(runs)]
        finally:
            os.unlink(post.name)
        seconds = median([s["seconds"] for s in samples])
        peak = max(s["peak_rss_mib"] for s in samples)
        rows.append(
            {
                "case": name,
                "input_bytes": len(data),
                "outcome": samples[0]["outcome"],
                "seconds": seconds,
                "peak_rss_mib": peak,
                "within_budget": seconds <= SECONDS_BUDGET and peak <= PEAK_BUDGET_MIB,
            }
        )
        print(f"[budgets] {name}: {rows[-1]['outcome']}, {seconds:.2f} s, {peak:.0f} MiB", flush=True)
    return {
        "runs": runs,
        "seconds_budget": SECONDS_BUDGET,
        "peak_budget_mib": PEAK_BUDGET_MIB,
        "all_within_budget": all(row["within_budget"] for row in rows),
        "cases": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args()
    report = run(args.runs)
    print(json.dumps(report, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
