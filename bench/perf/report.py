"""docs/PERFORMANCE.md from the figures of one bench.perf.run_all run."""

from __future__ import annotations

from pathlib import Path

from bench.perf import chart as plot
from bench.perf import cost
from bench.perf.extraction import WITH_METADATA

EXTRACTION_PLOT = "extraction-times.svg"  # written next to PERFORMANCE.md

TARGET_EXTRACTION = 1.1  # ours / trafilatura, median ms per page, same run
TARGET_IMPORT = 2.0  # handler import / bare `import boto3`, median, same run
TARGET_RSS_MIB = 128
RSS_HEADROOM = 0.8  # keep the peak under this share of the function's memory
TEMPLATE_MEMORY_MB = 512  # template.yaml's Globals MemorySize


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def recommended_memory(peak_rss: float, rows: list[dict]) -> dict:
    fitting = [r for r in rows if peak_rss <= RSS_HEADROOM * r["memory_mb"]]
    return min(fitting, key=lambda r: r["total"]) if fitting else rows[-1]


def smallest_fitting(peak_rss: float) -> int | None:
    return next((m for m in cost.MEMORY_SIZES_MB if peak_rss <= RSS_HEADROOM * m), None)


def render(r: dict) -> str:
    m, ex, cs, mem, tp, co = (
        r[k] for k in ("machine", "extraction", "coldstart", "memory", "throughput", "cost")
    )
    rows, ours = ex["rows"], ex["ours"]
    timings = cs["timings"]
    queue, s3 = timings["ingest_queue handler"], timings["ingest_s3 handler"]
    deployed = timings["ingest_queue handler, tracing active (as deployed)"]
    chosen = recommended_memory(mem["at_input_limit"]["peak_rss_mib"], co["table"])
    template = next(row for row in co["table"] if row["memory_mb"] == TEMPLATE_MEMORY_MB)
    out = [
        "# Performance",
        "",
        "Written by `make bench` (`bench/perf/run_all.py`); every figure below comes from one run on "
        f"{m['date']}, Python {m['python']}, {m['cpus']} cores, load average "
        f"{m['load_average'][0]:.1f} at the start and {m['load_average_end'][0]:.1f} at the end "
        f"({m['seconds'] / 60:.1f} min in all). The machine is shared and noisy: compare the ratios, which "
        "are taken against a peer measured in the same run, not milliseconds across runs.",
        "",
    ]
    if r.get("quick"):
        out += ["**Quick run (`--quick`): a small slice of everything; not figures to quote.**", ""]
    out += [
        "## Targets",
        "",
        table(
            ["target", "measured", "met"],
            [
                [
                    f"extraction median <= {TARGET_EXTRACTION}x trafilatura's",
                    f"{rows[ours]['median_vs_trafilatura']:.2f}x wall, "
                    f"{rows[ours]['median_cpu_vs_trafilatura']:.2f}x CPU" + with_metadata_scale(rows, ours),
                    met(rows[ours]["median_vs_trafilatura"] <= TARGET_EXTRACTION),
                ],
                [
                    f"handler cold import <= {TARGET_IMPORT}x a bare `import boto3`",
                    f"ingest_queue {queue['vs_boto3']:.2f}x, ingest_s3 {s3['vs_boto3']:.2f}x wall "
                    f"({queue['cpu_vs_boto3']:.2f}x, {s3['cpu_vs_boto3']:.2f}x CPU), tracing off; "
                    f"ingest_queue with tracing active as deployed {deployed['vs_boto3']:.2f}x wall "
                    f"({deployed['cpu_vs_boto3']:.2f}x CPU)",
                    met(max(queue["vs_boto3"], s3["vs_boto3"]) <= TARGET_IMPORT),
                ],
                [
                    f"peak RSS <= {TARGET_RSS_MIB} MB, largest page",
                    f"{mem['peak_rss_mib']:.0f} MiB ({mem['page']}, {mem['page_bytes'] / 1e6:.1f} MB)",
                    met(mem["peak_rss_mib"] <= TARGET_RSS_MIB),
                ],
                [
                    "clients created once per execution environment",
                    "`tests/unit/test_clients.py`: two batches (5 "
                    "+ 3 records), one S3 and one DynamoDB client",
                    "tested",
                ],
            ],
        ),
        "",
        *extraction_section(ex),
        *coldstart_section(cs, mem),
        *memory_section(mem),
        *throughput_section(tp),
        *items_section(co),
        *cost_section(co, tp, mem, chosen, template),
        *method_section(),
    ]
    return "\n".join(out) + "\n"


