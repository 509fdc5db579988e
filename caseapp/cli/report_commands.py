"""`caseapp report caseload|person|handoff`: print a document to a PDF file, for scripts.

Same passphrase options and exit codes as the other subcommands. Nothing personal is
printed to the terminal: the saved path is the one the caller gave.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from caseapp.cli.common import EXIT_USAGE, CliError, add_server_option, close_caseload, open_caseload, say

# The values of caseapp.reports.sections.Section, written out: that module loads the models
# (and so SQLAlchemy), and building the parser runs on every start, the desktop app's too.
# A test keeps the two the same.
SECTION_NAMES = ["profile", "pathway", "check-ins", "vetting", "support", "hand-offs"]
PLAIN_PDF = (
    "The PDF is not encrypted: anyone who can open the file can read it. "
    "Use --pdf-password-file to protect it with a password (AES-256)."
)


def _password(args: argparse.Namespace) -> str | None:
    if args.pdf_password_file is None:
        return None
    try:
        # utf-8-sig: a file saved by Notepad may start with a byte-order mark.
        text = args.pdf_password_file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliError(f"The PDF password file cannot be read ({exc.strerror}).") from None
    password = text.splitlines()[0] if text else ""
    if not password:
        raise CliError("The PDF password file is empty.")
    return password


def _run(args: argparse.Namespace, document: Callable[..., Path]) -> int:
    """Open the caseload (local or team server), print, lock; service refusals become one plain
    sentence and exit code 1."""
    from caseapp.reports.api import ReportCancelled, SaveFailed
    from caseapp.services.errors import NotFound, ValidationError
    from caseapp.services.output_files import sweep_part_files

    password = _password(args)
    store = open_caseload(args)
    try:
        # The first moment the store is readable: tidy what an interrupted save left.
        sweep_part_files(store)
        path = document(store, password)
    except ValidationError as exc:
        raise CliError(" ".join(exc.problems.values())) from None
    except (NotFound, SaveFailed, ReportCancelled) as exc:
        raise CliError(str(exc)) from None
    finally:
        close_caseload(store)
    say(f"Saved {path}" + (" (protected with the PDF password)." if password else "."))
    if not password:
        # Once, where the file is made: it leaves the encrypted store as it is.
        print(PLAIN_PDF, file=sys.stderr)
    return 0


def cmd_report_caseload(args: argparse.Namespace) -> int:
    from caseapp.reports.api import print_caseload_report

    return _run(
        args,
        lambda store, password: print_caseload_report(
            store, out=args.out, password=password, overdue_list_limit=None if args.all_overdue else 50
        ),
    )


def cmd_report_person(args: argparse.Namespace) -> int:
    from caseapp.reports.api import print_case_summary

    return _run(
        args,
        lambda store, password: print_case_summary(
            store, person_id=args.id, out=args.out, sections=args.sections, password=password
        ),
    )


def cmd_report_handoff(args: argparse.Namespace) -> int:
    from caseapp.reports.api import print_hand_off_pack

    return _run(
        args,
        lambda store, password: print_hand_off_pack(
            store, hand_off_id=args.id, out=args.out, need_ids=args.items, password=password
        ),
    )


def _sections(value: str) -> list[str]:
    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in SECTION_NAMES]
    if unknown or not chosen:
        raise CliError(f"--sections takes a comma-separated list of: {', '.join(SECTION_NAMES)}.", EXIT_USAGE)
    return chosen


# The largest number the store can hold as a record's id (SQLite's 64-bit integer).
LARGEST_RECORD_NUMBER = 2**63 - 1


def _record_number(value: str) -> int:
    """A young person's or hand-off's number as typed: a whole number the store can hold."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= LARGEST_RECORD_NUMBER:
        raise CliError(
            "The record number must be a whole number from 1 up, as caseapp shows it on the record.", EXIT_USAGE
        )
    return number


def _ids(value: str) -> list[int]:
    try:
        return [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise CliError("--items takes a comma-separated list of support need ids, such as 3,7.", EXIT_USAGE) from None


def add_report_commands(add: Callable[..., argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add `report` and its three documents to the parser `add` (caseapp.cli.build_parser's helper)."""
    def need_document(args: argparse.Namespace) -> int:
        raise CliError("Say which document: caseload, person ID or handoff ID. See caseapp report --help.", EXIT_USAGE)

    report = add("report", need_document, "print a document to a PDF file (caseload, person, handoff)")
    documents = report.add_subparsers(dest="document", parser_class=type(report))
    # The passphrase options sit on every level, as on the other subcommands.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", type=Path, default=argparse.SUPPRESS, help="the store's folder (default: local app data)"
    )
    common.add_argument(
        "--passphrase-file", type=Path, default=argparse.SUPPRESS,
        help="read the passphrase from the first line of FILE",
    )
    add_server_option(common)
    common.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    common.add_argument(
        "--pdf-password-file",
        type=Path,
        default=None,
        help="protect the PDF with the password on the first line of FILE (AES-256)",
    )

    caseload = documents.add_parser(
        "caseload", parents=[common], help="the team lead's caseload report",
        description="the team lead's caseload report",
    )
    caseload.add_argument(
        "--all-overdue", action="store_true", help="list every overdue young person, not the first 50"
    )
    caseload.set_defaults(func=cmd_report_caseload)

    person = documents.add_parser(
        "person", parents=[common], help="a young person's case summary", description="a young person's case summary"
    )
    person.add_argument("id", type=_record_number, help="the young person's record number")
    person.add_argument(
        "--sections",
        type=_sections,
        default=None,
        help=f"comma-separated, from: {', '.join(SECTION_NAMES)} (default: all)",
    )
    person.set_defaults(func=cmd_report_person)

    handoff = documents.add_parser(
        "handoff",
        parents=[common],
        help="the line manager's hand-off pack (logged as a disclosure)",
        description="the line manager's hand-off pack (logged as a disclosure)",
    )
    handoff.add_argument("id", type=_record_number, help="the hand-off's number")
    handoff.add_argument(
        "--items",
        type=_ids,
        default=None,
        help="support need ids to include, comma-separated (default: every one with consent in force today)",
    )
    handoff.set_defaults(func=cmd_report_handoff)
    return report
