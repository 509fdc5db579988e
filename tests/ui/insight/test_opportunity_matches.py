"""Suggesting young people for an opportunity from the employers page, and opening one of them."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from caseapp.ui.employers.employers_page import EmployersPage
from caseapp.ui.insight.opportunity_matches_dialog import OpportunityMatchesDialog
from tests.ui.insight_fixtures import builder, opening, young_person
from tests.ui.record_fixtures import TODAY, shoot, unnamed_controls


def make_page(qtbot, services) -> EmployersPage:  # type: ignore[no-untyped-def]
    page = EmployersPage(services)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    return page


def suggest(qtbot, page: EmployersPage, employer_id: int, opportunity_id: int) -> OpportunityMatchesDialog:  # type: ignore[no-untyped-def]
    page.select_employer(employer_id)
    page.select_opportunity(opportunity_id)
    assert page.suggest_button.isEnabled()
    qtbot.mouseClick(page.suggest_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, OpportunityMatchesDialog) and dialog.isVisible()
    return dialog


def test_ranked_people_and_a_double_click_opens_one(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    employer = builder(services)
    job = opening(services, employer, location="Basildon", english_level="level_1")
    keen = young_person(services, "Semhar", "Tekle", english_level="level_2_plus")
    elsewhere = young_person(services, "Dara", "Okafor", areas_can_reach=["Harlow"], english_level="level_1")
    below = young_person(services, "Thảo", "Nguyễn", english_level="entry_3")
    page = make_page(qtbot, services)
    dialog = suggest(qtbot, page, employer.id, job.id)

    assert dialog.windowTitle() == "Young people for “Site assistant”"
    rows = [dialog.model.row_at(r) for r in range(dialog.model.rowCount())]
    assert [m.person_id for m in rows] == [keen.id, elsewhere.id, below.id]
    assert dialog.model.index(0, 1).data() == "Met"
    assert dialog.model.index(2, 1).data() == "Not met: English Entry 3, below the Level 1 asked"
    assert dialog.model.index(0, 2).data() == rows[0].explanation
    assert "in Basildon, which they can reach" in dialog.model.index(0, 2).data()
    assert dialog.model.index(2, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert "Sem Tekle" in dialog.detail.toPlainText() or "Semhar Tekle" in dialog.detail.toPlainText()

    rect = dialog.table.visualRect(dialog.model.index(1, 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "outside the areas they can reach" in dialog.detail.toPlainText()
    with qtbot.waitSignal(page.person_requested) as opened:
        qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [elsewhere.id]
    assert not dialog.isVisible()


def test_enter_opens_the_selected_person(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    employer = builder(services)
    job = opening(services, employer, location="Basildon")
    first = young_person(services, "Semhar", "Tekle")
    page = make_page(qtbot, services)
    dialog = suggest(qtbot, page, employer.id, job.id)
    assert dialog.focusWidget() is dialog.table and dialog.selected().person_id == first.id
    with qtbot.waitSignal(page.person_requested) as opened:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened.args == [first.id]
    assert not dialog.isVisible()


def test_only_for_open_opportunities_and_an_empty_list_says_so(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    employer = builder(services)
    past = opening(services, employer, title="Past its closing date", closing_date=TODAY - timedelta(days=1))
    closed = opening(services, employer, title="Closed")
    services.employers.close_opportunity(opportunity_id=closed.id)
    job = opening(services, employer, location="Basildon")
    page = make_page(qtbot, services)
    page.show_closed_opportunities.setChecked(True)
    page.select_employer(employer.id)
    for shut in (past, closed):
        page.select_opportunity(shut.id)
        assert not page.suggest_button.isEnabled()
    dialog = suggest(qtbot, page, employer.id, job.id)
    assert dialog.model.rowCount() == 0 and not dialog.table.isVisible()
    assert dialog.hint.text().startswith("Nobody with an open case to suggest")
    assert not dialog.open_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    # Straight after a closing (the button was enabled when the list was drawn), the dialog says so.
    services.employers.close_opportunity(opportunity_id=job.id)
    late = OpportunityMatchesDialog(services, job.id)
    qtbot.addWidget(late)
    assert late.hint.text().startswith("This opportunity is closed")


def test_on_the_demo_caseload(qtbot, qtmodeltester, demo) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, demo)
    for employer in demo.employers.list_employers():
        chosen = [o for o in demo.employers.list_opportunities(employer_id=employer.id)
                  if o.closing_date is None or o.closing_date >= TODAY]
        if chosen:
            break
    dialog = suggest(qtbot, page, employer.id, chosen[0].id)
    assert dialog.model.rowCount() > 10
    qtmodeltester.check(dialog.model)
    assert unnamed_controls(dialog) == []
    assert unnamed_controls(page) == []
    shoot(dialog, "opportunity_matches_dialog")
