"""Shared fixtures: offline AWS (moto) built from template.yaml, real-shaped events, a Lambda context."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from moto import mock_aws

from bench.common import default_corpus

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"
SAMPLES = ROOT / "infra" / "samples"
PAGES = ROOT / "tests" / "fixtures" / "pages"
CORPUS = default_corpus()  # $ARTICLE_INGEST_CORPUS, else ../shared/corpus: the benchmarks' rule

# Never reach real AWS from a test, whatever the developer's shell has configured.
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_SECURITY_TOKEN="testing",
    AWS_SESSION_TOKEN="testing",
    AWS_DEFAULT_REGION="us-east-1",
    POWERTOOLS_TRACE_DISABLED="true",
    POWERTOOLS_METRICS_NAMESPACE="ArticleIngestTest",
    POWERTOOLS_LOG_LEVEL="WARNING",
)
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_ENDPOINT_URL", None)


def html_fixture_names() -> list[str]:
    """The fixture pages that are HTML (the others are plain-text posts)."""
    return sorted(page.name for page in PAGES.iterdir() if (page / "input.html").exists())


def corpus_trees(corpus: Path) -> Iterator[tuple[str, HtmlElement]]:
    """Each corpus page's name and trafilatura's tree of it (pages it refuses are left out)."""
    from trafilatura.utils import load_html

    for line in (corpus / "cases.jsonl").read_text().splitlines():
        name = json.loads(line)["file"]
        tree = load_html(gzip.decompress((corpus / "pages" / f"{name}.gz").read_bytes()))
        if tree is not None:
            yield name, tree


def load_event(name: str) -> dict:
    return json.loads((EVENTS / name).read_text())


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "cases.jsonl").exists():
        pytest.skip(f"shared corpus not found at {CORPUS} (set ARTICLE_INGEST_CORPUS to its path)")
    return CORPUS


@pytest.fixture
def lambda_context():
    from article_ingest_ops.runtime import LambdaContext

    return LambdaContext(function_name="test")


@contextmanager
def moto_stack(name: str):
    """The stack's data resources in in-process moto, created from template.yaml."""
    from article_ingest import aws
    from article_ingest_ops.local_stack import deploy

    with mock_aws():
        aws.reset_clients()
        yield deploy(name=name)
    aws.reset_clients()


# The stack, and what reaches it.
@pytest.fixture
def stack():
    with moto_stack("test-stack") as deployed:
        yield deployed


@pytest.fixture
def queue_app(stack):
    from article_ingest_ops.runtime import load_handler

    return load_handler("ingest_queue", stack.environment())


@pytest.fixture
def s3_app(stack):
    from article_ingest_ops.runtime import load_handler

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


# Time by layer (unit, integration, infra, reliability), printed after the slowest tests.
_SECONDS_BY_LAYER: dict[str, float] = {}


def pytest_runtest_logreport(report) -> None:
    parts = report.nodeid.split("/")
    layer = parts[1] if len(parts) > 2 and parts[0] == "tests" else "other"
    _SECONDS_BY_LAYER[layer] = _SECONDS_BY_LAYER.get(layer, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter) -> None:
    if not _SECONDS_BY_LAYER:
        return
    terminalreporter.write_sep("=", "seconds by layer")
    for layer, seconds in sorted(_SECONDS_BY_LAYER.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"{layer:<12} {seconds:8.1f}")
