"""The article's authors: the names the page's own sources agree on (JSON-LD persons, author meta
tags, author links, a "By A and B" line by the headline), with every co-author a source gives, in
the byline's order; else trafilatura's guess, else a JSON-LD organisation. Names are cleaned of the
labels around them ("View all posts by", "Von", "责任编辑：") and of the page furniture glued after
them ("Jane DoeMore from this author"). And byline lines ("Posted on 3 May 2022 by Jane Doe",
"By Jane Doe", "Veröffentlicht am …") recognised, with the author and date they carry.

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
from collections import deque
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from html import unescape
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from ..compat import delete_element, normalize_authors, trim
from . import page_meta, selectors
from .comments import is_comment_block
from .dates import YEAR, not_article, parse_date
from .tree import flat_text

META_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
# Author links, as the XPath
#   //a[@rel="author"]
#   | //*[contains(concat(" ", normalize-space(@class), " "), " author ")]
#       //*[contains(@class, "fn") or self::a]
#   | //*[@itemprop="author"]//*[@itemprop="name"]
# would list them, found in one walk that stops at the first (_author_links): half the XPath's time.
# The co-authors beside it are read from the byline around it.
AUTHOR_CLASS = re.compile(r"(?<![^ \t\n\r])author(?![^ \t\n\r])")  # a class token, split as XPath does
NAME_LABEL = re.compile(selectors.AUTHOR_LABELS, re.I)
DOMAIN_END = re.compile(r"[.\s](?:de|at|ch|com|net|org|it|fr|es|pl|info|eu|co\.uk)$", re.I)
# A domain whose dots became spaces: lower case, or a capitalised generic one ("Facebook Com"); not a
# capitalised country code, which may be a name's last syllable ("Zhu De").
SPACED_DOMAIN_END = re.compile(r"\S\s(?:de|at|ch|com|net|org|it|fr|es|pl|info|eu|Com|Net|Org|Info)$")
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 60
# Co-authors: "A and B", "A, B und C", "A & B", "A; B".
CO_AUTHORS = re.compile(r"\s*(?:;|\||&(?!\s*Co\b)|,|\s(?:and|und)\s(?!Co\b))\s*", re.I)  # not "GmbH & Co"
# The short conjunctions of other languages also sit inside names ("Maria e Silva", "Juan y
# Martín"), so they part co-authors only when both sides are names of two words or more.
SHORT_CONJUNCTION = re.compile(r"\s+(?:et|y|e|i|en|и|і)\s+")
# A degree or suffix after a comma is part of the name before it, not a co-author.
NAME_SUFFIX = re.compile(r"^(?:ph\.?\s?d\.?|m\.?d\.?|msc|mba|bsc|jr\.?|sr\.?|i{2,3}|esq\.?)$", re.I)
# An author box or sidebar heading that the page's markup glues to the name: "Jane DoeMore from
# this author", "John Smith Related". Glued (a lower-case letter followed by a capital) one of
# these words ends the name; after a space only a phrase no name holds does.
NAV_WORDS = (
    r"more|related|view|see|read|follow|latest|recent|other|all|mehr|weitere|alle|voir|plus|tous|"
    r"ver|más|altri|więcej|articles?|posts?|stories|profile|profil|contact|kontakt|e-?mail|twitter"
)
GLUED_NAV = re.compile(rf"(?<=[a-zà-ÿ.])(?=[A-ZÀ-Þ])(?i:{NAV_WORDS})(?![a-zà-ÿ]).*$")
# Share buttons whose labels run into the name without a space ("Michael Hingstonfacebooktwitter").
SHARE_WORDS = r"facebook|twitter|whatsapp|flipboard|linkedin|pinterest|instagram|email"
GLUED_SHARE = re.compile(rf"(?<=[a-zà-ÿ])(?i:{SHARE_WORDS}).*$")
SPACED_NAV = re.compile(
    r"\s+(?i:more (?:from|by|about|articles|posts|stories)|related(?: articles| posts)?"
    r"|view (?:all|profile)|see all|read more|follow|latest (?:articles|posts|stories)"
    r"|all (?:articles|posts|stories)|mehr (?:von|vom|zum)"
    r"|weitere (?:artikel|beiträge)|alle (?:artikel|beiträge)|plus d'articles|voir (?:tous|plus)"
    r"|tous (?:les|ses) articles|ver (?:más|todos)|más artículos|altri articoli|więcej)(?![a-zà-ÿ]).*$"
)
# An address, a handle, or words with a number ("On August 3"); a user name with digits in it
# ("freeman1984") is how forums and blogs name their writers, and stays.
NOT_A_NAME = re.compile(
    r"://|^www\b|^@|^copyright\b|^©|^co\.?\s+kg$|\d.*\s|\s.*\d|\w\.[a-z]{2,6}/", re.I
)  # the last: a profile's address ("facebook.com/site")
# "Zeige alle Beiträge von Petra Ruland": the label of an author's archive link, before the name.
POSTS_BY_LABEL = re.compile(
    r"^(?:(?:zeige|view|see|voir|ver)\s+)?(?:alle|all|tous\s+les|todos\s+los)\s+"
    r"(?:beiträge|artikel|posts|articles|artículos|entradas)\s+(?:von|by|de)\s+",
    re.I,
)
# A byline sits a few elements before the headline (a kicker line) or after it (standfirst, meta
# line, author box). Measured on the corpus: 40 after found fewer, 250 took a dateline for a name.
BYLINE_ELEMENTS_BEFORE = 15
BYLINE_ELEMENTS_AFTER = 100
MAX_BYLINE_CHARS = 200
MAX_BYLINE_ELEMENTS = 25  # a byline with links, a date and icons; an article wrapper has far more
BYLINE_TAGS = frozenset(("p", "div", "span", "address", "li", "small", "strong", "em"))
BYLINE_SOURCES = frozenset(("link", "byline"))  # shown to readers: their order is the byline's


def choose_authors(
    page: page_meta.Page,
    fallback: Callable[[], str | None],
    site: str | None,
    url: str | None = None,
    languages: tuple[str, ...] | None = None,
) -> list[str]:
    """The names most page sources agree on, with the co-authors a source adds to them.

    fallback: trafilatura's author, called only when the page's own signals name nobody;
    languages: the page's date languages, for a byline's date (dates.date_languages)."""
    label = page_meta.site_label(url)

    def names(raw: list[str], known: frozenset[str] = frozenset()) -> list[str]:
        # Unescaped first: "Redacci&oacute;n" (an entity escaped twice) must not split at its ";".
        parts = (split_co_authors(unglued(unescape(part), known)) for part in raw)
        found = (clean_name(name) for names in parts for name in names)
        return list(dict.fromkeys(n for n in found if n and n != site and not _is_site(n, label)))

    raw_sources = list(_page_sources(page, languages))
    first = [(kind, names(raw)) for kind, raw in raw_sources]
    sources = []
    for kind, raw in raw_sources:
        known = frozenset(n for other, listed in first if other != kind for n in listed)
        if listed := names(raw, known):
            sources.append((kind, listed))
    if sources:
        return without_initials(agreed_authors(sources))
    guess = fallback()
    if guess:
        return names(guess.split(";"))
    # The publisher named as the author: better than nobody.
    return names([n for a in page.articles for n in page_meta.jsonld_names(a.get("author"), orgs=True)])


def unglued(raw: str, known: frozenset[str]) -> str:
    """The name another source gives, when this source has more glued straight after it
    ("Ingo ArztRedakteur für Wirtschaft und Umwelt" beside "Ingo Arzt"; not "Ann Leeson" beside
    "Ann Lee")."""
    raw = " ".join(raw.split())
    for name in sorted(known, key=len, reverse=True):
        rest = raw[len(name) :]
        if len(name.split()) >= 2 and raw.startswith(name) and rest[:1].isupper():
            return name
    return raw


def without_initials(names: list[str]) -> list[str]:
    """ "Tina Klostermeier, TK": an author's initials after the name are a sign-off, not a co-author."""
    initials = {"".join(w[0] for w in n.split()).casefold() for n in names if len(n.split()) >= 2}
    return [n for n in names if " " in n or n.casefold() not in initials]


