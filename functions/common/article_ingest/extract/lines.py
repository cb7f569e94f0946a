"""Which lines of a plain-text post are the article: a learned line model, run in plain Python.

A scraped page flattened to text keeps its menus, share rows, "posted in" rows, recent-post lists,
cookie notices and comment threads as lines among the article's. Such lines are told apart by
their shape and their neighbours, not by their wording: a menu is a run of one- and two-word lines
without stop words; a comment is a short paragraph after a user name and a "3 hours ago" line.

Each line gets features of its own shape (length, words, terminal punctuation, stop-word share,
capitals, digits, dates, handles, URLs), of its place (position, runs of short lines, prose before
and after it, repeats) and of its neighbours, plus the phrase lists' verdicts (promo.classify_line
and friends) as features. A multinomial logistic model scores them twice: the second pass also
sees the first pass's probabilities around the line. Whether a line is kept is then read from
boosted trees over the second pass's features (line_trees.py); the linear second pass still gives
its title and comment probabilities. A third, smaller model names the kind of a line that goes.
The weights (line_model.json) are trained by bench/quality/train_line_model.py.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, chain, repeat
from operator import add, itemgetter, mul, sub, truediv
from pathlib import Path
from typing import NamedTuple

from . import intents, selectors
from .authors import BYLINE_BY, BYLINE_LABEL
from .language import language_of
from .line_trees import KeepTrees
from .promo import (
    NAMED_HEADINGS,
    AnyCase,
    classify_line,
    classify_meta_row,
    in_lower_case,
    intent_features,
    opens_comment_section,
    opens_related_list,
)

MODEL_PATH = Path(__file__).with_name("line_model.json")
CONTENT, TITLE, COMMENTS, BOILERPLATE = "content", "title", "comments", "boilerplate"

TERMINAL = frozenset(".!?…。！？")
CLOSERS = frozenset("\"'”’»)]")
BULLETS = frozenset("•·-–—*»›«‹←→>|/§©®+")
LONG_WORDS = 12  # a line of this many words is prose, wherever it stands
SHORT_WORDS = 3
MAX_STAMP_CHARS = 300  # a longer line is prose: its dates and links say nothing about its role
WINDOW = 3
LATE_OPENER_PROSE = 0.3  # share of the post's prose after a comment-section opener

CHAR_BINS = (3, 10, 25, 60, 150, 400)
WORD_BINS = (1, 2, 4, 8, 15, 30)
SHARE_BINS = (0.0, 0.1, 0.25, 0.5, 0.75)
RUN_BINS = (1, 2, 4, 8, 16)
DISTANCE_BINS = (0, 1, 2, 5, 10, 25)

DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d{2}\b|\b(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b"
    r"|\b\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\b"
)
MONTH = AnyCase(rf"\b(?:{selectors.MONTHS}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\b")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
CLOCK = AnyCase(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm|uhr)\b")
# Relative times, the mark of comment threads and feeds: "3 hours ago", "vor 2 Tagen", "il y a 5 min".
AGO = AnyCase(
    r"\b(?:ago|vor \d+|il y a|hace \d+|\d+ \w+\.? fa|\d+ \w+\.? temu|há \d+|\d+ \w+\.? geleden"
    r"|gestern|yesterday|just now|gerade eben|hier à|ayer|ieri|ontem|wczoraj|gisteren)\b"
)
URL = AnyCase(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|de|at|ch|uk|fr|es|it|pl|nl|io|eu)\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w[\w.]*")
HANDLE = re.compile(r"(?:^|\s)@\w")
HASHTAG = re.compile(r"(?:^|\s)#\w")
COUNT_LABEL = re.compile(r"^\(?[\d.,]+\s?[kKmM]?\)?(?:\s+\w+){0,2}$")  # "14 notes", "1,204 followers", "(3)"
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# Accessibility links that jump past the menu, in the corpus's languages.
SKIP_LINK = re.compile(
    r"(?:skip|jump) to |zum inhalt|direkt zum|aller au contenu|passer au contenu|saltar al contenido"
    r"|ir al contenido|vai al contenuto|salta al contenuto|ir para o conteúdo|naar de inhoud"
    r"|przejdź do treści|перейти к содержимому|перейти до вмісту",
    re.I,
)
ARROWS = ("→", "←", "›", "‹", ">>", "<<")  # not « »: headlines are quoted in them
TRAIL_MARKS = (" / ", " › ", " > ", " » ", " \\ ")
# "Tagged: queues, redis, reliability", "Filed under: News, Local, Transport": a label and a list.
LABELLED_LIST = re.compile(r"^[^\W\d][\w .'’-]{0,30}:\s*[^,:]{1,40}(?:,\s*[^,:]{1,40}){2,}$")
# Features a neighbour passes on: what a line's shape says about the lines beside it.
CONTEXT_FEATURES = frozenset(
    {"long", "short", "terminal", "heading", "rule", "date", "ago", "count", "url", "sw>=0.25", "sw=0"}
    | {"furniture"}  # a breadcrumb trail or a skip link: the headline often comes next
    | {f"w<={n}" for n in WORD_BINS}
    | {"w>30"}
)
# Function words per language (data: stopwords.json), read for the share of a line's words they make.
STOP_WORDS: dict[str, list[str]] = json.loads(
    Path(__file__).with_name("stopwords.json").read_text(encoding="utf-8")
)["words"]
STOP_ANY = frozenset(word for words in STOP_WORDS.values() for word in words)
STOP_BY_LANGUAGE = {language: frozenset(words) for language, words in STOP_WORDS.items()}
WORD = re.compile(r"[^\W\d_]{3,}")  # a word of three letters or more, for what a line is about


@lru_cache(maxsize=4096)
def content_words(line: str) -> frozenset[str]:
    """The words a line is about: lower-cased, three letters or more, no function word. Remembered:
    the line model's topic feature reads every line, plaintext's headline choice reads some again."""
    return frozenset(WORD.findall(line.lower())) - STOP_ANY


def _bin(prefix: str, value: float, bins: tuple[float, ...]) -> str:
    at = bisect_left(bins, value)
    return f"{prefix}<={bins[at]}" if at < len(bins) else f"{prefix}>{bins[-1]}"


def _bin_table(prefix: str, bins: tuple[int, ...]) -> tuple[str, ...]:
    """_bin's name for every integer up to the last bin and one past it (looked up, not computed)."""
    return tuple(_bin(prefix, value, bins) for value in range(bins[-1] + 2))


