"""Plain-text posts, as scrapers leave them: bylines, a standfirst, paragraphs, subheading lines,
then promo lines and a comment form; or a whole page flattened to text, menus, share rows and
comment threads included. One logical line is one block; lines.py's model says which lines are the
article, the rest of the structure comes from shape.
"""

from __future__ import annotations

from ..models import Section
from .article import Extracted
from .authors import Byline, read_byline
from .dates import date_languages
from .lines import LineVerdict, is_page_furniture, judge_lines, load_model, post_language
from .promo import classify_line, is_call_to_action, opens_comment_section
from .text_shapes import (
    MARKDOWN_HEADING,
    SENTENCE_END,
    TITLE_MAX_WORDS,
    heading_text,
    is_consent_notice,
    is_heading_shaped,
    is_headline_shaped,
    is_prose,
)
from .text_title import article_words, title_index, title_text

STANDFIRST_MAX_WORDS = 50
# A line starting with one of these continues the line before it (rejoin_fragments)...
CONTINUING_MARKS = frozenset(",.;:!?)]}”’»%")
# ...unless that line ended a sentence or a block.
FRAGMENT_END = (".", "!", "?", "…", ":", "|", "»", "«")
WRAP_MIN_CHARS = 50
WRAP_MAX_CHARS = 100
# A comment thread ends the article: a thread start with more of the kept text after it than this
# is a "12 comments" link in the meta row, not the thread.
MAX_CONTENT_AFTER_THREAD = 0.15
# ...unless it stands below this many of the article's paragraphs: a "12 comments" link stands above
# them. Dev split, comment snippets leaked: whole page 15.1 -> 10.5 %, region 20.0 -> 0 % (3 and 6 alike).
THREAD_AFTER_PARAGRAPHS = 3
# Byline lines with only a date are read this close to the headline or the first kept line: dates
# further off belong to teasers and comments (and each costs a dateparser call).
BYLINE_REACH = 6
# Kinds of the line model's training corpus, as the Article's removed kinds.
REMOVED_KIND = {
    "navigation": "navigation",
    "related": "navigation",
    "share": "share",
    "promo": "promo",
    "comments": "comments",
    "meta": "byline",
    "legal": "boilerplate",
    "cookie": "boilerplate",
    "other": "boilerplate",
}
MIN_KEPT_WORDS = 15  # fewer, and the phrase lists alone decide (see _with_rules_only)
PARAGRAPH_CHARS = 150  # a kept line this long is a paragraph of the article: after the last, the tail
ASKING_WORDS = 12  # "Liked this recipe?" before a call asks with it; a longer question is the article's


def parse_plaintext(text: str) -> Extracted:
    result = Extracted()
    lines = logical_lines(text)
    result.language = post_language(lines)
    content = _strip_boilerplate(lines, result)
    if result.title is None and content and (MARKDOWN_HEADING.match(content[0]) or _is_title(content)):
        result.title, content = heading_text(content[0]), content[1:]
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
    return rejoin_fragments(lines)


