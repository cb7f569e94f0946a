"""Published and modified dates, as the page's own calendar day, and reading the date strings
pages write.

A reader takes the date printed with the headline (shown_dates) as the article's date, so that date
wins: a <time> near the headline (the <h1> that holds the title, not a logo's <h1>), else the first
date written as text under it. Unless the page calls it an update: by its label ("Updated",
"Aktualisiert am", "mis à jour le") or class, or by a modified stamp naming its day while the
published stamps name an earlier one. An update is the modified date, never the published one.
Without a shown date, htmldate's day (via trafilatura's parameters), unless it came from reader
comments (then htmldate reads the page again without them), from a bare year ("© 2016" gives
2016-01-01) or from a "modified" stamp older than the publication. The page's timestamp (JSON-LD,
meta tags) supplies the time and timezone when it names the same day; it is read in its own offset,
never converted to UTC (local_iso), because the day a reader sees is the page's local one.

A wrong date is worse than none: a value that names no real day, an all-numeric date that reads
both ways, a written date without a four-digit year ("2 hours ago", "May 3"), or a date after the
page was fetched gives None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from datetime import UTC, date, datetime, timedelta
from itertools import islice, takewhile

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from ..compat import set_date_params
from . import page_meta, selectors
from .comments import is_comment_block
from .titles import key as title_key
from .tree import flat_text, is_hidden, visible_texts

PUBLISHED_KEYS = ("article:published_time", "datepublished", "og:published_time", "dc.date.issued", "pubdate")
MODIFIED_KEYS = ("article:modified_time", "datemodified", "og:updated_time", "dc.date.modified")

# "26.01.2022 - 14:30" is day-first wherever dots are used; dateparser alone reads "05.11.2021" as May.
DOTTED_DATE = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)(?:\D{1,6}(\d{1,2}):(\d{2}))?")
# "05/11/2021" is 5 November or May 11 depending on the country: not read.
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}(?!\d)")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
# A date stored as local midnight in central or eastern Europe (UTC+1/+2) reads 23:00 or 22:00 UTC.
LOCAL_MIDNIGHT_UTC_HOURS = (22, 23)
# The byline sits near the headline: header > hgroup > div > h1 is common, six levels is generous.
BYLINE_LEVELS = 6
PUBLISHED_PROPS = ("datePublished", "dateCreated")
MAX_SHOWN_DATE_WORDS = 12
MAX_EXTENSIVE_DATE_SEARCH_CHARS = 2_000_000  # the corpus's most, scripts included: 1.4 M
MAX_SHOWN_DATE_CHARS = 100  # dateparser is slow on long strings; no date line is longer
NOT_ARTICLE = re.compile(selectors.NOT_ARTICLE_CLASSES, re.I)
# A shown date labelled as an update is the modified date, never the published one: "Updated 3
# May", "Aktualisiert am", "mis à jour le", as its own text or the text just before it.
MODIFIED_WORDS = (
    r"(?:last\s+)?(?:updated|modified|edited|revised)|update|aktualisiert|zuletzt\s+geändert|geändert"
    r"|mis\s+à\s+jour|modifié|actualizado|actualizada|modificado|aggiornato|aggiornamento|atualizado"
    r"|bijgewerkt|gewijzigd|zaktualizowano|aktualizacja|обновлено|оновлено|изменено|змінено"
    r"|uppdaterad|opdateret|oppdatert|päivitetty"
)
MODIFIED_LABEL_BEFORE = re.compile(
    rf"(?:^|\W)(?:{MODIFIED_WORDS})\s*(?:on|at|am|um|le|el|il|em|op|dnia)?\s*[:\-–]?\s*$", re.I
)
MODIFIED_LABEL_START = re.compile(rf"^\s*(?:{MODIFIED_WORDS})\b", re.I)
# A class that names the modification ("last-updated", "date-modified"). A bare "updated" does not:
# hAtom asks for it on every entry, and WordPress themes put it on the published date
# (<time class="entry-date updated">).
MODIFIED_CLASS = re.compile(
    r"modified|last-?updated|date-?updated|updated-?(?:date|time|at|on)|update-?date|aktualisiert", re.I
)
PUBLISHED_CLASS = re.compile(r"published|pubdate|date-?created", re.I)
LABEL_CHARS = 40  # the label before a date: "Zuletzt aktualisiert am" and a little more
# A stamp from the future is a template's or a scheduler's, not the publication: allowed only
# within a day of when the page was fetched (a page east of UTC may be a day ahead).
FUTURE_TOLERANCE = timedelta(days=1)
# A date written under the headline comes before the article's first paragraphs: the byline row,
# perhaps after a standfirst or a caption (bench/quality/metadata.py: 300 finds the most).
WRITTEN_DATE_CHARS = 300
# Text that holds a date with its year: a day number beside a four-digit year.
WRITTEN_DATE = re.compile(
    r"(?<!\d)\d{1,2}\D{1,12}(?:19|20)\d{2}(?!\d)|(?<!\d)(?:19|20)\d{2}\D{1,3}\d{1,2}(?!\d)"
)
UNSEEN_TAGS = frozenset(("script", "style", "noscript", "template", "select", "button"))


def parse_date(text: str, languages: tuple[str, ...] | None = None) -> str | None:
    """ISO 8601 for a complete written date (with the time when one is written), else None.

    A wrong date is worse than none: an all-numeric date that reads both ways gives None.
    languages (dateparser's codes) spares dateparser guessing among all its locales, which costs
    tens of milliseconds a call; the text path passes the post's detected language and English."""
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
    if not YEAR.search(text):
        return None
    import dateparser  # slow to import (language data); only bylines with a date pay for it

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        parsed = dateparser.parse(
            text.strip(" .,|"), settings=settings, languages=list(languages) if languages else None
        )
    except (ValueError, OverflowError):
        # dateparser refuses a language it has no locale for: let it guess among all of them.
        return parse_date(text) if languages else None
    if parsed is None:
        return None
    return parsed.isoformat() if TIME.search(text) else parsed.date().isoformat()


def date_languages(language: str | None) -> tuple[str, ...] | None:
    """The languages a post's dates are read in: its own and English (menus and stamps often
    are). None (every locale guessed, tens of milliseconds a date) when the language is unknown:
    on the corpus's pages, their declared language gave the same dates at a quarter of the cost."""
    language = language[:2].lower() if language else None
    return (language, "en") if language and language != "en" else ("en",) if language else None


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


def written_day(stamp: str | None) -> str | None:
    """The YYYY-MM-DD a stamp starts with, as written (no offset applied)."""
    match = ISO_DAY.match(stamp or "")
    return match[1] if match else None


def headline_of(tree: HtmlElement, title: str | None = None) -> HtmlElement | None:
    """The <h1> that holds the title, else the first <h1>: a page's first <h1> is often its logo or
    site name, with the day's date beside it."""
    first = next(tree.iter("h1"), None)
    wanted = title_key(title or "")
    if not wanted:
        return first
    return next((h1 for h1 in tree.iter("h1") if wanted in title_key(flat_text(h1))), first)


def shown_dates(
    tree: HtmlElement, headline: HtmlElement | None = None, languages: tuple[str, ...] | None = None
) -> tuple[str | None, str | None]:
    """The published and the updated date printed with the headline (default: the first h1), each
    ISO 8601 or None: from a <time> or datePublished element near it, else from the text the
    reader sees under it (written_date). languages: parse_date's, when the page's is known."""
    headline = headline if headline is not None else next(tree.iter("h1"), None)
    if headline is None:
        return None, None
    published, updated = _time_dates(headline, languages)
    if published or updated:
        return published, updated
    return written_date(headline, languages), None


def _time_dates(headline: HtmlElement, languages: tuple[str, ...] | None) -> tuple[str | None, str | None]:
    containers = list(
        takewhile(lambda c: c.tag not in ("body", "html"), islice(headline.iterancestors(), BYLINE_LEVELS))
    )
    if not containers:
        return None, None
    # The nearest container first: one scan of the outermost, each date ranked by the innermost
    # container that holds it (the same order as scanning each container in turn, at a sixth of the cost).
    level = {container: rank for rank, container in enumerate(containers)}
    found = _date_elements(containers[-1])
    ranked = sorted(found, key=lambda e: next(level[a] for a in (e, *e.iterancestors()) if a in level))
    published = updated = None
    for element in ranked:
        if (published and updated) or not _dates_the_article(element):
            continue
        if labelled_modified(element):
            updated = updated or _element_date(element, languages)
        elif not published:
            published = _element_date(element, languages)
    return published, updated


def written_date(headline: HtmlElement, languages: tuple[str, ...] | None = None) -> str | None:
    """The first date written as text under the headline, within WRITTEN_DATE_CHARS of text ("Stand:
    28.04.2020 18:00 Uhr", "<span class=date>27.01.2022</span>"): many pages mark up their date
    with no <time> element. A date the page labels as an update is passed over; one that cannot be
    read (05/11/2021, or inside a sentence) ends the search, since the next date is not the
    article's."""
    seen, before = 0, ""
    for element, text in _texts_after(headline):
        text = " ".join(text.split())
        if not text:
            continue
        short = len(text) <= MAX_SHOWN_DATE_CHARS and len(text.split()) <= MAX_SHOWN_DATE_WORDS
        if WRITTEN_DATE.search(text):
            found = parse_date(text, languages) if short else None
            if found is None:
                return None
            update = _classed_modified(element) or MODIFIED_LABEL_START.match(text)
            if not (update or MODIFIED_LABEL_BEFORE.search(before[-LABEL_CHARS:])):
                return found
        before = text
        seen += len(text)
        if seen > WRITTEN_DATE_CHARS:
            return None
    return None


def _texts_after(headline: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """The text the reader sees after the headline, in reading order, each piece with the element
    it is written in: the following siblings' text, then their parents' siblings', and so on up to
    the body, without hidden elements and page furniture."""
    node = headline
    while (parent := node.getparent()) is not None and node.tag not in ("body", "html"):
        if node.tail:
            yield parent, node.tail
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                yield from visible_texts(sibling, _unseen)
            if sibling.tail:
                yield parent, sibling.tail
        node = parent


def _unseen(node: HtmlElement) -> bool:
    """Not read for the article's date: hidden, a script, or page furniture (nav, comments, related posts)."""
    if node.tag in UNSEEN_TAGS or node.tag in selectors.NOT_ARTICLE_TAGS or is_hidden(node):
        return True
    return not_article(node.get("class", ""), node.get("id", ""))


def labelled_modified(element: HtmlElement) -> bool:
    """Whether the page says this date is an update: by the element's class or itemprop, its own
    text, or the text the reader sees just before it."""
    if _classed_modified(element):
        return True
    if MODIFIED_LABEL_START.match(flat_text(element)):
        return True
    return bool(MODIFIED_LABEL_BEFORE.search(_text_before(element)[-LABEL_CHARS:]))


def _classed_modified(element: HtmlElement) -> bool:
    classes = f"{element.get('class', '')} {element.get('itemprop', '')}"
    return bool(MODIFIED_CLASS.search(classes)) and not PUBLISHED_CLASS.search(classes)


def _text_before(element: HtmlElement) -> str:
    """The text just before the element within its parent: a label such as "Updated:" in the
    parent's own text, in the tail of the previous sibling, or as the previous sibling itself."""
    previous = element.getprevious()
    if previous is None:
        parent = element.getparent()
        text = (parent.text or "") if parent is not None else ""
        if not text.strip() and parent is not None and (before := parent.getprevious()) is not None:
            # <span class="label">Updated</span><span><time>…</time></span>
            return flat_text(before) + (before.tail or "")
        return text
    if previous.tail and previous.tail.strip():
        return previous.tail
    return flat_text(previous) + (previous.tail or "")


def _date_elements(container: HtmlElement) -> list[HtmlElement]:
    """The elements _dates_the_article can accept, in document order. One walk in Python costs a
    third less than the XPath descendant-or-self::*[self::time or @itemprop='datePublished' or
    @itemprop='dateCreated'], whose attribute comparisons copy each itemprop value."""
    return [
        element
        for element in container.iter(etree.Element)
        if element.tag == "time" or element.get("itemprop") in PUBLISHED_PROPS
    ]


def _dates_the_article(element) -> bool:
    if element.tag in ("meta", "link") or not flat_text(element):
        return False  # <meta itemprop> in the body, an empty <time>: no reader sees them
    prop = element.get("itemprop")
    if not (prop in PUBLISHED_PROPS or (element.tag == "time" and prop != "dateModified")):
        return False
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            break
        if node.tag in selectors.NOT_ARTICLE_TAGS or is_hidden(node):
            return False
        if node is not element and not_article(node.get("class", ""), node.get("id", "")):
            return False
    return True


def not_article(classes: str, element_id: str) -> bool:
    """A block of reader comments, related posts, embeds or page furniture, by its class or id."""
    return is_comment_block(classes, element_id, rule="mention") or bool(
        NOT_ARTICLE.search(f"{classes} {element_id}")
    )


def _element_date(element, languages: tuple[str, ...] | None) -> str | None:
    """An ISO attribute as written; otherwise the text the reader sees before the attribute,
    since a non-ISO attribute such as 01-11-2023 may be month-first or day-first."""
    attr = element.get("datetime") or element.get("content") or ""
    if ISO_DAY.match(attr) and (iso := local_iso(attr)):
        return iso
    for text in (flat_text(element), attr):
        short = len(text) <= MAX_SHOWN_DATE_CHARS and len(text.split()) <= MAX_SHOWN_DATE_WORDS
        if text and short and (date := parse_date(text, languages)):
            return date
    return None


def choose_dates(
    page: page_meta.Page,
    find_day: Callable[[], str | None],
    url: str | None = None,
    fetched_at: datetime | None = None,
    title: str | None = None,
    languages: tuple[str, ...] | None = None,
) -> tuple[str | None, str | None]:
    """Published and modified, given htmldate's day for the whole page (called only when no date
    is printed with the headline: htmldate is the costly part), the page's URL, when it was
    fetched (default: now; no date may lie beyond it), the article's title (which <h1> is the
    headline) and the languages its dates are written in (date_languages)."""
    latest = (fetched_at or datetime.now(UTC)).date() + FUTURE_TOLERANCE
    tree = page.tree
    stamp = _not_after(_jsonld(page.articles, "datePublished") or page.meta(*PUBLISHED_KEYS), latest)
    modified = _not_after(_jsonld(page.articles, "dateModified") or page.meta(*MODIFIED_KEYS), latest)
    stamp_days = (written_day(stamp), written_day(modified))
    shown_both = shown_dates(tree, headline_of(tree, title), languages)
    shown, shown_updated = (_not_after(d, latest) for d in shown_both)
    if shown and _is_the_modification(shown[:10], page, stamp_days):
        shown = stamp_days[0]  # the stamps call the shown day the modification, and publish earlier
    published = shown or _article_day(tree, _htmldate_day(find_day(), stamp_days), stamp_days, url)
    published = _not_after(published, latest)
    if stamp and published and stamp_days[0] == published[:10]:
        published = local_iso(stamp) or published
    modified = (local_iso(modified) or parse_date(modified, languages)) if modified else shown_updated
    if modified and published and modified[:10] < published[:10]:
        modified = None  # a page "modified" before it was published is a template artefact
    return published, modified


def _is_the_modification(day: str, page: page_meta.Page, stamp_days: tuple) -> bool:
    """Whether the modified stamp names the day, no published stamp does, and one names an earlier day."""
    published_days = {
        written_day(_jsonld(page.articles, "datePublished")),
        written_day(page.meta(*PUBLISHED_KEYS)),
    }
    return day == stamp_days[1] and day not in published_days and bool(stamp_days[0]) and stamp_days[0] < day


def _not_after(value: str | None, latest: date) -> str | None:
    """The value, unless the day it starts with lies after the latest possible one."""
    day = written_day(value)
    return None if day and day > latest.isoformat() else value


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
    """htmldate's day for the page, with the parameters trafilatura's metadata passes it; on a page
    with more text than any real article, without the extensive search, which runs its regexes over
    the whole serialized page (8.5 s of an 11.7 s parse at 10 MB; docs/PERFORMANCE.md, budgets)."""
    extensive = len(tree.text_content()) <= MAX_EXTENSIVE_DATE_SEARCH_CHARS
    return find_date(tree, **{**set_date_params(extensive=extensive), "url": url})


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
    # much, since libxml2 copies each attribute value it compares.
    blocks = []
    for element in tree.iter(etree.Element):
        classes, element_id = element.get("class"), element.get("id")
        if (classes or element_id) and is_comment_block(classes or "", element_id or "", rule="mention"):
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