def with_metadata_scale(rows: dict, ours: str) -> str:
    """Ours against trafilatura doing the same job, when the run measured it (older JSON did not)."""
    if WITH_METADATA not in rows:
        return ""
    scale = rows[ours]["median_ms"] / rows[WITH_METADATA]["median_ms"]
    return f" (and {scale:.2f}x trafilatura `with_metadata=True`, the same job as ours)"


def extraction_section(ex: dict) -> list[str]:
    rows = ex["rows"]
    return [
        "## Extraction",
        "",
        f"All {rows[ex['ours']]['pages']} corpus pages, each "
        f"given to the {len(rows)} extractors one after the other "
        "(order rotating per page) in one process. Timed: "
        "the call only. Ours gets the raw bytes and does its "
        "own decoding, metadata and cleaning; the peers get the page decoded by `score.py` (untimed). "
        "CPU is this thread's CPU time, less disturbed by other jobs than wall time. F1 is `score.py`'s, on "
        "`Article.text` for ours, `extract()`'s text for trafilatura (less its metadata header) and the "
        "`summary()` HTML converted to text (`lxml text_content()`, untimed) for readability. The target "
        "compares with trafilatura's defaults, which read no metadata; `with_metadata=True` is the same "
        "job as ours (title, author, date with htmldate, site, tags) and shows the scale of that part.",
        "",
        table(
            [
                "extractor",
                "median ms",
                "p95 ms",
                "median CPU ms",
                "p95 CPU ms",
                "x trafilatura (median)",
                "x trafilatura (CPU median)",
                "F1",
                "precision",
                "recall",
                "errors",
            ],
            [
                [
                    f"`{name}`",
                    f"{row['median_ms']:.1f}",
                    f"{row['p95_ms']:.1f}",
                    f"{row['median_cpu_ms']:.1f}",
                    f"{row['p95_cpu_ms']:.1f}",
                    f"{row['median_vs_trafilatura']:.2f}",
                    f"{row['median_cpu_vs_trafilatura']:.2f}",
                    f"{row['f1']:.3f}",
                    f"{row['precision']:.3f}",
                    f"{row['recall']:.3f}",
                    row["errors"],
                ]
                for name, row in rows.items()
            ],
        ),
        "",
        f"Median of the per-page CPU ratio ours / trafilatura: {ex['per_page_cpu_ratio_median']:.2f}. "
        f"Total CPU over the corpus: ours {rows[ex['ours']]['total_cpu_vs_trafilatura']:.2f}x trafilatura's.",
        "",
        "Per page, the whole distribution (CPU time; where a curve lies further left, that extractor "
        "finished that share of the corpus sooner):",
        "",
        f"![CPU ms per page, share of the corpus done within it]({EXTRACTION_PLOT})",
        "",
        *stages_section(ex["stages"]),
    ]


def first_posts_paragraph(first: dict | None, miss: dict | None) -> list[str]:
    """The first post of a fresh environment over a sample of pages, and dateparser's one-off
    language load (older JSON has neither)."""
    if not first or not miss:
        return []
    slowest = first["slowest"][0]
    return [
        "",
        f"The first post of a fresh process, over {first['pages']} pages (every n-th of the corpus, "
        "`memory.first_posts`: the queue handler imported, then the extractor, the page parsed, and "
        "parsed again): importing the extractor "
        f"{first['import_median_ms']:.0f} ms (median); the first parse {first['first_median_ms']:.0f} ms "
        f"median and {first['first_p95_ms']:.0f} ms p95, against {first['again_median_ms']:.0f} ms for the "
        f"same page again; the slowest, `{slowest['page']}`, {slowest['first_ms']:.0f} ms then "
        f"{slowest['again_ms']:.0f} ms.",
        "",
        "One cost is not in that sample: dateparser (called by htmldate's extensive search, and by our "
        "byline reader for a written date) loads the data of every language the first time a line "
        f"fails to parse. A fresh process's first such line (`memory.dateparser_miss`, {miss['line']!r}) "
        f"took {miss['first_ms']:.0f} ms (dateparser's import included), the same line again "
        f"{miss['again_ms']:.0f} ms. It is paid once "
        "per execution environment, by the first post that has such a line.",
    ]


def extraction_plot(ex: dict) -> str:
    return plot.cdf_svg(
        ex["cpu_ms"],
        f"Extraction CPU time per page, {ex['rows'][ex['ours']]['pages']} corpus pages",
        "milliseconds per page (log scale)",
    )


