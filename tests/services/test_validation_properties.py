"""Property tests over every service's validation.

Whatever a form (or a paste, or a bug upstream) sends, each write either succeeds with a record
that keeps the documented rules, or raises ValidationError naming known fields and leaves the
store exactly as it was. Any other exception is a bug. One store per test, reused by examples.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, event, given, settings

from caseapp import settings as declared
from caseapp.models.codes import (
    ALLOWED_TRANSITIONS,
    EMPLOYMENT_STEPS,
    LEGAL_REQUIREMENTS,
    PLACEMENT_STEPS,
    SUSTAINMENT_WEEKS,
    AccommodationType,
    CareLeaverCategory,
    CheckInMethod,
    CheckInOutcome,
    DigitalAccess,
    EetStatus,
    ImmigrationStatus,
    NeedCategory,
    ReferralSource,
    RightToWork,
    Sex,
    SkillLevel,
    StepStatus,
    StepType,
    VettingNeed,
    VettingOutcome,
    WorkerRole,
)
from caseapp.models.fields import PERSON, PERSON_FIELDS, Kind
from caseapp.services.checkins import FIELDS as CHECK_IN_FIELDS
from caseapp.services.employers import COMMITMENT_FIELDS, EMPLOYER_FIELDS, OPPORTUNITY_FIELDS
from caseapp.services.errors import ValidationError
from caseapp.services.handoffs import TEXT_FIELDS as HAND_OFF_TEXT
from caseapp.services.pathway import STEP_FIELDS
from caseapp.services.people import PROFILE_FIELDS
from caseapp.services.search_index import tokens
from caseapp.services.validation import age_on, clean_text
from caseapp.services.vetting import FIELDS as VETTING_FIELDS
from tests.services.helpers import TODAY, add_person, at, days_ago, state

PROPERTIES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# -- arbitrary input ----------------------------------------------------------------------

CONTROL = st.sampled_from(["\x00", "\x07", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\udfff"])
NOT_TEXT = st.one_of(st.integers(), st.floats(), st.booleans(), st.lists(st.text(max_size=3), max_size=2), st.dates())


def texts(limit: int) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.text(max_size=20),  # any Unicode, a few control characters among it
        st.text(st.characters(categories=("L", "M", "Zs")), min_size=1, max_size=30),  # names in any script
        st.builds(lambda a, c, b: a + c + b, st.text(max_size=8), CONTROL, st.text(max_size=8)),
        st.builds(lambda c, n: c * n, st.characters(), st.integers(max(0, limit - 2), limit + 2)),  # at the limit
        st.builds(lambda n: "é" * n, st.integers(0, 60_000)),  # huge
        st.sampled_from(["", "   ", " \t\n ", "Ann\nLee"]),
        NOT_TEXT,
    )


DAYS = st.one_of(
    st.none(),
    st.dates(min_value=TODAY - timedelta(days=12_000), max_value=TODAY + timedelta(days=400)),
    st.dates(),  # far past and far future
    st.datetimes(),  # a date and time where a day belongs
    st.text(max_size=10),
    st.integers(-3, 3),
)
ZONES = st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-1439, 1439))
MOMENTS = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 6, 1)),
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 6, 1), timezones=ZONES),
    st.datetimes(),
    st.datetimes(timezones=ZONES),  # aware, from year 1 to 9999
    st.dates(),
    st.text(max_size=10),
)
NUMBERS = st.one_of(
    st.none(),
    st.integers(-10, 120),
    st.integers(),
    st.floats(),  # NaN, infinities, negative zero, huge
    st.floats(0, 100),
    st.booleans(),
    st.text(max_size=4),
)
FLAGS = st.one_of(st.booleans(), st.none(), st.integers(-1, 2), st.text(max_size=2))
# Ids come from pick-lists, so always ints; but any int, existing or not.
IDS = st.one_of(st.none(), st.integers(-3, 12), st.integers(min_value=-(2**63), max_value=2**63 - 1))
WORDS = st.one_of(
    st.none(),
    st.lists(texts(100), max_size=4),
    st.lists(st.text(max_size=5), min_size=28, max_size=34),
    st.text(max_size=5),
    st.integers(),
)


def mostly(good: st.SearchStrategy[Any], anything: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Three times in four a sensible value, so that writes get through as well as fail."""
    return st.integers(0, 3).flatmap(lambda n: anything if n == 0 else good)


RECENT = st.dates(min_value=days_ago(3000), max_value=TODAY)


def codes(enum_cls) -> st.SearchStrategy[Any]:  # type: ignore[no-untyped-def]
    return st.one_of(
        st.none(),
        st.sampled_from(list(enum_cls)),
        st.sampled_from([m.value for m in enum_cls]),
        st.text(max_size=12),
        st.integers(-2, 2),
        st.just(""),
    )


def wild(strategies: dict[str, st.SearchStrategy[Any]], max_size: int = 4) -> st.SearchStrategy[dict[str, Any]]:
    """A few fields, each given an arbitrary value (often a fine one)."""
    pairs = st.sampled_from(sorted(strategies)).flatmap(lambda f: st.tuples(st.just(f), strategies[f]))
    return st.lists(pairs, max_size=max_size).map(dict)


# -- rules a stored record keeps ----------------------------------------------------------


def clean(value: Any, limit: int, *, required: bool = False) -> None:
    if value is None:
        assert not required
        return
    assert isinstance(value, str) and value and value == value.strip()
    assert unicodedata.is_normalized("NFC", value)
    assert len(value) <= limit
    assert not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in value)


def same_text(record: Any, sent: dict[str, Any], limits: dict[str, int]) -> None:
    """Each text field sent is stored cleaned (trimmed, NFC, empty as None) and within limits."""
    for name, limit in limits.items():
        clean(getattr(record, name), limit)
        if isinstance(sent.get(name), str):
            assert getattr(record, name) == clean_text(sent[name]), name


def a_day(value: Any, *, not_after: date | None = None) -> bool:
    if value is None:
        return True
    ok = isinstance(value, date) and not isinstance(value, datetime) and date(1900, 1, 1) <= value <= date(2200, 12, 31)
    return ok and (not_after is None or value <= not_after)


def a_number(value: Any, low: float, high: float, *, whole: bool = False) -> bool:
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
        return False
    return not math.isnan(value) and low <= value <= high


def attempt(store, call, allowed: set[str]):  # type: ignore[no-untyped-def]
    """Run a write: its record, or None after a clean refusal. Anything else fails the test."""
    before = state(store)
    try:
        record = call()
    except ValidationError as refusal:
        event("refused")
        assert refusal.problems, "a refusal names at least one field"
        assert set(refusal.problems) <= allowed, refusal.problems
        assert all(isinstance(m, str) and m.strip() for m in refusal.problems.values())
        assert state(store) == before, "a refused write changed the store"
        return None
    event("accepted")  # --hypothesis-show-statistics shows both outcomes are explored
    return record


