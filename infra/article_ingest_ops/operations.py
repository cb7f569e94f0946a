"""Operating a deployed stack (real AWS, or the local moto one): find its resources, upload posts,
list articles and failures, re-enqueue raw posts after a parser upgrade, redrive the DLQ.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
from article_ingest import aws
from article_ingest.config import variable
from article_ingest.models import Source, stable_id
from article_ingest.table import ArticleTable

SQS_BATCH = 10  # SendMessageBatch takes at most ten entries


@dataclass(frozen=True)
class StackResources:
    """A stack's data resources and prefixes: what a function's environment names."""

    bucket: str
    queue_url: str
    dlq_url: str
    table: str
    input_prefix: str
    overflow_prefix: str

    def environment(self) -> dict[str, str]:
        """The function environment template.yaml's Globals give, resolved for this stack."""
        settings = {
            "table_name": self.table,
            "bucket_name": self.bucket,
            "input_prefix": self.input_prefix,
            "overflow_prefix": self.overflow_prefix,
        }
        return {variable(name): value for name, value in settings.items()}


@dataclass(frozen=True)
class StackRef(StackResources):
    """A deployed stack's resources, found by logical id, and the session to reach them."""

    session: Any
    endpoint_url: str | None

    def client(self, service: str) -> Any:
        return self.session.client(service, endpoint_url=self.endpoint_url)

    def articles(self) -> ArticleTable:
        return ArticleTable(self.table, self.bucket, self.overflow_prefix)

    def environment(self) -> dict[str, str]:
        endpoint = {"AWS_ENDPOINT_URL": self.endpoint_url} if self.endpoint_url else {}
        return super().environment() | endpoint


def find_stack(name: str, endpoint_url: str | None = None, profile: str | None = None) -> StackRef:
    """Find a stack's resources. Sets the process's AWS endpoint and profile, so the package's own
    cached clients (used by ArticleTable) reach the same account as this session."""
    for var, value in (("AWS_ENDPOINT_URL", endpoint_url), ("AWS_PROFILE", profile)):
        if value:
            os.environ[var] = value
    if endpoint_url:
        from .local_stack import use_local_credentials

        use_local_credentials()
    aws.reset_clients()
    session = boto3.Session(profile_name=profile)
    cfn = session.client("cloudformation", endpoint_url=endpoint_url)
    resources: dict[str, str] = {}
    for page in cfn.get_paginator("list_stack_resources").paginate(StackName=name):
        resources |= {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in page["StackResourceSummaries"]}
    stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    parameters = {p["ParameterKey"]: p.get("ParameterValue", "") for p in stack.get("Parameters", [])}
    missing = [
        r
        for r in ("RawBucket", "IngestQueue", "IngestDeadLetterQueue", "ArticlesTable")
        if r not in resources
    ]
    if missing:
        raise LookupError(f"stack {name} has no {', '.join(missing)}: is it an article-ingest stack?")
    return StackRef(
        bucket=resources["RawBucket"],
        queue_url=resources["IngestQueue"],
        dlq_url=resources["IngestDeadLetterQueue"],
        table=resources["ArticlesTable"],
        input_prefix=parameters.get("InputPrefix") or "incoming/",
        overflow_prefix=parameters.get("OverflowPrefix") or "articles/",
        session=session,
        endpoint_url=endpoint_url,
    )


def files_under(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Each file with the key suffix it is uploaded under (its path below the folder given)."""
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                yield file, file.relative_to(path).as_posix()
        elif path.is_file():
            yield path, path.name
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")


def upload(stack: StackRef, files: list[tuple[Path, str]], progress: Callable[[int], None]) -> list[str]:
    s3 = stack.client("s3")
    keys = []
    for file, suffix in files:
        key = f"{stack.input_prefix}{suffix}"
        s3.upload_file(str(file), stack.bucket, key)
        keys.append(key)
        progress(1)
    return keys


def resolve_id(ref: str, stack: StackRef) -> str:
    """An article id from an id, an s3://bucket/key, a key under the bucket, or a URL."""
    if ref.startswith("s3://"):
        bucket, _, key = ref[5:].partition("/")
        return stable_id(Source(bucket=bucket, key=key), "")
    if ref.startswith(("http://", "https://")):
        return stable_id(Source(url=ref), "")
    if "/" in ref:
        return stable_id(Source(bucket=stack.bucket, key=ref), "")
    return ref


def recent_days(days: int) -> list[str]:
    today = datetime.now(UTC).date()
    return [(today - timedelta(days=n)).isoformat() for n in range(days)]


def list_articles(stack: StackRef, site: str | None, days: int, limit: int) -> list[dict]:
    table = stack.articles()
    if site:
        return table.query("by_site", "site", site, limit=limit)
    items: list[dict] = []
    for day in recent_days(days):
        items += table.query("by_ingest_day", "ingested_day", day, limit=limit - len(items))
        if len(items) >= limit:
            break
    return items


def list_failures(stack: StackRef, days: int, limit: int) -> list[dict]:
    table = stack.articles()
    items: list[dict] = []
    for day in recent_days(days):
        items += table.query("by_failure_day", "failed_day", day, limit=limit - len(items))
        if len(items) >= limit:
            break
    return items


def reprocess(stack: StackRef, prefix: str, progress: Callable[[int], None]) -> int:
    """Enqueue a pointer for every raw object under prefix, so Lambda concurrency re-parses them."""
    s3, sqs = stack.client("s3"), stack.client("sqs")
    batch: list[dict[str, str]] = []
    sent = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=stack.bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            if obj["Key"].startswith(stack.overflow_prefix):
                continue  # stored bodies, not posts
            batch.append(
                {
                    "Id": str(len(batch)),
                    "MessageBody": json.dumps({"bucket": stack.bucket, "key": obj["Key"]}),
                }
            )
            if len(batch) == SQS_BATCH:
                sent += _send_batch(sqs, stack.queue_url, batch)
                progress(len(batch))
                batch = []
    if batch:
        sent += _send_batch(sqs, stack.queue_url, batch)
        progress(len(batch))
    return sent


def _send_batch(sqs: Any, queue_url: str, entries: list[dict[str, str]]) -> int:
    response = sqs.send_message_batch(QueueUrl=queue_url, Entries=entries)
    if response.get("Failed"):
        reasons = "; ".join(f"{f['Id']}: {f.get('Message', f.get('Code'))}" for f in response["Failed"])
        raise RuntimeError(f"{len(response['Failed'])} messages not enqueued: {reasons}")
    return len(entries)


def redrive(stack: StackRef, limit: int, progress: Callable[[int], None]) -> int:
    """Move messages from the DLQ back to the ingest queue: send first, then delete, so none is lost."""
    sqs = stack.client("sqs")
    moved = 0
    while moved < limit:
        messages = sqs.receive_message(
            QueueUrl=stack.dlq_url, MaxNumberOfMessages=min(SQS_BATCH, limit - moved), WaitTimeSeconds=1
        ).get("Messages", [])
        if not messages:
            break
        _send_batch(
            sqs, stack.queue_url, [{"Id": str(i), "MessageBody": m["Body"]} for i, m in enumerate(messages)]
        )
        sqs.delete_message_batch(
            QueueUrl=stack.dlq_url,
            Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)],
        )
        moved += len(messages)
        progress(len(messages))
    return moved
