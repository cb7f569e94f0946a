"""Body-text quality and speed on the corpus: our extractor against trafilatura, in one run.

    .venv/bin/python -m bench.quality.quality [CORPUS | --corpus CORPUS] [--only GLOB]

CORPUS defaults to $ARTICLE_INGEST_CORPUS, then ../shared/corpus next to the project root.
The metric is the corpus's own score.py, imported rather than copied so it cannot drift.
Extractors run interleaved page by page, so machine load affects them alike and the
ms/page ratio is comparable even on a busy host.

Each figure is one function taking (cases, runs) and returning {column: value} per extractor;
add a figure by writing such a function and listing it in FIGURES.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura
from article_ingest.extract.body import extract_html, extracted_text
from article_ingest.extract.tree import parse_tree

from bench.common import corpus_path, load_scorer

BASELINE = "trafilatura default"


def body_text(html: str) -> str:
    """Our body as plain text, one block a line, for the corpus scorer (no metadata, no checks)."""
    tree = parse_tree(html)
    return extracted_text(extract_html(tree)) if tree is not None else ""


@dataclass
class Run:
    """One extractor's outputs and timings over the corpus, in case order."""

    outputs: list[str | None] = field(default_factory=list)
    errors: list[str | None] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)


EXTRACTORS: dict[str, Callable[[str], str | None]] = {
    "article-ingest": body_text,
    BASELINE: trafilatura.extract,
    "trafilatura include_comments=False": lambda html: trafilatura.extract(html, include_comments=False),
}


def run_all(score, corpus: Path, cases: list[dict]) -> dict[str, Run]:
    runs = {name: Run() for name in EXTRACTORS}
    names = list(EXTRACTORS)
    for index, case in enumerate(cases):
        html = score.decode_html(score.read_page(corpus, case["file"]))
        # Rotate who goes first: the first run on a page pays for cold caches.
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            extract = EXTRACTORS[name]
            output, error = None, None
            start = time.perf_counter()
            try:
                output = extract(html)
            except Exception as exc:  # scored as empty output, like score.py does
                error = f"{type(exc).__name__}: {exc}"
            runs[name].ms.append((time.perf_counter() - start) * 1000)
            runs[name].outputs.append(output)
            runs[name].errors.append(error)
    return runs


def body_scores(score, cases: list[dict], runs: dict[str, Run]) -> dict[str, dict[str, str]]:
    """Snippet precision/recall/F1 and reader-comment snippets leaked into the body."""
    rows = {}
    for name, run in runs.items():
        results = []
        for case, output, error, ms in zip(cases, run.outputs, run.errors, run.ms, strict=True):
            result = score.score_case(case, output)
            result.update(error=error, ms=ms)
            results.append(result)
        totals = score.summarize(results)
        rows[name] = {
            "precision": f"{totals['precision']:.3f}",
            "recall": f"{totals['recall']:.3f}",
            "F1": f"{totals['f1']:.3f}",
            "errors": str(totals["errors"]),
            "comments leaked": f"{totals['comments_found']}/{totals['comments_total']}",
        }
    return rows


def speed(score, cases: list[dict], runs: dict[str, Run]) -> dict[str, dict[str, str]]:
    """Median ms per page, and as a multiple of trafilatura's default extract()."""
    baseline = statistics.median(runs[BASELINE].ms)
    return {
        name: {
            "median ms": f"{statistics.median(run.ms):.1f}",
            "x trafilatura": f"{statistics.median(run.ms) / baseline:.2f}",
        }
        for name, run in runs.items()
    }


def metadata(score, cases: list[dict], runs: dict[str, Run]) -> dict[str, dict[str, str]]:
    """Title, author and date accuracy on the pages annotated with them (matching rules and the
    wrong/extra counts: bench/quality/metadata.py). trafilatura's metadata does not depend on its
    body settings, so both trafilatura rows show the same figures."""
    from bench.quality.metadata import FIELDS, accuracy, metadata_scores

    corpus = Path(score.__file__).resolve().parent
    fields = metadata_scores(corpus, cases)["fields"]
    figures = {name: {f"{f} acc": f"{accuracy(t[f]):.3f}" for f in FIELDS} for name, t in fields.items()}
    return {name: figures["ours" if name == "article-ingest" else "trafilatura"] for name in runs}


FIGURES = [body_scores, speed, metadata]


def print_table(rows: dict[str, dict[str, str]]) -> None:
    columns = list(next(iter(rows.values())))
    width = max(len(name) for name in rows)
    print(f"{'extractor':{width}}  " + "  ".join(f"{c:>15}" for c in columns))
    for name, row in rows.items():
        print(f"{name:{width}}  " + "  ".join(f"{row[c]:>15}" for c in columns))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", help="folder with cases.jsonl, pages/ and score.py")
    parser.add_argument("--corpus", dest="corpus_option", metavar="CORPUS", help="the same, as an option")
    parser.add_argument("--only", metavar="GLOB", help="only pages whose file name matches GLOB")
    args = parser.parse_args(argv)
    corpus = corpus_path(args.corpus or args.corpus_option)
    score = load_scorer(corpus)
    cases = score.load_cases(corpus, args.only)
    runs = run_all(score, corpus, cases)
    rows: dict[str, dict[str, str]] = {name: {} for name in EXTRACTORS}
    for figure in FIGURES:
        for name, columns in figure(score, cases, runs).items():
            rows[name].update(columns)
    print(f"{len(cases)} pages from {corpus}")
    print_table(rows)


if __name__ == "__main__":
    main()
