"""Helpers shared by the service tests: the fixed day, store snapshots, refusals, records."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from caseapp.models import AuditEvent, Base
from caseapp.services.errors import ValidationError
from caseapp.store import Store

# The services' clock in these tests. Check-ins are checked against the real clock as well,
# so every check-in a test records happens before this day.
TODAY = date(2026, 11, 21)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def born_aged(years: int, *, days_after_birthday: int = 40) -> date:
    """A date of birth that makes someone `years` old on TODAY."""
    birthday = TODAY.replace(year=TODAY.year - years)
    return birthday - timedelta(days=days_after_birthday)


def state(store: Store) -> dict[str, Any]:
    """Every row of every table, plus the audit chain's last id: equal means unchanged."""
    out: dict[str, Any] = {}
    with store.read_session() as s:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            out[table.name] = [tuple(r) for r in s.execute(select(table).order_by(*order))]
        out["audit_event.max_id"] = s.scalar(select(func.max(AuditEvent.id)))
    return out


def counts(store: Store) -> dict[str, int]:
    with store.read_session() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


def audit_max_id(store: Store) -> int:
    with store.read_session() as s:
        return s.scalar(select(func.max(AuditEvent.id))) or 0


@contextmanager
def refused(store: Store, *fields: str) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """The block must raise ValidationError naming `fields` and leave the store untouched."""
    before = state(store)
    with pytest.raises(ValidationError) as info:
        yield info
    for name in fields:
        assert name in info.value.problems, info.value.problems
    assert state(store) == before, "a refused write changed the store"


def add_person(svc: Any, **overrides: Any) -> Any:
    """A young person referred a while ago, with a worker, whose right to work was checked on
    referral (paid steps need it; a new record starts with it not yet checked)."""
    fields: dict[str, Any] = {
        "given_name": "Semhar",
        "family_name": "Tekle",
        "date_of_birth": born_aged(19),
        "referral_date": days_ago(400),
        "worker_id": svc.worker_id,
        "right_to_work": "unlimited",
    }
    fields.update(overrides)
    if fields["right_to_work"] not in (None, "not_checked"):
        fields.setdefault("right_to_work_checked_on", fields.get("referral_date"))
    return svc.people.add_young_person(**fields)
