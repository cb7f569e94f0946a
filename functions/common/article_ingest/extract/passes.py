"""trafilatura's passes over the page, and what is done when they go wrong.

The fast pass first; the full pass when the fast body is thin or reads as a menu; the page read
again without its link lists when even the full pass is a menu; and trafilatura's last resort, the
whole page as one paragraph, read again in the page's own blocks.
"""

from __future__ import annotations

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from .comments import tagged_blocks
from .stand_ins import set_aside
from .tree import PageLinks, visible_chars

# A body shorter than this after pruning comment containers is a scrap: extract the whole page.
MIN_PRUNED_BODY_CHARS = 250
# trafilatura's whole-page paragraph is split into the page's blocks only when they hold nearly all
# of it, and are more than a paragraph or two.
UNFLATTENED_COVER = 0.9
MIN_UNFLATTENED_BLOCKS = 3
UNFLATTENED_LOOKAHEAD = 50
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

# trafilatura's full mode compares its result with readability's and jusText's, which doubles the
# cost of a page; that comparison only changes the outcome when its own extractor finds little.
# So the fast mode runs first, and the full mode only when the fast body is thinner than this,
# unless it is a short post that covers a good share of the page's text (trafilatura's own
# ESCALATION_PAGE_SHARE): then it is all there is. A scrap (under MIN_PRUNED_BODY_CHARS) always
# gets the full mode, whose comparison also throws out a menu read as a body.
THIN_BODY_CHARS = 1000
SHORT_POST_PAGE_SHARE = 0.2
# A fast body of any length gets the full mode too when it reads as navigation (a menu or tag list
# in the container trafilatura took for the article): most of its text is the page's link texts,
# or it is many short lines.
NAVIGATION_LINK_SHARE = 0.5
# Shorter link texts ("Home", "2024") turn up inside sentences by chance.
MIN_NAVIGATION_LINK_CHARS = 15
NAVIGATION_MIN_LINES = 20
NAVIGATION_LINE_CHARS = 60
NAVIGATION_SHORT_LINE_SHARE = 0.8
MIN_LINK_LIST_LINKS = 5
# A fast body longer than this is not a menu in front of an article, and on a page that size the
# full pass costs seconds of the budget (bench/perf/budgets.py, "widest markup"): it is kept.
MAX_NAVIGATION_CHECK_CHARS = 100_000


def read_body(tree: HtmlElement, url: str | None, links: PageLinks | None = None):
    links = links or PageLinks(tree)
    options = {"url": url, "include_comments": False, "include_tables": True}
    document = trafilatura.bare_extraction(tree, fast=True, **options)
    text = _text_of(document)
    if len(text) < THIN_BODY_CHARS and not _short_post(len(text), tree):
        return trafilatura.bare_extraction(tree, **options)
    if len(text) > MAX_NAVIGATION_CHECK_CHARS or not reads_as_navigation(text, links):
        return document
    document = trafilatura.bare_extraction(tree, **options)
    if not reads_as_navigation(_text_of(document), links):
        return document
    # Still a menu: the container trafilatura scores highest holds one. The page read again without
    # its link lists gives the article beside them, if there is one; a home page has none to give.
    menus = link_lists(tree)
    if not menus:
        return document
    with set_aside(menus):
        if visible_chars(tree) < THIN_BODY_CHARS:  # nothing besides the menus to find
            return document
        retry = trafilatura.bare_extraction(tree, **options)
    found = _text_of(retry)
    return retry if len(found) >= THIN_BODY_CHARS and not reads_as_navigation(found, links) else document


def _text_of(document) -> str:
    return (document.text or "") if document is not None else ""


def link_lists(tree: HtmlElement) -> list[HtmlElement]:
    """The outermost elements whose text is mostly their links' texts (menus, tag lists, teaser
    link lists), with at least MIN_LINK_LIST_LINKS links.

    Counted in one pass from the leaves up, so a deep nest costs its size, not size times depth."""
    body = tree.find("body")
    root = body if body is not None else tree
    order = [element for element in root.iter() if isinstance(element.tag, str)]
    chars: dict[HtmlElement, int] = {}
    linked: dict[HtmlElement, int] = {}
    anchors: dict[HtmlElement, int] = {}
    for element in reversed(order):  # children before their parent
        children = [child for child in element if isinstance(child.tag, str)]
        own = _chars(element.text) + sum(chars[c] + _chars(c.tail) for c in children)
        chars[element] = own
        is_anchor = element.tag == "a"
        linked[element] = own if is_anchor else sum(linked[c] for c in children)
        anchors[element] = is_anchor + sum(anchors[c] for c in children)
    found: list[HtmlElement] = []
    stack = [root]
    while stack:
        element = stack.pop()
        if anchors[element] < MIN_LINK_LIST_LINKS:
            continue
        if element is not root and linked[element] >= NAVIGATION_LINK_SHARE * max(1, chars[element]):
            found.append(element)
        else:
            stack.extend(child for child in element if isinstance(child.tag, str))
    return found


def _chars(text: str | None) -> int:
    return len(" ".join(text.split())) if text else 0


def reads_as_navigation(text: str, links: PageLinks) -> bool:
    """Whether a body is a menu by its links (their texts make most of it, whether trafilatura kept
    them one a line or ran them together) or by its shape (many lines, nearly all short)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    total = sum(len(line) for line in lines)
    if not total:
        return False
    short = sum(len(line) for line in lines if len(line) < NAVIGATION_LINE_CHARS)
    if len(lines) >= NAVIGATION_MIN_LINES and short >= NAVIGATION_SHORT_LINE_SHARE * total:
        return True
    flat = "\n".join(lines)
    linked = sum(len(link) for link in links.every if len(link) >= MIN_NAVIGATION_LINK_CHARS and link in flat)
    return linked >= NAVIGATION_LINK_SHARE * total


def _short_post(found: int, tree: HtmlElement) -> bool:
    return found >= MIN_PRUNED_BODY_CHARS and found >= SHORT_POST_PAGE_SHARE * visible_chars(tree)


def unflattened(body: etree._Element, tree: HtmlElement) -> etree._Element:
    """trafilatura's last resort gives the whole page's text as one paragraph: share rows, "related
    posts" and the copyright line run into the article, past the reach of the line rules. The page's
    own blocks that make up that paragraph, in order, give it back its lines and headings."""
    children = list(body)
    if len(children) != 1 or children[0].tag != "p":
        return body
    flat = " ".join("".join(children[0].itertext()).split())
    page = tree.find("body")
    blocks = tagged_blocks(page if page is not None else tree)
    found: list[tuple[str, str]] = []
    cursor = covered = 0
    for index, (tag, text) in enumerate(blocks):
        # Each block must go on where the last left off, and a menu's "Walter" that a later block
        # ("Walter in April") also starts there is not where the paragraph begins.
        if not flat.startswith(text, cursor) or any(
            len(later) > len(text) and flat.startswith(later, cursor)
            for _, later in blocks[index + 1 : index + 1 + UNFLATTENED_LOOKAHEAD]
        ):
            continue
        found.append((tag, text))
        cursor += len(text)
        cursor += flat[cursor : cursor + 1] == " "  # the space between two blocks, if any
        covered += len(text)
    if len(found) < MIN_UNFLATTENED_BLOCKS or covered < UNFLATTENED_COVER * len(flat):
        return body
    rebuilt = etree.Element("body")
    for tag, text in found:
        if tag in HEADING_TAGS:
            etree.SubElement(rebuilt, "head", rend=tag).text = text
        else:
            etree.SubElement(rebuilt, "p").text = text
    return rebuilt
