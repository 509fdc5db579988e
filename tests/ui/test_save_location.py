"""Where a PDF is saved: the save dialog opens in the last folder used (never the file name
chosen there) or in Documents, names made the same day differ and carry no personal data,
and a PDF no viewer can open is found through its folder."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QUrl

from caseapp.reports.api import ReportKind
from caseapp.services import output_files
from caseapp.services.registry import Services, open_services
from caseapp.store import Store
from caseapp.ui.printing import print_dialog
from caseapp.ui.printing.print_dialog import PrintDialog
from caseapp.ui.widgets import confirm
from tests.conftest import PASSPHRASE
from tests.reports.conftest import make_case
from tests.ui.conftest import TODAY, Answers

DAY = TODAY.isoformat()
STAMP = datetime(2026, 11, 21, 14, 12)


class Places:
    """The user's folders as the desktop reports them: a Documents and a home in the test's folder."""

    StandardLocation = QStandardPaths.StandardLocation

    def __init__(self, root: Path) -> None:
        self.documents = root / "Documents"
        self.home = root / "home"
        self.documents.mkdir()
        self.home.mkdir()

    def writableLocation(self, location: QStandardPaths.StandardLocation) -> str:  # noqa: N802 - Qt's name
        if location == QStandardPaths.StandardLocation.DocumentsLocation:
            return str(self.documents)
        if location == QStandardPaths.StandardLocation.HomeLocation:
            return str(self.home)
        return ""


class SaveAs:
    """Stands in for the system's save-as window: notes where it opened, answers `answer`."""

    def __init__(self) -> None:
        self.opened_at: list[Path] = []
        self.captions: list[str] = []
        self.answer = ""

    def getSaveFileName(self, parent, caption: str, folder: str, filter: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]  # noqa: N802, A002
        self.captions.append(caption)
        self.opened_at.append(Path(folder))
        return self.answer, filter


@pytest.fixture
def places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Places:
    found = Places(tmp_path)
    monkeypatch.setattr(print_dialog, "QStandardPaths", found)
    elsewhere = tmp_path / "started-from-here"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the working folder, which the save dialog must not use
    return found


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> SaveAs:
    window = SaveAs()
    monkeypatch.setattr(print_dialog, "QFileDialog", window)
    monkeypatch.setattr(print_dialog, "now", lambda: STAMP)
    return window


@pytest.fixture
def viewer(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Path]]:
    opened: dict[str, list[Path]] = {"files": [], "folders": []}

    def show(path: Path) -> bool:
        opened["files"].append(path)
        return True

    monkeypatch.setattr(print_dialog, "open_in_viewer", show)
    monkeypatch.setattr(print_dialog, "open_folder", lambda folder: opened["folders"].append(folder) or True)
    return opened


def open_save_as(qtbot, services: Services, save_as: SaveAs, kind: ReportKind = ReportKind.CASELOAD,  # type: ignore[no-untyped-def]
                 record_id: int | None = None) -> PrintDialog:
    """The save-as window opened, and cancelled there: nothing is printed."""
    save_as.answer = ""
    dialog = PrintDialog(services, kind, record_id=record_id)
    qtbot.addWidget(dialog)
    dialog.start()
    assert not dialog.job.running
    return dialog


def print_to(qtbot, services: Services, save_as: SaveAs, out: Path, kind: ReportKind = ReportKind.CASELOAD,  # type: ignore[no-untyped-def]
             record_id: int | None = None) -> PrintDialog:
    save_as.answer = str(out)
    dialog = PrintDialog(services, kind, record_id=record_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished, timeout=30_000):
        dialog.start()
    assert out.is_file()
    return dialog


# -- where the save dialog opens ---------------------------------------------------------


def test_the_first_save_opens_in_documents_not_the_working_folder(qtbot, services: Services, places, save_as) -> None:  # type: ignore[no-untyped-def]
    dialog = open_save_as(qtbot, services, save_as)
    assert save_as.opened_at == [places.documents / f"caseload-report-{DAY}-1412.pdf"]
    assert save_as.captions == ["Save the PDF"]
    # Cancelled in the save-as window: nothing printed, the dialog still open to try again.
    assert not dialog.job.running and dialog.save_button.isEnabled() and not dialog.progress.isVisible()
    assert list(places.documents.iterdir()) == []


