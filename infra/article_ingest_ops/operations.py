"""Operating a deployed stack (real AWS, or the local moto one): find its resources, upload posts,
list articles and failures, re-enqueue raw posts after a parser upgrade, redrive the DLQ.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    backfill_machine: str | None = None  # BackfillStateMachine's ARN; a local stack has none

    def client(self, service: str) -> Any:
        return self.session.client(service, endpoint_url=self.endpoint_url)

    def articles(self) -> ArticleTable:
        return ArticleTable(self.table, self.bucket, self.overflow_prefix)

    def environment(self) -> dict[str, str]:
        endpoint = {"AWS_ENDPOINT_URL": self.endpoint_url} if self.endpoint_url else {}
        return super().environment() | endpoint


def find_stack(
    name: str, endpoint_url: str | None = None, profile: str | None = None, region: str | None = None
) -> StackRef:
    """Find a stack's resources. Sets the process's AWS endpoint, profile and region, so the package's
    own cached clients (used by ArticleTable) reach the same account as this session."""
    for var, value in (
        ("AWS_ENDPOINT_URL", endpoint_url),
        ("AWS_PROFILE", profile),
        ("AWS_DEFAULT_REGION", region),
    ):
        if value:
            os.environ[var] = value
    if endpoint_url and is_loopback(endpoint_url):
        from .local_stack import use_local_credentials

        use_local_credentials()  # a moto server on this machine accepts any credentials
    aws.reset_clients()
    session = boto3.Session(profile_name=profile, region_name=region)
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
        backfill_machine=resources.get("BackfillStateMachine"),
    )


def stack_of(args: Any) -> StackRef:
    """The stack a command's --stack, --endpoint-url, --profile and --region name."""
    return find_stack(args.stack, args.endpoint_url, args.profile, args.region)


def is_loopback(endpoint_url: str) -> bool:
    host = urlsplit(endpoint_url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


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


@dataclass(frozen=True)
class Outcomes:
    articles: int
    failures: int
    missing: int  # neither an article nor a recorded failure yet


def outcomes(stack: StackRef, keys: list[str]) -> Outcomes:
    """How each uploaded key ended, read from the table: an article, a recorded failure, or nothing yet."""
    table = stack.articles()
    found = [table.get_item(stable_id(Source(bucket=stack.bucket, key=key), "")) for key in keys]
    articles = sum(1 for item in found if item and item.get("record_type") == "article")
    missing = found.count(None)
    return Outcomes(articles=articles, failures=len(found) - articles - missing, missing=missing)


def recent_days(days: int) -> list[str]:
    today = datetime.now(UTC).date()
    return [(today - timedelta(days=n)).isoformat() for n in range(days)]


def list_articles(stack: StackRef, site: str | None, days: int | None, limit: int) -> list[dict]:
    """Up to ``limit`` index rows: a site's by publication date (published in the last ``days`` days
    when given), or else recent ingestions (the last ``days`` days, 7 when not given)."""
    table = stack.articles()
    if site:
        since = recent_days(days)[-1] if days else None
        return table.query("by_site", "site", site, limit=limit, sort_key="published_sort", sort_from=since)
    return _by_day(table, "by_ingest_day", "ingested_day", days or 7, limit)


def list_failures(stack: StackRef, days: int, limit: int) -> list[dict]:
    return _by_day(stack.articles(), "by_failure_day", "failed_day", days, limit)


def _by_day(table: ArticleTable, index: str, key: str, days: int, limit: int) -> list[dict]:
    items: list[dict] = []
    for day in recent_days(days):
        if len(items) >= limit:
            break
        items += table.query(index, key, day, limit=limit - len(items))
    return items


def raw_keys(stack: StackRef, prefix: str) -> list[str]:
    """Every raw post's key under prefix (stored bodies under the overflow prefix left out)."""
    s3 = stack.client("s3")
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=stack.bucket, Prefix=prefix):
        keys += [o["Key"] for o in page.get("Contents", []) if not o["Key"].startswith(stack.overflow_prefix)]
    return keys


def queue_depth(stack: StackRef, queue_url: str) -> int:
    """Messages waiting or in flight (SQS's approximate counts)."""
    attributes = stack.client("sqs").get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return sum(int(v) for v in attributes.values())


def reprocess(stack: StackRef, keys: list[str], progress: Callable[[int], None]) -> int:
    """Enqueue a pointer for each raw key, in batches of ten, so Lambda concurrency re-parses them."""
    sqs = stack.client("sqs")
    sent = 0
    for start in range(0, len(keys), SQS_BATCH):
        chunk = keys[start : start + SQS_BATCH]
        entries = [
            {"Id": str(i), "MessageBody": json.dumps({"bucket": stack.bucket, "key": key})}
            for i, key in enumerate(chunk)
        ]
        sent += _send_batch(sqs, stack.queue_url, entries)
        progress(len(chunk))
    return sent


