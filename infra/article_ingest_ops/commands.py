"""Operator subcommands: ingest, list, show, failures, reprocess, redrive, and a local stack.

Each works against a deployed stack found by name (real AWS by profile, or the local moto stack
by --endpoint-url). Registered onto the main parser by ``register``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from . import operations

LOCAL_STACK = "article-ingest-local"


def register(subparsers: Any) -> None:
    def add(name: str, handler: Any, help: str) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help, description=help)
        parser.add_argument(
            "--stack", default=LOCAL_STACK, help="CloudFormation stack name (default: %(default)s)"
        )
        parser.add_argument(
            "--endpoint-url", help="AWS endpoint, e.g. the local stack's http://127.0.0.1:PORT"
        )
        parser.add_argument("--profile", help="AWS profile")
        parser.set_defaults(handler=_reported(handler))
        return parser

    p = add("ingest", cmd_ingest, "upload local files or folders under the stack's input prefix")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--process", action="store_true", help="also drain the queue in-process (local stacks)")
    p = add("list", cmd_list, "list stored articles: recent ingestions, or one site's by publication date")
    p.add_argument("--site", help="host name, e.g. www.example.com")
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--limit", type=int, default=50)
    p = add("show", cmd_show, "print one stored article as JSON")
    p.add_argument("ref", help="article id, s3://bucket/key, a key in the raw bucket, or the post's URL")
    p = add("failures", cmd_failures, "list recorded failures, newest first")
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--limit", type=int, default=100)
    p = add("reprocess", cmd_reprocess, "re-enqueue every raw post under a prefix (after a parser upgrade)")
    p.add_argument("prefix", nargs="?", default=None, help="default: the stack's input prefix")
    p.add_argument("--process", action="store_true", help="also drain the queue in-process (local stacks)")
    p = add("redrive", cmd_redrive, "move messages from the dead-letter queue back to the ingest queue")
    p.add_argument("--max", type=int, default=1000)
    p = add("process", cmd_process, "drain the ingest queue through the queue handler in-process (local)")
    local = subparsers.add_parser("local", help="run a local stack (moto on 127.0.0.1) until interrupted")
    local.add_argument("--port", type=int, default=0)
    local.set_defaults(handler=cmd_local)


def _reported(handler: Any) -> Any:
    """Turn AWS and lookup errors into one line on stderr and exit 1, never a traceback."""

    def run(args: argparse.Namespace) -> int:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return handler(args)
        except (ClientError, BotoCoreError, LookupError, OSError, RuntimeError) as error:
            print(f"article-ingest {args.command}: {type(error).__name__}: {error}", file=sys.stderr)
            return 1

    return run


class Progress:
    """A one-line progress bar on stderr; silent when stderr is not a terminal."""

    def __init__(self, label: str, total: int | None = None):
        self.label, self.total, self.done = label, total, 0
        self.live = sys.stderr.isatty()

    def __call__(self, step: int) -> None:
        self.done += step
        if self.live:
            of = f"/{self.total}" if self.total else ""
            sys.stderr.write(f"\r{self.label}: {self.done}{of}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.live:
            sys.stderr.write("\n")


def _stack(args: argparse.Namespace) -> operations.StackRef:
    return operations.find_stack(args.stack, args.endpoint_url, args.profile)


def cmd_ingest(args: argparse.Namespace) -> int:
    stack = _stack(args)
    files = list(operations.files_under(args.paths))
    progress = Progress("uploaded", len(files))
    keys = operations.upload(stack, files, progress)
    progress.close()
    print(f"uploaded {len(keys)} posts to s3://{stack.bucket}/{stack.input_prefix}")
    return _drain(stack) if args.process else 0


def cmd_list(args: argparse.Namespace) -> int:
    for item in operations.list_articles(_stack(args), args.site, args.days, args.limit):
        when = item.get("published_sort", "").split("#")[0] if args.site else item.get("ingested_at", "")
        print(
            f"{item['id']}  {when[:19]:19}  {item.get('site', args.site or ''):30.30}  "
            f"{item.get('title', '')}"
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    stack = _stack(args)
    article_id = operations.resolve_id(args.ref, stack)
    item = stack.articles().get_item(article_id)
    if not item:
        print(f"{args.ref}: no article or failure stored (id {article_id})", file=sys.stderr)
        return 1
    if item.get("record_type") != "article":
        print(json.dumps({k: item[k] for k in sorted(item)}, default=str, indent=2, ensure_ascii=False))
        return 1
    print(stack.articles().article_from_item(item).model_dump_json(indent=2))
    return 0


def cmd_failures(args: argparse.Namespace) -> int:
    for item in operations.list_failures(_stack(args), args.days, args.limit):
        source = item.get("failure_source", {})
        where = f"s3://{source['bucket']}/{source['key']}" if "key" in source else source.get("url") or source
        print(
            f"{item.get('failed_at', '')[:19]}  {item.get('failure_code')}  x{item.get('attempts')}  {where}"
        )
        print(f"    {item.get('failure_reason')}")
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    stack = _stack(args)
    progress = Progress("enqueued")
    sent = operations.reprocess(stack, args.prefix or stack.input_prefix, progress)
    progress.close()
    print(f"enqueued {sent} posts for reprocessing")
    return _drain(stack) if args.process else 0


def cmd_redrive(args: argparse.Namespace) -> int:
    progress = Progress("redriven")
    moved = operations.redrive(_stack(args), args.max, progress)
    progress.close()
    print(f"moved {moved} messages from the dead-letter queue to the ingest queue")
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    return _drain(_stack(args))


def _drain(stack: operations.StackRef) -> int:
    from .runtime import drain_queue, load_handler

    handler = load_handler("ingest_queue", stack.environment())
    stats = drain_queue(stack.queue_url, handler.lambda_handler, endpoint_url=stack.endpoint_url)
    print(
        f"processed {stats.delivered} messages in {stats.batches} batches "
        f"({stats.failed_deliveries} handed back)"
    )
    return 0


def cmd_local(args: argparse.Namespace) -> int:
    from .local_stack import deploy, start_server, use_local_credentials

    use_local_credentials()
    server, endpoint = start_server(args.port or None)
    deploy(endpoint, name=LOCAL_STACK)
    print(
        f"local stack {LOCAL_STACK} at {endpoint}; try:\n"
        f"  article-ingest ingest infra/samples --process --endpoint-url {endpoint}\n"
        f"  article-ingest list --endpoint-url {endpoint}\nCtrl-C stops it."
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
