"""Elements trafilatura is given in place of the page's own while it reads the page, then put back.

Three uses: containers set aside (comment sections, link menus), so their text is not read;
formulas as text; and code blocks as one block each (code_blocks.py).

Formulas: trafilatura discards <math> with its subtree and keeps only a formula that carries TeX
(an annotation or alttext), appended to the text before it: a formula in presentation MathML alone
was lost, and a display formula ran into the paragraph above. So each <math> stands in as the text
a reader can use: its TeX in trafilatura's delimiters (\\( \\) inline, \\[ \\] on its own line),
else the text of its token elements ("x=2"). A display formula between blocks is a block of its
own; inside a paragraph it stays in the paragraph.

MathJax's source form, <script type="math/tex"> (";mode=display" for a display formula), went
with the page's other scripts: it stands in as its TeX the same way. What MathJax drew from it
beside the script in a page saved after rendering (the frame, its display box, the preview) is
set aside, so the formula is not there twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from lxml import etree
from lxml.html import HtmlElement


@contextmanager
def swapped(pairs: list[tuple[HtmlElement, HtmlElement | list[HtmlElement]]]) -> Iterator[None]:
    """Each element swapped for its stand-in, or its stand-ins in order (a paragraph standing in as
    the blocks it shows), for the duration, the last keeping the element's tail so the text after
    it is not lost; then each element put back where it was."""
    swaps = [(element, stand_in if isinstance(stand_in, list) else [stand_in]) for element, stand_in in pairs]
    for element, stand_ins in swaps:
        *before, last = stand_ins
        for stand_in in before:
            element.addprevious(stand_in)
        last.tail = element.tail
        element.getparent().replace(element, last)
    try:
        yield
    finally:
        for element, stand_ins in reversed(swaps):
            *before, last = stand_ins
            last.getparent().replace(last, element)
            for stand_in in before:  # no tail of their own: it went with the last one
                stand_in.getparent().remove(stand_in)


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
        return delimited(tex, block)
    return " ".join("".join(RENDERED_TEXT(math)).split())


def delimited(tex: str, display: bool) -> str:
    return f"\\[{tex}\\]" if display else f"\\({tex}\\)"


@contextmanager
def math_as_text(tree: HtmlElement) -> Iterator[None]:
    """Each outermost <math>, and each TeX script, replaced by its formula's text for the
    duration, then put back."""
    pairs: list[tuple[HtmlElement, HtmlElement]] = []
    drawn: list[HtmlElement] = []
    for script in tree.iter("script"):
        if (tex := script_tex(script)) is not None:
            pairs.append((script, _formula_stand_in(script, delimited(*tex), tex[1])))
            drawn.extend(_drawn_from(script))
    pairs.extend((element, etree.Element("span")) for element in drawn)
    for math in outermost(tree, "math"):
        if not any(node in drawn for node in math.iterancestors()):
            pairs.append((math, _formula_stand_in(math, formula_text(math), math.get("display") == "block")))
    with swapped(pairs):
        yield


def script_tex(script: HtmlElement) -> tuple[str, bool] | None:
    """A MathJax TeX script's formula, and whether it is a display formula; None for any other
    script."""
    media, _, parameters = (script.get("type") or "").partition(";")
    tex = " ".join((script.text or "").split())
    if media.strip().lower() != "math/tex" or not tex:
        return None
    return tex, "mode=display" in "".join(parameters.split()).lower()


def _formula_stand_in(element: HtmlElement, text: str, display: bool) -> HtmlElement:
    own_block = display and element.getparent().tag not in TEXT_BLOCKS
    stand_in = etree.Element("p" if own_block else "span")
    stand_in.text = text
    return stand_in


def _drawn_from(script: HtmlElement) -> list[HtmlElement]:
    """What MathJax drew from a TeX script, just before it: the frame named after the script
    (perhaps in a display box of its own), and the preview before that."""
    frame_id = f"{script.get('id')}-Frame" if script.get("id") else None
    found = []
    node = script.getprevious()
    while node is not None and len(found) < 2 and isinstance(node.tag, str):
        framed = frame_id is not None and (
            node.get("id") == frame_id or any(child.get("id") == frame_id for child in node)
        )
        if not (framed or "MathJax_Preview" in (node.get("class") or "")):
            break
        found.append(node)
        node = node.getprevious()
    return found


def outermost(tree: HtmlElement, tag: str) -> list[HtmlElement]:
    """The elements of a tag not inside another of the same tag, each with a parent to swap it in."""
    return [
        element
        for element in tree.iter(tag)
        if element.getparent() is not None and not any(node.tag == tag for node in element.iterancestors())
    ]
