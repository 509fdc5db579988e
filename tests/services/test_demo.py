"""The demo caseload: every code used, names from the communities served, consistent histories."""

from __future__ import annotations

import enum
import itertools
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from caseapp import models as m
from caseapp.models.codes import (
    EMPLOYMENT_STEPS,
    PAID_STEPS,
    AccommodationType,
    CheckInMethod,
    CheckInOutcome,
    EetStatus,
    NeedCategory,
    RightToWork,
    StepStatus,
    StepType,
    VettingNeed,
    VettingOutcome,
)
from caseapp.services import audit, summary
from caseapp.services.caseload import CaseloadService
from caseapp.services.demo import build_demo_caseload
from caseapp.services.support import need_record
from caseapp.store import Store
from tests.conftest import DEMO_TODAY, demo_store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with demo_store(tmp_path_factory.mktemp("demo"), people=80) as store:
        yield store


def birthday(born: date, years: int) -> date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def all_rows(store: Store, model):  # type: ignore[no-untyped-def]
    with store.read_session() as s:
        return list(s.scalars(select(model)))


def test_eighty_people_and_a_team(demo) -> None:
    assert len(all_rows(demo, m.YoungPerson)) == 80
    assert len(all_rows(demo, m.Worker)) >= 2


@pytest.mark.parametrize(
    ("model", "column", "codes"),
    [
        (m.PathwayStep, "type", StepType),
        (m.PathwayStep, "status", StepStatus),
        (m.EetStatusPeriod, "status", EetStatus),
        (m.AccommodationPeriod, "type", AccommodationType),
        (m.SupportNeed, "category", NeedCategory),
        (m.CheckIn, "method", CheckInMethod),
        (m.CheckIn, "outcome", CheckInOutcome),
        (m.VettingCheck, "need", VettingNeed),
        (m.VettingCheck, "outcome", VettingOutcome),
        (m.YoungPerson, "right_to_work", RightToWork),
    ],
)
def test_every_code_is_used(demo, model, column: str, codes: type[enum.Enum]) -> None:
    with demo.read_session() as s:
        used = set(s.scalars(select(getattr(model, column)).distinct()))
    assert set(codes) - used == set()


def test_names_include_diacritics_and_own_scripts(demo) -> None:
    people = all_rows(demo, m.YoungPerson)
    latin = " ".join(f"{p.given_name} {p.family_name}" for p in people)
    assert any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", latin))
    scripts = {
        unicodedata.name(ch).split()[0] for p in people if p.own_script_name for ch in p.own_script_name if ch.isalpha()
    }
    assert {"ETHIOPIC", "ARABIC"} <= scripts
    assert all(
        unicodedata.is_normalized("NFC", f"{p.given_name} {p.family_name} {p.own_script_name or ''}") for p in people
    )


def test_nothing_happens_before_referral_or_birth(demo) -> None:
    people = {p.id: p for p in all_rows(demo, m.YoungPerson)}
    for c in all_rows(demo, m.CheckIn):
        person = people[c.person_id]
        assert c.happened_at.date() >= person.referral_date, (person.id, c.happened_at)
        assert c.happened_at.date() <= DEMO_TODAY
    for step in all_rows(demo, m.PathwayStep):
        person = people[step.person_id]
        for day in (step.offered_on, step.start_date):
            assert day is None or day >= person.referral_date
    for p in people.values():
        assert birthday(p.date_of_birth, 16) <= p.referral_date <= DEMO_TODAY
        age = DEMO_TODAY.year - p.date_of_birth.year - (
            (DEMO_TODAY.month, DEMO_TODAY.day) < (p.date_of_birth.month, p.date_of_birth.day)
        )
        assert 16 <= age <= 25


