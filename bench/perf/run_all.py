"""Run every benchmark once and write docs/PERFORMANCE.md (and the raw figures beside it).

    .venv/bin/python -m bench.perf.run_all [--corpus ../shared/corpus] [--out docs/PERFORMANCE.md] [--quick]

--quick runs a small slice of everything (a smoke test of the scripts, not figures to quote);
--render docs/PERFORMANCE.json rewrites the page from the figures of the last run (after a wording
change), the same as `python -m bench.perf.report`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import ROOT, corpus_path
from bench.perf import budgets, coldstart, cost, extraction, memory, report, text_posts, throughput


def machine() -> dict:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus")
    parser.add_argument("--out", default=str(ROOT / "docs" / "PERFORMANCE.md"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--render", metavar="JSON", help="only rewrite --out from a previous run's figures")
    args = parser.parse_args()
    if args.render:
        report.write(Path(args.out), json.loads(Path(args.render).read_text()))
        return
    corpus = corpus_path(args.corpus)
    started = time.perf_counter()
    results: dict = {"machine": machine(), "quick": args.quick}

    def step(name: str, fn, *a, **kw):
        t0 = time.perf_counter()
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        value = fn(*a, **kw)
        print(f"[bench] {name} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        return value

    results["extraction"] = step(
        "extraction", extraction.run, corpus, 40 if args.quick else None, keep_articles=True
    )
    articles = results["extraction"].pop("articles")
    results["text_posts"] = step("text posts", text_posts.run, corpus, 40 if args.quick else None)
    results["coldstart"] = step("cold start", coldstart.run, 3 if args.quick else 20)
    results["memory"] = step("memory", memory.run, corpus, *((1, 4) if args.quick else (3, 40)))
    results["budgets"] = step("budgets", budgets.run, 1 if args.quick else 3)
    results["throughput"] = step("throughput", throughput.run, corpus, 30 if args.quick else 150)
    results["cost"] = step(
        "cost", cost.run, corpus, results["throughput"]["cpu_ms_per_record"], articles=articles
    )
    results["machine"]["load_average_end"] = os.getloadavg()
    results["machine"]["seconds"] = time.perf_counter() - started

    out = Path(args.out)
    report.write(out, results)
    out.with_suffix(".json").write_text(json.dumps(results, indent=1, default=str))
    print(f"[bench] wrote {out} in {results['machine']['seconds']:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
