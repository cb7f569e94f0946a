"""Moving posts: ingest (upload, then optionally process), reprocess, redrive, process. Progress
bars on stderr when it is a terminal; a one-line summary of what happened on stdout."""

from __future__ import annotations

import argparse
import time

from . import operations
from .output import Progress, note, plural, safe, table
from .paths import project_path

REDRIVE_BY_HAND_MAX = 1000  # messages one hand-loop redrive moves when no --max is given


def cmd_ingest(args: argparse.Namespace) -> int:
    files = list(operations.files_under([project_path(p) for p in args.paths]))
    stack = operations.stack_of(args)
    with Progress("uploading", len(files)) as progress:
        keys = operations.upload(stack, files, progress)
    print(f"uploaded {plural(len(keys), 'post')} to s3://{safe(stack.bucket)}/{safe(stack.input_prefix)}")
    if not args.process:
        return 0
    _drain(stack)
    return _account(stack, keys)


def _account(stack: operations.StackRef, keys: list[str]) -> int:
    """After processing: how each uploaded post ended (an article or a recorded failure)."""
    ended = operations.outcomes(stack, keys)
    articles, failures, missing = ended.articles, ended.failures, ended.missing
    summary = f"{plural(len(keys), 'post')}: {plural(articles, 'article')}, {plural(failures, 'failure')}"
    if missing:
        summary += f", {missing} not yet processed"
    print(summary)
    if failures:
        note("why: article-ingest failures")
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    stack = operations.stack_of(args)
    keys = operations.raw_keys(stack, args.prefix or stack.input_prefix)
    with Progress("enqueuing", len(keys)) as progress:
        sent = operations.reprocess(stack, keys, progress)
    print(f"enqueued {plural(sent, 'post')} for reprocessing")
    if args.process:
        _drain(stack)
    return 0


def cmd_redrive(args: argparse.Namespace) -> int:
    stack = operations.stack_of(args)
    waiting = operations.queue_depth(stack, stack.dlq_url)
    by_hand = "--max asks for a count" if args.max is not None else operations.move_task_unavailable(stack)
    if by_hand is None:
        return _redrive_by_move_task(stack, waiting)
    note(f"moving by hand (receive, send, delete): {by_hand}")
    limit = args.max if args.max is not None else REDRIVE_BY_HAND_MAX
    with Progress("redriving", min(waiting, limit), unit="message") as progress:
        moved = operations.redrive(stack, limit, progress)
    print(f"moved {plural(len(moved), 'message')} from the dead-letter queue to the ingest queue")
    rows = []
    for message in moved:
        for source in operations.sources_of(message["MessageId"], message["Body"]):
            record = operations.failure_record(stack, source)
            why = (
                f"{record['failure_code']} (x{record.get('attempts')}): {record.get('failure_reason')}"
                if record
                else "no failure recorded: transient faults only (throttling, timeouts, the deadline)"
            )
            rows.append([message["MessageId"], source.identity(), why])
    if rows:
        table(["MESSAGE", "SOURCE", "FAILED BEFORE"], rows)
    return 0


def _redrive_by_move_task(stack: operations.StackRef, waiting: int, poll_s: float = 2.0) -> int:
    """SQS moves the messages itself; this follows its counters. The messages are not seen here, so
    the failures recorded for them are `article-ingest failures`' to list."""
    handle = operations.start_move_task(stack)
    note(f"SQS move task {handle} started")
    with Progress("redriving", waiting, unit="message") as progress:
        while True:
            task = operations.move_task(stack, handle)
            progress.show(task.moved, task.to_move or waiting)
            if task.status != "RUNNING":
                break
            time.sleep(poll_s)
    print(
        f"moved {plural(task.moved, 'message')} from the dead-letter queue to the ingest queue "
        f"(SQS move task: {task.status.lower()})"
    )
    if task.status != "COMPLETED":
        note(f"the move task ended {task.status}: {task.failure or 'no reason given'}")
        return 1
    note("why they had failed before: article-ingest failures")
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    _drain(operations.stack_of(args))
    return 0


def _drain(stack: operations.StackRef) -> None:
    from .runtime import drain_queue, load_handler

    handler = load_handler("ingest_queue", stack.environment())
    waiting = operations.queue_depth(stack, stack.queue_url)
    with Progress("processing", waiting, unit="message") as progress:
        stats = drain_queue(
            stack.queue_url, handler.lambda_handler, endpoint_url=stack.endpoint_url, progress=progress
        )
    handed_back = f" ({plural(stats.failed_deliveries, 'delivery', 'deliveries')} handed back and retried)"
    print(
        f"processed {plural(stats.delivered, 'message')} in {plural(stats.batches, 'batch', 'batches')}"
        + (handed_back if stats.failed_deliveries else "")
    )
