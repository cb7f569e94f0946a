"""Extracted body + page metadata -> the Article: precedence between them, tidy sections, hashes."""

from __future__ import annotations

from .. import __version__
from ..models import Article, Section, Source, content_hash_of_article, stable_id
from .metadata import Metadata
from .result import Extracted

EXTRACTOR_VERSION = f"article-ingest/{__version__}"


def build_article(
    extracted: Extracted, meta: Metadata, kind: str, url: str | None, source: Source
) -> Article:
    """Page metadata wins over what the body extractor guessed; the byline fills what is missing."""
    title = meta.title or extracted.title
    article = Article(
        id="",
        source=source,
        format=kind,
        url=url,
        canonical_url=meta.canonical_url,
        title=title,
        standfirst=extracted.standfirst,
        authors=meta.authors or extracted.authors,
        published=meta.published or extracted.published,
        modified=meta.modified,
        language=meta.language,
        site_name=meta.site_name,
        tags=meta.tags,
        image=meta.image,
        description=meta.description,
        sections=without_title_headings(extracted.sections, title),
        removed=extracted.removed,
        fallback=extracted.fallback,
        extractor_version=EXTRACTOR_VERSION,
    )
    content_hash = content_hash_of_article(article)
    return article.model_copy(update={"id": stable_id(source, content_hash), "content_hash": content_hash})


def without_title_headings(sections: list[Section], title: str | None) -> list[Section]:
    """The title is its own field: a heading that repeats it (the page's h1 inside the body) goes,
    and its paragraphs join the section before it."""
    key = _key(title) if title else None
    tidy: list[Section] = []
    for section in sections:
        if key and section.heading and _key(section.heading) == key:
            section = Section(paragraphs=section.paragraphs)
        if tidy and not section.heading:
            tidy[-1] = tidy[-1].model_copy(update={"paragraphs": tidy[-1].paragraphs + section.paragraphs})
        elif section.heading or section.paragraphs:
            tidy.append(section)
    return tidy


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
