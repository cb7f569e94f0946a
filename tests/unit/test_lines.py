"""The plain-text line model: features of hand-written lines, the model file, and what it decides.

The must-go / must-stay cases per boilerplate kind are fixture folders (tests/fixtures/pages/
text-scrape-<kind>/), walked by test_parse.py's test_fixture_page like every other fixture.
"""

import json
import math
import random
import re

import pytest
from article_ingest.extract import lines, parse
from article_ingest.extract.line_trees import KeepTrees
from article_ingest.extract.lines import (
    MODEL_PATH,
    NUMERIC_FEATURES,
    STOP_ANY,
    STOP_BY_LANGUAGE,
    WORD_EDGES,
    LineVerdict,
    first_pass_features,
    judge_lines,
    line_shape,
    load_model,
    post_language,
    second_pass_features,
)
from article_ingest.extract.plaintext import _kept, logical_lines, parse_plaintext
from article_ingest.extract.promo import AnyCase, in_lower_case

from ..conftest import PAGES
from .test_plaintext import SEED, needs_seed, structured

KINDS = ("navigation", "share", "promo", "related", "comments", "legal", "cookie", "meta")
MAX_MODEL_BYTES = 1_000_000


def features(line: str, language: str = "en") -> dict[str, float]:
    return line_shape(line, STOP_BY_LANGUAGE[language]).features


@pytest.mark.parametrize(
    "line, present, absent",
    [
        ("Home", {"short", "w<=1", "sw=0", "upper_start"}, {"terminal", "long"}),
        (
            "The council met on Tuesday evening to discuss the budget for the coming year.",
            {"terminal", "long", "sw>=0.25"},
            {"short", "heading"},
        ),
        ("3 hours ago", {"ago", "short", "digit_start"}, {"terminal"}),
        ("vor 2 Tagen", {"ago"}, set()),
        ("Posted on 14 June 2022 by Helen Ward", {"date", "rule_byline_label"}, {"terminal"}),
        ("12.05.2023 14:05", {"date", "clock"}, set()),
        ("Follow @valleycourier on Mastodon", {"handle"}, {"email"}),
        ("Write to editor@example.org", {"email"}, {"handle"}),
        ("Read it at https://example.org/story", {"url"}, set()),
        ("Follow us on Instagram", {"rule_promo"}, set()),
        ("14 notes", {"count", "short"}, set()),
        ("Home | News | Sport", {"separators"}, set()),
        ("© 2023 Diario del Valle", {"copyright", "year"}, set()),
        ("Share this:", {"rule_share", "colon_end"}, set()),
        ("Leave a Reply", {"rule_opener"}, set()),
        ("BREAKING NEWS", {"all_caps", "title_case"}, set()),
        ("Why the town's oldest oak had to come down", {"heading"}, {"terminal"}),
        # The call-to-action lexicon's signs, also in phrasings its clause rules do not call a call.
        ("Folgen Sie uns auf Instagram", {"cta_call", "cta_call_object", "cta_self"}, {"cta_no_intent"}),
        (
            "Your friends might want to share it too!",
            {"cta_intent_word", "cta_you", "cta_no_intent"},
            {"cta_call"},
        ),
        (
            "If you liked this post, please share it with your friends!",
            {"cta_intent_word", "cta_call", "cta_call_object", "cta_you"},
            {"cta_no_intent"},
        ),
        (
            "The mayor said she would follow the advice of the panel on the budget.",
            {"cta_intent_word", "cta_no_intent"},
            {"cta_call", "cta_you"},
        ),
        ("The council met on Tuesday.", {"cta_no_intent"}, {"cta_intent_word", "cta_you", "cta_call"}),
        # Furniture by shape: a trail, a skip link, a menu laid out in columns, a label and its list.
        ("Home › News › Garden waste collections move to fortnightly", {"furniture"}, set()),
        ("Skip to main content", {"furniture"}, set()),
        ("Destinations ▾   Itineraries   Travel tips   About", {"spaced_columns"}, set()),
        ("Tagged: postgresql, redis, queues, reliability", {"labelled_list"}, set()),
        (
            "We went to Paris, Rome, Berlin and Madrid: it was lovely, calm, and cheap.",
            set(),
            {"labelled_list", "furniture", "spaced_columns"},
        ),
        ("The river rose by two metres overnight.", set(), {"furniture", "spaced_columns", "labelled_list"}),
    ],
)
def test_line_shape_features(line, present, absent):
    found = features(line)
    assert present <= found.keys(), present - found.keys()
    assert not absent & found.keys()


