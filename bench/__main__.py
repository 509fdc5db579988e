"""`python -m bench [--quick] [--dir FOLDER]`, from the repository root."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench import caseload_bench, insight_bench, report_bench, store_bench, team_bench, ui_bench
from caseapp.store.keyfile import allow_cheap_costs_for_tests

# Each suite prints its own lines, in this order.
SUITES = {
    "store": store_bench.run,
    "caseload": caseload_bench.run,
    "ui": ui_bench.run,
    "report": report_bench.run,
    "insight": insight_bench.run,
    "team": team_bench.run,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a subset, smaller sizes, under a minute")
    parser.add_argument(
        "--dir", type=Path, default=None,
        help="where the throwaway databases go (default: the system's temporary folder); "
        "choose the disk the caseload lives on to include its fsync cost",
    )
    parser.add_argument(
        "--only", choices=list(SUITES), action="append", help="run just this suite (may be repeated)"
    )
    args = parser.parse_args(argv)
    # The benchmarks' stores are throwaway, as the test suite's are: their key derivation is
    # measured on its own (store.kdf), so each store is made at the cheap cost.
    allow_cheap_costs_for_tests()
    for name, run in SUITES.items():
        if not args.only or name in args.only:
            run(quick=args.quick, folder=args.dir)


if __name__ == "__main__":
    main()