CHAR_BIN = _bin_table("c", CHAR_BINS)
WORD_BIN = _bin_table("w", WORD_BINS)
RUN_BIN = _bin_table("short_run", RUN_BINS)
FROM_PROSE_BIN = _bin_table("from_prose", DISTANCE_BINS)
PROSE_BACK_BIN = _bin_table("prose_back", DISTANCE_BINS)
PROSE_AHEAD_BIN = _bin_table("prose_ahead", DISTANCE_BINS)
SENTENCE_BINS = (1, 2, 4)
SENTENCES_BIN = _bin_table("sentences", SENTENCE_BINS)


def _share_names(prefix: str) -> tuple[str, ...]:
    """_bin's name for a share, by where bisect_left puts it among SHARE_BINS."""
    return tuple(_bin(prefix, value, SHARE_BINS) for value in (*SHARE_BINS, 1.0))


CAPS_BIN = _share_names("caps")
DIGITS_BIN = _share_names("digits")
SW_BIN = _share_names("sw")
SWANY_BIN = _share_names("swany")
TOPIC_BIN = _share_names("topic")
WORD_EDGES = ".,;:!?\"'()«»„“”’"  # stripped from a word before it is looked up as a stop word
# bytes.translate's delete tables: what is left of an ASCII line is its letters, or its digits.
NOT_ASCII_LETTERS = bytes(code for code in range(256) if not (code < 128 and chr(code).isalpha()))
NOT_ASCII_DIGITS = bytes(code for code in range(256) if not (code < 128 and chr(code).isdigit()))


def _letters_and_digits(line: str) -> tuple[int, int]:
    """How many characters str.isalpha and str.isdigit accept: for an ASCII line, counted in C."""
    if line.isascii():
        raw = line.encode("ascii")
        return len(raw.translate(None, NOT_ASCII_LETTERS)), len(raw.translate(None, NOT_ASCII_DIGITS))
    return sum(map(str.isalpha, line)), sum(map(str.isdigit, line))


class Shape(NamedTuple):  # not a frozen dataclass: one is made per line, and those are slow to make
    """What one line looks like by itself."""

    features: dict[str, float]
    context: tuple[str, ...]  # the features its neighbours see
    words: int
    chars: int
    prose: bool  # long enough, or ending like a sentence, to be read as prose
    opener: bool  # reads as the start of a comment section
    rule: str | None  # the phrase lists' kind for it


