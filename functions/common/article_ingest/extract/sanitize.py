"""Metadata values come from attributes the page author controls: keep text and web URLs only.

A meta author of '<img src=x onerror=...>Jane Roe' must be stored as 'Jane Roe', and an og:image
of 'javascript:alert(1)' not at all, because readers of the table may render these fields.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml.etree import ParserError

WEB_SCHEMES = {"http", "https"}


def plain_text(value: str | None) -> str | None:
    """The text of a value that may hold markup, without script or style content."""
    if not value or "<" not in value:
        return value
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
