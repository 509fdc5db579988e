"""`python -m bench [--quick] [--dir FOLDER]`, from the repository root."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench import caseload_bench, store_bench

# Each suite prints its own lines; later ones (caseload query, search, start-up) join here.
SUITES = (store_bench.run, caseload_bench.run, __import__("bench.ui_bench").ui_bench.run, __import__("bench.report_bench").report_bench.run, __import__("bench.insight_bench").insight_bench.run)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a subset, smaller sizes, under a minute")
    parser.add_argument(
        "--dir", type=Path, default=None,
        help="where the throwaway databases go (default: the system's temporary folder); "
        "choose the disk the caseload lives on to include its fsync cost",
    )
    args = parser.parse_args(argv)
    for run in SUITES:
        run(quick=args.quick, folder=args.dir)


if __name__ == "__main__":
    main()
