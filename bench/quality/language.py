"""Language detection measured: ours (script, then jusText's function-word lists) beside py3langid.

    .venv/bin/python -m bench.quality.language [--corpus DIR]

Every corpus page that declares its language (<html lang>, first two letters) is the answer key;
each detector reads the page's article text as parse() finds it (the body, no metadata), the text
it would read for a page that declares nothing. Printed: agreement with the declared language, the
languages each gets wrong, and the median time per page, the detectors interleaved page by page.
py3langid (numpy, about 80 MB unpacked) is in the bench extra only, as the peer to beat.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from article_ingest.extract.language import detect_language
from article_ingest.extract.tree import parse_tree

from bench.common import corpus_path, load_scorer, median
from bench.quality.quality import body_text


def py3langid_detect(text: str) -> str | None:
    import py3langid

    return py3langid.classify(text[:2000])[0] if sum(ch.isalpha() for ch in text[:2000]) >= 40 else None


DETECTORS = {"article-ingest (scripts + stop lists)": detect_language, "py3langid": py3langid_detect}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", help="folder with cases.jsonl, pages/ and score.py")
    args = parser.parse_args(argv)
    corpus = corpus_path(args.corpus)
    score = load_scorer(corpus)
    right = Counter()
    wrong: dict[str, Counter] = {name: Counter() for name in DETECTORS}
    times: dict[str, list[float]] = {name: [] for name in DETECTORS}
    pages = 0
    for name in DETECTORS.values():
        name("warm up the lists and the model " * 5)
    for case in score.load_cases(corpus):
        html = score.decode_html(score.read_page(corpus, case["file"]))
        tree = parse_tree(html)
        declared = (tree.get("lang") or "").strip().lower()[:2] if tree is not None else ""
        if not declared.isalpha():
            continue
        text = body_text(html)
        if sum(ch.isalpha() for ch in text) < 40:
            continue
        pages += 1
        for name, detect in DETECTORS.items():
            start = time.perf_counter()
            found = detect(text)
            times[name].append((time.perf_counter() - start) * 1000)
            if found == declared:
                right[name] += 1
            else:
                wrong[name][f"{declared}->{found}"] += 1
    print(f"{pages} corpus pages that declare a language, with 40+ letters of article text")
    print(f"{'detector':40} {'agrees':>8} {'share':>7} {'median ms':>10}  most frequent disagreements")
    for name in DETECTORS:
        common = ", ".join(f"{pair} {n}" for pair, n in wrong[name].most_common(6))
        share = right[name] / pages if pages else 0.0
        print(f"{name:40} {right[name]:>8} {share:>7.3f} {median(times[name]):>10.2f}  {common}")


if __name__ == "__main__":
    main()
