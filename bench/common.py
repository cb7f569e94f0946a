"""Shared by the benchmarks: where the corpus is, the scorer, the handlers' environment, statistics.

The one place bench (and tests/conftest.py) decide where the corpus is: --corpus when given, else
$ARTICLE_INGEST_CORPUS, else ../shared/corpus beside the project root. Kept free of imports beyond
the standard library, so tests can use the rule without loading a benchmark.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HANDLERS = {"ingest_queue": "functions.ingest_queue.app", "ingest_s3": "functions.ingest_s3.app"}

# What template.yaml's Globals give the functions (names resolved to stand-ins), plus fake credentials
# so nothing can reach real AWS. Tracing is off here; coldstart.py also measures the deployed setting.
# No limits (MAX_INPUT_BYTES and the like): the handlers take article_ingest.config's defaults, and a
# benchmark that needs one reads it from Settings.
HANDLER_ENV = {
    "TABLE_NAME": "bench-articles",
    "BUCKET_NAME": "bench-raw-bucket",
    "INPUT_PREFIX": "incoming/",
    "OVERFLOW_PREFIX": "articles/",
    "QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/bench-ingest",
    "POWERTOOLS_SERVICE_NAME": "article-ingest",
    "POWERTOOLS_METRICS_NAMESPACE": "ArticleIngest",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_DEFAULT_REGION": "us-east-1",
}


# The load benchmarks run the handlers in this process against a local stack: stand-in credentials,
# and no traces, metrics or logs to drown their summary.
LOCAL_RUN_ENV = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_DEFAULT_REGION": "us-east-1",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "CRITICAL",
}
# For a child process's code: its own memory from /proc/self/status (VmRSS, VmHWM) in MiB.
PROC_STATUS = """
def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB -> MiB
    return float("nan")
"""
CORPUS_ENV = "ARTICLE_INGEST_CORPUS"


def default_corpus() -> Path:
    """$ARTICLE_INGEST_CORPUS, else ../shared/corpus beside the project root (not checked)."""
    return Path(os.environ.get(CORPUS_ENV) or ROOT.parent / "shared" / "corpus")


def corpus_path(arg: str | Path | None = None) -> Path:
    """The corpus a benchmark reads: arg if given, else default_corpus(); exits when it is not one."""
    path = Path(arg) if arg else default_corpus()
    if not (path / "cases.jsonl").exists() or not (path / "score.py").exists():
        sys.exit(f"no corpus at {path} (pass --corpus or set {CORPUS_ENV})")
    return path.resolve()


def function_settings() -> dict[str, int]:
    """What template.yaml gives the functions, read rather than repeated here: MemorySize and Timeout
    from Globals, and BatchSize of the queue function's event source."""
    # samtranslator's YAML reader, imported here: the corpus rule needs none
    from article_ingest_ops.template import raw_template

    template = raw_template()
    defaults = template["Globals"]["Function"]
    queue = template["Resources"]["IngestQueueFunction"]["Properties"]["Events"]["Queue"]["Properties"]
    return {
        "memory_mb": defaults["MemorySize"],
        "timeout_s": defaults["Timeout"],
        "batch_size": queue["BatchSize"],
    }


def load_scorer(corpus: Path) -> ModuleType:
    """The corpus's own score.py, imported (not copied) so the metric cannot drift."""
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
    env.update(HANDLER_ENV)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "functions" / "common")])
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra or {})
    return env


def run_json(code: str, env: dict[str, str] | None = None, args: list[str] | None = None) -> dict:
    """Run code in a fresh interpreter; its last stdout line is JSON."""
    proc = subprocess.run(
        [PYTHON, "-c", code, *(args or [])], env=env or child_env(), cwd=ROOT, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def largest_page(corpus: Path) -> tuple[str, bytes]:
    scorer = load_scorer(corpus)
    cases = scorer.load_cases(corpus)
    name = max(
        (c["file"] for c in cases),
        key=lambda f: _uncompressed_size(corpus / "pages" / (f + ".gz")),
    )
    return name, scorer.read_page(corpus, name)


def _uncompressed_size(path: Path) -> int:
    # gzip stores the uncompressed size (mod 2**32) in the last four bytes.
    with open(path, "rb") as f:
        f.seek(-4, os.SEEK_END)
        return int.from_bytes(f.read(4), "little")
