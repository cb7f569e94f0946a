"""The structured article and the source it came from."""

from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

WORDS_PER_MINUTE = 230

# Words of scripts written without spaces between them, for word_count (and the not-an-article gate):
# - Chinese and Japanese (Han, kana): each character counts as one word, as word processors count
#   East Asian text. Chinese averages about 1.5 characters a word, so the count errs high.
# - Thai, Lao, Myanmar, Khmer: spaces separate phrases, not words; each run of their letters counts
#   one word per CHARS_PER_SEA_WORD characters (their words average 3-5 letters).
# - Korean (Hangul) puts spaces between words and is counted by them, like Latin script.
# Elsewhere a word is a space-separated token with a letter or digit in it (a lone "—" is none).
HAN_KANA = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)
SEA_RUN = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
CHARS_PER_SEA_WORD = 4
# A space-separated token holding a letter or digit, found by the regex engine: a 6 MB post has a
# million tokens, and a Python loop over them took a second.
WORD_TOKEN = re.compile(r"\S*[^\W_]\S*")


def count_words(text: str) -> int:
    """Counted match by match, not from a list of every word: on a 6 MB post that list held 60 MB."""
    text, han_kana = HAN_KANA.subn(" ", text)
    southeast_asian = sum(math.ceil(len(run) / CHARS_PER_SEA_WORD) for run in SEA_RUN.findall(text))
    text = SEA_RUN.sub(" ", text)
    return han_kana + southeast_asian + sum(1 for _ in WORD_TOKEN.finditer(text))


# Kinds of removed material, so operators can see what stripping did.
RemovedKind = Literal["comments", "promo", "share", "navigation", "byline", "boilerplate"]


class Source(BaseModel):
    """Where a post came from: an S3 object, a URL, a local file, or (for a queue message that names
    nothing readable) the message itself."""

    model_config = ConfigDict(extra="forbid")

    bucket: str | None = None
    key: str | None = None
    version_id: str | None = None
    url: str | None = None
    filename: str | None = None
    message_id: str | None = None

    def identity(self) -> str:
        """A stable name for the post, independent of its content."""
        if self.bucket and self.key:
            return f"s3://{self.bucket}/{self.key}"
        if self.url:
            return self.url
        if self.filename:
            return f"file:{self.filename}"
        if self.message_id:
            return f"sqs:{self.message_id}"
        return ""


# What a paragraph is, for a consumer that renders it: prose, or program text (a <pre> block, or a
# <code> shown as a block) whose lines and indentation are the content and must not be reflowed.
ParagraphKind = Literal["text", "code"]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    heading: str | None = None
    level: int = Field(
        default=0, ge=0, le=6, description="heading level 1-6; 0 for the untitled lead section"
    )
    paragraphs: list[str] = Field(
        default_factory=list,
        description=(
            "each as rendered: whitespace runs collapsed; a line break (<br>) inside a paragraph is"
            " '\\n'; a <pre> block (or a <code> shown as a block) is one paragraph with its own lines"
            " and indentation"
        ),
    )
    # Left out of the JSON when every paragraph is text, so the stored form and content hash of an
    # article without code are what they were before kinds existed.
    kinds: list[ParagraphKind] = Field(
        default_factory=list,
        exclude_if=lambda kinds: not kinds,
        description=(
            "each paragraph's kind, in order, present only when some paragraph is not 'text':"
            " 'code' is program text (a <pre> block, or a <code> shown as a block), its lines and"
            " indentation kept"
        ),
    )

    @model_validator(mode="after")
    def _kinds_follow_paragraphs(self) -> Section:
        if self.kinds and len(self.kinds) != len(self.paragraphs):
            raise ValueError(f"{len(self.kinds)} kinds for {len(self.paragraphs)} paragraphs")
        if all(kind == "text" for kind in self.kinds):
            self.kinds = []
        return self

    def paragraph_kinds(self) -> list[ParagraphKind]:
        """The kind of each paragraph, "text" where the section records none."""
        return list(self.kinds) or ["text"] * len(self.paragraphs)


class Article(BaseModel):
    """One post, parsed: metadata, sections in reading order, and what was stripped."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        description="stable id: a hash of the source identity (or of the content when there is none)"
    )
    source: Source
    format: Literal["html", "text"]
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO 8601; timezone kept when the page gives one")
    modified: str | None = None
    language: str | None = None
    site_name: str | None = None
    tags: list[str] = Field(default_factory=list)
    image: str | None = None
    description: str | None = Field(default=None, description="the page's own summary (meta description)")
    charset: str | None = Field(default=None, description="the charset the bytes were decoded with")
    fetched_at: str | None = Field(
        default=None, description="when the page was fetched, from a JSON envelope"
    )
    sections: list[Section] = Field(default_factory=list)
    removed: dict[RemovedKind, list[str]] = Field(
        default_factory=dict, description="lines stripped from the post, by kind (each capped in length)"
    )
    fallback: str | None = Field(
        default=None, description="set when stripping would have removed most of the page and was relaxed"
    )
    content_hash: str = Field(
        default="", description="hash of the extracted output (see content_hash_of_article)"
    )
    extractor_version: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The readable body: standfirst, then each section's heading and paragraphs."""
        return "\n\n".join(reading_order(self.standfirst, self.sections))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def word_count(self) -> int:
        """Words of the text; each Chinese or Japanese character counts as one (count_words)."""
        return count_words(self.text)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reading_time_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE)) if self.word_count else 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def removed_counts(self) -> dict[str, int]:
        return {kind: len(lines) for kind, lines in self.removed.items() if lines}


def reading_order(standfirst: str | None, sections: list[Section]) -> list[str]:
    """The readable body's blocks: standfirst, then each section's heading and paragraphs."""
    blocks = [standfirst] if standfirst else []
    for section in sections:
        if section.heading:
            blocks.append(section.heading)
        blocks.extend(section.paragraphs)
    return blocks


def stable_id(source: Source, content_hash: str) -> str:
    identity = source.identity() or f"content:{content_hash}"
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


# What the parser extracted: a re-parse of unchanged content gives the same hash, whatever the
# source, id, fetch time, charset or extractor version. Removed lines are evidence, not content.
HASHED_FIELDS = frozenset(
    {
        "format",
        "url",
        "canonical_url",
        "title",
        "standfirst",
        "authors",
        "published",
        "modified",
        "language",
        "site_name",
        "tags",
        "image",
        "description",
        "sections",
    }
)


def content_hash_of_article(article: Article) -> str:
    content = article.model_dump(mode="json", include=set(HASHED_FIELDS))
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
