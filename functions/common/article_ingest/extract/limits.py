"""Input limits for parse(): how much a single post may weigh before and after decompression,
and how much markup it may carry."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile or broken post from exhausting a function's memory.

    The service builds this from its settings; the defaults suit a 512 MB Lambda.
    """

    max_input_bytes: int = 10 * MB
    max_decompressed_bytes: int = 20 * MB
    # Extraction time grows faster than linearly with the number of elements (200,000 <p> took
    # 290 s); 40,000 tags cost ~7 s at worst, twice the largest page of the corpus.
    max_markup_tags: int = 40_000

    def __post_init__(self) -> None:
        if min(self.max_input_bytes, self.max_decompressed_bytes, self.max_markup_tags) <= 0:
            raise ValueError("limits must be positive")


DEFAULT_LIMITS = Limits()
