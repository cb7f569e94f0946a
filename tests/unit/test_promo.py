"""classify_line: each concept in selectors.py, in both directions, in English and German."""

from __future__ import annotations

import re

import pytest
from article_ingest.compat import regex_syntax
from article_ingest.extract import lines, promo, selectors
from article_ingest.extract.promo import (
    classify_line,
    classify_meta_row,
    opens_comment_section,
    opens_related_list,
)
from lxml import html

from ..conftest import PAGES, html_fixture_names

BOILERPLATE = [
    # comment section markers and the comment form
    ("Leave a Reply", "comments"),
    ("Leave a Reply Cancel reply", "comments"),
    ("3 thoughts on “Russia withdraws some troops”", "comments"),
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("Kommentar verfassen", "comments"),
    ("12 Kommentare", "comments"),
    ("Schreibe einen Kommentar", "comments"),
    ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert", "comments"),
    ("1 Antwort zu „Neues Hallenbad“", "comments"),
    ("Kommentare insgesamt: 3", "comments"),
    ("Du musst eingeloggt sein, um Kommentare zu schreiben! Oder noch gar nicht registriert?", "comments"),
    # share bars
    ("Share this:", "share"),
    ("Share on Facebook", "share"),
    ("Teilen mit:", "share"),
    ("Diesen Artikel teilen", "share"),
    ("Wird geladen …", "share"),
    ("Teilen Sie dies mit:", "share"),
    ("Rezept merken", "share"),
    # advert labels, in more of the corpus's languages
    ("Advertisement - article continues below", "boilerplate"),
    ("Story continues below advertisement", "boilerplate"),
    ("Pubblicità", "boilerplate"),
    ("Publicidade", "boilerplate"),
    ("Advertentie", "boilerplate"),
    # "read also" lead-ins before a linked title
    ("Lees ook: Zo lang gaat de accu van je e-bike echt mee", "navigation"),
    ("Leia também: Obras na avenida obrigam a desvios", "navigation"),
    ("Save for later", "share"),
    # social calls to action
    ("Do check out our TikTok:", "promo"),
    ("Follow us on Instagram", "promo"),
    ("Folgen Sie uns auf Facebook", "promo"),
    ("Folge uns auf Instagram und TikTok!", "promo"),
    ("Follow The Ledger on Twitter and Instagram @ledger", "promo"),
    ("Síguenos en Telegram", "promo"),
    # newsletter and subscription
    ("Subscribe to our newsletter", "promo"),
    ("Sign up for our weekly newsletter to get the best stories", "promo"),
    ("Abonnieren Sie unseren Newsletter", "promo"),
    ("Jetzt zum Newsletter anmelden", "promo"),
    ("Thanks for reading The Margin! Subscribe for free to receive new posts.", "promo"),
    # the author's own plugs
    ("Please check out the following website for further news articles:", "promo"),
    ("If you enjoyed this post, please share it with a friend.", "promo"),
    ("Verraten Sie gerne in den Kommentaren: Was denken Sie?", "promo"),
    ("Unterstütze RosaMag bereits mit 2,50!", "promo"),
    ("Support The Margin from $5 a month", "promo"),
    # disclosures and appeals: searched inside a paragraph of a few sentences
    (
        "We test every product ourselves. Some links below are affiliate links, and we may earn a small "
        "commission if you buy through them, at no extra cost to you.",
        "promo",
    ),
    ("Bei den Links handelt es sich um Affiliate-Links. Der Preis ändert sich nicht.", "promo"),
    ("We want to hear what you think about this story. Submit a letter to the editor.", "promo"),
    ("Wir setzen bewusst auf keine Bezahlschranke. Hilf uns mit 5 Euro im Monat.", "promo"),
    ("Puedes escribirnos a redaccion@example.org o seguirnos en las redes.", "promo"),
    ("Czytasz bezpłatny artykuł. Wesprzyj nas darowizną.", "promo"),
    ("Kaufst du über diese Links ein, erhalten wir eine kleine Provision.", "promo"),
    ("Mit der Registrierung akzeptieren Sie unsere Nutzungsbedingungen.", "promo"),
    ("By signing up, you agree to our Terms of Use and Privacy Policy.", "promo"),
    ("Jetzt auch digital! Einfach hier klicken und registrieren.", "promo"),
    ("Melden Sie sich an und erhalten Sie exklusive Angebote!", "promo"),
    # related-article lists and lead-ins
    ("Related posts", "navigation"),
    ("Read more: TikTok fined over children's data", "navigation"),
    ("Lesen Sie auch: Kleiderkammer sucht Helfer", "navigation"),
    ("Das könnte Sie auch interessieren", "navigation"),
    ("Mehr zum Thema", "navigation"),
    ("Lea también: Impiden ingreso a reportero", "navigation"),
    ("MIRA: Madre se acerca a conocer los motivos", "navigation"),
    ("Inhaltsverzeichnis", "navigation"),
    ("Nächster Beitrag", "navigation"),
    ("Previous post", "navigation"),
    ("Kommentierte Artikel", "navigation"),
    ("Weitere Infos unter www.example.org", "navigation"),
    ("Weitere Informationen hierzu gibt es in Kürze auf der Website des Verbands.", "navigation"),
    # picture credits and page widgets
    ("Foto: Kurier/Schmidt", "boilerplate"),
    ("Photo credit: Jane Doe", "boilerplate"),
    ("Marco Odermatt in Peking. © AFP / Marco Bertorello", "boilerplate"),
    ("Bild anzeigen", "boilerplate"),
    ("Tags: politics, europe", "boilerplate"),
    ("Kategorien", "boilerplate"),
    ("Pressemitteilungen", "boilerplate"),
    ("News", "boilerplate"),
    ("Es werden die Artikel 1 bis 10 von insgesamt 19 angezeigt!", "boilerplate"),
    ("Showing 1–12 of 40 results", "boilerplate"),
    ("Klicken Sie auf den unteren Button, um den Inhalt von maps.example.org zu laden.", "boilerplate"),
    # labels over contact and source details
    ("Pressekontakt:", "boilerplate"),
    ("Quellenangaben:", "boilerplate"),
    ("Release date:", "boilerplate"),
    ("Originalpublikation:", "boilerplate"),
    ("Quelle: Landesamt für Statistik", "boilerplate"),
    ("(Alle Angaben ohne Gewähr)", "boilerplate"),
    # notices and sign-offs
    ("© 2024 The Ledger. All rights reserved.", "boilerplate"),
    ("Alle Rechte vorbehalten.", "boilerplate"),
    ("aja/PAP", "boilerplate"),
    ("(dpa)", "boilerplate"),
    ("Telefon: +49 (40) 300 30-1141", "boilerplate"),
    # reading time and date stamps
    ("5 min read", "boilerplate"),
    ("Lesezeit: 4 Minuten", "boilerplate"),
    ("Letzte Änderung 14.02.2019", "boilerplate"),
    ("23.10.2018", "boilerplate"),
    ("3. März 2024", "boilerplate"),
    ("May 6, 2022 at 10:15 am", "boilerplate"),
    ("28 kwietnia 2021, 06:29", "boilerplate"),
    ("14 de febrero de 2022", "boilerplate"),
]

