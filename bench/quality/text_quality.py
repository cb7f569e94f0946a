"""Plain-text posts cleaned: the text path beside the HTML path and C4's line rules, on one split.

    .venv/bin/python -m bench.quality.text_quality [--corpus DIR] [--split dev|train|all] [--json OUT]

Every page of the split, flattened to text (text_corpus.py: two cuts, two flatteners, two layouts,
CRLF/BOM), goes through parse() as a .txt post. Per cut, over all snippets of all posts:

- kept: `with` snippets found in the output, of those the flattened text holds (a snippet the
  flattener already broke cannot be kept by any cleaner);
- leaked: `without` snippets found in the output, of those the flattened text holds;
- comments leaked: the same for the reader-comment snippets;
- P/R/F1 as the corpus's score.py counts them (absolute: a snippet the text lacks is missed).

Beside it, on the same posts: the raw text (every line), C4's five line rules, and the HTML path
(parse() of the page itself, scored once per page in each of its posts' places). Titles: how often
the post's title is the case's (or, without one, the HTML path's) headline. Speed: parse() time
per text post, median and 90th percentile. The hand-written posts are scored by
bench/quality/handwritten.py (make quality runs it after this).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from article_ingest.extract import parse
from article_ingest.models import Article

from bench.common import corpus_path
from bench.quality import text_corpus

# C4's line rules (Raffel et al. 2020, and tensorflow_datasets' c4_utils): a line is kept when it
# ends in terminal punctuation, has at least three words, and mentions no JavaScript, no cookie or
# policy notice, no placeholder text and no curly bracket (the last two drop whole pages in C4).
C4_END_MARKS = (".", "?", "!", '"')
C4_MIN_WORDS = 3
C4_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


OURS = "text path: parse()"


def c4_lines(text: str) -> str:
    kept = []
    for line in text.replace("\r\n", "\n").lstrip("\ufeff").split("\n"):
        line = line.strip()
        lowered = line.lower()
        if (
            line.endswith(C4_END_MARKS)
            and len(line.split()) >= C4_MIN_WORDS
            and "javascript" not in lowered
            and not any(phrase in lowered for phrase in C4_POLICY)
            and "lorem ipsum" not in lowered
            and "{" not in line
        ):
            kept.append(line)
    return "\n".join(kept)


def article_text(article: Article) -> str:
    """What the text scorers read of an article: title, standfirst and body, in one string."""
    return " ".join([article.title or "", article.standfirst or "", article.text])


def text_path(text: str) -> tuple[str, str | None]:
    """parse() of the post as a .txt file: (title + standfirst + body, title); empty when refused."""
    try:
        article = parse(text.encode("utf-8"), filename="post.txt")
    except Exception:  # noqa: BLE001  a refusal scores as empty output, as in score.py
        return "", None
    return article_text(article), article.title


@dataclass
class Tally:
    kept: int = 0
    keepable: int = 0
    leaked: int = 0
    leakable: int = 0
    comments_leaked: int = 0
    comments_present: int = 0
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    titles_right: int = 0
    titles_asked: int = 0
    ms: list[float] = field(default_factory=list)

    def add(self, case: dict, source: str, output: str) -> None:
        for snippet in map(text_corpus.norm, case["with"]):
            found = snippet in output
            self.tp, self.fn = self.tp + found, self.fn + (not found)
            if snippet in source:
                self.keepable += 1
                self.kept += found
        for snippet in map(text_corpus.norm, case["without"]):
            found = snippet in output
            self.fp, self.tn = self.fp + found, self.tn + (not found)
            if snippet in source:
                self.leakable += 1
                self.leaked += found
        for snippet in map(text_corpus.norm, case.get("comments") or []):
            if snippet and snippet in source:
                self.comments_present += 1
                self.comments_leaked += snippet in output

    def row(self) -> dict[str, float | int | None]:
        precision = self.tp / ((self.tp + self.fp) or 1)
        recall = self.tp / ((self.tp + self.fn) or 1)
        return {
            "kept %": 100 * self.kept / (self.keepable or 1),
            "leaked %": 100 * self.leaked / (self.leakable or 1),
            "comments leaked %": 100 * self.comments_leaked / (self.comments_present or 1),
            "P": precision,
            "R": recall,
            "F1": 2 * precision * recall / ((precision + recall) or 1),
            "titles %": 100 * self.titles_right / self.titles_asked if self.titles_asked else None,
            "median ms": statistics.median(self.ms) if self.ms else None,
            "p90 ms": statistics.quantiles(self.ms, n=10)[-1] if len(self.ms) >= 10 else None,
        }


def evaluate(pages: list[text_corpus.Page], split: str | None) -> dict[str, dict[str, Tally]]:
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    text_path("Warm-up post.\n\nIt loads the line model and the language identifier once. " * 3)
    for post in text_corpus.posts(pages, split):
        case, source = post.page.case, text_corpus.norm(post.text.lstrip("\ufeff"))
        start = time.perf_counter()
        output, title = text_path(post.text)
        elapsed = (time.perf_counter() - start) * 1000
        outputs = {
            "raw text": source,
            "C4 line rules": text_corpus.norm(c4_lines(post.text)),
            OURS: text_corpus.norm(output),
            "HTML path: parse() of the page": post.page.kept,
        }
        headline = case.get("title") or post.page.title
        add_post(tallies[post.cut], case, source, outputs, title, headline, elapsed)
    return tallies


def add_post(
    by_name: dict[str, Tally],
    case: dict,
    source: str,
    outputs: dict[str, str],
    title: str | None,
    headline: str | None,
    ms: float,
) -> bool:
    """One post's outputs tallied per cleaner, and the text path's time and title (when the post
    has a headline to compare it with). Whether the title was the headline."""
    for name, output in outputs.items():
        by_name[name].add(case, source, output)
    ours = by_name[OURS]
    ours.ms.append(ms)
    headline = text_corpus.norm(headline or "")
    right = bool(headline) and text_corpus.norm(title or "") == headline
    if headline:
        ours.titles_asked += 1
        ours.titles_right += right
    return right


def print_rows(by_name: dict[str, Tally]) -> dict[str, dict]:
    """One markdown table, a row per cleaner; returns the rows' figures."""
    columns = ("kept %", "leaked %", "comments leaked %", "P", "R", "F1", "titles %", "median ms", "p90 ms")
    print("| " + " | ".join(("", *columns)) + " |")
    print("|" + "---|" * (len(columns) + 1))
    rows = {}
    for name, tally in by_name.items():
        row = rows[name] = tally.row()
        cells = [
            "" if row[c] is None else f"{row[c]:.3f}" if c in ("P", "R", "F1") else f"{row[c]:.1f}"
            for c in columns
        ]
        print("| " + " | ".join((name, *cells)) + " |")
    return rows


def report(tallies: dict[str, dict[str, Tally]]) -> dict:
    out = {}
    for cut, by_name in sorted(tallies.items()):
        posts = len(by_name[OURS].ms)
        print(f"\n## cut: {cut} ({posts} text posts)\n")
        out[cut] = print_rows(by_name)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--split", choices=("dev", "train", "all"), default="dev")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pages = text_corpus.build(corpus_path(args.corpus))
    split = None if args.split == "all" else args.split
    print(f"split: {args.split} ({sum(split in (None, p.split) for p in pages)} pages)")
    results = report(evaluate(pages, split))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
