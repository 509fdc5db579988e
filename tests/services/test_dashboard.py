"""The dashboard: EET now and over the year, the funnel, overdue by worker, and the lists."""

from __future__ import annotations

from datetime import date, timedelta

from caseapp.models.codes import EetStatus
from caseapp.services.dashboard import DashboardService, month_points
from caseapp.services.workers import WorkersService
from tests.services.helpers import TODAY, add_person, at, days_ago


def dashboard(svc):  # type: ignore[no-untyped-def]
    return DashboardService(svc.store, actor_id=svc.worker_id, today=lambda: TODAY).dashboard()


def ids(facts) -> list[int]:  # type: ignore[no-untyped-def]
    return [f.person_id for f in facts]


def count(counts, status) -> int:  # type: ignore[no-untyped-def]
    return next(c.count for c in counts if c.status == status)


def test_month_points_end_each_month_and_finish_today() -> None:
    points = month_points(TODAY)
    assert len(points) == 12
    assert points[0] == date(2025, 12, 31) and points[1] == date(2026, 1, 31) and points[2] == date(2026, 2, 28)
    assert points[-1] == TODAY


def test_an_empty_caseload(svc) -> None:
    board = dashboard(svc)
    assert board.open_cases == 0 and board.funnel[0].count == 0
    assert all(m.in_eet == m.neet == m.not_recorded == 0 for m in board.eet_by_month)


def test_eet_now_and_month_by_month(svc) -> None:
    a = add_person(svc, referral_date=date(2025, 1, 1))
    svc.people.set_eet_status(person_id=a.id, status="F5", start_date=date(2025, 1, 1))
    svc.people.set_eet_status(person_id=a.id, status="G5", start_date=date(2026, 6, 15))
    b = add_person(svc, referral_date=date(2026, 9, 1))  # on the caseload from September only
    svc.people.set_eet_status(person_id=b.id, status="F2", start_date=date(2026, 9, 1))
    add_person(svc, referral_date=date(2025, 1, 1))  # no EET status recorded
    closed = add_person(svc, referral_date=date(2025, 1, 1))
    svc.people.set_eet_status(person_id=closed.id, status="F4", start_date=date(2025, 1, 1))
    svc.people.close_case(person_id=closed.id, closed_on=date(2026, 3, 10), reason="Moved away")

    board = dashboard(svc)
    assert board.open_cases == 3
    assert count(board.eet_now, EetStatus.NEET_OTHER) == 1
    assert count(board.eet_now, EetStatus.OTHER_EDUCATION_FT) == 1
    assert count(board.eet_now, None) == 1
    months = {m.on: m for m in board.eet_by_month}
    january = months[date(2026, 1, 31)]
    assert (january.in_eet, january.neet, january.not_recorded) == (2, 0, 1)  # a (F5), closed (F4), the unrecorded
    assert count(january.counts, EetStatus.APPRENTICESHIP_FT) == 1
    june = months[date(2026, 6, 30)]
    assert (june.in_eet, june.neet, june.not_recorded) == (0, 1, 1)  # closed has left; b not yet referred
    now = board.eet_by_month[-1]
    assert now.on == TODAY and (now.in_eet, now.neet, now.not_recorded) == (1, 1, 1)


def test_the_funnel_counts_how_far_each_person_got(svc) -> None:
    for_cv = add_person(svc, right_to_work="unlimited")
    placed = add_person(svc, right_to_work="unlimited")
    sustained = add_person(svc, right_to_work="unlimited")
    add_person(svc)  # referred, nothing yet
    planned = add_person(svc)  # a step planned is not a step taken
    svc.pathway.add_step(person_id=planned.id, type="cv_support", status="planned")
    svc.pathway.add_step(
        person_id=for_cv.id, type="mock_interview", status="completed", start_date=days_ago(50), end_date=days_ago(50)
    )
    svc.pathway.add_step(person_id=placed.id, type="paid_placement", status="in_progress", start_date=days_ago(10))
    job = svc.pathway.add_step(person_id=sustained.id, type="job", status="in_progress", start_date=days_ago(200))
    week26 = next(c for c in job.sustainment_checks if c.week == 26)
    svc.pathway.record_sustainment_check(check_id=week26.id, sustained=True, checked_on=days_ago(15))
    closed = add_person(svc, right_to_work="unlimited")  # closed cases keep their outcome
    svc.pathway.add_step(person_id=closed.id, type="apprenticeship", status="in_progress", start_date=days_ago(30))
    svc.people.close_case(person_id=closed.id, closed_on=days_ago(1), reason="Settled in work")

    funnel = {stage.key: stage.count for stage in dashboard(svc).funnel}
    assert funnel == {"referred": 6, "preparation": 4, "placement": 3, "work": 2, "sustained": 1}


def test_a_job_not_sustained_at_26_weeks_does_not_count_as_sustained(svc) -> None:
    person = add_person(svc, right_to_work="unlimited")
    job = svc.pathway.add_step(person_id=person.id, type="job", status="in_progress", start_date=days_ago(200))
    week26 = next(c for c in job.sustainment_checks if c.week == 26)
    svc.pathway.record_sustainment_check(check_id=week26.id, sustained=False, checked_on=days_ago(15))
    funnel = {stage.key: stage.count for stage in dashboard(svc).funnel}
    assert (funnel["work"], funnel["sustained"]) == (1, 0)


