"""Line charts as PNG bytes, readable on a phone.

``draw(LineChart(...)) -> bytes``. The chart is described by plain values (years and
figures, ``None`` where there is no figure), so the answers never touch matplotlib and the
bot starts without importing it: matplotlib is imported inside ``figure_of``, with the Agg
canvas and no pyplot, so there is no global figure registry and drawing is safe in a
worker thread. The same chart gives the same bytes (no software or date metadata).

Style: 8 x 5.6 inches at 100 dpi, shown about half size on a phone, so no text is smaller
than 11 pt and all of it is dark enough on white for WCAG AA (4.5:1). One colour for the
series (solid for the Home Office tables; dashed with hollow markers for figures as
reported), grey for the reference line, which has a legend row of its own so that its
label can say what it is and why it starts where it starts. Long titles and the source
line wrap, never lose words; the first and the last year are always labelled.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from typing import Any

from bot.writing import fmt

WIDTH, HEIGHT, DPI = 8.0, 5.6, 100
BASE_SIZE = 14
TITLE_SIZE, LEGEND_SIZE, SOURCE_SIZE = BASE_SIZE + 3, BASE_SIZE - 2, 11  # points
TITLE_WRAP, LEGEND_WRAP, SOURCE_WRAP = 54, 74, 92  # characters a line at those sizes
COLOUR = "#1f4e8c"  # the series: tables and as reported
GREY = "#8a8a8a"  # the reference line (a line, not text: 3.4:1 on white)
INK = "#222222"  # titles, labels, ticks
QUIET = "#555555"  # the axis label and the source: 7.5:1 on white
MAX_TICK_LABELS = 6
DASHED = (0, (4, 3))
MARGIN = 16  # pixels
LINE_HEIGHT = 1.3  # of the type size


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
    stamp: tuple[str, ...]  # the source in words: short parts, packed into lines
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
    """At most MAX_TICK_LABELS years to label, always the first and the last, the others
    spread evenly between them (gaps differ by at most a year, and are never narrower than
    the step that fits MAX_TICK_LABELS in, so labels never touch)."""
    if not years:
        return []
    first, last = min(years), max(years)
    span = last - first
    if not span:
        return [first]
    intervals = span // math.ceil(span / (MAX_TICK_LABELS - 1))  # each a whole step or more
    return sorted({first + round(i * span / intervals) for i in range(intervals + 1)})


def pixels(points: float) -> float:
    return points * DPI / 72


def draw(chart: LineChart) -> bytes:
    """The chart as PNG bytes."""
    buffer = io.BytesIO()  # no pyplot: nothing else holds the figure, freed on return
    figure_of(chart).savefig(
        buffer, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 1}
    )
    return buffer.getvalue()


def figure_of(chart: LineChart) -> Any:
    """The matplotlib Figure of the chart (a Figure; tests read its artists)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    # Unhinted glyphs draw about a fifth faster and look the same at this size; set once
    # (the bot draws nothing else with matplotlib, so the global setting is ours).
    matplotlib.rcParams["text.hinting"] = "no_hinting"

    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.15, 0.3, 0.78, 0.5))
    years: list[int] = []
    for line in chart.lines:
        xs, ys = plot_values(line)
        years += [x for x, y in zip(xs, ys, strict=True) if y is not None]
        _plot(axes, xs, ys, line)
    segment = joint(chart.lines)
    if segment:
        axes.plot(*segment, color=COLOUR, linewidth=2.2, linestyle=DASHED, zorder=2)
    top = _title(figure, chart.title)
    top = _legends(figure, axes, top)
    bottom = _stamp(figure, chart.stamp)
    _frame(axes, chart, years, FuncFormatter(lambda value, _: fmt.count(value)))
    _place(axes, top, bottom)
    return figure


def _title(figure: Any, title: str) -> float:
    """The title, wrapped; returns the pixel depth below it."""
    lines = title_lines(title)
    figure.text(
        MARGIN / figure.bbox.width,
        1 - MARGIN / figure.bbox.height,
        "\n".join(lines),
        fontsize=TITLE_SIZE,
        weight="bold",
        color=INK,
        va="top",
        linespacing=1.15,
    )
    return MARGIN + len(lines) * pixels(TITLE_SIZE) * LINE_HEIGHT


