"""Reading stored articles, for consumers: by id, S3 key or URL; a site's by publication date; a day's.

Built on ArticleTable, so every body form is handled: gzip JSON (``article_gz``), bodies over the
inline cap stored in S3 (``body_s3_key``), and older items holding a JSON string (``article``).
docs/CONSUMING.md shows the same reads in plain boto3, for readers in other languages.

    reader = ArticleReader.from_settings()            # TABLE_NAME, BUCKET_NAME from the environment
    article = reader.get("s3://bucket/incoming/post.html")
    for entry in reader.by_site("www.example.com", since="2026-11-01"):
        print(entry.published, entry.title)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .config import Settings
from .messages import normalise_url
from .models import Article, Source, stable_id
from .table import ArticleTable


@dataclass(frozen=True)
class Listed:
    """One row of a listing: what the index holds, without reading the article body."""

    id: str
    title: str
    site: str
    published: str | None
    ingested_at: str | None
    word_count: int | None

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Listed:
        published = str(item.get("published_sort", "")).split("#")[0]
        words = item.get("word_count")
        return cls(
            id=str(item["id"]),
            title=str(item.get("title", "")),
            site=str(item.get("site", "")),
            published=published if published and published != "0000" else None,
            ingested_at=item.get("ingested_at"),
            word_count=int(words) if words is not None else None,
        )


class ArticleReader:
    def __init__(self, table: ArticleTable):
        self.table = table

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> ArticleReader:
        from .config import settings as load

        s = settings or load()
        return cls(ArticleTable(s.table_name, s.bucket_name, s.overflow_prefix))

    def id_of(self, ref: str) -> str:
        """The item id for an id, an ``s3://bucket/key``, a key in this stack's bucket, or a URL
        sent inline (an uploaded post's id comes from its key: use ``get_by_url`` for those)."""
        if ref.startswith("s3://"):
            bucket, _, key = ref[5:].partition("/")
            return stable_id(Source(bucket=bucket, key=key), "")
        if ref.startswith(("http://", "https://")):
            return stable_id(Source(url=normalise_url(ref)), "")
        if "/" in ref:
            return stable_id(Source(bucket=self.table.bucket, key=ref), "")
        return ref

    def get_item(self, ref: str) -> dict[str, Any] | None:
        """The stored item (article or failure) for any reference ``get`` accepts."""
        item = self.table.get_item(self.id_of(ref))
        if item is None and ref.startswith(("http://", "https://")):
            ids = self.table.find_ids_by_url(normalise_url(ref))
            item = self.table.get_item(ids[0]) if ids else None
        return item

    def get(self, ref: str) -> Article | None:
        """The article for an id, ``s3://bucket/key``, a key, or a URL; None when none is stored."""
        item = self.get_item(ref)
        if not item or item.get("record_type") != "article":
            return None
        return self.table.article_from_item(item)

    def get_by_url(self, url: str) -> Article | None:
        return self.get(url)

    def article(self, item: dict[str, Any]) -> Article:
        """The article of a full table item (a GetItem result, or a stream record's NEW_IMAGE)."""
        return self.table.article_from_item(item)

    def by_site(self, site: str, since: str | date | None = None, limit: int = 100) -> list[Listed]:
        """A site's articles, newest publication first; ``since`` an ISO date (undated ones excluded)."""
        since_key = since.isoformat() if isinstance(since, date) else since
        items = self.table.query(
            "by_site", "site", site, limit=limit, sort_key="published_sort", sort_from=since_key
        )
        return [Listed.from_item(item) for item in items]

    def by_day(self, day: str | date, limit: int = 100) -> list[Listed]:
        """Articles ingested on one UTC day, newest first."""
        key = day.isoformat() if isinstance(day, date) else day
        items = self.table.query("by_ingest_day", "ingested_day", key, limit=limit)
        return [Listed.from_item(item) for item in items]

    def recent(self, days: int = 7, limit: int = 100) -> Iterator[Listed]:
        """Articles ingested in the last ``days`` UTC days, newest first, at most ``limit``."""
        today = datetime.now(UTC).date()
        left = limit
        for n in range(days):
            if left <= 0:
                return
            listed = self.by_day(today - timedelta(days=n), limit=left)
            left -= len(listed)
            yield from listed
