"""Code blocks stand in as trafilatura's own sign of one while it reads the page, then are put back.

<pre>: trafilatura reads a <pre> as code only when it looks like a program (a brace, an indented
line, highlight.js spans); any other becomes a quote, which comes out one paragraph per line: a
shell session, a config file or a poem lost its shape. So each <pre> stands in as a <pre> holding
one <span> with its text (trafilatura's own sign of a code block), its <br>s as line breaks.

A <code> outside <pre> is a block too when it holds several lines and starts a line of its own
("<p><code>make<br>make install</code></p>", or after a label and a <br>, or right after another
such block): trafilatura read it as a paragraph, its newlines joined as wrapped text or its lines
given as prose. It stands in like a <pre>. Its <br>s break its lines, and when it has them its
source whitespace collapses as a browser collapses it (the non-breaking spaces that indent such
code stay). One that holds blocks (a menu pasted into it) is markup, not code.

Such a block inside a <p> ("<p>Run:<br><code>make test<br>make lint</code> twice</p>") splits
it: the paragraph stands in as the label's paragraph, the code block, and a paragraph of the text
after it, so the page's order holds. Left in the paragraph, trafilatura moved the code's lines
after the first past the text that follows the <code> ("make test twice / make lint"). The text
after the code reads on from it, not as one of its lines: prose is not code.

A <code> of several lines that starts inside a line of text stays inline text, its lines in order:
it stands in as a <span> with the same content, as trafilatura keeps a <span>'s line breaks in
place but not a <code>'s.

The text beside code in a box of its own stands in as paragraphs (loose_text.py).

A block inside a list item, a quote or a table cell comes out of trafilatura nested in them, where
its text would be read as the item's lines. pre_as_code gives the blocks' texts, and code_apart
cuts what holds one into the part before it, the block, and the part after.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree
from lxml.html import HtmlElement

from .loose_text import FLOW_PARENTS, shows_text, text_as_paragraphs
from .stand_ins import outermost, swapped
from .tree import BLOCK_TAGS

# What may wrap a code block and nothing else ("<p><code>", "<p><span><code>"): the stand-in
# takes the outermost one's place, so no <pre> ends up inside a paragraph.
CODE_WRAPPERS = frozenset("p span font b strong i em tt small kbd samp".split())
# Whitespace a browser collapses (not the no-break space, which it keeps).
WHITESPACE_RUN = re.compile(r"[ \t\n\r\f]+")
LINE_MARK = "\x00"


def pre_text(pre: HtmlElement, line_break: str = "\n") -> str:
    """The block's text as shown: its text nodes in document order, a <br> a line break."""
    pieces: list[str] = []
    for event, node in etree.iterwalk(pre, events=("start", "end")):
        if not isinstance(node.tag, str):  # a comment or processing instruction: only its tail shows
            if event == "end" and node.tail:
                pieces.append(node.tail)
            continue
        if event == "start":
            pieces.append(line_break if node.tag == "br" else node.text or "")
        elif node is not pre:
            pieces.append(node.tail or "")
    return "".join(pieces)


def code_block_text(code: HtmlElement) -> str | None:
    """A <code>'s lines when it holds several, else None: its <br>s as line breaks (the source's
    whitespace then collapsed), or else its own newlines."""
    if code.find(".//br") is None:
        text = pre_text(code).strip("\n")
    else:
        lines = pre_text(code, LINE_MARK).split(LINE_MARK)
        text = "\n".join(WHITESPACE_RUN.sub(" ", line).strip(" ") for line in lines).strip("\n")
    return text if sum(bool(line.strip()) for line in text.split("\n")) > 1 else None


def program_codes(tree: HtmlElement) -> list[HtmlElement]:
    """Each outermost <code> outside <pre> that holds no blocks (a menu or a widget pasted into
    <code> is markup, not a program)."""
    return [
        code
        for code in outermost(tree, "code")
        if not any(node.tag == "pre" for node in code.iterancestors())
        and not any(node.tag in BLOCK_TAGS for node in code.iterdescendants())
    ]


def _box(code: HtmlElement, blocks_before: set[HtmlElement]) -> HtmlElement | None:
    """The outermost element that holds the <code> and nothing else, when it starts a line of its
    own in the page's flow or in a paragraph; None when it starts inside a line of text. A code
    block just before it (blocks_before) ends a line too."""
    box = code
    while (parent := box.getparent()) is not None and parent.tag in CODE_WRAPPERS:
        if len(parent) != 1 or (parent.text or "").strip() or (box.tail or "").strip():
            break
        box = parent
    parent = box.getparent()
    if parent is None or (parent.tag not in FLOW_PARENTS and parent.tag != "p"):
        return None
    before = box.getprevious()
    if ((before.tail if before is not None else parent.text) or "").strip():
        return None
    # An inline element before it puts it in a line with it; a <br> ends the line ("Run:<br><code>…").
    starts_line = before is None or before.tag in BLOCK_TAGS or before.tag == "br" or before in blocks_before
    return box if starts_line else None


