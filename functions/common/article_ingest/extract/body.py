"""HTML post in, article sections out: trafilatura finds the main text, we strip what it lets through,
and add back the standfirst it drops with the page header.

trafilatura (the strongest measured open-source extractor) does the page-level work. Its output
still carries reader comments it did not recognise, share bars, social and newsletter calls,
related-post lists and the author's own plugs. We walk its XML body block by block and remove
those with general signals: phrasing (promo.py), link density, and position (a comment section
runs to the end of the body; a "Related" heading takes the links under it).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property

from lxml import etree
from lxml.html import HtmlElement

from ..compat import xmltotxt
from ..models import ParagraphKind, RemovedKind, Section, reading_order
from . import intents, promo
from .article import Extracted
from .authors import read_byline
from .code_blocks import code_apart, code_text, pre_as_code
from .comments import comment_containers, text_blocks
from .layout_tables import layout_tables_as_blocks
from .passes import MIN_PRUNED_BODY_CHARS, read_body, unflattened
from .stand_ins import math_as_text, set_aside
from .standfirst import find_standfirst
from .tree import BLOCK_TAGS, PageLinks, flat_text, inline_runs, text_chars

# A link-heavy block (teaser titles, "read more" lists) has most of its text inside links.
LINK_HEAVY = 0.5
# A comment-section marker this early is a table of contents or a teaser, not the comments.
MIN_TEXT_BEFORE_COMMENTS = 0.25
# Guard against over-pruning: if structural cuts would leave less than this share, undo them.
MIN_KEPT_SHARE = 0.4
# Trailing link-heavy blocks shorter than this are teaser titles, not paragraphs with a source link.
MAX_TEASER_CHARS = 200
# Whole links opening the body, at least this many, are a menu; a short heading above them is its title.
MIN_LEADING_MENU_LINKS = 5
MAX_MENU_TITLE_CHARS = 80
# A section heading is a line; longer "headings" are styled paragraphs (a headline candidate may be
# longer: page_meta.MAX_HEADLINE_CHARS).
MAX_RESTORED_HEADING_CHARS = 150
# A body block this long whose every line is found inside a comment's text is that comment.
MIN_COMMENT_PART_CHARS = 40
# A post's meta row ("3. März 2024 | Allgemein") sits above its text, under the headline; further
# down, a row joined by "|" is as likely an event's details ("Stadthalle | 19:30 Uhr | Eintritt frei").
MAX_CHARS_ABOVE_META_ROW = 200
# A call to action broken over lines has a link or a few words on each.
MAX_FRAGMENT_CHARS = 80
# A block this long is a paragraph of the article; calls to action after the last one stand in its tail.
MIN_PARAGRAPH_CHARS = 200
# A link text shorter than this ("X", "»") is found inside any line.
MIN_LINK_TEXT_CHARS = 3
# A drop cap: one capital letter, perhaps after an opening quote.
DROP_CAP = re.compile(r"[\"'„“«‚‘]?[^\W\d_]")
DROP_CAP_KEY_CHARS = 40
# A repeated paragraph shorter than this ("***", "Anzeige") is layout, not a refrain.
MIN_REPEATED_CHARS = 15
# Linked section headings in the first half of a body that make it a listicle.
MIN_LISTICLE_ITEMS = 2
# Whitespace a browser collapses (not the no-break space, which it keeps).
WHITESPACE_RUN = re.compile(r"[ \t\n\r\f]+")
# Marks the line after a <br> in trafilatura's text (xmltotxt drops unprintable characters, so a token).
BR_MARK = "\u27e6br\u27e7"
# Enough of each side of a line break to find it in the page's source text.
WRAP_KEY_CHARS = 30
WORD_EDGES = " \x00"  # what stands around a word in SourceWraps._text: a space, or the end of a run
# The cheap tests first: most text nodes with a newline are the source's indentation, and the
# ancestor tests walk up the tree for each node they see (990 corpus pages: 1.19 s, now 0.50 s).
_TEXT_WITH_NEWLINE = etree.XPath(
    "//body//text()[contains(., '\n')][normalize-space()][not(ancestor::pre)][not(ancestor::script)]"
)


@dataclass
class Block:
    """One top-level element of trafilatura's body: a heading, paragraph, list or table."""

    tag: str
    level: int
    lines: list[str]
    links: PageLinks
    removed: RemovedKind | None = None
    # Per line: whether it opens a paragraph (False: a <br> continues the one above it).
    starts: list[bool] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        """The block's lines as the reader sees them: a <br> breaks a line inside a paragraph."""
        starts = self.starts if len(self.starts) == len(self.lines) else [True] * len(self.lines)
        found: list[str] = []
        for line, start in zip(self.lines, starts, strict=True):
            if start or not found:
                found.append(line)
            else:
                found[-1] += "\n" + line
        return found

    @cached_property
    def link_share(self) -> float:
        """Share of the text in lines that are a whole link (teaser titles, "read more" lists)."""
        keys = [" ".join(line.split()) for line in self.lines]
        linked = sum(len(key) for key in keys if key in self.links.away or key in self.links.in_page)
        return linked / max(1, sum(len(key) for key in keys))

    @cached_property
    def links_away(self) -> bool:
        """A heading that links to another page is a teaser title; section headings do not link away."""
        return self.is_heading and all(" ".join(line.split()) in self.links.away for line in self.lines)

    @property
    def chars(self) -> int:
        return sum(len(line) for line in self.lines)

    @property
    def is_heading(self) -> bool:
        return self.tag == "head"

    @property
    def is_code(self) -> bool:
        # Program text: '"Comment": {' in a JSON sample is not a comment section.
        return self.tag == "code"


