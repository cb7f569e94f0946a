"""Published and modified dates, as the page's own calendar day.

A reader takes the date printed with the headline (headline_date.py) as the article's date, so that
date wins. Without one, htmldate's day (via trafilatura), unless it came from reader comments (then
htmldate reads the page again without them), from a bare year ("© 2016" gives 2016-01-01) or from a
"modified" stamp older than the publication. The page's timestamp (JSON-LD, meta tags) supplies the
time and timezone when it names the same day; it is read in its own offset, never converted to UTC
(stamps.py), because the day a reader sees is the page's local one. A wrong date is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from datetime import datetime, timedelta

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import set_date_params

from . import signals
from .byline import parse_date
from .headline_date import shown_date
from .stamps import local_iso, written_day

PUBLISHED_KEYS = ("article:published_time", "datepublished", "og:published_time", "dc.date.issued", "pubdate")
MODIFIED_KEYS = ("article:modified_time", "datemodified", "og:updated_time", "dc.date.modified")

# Reader comments ("commentary" is an article genre, not a comment section).
COMMENT_BLOCK = re.compile(r"comment(?!ar)", re.I)


def choose_dates(
    page: signals.Page, find_day: Callable[[], str | None], url: str | None = None
) -> tuple[str | None, str | None]:
    """Published and modified, given htmldate's day for the whole page (called only when no date
    is printed with the headline: htmldate is the costly part) and the page's URL."""
    tree = page.tree
    stamp = _jsonld(page.articles, "datePublished") or page.meta(*PUBLISHED_KEYS)
    modified = _jsonld(page.articles, "dateModified") or page.meta(*MODIFIED_KEYS)
    stamp_days = (written_day(stamp), written_day(modified))
    published = shown_date(tree) or _article_day(tree, _htmldate_day(find_day(), stamp_days), stamp_days, url)
    if stamp and published and stamp_days[0] == published[:10]:
        published = local_iso(stamp) or published
    modified = (local_iso(modified) or parse_date(modified)) if modified else None
    if modified and published and modified[:10] < published[:10]:
        modified = None  # a page "modified" before it was published is a template artefact
    return published, modified


def _htmldate_day(day: str | None, stamp_days: tuple[str | None, str | None]) -> str | None:
    stamp_day, modified_day = stamp_days
    if day and day == modified_day and stamp_day and stamp_day > day:
        return stamp_day  # htmldate fell back on a "modified" stamp older than the publication
    return day


def day_without_comments(tree: HtmlElement, day: str | None, url: str | None) -> str | None:
    """htmldate's day for the page without its reader comments, whose dates are the readers' and
    which htmldate falls back on when the article's own date is hard to find."""
    if not day:
        return day
    blocks = _outermost(_comment_blocks(tree))
    if not any(day[:4] in _text_and_attributes(block) for block in blocks):
        return day  # no comment names that year: htmldate read the article
    pruned = deepcopy(tree)
    for block in _comment_blocks(pruned):
        if block.getparent() is not None:  # not inside a block dropped already
            block.drop_tree()
    return htmldate_day(pruned, url)


def htmldate_day(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's day for the page, with the parameters trafilatura's metadata passes it."""
    return find_date(tree, **{**set_date_params(extensive=True), "url": url})


def _outermost(blocks: list[HtmlElement]) -> list[HtmlElement]:
    """The blocks inside no other: a block's text and attributes hold those of the blocks in it, so
    only these need reading (a comment list and each of its comments were read one by one)."""
    listed = set(blocks)
    return [block for block in blocks if listed.isdisjoint(block.iterancestors())]


def _text_and_attributes(element: HtmlElement) -> str:
    return " ".join([element.text_content(), *element.xpath(".//@*")])


def _comment_blocks(tree: HtmlElement) -> list[HtmlElement]:
    headline = next(tree.iter("h1"), None)
    holds_headline = set(headline.iterancestors()) if headline is not None else set()
    # One walk in Python: an XPath test of class and id (translate() to ignore case) costs twice as
    # much, since libxml2 copies each attribute value it compares. A "comment" match cannot span the
    # space between class and id, so the joined search is the same as testing each.
    blocks = []
    for element in tree.iter(etree.Element):
        classes, element_id = element.get("class"), element.get("id")
        if (classes or element_id) and COMMENT_BLOCK.search(f"{classes or ''} {element_id or ''}"):
            blocks.append(element)
    return [e for e in blocks if e.tag not in ("html", "head", "body") and e not in holds_headline]


def _article_day(tree: HtmlElement, day: str | None, stamp_days: tuple, url: str | None) -> str | None:
    """htmldate's day, unless it came from reader comments or from a bare year."""
    if day and day != stamp_days[0]:  # a published stamp naming the day: htmldate read the head
        day = day_without_comments(tree, day, url)
    if day and day.endswith("-01-01") and not _names_the_day(day, stamp_days, url):
        return None  # htmldate's year-only fallback ("© 2016", a copyright year), not a day
    return day


def _names_the_day(day: str, stamp_days: tuple[str | None, ...], url: str | None) -> bool:
    """Whether a stamp names the day or one next to it (a UTC stamp on New Year's Eve is the 1st
    east of UTC), or the URL carries it."""
    first = datetime.fromisoformat(day).date()
    near = {(first + timedelta(days=shift)).isoformat() for shift in (-1, 0, 1)}
    return bool(near & set(stamp_days)) or bool(re.search(rf"{day[:4]}[/-]?01[/-]?01(?!\d)", url or ""))


def _jsonld(articles: list[dict], key: str) -> str | None:
    for article in articles:
        value = article.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
