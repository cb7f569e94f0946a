"""Is there anything to keep? EmptyInput for pages without visible text, NotAnArticle for pages
whose main text is too thin to be an article (home and list pages, login walls, error pages)."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from ..errors import EmptyInput, NotAnArticle
from .result import Extracted

# Not "//body//text()": broken pages (PHP warnings before the doctype) parse into a <div> root.
# <noscript> counts as visible: an unclosed one can hold the whole page (seen in the corpus).
VISIBLE_TEXT = (
    "//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::template)"
    " and not(ancestor::head) and not(ancestor::title)]"
)
# Scripts without spaces between words: count each character as a word (Chinese averages ~1.5
# characters a word, so this errs towards keeping the page).
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# An article has at least a couple of real paragraphs; teaser grids and error pages do not.
# On the corpus (990 article pages) 3 fall under 25 words, each a body-extraction miss; home and
# list pages that the body extractor reduces to a few teaser lines land well below.
MIN_ARTICLE_WORDS = {"html": 25, "text": 15}


def check_visible_text(tree: HtmlElement | None, size: int) -> None:
    if tree is None:
        raise EmptyInput(f"{size:,} characters of markup that lxml cannot parse into a document")
    visible = "".join(tree.xpath(VISIBLE_TEXT)).strip()
    if not visible:
        scripts = len(tree.xpath("//script | //style"))
        raise EmptyInput(f"no visible text in {size:,} characters of HTML ({scripts} script/style elements)")


def count_words(text: str) -> int:
    unspaced = len(UNSPACED_SCRIPT.findall(text))
    return len(UNSPACED_SCRIPT.sub(" ", text).split()) + unspaced


def check_is_article(extracted: Extracted, kind: str) -> None:
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
