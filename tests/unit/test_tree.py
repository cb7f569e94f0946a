"""extract/tree.py parses as trafilatura's load_html does, with elements classed in C."""

import pytest
from article_ingest.extract.tree import parse_tree
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
