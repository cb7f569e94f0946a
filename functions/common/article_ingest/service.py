"""Ingest what arrives: read → parse → store. Both triggers meet here, one entry per kind of input.

Every post ends as an article item or a recorded failure. Permanent errors are recorded and
returned; transient ones are raised so the trigger hands the post back for another try. An
unexpected exception while parsing is a bug met on that input: it is recorded as `internal_error`
with the exception, and logged with its stack trace.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any, Literal

from aws_lambda_powertools.metrics import MetricUnit

from .config import Settings
from .errors import DeadlineNear, IngestError, InternalError, InvalidMessage, PermanentError, SourceNotAllowed
from .messages import InlinePost, S3Pointer, parse_queue_body, s3_pointers_from_event
from .models import Article, Source, stable_id
from .observability import logger, metrics
from .raw import read_object
from .table import ArticleTable, utc_now

Status = Literal["stored", "unchanged", "stale", "failed"]

# An S3 notification names one object; more than a few in one message is not a sender we serve,
# and each costs up to a parse's time inside one record.
MAX_OBJECTS_PER_MESSAGE = 10


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

    def ingest_queue_message(
        self,
        body: str,
        message_id: str,
        attempts: int = 1,
        remaining_ms: Callable[[], int] | None = None,
    ) -> list[Outcome]:
        """Ingest what one queue message names. Raising hands the message back for redelivery."""
        self.check_deadline(remaining_ms)
        logger.append_keys(message_id=message_id)
        try:
            message = parse_queue_body(body)
            if isinstance(message, InlinePost):
                return [self.ingest_post(message, attempts)]
            pointers = _distinct(message)
        except InvalidMessage as error:
            error.reason = f"{error.reason} (message of {len(body)} characters, sha256 {_digest(body)})"
            return [self.fail(Source(message_id=message_id), error, "", attempts)]
        outcomes = []
        for index, pointer in enumerate(pointers):
            if index:  # the first was checked with the message
                self.check_deadline(remaining_ms)
            outcomes.append(self.ingest_object(pointer, attempts))
        return outcomes

    def ingest_s3_event(self, event: dict[str, Any]) -> list[Outcome]:
        """Ingest every object an S3 notification names; a transient fault fails the whole invocation."""
        return [self.ingest_object(pointer) for pointer in s3_pointers_from_event(event)]

    def ingest_object(self, pointer: S3Pointer, attempts: int = 1) -> Outcome:
        source = Source(bucket=pointer.bucket, key=pointer.key, version_id=pointer.version_id)
        logger.append_keys(source=source.identity())
        modified = ""
        try:
            self._check_allowed(pointer)
            raw = read_object(pointer.bucket, pointer.key, pointer.version_id, self.settings.max_input_bytes)
            modified = raw.last_modified
            source = source.model_copy(update={"version_id": raw.version_id})
            article = self._parse(
                lambda: _extract().parse(
                    raw.data,
                    filename=pointer.key,
                    content_type=raw.content_type,
                    source=source,
                    limits=self.settings.limits,
                )
            )
        except PermanentError as error:
            return self.fail(source, error, modified, attempts)
        return self._store(article, modified, attempts)

    def ingest_post(self, post: InlinePost, attempts: int = 1) -> Outcome:
        source = Source(url=post.url) if post.url else Source(filename=f"inline-{_digest(post.body)}")
        logger.append_keys(source=source.identity())
        try:
            article = self._parse(
                lambda: _extract().parse_post(post, source=source, limits=self.settings.limits)
            )
        except PermanentError as error:
            return self.fail(source, error, post.fetched or "", attempts)
        return self._store(article, post.fetched or utc_now(), attempts)

    def fail(self, source: Source, error: IngestError, modified: str, attempts: int) -> Outcome:
        article_id = stable_id(source, "")
        recorded = self.table.record_failure(article_id, source, error, modified, attempts)
        metrics.add_metric(name="IngestFailed", unit=MetricUnit.Count, value=1)
        logger.warning(
            "post failed: %s",
            error.code,
            extra={
                "article_id": article_id,
                "code": error.code,
                "reason": error.reason,
                "recorded": recorded,
            },
        )
        return Outcome(status="failed", article_id=article_id, source=source, error=error)

    def check_deadline(self, remaining_ms: Callable[[], int] | None) -> None:
        left = remaining_ms() if remaining_ms else None
        if left is not None and left < self.settings.deadline_margin_ms:
            raise DeadlineNear(f"{left} ms left before the Lambda deadline; handing the record back")

    def _check_allowed(self, pointer: S3Pointer) -> None:
        # Only IAM would stop a pointer to another bucket, and nothing a pointer into our own
        # bucket outside the input prefix (stored bodies under the overflow prefix, say).
        bucket, prefix = self.settings.bucket_name, self.settings.input_prefix
        if pointer.bucket != bucket or not pointer.key.startswith(prefix):
            raise SourceNotAllowed(
                f"s3://{pointer.bucket}/{pointer.key} is outside s3://{bucket}/{prefix}; "
                "only posts under the input prefix are read"
            )

    def _parse(self, run: Callable[[], Article]) -> Article:
        started = time.perf_counter()
        try:
            return run()
        except IngestError:
            raise
        except Exception as exc:
            logger.exception("parser failed unexpectedly")
            raise InternalError(f"{type(exc).__name__}: {exc}"[:500]) from exc
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
            extra={"article_id": article.id, "words": article.word_count, "removed": article.removed_counts},
        )
        return Outcome(status=result, article_id=article.id, source=article.source, article=article)


def _distinct(pointers: list[S3Pointer]) -> list[S3Pointer]:
    distinct = list(dict.fromkeys(pointers))
    if len(distinct) > MAX_OBJECTS_PER_MESSAGE:
        raise InvalidMessage(
            f"message names {len(distinct)} objects; "
            f"at most {MAX_OBJECTS_PER_MESSAGE} are read from one message"
        )
    return distinct


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
