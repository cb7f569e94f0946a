"""Decide whether one short line is boilerplate: a promo, a social CTA, a share bar, a comment form.

Shared by the HTML and plain-text extractors. Patterns live in selectors.py; this module only
compiles and applies them. A line must match a pattern as a whole, and long lines never match,
so sentences that merely mention TikTok, newsletters or comments are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..compat import regex_syntax  # re's own parser: the literals a fragment's matches must hold
from ..models import RemovedKind
from . import selectors

# A call to action or a share bar is short; a longer line is prose, whatever words it contains.
MAX_LINE_CHARS = 220
# A disclosure or an appeal to readers runs to a few sentences; a longer paragraph that holds one
# of their phrases is prose about the subject.
MAX_NOTICE_CHARS = 400
# Quotation marks: a paragraph holding them reports what someone said (see _is_notice).
QUOTE_MARKS = '"„“”«»'
# In a meta row ("3. März 2024 | Allgemein"), a label beside the date is a category or a place.
MAX_ROW_LABEL_WORDS = 3

# Trimmed from both ends before matching: decoration around "Share this:" or "» Read more «".
_EDGE_CHARS = " \t\r\n\u00a0*•·|:;,.!?…-–—>»«<()[]{}\"'“”„‘’#→↓"

_FILLERS = {"{n}": r"\d+", "{network}": selectors.SOCIAL_NETWORKS, "{months}": selectors.MONTHS}


def _filled(fragment: str) -> str:
    for name, value in _FILLERS.items():
        fragment = fragment.replace(name, value)
    return fragment


def _fragments(*groups: dict[str, list[str]]) -> list[str]:
    return [
        _filled(fragment)
        for by_language in groups
        for fragments in by_language.values()
        for fragment in fragments
    ]


def _alternatives(*groups: dict[str, list[str]]) -> str:
    return "|".join(f"(?:{fragment})" for fragment in _fragments(*groups))


def _compile(*groups: dict[str, list[str]]) -> re.Pattern[str]:
    return re.compile(_alternatives(*groups), re.IGNORECASE)


def _needles(items: regex_syntax.SubPattern | list) -> frozenset[str]:
    """Literal strings one of which every match of a parsed pattern holds; empty when none is known.

    Of the candidates (a literal run, or one string per alternative of a group) the one whose
    shortest string is longest is kept: it rules out the most lines.
    """
    best: frozenset[str] = frozenset()
    run = ""
    for op, av in [*items, (None, None)]:
        if op is regex_syntax.LITERAL:
            run += chr(av)
            continue
        candidates = [frozenset({run})] if run else []
        run = ""
        if op is regex_syntax.SUBPATTERN:
            candidates.append(_needles(av[-1]))
        elif op is regex_syntax.BRANCH and all(branches := [_needles(branch) for branch in av[1]]):
            candidates.append(frozenset().union(*branches))
        elif op in (regex_syntax.MAX_REPEAT, regex_syntax.MIN_REPEAT) and av[0] >= 1:
            candidates.append(_needles(av[2]))
        for candidate in candidates:
            if candidate and (not best or min(map(len, candidate)) > min(map(len, best))):
                best = candidate
    return best


@dataclass(frozen=True)
class LineRule:
    """One concept's fragments, compiled for speed; a line is the kind when any fragment fullmatches.

    A fragment that may start anywhere in the line (".{0,120}all rights reserved") tries its rest
    at every position, which made such fragments most of the cost of a line. They are tried only
    when the lowered line holds one of the literals that every match of them holds: derived from
    the fragments, so the gate cannot drift from them, and searched case-sensitively, which lets
    re skip to the positions where one can start. Sharing one alternation with them also slowed
    the other fragments down (measured), so those form a pattern of their own.
    """

    kind: RemovedKind
    anchored: re.Pattern[str]
    floating: re.Pattern[str] | None
    gate: re.Pattern[str] | None

    @classmethod
    def build(cls, kind: RemovedKind, fragments: list[str]) -> LineRule:
        anchored, floating, needles = [], [], set()
        for fragment in fragments:
            held = _needles(regex_syntax.parse(fragment, re.IGNORECASE)) if fragment.startswith(".") else None
            (floating if held else anchored).append(f"(?:{fragment})")
            needles.update(needle.lower() for needle in held or ())
        return cls(
            kind,
            re.compile("|".join(anchored), re.IGNORECASE),
            re.compile("|".join(floating), re.IGNORECASE) if floating else None,
            re.compile("|".join(map(re.escape, sorted(needles)))) if needles else None,
        )

    def fullmatch(self, line: str, lowered: str | None) -> bool:
        """lowered is line.lower(), or None when the line holds a character it lowers unfaithfully."""
        if self.anchored.fullmatch(line):
            return True
        if self.floating is None or (lowered is not None and not self.gate.search(lowered)):
            return False
        return bool(self.floating.fullmatch(line))


# Order matters: the first matching concept names the kind.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule.build("comments", _fragments(selectors.COMMENT_FORM, selectors.COMMENT_SECTION)),
    LineRule.build("share", _fragments(selectors.SHARE)),
    LineRule.build("promo", _fragments(selectors.SOCIAL_CTA, selectors.NEWSLETTER, selectors.PROMO)),
    LineRule.build("navigation", _fragments(selectors.RELATED, selectors.TABLE_OF_CONTENTS)),
    LineRule.build(
        "boilerplate",
        _fragments(
            selectors.WIDGETS,
            selectors.APPENDIX_LABELS,
            selectors.CREDITS,
            selectors.STAMPS,
            selectors.NOTICES,
        ),
    ),
    # "Read more: <headline>", "Lea: <headline>": a lead-in followed by the linked title.
    LineRule.build(
        "navigation",
        [rf"(?:{_alternatives(selectors.RELATED, selectors.RELATED_LEAD_IN)})\s*(?:[:：»›→]|>>)\s*\S.*"],
    ),
)
# Characters whose lower case is not the one re.IGNORECASE matches them by ("ı" matches "i", "İ"
# lowers to two characters, "Σ" lowers by its context): a line holding one skips the literal gate.
# test_promo derives this set from the gates' literals over all of Unicode.
CASE_TRAPS = "İıſΣ"
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
        lowered = None if any(trap in line for trap in CASE_TRAPS) else line.lower()
        for rule in LINE_RULES:
            if rule.fullmatch(line, lowered):
                return rule.kind
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
