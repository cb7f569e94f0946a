"""The table layer's promises, held by two DynamoDB implementations (moto and dynalite), on a
table created from template.yaml: conditional writes, stale and unchanged, failures, queries."""

from __future__ import annotations

from datetime import UTC, datetime

from article_ingest.errors import EmptyInput
from article_ingest.extract import parse
from article_ingest.models import Source

from .hostile import article_html

SOURCE = Source(bucket="raw-bucket", key="incoming/post.html")
T1, T2, T3 = "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z"


def article(title: str = "Council approves Main Street bike lanes"):
    return parse(article_html(title).encode(), source=SOURCE, url="https://news.example.com/bike-lanes")


def test_first_write_stores_and_a_repeat_changes_nothing(backend_table):
    post = article()
    assert backend_table.put_article(post, T1) == "stored"
    stored = backend_table.get_item(post.id)

    assert backend_table.put_article(post, T1) == "unchanged"
    assert backend_table.put_article(post, T2) == "unchanged"
    assert backend_table.get_item(post.id)["ingested_at"] == stored["ingested_at"]
    assert backend_table.get_article(post.id).text == post.text


def test_changed_content_updates_only_when_not_older(backend_table):
    first, changed = article(), article("Council delays Main Street bike lanes")
    assert first.id == changed.id and first.content_hash != changed.content_hash
    backend_table.put_article(first, T2)

    assert backend_table.put_article(changed, T1) == "stale"
    assert backend_table.get_article(first.id).title == first.title
    assert backend_table.put_article(changed, T3) == "stored"
    assert backend_table.get_article(first.id).title == changed.title


def test_failure_is_recorded_listed_and_replaced_by_a_later_article(backend_table):
    post = article()
    assert backend_table.record_failure(post.id, SOURCE, EmptyInput("nothing there"), T1, attempts=2)

    item = backend_table.get_item(post.id)
    assert (item["record_type"], item["failure_code"], item["attempts"]) == ("failure", "empty", 2)
    today = datetime.now(UTC).date().isoformat()
    listed = backend_table.query("by_failure_day", "failed_day", today)
    assert [(i["id"], i["failure_code"]) for i in listed] == [(post.id, "empty")]

    assert backend_table.put_article(post, T2) == "stored"
    assert backend_table.get_item(post.id)["record_type"] == "article"


def test_failure_of_an_older_version_leaves_a_newer_article_alone(backend_table):
    post = article()
    backend_table.put_article(post, T2)

    assert backend_table.record_failure(post.id, SOURCE, EmptyInput("old, empty"), T1) is False
    assert backend_table.get_item(post.id)["record_type"] == "article"
    assert backend_table.get_article(post.id).text == post.text


def test_queries_by_site_and_ingest_day(backend_table):
    post = article()
    backend_table.put_article(post, T1)
    item = backend_table.get_item(post.id)

    by_site = backend_table.query("by_site", "site", item["site"])
    by_day = backend_table.query("by_ingest_day", "ingested_day", item["ingested_day"])

    assert [i["id"] for i in by_site] == [post.id] and by_site[0]["title"] == post.title
    assert [i["id"] for i in by_day] == [post.id]
