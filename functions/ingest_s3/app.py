"""S3 event notification → ingest. Asynchronous: a raised error is retried, then sent on to the DLQ."""

from article_ingest.config import settings
from article_ingest.observability import logger, metrics, tracer
from article_ingest.service import IngestService
from aws_lambda_powertools.utilities.typing import LambdaContext

SERVICE = IngestService(settings())  # validated at cold start: a missing variable fails here, by name


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    outcomes = SERVICE.ingest_s3_event(event)
    return {"outcomes": [{"id": o.article_id, "status": o.status} for o in outcomes]}
