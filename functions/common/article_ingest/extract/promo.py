"""Decide whether one short line is boilerplate: a promo, a social CTA, a share bar, a comment form.

Shared by the HTML and plain-text extractors. Patterns live in selectors.py; this module only
compiles and applies them. A line must match a pattern as a whole, and long lines never match,
so sentences that merely mention TikTok, newsletters or comments are kept.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..compat import regex_syntax  # re's own parser: the literals a fragment's matches must hold
from ..models import RemovedKind
from . import intents, selectors

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


def _any_of(needles: set[str] | frozenset[str]) -> re.Pattern[str] | None:
    """One pattern that finds any of the literals (None for none): a gate before a costlier search."""
    return re.compile("|".join(map(re.escape, sorted(needles)))) if needles else None


# Characters that re.IGNORECASE matches to a letter other than their lower case ("ı" and "İ" to "i",
# "ſ" to "s"; "İ" also lowers to two characters), or that str.lower() lowers by their context ("Σ"):
# a line holding one is matched with re.IGNORECASE, not in lower case. test_promo derives them from
# every letter the AnyCase patterns hold, over all of Unicode.
CASE_TRAPS = "İıſΣ"
_CASE_TRAP = re.compile(f"[{CASE_TRAPS}]")


def in_lower_case(line: str) -> str | None:
    """The line in lower case, as AnyCase patterns and literal gates read it; None when it holds one
    of CASE_TRAPS."""
    return line.lower() if line.isascii() or not _CASE_TRAP.search(line) else None


class AnyCase:
    """A case-insensitive pattern, matched case-sensitively against the line in lower case: re then
    compares characters without folding their case, and a search skips to where a literal can start,
    2-4x faster. The answer is the same as re.IGNORECASE's as long as the pattern writes no capital
    letter and the line holds no CASE_TRAPS; for such a line the pattern is compiled with
    re.IGNORECASE when the first one comes (not at import: the handlers' cold start)."""

    def __init__(self, source: str) -> None:
        if any(char.isupper() for char in _unescaped(source)):
            raise ValueError(f"AnyCase patterns are written in lower case: {source[:80]!r}")
        self.lowered = re.compile(source)

    @cached_property
    def ignoring_case(self) -> re.Pattern[str]:
        return re.compile(self.lowered.pattern, re.IGNORECASE)

    def search(self, line: str, lowered: str | None) -> bool:
        """lowered is in_lower_case(line)."""
        found = self.ignoring_case.search(line) if lowered is None else self.lowered.search(lowered)
        return found is not None

    @cached_property
    def literals(self) -> re.Pattern[str] | None:
        """The literals one of which every match holds (see _needles), as one pattern; None when
        the pattern has none."""
        return _any_of(_needles(regex_syntax.parse(self.lowered.pattern)))

    def search_rare(self, line: str, lowered: str | None) -> bool:
        """search, for a pattern most lines do not match: re finds that a line holds none of its
        literals faster than it tries the pattern at every position ("\\b(?:ago|vor \\d+|...)\\b")."""
        if lowered is not None and self.literals is not None and self.literals.search(lowered) is None:
            return False
        return self.search(line, lowered)

    def fullmatch(self, line: str, lowered: str | None) -> bool:
        found = self.ignoring_case.fullmatch(line) if lowered is None else self.lowered.fullmatch(lowered)
        return found is not None


def _unescaped(source: str) -> str:
    """A pattern's source without its escapes (\\S, \\u00A0, \\x41 ...): what it writes literally."""
    return re.sub(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|N\{[^}]*\}|.)", "", source)


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
    anchored: AnyCase
    floating: AnyCase | None
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
            AnyCase("|".join(anchored)),
            AnyCase("|".join(floating)) if floating else None,
            _any_of(needles),
        )

    def fullmatch(self, line: str, lowered: str | None) -> bool:
        """lowered is in_lower_case(line)."""
        if self.anchored.fullmatch(line, lowered):
            return True
        if self.floating is None or (lowered is not None and not self.gate.search(lowered)):
            return False
        return self.floating.fullmatch(line, lowered)


