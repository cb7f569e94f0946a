"""Pure parsing: bytes of a post in, one Article out. No AWS here."""

from __future__ import annotations

import gzip
import hashlib
import json

import trafilatura

from .. import __version__
from ..errors import EmptyInput, NotAnArticle, UndecodableInput
from ..models import Article, Section, Source, stable_id

EXTRACTOR_VERSION = f"article-ingest/{__version__}"


def parse(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    source: Source | None = None,
) -> Article:
    """Parse the bytes of one post (HTML, plain text, gzip, or a JSON envelope) into an Article."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if not data.strip():
        raise EmptyInput("the post has no content")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UndecodableInput(f"not valid UTF-8: {exc}") from exc
    source = source or Source(url=url, filename=filename)
    extracted = trafilatura.extract(text, include_comments=False) if "<" in text else text
    if not extracted:
        raise NotAnArticle("no main text found")
    sections = [Section(paragraphs=[p for p in extracted.split("\n") if p.strip()])]
    content_hash = hashlib.sha256(json.dumps([s.model_dump() for s in sections]).encode()).hexdigest()
    return Article(
        id=stable_id(source, content_hash),
        source=source,
        format="html" if "<" in text else "text",
        url=url,
        sections=sections,
        content_hash=content_hash,
        extractor_version=EXTRACTOR_VERSION,
    )
