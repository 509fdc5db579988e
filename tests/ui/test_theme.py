"""Light and dark: error text and the dashboard's charts follow the desktop's theme, also when
it changes while the app is open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from caseapp.services.demo import build_demo_caseload
from caseapp.services.registry import open_services
from caseapp.ui.insight.dashboard_page import DashboardPage
from caseapp.ui.passphrase_fields import problem_label
from caseapp.ui.widgets.field_errors import error_label


@pytest.fixture
def go_dark(qapp) -> Iterator:  # type: ignore[no-untyped-def]
    """Switches the application to a dark palette, as a desktop's theme change does."""
    light = QApplication.palette()

    def switch() -> None:
        dark = QPalette(light)
        dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
        dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
        QApplication.setPalette(dark)
        QApplication.processEvents()

    yield switch
    QApplication.setPalette(light)
    QApplication.processEvents()


def test_error_text_turns_to_the_dark_themes_red(qtbot, go_dark) -> None:  # type: ignore[no-untyped-def]
    labels = [error_label(), problem_label("Passphrase")]
    for label in labels:
        qtbot.addWidget(label)
        assert "#b3261e" in label.styleSheet()
    go_dark()
    for label in labels:
        assert "#ff8a80" in label.styleSheet()


def test_dashboard_charts_are_drawn_again_in_the_dark_theme(qtbot, store, go_dark) -> None:  # type: ignore[no-untyped-def]
    build_demo_caseload(store, people=30, seed=3)
    page = DashboardPage(open_services(store))
    qtbot.addWidget(page)
    page.refresh()
    themes = {view.chart().theme() for view in page.findChildren(QChartView)}
    assert themes == {QChart.ChartTheme.ChartThemeLight}

    go_dark()
    current = [page.grid.itemAt(i).widget() for i in range(page.grid.count())]
    assert len(current) == 4
    assert {view.chart().theme() for view in current} == {QChart.ChartTheme.ChartThemeDark}
