"""A team's caseload on PostgreSQL, behind the same seam as the local store (`Database`).

    server = TeamServer("postgresql+psycopg://jo@caseapp.council.example/caseapp")
    server.unlock(password)      # signs in; the password is held only while unlocked
    services = open_services(server)
    server.lock()                # password forgotten, every connection dropped

Sessions mean what the local store's mean. A write session is one transaction that commits
when its block ends and rolls back on any error, and writers queue for one another as
`BEGIN IMMEDIATE` makes them queue locally: the services read, check, then write, and the
audit chain appends to the last event it read. A read session is one read-only snapshot
(REPEATABLE READ), so a page made of several queries agrees with itself, and it never waits
for a writer.

What the server says when it refuses is not passed on: its messages can quote the values of
a row. Each refusal becomes one sentence, with only the SQLSTATE kept beside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from caseapp.store.errors import NewerStore, StoreError, StoreLocked

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine
    from sqlalchemy.orm import Session, sessionmaker

# Every write transaction takes this one transaction-scoped lock first (pg_advisory_xact_lock
# is released by COMMIT or ROLLBACK, never left behind by a client that goes away).
WRITER_LOCK = 0x6361736561707021
CONNECT_TIMEOUT = 10  # seconds, libpq's own
STATEMENT_TIMEOUT = 30.0  # seconds; a query that runs longer is cancelled by the server
# Waiting behind another writer longer than this is refused with a sentence rather than
# leaving the screen frozen until the statement timeout.
LOCK_TIMEOUT = 15.0
# A client that dies mid-transaction must not hold the writers' lock for long.
IDLE_IN_TRANSACTION_TIMEOUT = 60.0


class TeamServerError(StoreError):
    """A refusal by the team server, or no answer from it, in one sentence.

    `code` is the SQLSTATE when the server gave one: a class of failure, never data."""

    message = "The team server could not do this. Try again, or ask IT for help."

    def __init__(self, message: str | None = None, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class OutOfDateServer(TeamServerError):
    message = (
        "The team server's caseload is older than this version of caseapp. "
        "Ask its administrator to upgrade it, then sign in again."
    )


class NewerServer(NewerStore):
    message = (
        "The team server's caseload was made by a newer version of caseapp. "
        "Install that version to use it."
    )


class NotATeamServer(TeamServerError):
    message = (
        "That database is not a caseapp team server. Check the database name in the address, or ask "
        "the administrator to set it up (caseapp server init)."
    )


_BY_CODE = {
    "25006": "That was only a look at the caseload, so it cannot change anything.",
    "42501": "The team server does not allow you to do this.",
    "57014": "The team server took too long to answer, so this was not done. Try again.",
    "55P03": "Someone else is saving on the team server. Try again in a moment.",
    "40001": "Someone else changed this at the same moment, so this was not done. Try again.",
    "40P01": "Someone else changed this at the same moment, so this was not done. Try again.",
}
_BY_CLASS = {
    "08": "caseapp cannot reach the team server. Check the network connection, then try again.",
    "28": "The team server did not accept that sign-in. Check your name and password.",
    "23": "The team server refused this change because it breaks one of the caseload's rules.",
    "53": "The team server is short of resources. Try again later, or ask IT for help.",
    "57": "The team server stopped this. Try again in a moment.",
}
_NO_ANSWER = "caseapp cannot reach the team server. Check the network connection, then try again."
WRONG_SIGN_IN = "The team server did not accept that account name and password. Check them, then try again."
DISABLED = "This account is switched off on the team server. Ask the team server's administrator about it."
NO_ROLE = (
    "This account has no caseapp role on the team server, so it cannot open the caseload. "
    "Ask the team server's administrator to give it one."
)
NO_DATABASE = "The team server has no database of that name. Check the database name in the address."

# A failure to connect comes from libpq with no SQLSTATE, only its words (and the server's, in
# the server's language: English on the servers councils run). Each is recognised by a phrase
# and replaced by its own sentence; the words themselves, which name hosts, files and accounts,
# are never passed on.
_CONNECT_FAILURES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("does not match host name",),
     "The team server's certificate is for a different server name, so caseapp sent it nothing. "
     "Check the server's name in the address, or ask IT.", "TLS-HOST"),
    (("certificate verify failed",),
     "The team server's certificate is not signed by the council's CA certificate, so caseapp sent it "
     "nothing. Check the CA certificate file in the connection settings, or ask IT.", "TLS-CA"),
    (("root certificate file", "could not read root certificate", "could not load root certificate"),
     "The CA certificate file in the connection settings cannot be read. Check the file, or ask IT for it.",
     "TLS-CA-FILE"),
    (("server does not support ssl",),
     "The team server does not offer TLS, so caseapp did not connect to it. Ask IT to turn TLS on.", "TLS-OFF"),
    (("password authentication failed",), WRONG_SIGN_IN, "28P01"),
    (("is not permitted to log in",), DISABLED, "28000"),
    (("no password supplied",), "The team server asks for a password. Type it when signing in.", "28P01"),
    (("no pg_hba.conf entry", "pg_hba.conf rejects"),
     "The team server does not accept sign-ins from this computer in this way. Ask IT to check its access "
     "rules.", "28000"),
    (("timeout expired",), "The team server did not answer in time. Check the network connection, then try again.",
     "08001"),
)


def _connect_failure(original: BaseException) -> TeamServerError:
    words = str(original).casefold()
    for phrases, sentence, code in _CONNECT_FAILURES:
        if any(p in words for p in phrases):
            return TeamServerError(sentence, code=code)
    if "does not exist" in words:
        # After the certificate phrases, which say it of a missing CA file too.
        if 'role "' in words:
            return TeamServerError(WRONG_SIGN_IN, code="28000")
        if 'database "' in words:
            return TeamServerError(NO_DATABASE, code="3D000")
    return TeamServerError(_NO_ANSWER)


def refusal(exc: BaseException) -> TeamServerError:
    """The sentence for a database error; nothing of the server's own message is kept."""
    original = getattr(exc, "orig", exc)
    code = getattr(original, "sqlstate", None)
    if code is None:
        # No SQLSTATE: the connection failed or broke before the server answered.
        return _connect_failure(original)
    sentence = _BY_CODE.get(code) or _BY_CLASS.get(code[:2]) or TeamServerError.message
    return TeamServerError(sentence, code=code)


