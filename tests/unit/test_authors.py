"""authors.guess_author must answer exactly what trafilatura's extract_author does."""

import hashlib

import pytest
from article_ingest.extract.authors import guess_author
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from ..conftest import PAGES, corpus_trees, html_fixture_names

# The XPath text authors.guess_author was written from (trafilatura 2.3.1). A new trafilatura that changes
# these rules fails here: compare the new XPaths with authors.py, adapt it, then update the hash.
RULES_SHA256 = "e015acf795cddee80565d7270ff9243a8dbe3d49a5fc1e74b13e9f1c8724c90e"


def _rules_digest() -> str:
    text = "\n".join(x.path for x in [*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS])
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}<p>{'Text. ' * 40}</p></body></html>"


CASES = {
    "rel author link": page('<p>By <a rel="author" href="/a">Jane Roe</a></p>'),
    "author name class": page('<span class="post-author-name">John Doe</span>'),
    "generic byline class": page('<div class="byline">Von Erika Mustermann</div>'),
    "any element with writer class": page('<li class="writer">Max Power</li>'),
    "itemprop author": page('<section itemprop="author">Ann Smith</section>'),
    "author element": page("<author>Bob Stone</author>"),
    "rel me child element": page("<p>Carla Ruiz<rel>me</rel></p>"),
    # A commenter's name inside the comments, a caption credit inside <figure>: discarded.
    "commenter only": page('<div id="comments"><span class="author">Troll</span></div>'),
    "caption only": page('<figure><span class="author">Photo Agency</span></figure>'),
    "commenter before byline": page(
        '<div class="comments"><span class="author">Troll</span></div><p class="byline">By Dana Lee</p>'
    ),
    # The date inside a byline is deleted and its tail joins the text before it, without a space.
    "byline with a date inside": page(
        '<div class="byline">By Eve<time datetime="2024-01-02">2 Jan</time>Adams, Berlin</div>'
    ),
    "byline with a print link inside": page(
        '<div class="byline">Fay<span class="print">Print</span> Wong<span class="quote">q</span>!</div>'
    ),
    "too long to be a name": page(
        f'<div class="author">{"word " * 40}</div><span class="byline">Gus Hall</span>'
    ),
    "too short to be a name": page('<div class="author">Al</div>'),
    "a URL is not a name": page('<span class="author">https://example.com/about</span>'),
    "nothing": page("<p>No byline here.</p>"),
    "author class on the root": '<html class="author-page"><body><p>Hal Jordan</p></body></html>',
}


@pytest.mark.parametrize("name", CASES)
def test_same_answer_as_trafilatura_on_hand_written_pages(name):
    tree = load_html(CASES[name])
    assert guess_author(tree) == extract_author(tree)


def test_the_hand_written_pages_exercise_real_answers():
    # Guard against a vacuous comparison: both None everywhere would pass the test above.
    answers = {name: guess_author(load_html(html)) for name, html in CASES.items()}
    # trafilatura's deletion joins the tail to the text before it: kept as it is, quirk included.
    assert answers["byline with a date inside"] == "EveAdams; Berlin"
    assert answers["byline with a print link inside"] == "Fay Wong"
    assert answers["commenter before byline"] == "Dana Lee"
    assert answers["commenter only"] is None
    assert answers["rel me child element"] == "Carla Ruiz me"
    assert sum(value is not None for value in answers.values()) >= 10


def test_does_not_change_the_page():
    tree = load_html(CASES["byline with a date inside"])
    before = load_html(CASES["byline with a date inside"])
    guess_author(tree)
    assert [e.tag for e in tree.iter()] == [e.tag for e in before.iter()]


@pytest.mark.parametrize("fixture", html_fixture_names())
def test_same_answer_as_trafilatura_on_the_fixture_pages(fixture):
    tree = load_html((PAGES / fixture / "input.html").read_bytes())
    if tree is None:
        pytest.skip("not parseable as HTML")
    assert guess_author(tree) == extract_author(tree)


def test_written_from_the_installed_trafilatura_rules():
    assert _rules_digest() == RULES_SHA256


@pytest.mark.corpus
def test_same_answer_as_trafilatura_on_the_whole_corpus(corpus):
    differ = []
    for name, tree in corpus_trees(corpus):
        if guess_author(tree) != extract_author(tree):
            differ.append(name)
    assert differ == []
