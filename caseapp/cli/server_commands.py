"""`caseapp server ...`: standing up and administering a team server (PostgreSQL).

Run by IT: `init` and `upgrade` as the database's owner, the account commands as the owner or
an administrator account with CREATEROLE. The address is `--server URL` or CASEAPP_SERVER
(a libpq address, never with a password in it); the password is read from --passphrase-file,
asked at a terminal, or otherwise left to libpq (a password file, a certificate, peer).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from caseapp.cli.common import (
    EXIT_USAGE,
    EXIT_VERIFY_FAILED,
    SERVER_HELP,
    SERVER_VARIABLE,
    CliError,
    ask_new,
    at_terminal,
    read_secret_file,
    say,
)

# caseapp roles as the command line names them (team_security.ROLES), written out so that
# building the parser loads nothing; a test keeps the two the same.
ROLE_NAMES = ("employability_worker", "personal_adviser", "team_lead", "administrator")
CONNECT_TIMEOUT = 10

NOT_EMPTY = ("This database already holds tables, so caseapp will not set itself up in it. "
             "Create an empty database for the team server and run server init there.")
NOT_OWNER = "Run server init as the database's owner: only the owner can set up its schema and roles."
NOT_A_SERVER = "This database is not a caseapp team server. Set one up with caseapp server init."
NO_ACCOUNT = "There is no caseapp account of that name on this team server."
BAD_NAME = ("An account name is 1 to 63 lower-case letters, digits and underscores, "
            "starting with a letter.")


def _address(args: argparse.Namespace) -> str:
    typed = getattr(args, "server", None) or os.environ.get(SERVER_VARIABLE, "").strip()
    if not typed:
        raise CliError(f"Give the team server with --server URL or ${SERVER_VARIABLE}.", EXIT_USAGE)
    return str(typed)


def _password(args: argparse.Namespace) -> str | None:
    if getattr(args, "passphrase_file", None) is not None:
        return read_secret_file(args.passphrase_file)
    if at_terminal():
        return getpass.getpass("Password on the team server: ")
    return None


def _engine(args: argparse.Namespace, *, maintenance: bool = False) -> Any:
    """A SQLAlchemy engine on the address, checked against the connection rules first."""
    from sqlalchemy import create_engine

    from caseapp.store.connection_profile import check_address

    url = check_address(_address(args))
    connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT, "application_name": "caseapp-server"}
    password = _password(args)
    if password is not None:
        connect_args["password"] = password
    if maintenance:
        # The owner's policy for migrations: a data migration sees every row while this is on.
        connect_args["options"] = "-c caseapp.maintenance=on"
    return create_engine(url, hide_parameters=True, connect_args=connect_args, poolclass=_null_pool())


def _null_pool() -> Any:
    from sqlalchemy.pool import NullPool

    return NullPool


@contextmanager
def _connected(engine: Any) -> Iterator[Any]:
    """A plain psycopg connection through the engine, with the server's failures in a sentence."""
    from sqlalchemy.exc import DBAPIError

    from caseapp.store.team_server import refusal

    try:
        raw = engine.raw_connection()
    except DBAPIError as exc:
        raise refusal(exc) from None
    try:
        conn = raw.driver_connection
        conn.autocommit = True
        yield conn
    finally:
        raw.close()
        engine.dispose()


def _tables(conn: Any) -> list[str]:
    return [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]


def _require_team_server(conn: Any) -> None:
    if "alembic_version" not in _tables(conn):
        raise CliError(NOT_A_SERVER)


def cmd_init(args: argparse.Namespace) -> int:
    from caseapp.store import migrate, team_security

    engine = _engine(args, maintenance=True)
    with _connected(engine) as conn:
        owner = conn.execute("SELECT pg_get_userbyid(datdba) = current_user OR "
                             "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
                             "FROM pg_database WHERE datname = current_database()").fetchone()[0]
        if not owner:
            raise CliError(NOT_OWNER)
        if _tables(conn):
            raise CliError(NOT_EMPTY)
    migrate.upgrade(engine)
    with _connected(engine) as conn:
        team_security.install(conn)
    engine.dispose()
    say("The team server is set up: its schema, caseapp's roles, the access rules and the audit trail's "
        "guards. Add the first accounts with caseapp server add-account.")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from caseapp.store import migrate, team_security

    engine = _engine(args, maintenance=True)
    with _connected(engine) as conn:
        _require_team_server(conn)
    migrate.upgrade(engine)
    with _connected(engine) as conn:
        team_security.install(conn)
    say("The team server's schema and access rules are up to date.")
    return 0


def _check_name(name: str) -> str:
    if not (0 < len(name) <= 63 and name[0].isascii() and name[0].islower()
            and all(c.isascii() and (c.islower() or c.isdigit() or c == "_") for c in name)):
        raise CliError(BAD_NAME, EXIT_USAGE)
    return name


