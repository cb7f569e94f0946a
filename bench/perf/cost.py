"""Cost per million posts, from measured CPU time and measured DynamoDB item sizes.

    .venv/bin/python -m bench.perf.cost [--corpus ../shared/corpus] [--cpu-ms 25] [--json out.json]

Lambda gives a function CPU in proportion to its memory below 1,769 MB (one full vCPU there), so a
CPU-bound record that takes t ms on one core takes t * 1769 / memory ms at smaller sizes. The GB-seconds
of that CPU-bound part are the same at every size up to 1,769 MB; what grows with memory is the time
spent waiting on S3 and DynamoDB, which is not CPU and does not shrink with more memory.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from decimal import Decimal
from pathlib import Path

from bench.common import corpus_path, function_settings, load_scorer, median, percentile

# us-east-1 list prices as of July 2025 (DynamoDB's on-demand rates were halved on 2024-11-01). Not
# read from aws.amazon.com on this machine, only cross-checked against dated third-party summaries:
# re-check on the AWS pricing pages before quoting them outside the team.
PRICES_AS_OF = "2025-07"
LAMBDA_GB_SECOND_X86 = 0.0000166667  # USD per GB-second, x86, first 6 billion GB-s a month
LAMBDA_PER_MILLION_REQUESTS = 0.20
S3_GET_PER_THOUSAND = 0.0004  # S3 Standard GET
S3_PUT_PER_THOUSAND = 0.005  # S3 Standard PUT (only bodies over the inline limit)
DYNAMODB_PER_MILLION_WRU = 0.625  # on-demand write request units (halved on 2024-11-01)
SQS_PER_MILLION_REQUESTS = 0.40  # standard queue, beyond the free million

MEMORY_SIZES_MB = (128, 256, 512, 1024)
FULL_VCPU_MB = 1769
BATCH_SIZE = function_settings()["batch_size"]  # template.yaml's queue event source
# Assumption, not measured here: in-region latency per record of one S3 GET (~15-25 ms to first byte
# for a small object) plus one conditional PutItem (~5-10 ms). Wall time the function is billed for
# while its CPU idles.
IO_WAIT_MS_PER_RECORD = 30
# Sparse GSIs an article item is written to (by_site, by_ingest_day); each projects a few small
# attributes, so each costs one write unit per article write.
GSI_WRITES_PER_ARTICLE = 2
WRU_BYTES = 1024


def attribute_size(value) -> int:
    """DynamoDB's documented item-size rules (strings/binary by length, numbers ~1 byte per 2 digits)."""
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    if isinstance(value, bool) or value is None:
        return 1
    if isinstance(value, int | float | Decimal):
        digits = len(str(abs(Decimal(str(value)))).replace(".", "").lstrip("0")) or 1
        return math.ceil(digits / 2) + 1
    if isinstance(value, bytes | bytearray):
        return len(value)
    if hasattr(value, "value") and isinstance(value.value, bytes):  # boto3 Binary
        return len(value.value)
    if isinstance(value, dict):
        return 3 + sum(len(k.encode("utf-8")) + attribute_size(v) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return 3 + sum(1 + attribute_size(v) for v in value)
    raise TypeError(f"no DynamoDB size rule for {type(value).__name__}")


def item_size(item: dict) -> int:
    return sum(len(name.encode("utf-8")) + attribute_size(value) for name, value in item.items())


def as_json_string_item(item: dict) -> dict:
    """The same item in the first representation: the article as a JSON string attribute `article`."""
    legacy = {k: v for k, v in item.items() if k not in ("article_gz",)}
    if "article_gz" in item:
        raw = item["article_gz"]
        legacy["article"] = gzip.decompress(getattr(raw, "value", raw)).decode("utf-8")
    return legacy


def article_items(articles: list) -> list[dict]:
    """Items as ArticleTable builds them, without AWS (a big body's S3 write is stubbed out)."""
    from article_ingest.table import ArticleTable

    class OfflineTable(ArticleTable):
        def _write_overflow(self, article, body):  # noqa: ANN001 - the same signature as the parent
            return f"{self.overflow_prefix}{article.id}/{article.content_hash}.json"

    table = OfflineTable("bench", "bench-bucket", "articles/")
    return [table._article_item(article, "2026-01-01T00:00:00+00:00") for article in articles]


def parse_corpus(corpus: Path) -> list:
    from article_ingest.errors import PermanentError
    from article_ingest.extract import parse

    scorer = load_scorer(corpus)
    articles = []
    for case in scorer.load_cases(corpus):
        try:
            articles.append(parse(scorer.read_page(corpus, case["file"]), filename=case["file"]))
        except PermanentError:
            pass
    return articles


def wru(size: int) -> int:
    return max(1, math.ceil(size / WRU_BYTES))


def distribution(sizes: list[int]) -> dict:
    units = [wru(s) for s in sizes]
    return {
        "items": len(sizes),
        "median_bytes": median(sizes),
        "p90_bytes": percentile(sizes, 90),
        "p99_bytes": percentile(sizes, 99),
        "max_bytes": max(sizes),
        "mean_wru": sum(units) / len(units),
        "median_wru": median(units),
        "over_1kb_share": sum(1 for s in sizes if s > WRU_BYTES) / len(sizes),
    }


def item_sizes(articles: list) -> dict:
    items = article_items(articles)
    current = [item_size(i) for i in items]
    legacy = [item_size(as_json_string_item(i)) for i in items]
    overflow = sum(1 for i in items if "body_s3_key" in i) / len(items)
    return {
        "json_string": distribution(legacy),
        "current": distribution(current),
        "representation": "article_gz (gzip Binary)"
        if any("article_gz" in i for i in items)
        else "article (JSON string)",
        "overflow_share": overflow,
    }


def cost_table(cpu_ms_per_record: float, mean_wru: float, overflow_share: float) -> list[dict]:
    posts = 1_000_000
    fixed = {
        "lambda_requests": posts / BATCH_SIZE * LAMBDA_PER_MILLION_REQUESTS / 1e6,
        "s3_gets": posts * (1 + overflow_share) * S3_GET_PER_THOUSAND / 1000,
        "s3_overflow_puts": posts * overflow_share * S3_PUT_PER_THOUSAND / 1000,
        "dynamodb_writes": posts * (mean_wru + GSI_WRITES_PER_ARTICLE) * DYNAMODB_PER_MILLION_WRU / 1e6,
        # a notification in, then one receive and one batched delete per batch
        "sqs_requests": posts * (1 + 2 / BATCH_SIZE) * SQS_PER_MILLION_REQUESTS / 1e6,
    }
    rows = []
    for memory in MEMORY_SIZES_MB:
        cpu_ms = cpu_ms_per_record * max(1.0, FULL_VCPU_MB / memory)
        duration_ms = cpu_ms + IO_WAIT_MS_PER_RECORD
        gb_s = posts * duration_ms / 1000 * memory / 1024
        compute = gb_s * LAMBDA_GB_SECOND_X86
        rows.append(
            {
                "memory_mb": memory,
                "ms_per_record": duration_ms,
                "batch_of_10_s": duration_ms * BATCH_SIZE / 1000,
                "gb_seconds": gb_s,
                "lambda_compute": compute,
                **fixed,
                "total": compute + sum(fixed.values()),
            }
        )
    return rows


def run(corpus: Path, cpu_ms_per_record: float, articles: list | None = None) -> dict:
    sizes = item_sizes(articles if articles is not None else parse_corpus(corpus))
    return {
        "prices_as_of": PRICES_AS_OF,
        "cpu_ms_per_record": cpu_ms_per_record,
        "io_wait_ms_per_record": IO_WAIT_MS_PER_RECORD,
        "items": sizes,
        "table": cost_table(cpu_ms_per_record, sizes["current"]["mean_wru"], sizes["overflow_share"]),
        "table_json_string": cost_table(
            cpu_ms_per_record, sizes["json_string"]["mean_wru"], sizes["overflow_share"]
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus")
    parser.add_argument("--cpu-ms", type=float, default=25.0, help="CPU ms per record on one core")
    parser.add_argument("--json")
    args = parser.parse_args()
    report = run(corpus_path(args.corpus), args.cpu_ms)
    print(json.dumps(report["items"], indent=1))
    for row in report["table"]:
        print(
            f"{row['memory_mb']:5} MB  {row['ms_per_record']:6.0f} ms/record  ${row['total']:.2f} per million"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
