"""The hand-written HTML set (bench/quality/html_posts/) is well formed, so its figures mean
something: every post has its files and keys, every snippet is in the page's visible text, every
promo line and comment is one the post lists as boilerplate, and no post asks for the impossible.
It does not run the extractor: bench/quality/promo_posts.py measures it.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from bench.quality.promo_posts import SET, visible_text
from bench.quality.text_corpus import norm as flat

KEYS = {"description", "language", "title", "must_contain", "must_not_contain", "promo", "comments"}


def post_folders() -> list[Path]:
    return sorted(p for p in SET.iterdir() if p.is_dir())


def problems(folder: Path) -> list[str]:
    """Everything wrong with one post, in words; empty when it is well formed."""
    if not (folder / "input.html").is_file() or not (folder / "expected.json").is_file():
        return ["input.html or expected.json is missing"]
    data = (folder / "input.html").read_bytes()
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    if set(expected) != KEYS:
        return [f"keys are {sorted(expected)}, not {sorted(KEYS)}"]
    source = visible_text(data)
    keep, drop = expected["must_contain"], expected["must_not_contain"]
    found = []
    headings = [flat(h.text_content()) for h in lxml.html.document_fromstring(data).iter("h1")]
    if flat(expected["title"]) not in headings:
        found.append(f"the title is no <h1> of the page: {expected['title']!r}")
    if not 4 <= len(keep) <= 6:
        found.append(f"{len(keep)} must_contain snippets, not 4 to 6")
    if not expected["promo"]:
        found.append("no promo line")
    found += [f"not in the page's text: {s!r}" for s in keep + drop if not flat(s) or flat(s) not in source]
    found += [f"a promo line not in must_not_contain: {s!r}" for s in expected["promo"] if s not in drop]
    found += [f"a comment not in must_not_contain: {s!r}" for s in expected["comments"] if s not in drop]
    found += [f"in both lists: {s!r}" for s in set(keep) & set(drop)]
    # A boilerplate snippet inside an article snippet or the title would count as leaked even for a
    # perfect extractor.
    wanted = [flat(s) for s in keep] + [flat(expected["title"])]
    found += [f"{s!r} is inside article text" for s in drop if any(flat(s) in w for w in wanted)]
    return found


def test_the_set_has_posts_in_the_ten_languages():
    folders = post_folders()
    assert len(folders) >= 20
    languages = {json.loads((f / "expected.json").read_text(encoding="utf-8"))["language"] for f in folders}
    assert languages >= {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "uk", "ru"}


@pytest.mark.parametrize("folder", post_folders(), ids=lambda p: p.name)
def test_post_is_well_formed(folder):
    assert problems(folder) == []


def test_a_broken_post_is_caught(tmp_path):
    # Given a copy of a real post, broken in each way the checks look for
    original = post_folders()[0]
    expected = json.loads((original / "expected.json").read_text(encoding="utf-8"))
    keep, drop = expected["must_contain"], expected["must_not_contain"]
    breakages = {
        "a snippet not in the page": {"must_contain": [*keep[:-1], "Not in the post."]},
        "a title that is no heading": {"title": expected["title"] + " (updated)"},
        "a promo line not in must_not_contain": {"promo": ["A promo nobody listed."]},
        "a comment not in must_not_contain": {"comments": ["A comment nobody listed."]},
        "a snippet in both lists": {"must_not_contain": [*drop, keep[0]]},
        "boilerplate inside article text": {"must_not_contain": [*drop, keep[0][:-3]]},
        "a missing key": {"promo": None},
    }
    for name, change in breakages.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "input.html").write_bytes((original / "input.html").read_bytes())
        broken = {k: v for k, v in {**expected, **change}.items() if v is not None}
        (folder / "expected.json").write_text(json.dumps(broken), encoding="utf-8")
        # When it is checked, Then the breakage is reported
        assert problems(folder), name
