"""The one Alembic chain builds the team server's schema on a real PostgreSQL, the same as the
local store's, step by step and all at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from caseapp.models import Base
from caseapp.store import migrate
from tests.pg_server import Cluster, pg_cluster, pg_database  # noqa: F401 - fixtures


@pytest.fixture
def engine(pg_cluster: Cluster, pg_database: str) -> Iterator[sa.Engine]:  # noqa: F811
    made = sa.create_engine(pg_cluster.url(pg_database))
    yield made
    made.dispose()


def differences(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_the_chain_builds_the_models_schema_on_postgresql(engine: sa.Engine) -> None:
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert differences(engine) == []
    assert engine.dialect.name == "postgresql"


def test_each_step_runs_on_postgresql(engine: sa.Engine) -> None:
    """As a server upgraded release by release would run them, one revision at a time."""
    revisions = [r.revision for r in reversed(list(migrate.script_directory().walk_revisions()))]
    for revision in revisions:
        migrate.upgrade(engine, revision)
        assert migrate.current_revision(engine) == revision
    assert differences(engine) == []


def test_a_failed_step_leaves_the_server_as_it_was(engine: sa.Engine) -> None:
    """PostgreSQL alters inside the transaction: a step that fails midway rolls back whole,
    the tables it had already made with it."""
    first, second = [r.revision for r in reversed(list(migrate.script_directory().walk_revisions()))][:2]
    migrate.upgrade(engine, first)
    with engine.begin() as conn:
        # In the way of the second step's last table: it fails after making the others.
        conn.exec_driver_sql("CREATE TABLE caseload_summary (in_the_way integer)")
    with pytest.raises(sa.exc.ProgrammingError):
        migrate.upgrade(engine, second)
    assert migrate.current_revision(engine) == first
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
    assert "employer" not in tables and "check_in" not in tables
    assert "young_person" in tables  # the first step's, untouched
