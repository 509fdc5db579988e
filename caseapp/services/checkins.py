"""Check-ins: record every contact or attempt, "even when nothing is happening"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from caseapp import dates
from caseapp.models import CheckIn, Worker, YoungPerson
from caseapp.models.codes import CheckInMethod, CheckInOutcome
from caseapp.services import summary
from caseapp.services.base import Service
from caseapp.services.validation import LONG, Checker, reject_unknown

# A check-in changed after this long since it was recorded is a correction of the record,
# not the finishing of a note: it says why.
EDIT_WITHOUT_REASON = timedelta(days=1)
REASON_LENGTH = 500


@dataclass(frozen=True)
class CheckInRecord:
    id: int
    person_id: int
    worker_id: int | None
    happened_at: datetime
    method: CheckInMethod
    outcome: CheckInOutcome
    note: str | None
    actions: str | None
    next_contact_on: date | None
    recorded_at: datetime | None = None  # when it was written down, in UTC
    version: int = 1  # what a later edit says it was based on


FIELDS = ("worker_id", "happened_at", "method", "outcome", "note", "actions", "next_contact_on")


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite hands back the stored UTC time without its zone.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def check_in_record(row: CheckIn) -> CheckInRecord:
    return CheckInRecord(id=row.id, person_id=row.person_id, recorded_at=_utc(row.created_at),
                         version=row.version, **{f: getattr(row, f) for f in FIELDS})


def _needs_reason(row: CheckIn) -> bool:
    recorded = _utc(row.created_at)
    return recorded is not None and datetime.now(UTC) - recorded > EDIT_WITHOUT_REASON


class CheckInService(Service):
    def _check(self, s, fields: dict[str, Any], person: YoungPerson) -> dict[str, Any]:
        now = datetime.now()
        c = Checker()
        happened = c.moment("happened_at", "When", fields.get("happened_at"), not_after=now)
        out: dict[str, Any] = {
            "happened_at": happened,
            "method": c.code("method", "How", CheckInMethod, fields.get("method"), required=True),
            "outcome": c.code("outcome", "Outcome", CheckInOutcome, fields.get("outcome"), required=True),
            "note": c.text("note", "Note", fields.get("note"), max_length=LONG),
            "actions": c.text("actions", "Actions agreed", fields.get("actions"), max_length=LONG),
            "next_contact_on": c.day("next_contact_on", "Next contact", fields.get("next_contact_on")),
            "worker_id": fields.get("worker_id", self.actor_id),
        }
        if happened is not None:
            if happened.date() < person.date_of_birth:
                c.fail("happened_at", "This is before the young person was born.")
            elif person.referral_date and happened.date() < person.referral_date:
                c.fail("happened_at", f"This is before the referral on {dates.day(person.referral_date)}.")
            if out["next_contact_on"] and out["next_contact_on"] < happened.date():
                c.fail("next_contact_on", "The next contact cannot be before this one.")
        if out["worker_id"] is not None and s.get(Worker, out["worker_id"]) is None:
            c.fail("worker_id", "That worker is not on file.")
        c.done()
        return out

    def record_check_in(self, *, person_id: int, **fields: Any) -> CheckInRecord:
        reject_unknown(fields, FIELDS)
        with self._store.session() as s:
            person = self._get(s, YoungPerson, person_id, "young person")
            row = CheckIn(person_id=person_id, **self._check(s, fields, person))
            self._created(s, row, person_id=person_id)
            summary.refresh(s, [person_id])
            record = check_in_record(row)
        self._publish("check_in", record.id, "created")
        return record

    def edit_check_in(
        self, *, check_in_id: int, reason: str | None = None, based_on: int | None = None, **fields: Any
    ) -> CheckInRecord:
        """Change the given fields. One recorded more than a day ago changes only with a
        `reason`, kept in the audit event beside the changes (and shown in History).
        `based_on`: the version the form was filled from; a newer one stored is refused."""
        reject_unknown(fields, FIELDS)
        with self._store.session() as s:
            row = self._get(s, CheckIn, check_in_id, "check-in")
            self._unchanged_since(s, row, based_on, attempted=fields)
            person = self._get(s, YoungPerson, row.person_id, "young person")
            merged = {f: getattr(row, f) for f in FIELDS} | fields
            values = self._check(s, merged, person)
            c = Checker()
            why = c.text("reason", "Reason", reason, max_length=REASON_LENGTH)
            if why is None and _needs_reason(row) and any(getattr(row, f) != v for f, v in values.items()):
                c.fail("reason", "This check-in was recorded more than a day ago. Say why it is being changed.")
            c.done()
            self._changed(s, row, values, person_id=row.person_id, reason=why)
            summary.refresh(s, [row.person_id])
            record = check_in_record(row)
        self._publish("check_in", check_in_id, "updated")
        return record

    def edit_needs_reason(self, *, check_in_id: int) -> bool:
        """Whether a change to this check-in must say why (recorded more than a day ago)."""
        with self._store.read_session() as s:
            return _needs_reason(self._get(s, CheckIn, check_in_id, "check-in"))

    def delete_check_in(self, *, check_in_id: int) -> None:
        """For a check-in recorded against the wrong person; the audit keeps what it said."""
        with self._store.session() as s:
            row = self._get(s, CheckIn, check_in_id, "check-in")
            person_id = row.person_id
            self._deleted(s, row, person_id=person_id)
            s.flush()
            summary.refresh(s, [person_id])
        self._publish("check_in", check_in_id, "deleted")

    def get_check_in(self, *, check_in_id: int) -> CheckInRecord:
        with self._store.read_session() as s:
            return check_in_record(self._get(s, CheckIn, check_in_id, "check-in"))

    def list_check_ins(self, *, person_id: int) -> list[CheckInRecord]:
        with self._store.read_session() as s:
            rows = s.scalars(
                select(CheckIn).where(CheckIn.person_id == person_id).order_by(CheckIn.happened_at.desc())
            )
            return [check_in_record(r) for r in rows]