# -- people -------------------------------------------------------------------------------

PERSON_TEXT = {
    "given_name": 100, "family_name": 100, "preferred_name": 100, "own_script_name": 200, "child_ref": 20,
    "phone": 40, "email": 200, "address": 300, "safe_contact": 500, "aspirations": 2000, "strengths": 2000,
}
PERSON_CODES = {
    "sex": Sex, "referral_source": ReferralSource, "care_leaver_category": CareLeaverCategory,
    "immigration_status": ImmigrationStatus, "right_to_work": RightToWork, "english_level": SkillLevel,
    "maths_level": SkillLevel, "digital_access": DigitalAccess,
}
PERSON_INPUT: dict[str, st.SearchStrategy[Any]] = {
    **{name: texts(limit) for name, limit in PERSON_TEXT.items()},
    **{name: codes(enum_cls) for name, enum_cls in PERSON_CODES.items()},
    "date_of_birth": st.one_of(st.dates(min_value=date(1994, 1, 1), max_value=date(2014, 1, 1)), DAYS),
    "referral_date": DAYS, "right_to_work_expiry": DAYS, "right_to_work_checked_on": DAYS,
    "uasc": FLAGS, "no_recourse_to_public_funds": FLAGS, "esol_need": FLAGS,
    "sectors_of_interest": WORDS, "areas_can_reach": WORDS, "places_not_safe": WORDS,
    "worker_id": IDS, "pa_id": IDS,
}
# The limits and lists above are written out as the specification; they must agree with the
# declarations the service checks against. A field declared since is explored by its kind.
assert all(PERSON[name].max_length == limit for name, limit in PERSON_TEXT.items())
assert all(PERSON[name].codes is enum_cls for name, enum_cls in PERSON_CODES.items())
for _f in PERSON_FIELDS:
    if _f.name in PERSON_INPUT:
        continue
    if _f.kind in (Kind.LINE, Kind.TEXT):
        PERSON_TEXT[_f.name] = _f.max_length or 200
        PERSON_INPUT[_f.name] = texts(PERSON_TEXT[_f.name])
    elif _f.kind is Kind.CODE and _f.codes is not None:
        PERSON_CODES[_f.name] = _f.codes
        PERSON_INPUT[_f.name] = codes(_f.codes)
    else:
        PERSON_INPUT[_f.name] = {Kind.DAY: DAYS, Kind.FLAG: FLAGS, Kind.WORDS: WORDS, Kind.WORKER: IDS}[_f.kind]
assert set(PERSON_INPUT) == set(PROFILE_FIELDS)
GOOD_PERSON = {"given_name": "Semhar", "family_name": "Tekle", "date_of_birth": date(2006, 5, 5)}


def check_person(svc, record, sent: dict[str, Any], *, new_birth_date: bool = True) -> None:  # type: ignore[no-untyped-def]
    same_text(record, sent, PERSON_TEXT)
    assert record.given_name and record.family_name
    for name, enum_cls in PERSON_CODES.items():
        assert getattr(record, name) is None or isinstance(getattr(record, name), enum_cls)
    assert record.right_to_work is not None
    assert a_day(record.date_of_birth) and record.date_of_birth is not None
    if new_birth_date:
        assert 14 <= age_on(record.date_of_birth, TODAY) <= 30
    assert a_day(record.referral_date, not_after=TODAY)
    assert a_day(record.right_to_work_checked_on, not_after=TODAY)
    assert a_day(record.right_to_work_expiry)
    if record.right_to_work == RightToWork.TIME_LIMITED:
        assert record.right_to_work_expiry is not None
    if record.email:
        assert "@" in record.email and " " not in record.email
    for flag in ("uasc", "no_recourse_to_public_funds", "esol_need"):
        assert isinstance(getattr(record, flag), bool)
    for name in ("sectors_of_interest", "areas_can_reach", "places_not_safe"):
        words = getattr(record, name)
        assert len(words) <= 30 and len(set(words)) == len(words)
        for word in words:
            clean(word, 100, required=True)
    workers = {w.id for w in svc.workers.list_workers()}
    assert record.worker_id is None or record.worker_id in workers
    assert record.pa_id is None or record.pa_id in workers
    assert svc.people.get_young_person(person_id=record.id) == record
    # The name index follows every stored name.
    if tokens(record.family_name):
        assert record.id in [h.person_id for h in svc.search.search(record.family_name)]


@PROPERTIES
@given(fields=wild(PERSON_INPUT, max_size=5))
def test_adding_a_young_person(svc, fields: dict[str, Any]) -> None:
    sent = GOOD_PERSON | fields
    record = attempt(svc.store, lambda: svc.people.add_young_person(**sent), set(PROFILE_FIELDS))
    if record is not None:
        check_person(svc, record, sent)


@pytest.fixture
def someone(svc):
    return add_person(svc, phone="07700 900001", sectors_of_interest=["retail"])


@PROPERTIES
@given(fields=wild(PERSON_INPUT, max_size=4))
def test_editing_a_young_person(svc, someone, fields: dict[str, Any]) -> None:
    before = svc.people.get_young_person(person_id=someone.id)
    record = attempt(
        svc.store, lambda: svc.people.edit_young_person(person_id=someone.id, **fields), set(PROFILE_FIELDS)
    )
    if record is None:
        assert svc.people.get_young_person(person_id=someone.id) == before
        return
    check_person(svc, record, fields, new_birth_date="date_of_birth" in fields)
    for name in set(PROFILE_FIELDS) - set(fields):
        assert getattr(record, name) == getattr(before, name), name  # untouched fields keep their values


PERSON_WRITES = st.one_of(
    st.tuples(st.just("close"), st.fixed_dictionaries(
        {"closed_on": mostly(RECENT, DAYS), "reason": mostly(st.just("Moved away"), texts(300))})),
    st.tuples(st.just("eet"), st.fixed_dictionaries(
        {"status": mostly(st.sampled_from(list(EetStatus)), codes(EetStatus)), "start_date": mostly(RECENT, DAYS)})),
    st.tuples(st.just("accommodation"), st.fixed_dictionaries(
        {"type": mostly(st.sampled_from(list(AccommodationType)), codes(AccommodationType)),
         "suitable": mostly(st.booleans(), FLAGS), "start_date": mostly(RECENT, DAYS)})),
)


