"""Metadata accuracy (title, author, date) on the corpus, ours against trafilatura's, in one run.

    .venv/bin/python -m bench.quality.metadata [--corpus CORPUS] [--only GLOB] [--misses FIELD]

Matching rules, applied to both extractors alike, on the pages whose annotation has a value:
- title: equal after HTML-unescaping, dropping soft hyphens (invisible; two annotations keep them),
  case-folding, collapsing whitespace and trimming quotes/punctuation.
- author: the same set of names, after splitting both sides on ";", ",", "&", " and ", " und " and
  dropping a leading "By"/"Von"; names compared case-folded with whitespace collapsed.
- date: the first ten characters (YYYY-MM-DD) equal.
"wrong" counts pages where an extractor gave a value that does not match (for dates, worse than none);
"extra" counts pages annotated as having no author/date where the extractor still gave one.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import html
import json
import re
import sys
import time
from pathlib import Path

import lxml.html
from article_ingest.extract.inputs import decode
from article_ingest.extract.metadata import extract_metadata

from bench.common import corpus_path

FIELDS = ("title", "author", "date")
NAME_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b)\s*", re.I)
LEADING_BY = re.compile(r"^(?:by|von)\s+", re.I)


def norm_title(text: str) -> str:
    text = " ".join(html.unescape(text).replace("\u00ad", "").casefold().split())
    return text.strip(" \"'“”„«»‚‘’.:!|-–—")


def name_set(value) -> frozenset[str]:
    names = value if isinstance(value, list) else NAME_SPLIT.split(value or "")
    return frozenset(" ".join(LEADING_BY.sub("", n).casefold().split()) for n in names if n and n.strip())


def matches(field: str, ours, expected) -> bool:
    if field == "title":
        return bool(ours) and norm_title(ours) == norm_title(expected)
    if field == "author":
        return name_set(ours) == name_set(expected)
    return bool(ours) and ours[:10] == expected[:10]


def ours(tree, url):
    meta = extract_metadata(tree, url)
    return {"title": meta.title, "author": meta.authors, "date": meta.published}


def trafilatura_meta(tree, url):
    from trafilatura.metadata import extract_metadata as traf_extract

    meta = traf_extract(tree, default_url=url)
    return {"title": meta.title, "author": meta.author, "date": meta.date}


EXTRACTORS = {"ours": ours, "trafilatura": trafilatura_meta}


def load_cases(corpus: Path, only: str | None) -> list[dict]:
    with open(corpus / "cases.jsonl", encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    return [c for c in cases if "title" in c and (not only or fnmatch.fnmatch(c["file"], only))]


def metadata_scores(
    corpus: Path, cases: list[dict], misses: str | None = None, names: tuple[str, ...] = tuple(EXTRACTORS)
) -> dict:
    """Per extractor and field: right / annotated, wrong, extra, and seconds spent, over the
    cases that carry metadata annotations."""
    extractors = {name: EXTRACTORS[name] for name in names}
    totals = {
        name: {f: {"right": 0, "annotated": 0, "wrong": 0, "extra": 0} for f in FIELDS} for name in extractors
    }
    seconds = dict.fromkeys(extractors, 0.0)
    for case in (c for c in cases if "title" in c):
        text = decode(gzip.decompress((corpus / "pages" / f"{case['file']}.gz").read_bytes())).text
        for name, extractor in extractors.items():
            tree = lxml.html.document_fromstring(
                text.encode("utf-8"), parser=PARSER
            )  # fresh: no shared state
            start = time.perf_counter()
            got = extractor(tree, case.get("url"))
            seconds[name] += time.perf_counter() - start
            for field in FIELDS:
                _count(totals[name][field], field, got[field], case.get(field))
                if (
                    misses == field
                    and name == "ours"
                    and case.get(field)
                    and not matches(field, got[field], case[field])
                ):
                    print(f"{case['file']}\n  want {case[field]!r}\n  got  {got[field]!r}", file=sys.stderr)
    return {"fields": totals, "seconds": seconds}


PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


def _count(tally: dict, field: str, got, expected) -> None:
    if expected:
        tally["annotated"] += 1
        if matches(field, got, expected):
            tally["right"] += 1
        elif got:
            tally["wrong"] += 1
    elif got and field != "title":
        tally["extra"] += 1


def accuracy(tally: dict) -> float:
    return tally["right"] / tally["annotated"] if tally["annotated"] else 0.0


def report(scores: dict) -> str:
    lines = [f"{'extractor':<12} {'field':<7} {'accuracy':>9} {'right':>11} {'wrong':>6} {'extra':>6}"]
    for name, fields in scores["fields"].items():
        for field, t in fields.items():
            share = accuracy(t)
            counts = f"{t['right']:>5}/{t['annotated']:<5} {t['wrong']:>6} {t['extra']:>6}"
            lines.append(f"{name:<12} {field:<7} {share:>9.3f} {counts}")
        lines.append(f"{name:<12} seconds {scores['seconds'][name]:.1f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="default: $ARTICLE_INGEST_CORPUS, else ../shared/corpus")
    parser.add_argument("--only", help="only pages whose file name matches this glob")
    parser.add_argument("--misses", choices=FIELDS, help="print our misses for one field on stderr")
    args = parser.parse_args()
    corpus = corpus_path(args.corpus)
    print(report(metadata_scores(corpus, load_cases(corpus, args.only), args.misses)))


if __name__ == "__main__":
    main()
