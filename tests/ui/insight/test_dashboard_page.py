"""The dashboard on a demo caseload: charts drawn from the service's figures, lists that open people."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt

from caseapp.services.demo import build_demo_caseload
from caseapp.services.registry import open_services
from caseapp.ui.insight.dashboard_page import DashboardPage
from tests.ui.record_fixtures import unnamed_controls


def test_dashboard_charts_and_lists(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    build_demo_caseload(store, people=80, seed=7)
    services = open_services(store)
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.refresh()
    figures = page.figures
    assert figures is not None
    charts = page.findChildren(QChartView)
    assert {c.accessibleName() for c in charts} == {
        "EET status now chart", "EET status by month chart", "Pathway funnel chart", "Overdue contacts by worker chart"}
    now = next(c for c in charts if c.accessibleName() == "EET status now chart")
    [series] = now.chart().series()
    shown = [int(series.barSets()[0].at(i)) for i in range(series.barSets()[0].count())]
    assert sum(shown) == sum(c.count for c in figures.eet_now)
    # One tab per list, each with its count; a click opens that young person.
    assert page.lists.count() == 5
    assert unnamed_controls(page) == []
    assert page.lists.tabText(0) == f"NEET 12 months or more ({len(figures.neet_12_months)})"
    lists = (figures.neet_12_months, figures.no_level_2, figures.right_to_work_expiring,
             figures.no_contact_8_weeks, figures.below_living_wage)
    index = next((i for i, entries in enumerate(lists) if entries), None)
    assert index is not None, "the demo should give at least one list entry"
    facts = lists[index]
    widget = page.lists.widget(index)
    with qtbot.waitSignal(page.person_requested) as opened:
        widget.itemClicked.emit(widget.item(0))
    assert opened.args == [facts[0].person_id]
    assert widget.item(0).data(Qt.ItemDataRole.UserRole) == facts[0].person_id


def test_empty_caseload_dashboard(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    page = DashboardPage(open_services(store))
    qtbot.addWidget(page)
    page.refresh()
    assert page.figures.open_cases == 0
    assert page.lists.widget(0).item(0).text() == "Nobody at the moment."