@PROPERTIES
@given(write=PERSON_WRITES)
def test_closing_and_histories(svc, someone, write: tuple[str, dict[str, Any]]) -> None:
    kind, kwargs = write
    before = svc.people.get_young_person(person_id=someone.id)
    if kind == "close":
        record = attempt(
            svc.store, lambda: svc.people.close_case(person_id=someone.id, **kwargs), {"closed_on", "closed_reason"}
        )
        if record is not None:
            assert before.closed_on is None and a_day(record.closed_on, not_after=TODAY) and record.closed_on
            clean(record.closed_reason, 300, required=True)
            svc.people.reopen_case(person_id=someone.id)
        return
    if kind == "eet":
        record = attempt(
            svc.store, lambda: svc.people.set_eet_status(person_id=someone.id, **kwargs), {"status", "start_date"}
        )
        history = record.eet_history if record else ()
    else:
        record = attempt(
            svc.store,
            lambda: svc.people.set_accommodation(person_id=someone.id, **kwargs),
            {"type", "suitable", "start_date"},
        )
        history = record.accommodation_history if record else ()
        for period in history:
            assert isinstance(period.suitable, bool)
            if period.type in (AccommodationType.NO_FIXED_ABODE, AccommodationType.CUSTODY):
                assert not period.suitable
            if period.type == AccommodationType.FORMER_FOSTER_CARERS:
                assert age_on(record.date_of_birth, period.start_date) >= 18
    # Histories stay back to back from birth on, with one open spell.
    for earlier, later in itertools.pairwise(history):
        assert earlier.end_date == later.start_date and earlier.start_date <= later.start_date
    if history:
        assert history[-1].end_date is None and history[0].start_date >= record.date_of_birth
        assert all(a_day(p.start_date, not_after=TODAY) for p in history)


# -- pathway ------------------------------------------------------------------------------

STEP_TEXT = {
    "title": 200, "provider": 200, "mentor": 200, "line_manager": 200, "line_manager_contact": 200, "outcome": 2000
}
STEP_INPUT: dict[str, st.SearchStrategy[Any]] = {
    **{name: texts(limit) for name, limit in STEP_TEXT.items()},
    "type": codes(StepType), "status": codes(StepStatus),
    "offered_on": DAYS, "start_date": DAYS, "end_date": DAYS,
    "hours_per_week": NUMBERS, "pay_pence_per_hour": st.one_of(NUMBERS, st.integers(0, 120_000)),
    "apprenticeship_level": st.one_of(NUMBERS, st.integers(0, 9)), "ring_fenced": FLAGS,
    "employer_id": IDS, "opportunity_id": IDS,
}
assert set(STEP_INPUT) == set(STEP_FIELDS)


@pytest.fixture
def world(svc):
    """People who may work, may not, and whose right to work has run out; an employer."""
    employer = svc.employers.add_employer(name="Parks and Open Spaces")
    opportunity = svc.employers.add_opportunity(employer_id=employer.id, type="job", title="Gardener")
    people = [
        add_person(svc, right_to_work="unlimited"),
        add_person(svc, given_name="Yonas", right_to_work="none"),
        add_person(svc, given_name="Amna", right_to_work="time_limited", right_to_work_expiry=days_ago(30)),
        add_person(
            svc, given_name="Lana", right_to_work="time_limited", right_to_work_expiry=TODAY + timedelta(days=60)
        ),
    ]
    return {"employer": employer, "opportunity": opportunity, "people": people}


def check_step(svc, record, person) -> None:  # type: ignore[no-untyped-def]
    for name, limit in STEP_TEXT.items():
        clean(getattr(record, name), limit)
    assert isinstance(record.type, StepType) and isinstance(record.status, StepStatus)
    assert all(a_day(getattr(record, d)) for d in ("offered_on", "start_date", "end_date"))
    assert a_day(record.offered_on, not_after=TODAY)
    if record.start_date and record.end_date:
        assert record.end_date >= record.start_date
    if record.start_date and record.offered_on:
        assert record.start_date >= record.offered_on
    if record.start_date:
        assert record.start_date >= person.date_of_birth
    assert a_number(record.hours_per_week, 0, 60)
    assert a_number(record.pay_pence_per_hour, 0, 100_000, whole=True)
    assert a_number(record.apprenticeship_level, 2, 7, whole=True)
    if record.apprenticeship_level is not None:
        assert record.type == StepType.APPRENTICESHIP
    assert isinstance(record.ring_fenced, bool)
    if record.status in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED):
        assert record.start_date is not None
    if record.status == StepStatus.IN_PROGRESS:
        assert record.start_date <= TODAY
    if record.status == StepStatus.COMPLETED and record.end_date:
        assert record.end_date <= TODAY
    if record.status == StepStatus.ENDED_EARLY:
        assert record.ended_reason
    if record.type in EMPLOYMENT_STEPS and record.status in (
        StepStatus.ACCEPTED, StepStatus.WAITING_TO_START, StepStatus.IN_PROGRESS
    ):
        assert person.right_to_work != RightToWork.NONE
        if person.right_to_work == RightToWork.TIME_LIMITED:
            assert person.right_to_work_expiry >= max(record.start_date or TODAY, TODAY)
    started = record.status in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED, StepStatus.ENDED_EARLY)
    if record.type in EMPLOYMENT_STEPS and started and record.start_date:
        assert [(c.week, c.due_on) for c in record.sustainment_checks] == [
            (w, record.start_date + timedelta(weeks=w)) for w in SUSTAINMENT_WEEKS
        ]
    elif record.type not in EMPLOYMENT_STEPS:
        assert record.sustainment_checks == ()
    employers = {e.id for e in svc.employers.list_employers(include_closed=True)}
    assert record.employer_id is None or record.employer_id in employers
    assert svc.pathway.get_step(step_id=record.id) == record


@PROPERTIES
@given(who=st.integers(0, 3), fields=wild(STEP_INPUT, max_size=5))
def test_adding_a_pathway_step(svc, world, who: int, fields: dict[str, Any]) -> None:
    person = world["people"][who]
    sent = {"type": "paid_placement"} | fields
    record = attempt(svc.store, lambda: svc.pathway.add_step(person_id=person.id, **sent), set(STEP_FIELDS))
    if record is not None:
        assert record.status != StepStatus.ENDED_EARLY
        same_text(record, sent, STEP_TEXT)
        check_step(svc, record, person)


