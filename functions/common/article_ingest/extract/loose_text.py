"""The loose text beside code, in a box of the page's flow, stands in as paragraphs while
trafilatura reads the page (code_blocks.py gives the code its stand-ins)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from lxml import etree
from lxml.html import HtmlElement

from .tree import BLOCK_TAGS

# A code block stands in the page's flow, not in a paragraph's line, a list item or a table cell.
FLOW_PARENTS = BLOCK_TAGS - {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}


@contextmanager
def text_as_paragraphs(blocks: list[HtmlElement], codes: list[HtmlElement]) -> Iterator[None]:
    """For the duration, the loose text just before and just after each code block in its box
    ("<div>Run:<br><pre>…"), with the inline elements in it, each wrapped in a <p>; and the line
    of loose text a <code> is in ("<div>Call <code>len(x)</code> to count.</div>"), wrapped in one.

    trafilatura reads a <div>'s own text only on a page with little paragraph text: on any other
    the label before a code block ("Run:", "Output:") and the line after it were lost, and a
    <code> in a sentence came out as a code block of its own, without the sentence.

    A box that holds the code block and nothing else ("<div>Run:<div><code>…</code></div></div>")
    is the code block as far as the text beside it goes: on a short page trafilatura read the
    label with the code as one paragraph, then the code again; on a long one it lost the label.
    A <code> alone in its line is a block to trafilatura too, so the same holds for it."""
    wrappers: list[HtmlElement | None] = []
    try:
        for code in codes:
            line = _outermost_inline(code)
            if (parent := line.getparent()) is None or parent.tag not in FLOW_PARENTS:
                continue  # in a paragraph, a list item or a cell, or wrapped with another <code>
            holder, before = _run_before(line)
            run = [*before, line, *_run_after(line)]
            text = holder.tail if holder is not None else parent.text
            if shows_text(text, (node for node in run if node is not line)):
                wrappers.append(_wrap(parent, holder, run))
            else:
                blocks = [*blocks, line]
        for block in blocks:
            box = _alone_box(block)
            if (parent := box.getparent()).tag in FLOW_PARENTS:
                wrappers += [_wrap(parent, *_run_before(box)), _wrap(parent, box, _run_after(box))]
        yield
    finally:
        for wrapper in reversed(wrappers):
            if wrapper is not None:
                _unwrap(wrapper)


def _alone_box(block: HtmlElement) -> HtmlElement:
    """The outermost box in the page's flow that holds the block and nothing else (the block
    itself when its parent holds more)."""
    while (
        (parent := block.getparent()) is not None
        and parent.tag in FLOW_PARENTS
        and (grandparent := parent.getparent()) is not None
        and grandparent.tag in FLOW_PARENTS
        and len(parent) == 1
        and not ((parent.text or "") + (block.tail or "")).strip()
    ):
        block = parent
    return block


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
    if not shows_text(text, run):
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


def shows_text(text: str | None, nodes: Iterable) -> bool:
    """Whether the text and the nodes after it show anything but whitespace."""
    return bool(((text or "") + "".join(map(shown_text, nodes))).strip())


def shown_text(node) -> str:
    """The text a node shows, with its tail (a script, a style or a comment shows only its tail)."""
    if not isinstance(node.tag, str) or node.tag in ("script", "style", "template"):
        return node.tail or ""
    return etree.tostring(node, method="text", encoding=str, with_tail=True)
