"""Plain-text posts: the seed exactly, and the shapes around it (CRLF, BOM, no blank lines, bylines)."""

import json
from pathlib import Path

import pytest
from article_ingest.extract.authors import read_byline
from article_ingest.extract.lines import LineVerdict
from article_ingest.extract.plaintext import _thread_start, is_page_furniture, logical_lines, parse_plaintext
from article_ingest.extract.text_title import article_words, title_index, title_text

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seed"
needs_seed = pytest.mark.skipif(
    not SEED.is_dir(), reason=f"seed example not found at {SEED} (../shared/corpus)"
)


def structured(result):
    return {
        "title": result.title,
        "author": ", ".join(result.authors) or None,
        "date": result.published,
        "standfirst": result.standfirst,
        "sections": [{"heading": s.heading, "paragraphs": s.paragraphs} for s in result.sections],
        "removed": result.removed,
    }


@needs_seed
def test_a_sentence_broken_at_its_links_is_joined_again():
    # BeautifulSoup's get_text("\\n") puts each link and emphasis on a line of its own.
    flattened = "Die Bilder von\nKim Jong Un\nwerden noch geprüft, sagte\nDonald Trump\n. Er sei froh.\n"
    assert logical_lines(flattened) == [
        "Die Bilder von",
        "Kim Jong Un werden noch geprüft, sagte",
        "Donald Trump. Er sei froh.",
    ]


@pytest.mark.parametrize(
    "lines",
    [
        "Home\nNews\nSport\nContact",  # a menu: capitalised items stay apart
        "The first sentence ends here.\nlowercase poetry starts a line of its own",
        "Tags:\nbirds, swifts",
        "Read more »\n(3) comments",
    ],
)
def test_lines_that_do_not_continue_a_sentence_stay_apart(lines):
    assert logical_lines(lines) == lines.split("\n")


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t,
        lambda t: t.replace("\n", "\r\n"),
        lambda t: "\ufeff" + t,
        lambda t: "\n".join(line for line in t.splitlines() if line.strip()),
    ],
    ids=["as-is", "crlf", "bom", "no-blank-lines"],
)
def test_seed_matches_expected_exactly(variant):
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    expected.pop("source")
    result = parse_plaintext(variant((SEED / "seed-article.txt").read_text(encoding="utf-8")))
    assert structured(result) == expected


POST = """Kettle Valley Rail Trail Reopens

By Jane Doe and John Roe, 3 May 2022

After two years of repairs, the trail is open again for walkers and cyclists.

The washed-out trestles were rebuilt with timber from the valley itself. Crews worked through two winters to \
finish the job, and the first riders crossed the new bridges on Saturday morning.

Volunteers cleared fallen trees along forty kilometres of the route. They will return each spring.

What comes next

The regional district plans a second stage that links the trail with the lakeshore path, pending funding.

Follow us on Instagram for more trail news
Share this:
Leave a comment
Great news, can't wait to ride it!
"""


def test_title_byline_standfirst_and_headings_by_shape():
    result = parse_plaintext(POST)
    assert result.title == "Kettle Valley Rail Trail Reopens"
    assert result.authors == ["Jane Doe", "John Roe"] and result.published == "2022-05-03"
    assert result.standfirst.startswith("After two years")
    assert [s.heading for s in result.sections] == [None, "What comes next"]
    assert result.removed["comments"] == ["Leave a comment", "Great news, can't wait to ride it!"]
    assert "Follow us on Instagram for more trail news" in result.removed["promo"]


def test_a_trailing_heading_shaped_line_stays_a_paragraph():
    result = parse_plaintext("First paragraph that is long enough to be one.\n\nThe End")
    assert result.sections[-1].paragraphs[-1] == "The End"


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "The council met on Tuesday evening to discuss the budget for the\n"
        "coming year and agreed to spend more on roads and on the library\n"
        "than it had planned at the start of the meeting.\n"
    )
    assert logical_lines(wrapped) == [" ".join(wrapped.split())]


def test_lines_without_blank_lines_stay_separate_when_not_wrapped():
    assert len(logical_lines("Short heading\nA sentence that ends.\nAnother one that also ends here.")) == 3


