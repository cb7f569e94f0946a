"""What the format-specific extractors hand back to ``parse()`` before it becomes an Article."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import RemovedKind, Section
from .tree import PageLinks

# Removed lines are kept as evidence for operators, not as an archive: cap their number and length.
MAX_REMOVED_PER_KIND = 50
MAX_REMOVED_CHARS = 300


@dataclass
class Extracted:
    sections: list[Section] = field(default_factory=list)
    removed: dict[RemovedKind, list[str]] = field(default_factory=dict)
    standfirst: str | None = None
    # What the body itself says (a plain-text post's title line and byline); the page's metadata
    # (metadata.Metadata) wins over these where it has a value.
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    fallback: str | None = None
    # The page's link texts, read once for the body's cleaning and the article checks.
    links: PageLinks | None = field(default=None, repr=False, compare=False)

    def record_removed(self, kind: RemovedKind, line: str) -> None:
        lines = self.removed.setdefault(kind, [])
        if len(lines) < MAX_REMOVED_PER_KIND:
            lines.append(line[:MAX_REMOVED_CHARS])