def test_without_a_documents_folder_it_opens_at_home(qtbot, services: Services, places, save_as) -> None:  # type: ignore[no-untyped-def]
    places.documents.rmdir()
    open_save_as(qtbot, services, save_as)
    assert save_as.opened_at == [places.home / f"caseload-report-{DAY}-1412.pdf"]


def test_the_next_save_opens_in_the_last_folder_used_without_its_file_name(  # type: ignore[no-untyped-def]
    qtbot, services: Services, places, save_as, viewer, tmp_path,
) -> None:
    first, second = tmp_path / "Case files", tmp_path / "For managers"
    first.mkdir()
    second.mkdir()
    print_to(qtbot, services, save_as, first / "Zoe Walker caseload.pdf")
    open_save_as(qtbot, services, save_as)
    assert save_as.opened_at[-1] == first / f"caseload-report-{DAY}-1412.pdf"

    print_to(qtbot, services, save_as, second / "another.pdf")
    open_save_as(qtbot, services, save_as)
    assert save_as.opened_at[-1] == second / f"caseload-report-{DAY}-1412.pdf"

    # Back to a folder used before: the last one used, not the newest to the list.
    print_to(qtbot, services, save_as, first / "again.pdf")
    open_save_as(qtbot, services, save_as)
    assert save_as.opened_at[-1] == first / f"caseload-report-{DAY}-1412.pdf"
    assert not any("Zoe" in str(p) or "again" in str(p) for p in save_as.opened_at)
    assert viewer["files"] == [first / "Zoe Walker caseload.pdf", second / "another.pdf", first / "again.pdf"]


def test_the_last_folder_is_kept_in_the_store_across_a_restart(  # type: ignore[no-untyped-def]
    qtbot, services: Services, places, save_as, viewer, tmp_path,
) -> None:
    cases = tmp_path / "Case files"
    cases.mkdir()
    print_to(qtbot, services, save_as, cases / "chosen.pdf")
    services.store.close(backup=False)

    reopened = Store(services.store.folder)
    reopened.unlock(PASSPHRASE)
    try:
        again = open_services(reopened, today=lambda: TODAY)
        open_save_as(qtbot, again, save_as)
        assert save_as.opened_at[-1] == cases / f"caseload-report-{DAY}-1412.pdf"

        # The folder has gone (a memory stick taken out): Documents, not a dialog on nothing.
        (cases / "chosen.pdf").unlink()
        cases.rmdir()
        open_save_as(qtbot, again, save_as)
        assert save_as.opened_at[-1] == places.documents / f"caseload-report-{DAY}-1412.pdf"
    finally:
        reopened.close(backup=False)


# -- the names offered -------------------------------------------------------------------


