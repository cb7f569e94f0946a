"""Nothing let in: stored text carries no markup or script from hostile pages, logs never carry a
whole post, and the sample events hold no secrets."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from article_ingest.observability import logger as service_logger

from ..conftest import EVENTS
from .conftest import message_failure_id, outcome_of, pointer_body, s3_article_id, sqs_batch, sqs_message
from .hostile import ARTICLE_PARAGRAPHS, article_html

ATTACKS = """
<script>alert('xss-script')</script>
<p onclick="alert('xss-onclick')">Residents <b onmouseover="alert('xss-hover')">welcomed</b> the vote
and <a href="javascript:alert('xss-href')">read the plan</a> in the council minutes online.</p>
<img src="x" onerror="alert('xss-onerror')"><svg onload="alert('xss-svg')"><circle r="1"/></svg>
<iframe src="javascript:alert('xss-iframe')"></iframe><style>body{background:url(javascript:x)}</style>
<p>The <a href="JaVaScRiPt:alert('xss-mixed')">mixed-case link</a> and the <object data="evil.swf">
</object><embed src="evil.swf"> were stripped, the reporter noted, with the text around them kept.</p>
<form action="javascript:alert('xss-form')"><input value="xss-input"></form>
<script type="text/template"><p>xss-template</p></script><noscript><p>xss-noscript</p></noscript>
"""
HEAD_ATTACKS = (
    "<link rel='canonical' href='javascript:alert(1)'>"
    "<meta property='og:image' content='javascript:alert(2)'>"
    "<meta property='og:title' content='<script>alert(3)</script>Bike lanes'>"
    "<meta name='author' content='<img src=x onerror=alert(4)>Jane Roe'>"
)
FORBIDDEN = re.compile(r"<\s*/?\s*[a-z!]|javascript\s*:|\bon[a-z]+\s*=|xss-|alert\(", re.I)


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def ingest_page(stack, s3, queue_app, table, lambda_context, page: str, name: str):
    key = f"incoming/hostile/{name}.html"
    s3.put_object(Bucket=stack.bucket, Key=key, Body=page.encode())
    response = queue_app.lambda_handler(
        sqs_batch([sqs_message(pointer_body(stack.bucket, key))]), lambda_context
    )
    assert response == {"batchItemFailures": []}
    return table.get_article(s3_article_id(stack.bucket, key))


def test_stored_body_holds_no_markup_or_script(stack, s3, queue_app, table, lambda_context):
    # Given a page with scripts, event handlers and javascript: URLs throughout its body
    page = article_html(extra=ATTACKS)

    # When it is ingested
    article = ingest_page(stack, s3, queue_app, table, lambda_context, page, "attack-body")

    # Then the stored article keeps the text around the attacks and nothing of the attacks
    assert "welcomed the vote" in article.text
    stored = strings(article.model_dump(exclude={"removed"}))
    assert [s for s in stored if FORBIDDEN.search(s)] == []


def test_stored_metadata_holds_no_markup_or_script(stack, s3, queue_app, table, lambda_context):
    # Given a page whose head carries markup and javascript: URLs in its metadata
    page = article_html().replace("<title>", HEAD_ATTACKS + "<title>", 1)

    # When it is ingested
    article = ingest_page(stack, s3, queue_app, table, lambda_context, page, "attack-head")

    # Then no stored field holds markup or a script URL
    stored = strings(article.model_dump(exclude={"removed"}))
    assert [s for s in stored if FORBIDDEN.search(s)] == []


@pytest.fixture
def captured_logs(caplog):
    """Everything the service's Powertools logger and the standard loggers write, at INFO."""
    handler = service_logger.registered_handler
    stream, level = io.StringIO(), service_logger.log_level
    original = handler.setStream(stream)
    service_logger.setLevel("INFO")
    caplog.set_level(logging.INFO)
    yield lambda: stream.getvalue() + "\n".join(r.getMessage() for r in caplog.records)
    handler.setStream(original)
    service_logger.setLevel(level)


def test_logs_never_include_a_whole_post(stack, s3, queue_app, table, lambda_context, captured_logs):
    # Given a good post, an unparseable one and an invalid message, each with a distinctive body
    secret_line = "The distinctive sentence that must never reach a log line, number 8412."
    good_body = article_html(extra=f"<p>{secret_line}</p>").encode()
    bad_body = ("<html><body><p>" + "x " * 20 + secret_line + "</p></body></html>").encode()
    s3.put_object(Bucket=stack.bucket, Key="incoming/good.html", Body=good_body)
    s3.put_object(Bucket=stack.bucket, Key="incoming/bad.html", Body=bad_body)
    invalid = sqs_message("not json " + "padding " * 60 + secret_line)
    messages = [
        sqs_message(pointer_body(stack.bucket, "incoming/good.html")),
        sqs_message(pointer_body(stack.bucket, "incoming/bad.html")),
        invalid,
    ]

    # When they are ingested
    response = queue_app.lambda_handler(sqs_batch(messages), lambda_context)

    # Then the logs say what happened to each, without the posts themselves
    assert response == {"batchItemFailures": []}
    assert outcome_of(table, s3_article_id(stack.bucket, "incoming/good.html")) == "article"
    assert outcome_of(table, message_failure_id(invalid["MessageId"])) == "invalid_message"
    logs = captured_logs()
    assert "article stored" in logs and "post failed" in logs
    assert secret_line not in logs
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph[:60] not in logs


SECRETS = {
    "AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret key assignment": re.compile(r"(?i)secret_?access_?key\W+[A-Za-z0-9/+=]{30,}"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "session token": re.compile(r"(?i)(session_?token|x-amz-security-token)\W+[A-Za-z0-9/+=]{40,}"),
    "password": re.compile(r"(?i)\"password\"\s*:\s*\"[^\"]+\""),
    "bearer token": re.compile(r"(?i)bearer\s+[a-z0-9._-]{20,}"),
}


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.json")), ids=lambda p: p.name)
def test_sample_events_hold_no_secrets(path):
    text = path.read_text()
    json.loads(text)
    found = {name for name, pattern in SECRETS.items() if pattern.search(text)}
    assert found == set()
