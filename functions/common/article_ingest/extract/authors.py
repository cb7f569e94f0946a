"""The article's authors: what the page itself names (JSON-LD persons, author meta tags, author
links), else trafilatura's guess, cleaned of the labels around names ("View all posts by", "Von",
"责任编辑："); and byline lines ("Posted on 3 May 2022 by Jane Doe", "By Jane Doe", "Veröffentlicht
am …") recognised, with the author and date they carry.

trafilatura's guess (its extract_author) is reproduced by guess_author in one pass over the page and
without a copy. trafilatura copies the whole tree, deletes the regions where a name would be a
commenter's or a caption's (AUTHOR_DISCARD_XPATHS), then runs up to three XPath scans with regular
expressions (AUTHOR_XPATHS). That cost 4-5 ms on the half of the pages where nothing cheaper names
the author. Here the same conditions are tested on each element in one walk; only a matching element
that holds a discarded region is copied and pruned. tests/unit/test_authors.py checks the result
against trafilatura's own function, and pins the XPath text these conditions were written from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from ..compat import delete_element, normalize_authors, trim
from . import page_meta, selectors
from .comments import is_comment_block
from .dates import YEAR, parse_date
from .tree import flat_text

META_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
# The first author link, as the XPath
#   //a[@rel="author"]
#   | //*[contains(concat(" ", normalize-space(@class), " "), " author ")]
#       //*[contains(@class, "fn") or self::a]
#   | //*[@itemprop="author"]//*[@itemprop="name"]
# would list it, found in one walk that stops there (_first_author_link): half the XPath's time.
AUTHOR_CLASS = re.compile(r"(?<![^ \t\n\r])author(?![^ \t\n\r])")  # a class token, split as XPath does
NAME_LABEL = re.compile(selectors.AUTHOR_LABELS, re.I)
SPLIT = re.compile(r"\s*(?:;|\||\band\b|\bund\b|&)\s*")
DOMAIN_END = re.compile(r"[.\s](?:de|at|ch|com|net|org|it|fr|es|pl|info|eu|co\.uk)$", re.I)
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 60


def choose_authors(
    page: page_meta.Page, fallback: Callable[[], str | None], site: str | None, url: str | None = None
) -> list[str]:
    """fallback: trafilatura's author, called only when the page's own signals name nobody."""
    label = page_meta.site_label(url)
    for candidate in _candidates(page, fallback):
        names = [
            n for n in (clean_name(raw) for raw in candidate) if n and n != site and not _is_site(n, label)
        ]
        if names:
            return list(dict.fromkeys(names))
    return []


def _candidates(page: page_meta.Page, fallback: Callable[[], str | None]):
    for article in page.articles:
        yield page_meta.jsonld_names(article.get("author"))
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
    name = NAME_LABEL.sub("", " ".join(raw.split())).strip(" ,:|-–")
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS or "@" in name:
        return None
    if name.casefold() in selectors.NOT_AUTHOR_NAMES:
        return None
    return name


# trafilatura's author guess

MAX_AUTHOR_CHARS = 120  # extract_author's len_limit

# AUTHOR_DISCARD_XPATHS: comment lists, sidebars, quotes, share bars, dates, captions.
DISCARD_TAGS = {"a", "div", "section", "span"}
# Comment lists are comments.is_comment_block(rule="trafilatura"); these are the rest.
DISCARD_IDS = re.compile(r"ProductReviews")
DISCARD_CLASSES = re.compile(
    r"sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
ALWAYS_DISCARDED = {"time", "figure"}

# AUTHOR_XPATHS, tried in this order: specific, then almost generic, then any element.
SPECIFIC_TAGS = {"a", "address", "div", "link", "p", "span", "strong"}
SPECIFIC_CLASS = re.compile(r"author-?name|AuthorName|authorName")
GENERIC_TAGS = {"a", "div", "h3", "h4", "p", "span"}
GENERIC_CLASS_VALUES = {"byline", "username", "byl", "BBL"}
GENERIC_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
GENERIC_CLASS = re.compile(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
ANY_ID = re.compile(r"[Aa]uthor")
ANY_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
# What every class or id condition above needs somewhere in the value (a superset test).
MAY_MATCH_CLASS = re.compile(
    r"uthor|screenname|writer|[Bb]yl|BBL|username|channel-name|zuozhe|bianji|xiaobian|submitted-by"
    r"|posted-by|journalist-name"
)
MAY_MATCH_ID = re.compile(r"uthor|zuozhe|bianji|xiaobian")
OTHER_ATTRIBUTES = frozenset(("itemprop", "rel", "data-testid", "data-component"))


def guess_author(tree: HtmlElement) -> str | None:
    """What trafilatura's extract_author(tree) returns, for the same tree."""
    discarded: set[HtmlElement] = set()
    matches: tuple[list, list, list] = ([], [], [])
    # The first XPath says rel='me' without the @: a child element <rel> whose text is "me".
    rel_me = {rel.getparent() for rel in tree.iter("rel") if rel.text_content() == "me"}
    by_class: dict[str, tuple[bool, bool]] = {"": (False, False)}
    for element in tree.iter(etree.Element):
        tag = element.tag
        if tag in ALWAYS_DISCARDED:
            discarded.add(element)
            continue
        names = element.keys()
        if not names:  # most elements: only the attribute-free conditions can hold
            if tag == "author" or (rel_me and element in rel_me and tag in SPECIFIC_TAGS):
                matches[0].append(element)
            continue
        classes, element_id = element.get("class", ""), element.get("id", "")
        # Beyond class and id, the rules read four attributes that few elements have.
        others = None if OTHER_ATTRIBUTES.isdisjoint(names) else element.attrib
        # A page repeats its class values: each distinct one is searched once.
        tests = by_class.get(classes)
        if tests is None:
            tests = by_class[classes] = _class_tests(classes)
        class_discards, class_may_match = tests
        if tag in DISCARD_TAGS and (
            class_discards
            or (element_id and _id_discards(element_id))
            or (others and "Figure" in others.get("data-component", ""))
        ):
            discarded.add(element)
            continue  # a discarded element is gone from trafilatura's copy, so it cannot match
        if not (
            others
            or class_may_match
            or (element_id and MAY_MATCH_ID.search(element_id))
            or (rel_me and element in rel_me)
        ):
            continue  # no rule below can hold: decided with two searches instead of six
        if _specific(tag, classes, element_id, others) or (element in rel_me and tag in SPECIFIC_TAGS):
            matches[0].append(element)
        if _generic(tag, classes, element_id, others):
            matches[1].append(element)
        if _any(classes, element_id, others):
            matches[2].append(element)
    for found in matches:
        for element in found:
            if any(ancestor in discarded for ancestor in element.iterancestors()):
                continue
            content = trim(" ".join(_text_after_pruning(element, discarded)))
            if content and 2 < len(content) < MAX_AUTHOR_CHARS:
                return normalize_authors(None, content)
    return None