_LIST_HEADING_RULE = LineRule.build("navigation", _fragments(selectors.RELATED, selectors.TABLE_OF_CONTENTS))
# Order matters: the first matching concept names the kind.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule.build("comments", _fragments(selectors.COMMENT_FORM, selectors.COMMENT_SECTION)),
    LineRule.build("share", _fragments(selectors.SHARE)),
    LineRule.build("promo", _fragments(selectors.SOCIAL_CTA, selectors.NEWSLETTER, selectors.PROMO)),
    _LIST_HEADING_RULE,
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
# The kinds classify_line can name a related-list heading (opens_related_list): its phrases are
# _LIST_HEADING_RULE's, so that rule or one tried before it names the line. line_shape asks
# opens_related_list only of such lines.
NAMED_HEADINGS = frozenset(rule.kind for rule in LINE_RULES[: LINE_RULES.index(_LIST_HEADING_RULE) + 1])
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
        lower = in_lower_case(line)
        for rule in LINE_RULES:
            if rule.fullmatch(line, lower):
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


# Calls to action judged by intent and shape, for phrasings no fragment above was written for.
# The words are data (intents.py); here they are compiled once and weighed into one score.


def _entries(*groups: dict[str, str] | str) -> set[str]:
    """The entries of intents.py tables ("a|b" strings, or such strings by key), in lower case."""
    return {
        entry.lower()
        for group in groups
        for joined in ([group] if isinstance(group, str) else group.values())
        for entry in joined.split("|")
    }


def _words(*groups: dict[str, str] | str) -> str:
    """One alternation of the entries of intents.py tables."""
    entries = _entries(*groups)
    # Longest first, so "abonnez-vous" wins over "abonnez" and "follow us" over "follow".
    return "|".join(map(_entry, sorted(entries, key=len, reverse=True)))


def _entry(entry: str) -> str:
    # Words of a group may be spaced any way; "*" ends a stem.
    pattern = re.escape(entry.removesuffix("*")).replace(r"\ ", r"\s+")
    return pattern + r"\w*" if entry.endswith("*") else pattern


def _whole(*groups) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_words(*groups)})(?!\w)", re.IGNORECASE)


# A clause opens at the start of the line or after punctuation: "Got a story? Email us", "If you
# liked this recipe, pin it". After a comma a word of CALLS is as often no call ("Meanwhile, support
# for the plan fell", "So geht's, Tag für Tag"): there it counts only with its object.
_CLAUSE = r"(?:^|(?<=[.,!?:;…¡¿–—•|(\"“„«»]))\s*"
_CALL_FORMS = "|".join(f"(?P<{intent}>{_words(calls)})" for intent, calls in intents.CALLS.items())
_CALL = re.compile(
    rf"{_CLAUSE}(?:(?:{_words(intents.LEADS)})\s+)*(?:{_CALL_FORMS})(?!\w)"
    # A look ahead: the words after a call may hold the next one ("Apoya el periodismo: hazte socio").
    rf"(?=(?P<after>(?:\W+\w+){{0,{intents.OBJECT_REACH_WORDS}}}))",
    re.IGNORECASE,
)
# One word followed by ":" is a label ("E-Mail: presse@example.org", "Download:"), not a call; a
# call of more words stays one ("Get the app:", "Get in touch:").
_LABEL_COLON = re.compile(r"\s*:")
# A network as a place: "on Pinterest", "en tus redes sociales" (a word between: "no seu Instagram").
_NETWORKS = _words(intents.NOUNS["any"], intents.SOCIAL_MEDIA)
_NETWORK_PLACE = re.compile(
    rf"(?<!\w)(?:{_words(intents.NETWORK_PREPOSITIONS)})\s+(?:\w+\s+)?(?:{_NETWORKS})(?!\w)", re.IGNORECASE
)
_FINAL_CALL = re.compile(rf"(?<!\w)(?:{_words(intents.FINAL_CALLS)})\W*$", re.IGNORECASE)
_FINAL_LEADS = _words(intents.FINAL_CALL_LEADS)
_LED_FINAL_CALL = re.compile(
    rf"(?:(?:^|[.!?:;–—]\s*)(?:{_FINAL_LEADS})\s+(?:[^.!?:;–—]*\s)?|(?<!\w)(?:{_FINAL_LEADS})\s+)"
    rf"(?:{_words(intents.FINAL_CALLS)})\W*$",
    re.IGNORECASE,
)
_LEAD_OPENS = re.compile(rf"^(?:{_words(intents.LEADS)})(?!\w)", re.IGNORECASE)
_PLEA = _whole(intents.PLEAS)
_FOR_MORE = _whole(intents.FOR_MORE)
_SELF = _whole(intents.SELF)
_SHARE_OBJECT = _whole(intents.SHARE_OBJECTS)
_SHARE_SPLIT = _whole(intents.SHARE_SPLITS)
_MARK = _whole(intents.MARKS)
_NOUN = _whole(intents.NOUNS, intents.NEWSROOM)
_CHANNEL = _whole(intents.NOUNS)
# The site's own channel: "unserem Instagram-Kanal", "my YouTube channel", not "our handbook".
_OWN_CHANNEL = re.compile(
    rf"(?<!\w)(?:{_words(intents.SELF)})\s+(?:[\w-]+\s+)?(?:{_words(intents.NOUNS)})(?!\w)", re.IGNORECASE
)
_YOU = _whole(intents.SECOND_PERSON)
_REPORTING = _whole(intents.REPORTING)
# A way to reach the site: a URL, a bare domain, an e-mail address or a handle.
_CONTACT = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|org|net|de|fr|es|it|pt|nl|pl|ua|ru|io|me|co|uk|info)\b|\S@\w|(?<!\w)@\w{2,}",
    re.IGNORECASE,
)
_ADDRESS = re.compile(rf"(?:{_CONTACT.pattern})\S*", re.IGNORECASE)
# The line ends in the address: "Tips can be sent to newsdesk@example.org", "My Instagram: @mara".
_CONTACT_AT_END = re.compile(rf"{_ADDRESS.pattern}\W*$", re.IGNORECASE)
_CTA_QUOTES = '"“”„'
_TOKEN = re.compile(r"\w+")
# What a call may follow at the start of a line: pictographs and symbols (Unicode categories S*:
# "📌", "👉", "➡", "✅"), emoji joiners and variation selectors.
_EMOJI_JOINERS = "\u200d\ufe0f "


