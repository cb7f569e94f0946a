"""docs/PERFORMANCE.md from the figures of one bench.perf.run_all run: the prose is the template
templates/PERFORMANCE.md.j2; this module works out what the prose needs and renders it.

    .venv/bin/python -m bench.perf.report [--json docs/PERFORMANCE.json] [--out docs/PERFORMANCE.md]

rewrites the page and its chart from an earlier run's figures, without measuring anything.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.common import ROOT, function_settings
from bench.perf import chart, cost
from bench.perf.extraction import WITH_METADATA

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_TEMPLATE = "PERFORMANCE.md.j2"
EXTRACTION_PLOT = "extraction-times.svg"  # written next to PERFORMANCE.md

TARGET_EXTRACTION = 1.1  # ours / trafilatura, median ms per page, same run
TARGET_IMPORT = 2.0  # handler import / bare `import boto3`, median, same run
TARGET_RSS_MIB = 128
RSS_HEADROOM = 0.8  # keep the peak under this share of the function's memory


def recommended_memory(peak_rss: float, rows: list[dict]) -> dict:
    fitting = [r for r in rows if peak_rss <= RSS_HEADROOM * r["memory_mb"]]
    return min(fitting, key=lambda r: r["total"]) if fitting else rows[-1]


def smallest_fitting(peak_rss: float) -> int | None:
    return next((m for m in cost.MEMORY_SIZES_MB if peak_rss <= RSS_HEADROOM * m), None)


def with_metadata_scale(rows: dict, ours: str) -> float | None:
    """Ours against trafilatura doing the same job, when the run measured it (older JSON did not)."""
    if WITH_METADATA not in rows:
        return None
    return rows[ours]["median_ms"] / rows[WITH_METADATA]["median_ms"]


def mib_per_mb(limit: dict) -> float:
    return (limit["peak_rss_mib"] - limit["rss_after_import_mib"]) / (limit["page_bytes"] / 1e6)


def max_input_for(memory_mb: int, limit: dict) -> float:
    """Bytes of post whose estimated peak stays under the headroom line of memory_mb."""
    return (RSS_HEADROOM * memory_mb - limit["rss_after_import_mib"]) / mib_per_mb(limit) * 1e6


def context(r: dict) -> dict:
    """The run's figures as the template names them, plus what is derived from them."""
    ex, cs, mem, co = r["extraction"], r["coldstart"], r["memory"], r["cost"]
    timings = cs["timings"]
    limit = mem["at_input_limit"]
    function = function_settings()
    deployed_row = next(row for row in co["table"] if row["memory_mb"] == function["memory_mb"])
    # Size for the worst accepted post: the corpus page repeated to the cap, or the budgets' worst.
    accepted = [
        row for row in (r.get("budgets") or {}).get("cases", []) if row["outcome"].startswith("stored")
    ]
    worst = max([limit["peak_rss_mib"], *(row["peak_rss_mib"] for row in accepted)])
    chosen = recommended_memory(worst, co["table"])
    return {
        "m": r["machine"],
        "quick": r.get("quick"),
        "ex": ex,
        "ours": ex["rows"][ex["ours"]],
        "with_metadata_scale": with_metadata_scale(ex["rows"], ex["ours"]),
        "cs": cs,
        "queue": timings["ingest_queue handler"],
        "s3": timings["ingest_s3 handler"],
        "deployed": timings["ingest_queue handler, tracing active (as deployed)"],
        "mem": mem,
        "limit": limit,
        "budgets": r.get("budgets"),
        "worst_peak_mib": worst,
        "first": mem.get("first_posts"),
        "miss": mem.get("dateparser_miss"),
        "tp": r["throughput"],
        "co": co,
        "items": co["items"],
        "json_string_total": {row["memory_mb"]: row["total"] for row in co["table_json_string"]},
        "cost": cost,
        "function": function,
        "deployed_row": deployed_row,
        "chosen": chosen,
        "saving": 1 - chosen["total"] / deployed_row["total"],
        "corpus_fit": smallest_fitting(mem["peak_rss_mib"]),
        "rss_headroom": RSS_HEADROOM,
        "mib_per_mb": mib_per_mb(limit),
        "max_input_at_256": max_input_for(256, limit),
        "target": {"extraction": TARGET_EXTRACTION, "import_": TARGET_IMPORT, "rss_mib": TARGET_RSS_MIB},
        "extraction_plot": EXTRACTION_PLOT,
        "text_posts": r.get("text_posts"),
    }


def paragraph(text: str) -> str:
    """One Markdown line from prose wrapped in the template."""
    return " ".join(line.strip() for line in text.strip().splitlines()) + "\n"


def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,  # a misspelt figure fails the render, not the page
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML
    )
    env.filters.update(fmt=format, paragraph=paragraph, repr=repr, met=lambda ok: "yes" if ok else "**no**")
    return env


def render(figures: dict) -> str:
    return environment().get_template(PAGE_TEMPLATE).render(context(figures))


def extraction_plot(ex: dict) -> str:
    return chart.cdf_svg(
        ex["cpu_ms"],
        f"Extraction CPU time per page, {ex['rows'][ex['ours']]['pages']} corpus pages",
        "milliseconds per page (log scale)",
    )


def write(out: Path, figures: dict) -> None:
    """The page and, beside it, its chart."""
    out.write_text(render(figures))
    out.with_name(EXTRACTION_PLOT).write_text(extraction_plot(figures["extraction"]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", default=str(ROOT / "docs" / "PERFORMANCE.json"), help="a run's figures")
    parser.add_argument("--out", default=str(ROOT / "docs" / "PERFORMANCE.md"))
    args = parser.parse_args()
    write(Path(args.out), json.loads(Path(args.json).read_text()))


if __name__ == "__main__":
    main()
