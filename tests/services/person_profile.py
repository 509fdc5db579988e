"""A value for every field declared on a young person, for the tests that prove each field
reaches every place it shows (tests/services/test_person_fields.py, tests/ui/record/)."""

from __future__ import annotations

import enum
from typing import Any

from caseapp.models.fields import PERSON_FIELDS, Field, Kind
from tests.services.helpers import born_aged, days_ago


def a_code(f: Field) -> enum.Enum:
    """A code other than the field's default, so a shown value proves it was kept."""
    assert f.codes is not None
    return next(c for c in reversed(list(f.codes)) if c != f.default)


def full_profile(worker_id: int) -> dict[str, Any]:
    """A value for every declared field, chosen by its kind alone (and each one distinct)."""
    out: dict[str, Any] = {}
    for number, f in enumerate(PERSON_FIELDS):
        if f.kind is Kind.LINE:
            out[f.name] = f"L{number}xy"
        elif f.kind is Kind.TEXT:
            out[f.name] = f"Written at length number {number}"
        elif f.kind is Kind.CODE:
            out[f.name] = a_code(f)
        elif f.kind is Kind.DAY:
            out[f.name] = days_ago(10 + number)
        elif f.kind is Kind.BIRTH_DATE:
            out[f.name] = born_aged(19)
        elif f.kind is Kind.FLAG:
            out[f.name] = True
        elif f.kind is Kind.WORDS:
            out[f.name] = [f"W{number}a", f"W{number}b"]
        elif f.kind is Kind.WORKER:
            out[f.name] = worker_id
    out["email"] = "someone@example.org"  # the one line whose shape is checked
    return out