@PROPERTIES
@given(
    who=st.integers(0, 3),
    kind=st.sampled_from([StepType.JOB, StepType.PAID_PLACEMENT, StepType.COURSE_ESOL]),
    current=st.sampled_from([s for s in StepStatus if s != StepStatus.ENDED_EARLY]),
    move=st.fixed_dictionaries(
        {"status": mostly(st.sampled_from(list(StepStatus)), codes(StepStatus))},
        optional={"on": mostly(st.dates(min_value=days_ago(30), max_value=TODAY), DAYS),
                  "reason": mostly(st.just("Not the right fit"), texts(500)), "outcome": texts(2000)},
    ),
)
def test_moving_a_pathway_step(svc, world, who, kind, current, move: dict[str, Any]) -> None:
    person = world["people"][0]  # may work, so every starting status can be set up
    dates: dict[str, Any] = {"offered_on": days_ago(60)}
    if current in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED):
        dates["start_date"] = days_ago(40)
    if current == StepStatus.COMPLETED:
        dates["end_date"] = days_ago(5)
    if current in (StepStatus.ACCEPTED, StepStatus.WAITING_TO_START):
        dates["start_date"] = TODAY + timedelta(days=who * 20)
    step = svc.pathway.add_step(person_id=person.id, type=kind, status=current, **dates)
    record = attempt(
        svc.store,
        lambda: svc.pathway.move_step(step_id=step.id, **move),
        {"status", "on", "ended_reason", "outcome", "start_date", "end_date"},
    )
    if record is None:
        assert svc.pathway.get_step(step_id=step.id) == step
        return
    assert record.status == current or record.status in ALLOWED_TRANSITIONS[current]
    check_step(svc, record, person)


@PROPERTIES
@given(who=st.integers(0, 3), fields=wild(STEP_INPUT, max_size=3))
def test_editing_a_pathway_step(svc, world, who: int, fields: dict[str, Any]) -> None:
    fields.pop("status", None)  # status moves, it is not edited
    person = world["people"][who]
    step = svc.pathway.add_step(person_id=person.id, type="apprenticeship", status="in_progress",
                                start_date=days_ago(10), apprenticeship_level=2) if who == 0 else \
        svc.pathway.add_step(person_id=person.id, type="work_experience", status="planned")
    record = attempt(svc.store, lambda: svc.pathway.edit_step(step_id=step.id, **fields), set(STEP_FIELDS))
    if record is not None:
        same_text(record, fields, STEP_TEXT)
        check_step(svc, record, person)


# -- check-ins ----------------------------------------------------------------------------

CHECK_IN_INPUT: dict[str, st.SearchStrategy[Any]] = {
    "happened_at": MOMENTS, "method": codes(CheckInMethod), "outcome": codes(CheckInOutcome),
    "note": texts(2000), "actions": texts(2000), "next_contact_on": DAYS, "worker_id": IDS,
}
assert set(CHECK_IN_INPUT) == set(CHECK_IN_FIELDS)


@PROPERTIES
@given(fields=wild(CHECK_IN_INPUT, max_size=3))
def test_recording_a_check_in(svc, someone, fields: dict[str, Any]) -> None:
    sent = {"happened_at": at(days_ago(3)), "method": "phone", "outcome": "spoke"} | fields
    record = attempt(
        svc.store, lambda: svc.checkins.record_check_in(person_id=someone.id, **sent), set(CHECK_IN_FIELDS)
    )
    if record is None:
        return
    same_text(record, sent, {"note": 2000, "actions": 2000})
    assert isinstance(record.happened_at, datetime) and record.happened_at.tzinfo is None
    assert datetime(1900, 1, 1) <= record.happened_at <= datetime.now()
    assert record.happened_at.date() >= max(someone.referral_date, someone.date_of_birth)
    assert isinstance(record.method, CheckInMethod) and isinstance(record.outcome, CheckInOutcome)
    assert a_day(record.next_contact_on)
    if record.next_contact_on:
        assert record.next_contact_on >= record.happened_at.date()
    assert record.worker_id is None or record.worker_id in {w.id for w in svc.workers.list_workers()}
    assert svc.checkins.get_check_in(check_in_id=record.id) == record


# -- vetting ------------------------------------------------------------------------------

VETTING_TEXT = {"blocker": 500, "alternative": 500, "how_met": 500, "approved_by": 200, "employer_signed_off_by": 200}
VETTING_INPUT: dict[str, st.SearchStrategy[Any]] = {
    **{name: mostly(st.just("Letter from the council"), texts(limit)) for name, limit in VETTING_TEXT.items()},
    "need": codes(VettingNeed), "outcome": codes(VettingOutcome),
    "decided_on": mostly(st.just(days_ago(2)), DAYS), "review_on": DAYS, "step_id": IDS,
}
assert set(VETTING_INPUT) == set(VETTING_FIELDS)


@PROPERTIES
@given(fields=wild(VETTING_INPUT, max_size=6))
def test_adding_a_vetting_check(svc, world, fields: dict[str, Any]) -> None:
    person = world["people"][0]
    sent = {"need": "identity"} | fields
    record = attempt(svc.store, lambda: svc.vetting.add_vetting_check(person_id=person.id, **sent), set(VETTING_FIELDS))
    if record is None:
        return
    same_text(record, sent, VETTING_TEXT)
    assert isinstance(record.need, VettingNeed) and isinstance(record.outcome, VettingOutcome)
    assert a_day(record.decided_on, not_after=TODAY) and a_day(record.review_on)
    if record.decided_on and record.review_on:
        assert record.review_on >= record.decided_on
    if record.outcome != VettingOutcome.PENDING:
        assert record.decided_on
    if record.outcome == VettingOutcome.ALTERNATIVE_ACCEPTED:
        assert record.alternative and record.approved_by
    if record.need in LEGAL_REQUIREMENTS and record.outcome in (
        VettingOutcome.ALTERNATIVE_ACCEPTED, VettingOutcome.MET_AS_STANDARD
    ):
        assert record.how_met  # evidenced, never waived
    if record.step_id is not None:
        assert svc.pathway.get_step(step_id=record.step_id).person_id == person.id
    assert svc.vetting.get_vetting_check(check_id=record.id) == record


# -- support needs and consent ------------------------------------------------------------

SUPPORT_WRITES = st.one_of(
    st.tuples(st.just("add"), st.fixed_dictionaries(
        {"category": codes(NeedCategory), "description": mostly(st.just("Travel costs"), texts(1000)),
         "adjustments": texts(1000)})),
    st.tuples(st.just("edit"), wild(
        {"category": codes(NeedCategory), "description": texts(1000), "adjustments": texts(1000)})),
    st.tuples(st.just("give"), st.fixed_dictionaries({}, optional={"given_on": DAYS, "note": texts(500)})),
    st.tuples(st.just("withdraw"), st.fixed_dictionaries({}, optional={"withdrawn_on": DAYS})),
)


