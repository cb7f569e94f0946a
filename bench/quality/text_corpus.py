"""A plain-text scrape corpus, derived in code from the HTML dev corpus (nothing of it is committed).

    .venv/bin/python -m bench.quality.text_corpus [--corpus DIR] [--workers N]

Every page is flattened the ways scrapers flatten pages:

- two cuts: the whole page's visible text (<body>), and the content region (the largest <article>,
  else <main> or role=main) with its share rows, related links and comments still inside;
- two flatteners: BeautifulSoup's get_text("\\n") and inscriptis;
- two layouts: blank lines between blocks as the flattener left them, or single newlines only;
- one of plain / CRLF / BOM / CRLF+BOM per page, chosen by a hash of the file name.

Each logical line (plaintext.logical_lines, so the same lines the text path sees) gets a label:

1. gold, from the case: a line holding or inside a `comments` snippet is comments, a `without`
   snippet boilerplate, a `with` snippet content;
2. the headline (the HTML path's title or the case's) is title;
3. silver, from parse() of the same HTML: a line inside the kept article text is content, a line the
   HTML path removed is that kind;
4. otherwise boilerplate, its kind guessed from the class/id/tag of the elements around its text
   (nav, footer, "comment", "share", "cookie"...), else "other".

Pages are split into train and dev by a hash of their host, so a site's template never helps
score itself. The flattened pages and the HTML path's verdicts are cached (CACHE below).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

from bench.common import corpus_path, load_scorer

CACHE = Path("/tmp/article-ingest-text-corpus")
CACHE_VERSION = "3"
DEV_SHARE = 5  # one host in five is dev

CUTS = ("page", "region")
FLATTENERS = ("bs4", "inscriptis")
LAYOUTS = ("blank", "single")
ENCODINGS = ("plain", "crlf", "bom", "crlf+bom")

# Labels the model learns. "title" is content that is the headline; the rest are boilerplate kinds.
CONTENT, TITLE, OTHER = "content", "title", "other"
KINDS = ("navigation", "share", "promo", "related", "comments", "legal", "cookie", "meta")
LABELS = (CONTENT, TITLE, *KINDS, OTHER)
# The HTML path's removed kinds, as line labels.
FROM_REMOVED = {
    "comments": "comments",
    "share": "share",
    "promo": "promo",
    "navigation": "navigation",
    "byline": "meta",
    "boilerplate": OTHER,
}
# Guessing a boilerplate line's kind from the markup around it (training labels only, never at run time).
# Checked in this order, nearest element first.
MARKUP_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cookie", re.compile(r"cookie|consent|gdpr|cmp-|privacy-?banner|onetrust|didomi", re.I)),
    ("comments", re.compile(r"comment|respond|reply|disqus|discussion|kommentar", re.I)),
    ("share", re.compile(r"share|sharing|social|addthis|shariff|sharedaddy|likes?-|like-button", re.I)),
    ("promo", re.compile(r"newsletter|subscri|follow|promo|advert|\bads?\b|ad-|banner|signup|jetpack", re.I)),
    ("related", re.compile(r"related|recent|popular|widget|sidebar|archive|teaser|more-|trending", re.I)),
    (
        "meta",
        re.compile(
            r"byline|author|entry-meta|post-meta|\bmeta\b|posted|dateline|\bdate\b|tags|categor", re.I
        ),
    ),
    ("navigation", re.compile(r"\bnav|menu|breadcrumb|skip|pagination|pager|masthead|topbar|header", re.I)),
    ("legal", re.compile(r"footer|copyright|imprint|impressum|legal|disclaimer|colophon", re.I)),
)
TAG_KINDS = {"nav": "navigation", "header": "navigation", "footer": "legal", "aside": "related"}
BLOCK_TAGS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 td th dt dd blockquote pre figcaption section article aside header "
    "footer nav ul ol table tr form span a label button".split()
)
INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "head")
MIN_FREE_MATCH = 40  # a line this long counts as kept wherever it stands in the kept text
NEAR_CURSOR = 400  # shorter lines must follow the last kept line this closely


@dataclass
class Page:
    file: str
    host: str
    split: str
    case: dict
    title: str | None  # the HTML path's title
    kept: str  # the HTML path's article text, whitespace-normalised, in reading order
    removed: dict[str, list[str]]
    markup_kinds: dict[str, str]  # normalised text of a text node or block -> kind guessed from markup
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (cut, flattener) -> raw text
    html_error: str | None = None


@dataclass
class Post:
    """One text variant of one page, with a label per logical line."""

    page: Page
    cut: str
    flattener: str
    layout: str
    encoding: str
    text: str
    lines: list[str]
    labels: list[str]


def norm(text: str) -> str:
    return " ".join(text.split())


def host_of(case: dict) -> str:
    if case.get("url"):
        host = urlsplit(case["url"]).hostname or ""
    else:
        host = case["file"].split(".html")[0]
    host = host.lower().removeprefix("www.")
    if host.startswith("web.archive.org"):
        match = re.search(r"/web/\d+\w*/(?:https?://)?(?:www\.)?([^/]+)", case.get("url", ""))
        host = match[1] if match else host
    return host


def split_of(host: str) -> str:
    digest = hashlib.sha256(host.encode()).digest()
    return "dev" if digest[0] % DEV_SHARE == 0 else "train"


def load_cases(corpus: Path) -> list[dict]:
    with (corpus / "cases.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- flattening -----------------------------------------------------------------------------


def _cuts(tree) -> dict[str, object]:
    from lxml import etree

    for element in tree.xpath("//" + " | //".join(INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    etree.strip_elements(tree, etree.Comment, with_tail=False)
    body = tree.find(".//body")
    cuts = {"page": body if body is not None else tree}
    articles = tree.xpath("//article")
    if articles:
        cuts["region"] = max(articles, key=lambda e: len(norm(e.text_content())))
    else:
        mains = tree.xpath("//main | //*[@role='main']")
        if mains:
            cuts["region"] = mains[0]
    return cuts


def flatten(fragment_html: str, flattener: str) -> str:
    if flattener == "bs4":
        from bs4 import BeautifulSoup

        return BeautifulSoup(fragment_html, "lxml").get_text("\n")
    from inscriptis import get_text

    return get_text(fragment_html)


def layouts(raw: str) -> dict[str, str]:
    """The flattener's text with runs of blank lines kept as one blank line, and with none."""
    rows = [row.strip() for row in raw.splitlines()]
    blank: list[str] = []
    for row in rows:
        if row or (blank and blank[-1]):
            blank.append(row)
    return {"blank": "\n".join(blank).strip(), "single": "\n".join(row for row in rows if row)}


