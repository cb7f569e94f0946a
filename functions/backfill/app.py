"""Distributed Map batch → re-parse each stored post. Permanent failures are in the result; a
transient fault raises TransientError, which the state machine's Retry policy retries."""

from article_ingest.backfill import parse_batch, reparse_batch
from article_ingest.config import settings
from article_ingest.observability import logger, metrics, tracer
from article_ingest.service import IngestService
from aws_lambda_powertools.utilities.typing import LambdaContext

SERVICE = IngestService(settings())  # validated at cold start: a missing variable fails here, by name


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    try:
        return reparse_batch(SERVICE, parse_batch(event), context.get_remaining_time_in_millis)
    finally:
        logger.remove_keys(["source"])
