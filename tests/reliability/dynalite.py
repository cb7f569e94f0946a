"""dynalite (a DynamoDB implementation on LevelDB, in Node) as a second opinion on the table layer.

Installed by `make test` (npm ci from package.json and package-lock.json beside this file, into the
git-ignored node_modules/ here), started on a free loopback port, stopped after the session. Tests
never install anything: absent node or the package, they skip and say which command installs it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLI = HERE / "node_modules" / "dynalite" / "cli.js"


def unavailable() -> str | None:
    """Why dynalite cannot run here, or None once it is installed."""
    if not shutil.which("node"):
        return "node is not installed (dynalite runs on Node.js)"
    if not CLI.exists():
        return f"dynalite is not installed: `make test` installs it (npm ci --prefix {HERE})"
    return None


def start(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        ["node", str(CLI), "--host", "127.0.0.1", "--port", str(port), "--createTableMs", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            return process
        except urllib.error.HTTPError:
            return process  # it answers, if only with an error: it is up
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"dynalite did not start on 127.0.0.1:{port}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def create_table_request(name: str) -> dict:
    """CreateTable arguments from template.yaml's ArticlesTable, as SAM transforms it."""
    from article_ingest_ops.template import transformed_template

    props = transformed_template()["Resources"]["ArticlesTable"]["Properties"]
    keep = ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode")
    return {"TableName": name, **{k: props[k] for k in keep if k in props}}