def _send_batch(sqs: Any, queue_url: str, entries: list[dict[str, str]]) -> int:
    response = sqs.send_message_batch(QueueUrl=queue_url, Entries=entries)
    if response.get("Failed"):
        reasons = "; ".join(f"{f['Id']}: {f.get('Message', f.get('Code'))}" for f in response["Failed"])
        raise RuntimeError(f"{len(response['Failed'])} messages not enqueued: {reasons}")
    return len(entries)


def queue_arn(stack: StackRef, queue_url: str) -> str:
    attributes = stack.client("sqs").get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])
    return attributes["Attributes"]["QueueArn"]


def move_task_unavailable(stack: StackRef) -> str | None:
    """Why SQS's own move task cannot be used here (None: it can). Asked once, without retries: an
    endpoint without it (moto answers 500, or raises NotImplementedError in-process) or an operator
    not allowed sqs:ListMessageMoveTasks gets the hand loop, which works everywhere."""
    from botocore.config import Config
    from botocore.exceptions import ClientError

    sqs = stack.session.client(
        "sqs", endpoint_url=stack.endpoint_url, config=Config(retries={"total_max_attempts": 1})
    )
    try:
        sqs.list_message_move_tasks(SourceArn=queue_arn(stack, stack.dlq_url), MaxResults=1)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "?")
        return f"the endpoint offers no SQS move task (ListMessageMoveTasks answered {code})"
    except NotImplementedError:
        return "this endpoint has no ListMessageMoveTasks"
    return None


@dataclass(frozen=True)
class MoveTask:
    handle: str
    status: str  # RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED
    moved: int
    to_move: int
    failure: str = ""


def start_move_task(stack: StackRef) -> str:
    """SQS moves the DLQ's messages back to the ingest queue itself (StartMessageMoveTask)."""
    response = stack.client("sqs").start_message_move_task(
        SourceArn=queue_arn(stack, stack.dlq_url), DestinationArn=queue_arn(stack, stack.queue_url)
    )
    return response["TaskHandle"]


def move_task(stack: StackRef, handle: str) -> MoveTask:
    """The task's counters: the DLQ's most recent move task (SQS lists the newest first)."""
    sqs = stack.client("sqs")
    results = sqs.list_message_move_tasks(SourceArn=queue_arn(stack, stack.dlq_url), MaxResults=1)["Results"]
    # Only a running task carries its handle; a finished one is the newest, as ours was started last.
    if not results or results[0].get("TaskHandle", handle) != handle:
        raise LookupError(f"move task {handle} is not the dead-letter queue's newest")
    task = results[0]
    return MoveTask(
        handle=handle,
        status=task["Status"],
        moved=int(task.get("ApproximateNumberOfMessagesMoved", 0)),
        to_move=int(task.get("ApproximateNumberOfMessagesToMove", 0)),
        failure=task.get("FailureReason", ""),
    )


def redrive(stack: StackRef, limit: int, progress: Callable[[int], None]) -> list[dict[str, Any]]:
    """Move messages from the DLQ back to the ingest queue by hand, where SQS's move task is not
    offered (or a limit is asked for): send first, then delete, so none is lost.
    Returns the messages moved (MessageId, Body)."""
    sqs = stack.client("sqs")
    moved: list[dict[str, Any]] = []
    while len(moved) < limit:
        messages = sqs.receive_message(
            QueueUrl=stack.dlq_url, MaxNumberOfMessages=min(SQS_BATCH, limit - len(moved)), WaitTimeSeconds=1
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
        moved += [{"MessageId": m["MessageId"], "Body": m["Body"]} for m in messages]
        progress(len(messages))
    return moved


def sources_of(message_id: str, body: str) -> list[Source]:
    """What a queue message names, as the service would identify it (for its failure records)."""
    from article_ingest.errors import InvalidMessage
    from article_ingest.messages import InlinePost, parse_queue_body

    try:
        message = parse_queue_body(body)
    except InvalidMessage:
        return [Source(message_id=message_id)]
    if isinstance(message, InlinePost):
        if message.url:
            return [Source(url=message.url)]
        # The service names a post without a URL by its body's digest (service.ingest_post).
        digest = hashlib.sha256(message.body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return [Source(filename=f"inline-{digest}")]
    return [Source(bucket=p.bucket, key=p.key) for p in message]


def failure_record(stack: StackRef, source: Source) -> dict[str, Any] | None:
    item = stack.articles().get_item(stable_id(source, ""))
    return item if item and item.get("failure_code") else None
