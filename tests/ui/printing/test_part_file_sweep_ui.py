"""The desktop app tidies what an interrupted save left, as soon as the caseload is unlocked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from caseapp.services import output_files
from caseapp.services.registry import Services
from tests.conftest import PASSPHRASE
from tests.ui.conftest import shown_window

LEFT_BY_A_CRASH = ".caseapp-0123456789abcdef.part"


def test_unlocking_sweeps_the_folders_saved_in(  # type: ignore[no-untyped-def]
    qtbot, services: Services, layout_settings: QSettings, tmp_path: Path,
) -> None:
    saved_in = tmp_path / "saved-in"
    saved_in.mkdir()
    output_files.remember_folder(services.store, saved_in)
    (saved_in / LEFT_BY_A_CRASH).write_bytes(b"half a caseload")
    (saved_in / "caseload.csv").write_bytes(b"the worker's own file")

    window = shown_window(qtbot, services, layout_settings)  # opened unlocked: the start
    qtbot.waitUntil(lambda: not (saved_in / LEFT_BY_A_CRASH).exists(), timeout=5_000)
    assert [p.name for p in saved_in.iterdir()] == ["caseload.csv"]

    # Left again while locked (a killed command line, say): the next unlock tidies it too.
    window.lock_action.trigger()
    (saved_in / LEFT_BY_A_CRASH).write_bytes(b"half a caseload")
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(page.unlocked, timeout=10_000):
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not (saved_in / LEFT_BY_A_CRASH).exists(), timeout=5_000)
    assert [p.name for p in saved_in.iterdir()] == ["caseload.csv"]