def line_shape(line: str, stop_words: frozenset[str]) -> Shape:
    words = line.split()
    lowered_line = in_lower_case(line)
    n_words = len(words) if line.isascii() else len(words) + len(UNSPACED.findall(line))
    chars = len(line)
    last, first = line[-1], line[0]
    f: dict[str, float] = {
        CHAR_BIN[min(chars, CHAR_BINS[-1] + 1)]: 1.0,
        WORD_BIN[min(n_words, WORD_BINS[-1] + 1)]: 1.0,
        "log_chars": math.log1p(chars) / 6,
    }
    terminal = last in TERMINAL or (last in CLOSERS and len(line) > 1 and line[-2] in TERMINAL)
    if terminal:
        f["terminal"] = 1.0
    elif last == ":":
        f["colon_end"] = 1.0
    elif last in ",;":
        f["comma_end"] = 1.0
    elif last.isdigit():
        f["digit_end"] = 1.0
    elif not last.isalnum():
        f["symbol_end"] = 1.0
    if first.isupper():
        f["upper_start"] = 1.0
    elif first.islower():
        f["lower_start"] = 1.0
    elif first.isdigit():
        f["digit_start"] = 1.0
    elif first in BULLETS:
        f["bullet_start"] = 1.0
    else:
        f["symbol_start"] = 1.0
    initials = [initial for initial in map(itemgetter(0), words) if initial.isalpha()]
    if initials:
        caps = sum(map(str.isupper, initials)) / len(initials)
        f[CAPS_BIN[bisect_left(SHARE_BINS, caps)]] = 1.0
        if len(initials) >= 2 and caps == 1.0:
            f["title_case"] = 1.0
    letters, digits = _letters_and_digits(line)
    if letters >= 4 and line.isupper():
        f["all_caps"] = 1.0
    if digits:
        f[DIGITS_BIN[bisect_left(SHARE_BINS, digits / chars)]] = 1.0
    if letters < chars / 2:
        f["few_letters"] = 1.0
    if words:
        if lowered_line is not None:
            lowered = [word.strip(WORD_EDGES) for word in lowered_line.split()]
        else:
            lowered = [word.strip(WORD_EDGES).lower() for word in words]
        share = sum(map(stop_words.__contains__, lowered)) / len(words)
        share_any = sum(map(STOP_ANY.__contains__, lowered)) / len(words)
        f[SW_BIN[bisect_left(SHARE_BINS, share)]] = 1.0
        f[SWANY_BIN[bisect_left(SHARE_BINS, share_any)]] = 1.0
        if share == 0:
            f["sw=0"] = 1.0
        elif share >= 0.25:
            f["sw>=0.25"] = 1.0
    sentences = line.count(". ") + line.count("? ") + line.count("! ")
    if sentences:
        f[SENTENCES_BIN[min(sentences, SENTENCE_BINS[-1] + 1)]] = 1.0
    if n_words >= LONG_WORDS:
        f["long"] = 1.0
    if n_words <= SHORT_WORDS:
        f["short"] = 1.0
    if chars <= MAX_STAMP_CHARS:
        _stamp_features(line, lowered_line, digits, f)
    if "|" in line or " · " in line or " • " in line:
        f["separators"] = 1.0
    if line.count("   ") >= 2:  # a menu's items laid out as columns of spaces, as inscriptis does
        f["spaced_columns"] = 1.0
    if chars <= 220:
        if is_page_furniture(line):
            f["furniture"] = 1.0
        if line.count(",") >= 2 and LABELLED_LIST.match(line):
            f["labelled_list"] = 1.0
    if "©" in line or "(c)" in line or "(C)" in line:  # no other character lowers to "(c)"
        f["copyright"] = 1.0
    if digits and n_words <= 3 and COUNT_LABEL.match(line):
        f["count"] = 1.0
    if n_words <= 16 and chars <= 100 and not terminal and (first.isupper() or first.isdigit()):
        f["heading"] = 1.0
    rule, opener = None, False
    if chars <= 400:
        rule = classify_line(line)
        if rule:
            f[f"rule_{rule}"] = 1.0
            f["rule"] = 1.0
        if chars <= 220:
            # The phrases of both headings are rules' phrases: a line no rule before "boilerplate"
            # names (most lines) is neither, and is not searched again.
            opener = rule == "comments" and opens_comment_section(line)
            if opener:
                f["rule_opener"] = 1.0
            if n_words <= 8 and rule in NAMED_HEADINGS and opens_related_list(line):
                f["rule_related_list"] = 1.0
            if "|" in line and classify_meta_row(line):
                f["rule_meta_row"] = 1.0
            if n_words <= 16 and (BYLINE_BY.match(line) or BYLINE_LABEL.match(line)):
                f["rule_byline_label"] = 1.0
        # The call-to-action lexicon's signs, which the HTML path weighs by hand, weighed here by the
        # model: a promo in a phrasing no phrase list holds still asks the reader to act.
        for name in intent_features(line):
            f[CTA_FEATURE[name]] = 1.0
    prose = n_words >= LONG_WORDS or (terminal and n_words >= 6)
    # Sorted, not in set order: the order features are summed in must not change with the hash seed,
    # or the trainer's second pass sees other probabilities in every run.
    return Shape(f, tuple(sorted(CONTEXT_FEATURES.intersection(f))), n_words, chars, prose, opener, rule)


