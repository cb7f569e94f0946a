"""Transient faults: retried with bounded backoff inside the call, then only the affected record is
handed back (partial batch response), redelivered, and after maxReceiveCount left in the DLQ."""

from __future__ import annotations

import json
from urllib.parse import unquote_plus

import pytest
from article_ingest import aws
from article_ingest.aws import CONNECT_TIMEOUT_S, READ_TIMEOUT_S, TOTAL_ATTEMPTS
from article_ingest_ops.runtime import LambdaContext, drain_queue

from .conftest import (
    lambda_semantics,
    outcome_of,
    pointer_body,
    s3_article_id,
    s3_notification,
    sqs_batch,
    sqs_message,
)
from .faults import DYNAMODB_5XX, S3_SLOW_DOWN, THROTTLED, Faults, body_mentions, dynamodb_error, s3_error
from .hostile import article_html

MAX_ATTEMPTS = TOTAL_ATTEMPTS
MAX_BACKOFF_SECONDS = 20  # botocore standard mode caps each delay here


def upload(served, names: list[str]) -> dict[str, dict]:
    """Upload one post per name; return name -> the queue message that names it."""
    messages = {}
    for name in names:
        key = f"incoming/{name}.html"
        served.s3.put_object(Bucket=served.stack.bucket, Key=key, Body=article_html(f"Post {name}").encode())
        messages[name] = sqs_message(pointer_body(served.stack.bucket, key))
    return messages


def outcomes(served, names: list[str]) -> dict[str, str | None]:
    return {
        n: outcome_of(served.table, s3_article_id(served.stack.bucket, f"incoming/{n}.html")) for n in names
    }


def failed_ids(response: dict) -> list[str]:
    return [f["itemIdentifier"] for f in response["batchItemFailures"]]


def test_throttled_write_is_retried_inside_the_call(served, backoff, lambda_context):
    # Given a batch of three, and DynamoDB throttling the second post's write twice
    messages = upload(served, ["a", "b", "c"])
    faults = Faults()
    article_b = s3_article_id(served.stack.bucket, "incoming/b.html")
    faults.inject(served.service_dynamodb, "PutItem", THROTTLED, when=body_mentions(article_b), times=2)

    # When the batch is handled
    response = served.app.lambda_handler(sqs_batch(list(messages.values())), lambda_context)

    # Then botocore retried (two backoffs, each within the cap) and nothing is handed back
    assert response == {"batchItemFailures": []}
    assert faults.attempts["PutItem"] == 3
    assert len(backoff) == 2 and all(0 <= d <= MAX_BACKOFF_SECONDS for d in backoff)
    assert outcomes(served, ["a", "b", "c"]) == dict.fromkeys("abc", "article")


@pytest.mark.parametrize("fault", [THROTTLED, DYNAMODB_5XX], ids=["throttling", "5xx"])
def test_persistent_dynamodb_fault_fails_only_that_record(served, backoff, lambda_context, fault):
    # Given DynamoDB refusing the second post's write for every attempt of one invocation
    messages = upload(served, ["a", "b", "c"])
    faults = Faults()
    article_b = s3_article_id(served.stack.bucket, "incoming/b.html")
    faults.inject(
        served.service_dynamodb, "PutItem", fault, when=body_mentions(article_b), times=MAX_ATTEMPTS
    )

    # When the batch is handled
    response = served.app.lambda_handler(sqs_batch(list(messages.values())), lambda_context)

    # Then exactly that record is handed back after MAX_ATTEMPTS bounded attempts; the others are stored
    assert failed_ids(response) == [messages["b"]["MessageId"]]
    assert faults.attempts["PutItem"] == MAX_ATTEMPTS
    assert len(backoff) == MAX_ATTEMPTS - 1 and max(backoff) <= MAX_BACKOFF_SECONDS
    assert outcomes(served, ["a", "b", "c"]) == {"a": "article", "b": None, "c": "article"}

    # And redelivered once the fault has passed, it is stored
    again = served.app.lambda_handler(sqs_batch([messages["b"]]), lambda_context)
    assert again == {"batchItemFailures": []}
    assert outcomes(served, ["b"]) == {"b": "article"}


def test_write_applied_but_answer_lost_meets_its_own_condition(served, backoff, lambda_context):
    # Given a post whose first PutItem lands in DynamoDB but whose answer times out
    messages = upload(served, ["lost"])
    faults = Faults()
    faults.inject(served.service_dynamodb, "PutItem", "lost_answer", times=1)
    article_id = s3_article_id(served.stack.bucket, "incoming/lost.html")

    # When the batch is handled
    response = served.app.lambda_handler(sqs_batch(list(messages.values())), lambda_context)

    # Then the retry fails its condition (same content already stored), which counts as done
    assert response == {"batchItemFailures": []}
    assert faults.attempts["PutItem"] == 2
    assert outcomes(served, ["lost"]) == {"lost": "article"}
    assert served.table.get_item(article_id)["content_hash"]


