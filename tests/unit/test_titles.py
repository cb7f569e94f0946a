"""The title chooser: agreement between JSON-LD, og:title, <title> and <h1>, and site names
known by repetition (og:site_name, the logo's alt text, a link home, the host)."""

import pytest
from article_ingest.extract.metadata import extract_metadata
from article_ingest.extract.tree import parse_tree


def title_of(head: str, body: str, url: str | None = "https://example.org/a/post") -> str | None:
    page = parse_tree(f"<html><head>{head}</head><body>{body}<p>Some text.</p></body></html>")
    return extract_metadata(page, url).title


def test_a_site_name_h1_named_by_the_logo_loses_to_the_headline_h1():
    # Given a site name repeated in the logo's alt text, an <h1> and the <title> suffix
    head = "<title>Tools of the first farmers | Stone Age &amp; Co</title>"
    body = (
        '<header><a href="/"><img class="logo" alt="Stone Age &amp; Co"></a><h1>Stone Age &amp; Co</h1>'
        "</header><h1>Tools of the first farmers</h1>"
    )
    # Then the post's headline is the title, not the site's name
    assert title_of(head, body) == "Tools of the first farmers"


def test_a_headline_h1_that_names_the_host_stays():
    head = "<title>15 years of example.org — example.org</title>"
    body = "<h1>15 years of example.org</h1>"
    assert title_of(head, body) == "15 years of example.org"


def test_only_the_site_name_is_cut_from_a_title_whose_headline_holds_a_separator():
    # Given a headline with a dash of its own, and the site name after the last separator
    head = (
        '<meta property="og:site_name" content="LimeSpace">'
        "<title>Desoldering done right – how to revive old devices – LimeSpace</title>"
    )
    url = "https://example.org/desoldering-done-right-how-to-revive-old-devices"
    # Then both halves of the headline stay
    assert title_of(head, "", url) == "Desoldering done right – how to revive old devices"


def test_a_section_part_the_url_does_not_name_is_dropped():
    head = "<title>Example Blog » Blog Archive » Podcasts in a media server</title>"
    body = "<h1>Example Blog</h1>"
    url = "https://example.org/tutorials/podcasts-in-a-media-server/"
    assert title_of(head, body, url) == "Podcasts in a media server"


def test_a_literal_less_than_sign_in_the_title_keeps_the_rest_of_the_title():
    head = "<title>Why 3 <b and c matter | Example</title>"
    assert title_of(head, "", None) == "Why 3 <b and c matter"


def test_a_literal_less_than_sign_in_og_title_keeps_the_rest_of_the_title():
    head = '<meta property="og:title" content="When x &lt;y holds, and why">'
    assert title_of(head, "", None) == "When x <y holds, and why"


def test_markup_in_og_title_is_still_stripped():
    head = '<meta property="og:title" content="<i>Bike</i> lanes<script>alert(1)</script>">'
    assert title_of(head, "", None) == "Bike lanes"


def test_an_h1_the_title_element_says_in_nearly_its_words_beats_a_call_to_join():
    # Given an og:title that asks the reader to join, and a <title> that words the headline a
    # little differently, on a page with two <h1>s
    head = (
        '<meta property="og:title" content="Would you like to join our panel with me?">'
        "<title>Panel - Fresh hair in any weather with the new dry shampoo - Info</title>"
    )
    body = "<h1>Fresh hair in any weather with the dry shampoo</h1><h1>How to use it</h1>"
    # Then the headline is the <h1> the <title> confirms
    assert title_of(head, body) == "Fresh hair in any weather with the dry shampoo"


def test_an_h1_sharing_a_few_words_with_the_sources_is_not_confirmed_by_them():
    # Given og:title and <title> agreeing on a headline, and two <h1>s that share a word or two
    head = (
        '<meta property="og:title" content="Dry shampoo tested: five brands compared">'
        "<title>Dry shampoo tested: five brands compared | Example</title>"
    )
    body = "<h1>Dry shampoo</h1><h1>Five things to know</h1>"
    # Then the sources' headline wins
    assert title_of(head, body) == "Dry shampoo tested: five brands compared"


def test_soft_hyphens_do_not_hide_a_headline_the_sources_name():
    # Given an <h1> hyphenated for line breaks, under a kicker, and a <title> naming the headline
    head = "<title>Remembering the victims | Example</title>"
    body = "<h1>Memorial day Re\u00admem\u00adber\u00ading the vic\u00adtims</h1>"
    assert title_of(head, body) == "Remembering the victims"


