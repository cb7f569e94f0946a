"""Decide whether one short line is boilerplate: a promo, a social CTA, a share bar, a comment form.

Shared by the HTML and plain-text extractors. Patterns live in selectors.py; this module only
compiles and applies them. A line must match a pattern as a whole, and long lines never match,
so sentences that merely mention TikTok, newsletters or comments are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import RemovedKind
from . import selectors

# A call to action or a share bar is short; a longer line is prose, whatever words it contains.
MAX_LINE_CHARS = 220
# A disclosure or an appeal to readers runs to a few sentences; a longer paragraph that holds one
# of their phrases is prose about the subject.
MAX_NOTICE_CHARS = 400
# Quotation marks: a paragraph holding them reports what someone said (see _is_notice).
QUOTE_MARKS = "\"„“”«»"
# In a meta row ("3. März 2024 | Allgemein"), a label beside the date is a category or a place.
MAX_ROW_LABEL_WORDS = 3

# Trimmed from both ends before matching: decoration around "Share this:" or "» Read more «".
_EDGE_CHARS = " \t\r\n\u00a0*•·|:;,.!?…-–—>»«<()[]{}\"'“”„‘’#→↓"

_FILLERS = {"{n}": r"\d+", "{network}": selectors.SOCIAL_NETWORKS, "{months}": selectors.MONTHS}


def _filled(fragment: str) -> str:
    for name, value in _FILLERS.items():
        fragment = fragment.replace(name, value)
    return fragment


def _alternatives(*groups: dict[str, list[str]]) -> str:
    return "|".join(
        f"(?:{_filled(fragment)})"
        for by_language in groups
        for fragments in by_language.values()
        for fragment in fragments
    )


def _compile(*groups: dict[str, list[str]]) -> re.Pattern[str]:
    return re.compile(_alternatives(*groups), re.IGNORECASE)


# Order matters: the first matching concept names the kind.
_LINE_RULES: tuple[tuple[RemovedKind, str], ...] = (
    ("comments", _alternatives(selectors.COMMENT_FORM, selectors.COMMENT_SECTION)),
    ("share", _alternatives(selectors.SHARE)),
    ("promo", _alternatives(selectors.SOCIAL_CTA, selectors.NEWSLETTER, selectors.PROMO)),
    ("navigation", _alternatives(selectors.RELATED, selectors.TABLE_OF_CONTENTS)),
    (
        "boilerplate",
        _alternatives(
            selectors.WIDGETS,
            selectors.APPENDIX_LABELS,
            selectors.CREDITS,
            selectors.STAMPS,
            selectors.NOTICES,
        ),
    ),
    # "Read more: <headline>", "Lea: <headline>": a lead-in followed by the linked title.
    (
        "navigation",
        rf"(?:{_alternatives(selectors.RELATED, selectors.RELATED_LEAD_IN)})\s*(?:[:：»›→]|>>)\s*\S.*",
    ),
)
# Compiled one pattern per rule: measured faster than one alternation with a named group per rule.
_LINE_PATTERNS = tuple((kind, re.compile(alternatives, re.IGNORECASE)) for kind, alternatives in _LINE_RULES)
_NOTICE = _compile(selectors.DISCLOSURES, selectors.READER_APPEALS, selectors.SIGNUP_FINE_PRINT)
_COMMENT_SECTION = _compile(selectors.COMMENT_SECTION)
_LIST_HEADING = _compile(selectors.RELATED, selectors.TABLE_OF_CONTENTS)


def normalize_line(text: str) -> str:
    return " ".join(text.split()).strip(_EDGE_CHARS)


@lru_cache(maxsize=4096)
def classify_line(text: str) -> RemovedKind | None:
    """The kind of boilerplate this line is, or None when it reads as article text."""
    line = normalize_line(text)
    if not line or len(line) > MAX_NOTICE_CHARS:
        return None
    if len(line) <= MAX_LINE_CHARS:
        for kind, pattern in _LINE_PATTERNS:
            if pattern.fullmatch(line):
                return kind
    return "promo" if _is_notice(line) else None


def _is_notice(line: str) -> bool:
    # A paragraph that quotes someone ("'We want no paywall,' the publisher said") reports the
    # phrase; a notice speaks for the site itself.
    if any(mark in line for mark in QUOTE_MARKS):
        return False
    lowered = line.lower()
    return any(word in lowered for word in selectors.NOTICE_WORDS) and bool(_NOTICE.search(line))


def classify_meta_row(text: str) -> RemovedKind | None:
    """A row of page furniture joined by "|": a date or a comment link beside short labels.

    "24. März 2004, 19:49 | Genesis", "January 13, 2020 | categories: Python | View Comments":
    one part is boilerplate by itself and the others are labels of a few words, not sentences.
    """
    if "|" not in text:
        return None
    parts = [part for part in normalize_line(text).split("|") if part.strip()]
    if len(parts) < 2:
        return None
    kinds = [classify_line(part) for part in parts]
    if all(kind is None for kind in kinds):
        return None
    labels = (part for part, kind in zip(parts, kinds, strict=True) if kind is None)
    return "boilerplate" if all(len(label.split()) <= MAX_ROW_LABEL_WORDS for label in labels) else None


def opens_comment_section(text: str) -> bool:
    """A heading or line such as "Leave a Reply", "12 Kommentare", "3 thoughts on “X”"."""
    line = normalize_line(text)
    return len(line) <= MAX_LINE_CHARS and bool(_COMMENT_SECTION.fullmatch(line))


def opens_related_list(text: str) -> bool:
    """A heading such as "Related posts", "Auch interessant", "Inhaltsverzeichnis"."""
    line = normalize_line(text)
    return len(line) <= 80 and bool(_LIST_HEADING.fullmatch(line))
