"""Support needs and consent to share each one, item by item, dated and withdrawable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from caseapp import dates
from caseapp.models import Consent, SupportNeed, YoungPerson
from caseapp.models.codes import NeedCategory
from caseapp.services.base import Service
from caseapp.services.errors import ValidationError
from caseapp.services.validation import Checker, reject_unknown


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    given_on: date
    withdrawn_on: date | None
    note: str | None

    def in_force_on(self, day: date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


@dataclass(frozen=True)
class NeedRecord:
    id: int
    person_id: int
    category: NeedCategory
    description: str
    adjustments: str | None
    consents: tuple[ConsentRecord, ...]
    version: int = 1  # what a later edit says it was based on

    def shareable_on(self, day: date) -> bool:
        """Consent given and not withdrawn on that day."""
        return any(c.in_force_on(day) for c in self.consents)


def need_record(row: SupportNeed) -> NeedRecord:
    return NeedRecord(
        id=row.id,
        person_id=row.person_id,
        category=row.category,
        description=row.description,
        adjustments=row.adjustments,
        version=row.version,
        consents=tuple(ConsentRecord(c.id, c.given_on, c.withdrawn_on, c.note) for c in row.consents),
    )


def needs_of(session, person_id: int) -> list[NeedRecord]:
    rows = session.scalars(
        select(SupportNeed)
        .where(SupportNeed.person_id == person_id)
        .options(selectinload(SupportNeed.consents))
        .order_by(SupportNeed.id)
    )
    return [need_record(r) for r in rows]


class SupportService(Service):
    def _check(self, fields: dict[str, Any]) -> dict[str, Any]:
        c = Checker()
        out = {
            "category": c.code("category", "Kind of need", NeedCategory, fields.get("category"), required=True),
            "description": c.text("description", "Description", fields.get("description"), required=True,
                                  max_length=1000),
            "adjustments": c.text("adjustments", "Adjustments that help", fields.get("adjustments"), max_length=1000),
        }
        c.done()
        return out

    def add_support_need(
        self, *, person_id: int, category: Any, description: str, adjustments: str | None = None
    ) -> NeedRecord:
        values = self._check({"category": category, "description": description, "adjustments": adjustments})
        with self._store.session() as s:
            self._get(s, YoungPerson, person_id, "young person")
            row = SupportNeed(person_id=person_id, **values)
            self._created(s, row, person_id=person_id)
            record = need_record(row)
        self._publish("support_need", record.id, "created")
        return record

    def edit_support_need(self, *, need_id: int, based_on: int | None = None, **fields: Any) -> NeedRecord:
        """`based_on`: the version the form was filled from; a newer one stored is refused."""
        reject_unknown(fields, {"category", "description", "adjustments"})
        with self._store.session() as s:
            row = self._get(s, SupportNeed, need_id, "support need")
            self._unchanged_since(s, row, based_on, attempted=fields)
            merged = {"category": row.category, "description": row.description, "adjustments": row.adjustments} | fields
            self._changed(s, row, self._check(merged), person_id=row.person_id)
            record = need_record(row)
        self._publish("support_need", need_id, "updated")
        return record

    def remove_support_need(self, *, need_id: int) -> None:
        with self._store.session() as s:
            row = self._get(s, SupportNeed, need_id, "support need")
            self._deleted(s, row, person_id=row.person_id)
        self._publish("support_need", need_id, "deleted")

    def give_consent(self, *, need_id: int, given_on: date | None = None, note: str | None = None) -> NeedRecord:
        c = Checker()
        day = c.day("given_on", "Date consent given", given_on, not_after=self.today()) or self.today()
        text = c.text("note", "Note", note, max_length=500)
        c.done()
        with self._store.session() as s:
            need = self._get(s, SupportNeed, need_id, "support need")
            if any(x.withdrawn_on is None for x in need.consents):
                raise ValidationError({"given_on": "Consent to share this need is already in force."})
            last_withdrawn = max((x.withdrawn_on for x in need.consents if x.withdrawn_on is not None), default=None)
            if last_withdrawn is not None and day < last_withdrawn:
                # Backdating would make the need shareable on days consent had been withdrawn.
                raise ValidationError(
                    {"given_on": f"Consent was withdrawn on {dates.day(last_withdrawn)}; "
                                 "new consent cannot be dated earlier."}
                )
            consent = Consent(given_on=day, note=text)
            need.consents.append(consent)
            self._created(s, consent, person_id=need.person_id)
            record = need_record(need)
        self._publish("support_need", need_id, "updated")
        return record

    def withdraw_consent(self, *, need_id: int, withdrawn_on: date | None = None) -> NeedRecord:
        c = Checker()
        day = c.day("withdrawn_on", "Date consent withdrawn", withdrawn_on, not_after=self.today()) or self.today()
        c.done()
        with self._store.session() as s:
            need = self._get(s, SupportNeed, need_id, "support need")
            current = next((x for x in need.consents if x.withdrawn_on is None), None)
            if current is None:
                raise ValidationError({"withdrawn_on": "There is no consent in force to withdraw."})
            if day < current.given_on:
                raise ValidationError({"withdrawn_on": "Consent cannot be withdrawn before it was given."})
            self._changed(s, current, {"withdrawn_on": day}, person_id=need.person_id)
            record = need_record(need)
        self._publish("support_need", need_id, "updated")
        return record

    def list_support_needs(self, *, person_id: int) -> list[NeedRecord]:
        with self._store.read_session() as s:
            return needs_of(s, person_id)

