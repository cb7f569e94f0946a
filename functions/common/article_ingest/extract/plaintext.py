"""Plain-text posts, as scrapers leave them: bylines, a standfirst, paragraphs, subheading lines,
then promo lines and a comment form. One logical line is one block; structure comes from shape.
"""

from __future__ import annotations

import re

from ..models import Section
from .article import Extracted
from .authors import Byline, read_byline
from .promo import classify_line, opens_comment_section

HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
TITLE_MAX_WORDS = 12
STANDFIRST_MAX_WORDS = 50
SENTENCE_END = (".", ",", ";", ":", "!", "…", '"', "”", "»", "“", ")")  # "?" can end a heading
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")  # "## Subheading" in Markdown posts
WRAP_MIN_CHARS = 50
WRAP_MAX_CHARS = 100


def parse_plaintext(text: str) -> Extracted:
    result = Extracted()
    content = _strip_boilerplate(logical_lines(text), result)
    if content and (MARKDOWN_HEADING.match(content[0]) or _is_title(content)):
        result.title, content = _heading_text(content[0]), content[1:]
    if len(content) >= 3 and _is_standfirst(content[0], content[1]):
        result.standfirst, content = content[0], content[1:]
    result.sections = _sections(content)
    return result


def logical_lines(text: str) -> list[str]:
    """Non-empty lines, with hard-wrapped paragraphs (lines cut at ~72 columns) joined again."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    for block in text.split("\n\n"):
        rows = [row.strip() for row in block.split("\n") if row.strip()]
        lines.extend([" ".join(rows)] if _is_hard_wrapped(rows) else rows)
    return lines


def _is_hard_wrapped(rows: list[str]) -> bool:
    """Wrapped rows are all about as long as the longest and end mid-sentence; separate lines of
    a post pasted without blank lines vary in length and end with punctuation."""
    if len(rows) < 2:
        return False
    widest = max(len(row) for row in rows)
    body = rows[:-1]
    return (
        WRAP_MIN_CHARS <= widest <= WRAP_MAX_CHARS
        and all(len(row) >= 0.6 * widest for row in body)
        and sum(not row.endswith(SENTENCE_END) for row in body) >= len(body) / 2
    )


def _strip_boilerplate(lines: list[str], result: Extracted) -> list[str]:
    """Remove bylines and promo lines; a comment section ("Leave a Reply", "3 comments") ends the
    post, so it and everything after it are removed as comments."""
    content: list[str] = []
    for index, line in enumerate(lines):
        byline = read_byline(line)
        if byline is not None:
            result.record_removed("byline", line)
            _take_byline(byline, result)
            continue
        if opens_comment_section(line):
            for rest in lines[index:]:
                result.record_removed("comments", rest)
            break
        kind = classify_line(line)
        if kind:
            result.record_removed(kind, line)
        else:
            content.append(line)
    return content


def _take_byline(byline: Byline, result: Extracted) -> None:
    for name in byline.authors:
        if name not in result.authors:
            result.authors.append(name)
    result.published = result.published or byline.date


def is_heading_shaped(line: str) -> bool:
    if MARKDOWN_HEADING.match(line):
        return True
    return (
        len(line) <= HEADING_MAX_CHARS
        and len(line.split()) <= HEADING_MAX_WORDS
        and not line.endswith(SENTENCE_END)
        and (line[0].isupper() or line[0].isdigit())
    )


def _heading_text(line: str) -> str:
    marked = MARKDOWN_HEADING.match(line)
    return marked[2] if marked else line


def _is_title(content: list[str]) -> bool:
    first = content[0]
    return len(content) > 1 and is_heading_shaped(first) and len(first.split()) <= TITLE_MAX_WORDS


def _is_standfirst(line: str, following: str) -> bool:
    """A lead line: shorter than the paragraph after it and not itself a heading."""
    return (
        len(line.split()) <= STANDFIRST_MAX_WORDS
        and len(line) < len(following)
        and not (is_heading_shaped(line) and not is_heading_shaped(following))
    )


def _sections(lines: list[str]) -> list[Section]:
    sections = [Section()]
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        marked = MARKDOWN_HEADING.match(line)
        if marked or (following and is_heading_shaped(line) and not is_heading_shaped(following)):
            sections.append(Section(heading=_heading_text(line), level=len(marked[1]) if marked else 2))
        else:
            sections[-1].paragraphs.append(line)
    return [s for s in sections if s.heading or s.paragraphs]
