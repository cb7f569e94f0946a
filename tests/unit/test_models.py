"""The Article model: content hash rules and the committed JSON Schema."""

from pathlib import Path

import pytest
from article_ingest.models import Article, Section, Source, content_hash_of_article
from article_ingest_ops.schema import article_schema_json

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "article.schema.json"


def article(**fields) -> Article:
    base = {
        "id": "x",
        "source": Source(filename="a.txt"),
        "format": "text",
        "title": "T",
        "sections": [Section(paragraphs=["One paragraph."])],
    }
    return Article(**{**base, **fields})


def test_committed_schema_is_current():
    # Regenerate with: .venv/bin/article-ingest schema --output docs/article.schema.json
    assert SCHEMA_FILE.read_text(encoding="utf-8") == article_schema_json(), (
        "docs/article.schema.json is stale"
    )


def test_hash_ignores_where_and_how_the_post_was_read():
    first = article()
    other = article(
        id="y",
        source=Source(bucket="b", key="k", version_id="v9"),
        charset="cp1251",
        fetched_at="2024-01-01T00:00:00Z",
        extractor_version="article-ingest/9.9",
        removed={"promo": ["Follow us"]},
    )
    assert content_hash_of_article(first) == content_hash_of_article(other)


def test_hash_covers_metadata_and_sections():
    base = content_hash_of_article(article())
    assert content_hash_of_article(article(published="2024-01-01")) != base
    assert content_hash_of_article(article(authors=["A"])) != base
    assert content_hash_of_article(article(sections=[Section(paragraphs=["Another."])])) != base


def test_text_and_counts_are_computed():
    a = article(
        sections=[Section(paragraphs=["one two"]), Section(heading="H", level=2, paragraphs=["three"])]
    )
    dumped = a.model_dump()
    assert dumped["text"] == "one two\n\nH\n\nthree" and dumped["word_count"] == 4
    assert dumped["reading_time_minutes"] == 1


def test_chinese_and_japanese_characters_count_as_words():
    # Given a Chinese paragraph of 12 Han characters and two punctuation marks, and Japanese kana
    chinese = article(sections=[Section(paragraphs=["我们今天去北京看朋友，很好。"])])
    japanese = article(sections=[Section(paragraphs=["ありがとう"])])
    # Then each character is a word, punctuation none
    assert chinese.word_count == 12
    assert japanese.word_count == 5


def test_spaced_scripts_are_counted_by_their_spaces():
    korean = article(sections=[Section(paragraphs=["오늘 날씨가 좋습니다"])])
    mixed = article(sections=[Section(paragraphs=["Wind power — in 2024 — grew"])])
    assert korean.word_count == 3
    assert mixed.word_count == 5  # a lone dash is no word


def test_kinds_follow_the_paragraphs_and_only_when_some_is_code():
    with_code = Section(paragraphs=["Run:", "make test"], kinds=["text", "code"])
    prose = Section(paragraphs=["One.", "Two."], kinds=["text", "text"])

    assert with_code.model_dump()["kinds"] == ["text", "code"]
    assert "kinds" not in prose.model_dump() and prose.paragraph_kinds() == ["text", "text"]
    with pytest.raises(ValueError, match="1 kinds for 2 paragraphs"):
        Section(paragraphs=["a", "b"], kinds=["code"])


def test_an_article_without_code_hashes_as_before_kinds_existed():
    # Given the hash this article had before Section had kinds (main at 4cabc82)
    before_kinds = "73faffbcea5bc1d33b12faa6c13c38d10d0cfb7eb452ee8619b04a7fb2e5e6b5"

    # Then it is unchanged, so re-parsing unchanged posts rewrites nothing
    assert content_hash_of_article(article()) == before_kinds
    assert "kinds" not in article().model_dump_json()
