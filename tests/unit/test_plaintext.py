"""Plain-text posts: the seed exactly, and the shapes around it (CRLF, BOM, no blank lines, bylines)."""

import json
from pathlib import Path

import pytest
from article_ingest.extract.authors import read_byline
from article_ingest.extract.plaintext import is_page_furniture, logical_lines, parse_plaintext

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
