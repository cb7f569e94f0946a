"""Which lines of a plain-text post are the article: a learned line model, run in plain Python.

A scraped page flattened to text keeps its menus, share rows, "posted in" rows, recent-post lists,
cookie notices and comment threads as lines among the article's. Such lines are told apart by
their shape and their neighbours, not by their wording: a menu is a run of one- and two-word lines
without stop words; a comment is a short paragraph after a user name and a "3 hours ago" line.

Each line gets features of its own shape (length, words, terminal punctuation, stop-word share,
capitals, digits, dates, handles, URLs), of its place (position, runs of short lines, prose before
and after it, repeats) and of its neighbours, plus the phrase lists' verdicts (promo.classify_line
and friends) as features. A multinomial logistic model scores them twice: the second pass also
sees the first pass's probabilities around the line. A third, smaller model names the kind of a
line that goes. The weights (line_model.json) are trained by bench/quality/train_line_model.py.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path

from . import selectors
from .authors import BYLINE_BY, BYLINE_LABEL
from .promo import classify_line, classify_meta_row, opens_comment_section, opens_related_list
from .stopwords import STOP_WORDS

MODEL_PATH = Path(__file__).with_name("line_model.json")
CONTENT, TITLE, COMMENTS, BOILERPLATE = "content", "title", "comments", "boilerplate"

TERMINAL = frozenset(".!?…。！？")
CLOSERS = frozenset("\"'”’»)]")
BULLETS = frozenset("•·-–—*»›«‹←→>|/§©®+")
LONG_WORDS = 12  # a line of this many words is prose, wherever it stands
SHORT_WORDS = 3
MAX_STAMP_CHARS = 300  # a longer line is prose: its dates and links say nothing about its role
WINDOW = 3

CHAR_BINS = (3, 10, 25, 60, 150, 400)
WORD_BINS = (1, 2, 4, 8, 15, 30)
SHARE_BINS = (0.0, 0.1, 0.25, 0.5, 0.75)
RUN_BINS = (1, 2, 4, 8, 16)
DISTANCE_BINS = (0, 1, 2, 5, 10, 25)

DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d{2}\b|\b(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b"
    r"|\b\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\b"
)
MONTH = re.compile(rf"\b(?:{selectors.MONTHS}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm|uhr)\b", re.I)
# Relative times, the mark of comment threads and feeds: "3 hours ago", "vor 2 Tagen", "il y a 5 min".
AGO = re.compile(
    r"\b(?:ago|vor \d+|il y a|hace \d+|\d+ \w+ fa|\d+ \w+ temu|há \d+|\d+ \w+ geleden|gestern|yesterday"
    r"|just now|gerade eben|hier à|ayer|ieri|ontem|wczoraj|gisteren)\b",
    re.I,
)
URL = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|de|at|ch|uk|fr|es|it|pl|nl|io|eu)\b", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w[\w.]*")
HANDLE = re.compile(r"(?:^|\s)@\w")
HASHTAG = re.compile(r"(?:^|\s)#\w")
COUNT_LABEL = re.compile(r"^\(?[\d.,]+\s?[kKmM]?\)?(?:\s+\w+){0,2}$")  # "14 notes", "1,204 followers", "(3)"
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# Features a neighbour passes on: what a line's shape says about the lines beside it.
CONTEXT_FEATURES = frozenset(
    {"long", "short", "terminal", "heading", "rule", "date", "ago", "count", "url", "sw>=0.25", "sw=0"}
    | {f"w<={n}" for n in WORD_BINS}
    | {"w>30"}
)
ZEROS = repeat(0.0)  # map()'s default for features a class has no weight for
STOP_ANY = frozenset(word for words in STOP_WORDS.values() for word in words.split())
STOP_BY_LANGUAGE = {language: frozenset(words.split()) for language, words in STOP_WORDS.items()}


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


@dataclass(frozen=True)
class Shape:
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
    n_words = len(words) + len(UNSPACED.findall(line))
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
    lowered = [word.strip(".,;:!?\"'()«»„“”’").lower() for word in words]
    alpha = [word for word in words if word[:1].isalpha()]
    if alpha:
        caps = sum(word[0].isupper() for word in alpha) / len(alpha)
        f[_bin("caps", caps, SHARE_BINS)] = 1.0
        if len(alpha) >= 2 and caps == 1.0:
            f["title_case"] = 1.0
    letters = sum(map(str.isalpha, line))
    if letters >= 4 and line.isupper():
        f["all_caps"] = 1.0
    digits = sum(map(str.isdigit, line))
    if digits:
        f[_bin("digits", digits / chars, SHARE_BINS)] = 1.0
    if letters < chars / 2:
        f["few_letters"] = 1.0
    if words:
        share = sum(map(stop_words.__contains__, lowered)) / len(words)
        share_any = sum(map(STOP_ANY.__contains__, lowered)) / len(words)
        f[_bin("sw", share, SHARE_BINS)] = 1.0
        f[_bin("swany", share_any, SHARE_BINS)] = 1.0
        if share == 0:
            f["sw=0"] = 1.0
        elif share >= 0.25:
            f["sw>=0.25"] = 1.0
    sentences = line.count(". ") + line.count("? ") + line.count("! ")
    if sentences:
        f[_bin("sentences", sentences, (1, 2, 4))] = 1.0
    if n_words >= LONG_WORDS:
        f["long"] = 1.0
    if n_words <= SHORT_WORDS:
        f["short"] = 1.0
    if chars <= MAX_STAMP_CHARS:
        _stamp_features(line, digits, f)
    if "|" in line or " · " in line or " • " in line:
        f["separators"] = 1.0
    if "©" in line or "(c)" in line.lower():
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
            opener = opens_comment_section(line)
            if opener:
                f["rule_opener"] = 1.0
            if n_words <= 8 and opens_related_list(line):
                f["rule_related_list"] = 1.0
            if "|" in line and classify_meta_row(line):
                f["rule_meta_row"] = 1.0
            if n_words <= 16 and (BYLINE_BY.match(line) or BYLINE_LABEL.match(line)):
                f["rule_byline_label"] = 1.0
    prose = n_words >= LONG_WORDS or (terminal and n_words >= 6)
    # Sorted, not in set order: the order features are summed in must not change with the hash seed,
    # or the trainer's second pass sees other probabilities in every run.
    return Shape(f, tuple(sorted(CONTEXT_FEATURES.intersection(f))), n_words, chars, prose, opener, rule)


def _stamp_features(line: str, digits: int, f: dict[str, float]) -> None:
    """Dates, times, "3 hours ago", links, handles: the stamps of meta rows, feeds and comments."""
    if digits:
        has_year = YEAR.search(line) is not None
        if DATE.search(line) or (has_year and MONTH.search(line)):
            f["date"] = 1.0
        elif has_year:
            f["year"] = 1.0
        elif MONTH.search(line):
            f["month_day"] = 1.0
        if CLOCK.search(line):
            f["clock"] = 1.0
    if AGO.search(line):
        f["ago"] = 1.0
    if "." in line and URL.search(line):
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
    """Each line's own shape, its place in the post, and its neighbours' shapes."""
    stop_words = STOP_BY_LANGUAGE.get((language or "")[:2], STOP_ANY)
    shapes = [line_shape(line, stop_words) for line in lines]
    n = len(lines)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    prose_chars = [shape.chars if shape.prose else 0 for shape in shapes]
    total_prose = sum(prose_chars) or 1
    short_runs = _runs([shape.words <= SHORT_WORDS for shape in shapes])
    last_prose_before = _distances([shape.prose for shape in shapes])
    next_prose_after = _distances([shape.prose for shape in reversed(shapes)])[::-1]
    opener_seen = False
    before = 0
    features = []
    for i, shape in enumerate(shapes):
        f = dict(shape.features)
        f["bias"] = 1.0
        position = i / n
        f["position"] = position
        if i < 3:
            f["first_lines"] = 1.0
        if n - i <= 3:
            f["last_lines"] = 1.0
        f["prose_before"] = before / total_prose
        before += prose_chars[i]
        f["prose_after"] = (total_prose - before) / total_prose if total_prose > 1 else 0.0
        if before - prose_chars[i] == 0:
            f["no_prose_before"] = 1.0
        if before == total_prose:
            f["no_prose_after"] = 1.0
        back, ahead = min(last_prose_before[i], 26), min(next_prose_after[i], 26)
        f[FROM_PROSE_BIN[min(back, ahead)]] = 1.0
        f[PROSE_BACK_BIN[back]] = 1.0
        f[PROSE_AHEAD_BIN[ahead]] = 1.0
        f[RUN_BIN[min(short_runs[i], RUN_BINS[-1] + 1)]] = 1.0
        repeats = counts[lines[i]]
        if repeats > 1:
            f["repeated"] = 1.0
            if repeats > 2:
                f["repeated3"] = 1.0
        opener_seen = opener_seen or shape.opener
        if opener_seen:
            f["after_opener"] = 1.0
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                for name in shapes[j].context:
                    f[_context_name(offset, name)] = 1.0
            else:
                f[_context_name(offset, "edge")] = 1.0
        window = shapes[max(0, i - WINDOW) : i + WINDOW + 1]
        f["win_prose"] = sum(s.prose for s in window) / len(window)
        f["win_short"] = sum(s.words <= SHORT_WORDS for s in window) / len(window)
        features.append(f)
    return shapes, features


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


def second_pass_features(
    first: list[dict[str, float]], probabilities: list[dict[str, float]]
) -> list[dict[str, float]]:
    """The first pass's features plus its verdicts around each line: a line among content is content."""
    n = len(first)
    content = [p[CONTENT] + p[TITLE] for p in probabilities]
    comments = [p[COMMENTS] for p in probabilities]
    prefix = [0.0]
    for value in content:
        prefix.append(prefix[-1] + value)
    out = []
    comment_seen = 0.0
    for i, f in enumerate(first):
        g = dict(f)
        for offset in (-3, -2, -1, 1, 2, 3):
            j = i + offset
            if 0 <= j < n:
                g[_context_name(offset, "p_content")] = content[j]
                g[_context_name(offset, "p_comments")] = comments[j]
        for width in (2, 6, 15):
            lo, hi = max(0, i - width), min(n, i + width + 1)
            g[f"p_content_win{width}"] = (prefix[hi] - prefix[lo] - content[i]) / max(1, hi - lo - 1)
        g["p_content_before"] = prefix[i] / (prefix[n] or 1)
        g["p_content_after"] = (prefix[n] - prefix[i + 1]) / (prefix[n] or 1)
        comment_seen = max(comment_seen * 0.9, comments[i])
        g["p_comments_trail"] = comment_seen
        g["p_self_content"] = content[i]
        g["p_self_comments"] = comments[i]
        g["p_self_title"] = probabilities[i][TITLE]
        out.append(g)
    return out


