"""`article-ingest parse`: JSON per file, --text, stdin, and one-line reasons instead of tracebacks."""

import io
import json
import sys

import pytest
from article_ingest_ops import cli

POST = (
    "Harbour Seals Return\n\nPosted on 12 March 2024 by Alex Morgan\n\n"
    + "Volunteers counted 214 harbour seals on the sandbanks at low tide, up from 150 five years ago. " * 3
    + "\n\nThe colony is most visible in the two hours around low tide, when the sandbanks are dry.\n"
)


@pytest.fixture
def post(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text(POST, encoding="utf-8")
    return path


def test_parse_prints_one_json_object_per_file(post, capsys):
    assert cli.main(["parse", str(post), str(post)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    article = json.loads(lines[0])
    assert article["title"] == "Harbour Seals Return" and article["authors"] == ["Alex Morgan"]


def test_text_prints_title_and_body_only(post, capsys):
    cli.main(["parse", "--text", str(post)])
    out = capsys.readouterr().out
    assert out.startswith("Harbour Seals Return\n\nVolunteers counted") and "Posted on" not in out


def test_dash_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(POST.encode("utf-8"))))
    assert cli.main(["parse", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "text"


def test_failures_are_one_line_each_and_the_exit_is_non_zero(post, tmp_path, capsys):
    png = tmp_path / "image.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    code = cli.main(["parse", str(png), str(tmp_path / "missing.html"), str(empty), str(post)])
    captured = capsys.readouterr()
    assert code == cli.EXIT_FAILED
    errors = captured.err.splitlines()
    assert errors[0] == f"{png}: undecodable: binary file: PNG image (40 bytes), not a post"
    assert errors[1].startswith(f"{tmp_path / 'missing.html'}: unreadable: ")
    assert errors[2].startswith(f"{empty}: empty: ")
    assert "Traceback" not in captured.err
    assert len(captured.out.splitlines()) == 1  # the good file still printed


def test_an_unexpected_error_is_reported_without_a_traceback(post, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "parse", broken)
    assert cli.main(["parse", str(post)]) == cli.EXIT_FAILED
    assert capsys.readouterr().err == f"{post}: internal_error: RuntimeError: boom\n"


def test_limits_can_be_set_on_the_command_line(post, capsys):
    assert cli.main(["parse", "--max-input-bytes", "10", str(post)]) == cli.EXIT_FAILED
    assert "too_large" in capsys.readouterr().err


def test_subcommands_register_through_one_list():
    parser = cli.build_parser()
    choices = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    assert {
        "parse",
        "schema",
        "ingest",
        "list",
        "show",
        "failures",
        "reprocess",
        "redrive",
        "backfill",
    } <= set(choices)


def test_backfill_takes_an_iso_date_as_utc_and_refuses_anything_else(capsys):
    parser = cli.build_parser()

    assert parser.parse_args(["backfill", "--since", "2026-11-01"]).since == "2026-11-01T00:00:00+00:00"
    assert parser.parse_args(["backfill", "incoming/x/", "--since", "2026-11-01T08:00:00+01:00"]).since == (
        "2026-11-01T08:00:00+01:00"
    )
    with pytest.raises(SystemExit):
        parser.parse_args(["backfill", "--since", "last tuesday"])
    assert "not an ISO 8601 date" in capsys.readouterr().err


def test_backfill_status_needs_exactly_one_id(capsys):
    assert cli.main(["backfill", "status"]) == 1
    assert capsys.readouterr().err.strip() == (
        "article-ingest backfill: ValueError: usage: article-ingest backfill status ID"
    )
