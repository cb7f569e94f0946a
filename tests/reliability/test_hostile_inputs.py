"""Nothing lost, nothing let in: every hostile post, through every entry point, ends as an article
or a named permanent error; never a crash, never a stuck batch, never a lost neighbour."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from article_ingest.errors import IngestError
from article_ingest_ops import cli

from .conftest import (
    message_failure_id,
    outcome_of,
    pointer_body,
    s3_article_id,
    s3_notification,
    sqs_batch,
    sqs_message,
)
from .hostile import CASES, CASES_BY_NAME, PARSE_GAPS, article_html


def _params(cases):
    params = []
    for case in cases:
        marks = [pytest.mark.slow] if case.slow else []
        if case.name in PARSE_GAPS:
            marks.append(pytest.mark.xfail(strict=True, reason=PARSE_GAPS[case.name]))
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def parse_outcome(data: bytes, filename: str) -> str:
    """'article' or the error code; any other exception propagates and fails the test."""
    from article_ingest.config import Settings
    from article_ingest.extract import parse

    # the limits the service passes, from the default settings
    limits = Settings(table_name="unused", bucket_name="unused").limits
    try:
        parse(data, filename=filename, limits=limits)
    except IngestError as error:
        return error.code
    return "article"


# --- parse() alone -------------------------------------------------------------------------------

PARSE_CASES = [c for c in CASES if c.parse_expected != "unbounded"]


@pytest.mark.parametrize("case", _params(PARSE_CASES))
def test_parse_ends_in_article_or_named_error(case):
    assert parse_outcome(case.data(), case.filename) == (case.parse_expected or case.expected)


# --- the S3 handler (TriggerMode=direct) ---------------------------------------------------------


@pytest.mark.parametrize("case", _params(CASES))
def test_s3_handler_records_every_post_and_leaves_raw_untouched(
    case, stack, s3, s3_app, table, lambda_context
):
    # Given a hostile post uploaded under the input prefix
    key = f"incoming/hostile/{case.name}/{case.filename}"
    data = case.data()
    version = s3.put_object(Bucket=stack.bucket, Key=key, Body=data)["VersionId"]

    # When S3 invokes the function directly
    response = s3_app.lambda_handler(s3_notification(stack.bucket, key, version), lambda_context)

    # Then it ends exactly as expected, failures are listed by day, and the raw object is as uploaded
    article_id = s3_article_id(stack.bucket, key)
    assert response["outcomes"][0]["id"] == article_id
    assert outcome_of(table, article_id) == case.expected
    if case.expected != "article":
        today = datetime.now(UTC).date().isoformat()
        listed = {i["id"] for i in table.query("by_failure_day", "failed_day", today, limit=1000)}
        assert article_id in listed
    assert_raw_untouched(s3, stack.bucket, key, version, data)


def assert_raw_untouched(s3, bucket: str, key: str, version: str, data: bytes) -> None:
    versions = s3.list_object_versions(Bucket=bucket, Prefix=key).get("Versions", [])
    assert [v["VersionId"] for v in versions] == [version]
    assert s3.get_object(Bucket=bucket, Key=key, VersionId=version)["Body"].read() == data


# --- the queue handler: hostile posts in batches, each batch with a good neighbour ----------------


def _chunks(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


@pytest.mark.slow
def test_queue_batches_of_hostile_posts_lose_no_neighbour(stack, s3, queue_app, table, lambda_context):
    # Given every hostile post uploaded, sent nine to a batch with one good post beside them
    expected: dict[str, str] = {}
    for batch_cases in _chunks(CASES, 9):
        messages = []
        for case in [*batch_cases, None]:
            name = case.name if case else f"neighbour-{len(expected)}"
            key = f"incoming/queue/{name}.html"
            s3.put_object(Bucket=stack.bucket, Key=key, Body=case.data() if case else article_html().encode())
            messages.append(sqs_message(pointer_body(stack.bucket, key)))
            expected[s3_article_id(stack.bucket, key)] = case.expected if case else "article"

        # When the queue handler takes the batch
        response = queue_app.lambda_handler(sqs_batch(messages), lambda_context)

        # Then no record is handed back: each one is an article or a recorded permanent failure
        assert response == {"batchItemFailures": []}
    outcomes = {i: outcome_of(table, i) for i in expected}
    assert None not in outcomes.values()
    gaps = {s3_article_id(stack.bucket, f"incoming/queue/{name}.html") for name in PARSE_GAPS}
    assert {i: o for i, o in outcomes.items() if i not in gaps} == {
        i: e for i, e in expected.items() if i not in gaps
    }


def test_malformed_queue_bodies_are_recorded_and_acknowledged(stack, s3, queue_app, table, lambda_context):
    # Given one batch of every malformed body, plus a good pointer to an awkward key
    good_key = "incoming/2026/Straße café + 100% ünïcode ✓.html"
    s3.put_object(Bucket=stack.bucket, Key=good_key, Body=article_html().encode())
    bodies = {
        "not_json": "not json {",
        "json_list": "[1, 2, 3]",
        "json_number": "42",
        "wrong_schema": json.dumps({"hello": "world"}),
        "missing_key": json.dumps({"bucket": stack.bucket}),
        "inline_both_bodies": json.dumps({"html": "<p>a</p>", "text": "a"}),
        "records_not_a_list": json.dumps({"Records": "nope"}),
        "record_without_s3": json.dumps({"Records": [{"eventName": "ObjectCreated:Put"}]}),
        "record_not_an_object": json.dumps({"Records": [1]}),
        "record_null": json.dumps({"Records": [None]}),
        "key_not_a_string": json.dumps(
            {
                "Records": [
                    {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}, "object": {"key": 5}}}
                ]
            }
        ),
        "object_a_list": json.dumps(
            {"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}, "object": []}}]}
        ),
        "pointer_version_not_a_string": json.dumps({"bucket": stack.bucket, "key": "k", "versionId": 5}),
        "inline_html_not_a_string": json.dumps({"html": 5}),
        "inline_unknown_field": json.dumps({"text": "a post", "author": "someone"}),
        "oversized": json.dumps({"text": "x" * (300 * 1024)}),
    }
    messages = {name: sqs_message(body) for name, body in bodies.items()}
    good = sqs_message(pointer_body(stack.bucket, good_key))

    # When the handler takes them in one batch
    response = queue_app.lambda_handler(sqs_batch([*messages.values(), good]), lambda_context)

    # Then none is handed back; each is an invalid_message failure; the good neighbour is an article
    assert response == {"batchItemFailures": []}
    outcomes = {name: outcome_of(table, message_failure_id(m["MessageId"])) for name, m in messages.items()}
    assert outcomes == dict.fromkeys(bodies, "invalid_message")
    assert outcome_of(table, s3_article_id(stack.bucket, good_key)) == "article"
    item = table.get_item(message_failure_id(messages["not_json"]["MessageId"]))
    # The operator can match the record to what was sent; the post's text is never logged or stored.
    sent = bodies["not_json"]
    assert (
        f"message of {len(sent)} characters, sha256 {hashlib.sha256(sent.encode()).hexdigest()[:16]}"
        in (item["failure_reason"])
    )
    assert "not json {" not in item["failure_reason"]


def test_test_events_and_removals_are_acknowledged_and_write_nothing(stack, queue_app, table, lambda_context):
    removed = s3_notification(stack.bucket, "incoming/gone.html", event_name="Delete")
    bodies = [json.dumps({"Event": "s3:TestEvent", "Bucket": stack.bucket}), json.dumps(removed)]

    response = queue_app.lambda_handler(sqs_batch([sqs_message(b) for b in bodies]), lambda_context)

    assert response == {"batchItemFailures": []}
    assert table._table.scan()["Items"] == []


@pytest.mark.parametrize(
    "key",
    [
        "incoming/a b.html",
        "incoming/a+b.html",
        "incoming/100%.html",
        "incoming/ünï/ç☃de.html",
        "incoming/%2F+ +.html",
    ],
)
def test_awkward_keys_reach_their_object(key, stack, s3, queue_app, table, lambda_context):
    s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html().encode())

    response = queue_app.lambda_handler(
        sqs_batch([sqs_message(pointer_body(stack.bucket, key))]), lambda_context
    )

    assert response == {"batchItemFailures": []}
    assert outcome_of(table, s3_article_id(stack.bucket, key)) == "article"


def test_object_deleted_before_the_read(stack, s3, queue_app, table, lambda_context):
    # Given two posts: one deleted (a delete marker), one whose only version was destroyed
    marked, destroyed = "incoming/deleted.html", "incoming/destroyed.html"
    s3.put_object(Bucket=stack.bucket, Key=marked, Body=article_html().encode())
    version = s3.put_object(Bucket=stack.bucket, Key=destroyed, Body=article_html().encode())["VersionId"]
    s3.delete_object(Bucket=stack.bucket, Key=marked)
    s3.delete_object(Bucket=stack.bucket, Key=destroyed, VersionId=version)

    # When their events (one without a version id, one with) arrive after the deletes
    messages = [
        sqs_message(pointer_body(stack.bucket, marked)),
        sqs_message(pointer_body(stack.bucket, destroyed, version)),
    ]
    response = queue_app.lambda_handler(sqs_batch(messages), lambda_context)

    # Then both are recorded as source_not_found, not retried
    assert response == {"batchItemFailures": []}
    assert outcome_of(table, s3_article_id(stack.bucket, marked)) == "source_not_found"
    assert outcome_of(table, s3_article_id(stack.bucket, destroyed)) == "source_not_found"


def test_object_replaced_between_event_and_read(stack, s3, queue_app, table, lambda_context):
    # Given version 1 of a post, then version 2 uploaded before version 1's event is handled
    key = "incoming/replaced.html"
    v1 = s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html("Version one").encode())["VersionId"]
    v2 = s3.put_object(Bucket=stack.bucket, Key=key, Body=article_html("Version two").encode())["VersionId"]
    article_id = s3_article_id(stack.bucket, key)

    # When version 2's event is handled first, then version 1's
    for version in (v2, v1):
        message = sqs_message(pointer_body(stack.bucket, key, version))
        assert queue_app.lambda_handler(sqs_batch([message]), lambda_context) == {"batchItemFailures": []}

    # Then the item holds version 2: the older version read by its id changed nothing
    article = table.get_article(article_id)
    assert article.source.version_id == v2
    assert "Version two" in (article.title or "") + article.text


# --- the command line ----------------------------------------------------------------------------

CLI_CASES = [c for c in CASES if c.parse_expected != "unbounded"]


def cli_expected(case) -> str:
    return case.parse_expected or case.expected


@pytest.mark.parametrize("case", _params(CLI_CASES))
def test_cli_parse_ends_in_article_or_named_error(case, tmp_path, capsys):
    path = tmp_path / case.filename
    path.write_bytes(case.data())

    code = cli.main(["parse", str(path)])

    out, err = capsys.readouterr()
    if cli_expected(case) == "article":
        assert code == 0 and json.loads(out)["sections"], err
    else:
        assert code != 0 and f"{path}: {cli_expected(case)}:" in err, err


def test_cli_entry_point_survives_the_whole_corpus_in_one_run(tmp_path):
    # Given every quick hostile case as a file, and one good post after them
    cases = [c for c in CLI_CASES if not c.slow]
    paths = []
    for case in cases:
        paths.append(tmp_path / f"{case.name}-{case.filename}")
        paths[-1].write_bytes(case.data())
    good = tmp_path / "good.html"
    good.write_bytes(article_html().encode())
    command = [str(Path(sys.executable).parent / "article-ingest")]

    # When the installed command parses them all at once
    result = subprocess.run(
        [*command, "parse", *map(str, paths), str(good)], capture_output=True, timeout=120
    )

    # Then it reports each failure on its own line, prints every article, and exits non-zero
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and result.returncode == 1
    failed = {line.split(": ")[0]: line.split(": ")[1] for line in err.splitlines() if ": " in line}
    for case, path in zip(cases, paths, strict=True):
        if case.name not in PARSE_GAPS:
            assert failed.get(str(path), "article") == cli_expected(case), case.name
    articles = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(articles) == len(paths) + 1 - len(failed)
    assert str(good) not in failed


def test_every_case_is_named_once():
    assert len(CASES_BY_NAME) == len(CASES)


def test_limits_come_from_the_environment_and_hold_at_their_edges(stack, s3, lambda_context, restore_environ):
    # Given the function configured with small limits
    import gzip

    from article_ingest_ops.runtime import load_handler

    limits = {"MAX_INPUT_BYTES": "20000", "MAX_DECOMPRESSED_BYTES": "40000", "MAX_MARKUP_TAGS": "60"}
    app = load_handler("ingest_queue", {**stack.environment(), **limits})
    page = article_html()  # ~1.5 KB, 30 tags
    posts = {
        "under_every_limit": (page.encode(), "article"),
        "over_input_bytes": (page.encode() + b" " * 20_000, "too_large"),
        "gzip_within_caps": (gzip.compress(page.encode() + b" " * 30_000), "article"),
        "gzip_over_decompressed": (gzip.compress(page.encode() + b" " * 40_000), "too_large"),
        "over_markup_tags": (article_html(extra="<br>" * 31).encode(), "too_complex"),
    }
    messages = []
    for name, (body, _) in posts.items():
        s3.put_object(Bucket=stack.bucket, Key=f"incoming/limits/{name}.html", Body=body)
        messages.append(sqs_message(pointer_body(stack.bucket, f"incoming/limits/{name}.html")))

    # When they are ingested
    response = app.lambda_handler(sqs_batch(messages), lambda_context)

    # Then each limit holds exactly at its edge, and the failures name the setting
    from article_ingest.table import ArticleTable

    table = ArticleTable(stack.table, stack.bucket, stack.overflow_prefix)
    assert response == {"batchItemFailures": []}
    ended = {
        name: outcome_of(table, s3_article_id(stack.bucket, f"incoming/limits/{name}.html")) for name in posts
    }
    assert ended == {name: expected for name, (_, expected) in posts.items()}
    reason = table.get_item(s3_article_id(stack.bucket, "incoming/limits/over_markup_tags.html"))[
        "failure_reason"
    ]
    assert "MAX_MARKUP_TAGS" in reason