# Features whose value is not 1.0 (all others are present or absent).
NUMERIC_FEATURES = frozenset(
    {"log_chars", "position", "prose_before", "prose_after", "win_prose", "win_short"}
    | {f"{offset:+d}:p_{name}" for offset in (-3, -2, -1, 1, 2, 3) for name in ("content", "comments")}
    | {f"p_content_win{width}" for width in (2, 6, 15)}
    | {"p_content_before", "p_content_after", "p_comments_trail", "p_self_content", "p_self_comments"}
    | {"p_self_title"}
)


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

    @cached_property
    def _columns(self) -> tuple[dict[str, float], ...]:
        return tuple({name: row[k] for name, row in self.weights.items()} for k in range(len(self.classes)))

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        # Summing each class's weights of the features present, by map in C, counts every value as
        # 1.0; the few numeric features are then corrected. Five times faster than a loop over both.
        names = features.keys()
        scores = [
            bias + sum(map(column.get, names, ZEROS))
            for bias, column in zip(self.bias, self._columns, strict=True)
        ]
        for name in sorted(NUMERIC_FEATURES.intersection(names)):  # a fixed order: see line_shape
            row = self.weights.get(name)
            if row is not None:
                excess = features[name] - 1.0
                for k, weight in enumerate(row):
                    scores[k] += weight * excess
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.classes, exps, strict=True)}


