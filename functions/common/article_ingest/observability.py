"""One place for the logger, tracer and metrics, so lower layers never import from handlers.

Powertools' Tracer imports the X-Ray SDK when it is created, even when tracing is off; outside Lambda
that import also builds a botocore session for X-Ray sampling (~100-300 ms of a cold start). So the
real Tracer is created only when tracing is on, by Powertools' own rule, and a stand-in otherwise.
When it is on, only botocore is patched: the X-Ray SDK's default patches every library it knows, and
importing them (requests, chardet, charset_normalizer, sqlite3, ...) costs the cold start for calls the
service never makes; the AWS calls, all through botocore, are traced the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer

from .compat import powertools_tracing_disabled

SERVICE = "article-ingest"


class DisabledTracer:
    """What a disabled Powertools Tracer does: the decorators hand the function back unchanged."""

    def capture_lambda_handler(self, lambda_handler: Callable | None = None, **_: Any) -> Any:
        return lambda_handler if lambda_handler is not None else (lambda handler: handler)

    def capture_method(self, method: Callable | None = None, **_: Any) -> Any:
        return method if method is not None else (lambda function: function)

    def put_annotation(self, key: str, value: Any) -> None:
        pass

    def put_metadata(self, key: str, value: Any, namespace: str | None = None) -> None:
        pass


def tracing_enabled() -> bool:
    # Powertools' rule: off when POWERTOOLS_TRACE_DISABLED is true, outside Lambda, or in SAM local.
    return not powertools_tracing_disabled()


TRACED_MODULES = ("botocore",)

logger = Logger(service=SERVICE)
tracer: Tracer | DisabledTracer = (
    Tracer(service=SERVICE, patch_modules=TRACED_MODULES) if tracing_enabled() else DisabledTracer()
)
metrics = Metrics(service=SERVICE, namespace="ArticleIngest")