def _class_tests(classes: str) -> tuple[bool, bool]:
    """Whether the class discards a <div>, <span>, <a> or <section>, and whether a rule may match it."""
    discards = (
        classes in ("title", "date")
        or is_comment_block(classes, "", rule="trafilatura")
        or bool(DISCARD_CLASSES.search(classes))
    )
    return discards, bool(MAY_MATCH_CLASS.search(classes))


def _id_discards(element_id: str) -> bool:
    return is_comment_block("", element_id, rule="trafilatura") or bool(DISCARD_IDS.search(element_id))


def _specific(tag: str, classes: str, element_id: str, others) -> bool:
    if tag == "author":
        return True
    if tag not in SPECIFIC_TAGS:
        return False
    return (
        element_id == "author"
        or classes == "author"
        or bool(SPECIFIC_CLASS.search(classes))
        or bool(
            others
            and (
                others.get("rel") == "author"
                or others.get("itemprop") == "author name"
                or others.get("data-testid") in ("AuthorCard", "AuthorURL")
            )
        )
    )


def _generic(tag: str, classes: str, element_id: str, others) -> bool:
    if tag not in GENERIC_TAGS:
        return False
    return (
        classes in GENERIC_CLASS_VALUES
        or bool(GENERIC_ID.search(element_id))
        or bool(GENERIC_CLASS.search(classes))
        or bool(others and "author" in others.get("itemprop", ""))
    )


