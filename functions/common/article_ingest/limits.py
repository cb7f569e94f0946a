"""The budgets one post may use, written once.

Settings take their defaults from here and parse() takes a Limits; template.yaml's environment must
repeat these values (tests/infra checks it), and the benchmarks and docs read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile or broken post from exhausting a function's memory or time.

    The defaults suit a 512 MB Lambda.
    """

    # A post's peak memory in the pipeline grows ~23 MiB per MB of HTML: at 6 MiB every accepted post
    # stays under 256 MiB (bench/perf/budgets.py); 30 times the corpus's largest page.
    max_input_bytes: int = 6 * MiB
    # gzip input is inflated only this far (a gzip bomb stops here): what the parser gets is capped
    # like an upload, since the parser's cost follows what it reads, not what arrived.
    max_decompressed_bytes: int = 6 * MiB
    # Extraction time grows faster than linearly with the number of elements (200,000 <p> took
    # 290 s); 40,000 tags cost ~7 s at worst, twice the largest page of the corpus.
    max_markup_tags: int = 40_000

    def __post_init__(self) -> None:
        if min(self.max_input_bytes, self.max_decompressed_bytes, self.max_markup_tags) <= 0:
            raise ValueError("limits must be positive")


DEFAULT_LIMITS = Limits()

# With less than this left before the Lambda deadline the queue handler hands records back: it covers
# one AWS call's worst case, 3 attempts x (2 s connect + 5 s read) + backoff (aws.py).
DEADLINE_MARGIN_MS = 25_000
