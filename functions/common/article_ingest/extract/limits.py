"""Input limits for parse(): how much a single post may weigh before and after decompression."""

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

    def __post_init__(self) -> None:
        if self.max_input_bytes <= 0 or self.max_decompressed_bytes <= 0:
            raise ValueError("limits must be positive byte counts")


DEFAULT_LIMITS = Limits()
