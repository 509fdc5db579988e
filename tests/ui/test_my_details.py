"""File › My details: the worker's own phone, email, team and hours, printed on hand-off packs,
edited through the real window on a real encrypted store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from caseapp.models.codes import WorkerRole
from caseapp.services.registry import Services
from caseapp.ui.worker_dialog import WorkerDialog
from tests.ui.conftest import shown_window
from tests.ui.record_fixtures import shoot


@pytest.fixture
def mine(qtbot, services: Services) -> WorkerDialog:  # type: ignore[no-untyped-def]
    me = services.workers.get_worker(worker_id=services.worker_id)
    dialog = WorkerDialog(services, me, own=True)
    qtbot.addWidget(dialog)
    dialog.resize(dialog.sizeHint())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def retype(qtbot, edit: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.clear()
    qtbot.keyClicks(edit, text)


def save(qtbot, dialog: WorkerDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def problem_label(dialog: WorkerDialog, field_name: str) -> QLabel:
    return next(label for label in dialog.findChildren(QLabel) if label.accessibleName() == f"{field_name} problem")



def test_file_my_details_saves_phone_email_team_and_hours(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, services: Services, layout_settings: QSettings,
) -> None:
    window = shown_window(qtbot, services, layout_settings)
    seen: dict[str, object] = {}

    def fill(dialog: WorkerDialog) -> int:
        dialog.show()
        seen["title"] = dialog.windowTitle()
        seen["name"] = dialog.name.text()
        seen["save"] = dialog.save_button.accessibleName()
        retype(qtbot, dialog.phone, "07700 900123")
        retype(qtbot, dialog.email, "alex.morgan@borough.gov.uk")
        retype(qtbot, dialog.team, "Leaving care EET team")
        retype(qtbot, dialog.hours, "Monday to Thursday, 9am to 5pm")
        save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(WorkerDialog, "exec", fill)
    window.my_details_action.trigger()

    assert seen == {"title": "My details", "name": "Alex Morgan", "save": "Save details"}
    me = services.workers.get_worker(worker_id=services.worker_id)
    assert (me.phone, me.email, me.team, me.hours) == (
        "07700 900123", "alex.morgan@borough.gov.uk", "Leaving care EET team", "Monday to Thursday, 9am to 5pm")
    assert (me.name, me.role, me.active) == ("Alex Morgan", WorkerRole.EMPLOYABILITY_WORKER, True)
    assert me.reachable


def test_my_details_is_a_real_window_that_shows_what_is_stored(  # type: ignore[no-untyped-def]
    qtbot, services: Services, layout_settings: QSettings,
) -> None:
    services.workers.edit_worker(worker_id=services.worker_id, phone="01632 960123", hours="Mon-Wed")
    window = shown_window(qtbot, services, layout_settings)
    seen: dict[str, object] = {}

    def look() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, WorkerDialog) and w.isVisible()]
        try:
            if found:
                d = found[0]
                seen["modal"] = d.isModal()
                seen["shown"] = (d.phone.text(), d.email.text(), d.hours.text())
        finally:
            for d in found:
                d.reject()

    QTimer.singleShot(0, look)
    window.my_details_action.trigger()
    assert seen == {"modal": True, "shown": ("01632 960123", "", "Mon-Wed")}


def test_a_bad_email_is_refused_beside_it_and_nothing_typed_is_lost(  # type: ignore[no-untyped-def]
    qtbot, services: Services, mine: WorkerDialog,
) -> None:
    before = services.workers.get_worker(worker_id=services.worker_id)
    shoot(mine, "my_details")
    retype(qtbot, mine.phone, "07700 900123")
    retype(qtbot, mine.email, "alex at borough")
    retype(qtbot, mine.team, "Leaving care EET team")
    save(qtbot, mine)

    assert mine.isVisible() and not mine.result()
    label = problem_label(mine, "Email")
    assert label.isVisible()
    assert label.text() == "Email does not look like an email address."
    assert mine.errors.text("phone") == ""
    # Beside the field: under the email box, above the next row.
    QApplication.processEvents()
    assert mine.email.geometry().bottom() < label.geometry().top() < mine.team.geometry().top()
    assert mine.email.hasFocus()
    assert (mine.phone.text(), mine.email.text(), mine.team.text()) == (
        "07700 900123", "alex at borough", "Leaving care EET team")
    assert services.workers.get_worker(worker_id=services.worker_id) == before
    mine.resize(mine.sizeHint())
    shoot(mine, "my_details_refused")

    retype(qtbot, mine.email, "alex.morgan@borough.gov.uk")
    save(qtbot, mine)
    assert not mine.isVisible() and mine.result()
    me = services.workers.get_worker(worker_id=services.worker_id)
    assert (me.phone, me.email, me.team) == ("07700 900123", "alex.morgan@borough.gov.uk", "Leaving care EET team")


def test_a_phone_with_no_number_is_refused_beside_it(qtbot, services: Services, mine: WorkerDialog) -> None:  # type: ignore[no-untyped-def]
    retype(qtbot, mine.phone, "ask reception")
    save(qtbot, mine)
    assert problem_label(mine, "Phone").isVisible()
    assert mine.errors.text("phone") == "Phone needs a number to ring."
    assert mine.phone.text() == "ask reception"
    assert services.workers.get_worker(worker_id=services.worker_id).phone is None


def test_a_blank_name_is_refused_and_emptied_details_are_cleared(qtbot, services: Services, mine: WorkerDialog) -> None:  # type: ignore[no-untyped-def]
    services.workers.edit_worker(worker_id=services.worker_id, team="Old team")
    mine.team.setText("Old team")
    mine.name.clear()
    save(qtbot, mine)
    assert mine.errors.text("name") == "Name is required."
    assert mine.name.hasFocus()

    retype(qtbot, mine.name, "Alex Morgan-Reid")
    mine.team.clear()
    save(qtbot, mine)
    me = services.workers.get_worker(worker_id=services.worker_id)
    assert (me.name, me.team) == ("Alex Morgan-Reid", None)


def test_no_field_is_cut_off_at_the_size_it_opens(qtbot, mine: WorkerDialog) -> None:  # type: ignore[no-untyped-def]
    hint = mine.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    # The longest example still reads in full in its box.
    hours = mine.hours
    assert hours.fontMetrics().horizontalAdvance(hours.placeholderText()) < hours.width()
    for label in mine.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap():
            assert label.fontMetrics().horizontalAdvance(label.text().replace("&", "")) <= label.width(), label.text()
