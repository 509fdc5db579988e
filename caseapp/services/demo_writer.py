"""Writing a demo caseload's rows in bulk: ids handed out here, and each row's hash-chained audit event.

One service call per record would take many minutes for 10,000 people; see demo.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert

from caseapp import models as m
from caseapp.models.codes import (
    AuditAction,
)
from caseapp.services import audit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Ids:
    """Hands out primary keys per table, so children can point at parents before insert."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def __call__(self, table: str) -> int:
        self._next[table] = self._next.get(table, 0) + 1
        return self._next[table]

    def count(self, table: str) -> int:
        """How many ids this table has been given so far."""
        return self._next.get(table, 0)


class Writer:
    """Buffers rows per model and the audit event for each, flushing in bulk."""

    def __init__(self, ids: Ids, worker_id: int, prev_hash: str, now: datetime) -> None:
        self.ids = ids
        self.worker_id = worker_id
        self.prev_hash = prev_hash
        self.now = now
        self.rows: dict[type[m.Base], list[dict[str, Any]]] = {}
        self.events: list[dict[str, Any]] = []
        self.tokens: list[dict[str, Any]] = []

    def add(self, model: type[m.Base], owner: int | None, **values: Any) -> int:
        """Buffer a row; `owner` is the young person the audit event belongs to."""
        table = model.__tablename__
        row_id = self.ids(table)
        values["id"] = row_id
        self.rows.setdefault(model, []).append(values)
        fields = {"at": self.now, "worker_id": self.worker_id, "entity": table, "entity_id": row_id,
                  "person_id": owner if owner is not None else (row_id if model is m.YoungPerson else None),
                  "action": AuditAction.CREATED, "changes": {}}
        digest = audit.digest(self.prev_hash, **fields)
        self.events.append({**fields, "action": AuditAction.CREATED, "prev_hash": self.prev_hash, "hash": digest})
        self.prev_hash = digest
        return row_id

    def flush(self, session: Session) -> None:
        for model in ORDER:
            rows = self.rows.get(model)
            if rows:
                session.execute(insert(model), rows)
        if self.tokens:
            session.execute(insert(m.SearchToken), self.tokens)
        if self.events:
            session.execute(insert(m.AuditEvent), self.events)
        self.rows, self.events, self.tokens = {}, [], []


ORDER = (m.Worker, m.Employer, m.Opportunity, m.EmployerCommitment, m.YoungPerson, m.EetStatusPeriod,
         m.AccommodationPeriod, m.PathwayStep, m.SustainmentCheck, m.CheckIn, m.SupportNeed, m.Consent,
         m.VettingCheck, m.HandOff, m.HandOffItem)