def stages_section(stages: dict) -> list[str]:
    return [
        "Where `parse()` spends its time: a second pass over the corpus with each stage timed (CPU), "
        f"median per page; the whole parse took {stages['total_median_ms']:.1f} ms at the median here. "
        "The last column is the stage's median over trafilatura's median "
        f"({stages['peer_median_cpu_ms']:.1f} ms CPU, from the table above).",
        "",
        table(
            ["stage", "median ms", "mean ms", "x trafilatura's median"],
            [
                [
                    row["stage"],
                    f"{row['median_ms']:.2f}",
                    f"{row['mean_ms']:.2f}",
                    f"{row['x_trafilatura']:.2f}",
                ]
                for row in stages["rows"]
            ],
        ),
        "",
    ]


def coldstart_section(cs: dict, mem: dict) -> list[str]:
    timings = cs["timings"]
    out = [
        "## Cold start",
        "",
        f"Time to import the handler module in a fresh interpreter (`python -c`, the handler's environment "
        f"from template.yaml with stand-in names), {cs['rounds']} rounds, each round one process per subject "
        'in rotating order. "modules" = modules the import added to `sys.modules`.',
        "",
        table(
            [
                "subject",
                "median ms",
                "min ms",
                "max ms",
                "x import boto3",
                "median CPU ms",
                "x (CPU)",
                "modules",
            ],
            [
                [
                    name,
                    f"{t['median_ms']:.0f}",
                    f"{t['min_ms']:.0f}",
                    f"{t['max_ms']:.0f}",
                    f"{t['vs_boto3']:.2f}",
                    f"{t['median_cpu_ms']:.0f}",
                    f"{t['cpu_vs_boto3']:.2f}",
                    t["modules"],
                ]
                for name, t in timings.items()
            ],
        ),
        "",
        "Tracing active: `LAMBDA_TASK_ROOT` set and `POWERTOOLS_TRACE_DISABLED` unset, as in Lambda with "
        "template.yaml's `Tracing: Active`. Powertools then creates the X-Ray recorder and patches "
        "botocore (`observability.TRACED_MODULES`). With tracing off the X-Ray SDK is not imported at all.",
        "",
        "The import is not the whole cold start: the extractor (trafilatura, lxml, htmldate) is imported by "
        "the first post, and the first call of each AWS client builds it. From "
        "`bench/perf/memory.py`'s fresh "
        f"process (largest page, stubbed AWS): import {mem['import_ms']:.0f} ms, first record "
        f"{mem['first_record_ms']:.0f} ms, the same record again {mem['second_record_ms']:.0f} ms.",
        *first_posts_paragraph(mem.get("first_posts"), mem.get("dateparser_miss")),
        "",
        "What the handler imports beyond a bare `import boto3` (`python -X importtime` of "
        "`import boto3; import <handler>`, self time summed per top-level package, median of 3 runs; "
        "in brackets the number of modules):",
        "",
    ]
    for name, packages in cs["heaviest"].items():
        out += [
            f"- {name}: " + ", ".join(f"{p['package']} {p['ms']:.0f} ms ({p['modules']})" for p in packages)
        ]
    return out + [""]


def memory_section(mem: dict) -> list[str]:
    limit = mem["at_input_limit"]
    row = [
        [
            f"corpus's largest ({mem['page']})",
            f"{mem['page_bytes'] / 1e6:.1f} MB",
            f"{mem['rss_after_import_mib']:.0f} MiB",
            f"**{mem['peak_rss_mib']:.0f} MiB**",
            f"{mem['first_record_ms']:.0f} ms",
        ],
        [
            f"the same page repeated up to MAX_INPUT_BYTES ({mem['max_input_bytes'] / 2**20:.0f} MiB)",
            f"{limit['page_bytes'] / 1e6:.1f} MB",
            f"{limit['rss_after_import_mib']:.0f} MiB",
            f"**{limit['peak_rss_mib']:.0f} MiB**",
            f"{limit['first_record_ms']:.0f} ms",
        ],
    ]
    return [
        "## Memory",
        "",
        "A fresh process imports the queue handler and ingests one page through `lambda_handler`, S3 and "
        "DynamoDB answered by botocore's Stubber. Peak = VmHWM (the process's own high-water mark). "
        f"Worst of {mem['runs']} runs for the corpus page, one run at the input limit. For scale: "
        f"`python -c 'import boto3'` peaks at {mem['boto3_only_peak_rss_mib']:.0f} MiB, and the process "
        f"starts at {mem['rss_start_mib']:.0f} MiB.",
        "",
        table(["page", "size", "RSS after import", "peak RSS", "first record"], row),
        "",
    ]


