"""What every service shares: its database (the local store or the team server), change bus,
acting worker, and audited writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from caseapp.models.codes import AuditAction
from caseapp.services import audit
from caseapp.services.errors import NotFound, ValidationError
from caseapp.services.events import Change, ChangeBus
from caseapp.store import Database

T = TypeVar("T")
# Pass as person_id when the new row *is* the young person: their id exists only after flush.
SELF: Any = object()


class ChangedMeanwhile(ValidationError):
    """A save based on an older version of a record than the one stored: refused, with who
    changed it and when, and with what the person typed (`attempted`) to give back intact."""

    def __init__(self, *, attempted: dict[str, Any], who: str | None, when: datetime | None) -> None:
        from caseapp import dates

        self.attempted = dict(attempted)
        self.changed_by = who
        self.changed_at = when
        by = f" by {who}" if who else ""
        at = f" at {dates.moment(when.astimezone())}" if when is not None else ""
        super().__init__({
            "version": f"This record was changed{by}{at} after you opened it, so your changes were not saved. "
            "They are still here: look at the record as it is now, then save them again if they are still right."
        })


def last_change(session: Session, row: Any) -> tuple[str | None, datetime | None]:
    """Who last changed `row`, and when, from the audit trail."""
    from sqlalchemy import select

    from caseapp.models import AuditEvent, Worker

    found = session.execute(
        select(Worker.name, AuditEvent.at)
        .select_from(AuditEvent)
        .outerjoin(Worker, Worker.id == AuditEvent.worker_id)
        .where(AuditEvent.entity == row.__tablename__, AuditEvent.entity_id == row.id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    return (found[0], found[1]) if found is not None else (None, None)


class Service:
    def __init__(
        self,
        store: Database,
        bus: ChangeBus | None = None,
        *,
        actor_id: int | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._store = store
        self._bus = bus or ChangeBus()
        self.actor_id = actor_id  # the worker using the app, recorded on every audit event
        self._today = today

    def today(self) -> date:
        return self._today()

    def _get(self, session: Session, model: type[T], row_id: int, what: str) -> T:
        row = session.get(model, row_id)
        if row is None:
            raise NotFound(what)
        return row

    def _audit(
        self, session: Session, row: Any, person_id: int | None, action: AuditAction, changes: dict
    ) -> None:
        audit.append(
            session,
            worker_id=self.actor_id,
            entity=row.__tablename__,
            entity_id=row.id,
            person_id=person_id,
            action=action,
            changes=changes,
        )

    def _created(self, session: Session, row: Any, *, person_id: int | None) -> None:
        """Flush a new row and audit it with every field as 'after'."""
        session.add(row)
        session.flush()
        if person_id is SELF:
            person_id = row.id
        filled = {k: v for k, v in audit.snapshot(row).items() if v not in (None, [], False)}
        self._audit(session, row, person_id, AuditAction.CREATED, {k: [None, v] for k, v in filled.items()})

    def _unchanged_since(self, session: Session, row: Any, based_on: int | None, *, attempted: dict[str, Any]) -> None:
        """ChangedMeanwhile, carrying `attempted`, if `row` is no longer at version `based_on`."""
        if based_on is None or getattr(row, "version", based_on) == based_on:
            return
        who, when = last_change(session, row)
        raise ChangedMeanwhile(attempted=attempted, who=who, when=when)

    def _changed(
        self,
        session: Session,
        row: Any,
        values: dict[str, Any],
        *,
        person_id: int | None,
        action: AuditAction = AuditAction.UPDATED,
        reason: str | None = None,
        based_on: int | None = None,
    ) -> bool:
        """Apply `values` and audit the field-level before and after; False if nothing changed.

        `reason`, why the change was made, is kept in the same event beside the fields.
        `based_on`, the record's version the person started from: if it has changed since,
        ChangedMeanwhile is raised (and the session rolls back) instead of overwriting.
        """
        from sqlalchemy.orm.exc import StaleDataError

        self._unchanged_since(session, row, based_on, attempted=values)
        before = audit.snapshot(row)
        for key, value in values.items():
            setattr(row, key, value)
        try:
            session.flush()
        except StaleDataError:
            # Changed by another session between this one's read and its write.
            raise ChangedMeanwhile(attempted=values, who=None, when=None) from None
        changes = audit.diff(before, audit.snapshot(row))
        if not changes:
            return False
        if reason:
            changes["reason"] = [None, reason]
        self._audit(session, row, person_id, action, changes)
        return True

    def _deleted(self, session: Session, row: Any, *, person_id: int | None) -> None:
        filled = {k: v for k, v in audit.snapshot(row).items() if v not in (None, [], False)}
        self._audit(session, row, person_id, AuditAction.DELETED, {k: [v, None] for k, v in filled.items()})
        session.delete(row)

    def _publish(self, entity: str, entity_id: int, kind: str) -> None:
        self._bus.publish(Change(entity, entity_id, kind))