ARTICLE_TEXT = [
    "Anúncio do governo sobre o parque foi feito ontem.",
    "Lees ook het rapport van de commissie, dat gisteren verscheen.",
    "The advertisement ran for three weeks before the regulator stepped in.",
    "TikTok said on Tuesday it would ban paid political advertising.",
    "Subscribers to the newsletter reported a sharp rise in prices.",
    "Users who follow the company on Instagram noticed the announcement first.",
    "Comments from lawmakers were mixed.",
    "Residents can leave comments on the plan until March 30, the council said.",
    "Share prices of rival firms rose slightly.",
    "Die Kommentare des Bürgermeisters sorgten für Aufregung.",
    "Der Newsletter des Vereins erreicht inzwischen 4000 Abonnenten.",
    "Wer dem Verein auf Instagram folgt, sieht dort die aktuelle Liste.",
    "Antwort von Azad",
    "Mira",
    "Unterstützt wurde das Projekt mit 2 Millionen Euro vom Land, sagte die Ministerin am Montag.",
    "Support for the plan fell to 40 percent in May.",
    "Ein Kommentar von Anna Schmidt",
    "Das Foto aus dem Gutachten zeigt deutliche Risse.",
    "Read the full report, which runs to 300 pages, before the meeting.",
    "We follow the data: most failures came from one partner API.",
    "Die AP meldete am Montag, dass die Wahl verschoben wird.",
    "The phone company said 300 jobs would go.",
    "Die Zahl stieg bis 2021 auf 23.10 Prozent.",
    "The rights reserved for the founders were never written down.",
    "Kontaktbeschränkungen gelten bis Ende März.",
    "Sources close to the talks said they had stalled.",
    "Regulators want affiliate links labelled more clearly.",
    "The court heard that the firm may receive compensation of up to 2 million dollars, its lawyer said.",
    "Die Zeitung führte 2019 eine Bezahlschranke ein, sagte der Verleger.",
    "„Wir wollen keine Bezahlschranke“, sagte der Verleger am Montag.",
    "'We want to hear what you think,' the mayor told residents.",
    "Next year the article will be updated.",
    "Am 3. März 2024 beginnt der Umbau des Bahnhofs.",
    "Quelle der Daten ist das Statistische Bundesamt, sagte der Sprecher.",
    "Weitere Informationen gibt es derzeit nicht, sagte die Polizei.",
    "By signing up early, farmers got the higher subsidy.",
    "Die Anmeldung ist bis Freitag möglich.",
    "News of the merger spread quickly.",
    "Die Mannschaft gewann zuletzt 3 bis 4 von 10 Spielen, sagte der Trainer.",
    "Merken Sie sich den Termin schon jetzt vor.",
    "Kategorien wie Alter und Einkommen fehlen in der Statistik.",
    # a disclosure phrase quoted inside a long paragraph is prose about the subject
    "The watchdog found that many influencers never say that their posts contain affiliate links, and "
    "it wants platforms to label them: in a survey of 500 accounts, fewer than one in five disclosed "
    "that they earn money from purchases, and most of those did so only in a line below the fold that "
    "few viewers ever read, the report published on Tuesday by the consumer agency said, adding that "
    "fines would follow.",
    # a long line is prose even when it opens like a call to action
    "Follow us on Instagram, the minister urged young voters in a speech that went on to describe "
    "at length how the ministry had spent three years rebuilding its digital services, hiring "
    "designers and engineers, and publishing every line of code under an open licence.",
]