def encoded(text: str, encoding: str) -> str:
    if "crlf" in encoding:
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if "bom" in encoding else text


def encoding_of(file: str) -> str:
    return ENCODINGS[hashlib.sha256(file.encode()).digest()[1] % len(ENCODINGS)]


# --- the HTML path's verdict ----------------------------------------------------------------


def _markup_kind(element) -> str | None:
    for node in (element, *element.iterancestors()):
        if not isinstance(node.tag, str):
            continue
        names = f"{node.get('class', '')} {node.get('id', '')} {node.get('role', '')}"
        for kind, pattern in MARKUP_KINDS:
            if pattern.search(names):
                return kind
        if node.tag in TAG_KINDS:
            return TAG_KINDS[node.tag]
    return None


def _markup_kinds(root) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        kind = _markup_kind(element)
        if kind is None:
            continue
        for text in (element.text, element.tail if element.getparent() is not None else None):
            if text and text.strip():
                kinds.setdefault(norm(text), kind)
        if element.tag in BLOCK_TAGS:
            whole = norm(element.text_content())
            if whole and len(whole) < 400:
                kinds.setdefault(whole, kind)
    return kinds


@lru_cache(maxsize=1)
def _scorer(corpus: Path) -> ModuleType:
    return load_scorer(corpus)


def build_page(corpus: Path, case: dict) -> Page:
    from article_ingest.extract import parse
    from lxml.html import tostring

    score = _scorer(corpus)
    data = score.read_page(corpus, case["file"])
    host = host_of(case)
    page = Page(case["file"], host, split_of(host), case, None, "", {}, {})
    try:
        article = parse(data, filename=case["file"])
        page.title = article.title
        page.kept = norm(" ".join([article.title or "", article.standfirst or "", article.text]))
        page.removed = {kind: [norm(line) for line in lines] for kind, lines in article.removed.items()}
    except Exception as exc:  # noqa: BLE001  the HTML path refusing a page is a verdict too
        page.html_error = f"{type(exc).__name__}: {exc}"
    from article_ingest.extract.tree import parse_tree

    tree = parse_tree(score.decode_html(data))
    if tree is None:
        return page
    cuts = _cuts(tree)
    page.markup_kinds = _markup_kinds(cuts["page"])
    for cut, element in cuts.items():
        fragment = tostring(element, encoding="unicode")
        for flattener in FLATTENERS:
            page.texts[(cut, flattener)] = flatten(fragment, flattener)
    return page


