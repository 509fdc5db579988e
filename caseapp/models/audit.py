"""The audit trail: an append-only, hash-chained record of every write."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base, code
from caseapp.models.codes import AuditAction


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_person", "person_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"))
    account: Mapped[str | None] = mapped_column(String(63))  # team server: set by the server, never the client
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(Integer)  # no FK: history outlives deletion
    action: Mapped[AuditAction] = mapped_column(code(AuditAction))
    # {"field": [before, after], ...} as JSON-safe values.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SearchToken(Base):
    """Name search index: folded name tokens and their one-deletion variants, per person.

    Kept in the same transaction as the write that changes a name.
    """

    __tablename__ = "search_token"
    __table_args__ = (Index("ix_search_token_token", "token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(120))
    # 0: the whole folded token; 1: the token with one character deleted (typo tolerance);
    # 2: the child reference, 3: the phone number, each in the form search compares.
    kind: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(120))  # the whole token a variant came from
