"""AWS clients, created once per execution environment and shared by every record.

botocore's standard retry mode retries throttling, 5xx and connection errors with exponential
backoff and jitter; the cap on attempts keeps a call inside the margin
the queue handler leaves before the Lambda deadline.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import boto3
from botocore.config import Config

# One call's worst case, 3 attempts x (2 s connect + 5 s read) + 3 s of backoff = 24 s, must fit in
# DEADLINE_MARGIN_MS (25 s), so a hung endpoint cannot carry a batch past the function timeout.
TOTAL_ATTEMPTS = 3
CONNECT_TIMEOUT_S = 2
READ_TIMEOUT_S = 5
RETRY_CONFIG = Config(
    retries={"mode": "standard", "total_max_attempts": TOTAL_ATTEMPTS},
    connect_timeout=CONNECT_TIMEOUT_S,
    read_timeout=READ_TIMEOUT_S,
)


def _endpoint() -> str | None:
    # Lets the CLI and the local stack point every client at a moto server.
    return os.environ.get("AWS_ENDPOINT_URL") or None


@cache
def client(service: str) -> Any:
    return boto3.client(service, config=RETRY_CONFIG, endpoint_url=_endpoint())


@cache
def dynamodb_table(name: str) -> Any:
    return boto3.resource("dynamodb", config=RETRY_CONFIG, endpoint_url=_endpoint()).Table(name)


def reset_clients() -> None:
    """Forget cached clients (tests switch endpoints and credentials between cases)."""
    client.cache_clear()
    dynamodb_table.cache_clear()