def is_page_furniture(line: str) -> bool:
    """Lines shaped like a page's furniture, never its headline: a skip link, a breadcrumb trail
    ("Home / Books / Review"), a previous/next link with its arrow."""
    stripped = line.strip()
    return (
        SKIP_LINK.match(stripped) is not None
        or stripped.startswith(ARROWS)
        or stripped.endswith(ARROWS)
        or sum(map(stripped.count, TRAIL_MARKS)) >= 2
    )


CTA_FEATURE = {name: f"cta_{name}" for name in (*intents.WEIGHTS, "intent_word", "you")}


def _stamp_features(line: str, lowered: str | None, digits: int, f: dict[str, float]) -> None:
    """Dates, times, "3 hours ago", links, handles: the stamps of meta rows, feeds and comments."""
    if digits:
        # A year or a date holds four digits at least: most lines with digits are not searched.
        dated = digits >= 4
        has_year = dated and YEAR.search(line) is not None
        if (dated and DATE.search(line)) or (has_year and MONTH.search(line, lowered)):
            f["date"] = 1.0
        elif has_year:
            f["year"] = 1.0
        elif MONTH.search(line, lowered):
            f["month_day"] = 1.0
        if CLOCK.search_rare(line, lowered):
            f["clock"] = 1.0
    if AGO.search_rare(line, lowered):
        f["ago"] = 1.0
    if "." in line and URL.search_rare(line, lowered):
        f["url"] = 1.0
    if "@" in line:
        if EMAIL.search(line):
            f["email"] = 1.0
        elif HANDLE.search(line):
            f["handle"] = 1.0
    if "#" in line and HASHTAG.search(line):
        f["hashtag"] = 1.0


@lru_cache(maxsize=64)
def _context_name(offset: int, name: str) -> str:
    return f"{offset:+d}:{name}"


def first_pass_features(lines: list[str], language: str | None) -> tuple[list[Shape], list[dict[str, float]]]:
    """Each line's own shape, its place in the post, and its neighbours' shapes, as one dict per
    line (the trainer's form; judge_lines sums the same features without building the dicts)."""
    shapes = line_shapes(lines, language)
    features = []
    for shape, (names, numeric), around in zip(
        shapes, places(lines, shapes), neighbours(shapes), strict=True
    ):
        f = dict(shape.features)
        f.update(dict.fromkeys(names, 1.0))
        f.update(zip(PLACE_NUMERIC, numeric, strict=True))
        for offset, context in zip(OFFSETS, around, strict=True):
            f.update(dict.fromkeys((_context_name(offset, name) for name in context), 1.0))
        features.append(f)
    return shapes, features


def line_shapes(lines: list[str], language: str | None) -> list[Shape]:
    """Each line's shape, computed once per distinct line (menus and share rows repeat)."""
    stop_words = STOP_BY_LANGUAGE.get((language or "")[:2], STOP_ANY)
    seen: dict[str, Shape] = {}
    shapes = []
    for line in lines:
        shape = seen.get(line)
        if shape is None:
            shape = seen[line] = line_shape(line, stop_words)
        shapes.append(shape)
    return shapes


OFFSETS = (-2, -1, 1, 2)
EDGE = ("edge",)
# The place features whose value is not 1.0, in the order places() gives them.
PLACE_NUMERIC = ("position", "prose_before", "prose_after", "win_prose", "win_short")


def neighbours(shapes: list[Shape]) -> list[tuple[tuple[str, ...], ...]]:
    """For each line, the context features of the lines at OFFSETS (EDGE past either end)."""
    n = len(shapes)
    return [
        tuple(shapes[i + offset].context if 0 <= i + offset < n else EDGE for offset in OFFSETS)
        for i in range(n)
    ]


