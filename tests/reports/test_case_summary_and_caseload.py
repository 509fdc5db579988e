"""The case summary (sections chosen) and the team lead's caseload report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseapp.reports import api
from caseapp.services.errors import ValidationError
from tests.reports.conftest import (
    SHARED,
    WITHDRAWN,
    ZOE,
    all_text,
    assert_every_page_marked,
    make_case,
    page_texts,
    read_pdf,
)
from tests.services.helpers import TODAY, add_person, at, days_ago


def add_check_ins(svc, person_id: int, count: int) -> None:  # type: ignore[no-untyped-def]
    for n in range(count):
        svc.checkins.record_check_in(
            person_id=person_id,
            happened_at=at(days_ago(count - n), hour=9 + n % 8),
            method=("phone", "face_to_face", "message")[n % 3],
            outcome="spoke",
            note=f"Check-in number {n}: talked about the week ahead.",
            actions="Send CV to employer" if n % 2 else None,
        )


def test_whole_record_with_200_check_ins(svc, case, out_dir) -> None:
    add_check_ins(svc, case.person.id, 200)
    svc.vetting.add_vetting_check(
        person_id=case.person.id, need="references", outcome="alternative_accepted",
        alternative="PA reference", approved_by="Safeguarding lead", decided_on=days_ago(3),
    )
    path = api.print_case_summary(svc.store, person_id=case.person.id, out=out_dir / "s.pdf", today=TODAY)
    text = all_text(path)
    for heading in ("Profile", "Pathway", "Check-ins", "Vetting", "Support and consent", "Hand-offs and disclosures"):
        assert heading in text
    assert "Check-in number 0:" in text and "Check-in number 199:" in text
    assert "200 check-ins, newest first." in text
    assert ZOE in text and "ሰምሃር ተኽለ" in text
    assert "PA reference" in text and "Park ranger assistant" in text
    assert SHARED in text and WITHDRAWN in text  # the worker's own record holds every need
    assert "Not to be shared today" in text
    assert len(read_pdf(path).pages) > 5
    assert_every_page_marked(path)


def test_sections_can_be_chosen(svc, case, out_dir) -> None:
    add_check_ins(svc, case.person.id, 3)
    path = api.print_case_summary(
        svc.store, person_id=case.person.id, out=out_dir / "s.pdf", sections=["check-ins"], today=TODAY
    )
    text = all_text(path)
    assert "Check-in number 2:" in text
    for absent in ("Date of birth", "Park ranger assistant", SHARED, "Disclosure log"):
        assert absent not in text


def test_printing_a_summary_is_logged_with_its_sections(svc, case, out_dir) -> None:
    api.print_case_summary(
        svc.store, person_id=case.person.id, out=out_dir / "s.pdf", sections=["profile", "support"], today=TODAY,
        recipient="Priya Shah (PA)",
    )
    [entry] = svc.handoffs.list_disclosures(person_id=case.person.id)
    assert (entry.document, entry.recipient) == ("Case summary", "Priya Shah (PA)")
    assert entry.items == ("Section: Profile", "Section: Support and consent")


@pytest.mark.parametrize(
    ("sections", "message"), [(["diary"], "There is no section “diary”"), ([], "Choose at least one")]
)
def test_unknown_or_no_sections_are_refused(svc, case, out_dir, sections, message) -> None:
    with pytest.raises(ValidationError) as info:
        api.print_case_summary(svc.store, person_id=case.person.id, out=out_dir / "s.pdf", sections=sections)
    assert message in info.value.problems["sections"]
    assert list(out_dir.iterdir()) == []


def test_caseload_report_counts_overdue_funnel_and_employers(svc, out_dir) -> None:
    case = make_case(svc)
    svc.people.set_eet_status(person_id=case.person.id, status="G5", start_date=days_ago(400))
    working = add_person(svc, given_name="Kai", family_name="Brown", right_to_work="unlimited")
    employer = svc.employers.add_employer(name="Harbour Hotel")
    svc.pathway.add_step(
        person_id=working.id, type="cv_support", status="completed", start_date=days_ago(200), end_date=days_ago(199)
    )
    svc.pathway.add_step(
        person_id=working.id, type="job", status="in_progress", employer_id=employer.id, start_date=days_ago(100)
    )
    svc.people.set_eet_status(person_id=working.id, status="F5", start_date=days_ago(100))
    svc.checkins.record_check_in(person_id=working.id, happened_at=at(days_ago(1)), method="phone", outcome="spoke")
    path = api.print_caseload_report(svc.store, out=out_dir / "c.pdf", today=TODAY)
    text = all_text(path)
    assert "Caseload report" in text
    assert "NEET: other" in text and "Training or employment, full time" in text
    assert "NEET for 12 months or" in text
    assert "1 of 2 young people are overdue a contact" in text
    assert f"{ZOE} Walker" in text  # the overdue one, listed
    assert "Kai Brown" not in text  # seen yesterday: not overdue, not listed
    for stage in ("Referred", "CV support or mock interview", "Placement or internship", "Apprenticeship or job",
                  "Sustained 26 weeks"):
        assert stage in text
    assert "Harbour Hotel" in text and "Placements and jobs by employer" in text
    assert_every_page_marked(path)


def test_caseload_report_on_an_empty_caseload(svc, out_dir) -> None:
    path = api.print_caseload_report(svc.store, out=out_dir / "c.pdf", today=TODAY + timedelta(days=1))
    text = all_text(path)
    assert "Nobody is overdue a contact" in text
    assert "No placements or jobs with employers on file yet" in text
    assert "No employer commitments on file yet" in text
    assert_every_page_marked(path, printed="22/11/2026")


def test_the_overdue_list_can_be_cut_short(svc, out_dir) -> None:
    for n in range(5):
        add_person(svc, given_name=f"Person{n}", family_name="Example", referral_date=days_ago(100 + n))
    text = all_text(api.print_caseload_report(svc.store, out=out_dir / "c.pdf", overdue_list_limit=2, today=TODAY))
    assert "the first 2 of 5" in text
    assert sum(f"Person{n} Example" in text for n in range(5)) == 2


def test_case_summary_prints_the_whole_hand_off(svc, case, out_dir) -> None:
    path = api.print_case_summary(
        svc.store, person_id=case.person.id, out=out_dir / "s.pdf", sections=["hand-offs"], today=TODAY
    )
    text = " ".join(all_text(path).split())
    for label, value in (
        ("Line manager", "Sam Okoro"),
        ("HR contact", "HR team"),
        ("Mentor", "Dev Patel"),
        # No strengths written for the hand-off: the pack takes the profile's, which this
        # summary leaves to the Profile section (not chosen here).
        ("Strengths", "As in the profile"),
        ("Adjustments agreed", "Start at 10am in the first fortnight"),
        ("First two weeks", "Day 1: a tour and lunch with the team."),
        ("Keeping in touch", "A call every Friday for the first month"),
        ("If things get difficult", "Call the worker first"),
    ):
        assert f"{label} {value}" in text
    assert "Week 2: own tasks with check-ins." in text
    assert "Date of birth" not in text and "Great with animals" not in text  # the profile was not chosen


def add_commitments(svc) -> None:  # type: ignore[no-untyped-def]
    year = {"period_start": date(2026, 4, 1), "period_end": date(2027, 3, 31)}
    hotel = svc.employers.add_employer(name="Harbour Hotel")
    builders = svc.employers.add_employer(name="Oakwood Builders")
    svc.employers.add_commitment(
        employer_id=hotel.id, contract="Contract 2", measure="8-week paid placements for care leavers",
        step_type="paid_placement", pledged=4, **year,
    )
    svc.employers.add_commitment(
        employer_id=builders.id, contract="Contract 7", measure="Apprenticeship starts",
        step_type="apprenticeship", pledged=1, **year,
    )
    svc.employers.add_commitment(
        employer_id=builders.id, measure="Workplace tours", step_type="workplace_tour", pledged=2,
        period_start=date(2025, 4, 1), period_end=date(2026, 3, 31),
    )
    for n in range(3):
        person = add_person(svc, given_name=f"Placed{n}", family_name="Example", right_to_work="unlimited")
        svc.pathway.add_step(
            person_id=person.id, type="paid_placement", status="in_progress" if n else "completed",
            employer_id=hotel.id, start_date=days_ago(60 + n), end_date=None if n else days_ago(5),
        )
    apprentice = add_person(svc, given_name="Kai", family_name="Brown", right_to_work="unlimited")
    svc.pathway.add_step(
        person_id=apprentice.id, type="apprenticeship", status="in_progress", employer_id=builders.id,
        start_date=days_ago(30),
    )


def test_caseload_report_shows_employer_commitments(svc, out_dir) -> None:
    add_commitments(svc)
    path = api.print_caseload_report(svc.store, out=out_dir / "c.pdf", today=TODAY)
    [page] = [" ".join(t.split()) for t in page_texts(path) if "Employer commitments" in t]
    assert "1 of 3 commitments met" in page
    row = "Harbour Hotel Contract 2 8-week paid placements for care leavers 01/04/2026 – 31/03/2027 4 3 1 to go"
    assert row in page
    assert "Oakwood Builders Contract 7 Apprenticeship starts 01/04/2026 – 31/03/2027 1 1 met" in page
    assert "Oakwood Builders No contract Workplace tours 01/04/2025 – 31/03/2026 2 0 ended 2 short" in page
    assert_every_page_marked(path)
