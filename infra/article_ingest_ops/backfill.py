"""Re-parsing every stored post (issue 16): start the backfill, read its engine's counters, read its
report.

On AWS the engine is the stack's BackfillStateMachine, a Step Functions Distributed Map: one
execution per run, whose Map Run counts the listed posts (DescribeMapRun) and whose ResultWriter
writes every batch's result to the raw bucket under backfill-results/. A local endpoint has no
Distributed Map (moto runs no ItemBatcher), so LocalMapRun stands in: it lists, batches and retries
as the template's Map state says, calls the same handler in-process with the engine's batch event,
and writes the same manifest and result files, plus its counters, so ``backfill status`` reads both.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from .operations import StackRef
from .template import raw_template

RESULTS_PREFIX = "backfill-results"
STAND_IN_NOTE = (
    "this endpoint has no Step Functions Distributed Map: a local stand-in lists, batches and retries "
    "as template.yaml's Map state says and calls the backfill handler in-process with the engine's events"
)


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


# --- local: the stand-in ---------------------------------------------------------------------------


class LocalMapRun:
    """Lists the prefix (ListObjectsV2's item shape), hands batches to the handler, retries what the
    Retry policy names, tolerates the Map's failure percentage, writes ResultWriter's files."""

    def __init__(self, stack: StackRef):
        self.stack = stack
        self.s3 = stack.client("s3")
        self.calls = 0  # handler invocations, retries included: the engine's Lambda calls

    def start(self, prefix: str, since: str) -> str:
        run_id = f"local-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        self._save(RunStatus(run_id, "RUNNING", Counts(), datetime.now(UTC)))
        return run_id

    def run(self, run_id: str, prefix: str, since: str, seen: Callable[[RunStatus], None]) -> RunStatus:
        from .runtime import LambdaContext, load_handler

        handler = load_handler("backfill", self.stack.environment()).lambda_handler
        state = map_state()
        status = self.status(run_id)
        succeeded: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        items = list(self._listed(prefix))
        total, done_ok, done_failed = len(items), 0, 0
        size = state["ItemBatcher"]["MaxItemsPerBatch"]
        for start in range(0, total, size):
            batch = {"Items": items[start : start + size], "BatchInput": {"since": since}}
            entry = self._invoke(handler, batch, LambdaContext, f"{run_id}/{start // size}")
            if entry["Status"] == "SUCCEEDED":
                succeeded.append(entry)
                done_ok += len(batch["Items"])
            else:
                failed.append(entry)
                done_failed += len(batch["Items"])
            status = RunStatus(run_id, "RUNNING", Counts(total, done_ok, done_failed), status.started)
            self._save(status)
            seen(status)
        tolerated = state.get("ToleratedFailurePercentage", 0)
        outcome = "FAILED" if total and done_failed * 100 / total > tolerated else "SUCCEEDED"
        manifest = self._write_results(run_id, succeeded, failed)
        status = RunStatus(
            run_id, outcome, Counts(total, done_ok, done_failed), status.started, datetime.now(UTC), manifest
        )
        self._save(status)
        seen(status)
        return status

    def status(self, run_id: str) -> RunStatus:
        body = self.s3.get_object(Bucket=self.stack.bucket, Key=_status_key(run_id))["Body"].read()
        saved = json.loads(body)
        return RunStatus(
            id=saved["id"],
            status=saved["status"],
            counts=Counts(**saved["counts"]),
            started=datetime.fromisoformat(saved["started"]),
            stopped=datetime.fromisoformat(saved["stopped"]) if saved["stopped"] else None,
            manifest=tuple(saved["manifest"]) if saved["manifest"] else None,
        )

    def _listed(self, prefix: str) -> Iterator[dict[str, Any]]:
        """Each object as the Map's ItemReader hands it out (LastModified in epoch seconds)."""
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.stack.bucket, Prefix=prefix)
        for page in pages:
            for item in page.get("Contents", []):
                yield {
                    "Etag": item["ETag"],
                    "Key": item["Key"],
                    "LastModified": int(item["LastModified"].timestamp()),
                    "Size": item["Size"],
                    "StorageClass": item.get("StorageClass", "STANDARD"),
                }

    def _invoke(self, handler: Any, batch: dict, context: Any, name: str) -> dict[str, Any]:
        """One child execution: the task with its Retry policy (no waits locally), as a result entry."""
        from .runtime import _forget_unpublished_metrics

        (retry,) = map_state()["ItemProcessor"]["States"]["ReparseBatch"]["Retry"]
        entry = {"Name": name, "Input": json.dumps(batch), "StartDate": datetime.now(UTC).isoformat()}
        for retry_count in range(retry["MaxAttempts"] + 1):
            self.calls += 1
            try:
                output = handler({**batch, "Attempt": retry_count + 1}, context(function_name="backfill"))
            except Exception as error:  # noqa: BLE001 - the engine records any error of the task
                cause = {"errorMessage": str(error), "errorType": type(error).__name__}
                entry |= {"Status": "FAILED", "Error": type(error).__name__, "Cause": json.dumps(cause)}
                if type(error).__name__ not in retry["ErrorEquals"]:
                    break
            else:
                entry |= {"Status": "SUCCEEDED", "Output": json.dumps(output)}
                for earlier in ("Error", "Cause"):
                    entry.pop(earlier, None)
                break
            finally:
                _forget_unpublished_metrics()
        return entry | {"StopDate": datetime.now(UTC).isoformat()}

    def _write_results(self, run_id: str, succeeded: list, failed: list) -> tuple[str, str]:
        """ResultWriter's layout: <prefix>/<run>/SUCCEEDED_0.json, FAILED_0.json and manifest.json."""
        files: dict[str, list[dict[str, Any]]] = {"SUCCEEDED": [], "FAILED": [], "PENDING": []}
        for kind, entries in (("SUCCEEDED", succeeded), ("FAILED", failed)):
            if entries:
                key = f"{RESULTS_PREFIX}/{run_id}/{kind}_0.json"
                body = json.dumps(entries).encode()
                self.s3.put_object(Bucket=self.stack.bucket, Key=key, Body=body)
                files[kind].append({"Key": key, "Size": len(body)})
        manifest_key = f"{RESULTS_PREFIX}/{run_id}/manifest.json"
        manifest = {"DestinationBucket": self.stack.bucket, "MapRunArn": run_id, "ResultFiles": files}
        self.s3.put_object(Bucket=self.stack.bucket, Key=manifest_key, Body=json.dumps(manifest).encode())
        return self.stack.bucket, manifest_key

    def _save(self, status: RunStatus) -> None:
        saved = asdict(status) | {
            "started": status.started.isoformat(),
            "stopped": status.stopped.isoformat() if status.stopped else None,
        }
        self.s3.put_object(
            Bucket=self.stack.bucket, Key=_status_key(status.id), Body=json.dumps(saved).encode()
        )


def _status_key(run_id: str) -> str:
    return f"{RESULTS_PREFIX}/{run_id}/map-run.json"


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


def engine_for(stack: StackRef) -> StepFunctionsBackfill | LocalMapRun:
    """The stack's state machine; the stand-in on a local endpoint, which has none."""
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
