"""moto in-process, with the stack's data resources created from template.yaml."""

from __future__ import annotations

import pytest
from moto import mock_aws


@pytest.fixture
def stack():
    from article_ingest import aws

    from infra.local_stack import deploy

    with mock_aws():
        aws.reset_clients()
        yield deploy(name="test-stack")
    aws.reset_clients()


@pytest.fixture
def queue_app(stack):
    from infra.runtime import load_handler

    return load_handler("ingest_queue", stack.environment())


@pytest.fixture
def s3_app(stack):
    from infra.runtime import load_handler

    return load_handler("ingest_s3", stack.environment())


@pytest.fixture
def s3(stack):
    import boto3

    return boto3.client("s3", region_name="us-east-1")


@pytest.fixture
def sqs(stack):
    import boto3

    return boto3.client("sqs", region_name="us-east-1")


@pytest.fixture
def table(stack):
    from article_ingest.table import ArticleTable

    return ArticleTable(stack.table, stack.bucket, stack.overflow_prefix)
