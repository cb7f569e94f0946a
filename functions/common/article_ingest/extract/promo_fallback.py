"""Stand-in for promo.classify_line until the HTML extractor's promo module lands."""

from __future__ import annotations

import re

from ..models import RemovedKind

RULES: list[tuple[RemovedKind, re.Pattern[str]]] = [
    (
        "comments",
        re.compile(
            r"^(leave a (reply|comment)|\d+ (comments?|responses?)|kommentar (schreiben|verfassen)|"
            r"your email address will not be published)",
            re.I,
        ),
    ),
    ("share", re.compile(r"^(share this|teilen mit|share on|diesen artikel teilen)\b", re.I)),
    (
        "promo",
        re.compile(r"\b(check out|follow us|subscribe|newsletter|tiktok|instagram|folgen sie uns)\b", re.I),
    ),
]
MAX_PROMO_WORDS = 20


def classify_line(text: str) -> RemovedKind | None:
    if len(text.split()) > MAX_PROMO_WORDS:
        return None
    for kind, pattern in RULES:
        if pattern.search(text):
            return kind
    return None
