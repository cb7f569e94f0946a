"""The page parsed once into the lxml tree that metadata and body extraction share, and the few
measurements of it they all need (flat text, text length, link texts).

Parsed as trafilatura's load_html parses (same parser options, same repairs and rejection of
dubious HTML), with one change: lxml.html's parser picks each element's Python class with a lookup
written in Python, called every time an element is touched from Python (over a million calls on
the corpus, in trafilatura's code as much as ours). Every element here is an HtmlElement, chosen
in C. Only <form>, <input>, <select>, <textarea> and <label> lose their form helpers, which nothing
here uses. bench/perf/extraction.py measured the same articles about 4% faster.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, fromstring

from ..compat import is_dubious_html, repair_faulty_html
from ..errors import TooComplex
from . import selectors

PARSER = etree.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
# libxml2 stops a document at 256 levels of nesting and keeps nothing of what follows, so an article
# wrapped in a few hundred <div>s was lost as "no visible text". A page that hits that limit is read
# again with XML_PARSE_HUGE (huge_tree), whose limit is MAX_NESTING_DEPTH. Only such pages: the
# extractors' cost grows with elements times depth (jusText joins each element's tag path), and
# under the default limit the worst a post can cost is what the budgets measured (issue 12). So a
# deep page may cost as much as that, MAX_NESTING_WORK, and no more: an article in 300 <div>s is
# ~100,000; the tag cap's worth of 255-deep chains ~5 million (4 s).
DEEP_PARSER = etree.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)
DEEP_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
MAX_NESTING_DEPTH = 2048  # libxml2's under XML_PARSE_HUGE
MAX_NESTING_WORK = 256 * 20_000  # libxml2's default depth times the elements the tag cap allows
_EXCESSIVE_DEPTH = "Excessive depth in document"
_NORMALIZED_LENGTH = etree.XPath("string-length(normalize-space(.))")
# Elements a browser lays out as boxes of their own, not inside a line of text.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
UNREAD_TAGS = frozenset({"script", "style"})
# <title> holds text only (HTML's RCDATA): libxml2 reads a "<" in it as a tag and drops the rest.
_TITLE = re.compile(r"(<title\b[^>]*>)(.*?)(</title\s*>)", re.I | re.S)


def parse_tree(html: str) -> HtmlElement | None:
    """The page's tree, or None when it is not HTML (load_html's rule: no "html" in its first
    50 characters and fewer than two top-level elements)."""
    beginning = html[:50].lower()
    html = repair_faulty_html(_title_as_text(html), beginning)
    tree = _parse(html, PARSER)
    if _stopped_deep(PARSER):
        tree = _read_deeper(html, tree)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _title_as_text(html: str) -> str:
    match = _TITLE.search(html)
    if not match or "<" not in match[2]:
        return html
    text = match[2].replace("<", "&lt;")
    return f"{html[: match.start(2)]}{text}{html[match.end(2) :]}"


HIDDEN = re.compile(selectors.HIDDEN_CLASSES, re.I)
NOT_HIDING = re.compile(selectors.NOT_HIDING_CLASSES, re.I)


def is_hidden(element: HtmlElement) -> bool:
    """Hidden by its hidden attribute, a class or an inline style (not by a class that hides only
    its label, clips, or hides on one screen size)."""
    if element.get("hidden") is not None:
        return True
    return bool(HIDDEN.search(NOT_HIDING.sub(" ", f"{element.get('class', '')} {element.get('style', '')}")))


def visible_texts(
    element: HtmlElement, unseen: Callable[[HtmlElement], bool]
) -> Iterator[tuple[HtmlElement, str]]:
    """The element's text nodes in reading order, each with the element it is written in, skipping
    the subtrees unseen says a reader does not see (the element itself included; not its tail).
    A walk, not recursion: pages nest deeper than Python's stack."""
    walk = etree.iterwalk(element, events=("start", "end"))
    for event, node in walk:
        if not isinstance(node.tag, str):
            if event == "end" and node.tail:
                yield node.getparent(), node.tail
        elif event == "start":
            if unseen(node):
                walk.skip_subtree()
            elif node.text:
                yield node, node.text
        elif node is not element and node.tail:
            yield node.getparent(), node.tail


