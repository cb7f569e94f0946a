"""The page parsed once into the lxml tree that metadata and body extraction share, and the few
measurements of it they all need (flat text, text length, link texts).

Parsed as trafilatura's load_html parses (same parser options, same repairs and rejection of
dubious HTML), with one change: lxml.html's parser picks each element's Python class with a lookup
written in Python, called every time an element is touched from Python (over a million calls on
the corpus, in trafilatura's code as much as ours). Every element here is an HtmlElement, chosen
in C. Only <form>, <input>, <select>, <textarea> and <label> lose their form helpers, which nothing
here uses. bench/perf/extraction.py measured the same articles about 4% faster.
"""

from __future__ import annotations

import re
from functools import cached_property

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, fromstring

from ..compat import is_dubious_html, repair_faulty_html

PARSER = etree.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
_NORMALIZED_LENGTH = etree.XPath("string-length(normalize-space(.))")
# <title> holds text only (HTML's RCDATA): libxml2 reads a "<" in it as a tag and drops the rest.
_TITLE = re.compile(r"(<title\b[^>]*>)(.*?)(</title\s*>)", re.I | re.S)


def parse_tree(html: str) -> HtmlElement | None:
    """The page's tree, or None when it is not HTML (load_html's rule: no "html" in its first
    50 characters and fewer than two top-level elements)."""
    beginning = html[:50].lower()
    html = repair_faulty_html(_title_as_text(html), beginning)
    try:
        tree = fromstring(html, parser=PARSER)
    except (ValueError, etree.LxmlError):  # e.g. "Unicode strings with encoding declaration..."
        tree = None
    if tree is None or len(tree) < 1:
        tree = _from_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _title_as_text(html: str) -> str:
    match = _TITLE.search(html)
    if not match or "<" not in match[2]:
        return html
    text = match[2].replace("<", "&lt;")
    return f"{html[: match.start(2)]}{text}{html[match.end(2) :]}"


def flat_text(element: HtmlElement) -> str:
    """The element's text without its tail, each whitespace run one space. tostring(method="text")
    gives what text_content() does without an XPath evaluation per element."""
    return " ".join(etree.tostring(element, method="text", encoding=str, with_tail=False).split())


def text_chars(element: HtmlElement) -> int:
    # Whitespace runs count once: templates indent comment markup more than article text.
    return int(_NORMALIZED_LENGTH(element))


def visible_chars(tree: HtmlElement) -> int:
    """Characters of the page's text (whitespace runs counted once), without scripts and styles."""
    body = tree.find("body")
    page = body if body is not None else tree
    # Inline scripts (JSON state, trackers) would outweigh the visible text many times over.
    return text_chars(page) - sum(text_chars(script) for script in page.iter("script", "style"))


class PageLinks:
    """Link texts on the page, whitespace-normalised: links away, and in-page (#) anchors.

    Collected on first use only, and once: the body's cleaning needs them on some pages (a last
    block that may be a teaser), the article checks on every page (a list of links is no article).
    """

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    @cached_property
    def _texts(self) -> tuple[set[str], set[str]]:
        away: set[str] = set()
        in_page: set[str] = set()
        for link in self._tree.iter("a"):
            # Any link with a fragment may point into this page (a table of contents), so not "away".
            target = in_page if "#" in (link.get("href") or "#") else away
            target.add(flat_text(link))
        return away, in_page

    @property
    def away(self) -> set[str]:
        return self._texts[0]

    @property
    def in_page(self) -> set[str]:
        return self._texts[1]

    @property
    def every(self) -> set[str]:
        return self._texts[0] | self._texts[1]


def _from_bytes(html: str) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=PARSER)
    except (ValueError, etree.LxmlError):
        return None
