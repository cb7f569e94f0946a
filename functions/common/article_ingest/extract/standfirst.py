"""The standfirst: the lead paragraph under the title, which trafilatura drops with the header."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from . import promo, selectors
from .tree import flat_text

# A standfirst is one or two sentences: shorter is a kicker or a date, longer is the body itself.
STANDFIRST_CHARS = range(40, 601)
SENTENCE_END = (".", "!", "?", "…", "“", "”", '"')
STANDFIRST_CLASS = re.compile(selectors.STANDFIRST_CLASSES, re.IGNORECASE)
# It sits right under the title: looking further reaches the comments on a post without <p> tags.
STANDFIRST_REACH = 20
STANDFIRST_MAX_CHILDREN = 8


def find_standfirst(tree: HtmlElement, body: str) -> str | None:
    """The lead paragraph under the title, which trafilatura leaves out with the page header.

    Taken from near the first <h1>: the first element after it with a lead-like class, or the
    first paragraph that ends like a sentence (so a byline or date is passed over).
    """
    title = next(tree.iter("h1"), None)
    if title is None or _links_home(title):
        return None
    container = title.getparent()
    for _ in range(2):
        if container is None or container.tag in ("header", "hgroup"):
            break
        container = container.getparent()
    if container is None:
        return None
    after_title = False
    reach = STANDFIRST_REACH
    for element in container.iter("h1", "h2", "p", "div", "span"):
        if element is title:
            after_title = True
            continue
        if not after_title:
            continue
        reach -= 1
        if reach < 0:
            return None
        # A wrapper of many blocks is not one lead paragraph; skip it without reading its text.
        if len(element) > STANDFIRST_MAX_CHILDREN:
            continue
        text = flat_text(element)
        if len(text) not in STANDFIRST_CHARS:
            continue
        classes = f"{element.get('class', '')} {element.get('id', '')}"
        if STANDFIRST_CLASS.search(classes) or (element.tag in ("p", "h2") and text.endswith(SENTENCE_END)):
            # Already in the body, or a promo line: there is no separate standfirst.
            if text[:60] in body or promo.classify_line(text):
                return None
            return text
    return None


def _links_home(title: HtmlElement) -> bool:
    """An <h1> linking to the site's front page is the site name, and its tagline no standfirst."""
    hrefs = (link.get("href") for link in title.iter("a"))
    return any(href and not href.startswith("#") and urlsplit(href).path in ("", "/") for href in hrefs)
