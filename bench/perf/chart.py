"""The charts in docs/, drawn by matplotlib as SVG that is byte-for-byte the same for the same figures.

cdf_svg draws, for each series, the share of pages done within x milliseconds, on a log x axis:
where one curve lies left of another, that extractor is faster on that share of the corpus.
"""

from __future__ import annotations

import io
import math

WIDTH_IN, HEIGHT_IN, DPI = 7.2, 4.0, 100  # 720 x 400, the size docs/ has always shown
COLOURS = ("#d62728", "#1f77b4", "#7f7f7f", "#2ca02c")
MAX_POINTS = 200  # per curve: enough for a smooth line, small enough to read as a diff
# Element ids come from this salt instead of a random one, and text stays text rather than glyph
# paths, so the SVG changes only when the figures do.
SVG_STYLE = {"svg.hashsalt": "article-ingest", "svg.fonttype": "none", "font.family": "sans-serif"}
# No date, and no matplotlib version either: an upgrade alone would otherwise rewrite the file.
SVG_METADATA = {"Date": None, "Creator": None}


def cdf_svg(series: dict[str, list[float]], title: str, x_label: str) -> str:
    # Imported here, not at the top: run_all.py measures in its own process and loads this only to
    # write the page, after the measurements.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import LogLocator, PercentFormatter, ScalarFormatter

    low, high = decade_bounds([v for vs in series.values() for v in vs if v > 0])
    with plt.rc_context(SVG_STYLE):
        figure, axes = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        for index, (name, times) in enumerate(series.items()):
            xs, ys = cdf_points(times, low)
            axes.plot(xs, ys, color=COLOURS[index % len(COLOURS)], linewidth=2, label=name)
        axes.set_xscale("log")
        axes.set_xlim(low, high)
        axes.set_ylim(0, 1)
        axes.xaxis.set_major_locator(LogLocator(base=10, subs=(1, 2, 5)))
        axes.xaxis.set_major_formatter(ScalarFormatter())
        axes.xaxis.set_minor_locator(LogLocator(base=10, subs=()))
        axes.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        axes.set_yticks([0, 0.25, 0.5, 0.75, 1])
        axes.grid(True, color="#e0e0e0")
        axes.set_axisbelow(True)
        axes.set_title(title)
        axes.set_xlabel(x_label)
        axes.set_ylabel("share of pages")
        axes.legend(loc="upper left", frameon=False)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata=SVG_METADATA)
        plt.close(figure)
    return out.getvalue()


def cdf_points(times: list[float], low: float) -> tuple[list[float], list[float]]:
    """Every n-th point of the empirical CDF (at most about MAX_POINTS), ending at the slowest page;
    times under low (a page timed at 0.00 ms) are drawn at low, which a log axis can show."""
    ordered = [max(ms, low) for ms in sorted(times)]
    step = max(1, len(ordered) // MAX_POINTS)
    points = [(ms, (i + 1) / len(ordered)) for i, ms in enumerate(ordered) if i % step == 0]
    points.append((ordered[-1], 1.0))
    return [x for x, _ in points], [y for _, y in points]


def decade_bounds(values: list[float]) -> tuple[float, float]:
    """The powers of ten just below the fastest and just above the slowest value."""
    return 10 ** math.floor(math.log10(min(values))), 10 ** math.ceil(math.log10(max(values)))
