"""Readable summaries of stored articles and failures, for the demo and the operator CLI."""

from __future__ import annotations

import textwrap
from typing import Any, TextIO

from article_ingest.models import Article, Source, stable_id
from article_ingest.table import ArticleTable

from .output import plural, safe


def describe_article(article: Article, out: TextIO, full: bool = False) -> None:
    """A readable summary; ``full`` adds the source, the URL and the whole text. Every string the
    post supplied is escaped (output.safe), so a post cannot drive the operator's terminal."""
    if full:
        out.write(f"  id:        {article.id}\n  source:    {safe(article.source.identity())}\n")
        if article.url or article.canonical_url:
            out.write(f"  url:       {safe(article.canonical_url or article.url)}\n")
    out.write(f"  title:     {safe(article.title) or '(none)'}\n")
    if article.authors or article.published:
        authors = safe(", ".join(article.authors)) or "-"
        out.write(f"  by:        {authors}   published: {safe(article.published) or '-'}\n")
    if article.standfirst:
        out.write(f"  standfirst: {safe(textwrap.shorten(article.standfirst, 100))}\n")
    out.write(f"  words:     {article.word_count}   language: {safe(article.language) or '-'}\n")
    if full:
        _describe_removed(article, out)
        out.write("\n")
        for block in article.text.split("\n\n"):
            out.write(textwrap.fill(safe(block), 100) + "\n\n")
        return
    for section in article.sections:
        heading = safe(section.heading) or "(lead)"
        out.write(f"  § {heading} — {plural(len(section.paragraphs), 'paragraph')}\n")
        if section.paragraphs:
            out.write(f"      {safe(textwrap.shorten(section.paragraphs[0], 90))}\n")
    _describe_removed(article, out)


def _describe_removed(article: Article, out: TextIO) -> None:
    for kind, lines in article.removed.items():
        shown = "; ".join(safe(textwrap.shorten(line, 50)) for line in lines[:3])
        out.write(f"  stripped {kind} ({len(lines)}): {shown}\n")
    if article.fallback:
        out.write(f"  fallback:  {safe(article.fallback)}\n")


def describe_failure(item: dict[str, Any], out: TextIO) -> None:
    out.write(f"  FAILED {safe(item.get('failure_code'))}: {safe(item.get('failure_reason'))}\n")
    out.write(f"  at {item.get('failed_at')}, attempts {item.get('attempts')}\n")
    if item.get("failure_source"):
        out.write(f"  source: {safe(Source.model_validate(item['failure_source']).identity())}\n")


def print_summary(table: ArticleTable, posts: list[Any], stack: Any, out: TextIO) -> int:
    """One block per uploaded post; returns 1 if any post is neither an article nor a failure."""
    unaccounted = 0
    articles = failures = 0
    for post in posts:
        key = f"{stack.input_prefix}{post.name}"
        item = table.get_item(stable_id(Source(bucket=stack.bucket, key=key), ""))
        out.write(f"── s3://{safe(stack.bucket)}/{safe(key)}\n")
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
        f"{plural(len(posts), 'post')}: {plural(articles, 'article')}, "
        f"{plural(failures, 'recorded failure')}, {unaccounted} unaccounted\n"
    )
    return 1 if unaccounted else 0
