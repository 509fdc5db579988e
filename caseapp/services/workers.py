"""Workers: the people who use caseapp, and the colleagues young people are allocated to.

On a local caseload only one person signs in, but the workers and Personal Advisers the
young people are allocated to are kept here all the same (the team server's accounts are
these same workers). One who has left is made inactive, never deleted: their name stays on
the check-ins and history they wrote, and they are no longer offered for new allocations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from caseapp.models import SettingValue, Worker, YoungPerson
from caseapp.models.codes import WorkerRole
from caseapp.services.base import Service
from caseapp.services.errors import ValidationError
from caseapp.services.validation import Checker, reject_unknown
from caseapp.store import KdfParams, Store

# The worker this laptop's caseload belongs to: set by the set-up wizard, recorded on every
# audit event the app writes. Kept beside the settings, but not one the user edits.
OWNER_KEY = "store.owner_worker_id"
DETAIL_FIELDS = ("name", "role", "email", "phone", "team", "hours")
EDITABLE_FIELDS = (*DETAIL_FIELDS, "active")


@dataclass(frozen=True)
class WorkerRecord:
    id: int
    name: str
    role: WorkerRole
    email: str | None = None
    phone: str | None = None
    team: str | None = None
    hours: str | None = None
    active: bool = True

    @property
    def reachable(self) -> bool:
        """A line manager holding a pack can reach them: a phone number or an email."""
        return bool(self.phone or self.email)


def worker_record(w: Worker) -> WorkerRecord:
    return WorkerRecord(w.id, w.name, w.role, w.email, w.phone, w.team, w.hours, w.active is not False)


def check_worker_details(fields: dict[str, Any]) -> dict[str, Any]:
    """The details as stored, or ValidationError keyed by field. No store needed: the set-up
    wizard checks its page with this before the caseload exists."""
    c = Checker()
    values: dict[str, Any] = {
        "name": c.text("name", "Name", fields.get("name"), required=True, max_length=120),
        "role": c.code("role", "Role", WorkerRole, fields.get("role"), required=True),
        "email": c.text("email", "Email", fields.get("email"), max_length=200),
        "phone": c.text("phone", "Phone", fields.get("phone"), max_length=40),
        "team": c.text("team", "Team", fields.get("team"), max_length=120),
        "hours": c.text("hours", "Hours", fields.get("hours"), max_length=200),
    }
    email = values["email"]
    if email and ("@" not in email or " " in email):
        c.fail("email", "Email does not look like an email address.")
    phone = values["phone"]
    if phone and not any(ch.isdigit() for ch in phone):
        c.fail("phone", "Phone needs a number to ring.")
    if "active" in fields:
        if not isinstance(fields["active"], bool):
            c.fail("active", "Choose whether they are active.")
        values["active"] = fields["active"] is True
    c.done()
    return values


class WorkersService(Service):
    def add_worker(
        self,
        *,
        name: str,
        role: WorkerRole | str,
        email: str | None = None,
        phone: str | None = None,
        team: str | None = None,
        hours: str | None = None,
    ) -> WorkerRecord:
        values = check_worker_details(
            {"name": name, "role": role, "email": email, "phone": phone, "team": team, "hours": hours}
        )
        with self._store.session() as s:
            row = Worker(**values, active=True)
            self._created(s, row, person_id=None)
            record = worker_record(row)
        self._publish("worker", record.id, "created")
        return record

    def add_owner(
        self,
        *,
        name: str,
        role: WorkerRole | str,
        email: str | None = None,
        phone: str | None = None,
        team: str | None = None,
        hours: str | None = None,
    ) -> WorkerRecord:
        """A new caseload's own worker, added and made its owner in one transaction.

        Nobody is on file yet who could have added them, so their own arrival is recorded as
        theirs: from the first event on, every audit event names a worker. Refused once the
        caseload has any worker, whose owner is then chosen among them.
        """
        values = check_worker_details(
            {"name": name, "role": role, "email": email, "phone": phone, "team": team, "hours": hours}
        )
        with self._store.session() as s:
            if self._owner_id(s) is not None:
                raise ValidationError({"name": "This caseload already has its own worker."})
            row = Worker(**values, active=True)
            s.add(row)
            s.flush()
            WorkersService(self._store, self._bus, actor_id=row.id, today=self._today)._created(
                s, row, person_id=None
            )
            s.add(SettingValue(key=OWNER_KEY, value=str(row.id)))
            record = worker_record(row)
        self._publish("worker", record.id, "created")
        return record

    def edit_worker(self, *, worker_id: int, **fields: object) -> WorkerRecord:
        """Change the given fields; `active=False` makes a colleague inactive."""
        reject_unknown(fields, EDITABLE_FIELDS)
        with self._store.session() as s:
            row = self._get(s, Worker, worker_id, "worker")
            merged = {name: getattr(row, name) for name in EDITABLE_FIELDS} | fields
            values = check_worker_details(merged)
            if values["active"] is False and worker_id == self._owner_id(s):
                raise ValidationError(
                    {"active": "This caseload is yours, so you stay active. Change your details instead."}
                )
            self._changed(s, row, values, person_id=None)
            record = worker_record(row)
        self._publish("worker", worker_id, "updated")
        return record

    def set_active(self, *, worker_id: int, active: bool) -> WorkerRecord:
        return self.edit_worker(worker_id=worker_id, active=active)

    def get_worker(self, *, worker_id: int) -> WorkerRecord:
        with self._store.read_session() as s:
            return worker_record(self._get(s, Worker, worker_id, "worker"))

    def list_workers(self, *, active_only: bool = False) -> list[WorkerRecord]:
        """Everyone on file (or only those active), in the order they were added."""
        with self._store.read_session() as s:
            query = select(Worker).order_by(Worker.id)
            if active_only:
                query = query.where(Worker.active.is_(True))
            return [worker_record(w) for w in s.scalars(query)]

    def allocations(self) -> dict[int, int]:
        """How many open cases each worker holds, as worker or as Personal Adviser (once
        for someone who is both to one young person)."""
        with self._store.read_session() as s:
            counts: dict[int, int] = {}
            rows = s.execute(
                select(YoungPerson.worker_id, YoungPerson.pa_id).where(YoungPerson.closed_on.is_(None))
            )
            for worker_id, pa_id in rows:
                for held_by in {worker_id, pa_id}:
                    if held_by is not None:
                        counts[held_by] = counts.get(held_by, 0) + 1
            return counts

    def set_owner(self, *, worker_id: int) -> None:
        with self._store.session() as s:
            self._get(s, Worker, worker_id, "worker")
            row = s.get(SettingValue, OWNER_KEY)
            if row is None:
                s.add(SettingValue(key=OWNER_KEY, value=str(worker_id)))
            else:
                row.value = str(worker_id)
        self._publish("worker", worker_id, "updated")

    def owner_id(self) -> int | None:
        """The caseload's own worker; in a store made before the wizard existed, the first."""
        with self._store.read_session() as s:
            return self._owner_id(s)

    @staticmethod
    def _owner_id(s) -> int | None:
        row = s.get(SettingValue, OWNER_KEY)
        if row is not None and row.value.isdigit() and s.get(Worker, int(row.value)) is not None:
            return int(row.value)
        return s.scalar(select(Worker.id).order_by(Worker.id).limit(1))


# -- a new caseload with its owner -----------------------------------------------------------


@dataclass(frozen=True)
class OwnedCaseload:
    store: Store  # open; the caller closes it
    recovery_key: str  # to be shown once
    owner: WorkerRecord
    made_folders: tuple[Path, ...]  # folders created for it, deepest first


def create_owned_caseload(
    folder: Path,
    passphrase: str,
    *,
    name: str,
    role: WorkerRole | str,
    kdf: KdfParams | None,
    details: dict[str, str] | None = None,
) -> OwnedCaseload:
    """A new, unlocked store whose first record is its worker, made its owner (`add_owner`).

    The worker's details are checked before anything is written, and on any later failure the
    new store and the folders made for it are removed, so a refusal leaves nothing behind.
    `details`: the worker's phone, email, team and hours, as many as were given.
    """
    check_worker_details({"name": name, "role": role, **(details or {})})
    store, recovery_key, made = Store.create_in_new_folders(Path(folder), passphrase, kdf=kdf)
    try:
        owner = WorkersService(store).add_owner(name=name, role=role, **(details or {}))
    except BaseException:
        store.discard_new(made)
        raise
    return OwnedCaseload(store, recovery_key, owner, made)
