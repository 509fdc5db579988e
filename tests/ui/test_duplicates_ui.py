"""Likely duplicates, on a real store: asked on adding someone and on editing a name or date
of birth, with the record already on file offered first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from caseapp.services.registry import Services
from caseapp.ui.duplicates_dialog import DuplicatesDialog
from caseapp.ui.main_window import MainWindow
from caseapp.ui.new_person_dialog import NewPersonDialog
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.record.record_view import RecordView
from tests.ui.conftest import shown_window
from tests.ui.record_fixtures import shoot, unnamed_controls

BORN = date(2006, 9, 12)


@pytest.fixture
def semhar(services: Services) -> int:
    return services.people.add_young_person(
        given_name="Semhar", family_name="Berhane", own_script_name="ሰምሃር በርሀነ", date_of_birth=BORN,
        child_ref="CR-4471", worker_id=services.worker_id,
    ).id


@pytest.fixture
def window(qtbot, services: Services, semhar: int, layout_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    return shown_window(qtbot, services, layout_settings)


def when_shown(kind: type[QWidget], drive: Callable[[QWidget], None]) -> list[QWidget]:
    """Drive the `kind` window once its exec() shows it, then make sure it is closed: one left
    open would wait for a click for ever. Returns the windows driven, to check it happened."""
    driven: list[QWidget] = []

    def look(tries: int = 50) -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not shown:
            if tries:
                QTimer.singleShot(10, lambda: look(tries - 1))
            return
        try:
            drive(shown[0])
        finally:
            driven.append(shown[0])
            if shown[0].isVisible():
                shown[0].reject()  # type: ignore[attr-defined]

    QTimer.singleShot(0, look)
    return driven


def type_in(dialog: NewPersonDialog, given: str, family: str, born: date) -> None:
    # setText: the key simulator cannot type letters outside ASCII.
    dialog.form.widgets["given_name"].setText(given)  # type: ignore[attr-defined]
    dialog.form.widgets["family_name"].setText(family)  # type: ignore[attr-defined]
    dialog.form.widgets["date_of_birth"].set_value(born)  # type: ignore[attr-defined]



def people(services: Services) -> list[str]:
    return sorted(p.display_name for p in services.people.list_young_people())


def test_adding_the_same_person_opens_the_record_already_there(qtbot, window: MainWindow, services: Services,
                                                             semhar: int) -> None:  # type: ignore[no-untyped-def]
    seen: list[dict] = []

    def choose_open(dialog: DuplicatesDialog) -> None:
        seen.append({
            "title": dialog.windowTitle(),
            "row": [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())],
            "buttons": [b.text() for b in (dialog.open_button, dialog.continue_button, dialog.back_button)],
            "default": dialog.open_button.isDefault(),
        })
        seen.append({"unnamed": unnamed_controls(dialog)})
        dialog.resize(dialog.sizeHint())
        shoot(dialog, "duplicates-on-adding")
        dialog.table.clearSelection()  # Open needs a row to open
        assert not dialog.open_button.isEnabled()
        dialog.table.selectRow(0)
        dialog.open_button.click()

    def fill(dialog: NewPersonDialog) -> None:
        type_in(dialog, "Semhar", "Berhane", BORN)
        asked = when_shown(DuplicatesDialog, choose_open)
        dialog.save()
        assert asked, "no question about the record already on file"

    when_shown(NewPersonDialog, fill)
    window.new_person_action.trigger()

    assert seen == [{
        "title": "Already on file?",
        "row": ["Semhar Berhane", "ሰምሃር በርሀነ", "12/09/2006", str(semhar), "CR-4471", "Alex Morgan", "open"],
        "buttons": ["&Open this record", "&Add as a different person", "&Go back"],
        "default": True,
    }, {"unnamed": []}]
    assert people(services) == ["Semhar Berhane"]  # nothing added
    view = window.workspace.currentWidget()
    assert isinstance(view, RecordView) and view.person_id == semhar


def test_a_close_spelling_is_asked_about_too(qtbot, window: MainWindow, services: Services, semhar: int,
                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    twice = services.people.add_young_person(given_name="Semhar", family_name="Tesfamariam Berhane",
                                             date_of_birth=BORN).id
    services.people.close_case(person_id=twice, closed_on=date(2026, 10, 1), reason="Refuses contact")
    shown: list[list[tuple]] = []

    def look(dialog: DuplicatesDialog) -> int:
        shown.append([tuple(dialog.model.index(r, c).data() for c in (0, 5, 6))
                      for r in range(dialog.model.rowCount())])
        dialog.resize(dialog.sizeHint())
        shoot(dialog, "duplicates-two-on-file")
        dialog.back_button.click()
        return dialog.result()

    monkeypatch.setattr(DuplicatesDialog, "exec", look)
    dialog = NewPersonDialog(services, window)
    qtbot.addWidget(dialog)
    type_in(dialog, "Semhar", "Berhani", BORN)
    dialog.save()
    type_in(dialog, "Semhar", "Berhane", date(2006, 9, 13))  # a different birthday: someone else
    dialog.save()
    assert shown == [[("Semhar Berhane", "Alex Morgan", "open"),
                      ("Semhar Tesfamariam Berhane", "nobody yet", "closed on 01/10/2026")]]
    assert people(services) == ["Semhar Berhane", "Semhar Berhane", "Semhar Tesfamariam Berhane"]


def test_going_back_adds_nothing_and_keeps_the_typing(qtbot, window: MainWindow, services: Services,
                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(DuplicatesDialog, "exec", lambda d: (d.back_button.click(), d.result())[1])
    dialog = NewPersonDialog(services, window)
    qtbot.addWidget(dialog)
    type_in(dialog, "Semhar", "Berhane", BORN)
    dialog.form.widgets["phone"].setText("07700 900123")  # type: ignore[attr-defined]
    dialog.show()
    dialog.save()
    assert dialog.isVisible() and dialog.person_id is None
    values = dialog.form.values()
    assert (values["given_name"], values["family_name"], values["date_of_birth"], values["phone"]) == (
        "Semhar", "Berhane", BORN, "07700 900123")
    assert people(services) == ["Semhar Berhane"]


def test_adding_a_different_person_is_not_asked_again(qtbot, window: MainWindow, services: Services,
                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[DuplicatesDialog] = []

    def go_on(dialog: DuplicatesDialog) -> int:
        asked.append(dialog)
        dialog.continue_button.click()
        return dialog.result()

    monkeypatch.setattr(DuplicatesDialog, "exec", go_on)
    dialog = NewPersonDialog(services, window)
    qtbot.addWidget(dialog)
    type_in(dialog, "Semhar", "Berhane", BORN)
    dialog.form.widgets["email"].setText("not an address")  # type: ignore[attr-defined]
    dialog.save()
    assert len(asked) == 1 and dialog.form.error_text("email")  # refused for the email, not added
    assert people(services) == ["Semhar Berhane"]
    dialog.form.widgets["email"].setText("")  # type: ignore[attr-defined]
    dialog.save()
    assert len(asked) == 1  # the worker already said this is someone else
    assert dialog.person_id is not None
    assert people(services) == ["Semhar Berhane", "Semhar Berhane"]


def test_someone_new_is_added_without_a_question(qtbot, window: MainWindow, services: Services,
                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def unexpected(dialog: DuplicatesDialog) -> int:
        raise AssertionError("asked about a duplicate when nobody matches")

    monkeypatch.setattr(DuplicatesDialog, "exec", unexpected)
    dialog = NewPersonDialog(services, window)
    qtbot.addWidget(dialog)
    type_in(dialog, "Amna", "Elhassan", BORN)
    dialog.save()
    assert dialog.person_id is not None


# -- editing a profile ---------------------------------------------------------------------------


@pytest.fixture
def amna(services: Services) -> int:
    return services.people.add_young_person(
        given_name="Amna", family_name="Elhassan", date_of_birth=date(2005, 1, 30), worker_id=services.worker_id,
    ).id


def profile_of(window: MainWindow, person_id: int) -> ProfileTab:
    view = window.workspace.open_person(person_id)
    return next(p for p in view.pages if isinstance(p, ProfileTab))


def test_editing_into_someone_else_asks_and_can_save_anyway(qtbot, window: MainWindow, services: Services,
                                                           semhar: int, amna: int) -> None:  # type: ignore[no-untyped-def]
    profile = profile_of(window, amna)
    seen: list[tuple] = []

    def save_anyway(dialog: DuplicatesDialog) -> None:
        seen.append((dialog.continue_button.text(), [dialog.model.row_at(r).person_id
                                                     for r in range(dialog.model.rowCount())]))
        dialog.resize(dialog.sizeHint())
        shoot(dialog, "duplicates-on-editing")
        dialog.continue_button.click()

    profile.form.widgets["given_name"].setText("Semhar")  # type: ignore[attr-defined]
    profile.form.widgets["family_name"].setText("Berhane")  # type: ignore[attr-defined]
    profile.form.widgets["date_of_birth"].set_value(BORN)  # type: ignore[attr-defined]
    driven = when_shown(DuplicatesDialog, save_anyway)
    profile.save_button.click()
    assert driven
    assert seen == [("&Save anyway", [semhar])]  # never the record being edited
    edited = services.people.get_young_person(person_id=amna)
    assert (edited.given_name, edited.family_name, edited.date_of_birth) == ("Semhar", "Berhane", BORN)
    assert not profile.has_unsaved_changes()

    # Other fields change without the question coming back.
    profile.form.widgets["phone"].setText("07700 900456")  # type: ignore[attr-defined]
    assert profile.save()
    assert services.people.get_young_person(person_id=amna).phone == "07700 900456"


def test_editing_opens_the_record_already_there_and_keeps_the_edits(
        qtbot, window: MainWindow, services: Services, semhar: int, amna: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(DuplicatesDialog, "exec", lambda d: (d.open_button.click(), d.result())[1])
    profile = profile_of(window, amna)
    requested: list[int] = []
    profile.person_requested.connect(requested.append)
    profile.form.widgets["family_name"].setText("Berhane")  # type: ignore[attr-defined]
    profile.form.widgets["given_name"].setText("Semhar")  # type: ignore[attr-defined]
    profile.form.widgets["date_of_birth"].set_value(BORN)  # type: ignore[attr-defined]
    assert profile.save() is False
    assert requested == [semhar]
    current = window.workspace.currentWidget()
    assert isinstance(current, RecordView) and current.person_id == semhar
    assert services.people.get_young_person(person_id=amna).given_name == "Amna"  # nothing saved
    assert profile.has_unsaved_changes()  # and nothing lost


def test_going_back_from_an_edit_saves_nothing(qtbot, window: MainWindow, services: Services,
                                              semhar: int, amna: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(DuplicatesDialog, "exec", lambda d: (d.back_button.click(), d.result())[1])
    profile = profile_of(window, amna)
    profile.form.widgets["given_name"].setText("Semhar")  # type: ignore[attr-defined]
    profile.form.widgets["family_name"].setText("Berhani")  # type: ignore[attr-defined]
    profile.form.widgets["date_of_birth"].set_value(BORN)  # type: ignore[attr-defined]
    assert profile.save() is False
    assert services.people.get_young_person(person_id=amna).given_name == "Amna"
    assert profile.form.values()["family_name"] == "Berhani"
    assert window.workspace.currentWidget() is window.workspace.open_person(amna)