def throughput_section(tp: dict) -> list[str]:
    prof = tp["profile"]
    return [
        "## Warm throughput",
        "",
        f"{tp['pages']} corpus pages (an even sample, median {tp['median_page_bytes'] / 1024:.0f} KiB) as S3 "
        "pointers through the queue handler in batches of 10, after one warm-up batch; S3 and DynamoDB are "
        "a moto server in another process, so this process's CPU is the handler's own work (botocore's "
        f"signing, serialising and parsing included). Failures: {tp['failures']}.",
        "",
        table(
            [
                "records/s per core (CPU)",
                "CPU ms per record",
                "median batch CPU ms/record",
                "records/s wall (local moto)",
                "median batch wall ms/record",
            ],
            [
                [
                    f"{tp['records_per_cpu_s']:.1f}",
                    f"{tp['cpu_ms_per_record']:.1f}",
                    f"{tp['median_batch_cpu_ms_per_record']:.1f}",
                    f"{tp['records_per_wall_s']:.1f}",
                    f"{tp['median_batch_wall_ms_per_record']:.1f}",
                ]
            ],
        ),
        "",
        "Wall time here is mostly waiting on moto, which answers slower than S3 and DynamoDB; it is not a "
        "latency figure.",
        "",
        f"Where one batch's time goes (cProfile, {prof['total_ms']:.0f} "
        "ms under the profiler, self time by area):",
        "",
        table(
            ["area", "ms", "share"],
            [[a, f"{v['ms']:.0f}", f"{v['share']:.0%}"] for a, v in prof["areas"].items()],
        ),
        "",
        "Top functions by self time:",
        "",
        table(
            ["function", "calls", "self ms", "cumulative ms"],
            [
                [f"`{f['function']}`", f["calls"], f"{f['tottime_ms']:.1f}", f"{f['cumtime_ms']:.1f}"]
                for f in prof["top_self"]
            ],
        ),
        "",
    ]


def items_section(co: dict) -> list[str]:
    items = co["items"]
    names = {
        "json_string": "JSON string attribute `article` (before)",
        "current": f"{items['representation']} (now)",
    }
    return [
        "## DynamoDB item sizes",
        "",
        f"Every corpus page our parser turns into an article ({items['current']['items']} items), built by "
        "`ArticleTable._article_item` and sized by DynamoDB's "
        "rules (attribute names + values). A write costs "
        "one write request unit per started KB. The article items also go to two sparse GSIs "
        "(`by_site`, `by_ingest_day`) that project a few small attributes: one more unit each. "
        f"Bodies over the inline limit go to S3: {items['overflow_share']:.1%} of the corpus.",
        "",
        table(
            ["stored as", "median bytes", "p90", "p99", "max", "mean WRU", "median WRU"],
            [
                [
                    names[k],
                    f"{d['median_bytes']:,.0f}",
                    f"{d['p90_bytes']:,}",
                    f"{d['p99_bytes']:,}",
                    f"{d['max_bytes']:,}",
                    f"{d['mean_wru']:.2f}",
                    f"{d['median_wru']:.0f}",
                ]
                for k, d in ((k, items[k]) for k in ("json_string", "current"))
            ],
        ),
        "",
    ]


