"""The article's title, chosen by agreement between what the page says about itself.

Sources: the JSON-LD headline, og:title (and twitter:title), the <title> element, the <h1>s (and
<h2>s). A page's titles usually carry its site name ("Headline | Site", "Site » Headline"); the site
name is known when it repeats: og:site_name, application-name, the JSON-LD publisher, the logo's alt
text, a link to the home page, the host name; and where a page gives none of these (an archived
copy), a short <h1> at one end of the <title> whose other part the page or the URL names as the
post's. Site names are cut only from the ends of a title, so a headline that holds a separator
itself ("Leasing – what pays off?") stays whole, and a heading that names the site is never the
headline.

The visible headline wins when a source names it, whole or as one part ("Headline | Section"), or
when it is the page's one <h1>. Otherwise the source titles choose: the one most sources agree on,
and of its parts the one the URL's words name (the longest when the URL names none).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from . import page_meta
from .headline import MAX_KICKER_WORDS, headline_text
from .tree import flat_text

# Separators between a headline and a site or section name. A bare "|" (no spaces) is common in
# CJK titles ("NEWS WEB EASY|…"); hyphens need spaces, or compound words would split.
SEPARATORS = re.compile(r"(\s+(?:[|\-–—·›»•~/]|::|\.::|>>)\s+|\s+:\s+|\s*[|｜]\s*)")
# A CJK title glues the site's name to the headline with a bare "-" or "_" ("…城！-新华网"), where
# SEPARATORS wants spaces; only a known site name is cut there, since a headline has such dashes too.
CJK_SITE_SUFFIX = re.compile(r"(?<=[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef])[-_－＿]([^-_－＿\s]+)$")
# A whole date written in digits: 23.01.2022, 2022-01-23, 23/01/2022.
DATE_PART = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2}")
MAX_SITE_WORDS = 4  # "Leichtathletikkreis Ostalb", "Villagers & Heroes Forums"
MAX_LABEL_WORDS = 2  # "rete-mirabile.net" is the host; "15 Jahre rete-mirabile.net" is a headline
MIN_KICKED_WORDS = 3
KICKER_SEPARATORS = ":|-–—·•/ "
# A headline a source says in other words: most words shared, and enough of them to mean it.
NEAR_SHARE = 0.6
MIN_NEAR_WORDS = 4
LOGO_WORDS = re.compile(r"\b(?:logo|startseite|home|homepage|link zur startseite)\b", re.I)
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# One source writes "A - B" where another writes "A – B": the dash is the same separator.
DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
WHOLE, PART = 2.0, 1.0  # a source that names the candidate whole, or as one of its parts
SOURCE_WEIGHTS = {"headline": 1.0, "og": 1.0, "twitter": 0.5, "title": 1.0}  # twitter: often og copied


def key(text: str) -> str:
    # A soft hyphen only shows where a line breaks: "Er\u00adin\u00adne\u00adrung" is "Erinnerung".
    folded = text.replace("\u00ad", "").translate(DASHES).casefold()
    return " ".join(folded.split()).strip(" \"'“”„«».:!|-")


@dataclass(frozen=True)
class SiteNames:
    """The names a page gives its site, as comparison keys, and its host's main label."""

    keys: frozenset[str]
    label: str | None

    def names(self, text: str) -> bool:
        text_key = key(text)
        if not text_key:
            return True
        if text_key in self.keys:
            return True
        squashed = re.sub(r"\W", "", text_key)
        short = len(text.split()) <= MAX_SITE_WORDS
        if short and any(squashed and squashed == re.sub(r"\W", "", k) for k in self.keys):
            return True
        by_host = len(text.split()) <= MAX_LABEL_WORDS
        return bool(
            by_host and self.label and squashed and (self.label in squashed or squashed in self.label)
        )


def site_names(page: page_meta.Page, url: str | None, declared: str | None = None) -> SiteNames:
    found = [
        declared,
        page.meta("og:site_name"),
        page.meta("application-name"),
        *(_publisher(a) for a in page.articles),
        *_logo_texts(page.tree, url),
    ]
    keys = {key(LOGO_WORDS.sub(" ", n)) for n in found if n}
    keys |= {key(n) for n in found if n}
    return SiteNames(frozenset(k for k in keys if k), page_meta.site_label(url))


