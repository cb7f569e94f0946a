"""Extraction speed and quality: ours against trafilatura and readability-lxml, interleaved per page.

    .venv/bin/python -m bench.perf.extraction [--corpus ../shared/corpus] [--limit N] [--json out.json]

Every page is given to each extractor one after the other, in an order that rotates from page to
page, so machine noise and cache state fall on all alike. Timed: the call only (ours gets the
raw bytes and decodes them itself; the peers get the page decoded by score.py's decode_html, untimed).
Wall time (perf_counter) and this thread's CPU time (thread_time) are both kept; CPU time is less
disturbed by other jobs on a shared machine. Quality is score.py's F1 on the same outputs.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import corpus_path, load_scorer, median, percentile

WARMUP_PAGES = 5
# trafilatura doing our whole job (body and metadata); the target's peer is its default extract.
WITH_METADATA = "trafilatura.extract (with_metadata=True)"


def extractors() -> dict[str, tuple[Callable, Callable]]:
    """name -> (timed call on (bytes, str, file), untimed conversion of its result to body text)."""
    import lxml.html
    import readability
    import trafilatura
    from article_ingest.errors import PermanentError
    from article_ingest.extract import parse

    def ours(data: bytes, html: str, name: str):
        try:
            return parse(data, filename=name, content_type="text/html")
        except PermanentError:
            return None  # a post we refuse is empty output, as None is for the peers

    def readability_html(data: bytes, html: str, name: str):
        return readability.Document(html).summary()

    def readability_text(summary: str | None) -> str | None:
        return lxml.html.fromstring(summary).text_content() if summary else None

    return {
        "article_ingest.parse": (ours, lambda article: article.text if article else None),
        "trafilatura.extract (defaults)": (lambda d, h, n: trafilatura.extract(h), lambda text: text),
        "readability Document.summary()": (readability_html, readability_text),
        WITH_METADATA: (
            lambda d, h, n: trafilatura.extract(h, with_metadata=True),
            without_metadata_header,
        ),
    }


def without_metadata_header(text: str | None) -> str | None:
    """extract()'s text output with metadata opens with a "---" block of fields; F1 is on the body."""
    if text and text.startswith("---\n"):
        return text.split("\n---\n", 1)[-1]
    return text


def run(corpus: Path, limit: int | None = None, keep_articles: bool = False) -> dict:
    """keep_articles: also return our Article objects (cost.py sizes their DynamoDB items)."""
    scorer = load_scorer(corpus)
    cases = scorer.load_cases(corpus)[:limit] if limit else scorer.load_cases(corpus)
    runners = extractors()
    names = list(runners)
    wall = {n: [] for n in names}
    cpu = {n: [] for n in names}
    results = {n: [] for n in names}
    pages = [(case, scorer.read_page(corpus, case["file"])) for case in cases]
    articles = []
    for case, data in pages[:WARMUP_PAGES]:  # imports, caches and lazy setup happen outside the timing
        html = scorer.decode_html(data)
        for call, _ in runners.values():
            try:
                call(data, html, case["file"])
            except Exception:
                pass
    for i, (case, data) in enumerate(pages):
        html = scorer.decode_html(data)
        for name in names[i % len(names) :] + names[: i % len(names)]:
            call, to_text = runners[name]
            output, error = None, None
            w0, c0 = time.perf_counter(), time.thread_time()
            try:
                output = call(data, html, case["file"])
            except Exception as exc:  # score.py's rule: a crash is an error and empty output
                error = f"{type(exc).__name__}: {exc}"
            c1, w1 = time.thread_time(), time.perf_counter()
            wall[name].append((w1 - w0) * 1000)
            cpu[name].append((c1 - c0) * 1000)
            if error is None and keep_articles and name == names[0] and output is not None:
                articles.append(output)
            if error is None:
                try:
                    output = to_text(output)
                except Exception as exc:
                    output, error = None, f"{type(exc).__name__}: {exc}"
            result = scorer.score_case(case, output)
            result.update(error=error, ms=wall[name][-1])
            results[name].append(result)
    report = summarise(names, wall, cpu, results)
    report["stages"] = stage_breakdown(pages, report["rows"][names[1]]["median_cpu_ms"])
    report["cpu_ms"] = {name: [round(ms, 2) for ms in cpu[name]] for name in names}  # for the plot
    if keep_articles:
        report["articles"] = articles
    return report