def cost_section(co: dict, tp: dict, mem: dict, chosen: dict, template: dict) -> list[str]:
    rows = co["table"]
    legacy = {row["memory_mb"]: row["total"] for row in co["table_json_string"]}
    return [
        "## Cost per million posts",
        "",
        f"Lambda time per record = measured CPU ({co['cpu_ms_per_record']:.1f} ms on one core, warm) x "
        f"max(1, {cost.FULL_VCPU_MB} / memory) + {co['io_wait_ms_per_record']} ms waiting on S3 and DynamoDB "
        "(an assumption: not measurable here). Records arrive in batches of "
        f"{cost.BATCH_SIZE}. DynamoDB: the mean write units of the items above plus "
        f"{cost.GSI_WRITES_PER_ARTICLE} GSI writes. Prices (us-east-1, as of {co['prices_as_of']}): Lambda "
        f"${cost.LAMBDA_GB_SECOND_X86:.10f}/GB-s (x86) and "
        f"${cost.LAMBDA_PER_MILLION_REQUESTS}/million requests, "
        f"S3 GET ${cost.S3_GET_PER_THOUSAND}/1,000, DynamoDB "
        f"on-demand ${cost.DYNAMODB_PER_MILLION_WRU}/million "
        f"WRU, SQS ${cost.SQS_PER_MILLION_REQUESTS}/million requests (`bench/perf/cost.py`).",
        "",
        table(
            [
                "memory",
                "ms per record",
                "batch of 10",
                "GB-s",
                "Lambda compute",
                "Lambda requests",
                "S3 GETs",
                "DynamoDB writes",
                "SQS",
                "total",
                "total with JSON-string items",
            ],
            [
                [
                    f"{row['memory_mb']} MB",
                    f"{row['ms_per_record']:.0f}",
                    f"{row['batch_of_10_s']:.1f} s",
                    f"{row['gb_seconds']:,.0f}",
                    f"${row['lambda_compute']:.2f}",
                    f"${row['lambda_requests']:.2f}",
                    f"${row['s3_gets']:.2f}",
                    f"${row['dynamodb_writes']:.2f}",
                    f"${row['sqs_requests']:.2f}",
                    f"**${row['total']:.2f}**",
                    f"${legacy[row['memory_mb']]:.2f}",
                ]
                for row in rows
            ],
        ),
        "",
        "Below 1,769 MB the CPU-bound part costs the same GB-seconds at every size (half the memory, twice "
        "the time); only the I/O wait grows with memory. So the smallest size that holds the peak memory "
        "with room to spare is the cheapest, and latency is the only reason to go bigger.",
        "",
        "### MemorySize",
        "",
        *memory_size_text(mem, chosen, template),
        "",
    ]


def memory_size_text(mem: dict, chosen: dict, template: dict) -> list[str]:
    limit = mem["at_input_limit"]
    corpus_fit = smallest_fitting(mem["peak_rss_mib"])
    saving = 1 - chosen["total"] / template["total"]
    verdict = (
        "the template's 512 MB is the right size"
        if chosen["memory_mb"] == template["memory_mb"]
        else f"**{chosen['memory_mb']} MB** would do, at ${chosen['total']:.2f} against "
        f"${template['total']:.2f} per million posts ({saving:.0%} less)"
    )
    return [
        "template.yaml sets 512 MB. Size it for the largest post the function accepts, not for the corpus: "
        f"a post at MAX_INPUT_BYTES peaks at {limit['peak_rss_mib']:.0f} MiB, the corpus's largest page at "
        f"{mem['peak_rss_mib']:.0f} MiB. Keeping the peak under {RSS_HEADROOM:.0%} of the memory, "
        f"{verdict}. The corpus alone would fit in {corpus_fit} MB, and the cost table shows why a smaller "
        "size is only slightly cheaper: the CPU-bound GB-seconds do not change with memory, only the "
        f"I/O wait does ({cost.IO_WAIT_MS_PER_RECORD} ms a record assumed). At 512 MB a record takes about "
        f"{template['ms_per_record']:.0f} ms and a batch of 10 about {template['batch_of_10_s']:.1f} s, far "
        f"inside the 60 s timeout. Going to 256 MB would need MAX_INPUT_BYTES lowered to about "
        f"{max_input_for(256, limit) / 1e6:.1f} MB (the peak grows about linearly with the post: "
        f"{mib_per_mb(limit):.0f} MiB per MB here).",
    ]


def mib_per_mb(limit: dict) -> float:
    return (limit["peak_rss_mib"] - limit["rss_after_import_mib"]) / (limit["page_bytes"] / 1e6)


def max_input_for(memory_mb: int, limit: dict) -> float:
    """Bytes of post whose estimated peak stays under the headroom line of memory_mb."""
    return (RSS_HEADROOM * memory_mb - limit["rss_after_import_mib"]) / mib_per_mb(limit) * 1e6


def method_section() -> list[str]:
    return [
        "## Reproducing",
        "",
        "```sh",
        "make bench                       # all of it, writes this file and docs/PERFORMANCE.json",
        "make bench CORPUS=/path/to/corpus",
        ".venv/bin/python -m bench.perf.extraction --limit 100   # one part at a time; each has --help",
        ".venv/bin/python -m bench.perf.coldstart --rounds 20",
        ".venv/bin/python -m bench.perf.memory",
        ".venv/bin/python -m bench.perf.throughput --pages 150",
        ".venv/bin/python -m bench.perf.cost --cpu-ms 25",
        "```",
        "",
        "Nothing here is asserted in a test: timings on a shared machine are read, never enforced.",
    ]


def write(out: Path, figures: dict) -> None:
    """The page and, beside it, its chart."""
    out.write_text(render(figures))
    out.with_name(EXTRACTION_PLOT).write_text(extraction_plot(figures["extraction"]))
