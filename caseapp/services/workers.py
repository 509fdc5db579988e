"""Workers: the people who use caseapp."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from caseapp.models import Worker, WorkerRole
from caseapp.services.errors import ValidationError
from caseapp.services.events import Change, ChangeBus
from caseapp.services.validation import clean_text, text_problem
from caseapp.store import Store


@dataclass(frozen=True)
class WorkerRecord:
    id: int
    name: str
    role: WorkerRole


class WorkersService:
    def __init__(self, store: Store, bus: ChangeBus | None = None) -> None:
        self._store = store
        self._bus = bus or ChangeBus()

    def add_worker(self, *, name: str, role: WorkerRole | str) -> WorkerRecord:
        cleaned = clean_text(name)
        problems = {}
        if problem := text_problem("Name", cleaned, required=True, max_length=120):
            problems["name"] = problem
        try:
            role = WorkerRole(role)
        except ValueError:
            problems["role"] = "Role must be employability worker, Personal Adviser or team lead."
        if problems:
            raise ValidationError(problems)
        with self._store.session() as s:
            row = Worker(name=cleaned, role=role)
            s.add(row)
            s.flush()
            record = WorkerRecord(row.id, row.name, row.role)
        self._bus.publish(Change("worker", record.id, "created"))
        return record

    def list_workers(self) -> list[WorkerRecord]:
        with self._store.read_session() as s:
            return [WorkerRecord(w.id, w.name, w.role) for w in s.scalars(select(Worker).order_by(Worker.id))]
