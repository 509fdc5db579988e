"""The audit trail: every write appends an event in the same transaction, hash-chained.

Each event's hash covers its own content and the previous event's hash, so editing or
deleting any event breaks the chain from there on; `first_broken_event` names the first break.

On a secured team server (caseapp/store/team_security.py) the server seals each event in a
trigger: it records the signed-in account and computes the link and hash itself, one append
at a time, so the values computed here are replaced and the chain is checked there too.
"""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from caseapp.models import AuditEvent, Employer, Worker
from caseapp.models.codes import AuditAction

if TYPE_CHECKING:
    from caseapp.services.history_words import Change

GENESIS = "0" * 64
# Bookkeeping columns that say nothing a person changed.
IGNORED_FIELDS = frozenset({"id", "created_at", "updated_at", "version"})


def plain(value: Any) -> Any:
    """A JSON-safe form of a column value (dates as ISO text, codes as their value)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def snapshot(row: Any) -> dict[str, Any]:
    """Every column of an ORM row, JSON-safe."""
    return {
        attr.key: plain(getattr(row, attr.key))
        for attr in inspect(row).mapper.column_attrs
        if attr.key not in IGNORED_FIELDS
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def digest(
    prev_hash: str,
    *,
    at: datetime,
    worker_id: int | None,
    entity: str,
    entity_id: int,
    person_id: int | None,
    action: AuditAction | str,
    changes: dict[str, Any],
) -> str:
    """The event's hash: its canonical content chained to the previous event's hash."""
    body = {
        "at": at.replace(tzinfo=None).isoformat(),
        "worker_id": worker_id,
        "entity": entity,
        "entity_id": entity_id,
        "person_id": person_id,
        "action": plain(action),
        "changes": changes,
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _digest(prev_hash: str, event: AuditEvent) -> str:
    return digest(
        prev_hash,
        at=event.at,
        worker_id=event.worker_id,
        entity=event.entity,
        entity_id=event.entity_id,
        person_id=event.person_id,
        action=event.action,
        changes=event.changes,
    )


def last_hash(session: Session) -> str:
    return session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or GENESIS


def append(
    session: Session,
    *,
    worker_id: int | None,
    entity: str,
    entity_id: int,
    person_id: int | None,
    action: AuditAction,
    changes: dict[str, Any],
    at: datetime | None = None,
) -> AuditEvent:
    """Add one event to the chain. The caller's transaction must hold the write lock."""
    event = AuditEvent(
        at=(at or datetime.now(UTC)).replace(microsecond=0),
        worker_id=worker_id,
        entity=entity,
        entity_id=entity_id,
        person_id=person_id,
        action=action,
        changes=changes,
        prev_hash=last_hash(session),
    )
    event.hash = _digest(event.prev_hash, event)
    session.add(event)
    return event


def _sealed_by_server(session: Session) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return False
    return bool(session.scalar(text("SELECT to_regproc('caseapp_first_broken_event') IS NOT NULL")))


def first_broken_event(session: Session) -> int | None:
    """The id of the first event whose hash or link does not hold, or None if all do."""
    if _sealed_by_server(session):
        # The server's own check: the hashes are its, and the events a role may not read
        # (a PA's view is their own young people) are checked all the same.
        broken = session.scalar(text("SELECT caseapp_first_broken_event()"))
        return None if broken is None else int(broken)
    prev = GENESIS
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(2000):
        if event.prev_hash != prev or _digest(prev, event) != event.hash:
            return event.id
        prev = event.hash
    return None


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    text: str
    changes: dict[str, list[Any]]  # as stored: columns and stored values
    details: tuple[Change, ...] = ()  # as the screens show them


def history(session: Session, person_id: int) -> list[HistoryLine]:
    """The person's audit events in the screens' words, newest first."""
    from caseapp.services.history_words import Words

    names = dict(session.execute(select(Worker.id, Worker.name)).all())
    words = Words(workers=names, employers=dict(session.execute(select(Employer.id, Employer.name)).all()))
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.person_id == person_id).order_by(AuditEvent.id.desc())
    )
    return [
        HistoryLine(
            at=event.at,
            who=names.get(event.worker_id, "caseapp") if event.worker_id else "caseapp",
            text=words.line(event.entity, AuditAction(event.action), event.changes or {}),
            changes=dict(event.changes),
            details=words.changes(event.entity, event.changes or {}),
        )
        for event in events
    ]
