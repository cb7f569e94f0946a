"""Operator subcommands: ingest, list, show, failures, reprocess, redrive, process, and a local stack.

Each works against a deployed stack found by name (real AWS by profile, or the local moto stack
by --endpoint-url). Results go to stdout (a table, or JSON Lines with --json); progress, notes and
errors go to stderr. Registered onto the main parser by ``register``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from . import operations
from .output import Progress, json_line, note, plural, safe, table
from .paths import PROJECT, project_path

LOCAL_STACK = "article-ingest-local"
STACK_VARIABLE = "ARTICLE_INGEST_STACK"


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    stack_options = argparse.ArgumentParser(add_help=False)
    stack_options.add_argument(
        "--stack",
        default=os.environ.get(STACK_VARIABLE) or LOCAL_STACK,
        help=f"CloudFormation stack name (default: ${STACK_VARIABLE}, else {LOCAL_STACK})",
    )
    stack_options.add_argument(
        "--endpoint-url",
        default=os.environ.get("AWS_ENDPOINT_URL") or None,
        help="AWS endpoint, e.g. the local stack's http://127.0.0.1:PORT (default: $AWS_ENDPOINT_URL)",
    )
    stack_options.add_argument("--profile", help="AWS profile (real AWS)")
    stack_options.add_argument("--region", help="AWS region (default: the profile's, or $AWS_DEFAULT_REGION)")

    def add(name: str, handler: Any, help: str, json_output: bool = False) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help, description=help, parents=[common, stack_options])
        if json_output:
            parser.add_argument("--json", action="store_true", help="JSON Lines on stdout, one record a line")
        parser.set_defaults(handler=_reported(handler))
        return parser

    p = add("ingest", cmd_ingest, "upload local files or folders under the stack's input prefix")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--process", action="store_true", help="also drain the queue in-process (local stacks)")
    p = add(
        "list",
        cmd_list,
        "list stored articles: recent ingestions, or one site's by publication date",
        json_output=True,
    )
    p.add_argument("--site", help="host name, e.g. www.example.com")
    p.add_argument(
        "--days",
        type=int,
        help="ingested in the last N days (default 7); with --site, published in the last N days "
        "(default: all)",
    )
    p.add_argument("--limit", type=int, default=50, help="at most this many rows (default: %(default)s)")
    p = add("show", cmd_show, "print one stored article (or its recorded failure)", json_output=True)
    p.add_argument("ref", help="article id, s3://bucket/key, a key in the raw bucket, or the post's URL")
    p = add("failures", cmd_failures, "list recorded failures, newest first", json_output=True)
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--limit", type=int, default=100)
    p = add("reprocess", cmd_reprocess, "re-enqueue every raw post under a prefix (after a parser upgrade)")
    p.add_argument("prefix", nargs="?", default=None, help="default: the stack's input prefix")
    p.add_argument("--process", action="store_true", help="also drain the queue in-process (local stacks)")
    p = add("redrive", cmd_redrive, "move messages from the dead-letter queue back to the ingest queue")
    p.add_argument("--max", type=int, default=1000)
    add("process", cmd_process, "drain the ingest queue through the queue handler in-process (local)")
    local = subparsers.add_parser(
        "local", help="run a local stack (moto on 127.0.0.1) until interrupted", parents=[common]
    )
    local.add_argument("--port", type=int, default=0, help="default: a free port")
    local.add_argument("--stack", default=LOCAL_STACK, help="stack name (default: %(default)s)")
    local.set_defaults(handler=cmd_local)


def _reported(handler: Any) -> Any:
    """Turn AWS and lookup errors into one line on stderr and exit 1, never a traceback."""

    def run(args: argparse.Namespace) -> int:
        from article_ingest.errors import IngestError
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return handler(args)
        except BrokenPipeError:
            raise  # the reader went away (| head): main() ends quietly
        except (ClientError, BotoCoreError, IngestError, LookupError, OSError, RuntimeError) as error:
            note(f"article-ingest {args.command}: {explain(error, args)}")
            return 1

    return run


def explain(error: Exception, args: argparse.Namespace) -> str:
    """One line a new user can act on, for the errors a first run meets."""
    from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError, NoRegionError

    local_hint = "for the local stack pass --endpoint-url http://127.0.0.1:PORT (or set AWS_ENDPOINT_URL)"
    if isinstance(error, NoRegionError):
        return f"no AWS region: {local_hint}; for AWS use --region, --profile or AWS_DEFAULT_REGION"
    if isinstance(error, NoCredentialsError):
        return f"no AWS credentials: {local_hint}; for AWS use --profile or configure credentials"
    if isinstance(error, EndpointConnectionError):
        return f"cannot reach {args.endpoint_url or 'AWS'}: is `article-ingest local` running there?"
    if isinstance(error, ClientError) and "does not exist" in str(error) and "Stack" in str(error):
        where = args.endpoint_url or "AWS"
        return (
            f"no stack {args.stack!r} at {where}: start one with `article-ingest local`, "
            f"or name yours with --stack or {STACK_VARIABLE}"
        )
    return f"{type(error).__name__}: {error}"


def _stack(args: argparse.Namespace) -> operations.StackRef:
    return operations.find_stack(args.stack, args.endpoint_url, args.profile, args.region)


def cmd_ingest(args: argparse.Namespace) -> int:
    files = list(operations.files_under([project_path(p) for p in args.paths]))
    stack = _stack(args)
    with Progress("uploading", len(files)) as progress:
        keys = operations.upload(stack, files, progress)
    print(f"uploaded {plural(len(keys), 'post')} to s3://{safe(stack.bucket)}/{safe(stack.input_prefix)}")
    if not args.process:
        return 0
    _drain(stack)
    return _account(stack, keys)


def _account(stack: operations.StackRef, keys: list[str]) -> int:
    """After processing: how each uploaded post ended (an article or a recorded failure)."""
    from article_ingest.models import Source, stable_id

    articles = failures = missing = 0
    table_ = stack.articles()
    for key in keys:
        item = table_.get_item(stable_id(Source(bucket=stack.bucket, key=key), ""))
        if item is None:
            missing += 1
        elif item.get("record_type") == "article":
            articles += 1
        else:
            failures += 1
    summary = f"{plural(len(keys), 'post')}: {plural(articles, 'article')}, {plural(failures, 'failure')}"
    if missing:
        summary += f", {missing} not yet processed"
    print(summary)
    if failures:
        note("why: article-ingest failures")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    items = operations.list_articles(_stack(args), args.site, args.days, args.limit + 1)
    more = len(items) > args.limit
    rows = [_listed(item) for item in items[: args.limit]]
    if args.json:
        for row in rows:
            print(json_line(row))
    else:
        when = "PUBLISHED" if args.site else "INGESTED (UTC)"
        table(
            ["ID", when, "SITE", "WORDS", "TITLE"],
            (
                [
                    r["id"],
                    (r["published"] if args.site else r["ingested_at"]) or "-",
                    r["site"],
                    r["word_count"],
                    r["title"],
                ]
                for r in rows
            ),
        )
    if more:
        note(f"first {args.limit}; more with --limit")
    elif not rows:
        where = f"for {args.site}" if args.site else f"ingested in the last {plural(args.days or 7, 'day')}"
        note(f"no articles {where}")
    return 0


def _listed(item: dict[str, Any]) -> dict[str, Any]:
    from article_ingest.reader import Listed

    listed = Listed.from_item(item)
    return {
        "id": listed.id,
        "site": listed.site,
        "published": listed.published,
        "ingested_at": (listed.ingested_at or "")[:19] or None,
        "word_count": listed.word_count,
        "title": listed.title,
    }


def cmd_show(args: argparse.Namespace) -> int:
    from article_ingest.reader import ArticleReader

    from .report import describe_article, describe_failure

    stack = _stack(args)
    reader = ArticleReader(stack.articles())
    item = reader.get_item(args.ref)
    if not item:
        note(f"{args.ref}: no article or failure stored (id {reader.id_of(args.ref)})")
        return 1
    if item.get("record_type") != "article":
        if args.json:
            print(json_line(_failure_row(item)))
        else:
            describe_failure(item, sys.stdout)
        return 1
    article = reader.article(item)
    if args.json:
        print(json_line(article.model_dump(mode="json")))
    else:
        describe_article(article, sys.stdout, full=True)
        if item.get("failure_code"):
            describe_failure(item, sys.stdout)
    return 0


def _failure_row(item: dict[str, Any]) -> dict[str, Any]:
    from article_ingest.models import Source

    source = item.get("failure_source") or {}
    attempts = item.get("attempts")
    return {
        "id": item.get("id"),
        "failed_at": item.get("failed_at"),
        "code": item.get("failure_code"),
        "reason": item.get("failure_reason"),
        "attempts": int(attempts) if attempts is not None else None,
        "source": Source.model_validate(source).identity() if source else None,
        "article_stored": item.get("record_type") == "article",
    }


def cmd_failures(args: argparse.Namespace) -> int:
    items = operations.list_failures(_stack(args), args.days, args.limit + 1)
    more = len(items) > args.limit
    rows = [_failure_row(item) for item in items[: args.limit]]
    if args.json:
        for row in rows:
            print(json_line(row))
    else:
        table(
            ["FAILED AT (UTC)", "CODE", "TRIES", "SOURCE", "REASON"],
            ([(r["failed_at"] or "")[:19], r["code"], r["attempts"], r["source"], r["reason"]] for r in rows),
        )
    if more:
        note(f"first {args.limit}; more with --limit")
    elif not rows:
        note(f"no failures recorded in the last {plural(args.days, 'day')}")
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    stack = _stack(args)
    keys = operations.raw_keys(stack, args.prefix or stack.input_prefix)
    with Progress("enqueuing", len(keys)) as progress:
        sent = operations.reprocess(stack, keys, progress)
    print(f"enqueued {plural(sent, 'post')} for reprocessing")
    if args.process:
        _drain(stack)
    return 0


def cmd_redrive(args: argparse.Namespace) -> int:
    stack = _stack(args)
    waiting = operations.queue_depth(stack, stack.dlq_url)
    with Progress("redriving", min(waiting, args.max), unit="message") as progress:
        moved = operations.redrive(stack, args.max, progress)
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


def cmd_process(args: argparse.Namespace) -> int:
    _drain(_stack(args))
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


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


def cmd_local(args: argparse.Namespace) -> int:
    from .local_stack import deploy, start_server, use_local_credentials

    use_local_credentials()
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop is a Ctrl-C
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    server, endpoint = start_server(args.port or None)
    try:
        deploy(endpoint, name=args.stack)
        samples = PROJECT / "infra" / "samples"
        stack = "" if args.stack == LOCAL_STACK else f" --stack {args.stack}"
        print(
            f"local stack {args.stack} ready at {endpoint}\n"
            f"in another terminal:\n"
            f"  export AWS_ENDPOINT_URL={endpoint}\n"
            f"  article-ingest ingest {samples} --process{stack}\n"
            f"  article-ingest list{stack}\n"
            f"Ctrl-C stops it (everything is kept in memory only).",
            flush=True,
        )
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
        note("local stack stopped")