EVERYTHING = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
ANY_CASE = [value for value in vars(lines).values() if isinstance(value, AnyCase)]  # test_promo derives
# the characters that send a line to their re.IGNORECASE form


def test_lowering_a_line_then_splitting_it_gives_its_words_lowered():
    # line_shape reads a line's stop words from its lowered words, stripped of WORD_EDGES: that is
    # stripping, then lowering, each word, when lower() leaves WORD_EDGES and whitespace as they are
    # and makes neither of anything else.
    special = set(WORD_EDGES) | {char for char in EVERYTHING if char.isspace()}
    assert all(char.lower() == char for char in special)
    assert not {char for char in EVERYTHING if char not in special and set(char.lower()) & special}


@pytest.mark.parametrize(
    "line",
    [
        "Posted 3 hours ago by ANNA · 12 March 2024, 10:30 AM",
        "Vor 2 Tagen, am 3. MÄRZ 2024 um 14 Uhr — www.example.de",
        "IL Y A 5 MIN · DÉCEMBRE",
        "İstanbul, 3 Eylül 2023 · ſeptember · Yesterday",
        "ΣΑΣ 12 Oct",
        "Read it at https://EXAMPLE.org or write to editor@example.org",
    ],
)
def test_any_case_finds_what_re_ignorecase_finds(line):
    lowered = in_lower_case(line)
    for pattern in ANY_CASE:
        plain = re.compile(pattern.lowered.pattern, re.IGNORECASE)
        assert pattern.search(line, lowered) == bool(plain.search(line)), plain.pattern


@pytest.mark.parametrize("line", ["ABC def 123", "Straße 12½ ٣ Ⅻ", "", "x" * 500 + "7"])
def test_letters_and_digits_are_counted_as_str_counts_them(line):
    assert lines._letters_and_digits(line) == (sum(map(str.isalpha, line)), sum(map(str.isdigit, line)))


def test_stop_word_share_follows_the_language():
    line = "Der Rat hat die Mittel für das kommende Jahr und die Schulen beschlossen."
    assert "sw>=0.25" in features(line, "de")
    assert "sw=0" in features(line, "pl")
    assert all(len(words) >= 20 for words in STOP_BY_LANGUAGE.values())
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "pl"} <= STOP_BY_LANGUAGE.keys()
    assert "und" in STOP_ANY and "the" in STOP_ANY


def test_place_features_see_runs_repeats_and_prose_around():
    lines = [
        "Home",
        "News",
        "Sport",
        "Contact",
        "A long sentence of prose that runs on for a while and ends.",
        "Home",
    ]
    _, rows = first_pass_features(lines, "en")
    assert "short_run<=4" in rows[0] and "repeated" in rows[0] and "repeated" in rows[-1]
    assert rows[0]["no_prose_before"] == 1.0 and rows[0]["prose_after"] == 1.0
    assert "+1:short" in rows[0] and "-1:edge" in rows[0] and "+2:edge" in rows[-1]
    assert rows[-1]["prose_after"] == 0.0 and "no_prose_after" in rows[-1]


