"""The backfill function on the Distributed Map's own batch shape (events/sfn-map-batch.json): the
queue's write path, permanent failures reported in the result, transient ones raised for the engine's
Retry policy."""

from __future__ import annotations

import copy

import pytest
from article_ingest.errors import TransientError
from article_ingest.models import Source, stable_id

from ..conftest import SAMPLES, load_event

POST = SAMPLES / "city-council-bike-lanes.html"
BROKEN = SAMPLES / "uploaded-photo.html"


@pytest.fixture
def backfill_app(stack):
    from article_ingest_ops.runtime import load_handler

    return load_handler("backfill", stack.environment())


def map_batch(*keys: str, since: str = "", attempt: int = 1) -> dict:
    """The engine's batch: ListObjectsV2 items (Key, Etag, LastModified in epoch seconds, ...)."""
    event = copy.deepcopy(load_event("sfn-map-batch.json"))
    template = event["Items"][0]
    event["Items"] = [{**template, "Key": key} for key in keys]
    event["BatchInput"]["since"] = since
    event["Attempt"] = attempt
    return event


def record(table, bucket: str, key: str) -> dict | None:
    return table.get_item(stable_id(Source(bucket=bucket, key=key), ""))


def test_a_batch_is_reparsed_and_a_second_run_writes_nothing(stack, s3, backfill_app, table, lambda_context):
    keys = ["incoming/a.html", "incoming/b.html"]
    for key in keys:
        s3.put_object(Bucket=stack.bucket, Key=key, Body=POST.read_bytes())

    first = backfill_app.lambda_handler(map_batch(*keys), lambda_context)
    stored = {key: record(table, stack.bucket, key)["ingested_at"] for key in keys}
    again = backfill_app.lambda_handler(map_batch(*keys), lambda_context)

    assert first == {"posts": 2, "stored": 2, "unchanged": 0, "stale": 0, "skipped": 0, "failed": []}
    assert again["unchanged"] == 2 and again["stored"] == 0
    assert {key: record(table, stack.bucket, key)["ingested_at"] for key in keys} == stored


def test_permanent_failures_are_recorded_once_and_reported(stack, s3, backfill_app, table, lambda_context):
    s3.put_object(Bucket=stack.bucket, Key="incoming/photo.html", Body=BROKEN.read_bytes())

    result = backfill_app.lambda_handler(
        map_batch("incoming/photo.html", "incoming/gone.html", "articles/not-a-post.json"), lambda_context
    )

    assert [(f["key"], f["code"]) for f in result["failed"]] == [
        ("incoming/photo.html", "undecodable"),
        ("incoming/gone.html", "source_not_found"),
        ("articles/not-a-post.json", "source_not_allowed"),
    ]
    assert record(table, stack.bucket, "incoming/photo.html")["failure_code"] == "undecodable"
    assert record(table, stack.bucket, "incoming/photo.html")["attempts"] == 1


def test_a_transient_fault_raises_one_error_name_for_the_retry_policy(
    stack, s3, backfill_app, table, lambda_context, monkeypatch
):
    s3.put_object(Bucket=stack.bucket, Key="incoming/p.html", Body=POST.read_bytes())

    def throttled(*args, **kwargs):
        raise TransientError("writing article: ProvisionedThroughputExceededException")

    monkeypatch.setattr(backfill_app.SERVICE.table, "put_article", throttled)
    with pytest.raises(TransientError) as raised:
        backfill_app.lambda_handler(map_batch("incoming/p.html"), lambda_context)

    assert type(raised.value).__name__ == "TransientError"  # the Retry policy's ErrorEquals
    assert record(table, stack.bucket, "incoming/p.html") is None  # nothing recorded: retried whole


def test_the_deadline_near_hands_the_batch_back_for_a_retry(stack, s3, backfill_app, lambda_context):
    s3.put_object(Bucket=stack.bucket, Key="incoming/p.html", Body=POST.read_bytes())
    lambda_context.timeout_ms = 1_000  # less than DEADLINE_MARGIN_MS left

    with pytest.raises(TransientError, match="deadline"):
        backfill_app.lambda_handler(map_batch("incoming/p.html"), lambda_context)


def test_posts_last_modified_before_since_are_skipped(stack, s3, backfill_app, lambda_context):
    s3.put_object(Bucket=stack.bucket, Key="incoming/p.html", Body=POST.read_bytes())
    batch = map_batch("incoming/p.html", since="2030-01-01")

    result = backfill_app.lambda_handler(batch, lambda_context)

    assert result["skipped"] == 1 and result["stored"] == 0


def test_a_retried_batch_records_its_attempt(stack, s3, backfill_app, table, lambda_context):
    s3.put_object(Bucket=stack.bucket, Key="incoming/photo.html", Body=BROKEN.read_bytes())

    backfill_app.lambda_handler(map_batch("incoming/photo.html", attempt=3), lambda_context)

    assert record(table, stack.bucket, "incoming/photo.html")["attempts"] == 3


def test_an_event_that_is_not_a_batch_fails_without_retry(backfill_app, lambda_context):
    from article_ingest.errors import InvalidMessage

    with pytest.raises(InvalidMessage):
        backfill_app.lambda_handler({"Records": []}, lambda_context)
