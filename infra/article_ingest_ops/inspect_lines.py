"""A post as lines, each marked kept, removed (with its kind) or left out: what `inspect` shows.

An HTML page becomes its visible text, one line per block element; a text post, its own lines. A
removed line is located by its text (Article.removed keeps up to 300 characters of each); one that
cannot be located is reported by ``unlocated`` so the report can still list it under its kind.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass

from article_ingest.models import Article

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul".split()
)
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg")
TRUNCATED_AT = 300  # extract.result.MAX_REMOVED_CHARS: removed lines longer than this are cut
MIN_PART_CHARS = 4  # a shorter line inside a removed block ("*", "|") is not evidence enough
KEPT_PART_CHARS = 20  # a shorter line found inside the article's text may be a coincidence ("News")


@dataclass
class Line:
    text: str
    status: str  # "kept", "removed" or "left-out"
    kind: str | None = None


def post_lines(data: bytes, article: Article) -> list[Line]:
    """The post's lines, each marked kept, removed (with its kind) or left out."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    body = _envelope_body(data)
    texts = visible_lines(body) if article.format == "html" else _text_lines(body)
    return classify(texts, article)


def _envelope_body(data: bytes) -> bytes:
    """A JSON envelope's html or text; other posts as they are."""
    if data.lstrip()[:1] == b"{":
        try:
            envelope = json.loads(data)
        except ValueError:
            return data
        if isinstance(envelope, dict):
            body = envelope.get("html") or envelope.get("text")
            if isinstance(body, str):
                return body.encode("utf-8")
    return data


def _text_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    return [_normal(line) for line in text.splitlines() if line.strip()]


def visible_lines(data: bytes) -> list[str]:
    """An HTML page's visible text, one line per block element."""
    import lxml.html

    root = lxml.html.document_fromstring(data)
    for element in list(root.iter(*INVISIBLE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return [line for line in (_normal(row) for row in root.text_content().split("\n")) if line]


def _normal(text: str) -> str:
    return " ".join(text.split())


def classify(texts: list[str], article: Article) -> list[Line]:
    """Kept when the line is a block of the article; removed when it is (part of) a removed entry."""
    removed = [(kind, _normal(entry)) for kind, entries in article.removed.items() for entry in entries]
    blocks = [article.title or "", *(article.text.split("\n\n"))]
    kept_blocks = {_normal(block) for block in blocks if block}
    kept_text = " ".join(kept_blocks)
    lines = []
    for text in texts:
        exact = next((kind for kind, entry in removed if entry == text), None)
        if exact:
            lines.append(Line(text, "removed", exact))
        elif text in kept_blocks or (len(text) >= KEPT_PART_CHARS and text in kept_text):
            lines.append(Line(text, "kept"))
        elif kind := _removed_kind(text, removed):
            lines.append(Line(text, "removed", kind))
        else:
            lines.append(Line(text, "left-out"))
    return lines


def _removed_kind(line: str, removed: list[tuple[str, str]]) -> str | None:
    """The kind of the removed entry this line is part of (or, for a cut entry, begins with)."""
    for kind, entry in removed:
        if len(line) >= MIN_PART_CHARS and line in entry:
            return kind
        if len(entry) >= TRUNCATED_AT - 1 and line.startswith(entry):
            return kind
        if len(entry) >= MIN_PART_CHARS and entry in line and len(entry) >= 0.6 * len(line):
            return kind
    return None


def unlocated(lines: list[Line], article: Article) -> list[tuple[str, str]]:
    """Removed entries no marked line accounts for: listed under their kind below the post."""
    marked = [(line.kind, line.text) for line in lines if line.status == "removed"]
    missing = []
    for kind, entries in article.removed.items():
        for entry in entries:
            text = _normal(entry)
            if not any(k == kind and (t == text or t in text or text in t) for k, t in marked):
                missing.append((kind, text))
    return missing