@PROPERTIES
@given(writes=st.lists(SUPPORT_WRITES, min_size=1, max_size=3))
def test_support_needs_and_consent(svc, someone, writes) -> None:  # type: ignore[no-untyped-def]
    need = svc.support.add_support_need(person_id=someone.id, category="housing", description="Housing")
    for kind, kwargs in writes:
        if kind == "add":
            write = functools.partial(svc.support.add_support_need, person_id=someone.id, **kwargs)
            record = attempt(svc.store, write, {"category", "description", "adjustments"})
        elif kind == "edit":
            write = functools.partial(svc.support.edit_support_need, need_id=need.id, **kwargs)
            record = attempt(svc.store, write, {"category", "description", "adjustments"})
        elif kind == "give":
            write = functools.partial(svc.support.give_consent, need_id=need.id, **kwargs)
            record = attempt(svc.store, write, {"given_on", "note"})
        else:
            write = functools.partial(svc.support.withdraw_consent, need_id=need.id, **kwargs)
            record = attempt(svc.store, write, {"withdrawn_on"})
        if record is None:
            continue
        assert isinstance(record.category, NeedCategory)
        clean(record.description, 1000, required=True)
        clean(record.adjustments, 1000)
        in_force = [c for c in record.consents if c.withdrawn_on is None]
        assert len(in_force) <= 1
        for consent in record.consents:
            assert a_day(consent.given_on, not_after=TODAY) and consent.given_on
            assert a_day(consent.withdrawn_on, not_after=TODAY)
            assert consent.withdrawn_on is None or consent.withdrawn_on >= consent.given_on
            clean(consent.note, 500)
        assert record in svc.support.list_support_needs(person_id=someone.id)


# -- hand-offs and disclosures ------------------------------------------------------------


@pytest.fixture
def placement(svc, someone):
    step = svc.pathway.add_step(person_id=someone.id, type="paid_placement", status="waiting_to_start",
                                start_date=TODAY + timedelta(days=7))
    course = svc.pathway.add_step(person_id=someone.id, type="course_esol")
    needs = [svc.support.add_support_need(person_id=someone.id, category=c, description=c.label)
             for c in (NeedCategory.TRANSPORT, NeedCategory.HOUSING, NeedCategory.MONEY)]
    svc.support.give_consent(need_id=needs[0].id, given_on=days_ago(100))
    svc.support.give_consent(need_id=needs[1].id, given_on=days_ago(100))
    svc.support.withdraw_consent(need_id=needs[1].id, withdrawn_on=days_ago(20))
    return step, course, [n.id for n in needs]


@PROPERTIES
@given(
    which=mostly(st.just(0), st.just(1)),
    texts_sent=wild({name: texts(2000) for name in HAND_OFF_TEXT} | {"line_manager": texts(200)}, max_size=2),
    built_on=mostly(st.dates(min_value=days_ago(150), max_value=TODAY + timedelta(days=3)), DAYS),
    picks=st.lists(st.one_of(st.integers(0, 2), st.integers(-5, 99)), max_size=4),
)
def test_building_a_hand_off(svc, someone, placement, which, texts_sent, built_on, picks) -> None:  # type: ignore[no-untyped-def]
    step, course, need_ids = placement
    chosen = [need_ids[p] if 0 <= p <= 2 else p for p in picks]
    sent = {"line_manager": "Dana Hill"} | texts_sent
    record = attempt(
        svc.store,
        lambda: svc.handoffs.build_hand_off(
            step_id=(step, course)[which].id, need_ids=chosen, built_on=built_on, **sent
        ),
        {"line_manager", "built_on", "need_ids", "step_id", *HAND_OFF_TEXT},
    )
    if record is None:
        return
    same_text(record, sent, {"line_manager": 200} | {name: 2000 for name in HAND_OFF_TEXT})
    assert record.line_manager
    assert a_day(record.built_on, not_after=TODAY) and record.built_on
    assert svc.pathway.get_step(step_id=record.step_id).type in PLACEMENT_STEPS
    needs = {n.id: n for n in svc.support.list_support_needs(person_id=someone.id)}
    assert set(record.need_ids) <= set(needs)
    assert all(needs[n].shareable_on(record.built_on) for n in record.need_ids)  # only consented needs
    assert svc.handoffs.get_hand_off(hand_off_id=record.id) == record


@PROPERTIES
@given(fields=wild({name: texts(2000) for name in HAND_OFF_TEXT} | {"line_manager": texts(200)}, max_size=3))
def test_editing_a_hand_off(svc, placement, fields: dict[str, Any]) -> None:
    step, _course, need_ids = placement
    pack = svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill", need_ids=[need_ids[0]])
    record = attempt(
        svc.store, lambda: svc.handoffs.edit_hand_off(hand_off_id=pack.id, **fields), {"line_manager", *HAND_OFF_TEXT}
    )
    if record is None:
        return
    same_text(record, fields, {"line_manager": 200} | {name: 2000 for name in HAND_OFF_TEXT})
    assert record.line_manager and record.need_ids == pack.need_ids and record.built_on == pack.built_on
    assert svc.handoffs.get_hand_off(hand_off_id=pack.id) == record


@PROPERTIES
@given(
    document=mostly(st.just("Hand-off pack"), texts(80)),
    recipient=mostly(st.just("Dana Hill"), texts(200)),
    items=mostly(st.lists(mostly(st.just("Travel costs"), texts(2000)), max_size=3), texts(20)),
    hand_off_id=mostly(st.none(), IDS),
)
def test_recording_a_disclosure(svc, someone, document, recipient, items, hand_off_id) -> None:  # type: ignore[no-untyped-def]
    record = attempt(
        svc.store,
        lambda: svc.handoffs.record_disclosure(person_id=someone.id, document=document, recipient=recipient,
                                               items=items, hand_off_id=hand_off_id),
        {"document", "recipient", "items", "hand_off_id"},
    )
    if record is None:
        return
    clean(record.document, 80, required=True)
    clean(record.recipient, 200, required=True)
    for item in record.items:
        clean(item, 2000, required=True)
    assert (
        record.hand_off_id is None
        or svc.handoffs.get_hand_off(hand_off_id=record.hand_off_id).person_id == someone.id
    )
    assert record in svc.handoffs.list_disclosures(person_id=someone.id)


# -- employers ----------------------------------------------------------------------------

EMPLOYER_TEXT = {"name": 200, "sector": 100, "contact_name": 200, "contact_email": 200, "contact_phone": 40,
                 "offers": 2000, "notes": 10_000}
OPPORTUNITY_TEXT = {"title": 200, "location": 200, "sector": 100, "requirements": 2000}
OPPORTUNITY_INPUT: dict[str, st.SearchStrategy[Any]] = {
    **{name: texts(limit) for name, limit in OPPORTUNITY_TEXT.items()},
    "type": codes(StepType), "places": st.one_of(NUMBERS, st.integers(0, 1002)),
    "start_date": DAYS, "end_date": DAYS, "closing_date": DAYS,
    "pay_pence_per_hour": NUMBERS, "hours_per_week": NUMBERS,
    "needs_right_to_work": FLAGS, "ring_fenced": FLAGS,
    "dbs_level": codes(VettingNeed), "english_level": codes(SkillLevel),
}
assert set(OPPORTUNITY_INPUT) == set(OPPORTUNITY_FIELDS)
COMMITMENT_INPUT: dict[str, st.SearchStrategy[Any]] = {
    "measure": texts(300), "step_type": codes(StepType), "pledged": st.one_of(NUMBERS, st.integers(0, 100_001)),
    "contract": texts(200), "period_start": DAYS, "period_end": DAYS,
}
assert set(COMMITMENT_INPUT) == set(COMMITMENT_FIELDS)