def test_overdue_contacts_by_worker(svc) -> None:
    other = WorkersService(svc.store).add_worker(name="Grace Okafor", role="employability_worker")
    add_person(svc, referral_date=days_ago(100))  # overdue: never seen
    fine = add_person(svc, referral_date=days_ago(100))
    svc.checkins.record_check_in(person_id=fine.id, happened_at=at(days_ago(3)), method="phone", outcome="spoke")
    add_person(svc, worker_id=other.id, referral_date=days_ago(100))
    add_person(svc, worker_id=other.id, referral_date=days_ago(100))
    add_person(svc, worker_id=None, referral_date=days_ago(2))
    rows = {(w.worker_name, w.overdue, w.open_cases) for w in dashboard(svc).overdue_by_worker}
    assert rows == {("Grace Okafor", 2, 2), ("Alex Morgan", 1, 2), ("No worker assigned", 0, 1)}
    assert dashboard(svc).overdue_by_worker[0].worker_name == "Grace Okafor"  # most overdue first


def test_neet_for_twelve_months_or_more(svc) -> None:
    long = add_person(svc, referral_date=days_ago(800))
    svc.people.set_eet_status(person_id=long.id, status="G4", start_date=days_ago(400))
    short = add_person(svc, referral_date=days_ago(800))
    svc.people.set_eet_status(person_id=short.id, status="G5", start_date=days_ago(200))
    board = dashboard(svc)
    assert ids(board.neet_12_months) == [long.id]
    assert board.neet_12_months[0].fact.startswith(f"NEET since {days_ago(400):%d/%m/%Y} (13 months)")


def test_no_level_2_english_or_maths(svc) -> None:
    both = add_person(svc, english_level="level_2_plus", maths_level="level_2_plus")
    english = add_person(svc, english_level="entry_3", maths_level="level_2_plus")
    unknown = add_person(svc)
    board = dashboard(svc)
    facts = {f.person_id: f.fact for f in board.no_level_2}
    assert both.id not in facts
    assert facts[english.id] == "No Level 2: English Entry 3"
    assert facts[unknown.id] == "No Level 2: English not recorded, maths not recorded"


def test_right_to_work_expiring_within_60_days(svc) -> None:
    soon = add_person(svc, right_to_work="time_limited", right_to_work_expiry=TODAY + timedelta(days=30))
    add_person(svc, right_to_work="time_limited", right_to_work_expiry=TODAY + timedelta(days=61))
    edge = add_person(svc, right_to_work="time_limited", right_to_work_expiry=TODAY + timedelta(days=60))
    gone = add_person(svc, right_to_work="time_limited", right_to_work_expiry=days_ago(5))
    add_person(svc, right_to_work="unlimited")
    board = dashboard(svc)
    assert ids(board.right_to_work_expiring) == [gone.id, soon.id, edge.id]  # soonest first
    assert board.right_to_work_expiring[0].fact == f"Right to work expired on {days_ago(5):%d/%m/%Y}"
    assert board.right_to_work_expiring[1].fact.endswith("in 30 days")


def test_no_contact_in_eight_weeks(svc) -> None:
    lapsed = add_person(svc, referral_date=days_ago(300))
    svc.checkins.record_check_in(person_id=lapsed.id, happened_at=at(days_ago(60)), method="phone", outcome="spoke")
    recent = add_person(svc, referral_date=days_ago(300))
    svc.checkins.record_check_in(person_id=recent.id, happened_at=at(days_ago(20)), method="phone", outcome="spoke")
    tried = add_person(svc, referral_date=days_ago(300))  # attempts are not contact
    svc.checkins.record_check_in(person_id=tried.id, happened_at=at(days_ago(2)), method="phone", outcome="no_answer")
    new = add_person(svc, referral_date=days_ago(10))
    board = dashboard(svc)
    assert ids(board.no_contact_8_weeks) == [tried.id, lapsed.id]
    assert board.no_contact_8_weeks[1].fact == f"Last contact {days_ago(60):%d/%m/%Y}, 8 weeks ago"
    assert new.id not in ids(board.no_contact_8_weeks)


def test_placements_paying_below_the_living_wage_setting(svc) -> None:
    employer = svc.employers.add_employer(name="Harbour Hotel")
    low = add_person(svc)
    svc.pathway.add_step(person_id=low.id, type="paid_placement", status="in_progress", start_date=days_ago(5),
                         employer_id=employer.id, pay_pence_per_hour=1000)
    fair = add_person(svc)
    svc.pathway.add_step(person_id=fair.id, type="paid_placement", status="in_progress", start_date=days_ago(5),
                         employer_id=employer.id, pay_pence_per_hour=1400)
    done = add_person(svc)
    svc.pathway.add_step(person_id=done.id, type="paid_placement", status="completed", start_date=days_ago(90),
                         end_date=days_ago(30), pay_pence_per_hour=900)
    board = dashboard(svc)
    assert ids(board.below_living_wage) == [low.id]
    assert board.below_living_wage[0].fact == (
        "Paid placement at Harbour Hotel (in progress) pays £10.00 an hour, below the living wage of £13.45"
    )
    svc.settings.set_setting(key="insight.living_wage_pence", value=1500)
    board = dashboard(svc)
    assert board.living_wage_pence == 1500 and ids(board.below_living_wage) == [low.id, fair.id]


def test_closed_cases_are_not_in_the_lists(svc) -> None:
    person = add_person(svc, english_level="entry_1", referral_date=days_ago(300))
    svc.people.close_case(person_id=person.id, closed_on=days_ago(1), reason="Moved away")
    board = dashboard(svc)
    assert board.open_cases == 0 and not board.no_level_2 and not board.no_contact_8_weeks
