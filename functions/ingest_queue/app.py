"""SQS batch → ingest, failing per record (partial batch response)."""

# First, before anything imports pydantic: Powertools' batch utility builds its parser's pydantic
# models (SQS, Kinesis, DynamoDB, Kafka records) for type hints when pydantic is already loaded.
# We pass no model, so that was a third of the handler's import time (bench/perf/coldstart.py).
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

# isort: split
from article_ingest.config import settings
from article_ingest.observability import logger, metrics, tracer
from article_ingest.service import IngestService
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

SERVICE = IngestService(settings())  # validated at cold start: a missing variable fails here, by name
processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord, lambda_context: LambdaContext | None = None) -> None:
    try:
        SERVICE.ingest_queue_message(
            record.body,
            record.message_id,
            attempts=int(record.attributes.approximate_receive_count or 1),
            remaining_ms=lambda_context.get_remaining_time_in_millis if lambda_context else None,
        )
    finally:
        logger.remove_keys(["message_id", "source"])


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
