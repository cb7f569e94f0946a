"""Plain-text posts, as scrapers leave them: bylines, a standfirst, paragraphs, subheading lines,
then promo lines and a comment form; or a whole page flattened to text, menus, share rows and
comment threads included. One logical line is one block; lines.py's model says which lines are the
article, the rest of the structure comes from shape.
"""

from __future__ import annotations

import re

from ..models import Section
from . import selectors
from .article import Extracted
from .authors import Byline, read_byline
from .lines import LineVerdict, content_words, is_page_furniture, judge_lines, load_model, post_language
from .promo import classify_line, is_call_to_action, opens_comment_section

HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
TITLE_MAX_WORDS = 12
STANDFIRST_MAX_WORDS = 50
SENTENCE_END = (".", ",", ";", ":", "!", "…", '"', "”", "»", "“", ")")  # "?" can end a heading
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")  # "## Subheading" in Markdown posts
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
# The model's headline: heading-shaped, and not longer than headlines run.
MODEL_TITLE_MAX_WORDS = 16
MODEL_TITLE_MAX_CHARS = 160
# When the model is sure of no headline: the line above the first paragraph, this near it, with the
# best title probability plus TOPIC_WEIGHT times the share of its words the article's paragraphs use,
# if that reaches MIN_TITLE_SCORE. Dev split, titles right (whole page / region): without it 39.0 /
# 42.2 %, with it 48.2 / 46.2 %; the price, 0.7 points more boilerplate leaked on whole pages (a wrong
# headline is a boilerplate line). Topic weight 0 / 0.25 / 0.5 / 1.0, whole page, on the model of
# 3e6e1a8: 47.1 / 48.2 / 47.6 / 46.7 %. A penalty for distance from the text did not help.
TITLE_REACH = 12
TOPIC_WEIGHT = 0.25
MIN_TITLE_SCORE = 0.05
DOUBTED_TITLE_MAX_WORDS = 15  # 95.7 % of the corpus's headlines are as short; a longer line is a lead
# "Headline | Site": a line joined at one of these, one side of which stands alone elsewhere in the post.
TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ", " « ", " » ")
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
# A line the model gives at least this much stays when it is prose beside a kept line (_kept).
# Measured on the dev split: kept +2 points at +0.2 leaked; 0.2 and 0.4 do about the same.
KEEP_BESIDE_KEPT = 0.3
PROSE_MIN_WORDS = 12
PROSE_END = (".", "!", "?", "…")
CLOSING_MARKS = "\"'”’»)"
MAX_NOTICE_CHARS = 300
CONSENT = re.compile(selectors.CONSENT_NOTICE, re.I)
MIN_KEPT_WORDS = 15  # fewer, and the phrase lists alone decide (see _with_rules_only)
PARAGRAPH_CHARS = 150  # a kept line this long is a paragraph of the article: after the last, the tail
ASKING_WORDS = 12  # "Liked this recipe?" before a call asks with it; a longer question is the article's


def parse_plaintext(text: str) -> Extracted:
    result = Extracted()
    lines = logical_lines(text)
    result.language = post_language(lines)
    content = _strip_boilerplate(lines, result)
    if result.title is None and content and (MARKDOWN_HEADING.match(content[0]) or _is_title(content)):
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
    kept = _kept(verdicts, model.keep_threshold)
    thread = _thread_start(verdicts, kept)
    about = _about(verdicts[:thread], kept)
    title_at = _title_index(verdicts, kept, thread, model.title_threshold, about)
    bylines = _bylines(verdicts, kept, thread, title_at, date_languages(result.language))
    calls = _calls_to_action(verdicts, kept, thread)
    content: list[str] = []
    trial = Extracted()
    for index, verdict in enumerate(verdicts):
        line = verdict.line
        if index >= thread:
            trial.record_removed("comments", line)
        elif index == title_at:
            trial.title = _title_text(line, {v.line for v in verdicts} - {line}, about)
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


def _kept(verdicts: list[LineVerdict], threshold: float) -> list[bool]:
    """The model's verdicts, read with the article's shape: a consent notice goes; a prose line the
    model doubts (down to KEEP_BESIDE_KEPT) stays beside a kept line, the way paragraphs run on;
    a subheading between kept lines, before a paragraph, stays."""
    lines = [v.line for v in verdicts]
    kept = [v.keep >= threshold and not _is_consent_notice(v.line) for v in verdicts]
    grown = True
    while grown:  # hysteresis: a doubted prose line joins a kept neighbour, and so on outwards
        grown = False
        for i, verdict in enumerate(verdicts):
            if kept[i] or verdict.keep < KEEP_BESIDE_KEPT or verdict.rule or not _is_prose(verdict.line):
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
            and _is_headline_shaped(verdict.line)
            and _is_prose(lines[i + 1])
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


def _is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS and line.rstrip(CLOSING_MARKS).endswith(PROSE_END)


def _is_consent_notice(line: str) -> bool:
    return len(line) <= MAX_NOTICE_CHARS and CONSENT.search(line) is not None


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
        paragraphs_before += kept[index] and _is_prose(verdict.line)
    return len(verdicts)