def _page_sources(page: page_meta.Page, languages: tuple[str, ...] | None):
    """(kind, raw names) in the order they are believed when they agree equally, or not at all."""
    # The first article object that names someone: a page's other objects are its related posts.
    listed = (page_meta.jsonld_names(a.get("author")) for a in page.articles)
    yield "jsonld", next((names for names in listed if names), [])
    # A tag per author, as some pages give them: each is a co-author.
    yield "meta", [tag for tag in page.metas(*META_KEYS) if not tag.startswith("http")]
    yield "link", [flat_text(link) for link in _author_links(page.tree)]
    yield "byline", by_line_names(page.tree, languages)


def name_key(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


def agreed_authors(sources: list[tuple[str, list[str]]]) -> list[str]:
    """sources: (kind, names) as _page_sources orders them. The list that most other sources share a name
    with (the first on a tie), widened by the co-authors a source naming all of it adds."""
    keys = [{name_key(n) for n in names} for _, names in sources]

    def agreement(index: int) -> int:
        return sum(1 for other, k in enumerate(keys) if other != index and k & keys[index])

    best = max(range(len(sources)), key=lambda i: (agreement(i), -i))
    wider = [i for i, k in enumerate(keys) if k > keys[best]]  # shares the chosen names: agrees
    if wider:
        best = max(wider, key=lambda i: (len(keys[i]), sources[i][0] in BYLINE_SOURCES, -i))
    chosen = {name_key(n): n for n in sources[best][1]}
    # The byline's order when a byline names the same people in another order.
    for kind, names in sources:
        if kind in BYLINE_SOURCES and {name_key(n) for n in names} == keys[best]:
            return [chosen[name_key(n)] for n in names]
    return list(chosen.values())


def split_co_authors(text: str) -> list[str]:
    """ "A and B", "A, B & C", "A et B": one name each, in the order given; "Doe, Jane" (two
    single words) and "Jane Doe, PhD" stay one name."""
    parts = [p for p in CO_AUTHORS.split(" ".join(text.split())) if p]
    if len(parts) == 2 and "," in text and all(len(p.split()) == 1 for p in parts):
        return [text.strip()]  # "Doe, Jane": a surname first, not two people
    parts = [p for p in parts if not NAME_SUFFIX.match(p.strip(" ."))]
    split = []
    for part in parts:
        pieces = SHORT_CONJUNCTION.split(part)
        split.extend(pieces if all(len(p.split()) >= 2 for p in pieces) else [part])
    return split


def _author_links(tree: HtmlElement) -> list[HtmlElement]:
    """The first author link, in document order, that the XPath above selects, and the co-authors
    beside it in the byline: links of the same kind, each from its own author element ("By <a
    rel=author>A</a> and <a rel=author>B</a>"), not the other links of one author box."""
    first, first_owner = next(_author_link_walk(tree), (None, None))
    if first is None:
        return []
    byline = first
    for ancestor in islice(first.iterancestors(), 3):
        if ancestor.tag in ("body", "html") or len(flat_text(ancestor)) > MAX_BYLINE_CHARS:
            break
        byline = ancestor
    kind = _link_kind(first, first_owner)
    links, owners = [first], {first_owner}
    for link, owner in _author_link_walk(byline, set(byline.iterancestors())):
        if owner not in owners and _link_kind(link, owner) == kind:
            links.append(link)
            owners.add(owner)
    return links if len(links) > 1 else _listed_with(first)


def _listed_with(link: HtmlElement) -> list[HtmlElement]:
    """The links of one author element that list co-authors ("<a>A</a>, <a>B</a> y <a>C</a>"):
    the line holding them says nothing but their names, parted as co-authors are. An author
    box's other links ("Follow me") are not names so parted."""
    line = link.getparent()
    if line is None:
        return [link]
    listed = list(line.iter("a"))
    texts = [" ".join(flat_text(a).split()) for a in listed]
    return listed if len(listed) > 1 and split_co_authors(flat_text(line)) == texts else [link]


def _link_kind(link: HtmlElement, owner: HtmlElement) -> str:
    return "rel" if link is owner else owner.get("itemprop") or "class"


def _author_link_walk(root: HtmlElement, outer: set[HtmlElement] | None = None):
    """(element, owner) for the elements the XPath above selects under root, in document order;
    the owner is the author class or itemprop element holding it (the link itself for rel=author).
    outer: root's ancestors, which may be the owners of its links."""
    # An element's ancestors come before it in the walk, so the owners of the links it may be are known.
    class_owners = {e for e in outer or () if AUTHOR_CLASS.search(e.get("class", ""))}
    prop_owners = {e for e in outer or () if e.get("itemprop") == "author"}
    for element in root.iter(etree.Element):
        tag, classes, prop = element.tag, element.get("class", ""), element.get("itemprop")
        if tag == "a" and element.get("rel") == "author":
            yield element, element
            continue
        if (tag == "a" or "fn" in classes) and class_owners:
            owner = next((a for a in element.iterancestors() if a in class_owners), None)
            if owner is not None:
                yield element, owner
                continue
        if prop == "name" and prop_owners:
            owner = next((a for a in element.iterancestors() if a in prop_owners), None)
            if owner is not None:
                yield element, owner
                continue
        if "author" in classes and AUTHOR_CLASS.search(classes):
            class_owners.add(element)
        if prop == "author":
            prop_owners.add(element)


def by_line_names(tree: HtmlElement, languages: tuple[str, ...] | None = None) -> list[str]:
    """The names of the first "By A and B" line near the headline, as the reader sees them."""
    for element in _near_headline(tree):
        if element.tag not in BYLINE_TAGS or _holds_more_than_a_line(element):
            continue
        text = _shown_text(element)
        if not text or len(text) > MAX_BYLINE_CHARS or not (text := _byline_part(text)):
            continue
        if any(_byline_part(_shown_text(inner)) for inner in element.iterdescendants(*BYLINE_TAGS)):
            continue  # the innermost: "By A 3 May in News, Sport" holds the byline "By A" itself
        if any(_not_byline(node) for node in (element, *element.iterancestors())):
            continue
        if names := _byline_names(text, languages):
            return names
    return []


def _shown_text(element: HtmlElement) -> str:
    """The element's text with a space between its elements' texts, as a byline shows "By" and the
    name set in two elements ("<span>By</span><a>Jane Doe</a>"), less the rule or bullet before it."""
    return " ".join(" ".join(_texts(element)).split()).lstrip(BYLINE_MARKS)


def _texts(element: HtmlElement) -> Iterator[str]:
    """The texts tostring(method="text") joins, without the tail, comments left out."""
    if element.text:
        yield element.text
    for child in element.iterchildren():
        if isinstance(child.tag, str):
            yield from _texts(child)
        if child.tail:
            yield child.tail


def _byline_part(text: str) -> str | None:
    """The part of a row between bars that opens a byline: the whole text, or one part ("News | By
    Jane Doe | 3 May 2022 | Sport, Local": the parts after it are its date and categories); None
    when no part opens one."""
    for part in BYLINE_BARS.split(text):
        label = BYLINE_LABEL.match(part)
        if BYLINE_LEAD.match(part) or (label and AUTHOR_SPLIT.search(label["rest"])):
            return part
    return None


def _byline_names(text: str, languages: tuple[str, ...] | None) -> list[str]:
    lead = BYLINE_LEAD.match(text)
    byline = _by_line(lead["rest"], languages) if lead else read_byline(text, languages)
    return byline.authors if byline else []


def _holds_more_than_a_line(element: HtmlElement) -> bool:
    """A block of many elements (the article's wrapper) is no byline; counted without reading its
    text, which would serialise the whole article for each wrapper by the headline."""
    return next(islice(element.iterdescendants(), MAX_BYLINE_ELEMENTS, None), None) is not None


def _near_headline(tree: HtmlElement) -> list[HtmlElement]:
    """The elements just before and after the first <h1>, in document order: where a byline is."""
    before: deque[HtmlElement] = deque(maxlen=BYLINE_ELEMENTS_BEFORE)
    walk = tree.iter(etree.Element)
    for element in walk:
        if element.tag == "h1":
            return [*before, *islice(walk, BYLINE_ELEMENTS_AFTER)]
        before.append(element)
    return []


def _not_byline(node: HtmlElement) -> bool:
    return not_article(node.get("class", ""), node.get("id", ""))


def _is_site(name: str, label: str | None) -> bool:
    """ "Finanztreff De", "LAOLA1.at": the publisher's domain where a writer's name should be.
    A bare brand ("Eurosport", "hausinfo") stays: the publisher is often the recorded author."""
    return bool(label) and label in re.sub(r"\W", "", name.casefold()) and bool(DOMAIN_END.search(name))


def clean_name(raw: str) -> str | None:
    """The name without its label ("By", "Von") and the page furniture glued after it; None for
    what is no name: too long, words with a number, an address or a handle."""
    name = NAME_LABEL.sub("", POSTS_BY_LABEL.sub("", " ".join(raw.split()))).strip(" ,:|-–")
    name = SPACED_NAV.sub("", GLUED_SHARE.sub("", GLUED_NAV.sub("", name))).strip(" ,:|-–")
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS or "@" in name:
        return None
    if NOT_A_NAME.search(name) or name.casefold() in selectors.NOT_AUTHOR_NAMES:
        return None
    if SPACED_DOMAIN_END.search(name):  # "Redaktion datev de": an address with its dots made spaces
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
# A byline's opening words on a page: BYLINE_BY's and the labels of credit lines ("Ein Artikel von",
# "Redaktion:", "Publié par").
BYLINE_LEAD = re.compile(
    r"^(?:by|von|par|por|di|door|autor(?:in|en)?|author|auteur(?:\(s\))?|written by|posted by"
    r"|(?:(?:ein|blog) )?(?:beitrag|artikel|text|bericht) von|verfasst von|geschrieben von|redaktion"
    r"|publié par|écrit par|escrito por|publicado por|scritto da|pubblicato da|napisane przez)"
    r"\s*:?\s+(?P<rest>.+)$",
    re.I,
)
BYLINE_MARKS = " -–—|•·*>»"
BYLINE_BARS = re.compile(r"\s+[|•·]\s+")
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
