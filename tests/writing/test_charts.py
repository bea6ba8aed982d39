"""bot.writing.charts: PNG bytes of a sensible size, the same bytes for the same data, gaps
passed to the plotting call as gaps (None -> NaN, never 0), and no matplotlib until a chart is
drawn.
Readable on a phone: the real /trend charts on real data, read from matplotlib's artists
(never pixels): every text at least 11 pt and 4.5:1 on white, inside the image, the measure
in the title, the first and last years labelled, the grey line explained, the source in
words from data/sources.csv and no internal id."""

from __future__ import annotations

import math
import re
import struct
import subprocess
import sys
import time

import pytest

from bot.writing import charts, fmt
from bot.writing.charts import Line, LineChart
from tests.support.data_tables import table

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

GAPPY = LineChart(
    title="Hampshire Constabulary: drug seizures",
    y_label="Seizures per million people",
    lines=(
        Line("Home Office tables", ((2010, 2813.0), (2011, 2674.0), (2012, None), (2014, 2300.0))),
        Line("As reported", ((2015, 2400.0), (2017, 2500.0)), "reported"),
        Line("England and Wales", ((2011, None), (2012, 3700.0), (2013, 3400.0)), "reference"),
    ),
    stamp=("Source: test", "Data edition: test"),
)


def size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def test_png_signature_and_size_bounds():
    png = charts.draw(GAPPY)
    assert png.startswith(PNG_SIGNATURE)
    assert 10_000 < len(png) < 400_000
    width, height = size(png)
    assert (width, height) == (charts.WIDTH * charts.DPI, charts.HEIGHT * charts.DPI)
    assert 700 <= width <= 1280 and 400 <= height <= 800


def test_same_data_same_bytes_and_no_software_stamp():
    first, second = charts.draw(GAPPY), charts.draw(GAPPY)
    assert first == second
    assert b"matplotlib" not in first.lower() and b"tIME" not in first


def test_plot_values_keep_none_and_fill_missing_years_with_none():
    xs, ys = charts.plot_values(GAPPY.lines[0])
    assert xs == [2010, 2011, 2012, 2013, 2014]
    assert ys == [2813.0, 2674.0, None, None, 2300.0]
    assert charts.plot_values(GAPPY.lines[1]) == ([2015, 2016, 2017], [2400.0, None, 2500.0])


def test_the_plotting_function_receives_none_for_a_gap(monkeypatch):
    received = []
    original = charts._plot

    def spy(axes, xs, ys, line):
        received.append((line.style, list(ys)))
        original(axes, xs, ys, line)

    monkeypatch.setattr(charts, "_plot", spy)
    charts.draw(GAPPY)
    main = dict(received)["main"]
    assert main[2] is None and main[3] is None and 0 not in main


def test_matplotlib_is_given_nan_not_zero(monkeypatch):
    from matplotlib.axes import Axes

    calls = []
    original = Axes.plot

    def spy(self, *args, **kwargs):
        calls.append([list(a) for a in args if isinstance(a, list)])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Axes, "plot", spy)
    charts.draw(GAPPY)
    main_ys = calls[0][1]
    assert math.isnan(main_ys[2]) and math.isnan(main_ys[3])
    assert 0 not in main_ys


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (GAPPY.lines, ([2014, 2015], [2300.0, 2400.0])),
        (
            (Line("t", ((2018, 1.0), (2019, 2.0))), Line("r", ((2020, 3.0),), "reported")),
            ([2019, 2020], [2.0, 3.0]),
        ),
        ((Line("t", ((2019, 2.0),)), Line("r", ((2021, 3.0),), "reported")), None),
        ((Line("t", ((2019, None),)), Line("r", ((2020, 3.0),), "reported")), None),
    ],
)
def test_joint_only_between_consecutive_years(lines, expected):
    assert charts.joint(lines) == expected


@pytest.mark.parametrize("first", range(2006, 2020))
@pytest.mark.parametrize("last", range(2019, 2027))
def test_tick_years_few_even_and_include_the_first_and_last(first, last):
    ticks = charts.tick_years(list(range(first, last + 1)))
    assert len(ticks) <= charts.MAX_TICK_LABELS and (ticks[0], ticks[-1]) == (first, last)
    step = max(1, math.ceil((last - first) / (charts.MAX_TICK_LABELS - 1)))
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert all(gap >= step for gap in gaps)  # labels never touch
    assert not gaps or max(gaps) - min(gaps) <= 1  # evenly spread: none squeezed in


def test_stamp_wraps_and_never_loses_a_word():
    parts = ("source: " + "word " * 60, "later years as reported")
    lines = charts.stamp_lines(parts)
    assert len(lines) > 1 and all(len(line) <= charts.SOURCE_WRAP for line in lines)
    expected = "Source: " + "word " * 60 + "; later years as reported"
    assert " ".join(lines).split() == expected.split()


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("Kent Police: drug seizures", ["Kent Police: drug seizures"]),
        (
            "Devon and Cornwall Police: cannabis resin seizures per million people",
            ["Devon and Cornwall Police:", "cannabis resin seizures per million people"],
        ),
    ],
)
def test_long_titles_break_after_the_colon_and_keep_every_word(title, lines):
    assert charts.title_lines(title) == lines


