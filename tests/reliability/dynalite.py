"""dynalite (a DynamoDB implementation on LevelDB, in Node) as a second opinion on the table layer.

Installed on first use with npm into the project's node_modules/ (git-ignored), started on a free
loopback port, stopped after the session. Absent node or npm, the tests skip and say why.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERSION = "4.0.0"
CLI = ROOT / "node_modules" / "dynalite" / "cli.js"


def unavailable() -> str | None:
    """Why dynalite cannot run here, or None once it is installed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node:
        return "node is not installed (dynalite runs on Node.js)"
    if CLI.exists():
        return None
    if not npm:
        return "npm is not installed, so dynalite cannot be installed"
    command = [npm, "install", "--prefix", str(ROOT), "--no-save", "--no-package-lock", "--no-audit"]
    result = subprocess.run([*command, "--no-fund", f"dynalite@{VERSION}"], capture_output=True, timeout=300)
    if result.returncode != 0 or not CLI.exists():
        return f"npm install dynalite@{VERSION} failed: {result.stderr.decode(errors='replace')[-300:]}"
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
    from infra.template import transformed_template

    props = transformed_template()["Resources"]["ArticlesTable"]["Properties"]
    keep = ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode")
    return {"TableName": name, **{k: props[k] for k in keep if k in props}}
