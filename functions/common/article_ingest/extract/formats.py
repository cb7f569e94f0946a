"""HTML or plain text? The file name, then the content type, then the text itself."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["html", "text"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
TEXT_SUFFIXES = (".txt", ".text", ".md")
# Tags that only markup has; a plain-text post may mention "<3" or "a < b" but not these.
HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|span|h[1-6]|br|table|ul|ol|script)\b",
    re.I,
)
SNIFF_CHARS = 4096


def detect_format(text: str, filename: str | None = None, content_type: str | None = None) -> Format:
    name = (filename or "").lower().removesuffix(".gz")
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return "html"
    if kind in ("text/plain", "text/markdown"):
        return "text"
    return "html" if HTML_TAG.search(text[:SNIFF_CHARS]) else "text"
