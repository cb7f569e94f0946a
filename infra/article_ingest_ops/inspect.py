"""`article-ingest inspect POST`: one self-contained HTML page showing what parsing did to a post.

Left, the post line by line (an HTML page as its visible text, block by block; a text post as its
lines), each removed line marked with its kind (comments, promo, share, navigation, byline, ...),
the lines kept in the article marked as kept, and the rest (page furniture the extractor left out
by structure: menus, footers) dimmed. Right, the article as stored, with its metadata and the counts.

A removed line is located by its text (Article.removed keeps up to 300 characters of each); one
that cannot be located in the post's lines is still listed, under its kind, below the post.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from article_ingest.models import Article

from .output import note, safe
from .paths import project_path

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul".split()
)
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg")
TRUNCATED_AT = 300  # extract.result.MAX_REMOVED_CHARS: removed lines longer than this are cut
MIN_PART_CHARS = 4  # a shorter line inside a removed block ("*", "|") is not evidence enough
KEPT_PART_CHARS = 20  # a shorter line found inside the article's text may be a coincidence ("News")

# Colour per kind; any kind not listed gets the last one.
KIND_COLOURS = {
    "comments": "#d9480f",
    "promo": "#ae3ec9",
    "share": "#1c7ed6",
    "navigation": "#0c8599",
    "byline": "#5c940d",
    "boilerplate": "#868e96",
    "related": "#e67700",
}


@dataclass
class Line:
    text: str
    status: str  # "kept", "removed" or "left-out"
    kind: str | None = None


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser(
        "inspect",
        help="write an HTML page showing what parsing kept and removed from a post",
        description="Parse one post offline (no AWS) and write a self-contained HTML report: the post "
        "with every removed block marked by its kind, beside the article and its metadata.",
        parents=[common],
    )
    command.add_argument("post", type=Path, help="an HTML page or a plain-text post")
    command.add_argument(
        "-o", "--output", help="the report's path (default: <post>.inspect.html here); - for stdout"
    )
    command.add_argument("--url", help="the page's URL, when the file does not carry one")
    command.add_argument("--content-type", help="a content-type hint, e.g. text/html; charset=utf-8")
    command.set_defaults(handler=cmd_inspect)


def cmd_inspect(args: argparse.Namespace) -> int:
    from article_ingest.errors import IngestError
    from article_ingest.extract import parse

    args.post = project_path(args.post)
    try:
        data = args.post.read_bytes()
        article = parse(data, filename=args.post.name, content_type=args.content_type, url=args.url)
    except OSError as error:
        note(f"article-ingest inspect: {args.post}: {error.strerror or error}")
        return 1
    except IngestError as error:
        note(f"article-ingest inspect: {args.post}: {error.code}: {error.reason}")
        return 1
    page = render(article, post_lines(data, article), args.post.name)
    if args.output == "-":
        sys.stdout.write(page)
        return 0
    output = Path(args.output or f"{args.post.name}.inspect.html")
    output.write_text(page, encoding="utf-8")
    print(safe(output))
    return 0


def post_lines(data: bytes, article: Article) -> list[Line]:
    """The post's lines, each marked kept, removed (with its kind) or left out."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    body = _envelope_body(data)
    texts = visible_lines(body) if article.format == "html" else _text_lines(body)
    return classify(texts, article)


def _envelope_body(data: bytes) -> bytes:
    """A JSON envelope's html or text; other posts as they are."""
    if data.lstrip()[:1] == b"{":
        try:
            envelope = json.loads(data)
        except ValueError:
            return data
        if isinstance(envelope, dict):
            body = envelope.get("html") or envelope.get("text")
            if isinstance(body, str):
                return body.encode("utf-8")
    return data


def _text_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    return [_normal(line) for line in text.splitlines() if line.strip()]


