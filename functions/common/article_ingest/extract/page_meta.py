"""What the page declares about itself, read without judgement: JSON-LD objects, meta tags, the
<title> element, headings. metadata.py decides which to believe."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from itertools import islice

from lxml.html import HtmlElement

from .tree import flat_text

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "report",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "liveblogposting",
    "webpage",
    "posting",
}
# A headline candidate is a line; the body's own MAX_RESTORED_HEADING_CHARS (body.py) is stricter.
MAX_HEADLINE_CHARS = 300


def jsonld_articles(tree: HtmlElement) -> list[dict]:
    """Article-like JSON-LD objects (also inside @graph and lists), most specific type first."""
    found: list[dict] = []
    # A C-level walk over the <script> elements: a quarter less than the XPath //script[@type=…].
    scripts = (s for s in tree.iter("script") if s.get("type") == "application/ld+json")
    for script in scripts:
        try:
            data = json.loads(script.text_content().strip() or "null", strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; the meta tags remain
        found.extend(obj for obj in _objects(data) if ARTICLE_TYPES & _types(obj))
    return sorted(found, key=lambda obj: "webpage" in _types(obj))


def _objects(data) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"])


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type", [])
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def jsonld_names(value, orgs: bool = False) -> list[str]:
    """Person names from a JSON-LD author value: a string, an object, or a list of either;
    organisations are skipped because they name the publisher, not the writer (orgs: only them)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str) and not orgs:
            names.append(item)
        elif (
            isinstance(item, dict)
            and ("organization" in _types(item)) == orgs
            and isinstance(item.get("name"), str)
        ):
            names.append(item["name"])
    return [" ".join(n.split()) for n in names if n and n.strip()]


META_KEY_ATTRIBUTES = ("property", "name", "itemprop")


class Page:
    """One page's own signals for metadata.py's choosers, each read from the tree once."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree

    @cached_property
    def articles(self) -> list[dict]:
        return jsonld_articles(self.tree)

    def meta(self, *keys: str) -> str | None:
        """The first non-empty content of <meta name|property|itemprop=key>, in the order of keys."""
        found = self.metas(*keys)
        return found[0] if found else None

    def metas(self, *keys: str) -> list[str]:
        """Every non-empty content of the first key the page has ("dc.creator" once per author).
        Only the first of an itemprop key: microdata repeats it in each item it describes (the
        authors of every cited paper), not only in the page's own."""
        for key in keys:
            for attr in META_KEY_ATTRIBUTES:
                if (key, attr) in self._meta_contents:
                    contents = self._meta_contents[(key, attr)]
                    kept = contents[:1] if attr == "itemprop" else contents
                    return [" ".join(content.split()) for content in kept]
        return []

    @cached_property
    def _meta_contents(self) -> dict[tuple[str, str], list[str]]:
        # One pass over the <meta> elements (a C-level tag walk) rather than an XPath scan of the
        # whole document per key and attribute.
        found: dict[tuple[str, str], list[str]] = {}
        for element in self.tree.iter("meta"):
            content = (element.get("content") or "").strip()
            if not content:
                continue
            for attr in META_KEY_ATTRIBUTES:
                key = (element.get(attr) or "").lower()
                if key:
                    found.setdefault((key, attr), []).append(content)
        return found


def heading_texts(
    tree: HtmlElement, tag: str, limit: int = 5, read: Callable[[HtmlElement], str] = flat_text
) -> list[str]:
    texts = (read(el) for el in tree.iter(tag))
    return list(islice((t for t in texts if t and len(t) <= MAX_HEADLINE_CHARS), limit))  # read no more


def title_element(tree: HtmlElement) -> str | None:
    found = tree.find(".//title")
    text = flat_text(found) if found is not None else ""
    return text or None


def site_label(url: str | None) -> str | None:
    """The main label of the host ("krimiblog" for archiv.krimiblog.de), to spot site names."""
    match = re.match(r"^[a-z]+://([^/:]+)", url or "", re.I)
    if not match:
        return None
    parts = [p for p in match.group(1).lower().split(".") if p not in {"www", "blog", "m"}]
    return re.sub(r"[^a-z0-9]", "", parts[-2]) if len(parts) >= 2 else None