def _about(verdicts: list[LineVerdict], kept: list[bool]) -> frozenset[str]:
    """The words of the article's kept paragraphs: what its headline is about too."""
    paragraphs = [v.line for v, keep in zip(verdicts, kept, strict=False) if keep and _is_prose(v.line)]
    return frozenset().union(*map(content_words, paragraphs))


def _topic_share(line: str, about: frozenset[str]) -> float:
    words = content_words(line)
    return len(words & about) / len(words) if words else 0.0


def _title_index(
    verdicts: list[LineVerdict], kept: list[bool], thread: int, threshold: float, about: frozenset[str]
) -> int | None:
    """The headline: of the lines the model is sure enough are a title, the last before the article's
    first paragraph (a site's name and tagline stand above its menu, the headline just above the
    text), else the likeliest before the thread. When the model is sure of none: the line that opens
    the kept block the first paragraph stands in (_headline_above), else the likeliest of the lines
    just above the first paragraph, the article's topic counted in (_likeliest_near)."""
    candidates = [
        index
        for index, verdict in enumerate(verdicts[:thread])
        if verdict.title >= threshold and _may_be_headline(verdict)
    ]
    first_paragraph = next(
        (index for index, verdict in enumerate(verdicts[:thread]) if kept[index] and _is_prose(verdict.line)),
        None,
    )
    above = [index for index in candidates if first_paragraph is not None and index < first_paragraph]
    if above:
        return above[-1]
    if candidates:
        return max(candidates, key=lambda index: verdicts[index].title)
    if first_paragraph is None:
        return None
    found = _headline_above(verdicts, kept, first_paragraph)
    return found if found is not None else _likeliest_near(verdicts, first_paragraph, about)


def _likeliest_near(verdicts: list[LineVerdict], first_paragraph: int, about: frozenset[str]) -> int | None:
    """A headline the model doubts: bylines, dates and share rows often stand between it and the
    text, and the model's title probability, low for every line, is still highest for it; the
    article's paragraphs are about what it says, while a kicker or a menu label is not. As short as
    a headline the model did not vouch for may be: a longer line is a lead."""
    scored = [
        (verdicts[index].title + TOPIC_WEIGHT * _topic_share(verdicts[index].line, about), index)
        for index in range(max(0, first_paragraph - TITLE_REACH), first_paragraph)
        if _may_be_headline(verdicts[index])
        and not verdicts[index].labelled_byline
        and len(verdicts[index].line.split()) <= DOUBTED_TITLE_MAX_WORDS
    ]
    best = max(scored, default=None)
    return best[1] if best is not None and best[0] >= MIN_TITLE_SCORE else None


def _title_text(line: str, others: set[str], about: frozenset[str]) -> str:
    """The headline's text. A "Headline | Site" line, one of whose sides stands alone elsewhere in the
    post (the site's name by its logo, or the headline itself), gives the side the article is about."""
    for mark in TITLE_SEPARATORS:
        head, found, tail = line.rpartition(mark)
        if found and head and tail and (head in others or tail in others):
            return max((head, tail), key=lambda side: (_topic_share(side, about), len(side)))
    return _heading_text(line)


def _headline_above(verdicts: list[LineVerdict], kept: list[bool], first_paragraph: int) -> int | None:
    """In the run of kept lines and bylines that ends at the article's first paragraph (the menu and
    the site's tagline above it are not kept), the first line the model rates at least half as
    likely a title as the run's likeliest: a sign-in link may open the run, a standfirst follow."""
    start = first_paragraph
    while start > 0 and (kept[start - 1] or verdicts[start - 1].labelled_byline):
        start -= 1
    run = [index for index in range(start, first_paragraph) if not verdicts[index].labelled_byline]
    if not run:
        return None
    likeliest = max(verdicts[index].title for index in run)
    index = next(index for index in run if verdicts[index].title >= likeliest / 2)
    # As short as a headline the model did not vouch for may be (_is_title): a longer line is a lead.
    line = verdicts[index].line
    return index if _may_be_headline(verdicts[index]) and len(line.split()) <= TITLE_MAX_WORDS else None


def _may_be_headline(verdict: LineVerdict) -> bool:
    # A line a phrase list names, a consent notice, a skip link or a trail is never the headline;
    # nor is a line with a chevron between words ("Reviews › Crime"): no headline of the corpus has one.
    line = verdict.line
    return not (
        verdict.rule or _is_consent_notice(line) or is_page_furniture(line) or " › " in line
    ) and _is_headline_shaped(line)


def _is_headline_shaped(line: str) -> bool:
    return (
        len(line) <= MODEL_TITLE_MAX_CHARS
        and len(line.split()) <= MODEL_TITLE_MAX_WORDS
        and not line.endswith((".", ",", ";", ":"))
    ) or bool(MARKDOWN_HEADING.match(line))


def date_languages(language: str | None) -> tuple[str, ...] | None:
    """The languages a post's dates are read in: its own and English (menus and stamps often are)."""
    return (language, "en") if language and language != "en" else ("en",) if language else None


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
            sections.append(Section(heading=_heading_text(line), level=len(marked[1]) if marked else 2))
        else:
            sections[-1].paragraphs.append(line)
    return [s for s in sections if s.heading or s.paragraphs]
