"""From what the extractors found to the Article: the Extracted result they hand back, the gate
that refuses what is not an article, and the Article built with its precedence and hashes.

The gate raises EmptyInput for pages without visible text and NotAnArticle for pages whose main
text is too thin to be an article (home and list pages, login walls, error pages). Page metadata
wins over what the body extractor guessed; the byline fills what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from .. import __version__
from ..errors import EmptyInput, NotAnArticle
from ..models import Article, RemovedKind, Section, Source, content_hash_of_article, count_words, stable_id
from . import selectors
from .metadata import Metadata
from .page_meta import title_element
from .titles import without_date_part
from .tree import PageLinks

EXTRACTOR_VERSION = f"article-ingest/{__version__}"
# Removed lines are kept as evidence for operators, not as an archive: cap their number and length.
MAX_REMOVED_PER_KIND = 50
MAX_REMOVED_CHARS = 300


@dataclass
class Extracted:
    sections: list[Section] = field(default_factory=list)
    removed: dict[RemovedKind, list[str]] = field(default_factory=dict)
    standfirst: str | None = None
    # What the body itself says (a plain-text post's title line and byline); the page's metadata
    # (metadata.Metadata) wins over these where it has a value.
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None  # a plain-text post's, detected (an HTML page's is metadata's)
    fallback: str | None = None
    # The page's link texts, read once for the body's cleaning and the article checks.
    links: PageLinks | None = field(default=None, repr=False, compare=False)

    def record_removed(self, kind: RemovedKind, line: str) -> None:
        lines = self.removed.setdefault(kind, [])
        if len(lines) < MAX_REMOVED_PER_KIND:
            lines.append(line[:MAX_REMOVED_CHARS])


# Text inside these is not shown. Not "only inside <body>": broken pages (PHP warnings before the
# doctype) parse into a <div> root. <noscript> counts as visible: an unclosed one can hold the whole
# page (seen in the corpus).
INVISIBLE_TAGS = frozenset({"script", "style", "template", "head", "title"})
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
ERROR_TITLE = re.compile(selectors.ERROR_PAGE_TITLES, re.I)


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
        # Line by line: a paragraph of <br>-separated headline links is a list of links.
        lines = [line for block in blocks for line in block.split("\n")]
        _check_link_list(lines, extracted.links or PageLinks(tree), words)


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


def build_article(
    extracted: Extracted, meta: Metadata, kind: str, url: str | None, source: Source
) -> Article:
    """Page metadata wins over what the body extractor guessed; the byline fills what is missing."""
    title = meta.title or extracted.title
    article = Article(
        id="",
        source=source,
        format=kind,
        url=url,
        canonical_url=meta.canonical_url,
        title=title,
        standfirst=extracted.standfirst,
        authors=meta.authors or extracted.authors,
        published=meta.published or extracted.published,
        modified=meta.modified,
        language=meta.language,
        site_name=meta.site_name,
        tags=meta.tags,
        image=meta.image,
        description=meta.description,
        sections=without_title_headings(extracted.sections, title),
        removed=extracted.removed,
        fallback=extracted.fallback,
        extractor_version=EXTRACTOR_VERSION,
    )
    content_hash = content_hash_of_article(article)
    return article.model_copy(update={"id": stable_id(source, content_hash), "content_hash": content_hash})


def without_title_headings(sections: list[Section], title: str | None) -> list[Section]:
    """The title is its own field: a heading that repeats it (the page's h1 inside the body, with
    the date the title leaves out or not) goes, and its paragraphs join the section before it."""
    key = _key(title) if title else None
    tidy: list[Section] = []
    for section in sections:
        heading = section.heading
        if key and heading and key in (_key(heading), _key(without_date_part(heading))):
            section = Section(paragraphs=section.paragraphs, kinds=section.kinds)
        if tidy and not section.heading:
            before = tidy[-1]
            tidy[-1] = Section(
                heading=before.heading,
                level=before.level,
                paragraphs=before.paragraphs + section.paragraphs,
                kinds=before.paragraph_kinds() + section.paragraph_kinds(),
            )
        elif section.heading or section.paragraphs:
            tidy.append(section)
    return tidy


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
