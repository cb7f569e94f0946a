"""The command line: `article-ingest parse PATH…` here; operator commands live in commands.py.

Each subcommand registers itself on the shared subparsers and sets ``handler``, a function from
the parsed arguments to an exit code; adding a command is adding a registrar to REGISTRARS.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from article_ingest.errors import IngestError
from article_ingest.extract import Limits, parse
from article_ingest.models import Article

from .output import escape_json_text, json_line, safe
from .schema import article_schema_json

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130


def register_parse(subparsers: Any, common: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser(
        "parse",
        help="parse local posts and print each as JSON",
        description="Parse posts offline: no AWS.",
        parents=[common],
    )
    command.add_argument("paths", nargs="+", help="files to parse; - reads standard input")
    command.add_argument("--text", action="store_true", help="print only the title and the body text")
    command.add_argument("--pretty", action="store_true", help="indent the JSON (default: one object a line)")
    command.add_argument("--url", help="the page's URL, when the file does not carry one")
    command.add_argument("--content-type", help='a content-type hint, e.g. "text/html; charset=windows-1251"')
    command.add_argument("--max-input-bytes", type=int, default=Limits.max_input_bytes)
    command.add_argument("--max-decompressed-bytes", type=int, default=Limits.max_decompressed_bytes)
    command.set_defaults(handler=cmd_parse)


def register_schema(subparsers: Any, common: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser("schema", help="print the Article JSON Schema", parents=[common])
    command.add_argument(
        "--output", type=Path, help="write it to this file instead (docs/article.schema.json)"
    )
    command.set_defaults(handler=cmd_schema)


def _register_operator_commands(subparsers: Any, common: argparse.ArgumentParser) -> None:
    from . import commands  # imports boto3; parse must work without touching AWS code paths

    commands.register(subparsers, common)


def _register_inspect(subparsers: Any, common: argparse.ArgumentParser) -> None:
    from . import inspect

    inspect.register(subparsers, common)


REGISTRARS: list[Callable[[Any, argparse.ArgumentParser], None]] = [
    register_parse,
    register_schema,
    _register_operator_commands,
    _register_inspect,
]


def cmd_parse(args: argparse.Namespace) -> int:
    limits = Limits(args.max_input_bytes, args.max_decompressed_bytes)
    failed = False
    for path in args.paths:
        try:
            article = _parse_path(path, args, limits)
        except IngestError as error:
            failed = _fail(path, error.code, error.reason)
        except OSError as error:
            failed = _fail(path, "unreadable", error.strerror or str(error))
        except Exception as error:  # noqa: BLE001 - one bad file must not hide the others' results
            failed = _fail(path, "internal_error", f"{type(error).__name__}: {error}")
        else:
            print(_render(article, args))
    return EXIT_FAILED if failed else 0


def _parse_path(path: str, args: argparse.Namespace, limits: Limits) -> Article:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    filename = None if path == "-" else Path(path).name
    return parse(data, filename=filename, content_type=args.content_type, url=args.url, limits=limits)


def _render(article: Article, args: argparse.Namespace) -> str:
    if args.text:  # article.text already begins with the standfirst
        text = "\n\n".join(part for part in (article.title, article.text) if part) + "\n"
        return safe(text, keep_newlines=True)
    if args.pretty:
        return escape_json_text(article.model_dump_json(indent=2))
    return json_line(article.model_dump(mode="json"))


def _fail(path: str, code: str, reason: str) -> bool:
    print(safe(f"{path}: {code}: {' '.join(reason.split())}"), file=sys.stderr)
    return True


def cmd_schema(args: argparse.Namespace) -> int:
    if args.output:
        args.output.write_text(article_schema_json(), encoding="utf-8")
    else:
        sys.stdout.write(article_schema_json())
    return 0


def version() -> str:
    try:
        return metadata.version("article-ingest")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="article-ingest", description="Parse and ingest articles.")
    parser.add_argument("--version", action="version", version=f"article-ingest {version()}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help=VERBOSE_HELP)
    # Accepted after the command too; SUPPRESS keeps a subcommand from resetting the count to 0.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=VERBOSE_HELP)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in REGISTRARS:
        register(subparsers, common)
    return parser


VERBOSE_HELP = "log more on stderr: -v the handler's log lines and info, -vv debug and the server's requests"


def configure_logging(verbosity: int) -> None:
    """Logs on stderr; warnings and errors only, unless -v. Set before the handler is imported, as
    Powertools reads its level and switches once, when its logger, tracer and metrics are created."""
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(stream=sys.stderr, level=level, format="%(levelname)s %(name)s: %(message)s")
    # The handler's own lines (one JSON object per post) only with -v: the command reports outcomes.
    os.environ["POWERTOOLS_LOG_LEVEL"] = logging.getLevelName(
        max(level, logging.ERROR) if verbosity == 0 else level
    )
    # Metrics are CloudWatch's business (EMF blobs on stdout); locally they would bury the results.
    os.environ["POWERTOOLS_METRICS_DISABLED"] = "true"
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    # botocore and the SAM transform log at INFO; the local server logs every request.
    for name in ("botocore", "boto3", "urllib3", "samtranslator", "moto"):
        logging.getLogger(name).setLevel(logging.ERROR if verbosity == 0 else level)
    logging.getLogger("werkzeug").setLevel(logging.INFO if verbosity >= 2 else logging.ERROR)
    if verbosity == 0:
        warnings.filterwarnings("ignore")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    try:
        return args.handler(args)
    except BrokenPipeError:
        # The reader (head, less) went away; point stdout at devnull so the exit flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
