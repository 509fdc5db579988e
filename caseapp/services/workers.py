"""Workers: the people who use caseapp."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from caseapp.models import SettingValue, Worker
from caseapp.models.codes import WorkerRole
from caseapp.services.base import Service
from caseapp.services.validation import Checker, reject_unknown

# The worker this laptop's caseload belongs to: set by the set-up wizard, recorded on every
# audit event the app writes. Kept beside the settings, but not one the user edits.
OWNER_KEY = "store.owner_worker_id"


@dataclass(frozen=True)
class WorkerRecord:
    id: int
    name: str
    role: WorkerRole
    email: str | None = None
    phone: str | None = None


def worker_record(w: Worker) -> WorkerRecord:
    return WorkerRecord(w.id, w.name, w.role, w.email, w.phone)


class WorkersService(Service):
    def add_worker(
        self, *, name: str, role: WorkerRole | str, email: str | None = None, phone: str | None = None
    ) -> WorkerRecord:
        c = Checker()
        values = {
            "name": c.text("name", "Name", name, required=True, max_length=120),
            "role": c.code("role", "Role", WorkerRole, role, required=True),
            "email": c.text("email", "Email", email),
            "phone": c.text("phone", "Phone", phone, max_length=40),
        }
        c.done()
        with self._store.session() as s:
            row = Worker(**values)
            self._created(s, row, person_id=None)
            record = worker_record(row)
        self._publish("worker", record.id, "created")
        return record

    def edit_worker(self, *, worker_id: int, **fields: object) -> WorkerRecord:
        reject_unknown(fields, {"name", "role", "email", "phone"})
        with self._store.session() as s:
            row = self._get(s, Worker, worker_id, "worker")
            merged = {"name": row.name, "role": row.role, "email": row.email, "phone": row.phone} | fields
            c = Checker()
            values = {
                "name": c.text("name", "Name", merged["name"], required=True, max_length=120),
                "role": c.code("role", "Role", WorkerRole, merged["role"], required=True),
                "email": c.text("email", "Email", merged["email"]),
                "phone": c.text("phone", "Phone", merged["phone"], max_length=40),
            }
            c.done()
            self._changed(s, row, values, person_id=None)
            record = worker_record(row)
        self._publish("worker", worker_id, "updated")
        return record

    def get_worker(self, *, worker_id: int) -> WorkerRecord:
        with self._store.read_session() as s:
            return worker_record(self._get(s, Worker, worker_id, "worker"))

    def list_workers(self) -> list[WorkerRecord]:
        with self._store.read_session() as s:
            return [worker_record(w) for w in s.scalars(select(Worker).order_by(Worker.id))]

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
            row = s.get(SettingValue, OWNER_KEY)
            if row is not None and row.value.isdigit() and s.get(Worker, int(row.value)) is not None:
                return int(row.value)
            return s.scalar(select(Worker.id).order_by(Worker.id).limit(1))
