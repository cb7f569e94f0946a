"""Paths the README's commands name relative to the project (infra/samples), from any folder."""

from __future__ import annotations

from pathlib import Path

from .output import note

PROJECT = Path(__file__).resolve().parents[2]


def project_path(path: Path) -> Path:
    """The path as given; `infra/samples/...` that is not here names this project's samples."""
    if not path.exists() and not path.is_absolute() and path.parts[:2] == ("infra", "samples"):
        found = PROJECT / path
        if found.exists():
            note(f"{path}: not here; using the project's {found}")
            return found
    return path
