"""The caseload: computed overdue contacts by situation, filters, and a summary that stays true."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from caseapp.models import CaseloadSummary
from caseapp.models.codes import EetStatus, StepStatus, StepType
from caseapp.services import summary
from caseapp.services.caseload import CaseloadFilter, CaseloadService
from tests.services.conftest import services_for
from tests.services.helpers import TODAY, add_person, at, born_aged, days_ago


def spoke(svc, person_id: int, day, **extra):
    return svc.checkins.record_check_in(
        person_id=person_id, happened_at=at(day), method="phone", outcome="spoke", **extra
    )


def row_of(svc, person_id: int, **kw):
    rows = [r for r in svc.caseload.caseload(**kw) if r.person_id == person_id]
    assert len(rows) == 1
    return rows[0]


def ids(rows) -> set[int]:
    return {r.person_id for r in rows}


# -- what a row shows ---------------------------------------------------------------------


def test_a_row_shows_age_step_eet_last_contact_and_next_due(svc) -> None:
    person = add_person(svc, given_name="Mohamed", preferred_name="Mo", family_name="Elhassan",
                        own_script_name="محمد الحسن", date_of_birth=born_aged(20))
    svc.people.set_eet_status(person_id=person.id, status="G5", start_date=days_ago(90))
    svc.pathway.add_step(
        person_id=person.id, type="cv_support", status="completed", start_date=days_ago(80), end_date=days_ago(79)
    )
    svc.pathway.add_step(person_id=person.id, type="taster", status="offered", offered_on=days_ago(5))
    spoke(svc, person.id, days_ago(10))
    svc.checkins.record_check_in(person_id=person.id, happened_at=at(days_ago(2)), method="phone", outcome="no_answer")

    row = row_of(svc, person.id)
    assert (row.display_name, row.own_script_name, row.age) == ("Mo Elhassan", "محمد الحسن", 20)
    assert (row.step_type, row.step_status) == (StepType.TASTER, StepStatus.OFFERED)  # completed is history
    assert (row.eet_status, row.neet_since) == (EetStatus.NEET_OTHER, days_ago(90))
    assert row.last_contact == at(days_ago(10))  # a call nobody answered is not contact
    assert row.next_due == days_ago(10) + timedelta(days=28)
    assert (row.overdue_days, row.overdue, row.closed) == (0, False, False)


def test_with_no_contact_yet_the_referral_starts_the_clock(svc) -> None:
    person = add_person(svc, referral_date=days_ago(40))
    row = row_of(svc, person.id)
    assert row.last_contact is None
    assert row.next_due == days_ago(12) and row.overdue_days == 12


def test_the_current_step_is_the_one_furthest_along(svc) -> None:
    person = add_person(svc)
    svc.pathway.add_step(person_id=person.id, type="cv_support", status="planned")
    svc.pathway.add_step(
        person_id=person.id, type="job", status="waiting_to_start", offered_on=days_ago(9),
        start_date=TODAY + timedelta(days=30),
    )
    svc.pathway.add_step(person_id=person.id, type="course_esol", status="accepted")
    row = row_of(svc, person.id)
    assert (row.step_type, row.step_status) == (StepType.JOB, StepStatus.WAITING_TO_START)


# -- cadence ------------------------------------------------------------------------------


def test_four_weekly_by_default(svc) -> None:
    seen = add_person(svc)
    spoke(svc, seen.id, days_ago(10))
    late = add_person(svc, given_name="Yonas")
    spoke(svc, late.id, days_ago(30))
    assert row_of(svc, seen.id).next_due == TODAY + timedelta(days=18)
    assert (row_of(svc, late.id).next_due, row_of(svc, late.id).overdue_days) == (days_ago(2), 2)


def test_cadence_is_a_setting(svc) -> None:
    person = add_person(svc)
    spoke(svc, person.id, days_ago(10))
    svc.settings.set_setting(key="cadence.default_days", value=14)
    assert row_of(svc, person.id).next_due == days_ago(10) + timedelta(days=14)
    svc.settings.set_setting(key="cadence.default_days", value=7)
    row = row_of(svc, person.id)
    assert (row.next_due, row.overdue_days) == (days_ago(3), 3)


@pytest.mark.parametrize("kind", ["paid_placement", "job", "work_experience", "apprenticeship"])
def test_weekly_in_the_first_four_weeks_of_a_placement_or_job(svc, kind: str) -> None:
    person = add_person(svc, right_to_work="unlimited")
    level = {"apprenticeship_level": 3} if kind == "apprenticeship" else {}
    step = svc.pathway.add_step(person_id=person.id, type=kind, status="in_progress", start_date=days_ago(10), **level)
    spoke(svc, person.id, days_ago(9))
    row = row_of(svc, person.id)
    assert (row.next_due, row.overdue_days) == (days_ago(2), 2)
    # Seen on day 19 of the placement: still new then, so due within the week.
    svc.pathway.edit_step(step_id=step.id, start_date=days_ago(28))
    assert row_of(svc, person.id).next_due == days_ago(2)
    # Seen after the first four weeks: back to four-weekly.
    svc.pathway.edit_step(step_id=step.id, start_date=days_ago(40))
    assert row_of(svc, person.id).next_due == days_ago(9) + timedelta(days=28)


def test_week_one_contact_long_ago_is_overdue_by_the_weekly_rule(svc) -> None:
    person = add_person(svc)
    svc.pathway.add_step(person_id=person.id, type="paid_placement", status="in_progress", start_date=days_ago(42))
    spoke(svc, person.id, days_ago(36))
    row = row_of(svc, person.id)
    assert (row.next_due, row.overdue_days) == (days_ago(29), 29)


def test_a_course_in_progress_is_four_weekly(svc) -> None:
    person = add_person(svc)
    svc.pathway.add_step(person_id=person.id, type="course_esol", status="in_progress", start_date=days_ago(10))
    spoke(svc, person.id, days_ago(9))
    assert row_of(svc, person.id).next_due == days_ago(9) + timedelta(days=28)


@pytest.mark.parametrize("status", ["waiting_to_start", "accepted"])
def test_fortnightly_while_waiting_to_start(svc, status: str) -> None:
    # A civil service internship took nine months from offer to start: keep in touch.
    person = add_person(svc)
    svc.pathway.add_step(person_id=person.id, type="internship", status=status, offered_on=days_ago(200),
                         start_date=TODAY + timedelta(days=60))
    spoke(svc, person.id, days_ago(20))
    row = row_of(svc, person.id)
    assert (row.next_due, row.overdue_days) == (days_ago(6), 6)


def test_the_situation_cadences_are_settings_too(svc) -> None:
    placed = add_person(svc)
    svc.pathway.add_step(person_id=placed.id, type="paid_placement", status="in_progress", start_date=days_ago(10))
    spoke(svc, placed.id, days_ago(9))
    waiting = add_person(svc, given_name="Yonas")
    svc.pathway.add_step(
        person_id=waiting.id, type="job", status="waiting_to_start", start_date=TODAY + timedelta(days=9)
    )
    spoke(svc, waiting.id, days_ago(9))
    svc.settings.set_setting(key="cadence.new_start_days", value=3)
    svc.settings.set_setting(key="cadence.waiting_days", value=21)
    assert row_of(svc, placed.id).next_due == days_ago(6)
    assert row_of(svc, waiting.id).next_due == days_ago(9) + timedelta(days=21)
    svc.settings.set_setting(key="cadence.new_start_weeks", value=0)  # no placement counts as new
    assert row_of(svc, placed.id).next_due == days_ago(9) + timedelta(days=28)


def test_an_agreed_next_contact_on_the_latest_check_in_overrides(svc) -> None:
    person = add_person(svc)
    spoke(svc, person.id, days_ago(40), next_contact_on=days_ago(30))
    spoke(svc, person.id, days_ago(10), next_contact_on=TODAY + timedelta(days=40))
    assert row_of(svc, person.id).next_due == TODAY + timedelta(days=40)

    # Only the latest check-in's agreement counts, even if nobody answered then.
    latest = svc.checkins.record_check_in(person_id=person.id, happened_at=at(days_ago(3)), method="phone",
                                          outcome="no_answer", next_contact_on=days_ago(1))
    row = row_of(svc, person.id)
    assert (row.next_due, row.overdue_days) == (days_ago(1), 1)

    # Without one on the latest, the cadence applies again from the last real contact.
    svc.checkins.edit_check_in(check_in_id=latest.id, next_contact_on=None)
    assert row_of(svc, person.id).next_due == days_ago(10) + timedelta(days=28)
    svc.checkins.delete_check_in(check_in_id=latest.id)
    assert row_of(svc, person.id).next_due == TODAY + timedelta(days=40)


def test_each_due_date_says_which_rule_set_it(svc) -> None:
    """Adding a placement can bring the due date forward (the weekly rule): the row says so."""
    usual = add_person(svc)
    spoke(svc, usual.id, days_ago(10))
    assert row_of(svc, usual.id).due_rule == "every 4 weeks, the usual rule"

    placed = add_person(svc, given_name="Yonas", right_to_work="unlimited")
    spoke(svc, placed.id, days_ago(9))
    before = row_of(svc, placed.id).next_due
    svc.pathway.add_step(person_id=placed.id, type="paid_placement", status="in_progress", start_date=days_ago(10))
    row = row_of(svc, placed.id)
    assert row.next_due < before
    assert row.due_rule == "every week in the first 4 weeks of a paid placement"

    waiting = add_person(svc, given_name="Dritë", right_to_work="unlimited")
    svc.pathway.add_step(person_id=waiting.id, type="internship", status="waiting_to_start",
                         start_date=TODAY + timedelta(days=60))
    spoke(svc, waiting.id, days_ago(3))
    assert row_of(svc, waiting.id).due_rule == "every 2 weeks while waiting to start an internship"

    agreed = add_person(svc, given_name="Arbër")
    spoke(svc, agreed.id, days_ago(3), next_contact_on=TODAY + timedelta(days=5))
    assert row_of(svc, agreed.id).due_rule == "the date agreed at the last check-in"

    new = add_person(svc, given_name="Klodian", referral_date=days_ago(5))
    assert row_of(svc, new.id).due_rule == "every 4 weeks, the usual rule, counted from the referral (no contact yet)"


def test_overdue_first_most_overdue_first_then_soonest_due(svc) -> None:
    order = []
    for name, last in (("Dritë", 5), ("Arbër", 60), ("Klodian", 40), ("Besjana", 20), ("Ermal", 29)):
        person = add_person(svc, given_name=name, family_name="Hoxha")
        spoke(svc, person.id, days_ago(last))
        order.append((last, person.id))
    rows = svc.caseload.caseload()
    assert [r.person_id for r in rows] == [pid for _last, pid in sorted(order, reverse=True)]
    assert [r.overdue_days for r in rows] == [32, 12, 1, 0, 0]


# -- filters ------------------------------------------------------------------------------


def test_filters(svc) -> None:
    other = svc.workers.add_worker(name="Grace Okafor", role="employability_worker")
    mine_pa = add_person(svc, given_name="Luwam", worker_id=other.id, pa_id=svc.worker_id)
    theirs = add_person(svc, given_name="Filmon", worker_id=other.id)
    spoke(svc, theirs.id, days_ago(2))

    long_neet = add_person(svc, given_name="Hiba")  # back-to-back NEET spells for over a year
    svc.people.set_eet_status(person_id=long_neet.id, status="F2", start_date=days_ago(900))
    svc.people.set_eet_status(person_id=long_neet.id, status="G6", start_date=days_ago(500))
    svc.people.set_eet_status(person_id=long_neet.id, status="G4", start_date=days_ago(200))
    svc.people.set_eet_status(person_id=long_neet.id, status="G5", start_date=days_ago(30))
    spoke(svc, long_neet.id, days_ago(3))
    recent_neet = add_person(svc, given_name="Osman")
    svc.people.set_eet_status(person_id=recent_neet.id, status="F5", start_date=days_ago(900))
    svc.people.set_eet_status(person_id=recent_neet.id, status="G5", start_date=days_ago(300))
    in_work = add_person(svc, given_name="Rama")
    svc.people.set_eet_status(person_id=in_work.id, status="G5", start_date=days_ago(900))
    svc.people.set_eet_status(person_id=in_work.id, status="F5", start_date=days_ago(10))

    placed = add_person(svc, given_name="Yazan")
    svc.pathway.add_step(person_id=placed.id, type="paid_placement", status="in_progress", start_date=days_ago(10))
    on_course = add_person(svc, given_name="Lana")
    svc.pathway.add_step(person_id=on_course.id, type="course_cscs", status="in_progress", start_date=days_ago(10))
    waiting = add_person(svc, given_name="Khaled")
    svc.pathway.add_step(
        person_id=waiting.id, type="internship", status="waiting_to_start", start_date=TODAY + timedelta(days=90)
    )
    gone = add_person(svc, given_name="Nour")
    svc.people.set_eet_status(person_id=gone.id, status="G5", start_date=days_ago(600))
    svc.people.close_case(person_id=gone.id, closed_on=days_ago(1), reason="Moved out of area")

    everyone_open = {
        mine_pa.id, theirs.id, long_neet.id, recent_neet.id, in_work.id, placed.id, on_course.id, waiting.id
    }
    assert ids(svc.caseload.caseload()) == everyone_open
    assert ids(svc.caseload.caseload(mine=True)) == everyone_open - {theirs.id}
    assert ids(svc.caseload.caseload(filter="neet")) == {long_neet.id, recent_neet.id}
    assert ids(svc.caseload.caseload(filter=CaseloadFilter.NEET_12_MONTHS)) == {long_neet.id}
    assert row_of(svc, long_neet.id).neet_since == days_ago(500)
    assert ids(svc.caseload.caseload(filter="in_placement")) == {placed.id}
    assert ids(svc.caseload.caseload(filter="waiting_to_start")) == {waiting.id}
    closed = svc.caseload.caseload(filter="closed")
    assert ids(closed) == {gone.id}
    assert (closed[0].closed, closed[0].next_due, closed[0].overdue_days) == (True, None, 0)

    overdue = svc.caseload.caseload(filter="overdue")
    assert ids(overdue) == {r.person_id for r in svc.caseload.caseload() if r.overdue_days > 0}
    assert theirs.id not in ids(overdue) and long_neet.id not in ids(overdue)
    assert ids(svc.caseload.caseload(filter="overdue", mine=True)) == ids(overdue) - {theirs.id}
    assert ids(svc.caseload.caseload(person_ids=[placed.id, gone.id])) == {placed.id}
    with pytest.raises(ValueError):
        svc.caseload.caseload(filter="everyone")


def test_neet_12_months_starts_at_a_year_to_the_day(svc) -> None:
    exactly = add_person(svc)
    svc.people.set_eet_status(person_id=exactly.id, status="G5", start_date=days_ago(365))
    not_yet = add_person(svc, given_name="Yonas")
    svc.people.set_eet_status(person_id=not_yet.id, status="G5", start_date=days_ago(364))
    assert ids(svc.caseload.caseload(filter="neet_12_months")) == {exactly.id}


def test_mine_without_an_actor_is_everyone(svc) -> None:
    a = add_person(svc)
    b = add_person(svc, given_name="Yonas", worker_id=None)
    anonymous = CaseloadService(svc.store, today=lambda: TODAY)
    assert ids(anonymous.caseload(mine=True)) == {a.id, b.id}


# -- the summary table stays true ---------------------------------------------------------


def summary_rows(store) -> list[tuple]:
    with store.read_session() as s:
        return [tuple(r) for r in s.execute(select(CaseloadSummary.__table__).order_by(CaseloadSummary.person_id))]


def assert_summary_is_a_full_recompute(svc) -> None:
    before_rows, before_all, before_closed = (
        summary_rows(svc.store), svc.caseload.caseload(), svc.caseload.caseload(filter="closed")
    )
    with svc.store.session() as s:
        summary.refresh(s)
    assert summary_rows(svc.store) == before_rows
    assert svc.caseload.caseload() == before_all
    assert svc.caseload.caseload(filter="closed") == before_closed


def test_after_any_writes_the_summary_equals_a_full_recompute(store) -> None:
    svc = services_for(store)
    rng = random.Random(20261121)
    people = [add_person(svc, given_name=f"Person{n}", date_of_birth=born_aged(17 + n)).id for n in range(5)]
    steps: list[int] = []
    check_ins: list[int] = []
    eet_day = {pid: days_ago(700) for pid in people}

    def add_step(pid):
        kind = rng.choice(["paid_placement", "job", "course_esol", "taster", "internship"])
        status = rng.choice(["planned", "offered", "accepted", "waiting_to_start", "in_progress"])
        start = days_ago(rng.randint(1, 60)) if status == "in_progress" else None
        steps.append(svc.pathway.add_step(person_id=pid, type=kind, status=status, start_date=start).id)

    def move_step(_pid):
        if steps:
            step = svc.pathway.get_step(step_id=rng.choice(steps))
            from caseapp.models.codes import ALLOWED_TRANSITIONS
            options = sorted(ALLOWED_TRANSITIONS[step.status])
            if options:
                new = rng.choice(options)
                reason = "Not the right fit" if new == StepStatus.ENDED_EARLY else None
                on = max(days_ago(1), step.start_date or days_ago(1))
                svc.pathway.move_step(step_id=step.id, status=new, on=min(on, TODAY), reason=reason)

    def record(pid):
        day = days_ago(rng.randint(0, 90))
        outcome = rng.choice(["spoke", "spoke", "no_answer", "message_left", "declined"])
        agreed = day + timedelta(days=rng.randint(1, 30)) if rng.random() < 0.3 else None
        check_ins.append(svc.checkins.record_check_in(person_id=pid, happened_at=at(day, rng.randint(8, 18)),
                                                      method="phone", outcome=outcome, next_contact_on=agreed).id)

    def edit_or_delete(_pid):
        if check_ins:
            target = rng.choice(check_ins)
            if rng.random() < 0.5:
                svc.checkins.delete_check_in(check_in_id=target)
                check_ins.remove(target)
            else:
                svc.checkins.edit_check_in(check_in_id=target, outcome=rng.choice(["spoke", "no_answer"]))

    def eet(pid):
        eet_day[pid] = min(TODAY, eet_day[pid] + timedelta(days=rng.randint(0, 120)))
        svc.people.set_eet_status(person_id=pid, status=rng.choice(list(EetStatus)), start_date=eet_day[pid])

    def close_or_reopen(pid):
        if svc.people.get_young_person(person_id=pid).closed_on:
            svc.people.reopen_case(person_id=pid)
        else:
            svc.people.close_case(person_id=pid, closed_on=days_ago(1), reason="Moved on")

    operations = [add_step, move_step, record, record, edit_or_delete, eet, close_or_reopen]
    for n in range(60):
        rng.choice(operations)(rng.choice(people))
        if n % 10 == 9:
            assert_summary_is_a_full_recompute(svc)
    assert_summary_is_a_full_recompute(svc)


def test_a_stored_cadence_out_of_range_falls_back_to_its_default(svc) -> None:
    from caseapp.models import SettingValue

    person = add_person(svc)
    spoke(svc, person.id, days_ago(9))
    with svc.store.session() as s:  # as a damaged or hand-edited value would arrive
        s.merge(SettingValue(key="cadence.default_days", value="0"))
    assert row_of(svc, person.id).next_due == days_ago(9) + timedelta(days=28)
    assert svc.settings.get_all()["cadence.default_days"] == 28
