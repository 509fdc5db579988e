"""Locking always locks: a long note, a print under way or a return being written never keep
the caseload open or a name on screen."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from caseapp.reports.api import ReportCancelled, ReportKind
from caseapp.services.registry import Services
from caseapp.ui.insight.oc3_dialog import Oc3Dialog
from caseapp.ui.main_window import MainWindow
from caseapp.ui.printing import print_dialog
from caseapp.ui.printing.print_dialog import PrintDialog
from caseapp.ui.record.checkins_tab import CheckInsTab
from caseapp.ui.settings_dialog import SettingsDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import Answers


def unlock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.unlock_page.unlocked, timeout=10_000):
        window.unlock_page.passphrase.setText(PASSPHRASE)
        window.unlock_page.unlock()


def test_a_very_long_note_is_kept_whole_and_the_app_still_locks(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: Services, people,
) -> None:
    note = "Long account of the week. " * 1500  # ~39,000 characters, longer than any saved note
    view = window.workspace.open_person(people["Amna"])
    view.show_page(CheckInsTab)
    view.page(CheckInsTab).note.setPlainText(note)

    window.lock()
    assert not services.store.is_unlocked
    assert window.windowTitle() == "caseapp — locked"

    unlock(qtbot, window)
    assert window.workspace.currentWidget().page(CheckInsTab).note.toPlainText() == note


def test_a_failure_while_keeping_drafts_still_locks(window: MainWindow, services: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(drafts: dict) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(services.drafts, "keep_drafts", broken)
    with pytest.raises(OSError):
        window.lock()
    assert not services.store.is_unlocked
    assert window.workspace is None
    assert window.windowTitle() == "caseapp — locked"


@pytest.fixture
def viewer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    opened: list[Path] = []
    monkeypatch.setattr(print_dialog, "ask_where", lambda parent, suggested: tmp_path / "report.pdf")
    monkeypatch.setattr(print_dialog, "open_in_viewer", opened.append)
    return opened


def test_locking_mid_print_closes_the_dialog_and_opens_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: Services, viewer,
) -> None:
    release = threading.Event()
    dialog = PrintDialog(services, ReportKind.CASELOAD, parent=window)

    def held_writer(out, password):  # type: ignore[no-untyped-def]
        def held(progress, cancelled):  # type: ignore[no-untyped-def]
            # A report past its last check for Cancel: it finishes, and the viewer must stay shut.
            release.wait(10)
            out.write_bytes(b"%PDF-1.7")
            return out

        return held

    dialog._writer = held_writer
    dialog.show()
    dialog.start()
    assert dialog.job.running

    window.lock()
    assert not dialog.isVisible()
    with qtbot.waitSignal(dialog.job.saved, timeout=30_000):
        release.set()
    assert viewer == []


def test_closing_the_print_dialog_while_printing_cancels(qtbot, services: Services, viewer) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    dialog = PrintDialog(services, ReportKind.CASELOAD)
    qtbot.addWidget(dialog)

    def write(progress, cancelled):  # type: ignore[no-untyped-def]
        release.wait(10)
        if cancelled():  # as the real documents check between pages
            raise ReportCancelled()
        return Path("never.pdf")

    dialog._writer = lambda out, password: write
    dialog.show()
    dialog.start()
    dialog.close()  # the title bar's close button
    assert dialog.isVisible()  # it stays open to say what happened
    with qtbot.waitSignal(dialog.job.failed, timeout=10_000):
        release.set()
    assert dialog.problem.text() == "Printing was cancelled. Nothing was saved."
    assert viewer == []


def test_locking_mid_return_takes_the_names_off_screen(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch, answers: Answers,
) -> None:
    release = threading.Event()
    real_export = services.oc3.export

    def held_export(**kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real_export(**kwargs)

    monkeypatch.setattr(services.oc3, "export", held_export)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append(text))
    dialog = Oc3Dialog(services, window)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=10_000)
    assert dialog.report is not None and dialog.report.problems  # the people have no child reference yet
    dialog.export(draft=True)
    assert dialog.task.running

    window.lock()
    assert not dialog.isVisible()
    assert not any(isinstance(w, Oc3Dialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    release.set()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=10_000)
    assert told == []  # nothing pops up over the locked window


def test_dialogs_opened_from_the_window_are_let_go(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: 0)
    window.edit_settings()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert window.findChildren(SettingsDialog) == []


def test_unsaved_profile_edits_come_back_after_a_lock(qtbot, window: MainWindow, services: Services, people) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from caseapp.models.codes import SkillLevel
    from caseapp.ui.record.profile_tab import ProfileTab

    view = window.workspace.open_person(people["Amna"])
    form = view.page(ProfileTab).form
    form.widgets["preferred_name"].setText("Mina")
    form.widgets["english_level"].set_value(SkillLevel.LEVEL_1)
    form.widgets["date_of_birth"].set_value(date(2006, 7, 8))
    assert view.page(ProfileTab).has_unsaved_changes()

    window.lock()
    unlock(qtbot, window)

    profile = window.workspace.currentWidget().page(ProfileTab)
    assert profile.has_unsaved_changes()  # still to be saved or undone, as before the lock
    values = profile.form.values()
    assert values["preferred_name"] == "Mina"
    assert values["english_level"] == SkillLevel.LEVEL_1
    assert values["date_of_birth"] == date(2006, 7, 8)
    assert services.people.get_young_person(person_id=people["Amna"]).preferred_name is None
    assert services.drafts.take_drafts() == {}


def test_closing_a_record_with_unsaved_changes_offers_save_discard_and_cancel(  # type: ignore[no-untyped-def]
        window: MainWindow, services: Services, people, monkeypatch) -> None:
    from caseapp.ui.record.profile_tab import ProfileTab
    from caseapp.ui.widgets import confirm

    replies: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(confirm, "ask_unsaved", lambda parent, what: (asked.append(what), replies.pop(0))[1])
    view = window.workspace.open_person(people["Amna"])
    view.page(ProfileTab).form.widgets["preferred_name"].setText("Mina")
    replies[:] = ["cancel"]
    window.close_tab_action.trigger()
    assert view in window.workspace.record_views()
    assert "not saved" in asked[-1]
    replies[:] = ["save"]
    window.close_tab_action.trigger()
    assert view not in window.workspace.record_views()
    assert services.people.get_young_person(person_id=people["Amna"]).preferred_name == "Mina"

    again = window.workspace.open_person(people["Amna"])
    again.page(ProfileTab).form.widgets["preferred_name"].setText("Amnah")
    replies[:] = ["discard"]
    window.close_tab_action.trigger()
    assert again not in window.workspace.record_views()
    assert services.people.get_young_person(person_id=people["Amna"]).preferred_name == "Mina"


def test_a_save_refused_on_closing_keeps_the_record_open_with_its_sentence(  # type: ignore[no-untyped-def]
        window: MainWindow, services: Services, people, monkeypatch) -> None:
    from caseapp.ui.record.profile_tab import ProfileTab
    from caseapp.ui.widgets import confirm

    monkeypatch.setattr(confirm, "ask_unsaved", lambda parent, what: "save")
    view = window.workspace.open_person(people["Amna"])
    profile = view.page(ProfileTab)
    profile.form.widgets["given_name"].setText("")
    window.close_tab_action.trigger()
    assert view in window.workspace.record_views()
    assert view.tabs.currentWidget() is profile
    assert profile.form.widgets["given_name"].text() == ""  # nothing thrown away


def test_the_caseload_choices_survive_a_lock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    caseload = window.workspace.caseload
    caseload.everyone.setChecked(True)
    caseload.filter.setCurrentIndex(caseload.filter.count() - 1)
    chosen = caseload.filter.currentData()
    window.lock()
    unlock(qtbot, window)
    caseload = window.workspace.caseload
    assert caseload.everyone.isChecked() and not caseload.mine.isChecked()
    assert caseload.filter.currentData() == chosen


def test_a_dialog_closed_by_a_lock_waits_for_its_job_before_it_goes(qtbot, services: Services, viewer) -> None:  # type: ignore[no-untyped-def]
    import shiboken6

    release = threading.Event()
    dialog = PrintDialog(services, ReportKind.CASELOAD)
    dialog._writer = lambda out, password: lambda progress, cancelled: (release.wait(10), out)[1]
    dialog.show()
    dialog.start()
    dialog.close_for_lock()
    dialog.release()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert shiboken6.isValid(dialog)  # its job still reports to it
    with qtbot.waitSignal(dialog.job.saved, timeout=10_000):
        release.set()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(dialog)
    assert viewer == []


def test_an_export_when_the_app_locks_shows_nothing_over_the_lock(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch,
) -> None:
    from PySide6.QtCore import QTimer

    from caseapp.services.exports import ExportFormat
    from caseapp.ui.insight import export_caseload as export_module

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append(text))
    monkeypatch.setattr(export_module, "ask_path", lambda parent, svc: (tmp_path / "caseload.csv", ExportFormat.CSV))
    release = threading.Event()
    real_export = services.exports.export_caseload

    def held_export(**kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real_export(**kwargs)  # the store is locked by now: refused, nothing written

    monkeypatch.setattr(services.exports, "export_caseload", held_export)

    def lock_then_let_go() -> None:
        window.lock()
        release.set()

    QTimer.singleShot(50, lock_then_let_go)
    window.export_action.trigger()
    assert not services.store.is_unlocked
    assert told == []
    assert window.statusBar().currentMessage() == ""
    assert not (tmp_path / "caseload.csv").exists()
