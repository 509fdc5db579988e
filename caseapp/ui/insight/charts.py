"""Small builders for the dashboard's charts, in the OS palette's colours."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    # Follow the desktop theme: light or dark, the chart matches the window.
    palette = QApplication.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundVisible(False)
    return chart


def view(chart: QChart, name: str, *, rows: int = 0) -> QChartView:
    """`rows`: how many category labels run down the left; each needs a line's height, or
    Qt elides every label to "..."."""
    chart_view = QChartView(chart)
    chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
    chart_view.setAccessibleName(name)
    line = chart_view.fontMetrics().height()
    chart_view.setMinimumHeight(max(260, 110 + int(rows * line * 1.8)))
    chart_view.setMinimumWidth(360)
    return chart_view


def _value_axis(maximum: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setRange(0, max(1, maximum))
    axis.setTickCount(min(6, max(2, maximum + 1)))
    # Round steps (0, 50, 100, …) rather than fifths of the largest value.
    axis.applyNiceNumbers()
    return axis


def horizontal_bars(title: str, labels: Sequence[str], values: Sequence[int], series_name: str) -> QChart:
    chart = _chart(title)
    bars = QBarSet(series_name)
    bars.append([float(v) for v in values])
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    # Qt draws the first category at the bottom; reversed, the list reads top to bottom.
    categories.append(list(labels))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    values_axis = _value_axis(max(values, default=0))
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values_axis)
    chart.legend().hide()
    return chart


def stacked_columns(title: str, categories: Sequence[str], stacks: Sequence[tuple[str, Sequence[int]]]) -> QChart:
    chart = _chart(title)
    series = QStackedBarSeries()
    for name, values in stacks:
        bars = QBarSet(name)
        bars.append([float(v) for v in values])
        series.append(bars)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(list(categories))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    totals = [sum(values[i] for _n, values in stacks) for i in range(len(categories))]
    values_axis = _value_axis(max(totals, default=0))
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values_axis)
    return chart


def columns(title: str, categories: Sequence[str], sets: Sequence[tuple[str, Sequence[int]]]) -> QChart:
    chart = _chart(title)
    series = QBarSeries()
    for name, values in sets:
        bars = QBarSet(name)
        bars.append([float(v) for v in values])
        series.append(bars)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(list(categories))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    values_axis = _value_axis(max((max(v, default=0) for _n, v in sets), default=0))
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values_axis)
    return chart
