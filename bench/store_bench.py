"""What encryption costs: each store operation on a SQLCipher database and on a plain one.

Both databases are made by the same sqlcipher3 module (so the same SQLite), opened by
`caseapp.store.engine.connect` with the same pragmas, and hold the same schema and rows; the
code that reads and writes them is the app's own (engines from `make_engine`, ORM sessions).
The only difference is the key.
"""

from __future__ import annotations

import functools
import random
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session, sessionmaker

from bench.harness import comment, compare, measure, report_time
from caseapp.models import Base, YoungPerson
from caseapp.models.codes import RightToWork, Sex, SkillLevel
from caseapp.store import engine as sql
from caseapp.store.keyfile import KdfParams, calibrate, derive

INSERT_ROWS = 1_000
SCAN_SQL = "SELECT * FROM young_person ORDER BY family_name, given_name"
# Reads every page of the table and hands Python one number: decryption cost undiluted,
# as a LIKE search over notes would see it.
PAGES_SQL = "SELECT count(*) FROM young_person WHERE aspirations LIKE '%no such words%'"


@dataclass(frozen=True)
class Sizes:
    people: int  # rows in the table that is opened, read and scanned
    warm_reads: int  # point reads per timed run, on one open connection
    cold_reads: int  # point reads per timed run, each in its own session
    opens: int  # opens per timed run
    repeat: int  # timed runs per figure; the median is reported
    kdf_repeat: int


QUICK = Sizes(people=2_000, warm_reads=200, cold_reads=50, opens=20, repeat=7, kdf_repeat=3)
FULL = Sizes(people=10_000, warm_reads=1_000, cold_reads=200, opens=50, repeat=15, kdf_repeat=5)

GIVEN = ("Amina", "Tesfay", "Jordan", "Kayleigh", "Mohammed", "Chloe", "Dawit", "Ellie",
         "Reece", "Senait", "Tyler", "Yonas", "Shannon", "Ahmad", "Lily", "Kidane")
FAMILY = ("Abraha", "Begum", "Clarke", "Davies", "Evans", "Ghebremedhin", "Hussain", "Jones",
          "Kaur", "Mensah", "Okafor", "Smith", "Taylor", "Williams", "Yohannes", "Zaman")
SECTORS = ("construction", "hospitality", "retail", "care", "logistics", "digital", "hair")
WORDS = ("wants", "to", "work", "with", "people", "outdoors", "a", "trade", "steady", "hours",
         "near", "home", "and", "keep", "up", "college", "driving", "licence", "first")


