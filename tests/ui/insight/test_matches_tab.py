"""The Matches tab: open opportunities ranked for one young person, each explained, unmet ones marked."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from caseapp.ui.insight.matches_tab import MatchesTab
from tests.ui.insight_fixtures import builder, opening, young_person
from tests.ui.record_fixtures import TODAY, shoot, unnamed_controls

REQUIREMENTS, WHY = 5, 6


def make_tab(qtbot, services, person_id: int) -> MatchesTab:  # type: ignore[no-untyped-def]
    tab = MatchesTab(services, person_id)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    return tab


def cell(tab: MatchesTab, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return tab.model.index(row, column).data(role)


def test_ranked_with_the_unmet_last_marked_in_words(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    employer = builder(services)
    unsafe = opening(services, employer, title="Groundworker", location="Southend")
    best = opening(services, employer, location="Basildon", closing_date=TODAY + timedelta(days=10))
    far = opening(services, employer, title="Bricklayer's mate", location="Harlow")
    sem = young_person(services, "Semhar", "Tekle", preferred_name="Sem", places_not_safe=["Southend"])
    tab = make_tab(qtbot, services, sem.id)

    assert [tab.model.row_at(r).opportunity_id for r in range(tab.model.rowCount())] == [best.id, far.id, unsafe.id]
    assert [cell(tab, 0, c) for c in range(5)] == [
        "Site assistant", "Paid placement", "Oakwood Builders", "Basildon",
        (TODAY + timedelta(days=10)).strftime("%d/%m/%Y")]
    assert cell(tab, 0, REQUIREMENTS) == "Met"
    assert cell(tab, 0, WHY) == ("interested in Construction; right to work confirmed; in Basildon, which they can "
                                 "reach; closes 01/12/2026, in 10 days")
    assert cell(tab, 2, REQUIREMENTS) == "Not met: in Southend, where they do not feel safe to travel"
    assert cell(tab, 2, 0, Qt.ItemDataRole.FontRole).italic()
    assert cell(tab, 0, 0, Qt.ItemDataRole.FontRole) is None
    tip = cell(tab, 2, WHY, Qt.ItemDataRole.ToolTipRole)
    assert "✗ Not met: in Southend, where they do not feel safe to travel" in tip.splitlines()
    assert "• interested in Construction" in tip.splitlines()
    assert "The last one has a requirement they do not meet yet" in tab.hint.text()
    assert tab.empty.isHidden()

    # The first is selected and explained below; choosing another explains that one.
    assert "Site assistant at Oakwood Builders" in tab.detail.toPlainText()
    rect = tab.table.visualRect(tab.model.index(2, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.selected().opportunity_id == unsafe.id
    detail = tab.detail.toPlainText()
    assert "Groundworker at Oakwood Builders" in detail
    assert "Not met: in Southend, where they do not feel safe to travel" in detail

    # Reloading keeps the choice and shows what changed.
    services.employers.close_opportunity(opportunity_id=far.id)
    tab.reload()
    assert tab.model.rowCount() == 2 and tab.selected().opportunity_id == unsafe.id


def test_keyboard_moves_the_detail(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    employer = builder(services)
    opening(services, employer, location="Basildon")
    opening(services, employer, title="Groundworker", location="Harlow")
    sem = young_person(services, "Semhar", "Tekle")
    tab = make_tab(qtbot, services, sem.id)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert "Groundworker" in tab.detail.toPlainText()


def test_empty_and_closed_case_sentences(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    sem = young_person(services, "Semhar", "Tekle")
    tab = make_tab(qtbot, services, sem.id)
    assert tab.model.rowCount() == 0
    assert tab.empty.isVisible() and not tab.table.isVisible()
    assert tab.empty.text().startswith("No open opportunity to suggest just now")

    opening(services, builder(services), location="Basildon")
    tab.reload()
    assert tab.model.rowCount() == 1 and tab.table.isVisible() and not tab.empty.isVisible()

    services.people.close_case(person_id=sem.id, closed_on=TODAY, reason="Moved out of area")
    tab.reload()
    assert tab.model.rowCount() == 0 and not tab.table.isVisible()
    assert tab.empty.text().startswith("Their case is closed")


def test_on_the_demo_caseload(qtbot, qtmodeltester, demo) -> None:  # type: ignore[no-untyped-def]
    people = [p for p in demo.people.list_young_people(include_closed=False)]
    # Someone with both kinds of match, to see them side by side.
    for person in people:
        found = demo.matching.opportunities_for(person_id=person.id)
        if any(m.unmet for m in found) and sum(1 for m in found if not m.unmet) >= 3:
            break
    else:
        raise AssertionError("the demo should have someone with met and unmet matches")
    tab = make_tab(qtbot, demo, person.id)
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == len(found)
    assert unnamed_controls(tab) == []
    shoot(tab, "matches_tab")
    closed = next(p for p in demo.people.list_young_people() if p.closed_on)
    tab = make_tab(qtbot, demo, closed.id)
    shoot(tab, "matches_tab_closed")