def test_only_a_comment_opener_near_the_end_marks_the_lines_after_it():
    prose = "A long sentence of prose that runs on for a while and then it ends."
    early = ["Swifts are back", "12 Comments", *[prose] * 6]
    late = ["Swifts are back", *[prose] * 6, "12 Comments", "Anna", "Lovely post."]
    _, rows = first_pass_features(early, "en")
    assert not any("after_opener" in row for row in rows)
    _, rows = first_pass_features(late, "en")
    assert "after_opener" in rows[-1] and "after_opener" not in rows[3]


def test_numeric_features_are_declared_and_the_rest_are_flags():
    _, rows = first_pass_features(["One line.", "Another line that is here."], "en")
    for row in rows:
        assert all(value == 1.0 for name, value in row.items() if name not in NUMERIC_FEATURES)


def test_the_model_file_loads_and_is_small():
    assert MODEL_PATH.stat().st_size <= MAX_MODEL_BYTES
    model = load_model()
    assert model.first.classes == model.second.classes == ("content", "title", "comments", "boilerplate")
    assert set(model.kinds.classes) == {*KINDS, "other"}
    assert 0 < model.beside_threshold < model.keep_threshold < 1 and 0 < model.title_threshold < 1
    assert model.keep_trees is not None and model.keep_trees.trees


def test_no_model_feature_names_a_site():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    names = {name for part in ("first", "second", "kinds") for name in data[part]["weights"]}
    names |= set(data["keep_trees"]["features"])
    # Features are shapes, bins, rule kinds and offsets: no hosts, no words of a page.
    shape = re.compile(r"^(?:[+-]\d:)?[a-z_0-9]+(?:(?:<=|>|=|>=)[\d.]+)?$")
    assert all(shape.match(name) for name in names), sorted(n for n in names if not shape.match(n))


def test_the_model_reads_a_flattened_page():
    lines = [
        "Skip to content",
        "Home",
        "News",
        "Sport",
        "Contact",
        "Footbridge over the Elm River closes for six weeks of repairs",
        "The footbridge that links the old town with the railway station will close on Monday for six "
        "weeks while engineers replace its rotten timber deck.",
        "Council engineers found the damage during a routine inspection in March, when several planks "
        "had split along their length.",
        "Share this:",
        "Facebook",
        "Twitter",
    ]
    verdicts = judge_lines(lines, "en")
    model = load_model()
    kept = [v.line for v in verdicts if v.keep >= model.keep_threshold]
    assert lines[6] in kept and lines[7] in kept
    assert not {"Skip to content", "Home", "Share this:", "Facebook"} & set(kept)


@pytest.mark.parametrize("kind", KINDS)
def test_each_boilerplate_kind_has_a_text_fixture(kind):
    slug = {"related": "related", "legal": "legal"}.get(kind, kind)
    assert list(PAGES.glob(f"text-scrape-{slug}-*/input.txt")), f"no text-scrape fixture for {kind}"


@needs_seed
def test_the_seed_is_unchanged():
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    expected.pop("source")
    assert structured(parse_plaintext((SEED / "seed-article.txt").read_text(encoding="utf-8"))) == expected


def test_language_of_text_posts_is_detected():
    post = (PAGES / "text-scrape-cookie-de" / "input.txt").read_bytes()
    assert parse(post, filename="input.txt").language == "de"
    assert post_language(["Home", "News"]) is None  # too little text to tell


def test_a_comment_link_in_the_meta_row_does_not_cut_the_article():
    post = (
        "Ten years of counting swifts\n\n4 Comments\n\n"
        + "When we started counting swifts in 2012, there were nineteen nests under the eaves. " * 3
        + "\n\nThis year we are asking neighbours who replace their roofs to fit a swift brick or two, "
        "which cost about thirty pounds and last as long as the wall."
    )
    text = " ".join(p for s in parse_plaintext(post).sections for p in s.paragraphs)
    assert "swift brick" in text and "nineteen nests" in text