def _publisher(article: dict) -> str | None:
    publisher = article.get("publisher")
    name = publisher.get("name") if isinstance(publisher, dict) else None
    return name if isinstance(name, str) else None


def _logo_texts(tree: HtmlElement, url: str | None, limit: int = 200) -> list[str]:
    """Alt texts of logo images and texts of links to the home page, among the first links."""
    homes = _home_hrefs(url)
    texts = []
    for count, link in enumerate(tree.iter("a")):
        if count >= limit:
            break
        href = (link.get("href") or "").strip()
        if href in homes or href.lower() in homes:
            texts.append(flat_text(link))
            texts.extend(img.get("alt") or "" for img in link.iter("img"))
    texts.extend(_LOGO_ALTS(tree))
    return [t for t in texts if t and t.strip()]


# A C-level scan: a Python loop over every image of a gallery page cost more than the rest.
_LOGO_ALTS = etree.XPath(
    "//img[@alt][contains(translate(concat(@class, ' ', @id, ' ', @src), 'LOGO', 'logo'), 'logo')]/@alt"
)
HOME_PATHS = frozenset({"/", "./", "index.html", "/index.html", "/index.php"})


def _home_hrefs(url: str | None) -> frozenset[str]:
    """The hrefs that lead to the page's home page: its root, relative or absolute."""
    try:
        netloc = urlsplit(url).netloc.lower() if url else ""
    except ValueError:  # "http://[not-an-ip]/"
        netloc = ""
    if not netloc:
        return HOME_PATHS
    roots = [f"{scheme}{netloc}" for scheme in ("http://", "https://", "//")]
    return HOME_PATHS | frozenset(roots) | frozenset(f"{root}/" for root in roots)


def without_site(title: str, sites: SiteNames) -> str:
    """The title less the site names at its ends ("Headline | Site" -> "Headline"), a site name
    that holds a separator itself ("LimeSpace – IT") taken as one."""
    pieces = SEPARATORS.split(title)  # text, separator, text, ...: texts at even places
    start, end = 0, len(pieces)

    def names(first: int, last: int) -> bool:
        return sites.names("".join(pieces[first:last]))

    while end - start > 1:  # the longest run of texts at the end that names the site goes
        cut = next((at for at in range(start + 2, end, 2) if names(at, end)), None)
        if cut is None:
            break
        end = cut - 1
    while end - start > 1:
        cut = next((at for at in range(end - 2, start, -2) if names(start, at)), None)
        if cut is None:
            break
        start = cut + 1
    kept = "".join(pieces[start:end]).strip()
    glued = CJK_SITE_SUFFIX.search(kept)
    return kept[: glued.start()] if glued and sites.names(glued[1]) else kept


def parts(title: str) -> list[str]:
    return [p.strip() for p in SEPARATORS.split(title)[0::2] if p.strip()]


def runs(title: str) -> list[str]:
    """Every run of neighbouring parts, with the separators between them, but the whole: in
    "Headline – how to – Site", "Headline – how to" is a run and so is "how to"."""
    pieces = SEPARATORS.split(title)
    return [
        "".join(pieces[first:last]).strip()
        for first in range(0, len(pieces), 2)
        for last in range(first + 1, len(pieces) + 1, 2)
        if (first, last) != (0, len(pieces))
    ]


def choose_title(page: page_meta.Page, url: str | None, declared_site: str | None = None) -> str | None:
    """The visible headline when a source confirms it, or when it is the page's one headline;
    else the source titles' choice, weighed by how many sources agree. A date set before or after
    it as a part of its own ("23.01.2022 - Headline") is the post's date, not its title."""
    title = _chosen_title(page, url, declared_site)
    return without_date_part(title) if title else title