def extract_html(tree: HtmlElement, url: str | None = None) -> Extracted:
    """The post's body as sections in reading order, with what was stripped recorded by kind.

    The tree is parse()'s, shared with the metadata: it comes back unchanged."""
    result = Extracted()
    containers = comment_containers(tree)
    # trafilatura works on its own copy of the tree; the comment containers are out of it only
    # while it copies, so the caller's tree comes back intact.
    links = PageLinks(tree)
    _ = links.every  # read with the comment containers in place: the article checks count their links too
    document, code_keys = _read_with_stand_ins(tree, url, links, containers)
    comment_lines: list[str] = []
    if containers and (document is None or document.body is None or _scrap(document.body)):
        # Guard against over-pruning: with the comments gone, trafilatura settled for a scrap
        # (its recall retry measures the page without them). The whole page does better.
        document, code_keys = _read_with_stand_ins(tree, url, links, [])
        comment_lines = [line for container in containers for line in text_blocks(container)]
        containers = []
        result.fallback = "too little text without the comment containers; extracted with them"
    for container in containers:
        for line in text_blocks(container):
            result.record_removed("comments", line)
    if document is None or document.body is None:
        return Extracted(fallback="no main text found")
    result.links = links
    with set_aside(containers):
        body = unflattened(document.body, tree)
    blocks = _blocks(body, result.links, SourceWraps(tree), code_keys)
    blocks = _restore_repeats(_join_drop_caps(blocks), tree)
    _restore_lost_drop_caps(blocks, tree)
    if comment_lines:
        blocks = _drop_comment_blocks(blocks, comment_lines, result)
    if not any(block.is_heading for block in blocks):
        _restore_headings(blocks, tree)
    _strip(blocks, result)
    result.sections = _sections(blocks)
    if not result.sections:
        result.fallback = result.fallback or "no main text found"
        return result
    result.standfirst = find_standfirst(tree, " ".join(extracted_text(result).split()))
    return result


def _scrap(body: etree._Element) -> bool:
    return text_chars(body) < MIN_PRUNED_BODY_CHARS


