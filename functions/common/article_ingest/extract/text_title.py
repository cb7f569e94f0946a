"""The headline of a plain-text post: which line it is, among the line model's verdicts, and its text.

The model's sure titles come first; when it is sure of none, the kept line that opens the article's
first block, else the likeliest line just above the first paragraph, what the article is about
counted in. A "Headline | Site" line gives the side the article is about.
"""

from __future__ import annotations

from .lines import LineVerdict, content_words, is_page_furniture
from .text_shapes import TITLE_MAX_WORDS, heading_text, is_consent_notice, is_headline_shaped, is_prose

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


def article_words(verdicts: list[LineVerdict], kept: list[bool]) -> frozenset[str]:
    """The words of the article's kept paragraphs: what its headline is about too. Gathered a
    paragraph at a time: every paragraph's words at once took 70 MB on a post of 20,000."""
    words: set[str] = set()
    for verdict, keep in zip(verdicts, kept, strict=False):
        if keep and is_prose(verdict.line):
            words.update(content_words(verdict.line))
    return frozenset(words)


def topic_share(line: str, about: frozenset[str]) -> float:
    words = content_words(line)
    return len(words & about) / len(words) if words else 0.0


def title_index(
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
        (index for index, verdict in enumerate(verdicts[:thread]) if kept[index] and is_prose(verdict.line)),
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
        (verdicts[index].title + TOPIC_WEIGHT * topic_share(verdicts[index].line, about), index)
        for index in range(max(0, first_paragraph - TITLE_REACH), first_paragraph)
        if _may_be_headline(verdicts[index])
        and not verdicts[index].labelled_byline
        and len(verdicts[index].line.split()) <= DOUBTED_TITLE_MAX_WORDS
    ]
    best = max(scored, default=None)
    return best[1] if best is not None and best[0] >= MIN_TITLE_SCORE else None


def title_text(line: str, others: set[str], about: frozenset[str]) -> str:
    """The headline's text. A "Headline | Site" line, one of whose sides stands alone elsewhere in the
    post (the site's name by its logo, or the headline itself), gives the side the article is about."""
    for mark in TITLE_SEPARATORS:
        head, found, tail = line.rpartition(mark)
        if found and head and tail and (head in others or tail in others):
            return max((head, tail), key=lambda side: (topic_share(side, about), len(side)))
    return heading_text(line)


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
        verdict.rule or is_consent_notice(line) or is_page_furniture(line) or " › " in line
    ) and is_headline_shaped(line)
