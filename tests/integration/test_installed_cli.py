"""The installed `article-ingest` command, run as a new user runs it: a subprocess in an empty folder,
with no AWS credentials, region or endpoint in its environment.

`local` is started in the background on a free port and stopped at the end; the other commands
reach it through --endpoint-url or AWS_ENDPOINT_URL.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT, SAMPLES

COMMAND = Path(sys.executable).with_name("article-ingest")
SAMPLE_COUNT = len([p for p in SAMPLES.iterdir() if p.is_file()])
READY_TIMEOUT_S = 90
BUCKET = "article-ingest-local-raw-123456789012-us-east-1"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment without AWS settings; our sources first on the path (the venv's editable
    install may point at another checkout)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_"))}
    env["HOME"] = str(home)  # no ~/.aws either
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "functions" / "common"), str(ROOT / "infra"), env.get("PYTHONPATH", "")]
    ).rstrip(os.pathsep)
    return env | extra


def run(cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 300):
    return subprocess.run(
        [str(COMMAND), *args],
        cwd=cwd,
        env=env or clean_env(cwd),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("user")


@pytest.fixture(scope="module")
def local(workdir) -> Iterator[str]:
    """`article-ingest local` in the background, on a free port; its endpoint once it says ready."""
    from article_ingest_ops.local_stack import free_port

    port = free_port()
    process = subprocess.Popen(
        [str(COMMAND), "local", "--port", str(port)],
        cwd=workdir,
        env=clean_env(workdir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = _first_line(process, READY_TIMEOUT_S)
    if "ready at" not in first:
        process.kill()
        pytest.fail(f"local did not say it was ready: {first!r} {process.stderr.read()[-2000:]}")
    endpoint = first.split("ready at ")[1].strip()
    yield endpoint
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("local did not stop on SIGTERM")
    stderr = process.stderr.read()
    assert process.returncode == 0 and "local stack stopped" in stderr
    assert "HTTP/1.1" not in stderr  # the server's request log stays off


def _first_line(process: subprocess.Popen, timeout: float) -> str:
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return lines[0] if lines else ""


def test_version(workdir):
    result = run(workdir, "--version")
    assert result.returncode == 0 and result.stdout.startswith("article-ingest ")


def test_a_missing_endpoint_is_explained_in_one_line(workdir):
    # Given no credentials, region or endpoint: a new user who forgot --endpoint-url
    result = run(workdir, "list")
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "--endpoint-url" in line and "AWS_ENDPOINT_URL" in line and "Traceback" not in line


def test_an_endpoint_nobody_listens_on_is_explained(workdir):
    from article_ingest_ops.local_stack import free_port

    result = run(workdir, "list", "--endpoint-url", f"http://127.0.0.1:{free_port()}", timeout=120)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "cannot reach" in line and "article-ingest local" in line


@pytest.mark.slow
def test_the_local_workflow(local, workdir):
    env = clean_env(workdir, AWS_ENDPOINT_URL=local)  # as `local` tells the user to export

    # ingest --process: a summary on stdout, nothing on stderr (no log lines, no progress off a tty)
    result = run(workdir, "ingest", str(SAMPLES), "--process", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"uploaded {SAMPLE_COUNT} posts to s3://{BUCKET}/incoming/",
        f"processed {SAMPLE_COUNT + 1} messages in 1 batch",  # + S3's test event
        f"{SAMPLE_COUNT} posts: {SAMPLE_COUNT - 1} articles, 1 failure",
    ]
    assert result.stderr == "why: article-ingest failures\n"

    # list: a header row and one row per article; --json: one JSON object a line, nothing else
    table = run(workdir, "list", env=env).stdout.splitlines()
    assert table[0].split()[:3] == ["ID", "INGESTED", "(UTC)"] and len(table) == SAMPLE_COUNT
    listed = [json.loads(line) for line in run(workdir, "list", "--json", env=env).stdout.splitlines()]
    titles = {row["title"] for row in listed}
    assert "Harbour Ferry Returns to Its Winter Timetable" in titles and len(listed) == SAMPLE_COUNT - 1
    limited = run(workdir, "list", "--limit", "2", env=env)
    assert len(limited.stdout.splitlines()) == 3 and "first 2; more with --limit" in limited.stderr

    # show: by key, and by the page's URL though it was uploaded (its id comes from its key)
    by_key = json.loads(run(workdir, "show", "incoming/allotment-water-scrape.txt", "--json", env=env).stdout)
    assert set(by_key["removed"]) >= {"comments", "share", "navigation", "promo", "byline"}
    by_url = run(
        workdir, "show", "https://riverside-gazette.example/2026/03/bike-lanes-main-street/", env=env
    )
    assert by_url.returncode == 0 and "City council approves new bike lanes" in by_url.stdout

    # failures: the source as s3://bucket/key, in a table or as JSON
    [failure] = [json.loads(x) for x in run(workdir, "failures", "--json", env=env).stdout.splitlines()]
    assert failure["code"] == "undecodable"
    assert failure["source"] == f"s3://{BUCKET}/incoming/uploaded-photo.html"

    # reprocess: every raw post again, unchanged output writes nothing
    result = run(workdir, "reprocess", "--process", "--endpoint-url", local)
    assert result.returncode == 0, result.stderr
    assert f"enqueued {SAMPLE_COUNT} posts" in result.stdout
    assert f"processed {SAMPLE_COUNT} messages" in result.stdout

    # redrive: what moved, and why each had failed before
    import boto3

    session = boto3.Session(aws_access_key_id="x", aws_secret_access_key="x", region_name="us-east-1")
    resources = session.client("cloudformation", endpoint_url=local).list_stack_resources(
        StackName="article-ingest-local"
    )["StackResourceSummaries"]
    [dlq] = [r["PhysicalResourceId"] for r in resources if r["LogicalResourceId"] == "IngestDeadLetterQueue"]
    pointer = {"bucket": BUCKET, "key": "incoming/uploaded-photo.html"}
    session.client("sqs", endpoint_url=local).send_message(QueueUrl=dlq, MessageBody=json.dumps(pointer))
    result = run(workdir, "redrive", env=env)
    assert result.returncode == 0, result.stderr
    assert "moved 1 message from the dead-letter queue" in result.stdout
    assert "undecodable" in result.stdout and "incoming/uploaded-photo.html" in result.stdout


@pytest.mark.slow
def test_control_characters_in_keys_are_escaped_everywhere(local, workdir, tmp_path):
    # Given a post whose file name carries an ANSI escape that would repaint the terminal
    name = "evil\x1b[2J\x1b[31mred.html"
    (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # fails as undecodable
    env = clean_env(workdir, AWS_ENDPOINT_URL=local)
    assert run(workdir, "ingest", str(tmp_path / name), "--process", env=env).returncode == 0

    for args in (["failures"], ["failures", "--json"], ["show", f"incoming/{name}"]):
        result = run(workdir, *args, env=env)
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "evil" in shown, args
    assert "evil\\x1b[2J" in run(workdir, "failures", env=env).stdout
    assert "evil\\u001b[2J" in run(workdir, "failures", "--json", env=env).stdout


def test_readme_sample_paths_work_from_any_folder(workdir):
    # The README's `inspect infra/samples/...`, run where no infra/samples exists
    result = run(workdir, "inspect", "infra/samples/harbour-ferry-timetable.txt")
    assert result.returncode == 0, result.stderr
    report = workdir / "harbour-ferry-timetable.txt.inspect.html"
    assert result.stdout.strip() == str(report.name) and report.stat().st_size > 1000
    assert "using the project's" in result.stderr


@pytest.mark.slow
def test_progress_bars_show_totals_and_rates_on_a_terminal(local, workdir):

    # Given stderr is a terminal (stdout is not: results stay plain)
    result, screen = run_on_terminal(
        ["ingest", str(SAMPLES), "--process"], workdir, clean_env(workdir, AWS_ENDPOINT_URL=local)
    )

    assert result.returncode == 0 and result.stdout.startswith("uploaded ")
    assert "uploading: 100%" in screen and f"{SAMPLE_COUNT}/{SAMPLE_COUNT}" in screen and "post/s" in screen
    assert "processing: 100%" in screen and "message/s" in screen


def run_on_terminal(
    args: list[str], cwd: Path, env: dict[str, str]
) -> tuple[subprocess.CompletedProcess, str]:
    """The installed command run with stderr on a pseudo-terminal: its result and what the terminal showed."""
    import pty

    controller, terminal = pty.openpty()
    result = subprocess.run(
        [str(COMMAND), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=terminal,
        text=True,
        timeout=300,
    )
    os.close(terminal)
    return result, read_terminal(controller)


def read_terminal(controller: int) -> str:
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal's other end is closed: everything was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return shown.decode("utf-8", "replace")


@pytest.mark.slow
def test_backfill_waits_with_the_engine_s_counters_and_accounts_for_every_post(local, workdir):

    env = clean_env(workdir, AWS_ENDPOINT_URL=local)
    assert run(workdir, "ingest", str(SAMPLES), "--process", env=env).returncode == 0

    # backfill --wait, stderr a terminal: the id first, the stand-in said in one line, a bar, the report
    result, screen = run_on_terminal(["backfill", "--wait"], workdir, env)

    assert result.returncode == 0, screen
    lines = result.stdout.splitlines()
    run_id = lines[0]
    # The stack is shared with the tests before: every post under incoming/, at least the samples
    posts = int(
        re.fullmatch(rf"{run_id}: SUCCEEDED, (\d+) posts: \1 done, 0 in failed batches, .*", lines[1])[1]
    )
    assert run_id.startswith("local-") and posts >= SAMPLE_COUNT
    assert lines[2].endswith(" recorded, 0 in failed batches, 0 unaccounted")
    assert lines[3].split() == ["CODE", "TRIES", "SOURCE", "REASON"]
    assert ["undecodable", "1", f"s3://{BUCKET}/incoming/uploaded-photo.html"] in [
        r.split()[:3] for r in lines[4:]
    ]
    assert [line for line in screen.splitlines() if "stand-in" in line] != []
    assert f"{posts}/{posts}" in screen and "post/s" in screen and "failed=0" in screen

    # backfill status ID, from another process: the same counters and report
    status = run(workdir, "backfill", "status", run_id, env=env)
    assert status.returncode == 0, status.stderr
    assert (
        status.stdout.splitlines()[0].startswith(f"{run_id}: SUCCEEDED")
        and status.stdout.splitlines()[1:] == lines[2:]
    )

    # a prefix outside the input prefix is refused in one line
    outside = run(workdir, "backfill", "articles/", env=env)
    assert outside.returncode == 1 and "outside the input prefix" in outside.stderr and outside.stdout == ""
