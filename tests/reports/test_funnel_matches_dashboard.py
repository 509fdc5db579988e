"""The caseload report's pathway funnel is the dashboard's: the same caseload, the same numbers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from caseapp.reports import api
from caseapp.services.dashboard import DashboardService
from caseapp.services.report_data import ReportDataService
from caseapp.store import Store
from tests.conftest import DEMO_TODAY, demo_store
from tests.reports.conftest import all_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with demo_store(tmp_path_factory.mktemp("demo"), people=150) as store:
        yield store


def on_screen(store: Store):  # type: ignore[no-untyped-def]
    return DashboardService(store, today=lambda: DEMO_TODAY).dashboard().funnel


def test_report_figures_and_dashboard_agree(demo) -> None:
    screen = on_screen(demo)
    paper = ReportDataService(demo, today=lambda: DEMO_TODAY).caseload_figures().funnel
    assert paper == screen
    assert [s.key for s in screen] == ["referred", "preparation", "placement", "work", "sustained"]
    # A demo where every stage is reached and closed cases count, or the comparison proves little.
    assert all(s.count for s in screen)
    assert screen[0].count == 150


def test_the_printed_funnel_carries_the_dashboards_numbers(demo, tmp_path) -> None:
    path = api.print_caseload_report(demo, out=tmp_path / "c.pdf", today=DEMO_TODAY)
    text = " ".join(all_text(path).split())
    referred = on_screen(demo)[0].count
    for stage in on_screen(demo):
        assert f"{stage.label} {stage.count:,} {100 * stage.count / referred:.0f}%" in text
