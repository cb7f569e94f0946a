"""Formulas as text. trafilatura discards <math> with its subtree and keeps only a formula that
carries TeX (an annotation or alttext), appended to the text before it: a formula in presentation
MathML alone was lost, and a display formula ran into the paragraph above.

While trafilatura reads the page, each <math> stands in as the text a reader can use: its TeX in
trafilatura's delimiters (\\( \\) inline, \\[ \\] on its own line), else the text of its token
elements ("x=2"). A display formula between blocks is a block of its own; inside a paragraph it
stays in the paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree
from lxml.html import HtmlElement

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
    swapped: list[tuple[HtmlElement, HtmlElement]] = []
    for math in list(tree.iter("math")):
        parent = math.getparent()
        if parent is None or any(node.tag == "math" for node in math.iterancestors()):
            continue
        own_block = math.get("display") == "block" and parent.tag not in TEXT_BLOCKS
        stand_in = etree.Element("p" if own_block else "span")
        stand_in.text = formula_text(math)
        stand_in.tail = math.tail
        parent.replace(math, stand_in)
        swapped.append((stand_in, math))
    try:
        yield
    finally:
        for stand_in, math in reversed(swapped):
            stand_in.getparent().replace(stand_in, math)
