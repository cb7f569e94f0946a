"""A stand-in for the Distributed Map where the endpoint has none (moto runs no ItemBatcher), as
`make demo` stands in for S3 notifications: it lists the prefix in ListObjectsV2's item shape, batches
and retries as template.yaml's Map state says, calls the backfill handler in-process with the engine's
batch event, and writes ResultWriter's files, plus its counters in DescribeMapRun's terms, under
backfill-results/<run id>/, so `backfill status ID` reads them from another process.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from .backfill import RESULTS_PREFIX, Counts, RunStatus, map_state
from .operations import StackRef

STAND_IN_NOTE = (
    "this endpoint has no Step Functions Distributed Map: a local stand-in lists, batches and retries "
    "as template.yaml's Map state says and calls the backfill handler in-process with the engine's events"
)


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
