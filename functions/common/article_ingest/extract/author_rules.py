"""trafilatura's author guess (metadata.extract_author), in one pass over the page and without a copy.

trafilatura copies the whole tree, deletes the regions where a name would be a commenter's or a
caption's (AUTHOR_DISCARD_XPATHS), then runs up to three XPath scans with regular expressions
(AUTHOR_XPATHS). That cost 4-5 ms on the half of the pages where nothing cheaper names the author.
Here the same conditions are tested on each element in one walk; only a matching element that holds
a discarded region is copied and pruned. tests/unit/test_author_rules.py checks the result against
trafilatura's own function, and pins the XPath text these conditions were written from.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xml import delete_element

MAX_AUTHOR_CHARS = 120  # extract_author's len_limit

# AUTHOR_DISCARD_XPATHS: comment lists, sidebars, quotes, share bars, dates, captions.
DISCARD_TAGS = {"a", "div", "section", "span"}
DISCARD_IDS = re.compile(r"^comments|comment-?list|ProductReviews")
DISCARD_CLASSES = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    r"article-(?:share|support)|print|category|meta-date|meta-reviewer"
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
    """What trafilatura.metadata.extract_author(tree) returns, for the same tree."""
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
    discards = classes in ("comments", "title", "date") or bool(DISCARD_CLASSES.search(classes))
    return discards, bool(MAY_MATCH_CLASS.search(classes))


def _id_discards(element_id: str) -> bool:
    return element_id == "comments" or bool(DISCARD_IDS.search(element_id))


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
