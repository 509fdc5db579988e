"""Column widths the worker sets on a record's tables come back in the next session; the
widths the app fits to the contents are not stored, and nothing stored names anyone."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt

from caseapp.services.registry import Services
from caseapp.ui.record.history_tab import HistoryTab
from caseapp.ui.record.pathway_tab import PathwayTab
from tests.ui.conftest import PEOPLE, shown_window


def drag_column_edge(qtbot, table, column: int, *, by: int) -> None:  # type: ignore[no-untyped-def]
    """The worker drags a column's right edge in the header, as with a mouse."""
    header = table.horizontalHeader()
    before = header.sectionSize(column)
    edge = QPoint(header.sectionViewportPosition(column) + before - 1, header.height() // 2)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(header.viewport(), edge + QPoint(by, 0))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=edge + QPoint(by, 0))
    assert header.sectionSize(column) == before + by


def test_widths_set_by_the_worker_come_back_and_stay(  # type: ignore[no-untyped-def]
    qtbot, services: Services, people, layout_settings: QSettings,
) -> None:
    window = shown_window(qtbot, services, layout_settings)
    view = window.workspace.open_person(people["Amna"])
    view.show_page(PathwayTab)
    view.show_page(HistoryTab)
    view.show_page(PathwayTab)
    window.resize(1100, 700)  # a window resize is not the worker setting widths
    drag_column_edge(qtbot, view.page(PathwayTab).table, 0, by=90)
    wanted = view.page(PathwayTab).table.horizontalHeader().sectionSize(0)
    window.close()
    layout_settings.sync()
    assert "columns/pathway" in layout_settings.allKeys()
    assert "columns/history" not in layout_settings.allKeys()
    stored = " ".join(layout_settings.allKeys())
    for given, family, _own in PEOPLE:
        assert given not in stored and family not in stored

    window = shown_window(qtbot, services, layout_settings)
    view = window.workspace.open_person(people["Semhar"])
    table = view.page(PathwayTab).table
    assert table.horizontalHeader().sectionSize(0) == wanted
    view.page(PathwayTab).reload()  # a change to the record refits the other tables, not this one
    assert table.horizontalHeader().sectionSize(0) == wanted
