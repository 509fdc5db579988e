"""Profile, Pathway, Check-ins and History tabs, driven through their widgets on a real store."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from caseapp.models.codes import CheckInMethod, CheckInOutcome, EetStatus, StepStatus, StepType
from caseapp.services.registry import Services
from caseapp.ui.record.checkins_tab import CheckInsTab
from caseapp.ui.record.history_tab import HistoryTab
from caseapp.ui.record.move_step_dialog import MoveStepDialog
from caseapp.ui.record.pathway_tab import PathwayTab
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.record.record_view import RecordView
from caseapp.ui.record.step_dialog import StepDialog

MINE = [ProfileTab, PathwayTab, CheckInsTab, HistoryTab]


@pytest.fixture
def person(services: Services) -> int:
    return services.people.add_young_person(
        given_name="Semhar", family_name="Tekle", preferred_name="Sem", own_script_name="ሰምሃር ተኽለ",
        date_of_birth=date(2006, 5, 4), worker_id=services.worker_id, referral_date=date(2026, 1, 5),
        right_to_work="unlimited", right_to_work_checked_on=date(2026, 1, 5),
    ).id


def view_of(qtbot, services: Services, person: int) -> RecordView:  # type: ignore[no-untyped-def]
    view = RecordView(services, person, tabs=MINE)
    qtbot.addWidget(view)
    return view


def test_header_shows_what_matters(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    services.people.set_eet_status(person_id=person, status=EetStatus.NEET_OTHER, start_date=date(2026, 3, 1))
    view = view_of(qtbot, services, person)
    assert view.name.text() == "Sem Tekle  ሰምሃር ተኽለ"
    facts = view.facts.text()
    assert "Age 20" in facts and "NEET: other" in facts and "Worker: Alex Morgan" in facts
    assert "PA: nobody yet" in facts
    assert "Next contact due:" in facts and "overdue" in facts  # referred in January, never contacted
    assert view.facts.toolTip() == (
        "Next contact due by the rule: every 4 weeks, the usual rule, counted from the referral (no contact yet)"
    )
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == ["Profile", "Pathway", "Check-ins", "History"]


def test_header_text_is_escaped(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    services.workers.edit_worker(worker_id=services.worker_id, name="<b>Jo</b> & co")
    pid = services.people.add_young_person(given_name="A", family_name="B", date_of_birth=date(2006, 1, 1),
                                           worker_id=services.worker_id).id
    view = view_of(qtbot, services, pid)
    assert "&lt;b&gt;Jo&lt;/b&gt; &amp; co" in view.facts.text()


# -- profile ------------------------------------------------------------------------------


def test_profile_edit_is_saved(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    assert not tab.has_unsaved_changes()
    phone = tab.form.widgets["phone"]
    qtbot.keyClicks(phone, "07700 900123")
    sectors = tab.form.widgets["sectors_of_interest"]
    qtbot.keyClicks(sectors, "construction, care , ")
    assert tab.has_unsaved_changes()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    stored = services.people.get_young_person(person_id=person)
    assert stored.phone == "07700 900123"
    assert stored.sectors_of_interest == ("construction", "care")
    assert not tab.has_unsaved_changes()


def test_profile_refusal_is_shown_beside_the_field_and_keeps_the_typing(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    email = tab.form.widgets["email"]
    qtbot.keyClicks(email, "not an email")
    tab.form.widgets["given_name"].clear()
    assert tab.save() is False
    assert tab.form.error_text("email") == "Email does not look like an email address."
    assert tab.form.error_text("given_name") == "Given name is required."
    assert email.text() == "not an email"
    assert services.people.get_young_person(person_id=person).given_name == "Semhar"


def test_profile_undo_returns_to_the_stored_record(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    qtbot.keyClicks(tab.form.widgets["phone"], "0123")
    qtbot.mouseClick(tab.revert_button, Qt.MouseButton.LeftButton)
    assert tab.form.widgets["phone"].text() == ""
    assert not tab.has_unsaved_changes()


def test_reload_keeps_profile_edits_in_progress(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    qtbot.keyClicks(tab.form.widgets["phone"], "0123")
    services.people.set_eet_status(person_id=person, status=EetStatus.EMPLOYMENT_FT, start_date=date(2026, 11, 2))
    tab.reload()
    assert tab.form.widgets["phone"].text() == "0123"
    assert "Training or employment, full time" in tab.situation.eet_now.text()


def test_eet_status_change_from_the_profile(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    box = tab.situation
    box.eet.set_value(EetStatus.APPRENTICESHIP_FT)
    box.eet_from.setDate(QDate(2026, 11, 2))
    box.record_eet()
    assert services.people.get_young_person(person_id=person).current_eet.status == EetStatus.APPRENTICESHIP_FT
    box.eet_from.setDate(QDate(2027, 1, 1))  # in the future: refused beside the date
    box.record_eet()
    assert box.errors.text("start_date") == "Start date cannot be in the future."


def test_closing_a_case_asks_first(qtbot, services: Services, person: int, answers) -> None:  # type: ignore[no-untyped-def]
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    box = tab.situation
    box.close_case()
    assert box.errors.text("closed_reason") == "Reason for closing is required."
    reasons = [box.close_reason.itemText(i) for i in range(box.close_reason.count())]
    assert "No longer requires leaving-care services" in reasons
    assert not reasons[0].startswith("Died")  # the list does not open on the hardest reason
    qtbot.keyClicks(box.close_reason.lineEdit(), "Moved to another council")
    box.close_on.set_value(date(2026, 11, 20))
    answers.replies.append(False)
    box.close_case()
    assert services.people.get_young_person(person_id=person).closed_on is None
    box.close_case()
    assert services.people.get_young_person(person_id=person).closed_on == date(2026, 11, 20)
    assert services.people.get_young_person(person_id=person).closed_reason == "Moved to another council"
    assert len(answers.asked) == 2
    tab.reload()
    assert box.reopen_button.isEnabled() and not box.close_button.isEnabled()


# -- pathway ------------------------------------------------------------------------------


def test_add_a_step_then_move_it_on_and_end_it_early(  # type: ignore[no-untyped-def]
    qtbot, services: Services, person: int, monkeypatch, answers,
) -> None:
    answers.replies.append(False)  # the placement starting: leave the EET status as it is
    tab = PathwayTab(services, person)
    qtbot.addWidget(tab)
    seen: list[QDialog] = []

    def drive(dialog: QDialog) -> int:
        seen.append(dialog)
        if isinstance(dialog, StepDialog):
            dialog.type.set_value(StepType.PAID_PLACEMENT)
            qtbot.keyClicks(dialog.title, "Warehouse assistant")
            dialog.pay.setValue(12.60)
            dialog.hours.setValue(30)
        elif isinstance(dialog, MoveStepDialog) and dialog.ending:
            qtbot.keyClicks(dialog.reason, "Found the early starts too hard")
        else:
            dialog.status.set_value(StepStatus.IN_PROGRESS)
            dialog.on.setDate(QDate(2026, 11, 2))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(StepDialog, "exec", drive)
    monkeypatch.setattr(MoveStepDialog, "exec", drive)
    tab.add_step()
    step = services.pathway.list_steps(person_id=person)[0]
    assert (step.type, step.title, step.pay_pence_per_hour, step.status) == (
        StepType.PAID_PLACEMENT, "Warehouse assistant", 1260, StepStatus.PLANNED)
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    assert tab.move_button.isEnabled() and not tab.end_button.isEnabled()
    tab.move_step()
    assert services.pathway.get_step(step_id=step.id).status == StepStatus.IN_PROGRESS
    assert tab.selected().id == step.id and tab.end_button.isEnabled()
    tab.end_step()
    ended = services.pathway.get_step(step_id=step.id)
    assert ended.status == StepStatus.ENDED_EARLY and ended.ended_reason == "Found the early starts too hard"
    assert tab.model.index(0, 4).data() == "Ended early"


def test_ending_early_without_a_reason_is_refused_beside_the_field(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    step = services.pathway.add_step(person_id=person, type=StepType.TASTER, status=StepStatus.IN_PROGRESS,
                                     start_date=date(2026, 11, 2))
    dialog = MoveStepDialog(services, step, ending=True)
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.errors.text("ended_reason") == "Say why the step ended early."
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert services.pathway.get_step(step_id=step.id).status == StepStatus.IN_PROGRESS


def test_step_dialog_keeps_typing_on_refusal(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    dialog = StepDialog(services, person)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title, "Chef")
    dialog.start_date.set_value(date(2026, 12, 1))
    dialog.end_date.set_value(date(2026, 11, 1))
    dialog.save()
    assert dialog.errors.text("end_date")
    assert dialog.title.text() == "Chef" and dialog.result() != QDialog.DialogCode.Accepted
    assert services.pathway.list_steps(person_id=person) == []


def test_pathway_table_passes_the_model_tester(qtbot, qtmodeltester, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    services.pathway.add_step(person_id=person, type=StepType.CV_SUPPORT)
    tab = PathwayTab(services, person)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)


# -- check-ins ----------------------------------------------------------------------------


def test_quick_check_in_with_ctrl_enter(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    tab = CheckInsTab(services, person)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitActive(tab)
    tab.when.setDateTime(datetime(2026, 11, 20, 14, 30))
    tab.method.set_value(CheckInMethod.FACE_TO_FACE)
    tab.note.setFocus()
    qtbot.keyClicks(tab.note, "Met at the hub, CV nearly done")
    assert tab.has_unsaved_changes()
    qtbot.keyClick(tab.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [saved] = services.checkins.list_check_ins(person_id=person)
    assert saved.note == "Met at the hub, CV nearly done"
    assert (saved.method, saved.outcome) == (CheckInMethod.FACE_TO_FACE, CheckInOutcome.SPOKE)
    assert saved.happened_at == datetime(2026, 11, 20, 14, 30)
    assert tab.note.toPlainText() == "" and not tab.has_unsaved_changes()
    assert tab.model.rowCount() == 1
    assert tab.next_due.text() == "Next contact due: 18/12/2026 (every 4 weeks, the usual rule)"


def test_check_in_refused_keeps_the_note(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    tab = CheckInsTab(services, person)
    qtbot.addWidget(tab)
    tab.when.setDateTime(datetime(2026, 11, 20, 9, 0))
    tab.next_contact.set_value(date(2026, 11, 1))
    tab.note.setPlainText("Talked about the interview")
    assert tab.save() is False
    assert tab.errors.text("next_contact_on") == "The next contact cannot be before this one."
    assert tab.note.toPlainText() == "Talked about the interview"
    assert services.checkins.list_check_ins(person_id=person) == []


def test_deleting_a_check_in_asks_first(qtbot, services: Services, person: int, answers) -> None:  # type: ignore[no-untyped-def]
    services.checkins.record_check_in(person_id=person, happened_at=datetime(2026, 11, 3, 10), method="phone",
                                      outcome="spoke")
    tab = CheckInsTab(services, person)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    answers.replies.append(False)
    tab.delete_selected()
    assert len(services.checkins.list_check_ins(person_id=person)) == 1
    tab.delete_selected()
    assert services.checkins.list_check_ins(person_id=person) == []
    assert tab.model.rowCount() == 0


def test_check_in_drafts_round_trip(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    tab = CheckInsTab(services, person)
    qtbot.addWidget(tab)
    tab.note.setPlainText("Half-typed")
    drafts = tab.drafts()
    again = CheckInsTab(services, person)
    qtbot.addWidget(again)
    again.restore_drafts(drafts)
    assert again.note.toPlainText() == "Half-typed"


# -- history ------------------------------------------------------------------------------


def test_history_in_plain_words(qtbot, qtmodeltester, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    services.people.edit_young_person(person_id=person, phone="0123")
    tab = HistoryTab(services, person)
    qtbot.addWidget(tab)
    texts = [tab.model.index(r, 2).data() for r in range(tab.model.rowCount())]
    assert texts[0] == "Record changed: Phone → 0123"
    assert texts[-1] == "Record created"
    assert tab.model.index(0, 1).data() == "Alex Morgan"
    assert "Phone: — → 0123" in tab.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    created = tab.model.index(len(texts) - 1, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "Worker: — → Alex Morgan" in created  # a name, never an id
    assert re.search(r"Date of birth: — → \d\d/\d\d/\d{4}", created)
    qtmodeltester.check(tab.model)


def test_record_view_reloads_after_a_change(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    view = view_of(qtbot, services, person)
    services.checkins.record_check_in(person_id=person, happened_at=datetime.now() - timedelta(days=1),
                                      method="phone", outcome="spoke")
    view.reload()
    assert "overdue" not in view.facts.text()
    assert view.page(CheckInsTab).model.rowCount() == 1
