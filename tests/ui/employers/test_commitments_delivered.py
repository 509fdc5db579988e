"""The employers page's commitments: each pledge against what the employer actually hosted."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from caseapp.ui.employers.employers_page import EmployersPage
from tests.ui.insight_fixtures import young_person
from tests.ui.record_fixtures import days_ago, shoot, unnamed_controls

PERIOD = {"period_start": date(2026, 4, 1), "period_end": date(2027, 3, 31), "contract": "Grounds maintenance 2026-29"}
PLEDGED, DELIVERED, OUTSTANDING = 2, 3, 4


STARTED = days_ago(20)


def host(services, employer_id: int, n: int, kind: str = "paid_placement",  # type: ignore[no-untyped-def]
         start: date = STARTED) -> None:
    person = young_person(services, "Semhar", f"Tekle {n}")
    services.pathway.add_step(person_id=person.id, type=kind, status="in_progress", start_date=start,
                              employer_id=employer_id)


def make_page(qtbot, services, employer_id: int) -> EmployersPage:  # type: ignore[no-untyped-def]
    page = EmployersPage(services)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    page.select_employer(employer_id)
    page.parts.setCurrentIndex(1)
    return page


def row(page: EmployersPage, r: int) -> list[str]:
    model = page.commitment_model
    return [model.index(r, c).data() for c in range(model.columnCount())]


def test_pledged_delivered_and_outstanding(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    parks = services.employers.add_employer(name="Riverside Parks")
    placements = services.employers.add_commitment(
        employer_id=parks.id, measure="8-week paid placements for care leavers", step_type="paid_placement",
        pledged=4, **PERIOD)
    services.employers.add_commitment(employer_id=parks.id, measure="Workplace tours", step_type="workplace_tour",
                                      pledged=1, **PERIOD)
    for n in range(3):
        host(services, parks.id, n)
    host(services, parks.id, 3, start=date(2026, 3, 1))  # before the period: not counted
    host(services, parks.id, 4, kind="workplace_tour")
    page = make_page(qtbot, services, parks.id)

    first = row(page, 0)
    assert first[0] == "8-week paid placements for care leavers"
    assert (first[PLEDGED], first[DELIVERED], first[OUTSTANDING]) == ("4", "3", "1")
    tip = page.commitment_model.index(0, DELIVERED).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "8-week paid placements for care leavers: pledged 4, delivered 3"
    second = row(page, 1)
    assert (second[PLEDGED], second[DELIVERED], second[OUTSTANDING]) == ("1", "1", "Met")
    assert page.commitment_totals.text().startswith("In all: pledged 5, delivered 4, 1 outstanding.")

    # Refreshed on reload: a fourth placement meets the pledge.
    host(services, parks.id, 5)
    page.reload()
    assert row(page, 0)[DELIVERED:OUTSTANDING + 1] == ["4", "Met"]
    assert page.commitment_totals.text().startswith("In all: pledged 5, delivered 5, 0 outstanding.")

    # Editing the pledge through the existing dialog shows the new figures at once.
    page.commitments.selectRow(0)
    qtbot.mouseClick(page.edit_commitment_button, Qt.MouseButton.LeftButton)
    page.dialog.pledged.setValue(6)
    qtbot.mouseClick(page.dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.employers.get_commitment(commitment_id=placements.id).pledged == 6
    assert row(page, 0)[PLEDGED:OUTSTANDING + 1] == ["6", "4", "2"]


def test_an_employer_without_commitments(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    hotel = services.employers.add_employer(name="Harbour Hotel")
    page = make_page(qtbot, services, hotel.id)
    assert page.commitment_model.rowCount() == 0
    assert page.commitment_totals.text() == "No commitments recorded."
    qtbot.mouseClick(page.add_commitment_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.dialog.measure, "Kitchen tasters")
    page.dialog.pledged.setValue(3)
    qtbot.mouseClick(page.dialog.save_button, Qt.MouseButton.LeftButton)
    assert row(page, 0)[PLEDGED:OUTSTANDING + 1] == ["3", "0", "3"]


def test_on_the_demo_caseload(qtbot, qtmodeltester, demo) -> None:  # type: ignore[no-untyped-def]
    with_commitments = [c for c in demo.commitments.progress() if c.commitments]
    assert with_commitments, "the demo should have commitments"
    employer_id = max(with_commitments, key=lambda c: (c.delivered, len(c.commitments))).employer_id
    page = make_page(qtbot, demo, employer_id)
    qtmodeltester.check(page.commitment_model)
    expected = {c.commitment_id: c for contract in demo.commitments.progress(employer_id=employer_id)
                for c in contract.commitments}
    for r in range(page.commitment_model.rowCount()):
        progress = expected[page.commitment_model.row_at(r).id]
        assert row(page, r)[DELIVERED] == str(progress.delivered)
    assert unnamed_controls(page) == []
    shoot(page, "employers_page_commitments_delivered")