def _without_leading_symbols(text: str) -> str:
    start = 0
    while start < len(text) and (
        text[start] in _EMOJI_JOINERS or unicodedata.category(text[start]).startswith("S")
    ):
        start += 1
    return text[start:]


_OPENING_QUESTION = re.compile(rf"[^.!?]{{3,{intents.MAX_OPENING_QUESTION_CHARS}}}\?\s")


def _gate(*groups: dict[str, str] | str) -> frozenset[str]:
    """The longest word of every entry: a line holding none of them holds no entry. The longest,
    because it is the rarest ("mitglied" of "werden sie mitglied", not "werden")."""
    joined = "|".join(group if isinstance(group, str) else "|".join(group.values()) for group in groups)
    return frozenset(max(_TOKEN.findall(entry.casefold()), key=len) for entry in joined.split("|"))


def _one_words(*groups: dict[str, str]) -> frozenset[str]:
    """The entries of intents.py tables, for _whole's pattern of them to be found by looking a line's
    words up: each entry of one word, and of the others ("you're") none, since each starts with an
    entry of one word ("you") that finds every line it would. Built only from tables of such entries."""
    entries = _entries(*groups)
    words = frozenset(entry for entry in entries if _TOKEN.fullmatch(entry))
    for entry in entries - words:
        first = _TOKEN.match(entry)
        if entry.endswith("*") or first is None or first[0] not in words:
            raise ValueError(f"not one word, nor led by one of the others: {entry!r}")
    return words


_YOU_WORDS = _one_words(intents.SECOND_PERSON)
_SELF_WORDS = _one_words(intents.SELF)
_CALL_GATE = _gate(*intents.CALLS.values())
_FINAL_GATE = _gate(intents.FINAL_CALLS)
_MARK_GATE = _gate(intents.MARKS)


