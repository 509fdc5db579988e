"""Hand-offs to the line manager: only consented needs, and a log of every disclosure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from caseapp import dates
from caseapp.models import Disclosure, HandOff, HandOffItem, PathwayStep, YoungPerson
from caseapp.models.codes import PLACEMENT_STEPS, AuditAction
from caseapp.services import audit
from caseapp.services.base import Service
from caseapp.services.support import NeedRecord, needs_of
from caseapp.services.validation import LONG, Checker, reject_unknown


@dataclass(frozen=True)
class HandOffRecord:
    id: int
    step_id: int
    person_id: int
    built_on: date
    line_manager: str
    hr_contact: str | None
    adjustments: str | None
    first_two_weeks: str | None
    keep_in_touch: str | None
    if_difficult: str | None
    mentor: str | None
    strengths: str | None
    need_ids: tuple[int, ...]
    version: int = 1  # what a later edit says it was based on


@dataclass(frozen=True)
class DisclosureRecord:
    id: int
    person_id: int
    hand_off_id: int | None
    document: str
    recipient: str
    items: tuple[str, ...]
    worker_id: int | None
    disclosed_at: datetime


TEXT_FIELDS = ("hr_contact", "adjustments", "first_two_weeks", "keep_in_touch", "if_difficult", "mentor", "strengths")


def hand_off_record(row: HandOff) -> HandOffRecord:
    return HandOffRecord(
        id=row.id,
        step_id=row.step_id,
        person_id=row.person_id,
        built_on=row.built_on,
        line_manager=row.line_manager,
        need_ids=tuple(i.need_id for i in row.items),
        version=row.version,
        **{f: getattr(row, f) for f in TEXT_FIELDS},
    )


class HandOffService(Service):
    def build_hand_off(
        self, *, step_id: int, line_manager: str, need_ids: list[int], built_on: date | None = None, **fields: Any
    ) -> HandOffRecord:
        """A hand-off for a placement or job, sharing only needs with consent in force today."""
        reject_unknown(fields, TEXT_FIELDS)
        c = Checker()
        day = c.day("built_on", "Date", built_on, not_after=self.today()) or self.today()
        values = {"line_manager": c.text("line_manager", "Line manager", line_manager, required=True)}
        for name in TEXT_FIELDS:
            values[name] = c.text(name, name.replace("_", " ").capitalize(), fields.get(name), max_length=LONG)
        c.done()
        with self._store.session() as s:
            step = self._get(s, PathwayStep, step_id, "pathway step")
            if step.type not in PLACEMENT_STEPS:
                c.fail("step_id", f"A hand-off is for a placement or job, not {step.type.label.lower()}.")
            available = {n.id: n for n in needs_of(s, step.person_id)}
            for need_id in need_ids:
                need = available.get(need_id)
                if need is None:
                    c.fail("need_ids", "One of the chosen needs is not this young person's.")
                else:
                    # Both days: a backdated hand-off must not revive consent withdrawn since.
                    lapsed = next((d for d in (day, self.today()) if not need.shareable_on(d)), None)
                    if lapsed is not None:
                        c.fail(
                            "need_ids",
                            f"“{need.category.label}” has no consent in force on {dates.day(lapsed)}; "
                            "it cannot be shared.",
                        )
            c.done()
            row = HandOff(step_id=step_id, person_id=step.person_id, built_on=day, **values)
            self._created(s, row, person_id=step.person_id)
            # Each shared need gets its own audit event: what was disclosed is in the trail.
            for need_id in dict.fromkeys(need_ids):
                item = HandOffItem(need_id=need_id)
                row.items.append(item)
                self._created(s, item, person_id=step.person_id)
            record = hand_off_record(row)
        self._publish("hand_off", record.id, "created")
        return record

    def edit_hand_off(self, *, hand_off_id: int, based_on: int | None = None, **fields: Any) -> HandOffRecord:
        """Change the plan's wording; which needs are shared is fixed when it is built.
        `based_on`: the version the form was filled from; a newer one stored is refused."""
        reject_unknown(fields, (*TEXT_FIELDS, "line_manager"))
        with self._store.session() as s:
            row = self._get(s, HandOff, hand_off_id, "hand-off")
            self._unchanged_since(s, row, based_on, attempted=fields)
            merged = {f: getattr(row, f) for f in (*TEXT_FIELDS, "line_manager")} | fields
            c = Checker()
            values = {"line_manager": c.text("line_manager", "Line manager", merged["line_manager"], required=True)}
            for name in TEXT_FIELDS:
                values[name] = c.text(name, name.replace("_", " ").capitalize(), merged[name], max_length=LONG)
            c.done()
            self._changed(s, row, values, person_id=row.person_id)
            record = hand_off_record(row)
        self._publish("hand_off", hand_off_id, "updated")
        return record

    def shared_needs(self, *, hand_off_id: int, on: date | None = None) -> list[NeedRecord]:
        """The hand-off's needs whose consent is still in force (withdrawal drops them)."""
        day = on or self.today()
        with self._store.read_session() as s:
            row = self._get(s, HandOff, hand_off_id, "hand-off")
            chosen = {i.need_id for i in row.items}
            return [n for n in needs_of(s, row.person_id) if n.id in chosen and n.shareable_on(day)]

    def get_hand_off(self, *, hand_off_id: int) -> HandOffRecord:
        with self._store.read_session() as s:
            return hand_off_record(self._get(s, HandOff, hand_off_id, "hand-off"))

    def list_hand_offs(self, *, person_id: int) -> list[HandOffRecord]:
        with self._store.read_session() as s:
            rows = s.scalars(select(HandOff).where(HandOff.person_id == person_id).order_by(HandOff.id))
            return [hand_off_record(r) for r in rows]

    def record_disclosure(
        self, *, person_id: int, document: str, recipient: str, items: list[str], hand_off_id: int | None = None
    ) -> DisclosureRecord:
        """Log what was shared, with whom, when and by whom (every printed pack)."""
        c = Checker()
        who = c.text("recipient", "Recipient", recipient, required=True)
        doc = c.text("document", "Document", document, required=True, max_length=80)
        if isinstance(items, str) or not isinstance(items, (list, tuple)):
            c.fail("items", "Items shared must be a list.")
            items = []
        checked = [c.text("items", "Items shared", item, required=True, max_length=LONG) for item in items]
        c.done()
        # Each is required, and c.done() has refused any that was missing.
        assert who is not None and doc is not None
        items = [item for item in checked if item is not None]
        with self._store.session() as s:
            self._get(s, YoungPerson, person_id, "young person")
            if hand_off_id is not None:
                pack = s.get(HandOff, hand_off_id)
                if pack is None or pack.person_id != person_id:
                    c.fail("hand_off_id", "That hand-off is not this young person's.")
                    c.done()
            row = Disclosure(
                person_id=person_id,
                hand_off_id=hand_off_id,
                document=doc,
                recipient=who,
                items=list(items),
                worker_id=self.actor_id,
                disclosed_at=datetime.now(UTC).replace(microsecond=0),
            )
            s.add(row)
            s.flush()
            audit.append(
                s,
                worker_id=self.actor_id,
                entity="disclosure",
                entity_id=row.id,
                person_id=person_id,
                action=AuditAction.PRINTED,
                changes={"document": [None, doc], "recipient": [None, who], "items": [None, list(items)]},
            )
            record = DisclosureRecord(
                row.id, person_id, hand_off_id, doc, who, tuple(items), self.actor_id, row.disclosed_at
            )
        self._publish("disclosure", record.id, "created")
        return record

    def list_disclosures(self, *, person_id: int) -> list[DisclosureRecord]:
        with self._store.read_session() as s:
            rows = s.scalars(select(Disclosure).where(Disclosure.person_id == person_id).order_by(Disclosure.id))
            return [
                DisclosureRecord(
                    r.id, r.person_id, r.hand_off_id, r.document, r.recipient, tuple(r.items), r.worker_id,
                    # SQLite keeps no zone: the time was written in UTC, so it is read back as UTC.
                    r.disclosed_at.replace(tzinfo=UTC),
                )
                for r in rows
            ]
