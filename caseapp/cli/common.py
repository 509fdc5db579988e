"""What every command shares: the exit codes, the one-sentence error, the passphrase prompt,
and opening the caseload: a local store (`--data-dir`) or a team server (`--server URL` or
CASEAPP_SERVER, a libpq address with no password in it).

Imports no other module of `caseapp.cli`, so that every command module can import this one
and none needs another.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from caseapp.store import KdfParams, Store

if TYPE_CHECKING:
    from caseapp.store import Database

SERVER_VARIABLE = "CASEAPP_SERVER"
SERVER_HELP = (
    "open the caseload on a team server instead of a local store: a PostgreSQL address with no "
    "password in it, e.g. postgresql://sam@db.council.example/caseapp?sslrootcert=ca.pem "
    f"(default: ${SERVER_VARIABLE}); the password is asked for, or read with --passphrase-file"
)

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_VERIFY_FAILED = 3
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A failure with a sentence for the person at the terminal."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    print(message, flush=True)


def refusal(exc: Exception) -> str:
    """A service's refusal as one sentence: a ValidationError's problems run together."""
    from caseapp.services.errors import ValidationError

    if isinstance(exc, ValidationError):
        return " ".join(exc.problems.values())
    return str(exc)


# Far longer than any passphrase; the file is never read beyond it.
MAX_SECRET_LINE = 64 * 1024


def read_secret_file(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            head = handle.read(MAX_SECRET_LINE + 1)
    except OSError as exc:
        raise CliError(f"The passphrase file cannot be read ({exc.strerror}).") from None
    # Only the first line is the secret: whatever follows it is never decoded.
    first = head.split(b"\n", 1)[0]
    if len(first) > MAX_SECRET_LINE:
        raise CliError("The passphrase file's first line is far too long to be a passphrase.")
    try:
        # utf-8-sig: Notepad on Windows may start the file with a byte-order mark.
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(
            "The passphrase file is not plain text in UTF-8. Save it as UTF-8 text and try again."
        ) from None
    secret = text.splitlines()[0] if text else ""
    if not secret:
        raise CliError("The passphrase file is empty.")
    return secret


def at_terminal() -> bool:
    return sys.stdin.isatty()


def ask(prompt: str, file: Path | None) -> str:
    if file is not None:
        return read_secret_file(file)
    if not at_terminal():
        raise CliError("No passphrase given: use --passphrase-file when not at a terminal.", EXIT_USAGE)
    return getpass.getpass(prompt)


def ask_new(file: Path | None, what: str = "passphrase") -> str:
    """A new passphrase that the set-up wizard would accept too, refused with its sentence."""
    from caseapp.services.errors import ValidationError
    from caseapp.services.passphrase_policy import check_new_passphrase

    secret = ask(f"New {what}: ", file)
    if file is None and getpass.getpass(f"Type the new {what} again: ") != secret:
        raise CliError("The two passphrases differ. Nothing was changed.")
    try:
        # Confirmed above (or read from a file): only the passphrase itself is judged here.
        check_new_passphrase(secret, secret)
    except ValidationError as refused:
        raise CliError(refused.problems["passphrase"]) from None
    return secret


def kdf_for(folder: Path) -> KdfParams | None:
    """None (tune Argon2id to this machine), except for the test suite's throwaway stores.

    The cheap cost follows the test suite's in-process switch (see keyfile.py), never the
    environment, so nothing in a worker's account can weaken a real caseload's key.
    """
    from caseapp.store.keyfile import cheap_costs_allowed

    return KdfParams.cheap_for_tests() if cheap_costs_allowed() else None


def unlocked(args: argparse.Namespace) -> Store:
    store = Store(args.data_dir)
    store.unlock(ask("Passphrase: ", args.passphrase_file))
    return store


def add_server_option(parser: argparse.ArgumentParser) -> None:
    """`--server URL` on a command that opens a caseload."""
    # SUPPRESS: a value given before the subcommand is not overwritten by its default.
    parser.add_argument("--server", metavar="URL", default=argparse.SUPPRESS, help=SERVER_HELP)


def server_address(args: argparse.Namespace) -> str | None:
    """The team server to open, or None for the local store.

    --server wins; CASEAPP_SERVER is used unless --data-dir names a folder of its own, so a
    person who types a folder gets that folder whatever the environment says."""
    from caseapp.paths import default_data_dir

    typed = getattr(args, "server", None)
    data_dir = getattr(args, "data_dir", None)
    chose_folder = data_dir is not None and Path(data_dir) != default_data_dir()
    if typed:
        if chose_folder:
            raise CliError("Give either --server or --data-dir, not both.", EXIT_USAGE)
        return str(typed)
    from_environment = os.environ.get(SERVER_VARIABLE, "").strip()
    if from_environment and not chose_folder:
        return from_environment
    return None


def open_caseload(args: argparse.Namespace) -> Database:
    """The caseload the command works on, unlocked: the team server's or the local store."""
    from caseapp.store import TeamServer

    address = server_address(args)
    if address is None:
        return unlocked(args)
    server = TeamServer(address)  # an unsafe address is refused here, before anything is asked
    server.unlock(ask(f"Password for {server.account or 'your account'} on the team server: ",
                      args.passphrase_file))
    return server


def close_caseload(database: Database) -> None:
    """Lock and let go; a local store takes no backup for a command-line read."""
    if isinstance(database, Store):
        database.close(backup=False)
    else:
        database.lock()
