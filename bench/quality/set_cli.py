"""The command line both hand-written sets share: a folder of posts in, figures printed, and with
--json written too."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path


def main(doc: str, default: Path, run: Callable[[Path], dict]) -> None:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=default, help="folder of posts (default: %(default)s)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = run(args.dir)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