EMPLOYER_WRITES = st.one_of(
    st.tuples(st.just("employer"), wild({name: texts(limit) for name, limit in EMPLOYER_TEXT.items()})),
    st.tuples(st.just("opportunity"), wild(OPPORTUNITY_INPUT, max_size=3)),
    st.tuples(st.just("commitment"), wild(COMMITMENT_INPUT)),
    st.tuples(st.just("close"), st.fixed_dictionaries({"closed_on": mostly(RECENT, DAYS)})),
)


@PROPERTIES
@given(write=EMPLOYER_WRITES)
def test_employers_opportunities_and_commitments(svc, write) -> None:  # type: ignore[no-untyped-def]
    kind, fields = write
    employer = svc.employers.add_employer(name="Harbour Hotel")
    if kind == "employer":
        sent = {"name": "Parks and Open Spaces"} | fields
        record = attempt(svc.store, lambda: svc.employers.add_employer(**sent), set(EMPLOYER_FIELDS))
        if record is not None:
            same_text(record, sent, EMPLOYER_TEXT)
            assert record.name and svc.employers.get_employer(employer_id=record.id) == record
    elif kind == "opportunity":
        sent = {"type": "job", "title": "Kitchen porter"} | fields
        record = attempt(
            svc.store, lambda: svc.employers.add_opportunity(employer_id=employer.id, **sent), set(OPPORTUNITY_FIELDS)
        )
        if record is not None:
            same_text(record, sent, OPPORTUNITY_TEXT)
            assert record.title and isinstance(record.type, StepType)
            assert a_number(record.places, 1, 1000, whole=True) and record.places is not None
            assert a_number(record.pay_pence_per_hour, 0, 100_000, whole=True)
            assert a_number(record.hours_per_week, 0, 60)
            assert all(a_day(getattr(record, d)) for d in ("start_date", "end_date", "closing_date"))
            if record.start_date and record.end_date:
                assert record.end_date >= record.start_date
            if record.start_date and record.closing_date:
                assert record.closing_date <= record.start_date
            assert record.dbs_level is None or record.dbs_level.value.startswith("dbs_")
            assert record.english_level is None or isinstance(record.english_level, SkillLevel)
            assert isinstance(record.needs_right_to_work, bool) and isinstance(record.ring_fenced, bool)
            assert svc.employers.get_opportunity(opportunity_id=record.id) == record
    elif kind == "commitment":
        sent = {
            "measure": "Paid placements", "pledged": 3,
            "period_start": date(2026, 4, 1), "period_end": date(2027, 3, 31),
        } | fields
        record = attempt(
            svc.store, lambda: svc.employers.add_commitment(employer_id=employer.id, **sent), set(COMMITMENT_FIELDS)
        )
        if record is not None:
            same_text(record, sent, {"measure": 300, "contract": 200})
            assert record.measure and a_number(record.pledged, 0, 100_000, whole=True) and record.pledged is not None
            assert a_day(record.period_start) and a_day(record.period_end) and record.period_end >= record.period_start
            assert record.step_type is None or isinstance(record.step_type, StepType)
            assert record in svc.employers.list_commitments(employer_id=employer.id)
    else:
        record = attempt(
            svc.store, lambda: svc.employers.close_employer(employer_id=employer.id, **fields), {"closed_on"}
        )
        if record is not None:
            assert a_day(record.closed_on, not_after=TODAY) and record.closed_on


# -- workers ------------------------------------------------------------------------------

WORKER_INPUT = {"name": mostly(st.just("Tom Reid"), texts(120)), "role": codes(WorkerRole),
                "email": texts(200), "phone": texts(40)}


@PROPERTIES
@given(new=wild(WORKER_INPUT), change=wild(WORKER_INPUT, max_size=2))
def test_adding_and_editing_a_worker(svc, new: dict[str, Any], change: dict[str, Any]) -> None:
    sent = {"name": "Tom Reid", "role": "team_lead"} | new
    for write in (
        lambda: svc.workers.add_worker(**sent),
        lambda: svc.workers.edit_worker(worker_id=svc.worker_id, **change),
    ):
        record = attempt(svc.store, write, set(WORKER_INPUT))
        if record is not None:
            clean(record.name, 120, required=True)
            clean(record.email, 200)
            clean(record.phone, 40)
            assert isinstance(record.role, WorkerRole)
            assert svc.workers.get_worker(worker_id=record.id) == record


# -- settings -----------------------------------------------------------------------------


@PROPERTIES
@given(
    key=mostly(st.sampled_from([s.key for s in declared.ALL]), st.text(max_size=20)),
    value=mostly(
        st.one_of(st.integers(-5, 20_000), st.text(max_size=80)),
        st.one_of(NUMBERS, st.lists(st.integers(), max_size=2), st.dates()),
    ),
)
def test_changing_a_setting(svc, key: Any, value: Any) -> None:
    accepted = attempt(svc.store, lambda: svc.settings.set_setting(key=key, value=value) or True, {key})
    if accepted:
        setting = declared.BY_KEY[key]
        if setting.type is int:
            assert isinstance(value, int) and not isinstance(value, bool)
            assert setting.minimum <= value <= setting.maximum
            assert svc.settings.get_all()[key] == value
        else:
            assert isinstance(value, str)
            assert svc.settings.get_all()[key] == " ".join(value.split())
    for setting in declared.ALL:
        current = svc.settings.get_all()[setting.key]
        if setting.type is int:
            assert isinstance(current, int) and setting.minimum <= current <= setting.maximum
        else:
            assert isinstance(current, str) and current.strip() and "\n" not in current
            assert len(current) <= setting.maximum


# -- what a one-line field can hold ------------------------------------------------------------
#
# Every one-line text field of every service input, found by watching the validation helper
# during one write of each kind (and checked against the services' source, so a field added
# later is covered): hidden characters that reorder or hide text are refused, a field of only
# invisible characters is blank, the joiners that Arabic-script names need stay, and what is
# accepted prints with a real glyph of the bundled fonts.

BIDI_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
CONTROLS = ["\x00", "\x1b", "\x7f", "\x9f"]
# Drawn as nothing: trimmed from the ends like spaces, refused inside a one-line field. Line
# breaks among them: a pasted name often ends with one.
INVISIBLE = ["\u200b", "\ufeff", "\u2060", "\u00ad", "\u200e", "\u200f", "\u061c", "\u3164", "\u115f", "\u034f",
             "\ufe0f", "\u180e", "\U000e0041", "\t", "\n", "\r", "\x85", "\u2028", "\u2029"]
