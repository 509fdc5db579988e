"""`caseapp export oc3` and `caseapp export caseload`: the statutory return and the caseload as files.

The OC3 return is checked before anything is written. While any young person's record is
missing something or contradicts itself, nothing is written and the command exits 1 after
listing each problem (person id and what to fix), because a council submits this return to
the DfE under its name: a file that quietly guessed would be worse than no file. A data team
that needs a draft before every record is fixed (to load into their own system, or to see
the DfE's validation early) can say --anyway: the files are then written as a draft, with
everyone in them and whatever a problem leaves unknown blank instead of guessed (CHILD or SEX
when not recorded, CHILD when not valid, IN_TOUCH, ACTIV and ACCOM together when they cannot be
worked out). A draft breaks the return's own rules (blank or repeated CHILD), so the DfE's
validation will reject it, and the output says so.

Output names people by their caseapp id only, never by name.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from caseapp.cli.common import EXIT_USAGE, CliError, add_server_option, close_caseload, open_caseload, refusal, say

# The values of caseapp.services.caseload.CaseloadFilter, written out: that module loads
# SQLAlchemy and the models, and building the parser runs on every start, the desktop app's
# too. A test keeps the two the same.
FILTERS = ["all", "overdue", "neet", "neet_12_months", "in_placement", "waiting_to_start", "closed"]
# Said once, on stderr, when the files are made: they leave the encrypted store as they are.
PLAIN_EXPORT = (
    "The file is not encrypted: anyone who can open it can read it, so keep it where only "
    "those who need it can reach it, and delete it when it is done with."
)
PLAIN_RETURN = (
    "The two files are not encrypted: anyone who can open them can read them, so keep them where "
    "only the data team can reach them, and delete them once they are uploaded."
)


def add_export_commands(add: Any) -> None:
    """Register `export oc3` and `export caseload` with the `add(name, func, help)` of `caseapp.cli.build_parser`."""
    export = add("export", cmd_export, "write the statutory OC3 return or the caseload to files")
    parser_class = type(export)
    choose = export.add_subparsers(dest="export_what", metavar="{oc3,caseload}", parser_class=parser_class)

    oc3 = choose.add_parser(
        "oc3",
        help="the SSDA903 Header and OC3 files for a collection year",
        description="Check, then write, the Header and OC3 files for the year ending 31 March YEAR.",
    )
    oc3.add_argument("--year", type=int, required=True, help="the year the collection ends in (e.g. 2026 for 2025-26)")
    oc3.add_argument("--out", type=Path, required=True, help="the folder to write the two files in")
    oc3.add_argument(
        "--anyway", action="store_true",
        help="write a draft despite problems, which the DfE will not accept: what a problem leaves unknown is "
             "blank (CHILD, SEX, or IN_TOUCH, ACTIV and ACCOM together)",
    )

    caseload = choose.add_parser(
        "caseload",
        help="the caseload as the screen shows it, to CSV or Excel",
        description="Write the caseload (open cases, overdue first) to a CSV or Excel file.",
    )
    caseload.add_argument("--format", choices=("csv", "xlsx"), required=True, help="csv or xlsx")
    caseload.add_argument("--out", type=Path, required=True, help="the file to write")
    caseload.add_argument("--filter", choices=FILTERS, default="all", help="as on the caseload screen (default all)")
    caseload.add_argument("--mine", action="store_true", help="only young people you are the worker or PA for")

    for sub in (oc3, caseload):
        # As on every other subcommand; SUPPRESS keeps a value given before `export`.
        sub.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="the store's folder")
        sub.add_argument("--passphrase-file", type=Path, default=argparse.SUPPRESS,
                         help="read the passphrase from the first line of FILE")
        add_server_option(sub)


def cmd_export(args: argparse.Namespace) -> int:
    what = getattr(args, "export_what", None)
    if what == "oc3":
        return _export_oc3(args)
    if what == "caseload":
        return _export_caseload(args)
    raise CliError("Say what to export: caseapp export oc3 ... or caseapp export caseload ....", EXIT_USAGE)


def _services(store: Any) -> dict[str, Any]:
    from caseapp.services.workers import WorkersService

    return {"actor_id": WorkersService(store).owner_id()}



def _export_oc3(args: argparse.Namespace) -> int:
    from caseapp.services.errors import ValidationError
    from caseapp.services.exports import ExportFailed
    from caseapp.services.oc3 import Oc3Service, ReturnNotReady, year_label
    from caseapp.services.output_files import check_folder, sweep_part_files

    try:
        check_folder(args.out, field="out")
    except ValidationError as exc:
        raise CliError(refusal(exc)) from None
    store = open_caseload(args)
    try:
        # The first moment the store is readable: tidy what an interrupted save left.
        sweep_part_files(store)
        service = Oc3Service(store, **_services(store))
        try:
            report = service.check(year=args.year)
        except ValidationError as exc:
            raise CliError(refusal(exc)) from None
        say(f"Collection year {year_label(args.year)} (1 April {args.year - 1} to 31 March {args.year}): "
            f"{len(report.lines)} young people with a 17th to 21st birthday in the year.")
        for item in report.not_included:
            say(f"  not included: person {item.person_id}: {item.sentence}")
        for note in report.notes:
            say(f"Note: {note}")
        if report.problems:
            say(f"{len(report.problems)} problem(s) to fix first:")
            for problem in report.problems:
                say(f"  person {problem.person_id}: {problem.sentence}")
        if report.problems and not args.anyway:
            raise CliError(
                "Nothing was written: fix the problems listed above and run this again "
                "(or add --anyway for a draft with the unknowns left blank, which the DfE will not accept)."
            )
        try:
            written, files = service.export(year=args.year, folder=args.out, allow_problems=args.anyway)
        except ReturnNotReady:
            raise CliError("The records changed while checking them; run this again.") from None
        except (ValidationError, ExportFailed) as exc:
            raise CliError(refusal(exc)) from None
    finally:
        close_caseload(store)
    say(f"Wrote {files.header.name} and {files.oc3.name} ({files.rows} young people) in {args.out}")
    if files.problems:
        say(f"This is a draft with {files.problems} problem(s) outstanding: it will not pass the DfE's validation, "
            f"so do not submit it.")
        gaps = [f"{what} for {count} young {'person' if count == 1 else 'people'}"
                for what, count in written.blanks().items() if count]
        if gaps:
            say("Left blank: " + "; ".join(gaps) + ".")
    say("The export is recorded in the audit trail.")
    print(PLAIN_RETURN, file=sys.stderr)
    return 0


def _export_caseload(args: argparse.Namespace) -> int:
    from caseapp.services.errors import ValidationError
    from caseapp.services.exports import ExportFailed, ExportService
    from caseapp.services.output_files import sweep_part_files

    store = open_caseload(args)
    try:
        sweep_part_files(store)  # as for the return
        service = ExportService(store, **_services(store))
        try:
            result = service.export_caseload(path=args.out, format=args.format, filter=args.filter, mine=args.mine)
        except (ValidationError, ExportFailed) as exc:
            raise CliError(refusal(exc)) from None
    finally:
        close_caseload(store)
    say(f"Wrote {result.rows} rows of the caseload ({args.filter}{', mine' if args.mine else ''}) "
        f"as {result.format.value.upper()}. The export is recorded in the audit trail.")
    print(PLAIN_EXPORT, file=sys.stderr)
    return 0