def places(lines: list[str], shapes: list[Shape]) -> list[tuple[tuple[str, ...], tuple[float, ...]]]:
    """Each line's place in the post: (the binary features present, the PLACE_NUMERIC values)."""
    n = len(lines)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    prose_chars = [shape.chars if shape.prose else 0 for shape in shapes]
    total_prose = sum(prose_chars) or 1
    topics = _topics(lines, shapes)
    short_runs = _runs([shape.words <= SHORT_WORDS for shape in shapes])
    last_prose_before = _distances([shape.prose for shape in shapes])
    next_prose_after = _distances([shape.prose for shape in reversed(shapes)])[::-1]
    prose_prefix = [0]
    short_prefix = [0]
    for shape in shapes:
        prose_prefix.append(prose_prefix[-1] + shape.prose)
        short_prefix.append(short_prefix[-1] + (shape.words <= SHORT_WORDS))
    opener_seen = False
    before = 0
    out = []
    for i, shape in enumerate(shapes):
        names = ["bias"]
        if i < 3:
            names.append("first_lines")
        if n - i <= 3:
            names.append("last_lines")
        prose_before = before / total_prose
        before += prose_chars[i]
        prose_after = (total_prose - before) / total_prose if total_prose > 1 else 0.0
        if before - prose_chars[i] == 0:
            names.append("no_prose_before")
        if before == total_prose:
            names.append("no_prose_after")
        back, ahead = min(last_prose_before[i], 26), min(next_prose_after[i], 26)
        names += (FROM_PROSE_BIN[min(back, ahead)], PROSE_BACK_BIN[back], PROSE_AHEAD_BIN[ahead])
        names.append(RUN_BIN[min(short_runs[i], RUN_BINS[-1] + 1)])
        names.append(topics[i])
        repeats = counts[lines[i]]
        if repeats > 1:
            names.append("repeated")
            if repeats > 2:
                names.append("repeated3")
        # A "12 comments" link by the headline opens no thread: only an opener with little of
        # the prose after it marks the lines after it.
        if shape.opener and prose_after <= LATE_OPENER_PROSE:
            opener_seen = True
        if opener_seen:
            names.append("after_opener")
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        width = hi - lo
        numeric = (
            i / n,
            prose_before,
            prose_after,
            (prose_prefix[hi] - prose_prefix[lo]) / width,
            (short_prefix[hi] - short_prefix[lo]) / width,
        )
        out.append((tuple(names), numeric))
    return out


def _topics(lines: list[str], shapes: list[Shape]) -> list[str]:
    """For each line, the share of its words that the post's prose lines (other than itself) use: an
    article's headline, subheadings and list items are about what its paragraphs are about; a menu,
    a teaser for another post or a comment on something else are not. Each line's words are read
    twice rather than held for every line at once: on a post of 20,000 paragraphs they took 90 MB."""
    in_prose: dict[str, int] = {}  # per word, how many prose lines use it
    for line, shape in zip(lines, shapes, strict=True):
        if shape.prose:
            for word in content_words(line):
                in_prose[word] = in_prose.get(word, 0) + 1
    out = []
    for line, shape in zip(lines, shapes, strict=True):
        own = content_words(line)
        if not own:
            out.append("topic_none")
            continue
        shared = sum(in_prose.get(word, 0) > shape.prose for word in own)
        out.append(TOPIC_BIN[bisect_left(SHARE_BINS, shared / len(own))])
    return out


def _runs(flags: list[bool]) -> list[int]:
    """For each position, the length of the run of True it stands in (0 when False)."""
    runs = [0] * len(flags)
    start = 0
    for i in range(len(flags) + 1):
        if i == len(flags) or not flags[i]:
            for j in range(start, i):
                runs[j] = i - start
            start = i + 1
    return runs


def _distances(flags: list[bool]) -> list[int]:
    """Lines since the last True at or before each position (a large number when none)."""
    out, last = [], None
    for i, flag in enumerate(flags):
        if flag:
            last = i
        out.append(i - last if last is not None else 99)
    return out


P_OFFSETS = (-3, -2, -1, 1, 2, 3)
P_WIDTHS = (2, 6, 15)
# The second pass's features beyond the first's (all numeric), in the order pass_two_values gives them.
PASS_TWO = (
    *(f"{offset:+d}:p_{name}" for offset in P_OFFSETS for name in ("content", "comments")),
    *(f"p_content_win{width}" for width in P_WIDTHS),
    "p_content_before",
    "p_content_after",
    "p_comments_trail",
    "p_self_content",
    "p_self_comments",
    "p_self_title",
)