def test_a_source_that_writes_a_hyphen_for_the_headlines_dash_confirms_it():
    # Given a headline with a dash, which the sources write with a hyphen
    head = '<meta property="og:title" content="Night trains are back - and this time they pay">'
    body = "<h1>Night trains are back – and this time they pay</h1>"
    # Then the headline is confirmed whole, not cut at its dash
    assert title_of(head, body) == "Night trains are back – and this time they pay"


def test_a_site_name_holding_a_separator_is_cut_as_one():
    # Given a site name that holds a dash ("LimeSpace - IT"), written with en dashes in the <title>
    head = (
        '<meta property="og:site_name" content="LimeSpace - IT">'
        "<title>Desoldering done right – how to revive old devices – LimeSpace – IT</title>"
    )
    body = "<h1>Desoldering done right – how to revive old devices</h1>"
    # Then the headline is the <h1>, both halves of it
    assert title_of(head, body) == "Desoldering done right – how to revive old devices"


def test_a_kicker_glued_to_a_headline_of_several_parts_leaves_all_the_parts():
    # Given an <h1> whose kicker runs into it, and a title that has the kicker as a part of its own
    head = "<title>Release notes - Version 2.1 - Faster start-up build</title>"
    body = "<h1>Release notes Version 2.1 - Faster start-up build</h1>"
    # Then the headline is every part after the kicker, not the last part alone
    assert title_of(head, body) == "Version 2.1 - Faster start-up build"


ARCHIVED = "https://web.archive.org/web/2015/http://www.example.org/2015/02/tools-of-the-first-farmers/"


def test_a_site_name_h1_the_title_ends_with_loses_to_the_headline_h1_without_a_logo():
    # Given no other name for the site (an archived copy: the host is the archive's), a header
    # <h1> that is the <title>'s last part, and the post's own <h1> that is its first part
    head = "<title>Tools of the first farmers | Stone Age</title>"
    body = "<h1>Stone Age</h1><h1>Tools of the first farmers</h1>"
    assert title_of(head, body, ARCHIVED) == "Tools of the first farmers"


def test_a_site_name_h1_loses_to_the_headline_in_an_h2():
    head = "<title>What viral marketing is | Dimido</title>"
    body = "<h1>Dimido</h1><h2>What viral marketing is</h2>"
    assert title_of(head, body, "https://web.archive.org/web/2008/http://example.de/2008/07/x/") == (
        "What viral marketing is"
    )


def test_a_site_name_h1_that_opens_the_title_loses_to_the_part_the_url_names():
    head = "<title>Time for talks » Blog archive » Cinemas go digital</title>"
    body = "<h1>Time for talks</h1><h2>Recommended</h2>"
    url = "https://web.archive.org/web/2014/http://www.example.com/2013/08/07/cinemas-go-digital/"
    assert title_of(head, body, url) == "Cinemas go digital"


def test_a_short_headline_above_its_dek_stays_whatever_the_url_names():
    # Given "Headline - Dek" as the <title>, the dek an <h2> under the <h1>, and a URL made from the dek
    head = "<title>From the ground up - Ann Lee weaves the local and the global</title>"
    body = "<h1>From the ground up</h1><h2>Ann Lee weaves the local and the global</h2>"
    url = "https://example.de/lee-weaves-the-local-and-the-global,30063.html"
    assert title_of(head, body, url) == "From the ground up"


def test_a_short_headline_the_url_names_stays():
    head = "<title>Night trains | Daily</title>"
    assert title_of(head, "<h1>Night trains</h1>", "https://example.org/2024/night-trains") == "Night trains"


def test_of_two_confirmed_h1s_the_better_confirmed_wins():
    # Given a section <h1> only the <title>'s part names, and the headline og:title names whole
    head = (
        '<meta property="og:title" content="Local elections in the north">'
        "<title>Adenauer Foundation - detail</title>"
    )
    body = "<h1>detail</h1><h1>Local elections in the north</h1>"
    assert title_of(head, body, "https://www.fdn.example/reports/detail/-/content/x") == (
        "Local elections in the north"
    )


def test_of_two_h1s_confirmed_alike_the_one_the_url_names_wins():
    # Given a section <h1> the <title> names whole and the headline og:title names whole
    head = '<meta property="og:title" content="The first electron counts"><title>News</title>'
    body = "<h1>News</h1><h1>The first electron counts</h1>"
    url = "https://example.ch/de/news/the-first-electron-counts/"
    assert title_of(head, body, url) == "The first electron counts"