def test_steps_start_on_or_after_their_offer_and_follow_the_rules(demo) -> None:
    people = {p.id: p for p in all_rows(demo, m.YoungPerson)}
    with demo.read_session() as s:
        steps = s.scalars(select(m.PathwayStep).options(selectinload(m.PathwayStep.sustainment_checks))).all()
    for step in steps:
        where = (step.id, step.type, step.status)
        if step.offered_on and step.start_date:
            assert step.start_date >= step.offered_on, where
        if step.start_date and step.end_date:
            assert step.end_date >= step.start_date, where
        if step.offered_on:
            assert step.offered_on <= DEMO_TODAY, where
        if step.status in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED, StepStatus.ENDED_EARLY):
            assert step.start_date and step.start_date <= DEMO_TODAY, where
        if step.status in (StepStatus.COMPLETED, StepStatus.ENDED_EARLY):
            assert step.end_date and step.end_date <= DEMO_TODAY, where
        if step.status in (StepStatus.ENDED_EARLY, StepStatus.WITHDRAWN):
            assert step.ended_reason, where
        if step.apprenticeship_level is not None:
            assert step.type == StepType.APPRENTICESHIP, where
        if step.type in EMPLOYMENT_STEPS and step.status in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED):
            weeks = [c.week for c in step.sustainment_checks]
            assert weeks == [4, 13, 26, 52], where
            assert all(c.due_on == step.start_date + timedelta(weeks=c.week) for c in step.sustainment_checks)
            assert all(c.checked_on is None or c.checked_on <= DEMO_TODAY for c in step.sustainment_checks)
        if step.type in PAID_STEPS and step.status in (
            StepStatus.ACCEPTED, StepStatus.WAITING_TO_START, StepStatus.IN_PROGRESS
        ):
            # The same rule the pathway service applies: no paid step without a right to work on file.
            person = people[step.person_id]
            assert person.right_to_work not in (RightToWork.NONE, RightToWork.NOT_CHECKED), where
            if person.right_to_work == RightToWork.TIME_LIMITED:
                assert person.right_to_work_expiry >= max(step.start_date or DEMO_TODAY, DEMO_TODAY), where


def covers_without_gaps(periods, start: date) -> None:
    periods = sorted(periods, key=lambda p: p.start_date)
    assert periods[0].start_date == start
    for earlier, later in itertools.pairwise(periods):
        assert earlier.end_date == later.start_date  # back to back: no gap, no overlap
        assert earlier.start_date < earlier.end_date
    assert periods[-1].end_date is None and periods[-1].start_date <= DEMO_TODAY


def test_eet_and_accommodation_cover_every_day_from_the_16th_birthday(demo) -> None:
    people = all_rows(demo, m.YoungPerson)
    with demo.read_session() as s:
        for p in people:
            sixteen = birthday(p.date_of_birth, 16)
            covers_without_gaps(
                s.scalars(select(m.EetStatusPeriod).where(m.EetStatusPeriod.person_id == p.id)).all(), sixteen
            )
            covers_without_gaps(
                s.scalars(select(m.AccommodationPeriod).where(m.AccommodationPeriod.person_id == p.id)).all(), sixteen
            )


def test_accommodation_codes_are_valid_for_the_return(demo) -> None:
    people = {p.id: p for p in all_rows(demo, m.YoungPerson)}
    for period in all_rows(demo, m.AccommodationPeriod):
        if period.type in (AccommodationType.NO_FIXED_ABODE, AccommodationType.CUSTODY):
            assert not period.suitable  # S1 and X1 do not exist
        if period.type == AccommodationType.FORMER_FOSTER_CARERS:
            assert period.start_date >= birthday(people[period.person_id].date_of_birth, 18)


def test_hand_offs_share_only_needs_with_consent_in_force_on_the_day(demo) -> None:
    with demo.read_session() as s:
        packs = s.scalars(select(m.HandOff)).all()
        assert packs
        for pack in packs:
            step = s.get(m.PathwayStep, pack.step_id)
            assert step.person_id == pack.person_id
            assert pack.built_on <= DEMO_TODAY
            for item in pack.items:
                need = need_record(s.get(m.SupportNeed, item.need_id))
                assert need.person_id == pack.person_id
                assert need.shareable_on(pack.built_on), (pack.id, need.id, pack.built_on, need.consents)