def pass_two_values(probabilities: list[tuple[float, float, float]]) -> list[tuple[float, ...]]:
    """The first pass's verdicts around each line, (content, title, comments) per line in, PASS_TWO
    values out: a line among content is content. Past either end a neighbour counts as 0. Built a
    column, one PASS_TWO value for every line, at a time."""
    n = len(probabilities)
    content = [p[0] + p[1] for p in probabilities]
    comments = [p[2] for p in probabilities]
    prefix = list(accumulate(content, initial=0.0))
    total = prefix[n] or 1
    columns = [_shifted(values, offset) for offset in P_OFFSETS for values in (content, comments)]
    for lo, hi, others in _windows(n):
        # (prefix[hi] - prefix[lo] - content[i]) / others, for every line i
        inside = map(sub, map(prefix.__getitem__, hi), map(prefix.__getitem__, lo))
        columns.append(list(map(truediv, map(sub, inside, content), others)))
    columns += (
        [before / total for before in prefix[:n]],
        [(prefix[n] - upto) / total for upto in prefix[1:]],
        list(accumulate(comments, _trail, initial=0.0))[1:],
        content,
        comments,
        [p[1] for p in probabilities],
    )
    return list(zip(*columns, strict=True))


def _shifted(values: list[float], offset: int) -> list[float]:
    """values[i + offset] for every i, 0.0 past either end."""
    n = len(values)
    k = min(abs(offset), n)
    return [0.0] * k + values[: n - k] if offset < 0 else values[k:] + [0.0] * k


def _trail(seen: float, comments: float) -> float:
    """A comment line's mark, fading over the lines after it."""
    return max(seen * 0.9, comments)


def _windows(n: int) -> list[tuple[list[int], list[int], list[int]]]:
    """For each of P_WIDTHS, every line's window in an n-line post: where it starts (max(0, i - width)),
    where it ends (min(n, i + width + 1)) and how many other lines it holds (at least 1), built from
    ranges rather than line by line."""
    out = []
    for width in P_WIDTHS:
        lo = [0] * min(width + 1, n) + list(range(1, n - width))
        hi = [*range(width + 1, n + 1), *[n] * min(width, n)]
        out.append((lo, hi, list(map(max, repeat(1), map(sub, map(sub, hi, lo), repeat(1))))))
    return out


def second_pass_features(
    first: list[dict[str, float]], probabilities: list[dict[str, float]]
) -> list[dict[str, float]]:
    """The first pass's features plus its verdicts around each line (the trainer's form)."""
    three = [(p[CONTENT], p[TITLE], p[COMMENTS]) for p in probabilities]
    out = []
    for f, values in zip(first, pass_two_values(three), strict=True):
        g = dict(f)
        g.update(zip(PASS_TWO, values, strict=True))
        out.append(g)
    return out


# Features whose value is not 1.0 (all others are present or absent).
NUMERIC_FEATURES = frozenset({"log_chars", *PLACE_NUMERIC, *PASS_TWO})


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic model: one weight per class for each feature it knows."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(
            tuple(data["classes"]),
            tuple(data["bias"]),
            {name: tuple(values) for name, values in data["weights"].items()},
        )

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """The reference form, over a feature dict (the trainer's); judge_lines sums with Scorer."""
        scores = list(self.bias)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for k, weight in enumerate(row):
                    scores[k] += weight * value
        return dict(zip(self.classes, softmax(scores), strict=True))

    def numeric_rows(self, names: tuple[str, ...]) -> tuple[tuple[float, ...], ...]:
        """Per class, the weights of the numeric features named, in their order (0 when unknown)."""
        zero = (0.0,) * len(self.classes)
        return tuple(
            tuple(self.weights.get(name, zero)[k] for name in names) for k in range(len(self.classes))
        )


MAX_REMEMBERED_SUMS = 50_000


