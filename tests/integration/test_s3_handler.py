"""The direct S3 trigger (TriggerMode=direct) with real-shaped and moto-shaped events."""

from __future__ import annotations

import copy

import pytest
from article_ingest.errors import TransientError
from article_ingest.models import Source, stable_id

from ..conftest import SAMPLES, load_event


def real_shaped_event(bucket: str, encoded_key: str) -> dict:
    event = copy.deepcopy(load_event("s3-put.json"))
    record = event["Records"][0]["s3"]
    record["bucket"]["name"] = bucket
    record["object"]["key"] = encoded_key
    del record["object"]["versionId"]  # this object is read at its latest version
    return event


def test_real_shaped_event_with_encoded_key(stack, s3, s3_app, table, lambda_context):
    key = "incoming/2026/City council approves bike lanes?.html"
    s3.put_object(Bucket=stack.bucket, Key=key, Body=(SAMPLES / "city-council-bike-lanes.html").read_bytes())

    result = s3_app.lambda_handler(
        real_shaped_event(stack.bucket, "incoming/2026/City+council+approves+bike+lanes%3F.html"),
        lambda_context,
    )

    assert result["outcomes"][0]["status"] == "stored"
    assert table.get_article(stable_id(Source(bucket=stack.bucket, key=key), "")) is not None


def test_bad_upload_is_recorded_not_raised(stack, s3, s3_app, table, lambda_context):
    s3.put_object(
        Bucket=stack.bucket, Key="incoming/photo.html", Body=(SAMPLES / "uploaded-photo.html").read_bytes()
    )

    result = s3_app.lambda_handler(real_shaped_event(stack.bucket, "incoming/photo.html"), lambda_context)

    assert result["outcomes"][0]["status"] == "failed"
    item = table.get_item(stable_id(Source(bucket=stack.bucket, key="incoming/photo.html"), ""))
    assert item["record_type"] == "failure" and item["failure_code"] == "undecodable"


def test_transient_fault_raises_so_lambda_retries(stack, s3, s3_app, lambda_context, monkeypatch):
    s3.put_object(
        Bucket=stack.bucket,
        Key="incoming/p.html",
        Body=(SAMPLES / "city-council-bike-lanes.html").read_bytes(),
    )

    def throttled(*args, **kwargs):
        raise TransientError("writing article: ProvisionedThroughputExceededException")

    monkeypatch.setattr(s3_app.SERVICE.table, "put_article", throttled)
    with pytest.raises(TransientError):
        s3_app.lambda_handler(real_shaped_event(stack.bucket, "incoming/p.html"), lambda_context)
