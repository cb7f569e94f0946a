"""Reliability fixtures: the stack in in-process moto (from template.yaml), real-shaped events,
and small readers that say how each post ended: an article, a recorded failure, or nothing."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any
from urllib.parse import quote_plus

import pytest
from moto import mock_aws

from ..conftest import load_event

REGION = "us-east-1"


@pytest.fixture
def stack():
    from article_ingest import aws

    from infra.local_stack import deploy

    with mock_aws():
        aws.reset_clients()
        yield deploy(name="reliability")
    aws.reset_clients()


@pytest.fixture
def queue_app(stack):
    from infra.runtime import load_handler

    return load_handler("ingest_queue", stack.environment())


@pytest.fixture
def s3_app(stack):
    from infra.runtime import load_handler

    return load_handler("ingest_s3", stack.environment())


@pytest.fixture
def s3(stack):
    import boto3

    return boto3.client("s3", region_name=REGION)


@pytest.fixture
def sqs(stack):
    import boto3

    return boto3.client("sqs", region_name=REGION)


@pytest.fixture
def table(stack):
    from article_ingest.table import ArticleTable

    return ArticleTable(stack.table, stack.bucket, stack.overflow_prefix)


def s3_notification(bucket: str, key: str, version_id: str | None = None, event_name: str = "Put") -> dict:
    """A real-shaped S3 notification (events/s3-put.json) naming one object, key URL-encoded as S3 does."""
    event = copy.deepcopy(load_event("s3-put.json"))
    record = event["Records"][0]
    record["eventName"] = f"ObjectCreated:{event_name}" if event_name != "Delete" else "ObjectRemoved:Delete"
    record["s3"]["bucket"]["name"] = bucket
    record["s3"]["bucket"]["arn"] = f"arn:aws:s3:::{bucket}"
    record["s3"]["object"]["key"] = quote_plus(key, safe="/")
    if version_id:
        record["s3"]["object"]["versionId"] = version_id
    else:
        record["s3"]["object"].pop("versionId", None)
    return event


def sqs_message(body: str, receive_count: int = 1) -> dict[str, Any]:
    """One message as ReceiveMessage returns it (the runtime turns these into an SQS event)."""
    return {
        "MessageId": str(uuid.uuid4()),
        "ReceiptHandle": uuid.uuid4().hex,
        "Body": body,
        "Attributes": {"ApproximateReceiveCount": str(receive_count), "SentTimestamp": "1767225600000"},
    }


def sqs_batch(messages: list[dict[str, Any]]) -> dict[str, Any]:
    from infra.runtime import sqs_event

    return sqs_event(messages, f"arn:aws:sqs:{REGION}:123456789012:ingest")


def pointer_body(bucket: str, key: str, version_id: str | None = None) -> str:
    return json.dumps(s3_notification(bucket, key, version_id))


def s3_article_id(bucket: str, key: str) -> str:
    from article_ingest.models import Source, stable_id

    return stable_id(Source(bucket=bucket, key=key), "")


def message_failure_id(message_id: str) -> str:
    from article_ingest.models import Source, stable_id

    return stable_id(Source(filename=f"sqs-message-{message_id}"), "")


def outcome_of(table, article_id: str) -> str | None:
    """'article', the recorded failure code, or None when nothing was written."""
    item = table.get_item(article_id)
    if item is None:
        return None
    return "article" if item["record_type"] == "article" else item["failure_code"]


def all_items(table) -> list[dict]:
    scan = table._table.scan(ConsistentRead=True)
    items = scan["Items"]
    while "LastEvaluatedKey" in scan:
        scan = table._table.scan(ConsistentRead=True, ExclusiveStartKey=scan["LastEvaluatedKey"])
        items += scan["Items"]
    return items