class Scorer:
    """The three models' scores over the first pass's features, their classes side by side, summed
    without a dict per line. Per line: the bias and its own features (remembered per tuple of names:
    thousands of lines share a few shapes), its place features (remembered per tuple of names), its
    neighbours' context features (remembered per context and offset), the numeric place features
    as a dot product. Every line's sums add the same terms in the same order as they always did, so
    the scores, to the last bit, do not depend on what was remembered."""

    def __init__(self, models: tuple[LinearModel, ...]) -> None:
        self.bias = tuple(b for m in models for b in m.bias)
        self.log_chars = self._row(models, "log_chars")
        self.place_rows = tuple(row for m in models for row in m.numeric_rows(PLACE_NUMERIC))
        # Per feature, its weight in every class of every model: _sums looks each name up once.
        self.rows = {name: self._row(models, name) for name in set().union(*(m.weights for m in models))}
        self.no_row = (0.0,) * len(self.bias)
        self._own: dict[tuple[str, ...], tuple[float, ...]] = {}
        self._place: dict[tuple[str, ...], tuple[float, ...]] = {}
        self._beside: dict[tuple[str, ...], tuple[tuple[float, ...], ...]] = {}

    def scores(self, shapes: list[Shape], places_: list) -> list[list[float]]:
        """Per line, every class's score over the first pass's features."""
        own: dict[int, list[float]] = {}
        edge = self._as_neighbour(EDGE)
        beside = [edge, edge]  # padded: the line at offset o of line i is at i + 2 + o
        remembered_beside = self._beside.get  # looked up once: this loop and the next run per line
        for shape in shapes:
            beside.append(remembered_beside(shape.context) or self._as_neighbour(shape.context))
            if id(shape) not in own:
                own[id(shape)] = self._own_sums(shape)
        beside += (edge, edge)
        rows = self.place_rows
        remembered_place = self._place.get
        out = []
        for i, (shape, (names, numeric)) in enumerate(zip(shapes, places_, strict=True)):
            place = remembered_place(names) or _remember(self._place, names, self._sums(names))
            placed = map(
                sum,
                zip(place, beside[i][0], beside[i + 1][1], beside[i + 3][2], beside[i + 4][3], strict=True),
            )
            out.append(list(map(add, map(add, own[id(shape)], placed), _dot(rows, numeric))))
        return out

    def _own_sums(self, shape: Shape) -> list[float]:
        """The bias plus the line's own features (all 1.0 but log_chars, counted as 1.0, then corrected)."""
        names = tuple(shape.features)
        base = self._own.get(names)
        if base is None:
            base = _remember(self._own, names, tuple(map(add, self.bias, self._sums(names))))
        excess = shape.features["log_chars"] - 1.0
        return list(map(add, base, map(mul, self.log_chars, repeat(excess))))

    def _as_neighbour(self, context: tuple[str, ...]) -> tuple[tuple[float, ...], ...]:
        """The sums over a line's context features as each of its neighbours sees them (per OFFSETS)."""
        found = self._beside.get(context)
        if found is None:
            found = _remember(
                self._beside,
                context,
                tuple(self._sums([_context_name(offset, name) for name in context]) for offset in OFFSETS),
            )
        return found

    @staticmethod
    def _row(models: tuple[LinearModel, ...], name: str) -> tuple[float, ...]:
        """The feature's weight for every class of every model, side by side (0 where it has none)."""
        return tuple(w for m in models for w in m.weights.get(name, (0.0,) * len(m.classes)))

    def _sums(self, names: list[str] | tuple[str, ...]) -> tuple[float, ...]:
        """Per class, the weights of features all of value 1.0 summed, in the order of names: the
        names' rows of weights, summed a column at a time, in C."""
        if not names:
            return (0,) * len(self.bias)  # what sum() of nothing gives
        return tuple(map(sum, zip(*map(self.rows.get, names, repeat(self.no_row)), strict=True)))


def _remember(memo: dict, key: tuple, value: tuple[float, ...]) -> tuple[float, ...]:
    if len(memo) > MAX_REMEMBERED_SUMS:
        memo.clear()
    memo[key] = value
    return value


def _dot(rows: tuple[tuple[float, ...], ...], values: tuple[float, ...]) -> map:
    """sum(map(mul, row, values)) for each row, lazily and without a Python loop: it runs three
    times a line."""
    return map(sum, map(map, repeat(mul), rows, repeat(values)))


def softmax(scores: list[float] | tuple[float, ...]) -> list[float]:
    top = max(scores)
    exps = list(map(math.exp, map(sub, scores, repeat(top))))
    total = sum(exps)
    return list(map(truediv, exps, repeat(total)))


class TreeColumns:
    """Where each of the keep trees' features comes from in judge_lines's form: a line's own
    features and place names by name, its neighbours' context features by offset and name, the
    place and pass-two numbers by position."""

    def __init__(self, trees: KeepTrees) -> None:
        column = trees.column
        self.width = len(trees.features)
        self.named = column
        prefixes = [_context_name(offset, "") for offset in OFFSETS]
        self.context = tuple(
            {name.removeprefix(prefix): k for name, k in column.items() if name.startswith(prefix)}
            for prefix in prefixes
        )
        self.place_numeric = tuple((column[n], j) for j, n in enumerate(PLACE_NUMERIC) if n in column)
        self.pass_two = tuple((column[n], j) for j, n in enumerate(PASS_TWO) if n in column)

    def rows(self, shapes: list[Shape], places_: list, two: list[tuple[float, ...]]) -> Iterator[list[float]]:
        """Per line, the trees' feature values: KeepTrees.vector of the trainer's dict, built from
        parts. One at a time: a post of 20,000 lines would hold 40 MB of them at once."""
        named = self.named.get
        contexts = [EDGE, EDGE, *(shape.context for shape in shapes), EDGE, EDGE]
        for i, (shape, (names, numeric), values) in enumerate(zip(shapes, places_, two, strict=True)):
            x = [0.0] * self.width
            for name, value in shape.features.items():
                if (k := named(name)) is not None:
                    x[k] = value
            for name in names:
                if (k := named(name)) is not None:
                    x[k] = 1.0
            for offset, columns in zip(OFFSETS, self.context, strict=True):
                for name in contexts[i + 2 + offset]:
                    if (k := columns.get(name)) is not None:
                        x[k] = 1.0
            for k, j in self.place_numeric:
                x[k] = numeric[j]
            for k, j in self.pass_two:
                x[k] = values[j]
            yield x


