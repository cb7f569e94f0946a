"""The three queue message shapes, S3 notifications as real AWS sends them, and what is refused."""

from __future__ import annotations

import json

import pytest
from article_ingest.errors import InvalidMessage
from article_ingest.messages import InlinePost, S3Pointer, parse_queue_body, s3_pointers_from_event

from ..conftest import load_event


def body_of(event_file: str, index: int = 0) -> str:
    return load_event(event_file)["Records"][index]["body"]


def test_direct_s3_event_keys_are_url_decoded():
    pointers = s3_pointers_from_event(load_event("s3-put.json"))
    assert [p.key for p in pointers] == ["incoming/2026/03/City council approves bike lanes?.html"]
    assert pointers[0].version_id


def test_relayed_s3_notification_gives_pointers():
    [pointer] = parse_queue_body(body_of("sqs-s3-notification.json"))
    assert pointer.key == "incoming/city-council-bike-lanes.html"


def test_s3_test_event_and_removals_name_nothing():
    assert parse_queue_body(body_of("sqs-s3-test-event.json")) == []
    assert s3_pointers_from_event(load_event("s3-object-removed.json")) == []


def test_pointer_and_inline_messages():
    assert parse_queue_body(body_of("sqs-pointer.json")) == [
        S3Pointer(
            bucket="article-ingest-raw-123456789012-us-east-1", key="incoming/city-council-bike-lanes.html"
        )
    ]
    inline = parse_queue_body(body_of("sqs-inline.json"))
    assert isinstance(inline, InlinePost) and inline.url and inline.html


def test_lambda_destination_record_is_read_as_its_s3_event():
    record = {"version": "1.0", "requestPayload": load_event("s3-put.json"), "responsePayload": {}}
    [pointer] = parse_queue_body(json.dumps(record))
    assert pointer.key.endswith("bike lanes?.html")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("this is not json {", "not JSON"),
        ("[1, 2]", "JSON list"),
        (json.dumps({"bucket": "raw-bucket"}), "key"),
        (json.dumps({"url": "https://x.example/", "html": "<p>a</p>", "text": "a"}), "exactly one"),
        (json.dumps({"hello": "world"}), "unknown message shape"),
        (json.dumps({"Records": "nope"}), "Records"),
        (
            json.dumps({"Records": [{"eventName": "ObjectCreated:Put", "s3": {}}]}),
            "bucket name or object key",
        ),
        ("x" * 300_000, "exceeds"),
    ],
)
def test_malformed_bodies_name_what_is_wrong(body, reason):
    with pytest.raises(InvalidMessage, match=reason):
        parse_queue_body(body)