def _call_features(line: str, linked: bool) -> tuple[int | None, bool, bool]:
    """Where an intent verb opens a clause in the imperative (None: nowhere); whether its object is
    the site itself or, for a share call, the post ("follow us", "síguenos", "share this", "tag a
    friend"), or it follows a plea ("please donate"); whether what it names is in the line ("sign up
    for the e-newsletter", "The club's e-news goes out on Fridays: sign up here")."""
    start, named = None, False
    for match in _CALL.finditer(line):
        intent = next(name for name in intents.CALLS if match.group(name))
        form = match.group(intent).lower()
        if " " not in form and _LABEL_COLON.match(match.string, match.end(intent)):
            continue
        after = match.group("after")
        after_comma = line[: match.start()].endswith(",")
        if not after_comma:
            start = match.start(intent) if start is None else start
            # What a follow call names is what it follows: "sigue las instrucciones" in a line that
            # names an app elsewhere is a step, "follow our blog" a call.
            named = named or bool(_NOUN.search(after if intent in intents.PLACE_INTENTS else line))
        has_object = (
            _SELF.search(form)
            or form.endswith(intents.OBJECT_ENDINGS)
            or _SELF.search(after)
            or (intent == "share" and _SHARE_OBJECT.search(after) and not _SHARE_SPLIT.search(after))
            or _PLEA.search(match.group(0))
            or (intent in intents.NAMED_OBJECT_INTENTS and " " in form)
            or (intent in intents.NETWORK_PLACE_INTENTS and _NETWORK_PLACE.search(after))
        )
        if has_object and intent in intents.PLACE_INTENTS:
            has_object = linked or _NOUN.search(line) or _CONTACT.search(line) or _FOR_MORE.search(line)
        if has_object:
            return match.start(intent), True, named or bool(_NOUN.search(line))
    if start is None and _FINAL_CALL.search(line):
        # "Jetzt Newsletter abonnieren", "Newsletter abonnieren": the call closes a short line.
        if len(line) <= intents.MAX_FINAL_CALL_LINE_CHARS or _LED_FINAL_CALL.search(line):
            return 0, bool(_LEAD_OPENS.search(line)), bool(_NOUN.search(line))
    return start, False, named


def call_to_action_logit(line: str, *, linked: bool = False, position: str | None = None) -> float | None:
    """The evidence that a line asks the reader to subscribe, follow, share, donate, download an
    app or write to the newsroom, as a logit (above 0: it does); None for a line too long to be one.

    Judged by intent and shape together: an intent word alone is news about it ("The senator
    said on Twitter..."), a short imperative alone is a step ("Click Subscribe"). linked says the
    line holds a link; position is "tail" (after the article's last paragraph) or "aside" (one line
    between paragraphs).
    """
    features = call_to_action_features(line, linked=linked, position=position)
    if features is None:
        return None
    weights = intents.WEIGHTS
    return weights["bias"] + sum(weights[name] for name in features)


def call_to_action_features(
    line: str, *, linked: bool = False, position: str | None = None
) -> tuple[str, ...] | None:
    """The names of intents.WEIGHTS present in a line (None for a line too long to be a call)."""
    return _read_call(line, linked, position, loose=False)


def intent_features(line: str) -> tuple[str, ...]:
    """For the plain-text line model: call_to_action_features, plus two looser signs that a call in
    a phrasing the lexicon's clause rules miss leaves ("Enter your email address to follow this
    blog", "If you liked it, please share it"): an intent word anywhere, and a reader addressed."""
    return _read_call(line, False, None, loose=True) or ()


def _read_call(line: str, linked: bool, position: str | None, *, loose: bool) -> tuple[str, ...] | None:
    """call_to_action_features, and with loose intent_features' two signs after them: the line is
    normalised and its words read once for both."""
    # A pin, a pointing hand or an arrow before a call does not stop it opening the line.
    text = normalize_line(line)
    if text and not text[0].isalnum():
        text = _without_leading_symbols(text)
    if not text or len(text) > intents.MAX_CHARS:
        return None
    folded = text.casefold()
    tokens = _TOKEN.findall(folded)
    intent_word = not _CALL_GATE.isdisjoint(tokens)
    call_at, call_object, call_noun = (
        _call_features(text, linked)
        if intent_word or tokens[-1:] and tokens[-1] in _FINAL_GATE
        else (None, False, False)
    )
    call = call_at is not None
    mark = not _MARK_GATE.isdisjoint(tokens) and _MARK.search(text) is not None
    shape = _shape_features(line, text, position)
    reach = not (call or mark) and _shows_the_way(text, linked)
    if not (call or mark or reach):
        # Without a call or a mark the line asks for nothing, whatever its shape: the rest of its
        # words are not looked for (most lines end here, and fast: the line model asks of every line).
        if not loose:
            return (*shape, "no_intent")
        you = ("you",) if _addresses_reader(text, folded, tokens) else ()
        return (*shape, "no_intent", "intent_word", *you) if intent_word else (*shape, "no_intent", *you)
    features = {
        "call": call,
        "late_call": call and call_at > intents.LATE_CALL_CHARS and not mark,
        "asked_first": call and bool(_OPENING_QUESTION.match(text)),
        "call_object": call_object,
        "call_noun": call_noun,
        "mark": mark,
        "reach": reach,
        "noun": bool(_NOUN.search(text)),
        "self": bool(_SELF.search(text)),
        "you": _addresses_reader(text, folded, tokens),
        "contact": linked or bool(_CONTACT.search(text)),
        "reported": bool(_REPORTING.search(text)),
    }
    present = (*shape, *(name for name, present in features.items() if present))
    return (*present, "intent_word") if loose and intent_word else present


