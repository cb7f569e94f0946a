"""The trust boundary, tried as an attacker would from the queue: no sender can overwrite or pin an
uploaded article, no message reads outside the input prefix or escapes its budget, and every
failure, unexpected ones included, is recorded where an operator looks."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta

import pytest
from article_ingest.errors import TooComplex, UndecodableInput
from article_ingest.extract import parse
from article_ingest.models import Source, stable_id

from .conftest import (
    lambda_semantics,
    message_failure_id,
    outcome_of,
    pointer_body,
    s3_article_id,
    sqs_batch,
    sqs_message,
)
from .hostile import article_html


def handle(queue_app, lambda_context, *bodies: str) -> list[dict]:
    messages = [sqs_message(body) for body in bodies]
    response = queue_app.lambda_handler(sqs_batch(messages), lambda_context)
    assert response == {"batchItemFailures": []}
    return messages


def upload(stack, s3, queue_app, lambda_context, key: str, title: str) -> str:
    s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html(title).encode())
    handle(queue_app, lambda_context, pointer_body(stack.bucket, key))
    return s3_article_id(stack.bucket, key)


def test_an_inline_post_cannot_claim_an_uploaded_article(stack, s3, queue_app, table, lambda_context):
    # Given an uploaded article
    key = "incoming/post.html"
    article_id = upload(stack, s3, queue_app, lambda_context, key, "Council approves bike lanes")
    future = (datetime.now(UTC) + timedelta(days=3650)).isoformat()

    # When a sender posts inline, html and text, naming that upload's s3:// URL with a far-future fetch time
    forged = [
        {"url": f"s3://{stack.bucket}/{key}", "html": article_html("Forged headline"), "fetched_at": future},
        {"url": f"s3://{stack.bucket}/{key}", "text": "too short"},
    ]
    messages = handle(queue_app, lambda_context, *map(json.dumps, forged))

    # Then the article is untouched, and each message is an invalid_message failure of its own
    stored = table.get_item(article_id)
    assert stored["title"] == "Council approves bike lanes" and "failure_code" not in stored
    assert [outcome_of(table, message_failure_id(m["MessageId"])) for m in messages] == [
        "invalid_message"
    ] * 2

    # And a real re-upload with new content still updates it (nothing was pinned)
    upload(stack, s3, queue_app, lambda_context, key, "Council delays bike lanes")
    assert table.get_item(article_id)["title"] == "Council delays bike lanes"


def test_an_inline_post_has_its_own_identity_and_a_clamped_fetch_time(
    stack, queue_app, table, lambda_context
):
    # Given an inline post fetched "in ten years", with its URL in mixed case and a fragment
    future = datetime.now(UTC) + timedelta(days=3650)
    post = {
        "url": "HTTPS://News.Example.com/bike-lanes#top",
        "html": article_html(),
        "fetched_at": future.isoformat(),
    }

    handle(queue_app, lambda_context, json.dumps(post))

    # Then it is stored under its normalised URL, and its fetch time is no later than now plus the skew
    article = table.get_article(stable_id(Source(url="https://news.example.com/bike-lanes"), ""))
    assert article is not None and article.url == "https://news.example.com/bike-lanes"
    assert datetime.fromisoformat(article.fetched_at) < datetime.now(UTC) + timedelta(minutes=6)


@pytest.mark.parametrize(
    ("post", "reason"),
    [
        ({"url": "https://x.example/a", "html": "<p>a</p>", "fetched_at": "yesterday"}, "fetched_at"),
        (
            {"url": "https://x.example/a", "html": "<p>a</p>", "fetched_at": "2026-01-01T10:00:00"},
            "fetched_at",
        ),
        ({"url": "javascript:alert(1)", "html": "<p>a</p>"}, "http"),
        ({"url": "file:///etc/passwd", "text": "a post"}, "http"),
    ],
)
def test_a_post_with_an_unusable_url_or_time_is_recorded(post, reason, queue_app, table, lambda_context):
    [message] = handle(queue_app, lambda_context, json.dumps(post))

    item = table.get_item(message_failure_id(message["MessageId"]))
    assert item["failure_code"] == "invalid_message" and reason in item["failure_reason"]


def test_json_nested_too_deep_is_recorded_not_lost(queue_app, table, lambda_context):
    [message] = handle(queue_app, lambda_context, "[" * 5000 + "]" * 5000)

    item = table.get_item(message_failure_id(message["MessageId"]))
    assert item["failure_code"] == "invalid_message" and "too deeply" in item["failure_reason"]


@pytest.mark.parametrize(
    ("bucket", "key"),
    [
        ("someone-elses-bucket", "incoming/post.html"),
        (None, "archive/post.html"),
        (None, "articles/x/y.json"),
    ],
)
def test_pointers_are_read_only_under_the_input_prefix(
    bucket, key, stack, s3, queue_app, table, lambda_context
):
    # Given an object of the stack's bucket outside incoming/ (or a pointer to another bucket)
    s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html().encode())
    bucket = bucket or stack.bucket

    handle(queue_app, lambda_context, json.dumps({"bucket": bucket, "key": key}))

    # Then it is never read: a source_not_allowed failure, no article
    assert outcome_of(table, s3_article_id(bucket, key)) == "source_not_allowed"


def test_one_message_naming_the_same_object_many_times_reads_it_once(
    stack, s3, queue_app, table, lambda_context, monkeypatch
):
    key = "incoming/many.html"
    s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html().encode())
    reads = []
    service = queue_app.SERVICE
    original = service.ingest_object
    monkeypatch.setattr(service, "ingest_object", lambda p, a=1: reads.append(p) or original(p, a))
    notification = json.loads(pointer_body(stack.bucket, key))
    notification["Records"] *= 250  # as many as fit in one SQS message

    handle(queue_app, lambda_context, json.dumps(notification))

    assert len(reads) == 1 and outcome_of(table, s3_article_id(stack.bucket, key)) == "article"


def test_too_many_objects_in_one_message_is_an_invalid_message(stack, queue_app, table, lambda_context):
    notification = json.loads(pointer_body(stack.bucket, "incoming/0.html"))
    record = notification["Records"][0]
    notification["Records"] = [
        {**record, "s3": {**record["s3"], "object": {"key": f"incoming/{n}.html"}}} for n in range(11)
    ]

    [message] = handle(queue_app, lambda_context, json.dumps(notification))

    item = table.get_item(message_failure_id(message["MessageId"]))
    assert item["failure_code"] == "invalid_message" and "11 objects" in item["failure_reason"]


def test_the_deadline_is_checked_before_each_object(stack, s3, queue_app, table, lambda_context, monkeypatch):
    # Given a message naming two uploads, and the deadline within the margin once the first is read
    keys = ["incoming/d1.html", "incoming/d2.html"]
    for key in keys:
        s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html(key).encode())
    notification = json.loads(pointer_body(stack.bucket, keys[0]))
    notification["Records"] += json.loads(pointer_body(stack.bucket, keys[1]))["Records"]
    service = queue_app.SERVICE
    read = service.ingest_object

    def read_then_run_late(pointer, attempts=1):
        outcome = read(pointer, attempts)
        lambda_context.timeout_ms = 0  # the clock has run out by the time the first is stored
        return outcome

    monkeypatch.setattr(service, "ingest_object", read_then_run_late)
    message = sqs_message(json.dumps(notification))

    # When the batch is handled
    response = lambda_semantics(queue_app.lambda_handler)(sqs_batch([message]), lambda_context)

    # Then the message is handed back after the first object, for the second to be read next time
    assert response == {"batchItemFailures": [{"itemIdentifier": message["MessageId"]}]}
    assert [outcome_of(table, s3_article_id(stack.bucket, k)) for k in keys] == ["article", None]


def test_an_unexpected_exception_is_recorded_as_internal_error(
    stack, s3, queue_app, table, lambda_context, monkeypatch, caplog
):
    # Given a parser bug met on one post
    from article_ingest import extract

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(extract, "parse", broken)
    key = "incoming/bug.html"
    s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html().encode())

    handle(queue_app, lambda_context, pointer_body(stack.bucket, key))

    # Then it is a permanent internal_error naming the exception, logged with its stack trace
    item = table.get_item(s3_article_id(stack.bucket, key))
    assert item["failure_code"] == "internal_error" and "KeyError" in item["failure_reason"]
    assert any(record.exc_info for record in caplog.records)


def test_the_markup_cap_counts_what_the_parser_gets():
    # Given an envelope whose html writes every "<" as \u003c: few "<" bytes, many elements
    html = "<p>x</p>" * 50_000
    envelope = json.dumps({"url": "https://x.example/a", "html": html}, ensure_ascii=True).replace(
        "<", "\\u003c"
    )
    assert envelope.count("<") == 0

    with pytest.raises(TooComplex):
        parse(gzip.compress(envelope.encode()))


def test_a_page_declared_as_ebcdic_is_not_read_as_ebcdic():
    # Given ASCII bytes declared cp500, in which each "L" (0x4C) would decode as "<": 40,000 more tags
    paragraph = b"<p>Lorem LLLLLLLLLLLLLLLLLLLL ipsum dolor sit amet, the council said on Monday.</p>"
    page = b'<html><head><meta charset="cp500"><title>t</title></head><body>%s</body></html>' % (
        paragraph * 2_000
    )

    # Then the label is ignored, as browsers ignore it: the page is read as UTF-8, its "L"s letters
    article = parse(page, filename="x.html")
    assert article.charset == "utf-8"
    assert "LLLLLLLLLLLLLLLLLLLL" in article.sections[0].paragraphs[0]

    # And a content type naming an EBCDIC charset is ignored the same way
    assert parse(page, filename="x.html", content_type="text/html; charset=cp037").charset == "utf-8"


def test_a_gzip_of_many_empty_members_is_refused():
    # Given 4 MB of gzip made of 200,000 empty members (31 s to walk when each member copied the rest;
    # the walk's time at the cap is in make bench, docs/PERFORMANCE.md)
    data = gzip.compress(b"") * 200_000

    # Then it is refused as undecodable
    with pytest.raises(UndecodableInput, match="more than 1,000 members"):
        parse(data)


def test_a_post_deleted_before_processing_is_not_ingested(stack, s3, queue_app, table, lambda_context):
    # Given an upload whose notification names its version, deleted before the queue gets to it
    key = "incoming/withdrawn.html"
    version = s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html().encode())["VersionId"]
    s3.delete_object(Bucket=stack.bucket, Key=key)

    handle(queue_app, lambda_context, pointer_body(stack.bucket, key, version))

    # Then a delete means withdrawn: recorded as source_not_found, never stored as an article
    assert outcome_of(table, s3_article_id(stack.bucket, key)) == "source_not_found"
