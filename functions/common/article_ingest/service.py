"""Ingest one post: read → parse → store. Both triggers meet here.

Every post ends as an article item or a recorded failure. Permanent errors are recorded and
returned; transient ones are raised so the trigger hands the post back for another try.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from functools import cache, cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from aws_lambda_powertools.metrics import MetricUnit

from .config import Settings
from .errors import IngestError, PermanentError
from .messages import InlinePost, S3Pointer
from .models import Article, Source, stable_id
from .observability import logger, metrics
from .raw import read_object
from .table import ArticleTable, utc_now

if TYPE_CHECKING:
    from .extract.inputs import Limits

Status = Literal["stored", "unchanged", "stale", "failed"]


# The extractor (trafilatura, lxml, htmldate, ...) is a fifth of the handler's import time, so it is
# imported by the first post that needs it rather than at cold start (docs/PERFORMANCE.md).
@cache
def _extract() -> ModuleType:
    from . import extract

    return extract


@dataclass
class Outcome:
    status: Status
    article_id: str
    source: Source
    article: Article | None = None
    error: IngestError | None = None


class IngestService:
    def __init__(self, settings: Settings, table: ArticleTable | None = None):
        self.settings = settings
        self.table = table or ArticleTable(
            settings.table_name, settings.bucket_name, settings.overflow_prefix
        )

    @cached_property
    def limits(self) -> Limits:
        from .extract.inputs import Limits

        return Limits(
            max_input_bytes=self.settings.max_input_bytes,
            max_decompressed_bytes=self.settings.max_decompressed_bytes,
            max_markup_tags=self.settings.max_markup_tags,
        )

    def ingest_s3(self, pointer: S3Pointer, attempts: int = 1) -> Outcome:
        source = Source(bucket=pointer.bucket, key=pointer.key, version_id=pointer.version_id)
        modified = ""
        try:
            raw = read_object(pointer.bucket, pointer.key, pointer.version_id, self.settings.max_input_bytes)
            modified = raw.last_modified
            source = source.model_copy(update={"version_id": raw.version_id})
            article = self._parse(raw.data, source, filename=pointer.key, content_type=raw.content_type)
        except PermanentError as error:
            return self.fail(source, error, modified, attempts)
        return self._store(article, modified, attempts)

    def ingest_inline(self, post: InlinePost, attempts: int = 1) -> Outcome:
        payload = post.payload()
        source = Source(url=post.url) if post.url else Source(filename=f"inline-{_digest(payload)}")
        try:
            article = self._parse(payload, source, filename=None, content_type="application/json")
        except PermanentError as error:
            return self.fail(source, error, post.fetched_at or "", attempts)
        return self._store(article, post.fetched_at or utc_now(), attempts)

    def _parse(self, data: bytes, source: Source, filename: str | None, content_type: str | None) -> Article:
        # parse() enforces every limit before the expensive work: size, capped gzip, markup.
        started = time.perf_counter()
        try:
            return _extract().parse(
                data,
                filename=filename,
                content_type=content_type,
                url=source.url,
                source=source,
                limits=self.limits,
            )
        finally:
            metrics.add_metric(name="ParseTime", unit=MetricUnit.Milliseconds, value=_ms_since(started))

    def _store(self, article: Article, modified: str, attempts: int) -> Outcome:
        try:
            result = self.table.put_article(article, modified)
        except PermanentError as error:  # AWS refused the write itself (an item too large): record it
            return self.fail(article.source, error, modified, attempts)
        metrics.add_metric(name=f"Articles{result.capitalize()}", unit=MetricUnit.Count, value=1)
        for kind, count in article.removed_counts.items():
            metrics.add_metric(name=f"Removed{kind.capitalize()}", unit=MetricUnit.Count, value=count)
        logger.info(
            "article %s",
            result,
            extra={
                "article_id": article.id,
                "title": article.title,
                "words": article.word_count,
                "removed": article.removed_counts,
            },
        )
        return Outcome(status=result, article_id=article.id, source=article.source, article=article)

    def fail(self, source: Source, error: IngestError, modified: str, attempts: int) -> Outcome:
        article_id = stable_id(source, "")
        recorded = self.table.record_failure(article_id, source, error, modified, attempts)
        metrics.add_metric(name="IngestFailed", unit=MetricUnit.Count, value=1)
        logger.warning(
            "post failed: %s",
            error,
            extra={"article_id": article_id, "code": error.code, "recorded": recorded},
        )
        return Outcome(status="failed", article_id=article_id, source=source, error=error)


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()[:16]


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
