"""The `inspect` report: one self-contained HTML page. Everything from the post is escaped; the page
loads nothing and runs no script (its Content-Security-Policy says so)."""

from __future__ import annotations

import html

from article_ingest.models import Article

from .inspect_lines import Line, unlocated

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
