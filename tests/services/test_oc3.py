"""The statutory return: who is in it, each code, every consistency rule, and the edge cases."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from caseapp.models import AccommodationPeriod, AuditEvent, CheckIn, EetStatusPeriod
from caseapp.models.codes import AuditAction
from caseapp.services.errors import ValidationError
from caseapp.services.oc3 import (
    CLOSING_REASONS,
    HEADER_HEADERS,
    OC3_HEADERS,
    InTouch,
    Oc3Service,
    ReturnNotReady,
    closing_code,
)
from caseapp.services.oc3_return import add_months
from caseapp.services.validation import birthday
from tests.services.conftest import services_for
from tests.services.helpers import TODAY, add_person, at, audit_max_id

YEAR = 2026  # 1 April 2025 to 31 March 2026: every window has closed by TODAY
START, END = date(2025, 4, 1), date(2026, 3, 31)


def oc3(svc) -> Oc3Service:  # type: ignore[no-untyped-def]
    return Oc3Service(svc.store, actor_id=svc.worker_id, today=lambda: TODAY)


def leaver(svc, *, born: date, child: str = "C1", sex: str | None = "F", category: str | None = "former_relevant",
           eet: str | None = "F5", accom: tuple[str, bool] | None = ("U", True), spoke_on: date | None = None, **extra):  # type: ignore[no-untyped-def]
    """A care leaver with EET and accommodation from 16, and (optionally) a contact."""
    sixteen = birthday(born, 16)
    person = add_person(svc, date_of_birth=born, child_ref=child, sex=sex, care_leaver_category=category,
                        referral_date=sixteen, **extra)
    if eet:
        svc.people.set_eet_status(person_id=person.id, status=eet, start_date=sixteen)
    if accom:
        svc.people.set_accommodation(person_id=person.id, type=accom[0], suitable=accom[1], start_date=sixteen)
    if spoke_on:
        svc.checkins.record_check_in(person_id=person.id, happened_at=at(spoke_on), method="phone", outcome="spoke")
    return person


def line_for(report, person_id: int):  # type: ignore[no-untyped-def]
    return next(line for line in report.lines if line.person_id == person_id)


def problems_for(report, person_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.sentence for p in report.problems if p.person_id == person_id]


def test_exact_headers() -> None:
    assert OC3_HEADERS == ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM")
    assert HEADER_HEADERS == ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")


def test_everyone_with_a_17th_to_21st_birthday_in_the_year_and_nobody_else(svc) -> None:
    inside = {
        age: leaver(svc, born=date(2025 - age, 6, 10), child=f"IN{age}", spoke_on=date(2025 - age + age, 6, 1))
        for age in (17, 18, 19, 20, 21)
    }
    first_day = leaver(svc, born=date(2025 - 19, 4, 1), child="FIRST", spoke_on=date(2025, 3, 20))
    last_day = leaver(svc, born=date(2026 - 19, 3, 31), child="LAST", spoke_on=date(2026, 3, 1))
    too_young = leaver(svc, born=date(2025 - 16, 6, 10), child="YOUNG")  # 16th birthday in the year
    too_old = leaver(svc, born=date(2025 - 22, 6, 10), child="OLD")  # 22nd birthday in the year
    before = leaver(svc, born=date(2004, 3, 31), child="BEFORE")  # 21 on 31/03/2025, the day before
    report = oc3(svc).check(year=YEAR)
    returned = {line.person_id: line.age for line in report.lines}
    assert returned == {**{p.id: age for age, p in inside.items()}, first_day.id: 19, last_day.id: 19}
    for left_out in (too_young, too_old, before):
        assert left_out.id not in returned
    assert report.period_start == START and report.period_end == END and report.label == "2025-26"


def test_in_touch_with_activity_and_accommodation_on_the_birthday(svc) -> None:
    born = date(2006, 9, 15)  # 19 on 15/09/2025
    person = leaver(svc, born=born, eet="F4", accom=("D", True), spoke_on=date(2025, 7, 1))
    # Changes after the birthday do not count: the return is about the birthday.
    svc.people.set_eet_status(person_id=person.id, status="G5", start_date=date(2025, 9, 16))
    svc.people.set_accommodation(person_id=person.id, type="W", suitable=False, start_date=date(2025, 9, 16))
    report = oc3(svc).check(year=YEAR)
    line = line_for(report, person.id)
    assert (line.in_touch, line.activ, line.accom) == ("YES", "F4", "D1")
    assert line.oc3_cells() == ("C1", "15/09/2006", "YES", "F4", "D1")
    assert line.header_cells() == ("C1", "F", "15/09/2006", "", "", "", "")
    assert report.ready


def test_unsuitable_accommodation_gets_2(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15), accom=("W", False), spoke_on=date(2025, 9, 20))
    assert line_for(oc3(svc).check(year=YEAR), person.id).accom == "W2"


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        (timedelta(days=-92), "YES"),  # three months before (15/06): inside the window
        (timedelta(days=30), "YES"),  # 15/10: one month after, the window's last day
        (timedelta(days=-93), "NO"),  # 14/06: too early
        (timedelta(days=31), "NO"),  # 16/10: too late
    ],
)
def test_the_contact_window_runs_from_three_months_before_to_one_month_after(svc, contact, expected) -> None:
    born = date(2006, 9, 15)
    b = birthday(born, 19)
    assert add_months(b, -3) == b + timedelta(days=-92) and add_months(b, 1) == b + timedelta(days=30)
    person = leaver(svc, born=born, spoke_on=b + contact)
    line = line_for(oc3(svc).check(year=YEAR), person.id)
    assert line.in_touch == expected
    if expected == "NO":
        assert (line.activ, line.accom) == ("0", "0")


def test_only_a_conversation_counts_as_in_touch(svc) -> None:
    born = date(2006, 9, 15)
    person = leaver(svc, born=born)
    for outcome in ("no_answer", "message_left"):
        svc.checkins.record_check_in(
            person_id=person.id, happened_at=at(date(2025, 9, 10)), method="phone", outcome=outcome
        )
    assert line_for(oc3(svc).check(year=YEAR), person.id).in_touch == "NO"


def test_declined_check_ins_are_not_a_refusal_of_contact(svc) -> None:
    # REFU is "refuses contact": a young person who said no to a call or two has not refused
    # contact with the service, and is not in touch around the birthday.
    person = leaver(svc, born=date(2006, 9, 15))
    for day in (date(2025, 8, 1), date(2025, 9, 1)):
        svc.checkins.record_check_in(person_id=person.id, happened_at=at(day), method="phone", outcome="declined")
    line = line_for(oc3(svc).check(year=YEAR), person.id)
    assert (line.in_touch, line.activ, line.accom) == ("NO", "0", "0")


@pytest.mark.parametrize(("closed_on", "expected"), [
    (date(2025, 5, 1), "REFU"),  # long before the birthday (15/09/2025)
    (date(2025, 10, 15), "REFU"),  # the window's last day
    (date(2025, 10, 16), "NO"),  # after the window: not recorded as refusing by then
])
def test_refusing_contact_is_recorded_by_closing_the_case_so(svc, closed_on, expected) -> None:
    person = leaver(svc, born=date(2006, 9, 15))
    svc.checkins.record_check_in(
        person_id=person.id, happened_at=at(date(2025, 9, 1)), method="phone", outcome="declined"
    )
    svc.people.close_case(
        person_id=person.id, closed_on=closed_on, reason=CLOSING_REASONS[InTouch.REFU] + ": moved away"
    )
    line = line_for(oc3(svc).check(year=YEAR), person.id)
    assert (line.in_touch, line.activ, line.accom) == (expected, "0", "0")


def test_died(svc) -> None:
    born = date(2006, 9, 15)
    person = leaver(svc, born=born, spoke_on=date(2025, 3, 1))
    svc.people.close_case(person_id=person.id, closed_on=date(2025, 6, 1), reason="Died")
    report = oc3(svc).check(year=YEAR)
    line = line_for(report, person.id)
    assert (line.in_touch, line.activ, line.accom) == ("DIED", "0", "0")
    assert report.ready


def test_a_contact_after_a_death_is_a_contradiction(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15))
    svc.checkins.record_check_in(person_id=person.id, happened_at=at(date(2025, 8, 1)), method="phone", outcome="spoke")
    svc.people.close_case(person_id=person.id, closed_on=date(2025, 6, 1), reason="died")  # case does not matter
    report = oc3(svc).check(year=YEAR)
    assert any("died" in s and "later contact" in s for s in problems_for(report, person.id))
    line = line_for(report, person.id)
    assert (line.in_touch, line.activ, line.accom) == ("", "", "")  # all blank, never half-filled


def returned_home(svc, *, home_from: date, spoke_on: date | None = None, closed_on: date = date(2025, 9, 1)):  # type: ignore[no-untyped-def]
    """Living independently from 16, home to parents from `home_from`, the case closed as returned home."""
    person = leaver(svc, born=date(2006, 9, 15), accom=("U", True), spoke_on=spoke_on)  # 19 on 15/09/2025
    svc.people.set_accommodation(person_id=person.id, type="B", suitable=True, start_date=home_from)
    svc.people.close_case(person_id=person.id, closed_on=closed_on, reason=CLOSING_REASONS[InTouch.RHOM])
    return person


@pytest.mark.parametrize(("home_from", "expected"), [
    (date(2025, 3, 15), ("RHOM", "0", "0")),  # six months to the day on the birthday (15/09/2025)
    (date(2024, 1, 10), ("RHOM", "0", "0")),
    (date(2025, 3, 16), ("NO", "0", "0")),  # a day short: not RHOM, and nobody spoke with them
    (date(2025, 6, 28), ("NO", "0", "0")),  # about two and a half months
])
def test_returned_home_for_six_months_or_more(svc, home_from, expected) -> None:
    person = returned_home(svc, home_from=home_from)
    report = oc3(svc).check(year=YEAR)
    line = line_for(report, person.id)
    assert (line.in_touch, line.activ, line.accom) == expected
    assert report.ready


def test_home_for_less_than_six_months_and_in_touch_is_yes(svc) -> None:
    person = returned_home(svc, home_from=date(2025, 7, 1), spoke_on=date(2025, 8, 20))
    line = line_for(oc3(svc).check(year=YEAR), person.id)
    assert (line.in_touch, line.activ, line.accom) == ("YES", "F5", "B1")


def test_six_months_at_home_may_span_several_records_but_not_a_break(svc) -> None:
    unbroken = returned_home(svc, home_from=date(2025, 1, 10))
    svc.people.set_accommodation(person_id=unbroken.id, type="B", suitable=False, start_date=date(2025, 6, 1))
    broken = leaver(svc, born=date(2006, 9, 20), child="C2", accom=("B", True))  # home since 16 ...
    svc.people.set_accommodation(person_id=broken.id, type="V", suitable=False, start_date=date(2025, 5, 1))
    # ... then away a week
    svc.people.set_accommodation(person_id=broken.id, type="B", suitable=True, start_date=date(2025, 5, 8))
    svc.people.close_case(person_id=broken.id, closed_on=date(2025, 9, 1), reason=CLOSING_REASONS[InTouch.RHOM])
    report = oc3(svc).check(year=YEAR)
    assert line_for(report, unbroken.id).in_touch == "RHOM"
    assert line_for(report, broken.id).in_touch == "NO"


def test_returned_home_with_no_accommodation_recorded(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15), accom=None)
    svc.people.close_case(person_id=person.id, closed_on=date(2025, 9, 1), reason=CLOSING_REASONS[InTouch.RHOM])
    report = oc3(svc).check(year=YEAR)
    assert any("returned home" in s and "no accommodation" in s for s in problems_for(report, person.id))
    assert line_for(report, person.id).in_touch == ""


def test_returned_home_while_recorded_elsewhere_is_a_contradiction(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15), accom=("T", True))
    svc.people.close_case(person_id=person.id, closed_on=date(2025, 7, 1), reason=CLOSING_REASONS[InTouch.RHOM])
    report = oc3(svc).check(year=YEAR)
    assert any("returned home" in s and "Foyer" in s for s in problems_for(report, person.id))


def test_no_longer_requires_services(svc) -> None:
    person = leaver(svc, born=date(2004, 9, 15))  # 21 on 15/09/2025
    svc.people.close_case(person_id=person.id, closed_on=date(2025, 9, 1), reason=CLOSING_REASONS[InTouch.NREQ])
    line = line_for(oc3(svc).check(year=YEAR), person.id)
    assert (line.age, line.in_touch, line.activ, line.accom) == (21, "NREQ", "0", "0")


def test_a_closing_reason_after_the_birthday_does_not_change_the_birthday(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15), spoke_on=date(2025, 9, 1))
    svc.people.close_case(person_id=person.id, closed_on=date(2025, 12, 1), reason="Died")
    assert line_for(oc3(svc).check(year=YEAR), person.id).in_touch == "YES"


def test_closing_reasons_are_read_from_their_standard_opening_words() -> None:
    assert closing_code("Died") == InTouch.DIED
    assert closing_code("  no longer requires leaving-care services: settled") == InTouch.NREQ
    assert closing_code("Moved to Leeds") is None
    assert closing_code(None) is None


def test_birthday_on_29_february(svc) -> None:
    born = date(2008, 2, 29)  # 18 on 01/03/2026 (2026 has no 29 February)
    person = leaver(svc, born=born, spoke_on=date(2026, 3, 20))
    line = line_for(oc3(svc).check(year=YEAR), person.id)
    assert (line.age, line.birthday, line.in_touch) == (18, date(2026, 3, 1), "YES")
    assert line.dob == born and line.oc3_cells()[1] == "29/02/2008"


def test_29_february_birthday_falls_on_1_march_in_a_year_without_one(svc) -> None:
    born = date(2004, 2, 29)  # 21 on 01/03/2025 (2025 has no 29 February); 22 in 2026: out
    person = leaver(svc, born=born)
    assert person.id not in {line.person_id for line in oc3(svc).check(year=YEAR).lines}
    report = oc3(svc).check(year=2025)  # 1 April 2024 to 31 March 2025
    assert line_for(report, person.id).birthday == date(2025, 3, 1)


def test_29_february_in_a_leap_year_is_the_birthday_itself(store) -> None:
    # 20 on 29/02/2028, in the year ending 31 March 2028; the services' day is after its window.
    later = services_for(store, today=date(2028, 5, 1))
    born = date(2008, 2, 29)
    person = leaver(later, born=born)  # F5 and U1 from 16
    # What is true on 29/02 differs from 28/02 and from 01/03: the birthday is read on 29/02.
    later.people.set_eet_status(person_id=person.id, status="G5", start_date=date(2028, 2, 1))
    later.people.set_eet_status(person_id=person.id, status="F4", start_date=date(2028, 2, 29))
    later.people.set_accommodation(person_id=person.id, type="W", suitable=False, start_date=date(2028, 3, 1))
    # Check-ins are also checked against the real clock, so this one goes in as an import would.
    direct(later, CheckIn(person_id=person.id, worker_id=later.worker_id, happened_at=at(date(2028, 2, 20)),
                          method="phone", outcome="spoke"))
    report = Oc3Service(store, actor_id=later.worker_id, today=lambda: date(2028, 5, 1)).check(year=2028)
    line = line_for(report, person.id)
    assert (line.age, line.birthday) == (20, date(2028, 2, 29))
    assert (line.in_touch, line.activ, line.accom) == ("YES", "F4", "U1")
    assert report.ready


def test_no_accommodation_record(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15), accom=None, spoke_on=date(2025, 9, 1))
    report = oc3(svc).check(year=YEAR)
    assert problems_for(report, person.id) == ["No accommodation is recorded on their 19th birthday (15/09/2025)."]
    assert report.problems[0].field == "accommodation_history"
    assert (line_for(report, person.id).in_touch, line_for(report, person.id).accom) == ("", "")


def test_no_eet_status(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15), eet=None, spoke_on=date(2025, 9, 1))
    assert problems_for(oc3(svc).check(year=YEAR), person.id) == [
        "No EET status is recorded on their 19th birthday (15/09/2025)."
    ]


def test_not_in_touch_needs_no_activity_or_accommodation(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15), eet=None, accom=None)
    report = oc3(svc).check(year=YEAR)
    line = line_for(report, person.id)
    assert (line.in_touch, line.activ, line.accom) == ("NO", "0", "0")
    assert report.ready


def test_higher_education_at_17_is_a_contradiction(svc) -> None:
    born = date(2008, 9, 15)  # 17 on 15/09/2025
    person = leaver(svc, born=born, eet="F1", spoke_on=date(2025, 9, 1))
    report = oc3(svc).check(year=YEAR)
    assert any("Higher education" in s for s in problems_for(report, person.id))


def direct(svc, row) -> None:  # type: ignore[no-untyped-def]
    """Data the services refuse, as an old import or a bug might have left it."""
    with svc.store.session() as s:
        s.add(row)


@pytest.mark.parametrize(("kind", "suitable", "born", "words"), [
    ("S", True, date(2006, 9, 15), "suitable"),  # S1 does not exist
    ("X", True, date(2006, 9, 15), "suitable"),  # X1 does not exist
    ("Z", True, date(2008, 9, 15), "only from 18"),  # former foster carers at 17
])
def test_accommodation_codes_the_return_does_not_allow(svc, kind, suitable, born, words) -> None:
    person = leaver(svc, born=born, accom=None, spoke_on=birthday(born, 17 if kind == "Z" else 19))
    direct(svc, AccommodationPeriod(person_id=person.id, type=kind, suitable=suitable, start_date=birthday(born, 16)))
    report = oc3(svc).check(year=YEAR)
    assert any(words in s for s in problems_for(report, person.id)), report.problems


def test_overlapping_spells_are_a_contradiction(svc) -> None:
    born = date(2006, 9, 15)
    person = leaver(svc, born=born, spoke_on=date(2025, 9, 1))
    direct(svc, EetStatusPeriod(person_id=person.id, status="G5", start_date=date(2025, 1, 1)))
    assert any("overlap" in s for s in problems_for(oc3(svc).check(year=YEAR), person.id))


def test_identity_problems_each_child_once(svc) -> None:
    a = leaver(svc, born=date(2006, 9, 15), child="C9", spoke_on=date(2025, 9, 1))
    b = leaver(svc, born=date(2006, 10, 15), child="c9", spoke_on=date(2025, 10, 1))
    c = leaver(svc, born=date(2006, 11, 15), child=None, sex=None, spoke_on=date(2025, 11, 1))
    d = leaver(svc, born=date(2006, 12, 15), child="=HYPERLINK(1)", category=None, spoke_on=date(2025, 12, 1))
    report = oc3(svc).check(year=YEAR)
    assert any("another young person" in s for s in problems_for(report, a.id))
    assert any("another young person" in s for s in problems_for(report, b.id))
    assert {p.field for p in report.problems if p.person_id == c.id} == {"child_ref", "sex"}
    assert {p.field for p in report.problems if p.person_id == d.id} == {"child_ref", "care_leaver_category"}
    # Identity problems do not hide the codes, which are known.
    assert line_for(report, c.id).in_touch == "YES"


def test_qualifying_care_leavers_are_listed_as_not_included(svc) -> None:
    person = leaver(svc, born=date(2006, 9, 15), category="qualifying")
    report = oc3(svc).check(year=YEAR)
    assert person.id not in {line.person_id for line in report.lines}
    assert [p.person_id for p in report.not_included] == [person.id]


def test_a_birthday_still_to_come_or_a_window_still_open(svc) -> None:
    today_year = 2027  # 1 April 2026 to 31 March 2027; TODAY is 21/11/2026
    future = leaver(svc, born=date(2007, 1, 10))  # 20 on 10/01/2027
    window_open = leaver(svc, born=date(2006, 11, 1))  # 20 on 01/11/2026, window to 01/12/2026
    seen = leaver(svc, born=date(2006, 11, 2), child="C2", spoke_on=date(2026, 11, 3))
    report = oc3(svc).check(year=today_year)
    assert any("has not come yet" in s for s in problems_for(report, future.id))
    assert any("runs to 01/12/2026" in s for s in problems_for(report, window_open.id))
    assert line_for(report, seen.id).in_touch == "YES"


def test_consistency_rules_hold_on_every_line(svc) -> None:
    leaver(svc, born=date(2006, 9, 15), child="A", spoke_on=date(2025, 9, 1))
    leaver(svc, born=date(2005, 5, 15), child="B")
    died = leaver(svc, born=date(2004, 6, 15), child="C")
    svc.people.close_case(person_id=died.id, closed_on=date(2025, 1, 1), reason="Died")
    leaver(svc, born=date(2007, 7, 15), child="D", accom=None, spoke_on=date(2025, 7, 1))  # a problem
    report = oc3(svc).check(year=YEAR)
    children = [line.child for line in report.lines]
    assert len(children) == len(set(children))
    for line in report.lines:
        codes = (line.in_touch, line.activ, line.accom)
        assert all(codes) or not any(codes)
        if line.in_touch in ("DIED", "RHOM"):
            assert line.activ == line.accom == "0"
        if line.in_touch == "YES":
            assert "0" not in (line.activ, line.accom)
        assert line.header_cells()[2] == line.oc3_cells()[1]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"  # tmp_path itself holds the store
    folder.mkdir()
    return folder


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # the DfE upload reads the first header as CHILD
    return list(csv.reader(io.StringIO(raw.decode("utf-8"))))


def test_export_writes_both_files_and_is_audited(svc, out: Path) -> None:
    a = leaver(svc, born=date(2006, 9, 15), child="A1", spoke_on=date(2025, 9, 1))
    b = leaver(svc, born=date(2005, 5, 15), child="B1")
    before = audit_max_id(svc.store)
    report, files = oc3(svc).export(year=YEAR, folder=out)
    assert files.header.name == "SSDA903_2025-26_Header.csv" and files.oc3.name == "SSDA903_2025-26_OC3.csv"
    assert read_csv(files.header) == [
        list(HEADER_HEADERS), ["A1", "F", "15/09/2006", "", "", "", ""], ["B1", "F", "15/05/2005", "", "", "", ""]
    ]
    assert read_csv(files.oc3) == [
        list(OC3_HEADERS), ["A1", "15/09/2006", "YES", "F5", "U1"], ["B1", "15/05/2005", "NO", "0", "0"]
    ]
    with svc.store.read_session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.id > before)).one()
    assert (event.action, event.entity, event.entity_id) == (AuditAction.EXPORTED, "oc3_return", YEAR)
    assert event.changes["rows"] == [None, 2] and sorted(event.changes["people"][1]) == sorted([a.id, b.id])
    assert "SSDA903" not in str(event.changes)  # no file names in the audit trail


def test_export_refuses_while_problems_remain_and_writes_nothing(svc, out: Path) -> None:
    leaver(svc, born=date(2006, 9, 15), accom=None, spoke_on=date(2025, 9, 1))
    before = audit_max_id(svc.store)
    with pytest.raises(ReturnNotReady) as info:
        oc3(svc).export(year=YEAR, folder=out)
    assert "1 problem in 1 young person's records" in str(info.value)
    assert list(out.iterdir()) == [] and audit_max_id(svc.store) == before


def test_export_anyway_leaves_the_codes_blank_and_drops_nobody(svc, out: Path) -> None:
    leaver(svc, born=date(2006, 9, 15), child="A1", accom=None, spoke_on=date(2025, 9, 1))
    report, files = oc3(svc).export(year=YEAR, folder=out, allow_problems=True)
    assert files.problems == 1
    assert read_csv(files.oc3)[1] == ["A1", "15/09/2006", "", "", ""]


def test_year_refusals(svc, out: Path) -> None:
    for year in (1999, "2026", 2028, 2101, True):
        with pytest.raises(ValidationError) as info:
            oc3(svc).check(year=year)
        assert "year" in info.value.problems


def test_years_before_the_sex_codes_written_are_refused(svc) -> None:
    # The Header's SEX is M, F or U from 2024-25 (the year ending 31 March 2025); earlier years
    # used other codes, which caseapp does not write.
    for year in (2017, 2024):
        with pytest.raises(ValidationError) as info:
            oc3(svc).check(year=year)
        assert info.value.problems == {
            "year": "caseapp writes the return only from 2024-25 (the year ending "
            "31 March 2025) on, because earlier years used other Header codes for SEX."
        }
    assert oc3(svc).check(year=2025).label == "2024-25"


def test_a_draft_blanks_only_what_is_unknown_and_says_what(svc, out: Path) -> None:
    leaver(svc, born=date(2006, 9, 15), child="A1", accom=None, spoke_on=date(2025, 9, 1))  # codes unknown
    leaver(svc, born=date(2006, 10, 15), child=None, sex=None, spoke_on=date(2025, 10, 1))  # identity unknown
    leaver(svc, born=date(2006, 11, 15), child="=HYPERLINK(1)", spoke_on=date(2025, 11, 1))  # not a valid CHILD
    report, files = oc3(svc).export(year=YEAR, folder=out, allow_problems=True)
    assert read_csv(files.oc3)[1:] == [
        ["", "15/10/2006", "YES", "F5", "U1"],
        ["", "15/11/2006", "YES", "F5", "U1"],
        ["A1", "15/09/2006", "", "", ""],
    ]
    assert read_csv(files.header)[1:3] == [
        ["", "", "15/10/2006", "", "", "", ""], ["", "F", "15/11/2006", "", "", "", ""]
    ]
    assert report.blanks() == {"IN_TOUCH, ACTIV and ACCOM": 1, "CHILD": 2, "SEX": 1}
    assert b"HYPERLINK" not in files.oc3.read_bytes() + files.header.read_bytes()
    with pytest.raises(ValidationError):
        oc3(svc).export(year=YEAR, folder=out / "missing")