@dataclass(frozen=True)
class LineModel:
    first: LinearModel
    second: LinearModel
    kinds: LinearModel
    keep_threshold: float
    title_threshold: float


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> LineModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return LineModel(
        LinearModel.from_json(data["first"]),
        LinearModel.from_json(data["second"]),
        LinearModel.from_json(data["kinds"]),
        data["keep_threshold"],
        data["title_threshold"],
    )


@dataclass(frozen=True)
class LineVerdict:
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
    model = model or load_model()
    shapes, first = first_pass_features(lines, language)
    p1 = [model.first.probabilities(f) for f in first]
    second = second_pass_features(first, p1)
    verdicts = []
    for line, shape, f in zip(lines, shapes, second, strict=True):
        p = model.second.probabilities(f)
        keep = p[CONTENT] + p[TITLE]
        kind = None
        if keep < model.keep_threshold:
            kinds = model.kinds.probabilities(f)
            kind = max(kinds, key=kinds.__getitem__)
        labelled = "rule_byline_label" in shape.features
        verdicts.append(
            LineVerdict(line, keep, p[TITLE], p[COMMENTS], kind, shape.rule, shape.opener, labelled)
        )
    return verdicts


LANGUAGE_SAMPLE_CHARS = 2000
LANGUAGE_SAMPLE_WORDS = 8


def post_language(lines: list[str]) -> str | None:
    """The language of a post's prose lines (its menus and buttons say little), by py3langid."""
    prose = [line for line in lines if len(line.split()) >= LANGUAGE_SAMPLE_WORDS] or lines
    sample, size = [], 0
    for line in prose:
        sample.append(line)
        size += len(line)
        if size >= LANGUAGE_SAMPLE_CHARS:
            break
    return detect_language(" ".join(sample))


def detect_language(text: str) -> str | None:
    """The language of a text by py3langid, or None for too little text to tell."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 40:
        return None
    import py3langid  # its model loads on first use; only posts that need a language pay for it

    return py3langid.classify(sample)[0]