MADE_UP_POST = [
    "Home",
    "About",
    "Contact",
    "Swifts are back",
    "Posted on 3 May 2024 by Ann Lee",
    "When we started counting swifts in 2012, there were nineteen nests under the eaves.",
    "This year we counted forty, after neighbours fitted swift bricks to their new roofs.",
    "Home",
    "Leave a Reply",
    "Bob",
    "3 hours ago",
    "Lovely news, thank you!",
]
TEXT_SCRAPES = sorted(path.parent.name for path in PAGES.glob("text-scrape-*/input.txt"))


def _post_lines(post: str) -> tuple[list[str], str | None]:
    """MADE_UP_POST ("made-up") or a text-scrape fixture's lines, with the post's language."""
    if post == "made-up":
        return MADE_UP_POST, "en"
    lines_ = logical_lines((PAGES / post / "input.txt").read_text(encoding="utf-8"))
    return lines_, post_language(lines_)


@pytest.mark.parametrize("post", ["made-up", *TEXT_SCRAPES])
def test_judge_lines_sums_the_same_features_the_trainer_sees(post):
    # Given a post with a menu, a byline, prose and a comment thread, or a text-scrape fixture
    lines, language = _post_lines(post)
    model = load_model()
    # When judge_lines scores them without building feature dicts
    fast = judge_lines(lines, language, model)
    # Then its verdicts are the reference models' over the trainer's feature dicts
    _, first = first_pass_features(lines, language)
    p1 = [model.first.probabilities(f) for f in first]
    second = second_pass_features(first, p1)
    trees = model.keep_trees
    for verdict, g in zip(fast, second, strict=True):
        p = model.second.probabilities(g)
        assert abs(verdict.keep - trees.probability(trees.vector(g))) < 1e-9
        assert abs(verdict.title - p["title"]) < 1e-9
        assert abs(verdict.comments - p["comments"]) < 1e-9
        if verdict.keep < model.keep_threshold and verdict.rule is None:
            kinds = model.kinds.probabilities(g)
            assert verdict.kind == max(kinds, key=kinds.__getitem__)
        else:
            assert verdict.kind is None


@pytest.mark.parametrize("post", ["made-up", *TEXT_SCRAPES])
def test_the_keep_trees_see_the_values_the_trainer_gives_them(post):
    # Given a post's lines
    lines_, language = _post_lines(post)
    model = load_model()
    shapes, first = first_pass_features(lines_, language)
    p1 = [model.first.probabilities(f) for f in first]
    three = [(p["content"], p["title"], p["comments"]) for p in p1]
    # When the trees' columns are built from the parts judge_lines has
    rows = list(model.tree_columns.rows(shapes, lines.places(lines_, shapes), lines.pass_two_values(three)))
    # Then each row is, value for value, the trainer's feature dict read at the trees' features
    reference = [model.keep_trees.vector(g) for g in second_pass_features(first, p1)]
    assert rows == reference