JOINERS = ["\u200c", "\u200d"]
SPACES = [" ", "\u00a0", "\u3000", "  "]
LEGIT = ["Zoe\u0308", "Nguyễn", "Siân", "O'Connor-Bell", "ሰምሃር", "ተኽለ", "ሉዋም", "عبد الرحمن", "آمنة", "مُحَمَّد",
         "علی\u200cرضا", "ګلالۍ", "نرگس\u200dی", "Dev", "07700 900001", "Flat 2", "e\u0301"]
UNPRINTABLE = ["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇬🇧", "❤\ufe0f", "李", "राम", "\ue000", "\U0010fffd"]
SEGMENT = st.one_of(
    st.tuples(st.just("legit"), st.sampled_from(LEGIT)),
    st.tuples(st.just("space"), st.sampled_from(SPACES)),
    st.tuples(st.just("invisible"), st.sampled_from(INVISIBLE)),
    st.tuples(st.just("joiner"), st.sampled_from(JOINERS)),
    st.tuples(st.just("bidi"), st.sampled_from(BIDI_CONTROLS)),
    st.tuples(st.just("control"), st.sampled_from(CONTROLS)),
    st.tuples(st.just("unprintable"), st.sampled_from(UNPRINTABLE)),
)


@dataclass(frozen=True)
class TextField:
    write: str
    field: str
    required: bool
    max_length: int
    listed: bool  # a list of short phrases (sectors, areas), each one line


@dataclass
class OneLineWorld:
    person: int
    step: int
    employer: int


WRITES: dict[str, Callable[[Any, OneLineWorld, dict[str, Any]], Any]] = {
    "add_young_person": lambda svc, w, f: svc.people.add_young_person(**(GOOD_PERSON | f)),
    "edit_young_person": lambda svc, w, f: svc.people.edit_young_person(person_id=w.person, **f),
    "close_case": lambda svc, w, f: svc.people.close_case(
        person_id=w.person, closed_on=TODAY, reason=f.get("reason", "Moved away")
    ),
    "add_step": lambda svc, w, f: svc.pathway.add_step(person_id=w.person, **({"type": "cv_support"} | f)),
    "record_check_in": lambda svc, w, f: svc.checkins.record_check_in(
        person_id=w.person, happened_at=at(days_ago(1)), method="phone", outcome="spoke", **f
    ),
    "add_vetting_check": lambda svc, w, f: svc.vetting.add_vetting_check(
        person_id=w.person, **({"need": "identity"} | f)
    ),
    "add_support_need": lambda svc, w, f: svc.support.add_support_need(
        person_id=w.person, **({"category": "housing", "description": "Housing"} | f)
    ),
    "build_hand_off": lambda svc, w, f: svc.handoffs.build_hand_off(
        step_id=w.step, need_ids=[], **({"line_manager": "Dana Hill"} | f)
    ),
    "record_disclosure": lambda svc, w, f: svc.handoffs.record_disclosure(
        person_id=w.person, items=["Travel costs"], **({"document": "Hand-off pack", "recipient": "Dana Hill"} | f)
    ),
    "add_employer": lambda svc, w, f: svc.employers.add_employer(**({"name": "Harbour Hotel"} | f)),
    "add_opportunity": lambda svc, w, f: svc.employers.add_opportunity(
        employer_id=w.employer, **({"type": "job", "title": "Kitchen porter"} | f)
    ),
    "add_commitment": lambda svc, w, f: svc.employers.add_commitment(
        employer_id=w.employer,
        **({
            "measure": "Paid placements", "pledged": 3,
            "period_start": date(2026, 4, 1), "period_end": date(2027, 3, 31),
        } | f),
    ),
    "add_worker": lambda svc, w, f: svc.workers.add_worker(**({"name": "Tom Reid", "role": "team_lead"} | f)),
}
# Where a write's argument is not named as its field is.
ARGUMENT = {("close_case", "closed_reason"): "reason"}


def _one_line_world(svc) -> OneLineWorld:  # type: ignore[no-untyped-def]
    person = add_person(svc, right_to_work="unlimited")
    step = svc.pathway.add_step(person_id=person.id, type="paid_placement", status="waiting_to_start")
    employer = svc.employers.add_employer(name="Parks and Open Spaces")
    return OneLineWorld(person.id, step.id, employer.id)