def test_s3_read_errors_and_timeouts_fail_only_their_records(served, backoff, lambda_context):
    # Given S3 answering SlowDown for one post and timing out on another, every attempt
    messages = upload(served, ["slow", "timeout", "fine"])
    slow, timeout = Faults(), Faults()
    slow.inject(served.service_s3, "GetObject", S3_SLOW_DOWN, when=body_mentions("incoming/slow.html"))
    timeout.inject(served.service_s3, "GetObject", "timeout", when=body_mentions("incoming/timeout.html"))

    # When the batch is handled
    response = served.app.lambda_handler(sqs_batch(list(messages.values())), lambda_context)

    # Then both are handed back after bounded retries, and their neighbour is stored
    assert failed_ids(response) == [messages["slow"]["MessageId"], messages["timeout"]["MessageId"]]
    assert slow.attempts["GetObject"] == MAX_ATTEMPTS and timeout.attempts["GetObject"] == MAX_ATTEMPTS
    assert outcomes(served, ["slow", "timeout", "fine"]) == {"slow": None, "timeout": None, "fine": "article"}


def test_failure_that_cannot_be_recorded_is_retried_not_lost(served, backoff, lambda_context):
    # Given an empty post, and DynamoDB throttling the write that records its failure
    served.s3.put_object(Bucket=served.stack.bucket, Key="incoming/empty.html", Body=b"")
    message = sqs_message(pointer_body(served.stack.bucket, "incoming/empty.html"))
    faults = Faults()
    faults.inject(served.service_dynamodb, "UpdateItem", THROTTLED, times=MAX_ATTEMPTS)
    invoke = lambda_semantics(served.app.lambda_handler)

    # When it is delivered twice (the fault lasts one invocation)
    first = invoke(sqs_batch([message]), lambda_context)
    second = invoke(sqs_batch([message]), lambda_context)

    # Then it is handed back the first time and recorded as a failure the second
    assert failed_ids(first) == [message["MessageId"]]
    assert second == {"batchItemFailures": []}
    assert outcomes(served, ["empty"]) == {"empty": "empty"}


class ScriptedContext(LambdaContext):
    """A Lambda context whose remaining time follows a script, one value per record."""

    def __init__(self, remaining_ms: list[int]):
        super().__init__(function_name="ingest_queue")
        self.script = list(remaining_ms)

    def get_remaining_time_in_millis(self) -> int:
        return self.script.pop(0) if len(self.script) > 1 else self.script[0]


def test_deadline_near_hands_back_the_rest_of_the_batch(served):
    # Given four posts, and the deadline coming within the margin after the second record
    names = ["d1", "d2", "d3", "d4"]
    messages = upload(served, names)
    margin = served.app.SERVICE.settings.deadline_margin_ms
    context = ScriptedContext([60_000, 60_000, margin - 1, margin - 1])

    # When the batch is handled
    response = served.app.lambda_handler(sqs_batch(list(messages.values())), context)

    # Then exactly the untouched records are handed back, and stored on the next invocation
    assert failed_ids(response) == [messages["d3"]["MessageId"], messages["d4"]["MessageId"]]
    assert outcomes(served, names) == {"d1": "article", "d2": "article", "d3": None, "d4": None}
    again = served.app.lambda_handler(sqs_batch([messages["d3"], messages["d4"]]), LambdaContext())
    assert again == {"batchItemFailures": []}
    assert outcomes(served, names) == dict.fromkeys(names, "article")


