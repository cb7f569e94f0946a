"""AWS clients are created once per execution environment, not per record or per invocation.

No AWS and no moto: botocore's Stubber answers S3 and DynamoDB, and every client botocore creates is
counted (boto3.client and boto3.resource both end in Session.create_client).
"""

from __future__ import annotations

import datetime
import io
import json

import botocore.session
import pytest
from botocore.response import StreamingBody
from botocore.stub import Stubber

from ..conftest import SAMPLES

TABLE, BUCKET = "articles-test", "raw-bucket-test"
PAGE = (SAMPLES / "city-council-bike-lanes.html").read_bytes()


@pytest.fixture
def created_clients(monkeypatch):
    """The service names of the botocore clients created while the test runs."""
    created: list[str] = []
    original = botocore.session.Session.create_client

    def counting(self, service_name, *args, **kwargs):
        created.append(service_name)
        return original(self, service_name, *args, **kwargs)

    monkeypatch.setattr(botocore.session.Session, "create_client", counting)
    return created


@pytest.fixture
def queue_app(monkeypatch):
    from article_ingest import aws
    from article_ingest_ops.runtime import load_handler

    environment = {"TABLE_NAME": TABLE, "BUCKET_NAME": BUCKET}
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    # A client made outside the stubs below fails fast on a closed port instead of reaching AWS.
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    app = load_handler("ingest_queue", environment)
    yield app
    aws.reset_clients()


def pointer_batch(keys: list[str]) -> dict:
    from article_ingest_ops.runtime import sqs_event

    messages = [
        {
            "MessageId": f"m-{key}",
            "ReceiptHandle": "r",
            "Body": json.dumps({"bucket": BUCKET, "key": key}),
            "Attributes": {"ApproximateReceiveCount": "1"},
        }
        for key in keys
    ]
    return sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:ingest")


def answer_reads_and_writes(s3: Stubber, dynamodb: Stubber, records: int) -> None:
    for _ in range(records):
        s3.add_response(
            "get_object",
            {
                "Body": StreamingBody(io.BytesIO(PAGE), len(PAGE)),
                "ContentLength": len(PAGE),
                "ContentType": "text/html",
                "LastModified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            },
        )
        dynamodb.add_response("put_item", {})


def test_two_batches_of_several_records_share_one_client_per_service(
    queue_app, created_clients, lambda_context
):
    from article_ingest import aws

    # Given a fresh execution environment whose S3 and DynamoDB calls are answered locally
    s3 = Stubber(aws.client("s3"))
    dynamodb = Stubber(aws.dynamodb_table(TABLE).meta.client)
    answer_reads_and_writes(s3, dynamodb, records=8)

    # When two invocations deliver five and three records
    with s3, dynamodb:
        first = queue_app.lambda_handler(
            pointer_batch([f"incoming/{n}.html" for n in range(5)]), lambda_context
        )
        second = queue_app.lambda_handler(
            pointer_batch([f"incoming/{n}.html" for n in range(5, 8)]), lambda_context
        )

    # Then every record was read and stored, through one S3 and one DynamoDB client in all
    assert first["batchItemFailures"] == [] and second["batchItemFailures"] == []
    s3.assert_no_pending_responses()
    dynamodb.assert_no_pending_responses()
    assert sorted(created_clients) == ["dynamodb", "s3"]
    assert aws.client("s3") is aws.client("s3")