@pytest.mark.parametrize(("line", "kind"), BOILERPLATE)
def test_boilerplate_line_is_classified(line: str, kind: str) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize("line", ARTICLE_TEXT)
def test_article_sentence_is_kept(line: str) -> None:
    assert classify_line(line) is None


def test_comment_section_markers() -> None:
    assert opens_comment_section("Leave a Reply")
    assert opens_comment_section("12 Kommentare")
    # a count in brackets after the word, whose ")" normalize_line strips; and more languages
    assert opens_comment_section("Comments (4)")
    assert opens_comment_section("Komentarze (4)")
    assert opens_comment_section("7 comentários")
    assert opens_comment_section("Commenti (12)")
    assert opens_comment_section("3 reacties")
    assert not opens_comment_section("Comments (4) on the new law were mostly positive")
    assert not opens_comment_section("Reacties van bewoners waren overwegend positief.")
    assert not opens_comment_section("Kommentare und Kritik")
    assert not opens_comment_section("Comments from lawmakers were mixed.")


@pytest.mark.parametrize(
    "line", ["142 Antworten zu", "5 thoughts on", "One response to", "12 réponses à", "3 respuestas a"]
)
def test_a_count_of_replies_whose_post_title_the_flattener_cut_off_opens_the_comments(line: str) -> None:
    # "142 Antworten zu „Würde des Lebens“" flattened a text node per line: the title on the next line
    assert opens_comment_section(line)


@pytest.mark.parametrize(
    "line",
    [
        "Un commentaire sur la réforme a été publié hier par le ministre.",
        "Three thoughts on the budget",
        "Responses to the survey were mixed.",
    ],
)
def test_a_sentence_about_replies_does_not_open_the_comments(line: str) -> None:
    assert not opens_comment_section(line)