def _account_role(conn: Any, name: str) -> str | None:
    from caseapp.store.team_security import ROLES

    groups = {group: role for role, group in ROLES.items()}
    for (group,) in conn.execute("SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                                 "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s", (name,)):
        if group in groups:
            return groups[group]
    return None


def cmd_add_account(args: argparse.Namespace) -> int:
    from psycopg import sql

    from caseapp.store.team_security import ROLES

    name = _check_name(args.name)
    password = ask_new(args.new_passphrase_file, "password")
    engine = _engine(args)
    with _connected(engine) as conn:
        _require_team_server(conn)
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
            raise CliError("An account of that name already exists on this PostgreSQL server.")
        # Hashed here (SCRAM-SHA-256) so the password itself never reaches the server or its log.
        verifier = conn.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()
        with conn.transaction():
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                sql.Identifier(name), sql.Literal(verifier), sql.Identifier(ROLES[args.role])))
            if args.role != "administrator":
                conn.execute("INSERT INTO worker (name, role, account, password_change_due, active, created_at,"
                             " updated_at) VALUES (%s, %s, %s, true, true, now(), now())",
                             (args.full_name or name, args.role, name))
    say("The account is added. Its first password must be changed at the first sign-in.")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from psycopg import sql

    from caseapp.store.team_security import ROLES

    name = _check_name(args.name)
    engine = _engine(args)
    with _connected(engine) as conn:
        _require_team_server(conn)
        before = _account_role(conn, name)
        if before is None:
            raise CliError(NO_ACCOUNT)
        with conn.transaction():
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(ROLES[before]), sql.Identifier(name)))
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(ROLES[args.role]), sql.Identifier(name)))
            if args.role != "administrator":
                conn.execute("UPDATE worker SET role = %s WHERE account = %s", (args.role, name))
    say(f"The account's role is now {args.role.replace('_', ' ')}.")
    return 0


def cmd_disable_account(args: argparse.Namespace) -> int:
    import psycopg
    from psycopg import sql

    name = _check_name(args.name)
    engine = _engine(args)
    with _connected(engine) as conn:
        _require_team_server(conn)
        if _account_role(conn, name) is None:
            raise CliError(NO_ACCOUNT)
        with conn.transaction():
            conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(name)))
            # Their name stays on the records they wrote; they are no longer offered for allocation.
            conn.execute("UPDATE worker SET active = false WHERE account = %s", (name,))
        ended = True
        try:
            # Signed in already: those sessions end now, not when they next reconnect.
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s "
                         "AND datname = current_database()", (name,))
        except psycopg.Error:  # without pg_signal_backend: the account is disabled all the same
            ended = False
    say("The account is disabled: it can no longer sign in. Its records keep its name."
        + ("" if ended else " Sessions it already has open go on until they end (ending them needs "
                            "membership of pg_signal_backend)."))
    return 0


def cmd_list_accounts(args: argparse.Namespace) -> int:
    from caseapp.store.team_security import ROLES

    engine = _engine(args)
    with _connected(engine) as conn:
        _require_team_server(conn)
        rows = conn.execute(
            "SELECT u.rolname, g.rolname, u.rolcanlogin, coalesce(w.password_change_due, false) "
            "FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "LEFT JOIN worker w ON w.account = u.rolname WHERE g.rolname = ANY(%s) ORDER BY u.rolname",
            (list(ROLES.values()),)).fetchall()
    groups = {group: role for role, group in ROLES.items()}
    for account, group, can_login, due in rows:
        state = "enabled" if can_login else "disabled"
        if due and can_login:
            state += ", first password not yet changed"
        print(f"{account}\t{groups[group]}\t{state}")
    return 0


def cmd_server_verify(args: argparse.Namespace) -> int:
    from caseapp.store import team_security

    engine = _engine(args)
    with _connected(engine) as conn:
        _require_team_server(conn)
        unprotected = team_security.unprotected_tables(conn)
        broken = team_security.first_broken_event(conn)
    problems = []
    if unprotected:
        problems.append("These tables do not have row-level security on and forced: " + ", ".join(unprotected)
                        + ". Run caseapp server upgrade to put the access rules back.")
    if broken is not None:
        problems.append(f"The audit trail has been altered: event {broken} does not match the events before it. "
                        "Keep a copy of the database for investigation.")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return EXIT_VERIFY_FAILED
    say("The team server passed: every table has row-level security on and forced, and the audit chain holds.")
    return 0


def add_server_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Register `caseapp server ...` with the `add(name, func, help)` of build_parser."""
    group = add("server", _no_subcommand, "set up and administer a team server (PostgreSQL)")
    sub = group.add_subparsers(dest="server_command", parser_class=type(group))

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--server", metavar="URL", default=argparse.SUPPRESS, help=SERVER_HELP)
        p.add_argument("--passphrase-file", type=Path, default=argparse.SUPPRESS,
                       help="read your password on the server from the first line of FILE")
        p.set_defaults(func=func)
        return p

    command("init", cmd_init, "set up caseapp on an empty database (run as its owner)")
    command("upgrade", cmd_upgrade, "bring the schema and access rules up to this caseapp's version")
    add_account = command("add-account", cmd_add_account, "add a person's account with a caseapp role")
    add_account.add_argument("name", help="the account's sign-in name")
    add_account.add_argument("--role", choices=ROLE_NAMES, required=True)
    add_account.add_argument("--full-name", help="their name as records show it (default: the account name)")
    add_account.add_argument("--new-passphrase-file", type=Path,
                             help="read the first password from the first line of FILE (asked otherwise)")
    set_role = command("set-role", cmd_set_role, "change an account's caseapp role")
    set_role.add_argument("name")
    set_role.add_argument("role", choices=ROLE_NAMES)
    disable = command("disable-account", cmd_disable_account, "stop an account signing in (records keep it)")
    disable.add_argument("name")
    command("list-accounts", cmd_list_accounts, "list the accounts, their roles and whether they can sign in")
    command("verify", cmd_server_verify, "check the access rules on every table and the audit chain")


def _no_subcommand(args: argparse.Namespace) -> int:
    raise CliError("Name a server command: init, upgrade, add-account, set-role, disable-account, "
                   "list-accounts or verify. See caseapp server --help.", EXIT_USAGE)