def names_own_channel(line: str) -> bool:
    """Whether the site names its own channel in the line ("auf unserem Instagram-Kanal"): with a
    link at its end, such a line shows the way there (see _shows_the_way). The body asks it of
    nearly every line, so a line without a word of SELF is answered by looking its words up."""
    lowered = in_lower_case(line)
    if lowered is not None and _SELF_WORDS.isdisjoint(_TOKEN.findall(lowered)):
        return False
    return _OWN_CHANNEL.search(line) is not None


def _shows_the_way(text: str, linked: bool) -> bool:
    """Whether a line without a call tells the reader where to reach the site: it names a channel,
    a network or a tip line and ends in an address ("Tips can be sent to newsdesk@example.org",
    "More recipes on my Instagram, @mara"), or in a link while the site names its own channel
    ("Alle Rezepte auf unserem Instagram-Kanal", not "consult our handbook"); a reader addressed is
    not enough ("channel your inner bad boy", "write your own app"). A report of an account ("@NASA
    has 50 million followers on X") does not end in it, and a report of what someone posted is
    reported."""
    last = text.rsplit(None, 1)[-1].rstrip(".!?)")
    at_end = ("@" in last or "." in last or "/" in last) and _CONTACT_AT_END.search(text) is not None
    if not (at_end or linked and names_own_channel(text)):
        return False
    # The channel is named in words: in "pic.twitter.com/x" under an embedded post, or a link to a
    # post on Facebook, the network is only part of the address.
    return _CHANNEL.search(_ADDRESS.sub(" ", text)) is not None and not _REPORTING.search(text)


def _shape_features(line: str, text: str, position: str | None) -> tuple[str, ...]:
    """The names of the shape features a line has, in WEIGHTS' order; text is the line normalised."""
    chars = len(text)
    return (
        *(("ends_open",) if line.rstrip().endswith((":", "!")) else ()),
        *(("short",) if chars <= intents.SHORT_CHARS else ()),
        *(("long",) if chars > intents.LONG_CHARS else ()),
        *(("tail",) if position == "tail" else ()),
        *(("aside",) if position == "aside" else ()),
        *(("quoted",) if any(mark in text for mark in _CTA_QUOTES) else ()),
    )


# Besides CASE_TRAPS, the Old Church Slavonic forms of Cyrillic letters: re.IGNORECASE reads "ᲀ" as
# "в", lower() leaves it. A line holding one is searched for _YOU_WORDS, not looked up (test_promo
# derives them from the words, over all of Unicode).
_LOOKUP_TRAP = re.compile(f"[{CASE_TRAPS}\u1c80-\u1c88]")


def _addresses_reader(text: str, folded: str, tokens: list[str]) -> bool:
    """Whether _YOU finds a word addressing the reader in text, told by looking its words up (a
    search for _YOU was half the time of reading a line for intent). folded is text.casefold() and
    tokens its words. In lower case, a word equals an entry where re.IGNORECASE matches them, unless
    the line holds a _LOOKUP_TRAP; casefold() is lower() but for a few letters such as "ß"."""
    if not text.isascii():
        if _LOOKUP_TRAP.search(text):
            return _YOU.search(text) is not None
        lowered = text.lower()
        if lowered != folded:
            tokens = _TOKEN.findall(lowered)
    return not _YOU_WORDS.isdisjoint(tokens)


def call_to_action_score(line: str, *, linked: bool = False, position: str | None = None) -> float:
    """call_to_action_logit as a probability in [0, 1]; 0 for a line too long to be a call."""
    logit = call_to_action_logit(line, linked=linked, position=position)
    return 0.0 if logit is None else 1 / (1 + math.exp(-logit))


@lru_cache(maxsize=4096)
def is_call_to_action(line: str, *, linked: bool = False, position: str | None = None) -> bool:
    logit = call_to_action_logit(line, linked=linked, position=position)
    return logit is not None and logit > 0
