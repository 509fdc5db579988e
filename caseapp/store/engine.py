"""Connections to the SQLCipher database, and the SQLAlchemy engine over them.

Everything that says "PRAGMA" lives here. Each connection is keyed first, proves the key by
reading `sqlite_master`, and fails closed when the library cannot encrypt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from caseapp.store.errors import DamagedData, DamagedStore, NoSqlCipher, PlaintextDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096
# SQLCipher decrypts every page it reads; a bigger page cache means fewer decryptions.
# Negative means KiB: 64 MiB per connection.
CACHE_KIB = 64 * 1024


# What SQLite says of a page that will not decrypt or parse. SQLCipher's own export reports
# it as a plain error (SQLITE_ERROR) carrying the same words, so both are looked at.
_DAMAGE_CODES = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})
_DAMAGE_WORDS = ("database disk image is malformed", "file is not a database")


def is_damage(exc: BaseException) -> bool:
    """Whether a library error means the file is damaged (not busy, not a constraint)."""
    if not isinstance(exc, sqlcipher.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorname", "")
    return code in _DAMAGE_CODES or any(words in str(exc) for words in _DAMAGE_WORDS)


@contextmanager
def damage_named() -> Iterator[None]:
    """Around raw connection work: damage becomes the damaged-caseload sentence."""
    try:
        yield
    except sqlcipher.DatabaseError as exc:
        if is_damage(exc):
            raise DamagedData() from None
        raise


def check_file_is_encrypted(path: Path) -> None:
    """Refuse a plain SQLite file, or a file too short or oddly sized to be ours."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        raise DamagedStore("The caseload database cannot be read.") from None
    if head == SQLITE_HEADER:
        raise PlaintextDatabase()
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise DamagedStore()


def _key_pragma(data_key: bytes) -> str:
    # A raw key (x'...') skips SQLCipher's own PBKDF2: the data key is already random.
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def _key(conn: sqlcipher.Connection, data_key: bytes) -> None:
    """Key a new connection, failing closed on a library that cannot encrypt."""
    conn.execute(_key_pragma(data_key))
    if not conn.execute("PRAGMA cipher_version").fetchone():
        raise NoSqlCipher()
    conn.execute("PRAGMA cipher_log_level = NONE")


def _prove(conn: sqlcipher.Connection) -> None:
    """The first read decrypts page 1: a wrong key or a damaged header fails here."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        raise DamagedStore() from None


def connect(path: Path, data_key: bytes | None, *, uri: bool = False) -> sqlcipher.Connection:
    """A keyed connection with the store's pragmas set, or an error that says why not.

    `data_key=None` opens the same library without encryption; only the benchmarks use it,
    to measure what encryption costs.
    """
    conn = sqlcipher.connect(
        str(path), timeout=10.0, check_same_thread=False, isolation_level=None, uri=uri
    )
    try:
        if data_key is not None:
            _key(conn, data_key)
        _prove(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA busy_timeout = 10000")
    except BaseException:
        conn.close()
        raise
    return conn


def prove_key_read_only(path: Path, data_key: bytes) -> None:
    """Prove `data_key` opens the database at `path` without writing a byte to it.

    For backups: `connect` would switch the file to WAL, so it would no longer match the
    hashes in its manifest. (A plain path, not a "?mode=ro" URI: SQLite refuses URIs for
    Windows network shares.)
    """
    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        _key(conn, data_key)
        conn.execute("PRAGMA query_only = ON")
        _prove(conn)
    finally:
        conn.close()


def opens_with(path: Path, data_key: bytes) -> bool:
    """Whether `data_key` opens the database at `path`; nothing is written to it."""
    try:
        prove_key_read_only(path, data_key)
    except (DamagedStore, sqlcipher.DatabaseError):
        return False
    return True


def export_copy(source: Path, source_key: bytes, target: Path, target_key: bytes) -> None:
    """A copy of the database at `source` in the new file `target`, under `target_key`.

    The source is attached and only read, so a backup still matches its manifest; the
    target is owner-only from its first byte, and synced when this returns. A source whose
    pages do not decrypt is DamagedStore, and no target is left.
    """
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        conn = sqlcipher.connect(str(target), isolation_level=None)
        try:
            _key(conn, target_key)
            conn.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
            conn.execute("ATTACH DATABASE ? AS source KEY ?", (str(source), f"x'{source_key.hex()}'"))
            try:
                conn.execute("SELECT sqlcipher_export('main', 'source')").fetchall()
            except sqlcipher.DatabaseError:
                raise DamagedStore() from None
            conn.execute("DETACH DATABASE source")
        finally:
            conn.close()
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        for leftover in (target, target.with_name(target.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise


def create_database(path: Path, data_key: bytes) -> None:
    """A new, empty encrypted database with our page size, in WAL mode."""
    # Owner-only from the first byte: the folder may be shared with other accounts.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        _key(conn, data_key)
        conn.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE _caseapp_init (x INTEGER)")
        conn.execute("DROP TABLE _caseapp_init")
    finally:
        conn.close()


def make_engine(path: Path, data_key: bytes | None, *, writer: bool) -> Engine:
    """NullPool: a connection lives only as long as its session, so locking leaves none.

    The sqlite3 module's implicit transactions are off (isolation_level=None in `connect`);
    SQLAlchemy emits BEGIN itself. A writer's BEGIN IMMEDIATE takes the write lock up
    front, so two writers queue instead of failing on a read-to-write upgrade.
    """
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, data_key),
        poolclass=NullPool,
        hide_parameters=True,
        module=sqlcipher,
    )
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"
    if not writer:
        @event.listens_for(engine, "connect")
        def _read_only(dbapi_connection, _record):
            # A read session refuses a write, as the team server's does: a flush slipped
            # into one would otherwise commit unaudited and outside the writers' queue.
            dbapi_connection.execute("PRAGMA query_only = ON")

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql(begin)

    @event.listens_for(engine, "handle_error")
    def _damage(context):
        # Every query of every service: a damaged page is named as damage, in a sentence,
        # instead of a library error that names a statement and nothing a worker can do.
        if is_damage(context.original_exception):
            return DamagedData()
        return None

    return engine


def checkpoint(path: Path, data_key: bytes) -> None:
    """Fold the WAL back into the database and truncate it (on lock and close)."""
    with damage_named():
        conn = connect(path, data_key)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()


def integrity_problems(path: Path, data_key: bytes) -> list[str]:
    """What SQLite's and SQLCipher's own integrity checks report; empty means both pass."""
    conn = connect(path, data_key)
    problems: list[str] = []
    try:
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                problems.append("The database structure check failed.")
        except sqlcipher.DatabaseError:
            # SQLite abandons its own check when a page will not decrypt: damage found.
            problems.append("Some pages of the database cannot be read. Restore the latest backup.")
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            problems.append("The encryption check found altered or damaged pages.")
        return problems
    finally:
        conn.close()
