"""Article metadata from an lxml tree: title, authors, dates, language, site name, tags, image, URL.

trafilatura's metadata (JSON-LD, meta tags, htmldate for dates) is the base; the page's own
headline, author and date signals (page_meta.py, authors.py, dates.py) refine it where the corpus
measurements (bench/quality/metadata.py) show they are right more often; titles.py chooses the title.

Values come from attributes the page author controls: only text and web URLs are kept. A meta
author of '<img src=x onerror=...>Jane Roe' must be stored as 'Jane Roe', and an og:image of
'javascript:alert(1)' not at all, because readers of the table may render these fields.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from html import unescape
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from ..compat import (
    META_URL,
    examine_meta,
    extract_catstags,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
    line_processing,
)
from . import page_meta
from .authors import choose_authors, guess_author
from .dates import choose_dates, date_languages, htmldate_day
from .titles import choose_title

MAX_FIELD_CHARS = 10000  # trafilatura's cap on a metadata string
LOGGER = logging.getLogger(__name__)
# extract_catstags keeps only the <a href> whose href has this path (its regexpr for "tag"): on a
# page with no such link its XPath scans (about 1 ms) cannot find anything.
TAG_PATH = re.compile(r"/tag(?:y|ies|s)?/")
WEB_SCHEMES = {"http", "https"}
TAG_SEPARATOR = re.compile(r"[,;，、]")
LONE_LT = re.compile(r"<(?![A-Za-z/!?][^<>]*>)")


@dataclass
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    site_name: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    canonical_url: str | None = None
    description: str | None = None


def extract_metadata(
    tree: HtmlElement, url: str | None = None, fetched_at: datetime | None = None
) -> Metadata:
    """fetched_at: when the page was fetched (default: now); no date after it is believed."""
    base = TrafilaturaBase(tree, url)
    site = base.sitename
    page = page_meta.Page(tree)
    title = _without_soft_hyphens(plain_text(choose_title(page, url, base.declared_site) or base.title))
    language = base.language or _html_lang(tree)
    languages = date_languages(language)
    published, modified = choose_dates(page, lambda: base.date, base.url, fetched_at, title, languages)
    authors = (plain_text(a) for a in choose_authors(page, lambda: base.author, site, url, languages))
    return Metadata(
        title=title,
        authors=[a for a in authors if a],
        published=published,
        modified=modified,
        language=language,
        site_name=plain_text(site),
        tags=tag_list(base.tags or []),
        image=web_url(base.image, url),
        canonical_url=web_url(base.url, url),
        description=plain_text(base.description),
    )


class TrafilaturaBase:
    """The fields of trafilatura's extract_metadata, each costly one computed only when read.

    The choosers fall back on trafilatura's title, author and date only when the page's own
    signals give none, and htmldate (date) and the author guess (authors.guess_author, trafilatura's
    rules without its copy of the tree) were most of the metadata cost. The same steps in the same
    order as trafilatura 2.3 runs them, less the fields nothing here reads (categories, license,
    hostname)."""

    def __init__(self, tree: HtmlElement, url: str | None) -> None:
        self._tree = tree
        doc = examine_meta(tree)
        if doc.author and " " not in doc.author:
            doc.author = None  # trafilatura's rule: a one-word meta author is a handle
        try:
            doc = extract_meta_json(tree, doc)
        except Exception as err:  # noqa: BLE001 - trafilatura's own guard around its JSON-LD code
            LOGGER.warning("trafilatura JSON-LD metadata failed: %s", err)
        self._doc = doc
        self._url = doc.url or extract_url(tree, url)
        self.url = _trimmed(self._url)
        self.sitename = _trimmed(self._site_name())
        self.declared_site = _trimmed(doc.sitename)  # from the page's meta, not guessed from its title
        self.tags = doc.tags or (extract_catstags("tag", tree) if _links_to_tags(tree) else [])
        self.language = _trimmed(doc.language)
        self.image = _trimmed(doc.image)
        self.description = _trimmed(doc.description)

    @cached_property
    def title(self) -> str | None:
        return _trimmed(self._doc.title or extract_title(self._tree))

    @cached_property
    def author(self) -> str | None:
        return _trimmed(self._doc.author or guess_author(self._tree))

    @cached_property
    def date(self) -> str | None:
        return _trimmed(htmldate_day(self._tree, self._url))

    def _site_name(self) -> str | None:
        site = self._doc.sitename or extract_sitename(self._tree)
        if site:
            site = site.lstrip("@")  # a Twitter handle
            if site and "." not in site and not site[0].isupper():
                site = site.title()
            return site
        match = META_URL.match(self._url) if self._url else None
        return match[1] if match else None


def _links_to_tags(tree: HtmlElement) -> bool:
    # A C-level walk over the <a> elements, stopping at the first: 40% less than an XPath contains(),
    # which copies every href it reads.
    return any("/tag" in (href := link.get("href", "")) and TAG_PATH.search(href) for link in tree.iter("a"))


def _trimmed(value: str | None) -> str | None:
    """trafilatura's Document.clean_and_trim for one string."""
    if not isinstance(value, str):
        return value
    if len(value) > MAX_FIELD_CHARS:
        value = value[: MAX_FIELD_CHARS - 1] + "…"
    return line_processing(unescape(value))


def tag_list(values: list[str]) -> list[str]:
    """Tags one by one: a keywords value ("climate, energy, wind power") is a comma-separated list,
    and the same tag given twice is kept once, in first-seen order."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        for tag in TAG_SEPARATOR.split(plain_text(value) or ""):
            tag = " ".join(tag.split())
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tags


def _html_lang(tree: HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip() if lang and lang.strip() else None


def _without_soft_hyphens(text: str | None) -> str | None:
    # A soft hyphen only shows where a line breaks ("Messenger\u00addienste"): the title has none.
    return text.replace("\u00ad", "") if text else text


def plain_text(value: str | None) -> str | None:
    """The text of a value that may hold markup, without script or style content."""
    if not value or "<" not in value:
        return value
    # Only a whole tag is markup: the "<" of "Why 3 <5 matters" or "a <b and c" is text, and
    # parsed as markup it would swallow the rest of the value.
    value = LONE_LT.sub("&lt;", value)
    try:
        fragment = lxml.html.fragment_fromstring(value, create_parent="div")
    except ParserError:
        return None
    for element in fragment.xpath(".//script | .//style"):
        element.drop_tree()
    text = " ".join(fragment.text_content().split())
    return text or None


def web_url(value: str | None, base: str | None) -> str | None:
    """An absolute http(s) URL (relative ones resolved against the page), else None."""
    if not value:
        return None
    resolved = urljoin(base, value.strip()) if base else value.strip()
    parts = urlsplit(resolved)
    return resolved if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None
