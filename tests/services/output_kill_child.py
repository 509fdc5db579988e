"""The process tests/services/test_part_file_sweep.py kills: it saves an output and dies at the rename.

    python -m tests.services.output_kill_child KIND FOLDER OUT    (stdin: passphrase)

KIND is one of `pdf` (a case summary), `report` (the caseload report), `csv`, `xlsx` or
`oc3`; OUT is the file (or, for `oc3`, the folder)
to save in. The child unlocks the store at FOLDER, then saves; at the moment the finished
part-file would take its name, it kills itself with SIGKILL, so nothing of its own clean-up
runs: what it leaves is what a power cut or a killed process leaves.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 21)


def main(kind: str, folder: Path, out: Path) -> None:
    try:  # throwaway test stores use a cheap key derivation, allowed in this process only
        from caseapp.store.keyfile import allow_cheap_costs_for_tests
    except ImportError:
        pass
    else:
        allow_cheap_costs_for_tests()
    from caseapp.reports import api
    from caseapp.services.exports import ExportService
    from caseapp.services.oc3 import Oc3Service
    from caseapp.store import Store

    store = Store(folder)
    store.unlock(sys.stdin.readline().rstrip("\n"))

    def killed(*_args: object, **_kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = killed  # the rename is the one step this process never finishes
    if kind == "pdf":
        api.print_case_summary(store, person_id=1, out=out, actor_id=1, today=TODAY)
    elif kind == "report":
        api.print_caseload_report(store, out=out, actor_id=1, today=TODAY)
    elif kind == "oc3":
        Oc3Service(store, actor_id=1, today=lambda: TODAY).export(year=2026, folder=out, allow_problems=True)
    else:
        ExportService(store, actor_id=1, today=lambda: TODAY).export_caseload(path=out, format=kind)
    raise SystemExit("the save finished without reaching the rename")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
