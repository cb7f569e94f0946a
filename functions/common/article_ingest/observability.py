"""One place for the logger, tracer and metrics, so lower layers never import from handlers."""

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = "article-ingest"

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)
metrics = Metrics(service=SERVICE, namespace="ArticleIngest")
