"""The Python walks that replaced XPath scans in the metadata stage select exactly what the XPaths did."""

import pytest
from article_ingest.extract.authors import _first_author_link
from article_ingest.extract.dates import COMMENT_BLOCK, _comment_blocks, _outermost, _text_and_attributes
from article_ingest.extract.headline_date import _date_elements
from article_ingest.extract.metadata import _links_to_tags
from lxml import etree
from trafilatura.metadata import extract_catstags
from trafilatura.utils import load_html
from trafilatura.xpaths import REGEXP_NS

from ..conftest import PAGES, corpus_trees, html_fixture_names

AUTHOR_LINKS = etree.XPath(
    '//a[@rel="author"]'
    ' | //*[contains(concat(" ", normalize-space(@class), " "), " author ")]'
    '//*[contains(@class, "fn") or self::a]'
    ' | //*[@itemprop="author"]//*[@itemprop="name"]'
)
MAY_BE_COMMENT_BLOCK = etree.XPath(
    "descendant-or-self::*[@class[contains(translate(., 'COMMENT', 'comment'), 'comment')]"
    " or @id[contains(translate(., 'COMMENT', 'comment'), 'comment')]]"
)
TAG_LINKS = etree.XPath("//a[re:test(@href, '/tag(?:y|ies|s)?/')]", namespaces={"re": REGEXP_NS})
DATE_ELEMENTS = etree.XPath(
    "descendant-or-self::*[self::time or @itemprop='datePublished' or @itemprop='dateCreated']"
)


def old_author_link(tree):
    found = AUTHOR_LINKS(tree)
    return found[0] if found else None


def old_comment_blocks(tree):
    headline = next(tree.iter("h1"), None)
    holds_headline = set(headline.iterancestors()) if headline is not None else set()
    return [
        element
        for element in MAY_BE_COMMENT_BLOCK(tree)
        if element.tag not in ("html", "head", "body")
        and element not in holds_headline
        and COMMENT_BLOCK.search(f"{element.get('class', '')} {element.get('id', '')}")
    ]


def page(body: str) -> str:
    return f"<html><head><title>T</title></head><body>{body}</body></html>"


CASES = {
    "nothing": page("<p>No byline, no comments.</p>"),
    "rel author": page('<p><a href="/x">x</a> By <a rel="author" href="/a">Jane Roe</a></p>'),
    "rel author on a span is no link": page('<span rel="author">No</span><a rel="author">Yes</a>'),
    "author class owner": page('<div class="post author"><span class="fn">Jo</span><a>J</a></div>'),
    "author class token split by a tab": page('<div class="x\tauthor"><a href="/j">Jo</a></div>'),
    "no token inside a no-break space": page('<div class="x\u00a0author"><a href="/j">Jo</a></div>'),
    "author-name is no token": page('<div class="author-name"><a href="/j">Jo</a></div>'),
    "the owner itself is not selected": page('<span class="author fn">Own</span><p><a>Out</a></p>'),
    "itemprop name inside author": page(
        '<a href="/z">z</a><div itemprop="author"><b itemprop="name">Ann</b></div>'
    ),
    "inner owner's link comes first": page(
        '<div itemprop="author"><div class="author"><a>Early</a></div><i itemprop="name">Late</i></div>'
    ),
    "comment blocks": page(
        '<div id="Comments"><p class="comment-body">Hi</p></div><div class="commentary">Op</div>'
        '<section class="x COMMENT-list">y</section><div id="Kommentare">z</div>'
    ),
    "comment block holding the headline": page('<div class="comments-wrap"><h1>Title</h1></div>'),
    "nested comment blocks": page(
        '<ol class="comment-list"><li class="comment" data-date="2021-03-04">Hi</li>'
        '<li class="comment"><p>Seen in 2019</p></li></ol><div id="comment-form">Reply</div>'
    ),
    "tag links": page('<div class="tags"><a href="/tags/politik">Politik</a><a>no href</a></div>'),
    "no tag links": page('<a href="/tagesschau/x">x</a><p data-href="/tag/y">y</p>'),
    "date elements": page(
        '<header itemprop="datePublished"><h1>T</h1><time>1 May</time><!-- <time>x</time> -->'
        '<span itemprop="dateCreated">2 May</span><span itemprop="dateModified">3 May</span></header>'
    ),
}


def same_as_the_xpaths(tree) -> None:
    assert _first_author_link(tree) is old_author_link(tree)
    blocks = _comment_blocks(tree)
    assert blocks == old_comment_blocks(tree)
    # A year in any comment block is a year in one of the outermost: day_without_comments reads only those.
    texts, outer_texts = ([_text_and_attributes(b) for b in found] for found in (blocks, _outermost(blocks)))
    for year in map(str, range(2000, 2027)):
        assert any(year in t for t in texts) == any(year in t for t in outer_texts)
    assert _links_to_tags(tree) == bool(TAG_LINKS(tree))
    if not _links_to_tags(tree):  # the call metadata.py skips would have found nothing
        assert extract_catstags("tag", tree) == []
    for headline in tree.iter("h1"):
        for container in headline.iterancestors():
            assert _date_elements(container) == DATE_ELEMENTS(container)


@pytest.mark.parametrize("name", CASES)
def test_same_elements_as_the_xpaths_on_hand_written_pages(name):
    same_as_the_xpaths(load_html(CASES[name]))


def test_the_hand_written_pages_exercise_real_answers():
    found = {name: _first_author_link(load_html(html)) for name, html in CASES.items()}
    assert found["inner owner's link comes first"].text == "Early"
    assert found["no token inside a no-break space"] is None
    assert found["the owner itself is not selected"] is None
    blocks = _comment_blocks(load_html(CASES["comment blocks"]))
    assert [b.tag for b in blocks] == ["div", "p", "section"]
    nested = _comment_blocks(load_html(CASES["nested comment blocks"]))
    assert [b.tag for b in _outermost(nested)] == ["ol", "div"] and len(nested) == 4
    assert extract_catstags("tag", load_html(CASES["tag links"])) == ["Politik"]
    header = load_html(CASES["date elements"]).find(".//header")
    assert [e.tag for e in _date_elements(header)] == ["header", "time", "span"]


@pytest.mark.parametrize("fixture", html_fixture_names())
def test_same_elements_as_the_xpaths_on_the_fixture_pages(fixture):
    tree = load_html((PAGES / fixture / "input.html").read_bytes())
    if tree is None:
        pytest.skip("not parseable as HTML")
    same_as_the_xpaths(tree)


@pytest.mark.corpus
def test_same_elements_as_the_xpaths_on_the_whole_corpus(corpus):
    for _, tree in corpus_trees(corpus):
        same_as_the_xpaths(tree)