def without_date_part(title: str) -> str:
    """The title less a whole date set apart at either end ("23.01.2022 - Headline")."""
    pieces = SEPARATORS.split(title)  # text, separator, text, ...
    if len(pieces) < 3:
        return title
    if DATE_PART.fullmatch(pieces[0].strip()):
        pieces = pieces[2:]
    if len(pieces) >= 3 and DATE_PART.fullmatch(pieces[-1].strip()):
        pieces = pieces[:-2]
    return "".join(pieces).strip()


def _chosen_title(page: page_meta.Page, url: str | None, declared_site: str | None) -> str | None:
    sites = site_names(page, url, declared_site)
    sources = _sources(page, sites)
    h1s = [h for h in page_meta.heading_texts(page.tree, "h1", read=headline_text) if not sites.names(h)]
    h1s = [h for h in h1s if not _heading_is_home_link(page.tree, h, url)]
    h2s = [h for h in page_meta.heading_texts(page.tree, "h2") if not sites.names(h)]
    slug = _slug_words(url)
    h1s = [h for h in h1s if not _site_part(h, sources, slug, h1s, h2s)]
    # Two <h1>s the sources confirm ("News" and the headline): the better confirmed, then the one
    # the URL names, then the first.
    confirmed = [(_support(h, sources), _overlap(h, slug), -order, h) for order, h in enumerate(h1s)]
    if confirmed and (best := max(confirmed))[0] > 0:
        return best[-1]
    for heading in h1s:
        if (unkicked := _unkicked(heading, sources)) != heading:
            return unkicked
    for heading in h2s:
        if _support(heading, sources) > 0:
            return heading
    for heading in h1s:
        if _near_support(heading, sources):
            return heading
    if len(h1s) == 1:
        return h1s[0]
    if not sources:
        return None
    scored = [(_support(text, sources), -order, text) for order, (_, text) in enumerate(sources)]
    return _best_part(max(scored)[2], url)


def _site_part(
    heading: str, sources: list[tuple[str, str]], slug: set[str], h1s: list[str], h2s: list[str]
) -> bool:
    """A short <h1> that a source title has only at one end ("Headline | Site" with the <h1>
    "Site"), when the title's other part is the post's: the page shows it as a longer heading
    (for the end a site name takes), or the URL's last segment names it. It is the site's name
    repeated in the page's header, whatever the page's other names for its site. A headline
    before its dek ("Headline - Dek", the dek an <h2> under it) is not one, whatever the URL says."""
    if len(heading.split()) > MAX_SITE_WORDS:
        return False
    k = key(heading)
    shown = {key(h) for h in h1s + h2s if len(h.split()) > len(heading.split())}
    for _, title in sources:
        pieces = parts(title)
        if len(pieces) < 2 or k == key(title) or k not in (key(pieces[0]), key(pieces[-1])):
            continue
        others = [p for p in pieces if key(p) != k]
        at_end = k == key(pieces[-1])
        if at_end and any(key(p) in shown for p in others):
            return True
        if not at_end and any(key(p) in {key(h) for h in h2s} for p in others):
            continue
        if any(_overlap(p, slug) > _overlap(heading, slug) for p in others):
            return True
    return False


def _slug_words(url: str | None) -> set[str]:
    """The words of the URL's last path segment, where a post's URL names it."""
    try:
        path = urlsplit(url).path if url else ""
    except ValueError:
        path = ""
    segments = [s for s in path.split("/") if s]
    return _words(re.sub(r"\.[a-z]{2,5}$", "", segments[-1], flags=re.I)) if segments else set()


def _overlap(text: str, words: set[str]) -> float:
    own = _words(text)
    return len(own & words) / len(own | words) if own else 0.0


def _best_part(title: str, url: str | None) -> str:
    """Of a title that still holds separators ("Blog Archiv » Podcasts in Plex einbinden"), the
    part (or the whole) that the URL's last segment names best. The folders before it name
    sections ("/news/article.php"), which a title's parts name too."""
    pieces = parts(title)
    if len(pieces) < 2:
        return title
    slug = _slug_words(url)
    best = max([title, *pieces], key=lambda text: _overlap(text, slug))
    # Nothing in the URL to go by: the longest part is the headline more often than the whole.
    return best if _overlap(best, slug) > 0 else max(pieces, key=len)


