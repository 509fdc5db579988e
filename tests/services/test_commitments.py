"""Employer commitments: pledged against delivered, counted from the steps the employer hosted."""

from __future__ import annotations

from datetime import date

from caseapp.models.codes import StepStatus
from caseapp.services.commitments import CommitmentService, commitment_progress
from tests.services.helpers import TODAY, add_person, days_ago

PERIOD = {"period_start": date(2026, 4, 1), "period_end": date(2027, 3, 31)}


def progress(svc, **kw):  # type: ignore[no-untyped-def]
    return CommitmentService(svc.store, actor_id=svc.worker_id, today=lambda: TODAY).progress(**kw)


STARTED = days_ago(20)


def host(svc, employer_id: int, kind: str = "paid_placement", status: str = "in_progress",  # type: ignore[no-untyped-def]
         start: date = STARTED, **extra):
    person = add_person(svc, right_to_work="unlimited")
    values = {"start_date": start} | extra
    if status in ("completed", "ended_early"):
        values.setdefault("end_date", days_ago(1))
    return svc.pathway.add_step(person_id=person.id, type=kind,
                                status="in_progress" if status == "ended_early" else status,
                                employer_id=employer_id, **values)


def test_pledged_against_delivered(svc) -> None:
    hotel = svc.employers.add_employer(name="Harbour Hotel")
    svc.employers.add_commitment(employer_id=hotel.id, measure="8-week paid placements for care leavers",
                                 step_type="paid_placement", pledged=4, contract="Contract 101", **PERIOD)
    host(svc, hotel.id)  # in progress: hosted
    host(svc, hotel.id, status="completed", start=date(2026, 5, 1))
    ended = host(svc, hotel.id)
    svc.pathway.move_step(step_id=ended.id, status=StepStatus.ENDED_EARLY, reason="Moved out of area", on=days_ago(2))
    host(svc, hotel.id, status="waiting_to_start", start=TODAY.replace(day=28))  # not started: not yet
    host(svc, hotel.id, start=date(2026, 3, 20))  # before the period
    host(svc, hotel.id, kind="taster")  # another kind
    other = svc.employers.add_employer(name="Oakwood Builders")
    host(svc, other.id)  # another employer
    [contract] = progress(svc)
    [row] = contract.commitments
    assert (contract.employer_name, contract.contract) == ("Harbour Hotel", "Contract 101")
    assert row.line == "8-week paid placements for care leavers: pledged 4, delivered 3"
    assert (row.outstanding, row.met) == (1, False)


def test_grouped_by_employer_and_contract(svc) -> None:
    hotel = svc.employers.add_employer(name="Harbour Hotel")
    builders = svc.employers.add_employer(name="Oakwood Builders")
    for employer, measure, kind, contract in (
        (builders, "Apprenticeship starts", "apprenticeship", "Contract 7"),
        (hotel, "8-week paid placements", "paid_placement", "Contract 2"),
        (hotel, "Any experience of work", None, None),
        (hotel, "Tasters", "taster", "Contract 2"),
    ):
        svc.employers.add_commitment(
            employer_id=employer.id, measure=measure, step_type=kind, pledged=2, contract=contract, **PERIOD
        )
    host(svc, hotel.id)
    host(svc, hotel.id, kind="taster", status="completed", start=days_ago(30), end_date=days_ago(30))
    host(svc, builders.id, kind="apprenticeship")
    groups = progress(svc)
    assert [(g.employer_name, g.contract, [c.measure for c in g.commitments]) for g in groups] == [
        ("Harbour Hotel", "Contract 2", ["8-week paid placements", "Tasters"]),
        ("Harbour Hotel", None, ["Any experience of work"]),
        ("Oakwood Builders", "Contract 7", ["Apprenticeship starts"]),
    ]
    assert [g.delivered for g in groups] == [2, 2, 1]  # no step type: every hosted step counts
    assert [g.employer_name for g in progress(svc, employer_id=builders.id)] == ["Oakwood Builders"]


def test_only_commitments_running_on_a_day(svc) -> None:
    hotel = svc.employers.add_employer(name="Harbour Hotel")
    svc.employers.add_commitment(employer_id=hotel.id, measure="Last year", pledged=1,
                                 period_start=date(2025, 4, 1), period_end=date(2026, 3, 31))
    svc.employers.add_commitment(employer_id=hotel.id, measure="This year", pledged=1, **PERIOD)
    [group] = progress(svc, active_on=TODAY)
    assert [c.measure for c in group.commitments] == ["This year"]


def test_the_plain_function_for_reports(svc) -> None:
    hotel = svc.employers.add_employer(name="Harbour Hotel")
    svc.employers.add_commitment(
        employer_id=hotel.id, measure="Placements", step_type="paid_placement", pledged=1, **PERIOD
    )
    host(svc, hotel.id)
    with svc.store.read_session() as s:
        [row] = commitment_progress(s, today=TODAY)
    assert (row.pledged, row.delivered, row.met) == (1, 1, True)
