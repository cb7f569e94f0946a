"""<pre> blocks as one block each. trafilatura reads a <pre> as code only when it looks like a
program (a brace, an indented line, highlight.js spans); any other becomes a quote, which comes
out one paragraph per line: a shell session, a config file or a poem lost its shape.

While trafilatura reads the page, each <pre> stands in as a <pre> holding one <span> with its text
(trafilatura's own sign of a code block), its <br>s as line breaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree
from lxml.html import HtmlElement


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
    swapped: list[tuple[HtmlElement, HtmlElement]] = []
    for pre in list(tree.iter("pre")):
        parent = pre.getparent()
        if parent is None or any(node.tag == "pre" for node in pre.iterancestors()):
            continue
        text = pre_text(pre)
        if not text.strip():
            continue
        stand_in = etree.Element("pre")
        etree.SubElement(stand_in, "span").text = text
        stand_in.tail = pre.tail
        parent.replace(pre, stand_in)
        swapped.append((stand_in, pre))
    try:
        yield
    finally:
        for stand_in, pre in reversed(swapped):
            stand_in.getparent().replace(stand_in, pre)