def test_of_two_h1s_confirmed_alike_and_unnamed_by_the_url_the_first_wins():
    head = '<meta property="og:title" content="Night trains"><title>Day trains</title>'
    body = "<h1>Night trains</h1><h1>Day trains</h1>"
    assert title_of(head, body, "https://example.org/article/12345") == "Night trains"


def test_a_section_the_urls_folders_name_is_not_taken_for_the_headline():
    # Given a <title> of several parts, one a section that a folder of the URL names
    head = "<title>Example Fan Club - Frankfurt sets the course for the future - Club press - News</title>"
    url = "http://example.de/club/modules/news/article.php?storyid=504"
    assert title_of(head, "", url) == "Frankfurt sets the course for the future"


def test_a_headline_without_its_kicker_keeps_the_pages_own_dash():
    head = '<meta property="og:title" content="Benko firm in trouble - figures and advisers">'
    body = "<h1>Property crisis Benko firm in trouble – figures and advisers</h1>"
    assert title_of(head, body) == "Benko firm in trouble – figures and advisers"


def test_a_kicker_glued_to_the_headlines_first_word_leaves_the_sources_words():
    head = '<meta property="og:title" content="&quot;We rearrange the deck chairs&quot;">'
    body = '<h1><span>Work</span><span>"We rearrange the deck chairs"</span></h1>'
    assert title_of(head, body) == '"We rearrange the deck chairs"'


def test_an_entity_escaped_twice_in_the_json_ld_headline_still_confirms_the_h1():
    # Given a JSON-LD headline whose dash the page escaped twice, and two <h1>s
    headline = '{"@type": "Article", "headline": "Trains &#8211; again"}'
    head = f'<script type="application/ld+json">{headline}</script>'
    body = "<h1>Daily</h1><h1>Trains – again</h1>"
    assert title_of(head, body, None) == "Trains – again"


def test_the_title_has_no_soft_hyphens():
    head = "<title>Messenger services are no lawless space | Example</title>"
    body = "<h1>Mes&shy;sen&shy;ger ser&shy;vices are no law&shy;less space</h1>"
    assert title_of(head, body) == "Messenger services are no lawless space"


def test_a_site_name_with_its_tagline_at_the_titles_end_is_not_the_headline():
    # Given a site name and tagline that end the <title>, shown as a header <h1>, and the post's <h1>
    head = "<title>Little sheep studies | Mascot the sheep – Webcomic</title>"
    body = "<h1>Mascot the sheep – Webcomic</h1><h1>Little sheep studies</h1>"
    assert title_of(head, body, None) == "Little sheep studies"


def test_a_kicker_in_its_own_element_in_the_h1_is_not_the_title_even_when_every_source_has_it():
    head = "<title>Klimaschutz: Bohren, bis es heiß wird</title>"
    body = (
        '<h1><span class="kicker">Klimaschutz</span><span class="visually-hidden">: </span>'
        '<span class="title">Bohren, bis es heiß wird</span></h1>'
    )
    assert title_of(head, body) == "Bohren, bis es heiß wird"


def test_a_kicker_glued_to_the_headline_without_a_separator_goes():
    head = (
        '<meta property="og:title" content="Corona-Lockerungen: Autohäuser rechnen mit langsamem Anlaufen">'
    )
    body = (
        '<h1> <span class="dachzeile">Nach Corona-Lockerungen</span> '
        '<span class="headline">Autohäuser rechnen mit langsamem Anlaufen</span> </h1>'
    )
    assert title_of(head, body) == "Autohäuser rechnen mit langsamem Anlaufen"


def test_a_short_kicker_before_an_equally_short_headline_goes():
    head = "<title>Klimavorreiter Oberland?</title>"
    body = '<h1><span class="sub-heading">Energiewende Oberland:</span> Klimavorreiter Oberland?</h1>'
    assert title_of(head, body) == "Klimavorreiter Oberland?"


def test_a_subtitle_in_small_or_after_a_line_break_is_not_glued_to_the_title():
    head = '<meta property="og:title" content="Fish cakes, hot and fresh">'
    small = "<h1><span>Fish cakes, hot and fresh</span> <small>Welcome to the flavour capital</small></h1>"
    assert title_of(head, small) == "Fish cakes, hot and fresh"
    head = "<title>Night trains are back | Daily</title>"
    broken = "<h1>Night trains are back<br><span>Ten routes for the summer</span></h1>"
    assert title_of(head, broken) == "Night trains are back"


