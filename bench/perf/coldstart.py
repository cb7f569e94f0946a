"""Cold start: time to import each handler in a fresh interpreter, against a bare `import boto3`.

    .venv/bin/python -m bench.perf.coldstart [--rounds 15] [--json out.json]

Each round starts one fresh process per subject, in an order that rotates from round to round, so the
handlers and the boto3 baseline share the machine's state. Reported: the median import time, its ratio
to boto3's median in the same run (wall time, and CPU time, which other jobs disturb less), the
modules the import loaded, and (from `python -X importtime`)
which top-level packages the time goes to.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from collections import defaultdict
from pathlib import Path

from bench.common import HANDLERS, PYTHON, ROOT, child_env, median, run_json

TIMED_IMPORT = """
import sys, time
before = set(sys.modules)
t0, c0 = time.perf_counter(), time.process_time()
import {module}
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
import json
print(json.dumps({{"ms": elapsed * 1000, "cpu_ms": cpu * 1000, "modules": len(set(sys.modules) - before)}}))
"""

# Lambda sets LAMBDA_TASK_ROOT; with it, and Tracing: Active in template.yaml, Powertools' Tracer is on.
DEPLOYED_TRACING = {"LAMBDA_TASK_ROOT": str(ROOT), "AWS_LAMBDA_FUNCTION_NAME": "bench"}


def deployed_env() -> dict[str, str]:
    env = child_env(DEPLOYED_TRACING)
    env.pop("POWERTOOLS_TRACE_DISABLED")
    return env


def subjects() -> dict[str, tuple[str, dict[str, str]]]:
    plain = child_env()
    return {
        "import boto3 (baseline)": ("boto3", plain),
        "ingest_queue handler": (HANDLERS["ingest_queue"], plain),
        "ingest_s3 handler": (HANDLERS["ingest_s3"], plain),
        "ingest_queue handler, tracing active (as deployed)": (
            HANDLERS["ingest_queue"],
            deployed_env(),
        ),
    }


def time_imports(rounds: int) -> dict[str, dict]:
    cases = subjects()
    names = list(cases)
    samples: dict[str, list[dict]] = {n: [] for n in names}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            module, env = cases[name]
            samples[name].append(run_json(TIMED_IMPORT.format(module=module), env))
    base = median([s["ms"] for s in samples[names[0]]])
    base_cpu = median([s["cpu_ms"] for s in samples[names[0]]])
    return {
        name: {
            "module": cases[name][0],
            "runs": len(runs),
            "median_ms": median([s["ms"] for s in runs]),
            "min_ms": min(s["ms"] for s in runs),
            "max_ms": max(s["ms"] for s in runs),
            "median_cpu_ms": median([s["cpu_ms"] for s in runs]),
            "modules": int(median([s["modules"] for s in runs])),
            "vs_boto3": median([s["ms"] for s in runs]) / base,
            "cpu_vs_boto3": median([s["cpu_ms"] for s in runs]) / base_cpu,
        }
        for name, runs in samples.items()
    }


IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def heaviest(module: str, env: dict[str, str], runs: int = 3, top: int = 12) -> list[dict]:
    """What the handler imports beyond `import boto3`: self time summed per top-level package, median
    over a few -X importtime runs of `import boto3; import <handler>`."""
    per_run: list[dict[str, float]] = []
    counts: dict[str, int] = {}
    for _ in range(runs):
        proc = subprocess.run(
            [PYTHON, "-X", "importtime", "-c", f"import boto3; import {module}"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        totals: dict[str, float] = defaultdict(float)
        modules: dict[str, int] = defaultdict(int)
        after_boto3 = False
        for line in proc.stderr.splitlines():
            match = IMPORTTIME.match(line)
            if not match:
                continue
            name, top_level = match.group(4), len(match.group(3)) <= 1
            if after_boto3:
                package = name.split(".")[0]
                totals[package] += int(match.group(1)) / 1000
                modules[package] += 1
            # importtime prints a module when it finishes: everything up to the top-level boto3 line
            # is interpreter start-up or boto3's own import.
            after_boto3 = after_boto3 or (top_level and name == "boto3")
        per_run.append(totals)
        counts = modules
    packages = set().union(*per_run)
    ranked = sorted(
        (
            {"package": p, "ms": median([r.get(p, 0.0) for r in per_run]), "modules": counts.get(p, 0)}
            for p in packages
        ),
        key=lambda row: -row["ms"],
    )
    return ranked[:top]


def run(rounds: int = 20) -> dict:
    timings = time_imports(rounds)
    cases = subjects()
    breakdown = {
        name: heaviest(*cases[name])
        for name in ("ingest_queue handler", "ingest_queue handler, tracing active (as deployed)")
    }
    return {"rounds": rounds, "timings": timings, "heaviest": breakdown}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json")
    args = parser.parse_args()
    report = run(args.rounds)
    for name, row in report["timings"].items():
        print(
            f"{name:52} median {row['median_ms']:6.1f} ms  x{row['vs_boto3']:.2f}  "
            f"CPU x{row['cpu_vs_boto3']:.2f}  {row['modules']} modules"
        )
    for name, rows in report["heaviest"].items():
        print(f"\n{name}: " + ", ".join(f"{r['package']} {r['ms']:.0f} ms" for r in rows))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
