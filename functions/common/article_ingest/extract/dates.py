"""Published and modified dates, as the page's own calendar day.

A reader takes the date printed with the headline as the article's date, so that date wins; without
one, htmldate's day (via trafilatura). The page's timestamp (JSON-LD, meta tags) supplies the time
and timezone when it names the same day. A timestamp is read in its own offset, never converted to
UTC, because the day a reader sees is the page's local one.
"""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import datetime, timedelta
from itertools import islice

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.settings import set_date_params

from . import signals
from .byline import parse_date

PUBLISHED_KEYS = ("article:published_time", "datepublished", "og:published_time", "dc.date.issued", "pubdate")
MODIFIED_KEYS = ("article:modified_time", "datemodified", "og:updated_time", "dc.date.modified")

# The byline sits near the headline: header > hgroup > div > h1 is common, six levels is generous.
BYLINE_LEVELS = 6
PUBLISHED_PROPS = ("datePublished", "dateCreated")
MAX_SHOWN_DATE_WORDS = 12
MAX_SHOWN_DATE_CHARS = 100  # dateparser is slow on long strings; no date line is longer
# Dates in these blocks belong to other posts, to readers or to embedded posts, not to the article.
NOT_ARTICLE_TAGS = {"nav", "aside", "footer", "blockquote"}
NOT_ARTICLE = re.compile(
    r"comment(?!ar)|related|teaser|sidebar|widget|footer|recommend|trending|popular|slider|carousel"
    r"|embed|instagram|twitter|tweet",
    re.I,
)
HIDDEN = re.compile(
    r"(?:^|[\s_-])(?:hidden|h-hide|hide|sr-only|visually-hidden|screen-reader)(?:$|[\s_-])|display:\s*none",
    re.I,
)
ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
# "26.01.2022 - 14:30" is day-first wherever dots are used; dateparser alone reads "05.11.2021" as May.
DOTTED_DATE = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)(?:\D{1,6}(\d{1,2}):(\d{2}))?")
# "05/11/2021" is 5 November or May 11 depending on the country: not read.
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}(?!\d)")
# Reader comments ("commentary" is an article genre, not a comment section).
COMMENT_BLOCK = re.compile(r"comment(?!ar)", re.I)
# A date stored as local midnight in central or eastern Europe (UTC+1/+2) reads 23:00 or 22:00 UTC.
LOCAL_MIDNIGHT_UTC_HOURS = (22, 23)


def choose_dates(tree: HtmlElement, day: str | None, url: str | None = None) -> tuple[str | None, str | None]:
    """Published and modified, given htmldate's day for the whole page and the page's URL."""
    articles = signals.jsonld_articles(tree)
    stamp = _jsonld(articles, "datePublished") or signals.meta(tree, *PUBLISHED_KEYS)
    modified = _jsonld(articles, "dateModified") or signals.meta(tree, *MODIFIED_KEYS)
    stamp_day, modified_day = _written_day(stamp), _written_day(modified)
    if day and day == modified_day and stamp_day and stamp_day > day:
        day = stamp_day  # htmldate fell back on a "modified" stamp older than the publication
    published = shown_date(tree) or _article_day(tree, day, (stamp_day, modified_day), url)
    if stamp and published and stamp_day == published[:10]:
        published = local_iso(stamp) or published
    modified = (local_iso(modified) or parse_date(modified)) if modified else None
    if modified and published and modified[:10] < published[:10]:
        modified = None  # a page "modified" before it was published is a template artefact
    return published, modified


def shown_date(tree: HtmlElement) -> str | None:
    """The date printed with the headline: the first visible <time> or datePublished element of
    the nearest ancestor of the first h1 that holds one. Hidden elements and dates in comments,
    related posts or embeds are not what a reader takes as the article's date."""
    headline = next(tree.iter("h1"), None)
    if headline is None:
        return None
    for container in islice(headline.iterancestors(), BYLINE_LEVELS):
        if container.tag in ("body", "html"):
            return None
        for element in container.iter():
            if _dates_the_article(element) and (date := _element_date(element)):
                return date
    return None


