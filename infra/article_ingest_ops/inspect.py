"""`article-ingest inspect POST`: one self-contained HTML page showing what parsing did to a post.

Left, the post line by line (an HTML page as its visible text, block by block; a text post as its
lines), each removed line marked with its kind (comments, promo, share, navigation, byline, ...),
the lines kept in the article marked as kept, and the rest (page furniture the extractor left out
by structure: menus, footers) dimmed. Right, the article as stored, with its metadata and the counts.

A removed line is located by its text (Article.removed keeps up to 300 characters of each); one
that cannot be located in the post's lines is still listed, under its kind, below the post.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .inspect_lines import post_lines
from .inspect_report import render
from .output import note, safe
from .paths import project_path


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser(
        "inspect",
        help="write an HTML page showing what parsing kept and removed from a post",
        description="Parse one post offline (no AWS) and write a self-contained HTML report: the post "
        "with every removed block marked by its kind, beside the article and its metadata.",
        parents=[common],
    )
    command.add_argument("post", type=Path, help="an HTML page or a plain-text post")
    command.add_argument(
        "-o", "--output", help="the report's path (default: <post>.inspect.html here); - for stdout"
    )
    command.add_argument("--url", help="the page's URL, when the file does not carry one")
    command.add_argument("--content-type", help="a content-type hint, e.g. text/html; charset=utf-8")
    command.set_defaults(handler=cmd_inspect)


def cmd_inspect(args: argparse.Namespace) -> int:
    from article_ingest.errors import IngestError
    from article_ingest.extract import parse

    args.post = project_path(args.post)
    try:
        data = args.post.read_bytes()
        article = parse(data, filename=args.post.name, content_type=args.content_type, url=args.url)
    except OSError as error:
        note(f"article-ingest inspect: {args.post}: {error.strerror or error}")
        return 1
    except IngestError as error:
        note(f"article-ingest inspect: {args.post}: {error.code}: {error.reason}")
        return 1
    page = render(article, post_lines(data, article), args.post.name)
    if args.output == "-":
        sys.stdout.write(page)
        return 0
    output = Path(args.output or f"{args.post.name}.inspect.html")
    output.write_text(page, encoding="utf-8")
    print(safe(output))
    return 0
