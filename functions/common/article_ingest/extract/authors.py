"""Authors: JSON-LD persons, author meta tags, author links, then trafilatura's guess, cleaned of
the labels around them ("View all posts by", "Von", "责任编辑：")."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement

from . import signals
from .tree import flat_text

META_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
# The first author link, as the XPath
#   //a[@rel="author"]
#   | //*[contains(concat(" ", normalize-space(@class), " "), " author ")]
#       //*[contains(@class, "fn") or self::a]
#   | //*[@itemprop="author"]//*[@itemprop="name"]
# would list it, found in one walk that stops there (_first_author_link): half the XPath's time.
AUTHOR_CLASS = re.compile(r"(?<![^ \t\n\r])author(?![^ \t\n\r])")  # a class token, split as XPath does
LABEL = re.compile(
    r"^(?:view all posts by|all posts by|posted by|written by|geschrieben von|verfasst von|"
    r"(?:ein )?(?:beitrag|artikel|text) von|interview:|text:|auteur|autor(?:in)?:?|author:?|"
    r"by|von|vom|par|por|责任编辑[:：]|编辑[:：]|作者[:：])\s*",
    re.I,
)
SPLIT = re.compile(r"\s*(?:;|\||\band\b|\bund\b|&)\s*")
# Words that sit where a name should and are not one (form labels, roles, placeholders).
NOT_NAMES = {
    "admin",
    "administrator",
    "name",
    "datum",
    "date",
    "follow",
    "beitrag",
    "no author",
    "wordpressadmin",
    "human",
    "author",
    "autor",
    "anonymous",
    "unknown",
    "guest",
}
DOMAIN_END = re.compile(r"[.\s](?:de|at|ch|com|net|org|it|fr|es|pl|info|eu|co\.uk)$", re.I)
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 60


def choose_authors(
    page: signals.Page, fallback: Callable[[], str | None], site: str | None, url: str | None = None
) -> list[str]:
    """fallback: trafilatura's author, called only when the page's own signals name nobody."""
    label = signals.site_label(url)
    for candidate in _candidates(page, fallback):
        names = [
            n for n in (clean_name(raw) for raw in candidate) if n and n != site and not _is_site(n, label)
        ]
        if names:
            return list(dict.fromkeys(names))
    return []


def _candidates(page: signals.Page, fallback: Callable[[], str | None]):
    for article in page.articles:
        yield signals.jsonld_names(article.get("author"))
    tag = page.meta(*META_KEYS)
    if tag and not tag.startswith("http"):
        yield SPLIT.split(tag)
    link = _first_author_link(page.tree)
    yield [flat_text(link)] if link is not None else []
    if guess := fallback():
        yield guess.split(";")


def _first_author_link(tree: HtmlElement) -> HtmlElement | None:
    """The first element, in document order, that the XPath above selects."""
    # An element's ancestors come before it in the walk, so the owners of the links it may be are known.
    class_owners: set[HtmlElement] = set()
    prop_owners: set[HtmlElement] = set()
    for element in tree.iter(etree.Element):
        tag, classes, prop = element.tag, element.get("class", ""), element.get("itemprop")
        if tag == "a" and element.get("rel") == "author":
            return element
        in_owner = class_owners if tag == "a" or "fn" in classes else None
        if in_owner and not in_owner.isdisjoint(element.iterancestors()):
            return element
        if prop == "name" and prop_owners and not prop_owners.isdisjoint(element.iterancestors()):
            return element
        if "author" in classes and AUTHOR_CLASS.search(classes):
            class_owners.add(element)
        if prop == "author":
            prop_owners.add(element)
    return None


def _is_site(name: str, label: str | None) -> bool:
    """ "Finanztreff De", "LAOLA1.at": the publisher's domain where a writer's name should be.
    A bare brand ("Eurosport", "hausinfo") stays: the publisher is often the recorded author."""
    return bool(label) and label in re.sub(r"\W", "", name.casefold()) and bool(DOMAIN_END.search(name))


def clean_name(raw: str) -> str | None:
    name = LABEL.sub("", " ".join(raw.split())).strip(" ,:|-–")
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS or "@" in name:
        return None
    if name.casefold() in NOT_NAMES:
        return None
    return name
