"""Numbers the code owns, as the docs state them: limits (article_ingest/limits.py), retries
(article_ingest/aws.py), the deadline margin, the functions' memory and timeout, the queue's visibility
timeout and maxReceiveCount (template.yaml). A doc that drifts from the code fails here.

Two kinds of check: every mention of a limit's variable followed by a number, in every doc; and
phrases each doc must keep (so a claim cannot silently disappear), each with the number it must say.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from article_ingest import aws
from article_ingest.limits import DEADLINE_MARGIN_MS, DEFAULT_LIMITS, MiB
from article_ingest.table import MAX_INLINE_BODY_BYTES
from article_ingest_ops.template import raw_template

ROOT = Path(__file__).resolve().parents[2]
DOCS = {
    name: ROOT / name for name in ("README.md", "docs/DEPLOY.md", "docs/RELIABILITY.md", "docs/DATA_MODEL.md")
}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
UNITS = {"": 1, "mib": MiB, "kib": 1024, "s": 1000, "ms": 1}


def template_facts() -> dict[str, int]:
    template = raw_template()
    function = template["Globals"]["Function"]
    queue = template["Resources"]["IngestQueue"]["Properties"]
    direct = template["Resources"]["IngestS3Function"]["Properties"]["EventInvokeConfig"]
    mapping = template["Resources"]["IngestQueueFunction"]["Properties"]["Events"]["Queue"]["Properties"]
    return {
        "memory_mb": function["MemorySize"],
        "timeout_s": function["Timeout"],
        "visibility_s": queue["VisibilityTimeout"],
        "max_receives": queue["RedrivePolicy"]["maxReceiveCount"],
        "direct_retries": direct["MaximumRetryAttempts"],
        "batch_size": mapping["BatchSize"],
        "batch_window_s": mapping["MaximumBatchingWindowInSeconds"],
    }


FACTS = template_facts()

# Every doc: a limit's variable, then (within a table cell or a few words) its value, in its unit.
VARIABLES = {
    "MAX_INPUT_BYTES": DEFAULT_LIMITS.max_input_bytes,
    "MAX_DECOMPRESSED_BYTES": DEFAULT_LIMITS.max_decompressed_bytes,
    "MAX_MARKUP_TAGS": DEFAULT_LIMITS.max_markup_tags,
    "DEADLINE_MARGIN_MS": DEADLINE_MARGIN_MS,
}
VALUE_AFTER = r"`?[ |(=:]{1,8}\**(\d[\d,]*)\**\s*(MiB|KiB|ms|s)?\b"

# Phrases a doc must keep, with the number each must say.
CLAIMS = [
    ("docs/RELIABILITY.md", r"standard retry mode with (\w+) attempts in all", aws.TOTAL_ATTEMPTS),
    ("docs/RELIABILITY.md", r"gives each call (\d+) attempts", aws.TOTAL_ATTEMPTS),
    ("docs/RELIABILITY.md", r"\((\d+) s connect", aws.CONNECT_TIMEOUT_S),
    ("docs/RELIABILITY.md", r"\+ (\d+) s read timeout", aws.READ_TIMEOUT_S),
    ("docs/RELIABILITY.md", r"After `maxReceiveCount` \((\d+)\) receives", FACTS["max_receives"]),
    ("docs/RELIABILITY.md", r"past the (\d+) s function timeout", FACTS["timeout_s"]),
    ("docs/DATA_MODEL.md", r"standard mode, (\w+) attempts", aws.TOTAL_ATTEMPTS),
    ("docs/DATA_MODEL.md", r"JSON is over (\d+) KB", MAX_INLINE_BODY_BYTES // 1000),
    ("docs/DEPLOY.md", r"run with (\d+) MB and a", FACTS["memory_mb"]),
    ("docs/DEPLOY.md", r"MB and a (\d+) s timeout", FACTS["timeout_s"]),
    ("docs/DEPLOY.md", r"visibility timeout is (\d+) s", FACTS["visibility_s"]),
    ("docs/DEPLOY.md", r"`maxReceiveCount` (\d+)", FACTS["max_receives"]),
    ("docs/DEPLOY.md", r"up to (\d+) receives, then the DLQ", FACTS["max_receives"]),
    ("docs/DEPLOY.md", r"retried (\w+) times by Lambda", FACTS["direct_retries"]),
    (
        "docs/DEPLOY.md",
        r"batches of up to (\d+), (\d+) s window",
        (FACTS["batch_size"], FACTS["batch_window_s"]),
    ),
    ("README.md", r"after (\d+) receives --> DLQ", FACTS["max_receives"]),
    ("README.md", r"after (\d+) retries --> DLQ", FACTS["direct_retries"]),
    ("README.md", r"\((\w+) retries, then the DLQ\)", FACTS["direct_retries"]),
    ("README.md", r"and after (\w+) receives go to the DLQ", FACTS["max_receives"]),
    ("README.md", r"bodies over (\d+) KB", MAX_INLINE_BODY_BYTES // 1000),
    (
        "README.md",
        r"\((\d+) attempts × (\d+) s timeouts",
        (aws.TOTAL_ATTEMPTS, aws.CONNECT_TIMEOUT_S + aws.READ_TIMEOUT_S),
    ),
    ("README.md", r"per million posts at (\d+) MB", FACTS["memory_mb"]),
]


def number(text: str) -> int:
    return WORDS[text.lower()] if text.lower() in WORDS else int(text.replace(",", ""))


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("variable", VARIABLES)
def test_every_stated_limit_equals_the_code(doc, variable):
    text = " ".join(DOCS[doc].read_text(encoding="utf-8").split())
    for match in re.finditer(re.escape(variable) + VALUE_AFTER, text):
        value, unit = match.group(1), (match.group(2) or "").lower()
        scale = UNITS[unit] if unit else (MiB if variable.endswith("_BYTES") and number(value) < 1024 else 1)
        stated = number(value) * scale
        assert stated == VARIABLES[variable], (
            f"{doc}: {match.group(0)!r} says {stated}, code {VARIABLES[variable]}"
        )


@pytest.mark.parametrize(("doc", "pattern", "expected"), CLAIMS, ids=[f"{d}:{p[:30]}" for d, p, _ in CLAIMS])
def test_docs_state_what_the_code_and_template_set(doc, pattern, expected):
    text = " ".join(DOCS[doc].read_text(encoding="utf-8").split())  # claims may wrap lines
    matches = list(re.finditer(pattern, text, flags=re.IGNORECASE))
    assert matches, f"{doc} no longer says {pattern!r}"
    wanted = expected if isinstance(expected, tuple) else (expected,)
    for match in matches:
        assert tuple(number(g) for g in match.groups()) == wanted, f"{doc}: {match.group(0)!r}"


def test_limits_are_mentioned_where_operators_look():
    for doc in ("README.md", "docs/DEPLOY.md", "docs/RELIABILITY.md"):
        text = " ".join(DOCS[doc].read_text(encoding="utf-8").split())
        assert all(re.search(re.escape(v) + VALUE_AFTER, text) for v in VARIABLES), doc


def test_docs_run_sam_from_where_make_venv_puts_it():
    """SAM CLI is in .venv/sam/bin/sam, not on PATH: a command line starting `sam ` would fail."""
    for path in [*DOCS.values(), ROOT / "docs" / "CONSUMING.md"]:
        blocks = path.read_text(encoding="utf-8").split("```")[1::2]
        commands = [line.strip() for block in blocks for line in block.splitlines()]
        assert not [c for c in commands if c.startswith("sam ")], path.name
