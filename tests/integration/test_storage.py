"""The articles table: big bodies overflow to S3, versions are ordered, failures are listable."""

from __future__ import annotations

from article_ingest.errors import NotAnArticle
from article_ingest.models import Article, Section, Source, content_hash_of_article, stable_id


def make_article(bucket: str, key: str, paragraphs: list[str]) -> Article:
    source = Source(bucket=bucket, key=key)
    sections = [Section(paragraphs=paragraphs)]
    article = Article(
        id=stable_id(source, ""), source=source, format="text", sections=sections, extractor_version="test"
    )
    return article.model_copy(update={"content_hash": content_hash_of_article(article)})


def test_article_over_400_kb_keeps_metadata_in_table_and_body_in_s3(stack, table, s3):
    # Given an article whose body alone is ~420 KB (moto only rejects items above ~405,000 bytes)
    paragraphs = [f"Paragraph {n}: " + "lorem ipsum dolor sit amet " * 40 for n in range(380)]
    article = make_article(stack.bucket, "incoming/huge.txt", paragraphs)
    assert len(article.text.encode()) > 410_000

    # When stored
    assert table.put_article(article, "2026-01-01T00:00:00+00:00") == "stored"

    # Then the item holds a pointer outside the input prefix, and reading it back is transparent
    item = table.get_item(article.id)
    assert "article" not in item and item["body_s3_key"].startswith(stack.overflow_prefix)
    assert not item["body_s3_key"].startswith(stack.input_prefix)
    assert table.get_article(article.id) == article


def test_older_version_never_overwrites_newer(stack, table):
    newer = make_article(stack.bucket, "incoming/p.txt", ["The newer text of the post."])
    older = make_article(stack.bucket, "incoming/p.txt", ["The older text of the post."])
    assert table.put_article(newer, "2026-01-02T00:00:00Z") == "stored"

    assert table.put_article(older, "2026-01-01T00:00:00Z") == "stale"
    assert table.put_article(newer, "2026-01-02T00:00:00Z") == "unchanged"
    assert table.get_article(newer.id).sections[0].paragraphs == ["The newer text of the post."]


def test_timezones_are_compared_as_instants(stack, table):
    first = make_article(stack.bucket, "incoming/tz.txt", ["First version."])
    second = make_article(stack.bucket, "incoming/tz.txt", ["Second version."])
    table.put_article(first, "2026-01-01T12:00:00+02:00")  # 10:00 UTC
    assert table.put_article(second, "2026-01-01T11:00:00+00:00") == "stored"


def test_failure_is_listed_and_then_replaced_by_the_article(stack, table):
    article = make_article(stack.bucket, "incoming/f.txt", ["Now it parses."])
    table.record_failure(article.id, article.source, NotAnArticle("no main text"), "2026-01-01T00:00:00Z")
    day = table.get_item(article.id)["failed_day"]
    [listed] = table.query("by_failure_day", "failed_day", day)
    assert listed["failure_code"] == "not_an_article" and listed["attempts"] == 1

    assert table.put_article(article, "2026-01-02T00:00:00Z") == "stored"
    assert table.query("by_failure_day", "failed_day", day) == []


def test_failure_of_a_newer_version_is_recorded_beside_the_stored_article(stack, table):
    article = make_article(stack.bucket, "incoming/g.txt", ["A good first version."])
    table.put_article(article, "2026-01-01T00:00:00Z")

    assert table.record_failure(article.id, article.source, NotAnArticle("empty"), "2026-01-02T00:00:00Z")
    assert not table.record_failure(article.id, article.source, NotAnArticle("old"), "2025-12-01T00:00:00Z")

    item = table.get_item(article.id)
    assert item["record_type"] == "article" and item["failure_reason"] == "empty"
    assert table.get_article(article.id) == article
