"""Every parse() result on the corpus, the fixture pages and the seed, written as JSON Lines, so a
refactor can show its output is unchanged:

    .venv/bin/python -m bench.quality.snapshot --out /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python -m bench.quality.snapshot --out /tmp/after.jsonl --compare /tmp/before.jsonl

Each line is one input's Article JSON, or its failure as "code: reason". The corpus is
$ARTICLE_INGEST_CORPUS or ../shared/corpus (--corpus to name another).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from article_ingest.errors import IngestError
from article_ingest.extract import parse

from bench.common import ROOT, corpus_path

FIXTURES = ROOT / "tests" / "fixtures" / "pages"


def inputs(corpus: Path) -> Iterator[tuple[str, bytes, str]]:
    """(name, bytes, filename) of every input: fixture pages, the seed, then the corpus pages."""
    for page in sorted(FIXTURES.iterdir()):
        for file in sorted(page.glob("input.*")):
            yield f"fixture:{page.name}/{file.name}", file.read_bytes(), file.name
    seed = corpus / "seed" / "seed-article.txt"
    if seed.exists():
        yield "seed", seed.read_bytes(), seed.name
    for line in (corpus / "cases.jsonl").read_text().splitlines():
        name = json.loads(line)["file"]
        yield f"corpus:{name}", gzip.decompress((corpus / "pages" / f"{name}.gz").read_bytes()), name


def outcome(data: bytes, filename: str) -> str:
    try:
        return parse(data, filename=filename).model_dump_json()
    except IngestError as error:
        return f"{error.code}: {error.reason}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="an earlier --out file to compare with")
    args = parser.parse_args()
    corpus = corpus_path(args.corpus)
    with args.out.open("w", encoding="utf-8") as out:
        for name, data, filename in inputs(corpus):
            out.write(
                json.dumps({"input": name, "result": outcome(data, filename)}, ensure_ascii=False) + "\n"
            )
    if not args.compare:
        return 0
    before = {r["input"]: r["result"] for r in map(json.loads, args.compare.read_text().splitlines())}
    after = {r["input"]: r["result"] for r in map(json.loads, args.out.read_text().splitlines())}
    differ = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    for name in differ[:20]:
        print(f"differs: {name}", file=sys.stderr)
    corpus_total = sum(1 for name in after if name.startswith("corpus:"))
    corpus_differ = sum(1 for name in differ if name.startswith("corpus:"))
    print(f"{len(differ)} of {len(after)} inputs differ ({corpus_differ} of {corpus_total} corpus pages)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
