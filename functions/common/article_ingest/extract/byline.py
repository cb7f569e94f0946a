"""Byline lines ("Posted on 3 May 2022 by Jane Doe", "By Jane Doe", "Veröffentlicht am …"):
recognise them, and read the author and date they carry.

A wrong date is worse than none: only a full day-month-year with a four-digit year is read, so
"2 hours ago" or "May 3" (which year?) give no date at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

LABEL = re.compile(
    r"^(?:posted|published|updated|last updated|written|filed|veröffentlicht|aktualisiert|"
    r"geschrieben|erschienen|publié|mis à jour|publicado|actualizado|pubblicato|opublikowano)"
    r"(?:\s+(?:on|at|am|um|le|el|il|dnia))?\b\s*[:\-–]?\s*(?P<rest>.*)$",
    re.I,
)
BY = re.compile(r"^(?:by|von|par|por|di|door|autor|author|written by)\s*:?\s+(?P<rest>.+)$", re.I)
AUTHOR_SPLIT = re.compile(r"(?:^|\s+)(?:by|von|par|por|di|door)\s+", re.I)
PART_SPLIT = re.compile(r"\s*(?:,|&|\||•|·|\s-\s|\s–\s|\band\b|\bund\b|\bet\b|\by\b)\s*")
NAME = re.compile(r"^[A-ZÀ-ÞŁŚŻŹĆ][\w.'’-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-ZÀ-ÞŁŚŻŹĆ][\w.'’-]*){0,3}$")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
MAX_BYLINE_WORDS = 16
MAX_DATE_LINE_WORDS = 6


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    date: str | None = None


def read_byline(line: str) -> Byline | None:
    """A Byline when the line is one (possibly empty, like a bare "Posted on"), else None."""
    if len(line.split()) > MAX_BYLINE_WORDS:
        return None
    label = LABEL.match(line)
    if label and _reads_as_byline(label["rest"]):
        parts = AUTHOR_SPLIT.split(label["rest"], maxsplit=1)
        who = parts[1] if len(parts) > 1 else ""
        return Byline(authors=_names(who), date=parse_date(parts[0]))
    by = BY.match(line)
    if by:
        return _by_line(by["rest"])
    if len(line.split()) <= MAX_DATE_LINE_WORDS and YEAR.search(line) and (date := parse_date(line)):
        return Byline(date=date)  # a dateline on its own ("3 March 2022", "03.03.2022 14:05")
    return None


def _reads_as_byline(rest: str) -> bool:
    """ "Posted on", "Published: 3 May", "Updated by X" are bylines; "Published research shows…" is not."""
    return not rest or any(ch.isdigit() for ch in rest) or bool(AUTHOR_SPLIT.match(rest))


def _by_line(rest: str) -> Byline | None:
    """ "By Jane Doe and John Roe, 3 May 2022": every part must be a name or a date, so that a
    sentence such as "By the end of the year…" is left alone."""
    names: list[str] = []
    date = None
    for part in PART_SPLIT.split(rest.strip(" .")):
        if not part:
            continue
        if NAME.match(part):
            names.append(part)
        elif any(ch.isdigit() for ch in part):
            date = parse_date(part) or date  # "March 3" without a year: a byline, but no date
        else:
            return None
    return Byline(authors=names, date=date) if names else None


def _names(text: str) -> list[str]:
    parts = [p for p in PART_SPLIT.split(text.strip(" .")) if p]
    return parts if parts and all(NAME.match(p) for p in parts) else []


# "26.01.2022 - 14:30" is day-first wherever dots are used; dateparser alone reads "05.11.2021" as May.
DOTTED_DATE = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)(?:\D{1,6}(\d{1,2}):(\d{2}))?")
# "05/11/2021" is 5 November or May 11 depending on the country: not read.
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}(?!\d)")


def parse_date(text: str) -> str | None:
    """ISO 8601 for a complete written date (with the time when one is written), else None.

    A wrong date is worse than none: an all-numeric date that reads both ways gives None."""
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
        parsed = dateparser.parse(text.strip(" .,|"), settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    return parsed.isoformat() if TIME.search(text) else parsed.date().isoformat()
