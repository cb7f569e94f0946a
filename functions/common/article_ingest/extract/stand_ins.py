"""Elements trafilatura is given in place of the page's own while it reads the page, then put back.

Three uses: containers set aside (comment sections, link menus), so their text is not read;
formulas as text; and code blocks (<pre>, or a <code> shown as a block) as one block each.

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

<pre>: trafilatura reads a <pre> as code only when it looks like a program (a brace, an indented
line, highlight.js spans); any other becomes a quote, which comes out one paragraph per line: a
shell session, a config file or a poem lost its shape. So each <pre> stands in as a <pre> holding
one <span> with its text (trafilatura's own sign of a code block), its <br>s as line breaks.

A <code> outside <pre> is a block too when it holds several lines and stands alone in its lines
("<p><code>make<br>make install</code></p>", or after a label and a <br>): trafilatura read it as
a paragraph, its newlines joined as wrapped text or its lines given as prose. It stands in like a
<pre>. Its <br>s break its lines, and when it has them its source whitespace collapses as a
browser collapses it (the non-breaking spaces that indent such code stay). A <code> inside a
sentence stays inline text, and one that holds blocks (a menu pasted into it) is markup, not code.

The text beside code in a <div> of its own ("<div>Run:<br><pre>…", "<div>Call <code>len</code>…")
stands in as paragraphs: trafilatura reads a <div>'s own text only on a page with little paragraph
text, so on most articles the label before a code block was lost, and a sentence with <code> in
it came out as its code alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from lxml import etree
from lxml.html import HtmlElement

from .tree import BLOCK_TAGS


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
    for math in _outermost(tree, "math"):
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


# A code block stands in the page's flow, not in a paragraph's line, a list item or a table cell.
FLOW_PARENTS = BLOCK_TAGS - {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
# What may wrap a code block and nothing else ("<p><code>", "<p><span><code>"): the stand-in
# takes the outermost one's place, so no <pre> ends up inside a paragraph.
CODE_WRAPPERS = frozenset("p span font b strong i em tt small kbd samp".split())
# Whitespace a browser collapses (not the no-break space, which it keeps).
WHITESPACE_RUN = re.compile(r"[ \t\n\r\f]+")
LINE_MARK = "\x00"


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
        for code in _outermost(tree, "code")
        if not any(node.tag == "pre" for node in code.iterancestors())
        and not any(node.tag in BLOCK_TAGS for node in code.iterdescendants())
    ]


def _box(code: HtmlElement) -> HtmlElement | None:
    """The outermost element that holds the <code> and nothing else, when it stands alone in its
    lines (only blocks, line breaks and whitespace beside it); None when it sits inside a line of
    text."""
    box = code
    while (parent := box.getparent()) is not None and parent.tag in CODE_WRAPPERS:
        if len(parent) != 1 or (parent.text or "").strip() or (box.tail or "").strip():
            break
        box = parent
    parent = box.getparent()
    if parent is None or parent.tag not in FLOW_PARENTS:
        return None
    before, after = box.getprevious(), box.getnext()
    if (box.tail or "").strip() or ((before.tail if before is not None else parent.text) or "").strip():
        return None
    # An inline element beside it puts it in a line with them; a <br> ends the line before it
    # ("Run:<br><code>…") or after it.
    if any(node is not None and node.tag not in BLOCK_TAGS and node.tag != "br" for node in (before, after)):
        return None
    return box


@contextmanager
def pre_as_code(tree: HtmlElement) -> Iterator[None]:
    """Each outermost <pre>, and each <code> shown as a block, stands in as one code block for the
    duration, then is put back; the text beside them stands in as paragraphs (text_as_paragraphs)."""
    blocks = [(pre, pre_text(pre)) for pre in _outermost(tree, "pre")]
    in_lines = []
    for code in program_codes(tree):
        box = _box(code)
        text = code_block_text(code) if box is not None else None
        if text is None:
            in_lines.append(code)
        else:
            blocks.append((box, text))
    pairs: list[tuple[HtmlElement, HtmlElement]] = []
    for element, text in blocks:
        if not text.strip():
            continue
        stand_in = etree.Element("pre")
        etree.SubElement(stand_in, "span").text = text
        pairs.append((element, stand_in))
    with text_as_paragraphs([element for element, _ in pairs], in_lines), swapped(pairs):
        yield


@contextmanager
def text_as_paragraphs(blocks: list[HtmlElement], codes: list[HtmlElement]) -> Iterator[None]:
    """For the duration, the loose text just before and just after each code block in its box
    ("<div>Run:<br><pre>…"), with the inline elements in it, each wrapped in a <p>; and the line
    of loose text a <code> is in ("<div>Call <code>len(x)</code> to count.</div>"), wrapped in one.

    trafilatura reads a <div>'s own text only on a page with little paragraph text: on any other
    the label before a code block ("Run:", "Output:") and the line after it were lost, and a
    <code> in a sentence came out as a code block of its own, without the sentence."""
    wrappers: list[HtmlElement | None] = []
    try:
        for block in blocks:
            if (parent := block.getparent()).tag in FLOW_PARENTS:
                wrappers += [_wrap(parent, *_run_before(block)), _wrap(parent, block, _run_after(block))]
        for code in codes:
            line = _outermost_inline(code)
            if (parent := line.getparent()) is None or parent.tag not in FLOW_PARENTS:
                continue  # in a paragraph, a list item or a cell, or wrapped with another <code>
            holder, before = _run_before(line)
            run = [*before, line, *_run_after(line)]
            text = holder.tail if holder is not None else parent.text
            if ((text or "") + "".join(_shown_text(node) for node in run if node is not line)).strip():
                wrappers.append(_wrap(parent, holder, run))
        yield
    finally:
        for wrapper in reversed(wrappers):
            if wrapper is not None:
                _unwrap(wrapper)


def _outermost_inline(element: HtmlElement) -> HtmlElement:
    """The element, or its outermost inline ancestor below the nearest block."""
    while (parent := element.getparent()) is not None and parent.tag not in BLOCK_TAGS:
        element = parent
    return element


def _run_before(element: HtmlElement) -> tuple[HtmlElement | None, list]:
    """The nearest block before the element (None at its parent's start), and the inline
    siblings between them."""
    run = []
    node = element.getprevious()
    while node is not None and _inline(node):
        run.append(node)
        node = node.getprevious()
    return node, run[::-1]


def _run_after(element: HtmlElement) -> list:
    run = []
    node = element.getnext()
    while node is not None and _inline(node):
        run.append(node)
        node = node.getnext()
    return run


def _inline(node) -> bool:
    return not isinstance(node.tag, str) or node.tag not in BLOCK_TAGS


def _wrap(parent: HtmlElement, holder: HtmlElement | None, run: list) -> HtmlElement | None:
    """A <p> put where the text after holder (the parent's own text when holder is None) and the
    siblings of run were, holding them; None when they show nothing."""
    text = holder.tail if holder is not None else parent.text
    if not ((text or "") + "".join(_shown_text(node) for node in run)).strip():
        return None
    wrapper = etree.Element("p")
    wrapper.text = text
    if holder is not None:
        holder.tail = None
        holder.addnext(wrapper)
    else:
        parent.text = None
        parent.insert(0, wrapper)
    wrapper.extend(run)  # moves each, with its tail
    return wrapper


def _unwrap(wrapper: HtmlElement) -> None:
    parent, holder = wrapper.getparent(), wrapper.getprevious()
    for node in list(wrapper):
        wrapper.addprevious(node)
    if holder is not None:
        holder.tail = wrapper.text
    else:
        parent.text = wrapper.text
    parent.remove(wrapper)


def _shown_text(node) -> str:
    """The text a node shows, with its tail (a script, a style or a comment shows only its tail)."""
    if not isinstance(node.tag, str) or node.tag in ("script", "style", "template"):
        return node.tail or ""
    return etree.tostring(node, method="text", encoding=str, with_tail=True)


def _outermost(tree: HtmlElement, tag: str) -> list[HtmlElement]:
    """The elements of a tag not inside another of the same tag, each with a parent to swap it in."""
    return [
        element
        for element in tree.iter(tag)
        if element.getparent() is not None and not any(node.tag == tag for node in element.iterancestors())
    ]