@dataclass(frozen=True)
class LineModel:
    first: LinearModel
    second: LinearModel
    kinds: LinearModel
    keep_trees: KeepTrees  # the keep verdict: the second pass gives the title and comment ones
    keep_threshold: float
    beside_threshold: float  # a prose line this likely stays beside a kept line (plaintext._kept)
    title_threshold: float

    @cached_property
    def tree_columns(self) -> TreeColumns:
        return TreeColumns(self.keep_trees)

    @cached_property
    def scorer(self) -> Scorer:
        """The three models side by side: they sum the same first-pass features."""
        return Scorer((self.first, self.second, self.kinds))

    @cached_property
    def pass_two_rows(self) -> tuple[tuple[tuple[float, ...], ...], ...]:
        return tuple(m.numeric_rows(PASS_TWO) for m in (self.second, self.kinds))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> LineModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return LineModel(
        LinearModel.from_json(data["first"]),
        LinearModel.from_json(data["second"]),
        LinearModel.from_json(data["kinds"]),
        KeepTrees.from_json(data["keep_trees"]),
        data["keep_threshold"],
        data["beside_threshold"],
        data["title_threshold"],
    )


class LineVerdict(NamedTuple):  # one per line, as Shape
    line: str
    keep: float  # probability that the line is article text (the headline included)
    title: float
    comments: float
    kind: str | None  # the model's kind for a line that goes (KINDS of the training corpus)
    rule: str | None  # the phrase lists' kind, when one names the line
    opener: bool  # reads as the start of a comment section
    labelled_byline: bool  # starts like a byline: "Posted on", "By", "Veröffentlicht am"


def judge_lines(
    lines: list[str], language: str | None = None, model: LineModel | None = None
) -> list[LineVerdict]:
    """The second pass's verdict on every line: the same sums as LinearModel.probabilities over
    first_pass_features and second_pass_features, without building a dict per line, and the keep
    trees' probability over the same features. The kind model's verdict is read only for lines
    that go and that no phrase list names."""
    model = model or load_model()
    shapes = line_shapes(lines, language)
    places_ = places(lines, shapes)
    scores = model.scorer.scores(shapes, places_)  # first, second and kinds models side by side
    second_at = len(model.first.classes)
    kinds_at = second_at + len(model.second.classes)
    first = [softmax(row[:second_at]) for row in scores]
    two = pass_two_values(first)
    rows = model.pass_two_rows[0]
    p_two = [
        softmax(list(map(add, row[second_at:kinds_at], _dot(rows, values))))
        for row, values in zip(scores, two, strict=True)
    ]
    keeps = list(map(model.keep_trees.probability, model.tree_columns.rows(shapes, places_, two)))
    kind_rows, classes = model.pass_two_rows[1], model.kinds.classes
    kinds = {}
    for i, shape in enumerate(shapes):
        if keeps[i] < model.keep_threshold and shape.rule is None:
            total = list(map(add, scores[i][kinds_at:], _dot(kind_rows, two[i])))
            kinds[i] = classes[total.index(max(total))]  # the first of the highest, as max(key=) read it
    return [
        LineVerdict(
            line,
            keep,
            p[1],
            p[2],
            kinds.get(i),
            shape.rule,
            shape.opener,
            "rule_byline_label" in shape.features,
        )
        for i, (line, shape, keep, p) in enumerate(zip(lines, shapes, keeps, p_two, strict=True))
    ]


LANGUAGE_SAMPLE_WORDS = 8


def post_language(lines: list[str]) -> str | None:
    """The language of a post's prose lines (its menus and buttons say little). Read lazily: the
    sample is the first prose lines, not every line of a page split into words."""
    prose = (line for line in lines if len(line.split()) >= LANGUAGE_SAMPLE_WORDS)
    first = next(prose, None)
    return language_of(lines if first is None else chain((first,), prose))
