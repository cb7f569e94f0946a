"""Elements trafilatura is given in place of the page's own while it reads the page, then put back.

Three uses: containers set aside (comment sections, link menus), so their text is not read;
formulas as text; and <pre> blocks as one block each.

Formulas: trafilatura discards <math> with its subtree and keeps only a formula that carries TeX
(an annotation or alttext), appended to the text before it: a formula in presentation MathML alone
was lost, and a display formula ran into the paragraph above. So each <math> stands in as the text
a reader can use: its TeX in trafilatura's delimiters (\\( \\) inline, \\[ \\] on its own line),
else the text of its token elements ("x=2"). A display formula between blocks is a block of its
own; inside a paragraph it stays in the paragraph.

<pre>: trafilatura reads a <pre> as code only when it looks like a program (a brace, an indented
line, highlight.js spans); any other becomes a quote, which comes out one paragraph per line: a
shell session, a config file or a poem lost its shape. So each <pre> stands in as a <pre> holding
one <span> with its text (trafilatura's own sign of a code block), its <br>s as line breaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from lxml import etree
from lxml.html import HtmlElement


@contextmanager
def swapped(pairs: list[tuple[HtmlElement, HtmlElement]]) -> Iterator[None]:
    """Each (element, stand-in) swapped for the duration, the stand-in keeping the element's tail
    so the text after it is not lost; then each element put back where it was."""
    for element, stand_in in pairs:
        stand_in.tail = element.tail
        element.getparent().replace(element, stand_in)
    try:
        yield
    finally:
        for element, stand_in in reversed(pairs):
            stand_in.getparent().replace(stand_in, element)


def set_aside(elements: list[HtmlElement]) -> AbstractContextManager[None]:
    """Take elements out of their tree for the duration, each an empty placeholder meanwhile."""
    return swapped([(element, etree.Element("span")) for element in elements])


TEX_ANNOTATION = etree.XPath('.//*[local-name()="annotation"][@encoding="application/x-tex"]')
# What a formula renders, without the annotations that carry its other encodings.
RENDERED_TEXT = etree.XPath(
    './/text()[not(ancestor::*[local-name()="annotation" or local-name()="annotation-xml"])]'
)
# A display formula inside one of these is part of its text; elsewhere it is a block of its own.
TEXT_BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "figcaption", "blockquote", "span", "a"})


def formula_text(math: HtmlElement) -> str:
    """The formula's TeX in delimiters, else the text of its tokens ("" when it has neither)."""
    block = math.get("display") == "block"
    annotation = TEX_ANNOTATION(math)
    tex = " ".join((annotation[0].text if annotation else math.get("alttext") or "").split())
    if tex:
        return f"\\[{tex}\\]" if block else f"\\({tex}\\)"
    return " ".join("".join(RENDERED_TEXT(math)).split())


@contextmanager
def math_as_text(tree: HtmlElement) -> Iterator[None]:
    """Each outermost <math> replaced by its formula_text for the duration, then put back."""
    pairs: list[tuple[HtmlElement, HtmlElement]] = []
    for math in _outermost(tree, "math"):
        parent = math.getparent()
        own_block = math.get("display") == "block" and parent.tag not in TEXT_BLOCKS
        stand_in = etree.Element("p" if own_block else "span")
        stand_in.text = formula_text(math)
        pairs.append((math, stand_in))
    with swapped(pairs):
        yield


def pre_text(pre: HtmlElement) -> str:
    """The block's text as shown: its text nodes in document order, a <br> a line break."""
    pieces: list[str] = []
    for event, node in etree.iterwalk(pre, events=("start", "end")):
        if not isinstance(node.tag, str):  # a comment or processing instruction: only its tail shows
            if event == "end" and node.tail:
                pieces.append(node.tail)
            continue
        if event == "start":
            pieces.append("\n" if node.tag == "br" else node.text or "")
        elif node is not pre:
            pieces.append(node.tail or "")
    return "".join(pieces)


@contextmanager
def pre_as_code(tree: HtmlElement) -> Iterator[None]:
    """Each outermost <pre> stands in as one code block for the duration, then is put back."""
    pairs: list[tuple[HtmlElement, HtmlElement]] = []
    for pre in _outermost(tree, "pre"):
        text = pre_text(pre)
        if not text.strip():
            continue
        stand_in = etree.Element("pre")
        etree.SubElement(stand_in, "span").text = text
        pairs.append((pre, stand_in))
    with swapped(pairs):
        yield


def _outermost(tree: HtmlElement, tag: str) -> list[HtmlElement]:
    """The elements of a tag not inside another of the same tag, each with a parent to swap it in."""
    return [
        element
        for element in tree.iter(tag)
        if element.getparent() is not None and not any(node.tag == tag for node in element.iterancestors())
    ]