@pytest.mark.parametrize(
    "line, authors, date",
    [
        ("Posted on", [], None),
        ("Posted on March 3, 2022 by Jane Doe", ["Jane Doe"], "2022-03-03"),
        ("Veröffentlicht am 3. März 2022 von Max Mustermann", ["Max Mustermann"], "2022-03-03"),
        ("Published: 2022-03-04 14:05", [], "2022-03-04T14:05:00"),
        ("Updated 2 hours ago", [], None),  # relative: a wrong date is worse than none
        ("By Jane Doe | March 3", ["Jane Doe"], None),  # no year: no date
    ],
)
def test_bylines_are_read(line, authors, date):
    byline = read_byline(line)
    assert byline is not None and byline.authors == authors and byline.date == date


@pytest.mark.parametrize(
    "line", ["By the end of the year, things had changed.", "Published research shows that cats sleep a lot."]
)
def test_sentences_that_start_like_bylines_are_not_bylines(line):
    assert read_byline(line) is None


def test_markdown_headings_keep_their_level():
    post = "# Launch day\n\nThe first paragraph is long enough to be one.\n\n### Details\n\nMore text here."
    result = parse_plaintext(post)
    assert result.title == "Launch day"
    assert [(s.heading, s.level) for s in result.sections] == [(None, 0), ("Details", 3)]


@pytest.mark.parametrize(
    "line, date", [("3 March 2022", "2022-03-03"), ("03.03.2022 14:05", "2022-03-03T14:05:00")]
)
def test_a_dateline_on_its_own_is_a_byline(line, date):
    assert read_byline(line).date == date


def test_a_heading_with_a_year_is_not_a_dateline():
    assert read_byline("Results of the 2019 season") is None


def test_plain_text_byline_date_is_read_day_first():
    # Given a plain-text post whose byline prints a dotted (day-first) date
    from article_ingest.extract.plaintext import parse_plaintext

    post = (
        "Von Anna Schmidt, 05.11.2021\n\n"
        "Der Gemeinderat hat am Donnerstag beschlossen, die Grundschule an der Lindenstraße zu erweitern. "
        "Der Anbau soll im kommenden Frühjahr beginnen und zwei Jahre dauern.\n\n"
        "Die Kosten von rund vier Millionen Euro trägt zum größten Teil das Land."
    )

    # Then the date is 5 November, not May 11
    assert parse_plaintext(post).published == "2021-11-05"


def test_ambiguous_numeric_byline_date_is_not_guessed():
    from article_ingest.extract.dates import parse_date

    assert parse_date("05/11/2021") is None
    assert parse_date("25/11/2021") == "2021-11-25"


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Zum Inhalt springen",
        "Home / News / Ten years of counting swifts",
        "Startseite › Natur › Mauersegler",
        "Older post: a winter of waxwings →",
        "← Newer posts",
    ],
)
def test_page_furniture_is_never_the_title(line):
    assert is_page_furniture(line)
    post = f"{line}\n\n" + "When we started counting swifts, there were nineteen nests under the eaves. " * 3
    assert parse_plaintext(post).title != line


@pytest.mark.parametrize(
    "line",
    [
        "Ten years of counting swifts",
        "Either / or: choosing a nest box",
        "« Le retour des martinets »",
        "»Die Mauersegler sind zurück«",
    ],
)
def test_headlines_are_not_page_furniture(line):
    assert not is_page_furniture(line)


PARAGRAPH = "Eight months ago I could not run for a bus without wheezing, and now I have run fifty."


def verdicts(*rows: tuple[str, float, float, bool]) -> list[LineVerdict]:
    """(line, keep, title, labelled byline) per line, as judge_lines would give them."""
    return [LineVerdict(line, keep, title, 0.0, None, None, False, by) for line, keep, title, by in rows]


def headline(rows: list[LineVerdict]) -> str | None:
    kept = [v.keep >= 0.5 for v in rows]
    index = title_index(rows, kept, len(rows), 0.5, article_words(rows, kept))
    return None if index is None else rows[index].line


