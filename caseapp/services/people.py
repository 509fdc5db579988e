"""Young people: add, edit, get and list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from caseapp.models import YoungPerson
from caseapp.services.errors import NotFound, ValidationError
from caseapp.services.events import Change, ChangeBus
from caseapp.services.validation import age_on, birth_date_problem, clean_text, text_problem
from caseapp.store import Store


@dataclass(frozen=True)
class PersonRecord:
    id: int
    given_name: str
    family_name: str
    preferred_name: str | None
    own_script_name: str | None
    date_of_birth: date
    worker_id: int | None

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    def age(self, today: date | None = None) -> int:
        return age_on(self.date_of_birth, today or date.today())


def _record(row: YoungPerson) -> PersonRecord:
    return PersonRecord(
        id=row.id,
        given_name=row.given_name,
        family_name=row.family_name,
        preferred_name=row.preferred_name,
        own_script_name=row.own_script_name,
        date_of_birth=row.date_of_birth,
        worker_id=row.worker_id,
    )


class PeopleService:
    def __init__(self, store: Store, bus: ChangeBus | None = None) -> None:
        self._store = store
        self._bus = bus or ChangeBus()

    def _checked(self, fields: dict, today: date | None) -> dict:
        names = {
            key: clean_text(fields.get(key))
            for key in ("given_name", "family_name", "preferred_name", "own_script_name")
        }
        problems = {
            "given_name": text_problem("Given name", names["given_name"], required=True, max_length=100),
            "family_name": text_problem("Family name", names["family_name"], required=True, max_length=100),
            "preferred_name": text_problem(
                "Preferred name", names["preferred_name"], required=False, max_length=100
            ),
            "own_script_name": text_problem(
                "Name in own script", names["own_script_name"], required=False, max_length=200
            ),
            "date_of_birth": birth_date_problem(fields.get("date_of_birth"), today or date.today()),
        }
        problems = {k: v for k, v in problems.items() if v}
        if problems:
            raise ValidationError(problems)
        return {**names, "date_of_birth": fields["date_of_birth"], "worker_id": fields.get("worker_id")}

    def add_young_person(
        self,
        *,
        given_name: str,
        family_name: str,
        date_of_birth: date,
        preferred_name: str | None = None,
        own_script_name: str | None = None,
        worker_id: int | None = None,
        today: date | None = None,
    ) -> PersonRecord:
        values = self._checked(locals(), today)
        with self._store.session() as s:
            row = YoungPerson(**values)
            s.add(row)
            s.flush()
            record = _record(row)
        self._bus.publish(Change("young_person", record.id, "created"))
        return record

    def edit_young_person(
        self,
        *,
        person_id: int,
        given_name: str,
        family_name: str,
        date_of_birth: date,
        preferred_name: str | None = None,
        own_script_name: str | None = None,
        worker_id: int | None = None,
        today: date | None = None,
    ) -> PersonRecord:
        values = self._checked(locals(), today)
        with self._store.session() as s:
            row = s.get(YoungPerson, person_id)
            if row is None:
                raise NotFound("young person")
            for key, value in values.items():
                setattr(row, key, value)
            s.flush()
            record = _record(row)
        self._bus.publish(Change("young_person", record.id, "updated"))
        return record

    def get_young_person(self, *, person_id: int) -> PersonRecord:
        with self._store.read_session() as s:
            row = s.get(YoungPerson, person_id)
            if row is None:
                raise NotFound("young person")
            return _record(row)

    def list_young_people(self) -> list[PersonRecord]:
        with self._store.read_session() as s:
            rows = s.scalars(select(YoungPerson).order_by(YoungPerson.family_name, YoungPerson.given_name))
            return [_record(r) for r in rows]