@pytest.mark.slow
def test_after_the_redrive_limit_the_message_waits_in_the_dlq_and_can_be_redriven(served, backoff):
    # Given three uploads notified to the queue, and S3 failing one of them on every read
    names = ["r1", "broken", "r2"]
    for name in names:
        served.s3.put_object(
            Bucket=served.stack.bucket, Key=f"incoming/{name}.html", Body=article_html(name).encode()
        )
    faults = Faults()
    faults.inject(served.service_s3, "GetObject", S3_SLOW_DOWN, when=body_mentions("incoming/broken.html"))
    invoke = lambda_semantics(served.app.lambda_handler)

    # When the queue is drained the way Lambda's event source mapping would
    stats = drain_queue(served.stack.queue_url, invoke, endpoint_url=served.endpoint, batch_size=10)

    # Then the broken post was tried maxReceiveCount (5) times and now waits in the DLQ
    assert stats.failed_deliveries == 5
    assert faults.attempts["GetObject"] == 5 * MAX_ATTEMPTS
    assert outcomes(served, names) == {"r1": "article", "broken": None, "r2": "article"}
    dead = served.sqs.receive_message(
        QueueUrl=served.stack.dlq_url, MaxNumberOfMessages=10, AttributeNames=["All"]
    )["Messages"]
    assert len(dead) == 1
    assert int(dead[0]["Attributes"]["ApproximateReceiveCount"]) >= 5
    record = json.loads(dead[0]["Body"])["Records"][0]["s3"]  # the whole notification: enough to redrive
    assert record["bucket"]["name"] == served.stack.bucket
    assert unquote_plus(record["object"]["key"]) == "incoming/broken.html"

    # And once S3 recovers, sending the dead body back to the queue ingests it
    faults.active = False
    served.sqs.send_message(QueueUrl=served.stack.queue_url, MessageBody=dead[0]["Body"])
    served.sqs.delete_message(QueueUrl=served.stack.dlq_url, ReceiptHandle=dead[0]["ReceiptHandle"])
    drain_queue(served.stack.queue_url, invoke, endpoint_url=served.endpoint)
    assert outcomes(served, names) == dict.fromkeys(names, "article")


def test_direct_s3_trigger_raises_on_a_transient_fault_and_its_retry_writes_nothing_twice(served, backoff):
    # Given the S3-triggered function (TriggerMode=direct) and an event naming two posts,
    # the second of which DynamoDB refuses for every attempt of the first invocation
    from article_ingest.errors import TransientError
    from article_ingest_ops.runtime import load_handler

    app = load_handler("ingest_s3", {**served.stack.environment(), "AWS_ENDPOINT_URL": served.endpoint})
    upload(served, ["s1", "s2"])
    event = s3_notification(served.stack.bucket, "incoming/s1.html")
    event["Records"] += s3_notification(served.stack.bucket, "incoming/s2.html")["Records"]
    faults = Faults()
    article_s2 = s3_article_id(served.stack.bucket, "incoming/s2.html")
    dynamodb = aws.dynamodb_table(served.stack.table).meta.client
    faults.inject(dynamodb, "PutItem", THROTTLED, when=body_mentions(article_s2), times=MAX_ATTEMPTS)

    # When Lambda invokes it, and (asynchronous invocation) retries after the error
    with pytest.raises(TransientError):
        app.lambda_handler(event, LambdaContext(function_name="ingest_s3"))
    retried = app.lambda_handler(event, LambdaContext(function_name="ingest_s3"))

    # Then the retry stores the second post and leaves the first unchanged
    assert [o["status"] for o in retried["outcomes"]] == ["unchanged", "stored"]
    assert outcomes(served, ["s1", "s2"]) == {"s1": "article", "s2": "article"}


def test_permanent_refusals_are_recorded_once_not_retried(served, backoff, lambda_context):
    # Given S3 denying one post's read, and DynamoDB rejecting another's item as malformed
    messages = upload(served, ["denied", "rejected", "fine"])
    denied, rejected = Faults(), Faults()
    denied.inject(
        served.service_s3, "GetObject", lambda: s3_error(403, "AccessDenied"), when=body_mentions("denied")
    )
    article_rejected = s3_article_id(served.stack.bucket, "incoming/rejected.html")
    validation = lambda: dynamodb_error(400, "ValidationException")  # noqa: E731 - e.g. an item over 400 KB
    rejected.inject(served.service_dynamodb, "PutItem", validation, when=body_mentions(article_rejected))

    # When the batch is handled
    response = served.app.lambda_handler(sqs_batch(list(messages.values())), lambda_context)

    # Then neither is retried nor handed back: each is a recorded failure naming the refusal
    assert response == {"batchItemFailures": []}
    assert denied.attempts["GetObject"] == 1 and rejected.attempts["PutItem"] == 1
    assert outcomes(served, ["denied", "rejected", "fine"]) == {
        "denied": "access_denied",
        "rejected": "storage_rejected",
        "fine": "article",
    }


def test_one_calls_worst_case_fits_in_the_deadline_margin():
    # Given the client's retry and timeout settings and the service's deadline margin
    from article_ingest.config import Settings

    attempts = TOTAL_ATTEMPTS
    per_attempt = CONNECT_TIMEOUT_S + READ_TIMEOUT_S
    backoff = sum(min(MAX_BACKOFF_SECONDS, 2**retry) for retry in range(attempts - 1))
    margin_ms = Settings(table_name="unused", bucket_name="unused").deadline_margin_ms

    # Then one AWS call that keeps hanging gives up before the margin is spent
    assert (attempts * per_attempt + backoff) * 1000 <= margin_ms
