"""Line charts as PNG bytes, readable on a phone.

``draw(LineChart(...)) -> bytes``. The chart is described by plain values (years and
figures, ``None`` where there is no figure), so the answers never touch matplotlib and the
bot starts without importing it: matplotlib is imported inside ``draw``, with the Agg
canvas and no pyplot, so there is no global figure registry and drawing is safe in a
worker thread. The same chart gives the same bytes (no software or date metadata).

Style: 8 x 5 inches at 120 dpi, base type 14 pt, one colour for the series (solid for the
Home Office tables; dashed with hollow markers for figures as reported), grey for the
reference line, and the source stamped in small grey type at the bottom.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from typing import Any

from bot import fmt

WIDTH, HEIGHT, DPI = 8.0, 5.0, 100
BASE_SIZE = 14
COLOUR = "#1f4e8c"  # the series: tables and as reported
GREY = "#8a8a8a"  # the reference line and the stamp
INK = "#222222"
MAX_TICK_LABELS = 6
DASHED = (0, (4, 3))


@dataclass(frozen=True)
class Line:
    """One series: (fye, value) points; ``None`` is a year with no figure (a gap)."""

    label: str
    points: tuple[tuple[int, float | None], ...]
    style: str = "main"  # main | reported | reference


@dataclass(frozen=True)
class LineChart:
    title: str
    y_label: str
    lines: tuple[Line, ...]
    stamp: tuple[str, ...]  # source and data edition: short parts, packed into lines
    x_label: str = "Financial year (April to March)"


def plot_values(line: Line) -> tuple[list[int], list[float | None]]:
    """The x and y values drawn for a line: every year from its first to its last, ``None``
    where it has no figure (a year missing from the points is a gap too). The plotting call
    turns ``None`` into NaN, which breaks the line: a gap, never a zero."""
    values = dict(line.points)
    if not values:
        return [], []
    years = list(range(min(values), max(values) + 1))
    return years, [values.get(year) for year in years]


def tick_years(years: list[int]) -> list[int]:
    """At most MAX_TICK_LABELS evenly spaced years to label, always the last one."""
    if not years:
        return []
    first, last = min(years), max(years)
    step = max(1, math.ceil((last - first + 1) / MAX_TICK_LABELS))
    ticks = list(range(last, first - 1, -step))
    return sorted(ticks)


def draw(chart: LineChart) -> bytes:
    """The chart as PNG bytes."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    # Unhinted glyphs draw about a fifth faster and look the same at this size; set once
    # (the bot draws nothing else with matplotlib, so the global setting is ours).
    matplotlib.rcParams["text.hinting"] = "no_hinting"

    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.15, 0.27, 0.78, 0.55))
    years: list[int] = []
    for line in chart.lines:
        xs, ys = plot_values(line)
        years += [x for x, y in zip(xs, ys, strict=True) if y is not None]
        _plot(axes, xs, ys, line)
    segment = joint(chart.lines)
    if segment:
        axes.plot(*segment, color=COLOUR, linewidth=2.2, linestyle=DASHED, zorder=2)
    _frame(axes, chart, years, FuncFormatter(lambda value, _: fmt.count(value)))
    title_size = BASE_SIZE + 3 if len(chart.title) <= 52 else BASE_SIZE + 1
    figure.text(0.02, 0.96, chart.title, fontsize=title_size, weight="bold", color=INK, va="top")
    handles, labels = axes.get_legend_handles_labels()
    if labels:
        figure.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(0.01, 0.905),
            ncol=len(labels),
            frameon=False,
            fontsize=BASE_SIZE - 2,
            handlelength=2.2,
            columnspacing=1.2,
        )
    for index, text in enumerate(stamp_lines(chart.stamp)):
        figure.text(0.02, 0.105 - 0.036 * index, text, fontsize=BASE_SIZE - 5, color=GREY)
    buffer = io.BytesIO()  # no pyplot: nothing else holds the figure, freed on return
    figure.savefig(
        buffer, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 1}
    )
    return buffer.getvalue()


def stamp_lines(parts: tuple[str, ...], width: int = 116) -> list[str]:
    """The stamp's parts packed into lines of the image width ("; " between parts): at
    most three lines. Small text is the costliest thing drawn, so it stays short."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            lines += textwrap.wrap(part[:1].upper() + part[1:], width)
    return lines[:3]


def joint(lines: tuple[Line, ...]) -> tuple[list[int], list[float]] | None:
    """The dashed segment from the tables' last figure to the first figure as reported,
    when they are consecutive years (otherwise the years between are a gap)."""
    main = [p for line in lines if line.style == "main" for p in sorted(line.points)]
    reported = [p for line in lines if line.style == "reported" for p in sorted(line.points)]
    last = next(((x, y) for x, y in reversed(main) if y is not None), None)
    first = next(((x, y) for x, y in reported if y is not None), None)
    if last and first and first[0] == last[0] + 1:
        return [last[0], first[0]], [last[1], first[1]]
    return None


def _plot(axes: Any, xs: list[int], ys: list[float | None], line: Line) -> None:
    """Draw one line. NaN for None, so the line breaks at a gap."""
    values = [math.nan if value is None else value for value in ys]
    if line.style == "reference":
        axes.plot(xs, values, color=GREY, linewidth=2.5, label=line.label, zorder=1)
    elif line.style == "reported":
        axes.plot(
            xs,
            values,
            color=COLOUR,
            linewidth=2.2,
            linestyle=DASHED,
            marker="o",
            markersize=8,
            markerfacecolor="white",
            markeredgecolor=COLOUR,
            markeredgewidth=2,
            label=line.label,
            zorder=3,
        )
    else:
        axes.plot(
            xs,
            values,
            color=COLOUR,
            linewidth=3,
            marker="o",
            markersize=6,
            label=line.label,
            zorder=3,
        )


def _frame(axes: Any, chart: LineChart, years: list[int], formatter: Any) -> None:
    ticks = tick_years(years)
    axes.set_xticks(ticks, [fmt.fye(year) for year in ticks], fontsize=BASE_SIZE - 1)
    if years:
        axes.set_xlim(min(years) - 0.4, max(years) + 0.4)
    axes.set_ylim(bottom=0, top=axes.get_ylim()[1] * 1.08)
    axes.yaxis.set_major_formatter(formatter)
    widest = max((len(fmt.count(tick)) for tick in axes.get_yticks()), default=5)
    axes.set_position((0.075 + 0.0145 * widest, 0.27, 0.87 - 0.0145 * widest, 0.55))
    axes.tick_params(axis="y", labelsize=BASE_SIZE - 1, colors=INK)
    axes.tick_params(axis="x", colors=INK)
    axes.set_ylabel(chart.y_label, fontsize=BASE_SIZE, color=INK)
    axes.set_xlabel(chart.x_label, fontsize=BASE_SIZE - 2, color=GREY)
    axes.grid(axis="y", color="#dddddd", linewidth=1)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