def discover_text_fields(svc, world: OneLineWorld) -> tuple[list[TextField], set[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """The text fields each write checks, seen through the validation helper itself."""
    import sys

    from caseapp.services import validation

    seen: list[TextField] = []
    where: set[tuple[str, str]] = set()
    current = [""]
    real_text, real_words = validation.Checker.text, validation.Checker.words

    def text(self, field, label, value, *, required=False, max_length=validation.SHORT):  # type: ignore[no-untyped-def]
        caller = sys._getframe(1).f_globals["__name__"]
        if caller != validation.__name__:
            seen.append(TextField(current[0], field, required, max_length, False))
            where.add((caller.rsplit(".", 1)[-1], field))
        return real_text(self, field, label, value, required=required, max_length=max_length)

    def words(self, field, label, values, *, max_items=30):  # type: ignore[no-untyped-def]
        seen.append(TextField(current[0], field, False, 100, True))
        where.add((sys._getframe(1).f_globals["__name__"].rsplit(".", 1)[-1], field))
        return real_words(self, field, label, values, max_items=max_items)

    validation.Checker.text, validation.Checker.words = text, words  # type: ignore[method-assign]
    try:
        for name, write in WRITES.items():
            current[0] = name
            # A refusal still shows the fields it checked: they are checked before it is raised.
            with contextlib.suppress(ValidationError):
                write(svc, world, {})
            if name == "close_case":
                with contextlib.suppress(ValidationError):
                    svc.people.reopen_case(person_id=world.person)
    finally:
        validation.Checker.text, validation.Checker.words = real_text, real_words  # type: ignore[method-assign]
    fields = {(f.write, f.field): f for f in seen if f.max_length < validation.MULTILINE_FROM}
    return sorted(fields.values(), key=lambda f: (f.write, f.field)), where


def _one_line_fields_in_the_source() -> set[tuple[str, str]]:
    """Every `c.text("field", ...)` or `c.words(...)` of the services that makes a one-line field."""
    import ast
    from pathlib import Path

    import caseapp.services
    from caseapp.services import validation

    found: set[tuple[str, str]] = set()
    for module in Path(caseapp.services.__file__).parent.glob("*.py"):
        if module.name == "validation.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in ("text", "words") or not isinstance(node.func.value, ast.Name):
                continue
            if node.func.value.id != "c" or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            limit = next((k.value for k in node.keywords if k.arg == "max_length"), None)
            if node.func.attr == "text" and limit is not None:
                if not isinstance(limit, ast.Constant):
                    continue  # LONG and the like: notes and plans, not one line
                if limit.value >= validation.MULTILINE_FROM:
                    continue
            found.add((module.stem, node.args[0].value))
    return found


def test_every_one_line_field_of_the_services_is_covered(svc) -> None:
    _fields, where = discover_text_fields(svc, _one_line_world(svc))
    missing = _one_line_fields_in_the_source() - where
    assert not missing, f"add a write for these fields to WRITES: {sorted(missing)}"


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def expected(segments: list[tuple[str, str]]) -> tuple[str, str | None]:
    """What a one-line field should do with text made of these segments: ("refused", None),
    ("blank", None) or ("kept", the text as stored)."""
    kinds = [kind for kind, _ in segments]
    if any(kind in ("bidi", "control", "unprintable") for kind in kinds):
        return "refused", None
    visible = [i for i, kind in enumerate(kinds) if kind == "legit"]
    if not visible:
        return "blank", None
    first, last = visible[0], visible[-1]
    middle = segments[first : last + 1]
    text = ""
    for i, (kind, piece) in enumerate(middle):
        if kind == "invisible":
            return "refused", None
        if kind == "joiner":
            before = text[-1:] if text else ""
            after = middle[i + 1][1][:1] if i + 1 < len(middle) else ""
            if not (before and after and _is_letter(before) and _is_letter(after)):
                return "refused", None
        text += piece
    return "kept", unicodedata.normalize("NFC", text)


def prints(text: str) -> bool:
    """Every character has a real glyph in the font the documents would set it in."""
    from caseapp.reports import fonts
    from caseapp.reports.text import FONT_OF, runs

    return all(
        char.isspace() or char in "\u200c\u200d" or fonts.has_glyph(FONT_OF[run.script], char)
        for run in runs(text)
        for char in run.text
    )


# Words of the sentences that refuse characters (and of "required", for a blank field).
CHARACTER_RULES = ("Retype it rather than pasting", "cannot be printed", "is required", "on one line")
# The fields and the records to write against, made once per store (examples share it).
_MADE: dict[int, tuple[list[TextField], OneLineWorld]] = {}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_line_fields_refuse_hidden_characters_and_keep_real_names(svc, data) -> None:  # type: ignore[no-untyped-def]
    if id(svc.store) not in _MADE:
        _MADE.clear()
        world = _one_line_world(svc)
        _MADE[id(svc.store)] = (discover_text_fields(svc, world)[0], world)
    discovered, world = _MADE[id(svc.store)]
    target = data.draw(st.sampled_from(discovered), label="field")
    segments = data.draw(st.lists(SEGMENT, min_size=1, max_size=5), label="segments")
    text = "".join(piece for _, piece in segments)
    outcome, stored = expected(segments)
    if target.listed:
        sent: Any = [text]
    else:
        sent = text
    fields = {ARGUMENT.get((target.write, target.field), target.field): sent}
    try:
        record = WRITES[target.write](svc, world, fields)
    except ValidationError as refusal:
        problem = refusal.problems.get(target.field)
        if outcome == "kept" and problem and len(stored or "") <= target.max_length:
            # A field's own format rule (an email's @, a phone's digits) may refuse a name;
            # the rules about characters must not.
            assert not any(words in problem for words in CHARACTER_RULES), (target, text, refusal.problems)
        if outcome == "refused":
            assert problem, (target, text, refusal.problems)
        if outcome == "blank" and target.required:
            assert problem and "required" in problem, (target, text, refusal.problems)
        if problem:
            assert problem.endswith(".") and "Error" not in problem, problem
        return
    finally:
        if target.write == "close_case":
            with contextlib.suppress(ValidationError):
                svc.people.reopen_case(person_id=world.person)
    assert outcome != "refused", (target, text)
    value = getattr(record, target.field)
    if target.listed:
        value = value[0] if value else None
    if outcome == "blank":
        assert value is None, (target, text, value)
    else:
        assert value == stored, (target, text, value)
    if value is not None:
        assert prints(value), (target, value)


def test_a_given_name_of_only_invisible_characters_is_required(svc) -> None:
    for blank in ("\u200b", "\u200b\u200b", "\ufeff", "\u3164", "\u2060 \u200b", "\u00a0\u200d"):
        with pytest.raises(ValidationError) as info:
            svc.people.add_young_person(**(GOOD_PERSON | {"given_name": blank}))
        assert info.value.problems["given_name"] == "Given name is required."


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\ufeff", "\u2028", "\u200b"])
def test_hidden_characters_inside_a_name_are_refused_beside_it(svc, hidden: str) -> None:
    with pytest.raises(ValidationError) as info:
        svc.people.add_young_person(**(GOOD_PERSON | {"family_name": f"Tek{hidden}le"}))
    message = info.value.problems["family_name"]
    assert message.startswith("Family name ") and "Retype it rather than pasting." in message


def test_emoji_and_letters_without_a_font_are_refused_wherever_they_would_print(svc) -> None:
    someone = add_person(svc)
    for field, value in (("given_name", "Sem😀"), ("own_script_name", "李明"), ("preferred_name", "❤\ufe0f")):
        with pytest.raises(ValidationError) as info:
            svc.people.edit_young_person(person_id=someone.id, **{field: value})
        assert "cannot be printed" in info.value.problems[field]
    # Notes print in the case summary too.
    with pytest.raises(ValidationError) as info:
        svc.checkins.record_check_in(
            person_id=someone.id, happened_at=at(days_ago(1)), method="phone", outcome="spoke", note="Went well 👍"
        )
    assert "cannot be printed" in info.value.problems["note"]
    # Multi-line text keeps its own hidden characters rule: line breaks belong there.
    record = svc.checkins.record_check_in(
        person_id=someone.id, happened_at=at(days_ago(2)), method="phone", outcome="spoke",
        note="ሰምሃር came in.\nعبد الرحمن too.\tAll well.",
    )
    assert record.note == "ሰምሃር came in.\nعبد الرحمن too.\tAll well."


@pytest.mark.parametrize("marking", ["OFFICIAL\u202e", "OFFICIAL\u200bSENSITIVE", "OFFICIAL 😀"])
def test_the_protective_marking_is_held_to_the_same_rule(svc, marking: str) -> None:
    with pytest.raises(ValidationError) as info:
        svc.settings.set_setting(key=declared.PROTECTIVE_MARKING.key, value=marking)
    assert "Retype it" in info.value.problems[declared.PROTECTIVE_MARKING.key] or "cannot be printed" in (
        info.value.problems[declared.PROTECTIVE_MARKING.key]
    )
