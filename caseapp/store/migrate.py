"""Alembic, run from inside the app: the scripts ship in the package, never from a CLI."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", "caseapp.store:migrations")
    return config


# The scripts ship inside the package and cannot change while it runs; reading them again on
# every unlock cost 20-30 ms.
@functools.cache
def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


@functools.cache
def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_known(revision: str | None) -> bool:
    """False for a revision this version of caseapp does not ship (a newer caseapp's)."""
    if revision is None:
        return True
    try:
        return script_directory().get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection with foreign keys off, checked before the transaction commits.

    Batch mode rebuilds a table by copy, drop and rename; with foreign keys on, dropping
    the old table would cascade-delete every child row (check-ins, steps, ...).
    The pragma only takes effect outside a transaction, so it is set on the raw
    connection before SQLAlchemy begins one.
    """
    with engine.connect() as conn:
        conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]  # connected here
        with conn.begin():
            yield conn
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError("A migration left rows pointing at nothing; it was rolled back.")


def upgrade(engine: Engine, target: str = "head") -> None:
    """The one migration chain, on either engine. PostgreSQL alters tables in place and
    checks foreign keys as it goes, all in one transaction; SQLite needs the copy-and-rename
    dance of `migration_connection`."""
    config = _config()
    if engine.dialect.name == "sqlite":
        with migration_connection(engine) as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)
        return
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
