"""`caseapp init`, `demo`, `verify`, `backup`, `restore`, `change-passphrase` and `recover`:
making a caseload's encrypted store, checking it, copying it, and changing what opens it."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from caseapp.cli.common import (
    EXIT_FAILED,
    EXIT_USAGE,
    EXIT_VERIFY_FAILED,
    CliError,
    add_server_option,
    ask,
    ask_new,
    at_terminal,
    close_caseload,
    kdf_for,
    open_caseload,
    read_secret_file,
    refusal,
    say,
    server_address,
    unlocked,
)
from caseapp.paths import default_demo_dir
from caseapp.store import DamagedStore, Store, StoreExists

if TYPE_CHECKING:
    from caseapp.models.codes import WorkerRole
    from caseapp.store.rekey import KeyRotation


# The values of caseapp.models.codes.WorkerRole, written out: that module loads the models
# (and so SQLAlchemy), and building the parser runs on every start. A test keeps the two the same.
ROLES = ["employability_worker", "personal_adviser", "team_lead"]
# For a script's caseload when this computer's account has no name to offer.
UNNAMED_OWNER = "Caseload owner"


def cmd_init(args: argparse.Namespace) -> int:
    from caseapp.services.errors import ValidationError
    from caseapp.services.workers import create_owned_caseload

    if Store.exists(args.data_dir):
        raise CliError("This folder already holds a caseapp store. Nothing was changed.")
    name, role, defaulted = _owner(args)
    passphrase = ask_new(args.passphrase_file)
    say("Creating the encrypted caseload (this takes a second)...")
    try:
        made = create_owned_caseload(args.data_dir, passphrase, name=name, role=role, kdf=kdf_for(args.data_dir))
    except ValidationError as exc:
        raise CliError(refusal(exc)) from None
    made.store.close(backup=False)
    say(f"Created a caseload in {args.data_dir}")
    if defaulted:
        # Nobody typed it, so say what the records will show and where to change it.
        say(
            f'Its own worker is recorded as "{made.owner.name}", {made.owner.role.label}: '
            "change that in the app under File, My details."
        )
    say("")
    say("Recovery key (shown only now; print it or write it down and lock it away):")
    say(f"    {made.recovery_key}")
    say("Anyone with this key can open the caseload. Without it or the passphrase, nobody can.")
    return 0


def _owner(args: argparse.Namespace) -> tuple[str, WorkerRole, bool]:
    """The new caseload's own worker: from --name and --role, asked for at a terminal, else
    this computer's account name and Employability worker. True when a part was not given."""
    from caseapp.models.codes import WorkerRole
    from caseapp.services.errors import ValidationError
    from caseapp.services.workers import check_worker_details

    name, role = args.name, args.role
    defaulted = False
    if at_terminal():
        if name is None:
            name = _ask_name()
        if role is None:
            role = _ask_role()
    else:
        if name is None:
            name, defaulted = _account_name(), True
        if role is None:
            role, defaulted = WorkerRole.EMPLOYABILITY_WORKER.value, True
    name = " ".join(name.split())  # as the set-up wizard keeps it
    try:
        checked = check_worker_details({"name": name, "role": role})
    except ValidationError as exc:
        raise CliError(refusal(exc)) from None
    return checked["name"], checked["role"], defaulted