# Where parse() spends its time, stage by stage: (module, function) -> label. The stages run in this
# order inside parse(); the body's own cleaning is extract_html less trafilatura's call.
STAGES = {
    ("article_ingest.extract", "parse_tree"): "parse the HTML (once, shared by all stages)",
    ("article_ingest.extract", "extract_metadata"): "metadata: title, authors, dates, site, tags",
    (
        "article_ingest.extract.body",
        "read_body",
    ): "trafilatura's body extraction (fast pass; full pass when thin)",
    ("article_ingest.extract", "extract_html"): "our body work: comments, stripping, sections",
    ("article_ingest.extract", "check_is_article"): "article checks (length, link lists, error pages)",
    ("article_ingest.extract", "build_article"): "building and validating the Article",
}


def stage_breakdown(pages: list, peer_median_cpu_ms: float) -> dict:
    """A second pass over the corpus with each stage of parse() timed (CPU), after the comparison
    above so the wrappers cannot touch its figures. Medians per page, and each as a share of
    trafilatura's median in the same run."""
    import importlib

    from article_ingest.errors import PermanentError
    from article_ingest.extract import parse

    spent: dict[tuple[str, str], float] = {}
    originals = []
    for stage in STAGES:
        module = importlib.import_module(stage[0])
        function = getattr(module, stage[1])
        originals.append((module, stage[1], function))
        setattr(module, stage[1], _timed(function, stage, spent))
    rest_label = "the rest: unpacking, decoding, visible-text check"
    per_stage: dict[str, list[float]] = {label: [] for label in [*STAGES.values(), rest_label]}
    totals = []
    try:
        for case, data in pages:
            spent.clear()
            start = time.thread_time()
            try:
                parse(data, filename=case["file"], content_type="text/html")
            except PermanentError:
                pass
            totals.append((time.thread_time() - start) * 1000)
            body = ("article_ingest.extract", "extract_html")  # less trafilatura's call inside it
            spent[body] = spent.get(body, 0.0) - spent.get(("article_ingest.extract.body", "read_body"), 0.0)
            for stage, label in STAGES.items():
                per_stage[label].append(spent.get(stage, 0.0))
            per_stage[rest_label].append(totals[-1] - sum(spent.values()))
    finally:
        for module, name, function in originals:
            setattr(module, name, function)
    rows = [
        {
            "stage": label,
            "median_ms": median(values),
            "mean_ms": sum(values) / len(values),
            "x_trafilatura": median(values) / peer_median_cpu_ms,
        }
        for label, values in per_stage.items()
    ]
    return {"rows": rows, "total_median_ms": median(totals), "peer_median_cpu_ms": peer_median_cpu_ms}


def _timed(function, key: tuple[str, str], spent: dict[tuple[str, str], float]):
    def timed(*args, **kwargs):
        start = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] = spent.get(key, 0.0) + (time.thread_time() - start) * 1000

    return timed


def summarise(names, wall, cpu, results) -> dict:
    ours, peer = names[0], names[1]
    per_page = [o / t for o, t in zip(cpu[ours], cpu[peer], strict=True) if t > 0]
    rows = {}
    for name in names:
        totals = {k: v for k, v in summary_of(results[name]).items()}
        rows[name] = {
            "pages": len(wall[name]),
            "median_ms": median(wall[name]),
            "p95_ms": percentile(wall[name], 95),
            "median_cpu_ms": median(cpu[name]),
            "p95_cpu_ms": percentile(cpu[name], 95),
            "total_cpu_s": sum(cpu[name]) / 1000,
            "f1": totals["f1"],
            "precision": totals["precision"],
            "recall": totals["recall"],
            "errors": totals["errors"],
        }
    base = rows[peer]
    for row in rows.values():
        row["median_vs_trafilatura"] = row["median_ms"] / base["median_ms"]
        row["median_cpu_vs_trafilatura"] = row["median_cpu_ms"] / base["median_cpu_ms"]
        row["total_cpu_vs_trafilatura"] = row["total_cpu_s"] / base["total_cpu_s"]
    return {"rows": rows, "ours": ours, "peer": peer, "per_page_cpu_ratio_median": median(per_page)}


def summary_of(results: list[dict]) -> dict:
    tp, fp, fn = (sum(r[k] for r in results) for k in ("tp", "fp", "fn"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "errors": sum(1 for r in results if r["error"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json")
    args = parser.parse_args()
    report = run(corpus_path(args.corpus), args.limit)
    for name, row in report["rows"].items():
        print(
            f"{name:34} median {row['median_ms']:6.1f} ms  p95 {row['p95_ms']:6.1f} ms  "
            f"cpu median {row['median_cpu_ms']:6.1f} ms  x{row['median_vs_trafilatura']:.2f}  "
            f"F1 {row['f1']:.3f}"
        )
    stages = report["stages"]
    print(f"parse() by stage, median ms per page (whole parse {stages['total_median_ms']:.1f} ms):")
    for row in stages["rows"]:
        print(f"  {row['stage']:70} {row['median_ms']:6.2f}  x{row['x_trafilatura']:.2f} trafilatura")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
