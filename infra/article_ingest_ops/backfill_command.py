"""`article-ingest backfill [PREFIX] [--since DATE] [--wait]` and `article-ingest backfill status ID`:
start a re-parse of every stored post under a prefix, follow the engine's counters, list what failed.

The execution id goes to stdout first, so a script can keep it; the progress bar (total, done, failed,
rate) goes to stderr on a terminal; the report (counts, then the failures as `failures` lists them)
to stdout at the end.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from . import backfill, backfill_local, operations
from .output import Progress, note, plural, safe, table


def register(add: Any) -> None:
    p = add(
        "backfill",
        cmd_backfill,
        "re-parse every stored post under a prefix on the stack's Step Functions engine "
        "(`backfill status ID` follows one)",
    )
    p.add_argument(
        "target",
        nargs="*",
        metavar="PREFIX | status ID",
        help="a prefix under the input prefix (default: all of it), or `status` and an execution id",
    )
    p.add_argument(
        "--since", type=_date, metavar="DATE", help="only posts last modified on or after DATE (ISO 8601)"
    )
    p.add_argument("--wait", action="store_true", help="follow the run to its end, then list its failures")
    p.add_argument("--poll", type=float, default=5.0, help=argparse.SUPPRESS)


def _date(value: str) -> str:
    try:
        when = datetime.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date: {value!r}") from error
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat()


def cmd_backfill(args: argparse.Namespace) -> int:
    if args.target[:1] == ["status"]:
        if len(args.target) != 2:
            raise ValueError("usage: article-ingest backfill status ID")
        return _status(args, args.target[1])
    if len(args.target) > 1:
        raise ValueError("backfill takes one prefix (or `status ID`)")
    stack = operations.stack_of(args)
    prefix = args.target[0] if args.target else stack.input_prefix
    if not prefix.startswith(stack.input_prefix):
        raise ValueError(f"{prefix!r} is outside the input prefix {stack.input_prefix!r}, the only one read")
    engine = backfill.engine_for(stack)
    run_id = engine.start(prefix, args.since or "")
    print(safe(run_id), flush=True)
    if isinstance(engine, backfill_local.LocalMapRun):
        note(backfill_local.STAND_IN_NOTE)
        with _Bar(args.wait) as bar:
            status = engine.run(run_id, prefix, args.since or "", bar.show)
        note(f"{plural(engine.calls, 'handler call')} (the engine's Lambda invocations, retries included)")
        return _finish(stack, status, listing=args.wait)
    if not args.wait:
        note(f"follow it with: article-ingest backfill status {run_id}")
        return 0
    with _Bar(True) as bar:
        status = backfill.wait(engine, run_id, bar.show, args.poll)
    return _finish(stack, status, listing=True)


def _status(args: argparse.Namespace, run_id: str) -> int:
    stack = operations.stack_of(args)
    engine = backfill.engine_for(stack) if run_id.startswith("arn:") else backfill_local.LocalMapRun(stack)
    if not args.wait:
        return _finish(stack, engine.status(run_id), listing=True)
    with _Bar(True) as bar:
        status = backfill.wait(engine, run_id, bar.show, args.poll)
    return _finish(stack, status, listing=True)


def _finish(stack: operations.StackRef, status: backfill.RunStatus, listing: bool) -> int:
    counts = status.counts
    print(
        f"{safe(status.id)}: {status.status}, {plural(counts.total, 'post')}: {counts.done} done, "
        f"{counts.failed} in failed batches, {status.rate:.1f} posts/s"
    )
    if not status.finished or not status.manifest or not listing:
        return 0 if status.status in ("RUNNING", "SUCCEEDED") else 1
    report = backfill.read_report(stack, status.manifest)
    unaccounted = counts.total - report.accounted
    print(
        f"{report.stored} stored, {report.unchanged} unchanged, {report.stale} stale, "
        f"{report.skipped} skipped (--since), {plural(len(report.failures), 'failure')} recorded, "
        f"{len(report.failed_batches)} in failed batches, {unaccounted} unaccounted"
    )
    source = f"s3://{stack.bucket}/{{}}".format
    rows = [[f["code"], f.get("attempts", 1), source(f["key"]), f["reason"]] for f in report.failures]
    rows += [[f["error"], "-", source(f["key"]), f["cause"]] for f in report.failed_batches]
    if rows:
        table(["CODE", "TRIES", "SOURCE", "REASON"], rows)
    return 0 if status.status == "SUCCEEDED" and unaccounted == 0 else 1


class _Bar:
    """tqdm on stderr (on a terminal), driven by the engine's counters: done of total, failed, rate."""

    def __init__(self, shown: bool):
        self.progress = Progress("backfill", None) if shown else None

    def show(self, status: backfill.RunStatus) -> None:
        if self.progress:
            counts = status.counts
            self.progress.show(counts.done, counts.total, failed=counts.failed)

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *_: object) -> None:
        if self.progress:
            self.progress.close()