@pytest.mark.parametrize("hidden", ["element-invisible", "aural", "sr-only"])
def test_text_only_a_screen_reader_reads_is_not_part_of_the_title(hidden: str):
    body = f'<h1 class="title">What we do not want to hear<span class="{hidden}"> | Daily</span></h1>'
    assert title_of("", body) == "What we do not want to hear"


def test_a_word_of_the_headlines_sentence_in_its_own_element_is_no_kicker():
    # Given emphasis, or a span that starts the sentence the rest of the <h1> goes on with
    body = "<h1><em>Star Wars</em> Review: a new hope for the saga</h1>"
    assert title_of("", body) == "Star Wars Review: a new hope for the saga"
    body = '<h1><span class="mc">Ehezoff</span> der Pochers eskaliert - jetzt schießt Olli</h1>'
    assert title_of("", body) == "Ehezoff der Pochers eskaliert - jetzt schießt Olli"


def test_a_long_line_announcing_the_headline_after_a_line_break_keeps_the_headline():
    # Given a first line too long for a kicker, ending with a colon: what follows is the headline
    body = (
        "<h1>Press release of the health and social affairs department:<br>"
        "<span>Vaccinations remain possible everywhere</span></h1>"
    )
    assert title_of("", body) == (
        "Press release of the health and social affairs department: Vaccinations remain possible everywhere"
    )


def test_a_heading_a_source_names_whole_is_not_cut_to_a_shorter_run():
    # Given a forum label before the thread title, and sources that put a section name first
    head = "<title>Patch notes - Release 4.47 - Equinox bugfix build</title>"
    body = (
        '<h1><a href="/t/1"><span class="label">Patch notes</span> Release 4.47 - Equinox bugfix build'
        "</a></h1>"
    )
    assert title_of(head, body) == "Release 4.47 - Equinox bugfix build"


def test_a_headline_cut_from_a_kicker_has_no_separator_glued_to_its_first_word():
    head = "<title>Vaccinations remain possible everywhere until February</title>"
    body = (
        "<h1><span>Press release of the health and social affairs department <span>:</span></span>"
        "Vaccinations remain possible everywhere until February</h1>"
    )
    assert title_of(head, body) == "Vaccinations remain possible everywhere until February"


def test_an_h1_whose_first_half_the_title_shortens_keeps_both_halves():
    # Given an <h1> of two halves, and a <title> with the same halves, the first one shortened
    head = "<title>Change font sizes of a plot in R | Axis text, main title and legend</title>"
    body = "<h1>Change font sizes of a plot in R (5 examples) | Axis text, main title and legend</h1>"
    # Then the first half is no kicker: too long for one, and no source names the second alone
    expected = "Change font sizes of a plot in R (5 examples) | Axis text, main title and legend"
    assert title_of(head, body) == expected


def test_a_long_kicker_goes_when_a_source_names_the_rest_alone():
    head = "<title>Vaccinations remain possible everywhere until the end of February</title>"
    body = (
        "<h1>Press release of the health and social affairs directorate: Vaccinations remain possible"
        " everywhere until the end of February</h1>"
    )
    assert title_of(head, body) == "Vaccinations remain possible everywhere until the end of February"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("武汉的声音：有英雄的城！-新华网", "武汉的声音：有英雄的城！"),  # the site's name glued on: it goes
        ("京沪高铁_新华网", "京沪高铁"),
        ("北京-上海高铁今日开通", "北京-上海高铁今日开通"),  # a dash of the headline's own stays
    ],
)
def test_a_site_name_glued_to_a_cjk_title_goes_and_the_titles_own_dash_stays(title: str, expected: str):
    head = f'<meta property="og:site_name" content="新华网"><title>{title}</title>'
    assert title_of(head, "") == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("23.01.2022 - Wierer wins the last race at home", "Wierer wins the last race at home"),
        ("Wierer wins the last race at home | 2022-01-23", "Wierer wins the last race at home"),
        ("2022 - the year in review", "2022 - the year in review"),  # a year is no date part
        ("Edition of 23.01.2022 - what changed", "Edition of 23.01.2022 - what changed"),
    ],
)
def test_a_date_set_apart_before_or_after_the_headline_is_not_part_of_the_title(title: str, expected: str):
    assert title_of(f"<title>{title}</title>", f"<h1>{title}</h1>") == expected
