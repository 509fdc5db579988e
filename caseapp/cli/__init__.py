"""`caseapp`: the desktop app, and subcommands for IT staff and scripts.

Exit codes: 0 success; 1 the action failed (one plain sentence on stderr); 2 the command
line was wrong; 3 `verify` found a problem; 130 interrupted. Never a traceback: a traceback
could print a young person's details.

This module builds the parser from the command modules and runs the one chosen. Each
command module imports only `caseapp.cli.common`, never another command module, so a group
of commands can change without reaching into the others.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from caseapp import __version__
from caseapp.cli.common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, CliError
from caseapp.cli.export_commands import add_export_commands
from caseapp.cli.report_commands import add_report_commands
from caseapp.cli.server_commands import add_server_commands
from caseapp.cli.store_commands import add_store_commands
from caseapp.paths import default_data_dir
from caseapp.store import StoreError


def cmd_gui(args: argparse.Namespace) -> int:
    from caseapp.ui.launch import run_gui

    return run_gui(store=None, data_dir=args.data_dir, demo=False)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message[0].upper()}{message[1:]}. See caseapp --help.", EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    # SUPPRESS: an option given before the subcommand is not overwritten by its default.
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="the store's folder (default: local app data)",
    )
    common.add_argument(
        "--passphrase-file",
        type=Path,
        default=argparse.SUPPRESS,
        help="read the passphrase from the first line of FILE",
    )

    parser = _Parser(prog="caseapp", parents=[common], description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"caseapp {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def add(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    add_store_commands(add)
    add_export_commands(add)
    add_report_commands(add)
    add_server_commands(add)
    parser.set_defaults(func=cmd_gui)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        # Set here, not as parser defaults: parent parsers share their option objects.
        args.passphrase_file = getattr(args, "passphrase_file", None)
        args.data_dir = getattr(args, "data_dir", None)
        if args.command != "demo" and args.data_dir is None:
            args.data_dir = default_data_dir()
        return args.func(args)
    except CliError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - last line of defence against tracebacks
        # The exception's text may hold personal data; its type name never does.
        print(f"caseapp stopped on an unexpected error ({type(exc).__name__}).", file=sys.stderr)
        return EXIT_FAILED
