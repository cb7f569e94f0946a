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
    from article_ingest_ops.runtime import sqs_event

    return sqs_event(messages, f"arn:aws:sqs:{REGION}:123456789012:ingest")


def pointer_body(bucket: str, key: str, version_id: str | None = None) -> str:
    return json.dumps(s3_notification(bucket, key, version_id))


def s3_article_id(bucket: str, key: str) -> str:
    from article_ingest.models import Source, stable_id

    return stable_id(Source(bucket=bucket, key=key), "")


def message_failure_id(message_id: str) -> str:
    from article_ingest.models import Source, stable_id

    return stable_id(Source(message_id=message_id), "")


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


# --- a moto server on 127.0.0.1, for faults injected in place of the HTTP call --------------------


@pytest.fixture(scope="session")
def moto_endpoint():
    from article_ingest_ops.local_stack import start_server

    server, endpoint = start_server()
    yield endpoint
    server.stop()


@pytest.fixture
def restore_environ():
    import os

    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def served(moto_endpoint, restore_environ):
    """A fresh stack on the moto server and the queue handler loaded against it."""
    import boto3
    from article_ingest import aws
    from article_ingest_ops.local_stack import deploy
    from article_ingest_ops.runtime import load_handler

    stack = deploy(moto_endpoint, name=f"faults-{uuid.uuid4().hex[:8]}")
    app = load_handler("ingest_queue", {**stack.environment(), "AWS_ENDPOINT_URL": moto_endpoint})
    clients = {
        name: boto3.client(name, region_name=REGION, endpoint_url=moto_endpoint) for name in ("s3", "sqs")
    }
    yield Served(stack, app, moto_endpoint, clients["s3"], clients["sqs"])
    aws.reset_clients()


class Served:
    def __init__(self, stack, app, endpoint, s3, sqs):
        from article_ingest import aws
        from article_ingest.table import ArticleTable

        self.stack, self.app, self.endpoint, self.s3, self.sqs = stack, app, endpoint, s3, sqs
        self.table = ArticleTable(stack.table, stack.bucket, stack.overflow_prefix)
        # the very clients the service uses, for fault hooks
        self.service_s3 = aws.client("s3")
        self.service_dynamodb = aws.dynamodb_table(stack.table).meta.client


@pytest.fixture
def backoff(monkeypatch):
    """Record the delays botocore's standard retry mode computes, and skip the sleeping."""
    from botocore.retries import standard

    delays: list[float] = []
    original = standard.ExponentialBackoff.delay_amount

    def recorded(self, context):
        delays.append(original(self, context))
        return 0

    monkeypatch.setattr(standard.ExponentialBackoff, "delay_amount", recorded)
    return delays


def lambda_semantics(handler):
    """Lambda's reading of a handler's answer: an exception (Powertools raises when every record
    failed) hands the whole batch back, like a batchItemFailures entry for each record."""
    from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

    def invoke(event, context):
        try:
            return handler(event, context)
        except BatchProcessingError:
            return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"]]}

    return invoke


# --- the table layer against two DynamoDB implementations ----------------------------------------


@pytest.fixture(scope="session")
def dynalite_endpoint():
    from article_ingest_ops.local_stack import free_port

    from . import dynalite

    reason = dynalite.unavailable()
    if reason:
        pytest.skip(reason)
    port = free_port()
    process = dynalite.start(port)
    yield f"http://127.0.0.1:{port}"
    dynalite.stop(process)


@pytest.fixture(params=["moto", "dynalite"])
def backend_table(request, restore_environ):
    """An ArticleTable on a fresh table created from template.yaml, in moto or in dynalite."""
    import contextlib
    import os

    import boto3
    from article_ingest import aws
    from article_ingest.table import ArticleTable

    from .dynalite import create_table_request

    name = f"articles-{uuid.uuid4().hex[:8]}"
    with contextlib.ExitStack() as stack:
        if request.param == "dynalite":
            os.environ["AWS_ENDPOINT_URL"] = request.getfixturevalue("dynalite_endpoint")
        else:
            os.environ.pop("AWS_ENDPOINT_URL", None)
            stack.enter_context(mock_aws())
        aws.reset_clients()
        client = boto3.client("dynamodb", region_name=REGION, endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))
        client.create_table(**create_table_request(name))
        client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2})
        yield ArticleTable(name, "unused-bucket", "articles/")
        client.delete_table(TableName=name)
    aws.reset_clients()
