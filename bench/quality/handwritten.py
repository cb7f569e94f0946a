"""Hand-written plain-text posts, written blind: what the text path keeps and what it leaks.

    .venv/bin/python -m bench.quality.handwritten [--dir DIR] [--json OUT]

Each folder under DIR (default: text_posts/ beside this file) holds input.txt, a whole-page scrape of
a blog, news, club or review post, and expected.json: the headline, 4-6 article snippets that must be
kept, every boilerplate line that must not be (navigation, share rows, archives, consent notices,
calls to action, reader comments...), and which of those are reader comments. The posts were written
without reading the extractor, its phrase lists or its text fixtures, so they do not echo wordings
the code already knows; tests/unit/test_handwritten_set.py checks that they are well formed.

Each post is parsed as the service parses an upload (its bytes, content type text/plain), rendered
and scored as text_quality.py scores the corpus's text posts (its Tally: whitespace-normalised,
case-sensitive substrings), beside C4's line rules and the raw text on the same posts:

- kept: must_contain snippets found in the output; leaked: must_not_contain snippets found;
- comments leaked: the same for the reader-comment snippets;
- P/R/F1 over all snippets; titles: the article's title equals the headline, whitespace-normalised.

--json also lists, per post, the article snippets missed and the boilerplate snippets leaked.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from article_ingest.extract import parse

from bench.quality import set_cli
from bench.quality.text_corpus import norm
from bench.quality.text_quality import OURS, Tally, add_post, article_text, c4_lines, print_rows

SET = Path(__file__).resolve().parent / "text_posts"


@dataclass(frozen=True)
class Post:
    name: str
    data: bytes
    expected: dict

    @property
    def case(self) -> dict:
        """The post's snippets under the names text_quality's Tally reads."""
        e = self.expected
        return {"with": e["must_contain"], "without": e["must_not_contain"], "comments": e["comments"]}


@dataclass(frozen=True)
class Parsed:
    output: str
    title: str | None
    error: str | None
    ms: float


def load_posts(folder: Path) -> list[Post]:
    return [
        Post(p.name, (p / "input.txt").read_bytes(), json.loads((p / "expected.json").read_text("utf-8")))
        for p in sorted(folder.iterdir())
        if (p / "expected.json").is_file()
    ]


def parse_as_uploaded(post: Post) -> Parsed:
    start = time.perf_counter()
    try:
        article = parse(post.data, filename=f"{post.name}.txt", content_type="text/plain")
    except Exception as exc:  # noqa: BLE001  a refusal scores as empty output; its reason is shown
        return Parsed("", None, f"{type(exc).__name__}: {exc}", (time.perf_counter() - start) * 1000)
    return Parsed(article_text(article), article.title, None, (time.perf_counter() - start) * 1000)


def post_figures(post: Post, source: str, output: str, parsed: Parsed, title_ok: bool) -> dict:
    """One post's figures for the text path, with the snippets it missed and leaked."""
    tally = Tally()
    tally.add(post.case, source, output)
    return {
        "kept": tally.kept,
        "keepable": tally.keepable,
        "leaked": tally.leaked,
        "leakable": tally.leakable,
        "comments leaked": tally.comments_leaked,
        "comments": tally.comments_present,
        "F1": tally.row()["F1"],
        "title ok": title_ok,
        "title": parsed.title,
        "error": parsed.error,
        "missed snippets": [s for s in post.expected["must_contain"] if norm(s) not in output],
        "leaked snippets": [s for s in post.expected["must_not_contain"] if norm(s) in output],
    }


def evaluate(posts: list[Post]) -> tuple[dict[str, Tally], dict[str, dict]]:
    """Totals per cleaner, and the text path's figures per post."""
    totals: dict[str, Tally] = defaultdict(Tally)
    per_post = {}
    for post in posts:
        text = post.data.decode("utf-8")
        source = norm(text.lstrip("\ufeff"))
        parsed = parse_as_uploaded(post)
        outputs = {"raw text": source, "C4 line rules": norm(c4_lines(text)), OURS: norm(parsed.output)}
        headline = post.expected["title"]
        title_ok = add_post(totals, post.case, source, outputs, parsed.title, headline, parsed.ms)
        per_post[post.name] = post_figures(post, source, outputs[OURS], parsed, title_ok)
    return totals, per_post


def print_per_post(per_post: dict[str, dict]) -> None:
    print("| post | kept | leaked | comments leaked | F1 | title ok | our title when wrong |")
    print("|---|---|---|---|---|---|---|")
    for name, p in per_post.items():
        comments = f"{p['comments leaked']}/{p['comments']}" if p["comments"] else ""
        wrong = "" if p["title ok"] else p["error"] or (repr(p["title"]) if p["title"] else "(no title)")
        cells = (
            name,
            f"{p['kept']}/{p['keepable']}",
            f"{p['leaked']}/{p['leakable']}",
            comments,
            f"{p['F1']:.3f}",
            "yes" if p["title ok"] else "no",
            wrong.replace("|", "\\|"),
        )
        print("| " + " | ".join(cells) + " |")


def run(folder: Path = SET, *, per_post: bool = True) -> dict:
    """Score the set, print its tables, and return the figures."""
    posts = load_posts(folder)
    # The first parse loads the line model and the language identifier: keep it out of the timings.
    parse_as_uploaded(Post("warm-up", b"A warm-up post.\n\nIt is parsed once and not scored.\n" * 3, {}))
    totals, figures = evaluate(posts)
    print(f"\n## hand-written text posts ({len(posts)} posts, {folder.name}/)\n")
    rows = print_rows(totals)
    if per_post:
        print()
        print_per_post(figures)
    return {"posts": len(posts), "totals": rows, "per_post": figures}


def main() -> None:
    set_cli.main(__doc__, SET, run)


if __name__ == "__main__":
    sys.exit(main())
