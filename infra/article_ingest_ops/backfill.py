"""Re-parsing every stored post (issue 16): start the backfill, read its engine's counters, read its
report.

On AWS the engine is the stack's BackfillStateMachine, a Step Functions Distributed Map: one
execution per run, whose Map Run counts the listed posts (DescribeMapRun) and whose ResultWriter
writes every batch's result to the raw bucket under backfill-results/. A local endpoint has no
Distributed Map (moto runs no ItemBatcher), so backfill_local.LocalMapRun stands in for it.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from .operations import StackRef
from .template import raw_template

RESULTS_PREFIX = "backfill-results"


@cache
def map_state() -> dict[str, Any]:
    """The Distributed Map state as template.yaml defines it (the stand-in follows the same one)."""
    definition = raw_template()["Resources"]["BackfillStateMachine"]["Properties"]["Definition"]
    return definition["States"]["ReparseStoredPosts"]


@dataclass(frozen=True)
class Counts:
    """The Map Run's item counts (DescribeMapRun's itemCounts): posts, not batches."""

    total: int = 0
    succeeded: int = 0
    failed: int = 0  # failed, timed out or aborted: in a batch the engine gave up on

    @property
    def done(self) -> int:
        return self.succeeded + self.failed

    @classmethod
    def from_item_counts(cls, counts: dict[str, int]) -> Counts:
        failed = sum(counts.get(k, 0) for k in ("failed", "timedOut", "aborted"))
        return cls(total=counts.get("total", 0), succeeded=counts.get("succeeded", 0), failed=failed)


@dataclass(frozen=True)
class RunStatus:
    id: str
    status: str  # RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
    counts: Counts
    started: datetime
    stopped: datetime | None = None
    manifest: tuple[str, str] | None = None  # the ResultWriter manifest's bucket and key

    @property
    def finished(self) -> bool:
        return self.status != "RUNNING"

    @property
    def rate(self) -> float:
        end = self.stopped or datetime.now(UTC)
        return self.counts.done / max((end - self.started).total_seconds(), 1e-3)


@dataclass
class Report:
    """What the run's result files say, post by post."""

    stored: int = 0
    unchanged: int = 0
    stale: int = 0
    skipped: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)  # recorded: key, id, code, reason
    failed_batches: list[dict[str, Any]] = field(default_factory=list)  # key, error, cause

    @property
    def accounted(self) -> int:
        settled = self.stored + self.unchanged + self.stale + self.skipped
        return settled + len(self.failures) + len(self.failed_batches)


# --- AWS: the stack's state machine ----------------------------------------------------------------


class StepFunctionsBackfill:
    def __init__(self, stack: StackRef, machine_arn: str):
        self.stack, self.machine_arn = stack, machine_arn
        self.sfn = stack.client("stepfunctions")

    def start(self, prefix: str, since: str) -> str:
        name = f"backfill-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        response = self.sfn.start_execution(
            stateMachineArn=self.machine_arn, name=name, input=json.dumps({"prefix": prefix, "since": since})
        )
        return response["executionArn"]

    def status(self, execution_arn: str) -> RunStatus:
        execution = self.sfn.describe_execution(executionArn=execution_arn)
        runs = self.sfn.list_map_runs(executionArn=execution_arn).get("mapRuns", [])
        counts, manifest = Counts(), None
        if runs:  # none until the Map state starts
            run_arn = runs[0]["mapRunArn"]
            counts = Counts.from_item_counts(self.sfn.describe_map_run(mapRunArn=run_arn)["itemCounts"])
            # ResultWriter writes <Prefix>/<map run id>/manifest.json, the id being the ARN's last part.
            manifest = (self.stack.bucket, f"{RESULTS_PREFIX}/{run_arn.rsplit(':', 1)[-1]}/manifest.json")
        return RunStatus(
            id=execution_arn,
            status=execution["status"],
            counts=counts,
            started=execution["startDate"],
            stopped=execution.get("stopDate"),
            manifest=manifest,
        )


# --- both: the report ----------------------------------------------------------------------------


def read_report(stack: StackRef, manifest: tuple[str, str]) -> Report:
    """Every batch's result from the ResultWriter files the manifest names."""
    s3 = stack.client("s3")
    bucket, key = manifest
    files = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())["ResultFiles"]
    report = Report()
    for kind in ("SUCCEEDED", "FAILED"):
        for file in files.get(kind, []):
            for entry in json.loads(s3.get_object(Bucket=bucket, Key=file["Key"])["Body"].read()):
                _add_entry(report, entry)
    return report


def _add_entry(report: Report, entry: dict[str, Any]) -> None:
    if entry.get("Status") == "SUCCEEDED":
        result = json.loads(entry["Output"])
        for name in ("stored", "unchanged", "stale", "skipped"):
            setattr(report, name, getattr(report, name) + result.get(name, 0))
        report.failures += result.get("failed", [])
        return
    batch = json.loads(entry.get("Input") or "{}")
    for item in batch.get("Items", []):
        report.failed_batches.append(
            {"key": item["Key"], "error": entry.get("Error", "?"), "cause": _cause(entry.get("Cause"))}
        )


def _cause(cause: str | None) -> str:
    try:
        return json.loads(cause or "")["errorMessage"]
    except (ValueError, KeyError, TypeError):
        return cause or ""


def engine_for(stack: StackRef) -> Any:
    """The stack's state machine (StepFunctionsBackfill); the stand-in (LocalMapRun) on a local
    endpoint, which has none."""
    from .backfill_local import LocalMapRun
    from .operations import is_loopback

    if stack.backfill_machine:
        return StepFunctionsBackfill(stack, stack.backfill_machine)
    if stack.endpoint_url and is_loopback(stack.endpoint_url):
        return LocalMapRun(stack)
    raise LookupError(
        "this stack has no BackfillStateMachine: deploy the current template.yaml (make deploy) first"
    )


def wait(engine: Any, run_id: str, seen: Callable[[RunStatus], None], poll_s: float = 5.0) -> RunStatus:
    """Poll the engine's counters until the run ends (AWS: DescribeExecution and DescribeMapRun)."""
    while True:
        status = engine.status(run_id)
        seen(status)
        if status.finished:
            return status
        time.sleep(poll_s)
