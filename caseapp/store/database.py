"""The one seam between the services and the engine underneath them.

Services, reports and the screens above them are given a `Database` and ask it for nothing
else: a write session, a read session, whether it is open, and to lock. Two things satisfy
it: `Store`, the local SQLCipher caseload, and `TeamServer`, a team's PostgreSQL. Which one
is never asked above `caseapp/store/`; a statement that must differ by engine asks the
session it runs in (`engine_name`), beside its portable twin.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@runtime_checkable
class Database(Protocol):
    @property
    def is_unlocked(self) -> bool:
        """Whether sessions can be opened now (the key is held, or the server signed in to)."""
        ...

    def session(self) -> AbstractContextManager[Session]:
        """One write transaction: committed when the block ends, rolled back on any error.
        Writers queue for one another, so the audit chain stays one line."""
        ...

    def read_session(self) -> AbstractContextManager[Session]:
        """One read-only transaction over a single snapshot; it never waits for a writer."""
        ...

    def lock(self) -> None:
        """Forget what opens the database and drop every connection (unattended laptop)."""
        ...


def engine_name(session: Session) -> str:
    """'sqlite' or 'postgresql': for the rare statement measured to need its engine's own
    form, kept beside the portable one."""
    return session.get_bind().dialect.name
