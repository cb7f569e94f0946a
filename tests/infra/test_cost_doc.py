"""docs/COST.md stays true: its log bytes a post are re-measured (in a fresh process, as `make cost`
does) and its processing figures are bench's, from docs/PERFORMANCE.json."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from ..conftest import ROOT

COST = ROOT / "docs" / "COST.md"
TOLERANCE = 0.15  # parsing output varies a little with the extractor; 15 % leaves the total's cents alone


def log_bytes(text: str) -> int:
    return int(re.search(r"\(measured ([\d,]+) \+ platform", text).group(1).replace(",", ""))


@pytest.mark.slow
def test_log_bytes_a_post_are_what_the_handler_writes_today(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("POWERTOOLS_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "functions" / "common"), str(ROOT / "infra")])
    fresh = tmp_path / "COST.md"
    subprocess.run(
        [sys.executable, "-m", "article_ingest_ops.costs", "--output", str(fresh)],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    # Comparable only over the same posts (corpus pages, or the samples when the corpus is absent).
    source = re.search(r"over (.+?) in batches", " ".join(COST.read_text().split())).group(1)
    if source not in " ".join(fresh.read_text().split()):
        pytest.skip(f"COST.md was measured over {source}; this machine measured other posts")
    documented, measured = log_bytes(COST.read_text()), log_bytes(fresh.read_text())
    assert abs(measured - documented) <= TOLERANCE * documented, (documented, measured)


def test_processing_figures_are_benchs():
    performance = json.loads((ROOT / "docs" / "PERFORMANCE.json").read_text())["cost"]
    [row] = [r for r in performance["table"] if r["memory_mb"] == 512]
    text = COST.read_text()
    assert f"| DynamoDB writes (item + 2 GSIs) | ${row['dynamodb_writes']:,.2f} |" in text
    assert f"| Lambda compute and requests | ${row['lambda_compute'] + row['lambda_requests']:,.2f} |" in text
    assert "| S3 PUT (each post's upload) | $5.00 |" in text