def test_related_list_headings() -> None:
    assert opens_related_list("Auch interessant")
    assert opens_related_list("You might also like")
    assert opens_related_list("Potrebbero interessarti anche:")
    assert opens_related_list("Leia também")
    assert opens_related_list("Lees ook")
    assert not opens_related_list("Related risks for investors in 2024")


def test_meta_rows() -> None:
    # a date or a comment link beside short labels is page furniture
    assert classify_meta_row("24. März 2004, 19:49 | Genesis") == "boilerplate"
    assert classify_meta_row("January 13, 2020 | categories: Python | View Comments") == "boilerplate"
    # a sentence beside the date, or no boilerplate part at all, is text
    assert classify_meta_row("3. März 2024 | Der Gemeinderat hat den Haushalt einstimmig beschlossen") is None
    assert classify_meta_row("Rock | Pop | Jazz") is None
    assert classify_meta_row("3. März 2024") is None


def _fixture_lines() -> list[str]:
    lines = []
    for name in html_fixture_names():
        lines += html.fromstring((PAGES / name / "input.html").read_bytes()).text_content().splitlines()
    return [line for line in lines if line.strip()]


def test_gated_rules_match_as_the_plain_alternations() -> None:
    # Given every example above and every line of the fixture pages, as written, in upper case and
    # with a character that lowers unfaithfully, and each rule's fragments as one ungated pattern
    lines = [line for line, _ in BOILERPLATE] + ARTICLE_TEXT + _fixture_lines()
    lines += [line.upper() for line in lines] + [line.replace("s", "ſ") for line in lines]
    plain = [
        re.compile("|".join(p.lowered.pattern for p in (rule.anchored, rule.floating) if p), re.IGNORECASE)
        for rule in promo.LINE_RULES
    ]
    for line in map(promo.normalize_line, lines):
        if line and len(line) <= promo.MAX_LINE_CHARS:
            lowered = promo.in_lower_case(line)
            # When the rules are tried with their gates, Then each matches where its plain pattern does
            for rule, pattern in zip(promo.LINE_RULES, plain, strict=True):
                assert rule.fullmatch(line, lowered) == bool(pattern.fullmatch(line)), (rule.kind, line)


EVERYTHING = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def _any_case_patterns() -> list[promo.AnyCase]:
    patterns = [p for rule in promo.LINE_RULES for p in (rule.anchored, rule.floating) if p]
    return patterns + [value for value in vars(lines).values() if isinstance(value, promo.AnyCase)]


def _written(items) -> set[str]:
    """Every character a parsed pattern matches literally, ranges of sets included."""
    found: set[str] = set()
    for op, av in items:
        if op is regex_syntax.LITERAL:
            found.add(chr(av))
        elif op is regex_syntax.IN:
            found |= {chr(a) for o, a in av if o is regex_syntax.LITERAL}
            found |= {chr(c) for o, a in av if o is regex_syntax.RANGE for c in range(a[0], a[1] + 1)}
        elif op is regex_syntax.BRANCH:
            found = found.union(*(_written(branch) for branch in av[1]))
        elif op is regex_syntax.SUBPATTERN:
            found |= _written(av[-1])
        elif op in (regex_syntax.MAX_REPEAT, regex_syntax.MIN_REPEAT):
            found |= _written(av[2])
        elif op in (regex_syntax.ASSERT, regex_syntax.ASSERT_NOT):
            found |= _written(av[1])
    return found


def _unfaithful(cased: set[str]) -> set[str]:
    """The characters re.IGNORECASE matches to one of cased that lower() does not make it, or that
    lower() makes one of cased that re.IGNORECASE does not match to it, or whose length or class
    (word, digit, space: what \\w, \\d, \\s and \\b read) lower() changes."""
    unfaithful = {
        found
        for char in cased
        for found in re.findall(re.escape(char), EVERYTHING, re.IGNORECASE)
        if found.lower() != char.lower()
    }
    unfaithful |= {
        char
        for char in EVERYTHING
        if char.lower() in cased and not re.fullmatch(re.escape(char.lower()), char, re.IGNORECASE)
    }
    unfaithful |= {
        char
        for char in EVERYTHING
        if char.lower() != char
        and (
            len(char.lower()) != 1
            or (char.isalnum(), char.isdecimal(), char.isspace())
            != (char.lower().isalnum(), char.lower().isdecimal(), char.lower().isspace())
        )
    }
    return unfaithful