def _typed(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        # End of input at a question is leaving, as Ctrl+C is: nothing has been made yet.
        raise KeyboardInterrupt from None


def _ask_name() -> str:
    while True:
        name = _typed("Your name, as the records you write will show it: ").strip()
        if name:
            return name
        print("A name is needed, so colleagues know who wrote what.", file=sys.stderr)


def _ask_role() -> str:
    from caseapp.models.codes import WorkerRole

    roles = list(WorkerRole)
    menu = ", ".join(f"{n} {role.label}" for n, role in enumerate(roles, start=1))
    while True:
        typed = _typed(f"Your role ({menu}) [1]: ").strip().casefold()
        if not typed:
            return roles[0].value
        for n, role in enumerate(roles, start=1):
            if typed in (str(n), role.value, role.label.casefold()):
                return role.value
        print(f"Type a number from 1 to {len(roles)}.", file=sys.stderr)


def _account_name() -> str:
    try:
        name = getpass.getuser().strip()
    except (KeyError, OSError, ImportError):  # no account name to be had
        name = ""
    return name or UNNAMED_OWNER


def cmd_demo(args: argparse.Namespace) -> int:
    from caseapp.services.demo import DEMO_PASSPHRASE, build_demo_caseload

    folder = args.data_dir or default_demo_dir()
    if args.people < 0 or args.people > 10_000:
        raise CliError("--people must be between 0 and 10000.", EXIT_USAGE)
    if args.passphrase_file is not None:
        # Its passphrase is published (and printed below): one of the worker's own would
        # suggest a protection the demo does not have, and be refused by the next demo.
        raise CliError(
            "A demo caseload always opens with its published passphrase, so caseapp demo takes "
            "no --passphrase-file.",
            EXIT_USAGE,
        )
    if Store.exists(folder):
        try:
            # Deleted only if it opens as the demo would, never on its key file's word.
            Store.remove_demo(folder, passphrase=DEMO_PASSPHRASE)
        except StoreExists as refused:
            raise CliError(str(refused)) from None
        except DamagedStore:
            raise CliError(
                "That folder holds a caseload whose files are damaged, so caseapp cannot tell "
                "whether it is a demo; a demo is never made there."
            ) from None
    say(f"Building a demo caseload of {args.people} invented young people...")
    store, _ = Store.create(folder, DEMO_PASSPHRASE, kdf=kdf_for(folder), demo=True)
    try:
        build_demo_caseload(store, people=args.people)
    except BaseException:
        store.close(backup=False)
        raise
    say(f"Demo caseload in {folder}")
    say(f"Demo passphrase: {DEMO_PASSPHRASE}")
    if args.no_gui:
        store.close(backup=False)
        return 0
    from caseapp.ui.launch import run_gui

    return run_gui(store=store, data_dir=folder, demo=True)


def cmd_verify(args: argparse.Namespace) -> int:
    from caseapp.services import audit
    from caseapp.store.errors import DamagedData

    if server_address(args) is not None:
        return _verify_team_server(args)
    store = Store(args.data_dir)
    passphrase = ask("Passphrase: ", args.passphrase_file)
    try:
        # Reading the key file checks its checksum and every field; unlocking, the wrap.
        store.unlock(passphrase)
    except DamagedData:
        # Its sentence sends the worker here; here, say what was found.
        print("Some pages of the database cannot be read. Restore the latest backup.", file=sys.stderr)
        return EXIT_VERIFY_FAILED
    except DamagedStore as damage:
        # Damage is what verify looks for, even when it stops the caseload opening.
        print(damage, file=sys.stderr)
        return EXIT_VERIFY_FAILED
    try:
        problems = store.key_file_problems()
        integrity = store.integrity_problems()
        if not integrity:
            with store.read_session() as session:
                broken = audit.first_broken_event(session)
            if broken is not None:
                integrity.append(
                    f"The audit trail has been altered: event {broken} does not match the "
                    "events before it. Keep this copy for investigation and restore a backup."
                )
        problems += integrity
    finally:
        store.close(backup=False)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return EXIT_VERIFY_FAILED
    say("The caseload passed the SQLite and SQLCipher integrity checks and the audit chain check.")
    return 0


def _verify_team_server(args: argparse.Namespace) -> int:
    """On a team server PostgreSQL keeps the pages whole; what caseapp checks is the audit chain."""
    from caseapp.services import audit

    server = open_caseload(args)
    try:
        with server.read_session() as session:
            broken = audit.first_broken_event(session)
    finally:
        close_caseload(server)
    if broken is not None:
        print(
            f"The audit trail has been altered: event {broken} does not match the events before it. "
            "Ask the team server's administrator to keep a copy for investigation.",
            file=sys.stderr,
        )
        return EXIT_VERIFY_FAILED
    say("The team server's audit chain passed the check.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    store = unlocked(args)
    try:
        info = store.backup_now(args.to)
    finally:
        store.close(backup=False)
    say(f"Backed up to {info.path}")
    say("It opens with the current passphrase (or the recovery key).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    store = Store(args.data_dir)
    current = None
    if Store.exists(args.data_dir):
        current = ask("Passphrase of the caseload being replaced: ", args.passphrase_file)
        try:
            store.unlock(current)
        except DamagedStore:
            # It cannot be backed up first, so it is never overwritten: the person decides.
            raise CliError(
                "The caseload here is damaged, so it cannot be backed up before a restore. "
                "Move its folder somewhere safe, then restore into an empty folder with --data-dir."
            ) from None
    try:
        if args.backup_passphrase_file is not None:
            backup_passphrase = read_secret_file(args.backup_passphrase_file)
        elif current is not None and args.passphrase_file is not None:
            backup_passphrase = current
        else:
            backup_passphrase = ask(
                "Passphrase that was current when the backup was taken: ", args.passphrase_file
            )
        info = store.restore(args.backup, backup_passphrase)
    finally:
        store.close(backup=False)
    say(f"Restored the backup taken {info.created}.")
    if current is not None:
        say("What it replaced was backed up first, in the caseload's backups folder.")
    say("The caseload now opens with the passphrase that was current when the backup was taken.")
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    from caseapp.store.rekey import RotationUnfinished

    store = Store(args.data_dir)
    current = ask("Current passphrase: ", args.passphrase_file)
    store.unlock(current)
    rotated: KeyRotation | None = None
    try:
        new = ask_new(args.new_passphrase_file)
        if new == current:
            raise CliError("The new passphrase is the same as the current one. Nothing was changed.")
        if args.someone_may_know:
            say("Re-encrypting the caseload and its backups under a new key (this can take a minute)...")
            try:
                rotated = store.rotate_key(current, new, kdf=kdf_for(args.data_dir))
            except RotationUnfinished as exc:
                # Changed all the same: without the new recovery key the worker has none.
                print(exc, file=sys.stderr)
                _show_new_recovery_key(exc.recovery_key)
                return EXIT_FAILED
        else:
            store.change_passphrase(current, new, kdf=kdf_for(args.data_dir))
    finally:
        store.close(backup=False)
    if rotated is None:
        say("Passphrase changed. The old one no longer opens the caseload; the recovery key still does.")
        say(
            "Copies and backups made before the change still open with the old passphrase. If "
            "someone may know it, run change-passphrase --someone-may-know instead."
        )
        return 0
    say(
        "Passphrase changed, and the caseload re-encrypted under a new key: the old passphrase "
        "and the old recovery key no longer open it."
    )
    for line in _what_happened_to_backups(rotated):
        say(line)
    _show_new_recovery_key(rotated.recovery_key)
    return 0


def _what_happened_to_backups(rotated: KeyRotation) -> list[str]:
    def backups(n: int) -> str:
        return "1 backup" if n == 1 else f"{n} backups"

    lines = []
    if rotated.backups_reencrypted:
        lines.append(
            f"{backups(rotated.backups_reencrypted)} in the caseload's backups folder"
            + (" was re-encrypted: it now opens" if rotated.backups_reencrypted == 1
               else " were re-encrypted: they now open")
            + " with the new passphrase."
        )
    if rotated.backups_removed:
        lines.append(
            f"{backups(rotated.backups_removed)} in the caseload's backups folder"
            + (" was damaged, so could not be re-encrypted, and was deleted."
               if rotated.backups_removed == 1
               else " were damaged, so could not be re-encrypted, and were deleted.")
        )
    if rotated.backups_left:
        lines.append(
            f"{backups(rotated.backups_left)} in the caseload's backups folder"
            + (" does not open with the old passphrase, so caseapp left it as it was."
               if rotated.backups_left == 1
               else " do not open with the old passphrase, so caseapp left them as they were.")
        )
    if not lines:
        lines.append("There were no backups in the caseload's backups folder.")
    lines.append(
        "Backups written elsewhere with 'caseapp backup --to' still open with the old "
        "passphrase, and caseapp cannot reach them: delete them by hand."
    )
    return lines


def _show_new_recovery_key(recovery_key: str) -> None:
    say("")
    say("New recovery key (shown only now; print it or write it down and lock it away):")
    say(f"    {recovery_key}")
    say("The old recovery key no longer opens anything. Destroy it.")


def cmd_recover(args: argparse.Namespace) -> int:
    store = Store(args.data_dir)
    if args.recovery_key_file is not None:
        key = read_secret_file(args.recovery_key_file)
    else:
        key = ask("Recovery key: ", None)
    new = ask_new(args.new_passphrase_file)
    try:
        store.recover(key, new, kdf=kdf_for(args.data_dir))
    finally:
        store.close(backup=False)
    say("Caseload recovered: it now opens with the new passphrase.")
    return 0


def add_store_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Register these commands with the `add(name, func, help)` of build_parser."""
    init = add("init", cmd_init, "create a new encrypted caseload")
    init.add_argument(
        "--name",
        help="your name, as the records you write will show it (asked at a terminal; otherwise "
        "this computer's account name). You can change it later in the app",
    )
    init.add_argument(
        "--role",
        choices=ROLES,
        help="your role (asked at a terminal; otherwise employability_worker)",
    )
    demo = add("demo", cmd_demo, "build an invented caseload in its own demo folder and open it")
    demo.add_argument("--people", type=int, default=60, help="how many young people (default 60)")
    demo.add_argument("--no-gui", action="store_true", help="build it and stop")
    verify = add(
        "verify",
        cmd_verify,
        "run the SQLite and SQLCipher integrity checks and the audit chain check (exit 0 if all pass); "
        "on a team server (--server), the audit chain check",
    )
    add_server_option(verify)
    backup = add("backup", cmd_backup, "write an encrypted backup into a folder")
    backup.add_argument("--to", type=Path, required=True, help="folder to write the backup in")
    restore = add("restore", cmd_restore, "replace the caseload with a backup (backing it up first)")
    restore.add_argument("backup", type=Path, help="the backup folder (caseapp-backup-...)")
    restore.add_argument(
        "--backup-passphrase-file", type=Path, help="the backup's passphrase, if it differs"
    )
    change = add("change-passphrase", cmd_change_passphrase, "set a new passphrase")
    change.add_argument("--new-passphrase-file", type=Path, help="read the new passphrase from FILE")
    change.add_argument(
        "--someone-may-know",
        action="store_true",
        help=(
            "also re-encrypt the caseload and the backups in its backups folder under a new key, "
            "and make a new recovery key (printed once), so that the old passphrase and the old "
            "recovery key open nothing any more. Without it only the passphrase changes, and "
            "copies and backups made before still open with the old one."
        ),
    )
    recover = add("recover", cmd_recover, "open with the recovery key and set a new passphrase")
    recover.add_argument("--recovery-key-file", type=Path, help="read the recovery key from FILE")
    recover.add_argument("--new-passphrase-file", type=Path, help="read the new passphrase from FILE")
