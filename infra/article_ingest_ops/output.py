"""What the operator CLI writes: results on stdout, everything else on stderr.

Keys, URLs and titles come from whoever uploaded the post, so every string is escaped before it
reaches a terminal: a key named with ANSI escapes must not repaint the operator's screen.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_NEWLINES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# json.dumps escapes C0 controls itself; these it leaves as they are.
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe(value: Any, keep_newlines: bool = False) -> str:
    """The value as text a terminal shows literally: control characters become visible escapes."""
    text = "" if value is None else str(value)
    return (_UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE).sub(_escape, text)


def json_line(value: Any) -> str:
    """One JSON Lines record; characters JSON allows raw but terminals act on are \\u-escaped."""
    return escape_json_text(json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":")))


def escape_json_text(text: str) -> str:
    """JSON text with the C1 controls and bidi overrides JSON leaves raw written as \\u escapes."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def plural(count: int, noun: str, many: str | None = None) -> str:
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def note(message: str) -> None:
    """A message for the person at the terminal (not a result): stderr, escaped."""
    print(safe(message, keep_newlines=True), file=sys.stderr)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO | None = None) -> int:
    """Aligned columns under a header row; the last column is left unpadded. Returns the row count."""
    out = out or sys.stdout
    cells = [[safe(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    for row in [list(headers), *cells]:
        padded = [c.ljust(w) for c, w in zip(row[:-1], widths[:-1], strict=True)] + [row[-1]]
        out.write("  ".join(padded).rstrip() + "\n")
    return len(cells)


def _terminal_size() -> tuple[int, int]:
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except OSError:
        return 0, 0
    return size.columns, size.lines


class Progress:
    """A progress bar with a total and a rate on stderr, only when stderr is a terminal (tqdm).

    Without a terminal, or without tqdm installed (it is an operator extra, not a layer
    dependency), it counts silently.
    """

    def __init__(self, label: str, total: int | None = None, unit: str = "post"):
        self.done = 0
        self._bar = None
        if sys.stderr.isatty():
            try:
                from tqdm import tqdm
            except ImportError:
                return
            width, height = _terminal_size()
            self._bar = tqdm(
                total=total,
                desc=label,
                unit=f" {unit}",
                file=sys.stderr,
                leave=True,
                # A pseudo-terminal without a size (script, some CI runners) reports 0 x 0, and
                # tqdm then draws nothing.
                ncols=None if width else 100,
                nrows=None if height else 24,
                dynamic_ncols=bool(width),
            )

    def __call__(self, step: int = 1) -> None:
        self.done += step
        if self._bar is not None:
            self._bar.update(step)

    def show(self, done: int, total: int, **postfix: object) -> None:
        """Set the bar from someone else's counters (an engine's), rather than counting steps here."""
        self.done = done
        if self._bar is not None:
            if self._bar.total != total:
                self._bar.total = total
            if postfix and postfix != getattr(self, "_postfix", None):
                self._postfix = postfix
                self._bar.set_postfix(postfix, refresh=False)
            self._bar.update(done - self._bar.n)

    def set_total(self, total: int) -> None:
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
