"""The stored form of an article: gzip-compressed JSON in a Binary attribute, read back unchanged."""

from __future__ import annotations

import gzip
import json

import pytest
from article_ingest.models import Article, Section, Source, content_hash_of_article, stable_id
from article_ingest.table import BODY_ATTRIBUTE, COMPUTED_FIELDS, JSON_BODY_ATTRIBUTE, ArticleTable
from boto3.dynamodb.types import Binary


def an_article(paragraphs: list[str]) -> Article:
    source = Source(bucket="raw-bucket", key="incoming/post.html")
    sections = [
        Section(paragraphs=paragraphs[:1]),
        Section(heading="Zweiter Teil", level=2, paragraphs=paragraphs[1:]),
    ]
    article = Article(
        id=stable_id(source, ""),
        source=source,
        format="html",
        url="https://example.org/post",
        title="Ein Titel mit Umlauten: äöü — und Anführungszeichen „so“",
        authors=["A. Autorin"],
        published="2026-01-02T03:04:05+01:00",
        language="de",
        sections=sections,
        removed={"promo": ["Folgen Sie uns auf TikTok!"], "comments": ["Kommentar schreiben"]},
        extractor_version="test",
    )
    return article.model_copy(update={"content_hash": content_hash_of_article(article)})


@pytest.fixture
def table() -> ArticleTable:
    return ArticleTable("articles", "raw-bucket", "articles/")


def test_article_round_trips_through_the_compressed_item(table):
    # Given an article with non-ASCII text, several sections and removed lines
    article = an_article([f"Absatz {n}: Straßenbahn fährt über die Brücke. " * 5 for n in range(20)])

    # When it is turned into an item and read back
    item = table._article_item(article, "2026-01-01T00:00:00+00:00")

    # Then the body is compressed bytes and the article comes back equal, computed fields included
    assert isinstance(item[BODY_ATTRIBUTE], bytes) and JSON_BODY_ATTRIBUTE not in item
    assert table.article_from_item(item) == article
    assert table.article_from_item(item).word_count == article.word_count


def test_compressed_item_is_smaller_than_the_json_string(table):
    article = an_article(
        [f"Paragraph {n} of an ordinary news article about the city council. " * 3 for n in range(30)]
    )
    item = table._article_item(article, "2026-01-01T00:00:00+00:00")
    json_body = article.model_dump_json(exclude=COMPUTED_FIELDS).encode("utf-8")
    assert len(item[BODY_ATTRIBUTE]) < len(json_body) / 2


def test_binary_as_the_resource_api_returns_it_is_read(table):
    # Given the item as boto3's resource API gives it back (Binary wrapper, not bytes)
    article = an_article(["Ein Absatz.", "Noch einer."])
    item = table._article_item(article, "2026-01-01T00:00:00+00:00")
    item[BODY_ATTRIBUTE] = Binary(item[BODY_ATTRIBUTE])

    assert table.article_from_item(item) == article


def test_items_written_as_a_json_string_are_still_read(table):
    # Given an item in the earlier representation (the JSON as a string attribute)
    article = an_article(["Ein Absatz.", "Noch einer."])
    item = table._article_item(article, "2026-01-01T00:00:00+00:00")
    legacy = {k: v for k, v in item.items() if k != BODY_ATTRIBUTE}
    legacy[JSON_BODY_ATTRIBUTE] = gzip.decompress(item[BODY_ATTRIBUTE]).decode("utf-8")

    assert json.loads(legacy[JSON_BODY_ATTRIBUTE])["id"] == article.id
    assert table.article_from_item(legacy) == article


def test_compression_is_deterministic(table):
    article = an_article(["Ein Absatz.", "Noch einer."])
    first = table._article_item(article, "2026-01-01T00:00:00+00:00")[BODY_ATTRIBUTE]
    second = table._article_item(article, "2026-01-01T00:00:00+00:00")[BODY_ATTRIBUTE]
    assert first == second