def _drop_comment_blocks(blocks: list[Block], comment_lines: list[str], result: Extracted) -> list[Block]:
    """After the fallback, the blocks that are all comment text still go, when the rest is a body.

    trafilatura needed the comments to find the page's main part (a recipe whose thread is most
    of the page), not to tell the article from them: what came from a comment container is known.
    """
    comments = "\n".join(" ".join(line.split()) for line in comment_lines)
    long_lines = [
        key
        for key in (" ".join(line.split()) for line in comment_lines)
        if len(key) >= MIN_COMMENT_PART_CHARS
    ]

    def in_comments(line: str) -> bool:
        key = " ".join(line.split())
        if key in comments:
            return True
        # Whitespace collapsed as rendered puts a commenter's name and words on one line, which the
        # comment container gives as separate blocks: what is left beside its comment lines is short.
        rest = key
        for comment in long_lines:
            if comment in rest:
                rest = rest.replace(comment, " ")
        return rest != key and len(rest.strip()) < MIN_COMMENT_PART_CHARS

    def from_comments(block: Block) -> bool:
        # A short block ("Zubereitung") may occur inside some comment by chance.
        if block.chars < MIN_COMMENT_PART_CHARS:
            return False
        return all(in_comments(line) for line in block.lines)

    inside = [from_comments(block) for block in blocks]
    kept = [block for block, is_comment in zip(blocks, inside, strict=True) if not is_comment]
    if sum(block.chars for block in kept) < MIN_PRUNED_BODY_CHARS:
        return blocks
    for block, is_comment in zip(blocks, inside, strict=True):
        if is_comment:
            for line in block.lines:
                result.record_removed("comments", line)
    return kept


def extracted_text(extracted: Extracted) -> str:
    """The body as plain text, one block a line: the standfirst, then headings and paragraphs."""
    return "\n".join(reading_order(extracted.standfirst, extracted.sections))


def _blocks(
    body: etree._Element,
    links: PageLinks,
    wraps: SourceWraps | None = None,
    code_keys: frozenset[str] = frozenset(),
) -> list[Block]:
    # trafilatura's include_links mode truncates some paragraphs at links, so link density is
    # measured line by line against the page's link texts instead: a line that is a whole link.
    blocks = []
    _move_tail_drop_caps(body)
    for element in (piece for child in body for piece in code_apart(child, code_keys)):
        if element.tag == "code":  # a <pre>: its lines, indentation and blank lines are the text
            code = unicodedata.normalize("NFC", code_text(element)).strip("\n").rstrip()
            if code.strip():
                blocks.append(Block("code", 0, [code], links, starts=[True]))
            continue
        for line_break in element.iter("lb"):  # trafilatura's <br>, told apart from other newlines
            line_break.tail = BR_MARK + (line_break.tail or "")
        text = unicodedata.normalize("NFC", xmltotxt(element, False))
        lines, starts = _rendered_lines(text, element.tag, wraps)
        if lines:
            level = _heading_level(element) if element.tag == "head" else 0
            blocks.append(Block(element.tag, level, lines, links, starts=starts))
    return blocks


def _join_drop_caps(blocks: list[Block]) -> list[Block]:
    """A drop cap set apart from its paragraph ("T" in its own element, then "his morning...")
    is the paragraph's first letter: one letter, then a paragraph going on in lower case."""
    joined: list[Block] = []
    for block in blocks:
        if block.tag == "p" and joined and _is_drop_cap(joined[-1]) and block.lines[0][:1].islower():
            letter = joined.pop().lines[0]
            block.lines[0] = letter + block.lines[0]
        joined.append(block)
    return joined


def _move_tail_drop_caps(body: etree._Element) -> None:
    """A drop cap outside any block ends up as the text after the block above it (the <h1>):
    it goes to the paragraph it starts."""
    for element in body:
        following = element.getnext()
        letter = (element.tail or "").strip()
        if following is not None and following.tag == "p" and DROP_CAP.fullmatch(letter):
            if (following.text or "")[:1].islower():
                following.text = letter + following.text
                element.tail = None