def test_without_a_sure_title_the_headline_opens_the_block_over_the_first_paragraph():
    rows = verdicts(
        ("Independent news for the fens and the villages", 0.54, 0.44, False),  # the tagline
        ("Home   Local   Business   Culture", 0.1, 0.01, False),
        ("The town's last bookbinder is taking on apprentices", 0.5, 0.31, False),
        ("After forty years working alone, he wants someone to inherit his presses", 0.56, 0.46, False),
        ("By Hannah Lowe", 0.1, 0.02, True),
        (PARAGRAPH, 0.9, 0.0, False),
    )
    assert headline(rows) == "The town's last bookbinder is taking on apprentices"


def test_a_sign_in_link_that_opens_the_block_is_not_the_headline():
    rows = verdicts(
        ("Articles   Équipe   Conférences", 0.28, 0.0, False),
        ("Se connecter", 0.5, 0.0, False),
        ("Pourquoi nous sommes revenus à un monolithe", 0.5, 0.02, False),
        ("Par Thomas Bertrand", 0.45, 0.04, True),
        (PARAGRAPH, 0.97, 0.0, False),
    )
    assert headline(rows) == "Pourquoi nous sommes revenus à un monolithe"


def test_of_sure_titles_the_one_over_the_article_wins_and_a_trail_never_does():
    rows = verdicts(
        ("Miles and Muddle", 0.6, 0.7, False),
        ("Home   About   Contact", 0.1, 0.0, False),
        ("Reviews › Trail shoes", 0.6, 0.9, False),
        ("My first ultra, and the hill that nearly broke me", 0.8, 0.6, False),
        (PARAGRAPH, 0.97, 0.0, False),
    )
    assert headline(rows) == "My first ultra, and the hill that nearly broke me"


def test_no_headline_when_the_block_over_the_article_opens_with_a_sentence():
    rows = verdicts(
        ("Home   About   Contact", 0.1, 0.0, False),
        ("This line ends like a sentence and so is not a headline.", 0.6, 0.1, False),
        (PARAGRAPH, 0.97, 0.0, False),
    )
    assert headline(rows) is None


POOL = (
    "The council voted on Tuesday to close the town's swimming pool next spring, after repairs to "
    "its roof were costed at four million pounds."
)


def test_a_doubted_headline_behind_the_byline_and_share_row_is_the_likeliest_above_the_text():
    rows = verdicts(
        ("Fenland Post", 0.1, 0.15, False),
        ("Home   Local   Business", 0.05, 0.01, False),
        ("Council votes to close the swimming pool", 0.2, 0.3, False),
        ("By Hannah Lowe", 0.1, 0.02, True),
        ("12 March 2024", 0.1, 0.0, False),
        ("Share   Post   Email", 0.05, 0.0, False),
        (POOL, 0.9, 0.0, False),
    )
    assert headline(rows) == "Council votes to close the swimming pool"


def test_of_doubted_lines_the_one_the_article_is_about_beats_a_likelier_kicker():
    rows = verdicts(
        ("Local politics", 0.2, 0.25, False),  # the kicker: the model's likeliest, about nothing said
        ("Council votes to close the swimming pool", 0.2, 0.15, False),
        ("Share   Post   Email", 0.05, 0.0, False),
        (POOL, 0.9, 0.0, False),
    )
    assert headline(rows) == "Council votes to close the swimming pool"


def test_no_headline_from_lines_the_model_rules_out_and_the_article_is_not_about():
    rows = verdicts(
        ("Home   Local   Business", 0.05, 0.01, False),
        ("Share   Post   Email", 0.05, 0.0, False),
        (POOL, 0.9, 0.0, False),
    )
    assert headline(rows) is None


DASHED = "Swimming pool - what the council decided"


