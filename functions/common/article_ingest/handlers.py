"""Record-level work shared by the two thin Lambda handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import InvalidMessage, TransientError
from .messages import S3Pointer, parse_queue_body, s3_pointers_from_event
from .models import Source
from .observability import logger
from .service import IngestService, Outcome

if TYPE_CHECKING:  # only the queue handler needs Powertools' data classes at run time
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


class DeadlineNear(TransientError):
    code = "deadline"


def handle_queue_record(
    record: SQSRecord, service: IngestService, settings: Settings, remaining_ms: int | None
) -> list[Outcome]:
    """Ingest what one queue message names. Raising hands the message back for redelivery."""
    if remaining_ms is not None and remaining_ms < settings.deadline_margin_ms:
        raise DeadlineNear(f"{remaining_ms} ms left before the Lambda deadline; handing the record back")
    attempts = int(record.attributes.approximate_receive_count or 1)
    logger.append_keys(message_id=record.message_id)
    try:
        message = parse_queue_body(record.body)
    except InvalidMessage as error:
        # Keep the start of the body with the reason so an operator can see what was sent.
        error.reason = f"{error.reason}; body starts: {record.body[:300]!r}"
        return [service.fail(Source(filename=f"sqs-message-{record.message_id}"), error, "", attempts)]
    if isinstance(message, list):
        return [_ingest_pointer(service, pointer, attempts) for pointer in message]
    logger.append_keys(source=message.url or "inline")
    return [service.ingest_inline(message, attempts)]


def handle_s3_event(event: dict[str, Any], service: IngestService) -> list[Outcome]:
    """Ingest every object an S3 notification names; a transient fault fails the whole invocation."""
    return [_ingest_pointer(service, pointer, 1) for pointer in s3_pointers_from_event(event)]


def _ingest_pointer(service: IngestService, pointer: S3Pointer, attempts: int) -> Outcome:
    logger.append_keys(source=f"s3://{pointer.bucket}/{pointer.key}")
    return service.ingest_s3(pointer, attempts)
