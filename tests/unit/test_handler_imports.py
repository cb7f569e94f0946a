"""What a cold start imports: the handlers load only what their first record needs.

Run in a fresh interpreter, since this test process has imported everything already."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HANDLERS = ["functions.ingest_queue.app", "functions.ingest_s3.app"]
ENVIRONMENT = {
    "TABLE_NAME": "articles",
    "BUCKET_NAME": "raw-bucket",
    "INPUT_PREFIX": "incoming/",
    "OVERFLOW_PREFIX": "articles/",
    "QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
    "POWERTOOLS_SERVICE_NAME": "article-ingest",
    "POWERTOOLS_METRICS_NAMESPACE": "ArticleIngest",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def modules_after_import(module: str) -> set[str]:
    env = {**os.environ, **ENVIRONMENT}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "functions" / "common")])
    code = f"import sys, json; import {module}; print(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return set(json.loads(run.stdout))


@pytest.mark.parametrize("module", HANDLERS)
def test_handler_import_leaves_out_what_the_first_record_pays_for(module):
    loaded = modules_after_import(module)
    assert module in loaded
    # Powertools' batch utility builds its parser's pydantic record models when pydantic is loaded
    # before it; nothing here uses them (ingest_queue/app.py imports the batch utility first).
    assert not any(name.startswith("aws_lambda_powertools.utilities.parser") for name in loaded)
    # The extractor is imported by the first post (service.py), not by the handler module.
    assert not {"trafilatura", "lxml", "htmldate", "dateparser"} & loaded