def day_without_comments(tree: HtmlElement, day: str | None, url: str | None) -> str | None:
    """htmldate's day for the page without its reader comments, whose dates are the readers' and
    which htmldate falls back on when the article's own date is hard to find."""
    if not day or not any(day[:4] in _text_and_attributes(block) for block in _comment_blocks(tree)):
        return day  # nothing to find, or no comment names that year: htmldate read the article
    pruned = deepcopy(tree)
    for block in _comment_blocks(pruned):
        if block.getparent() is not None:  # not inside a block dropped already
            block.drop_tree()
    return find_date(pruned, **{**set_date_params(extensive=True), "url": url})


def _text_and_attributes(element: HtmlElement) -> str:
    return " ".join([element.text_content(), *element.xpath(".//@*")])


def _comment_blocks(tree: HtmlElement) -> list[HtmlElement]:
    headline = next(tree.iter("h1"), None)
    holds_headline = set(headline.iterancestors()) if headline is not None else set()
    return [
        element
        for element in tree.iter()
        if isinstance(element.tag, str)
        and element.tag not in ("html", "head", "body")
        and element not in holds_headline
        and COMMENT_BLOCK.search(f"{element.get('class', '')} {element.get('id', '')}")
    ]


def local_iso(value: str) -> str | None:
    """ISO 8601 in the stamp's own offset, or None when the value is not ISO 8601.

    A UTC stamp at exactly 22:00 or 23:00 is a bare date a CMS stored as local midnight east of
    UTC: it is the next day, given as a date only because the page's offset is unknown."""
    value = value.strip()
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None  # also "2022-29-11": a stamp that names no real day is not trusted
    if len(value) <= len("2022-01-31"):
        return stamp.date().isoformat()  # a bare date stays one, without an invented midnight
    at_full_hour = not (stamp.minute or stamp.second or stamp.microsecond)
    if stamp.utcoffset() == timedelta(0) and stamp.hour in LOCAL_MIDNIGHT_UTC_HOURS and at_full_hour:
        return (stamp.date() + timedelta(days=1)).isoformat()
    return stamp.isoformat()


def _dates_the_article(element) -> bool:
    if not isinstance(element.tag, str) or element.tag in ("meta", "link"):
        return False  # comments, and <meta itemprop> in the body, which no reader sees
    prop = element.get("itemprop")
    if not (prop in PUBLISHED_PROPS or (element.tag == "time" and prop != "dateModified")):
        return False
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            break
        if node.tag in NOT_ARTICLE_TAGS or node.get("hidden") is not None:
            return False
        if HIDDEN.search(f"{node.get('class', '')} {node.get('style', '')}"):
            return False
        if node is not element and NOT_ARTICLE.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return False
    return True


def _element_date(element) -> str | None:
    """An ISO attribute as written; otherwise the text the reader sees before the attribute,
    since a non-ISO attribute such as 01-11-2023 may be month-first or day-first."""
    attr = element.get("datetime") or element.get("content") or ""
    if ISO_DAY.match(attr) and (iso := local_iso(attr)):
        return iso
    for text in (" ".join(element.text_content().split()), attr):
        short = len(text) <= MAX_SHOWN_DATE_CHARS and len(text.split()) <= MAX_SHOWN_DATE_WORDS
        if text and short and (date := _read_date(text)):
            return date
    return None


def _read_date(text: str) -> str | None:
    if dotted := DOTTED_DATE.search(text):
        day, month, year, hour, minute = (int(part) if part else 0 for part in dotted.groups())
        try:
            stamp = datetime(year, month, day, hour, minute)
        except ValueError:
            return None
        return stamp.isoformat() if dotted[4] else stamp.date().isoformat()
    numeric = NUMERIC_DATE.search(text)
    if numeric and int(numeric[1]) <= 12 and int(numeric[2]) <= 12:
        return None
    return parse_date(text)


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


def _written_day(stamp: str | None) -> str | None:
    match = ISO_DAY.match(stamp or "")
    return match[1] if match else None


def _jsonld(articles: list[dict], key: str) -> str | None:
    for article in articles:
        value = article.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