def _build_one(args: tuple[str, dict]) -> Page:
    corpus, case = args
    return build_page(Path(corpus), case)


# The text path's own modules: changing them leaves the HTML path's verdicts, and so the cache, valid.
TEXT_PATH_FILES = frozenset(
    {
        "plaintext.py",
        "lines.py",
        "line_trees.py",
        "line_model.json",
        "text_title.py",
        "text_shapes.py",
        "stopwords.json",
    }
)


def _html_path_digest() -> str:
    """A digest of the extractor's sources, so a cache built by another HTML path is not reused."""
    import article_ingest.extract as extract

    digest = hashlib.sha256()
    for path in sorted(Path(extract.__file__).parent.iterdir()):
        if path.is_file() and path.suffix in (".py", ".json") and path.name not in TEXT_PATH_FILES:
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def build(corpus: Path, workers: int = 1) -> list[Page]:
    """Every page's flattenings and the HTML path's verdict; cached, since it takes minutes."""
    cases = load_cases(corpus)
    key = hashlib.sha256(
        (CACHE_VERSION + str(corpus.resolve()) + str(len(cases)) + _html_path_digest()).encode()
    ).hexdigest()[:12]
    cached = CACHE / f"pages-{key}.pkl.gz"
    if cached.exists():
        with gzip.open(cached, "rb") as handle:
            return [Page(**fields) for fields in pickle.load(handle)]
    jobs = [(str(corpus), case) for case in cases]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            pages = list(pool.map(_build_one, jobs, chunksize=8))
    else:
        pages = [_build_one(job) for job in jobs]
    CACHE.mkdir(parents=True, exist_ok=True)
    with gzip.open(cached, "wb", compresslevel=3) as handle:
        pickle.dump([vars(page) for page in pages], handle)  # plain dicts: loadable from any __main__
    return pages


# --- labels ---------------------------------------------------------------------------------


def _holds_any(line: str, snippets: list[str]) -> bool:
    return any(s and (s in line or (len(line) >= 12 and line in s)) for s in snippets)


def label_lines(page: Page, lines: list[str]) -> list[str]:
    snippets = {
        name: [norm(s) for s in page.case.get(name) or []] for name in ("with", "without", "comments")
    }
    titles = {norm(t) for t in (page.title, page.case.get("title")) if t}
    removed = {line: FROM_REMOVED.get(kind, OTHER) for kind, rows in page.removed.items() for line in rows}
    kept, cursor, labels = page.kept, 0, []
    for raw in lines:
        line = norm(raw)
        markup = page.markup_kinds.get(line)
        if _holds_any(line, snippets["comments"]):
            labels.append("comments")
            continue
        if _holds_any(line, snippets["without"]):
            labels.append(markup or removed.get(line[:300]) or OTHER)
            continue
        if line in titles:
            labels.append(TITLE)
            continue
        if _holds_any(line, snippets["with"]):
            labels.append(CONTENT)
            continue
        if page.html_error is None:
            at = kept.find(line, cursor)
            if at >= 0 and (len(line) >= MIN_FREE_MATCH or at - cursor <= NEAR_CURSOR):
                cursor = at + len(line)
                labels.append(CONTENT)
                continue
            if len(line) >= MIN_FREE_MATCH and line in kept:  # reordered (standfirst, title)
                labels.append(CONTENT)
                continue
        labels.append(removed.get(line[:300]) or markup or OTHER)
    return labels


def posts(pages: list[Page], split: str | None = None, layouts_: tuple[str, ...] = LAYOUTS) -> Iterator[Post]:
    from article_ingest.extract.plaintext import logical_lines

    for page in pages:
        if split and page.split != split:
            continue
        encoding = encoding_of(page.file)
        for (cut, flattener), raw in sorted(page.texts.items()):
            for layout, text in layouts(raw).items():
                if layout not in layouts_ or not text.strip():
                    continue
                text = encoded(text, encoding)
                lines = logical_lines(text)
                yield Post(page, cut, flattener, layout, encoding, text, lines, label_lines(page, lines))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    pages = build(corpus_path(args.corpus), args.workers)
    from collections import Counter

    splits = Counter(page.split for page in pages)
    regions = sum(("region", "bs4") in page.texts for page in pages)
    print(
        f"{len(pages)} pages: {dict(splits)}; {regions} with a content region; "
        f"{sum(p.html_error is not None for p in pages)} refused by the HTML path"
    )
    counts: Counter[str] = Counter()
    texts = 0
    for post in posts(pages):
        texts += 1
        counts.update(post.labels)
    print(f"{texts} text posts; line labels: {dict(counts.most_common())}")


if __name__ == "__main__":
    main()