def rejoin_fragments(lines: list[str]) -> list[str]:
    """A sentence broken at its inline elements joined again. Flatteners that put every text node
    on its own line (BeautifulSoup's get_text("\\n")) leave a linked name or an emphasis as a
    line, and the sentence around it as lines starting in lower case or with its punctuation;
    judged alone, no such fragment reads as prose."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if previous and not previous.endswith(FRAGMENT_END):
            if line[0] in CONTINUING_MARKS:
                out[-1] = previous + line
                continue
            if line[0].islower():
                out[-1] = f"{previous} {line}"
                continue
        out.append(line)
    return out


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
    """Keep the lines the model reads as the article. A comment thread goes whole, from its start
    to the end of the post; bylines are read wherever they stand; the headline becomes the title.
    Guarded against over-pruning: when the model keeps almost nothing, the phrase lists decide."""
    if not lines:
        return []
    model = load_model()
    verdicts = judge_lines(lines, result.language, model)
    kept = _kept(verdicts, model.keep_threshold, model.beside_threshold)
    thread = _thread_start(verdicts, kept)
    about = article_words(verdicts[:thread], kept)
    title_at = title_index(verdicts, kept, thread, model.title_threshold, about)
    bylines = _bylines(verdicts, kept, thread, title_at, date_languages(result.language))
    calls = _calls_to_action(verdicts, kept, thread)
    content: list[str] = []
    trial = Extracted()
    for index, verdict in enumerate(verdicts):
        line = verdict.line
        if index >= thread:
            trial.record_removed("comments", line)
        elif index == title_at:
            trial.title = title_text(line, {v.line for v in verdicts} - {line}, about)
        elif index in bylines:
            trial.record_removed("byline", line)
            _take_byline(bylines[index], trial)
        elif index in calls:
            trial.record_removed("promo", line)
        elif kept[index]:
            content.append(line)
        else:
            trial.record_removed(_removed_kind(verdict), line)
    words = sum(len(line.split()) for line in content)
    if words < MIN_KEPT_WORDS:
        by_rules = _with_rules_only(lines, result)
        if sum(len(line.split()) for line in by_rules) > words:
            result.fallback = f"the line model kept {words} word(s); the phrase lists alone decided"
        return by_rules
    result.title, result.authors, result.published, result.removed = (
        trial.title,
        trial.authors,
        trial.published,
        trial.removed,
    )
    return content


def _kept(verdicts: list[LineVerdict], threshold: float, beside: float) -> list[bool]:
    """The model's verdicts, read with the article's shape: a consent notice goes; a prose line the
    model doubts (down to beside) stays beside a kept line, the way paragraphs run on; a
    subheading between kept lines, before a paragraph, stays."""
    lines = [v.line for v in verdicts]
    kept = [v.keep >= threshold and not is_consent_notice(v.line) for v in verdicts]
    grown = True
    while grown:  # hysteresis: a doubted prose line joins a kept neighbour, and so on outwards
        grown = False
        for i, verdict in enumerate(verdicts):
            if kept[i] or verdict.keep < beside or verdict.rule or not is_prose(verdict.line):
                continue
            if (i > 0 and kept[i - 1]) or (i + 1 < len(kept) and kept[i + 1]):
                kept[i] = grown = True
    for i in range(1, len(verdicts) - 1):
        verdict = verdicts[i]
        if (
            not kept[i]
            and kept[i - 1]
            and kept[i + 1]
            and verdict.rule is None
            and not verdict.opener
            and is_headline_shaped(verdict.line)
            and is_prose(lines[i + 1])
        ):
            kept[i] = True
    return kept


def _calls_to_action(verdicts: list[LineVerdict], kept: list[bool], thread: int) -> set[int]:
    """Kept lines that ask the reader to subscribe, follow, share or donate, judged as the HTML path
    judges them: promo's call-to-action score, told whether the line stands after the article's
    last paragraph ("tail") or alone between two paragraphs ("aside"). A short question just
    before a call in the tail ("Liked this recipe?") goes with it, whoever took the call."""
    lines = [verdict.line for verdict in verdicts[:thread]]
    paragraph = [keep and len(line) >= PARAGRAPH_CHARS for keep, line in zip(kept, lines, strict=False)]
    last = max((index for index, is_paragraph in enumerate(paragraph) if is_paragraph), default=-1)
    calls: set[int] = set()
    for index, line in enumerate(lines):
        before = index - 1
        asked = (  # a short question in the tail just before this line
            before > last
            and kept[before]
            and lines[before].rstrip().endswith("?")
            and len(lines[before].split()) <= ASKING_WORDS
        )
        if not (kept[index] or asked):
            continue  # a line gone already matters only for the question before it
        if index > last:
            position = "tail"
        elif 0 < index < len(lines) - 1 and paragraph[index - 1] and paragraph[index + 1]:
            position = "aside"
        else:
            position = None
        if verdicts[index].rule != "promo" and not is_call_to_action(line, position=position):
            continue
        if kept[index]:
            calls.add(index)
        if asked:
            calls.add(before)
    return calls


def _removed_kind(verdict: LineVerdict) -> str:
    return verdict.rule or REMOVED_KIND.get(verdict.kind or "other", "boilerplate")


def _thread_start(verdicts: list[LineVerdict], kept: list[bool]) -> int:
    """Where the comment thread starts (len(verdicts) when there is none): a comment-section
    opener, or a line the model reads as a comment with more comments just after it, that has
    little of the kept text after it; or an opener below the article's first paragraphs, however
    long the comments after it run (142 replies, some as long as the post)."""
    sizes = [len(v.line) if keep else 0 for v, keep in zip(verdicts, kept, strict=True)]
    total = sum(sizes) or 1
    after = total
    paragraphs_before = 0
    for index, verdict in enumerate(verdicts):
        after -= sizes[index]
        opens = verdict.opener and not kept[index]
        commented = (
            verdict.comments >= 0.5 and sum(v.comments >= 0.5 for v in verdicts[index + 1 : index + 6]) >= 2
        )
        if (opens or commented) and after <= MAX_CONTENT_AFTER_THREAD * total:
            return index
        if opens and paragraphs_before >= THREAD_AFTER_PARAGRAPHS:
            return index
        paragraphs_before += kept[index] and is_prose(verdict.line)
    return len(verdicts)


def _bylines(
    verdicts: list[LineVerdict],
    kept: list[bool],
    thread: int,
    title_at: int | None,
    languages: tuple[str, ...] | None,
) -> dict[int, Byline]:
    """Byline lines before the thread: labelled ones ("Posted on", "By …") anywhere, bare dates
    only near the headline or the first kept line."""
    first_kept = next((i for i, keep in enumerate(kept) if keep), 0)
    anchors = [first_kept] if title_at is None else [title_at, first_kept]
    found: dict[int, Byline] = {}
    for index, verdict in enumerate(verdicts[:thread]):
        near = any(abs(index - anchor) <= BYLINE_REACH for anchor in anchors)
        if index == title_at or not (near or verdict.labelled_byline):
            continue
        byline = read_byline(verdict.line, languages)
        if byline is not None:
            found[index] = byline
    return found


def _with_rules_only(lines: list[str], result: Extracted) -> list[str]:
    """Remove bylines and promo lines; a comment section ("Leave a Reply", "3 comments") ends the
    post, so it and everything after it are removed as comments."""
    content: list[str] = []
    languages = date_languages(result.language)
    for index, line in enumerate(lines):
        byline = read_byline(line, languages)
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


def _is_title(content: list[str]) -> bool:
    first = content[0]
    return (
        len(content) > 1
        and is_heading_shaped(first)
        and len(first.split()) <= TITLE_MAX_WORDS
        and not is_page_furniture(first)
    )


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
            sections.append(Section(heading=heading_text(line), level=len(marked[1]) if marked else 2))
        else:
            sections[-1].paragraphs.append(line)
    return [s for s in sections if s.heading or s.paragraphs]
