"""AWS clients, created once per execution environment and shared by every record.

botocore's standard retry mode retries throttling, 5xx and connection errors with exponential
backoff and jitter; the attempt cap keeps a record's retries inside the Lambda deadline.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import boto3
from botocore.config import Config

RETRY_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 4},
    connect_timeout=3,
    read_timeout=10,
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
