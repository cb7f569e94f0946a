"""Authors: JSON-LD persons, author meta tags, author links, then trafilatura's guess, cleaned of
the labels around them ("View all posts by", "Von", "责任编辑：")."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from . import signals

META_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
LINK_XPATH = (
    '//a[@rel="author"] | //*[contains(concat(" ", normalize-space(@class), " "), " author ")]'
    '//*[contains(@class, "fn") or self::a] | //*[@itemprop="author"]//*[@itemprop="name"]'
)
LABEL = re.compile(
    r"^(?:view all posts by|all posts by|posted by|written by|geschrieben von|verfasst von|"
    r"autor(?:in)?:?|author:?|by|von|vom|par|por|责任编辑[:：]|编辑[:：]|作者[:：])\s*",
    re.I,
)
SPLIT = re.compile(r"\s*(?:;|\||\band\b|\bund\b|&)\s*")
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 60


def choose_authors(tree: HtmlElement, fallback: str | None, site: str | None) -> list[str]:
    for candidate in _candidates(tree, fallback):
        names = [n for n in (clean_name(raw) for raw in candidate) if n and n != site]
        if names:
            return list(dict.fromkeys(names))
    return []


def _candidates(tree: HtmlElement, fallback: str | None):
    for article in signals.jsonld_articles(tree):
        yield signals.jsonld_names(article.get("author"))
    tag = signals.meta(tree, *META_KEYS)
    if tag and not tag.startswith("http"):
        yield SPLIT.split(tag)
    yield [" ".join(el.text_content().split()) for el in tree.xpath(LINK_XPATH)][:1]
    if fallback:
        yield fallback.split(";")


def clean_name(raw: str) -> str | None:
    name = LABEL.sub("", " ".join(raw.split())).strip(" ,:|-–")
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS or "@" in name:
        return None
    return name
