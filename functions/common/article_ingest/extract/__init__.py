"""Pure parsing: bytes of a post in, one Article out. No AWS here.

parse() unwraps, decodes and opens a JSON envelope (inputs.py), then hands HTML to body.py (the
body) and metadata.py (title, authors, dates...) sharing one tree (tree.py), or plain text to
plaintext.py, refuses what is not an article with a reason, and builds the Article (article.py).
"""

from __future__ import annotations

from datetime import datetime

from ..errors import EmptyInput
from ..limits import DEFAULT_LIMITS, Limits
from ..messages import InlinePost
from ..models import Article, Source
from .article import EXTRACTOR_VERSION, Extracted, build_article, check_is_article, check_visible_text
from .body import extract_html
from .inputs import check_markup, decode, detect_format, open_envelope, unpack
from .language import language_of
from .metadata import Metadata, extract_metadata
from .plaintext import parse_plaintext
from .tree import parse_tree

__all__ = ["EXTRACTOR_VERSION", "Limits", "parse", "parse_post"]


def parse(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    source: Source | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Article:
    """Parse the bytes of one post (HTML, plain text, gzip of either, or a JSON envelope)."""
    raw = unpack(data, limits)
    if not raw.strip():
        raise EmptyInput(f"the post is empty ({len(raw)} bytes, whitespace only)")
    decoded = decode(raw, content_type)
    envelope = open_envelope(decoded.text)
    if envelope:
        post = envelope.model_copy(update={"url": url or envelope.url})
        article = parse_post(post, source=source or Source(url=post.url, filename=filename), limits=limits)
        return article.model_copy(update={"charset": decoded.charset})
    kind = detect_format(decoded.text, filename, content_type)
    article = _parse_body(decoded.text, kind, url, source or Source(url=url, filename=filename), limits)
    return article.model_copy(update={"charset": decoded.charset})


def parse_post(post: InlinePost, *, source: Source | None = None, limits: Limits = DEFAULT_LIMITS) -> Article:
    """Parse a post that arrived as JSON (a queue message, an envelope file): its body is text already."""
    source = source or Source(url=post.url)
    article = _parse_body(post.body, post.format, post.url, source, limits, post.fetched_at)
    return article.model_copy(update={"fetched_at": post.fetched})


def _parse_body(
    text: str, kind: str, url: str | None, source: Source, limits: Limits, fetched_at: datetime | None = None
) -> Article:
    if not text.replace("\ufeff", "").strip():  # a stray BOM is not content
        raise EmptyInput(f"the post is empty ({len(text)} characters, whitespace only after decoding)")
    if kind == "html":
        check_markup(text, limits)
    extracted, meta = _parse_html(text, url, fetched_at) if kind == "html" else _parse_text(text)
    return build_article(extracted, meta, kind, url, source)


def _parse_html(text: str, url: str | None, fetched_at: datetime | None = None) -> tuple[Extracted, Metadata]:
    # A single-element fragment ("<article>…</article>" in an envelope) is refused as dubious
    # HTML by the parser; wrapped as a document it parses like any page.
    tree = parse_tree(text)
    if tree is None:
        tree = parse_tree(f"<html><body>{text}</body></html>")
    check_visible_text(tree, len(text))
    # before extract_html: neither mutates the tree, but be safe
    meta = extract_metadata(tree, url, fetched_at)
    extracted = extract_html(tree, url)
    check_is_article(extracted, "html", tree, meta.title)
    if not meta.language:  # no lang attribute or meta tag: the article text tells
        meta.language = language_of(p for s in extracted.sections for p in s.paragraphs)
    return extracted, meta


def _parse_text(text: str) -> tuple[Extracted, Metadata]:
    extracted = parse_plaintext(text)
    check_is_article(extracted, "text")
    return extracted, Metadata(language=extracted.language)
