"""The README's layout table names files and folders that exist, so a newcomer's map stays true."""

from __future__ import annotations

import re

from ..conftest import ROOT

CODE = re.compile(r"`([^`\s]+)`")


def layout_rows() -> list[tuple[str, list[str]]]:
    text = (ROOT / "README.md").read_text()
    table = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            rows.append((cells[0], CODE.findall(cells[1])))
    return rows


def named_paths(token: str) -> bool:
    return token.endswith(("/", ".py", ".yaml", ".json", ".md")) and not token.startswith(("http", "."))


def test_every_path_in_the_layout_table_exists():
    rows = layout_rows()
    assert len(rows) >= 8
    missing = []
    for first, mentioned in rows:
        bases = [ROOT / path for path in CODE.findall(first)]
        for base in bases:
            if not base.exists():
                missing.append(str(base.relative_to(ROOT)))
        folders = [base for base in bases if base.is_dir()]
        for token in filter(named_paths, mentioned):
            # a name in the "what" column lives under the row's folder, or one level down (extract/)
            candidates = [ROOT / token] + [folder / token for folder in folders]
            candidates += [sub / token for folder in folders for sub in folder.iterdir() if sub.is_dir()]
            if not any(candidate.exists() for candidate in candidates):
                missing.append(f"{token} (row {first})")
    assert not missing, missing