def _restore_lost_drop_caps(blocks: list[Block], tree: HtmlElement) -> None:
    """A drop cap trafilatura dropped (an element too short, or aria-hidden, to keep) is put back
    from the page: the paragraph there starts with the letter, or follows an element that is
    just the letter. Only paragraphs that start in lower case are looked up."""
    wanted = {
        _block_key(b)[:DROP_CAP_KEY_CHARS]: b for b in blocks if b.tag == "p" and b.lines[0][:1].islower()
    }
    if not wanted:
        return
    for paragraph in tree.iter("p"):
        text = " ".join(flat_text(paragraph).split())
        letter = ""
        for size in (1, 2):  # "T" or "„T"
            if text[size : size + DROP_CAP_KEY_CHARS] in wanted and DROP_CAP.fullmatch(text[:size]):
                letter, text = text[:size], text[size:]
                break
        else:
            before = paragraph.getprevious()
            if (
                before is not None
                and DROP_CAP.fullmatch(flat_text(before))
                and not (before.tail or "").strip()
            ):
                letter = flat_text(before)
        block = wanted.pop(text[:DROP_CAP_KEY_CHARS], None) if letter else None
        if block is not None:
            block.lines[0] = letter + block.lines[0]
        if not wanted:
            return


def _is_drop_cap(block: Block) -> bool:
    return block.tag == "p" and len(block.lines) == 1 and DROP_CAP.fullmatch(block.lines[0]) is not None


def _restore_repeats(blocks: list[Block], tree: HtmlElement) -> list[Block]:
    """Put back the copies of a paragraph the page repeats, which trafilatura keeps once.

    trafilatura's text recovery collapses elements of identical text (a refrain, a credit line
    under each entry). A copy comes back where the page has it, after the body paragraph before
    it, when it sits among the body's paragraphs (_among_body).
    """
    keyed = {_block_key(b): b for b in blocks if b.tag == "p" and len(b.lines) == 1}
    keyed = {key: block for key, block in keyed.items() if len(key) >= MIN_REPEATED_CHARS}
    if not keyed:
        return blocks
    paragraphs = list(tree.iter("p"))
    source = [" ".join(flat_text(p).split()) for p in paragraphs]
    repeated = {key for key, count in Counter(source).items() if count > 1 and key in keyed}
    if not repeated:
        return blocks
    kept = Counter(_block_key(b) for b in blocks)
    position = {_block_key(b): index for index, b in enumerate(blocks)}
    copies: list[tuple[int, int, Block]] = []  # (block to follow, order in the page, copy)
    seen: Counter[str] = Counter()
    first_at: dict[str, int] = {}  # where each paragraph's text first stands in the page
    anchor = -1  # the last source paragraph found in the body, not a copy: copies go after it
    after_body = False  # whether the source paragraph just before is in the body, or a copy put back
    for index, key in enumerate(source):
        seen[key] += 1
        first_at.setdefault(key, index)
        if key in repeated and seen[key] > kept[key]:
            after_body = after_body and _among_body(paragraphs, source, position, index, first_at[key])
            if after_body:
                block = replace(keyed[key], lines=list(keyed[key].lines))
                copies.append((position[source[anchor]], index, block))
        else:
            after_body = key in position
            anchor = index if after_body else anchor
    # From the last: copies after the same paragraph keep the page's order.
    for after, _, block in sorted(copies, key=lambda item: item[:2], reverse=True):
        blocks.insert(after + 1, block)
    return blocks


def _among_body(paragraphs: list, source: list[str], position: dict, index: int, first: int) -> bool:
    """A copy is the body's own when it sits among the body's paragraphs in one container: the
    paragraph before it is in the body and so is the one after (unless it ends the container).
    A copy in a box elsewhere is not, nor one that goes on the way its first did (a second
    rendering of the article: the same paragraphs again in the same order); first is where the
    copy's text first stands."""
    parent = paragraphs[index].getparent()
    if paragraphs[index - 1].getparent() is not parent:
        return False
    following = index + 1
    if following == len(source) or paragraphs[following].getparent() is not parent:
        return parent is not None and paragraphs[index] is parent.findall("p")[-1]
    goes_on = source[first + 1] == source[following] != source[index]
    return source[following] in position and not goes_on


def _block_key(block: Block) -> str:
    return " ".join(" ".join(block.lines).split())


