"""Operator subcommands: ingest, list, show, failures, reprocess, backfill, redrive, process, a local stack.

Each works against a deployed stack found by name (real AWS by profile, or the local moto stack
by --endpoint-url). Results go to stdout (a table, or JSON Lines with --json); progress, notes and
errors go to stderr. Registered onto the main parser by ``register``.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from pathlib import Path
from typing import Any

from . import backfill_command
from .listings import cmd_failures, cmd_list, cmd_show
from .output import note
from .paths import PROJECT
from .transfers import cmd_ingest, cmd_process, cmd_redrive, cmd_reprocess

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
    p = add(
        "reprocess",
        cmd_reprocess,
        "re-enqueue every raw post under a small prefix through the ingest queue (everything: backfill)",
    )
    p.add_argument("prefix", nargs="?", default=None, help="default: the stack's input prefix")
    p.add_argument("--process", action="store_true", help="also drain the queue in-process (local stacks)")
    p = add("redrive", cmd_redrive, "move messages from the dead-letter queue back to the ingest queue")
    p.add_argument(
        "--max",
        type=int,
        help="move at most N, by hand (default: all, by SQS's move task where the endpoint offers it; "
        "by hand, at most 1000, where not)",
    )
    add("process", cmd_process, "drain the ingest queue through the queue handler in-process (local)")
    backfill_command.register(add)
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
        except (
            ClientError,
            BotoCoreError,
            IngestError,
            LookupError,
            OSError,
            RuntimeError,
            ValueError,
        ) as error:
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
