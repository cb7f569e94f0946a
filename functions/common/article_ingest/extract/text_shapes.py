"""The shapes of a plain-text post's lines that both its filtering and its headline choice read:
a paragraph of prose, a heading, a headline, a Markdown heading, a consent notice."""

from __future__ import annotations

import re

from . import selectors

HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
TITLE_MAX_WORDS = 12
SENTENCE_END = (".", ",", ";", ":", "!", "…", '"', "”", "»", "“", ")")  # "?" can end a heading
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")  # "## Subheading" in Markdown posts
# The model's headline: heading-shaped, and not longer than headlines run.
MODEL_TITLE_MAX_WORDS = 16
MODEL_TITLE_MAX_CHARS = 160
PROSE_MIN_WORDS = 12
PROSE_END = (".", "!", "?", "…")
CLOSING_MARKS = "\"'”’»)"
MAX_NOTICE_CHARS = 300
CONSENT = re.compile(selectors.CONSENT_NOTICE, re.I)


def is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS and line.rstrip(CLOSING_MARKS).endswith(PROSE_END)


def is_consent_notice(line: str) -> bool:
    return len(line) <= MAX_NOTICE_CHARS and CONSENT.search(line) is not None


def is_headline_shaped(line: str) -> bool:
    return (
        len(line) <= MODEL_TITLE_MAX_CHARS
        and len(line.split()) <= MODEL_TITLE_MAX_WORDS
        and not line.endswith((".", ",", ";", ":"))
    ) or bool(MARKDOWN_HEADING.match(line))


def is_heading_shaped(line: str) -> bool:
    if MARKDOWN_HEADING.match(line):
        return True
    return (
        len(line) <= HEADING_MAX_CHARS
        and len(line.split()) <= HEADING_MAX_WORDS
        and not line.endswith(SENTENCE_END)
        and (line[0].isupper() or line[0].isdigit())
    )


def heading_text(line: str) -> str:
    marked = MARKDOWN_HEADING.match(line)
    return marked[2] if marked else line
