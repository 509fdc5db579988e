"""The checks on a young person's profile: each field as its declaration says
(caseapp/models/fields.py), then the few rules that join two fields or need the store."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from caseapp.models import Worker, YoungPerson
from caseapp.models.codes import RightToWork
from caseapp.models.fields import PERSON_FIELDS, Field, Kind
from caseapp.services.validation import SHORT, Checker, birth_date_problem


def _checked(c: Checker, f: Field, value: Any, today: date) -> Any:
    if f.kind in (Kind.LINE, Kind.TEXT):
        return c.text(f.name, f.label, value, required=f.required, max_length=f.max_length or SHORT)
    if f.kind is Kind.CODE:
        assert f.codes is not None, f.name
        return c.code(f.name, f.label, f.codes, value or f.default, required=f.required)
    if f.kind is Kind.DAY:
        return c.day(f.name, f.label, value, required=f.required, not_after=today if f.not_after_today else None)
    if f.kind is Kind.WORDS:
        return c.words(f.name, f.label, value)
    if f.kind is Kind.FLAG:
        value = value or False
        if not isinstance(value, bool):
            c.fail(f.name, "Choose yes or no.")
        return bool(value)
    if f.kind is Kind.WORKER:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            c.fail(f.name, "Choose a worker from the list.")
        return value
    raise AssertionError(f"{f.name}: no check for {f.kind}")


def check_profile(fields: dict[str, Any], today: date, *, check_age: bool = True) -> dict[str, Any]:
    """Every profile field cleaned, or one ValidationError naming each field refused.
    `check_age=False` on an edit that keeps the date of birth: people outgrow 14-30."""
    c = Checker()
    out: dict[str, Any] = {}
    for f in PERSON_FIELDS:
        if f.kind is not Kind.BIRTH_DATE:
            out[f.name] = _checked(c, f, fields.get(f.name), today)
            continue
        born = fields.get(f.name)
        if born is not None and (isinstance(born, datetime) or not isinstance(born, date)):
            c.fail(f.name, f"{f.label} must be a date.")
        elif (check_age or born is None) and (problem := birth_date_problem(born, today)):
            c.fail(f.name, problem)
        out[f.name] = born
    if out["email"] and ("@" not in out["email"] or " " in out["email"]):
        c.fail("email", "Email does not look like an email address.")
    if out["right_to_work"] == RightToWork.TIME_LIMITED and out["right_to_work_expiry"] is None:
        c.fail("right_to_work_expiry", "Give the date the right to work runs out.")
    c.done()
    return out


def check_workers(session: Session, values: dict[str, Any], current: YoungPerson | None = None) -> None:
    """Allocated to someone on file; a new allocation only to someone still active (one
    already made to a colleague who has since left stands until it is changed)."""
    c = Checker()
    for f in PERSON_FIELDS:
        if f.kind is not Kind.WORKER or values.get(f.name) is None:
            continue
        worker = session.get(Worker, values[f.name])
        if worker is None:
            c.fail(f.name, f"{f.label}: that worker is not on file.")
        elif worker.active is False and (current is None or getattr(current, f.name) != values[f.name]):
            c.fail(f.name, f"{f.label}: that colleague is no longer active. Choose someone who is.")
    c.done()
