"""File › Colleagues: adding, editing and making inactive the workers and PAs young people are
allocated to, driven through the real windows on a real encrypted store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox

from caseapp.models.codes import WorkerRole
from caseapp.services.registry import Services
from caseapp.services.workers import WorkerRecord
from caseapp.ui.colleagues_dialog import ColleaguesDialog
from caseapp.ui.new_person_dialog import NewPersonDialog
from caseapp.ui.record.person_form import PersonForm
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.worker_dialog import WorkerDialog
from tests.ui.conftest import shown_window
from tests.ui.record_fixtures import shoot


@pytest.fixture
def dialog(qtbot, services: Services) -> ColleaguesDialog:  # type: ignore[no-untyped-def]
    d = ColleaguesDialog(services)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.fixture
def pa(services: Services) -> WorkerRecord:
    return services.workers.add_worker(name="Priya Shah", role="personal_adviser", phone="01632 960001",
                                       email="priya.shah@borough.gov.uk", team="Leaving care PAs")


def young_person(services: Services, given: str, **allocation: int | None) -> int:
    return services.people.add_young_person(
        given_name=given, family_name="Tekle", date_of_birth=date(2007, 3, 14), **allocation).id


def filling_worker_dialog(monkeypatch: pytest.MonkeyPatch, fill: Callable[[WorkerDialog], None]) -> list[WorkerDialog]:
    """The next add or edit window is shown, `fill`ed in and left as `fill` leaves it, instead
    of waiting for a person; each one opened is kept so the test can look at it."""
    opened: list[WorkerDialog] = []

    def run(self: WorkerDialog) -> int:
        opened.append(self)
        self.show()
        fill(self)
        return self.result()

    monkeypatch.setattr(WorkerDialog, "exec", run)
    return opened


def type_into(qtbot, dialog: WorkerDialog, **fields: str) -> None:  # type: ignore[no-untyped-def]
    for name, text in fields.items():
        edit = getattr(dialog, name)
        edit.clear()
        qtbot.keyClicks(edit, text)


def rows(dialog: ColleaguesDialog) -> list[list[str]]:
    model = dialog.view.model
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())]


def column(dialog: ColleaguesDialog, header: str) -> int:
    model = dialog.view.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(header)


def row_of(dialog: ColleaguesDialog, name: str) -> list[str]:
    return next(r for r in rows(dialog) if r[column(dialog, "Name")].startswith(name))


def select(dialog: ColleaguesDialog, name: str) -> None:
    names = [r[column(dialog, "Name")] for r in rows(dialog)]
    dialog.view.table.selectRow(next(i for i, n in enumerate(names) if n.startswith(name)))
    assert dialog.selected() is not None and dialog.selected().name == name


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)



class _Laptop:
    """A 1366 by 768 screen less its task bar: the size the window is laid out for."""

    @staticmethod
    def availableGeometry() -> QRect:  # noqa: N802 - as Qt names it
        return QRect(0, 0, 1366, 728)


def laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ColleaguesDialog, "screen", lambda self: _Laptop())


def visible_choices(combo: QComboBox) -> list[str]:
    """What the drop-down list offers: rows that are shown and can be picked."""
    view = combo.view()
    model = combo.model()
    return [combo.itemText(i) for i in range(combo.count())
            if not view.isRowHidden(i) and model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled]


# -- the list -----------------------------------------------------------------------------


def test_lists_everyone_with_the_owner_marked_and_their_open_cases(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, services: Services, pa: WorkerRecord,
) -> None:
    young_person(services, "Sem", worker_id=services.worker_id, pa_id=pa.id)
    young_person(services, "Dawit", worker_id=pa.id, pa_id=pa.id)  # both roles: one case
    closed = young_person(services, "Luwam", pa_id=pa.id)
    services.people.close_case(person_id=closed, reason="Moved away", closed_on=date(2026, 11, 1))
    laptop(monkeypatch)
    d = ColleaguesDialog(services)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert row_of(d, "Alex Morgan")[column(d, "Name")] == "Alex Morgan (you)"
    priya = row_of(d, "Priya Shah")
    assert priya[column(d, "Role")] == "Personal Adviser"
    assert priya[column(d, "Phone")] == "01632 960001"
    assert priya[column(d, "Email")] == "priya.shah@borough.gov.uk"
    assert priya[column(d, "Team")] == "Leaving care PAs"
    assert priya[column(d, "Status")] == "Active"
    assert row_of(d, "Alex Morgan")[column(d, "Open cases")] == "1"
    assert priya[column(d, "Open cases")] == "2"  # a closed case is not held
    # Nothing chosen yet: only adding can be done.
    assert d.view.add_button.isEnabled()
    assert not d.view.edit_button.isEnabled() and not d.view.active_button.isEnabled()
    # It opens wide enough to read every column without scrolling sideways, on a small laptop
    # (the test's own screen is narrower, so the room there is worked out from the hint).
    hint = d.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 728
    table = d.view.table
    around_the_table = d.width() - table.viewport().width()
    assert table.horizontalHeader().length() <= hint.width() - around_the_table
    shoot(d, "colleagues")


# -- adding and editing -------------------------------------------------------------------


def test_add_colleague_saves_them_and_selects_them(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, services: Services, dialog: ColleaguesDialog,
) -> None:
    def fill(w: WorkerDialog) -> None:
        assert w.windowTitle() == "Add colleague"
        assert w.role.value() == WorkerRole.PERSONAL_ADVISER  # most colleagues added are PAs
        type_into(qtbot, w, name="Jordan Blake", phone="07700 900456", email="jordan.blake@borough.gov.uk",
                  team="Leaving care PAs", hours="Mon-Wed")
        shoot(w, "add_colleague")
        click(qtbot, w.save_button)

    filling_worker_dialog(monkeypatch, fill)
    click(qtbot, dialog.view.add_button)

    added = [w for w in services.workers.list_workers() if w.name == "Jordan Blake"]
    assert len(added) == 1
    jordan = added[0]
    assert (jordan.role, jordan.phone, jordan.email, jordan.team, jordan.hours, jordan.active) == (
        WorkerRole.PERSONAL_ADVISER, "07700 900456", "jordan.blake@borough.gov.uk", "Leaving care PAs", "Mon-Wed", True)
    assert dialog.selected() is not None and dialog.selected().id == jordan.id
    assert row_of(dialog, "Jordan Blake")[column(dialog, "Status")] == "Active"
    assert dialog.view.edit_button.isEnabled() and dialog.view.active_button.isEnabled()


def test_a_refused_colleague_stays_in_the_window_with_the_reason_beside_the_field(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, services: Services, dialog: ColleaguesDialog,
) -> None:
    seen: dict[str, str] = {}

    def fill(w: WorkerDialog) -> None:
        type_into(qtbot, w, phone="07700 900456", email="jordan at borough")
        click(qtbot, w.save_button)
        seen["name"], seen["email"] = w.errors.text("name"), w.errors.text("email")
        seen["typed"] = w.email.text() + "|" + w.phone.text()
        seen["open"] = str(w.isVisible())

    filling_worker_dialog(monkeypatch, fill)
    before = services.workers.list_workers()
    click(qtbot, dialog.view.add_button)
    assert seen["name"] == "Name is required."
    assert seen["email"] == "Email does not look like an email address."
    assert seen["typed"] == "jordan at borough|07700 900456"
    assert seen["open"] == "True"
    assert services.workers.list_workers() == before


def test_edit_colleague_changes_their_details(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, services: Services, pa: WorkerRecord, dialog: ColleaguesDialog,
) -> None:
    def fill(w: WorkerDialog) -> None:
        assert w.windowTitle() == "Edit colleague"
        assert (w.name.text(), w.phone.text(), w.email.text()) == (
            "Priya Shah", "01632 960001", "priya.shah@borough.gov.uk"
        )
        assert w.role.value() == WorkerRole.PERSONAL_ADVISER
        type_into(qtbot, w, phone="01632 960999", team="")
        w.role.set_value(WorkerRole.EMPLOYABILITY_WORKER)
        click(qtbot, w.save_button)

    filling_worker_dialog(monkeypatch, fill)
    select(dialog, "Priya Shah")
    click(qtbot, dialog.view.edit_button)
    stored = services.workers.get_worker(worker_id=pa.id)
    assert (stored.phone, stored.team, stored.role) == ("01632 960999", None, WorkerRole.EMPLOYABILITY_WORKER)
    assert stored.email == "priya.shah@borough.gov.uk"  # what was not touched stays
    assert row_of(dialog, "Priya Shah")[column(dialog, "Phone")] == "01632 960999"
    assert dialog.selected().id == pa.id


def test_cancelling_an_edit_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, services: Services, pa: WorkerRecord, dialog: ColleaguesDialog,
) -> None:
    def fill(w: WorkerDialog) -> None:
        type_into(qtbot, w, phone="01632 960999")
        w.reject()

    filling_worker_dialog(monkeypatch, fill)
    select(dialog, "Priya Shah")
    click(qtbot, dialog.view.edit_button)
    assert services.workers.get_worker(worker_id=pa.id) == pa


def test_editing_yourself_from_the_list_is_my_details(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, services: Services, dialog: ColleaguesDialog,
) -> None:
    opened = filling_worker_dialog(monkeypatch, lambda w: w.reject())
    select(dialog, "Alex Morgan")
    click(qtbot, dialog.view.edit_button)
    assert opened[0].windowTitle() == "My details"


# -- inactive and active again -------------------------------------------------------------


def test_make_inactive_asks_first_saying_who_is_still_allocated(  # type: ignore[no-untyped-def]
    qtbot, services: Services, pa: WorkerRecord, dialog: ColleaguesDialog, answers,
) -> None:
    young_person(services, "Sem", worker_id=services.worker_id, pa_id=pa.id)
    young_person(services, "Dawit", worker_id=pa.id)
    dialog.reload()
    select(dialog, "Priya Shah")
    assert dialog.view.active_button.text() == "Make &inactive…"

    answers.replies.append(False)
    click(qtbot, dialog.view.active_button)
    assert "2 young people are still allocated to them" in answers.asked[-1]
    assert "no longer offered as a worker or Personal Adviser" in answers.asked[-1]
    assert services.workers.get_worker(worker_id=pa.id).active  # said no: nothing changed

    click(qtbot, dialog.view.active_button)  # this time yes
    assert len(answers.asked) == 2
    assert not services.workers.get_worker(worker_id=pa.id).active
    assert row_of(dialog, "Priya Shah")[column(dialog, "Status")] == "Inactive"
    assert dialog.selected().id == pa.id
    # Allocations stay as they were: someone must open each record to hand it on.
    assert services.workers.allocations().get(pa.id, 0) == 2
    assert dialog.view.active_button.text().replace("&", "") == "Make active"
    shoot(dialog, "colleagues_inactive")


def test_one_young_person_still_allocated_is_said_in_the_singular(  # type: ignore[no-untyped-def]
    qtbot, services: Services, pa: WorkerRecord, dialog: ColleaguesDialog, answers,
) -> None:
    young_person(services, "Sem", pa_id=pa.id)
    dialog.reload()
    select(dialog, "Priya Shah")
    click(qtbot, dialog.view.active_button)
    assert "1 young person is still allocated to them" in answers.asked[-1]


def test_a_colleague_with_nobody_allocated_is_asked_about_without_a_count(  # type: ignore[no-untyped-def]
    qtbot, services: Services, pa: WorkerRecord, dialog: ColleaguesDialog, answers,
) -> None:
    select(dialog, "Priya Shah")
    click(qtbot, dialog.view.active_button)
    assert "allocated to them" not in answers.asked[-1]
    assert not services.workers.get_worker(worker_id=pa.id).active


def test_make_active_again_needs_no_question(  # type: ignore[no-untyped-def]
    qtbot, services: Services, pa: WorkerRecord, dialog: ColleaguesDialog,
) -> None:
    services.workers.set_active(worker_id=pa.id, active=False)
    dialog.reload()
    select(dialog, "Priya Shah")
    click(qtbot, dialog.view.active_button)  # any question asked would fail the test
    assert services.workers.get_worker(worker_id=pa.id).active
    assert row_of(dialog, "Priya Shah")[column(dialog, "Status")] == "Active"
    assert dialog.view.active_button.text() == "Make &inactive…"


def test_the_owner_cannot_be_made_inactive(qtbot, services: Services, dialog: ColleaguesDialog, answers) -> None:  # type: ignore[no-untyped-def]
    select(dialog, "Alex Morgan")
    assert dialog.view.edit_button.isEnabled()
    assert not dialog.view.active_button.isEnabled()
    assert "yours" in dialog.view.active_button.toolTip()
    # Reached another way, the service's refusal is said in the window and nothing is asked.
    dialog.toggle_active()
    assert dialog.view.problem.isVisible()
    assert dialog.view.problem.text() == "This caseload is yours, so you stay active. Change your details instead."
    assert answers.asked == []
    assert services.workers.get_worker(worker_id=services.worker_id).active


def test_shortcuts_on_the_buttons_differ(qtbot, services: Services, pa: WorkerRecord, dialog: ColleaguesDialog) -> None:  # type: ignore[no-untyped-def]
    services.workers.set_active(worker_id=pa.id, active=False)
    dialog.reload()
    select(dialog, "Priya Shah")  # the button now says Make active
    keys = []
    for button in (dialog.view.add_button, dialog.view.edit_button, dialog.view.active_button):
        text = button.text()
        keys.append(text[text.index("&") + 1].lower())
    assert len(set(keys)) == len(keys), keys


# -- the record's worker and PA drop-downs -------------------------------------------------


def test_an_inactive_colleague_is_not_offered_but_still_shown_where_allocated(  # type: ignore[no-untyped-def]
    qtbot, services: Services, pa: WorkerRecord,
) -> None:
    allocated = young_person(services, "Sem", worker_id=services.worker_id, pa_id=pa.id)
    services.workers.set_active(worker_id=pa.id, active=False)

    form = PersonForm(services.workers.list_workers())
    qtbot.addWidget(form)
    for field in ("worker_id", "pa_id"):
        assert visible_choices(form.widgets[field]) == ["Nobody yet", "Alex Morgan (Employability worker)"]

    form.set_record(services.people.get_young_person(person_id=allocated))
    pa_combo = form.widgets["pa_id"]
    assert pa_combo.currentText() == "Priya Shah (no longer active)"
    assert form.values()["pa_id"] == pa.id  # saving other changes keeps the allocation

    # Nor can the keyboard step back onto them once someone else is chosen.
    pa_combo.setCurrentIndex(pa_combo.findData(services.worker_id))
    pa_combo.show()
    pa_combo.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End):
        qtbot.keyClick(pa_combo, key)
        assert pa_combo.currentData() != pa.id


def test_the_form_takes_the_colleagues_of_now_keeping_what_is_chosen(  # type: ignore[no-untyped-def]
    qtbot, services: Services, pa: WorkerRecord,
) -> None:
    form = PersonForm(services.workers.list_workers())
    qtbot.addWidget(form)
    worker, pa_combo = form.widgets["worker_id"], form.widgets["pa_id"]
    pa_combo.setCurrentIndex(pa_combo.findData(pa.id))
    jordan = services.workers.add_worker(name="Jordan Blake", role="personal_adviser")
    services.workers.set_active(worker_id=pa.id, active=False)

    form.set_workers(services.workers.list_workers())
    assert visible_choices(worker) == [
        "Nobody yet", "Alex Morgan (Employability worker)", "Jordan Blake (Personal Adviser)"
    ]
    assert worker.currentData() is None
    assert pa_combo.currentData() == pa.id  # chosen before they left: still shown, not lost
    assert pa_combo.currentText() == "Priya Shah (no longer active)"
    assert "Priya Shah (no longer active)" not in visible_choices(pa_combo)
    assert worker.findData(jordan.id) >= 0


def test_a_new_record_is_not_offered_an_inactive_colleague(qtbot, services: Services, pa: WorkerRecord) -> None:  # type: ignore[no-untyped-def]
    services.workers.set_active(worker_id=pa.id, active=False)
    d = NewPersonDialog(services)
    qtbot.addWidget(d)
    assert "Priya Shah (Personal Adviser)" not in visible_choices(d.form.widgets["pa_id"])
    assert all("Priya" not in text for text in visible_choices(d.form.widgets["pa_id"]))


def test_a_young_person_is_allocated_to_a_new_colleague_from_the_profile(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    person = young_person(services, "Sem", worker_id=services.worker_id)
    jordan = services.workers.add_worker(name="Jordan Blake", role="personal_adviser")
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    combo = tab.form.widgets["pa_id"]
    assert "Jordan Blake (Personal Adviser)" in visible_choices(combo)
    combo.setCurrentIndex(combo.findData(jordan.id))
    click(qtbot, tab.save_button)
    assert services.people.get_young_person(person_id=person).pa_id == jordan.id
    assert services.workers.allocations().get(jordan.id, 0) == 1


# -- from the main window ------------------------------------------------------------------


def test_file_colleagues_opens_the_window_over_the_caseload(  # type: ignore[no-untyped-def]
    qtbot, services: Services, layout_settings: QSettings,
) -> None:
    window = shown_window(qtbot, services, layout_settings)
    seen: dict[str, object] = {}

    def look() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ColleaguesDialog) and w.isVisible()]
        try:
            seen["modal"] = bool(found) and found[0].isModal()
            seen["names"] = [r[0] for r in rows(found[0])] if found else []
            if found:
                d = found[0]
                d.resize(d.sizeHint())
                QApplication.processEvents()
                seen["fits"] = d.width() <= 1366 and d.height() <= 768
        finally:
            for d in found:
                d.reject()

    QTimer.singleShot(0, look)
    window.colleagues_action.trigger()
    assert seen["modal"] is True
    assert seen["names"] == ["Alex Morgan (you)"]
    assert seen["fits"] is True
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ColleaguesDialog) and w.isVisible()]


def test_a_colleague_added_while_a_record_is_open_is_offered_on_it(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, services: Services, layout_settings: QSettings,
) -> None:
    person = young_person(services, "Sem", worker_id=services.worker_id)
    window = shown_window(qtbot, services, layout_settings)
    view = window.workspace.open_person(person)
    profile = view.page(ProfileTab)

    def add(w: WorkerDialog) -> None:
        type_into(qtbot, w, name="Jordan Blake")
        click(qtbot, w.save_button)

    filling_worker_dialog(monkeypatch, add)

    def run_colleagues(self: ColleaguesDialog) -> int:
        self.show()
        click(qtbot, self.view.add_button)
        self.reject()
        return self.result()

    monkeypatch.setattr(ColleaguesDialog, "exec", run_colleagues)
    window.colleagues_action.trigger()
    qtbot.waitUntil(lambda: "Jordan Blake (Personal Adviser)" in visible_choices(profile.form.widgets["pa_id"]),
                    timeout=3000)