def flat_text(element: HtmlElement) -> str:
    """The element's text without its tail, each whitespace run one space. tostring(method="text")
    gives what text_content() does without an XPath evaluation per element."""
    return " ".join(etree.tostring(element, method="text", encoding=str, with_tail=False).split())


def inline_runs(block: HtmlElement) -> list[str]:
    """The block's lines of running text as the source gives them: its text and its inline
    elements' text in order, a new run at each nested block or <br>; scripts and styles unread.

    Walked with a stack, not recursion: inline elements nest as deep as the page does."""
    runs: list[str] = []
    pieces = [block.text or ""]
    stack = [(block, iter(block))]
    while stack:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack:  # an inline element ended; the text after it goes on in the same line
                pieces.append(element.tail or "")
            continue
        if not isinstance(child.tag, str) or child.tag in UNREAD_TAGS:
            pieces.append(child.tail or "")
            continue
        if child.tag in BLOCK_TAGS or child.tag == "br":
            runs.append("".join(pieces))
            pieces = [child.tail or ""]
            continue
        pieces.append(child.text or "")
        stack.append((child, iter(child)))
    runs.append("".join(pieces))
    return [run for run in runs if run.strip()]


def text_chars(element: HtmlElement) -> int:
    # Whitespace runs count once: templates indent comment markup more than article text.
    return int(_NORMALIZED_LENGTH(element))


def visible_chars(tree: HtmlElement) -> int:
    """Characters of the page's text (whitespace runs counted once), without scripts and styles."""
    body = tree.find("body")
    page = body if body is not None else tree
    # Inline scripts (JSON state, trackers) would outweigh the visible text many times over.
    return text_chars(page) - sum(text_chars(script) for script in page.iter("script", "style"))


class PageLinks:
    """Link texts on the page, whitespace-normalised: links away, and in-page (#) anchors.

    Collected on first use only, and once: the body's cleaning needs them on some pages (a last
    block that may be a teaser), the article checks on every page (a list of links is no article).
    """

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    @cached_property
    def _texts(self) -> tuple[set[str], set[str]]:
        away: set[str] = set()
        in_page: set[str] = set()
        for link in self._tree.iter("a"):
            # Any link with a fragment may point into this page (a table of contents), so not "away".
            target = in_page if "#" in (link.get("href") or "#") else away
            target.add(flat_text(link))
        return away, in_page

    @property
    def away(self) -> set[str]:
        return self._texts[0]

    @property
    def in_page(self) -> set[str]:
        return self._texts[1]

    @property
    def every(self) -> set[str]:
        return self._texts[0] | self._texts[1]


def _parse(html: str, parser: etree.HTMLParser) -> HtmlElement | None:
    try:
        tree = fromstring(html, parser=parser)
    except (ValueError, etree.LxmlError):  # e.g. "Unicode strings with encoding declaration..."
        tree = None
    if tree is None or len(tree) < 1:
        tree = _from_bytes(html, parser)
    return tree


def _from_bytes(html: str, parser: etree.HTMLParser) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except (ValueError, etree.LxmlError):
        return None


def _stopped_deep(parser: etree.HTMLParser) -> bool:
    return any(_EXCESSIVE_DEPTH in error.message for error in parser.error_log)


def _read_deeper(html: str, shallow: HtmlElement | None) -> HtmlElement | None:
    """The page read past libxml2's default depth, when that stays within MAX_NESTING_DEPTH and
    MAX_NESTING_WORK. Otherwise what the default read found above that depth, as before, if it
    holds any text; a page whose text is all deeper is refused with the reason."""
    deep = _parse(html, DEEP_PARSER)
    if _stopped_deep(DEEP_PARSER):
        reason = f"markup is nested more than {MAX_NESTING_DEPTH:,} elements deep"
    elif deep is None:
        return shallow
    else:
        depth: dict[HtmlElement, int] = {deep: 0}
        for element in deep.iterdescendants():
            depth[element] = depth[element.getparent()] + 1
        deepest = max(depth.values())
        if deepest * len(depth) <= MAX_NESTING_WORK:
            return deep
        reason = (
            f"markup is nested {deepest:,} elements deep with {len(depth):,} elements; at that depth "
            f"at most {MAX_NESTING_WORK // deepest:,} elements are read (MAX_NESTING_WORK)"
        )
    if shallow is not None and visible_chars(shallow):
        return shallow
    raise TooComplex(reason)
