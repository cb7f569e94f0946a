"""Hand-written HTML posts with calls to action typed into the body, written blind: what leaks.

    .venv/bin/python -m bench.quality.promo_posts [--dir DIR] [--json OUT]

Each folder under DIR (default: html_posts/ beside this file) holds input.html, a blog or news page
as a CMS serves it, and expected.json: the headline, 4-6 article snippets that must be kept (among
them lines that only look like calls to action: a report on a politician's post, a how-to step
that says "tap Subscribe"), every boilerplate snippet that must not be, and which of those are the
promo lines the author typed among the article's paragraphs ("promo": newsletter and e-bulletin
sign-ups, follow and channel asks, tip jars, app downloads, newsroom tip lines, in ten languages),
with no class or id that gives them away. The posts were written without reading the extractor,
its phrase lists or its fixtures; tests/unit/test_promo_posts_set.py checks that they are well
formed.

Each page is parsed as the service parses an upload (its bytes, content type text/html) and scored
as text_quality.py scores text posts (whitespace-normalised, case-sensitive substrings), beside
trafilatura's extract() on the same page: kept and leaked snippets, in-body promo lines leaked, F1,
titles. --json also lists, per post, the promo lines each extractor leaked.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import trafilatura
from article_ingest.extract import parse

from bench.quality import set_cli
from bench.quality.text_corpus import norm
from bench.quality.text_quality import Tally, article_text

SET = Path(__file__).resolve().parent / "html_posts"
OURS = "article-ingest parse()"
PEER = "trafilatura extract()"


@dataclass
class Figures:
    tally: Tally = field(default_factory=Tally)
    promo_leaked: int = 0
    promo: int = 0
    titles_right: int = 0
    leaked_lines: dict[str, list[str]] = field(default_factory=dict)


def load_posts(folder: Path) -> list[tuple[str, bytes, dict]]:
    return [
        (p.name, (p / "input.html").read_bytes(), json.loads((p / "expected.json").read_text("utf-8")))
        for p in sorted(folder.iterdir())
        if (p / "expected.json").is_file()
    ]


def visible_text(data: bytes) -> str:
    """The page's text as a reader sees it, whitespace collapsed: what a snippet must be found in to
    count as keepable (or leakable)."""
    tree = lxml.html.document_fromstring(data)
    for element in tree.xpath("//script | //style | //head"):
        element.drop_tree()
    return norm(tree.text_content())


def ours(data: bytes) -> tuple[str, str | None]:
    try:
        article = parse(data, filename="post.html", content_type="text/html")
    except Exception:  # noqa: BLE001  a refusal scores as empty output, as in score.py
        return "", None
    return article_text(article), article.title


def peer(data: bytes) -> tuple[str, str | None]:
    html = data.decode("utf-8")
    text = trafilatura.extract(html) or ""
    metadata = trafilatura.extract_metadata(html)
    return text, metadata.title if metadata else None


EXTRACTORS = {OURS: ours, PEER: peer}


def evaluate(posts: list[tuple[str, bytes, dict]]) -> dict[str, Figures]:
    figures: dict[str, Figures] = defaultdict(Figures)
    for name, data, expected in posts:
        case = {"with": expected["must_contain"], "without": expected["must_not_contain"]}
        case["comments"] = expected["comments"]
        source = visible_text(data)
        for extractor, run in EXTRACTORS.items():
            text, title = run(data)
            output = norm(text)
            f = figures[extractor]
            f.tally.add(case, source, output)
            leaked = [line for line in expected["promo"] if norm(line) in output]
            f.promo += len(expected["promo"])
            f.promo_leaked += len(leaked)
            f.titles_right += norm(title or "") == norm(expected["title"])
            if leaked:
                f.leaked_lines[name] = leaked
    return figures


def report(figures: dict[str, Figures], posts: int) -> dict:
    print(f"\n## hand-written HTML posts with in-body calls to action ({posts} posts, {SET.name}/)\n")
    columns = ("article snippets kept", "boilerplate leaked", "in-body promo lines leaked", "F1", "titles")
    print("| | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    out = {}
    for name, f in figures.items():
        t = f.tally
        row = t.row()
        out[name] = {
            "kept": t.kept,
            "keepable": t.keepable,
            "leaked": t.leaked,
            "leakable": t.leakable,
            "promo leaked": f.promo_leaked,
            "promo": f.promo,
            "F1": row["F1"],
            "titles right": f.titles_right,
            "promo lines leaked per post": f.leaked_lines,
        }
        cells = (
            f"{t.kept}/{t.keepable}",
            f"{t.leaked}/{t.leakable}",
            f"{f.promo_leaked}/{f.promo}",
            f"{row['F1']:.3f}",
            f"{f.titles_right}/{posts}",
        )
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\nIn-body promo lines {OURS} leaked:")
    for post, lines in figures[OURS].leaked_lines.items():
        for line in lines:
            print(f"- {post}: {line}")
    return out


def run(folder: Path = SET) -> dict:
    posts = load_posts(folder)
    ours(b"<html><body><p>A warm-up page, parsed once and not scored.</p></body></html>")
    return report(evaluate(posts), len(posts))


def main() -> None:
    set_cli.main(__doc__, SET, run)


if __name__ == "__main__":
    sys.exit(main())
