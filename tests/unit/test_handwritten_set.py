"""The hand-written text-post set (bench/quality/text_posts/) is well formed, so its figures mean
something: every post has its files and keys, every snippet is really in its input, and no post asks
for the impossible. It does not run the extractor: how well the text path does is the benchmark's
business (bench/quality/handwritten.py), not a test's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import ROOT

SET = ROOT / "bench" / "quality" / "text_posts"
KEYS = {"description", "language", "title", "must_contain", "must_not_contain", "comments"}


def flat(text: str) -> str:
    return " ".join(text.split())


def post_folders() -> list[Path]:
    return sorted(p for p in SET.iterdir() if p.is_dir())


def problems(folder: Path) -> list[str]:
    """Everything wrong with one post, in words; empty when it is well formed."""
    if not (folder / "input.txt").is_file() or not (folder / "expected.json").is_file():
        return ["input.txt or expected.json is missing"]
    text = (folder / "input.txt").read_bytes().decode("utf-8").lstrip("\ufeff")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    if set(expected) != KEYS:
        return [f"keys are {sorted(expected)}, not {sorted(KEYS)}"]
    source = flat(text)
    keep, drop = expected["must_contain"], expected["must_not_contain"]
    found = []
    if expected["title"].strip() not in {line.strip() for line in text.splitlines()}:
        found.append(f"the title is not a line of the input: {expected['title']!r}")
    if not 4 <= len(keep) <= 6:
        found.append(f"{len(keep)} must_contain snippets, not 4 to 6")
    found += [f"not in the input: {s!r}" for s in keep + drop if not flat(s) or flat(s) not in source]
    found += [f"a comment not in must_not_contain: {s!r}" for s in expected["comments"] if s not in drop]
    found += [f"in both lists: {s!r}" for s in set(keep) & set(drop)]
    # A boilerplate snippet inside an article snippet or the title would count as leaked even for a
    # perfect extractor.
    wanted = [flat(s) for s in keep] + [flat(expected["title"])]
    found += [f"{s!r} is inside article text" for s in drop if any(flat(s) in w for w in wanted)]
    return found


def test_the_set_has_posts_in_several_languages():
    # Given the set, Then it has its two dozen posts, in more than English
    folders = post_folders()
    assert len(folders) >= 20
    languages = {json.loads((f / "expected.json").read_text(encoding="utf-8"))["language"] for f in folders}
    assert len(languages) >= 5


@pytest.mark.parametrize("folder", post_folders(), ids=lambda p: p.name)
def test_post_is_well_formed(folder):
    # Given one post's folder, When it is checked, Then nothing is wrong with it
    assert problems(folder) == []


def test_a_broken_post_is_caught(tmp_path):
    # Given a copy of a real post, broken in each way the checks look for
    original = post_folders()[0]
    expected = json.loads((original / "expected.json").read_text(encoding="utf-8"))
    keep, drop = expected["must_contain"], expected["must_not_contain"]
    breakages = {
        "a snippet not in the input": {"must_contain": [*keep[:-1], "Not in the post."]},
        "a title that is no line": {"title": expected["title"] + " (updated)"},
        "a comment not in must_not_contain": {"comments": ["A comment nobody listed."]},
        "a snippet in both lists": {"must_not_contain": [*drop, keep[0]]},
        "a missing key": {"comments": None},
    }
    for name, change in breakages.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "input.txt").write_bytes((original / "input.txt").read_bytes())
        broken = {k: v for k, v in {**expected, **change}.items() if v is not None}
        (folder / "expected.json").write_text(json.dumps(broken), encoding="utf-8")
        # When it is checked, Then the breakage is reported
        assert problems(folder), name