@pytest.mark.parametrize(
    ("line", "others", "title"),
    [
        # the site's name stands alone by its logo: the other side is the headline
        ("Council votes to close the swimming pool | Fenland Post", {"Fenland Post"}, None),
        ("Fenland Post – Council votes to close the swimming pool", {"Fenland Post"}, None),
        # the headline stands alone too: still the side the article is about
        (
            "Council votes to close the swimming pool | Fenland Post",
            {"Fenland Post", "Council votes to close the swimming pool"},
            None,
        ),
        # neither side stands alone: a dash inside a headline stays
        (DASHED, set(), DASHED),
        (DASHED, {"Swimming"}, DASHED),
    ],
)
def test_a_headline_joined_to_the_site_name_loses_the_site_name(line, others, title):
    expected = title or "Council votes to close the swimming pool"
    assert title_text(line, others, article_words(verdicts((POOL, 0.9, 0.0, False)), [True])) == expected


def thread_rows(*rows: tuple[str, float, bool]) -> list[LineVerdict]:
    """(line, keep, opens a comment section) per line, as judge_lines would give them."""
    return [LineVerdict(line, keep, 0.0, 0.0, None, None, opener, False) for line, keep, opener in rows]


ESSAY = (
    "I think the question is harder than the post makes it look, because dignity is not only a matter "
    "of law but of how people are received in the towns where they arrive, which the post leaves out."
)


def test_an_opener_below_the_articles_paragraphs_starts_the_thread_however_long_the_replies():
    rows = thread_rows(
        (POOL, 0.9, False),
        (PARAGRAPH, 0.9, False),
        (POOL, 0.9, False),
        ("142 replies to", 0.03, True),
        *[(ESSAY, 0.6, False)] * 6,  # the replies: more of the kept text than the article
    )
    assert _thread_start(rows, [v.keep >= 0.5 for v in rows]) == 3


def test_a_comment_count_above_the_articles_paragraphs_starts_no_thread():
    rows = thread_rows(
        ("Council votes to close the swimming pool", 0.8, False),
        ("12 comments", 0.1, True),
        (POOL, 0.9, False),
        (PARAGRAPH, 0.9, False),
        (POOL, 0.9, False),
    )
    assert _thread_start(rows, [v.keep >= 0.5 for v in rows]) == len(rows)


RECIPE_WITH_TAIL_CALLS = "\n\n".join(
    [
        "Torta di mele della nonna",
        "La torta di mele della nonna si prepara in un'ora e non richiede nessuna attrezzatura "
        "speciale: bastano una ciotola capiente, una frusta e uno stampo imburrato con cura.",
        "Sbucciate quattro mele, tagliatele a fettine sottili e lasciatele con il succo di mezzo "
        "limone, così non anneriscono mentre preparate l'impasto con uova, zucchero e farina.",
        "Versate l'impasto nello stampo, disponete sopra le fettine a raggiera e infornate a centottanta "
        "gradi per quaranta minuti, finché la superficie non sarà dorata e uno stecchino ne uscirà asciutto.",
        "Ti è piaciuta questa ricetta?\nCondividila con i tuoi amici e seguici su Instagram per altre idee!",
    ]
)

HOWTO_WITH_SUBSCRIBE_STEPS = "\n\n".join(
    [
        "How to get notified of new videos",
        "Open the channel page in the app and look for the red button under the banner: it is the same "
        "on phones and on the website, and it is easy to miss on a small screen.",
        "Click Subscribe to get notified of new videos.",
        "Then click the bell icon next to the button and choose All, or Personalised if you only want "
        "some of the alerts; you can change the choice later from the same menu at any time.",
    ]
)


def test_calls_to_action_after_the_last_paragraph_go_with_the_question_before_them():
    result = parse_plaintext(RECIPE_WITH_TAIL_CALLS)
    text = " ".join(p for s in result.sections for p in s.paragraphs)
    assert "Condividila" not in text and "Ti è piaciuta" not in text
    assert "Ti è piaciuta questa ricetta?" in result.removed["promo"]
    assert text.rstrip().endswith("uno stecchino ne uscirà asciutto.")


def test_a_how_to_step_that_says_subscribe_stays():
    result = parse_plaintext(HOWTO_WITH_SUBSCRIBE_STEPS)
    text = " ".join(p for s in result.sections for p in s.paragraphs)
    assert "Click Subscribe to get notified of new videos." in text
    assert "choose All, or Personalised" in text
