"""bot.charts: PNG bytes of a sensible size, the same bytes for the same data, gaps passed to
the plotting call as gaps (None -> NaN, never 0), and no matplotlib until a chart is drawn."""

from __future__ import annotations

import math
import struct
import subprocess
import sys
import time

import pytest

from bot import charts
from bot.charts import Line, LineChart

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


@pytest.mark.parametrize("years", [[2010], list(range(2009, 2020)), list(range(2009, 2026))])
def test_tick_years_few_and_include_the_last(years):
    ticks = charts.tick_years(years)
    assert len(ticks) <= charts.MAX_TICK_LABELS and ticks[-1] == max(years)


def test_stamp_wraps_to_at_most_three_lines():
    assert len(charts.stamp_lines(("x " * 200,))) == 3


def test_the_bot_starts_without_importing_matplotlib():
    code = "import sys, bot.core, bot.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_drawing_is_quick():
    charts.draw(GAPPY)  # warm: the first call imports matplotlib
    start = time.perf_counter()
    for _ in range(3):
        charts.draw(GAPPY)
    assert (time.perf_counter() - start) / 3 < 1.0  # target 150 ms; loose for busy CI
