"""The text path's speed: parse() of plain-text posts, beside C4's line rules in the same run.

    .venv/bin/python -m bench.perf.text_posts [--corpus DIR] [--limit N]

The posts are the text corpus's dev split (bench/quality/text_corpus.py: the corpus's pages
flattened to text, both cuts, both flatteners and layouts), built on first use and cached. Each
post is timed once after a warm-up that loads the line model, the language identifier and
dateparser, as a warm Lambda has them. C4's five line rules are the floor a line filter costs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from statistics import median

from bench.common import corpus_path
from bench.quality import text_corpus
from bench.quality.text_quality import c4_lines, text_path

WARMUP_POSTS = 5


def _timed(function, text: str) -> float:
    start = time.perf_counter()
    function(text)
    return (time.perf_counter() - start) * 1000


def run(corpus: Path, limit: int | None = None) -> dict:
    pages = text_corpus.build(corpus)
    rows: dict = {}
    for cut in text_corpus.CUTS:
        texts = [post.text for post in text_corpus.posts(pages, "dev") if post.cut == cut][:limit]
        for text in texts[:WARMUP_POSTS]:
            text_path(text)
        ours = [_timed(text_path, text) for text in texts]
        peer = [_timed(c4_lines, text) for text in texts]
        rows[cut] = {
            "posts": len(texts),
            "lines_median": median(len(text.splitlines()) for text in texts),
            "parse_median_ms": median(ours),
            "parse_p90_ms": sorted(ours)[int(0.9 * (len(ours) - 1))],
            "c4_median_ms": median(peer),
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    for cut, row in run(corpus_path(args.corpus), args.limit).items():
        print(
            f"{cut:7} {row['posts']} posts ({row['lines_median']:.0f} lines median): parse() median "
            f"{row['parse_median_ms']:.1f} ms, p90 {row['parse_p90_ms']:.1f} ms; "
            f"C4 line rules median {row['c4_median_ms']:.2f} ms"
        )


if __name__ == "__main__":
    main()