def test_consents_and_vetting_decisions_are_dated_sensibly(demo) -> None:
    for consent in all_rows(demo, m.Consent):
        assert consent.given_on <= DEMO_TODAY
        assert consent.withdrawn_on is None or consent.given_on <= consent.withdrawn_on <= DEMO_TODAY
    for check in all_rows(demo, m.VettingCheck):
        if check.outcome != VettingOutcome.PENDING:
            assert check.decided_on and check.decided_on <= DEMO_TODAY, check.id
        if check.review_on and check.decided_on:
            assert check.review_on >= check.decided_on


def test_the_audit_chain_is_intact_and_covers_every_row(demo) -> None:
    with demo.read_session() as s:
        assert audit.first_broken_event(s) is None
        events = s.scalar(select(m.AuditEvent.id).order_by(m.AuditEvent.id.desc()).limit(1))
        rows = sum(len(s.scalars(select(model.id)).all()) for model in (
            m.Worker, m.Employer, m.Opportunity, m.EmployerCommitment, m.YoungPerson, m.EetStatusPeriod,
            m.AccommodationPeriod, m.PathwayStep, m.SustainmentCheck, m.CheckIn, m.SupportNeed, m.Consent,
            m.VettingCheck, m.HandOff, m.HandOffItem,
        ))
    assert events == rows


def test_the_summary_equals_a_full_recompute(demo) -> None:
    caseload = CaseloadService(demo, today=lambda: DEMO_TODAY)
    before = caseload.caseload(), caseload.caseload(filter="closed")
    with demo.session() as s:
        summary.refresh(s)
    assert (caseload.caseload(), caseload.caseload(filter="closed")) == before
    assert len(before[0]) + len(before[1]) == 80
    # The demo is meant to show the caseload's point: some are overdue, most are not.
    overdue = sum(r.overdue for r in before[0])
    assert 0 < overdue < len(before[0])


def test_every_person_is_findable_by_name(demo) -> None:
    from caseapp.services.search import SearchService

    search = SearchService(demo)
    for p in all_rows(demo, m.YoungPerson)[:20]:
        assert p.id in [h.person_id for h in search.search(f"{p.given_name} {p.family_name}")]
        if p.own_script_name:
            assert p.id in [h.person_id for h in search.search(p.own_script_name)]


def test_a_demo_is_only_built_in_an_empty_store(demo) -> None:
    with pytest.raises(ValueError):
        build_demo_caseload(demo, people=1, today=DEMO_TODAY)


def test_work_under_way_shows_in_the_eet_status_from_its_start(demo) -> None:
    working = {StepType.APPRENTICESHIP, StepType.JOB, StepType.PAID_PLACEMENT, StepType.INTERNSHIP}
    current = {p.person_id: p for p in all_rows(demo, m.EetStatusPeriod) if p.end_date is None}
    checked = 0
    for step in all_rows(demo, m.PathwayStep):
        if step.status == StepStatus.IN_PROGRESS and step.type in working and step.start_date:
            period = current[step.person_id]
            assert not EetStatus(period.status).is_neet
            assert period.start_date <= step.start_date
            checked += 1
    assert checked >= 5


def test_a_preferred_name_is_a_form_of_their_own_given_name(demo) -> None:
    """Their name in their own script is the same name: "Mo" may be Mohamed (محمد), never
    Ahmad (احمد) called "Tess"."""
    from caseapp.services.demo_data import COMMUNITIES, SHORT_FORMS

    people = all_rows(demo, m.YoungPerson)
    own_given = {latin: own for names in COMMUNITIES.values() for latin, own in names.given if own}
    shortened = [p for p in people if p.preferred_name]
    assert shortened
    for p in shortened:
        assert SHORT_FORMS[p.given_name] == p.preferred_name
        if p.own_script_name:
            assert p.own_script_name.split()[0] == own_given[p.given_name]