class SourceWraps:
    """Where the page's source breaks a line inside one line of running text: a hard-wrapped
    paragraph.

    trafilatura keeps a paragraph's source newlines, and separates blocks it joined (its
    fallbacks) with newlines too; a newline is a wrap to undo only where the source has the two
    lines in one run of inline text (inline_runs), which a link or a <code> may interrupt without
    ending it. Read from the page on first use only.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    @cached_property
    def _text(self) -> str:
        blocks: dict[HtmlElement, None] = {}  # each block holding a wrapped text, in page order
        for node in _TEXT_WITH_NEWLINE(self._tree):
            if "\n" in node.strip():
                blocks[_block_of(node)] = None
        runs = (run for block in blocks for run in inline_runs(block) if "\n" in run.strip())
        return "\x00".join(" ".join(run.split()) for run in runs)

    def joins(self, before: str, after: str) -> bool:
        if not self._text:
            return False
        text = self._text
        before, after = " ".join(before.split()), " ".join(after.split())
        key = f"{before[-WRAP_KEY_CHARS:]} {after[:WRAP_KEY_CHARS]}"
        # A line shorter than its key is there whole, so it starts (or ends) at a word's edge: the
        # lines "make" and "su" of a listing are not a wrap of "make sure" elsewhere on the page.
        whole_before, whole_after = len(before) <= WRAP_KEY_CHARS, len(after) <= WRAP_KEY_CHARS
        at = text.find(key)
        while at != -1:
            end = at + len(key)
            if (not whole_before or at == 0 or text[at - 1] in WORD_EDGES) and (
                not whole_after or end == len(text) or text[end] in WORD_EDGES
            ):
                return True
            at = text.find(key, at + 1)
        return False


def _block_of(node) -> HtmlElement:
    """The nearest block holding a text node (an element's text, or the tail after it)."""
    element = node.getparent()
    if node.is_tail:
        element = element.getparent()
    while element.tag not in BLOCK_TAGS and element.getparent() is not None:
        element = element.getparent()
    return element


def _rendered_lines(text: str, tag: str, wraps: SourceWraps | None) -> tuple[list[str], list[bool]]:
    """A block's lines as rendered, and per line whether it opens a paragraph.

    Whitespace runs collapse to one space and a source-wrapped line joins the one above; in a
    paragraph a <br> goes on in the same paragraph and an empty line (<br><br>) opens the next;
    each list item, table row or quoted paragraph is a paragraph of its own.
    """
    lines: list[str] = []
    starts: list[bool] = []
    gap, broken = True, False  # an empty line above; a <br> above
    for raw in text.split("\n"):
        broken = broken or BR_MARK in raw
        line = _strip_marker(WHITESPACE_RUN.sub(" ", raw.replace(BR_MARK, "")), tag).strip(" ")
        if not line:
            gap = gap or not broken
            continue
        if lines and not gap and not broken and wraps is not None and wraps.joins(lines[-1], line):
            lines[-1] = f"{lines[-1]} {line}"
            continue
        lines.append(line)
        starts.append(gap or not broken or tag != "p")
        gap, broken = False, False
    return lines, starts


def _restore_headings(blocks: list[Block], tree: HtmlElement) -> None:
    """Put the page's section headings back above the paragraphs they introduce.

    trafilatura's fallbacks for a page without <article> or <main> keep paragraphs only, so the
    <h2> between them is lost, and so is the <h1> that opens the body. A heading counts when the
    block right after it in the page is a paragraph of the body; a heading whose text the body
    already holds, or another heading restored here, stays out. An <h1> counts only above the
    first paragraph: further down it is a page builder's styled line or a second copy of the
    title with its kicker ("Politics | ..."). (An <h1> that repeats the title is left out of the
    article later, with any other heading that does: article.without_title_headings.)
    """
    if not blocks:
        return
    starts = {_key(block.lines[0]): index for index, block in enumerate(blocks)}
    present = {_key(line) for block in blocks for line in block.lines}
    found: list[tuple[int, Block]] = []
    for heading in tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        text = _element_text(heading)
        if not text or len(text) > MAX_RESTORED_HEADING_CHARS or _key(text) in present:
            continue
        following = heading.getnext()
        while following is not None and not (isinstance(following.tag, str) and _element_text(following)):
            following = following.getnext()
        index = starts.get(_key(_element_text(following))) if following is not None else None
        if index is not None and (heading.tag != "h1" or index == 0):
            found.append((index, Block("head", int(heading.tag[1]), [text], blocks[0].links)))
            present.add(_key(text))
    for index, block in sorted(found, key=lambda item: item[0], reverse=True):
        blocks.insert(index, block)


def _element_text(element: HtmlElement) -> str:
    return unicodedata.normalize("NFC", flat_text(element))


def _key(text: str) -> str:
    # Enough of a block's start to recognise it, whatever whitespace trafilatura put inside.
    return " ".join(text.split())[:80]


def _heading_level(element: etree._Element) -> int:
    rend = element.get("rend") or ""
    if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456":
        return int(rend[1])
    return 2


def _strip_marker(line: str, tag: str) -> str:
    # List items render as "- item"; the marker is layout, not text.
    if tag == "list":
        stripped = line.lstrip()
        if stripped.startswith("- "):
            return stripped[2:]
    return line


def _strip(blocks: list[Block], result: Extracted) -> None:
    total = sum(block.chars for block in blocks)
    _cut_comment_section(blocks, total)
    _cut_related_lists(blocks)
    _cut_trailing_teasers(blocks)
    _cut_leading_menu(blocks)
    _cut_teaser_headings(blocks)
    _cut_byline(blocks)
    kept = sum(block.chars for block in blocks if block.removed is None)
    if total and kept < MIN_KEPT_SHARE * total:
        result.fallback = f"structural stripping would keep {kept} of {total} characters; relaxed"
        for block in blocks:
            block.removed = None
    seen = 0
    positions = _positions(blocks)
    for block, position in zip(blocks, positions, strict=True):
        above_text = seen < MAX_CHARS_ABOVE_META_ROW
        seen += block.chars
        if block.removed is None and not block.is_code:
            block.removed = _broken_call(block, position)
        if block.removed is not None:
            for line in block.lines:
                result.record_removed(block.removed, line)
            continue
        if block.is_code:
            continue
        kept_lines, kept_starts = [], []
        opens = True
        for line, start in zip(block.lines, block.starts or [True] * len(block.lines), strict=True):
            kind = promo.classify_line(line)
            if kind is None and above_text and block.tag != "table":
                # In a table, "12.05.2025 | Heim | 3:1" is a row of data, not a post's meta line.
                kind = promo.classify_meta_row(line)
            if kind is None and block.tag != "table" and _calls_to_action(line, block.links, position):
                kind = "promo"
            if kind is None:
                kept_lines.append(line)
                kept_starts.append(start or opens)
                opens = False
            else:
                result.record_removed(kind, line)
                opens = opens or start  # the line after a removed paragraph opener opens one
        if not kept_lines:
            block.removed = "boilerplate"
        block.lines, block.starts = kept_lines, kept_starts


def _read_with_stand_ins(tree: HtmlElement, url: str | None, links: PageLinks, aside: list[HtmlElement]):
    """trafilatura's reading of the page, with the containers set aside and formulas, code blocks and
    layout tables standing in as what a reader sees (stand_ins.py, code_blocks.py, layout_tables.py);
    with the keys of the code blocks it was given."""
    with set_aside(aside), math_as_text(tree), pre_as_code(tree) as code_keys, layout_tables_as_blocks(tree):
        return read_body(tree, url, links), code_keys


def _positions(blocks: list[Block]) -> list[str | None]:
    """Where each block stands for promo.call_to_action_logit: "tail" after the article's last
    paragraph, "aside" as one line between two paragraphs, else None."""
    paragraph = [
        not block.is_heading and block.removed is None and block.chars >= MIN_PARAGRAPH_CHARS
        for block in blocks
    ]
    last = max((index for index, is_paragraph in enumerate(paragraph) if is_paragraph), default=-1)
    positions: list[str | None] = []
    for index, block in enumerate(blocks):
        if index > last:
            positions.append("tail")
        elif (
            0 < index < len(blocks) - 1
            and len(block.lines) == 1
            and paragraph[index - 1]
            and paragraph[index + 1]
        ):
            positions.append("aside")
        else:
            positions.append(None)
    return positions


def _calls_to_action(line: str, links: PageLinks, position: str | None) -> bool:
    """promo's call-to-action score, told whether the line holds one of the page's links. Looking
    for the page's link texts in a line costs, so only when the link would decide."""
    logit = promo.call_to_action_logit(line, position=position)
    if logit is None or logit > 0:
        return logit is not None
    # A link adds its weight, and more when it shows the way to the site's own channel.
    if logit + intents.WEIGHTS["contact"] <= 0 and not promo.names_own_channel(line):
        return False
    # Only a link that ends the line counts: page-wide link texts ("Podcast", "Home") turn up
    # inside any sentence, while a call ends in its link ("Sign up for our e-news").
    key = " ".join(line.split()).rstrip(" .!:")
    # A line that is all link is judged by its words: "[email protected]" is an address, not a call.
    linked = any(MIN_LINK_TEXT_CHARS <= len(text) < len(key) and key.endswith(text) for text in links.every)
    return linked and promo.call_to_action_logit(line, linked=True, position=position) > 0


def _broken_call(block: Block, position: str | None = None) -> RemovedKind | None:
    """A call to action the page broke over lines, a link per network ("Síguenos en / Telegram, /
    Instagram"), is judged as the one line it reads as.

    Only fragments count: when a line is long or matches by itself ("Foto: dpa" above a
    sentence), the lines are separate, and joining them would take the sentence along.
    """
    if len(block.lines) < 2 or block.tag == "table":
        return None
    if any(len(line.strip()) > MAX_FRAGMENT_CHARS or promo.classify_line(line) for line in block.lines):
        return None
    joined = " ".join(line.strip() for line in block.lines)
    kind = promo.classify_line(joined)
    # Scored as one call only when <br>s broke one paragraph: the items of a list of steps each
    # stand alone ("Click Subscribe", "Click the bell") and are judged one by one.
    one_paragraph = not any(block.starts[1:])
    if kind is None and one_paragraph and _calls_to_action(joined, block.links, position):
        kind = "promo"
    return kind


def _cut_comment_section(blocks: list[Block], total: int) -> None:
    """From a "Leave a Reply" / "12 Kommentare" marker on, the body is the comment section."""
    seen = 0
    for index, block in enumerate(blocks):
        if seen >= MIN_TEXT_BEFORE_COMMENTS * total and _opens_comments(block):
            for rest in blocks[index:]:
                rest.removed = "comments"
            return
        seen += block.chars


def _opens_comments(block: Block) -> bool:
    # A comment header may carry the date on a second line; a paragraph must be the marker alone.
    if block.is_code or not (block.is_heading or len(block.lines) == 1):
        return False
    return promo.opens_comment_section(block.lines[0])


def _cut_byline(blocks: list[Block]) -> None:
    """A "Von Klaus Becker, 3. Februar 2026" line opening the body is the byline, not text."""
    for block in blocks:
        if block.removed is not None or block.is_heading:
            continue
        if not block.is_code and len(block.lines) == 1 and read_byline(block.lines[0].strip()) is not None:
            block.removed = "byline"
        return


def _cut_related_lists(blocks: list[Block]) -> None:
    """A "Related posts" heading takes along the link-heavy blocks under it."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if block.is_code or len(block.lines) != 1 or not promo.opens_related_list(block.lines[0]):
            continue
        block.removed = "navigation"
        while index < len(blocks) and _is_link_list_item(blocks[index]):
            blocks[index].removed = "navigation"
            index += 1


def _is_link_list_item(block: Block) -> bool:
    # A heading under a table of contents shares the text of an in-page link; it is the next section.
    if block.is_heading and not block.links_away:
        return False
    return block.link_share >= LINK_HEAVY


def _cut_trailing_teasers(blocks: list[Block]) -> None:
    """Short link-heavy blocks at the very end are teasers for other posts.

    One trailing link alone is more often the post's source, so it takes two teaser lines.
    """
    teasers: list[Block] = []
    kept = [block for block in blocks if block.removed is None]
    for block in reversed(kept):
        if block.chars > MAX_TEASER_CHARS or block.link_share < LINK_HEAVY:
            break
        teasers.append(block)
    # A short heading right above the teasers is the box's title ("Auch auf example.de").
    before = kept[len(kept) - len(teasers) - 1] if len(teasers) < len(kept) else None
    titled = teasers and before is not None and before.is_heading and before.chars <= 80
    if sum(len(block.lines) for block in teasers) >= 2 or titled:
        for block in teasers + ([before] if titled else []):
            block.removed = "navigation"


def _cut_leading_menu(blocks: list[Block]) -> None:
    """Whole links to other pages opening the body, one a line, are a menu the page's main
    container holds (a topics list above the story), perhaps under a short title of its own.

    A table of contents links into the page, and a listicle's linked item headings have text
    under them: neither is a run of links.
    """
    kept = [block for block in blocks if block.removed is None]
    start = 1 if kept and kept[0].is_heading and kept[0].chars <= MAX_MENU_TITLE_CHARS else 0
    end, items = start, 0
    while end < len(kept) and _all_links_away(kept[end]):
        items += len(kept[end].lines)
        end += 1
    if items >= MIN_LEADING_MENU_LINKS and end < len(kept):
        for block in kept[:end]:
            block.removed = "navigation"


def _all_links_away(block: Block) -> bool:
    if block.is_code or not block.lines:
        return False
    return all(
        len(line) <= MAX_TEASER_CHARS and " ".join(line.split()) in block.links.away for line in block.lines
    )


def _cut_teaser_headings(blocks: list[Block]) -> None:
    """Headings that link to other pages in the second half of the body are teaser titles.

    In the first half a linked heading is as often the post's own title (a permalink). A listicle
    links every item's heading to what it names, from the start: when linked headings with more
    than a teaser's text under them already run through the first half, the later ones with
    text are its items too (a related-posts box has linked titles at the end only).
    """
    total = sum(block.chars for block in blocks)
    seen = 0
    sections_in_first_half = 0  # linked headings with a section's text under them
    for index, block in enumerate(blocks):
        if block.removed is None and block.links_away:
            has_text = _section_text_chars(blocks, index) > MAX_TEASER_CHARS
            if seen < total / 2:
                sections_in_first_half += has_text
            elif not (has_text and sections_in_first_half >= MIN_LISTICLE_ITEMS):
                block.removed = "navigation"
        seen += block.chars


def _section_text_chars(blocks: list[Block], index: int) -> int:
    """Characters of the text under a heading, up to the next one. A listicle's item heading
    links to the thing it reviews and has paragraphs under it; a teaser has an excerpt at most."""
    chars = 0
    for block in blocks[index + 1 :]:
        if block.is_heading:
            break
        if block.removed is None:
            chars += block.chars
    return chars


def _sections(blocks: list[Block]) -> list[Section]:
    sections: list[Section] = []
    heading, level = None, 0
    paragraphs: list[str] = []
    kinds: list[ParagraphKind] = []

    def close() -> None:
        if heading or paragraphs:
            sections.append(Section(heading=heading, level=level, paragraphs=paragraphs, kinds=kinds))

    for block in blocks:
        if block.removed is not None:
            continue
        if block.is_heading:
            close()
            heading, level = block.lines[0], block.level or 2
            # Text trafilatura left inside the heading element after a line break is body text.
            paragraphs, kinds = block.lines[1:], ["text"] * len(block.lines[1:])
        else:
            found = block.paragraphs()
            paragraphs.extend(found)  # in place: a flat page of 40,000 blocks made copying quadratic
            kinds.extend(["code" if block.is_code else "text"] * len(found))
    close()
    return sections
