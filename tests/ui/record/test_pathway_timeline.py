"""The pathway on a time line: a bar per dated step, under way up to today, upcoming drawn
apart; a click on a bar selects its step in the table below."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette

from caseapp.models.codes import StepStatus, StepType
from caseapp.services.registry import Services
from caseapp.ui.record.pathway_tab import PathwayTab
from caseapp.ui.record.pathway_timeline import bars
from tests.ui.conftest import TODAY


@pytest.fixture
def tab(qtbot, services: Services) -> PathwayTab:  # type: ignore[no-untyped-def]
    person = services.people.add_young_person(
        given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4), referral_date=date(2026, 1, 5),
        right_to_work="unlimited", right_to_work_checked_on=date(2026, 1, 5)).id
    add = services.pathway.add_step
    add(person_id=person, type=StepType.CV_SUPPORT, status=StepStatus.COMPLETED,
        start_date=date(2026, 1, 12), end_date=date(2026, 2, 2))
    add(person_id=person, type=StepType.PAID_PLACEMENT, status=StepStatus.IN_PROGRESS, title="Parks assistant",
        start_date=date(2026, 9, 1))
    add(person_id=person, type=StepType.COURSE_OTHER, status=StepStatus.PLANNED, title="Forklift course")
    widget = PathwayTab(services, person)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_bar_for_each_dated_step(tab: PathwayTab) -> None:
    shown = bars([tab.model.row_at(r) for r in range(tab.model.rowCount())], TODAY)
    assert [b.step.type for b in shown] == [StepType.CV_SUPPORT, StepType.PAID_PLACEMENT]  # the course has no date yet
    assert shown[1].end == TODAY  # under way: up to today
    words = tab.timeline.accessibleDescription()
    assert "CV support, 12/01/2026 – 02/02/2026 (Completed)" in words
    assert "Paid placement: Parks assistant, since 01/09/2026 (In progress)" in words


def test_under_way_is_drawn_in_the_themes_accent(tab: PathwayTab) -> None:
    placement = next(b for b in tab.timeline._bars if b.step.status == StepStatus.IN_PROGRESS)
    rect = tab.timeline._rect(tab.timeline._bars.index(placement), placement)
    picture = tab.timeline.grab().toImage()
    middle = picture.pixelColor(rect.center().toPoint())
    assert middle == tab.timeline.palette().color(QPalette.ColorRole.Highlight)


def test_a_click_on_a_bar_selects_its_step(qtbot, tab: PathwayTab) -> None:  # type: ignore[no-untyped-def]
    timeline = tab.timeline
    lane, bar = next((n, b) for n, b in enumerate(timeline._bars) if b.step.type == StepType.PAID_PLACEMENT)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=timeline._rect(lane, bar).center().toPoint())
    assert tab.selected() is not None and tab.selected().id == bar.step.id
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(5, timeline.height() - 2))  # no bar there
    assert tab.selected().id == bar.step.id