def _any(classes: str, element_id: str, others) -> bool:
    return (
        bool(ANY_ID.search(element_id))
        or bool(ANY_CLASS.search(classes))
        or bool(
            others
            and ("Byline" in others.get("data-component", "") or "author" in others.get("itemprop", ""))
        )
    )


def _text_after_pruning(element: HtmlElement, discarded: set[HtmlElement]):
    """The element's itertext() as it reads once the discarded regions inside it are deleted."""
    inside = [node for node in element.iterdescendants() if node in discarded]
    if not inside:
        return element.itertext()
    # Rare: copy just this element and delete there, so tails join their neighbours as in trafilatura.
    copy = deepcopy(element)
    doomed = {id(node) for node in inside}
    for original, copied in zip(element.iterdescendants(), list(copy.iterdescendants()), strict=True):
        if id(original) in doomed:
            delete_element(copied)
    return copy.itertext()


# Byline lines

BYLINE_LABEL = re.compile(
    r"^(?:posted|published|updated|last updated|written|filed|veröffentlicht|aktualisiert|"
    r"geschrieben|erschienen|publié|mis à jour|publicado|actualizado|pubblicato|opublikowano)"
    r"(?:\s+(?:on|at|am|um|le|el|il|dnia))?\b\s*[:\-–]?\s*(?P<rest>.*)$",
    re.I,
)
BYLINE_BY = re.compile(r"^(?:by|von|par|por|di|door|autor|author|written by)\s*:?\s+(?P<rest>.+)$", re.I)
AUTHOR_SPLIT = re.compile(r"(?:^|\s+)(?:by|von|par|por|di|door)\s+", re.I)
PART_SPLIT = re.compile(r"\s*(?:,|&|\||•|·|\s-\s|\s–\s|\band\b|\bund\b|\bet\b|\by\b)\s*")
NAME = re.compile(r"^[A-ZÀ-ÞŁŚŻŹĆ][\w.'’-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-ZÀ-ÞŁŚŻŹĆ][\w.'’-]*){0,3}$")
MAX_BYLINE_WORDS = 16
MAX_DATE_LINE_WORDS = 6


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    date: str | None = None


def read_byline(line: str, languages: tuple[str, ...] | None = None) -> Byline | None:
    """A Byline when the line is one (possibly empty, like a bare "Posted on"), else None.
    languages: the date languages to try (parse_date's), when the text's language is known."""
    if len(line.split()) > MAX_BYLINE_WORDS:
        return None
    label = BYLINE_LABEL.match(line)
    if label and _reads_as_byline(label["rest"]):
        parts = AUTHOR_SPLIT.split(label["rest"], maxsplit=1)
        who = parts[1] if len(parts) > 1 else ""
        return Byline(authors=_names(who), date=parse_date(parts[0], languages))
    by = BYLINE_BY.match(line)
    if by:
        return _by_line(by["rest"], languages)
    if (
        len(line.split()) <= MAX_DATE_LINE_WORDS
        and YEAR.search(line)
        and (date := parse_date(line, languages))
    ):
        return Byline(date=date)  # a dateline on its own ("3 March 2022", "03.03.2022 14:05")
    return None


def _reads_as_byline(rest: str) -> bool:
    """ "Posted on", "Published: 3 May", "Updated by X" are bylines; "Published research shows…" is not."""
    return not rest or any(ch.isdigit() for ch in rest) or bool(AUTHOR_SPLIT.match(rest))


def _by_line(rest: str, languages: tuple[str, ...] | None) -> Byline | None:
    """ "By Jane Doe and John Roe, 3 May 2022": every part must be a name or a date, so that a
    sentence such as "By the end of the year…" is left alone."""
    names: list[str] = []
    date = None
    for part in PART_SPLIT.split(rest.strip(" .")):
        if not part:
            continue
        if NAME.match(part):
            names.append(part)
        elif any(ch.isdigit() for ch in part):
            date = parse_date(part, languages) or date  # "March 3" without a year: a byline, but no date
        else:
            return None
    return Byline(authors=names, date=date) if names else None


def _names(text: str) -> list[str]:
    parts = [p for p in PART_SPLIT.split(text.strip(" .")) if p]
    return parts if parts and all(NAME.match(p) for p in parts) else []