def fake_people(count: int, seed: int) -> list[dict[str, Any]]:
    """Rows shaped like a real caseload's (a few hundred bytes each), the same for a seed."""
    rng = random.Random(seed)

    def text(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    return [
        {
            "given_name": rng.choice(GIVEN),
            "family_name": rng.choice(FAMILY),
            "date_of_birth": date(2000, 1, 1) + timedelta(days=rng.randrange(9 * 365)),
            "sex": rng.choice(list(Sex)),
            "child_ref": f"C{rng.randrange(10**8):08d}",
            "phone": f"07{rng.randrange(10**9):09d}",
            "email": f"person{i}@example.org",
            "address": f"{rng.randrange(1, 200)} {rng.choice(FAMILY)} Road, Leeds LS{rng.randrange(1, 30)}",
            "right_to_work": rng.choice(list(RightToWork)),
            "english_level": rng.choice(list(SkillLevel)),
            "sectors_of_interest": rng.sample(SECTORS, 2),
            "aspirations": text(30),
            "strengths": text(20),
        }
        for i in range(count)
    ]


class Database:
    """One side of the comparison: a file, its key (None: plain) and the app's engines."""

    def __init__(self, path: Path, data_key: bytes | None) -> None:
        self.path, self.data_key = path, data_key
        if data_key is None:
            _create_plain(path)
        else:
            sql.create_database(path, data_key)
        self.write_engine = sql.make_engine(path, data_key, writer=True)
        self.read_engine = sql.make_engine(path, data_key, writer=False)
        self.writer = sessionmaker(self.write_engine, expire_on_commit=False)
        self.reader = sessionmaker(self.read_engine, expire_on_commit=False)
        Base.metadata.create_all(self.write_engine)

    def insert(self, rows: list[dict[str, Any]]) -> None:
        with self.writer() as s, s.begin():
            s.add_all(YoungPerson(**row) for row in rows)

    def dispose(self) -> None:
        self.write_engine.dispose()
        self.read_engine.dispose()


def _create_plain(path: Path) -> None:
    """`create_database` without the key: same page size, WAL from the start."""
    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA page_size = {sql.PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE _caseapp_init (x INTEGER)")
        conn.execute("DROP TABLE _caseapp_init")
    finally:
        conn.close()


def pair(folder: Path, name: str) -> tuple[Database, Database]:
    return (
        Database(folder / f"{name}-encrypted.db", secrets.token_bytes(32)),
        Database(folder / f"{name}-plain.db", None),
    )


def library_versions() -> str:
    conn = sqlcipher.connect(":memory:")
    try:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        # The crypto provider only answers once a key is set.
        conn.execute("PRAGMA key = 'bench'")
        provider = conn.execute("PRAGMA cipher_provider_version").fetchone()[0]
    finally:
        conn.close()
    return f"SQLite {sqlcipher.sqlite_version}, SQLCipher {cipher} ({provider})"


# -- the operations, each the same code for both databases --------------------------------


def open_and_query(db: Database, times: int) -> None:
    """The open that follows unlocking: key, prove it on sqlite_master, pragmas, one query."""
    for _ in range(times):
        conn = sql.connect(db.path, db.data_key)
        try:
            conn.execute("SELECT max(id) FROM young_person").fetchone()
        finally:
            conn.close()


def reads_in_one_connection(conn: Connection, ids: list[int]) -> None:
    with Session(bind=conn) as s, s.begin():
        for person_id in ids:
            s.get(YoungPerson, person_id)


def reads_in_own_sessions(db: Database, ids: list[int]) -> None:
    """The app's pattern: every read is a session, and NullPool makes that a new connection."""
    for person_id in ids:
        with db.reader() as s, s.begin():
            s.get(YoungPerson, person_id)


def scan(db: Database) -> None:
    """The people list (PeopleService.list_young_people) without building records."""
    with db.reader() as s, s.begin():
        s.scalars(select(YoungPerson).order_by(YoungPerson.family_name, YoungPerson.given_name)).all()


def scan_sql(db: Database) -> None:
    """The same scan through the DB-API, so SQLite's share is not hidden by the ORM's."""
    conn = sql.connect(db.path, db.data_key)
    try:
        conn.execute(SCAN_SQL).fetchall()
    finally:
        conn.close()


def scan_pages(conn: sqlcipher.Connection) -> None:
    conn.execute(PAGES_SQL).fetchone()


def scan_pages_fresh(db: Database) -> None:
    conn = sql.connect(db.path, db.data_key)
    try:
        scan_pages(conn)
    finally:
        conn.close()


# -- the suite ----------------------------------------------------------------------------


def run_kdf(sizes: Sizes, quick: bool) -> None:
    salt = secrets.token_bytes(16)
    params = calibrate()
    comment(
        f"Argon2id calibrated on this machine: t={params.time_cost}, "
        f"m={params.memory_cost} KiB, p={params.parallelism}"
    )
    profiles = [("kdf.calibrated", params)]
    if not quick:
        profiles.append(("kdf.rfc9106_low_memory", KdfParams.rfc9106_low_memory()))
    for name, profile in profiles:
        seconds = measure(functools.partial(derive, "correct horse battery", salt, profile), sizes.kdf_repeat)
        report_time(name, seconds, "ms")


def both(name: str, fn: Callable[[Any], object], sides: tuple[Any, Any], sizes: Sizes,
         **options: Any) -> None:
    """`fn` timed on the encrypted side and on the plain side, in turn: three lines."""
    enc, plain = sides
    compare(name, lambda: fn(enc), lambda: fn(plain), repeat=sizes.repeat, **options)


def run_store(folder: Path, sizes: Sizes, quick: bool) -> None:
    people = pair(folder, "people")
    rows = fake_people(sizes.people, seed=1)
    for db in people:
        for start in range(0, len(rows), INSERT_ROWS):
            db.insert(rows[start : start + INSERT_ROWS])
    rng = random.Random(2)

    both("open", lambda db: open_and_query(db, sizes.opens), people, sizes, per=sizes.opens)

    ids = rng.sample(range(1, sizes.people + 1), sizes.warm_reads)
    with people[0].read_engine.connect() as enc, people[1].read_engine.connect() as plain:
        both("read.warm", lambda conn: reads_in_one_connection(conn, ids), (enc, plain), sizes,
             unit="us", per=len(ids))

    ids = rng.sample(range(1, sizes.people + 1), sizes.cold_reads)
    both("read.session", lambda db: reads_in_own_sessions(db, ids), people, sizes,
         unit="us", per=len(ids))

    both("scan", scan, people, sizes)
    if not quick:
        both("scan.sql", scan_sql, people, sizes)
        both("scan.pages", scan_pages_fresh, people, sizes)
        # The page cache as the lever: on a connection kept open, pages are decrypted once.
        conns = tuple(sql.connect(db.path, db.data_key) for db in people)
        try:
            both("scan.pages.warm", scan_pages, conns, sizes)
        finally:
            for conn in conns:
                conn.close()

    into = pair(folder, "insert")
    batch = fake_people(INSERT_ROWS, seed=3)
    both("insert", lambda db: db.insert(batch), into, sizes)

    for db in (*people, *into):
        db.dispose()


def run(*, quick: bool, folder: Path | None = None) -> None:
    sizes = QUICK if quick else FULL
    comment(
        f"{library_versions()}; page cache {sql.CACHE_KIB} KiB per connection, "
        f"page size {sql.PAGE_SIZE} B"
    )
    comment(
        f"{'quick' if quick else 'full'} run: {sizes.people:,} people; "
        f"median of {sizes.repeat} runs ({sizes.kdf_repeat} for key derivation); "
        "encrypted and plain runs take turns"
    )
    run_kdf(sizes, quick)
    with tempfile.TemporaryDirectory(prefix="caseapp-bench-", dir=folder) as tmp:
        run_store(Path(tmp), sizes, quick)
