"""What every command shares: the exit codes, the one-sentence error, the passphrase prompt
and the unlock.

Imports no other module of `caseapp.cli`, so that every command module can import this one
and none needs another.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from caseapp.store import KdfParams, Store

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
