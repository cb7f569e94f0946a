"""Re-parse stored posts in batches handed out by a Step Functions Distributed Map (issue 16).

The Map's ItemReader lists the raw bucket (S3 ListObjectsV2) and its ItemBatcher hands one function
call a batch: ``{"Items": [{"Key", "Etag", "LastModified", "Size", "StorageClass"}, ...],
"BatchInput": {"since": ...}}``; the state machine adds ``"Attempt"`` (the engine's retry count + 1).
Every item goes through the queue's write path (IngestService.ingest_object): unchanged output
writes nothing, a changed post is updated, a permanent failure is recorded once and reported in the
batch's result. A transient fault raises TransientError, so the engine's Retry policy runs the batch
again; the items already done are then unchanged and write nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InvalidMessage, TransientError
from .messages import S3Pointer
from .service import IngestService

# A batch result lands in the Map's ResultWriter file and in the execution's history: keep each
# reason short, so a batch of failures stays far below Step Functions' 256 KiB payload limit.
MAX_REASON_CHARS = 300


class ListedObject(BaseModel):
    """One S3 object as the Map's ItemReader (ListObjectsV2) lists it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    key: str = Field(alias="Key", min_length=1)
    # Epoch seconds from the engine; an ISO string is accepted too (the AWS CLI's shape).
    last_modified: datetime | None = Field(default=None, alias="LastModified")


class BatchInput(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    since: datetime | None = None

    @field_validator("since", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return value or None

    @field_validator("since")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value


class Batch(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    items: list[ListedObject] = Field(alias="Items")
    batch_input: BatchInput = Field(default_factory=BatchInput, alias="BatchInput")
    attempt: int = Field(default=1, alias="Attempt", ge=1)


def parse_batch(event: dict[str, Any]) -> Batch:
    try:
        return Batch.model_validate(event)
    except ValidationError as error:
        raise InvalidMessage(f"not a Distributed Map batch: {error.errors()[0]['msg']}") from error


def reparse_batch(
    service: IngestService, batch: Batch, remaining_ms: Callable[[], int] | None = None
) -> dict[str, Any]:
    """Re-parse every listed object; returns the counts and the permanent failures, one per post."""
    result: dict[str, Any] = {"posts": len(batch.items), "stored": 0, "unchanged": 0, "stale": 0}
    result |= {"skipped": 0, "failed": []}
    since = batch.batch_input.since
    bucket = service.settings.bucket_name  # never a bucket named by the input: the stack's own
    for item in batch.items:
        if since and item.last_modified and item.last_modified < since:
            result["skipped"] += 1
            continue
        try:
            service.check_deadline(remaining_ms)
            outcome = service.ingest_object(S3Pointer(bucket=bucket, key=item.key), batch.attempt)
        except TransientError as error:
            # One name for the engine's Retry policy, whatever the subclass (DeadlineNear, ...).
            raise TransientError(f"{item.key}: {error.code}: {error.reason}") from error
        if outcome.status == "failed" and outcome.error:
            result["failed"].append(
                {
                    "key": item.key,
                    "id": outcome.article_id,
                    "code": outcome.error.code,
                    "attempts": batch.attempt,
                    "reason": outcome.error.reason[:MAX_REASON_CHARS],
                }
            )
        else:
            result[outcome.status] += 1
    return result
