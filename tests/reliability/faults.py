"""Faults injected where botocore sends a request, so the client's own retry policy sees them.

A before-send hook that answers replaces the HTTP call (against a moto server, not the in-process
mock, whose own before-send hook would still apply the request). Every attempt is counted, and
the backoff delays botocore computes are recorded and then skipped, so tests stay fast while
still proving the retries are bounded.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from botocore.awsrequest import AWSResponse
from botocore.exceptions import ReadTimeoutError
from botocore.httpsession import URLLib3Session


class _Body:
    def __init__(self, body: bytes):
        self.body = body

    def stream(self, **_: Any):
        yield self.body


def dynamodb_error(status: int, code: str) -> AWSResponse:
    body = json.dumps({"__type": f"com.amazonaws.dynamodb.v20120810#{code}", "message": "injected"})
    headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "injected"}
    return AWSResponse("https://dynamodb.injected", status, headers, _Body(body.encode()))


def s3_error(status: int, code: str) -> AWSResponse:
    body = f"<?xml version='1.0'?><Error><Code>{code}</Code><Message>injected</Message></Error>"
    headers = {"Content-Type": "application/xml", "x-amz-request-id": "injected"}
    return AWSResponse("https://s3.injected", status, headers, _Body(body.encode()))


def read_timeout(request: Any) -> ReadTimeoutError:
    return ReadTimeoutError(endpoint_url=request.url)


THROTTLED = lambda: dynamodb_error(400, "ProvisionedThroughputExceededException")  # noqa: E731
DYNAMODB_5XX = lambda: dynamodb_error(500, "InternalServerError")  # noqa: E731
S3_SLOW_DOWN = lambda: s3_error(503, "SlowDown")  # noqa: E731


class Faults:
    """Answer chosen calls with a fault: ``inject(client, "PutItem", when, fault, times)``."""

    def __init__(self) -> None:
        self.attempts: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()
        self.active = True  # set False to let the world recover

    def inject(
        self,
        client: Any,
        operation: str,
        fault: Callable[[], AWSResponse] | str,
        when: Callable[[Any], bool] = lambda request: True,
        times: int | None = None,
    ) -> None:
        """fault: a response factory; "timeout" (a read timeout); "lost_answer" (the request is applied,
        then the read times out). times: how many matching attempts fail; None is every one."""
        service = client.meta.service_model.service_id.hyphenize()

        def answer(request: Any, **_: Any) -> AWSResponse | None:
            if not self.active or not when(request):
                return None
            self.attempts[operation] += 1
            if times is not None and self.injected[operation] >= times:
                return None
            self.injected[operation] += 1
            if fault == "timeout":
                raise read_timeout(request)
            if fault == "lost_answer":  # the server applies the request, the answer never arrives
                URLLib3Session().send(request)
                raise read_timeout(request)
            return fault()

        client.meta.events.register_first(f"before-send.{service}.{operation}", answer)


def body_mentions(text: str) -> Callable[[Any], bool]:
    """Match requests whose URL or body carries text (a key, an article id)."""

    def matches(request: Any) -> bool:
        body = request.body or b""
        body = body if isinstance(body, bytes) else str(body).encode()
        return text.encode() in body or text in request.url

    return matches