def visible_lines(data: bytes) -> list[str]:
    """An HTML page's visible text, one line per block element."""
    import lxml.html

    root = lxml.html.document_fromstring(data)
    for element in list(root.iter(*INVISIBLE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return [line for line in (_normal(row) for row in root.text_content().split("\n")) if line]


def _normal(text: str) -> str:
    return " ".join(text.split())


def classify(texts: list[str], article: Article) -> list[Line]:
    """Kept when the line is a block of the article; removed when it is (part of) a removed entry."""
    removed = [(kind, _normal(entry)) for kind, entries in article.removed.items() for entry in entries]
    blocks = [article.title or "", *(article.text.split("\n\n"))]
    kept_blocks = {_normal(block) for block in blocks if block}
    kept_text = " ".join(kept_blocks)
    lines = []
    for text in texts:
        exact = next((kind for kind, entry in removed if entry == text), None)
        if exact:
            lines.append(Line(text, "removed", exact))
        elif text in kept_blocks or (len(text) >= KEPT_PART_CHARS and text in kept_text):
            lines.append(Line(text, "kept"))
        elif kind := _removed_kind(text, removed):
            lines.append(Line(text, "removed", kind))
        else:
            lines.append(Line(text, "left-out"))
    return lines


def _removed_kind(line: str, removed: list[tuple[str, str]]) -> str | None:
    """The kind of the removed entry this line is part of (or, for a cut entry, begins with)."""
    for kind, entry in removed:
        if len(line) >= MIN_PART_CHARS and line in entry:
            return kind
        if len(entry) >= TRUNCATED_AT - 1 and line.startswith(entry):
            return kind
        if len(entry) >= MIN_PART_CHARS and entry in line and len(entry) >= 0.6 * len(line):
            return kind
    return None


def unlocated(lines: list[Line], article: Article) -> list[tuple[str, str]]:
    """Removed entries no marked line accounts for: listed under their kind below the post."""
    marked = [(line.kind, line.text) for line in lines if line.status == "removed"]
    missing = []
    for kind, entries in article.removed.items():
        for entry in entries:
            text = _normal(entry)
            if not any(k == kind and (t == text or t in text or text in t) for k, t in marked):
                missing.append((kind, text))
    return missing


# Rendering. Everything from the post is escaped; the page loads nothing and runs no script.

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#212529;background:#f8f9fa}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #dee2e6}
h1{font-size:20px;margin:0 0 8px}
.legend span,.tag{display:inline-block;border-radius:3px;padding:0 6px;margin-right:6px;color:#fff;
 font-size:12px;font-weight:600}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:16px;padding:16px 24px}
section.pane{background:#fff;border:1px solid #dee2e6;border-radius:6px;padding:12px 16px;min-width:0}
h2{font-size:16px;margin:0 0 8px}
.line{padding:2px 6px;margin:2px 0;border-left:4px solid transparent;white-space:pre-wrap;
 overflow-wrap:anywhere}
.line.kept{border-left-color:#2f9e44}
.line.left-out{color:#868e96}
.line.removed{text-decoration:line-through;text-decoration-thickness:1px}
.line.removed .tag{text-decoration:none}
table.counts{border-collapse:collapse;margin-top:8px}
table.counts td,table.counts th{border:1px solid #dee2e6;padding:2px 8px;text-align:left}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 12px}
dl.meta dt{font-weight:600}
dl.meta dd{margin:0;overflow-wrap:anywhere}
#article-text p{margin:0 0 10px}
"""


def _colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, "#495057")


def _kind_css(kinds: list[str]) -> str:
    return "".join(
        f'.line.removed[data-kind="{k}"]{{border-left-color:{_colour(k)};background:{_colour(k)}14}}'
        f'.tag[data-kind="{k}"],.legend [data-kind="{k}"]{{background:{_colour(k)}}}'
        for k in kinds
    )


def render(article: Article, lines: list[Line], name: str) -> str:
    e = html.escape
    kinds = sorted(set(article.removed) | {line.kind for line in lines if line.kind})
    missing = unlocated(lines, article)
    post_rows = [_line_html(line) for line in lines]
    if missing:
        post_rows.append("<h2>Removed, not located line by line</h2>")
        post_rows += [_line_html(Line(text, "removed", kind)) for kind, text in missing]
    counts = {kind: len(entries) for kind, entries in article.removed.items() if entries}
    statuses = {s: sum(1 for line in lines if line.status == s) for s in ("kept", "removed", "left-out")}
    count_rows = "".join(
        f'<tr><td><span class="tag" data-kind="{e(k)}">{e(k)}</span></td><td class="count" '
        f'data-kind="{e(k)}">{n}</td></tr>'
        for k, n in counts.items()
    )
    legend = "".join(f'<span data-kind="{e(k)}">{e(k)}</span>' for k in kinds)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>inspect: {e(name)}</title>
<style>{CSS}{_kind_css(kinds)}</style></head>
<body>
<header>
<h1>{e(name)}: {e(article.title or "(no title)")}</h1>
<div class="legend">removed by kind: {legend or "nothing removed"}</div>
<p class="key">Green edge: kept in the article. Struck through, with its kind: removed and recorded.
Grey: left out by the page's structure (menus, footers), not recorded by kind.</p>
<table class="counts" id="counts"><tr><th>removed</th><th>lines</th></tr>{count_rows}
<tr><td>post lines kept / removed / left out</td><td>{statuses["kept"]} / {statuses["removed"]} /
{statuses["left-out"]}</td></tr><tr><td>article words</td><td>{article.word_count}</td></tr></table>
</header>
<div class="columns">
<section class="pane" id="post"><h2>The post ({e(article.format)}), line by line</h2>
{"".join(post_rows)}
</section>
<section class="pane" id="article"><h2>The article</h2>
{_metadata_html(article)}
<div id="article-text">{_article_html(article)}</div>
</section>
</div>
</body></html>
"""


def _line_html(line: Line) -> str:
    e = html.escape
    if line.status == "removed" and line.kind:
        return (
            f'<div class="line removed" data-kind="{e(line.kind)}"><span class="tag" '
            f'data-kind="{e(line.kind)}">{e(line.kind)}</span>{e(line.text)}</div>'
        )
    return f'<div class="line {line.status}">{e(line.text)}</div>'


def _metadata_html(article: Article) -> str:
    fields = {
        "title": article.title,
        "authors": ", ".join(article.authors),
        "published": article.published,
        "modified": article.modified,
        "language": article.language,
        "site": article.site_name,
        "url": article.canonical_url or article.url,
        "tags": ", ".join(article.tags),
        "description": article.description,
        "charset": article.charset,
        "words": str(article.word_count),
        "reading time": f"{article.reading_time_minutes} min",
        "fallback": article.fallback,
        "extractor": article.extractor_version,
    }
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in fields.items() if v)
    return f'<dl class="meta" id="metadata">{rows}</dl>'


def _article_html(article: Article) -> str:
    e = html.escape
    parts = (
        [f'<p class="standfirst"><strong>{e(article.standfirst)}</strong></p>'] if article.standfirst else []
    )
    for section in article.sections:
        if section.heading:
            level = min(max(section.level, 2), 6) + 1 if section.level else 3
            parts.append(f"<h{min(level, 6)}>{e(section.heading)}</h{min(level, 6)}>")
        parts += [f"<p>{e(p)}</p>" for p in section.paragraphs]
    return "".join(parts)
