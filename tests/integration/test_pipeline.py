"""Upload → S3 notification → queue → handler → DynamoDB item, against moto built from template.yaml."""

from __future__ import annotations

import json

from article_ingest.models import Source, stable_id
from article_ingest_ops.runtime import drain_queue, sqs_event

from ..conftest import SAMPLES

BIKE_LANES = (SAMPLES / "city-council-bike-lanes.html").read_bytes()


def article_id(stack, key: str) -> str:
    return stable_id(Source(bucket=stack.bucket, key=key), "")


def test_upload_becomes_article_through_the_queue(stack, s3, queue_app, table):
    # Given a post uploaded under the input prefix, with a key S3 will URL-encode in the event
    key = "incoming/2026/city council+bike lanes.html"
    s3.put_object(Bucket=stack.bucket, Key=key, Body=BIKE_LANES)

    # When the queue (fed by the bucket notification) is drained through the handler
    stats = drain_queue(stack.queue_url, queue_app.lambda_handler)

    # Then one article item exists for that key, with the text and without the comments
    assert stats.failed_deliveries == 0
    article = table.get_article(article_id(stack, key))
    assert article is not None
    assert "protected bike lanes along the full length of Main Street" in article.text
    assert "cycling to work on Main Street is terrifying" not in article.text
    assert article.source.bucket == stack.bucket and article.source.version_id


def test_s3_test_event_and_removals_write_nothing(stack, queue_app, table, sqs):
    # Given the test event S3 sends when a notification is configured, and a removal
    sqs.send_message(
        QueueUrl=stack.queue_url, MessageBody=json.dumps({"Event": "s3:TestEvent", "Bucket": "b"})
    )

    # When drained
    stats = drain_queue(stack.queue_url, queue_app.lambda_handler)

    # Then it is acknowledged and nothing is stored
    assert stats.failed_deliveries == 0
    assert table._table.scan()["Items"] == []


def test_pointer_and_inline_messages(stack, s3, sqs, queue_app, table):
    s3.put_object(Bucket=stack.bucket, Key="incoming/old-post.html", Body=BIKE_LANES)
    s3.put_object(Bucket=stack.bucket, Key="archive/old-post.html", Body=BIKE_LANES)
    for key in ("incoming/old-post.html", "archive/old-post.html"):
        sqs.send_message(
            QueueUrl=stack.queue_url, MessageBody=json.dumps({"bucket": stack.bucket, "key": key})
        )
    inline = json.loads(
        json.loads((SAMPLES.parent.parent / "events" / "sqs-inline.json").read_text())["Records"][0]["body"]
    )
    sqs.send_message(QueueUrl=stack.queue_url, MessageBody=json.dumps(inline))

    drain_queue(stack.queue_url, queue_app.lambda_handler)

    assert table.get_article(article_id(stack, "incoming/old-post.html")) is not None
    # A pointer outside the input prefix is never read: recorded, not stored.
    refused = table.get_item(article_id(stack, "archive/old-post.html"))
    assert refused["record_type"] == "failure" and refused["failure_code"] == "source_not_allowed"
    by_url = table.get_article(stable_id(Source(url=inline["url"]), ""))
    assert by_url is not None and "Saturday afternoons" in by_url.text


def test_bad_messages_are_recorded_and_acknowledged(stack, sqs, queue_app, table, lambda_context):
    # Given a batch with a non-JSON body, a pointer with no key, and a good-looking pointer to nothing
    bodies = [
        "not json {",
        json.dumps({"bucket": stack.bucket}),
        json.dumps({"bucket": stack.bucket, "key": "incoming/missing.html"}),
    ]
    for body in bodies:
        sqs.send_message(QueueUrl=stack.queue_url, MessageBody=body)
    messages = sqs.receive_message(QueueUrl=stack.queue_url, MaxNumberOfMessages=10, AttributeNames=["All"])
    event = sqs_event(messages["Messages"], "arn:aws:sqs:us-east-1:123456789012:q")

    # When the handler runs
    response = queue_app.lambda_handler(event, lambda_context)

    # Then no record is handed back, and each is a recorded failure with a specific code
    assert response == {"batchItemFailures": []}
    codes = sorted(item["failure_code"] for item in table._table.scan()["Items"])
    assert codes == ["invalid_message", "invalid_message", "source_not_found"]


def test_duplicate_delivery_writes_once(stack, s3, sqs, queue_app, table):
    s3.put_object(Bucket=stack.bucket, Key="incoming/post.html", Body=BIKE_LANES)
    pointer = json.dumps({"bucket": stack.bucket, "key": "incoming/post.html"})
    drain_queue(stack.queue_url, queue_app.lambda_handler)
    first = table.get_item(article_id(stack, "incoming/post.html"))

    for _ in range(2):
        sqs.send_message(QueueUrl=stack.queue_url, MessageBody=pointer)
    drain_queue(stack.queue_url, queue_app.lambda_handler)

    again = table.get_item(article_id(stack, "incoming/post.html"))
    assert again["ingested_at"] == first["ingested_at"]  # the item was not rewritten


def test_changed_post_updates_its_item(stack, s3, queue_app, table):
    s3.put_object(Bucket=stack.bucket, Key="incoming/post.html", Body=BIKE_LANES)
    drain_queue(stack.queue_url, queue_app.lambda_handler)
    changed = BIKE_LANES.replace(b"seven to two", b"eight to one")
    s3.put_object(Bucket=stack.bucket, Key="incoming/post.html", Body=changed)
    drain_queue(stack.queue_url, queue_app.lambda_handler)

    article = table.get_article(article_id(stack, "incoming/post.html"))
    assert "eight to one" in article.text