def test_documents_made_the_same_day_get_distinct_names_with_nothing_personal(  # type: ignore[no-untyped-def]
    qtbot, services: Services, places, save_as, viewer, monkeypatch, tmp_path,
) -> None:
    case = make_case(services)  # Zoë Walker, ሰምሃር ተኽለ in her own script
    services.workers.edit_worker(worker_id=services.worker_id, phone="07700 900123")
    folder = tmp_path / "Prints"
    folder.mkdir()
    output_files.remember_folder(services.store, folder)
    offered: list[str] = []

    def take_the_offer(parent, suggested: Path) -> Path:  # type: ignore[no-untyped-def]
        offered.append(suggested.name)
        assert suggested.parent == folder
        return suggested

    monkeypatch.setattr(print_dialog, "ask_where", take_the_offer)
    records = {ReportKind.HAND_OFF_PACK: case.hand_off.id, ReportKind.CASE_SUMMARY: case.person.id,
               ReportKind.CASELOAD: None}
    stems = {ReportKind.HAND_OFF_PACK: f"handoff-pack-{DAY}",
             ReportKind.CASE_SUMMARY: f"case-summary-{case.person.id}-{DAY}",
             ReportKind.CASELOAD: f"caseload-report-{DAY}"}
    for moment in (STAMP, STAMP, STAMP.replace(minute=13)):
        monkeypatch.setattr(print_dialog, "now", lambda moment=moment: moment)
        for kind in ReportKind:
            dialog = PrintDialog(services, kind, record_id=records[kind])
            qtbot.addWidget(dialog)
            with qtbot.waitSignal(dialog.finished, timeout=30_000):
                dialog.start()

    assert len(offered) == 3 * len(ReportKind) and len(set(offered)) == len(offered)
    for kind in ReportKind:
        made = [name for name in offered if name.startswith(stems[kind])]
        # 14:12, a second in the same minute (a running number), then 14:13.
        assert made == [f"{stems[kind]}-1412.pdf", f"{stems[kind]}-1412-2.pdf", f"{stems[kind]}-1413.pdf"]
    for name in offered:
        assert re.fullmatch(r"[a-z-]+(-\d+)?-\d{4}-\d{2}-\d{2}-\d{4}(-\d+)?\.pdf", name), name
        assert not any(part in name.lower() for part in ("zo", "walker", "semhar", "ሰምሃር", "alex", "morgan"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(offered)


def test_a_name_taken_by_a_link_or_folder_is_not_offered(qtbot, services: Services, places, save_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    output_files.remember_folder(services.store, places.documents)
    (places.documents / f"caseload-report-{DAY}-1412.pdf").symlink_to(tmp_path / "nowhere")
    (places.documents / f"caseload-report-{DAY}-1412-2.pdf").mkdir()
    open_save_as(qtbot, services, save_as)
    assert save_as.opened_at == [places.documents / f"caseload-report-{DAY}-1412-3.pdf"]


# -- when no viewer opens it -------------------------------------------------------------


def no_viewer(monkeypatch: pytest.MonkeyPatch, folder_opens: bool = True) -> dict[str, list[Path]]:
    tried: dict[str, list[Path]] = {"files": [], "folders": []}

    def refuse(path: Path) -> bool:
        tried["files"].append(path)
        return False

    def show_folder(folder: Path) -> bool:
        tried["folders"].append(folder)
        return folder_opens

    monkeypatch.setattr(print_dialog, "open_in_viewer", refuse)
    monkeypatch.setattr(print_dialog, "open_folder", show_folder)
    return tried


def test_when_no_viewer_opens_the_pdf_the_app_says_so_and_opens_its_folder(  # type: ignore[no-untyped-def]
    qtbot, services: Services, places, save_as, answers: Answers, monkeypatch, tmp_path,
) -> None:
    tried = no_viewer(monkeypatch)
    out = tmp_path / "Prints" / "report.pdf"
    out.parent.mkdir()
    dialog = print_to(qtbot, services, save_as, out)
    [asked] = answers.asked
    assert asked == (f"The PDF is saved as {out}, but no program to show PDF files could be opened on this "
                     "computer. Open the folder it is in, to open or print it from there?")
    assert tried == {"files": [out], "folders": [out.parent]}
    assert dialog.result() == PrintDialog.DialogCode.Accepted


def test_saying_no_leaves_the_folder_shut(  # type: ignore[no-untyped-def]
    qtbot, services: Services, places, save_as, answers: Answers, monkeypatch, tmp_path,
) -> None:
    tried = no_viewer(monkeypatch)
    answers.replies.append(False)
    print_to(qtbot, services, save_as, tmp_path / "report.pdf")
    assert len(answers.asked) == 1 and tried["folders"] == []


def test_when_the_folder_will_not_open_either_the_app_says_where_the_pdf_is(  # type: ignore[no-untyped-def]
    qtbot, services: Services, places, save_as, answers: Answers, monkeypatch, tmp_path,
) -> None:
    no_viewer(monkeypatch, folder_opens=False)
    told: list[str] = []
    monkeypatch.setattr(confirm, "tell", lambda parent, title, text: told.append(text))
    out = tmp_path / "report.pdf"
    print_to(qtbot, services, save_as, out)
    assert told == [f"The folder could not be opened either. The PDF is saved as {out}."]


def test_a_viewer_that_opens_asks_nothing(qtbot, services: Services, places, save_as, viewer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Any question here fails the test (no answers are given).
    print_to(qtbot, services, save_as, tmp_path / "report.pdf")
    assert viewer == {"files": [tmp_path / "report.pdf"], "folders": []}


def test_the_viewer_and_the_folder_are_asked_of_the_desktop(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    asked: list[QUrl] = []

    class Desktop:
        @staticmethod
        def openUrl(url: QUrl) -> bool:  # noqa: N802 - Qt's name
            asked.append(url)
            return Path(url.toLocalFile()).is_dir()  # a folder opens; no program takes a PDF

    monkeypatch.setattr(print_dialog, "QDesktopServices", Desktop)
    pdf = tmp_path / "report.pdf"
    assert print_dialog.open_in_viewer(pdf) is False
    assert print_dialog.open_folder(tmp_path) is True
    assert [url.toLocalFile() for url in asked] == [str(pdf), str(tmp_path)]
