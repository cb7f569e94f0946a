"""Duplicates and ordering under concurrency: three deliveries of one post from three Lambda
environments at once write once; an older version arriving late changes nothing; a changed post
updates exactly once. (tests/integration/test_pipeline.py covers the sequential basics.)"""

from __future__ import annotations

import json
import threading
from collections import Counter

from article_ingest import aws
from article_ingest.models import Source, stable_id
from article_ingest_ops.runtime import LambdaContext, load_handler

from .conftest import pointer_body, s3_article_id, sqs_batch, sqs_message
from .hostile import article_html

URL = "https://news.example.com/2026/bike-lanes"
T1, T2 = "2026-01-01T10:00:00+00:00", "2026-01-01T11:00:00+00:00"


def environments(served, count: int) -> list:
    """count separately imported handler modules: Lambda runs concurrent batches in separate
    environments, each with its own BatchProcessor (which is not thread-safe)."""
    env = {**served.stack.environment(), "AWS_ENDPOINT_URL": served.endpoint}
    return [load_handler("ingest_queue", env) for _ in range(count)]


def count_writes(served) -> Counter:
    """Count PutItem answers by outcome on the client every environment shares."""
    writes: Counter = Counter()

    def after(http_response, parsed, **_):
        code = parsed.get("Error", {}).get("Code")
        writes[code or "written"] += 1

    aws.dynamodb_table(served.stack.table).meta.client.meta.events.register(
        "after-call.dynamodb.PutItem", after
    )
    return writes


def deliver_concurrently(apps, body: str) -> list[dict]:
    """The same message body delivered to every environment at the same moment."""
    barrier, responses = threading.Barrier(len(apps)), [None] * len(apps)

    def run(index: int) -> None:
        event = sqs_batch([sqs_message(body)])
        barrier.wait()
        responses[index] = apps[index].lambda_handler(event, LambdaContext(function_name="ingest_queue"))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(apps))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def inline(title: str, fetched_at: str) -> str:
    return json.dumps({"url": URL, "html": article_html(title), "fetched_at": fetched_at})


def test_one_post_delivered_three_times_at_once_is_written_once(served):
    # Given one upload, and three environments receiving its notification at the same moment
    key = "incoming/triplicate.html"
    served.s3.put_object(Bucket=served.stack.bucket, Key=key, Body=article_html().encode())
    apps = environments(served, 3)
    writes = count_writes(served)

    # When all three handle it concurrently
    responses = deliver_concurrently(apps, pointer_body(served.stack.bucket, key))

    # Then none is handed back, one PutItem wrote, the other two failed their condition
    assert responses == [{"batchItemFailures": []}] * 3
    assert writes == Counter({"written": 1, "ConditionalCheckFailedException": 2})
    items = served.table._table.scan(ConsistentRead=True)["Items"]
    assert [i["id"] for i in items] == [s3_article_id(served.stack.bucket, key)]


def test_older_version_arriving_after_a_newer_one_changes_nothing(served, lambda_context):
    # Given the newer version of a post stored
    served.app.lambda_handler(sqs_batch([sqs_message(inline("Newer headline", T2))]), lambda_context)
    article_id = stable_id(Source(url=URL), "")
    before = served.table.get_item(article_id)
    writes = count_writes(served)

    # When the older version arrives afterwards
    response = served.app.lambda_handler(
        sqs_batch([sqs_message(inline("Older headline", T1))]), lambda_context
    )

    # Then it is acknowledged and nothing changed
    assert response == {"batchItemFailures": []}
    assert writes == Counter({"ConditionalCheckFailedException": 1})
    assert served.table.get_item(article_id) == before
    assert served.table.get_article(article_id).title == "Newer headline"


def test_changed_post_delivered_three_times_at_once_updates_once(served, lambda_context):
    # Given a stored post, and its changed version delivered to three environments at once
    served.app.lambda_handler(sqs_batch([sqs_message(inline("First headline", T1))]), lambda_context)
    apps = environments(served, 3)
    writes = count_writes(served)

    responses = deliver_concurrently(apps, inline("Changed headline", T2))

    # Then exactly one write replaced the article
    assert responses == [{"batchItemFailures": []}] * 3
    assert writes == Counter({"written": 1, "ConditionalCheckFailedException": 2})
    assert served.table.get_article(stable_id(Source(url=URL), "")).title == "Changed headline"
