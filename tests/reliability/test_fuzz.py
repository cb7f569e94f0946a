"""parse() under hypothesis: whatever the bytes, the answer is an Article or a documented error
(an IngestError subclass), never another exception. Bounded in examples so CI stays fast."""

from __future__ import annotations

import gzip
import json
import os

from article_ingest.errors import IngestError
from article_ingest.extract import parse
from article_ingest.models import Article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .hostile import article_html

# FUZZ_EXAMPLES=5000 for a longer hunt; CI keeps the default small.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)

FRAGMENTS = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<article>",
    "</article>",
    "<h1>",
    "</h2>",
    "<br/>",
    "<li>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html>",
    "<html>",
    "<body>",
    "<meta charset='utf-16'>",
    "<meta charset='x-unknown'>",
    "<meta http-equiv='refresh' content='0;url=javascript:x'>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "&bogus;",
    "<a href='",
    "'>",
    "<table><tr><td>",
    "\x00",
    "\ufeff",
    "\u202e",
    "\r\n",
    "<title>",
    "</title>",
    "<time datetime='9999-99-99'>",
    "<span itemprop='author'>",
    '<script type="application/ld+json">{"@type": "NewsArticle", "author": [[[]]], "datePublished": 5}',
]
WORDS = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
TAG_SOUP = st.lists(st.one_of(st.sampled_from(FRAGMENTS), WORDS), max_size=60).map("".join)
CODECS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "shift_jis"])


def ends_well(data: bytes, **kwargs) -> None:
    try:
        result = parse(data, **kwargs)
    except IngestError:
        return
    assert isinstance(result, Article)


@FUZZ
@given(st.binary(max_size=4096))
def test_any_bytes(data):
    ends_well(data, filename="post.html")


@FUZZ
@given(TAG_SOUP, CODECS)
def test_tag_soup_in_any_encoding(soup, codec):
    ends_well(soup.encode(codec, errors="ignore"), filename="post.html")


@FUZZ
@given(st.data())
def test_mutated_real_article(data):
    page = bytearray(article_html().encode())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(page)))
        if data.draw(st.booleans()):
            page[at:at] = data.draw(st.binary(min_size=1, max_size=16))
        else:
            del page[at : at + data.draw(st.integers(1, 200))]
    compressed = data.draw(st.booleans())
    ends_well(gzip.compress(bytes(page)) if compressed else bytes(page), filename="post.html")


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["url", "html", "text", "fetched_at", "other"]),
        st.one_of(st.none(), st.integers(), TAG_SOUP, st.lists(st.integers(), max_size=3)),
        max_size=5,
    ),
    st.sampled_from([None, "application/json", "text/html; charset=utf-16", "text/plain; charset=bogus"]),
)
def test_json_envelopes_and_content_types(envelope, content_type):
    ends_well(json.dumps(envelope).encode(), content_type=content_type)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
S3_RECORD = st.fixed_dictionaries(
    {},
    optional={
        "eventName": st.sampled_from(["ObjectCreated:Put", "ObjectRemoved:Delete"]) | JSON,
        "s3": st.fixed_dictionaries(
            {},
            optional={
                "bucket": st.fixed_dictionaries({}, optional={"name": st.text(max_size=12) | JSON}) | JSON,
                "object": st.fixed_dictionaries(
                    {},
                    optional={"key": st.text(max_size=12) | JSON, "versionId": JSON, "size": JSON},
                )
                | JSON,
            },
        )
        | JSON,
    },
)
QUEUE_BODY = st.one_of(
    st.text(max_size=200),
    JSON.map(json.dumps),
    st.fixed_dictionaries({"Records": st.lists(S3_RECORD | JSON, max_size=3) | JSON}).map(json.dumps),
    st.fixed_dictionaries({}, optional={"bucket": JSON, "key": JSON, "versionId": JSON}).map(json.dumps),
    st.fixed_dictionaries({}, optional={"url": JSON, "html": JSON, "text": JSON, "fetched_at": JSON}).map(
        json.dumps
    ),
)


@FUZZ
@given(QUEUE_BODY)
def test_any_queue_body_is_understood_or_an_invalid_message(body):
    from article_ingest.errors import InvalidMessage
    from article_ingest.messages import InlinePost, S3Pointer, parse_queue_body

    try:
        message = parse_queue_body(body)
    except InvalidMessage:
        return
    assert isinstance(message, InlinePost) or all(isinstance(p, S3Pointer) for p in message)
