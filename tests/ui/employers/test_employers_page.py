"""The employers page on a real store: employers, opportunities, commitments, who is on each."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from caseapp.models.codes import SkillLevel, StepType, VettingNeed
from caseapp.ui.employers.employers_page import EmployersPage
from tests.ui.record_fixtures import TODAY, days_ago, shoot, unnamed_controls


def make_page(qtbot, services) -> EmployersPage:  # type: ignore[no-untyped-def]
    page = EmployersPage(services)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    return page


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def names(page: EmployersPage) -> list[str]:
    proxy = page.employer_proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_add_an_employer_with_every_field(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, services)
    click(qtbot, page.add_employer_button)
    dialog = page.dialog
    for widget, text in ((dialog.name, "Riverside Parks"), (dialog.sector, "Parks and green spaces"),
                         (dialog.contact_name, "Dana Hill"), (dialog.contact_email, "dana.hill@example.org"),
                         (dialog.contact_phone, "01632 960123")):
        qtbot.keyClicks(widget, text)
    qtbot.keyClicks(dialog.offers, "Workplace tours; 8-week paid placements")
    qtbot.keyClicks(dialog.notes, "Quarterly check-in: keen to take two more")
    click(qtbot, dialog.save_button)

    [employer] = services.employers.list_employers()
    assert (employer.name, employer.sector, employer.contact_name, employer.contact_email, employer.contact_phone,
            employer.offers, employer.notes) == (
        "Riverside Parks", "Parks and green spaces", "Dana Hill", "dana.hill@example.org", "01632 960123",
        "Workplace tours; 8-week paid placements", "Quarterly check-in: keen to take two more")
    assert page.selected_employer() == employer
    assert page.name.text() == "Riverside Parks"
    assert "keen to take two more" in page.details.toPlainText()


def test_a_refused_employer_shows_why_and_keeps_what_was_typed(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, services)
    click(qtbot, page.add_employer_button)
    dialog = page.dialog
    qtbot.keyClicks(dialog.sector, "Retail")
    qtbot.keyClick(dialog.sector, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.errors.text("name") == "Employer name is required."
    assert dialog.sector.text() == "Retail"
    assert services.employers.list_employers() == []
    qtbot.keyClick(dialog.sector, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert services.employers.list_employers() == []


def test_filter_include_closed_and_closing_after_confirmation(qtbot, services, answers) -> None:  # type: ignore[no-untyped-def]
    add = services.employers.add_employer
    add(name="Riverside Parks", sector="Parks")
    add(name="Northgate Hotel", sector="Hospitality", offers="Kitchen tasters")
    add(name="City Library", sector="Libraries")
    page = make_page(qtbot, services)
    assert names(page) == ["City Library", "Northgate Hotel", "Riverside Parks"]
    qtbot.keyClicks(page.filter, "kitchen")
    assert names(page) == ["Northgate Hotel"]
    page.filter.clear()

    page.select_employer(services.employers.list_employers()[0].id)  # City Library
    answers.next = [False]
    click(qtbot, page.close_employer_button)
    assert services.employers.list_employers()[0].closed_on is None
    answers.next = [True]
    click(qtbot, page.close_employer_button)
    assert "City Library" in answers.asked[-1]
    assert names(page) == ["Northgate Hotel", "Riverside Parks"]
    page.include_closed.click()
    assert names(page) == ["City Library", "Northgate Hotel", "Riverside Parks"]
    assert page.employer_proxy.index(0, 2).data() == f"{TODAY:%d/%m/%Y}"


def test_add_an_opportunity_with_pay_in_pounds(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    employer = services.employers.add_employer(name="Riverside Parks")
    page = make_page(qtbot, services)
    assert not page.add_opportunity_button.isEnabled()
    page.select_employer(employer.id)
    click(qtbot, page.add_opportunity_button)
    dialog = page.dialog
    dialog.type.set_value(StepType.PAID_PLACEMENT)
    qtbot.keyClicks(dialog.title, "Parks assistant")
    dialog.places.setValue(2)
    dialog.start_date.set_value(TODAY + timedelta(days=45))
    dialog.end_date.set_value(TODAY + timedelta(days=45 + 55))
    dialog.closing_date.set_value(TODAY + timedelta(days=14))
    dialog.pay.lineEdit().selectAll()
    qtbot.keyClicks(dialog.pay, "12.60")
    dialog.hours.setValue(30)
    qtbot.keyClicks(dialog.location, "Riverside depot, Mill Lane")
    qtbot.keyClicks(dialog.sector, "Parks")
    qtbot.keyClicks(dialog.requirements, "Happy to work outdoors")
    dialog.dbs_level.set_value(VettingNeed.DBS_BASIC)
    dialog.english_level.set_value(SkillLevel.ENTRY_3)
    dialog.ring_fenced.setChecked(True)
    click(qtbot, dialog.save_button)

    [opportunity] = services.employers.list_opportunities(employer_id=employer.id)
    assert opportunity.pay_pence_per_hour == 1260
    assert (opportunity.title, opportunity.places, opportunity.hours_per_week, opportunity.ring_fenced) == (
        "Parks assistant", 2, 30, True)
    assert opportunity.closing_date == TODAY + timedelta(days=14) and opportunity.needs_right_to_work
    assert (opportunity.dbs_level, opportunity.english_level) == (VettingNeed.DBS_BASIC, SkillLevel.ENTRY_3)
    assert (opportunity.location, opportunity.sector, opportunity.requirements) == (
        "Riverside depot, Mill Lane", "Parks", "Happy to work outdoors")
    assert page.selected_opportunity() == opportunity
    assert page.opportunity_model.index(0, 5).data() == "£12.60 per hour"

    click(qtbot, page.edit_opportunity_button)
    assert page.dialog.pay.text() == "£12.60 per hour"
    page.dialog.reject()


def test_a_refused_opportunity_shows_why_beside_the_closing_date(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    employer = services.employers.add_employer(name="Riverside Parks")
    page = make_page(qtbot, services)
    page.select_employer(employer.id)
    click(qtbot, page.add_opportunity_button)
    dialog = page.dialog
    qtbot.keyClicks(dialog.title, "Parks assistant")
    dialog.start_date.set_value(TODAY + timedelta(days=10))
    dialog.closing_date.set_value(TODAY + timedelta(days=20))
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.errors.text("closing_date") == "Applications cannot close after the start date."
    assert dialog.title.text() == "Parks assistant"
    assert services.employers.list_opportunities(employer_id=employer.id) == []


def test_edit_and_close_an_opportunity(qtbot, services, answers) -> None:  # type: ignore[no-untyped-def]
    employer = services.employers.add_employer(name="Riverside Parks")
    opportunity = services.employers.add_opportunity(employer_id=employer.id, type="taster", title="Gardening taster")
    page = make_page(qtbot, services)
    page.select_employer(employer.id)
    page.select_opportunity(opportunity.id)
    click(qtbot, page.edit_opportunity_button)
    page.dialog.places.setValue(4)
    click(qtbot, page.dialog.save_button)
    assert services.employers.get_opportunity(opportunity_id=opportunity.id).places == 4

    answers.next = [False, True]
    click(qtbot, page.close_opportunity_button)
    assert services.employers.get_opportunity(opportunity_id=opportunity.id).closed_on is None
    click(qtbot, page.close_opportunity_button)
    assert services.employers.get_opportunity(opportunity_id=opportunity.id).closed_on == TODAY
    assert page.opportunity_model.rowCount() == 0
    page.show_closed_opportunities.click()
    assert page.opportunity_model.index(0, 7).data() == f"Closed {TODAY:%d/%m/%Y}"


def test_commitments_add_edit_and_refusal(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    employer = services.employers.add_employer(name="Riverside Parks")
    page = make_page(qtbot, services)
    page.select_employer(employer.id)
    page.parts.setCurrentIndex(1)
    click(qtbot, page.add_commitment_button)
    dialog = page.dialog
    qtbot.keyClicks(dialog.measure, "8-week paid placements for care leavers")
    dialog.step_type.set_value(StepType.PAID_PLACEMENT)
    dialog.pledged.setValue(4)
    qtbot.keyClicks(dialog.contract, "Grounds maintenance 2026-29")
    dialog.period_start.set_value(days_ago(30))
    dialog.period_end.set_value(days_ago(60))
    click(qtbot, dialog.save_button)
    assert dialog.errors.text("period_end") == "Period end cannot be before the start."
    assert dialog.measure.text() == "8-week paid placements for care leavers"
    dialog.period_end.set_value(days_ago(-335))
    click(qtbot, dialog.save_button)
    [commitment] = services.employers.list_commitments(employer_id=employer.id)
    assert (commitment.measure, commitment.step_type, commitment.pledged, commitment.contract) == (
        "8-week paid placements for care leavers", StepType.PAID_PLACEMENT, 4, "Grounds maintenance 2026-29")
    assert (commitment.period_start, commitment.period_end) == (days_ago(30), days_ago(-335))

    page.commitments.selectRow(0)
    click(qtbot, page.edit_commitment_button)
    page.dialog.pledged.setValue(6)
    click(qtbot, page.dialog.save_button)
    assert services.employers.get_commitment(commitment_id=commitment.id).pledged == 6


def test_young_people_on_an_opportunity_open_their_record(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    employer = services.employers.add_employer(name="Riverside Parks")
    opportunity = services.employers.add_opportunity(employer_id=employer.id, type="paid_placement",
                                                     title="Parks assistant")
    services.pathway.add_step(person_id=person.id, type=StepType.PAID_PLACEMENT, employer_id=employer.id,
                              opportunity_id=opportunity.id)
    page = make_page(qtbot, services)
    page.select_employer(employer.id)
    page.select_opportunity(opportunity.id)
    assert [page.people.item(i).text() for i in range(page.people.count())] == ["Sem Tekle"]
    page.people.setFocus()
    page.people.setCurrentRow(0)
    with qtbot.waitSignal(page.person_requested) as signal:
        qtbot.keyClick(page.people, Qt.Key.Key_Return)
    assert signal.args == [person.id]
    rect = page.people.visualItemRect(page.people.item(0))
    # A real double-click is a press and release, then the double-click event.
    qtbot.mouseClick(page.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.person_requested) as signal:
        qtbot.mouseDClick(page.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [person.id]


def test_models_names_and_screenshot(qtbot, qtmodeltester, services, person) -> None:  # type: ignore[no-untyped-def]
    add = services.employers.add_employer
    parks = add(name="Riverside Parks", sector="Parks and green spaces", contact_name="Dana Hill",
                contact_email="dana.hill@example.org", contact_phone="01632 960123",
                offers="Workplace tours, 8-week paid placements, a two-year Level 2 apprenticeship",
                notes="Quarterly check-in 02/10/2026: keen to take two more; mentors trained.")
    add(name="Northgate Hotel", sector="Hospitality", offers="Kitchen tasters")
    add(name="City Library", sector="Libraries", offers="20-minute virtual tour")
    add(name="Brightwell Builders", sector="Construction", offers="CSCS card course, site visits")
    emp = services.employers
    placement = emp.add_opportunity(employer_id=parks.id, type="paid_placement", title="Parks assistant", places=2,
                                    start_date=TODAY + timedelta(days=45), end_date=TODAY + timedelta(days=100),
                                    closing_date=TODAY + timedelta(days=14), pay_pence_per_hour=1260,
                                    hours_per_week=30, location="Riverside depot, Mill Lane", sector="Parks",
                                    requirements="Happy to work outdoors", ring_fenced=True)
    emp.add_opportunity(employer_id=parks.id, type="apprenticeship", title="Horticulture apprentice (Level 2)",
                        start_date=TODAY + timedelta(days=120), pay_pence_per_hour=1000, hours_per_week=37.5,
                        location="Mill Lane", requirements="Entry 3 English and maths")
    emp.add_opportunity(employer_id=parks.id, type="workplace_tour", title="Depot tour", places=8,
                        start_date=TODAY + timedelta(days=7))
    emp.add_commitment(employer_id=parks.id, measure="8-week paid placements for care leavers",
                       step_type="paid_placement", pledged=4, contract="Grounds maintenance 2026-29",
                       period_start=days_ago(30), period_end=days_ago(-335))
    emp.add_commitment(employer_id=parks.id, measure="Workplace tours", pledged=12,
                       contract="Grounds maintenance 2026-29",
                       period_start=days_ago(30), period_end=days_ago(-335))
    services.pathway.add_step(person_id=person.id, type=StepType.PAID_PLACEMENT, employer_id=parks.id,
                              opportunity_id=placement.id)
    other = services.people.add_young_person(
        given_name="Thảo", family_name="Nguyễn", date_of_birth=TODAY.replace(year=2006)
    )
    services.pathway.add_step(person_id=other.id, type=StepType.PAID_PLACEMENT, employer_id=parks.id,
                              opportunity_id=placement.id)

    page = make_page(qtbot, services)
    for model in (page.employer_model, page.employer_proxy):
        qtmodeltester.check(model)
    page.select_employer(parks.id)
    page.select_opportunity(placement.id)
    for model in (page.opportunity_model, page.commitment_model):
        qtmodeltester.check(model)
    assert unnamed_controls(page) == []
    shoot(page, "employers_page")
    page.parts.setCurrentIndex(1)
    shoot(page, "employers_page_commitments")
    page.parts.setCurrentIndex(0)
    page.edit_opportunity()
    assert unnamed_controls(page.dialog) == []
    shoot(page.dialog, "opportunity_dialog")
    page.dialog.reject()
    page.edit_employer()
    assert unnamed_controls(page.dialog) == []
    shoot(page.dialog, "employer_dialog")
    page.dialog.reject()
    page.commitments.selectRow(0)
    page.edit_commitment()
    assert unnamed_controls(page.dialog) == []
    shoot(page.dialog, "commitment_dialog")
