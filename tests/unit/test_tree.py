"""extract/tree.py parses as trafilatura's load_html does, with elements classed in C."""

import pytest
from article_ingest.errors import TooComplex
from article_ingest.extract.tree import MAX_NESTING_WORK, parse_tree
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from ..conftest import PAGES, html_fixture_names

EDGE_CASES = [
    "",
    "just words",
    "<p>one fragment</p>",
    "<div>a</div><div>b</div>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>declared</p></body></html>",
    "<!DOCTYPE html>\n<html/>\n<body><p>self-closed html</p></body>",
    "\x00\x01<html><body><p>control characters</p></body></html>",
]


def same(html: str) -> bool:
    ours, theirs = parse_tree(html), load_html(html)
    if ours is None or theirs is None:
        return ours is theirs
    return etree.tostring(ours) == etree.tostring(theirs)


@pytest.mark.parametrize("html", EDGE_CASES)
def test_accepts_and_refuses_what_load_html_does(html):
    assert same(html)


@pytest.mark.parametrize("fixture", html_fixture_names())
def test_same_tree_as_load_html_on_the_fixture_pages(fixture):
    html = (PAGES / fixture / "input.html").read_bytes().decode("utf-8", "replace")
    assert same(html)


def test_every_element_is_an_html_element_with_its_helpers():
    tree = parse_tree(
        "<html><body><form><input name=q><label>L</label></form><p>x <b>y</b></p></body></html>"
    )
    assert all(isinstance(element, HtmlElement) for element in tree.iter())
    assert tree.find(".//form").text_content() == "L"
    tree.find(".//b").drop_tree()
    assert tree.find(".//p").text_content() == "x "


STORY = "".join(
    f"<p>Paragraph {i} of the story tells about the river, the town and the people who live there.</p>"
    for i in range(6)
)


def nested(depth: int, inner: str) -> str:
    body = f"{'<div>' * depth}{inner}{'</div>' * depth}"
    return f"<html><head><title>Deep</title></head><body>{body}</body></html>"


def test_an_article_wrapped_in_300_divs_is_read():
    # Given an article nested deeper than libxml2's default limit of 256 levels
    tree = parse_tree(nested(300, f"<article><h1>Deep</h1>{STORY}</article>"))

    # Then the tree holds it (the default read dropped everything past that depth)
    assert "Paragraph 5 of the story" in tree.find(".//article").text_content()


def test_text_only_past_the_deepest_libxml2_reads_is_refused_with_the_reason():
    with pytest.raises(TooComplex, match="nested more than 2,048 elements deep"):
        parse_tree(nested(3000, STORY))


def test_deep_nesting_costing_more_than_the_budget_is_refused():
    # Given many 300-deep chains: elements times depth past MAX_NESTING_WORK
    chain = "<div>" * 300 + "<p>w</p>" + "</div>" * 300
    with pytest.raises(TooComplex, match="MAX_NESTING_WORK"):
        parse_tree(f"<html><body>{chain * (MAX_NESTING_WORK // 300 // 300 + 1)}</body></html>")


def test_an_article_above_a_too_deep_nest_is_read_as_before():
    # Given an article followed by junk nested past what libxml2 reads at all
    tree = parse_tree(f"<html><body><article>{STORY}</article>{'<div>' * 3000}</body></html>")

    # Then the article above it is read, as the default depth limit always read it
    assert "Paragraph 5 of the story" in tree.find(".//article").text_content()
