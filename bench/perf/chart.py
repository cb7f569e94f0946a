"""A small SVG line chart for docs/ (no plotting library: the bench needs only the project venv).

cdf_svg draws, for each series, the share of pages done within x milliseconds, on a log x axis:
where one curve lies left of another, that extractor is faster on that share of the corpus.
"""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 40, 50
COLOURS = ("#d62728", "#1f77b4", "#7f7f7f", "#2ca02c")
MAX_POINTS = 200  # per curve: enough for a smooth line, small enough to read as a diff


def cdf_svg(series: dict[str, list[float]], title: str, x_label: str) -> str:
    values = [v for vs in series.values() for v in vs if v > 0]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    span = math.log10(high) - math.log10(low)

    def x(ms: float) -> float:
        return LEFT + (math.log10(max(ms, low)) - math.log10(low)) / span * (WIDTH - LEFT - RIGHT)

    def y(share: float) -> float:
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" font-size="14">{escape(title)}</text>',
        f'<text x="{WIDTH / 2}" y="{HEIGHT - 10}" text-anchor="middle">{escape(x_label)}</text>',
        f'<text x="14" y="{HEIGHT / 2}" text-anchor="middle" transform="rotate(-90 14 {HEIGHT / 2})">'
        "share of pages</text>",
    ]
    decade = low
    while decade <= high:
        for step in (1, 2, 5):
            tick = decade * step
            if tick > high:
                break
            parts.append(_line(x(tick), y(0), x(tick), y(1), "#e0e0e0"))
            parts.append(f'<text x="{x(tick):.1f}" y="{y(0) + 16:.1f}" text-anchor="middle">{tick:g}</text>')
        decade *= 10
    for share in (0, 0.25, 0.5, 0.75, 1):
        parts.append(_line(LEFT, y(share), WIDTH - RIGHT, y(share), "#e0e0e0"))
        parts.append(f'<text x="{LEFT - 6}" y="{y(share) + 4:.1f}" text-anchor="end">{share:.0%}</text>')
    for index, (name, times) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        ordered = sorted(times)
        step = max(1, len(ordered) // MAX_POINTS)
        points = [(x(ms), y((i + 1) / len(ordered))) for i, ms in enumerate(ordered) if i % step == 0]
        points.append((x(ordered[-1]), y(1)))
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        legend_y = TOP + 8 + 18 * index
        parts.append(_line(LEFT + 12, legend_y, LEFT + 36, legend_y, colour, width=3))
        parts.append(f'<text x="{LEFT + 42}" y="{legend_y + 4}">{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: int = 1) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{width}"/>'
    )