def test_case_traps_hold_every_character_that_lowers_unlike_re_ignorecase_reads_it() -> None:
    # Given every character the literal gates search for and the AnyCase patterns match, and all
    # of Unicode
    written = {char for rule in promo.LINE_RULES if rule.gate for char in rule.gate.pattern if char != "|"}
    for pattern in _any_case_patterns():
        written |= _written(regex_syntax.parse(pattern.lowered.pattern))
    cased = {char for char in written if char.lower() != char.upper()}
    # When a character lowers unlike re.IGNORECASE reads it (_unfaithful)
    unfaithful = _unfaithful(cased)
    # Then a line holding it is matched with re.IGNORECASE ("Σ" is there too: str.lower() lowers it by
    # its context)
    assert len(cased) > 26
    assert unfaithful <= set(promo.CASE_TRAPS)


def test_a_line_whose_words_are_looked_up_in_lower_case_holds_no_unfaithful_letter() -> None:
    # Given the words that address the reader, looked up rather than searched for
    cased = {char for word in promo._YOU_WORDS for char in word if char.lower() != char.upper()}
    # Then every character that lowers unlike re.IGNORECASE reads one of their letters sends a line
    # to the search
    assert len(cased) > 26
    assert all(promo._LOOKUP_TRAP.match(char) for char in _unfaithful(cased))


def test_any_case_patterns_are_written_in_lower_case() -> None:
    with pytest.raises(ValueError):
        promo.AnyCase(r"\bNews\b")
    assert promo.AnyCase(r"\S+\u00A0\W").lowered.pattern  # escapes are not letters written


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "LEAVE A REPLY",
        "Leave a Reply ſ",
        "İstanbul: Leave a Reply",
        "ΣΑΣ comments",
        "Related Posts",
    ],
)
def test_any_case_patterns_match_as_re_ignorecase_does(line: str) -> None:
    for pattern in _any_case_patterns():
        plain = re.compile(pattern.lowered.pattern, re.IGNORECASE)
        lowered = promo.in_lower_case(line)
        assert pattern.search(line, lowered) == bool(plain.search(line))
        assert pattern.fullmatch(line, lowered) == bool(plain.fullmatch(line))


@pytest.mark.parametrize("line", ["Like Loading...", "Gefällt mir Wird geladen …", "Liken Lade …"])
def test_a_like_button_still_loading_is_a_share_row(line: str) -> None:
    assert classify_line(line) == "share"


@pytest.mark.parametrize("line", ["I like loading the dishwasher before breakfast.", "Liken und Laden"])
def test_sentences_about_liking_and_loading_stay(line: str) -> None:
    assert classify_line(line) is None


def test_a_heading_the_line_model_asks_about_is_named_by_a_rule_before_it_asks() -> None:
    # Given the rules' patterns, in the order classify_line tries them
    sources = [
        " ".join(p.lowered.pattern for p in (rule.anchored, rule.floating) if p) for rule in promo.LINE_RULES
    ]

    def first_holding(*groups: dict[str, list[str]]) -> int:
        wanted = [f"(?:{fragment})" for fragment in promo._fragments(*groups)]
        return next(at for at, source in enumerate(sources) if all(w in source for w in wanted))

    # Then every comment-section heading is named "comments", every related-list heading one of
    # lines.NAMED_HEADINGS: line_shape asks opens_comment_section and opens_related_list only then
    up_to = first_holding(selectors.COMMENT_SECTION)
    assert {rule.kind for rule in promo.LINE_RULES[: up_to + 1]} == {"comments"}
    up_to = first_holding(selectors.RELATED, selectors.TABLE_OF_CONTENTS)
    assert {rule.kind for rule in promo.LINE_RULES[: up_to + 1]} <= lines.NAMED_HEADINGS
    for line in [*_fixture_lines(), "Leave a Reply", "12 Kommentare", "Related Posts", "Auch interessant"]:
        if promo.opens_comment_section(line):
            assert promo.classify_line(line) == "comments", line
        if promo.opens_related_list(line):
            assert promo.classify_line(line) in lines.NAMED_HEADINGS, line