TWO_TREES = {
    "features": ["short", "p_content_win2"],
    "base": -0.5,
    "trees": [
        # short? then by the neighbours' content: 0.1 (<= 0.4) or 0.9; not short: 2.0
        {
            "feature": [0, 1, -1, -1, -1],
            "threshold": [0.5, 0.4, 0.0, 0.0, 0.0],
            "left": [4, 2, 0, 0, 0],
            "right": [1, 3, 0, 0, 0],
            "value": [0.0, 0.0, 0.1, 0.9, 2.0],
        },
        {"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [0.25]},
    ],
}


@pytest.mark.parametrize(
    ("features", "score"),
    [
        ({}, -0.5 + 2.0 + 0.25),  # not short: the first tree's left leaf
        ({"short": 1.0}, -0.5 + 0.1 + 0.25),  # short, no content around (0 <= 0.4)
        ({"short": 1.0, "p_content_win2": 0.4}, -0.5 + 0.1 + 0.25),  # at the threshold: left
        ({"short": 1.0, "p_content_win2": 0.41}, -0.5 + 0.9 + 0.25),
        ({"short": 1.0, "other": 1.0}, -0.5 + 0.1 + 0.25),  # a feature no tree splits on
    ],
)
def test_the_keep_trees_add_one_leaf_per_tree_to_the_base(features, score):
    trees = KeepTrees.from_json(TWO_TREES)
    assert trees.probability(trees.vector(features)) == pytest.approx(1 / (1 + math.exp(-score)), abs=1e-12)


def test_a_very_negative_tree_score_is_a_probability_not_an_overflow():
    data = {**TWO_TREES, "base": -1000.0}
    trees = KeepTrees.from_json(data)
    assert trees.probability(trees.vector({})) == pytest.approx(0.0, abs=1e-300)


def _pass_two_by_definition(probabilities):
    """PASS_TWO values line by line, as they are defined (pass_two_values builds them by column)."""
    n = len(probabilities)
    content = [p[0] + p[1] for p in probabilities]
    comments = [p[2] for p in probabilities]
    prefix = [0.0]
    for value in content:
        prefix.append(prefix[-1] + value)
    total = prefix[n] or 1
    out, comment_seen = [], 0.0
    for i in range(n):
        row = []
        for offset in lines.P_OFFSETS:
            row += (content[i + offset], comments[i + offset]) if 0 <= i + offset < n else (0.0, 0.0)
        for width in lines.P_WIDTHS:
            lo, hi = max(0, i - width), min(n, i + width + 1)
            row.append((prefix[hi] - prefix[lo] - content[i]) / max(1, hi - lo - 1))
        comment_seen = max(comment_seen * 0.9, comments[i])
        row += (prefix[i] / total, (prefix[n] - prefix[i + 1]) / total, comment_seen)
        row += (content[i], comments[i], probabilities[i][1])
        out.append(tuple(row))
    return out


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 7, 15, 16, 17, 31, 32, 33, 120])
def test_pass_two_values_are_their_definition_to_the_last_bit(n):
    rng = random.Random(n)
    probabilities = []
    for _ in range(n):
        weights = [rng.random() for _ in range(4)]
        probabilities.append([weight / sum(weights) for weight in weights])
    assert lines.pass_two_values(probabilities) == _pass_two_by_definition(probabilities)
    assert all(len(row) == len(lines.PASS_TWO) for row in lines.pass_two_values(probabilities))


def _verdict(line: str, keep: float, rule: str | None = None) -> LineVerdict:
    return LineVerdict(line, keep, 0.0, 0.0, None, rule, False, False)


PROSE = "The council met on Thursday and agreed to extend the primary school on Linden Street next spring."


def test_a_doubted_paragraph_beside_a_kept_one_stays_but_a_doubted_menu_line_does_not():
    # Given a kept paragraph, then a paragraph and a menu line the model doubts
    verdicts = [
        _verdict(PROSE, 0.9),
        _verdict(PROSE.replace("council", "board"), 0.35),
        _verdict("Archives", 0.4),
    ]
    # When the verdicts are read with the article's shape
    kept = _kept(verdicts, 0.5, 0.3)
    # Then the paragraph joins its neighbour (must-stay) and the menu line goes (must-go)
    assert kept == [True, True, False]


def test_a_subheading_between_kept_paragraphs_stays_but_a_named_share_row_does_not():
    verdicts = [
        _verdict(PROSE, 0.9),
        _verdict("How the extension is paid for", 0.45),
        _verdict(PROSE, 0.9),
        _verdict("Share on Facebook", 0.45, rule="share"),
        _verdict(PROSE, 0.9),
    ]
    assert _kept(verdicts, 0.5, 0.3) == [True, True, True, False, True]


def test_a_consent_notice_goes_but_an_article_sentence_about_cookies_stays():
    notice = _verdict("Diese Website verwendet Cookies", 0.8)
    about = _verdict("The bakery says it sells more cookies in December than in the rest of the year.", 0.8)
    assert _kept([notice, about], 0.5, 0.3) == [False, True]
