"""Reading a stack: list, show, failures. A table (with a header row) or JSON Lines on stdout;
notes ("first 50; more with --limit") on stderr."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from . import operations
from .output import json_line, note, plural, table


def cmd_list(args: argparse.Namespace) -> int:
    items = operations.list_articles(operations.stack_of(args), args.site, args.days, args.limit + 1)
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

    stack = operations.stack_of(args)
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
    items = operations.list_failures(operations.stack_of(args), args.days, args.limit + 1)
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