def _words(text: str) -> set[str]:
    folded = text.casefold().translate(UMLAUTS)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return {w for w in re.split(r"[^a-z0-9]+", folded) if w}


def _sources(page: page_meta.Page, sites: SiteNames) -> list[tuple[str, str]]:
    headlines = [a.get("headline") for a in page.articles]
    headline = next((h for h in headlines if isinstance(h, str) and h.strip()), None)
    raw = [
        # JSON holds no entities of its own: a "&#8211;" in it was escaped twice by the page.
        ("headline", html.unescape(headline) if headline else None),
        ("og", page.meta("og:title")),
        ("twitter", page.meta("twitter:title")),
        ("title", page_meta.title_element(page.tree)),
    ]
    found = []
    for name, text in raw:
        if text and text.strip():
            cleaned = without_site(" ".join(text.split()), sites)
            if cleaned and not sites.names(cleaned):
                found.append((name, cleaned))
    return found


def _support(text: str, sources: list[tuple[str, str]]) -> float:
    k = key(text)
    score = 0.0
    for name, other in sources:
        weight = SOURCE_WEIGHTS[name]
        if key(other) == k:
            score += WHOLE * weight
        elif k in _named_parts(other):
            score += PART * weight
    return score


def _named_parts(title: str) -> set[str]:
    """Keys of what a title names as the headline: each part, and each run of parts from its
    start ("Headline – how to" in "Headline – how to – Site"). A run that ends the title is as
    often the site's name with its tagline ("Site – Webcomic")."""
    return {key(part) for part in parts(title)} | {key(run) for run in runs(title) if title.startswith(run)}


def _near_support(text: str, sources: list[tuple[str, str]]) -> bool:
    """A source that says the headline in nearly its words ("mit dem neuen Wellaflex" for "mit dem
    Wellaflex"): the two share most of their words, so one is an edit of the other."""
    words = _words(text)
    if len(words) < MIN_NEAR_WORDS:
        return False
    return any(
        len(words & other) >= NEAR_SHARE * len(words | other)
        for other in (_words(source) for _, source in sources)
    )


def _unkicked(title: str, sources: list[tuple[str, str]]) -> str:
    """The headline less its kicker ("Klimaschutz: Bohren, bis es heiß wird") when a source
    names the rest alone, or names it as a run of its parts ("Kicker - Headline - Site")."""
    k = key(title)
    named = {p for _, t in sources for p in [t, *runs(t)]}
    if any(key(t) == k for t in named):
        return title  # a source names it whole: no kicker in it
    wholes = {key(t) for _, t in sources}
    words = len(title.split())
    # Named only as a part of a source ("A | B" beside the <h1> "A (5 Examples) | B"), the rest
    # is the headline when what goes before it is as short as a kicker; a title's first half is not.
    kicked = [
        t
        for t in named
        if k.endswith(key(t))
        and len(t.split()) >= MIN_KICKED_WORDS
        and (key(t) in wholes or words - len(t.split()) <= MAX_KICKER_WORDS)
    ]
    if not kicked:
        return title
    # The headline as the page shows it (its dashes, its capitals), where the kicker is words of
    # its own, less a separator glued to its first word (":Headline"); a kicker glued to the
    # headline's first word ("Arbeit„Wir ...") leaves the source's.
    rest = max(kicked, key=len)
    shown = " ".join(title.split()[-len(rest.split()) :]).lstrip(KICKER_SEPARATORS)
    return shown if key(shown) == key(rest) else rest


def _heading_is_home_link(tree: HtmlElement, text: str, url: str | None) -> bool:
    for heading in tree.iter("h1"):
        if flat_text(heading) == text:
            homes = _home_hrefs(url)
            hrefs = ((a, (a.get("href") or "").strip()) for a in heading.iter("a"))
            return any((h in homes or h.lower() in homes) and flat_text(a) == text for a, h in hrefs)
    return False
