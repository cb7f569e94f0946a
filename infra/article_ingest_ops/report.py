"""Readable summaries of stored articles and failures, for the demo and the operator CLI."""

from __future__ import annotations

import textwrap
from typing import Any, TextIO

from article_ingest.models import Article, Source, stable_id
from article_ingest.table import ArticleTable


def describe_article(article: Article, out: TextIO) -> None:
    out.write(f"  title:     {article.title or '(none)'}\n")
    if article.authors or article.published:
        out.write(
            f"  by:        {', '.join(article.authors) or '-'}   published: {article.published or '-'}\n"
        )
    if article.standfirst:
        out.write(f"  standfirst: {textwrap.shorten(article.standfirst, 100)}\n")
    out.write(f"  words:     {article.word_count}   language: {article.language or '-'}\n")
    for section in article.sections:
        heading = section.heading or "(lead)"
        out.write(f"  § {heading} — {len(section.paragraphs)} paragraphs\n")
        if section.paragraphs:
            out.write(f"      {textwrap.shorten(section.paragraphs[0], 90)}\n")
    for kind, lines in article.removed.items():
        shown = "; ".join(textwrap.shorten(line, 50) for line in lines[:3])
        out.write(f"  stripped {kind} ({len(lines)}): {shown}\n")
    if article.fallback:
        out.write(f"  fallback:  {article.fallback}\n")


def describe_failure(item: dict[str, Any], out: TextIO) -> None:
    out.write(f"  FAILED {item.get('failure_code')}: {item.get('failure_reason')}\n")
    out.write(f"  at {item.get('failed_at')}, attempts {item.get('attempts')}\n")


def print_summary(table: ArticleTable, posts: list[Any], stack: Any, out: TextIO) -> int:
    """One block per uploaded post; returns 1 if any post is neither an article nor a failure."""
    unaccounted = 0
    articles = failures = 0
    for post in posts:
        key = f"{stack.input_prefix}{post.name}"
        item = table.get_item(stable_id(Source(bucket=stack.bucket, key=key), ""))
        out.write(f"── s3://{stack.bucket}/{key}\n")
        if item and item.get("record_type") == "article":
            articles += 1
            describe_article(table.article_from_item(item), out)
            if item.get("failed_at"):
                describe_failure(item, out)
        elif item:
            failures += 1
            describe_failure(item, out)
        else:
            unaccounted += 1
            out.write("  NOT ACCOUNTED FOR: no article and no recorded failure\n")
        out.write("\n")
    out.write(
        f"{len(posts)} posts: {articles} articles, {failures} recorded failures, {unaccounted} unaccounted\n"
    )
    return 1 if unaccounted else 0
