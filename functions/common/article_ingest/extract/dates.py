"""Published and modified dates: htmldate's day (via trafilatura), with the page's own timestamp
when it names the same day, so the time and timezone are kept without risking a wrong date."""

from __future__ import annotations

from lxml.html import HtmlElement

from . import signals

PUBLISHED_KEYS = ("article:published_time", "datepublished", "og:published_time", "dc.date.issued", "pubdate")
MODIFIED_KEYS = ("article:modified_time", "datemodified", "og:updated_time", "dc.date.modified")


def choose_dates(tree: HtmlElement, day: str | None) -> tuple[str | None, str | None]:
    articles = signals.jsonld_articles(tree)
    stamp = _jsonld(articles, "datePublished") or signals.meta(tree, *PUBLISHED_KEYS)
    published = stamp if day and stamp and stamp.startswith(day) else day
    modified = _jsonld(articles, "dateModified") or signals.meta(tree, *MODIFIED_KEYS)
    if modified and published and modified[:10] < published[:10]:
        modified = None  # a page "modified" before it was published is a template artefact
    return published, modified


def _jsonld(articles: list[dict], key: str) -> str | None:
    for article in articles:
        value = article.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
