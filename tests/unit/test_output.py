"""What the operator command prints: escaped strings, JSON Lines, tables with headers, plurals."""

import io
import json

from article_ingest_ops import cli
from article_ingest_ops.output import json_line, plural, safe, table

HOSTILE = "post\x1b[2J\x1b[31m\x9b1m\u202etxt.html\x07"


def test_safe_shows_every_control_character_as_an_escape():
    shown = safe(HOSTILE)
    assert shown == "post\\x1b[2J\\x1b[31m\\x9b1m\\u202etxt.html\\x07"
    assert safe("line one\nline two", keep_newlines=True) == "line one\nline two"
    assert safe("line one\nline two") == "line one\\x0aline two"


def test_json_lines_stay_valid_json_and_carry_no_raw_controls():
    line = json_line({"key": HOSTILE, "n": 1})
    assert "\n" not in line and not any(ch in line for ch in "\x1b\x9b\u202e\x07")
    assert json.loads(line) == {"key": HOSTILE, "n": 1}


def test_table_has_a_header_and_aligned_columns():
    out = io.StringIO()
    assert table(["ID", "TITLE"], [["a1", "First"], ["b22", HOSTILE]], out) == 2
    lines = out.getvalue().splitlines()
    assert lines[0] == "ID   TITLE" and lines[1] == "a1   First" and "\x1b" not in out.getvalue()


def test_plural():
    assert plural(1, "failure") == "1 failure" and plural(2, "failure") == "2 failures"
    assert plural(1, "batch", "batches") == "1 batch" and plural(0, "batch", "batches") == "0 batches"


def test_parse_escapes_a_hostile_title(tmp_path, capsys):
    post = tmp_path / "post.txt"
    post.write_text(
        "Breaking \x1b[31mRed\x1b[0m News Today\n\n"
        + "A paragraph long enough to count as body text here. " * 4,
        encoding="utf-8",
    )
    assert cli.main(["parse", "--text", str(post)]) == 0
    assert cli.main(["parse", str(post)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out


def test_version_names_the_package(capsys):
    try:
        cli.main(["--version"])
    except SystemExit as exit:
        assert exit.code == 0
    assert capsys.readouterr().out.startswith("article-ingest ")


def test_parse_text_prints_the_standfirst_once(capsys):
    from ..conftest import SAMPLES

    assert cli.main(["parse", "--text", str(SAMPLES / "harbour-ferry-timetable.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Harbour Ferry Returns to Its Winter Timetable\n\nThe harbour ferry moves")
    assert out.count("The harbour ferry moves to fewer crossings") == 1
