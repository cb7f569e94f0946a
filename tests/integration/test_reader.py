"""The consumer API (article_ingest.reader) against the stack in moto: every body form, every lookup."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from article_ingest.extract import parse
from article_ingest.models import Section, Source, stable_id
from article_ingest.reader import ArticleReader
from article_ingest.table import BODY_ATTRIBUTE, COMPUTED_FIELDS, JSON_BODY_ATTRIBUTE, MAX_INLINE_BODY_BYTES

from ..conftest import SAMPLES

PAGE = SAMPLES / "city-council-bike-lanes.html"
CANONICAL = "https://riverside-gazette.example/2026/03/bike-lanes-main-street/"


@pytest.fixture
def reader(table):
    return ArticleReader(table)


def stored_upload(table, key: str = "incoming/city-council-bike-lanes.html"):
    """The sample page as the service stores an upload: its id comes from its S3 key."""
    source = Source(bucket=table.bucket, key=key)
    article = parse(PAGE.read_bytes(), filename=PAGE.name, source=source)
    assert article.id == stable_id(source, "")
    assert table.put_article(article, "2026-03-14T10:00:00+00:00") == "stored"
    return article


def test_get_by_id_key_s3_uri_and_page_url(table, reader):
    # Given an uploaded page, stored under the id of its key (not of its URL)
    article = stored_upload(table)

    # Then every reference a consumer may hold finds it
    for ref in (
        article.id,
        "incoming/city-council-bike-lanes.html",
        f"s3://{table.bucket}/incoming/city-council-bike-lanes.html",
        CANONICAL,
    ):
        found = reader.get(ref)
        assert found is not None and found.title == article.title and found.text == article.text, ref
    assert reader.get("https://riverside-gazette.example/elsewhere/") is None
    assert reader.get("incoming/nothing.html") is None


def test_older_items_with_a_json_string_body_are_read(table, reader):
    article = stored_upload(table)
    item = table.get_item(article.id)
    item[JSON_BODY_ATTRIBUTE] = article.model_dump_json(exclude=COMPUTED_FIELDS)
    del item[BODY_ATTRIBUTE]
    table._table.put_item(Item=item)

    assert reader.get(article.id).text == article.text


def test_bodies_over_the_inline_cap_are_read_from_s3(table, reader, s3):
    article = stored_upload(table)
    paragraph = "A long paragraph of council minutes, read aloud in full for the record. " * 40
    big = article.model_copy(
        update={"sections": [Section(paragraphs=[paragraph] * 120)], "content_hash": "big"}
    )
    assert len(big.model_dump_json()) > MAX_INLINE_BODY_BYTES
    assert table.put_article(big, "2026-03-15T10:00:00+00:00") == "stored"
    assert "body_s3_key" in table.get_item(article.id)

    assert reader.get(article.id).word_count == big.word_count


def test_list_by_site_and_day(table, reader):
    article = stored_upload(table)

    [listed] = reader.by_site("riverside-gazette.example")
    assert listed.id == article.id and listed.title == article.title
    assert listed.published == article.published[: len(listed.published)]
    assert reader.by_site("riverside-gazette.example", since="2026-03-01")
    assert reader.by_site("riverside-gazette.example", since="2027-01-01") == []

    today = datetime.now(UTC).date()
    assert [x.id for x in reader.by_day(today)] == [article.id]
    assert [x.id for x in reader.recent(days=2)] == [article.id]
    assert json.dumps(listed.__dict__)  # plain values, ready for any serialiser


def test_failures_are_not_articles(table, reader):
    from article_ingest.errors import UndecodableInput

    source = Source(bucket=table.bucket, key="incoming/photo.html")
    table.record_failure(stable_id(source, ""), source, UndecodableInput("binary"), "")

    assert reader.get("incoming/photo.html") is None
    assert reader.get_item("incoming/photo.html")["failure_code"] == "undecodable"


def python_blocks(doc: str) -> list[str]:
    from ..conftest import ROOT

    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]


def test_the_plain_boto3_reader_in_consuming_md_works(table, s3):
    # Given an uploaded article stored by the service, and CONSUMING.md's plain-boto3 code
    article = stored_upload(table)
    _, plain, by_site = python_blocks("CONSUMING.md")[:3]
    names = {
        "<ArticlesTableName>": table.table_name,
        "<RawBucketName>": table.bucket,
        "incoming/post.html": "incoming/city-council-bike-lanes.html",
    }
    for placeholder, value in names.items():
        plain = plain.replace(placeholder, value)
        by_site = by_site.replace(placeholder, value)

    # When it runs as printed
    namespace: dict = {}
    exec(plain, namespace)  # noqa: S102 - our own documentation, in a test

    # Then it reads the article, and the site listing runs
    assert namespace["article"]["title"] == article.title
    exec(by_site.replace("www.example.com", "riverside-gazette.example"), namespace)  # noqa: S102
