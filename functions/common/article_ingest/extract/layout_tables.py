"""Tables that lay a page out, read as the blocks they hold while trafilatura reads the page.

Old club, council and shop sites put the whole page in a <table>: the menu in one cell, the article
in the next. trafilatura keeps such a table as a table, and its text came out as one row, "| menu |
headline paragraph paragraph … |": the article's paragraphs ran together with the menu. A cell that
holds a headline or several paragraphs is a page region, not a datum; while trafilatura reads the
page, the table, its rows and cells are <div>s, then their own tags again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree
from lxml.html import HtmlElement

# A data table's cell holds a value or a sentence; a layout cell holds the page's blocks.
MIN_LAYOUT_PARAGRAPHS = 3
# The table's own sections, rows and cells, not those of tables inside its cells.
_SECTIONS = etree.XPath("./thead | ./tbody | ./tfoot")
_CELLS = etree.XPath(
    "./tr/td | ./tr/th | ./*[self::thead or self::tbody or self::tfoot]/tr/*[self::td or self::th]"
)
_HEADLINES = etree.XPath(".//h1 | .//h2")
_ROWS = etree.XPath("./tr | ./*[self::thead or self::tbody or self::tfoot]/tr")
MAX_LAYOUT_ROWS = 3


def is_layout(table: HtmlElement) -> bool:
    """A table of a few rows (a header, the page, a footer) one of whose cells holds a headline or
    paragraphs; a table of many rows is data, whatever its cells hold (a timetable, a plan of steps)."""
    if len(_ROWS(table)) > MAX_LAYOUT_ROWS:
        return False
    return any(
        _HEADLINES(cell) or sum(1 for _ in cell.iter("p")) >= MIN_LAYOUT_PARAGRAPHS for cell in _CELLS(table)
    )


@contextmanager
def layout_tables_as_blocks(tree: HtmlElement) -> Iterator[None]:
    renamed: list[tuple[HtmlElement, str]] = []
    for table in [table for table in tree.iter("table") if is_layout(table)]:
        parts = [table, *_SECTIONS(table), *_ROWS(table), *_CELLS(table)]
        renamed += [(part, part.tag) for part in parts]
    for element, _ in renamed:
        element.tag = "div"
    try:
        yield
    finally:
        for element, tag in renamed:
            element.tag = tag
