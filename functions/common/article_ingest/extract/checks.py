"""Is there anything to keep? EmptyInput for pages without visible text, NotAnArticle for pages
whose main text is too thin to be an article (home and list pages, login walls, error pages)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from ..errors import EmptyInput, NotAnArticle
from .result import Extracted
from .signals import title_element
from .tree import PageLinks

# Text inside these is not shown. Not "only inside <body>": broken pages (PHP warnings before the
# doctype) parse into a <div> root. <noscript> counts as visible: an unclosed one can hold the whole
# page (seen in the corpus).
INVISIBLE_TAGS = frozenset({"script", "style", "template", "head", "title"})
# Scripts without spaces between words: count each character as a word (Chinese averages ~1.5
# characters a word, so this errs towards keeping the page).
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# An article has at least a couple of real paragraphs; teaser grids and error pages do not.
# Every corpus page is an article; the few under 25 words (1 of 990 today) are body-extraction
# misses. Home and list pages the body extractor reduces to a few teaser lines land well below.
MIN_ARTICLE_WORDS = {"html": 25, "text": 15}
# Error pages may carry some text (apologies, search hints); under this length an error title
# decides. A password field does not: 11 corpus articles have a login box in the page chrome,
# and a login wall without a teaser is already too short to pass MIN_ARTICLE_WORDS.
SHORT_PAGE_WORDS = 150
# Teaser lists: most of the "main text" is whole link texts. Articles quote a link now and then.
LINK_LIST_SHARE = 0.7
MIN_LINK_LIST_BLOCKS = 5
ERROR_TITLE = re.compile(
    r"\b(?:404|410|not found|page not found|seite nicht gefunden|nicht gefunden|page introuvable"
    r"|página no encontrada|pagina non trovata|nie znaleziono)\b",
    re.I,
)


def check_visible_text(tree: HtmlElement | None, size: int) -> None:
    if tree is None:
        raise EmptyInput(f"{size:,} characters of markup that lxml cannot parse into a document")
    if not _has_visible_text(tree):
        scripts = len(tree.xpath("//script | //style"))
        raise EmptyInput(f"no visible text in {size:,} characters of HTML ({scripts} script/style elements)")


def _has_visible_text(tree: HtmlElement) -> bool:
    """Whether any text outside INVISIBLE_TAGS is more than whitespace. Stops at the first such
    text, usually near the top of <body>: collecting every text node (an XPath with ancestor tests)
    cost ~6 ms a page."""
    for element in tree.iter():
        own = element.text if isinstance(element.tag, str) else None  # not a comment's content
        for text, holder in ((own, element), (element.tail, element.getparent())):
            if text and not text.isspace() and holder is not None and _shown(holder):
                return True
    return False


def _shown(element: HtmlElement) -> bool:
    return all(node.tag not in INVISIBLE_TAGS for node in (element, *element.iterancestors()))


def count_words(text: str) -> int:
    unspaced = len(UNSPACED_SCRIPT.findall(text))
    return len(UNSPACED_SCRIPT.sub(" ", text).split()) + unspaced


def check_is_article(
    extracted: Extracted, kind: str, tree: HtmlElement | None = None, title: str | None = None
) -> None:
    blocks = [extracted.standfirst or ""] + [
        p for s in extracted.sections for p in [s.heading or "", *s.paragraphs]
    ]
    words = count_words(" ".join(blocks))
    if words == 0:
        reason = extracted.fallback or "nothing left after removing boilerplate"
        raise NotAnArticle(f"no main text: {reason}")
    minimum = MIN_ARTICLE_WORDS[kind]
    if words < minimum:
        raise NotAnArticle(
            f"main text is {words} word(s), fewer than the {minimum} an article needs "
            f"(a home or list page, login wall or error page?)"
        )
    if tree is not None and words < SHORT_PAGE_WORDS:
        _check_page_signals(tree, title, words)
    if tree is not None:
        _check_link_list(blocks, extracted.links or PageLinks(tree), words)


def _check_link_list(blocks: list[str], page_links: PageLinks, words: int) -> None:
    """A home, tag or archive page reduces to teaser headlines, each the whole text of a link."""
    links = page_links.every
    linked = [b for b in blocks if b and " ".join(b.split()) in links]
    linked_words = count_words(" ".join(linked))
    if len(linked) >= MIN_LINK_LIST_BLOCKS and linked_words >= LINK_LIST_SHARE * words:
        raise NotAnArticle(
            f"a list of links: {linked_words} of {words} words of main text are link titles "
            f"({len(linked)} links; a home, tag or archive page?)"
        )


def _check_page_signals(tree: HtmlElement, title: str | None, words: int) -> None:
    for name in (title, title_element(tree)):  # the headline may be a bare "Oops"
        if name and ERROR_TITLE.search(name):
            raise NotAnArticle(f"an error page: title {name!r} and only {words} words of main text")
