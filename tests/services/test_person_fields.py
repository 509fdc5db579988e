"""Each young person's field is declared once (caseapp/models/fields.py), and everything that
keeps or shows it follows: a column of the kind declared, a field of the record, the service's
checks with the declared label and limit, the case summary's label and value, and an export
header where one is declared. The form's rows are proved in tests/ui/record/test_person_form_fields.py."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import JSON, Boolean, Date, Enum, String, Text

from caseapp.models import YoungPerson
from caseapp.models.fields import PERSON, PERSON_FIELDS, Field, Kind
from caseapp.reports import api
from caseapp.services.errors import ValidationError
from caseapp.services.exports import CASELOAD_HEADERS, EXPORTED_FIELDS, ExportService
from caseapp.services.people import PROFILE_FIELDS, PersonRecord
from tests.reports.conftest import all_text
from tests.services.helpers import TODAY
from tests.services.person_profile import full_profile

COLUMN_TYPES = {
    Kind.LINE: String,
    Kind.TEXT: Text,
    Kind.CODE: Enum,
    Kind.DAY: Date,
    Kind.BIRTH_DATE: Date,
    Kind.FLAG: Boolean,
    Kind.WORDS: JSON,
}


def test_every_declared_field_has_a_column_of_its_kind() -> None:
    columns = YoungPerson.__table__.columns
    for f in PERSON_FIELDS:
        assert f.name in columns, f.name
        column = columns[f.name]
        if f.kind is Kind.WORKER:
            assert {fk.target_fullname for fk in column.foreign_keys} == {"worker.id"}, f.name
            continue
        assert isinstance(column.type, COLUMN_TYPES[f.kind]), f.name
        if f.kind is Kind.LINE:
            assert column.type.length == f.max_length, f.name  # the limit checked is the limit kept
        if f.kind is Kind.CODE:
            assert f.codes is not None
            assert set(column.type.enums) == {c.value for c in f.codes}, f.name
        if f.required:
            assert not column.nullable, f.name


def test_the_service_takes_exactly_the_declared_fields_and_returns_them() -> None:
    assert PROFILE_FIELDS == tuple(f.name for f in PERSON_FIELDS)
    assert set(PROFILE_FIELDS) <= {f.name for f in dataclasses.fields(PersonRecord)}


def test_every_declared_field_is_kept_and_given_back(svc) -> None:  # type: ignore[no-untyped-def]
    sent = full_profile(svc.worker_id)
    person = svc.people.add_young_person(**sent)
    got = svc.people.get_young_person(person_id=person.id)
    for f in PERSON_FIELDS:
        want = tuple(sent[f.name]) if f.kind is Kind.WORDS else sent[f.name]
        assert getattr(got, f.name) == want, f.name


LIMITED = [f for f in PERSON_FIELDS if f.kind in (Kind.LINE, Kind.TEXT) and f.max_length]


@pytest.mark.parametrize("f", LIMITED, ids=[f.name for f in LIMITED])
def test_a_text_field_is_held_to_its_declared_limit_in_a_sentence_with_its_label(svc, f: Field) -> None:  # type: ignore[no-untyped-def]
    assert f.max_length is not None
    fields = full_profile(svc.worker_id)
    tail = "@example.org" if f.name == "email" else ""
    fields[f.name] = "a" * (f.max_length - len(tail)) + tail
    assert getattr(svc.people.add_young_person(**fields), f.name) == fields[f.name]
    fields[f.name] = "a" + fields[f.name]
    with pytest.raises(ValidationError) as refused:
        svc.people.add_young_person(**fields)
    assert set(refused.value.problems) == {f.name}
    assert refused.value.problems[f.name].startswith(f.label)
    assert str(f.max_length) in refused.value.problems[f.name]


REQUIRED = [f for f in PERSON_FIELDS if f.required]
CODED = [f for f in PERSON_FIELDS if f.kind is Kind.CODE]


@pytest.mark.parametrize("f", REQUIRED, ids=[f.name for f in REQUIRED])
def test_a_required_field_is_refused_when_missing(svc, f: Field) -> None:  # type: ignore[no-untyped-def]
    fields = full_profile(svc.worker_id)
    fields[f.name] = None
    with pytest.raises(ValidationError) as refused:
        svc.people.add_young_person(**fields)
    assert set(refused.value.problems) == {f.name}
    assert f.label.lower() in refused.value.problems[f.name].lower()


@pytest.mark.parametrize("f", CODED, ids=[f.name for f in CODED])
def test_a_code_field_takes_only_its_declared_list(svc, f: Field) -> None:  # type: ignore[no-untyped-def]
    fields = full_profile(svc.worker_id)
    fields[f.name] = "made_up"
    with pytest.raises(ValidationError) as refused:
        svc.people.add_young_person(**fields)
    assert refused.value.problems == {f.name: f"{f.label}: “made_up” is not one of the choices."}


def test_a_field_not_after_today_is_refused_tomorrow(svc) -> None:  # type: ignore[no-untyped-def]
    later = [f for f in PERSON_FIELDS if f.not_after_today]
    assert later, "the declarations lost their not-after-today dates"
    fields = full_profile(svc.worker_id) | {f.name: TODAY + timedelta(days=1) for f in later}
    with pytest.raises(ValidationError) as refused:
        svc.people.add_young_person(**fields)
    assert refused.value.problems == {f.name: f"{f.label} cannot be in the future." for f in later}


def flat(text: str) -> str:
    # A label or value wrapped in its cell reads as one line here.
    return " ".join(text.split())


def test_every_printed_field_is_in_the_case_summary_with_its_value(svc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    person = svc.people.add_young_person(**full_profile(svc.worker_id))
    text = flat(all_text(api.print_case_summary(svc.store, person_id=person.id, out=tmp_path / "s.pdf", today=TODAY)))
    printed = [f for f in PERSON_FIELDS if f.printed]
    assert len(printed) >= len(PERSON_FIELDS) - 1  # all but the expiry, which prints beside the right to work
    for f in printed:
        assert f.printed in text, f.name
        value = getattr(person, f.name)
        if f.kind in (Kind.LINE, Kind.TEXT):
            assert flat(value) in text, f.name
        elif f.kind is Kind.CODE:
            assert flat(value.label) in text, f.name
        elif f.kind is Kind.DAY:
            assert value.strftime("%d/%m/%Y") in text, f.name
        elif f.kind is Kind.WORDS:
            assert ", ".join(value) in text, f.name
        elif f.kind is Kind.WORKER:
            assert "Alex Morgan" in text, f.name
    assert f"until {person.right_to_work_expiry.strftime('%d/%m/%Y')}" in text


def test_every_exported_field_has_its_header_and_its_value_under_it(svc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exported = [f for f in PERSON_FIELDS if f.export]
    assert tuple(f.name for f in exported) == EXPORTED_FIELDS
    person = svc.people.add_young_person(**full_profile(svc.worker_id))
    path = tmp_path / "c.csv"
    ExportService(svc.store, actor_id=svc.worker_id, today=lambda: TODAY).export_caseload(path=path, format="csv")
    header, row = list(csv.reader(io.StringIO(path.read_bytes()[3:].decode("utf-8"), newline="")))
    assert tuple(header) == CASELOAD_HEADERS
    for f in exported:
        assert row[header.index(f.export or "")] == getattr(person, f.name), f.name


def normal(header: str) -> str:
    return re.sub(r"[\s.]+", "", header).casefold()


def test_the_importer_can_tell_every_field_by_its_headers() -> None:
    claimed: dict[str, str] = {}
    for f in PERSON_FIELDS:
        assert f.synonyms, f"{f.name} has no headers an import may give it"
        for header in {f.label, *(f.printed or "",), *f.synonyms} - {""}:
            owner = claimed.setdefault(normal(header), f.name)
            assert owner == f.name, f"{header!r}: {f.name} or {owner}"
    assert claimed[normal("D.O.B.")] == claimed[normal("dob")] == "date_of_birth"
    assert PERSON["child_ref"] is next(f for f in PERSON_FIELDS if "CHILD" in f.synonyms)