def schema_problem(revision: str | None) -> StoreError | None:
    """Why a server at `revision` is not one this caseapp runs on; None if it is."""
    import re

    from caseapp.store import migrate

    if revision is None:
        return NotATeamServer()
    if not migrate.is_known(revision):
        # caseapp's revisions are four digits in order; anything else is another program's.
        if re.fullmatch(r"\d{4}", revision) and revision > migrate.head_revision():
            return NewerServer()
        return NotATeamServer()
    if revision != migrate.head_revision():
        return OutOfDateServer()
    return None


def _seconds_to_ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


class TeamServer:
    def __init__(
        self,
        url: str | URL,
        *,
        connect_timeout: int = CONNECT_TIMEOUT,
        statement_timeout: float = STATEMENT_TIMEOUT,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        from caseapp.store.connection_profile import UnsafeAddress, check_address

        try:
            # Refused here, before any connection: a password in the address, or a remote
            # server without a checked TLS certificate.
            self.url = check_address(url)
        except UnsafeAddress as exc:
            raise TeamServerError(str(exc)) from None
        self._connect_timeout = connect_timeout
        self._statement_timeout = statement_timeout
        self._lock_timeout = lock_timeout
        self._password: str | None = None
        self._writer: Engine | None = None
        self._reader: Engine | None = None
        self._write_sessions: sessionmaker[Session] | None = None
        self._read_sessions: sessionmaker[Session] | None = None

    def __repr__(self) -> str:
        return f"TeamServer({self.url.render_as_string(hide_password=True)!r})"

    @property
    def account(self) -> str | None:
        """The login role this client signs in as."""
        return self.url.username

    @property
    def is_unlocked(self) -> bool:
        return self._write_sessions is not None

    # -- signing in and out -----------------------------------------------------------------

    def unlock(self, password: str | None = None) -> None:
        """Sign in, and refuse a server whose schema this caseapp does not run on.

        `password=None` leaves it to libpq (a password file, a certificate, or trust)."""
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import sessionmaker

        from caseapp.store import migrate

        self.lock()
        self._password = password
        try:
            self._writer = self._engine(writer=True)
            self._reader = self._engine(writer=False)
            problem: StoreError | None = None
            try:
                current = migrate.current_revision(self._reader)
            except DBAPIError as exc:
                problem = refusal(exc)
                if problem.code == "42501":
                    # Signed in, but not let read even the schema's version: no caseapp role.
                    problem = TeamServerError(NO_ROLE, code="42501")
            else:
                problem = schema_problem(current)
            if problem is not None:
                raise problem
        except BaseException:
            self.lock()
            raise
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)

    def lock(self) -> None:
        self._password = None
        for engine in (self._writer, self._reader):
            if engine is not None:
                engine.dispose()
        self._writer = self._reader = None
        self._write_sessions = self._read_sessions = None

    def close(self) -> None:
        self.lock()

    def __enter__(self) -> TeamServer:  # noqa: PYI034 - as Store's
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _engine(self, *, writer: bool) -> Engine:
        from sqlalchemy import create_engine, event

        settings = [
            f"statement_timeout={_seconds_to_ms(self._statement_timeout)}",
            f"lock_timeout={_seconds_to_ms(self._lock_timeout)}",
            f"idle_in_transaction_session_timeout={_seconds_to_ms(IDLE_IN_TRANSACTION_TIMEOUT)}",
        ]
        if not writer:
            # Set for the connection, so it holds from the first statement of every
            # transaction, the pool's liveness check's included.
            settings += ["default_transaction_read_only=on",
                         r"default_transaction_isolation=repeatable\ read"]
        engine = create_engine(
            self.url,
            hide_parameters=True,
            # Each service call opens a session; a new connection to a server costs a sign-in
            # and round trips, so a few are kept, and checked before use after a laptop sleeps.
            pool_size=2,
            max_overflow=4,
            pool_pre_ping=True,
            pool_recycle=600,
            connect_args={
                "connect_timeout": self._connect_timeout,
                "application_name": "caseapp",
                "options": " ".join(f"-c {s}" for s in settings),
            },
        )

        @event.listens_for(engine, "do_connect")
        def _sign_in(dialect: Any, conn_rec: Any, cargs: Any, cparams: dict[str, Any]) -> None:
            # Read at each connection, so locking forgets the password for every engine at once.
            if self._password is not None:
                cparams["password"] = self._password

        if writer:

            @event.listens_for(engine, "begin")
            def _queue(conn: Any) -> None:
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")

        return engine

    # -- work -------------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back on any error."""
        if self._write_sessions is None:
            raise StoreLocked("Sign in to the team server first.")
        with self._refusals(), self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A read-only snapshot; never waits for a writer."""
        if self._read_sessions is None:
            raise StoreLocked("Sign in to the team server first.")
        with self._refusals(), self._read_sessions() as session, session.begin():
            yield session

    @staticmethod
    @contextmanager
    def _refusals() -> Iterator[None]:
        from sqlalchemy.exc import DBAPIError

        problem: TeamServerError | None = None
        try:
            yield
        except DBAPIError as exc:
            problem = refusal(exc)
        if problem is not None:
            # The server's own error (its message can quote a row's values) is not kept as
            # this one's context either, where a log or a traceback would show it.
            try:
                raise problem from None
            except TeamServerError as raised:
                raised.__context__ = None
                raise
