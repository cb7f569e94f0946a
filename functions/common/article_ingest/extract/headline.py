"""The headline an <h1> shows, less what the page puts in it beside the headline.

Many <h1>s hold a kicker before the headline, in an element of its own ("<span class=kicker>
Klimaschutz</span><span class=visually-hidden>: </span><span>Bohren, bis es heiß wird</span>"), a
subtitle after it (a <small>, or an element after a <br>), or text only a screen reader reads
("<span class=element-invisible> | Site</span>"). Read whole, the title was "Klimaschutz: Bohren,
bis es heiß wird" or "Title Subtitle", glued. The headline is the rest: the kicker goes when it is
a few words in an element of its own and the headline after it starts a phrase of its own (not
"<span>Ehezoff</span> der Pochers eskaliert", one sentence); the subtitle goes when something is
left before it that does not announce it ("Kicker:<br><span>Headline</span>").
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .tree import flat_text, is_hidden, visible_texts

MAX_KICKER_WORDS = 5
# Emphasis inside the headline's sentence ("<em>Star Wars</em> review"), not a kicker.
EMPHASIS = frozenset("a abbr b cite code em i mark q s strong sub sup u".split())
# What separates a kicker from the headline ("Kicker: Headline", "Kicker – Headline").
SEPARATOR_CHARS = " :|-–—·•/"


def headline_text(h1: HtmlElement) -> str:
    """The headline the <h1> shows (its flat text when it holds no kicker, subtitle or hidden text)."""
    box = h1
    while len(box) == 1 and not (box.text or "").strip() and not (box[0].tail or "").strip():
        box = box[0]  # <h1><a><span>Kicker</span><span>Headline</span></a></h1>
    parts = _parts(box)
    if len(parts) > 1 and _is_subtitle(parts[-1], parts[:-1]):
        parts = parts[:-1]
    if len(parts) > 1 and _is_kicker(parts[0], parts[1:]):
        parts = parts[1:]
    text = " ".join("".join(text for _, text, _ in parts).split()).strip(SEPARATOR_CHARS)
    return text or flat_text(h1)


def _parts(box: HtmlElement) -> list[tuple[HtmlElement | None, str, bool]]:
    """The box's text in order: its own text, each child element's shown text, each tail; each
    with the element it is (None for loose text) and whether a <br> comes just before it."""
    parts: list[tuple[HtmlElement | None, str, bool]] = []
    after_break = False
    if (box.text or "").strip():
        parts.append((None, box.text, False))
    for child in box:
        if isinstance(child.tag, str) and child.tag == "br":
            after_break = True
            if parts:  # a line break shows as a space in a one-line title
                parts[-1] = (parts[-1][0], parts[-1][1] + " ", parts[-1][2])
        elif isinstance(child.tag, str) and (text := _shown(child)).strip():
            parts.append((child, text, after_break))
            after_break = False
        if (child.tail or "").strip():
            parts.append((None, child.tail, after_break))
            after_break = False
        elif child.tail and parts:
            parts[-1] = (parts[-1][0], parts[-1][1] + child.tail, parts[-1][2])
    return parts


def _is_kicker(first: tuple[HtmlElement | None, str, bool], rest: list) -> bool:
    element, text, _ = first
    if element is None or element.tag in EMPHASIS or len(text.split()) > MAX_KICKER_WORDS:
        return False
    after = "".join(text for _, text, _ in rest).lstrip(SEPARATOR_CHARS)
    return len(after.split()) >= len(text.split()) and not after[:1].islower()


def _is_subtitle(last: tuple[HtmlElement | None, str, bool], before: list) -> bool:
    """A <small>, or an element after a <br>, unless the text before it announces it ("Kicker:")."""
    element, _, after_break = last
    if element is None or not (element.tag == "small" or after_break):
        return False
    return not "".join(text for _, text, _ in before).rstrip().endswith(tuple(SEPARATOR_CHARS.strip()))


def _shown(element: HtmlElement) -> str:
    """The element's text without its hidden descendants' (nor itself when hidden)."""
    return "".join(text for _, text in visible_texts(element, _unseen))


def _unseen(node: HtmlElement) -> bool:
    return is_hidden(node) or node.tag in ("script", "style")
