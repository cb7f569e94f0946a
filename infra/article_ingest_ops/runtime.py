"""A local stand-in for Lambda's SQS event source mapping: poll the queue, invoke the handler
in-process with a real-shaped event, delete what succeeded, hand back what failed.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import boto3

from .local_stack import REGION
from .template import ROOT

FUNCTIONS = ("ingest_queue", "ingest_s3", "consume_example", "backfill")


@dataclass
class LambdaContext:
    """The parts of Lambda's context object the handlers use."""

    function_name: str = "local"
    timeout_ms: int = 60_000
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started: float = field(default_factory=time.monotonic)

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:123456789012:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int(self.timeout_ms - (time.monotonic() - self.started) * 1000))


def load_handler(function: str, environment: dict[str, str]) -> ModuleType:
    """Import a function's app.py fresh, as a cold start would, with the stack's environment.

    Loaded from its file, as Lambda loads it from the function's own folder, so this works from
    the installed command in any folder.
    """
    if function not in FUNCTIONS:
        raise ValueError(f"no function {function!r}; expected one of {', '.join(FUNCTIONS)}")
    os.environ.update(environment)
    from article_ingest import aws
    from article_ingest.config import settings

    settings.cache_clear()
    aws.reset_clients()
    _logs_to_stderr()
    name = f"article_ingest_functions.{function}"
    spec = importlib.util.spec_from_file_location(name, ROOT / "functions" / function / "app.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _logs_to_stderr() -> None:
    """Lambda reads logs from stdout; run locally they go to stderr, so stdout holds only results."""
    from article_ingest.observability import logger

    handler = logger.registered_handler
    if isinstance(handler, logging.StreamHandler) and not isinstance(handler.stream, _Stderr):
        handler.stream = _Stderr()  # not setStream: it flushes the old stream, which may be closed


class _Stderr:
    """Whatever sys.stderr is at the time of writing (tests and tools swap it)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def _forget_unpublished_metrics() -> None:
    """With POWERTOOLS_METRICS_DISABLED, Powertools 3.x neither prints nor clears the metric set at
    flush, so values pile up across invocations until one metric holds 100 and the set is printed
    to stdout anyway. Lambda (metrics on) clears at every flush; do the same here."""
    from article_ingest.observability import metrics
    from aws_lambda_powertools.metrics.functions import is_metrics_disabled

    if is_metrics_disabled():
        metrics.clear_metrics()


@dataclass
class DrainStats:
    batches: int = 0
    delivered: int = 0
    failed_deliveries: int = 0
    records: list[str] = field(default_factory=list)


def sqs_event(messages: list[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": m.get("MessageAttributes", {}),
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": REGION,
            }
            for m in messages
        ]
    }


def invoke(handler: Any, event: dict[str, Any]) -> set[str]:
    """The message ids the handler hands back. Powertools raises when every record failed; Lambda
    then returns the whole batch to the queue, which is what this answers too."""
    from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

    try:
        response = handler(event, LambdaContext(function_name="ingest_queue"))
    except BatchProcessingError:
        return {record["messageId"] for record in event["Records"]}
    finally:
        _forget_unpublished_metrics()
    return {f["itemIdentifier"] for f in response.get("batchItemFailures", [])}


def drain_queue(
    queue_url: str,
    handler: Any,
    endpoint_url: str | None = None,
    batch_size: int = 10,
    max_batches: int = 1000,
    idle_polls: int = 2,
    progress: Callable[[int], None] | None = None,
) -> DrainStats:
    """Deliver the queue's messages to handler in batches until it stays empty; ``progress`` is
    told how many messages each batch settled (deleted as done)."""
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=endpoint_url)
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    stats, idle = DrainStats(), 0
    while stats.batches < max_batches and idle < idle_polls:
        received = sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=batch_size, AttributeNames=["All"], WaitTimeSeconds=0
        ).get("Messages", [])
        if not received:
            idle += 1
            continue
        idle = 0
        stats.batches += 1
        failed = invoke(handler, sqs_event(received, queue_arn))
        for message in received:
            if message["MessageId"] in failed:
                stats.failed_deliveries += 1
                # Lambda would leave it invisible for the visibility timeout; locally, retry now.
                sqs.change_message_visibility(
                    QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
                )
            else:
                stats.delivered += 1
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        if progress:
            progress(len(received) - len(failed & {m["MessageId"] for m in received}))
    return stats