def test_the_bot_starts_without_importing_matplotlib():
    code = "import sys, bot.core, bot.writing.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_drawing_is_quick():
    charts.draw(GAPPY)  # warm: the first call imports matplotlib
    start = time.perf_counter()
    for _ in range(3):
        charts.draw(GAPPY)
    assert (time.perf_counter() - start) / 3 < 1.0  # target 150 ms; loose for busy CI


# --- the real charts, readable on a phone ---------------------------------------------------

PHONE_CHARTS = [
    "/trend West Mercia",
    "/trend West Midlands region",
    "/trend national",
    "/trend cocaine Kent",
    "/trend Dyfed-Powys",
    "/trend Devon and Cornwall Police",
    "/trend Devon and Cornwall cannabis resin",
    "/trend national cocaine",
]


def series_of(core, text: str):
    from bot.answers.trend import TrendSeries
    from bot.reply import ChatContext
    from bot.run import run

    result = run(core.parser.parse(text), core.data, ChatContext())
    assert isinstance(result, TrendSeries)
    return result


def figure_for(core, text: str):
    from bot.answers.trend import chart_of

    series = series_of(core, text)
    figure = charts.figure_of(chart_of(series))
    figure.canvas.draw()  # lay out, so that extents are real
    return series, figure


def texts_of(figure) -> list:
    found = list(figure.texts)
    for legend in figure.legends:
        found += legend.get_texts()
    for axes in figure.axes:
        found += [axes.xaxis.label, axes.yaxis.label]
        found += [*axes.get_xticklabels(), *axes.get_yticklabels()]
    return [text for text in found if text.get_text() and text.get_visible()]


def contrast_on_white(colour) -> float:
    """WCAG 2 contrast ratio of a colour against white."""
    from matplotlib.colors import to_rgb

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in to_rgb(colour))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def source_text(figure) -> str:
    return next(t.get_text() for t in figure.texts if t.get_text().startswith("Source"))


@pytest.mark.parametrize("text", PHONE_CHARTS)
def test_every_text_large_dark_and_inside_the_image(core, text):
    _, figure = figure_for(core, text)
    renderer = figure.canvas.get_renderer()
    for artist in texts_of(figure):
        assert artist.get_fontsize() >= 11, artist.get_text()
        assert contrast_on_white(artist.get_color()) >= 4.5, artist.get_text()
        box = artist.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= figure.bbox.width, artist.get_text()
        assert box.y0 >= 0 and box.y1 <= figure.bbox.height, artist.get_text()


@pytest.mark.parametrize("text", PHONE_CHARTS)
def test_the_source_in_words_with_its_edition_and_no_internal_id(core, text):
    series, figure = figure_for(core, text)
    source = source_text(figure).replace("\n", " ")
    assert source.startswith("Source: ")
    every = " ".join(t.get_text() for t in texts_of(figure))
    assert core.data.store.version[:8] not in every
    assert not re.search(r"\b[0-9a-f]{8,}\b", every)  # no hash or internal id
    if series.points:  # the tables' publisher, dataset and edition, as data/sources.csv says
        cited = {row["source"]: row for row in table("sources")}
        first = series.points[0].fye
        national = series.kind == "national"
        row = cited["bdd-national-seizures" if national else f"bdd-seizures-fye{first}"]
        edition = row["edition"].removeprefix("Home Office ")
        assert "Home Office, Seizures of drugs in England and Wales" in source
        assert edition in source
    if series.per_million:
        assert "ONS mid-year population estimates" in source


@pytest.mark.parametrize("text", PHONE_CHARTS)
def test_title_names_the_measure_and_the_place(core, text):
    series, figure = figure_for(core, text)
    title = figure.texts[0].get_text().replace("\n", " ")
    assert title.startswith(series.name)
    assert ("per million people" in title) == series.per_million
    assert ("region" in title) == (series.kind == "region")
    assert ("police and Border Force" in title) == (series.kind == "national")


@pytest.mark.parametrize("text", PHONE_CHARTS)
def test_first_and_last_years_are_labelled(core, text):
    series, figure = figure_for(core, text)
    drawn = [p.fye for p in (*series.points, *series.reported) if p.value is not None]
    drawn += [p.fye for p in series.reference if p.value is not None]
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels[0] == fmt.fye(min(drawn)) and labels[-1] == fmt.fye(max(drawn))


def test_the_legend_explains_the_grey_line_and_why_it_starts_later(core):
    _, figure = figure_for(core, "/trend West Mercia")
    legend = " ".join(t.get_text() for lg in figure.legends for t in lg.get_texts())
    legend = legend.replace("\n", " ")
    first_population = min(
        int(row["mid_year"])
        for row in table("population")
        if row["area_id"] == "england-and-wales" and row["usable"] == "true"
    )
    start = fmt.fye(first_population + 1)  # 2011-12 uses mid-2011
    assert "England and Wales rate, the 43 territorial forces" in legend
    assert f"from {start}, the first year with a population estimate" in legend


def test_no_grey_line_no_explanation(core):
    _, figure = figure_for(core, "/trend Dyfed-Powys")
    legend = " ".join(t.get_text() for lg in figure.legends for t in lg.get_texts())
    assert "England and Wales" not in legend