@contextmanager
def pre_as_code(tree: HtmlElement) -> Iterator[frozenset[str]]:
    """Each outermost <pre>, and each <code> shown as a block, stands in as one code block for the
    duration, then is put back; a paragraph holding such a <code> stands in as the blocks it shows,
    and the text beside code in the page's flow as paragraphs (text_as_paragraphs). Gives the
    blocks' keys (code_key), by which code_apart knows them in trafilatura's output."""
    blocks = [(pre, pre_text(pre)) for pre in outermost(tree, "pre")]
    in_lines = []
    boxes: set[HtmlElement] = set()
    for code in program_codes(tree):  # in the page's order, so a block's box is known to the next
        text = code_block_text(code)
        box = _box(code, boxes) if text is not None else None
        if box is None:
            in_lines.append(code)
        else:
            blocks.append((box, text))
            boxes.add(box)
    blocks = [(element, text) for element, text in blocks if text.strip()]
    in_flow = [(element, _code_stand_in(text)) for element, text in blocks if element.getparent().tag != "p"]
    in_paragraphs: dict[HtmlElement, dict[HtmlElement, str]] = {}
    for element, text in blocks:
        if element.getparent().tag == "p":
            in_paragraphs.setdefault(element.getparent(), {})[element] = text
    # Broken lines kept in place: trafilatura moves a <code>'s lines after the first past the text
    # after it, not a <span>'s.
    lines = [(code, _span_of(code)) for code in in_lines if code.find(".//br") is not None]
    # The paragraphs are split last, so that their pieces copy the <span>s, not the <code>s.
    with (
        text_as_paragraphs([element for element, _ in in_flow], in_lines),
        swapped(in_flow + lines),
        swapped([(paragraph, _pieces(paragraph, codes)) for paragraph, codes in in_paragraphs.items()]),
    ):
        yield frozenset(code_key(text) for _, text in blocks)


def code_key(text: str) -> str:
    # trafilatura may change a block's whitespace, never its words.
    return " ".join(text.split())


def code_text(element: etree._Element) -> str:
    """The text of a <code> in trafilatura's output: xmltotxt drops a program's blank lines, and a
    <br> inside a <pre> is a line break too."""
    pieces = [element.text or ""]
    for node in element.iterdescendants():
        pieces.append("\n" if node.tag == "lb" else node.text or "")
        pieces.append(node.tail or "")
    return "".join(pieces)


def code_apart(element: etree._Element, keys: frozenset[str]) -> Iterator[etree._Element]:
    """The element, or, when it holds code blocks (a <pre> in a list item, a quote or a table
    cell), the pieces it shows in order: each block, and copies of the element holding what
    stands before, between and after them. An inline <code> ("call <code>foo()</code>") is not a
    block: its text is no block's."""
    whole = element
    while keys and element.tag != "code":  # a page without code blocks: nothing to look for
        code = next((node for node in element.iter("code") if code_key(code_text(node)) in keys), None)
        if code is None:
            break
        path = []
        node = code
        while node is not element:
            parent = node.getparent()
            path.append(parent.index(node))
            node = parent
        before, after = copy.deepcopy(element), copy.deepcopy(element)
        _drop_empty(_keep_before(_at(before, path[::-1]), before), before)
        _drop_empty(_keep_after(_at(after, path[::-1]), after), after)
        if shows_text(before.text, before):
            yield before
        yield code
        element = after
    if element is whole or shows_text(element.text, element):
        yield element


def _at(root: etree._Element, path: list[int]) -> etree._Element:
    for index in path:
        root = root[index]
    return root


def _keep_before(node: etree._Element, root: etree._Element) -> etree._Element:
    """Cut the node, its tail and all that follows it in the root (lxml removes a tail with its
    element). Gives the node's parent."""
    parent = deepest = node.getparent()
    for sibling in list(node.itersiblings()):
        parent.remove(sibling)
    parent.remove(node)
    while parent is not root:
        node, parent = parent, parent.getparent()
        node.tail = None
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
    return deepest


def _keep_after(node: etree._Element, root: etree._Element) -> etree._Element:
    """Cut the node and all that comes before it in the root; the node's tail stays. Gives the
    node's parent."""
    parent = deepest = node.getparent()
    for sibling in list(node.itersiblings(preceding=True)):
        parent.remove(sibling)
    parent.text = node.tail
    parent.remove(node)
    while parent is not root:
        node, parent = parent, parent.getparent()
        for sibling in list(node.itersiblings(preceding=True)):
            parent.remove(sibling)
        parent.text = None
    return deepest


def _drop_empty(node: etree._Element, root: etree._Element) -> None:
    """The cell or item that held only the block, and a row left with no cell, go: they would be
    an empty row or item."""
    while node is not root:
        parent = node.getparent()
        if not shows_text(node.text, node):
            if (previous := node.getprevious()) is not None:
                previous.tail = (previous.tail or "") + (node.tail or "")
            else:
                parent.text = (parent.text or "") + (node.tail or "")
            parent.remove(node)
        node = parent


def _code_stand_in(text: str) -> HtmlElement:
    stand_in = etree.Element("pre")
    etree.SubElement(stand_in, "span").text = text
    return stand_in


def _span_of(code: HtmlElement) -> HtmlElement:
    span = copy.deepcopy(code)
    span.tag = "span"
    span.attrib.clear()
    return span


def _pieces(paragraph: HtmlElement, codes: dict[HtmlElement, str]) -> list[HtmlElement]:
    """The blocks a paragraph shows: each code block its own, and the text before, between and
    after them paragraphs like it (copies: the page's own nodes stay in the paragraph)."""
    pieces = [_like(paragraph, paragraph.text)]
    for child in paragraph:
        if child in codes:
            pieces += [_code_stand_in(codes[child]), _like(paragraph, child.tail)]
        else:
            pieces[-1].append(copy.deepcopy(child))  # with its tail
    return [piece for piece in pieces if piece.tag == "pre" or shows_text(piece.text, piece)]


def _like(paragraph: HtmlElement, text: str | None) -> HtmlElement:
    piece = etree.Element("p", dict(paragraph.attrib))
    piece.text = text
    return piece
