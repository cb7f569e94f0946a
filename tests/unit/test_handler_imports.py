"""What a cold start imports: the handlers load only what their first record needs.

Run in a fresh interpreter, since this test process has imported everything already."""

import json
import os
import subprocess
import sys

import pytest

from ..conftest import ROOT

HANDLERS = ["functions.ingest_queue.app", "functions.ingest_s3.app", "functions.backfill.app"]
# Tracing off, region and fake credentials come from tests/conftest.py's environment.
ENVIRONMENT = {"TABLE_NAME": "articles", "BUCKET_NAME": "raw-bucket"}


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