def title_lines(title: str) -> list[str]:
    """The title in lines of the image width, never cut; a long one breaks after its colon
    first ("Devon and Cornwall Police:" / "drug seizures per million people")."""
    if len(title) <= TITLE_WRAP:
        return [title]
    head, colon, tail = title.partition(": ")
    parts = [head + colon.rstrip(), tail] if colon else [title]
    return [line for part in parts for line in textwrap.wrap(part, TITLE_WRAP)]


def _legends(figure: Any, axes: Any, top: float) -> float:
    """The series in one legend row; the reference line in a row of its own, its label
    wrapped (it explains itself). Returns the pixel depth below them."""
    handles, labels = axes.get_legend_handles_labels()
    styles = {line.get_label(): line.get_color() == GREY for line in axes.get_lines()}
    rows = [
        [(h, label) for h, label in zip(handles, labels, strict=True) if not styles[label]],
        [(h, label) for h, label in zip(handles, labels, strict=True) if styles[label]],
    ]
    for row in (row for row in rows if row):
        texts = ["\n".join(textwrap.wrap(label, LEGEND_WRAP)) for _, label in row]
        figure.legend(
            [h for h, _ in row],
            texts,
            loc="upper left",
            bbox_to_anchor=(MARGIN / 2 / figure.bbox.width, 1 - top / figure.bbox.height),
            ncol=len(row),
            frameon=False,
            fontsize=LEGEND_SIZE,
            labelcolor=INK,
            handlelength=2.2,
            columnspacing=1.2,
            borderaxespad=0.2,
        )
        depth = max(text.count("\n") + 1 for text in texts)
        top += depth * pixels(LEGEND_SIZE) * LINE_HEIGHT + pixels(LEGEND_SIZE) * 0.6
    top += pixels(BASE_SIZE - 1) / 2  # the top y label stands half above the axes
    return top


def _stamp(figure: Any, parts: tuple[str, ...]) -> float:
    """The source, wrapped at the foot; returns its pixel height from the bottom."""
    lines = stamp_lines(parts)
    figure.text(
        MARGIN / figure.bbox.width,
        MARGIN / 2 / figure.bbox.height,
        "\n".join(lines),
        fontsize=SOURCE_SIZE,
        color=QUIET,
        va="bottom",
        linespacing=1.2,
    )
    return MARGIN / 2 + len(lines) * pixels(SOURCE_SIZE) * LINE_HEIGHT


def stamp_lines(parts: tuple[str, ...], width: int = SOURCE_WRAP) -> list[str]:
    """The stamp's parts packed into lines of the image width ("; " between parts),
    wrapped, never cut: a source that loses words is no source."""
    text = "; ".join(parts)
    return textwrap.wrap(text[:1].upper() + text[1:], width)


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
        axes.set_xlim(min(years) - 0.5, max(years) + 0.5)
    axes.set_ylim(bottom=0, top=axes.get_ylim()[1] * 1.08)
    axes.yaxis.set_major_formatter(formatter)
    axes.tick_params(axis="y", labelsize=BASE_SIZE - 1, colors=INK)
    axes.tick_params(axis="x", colors=INK)
    axes.set_ylabel(chart.y_label, fontsize=BASE_SIZE, color=INK)
    axes.set_xlabel(chart.x_label, fontsize=LEGEND_SIZE, color=QUIET)
    axes.grid(axis="y", color="#dddddd", linewidth=1)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _place(axes: Any, top: float, bottom: float) -> None:
    """The axes between the legends and the source: room on the left for the widest
    y label, below for the year labels and the axis label (all in pixels)."""
    width, height = WIDTH * DPI, HEIGHT * DPI
    widest = max((len(fmt.count(tick)) for tick in axes.get_yticks()), default=5)
    left = 60 + 11.6 * widest
    below = bottom + pixels(BASE_SIZE - 1) * 1.6 + pixels(LEGEND_SIZE) * 1.6 + 8
    axes.set_position(
        (left / width, below / height, (width - left - 24) / width, (height - top - below) / height)
    )
