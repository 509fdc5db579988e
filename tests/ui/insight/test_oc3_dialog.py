"""The statutory return dialog: check a year, open the records to fix, refuse or draft or write the files."""

from __future__ import annotations

import csv
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from caseapp.services.validation import birthday
from caseapp.ui.insight.oc3_dialog import Oc3Dialog, default_year
from tests.ui.record_fixtures import shoot, unnamed_controls

BORN = date(2006, 9, 15)  # 19 on 15/09/2025, in the year ending 31/03/2026


def leaver(services, given: str, *, child: str | None = "C1", sex: str | None = "F",  # type: ignore[no-untyped-def]
           category: str = "former_relevant", born: date = BORN):
    """A care leaver with EET, accommodation and a contact around their 19th birthday."""
    sixteen = birthday(born, 16)
    person = services.people.add_young_person(
        given_name=given, family_name="Tekle", date_of_birth=born, referral_date=sixteen, child_ref=child, sex=sex,
        care_leaver_category=category, worker_id=services.worker_id)
    services.people.set_eet_status(person_id=person.id, status="F5", start_date=sixteen)
    services.people.set_accommodation(person_id=person.id, type="U", suitable=True, start_date=sixteen)
    services.checkins.record_check_in(person_id=person.id, happened_at=datetime.combine(birthday(born, 19), time(10)),
                                      method="phone", outcome="spoke")
    return person


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What message boxes would have said, by kind."""
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append(("warning", text)))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(("information", text)))
    return told


class Folder:
    """The folder the worker picks, and each time they were asked for one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.asked: list[str] = []

    def __call__(self, parent, title: str, start: str, *a) -> str:  # type: ignore[no-untyped-def]
        self.asked.append(title)
        return str(self.path)


@pytest.fixture
def folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Folder:
    chooser = Folder(tmp_path / "return")
    chooser.path.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", chooser)
    return chooser


def opened(qtbot, services) -> Oc3Dialog:  # type: ignore[no-untyped-def]
    """Shown without a modal loop; the check starts on showing."""
    dialog = Oc3Dialog(services)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.task.finished, timeout=10_000):
        dialog.show()
    assert dialog.report is not None
    return dialog


def click_and_wait(qtbot, dialog: Oc3Dialog, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    with qtbot.waitSignal(dialog.task.finished, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def read(path) -> list[list[str]]:  # type: ignore[no-untyped-def]
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_default_year_is_the_last_to_have_ended() -> None:
    assert default_year(date(2026, 11, 21)) == 2026
    assert default_year(date(2026, 4, 1)) == 2026
    assert default_year(date(2026, 3, 31)) == 2025
    assert default_year(date(2027, 1, 5)) == 2026


def test_problems_listed_and_opening_one(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    no_child = leaver(services, "Abeba", child=None)
    no_sex = leaver(services, "Dawit", child="C2", sex=None)
    leaver(services, "Hana", child="C3")
    qualifying = leaver(services, "Lul", child="C4", category="qualifying")
    dialog = opened(qtbot, services)
    assert dialog.year.currentData() == 2026
    assert dialog.year.itemData(0) == 2027 and "not ended yet" in dialog.year.itemText(0)
    assert dialog.year.currentText() == "2025-26 (01/04/2025 to 31/03/2026)"

    model = dialog.problem_model
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert sorted(rows) == [
        ["Abeba Tekle", "The child identifier (CHILD) used in the return is not recorded.",
         "Profile: child identifier"],
        ["Dawit Tekle", "Sex is not recorded (the Header needs M, F or U for not known).", "Profile: sex"],
    ]
    assert dialog.tabs.tabText(0) == "Problems to fix (2)"
    assert dialog.tabs.tabText(1) == "Not in the return (1)"
    assert dialog.excluded_model.row_at(0).person_id == qualifying.id
    assert "qualifying care leaver" in dialog.excluded_model.index(0, 1).data()
    assert dialog.summary.text().startswith("2025-26: 3 young people in the return. 2 problems in 2 records to fix")
    assert "ETHNIC, UPN, MOTHER and MC_DOB" in dialog.notes.text()
    assert dialog.draft_button.isEnabled() and dialog.export_button.isEnabled()

    # Double-click a problem: its young person is asked for; shown modelessly, the list stays.
    by_person = {model.row_at(r).person_id: r for r in range(model.rowCount())}
    rect = dialog.problems.visualRect(model.index(by_person[no_child.id], 1))
    qtbot.mouseClick(dialog.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dialog.fix_requested) as asked:
        qtbot.mouseDClick(dialog.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked.args == [no_child.id, "child_ref"] and dialog.isVisible()

    # Enter on another; shown modally (as the main window does), it closes so the record can be fixed.
    dialog.problems.selectRow(by_person[no_sex.id])
    dialog.problems.setFocus()
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    with qtbot.waitSignal(dialog.fix_requested) as asked:
        qtbot.keyClick(dialog.problems, Qt.Key.Key_Return)
    assert asked.args == [no_sex.id, "sex"] and not dialog.isVisible()


def test_export_refused_while_problems_remain_then_a_draft(qtbot, services, said, folder, answers) -> None:  # type: ignore[no-untyped-def]
    no_child = leaver(services, "Abeba", child=None)
    clean = leaver(services, "Hana", child="C3")
    dialog = opened(qtbot, services)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    sentence = ("The return cannot be exported yet: 1 problem in 1 record to fix. Fix them and check again, "
                "or export a draft to look at.")
    assert said == [("warning", sentence)] and dialog.outcome.text() == sentence
    assert folder.asked == [] and list(folder.path.iterdir()) == []

    answers.next = [False]
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    assert "Export a draft anyway?" in answers.asked[-1]
    assert folder.asked == [] and list(folder.path.iterdir()) == []

    answers.next = [True]
    click_and_wait(qtbot, dialog, dialog.draft_button)
    header, oc3 = folder.path / "SSDA903_2025-26_Header.csv", folder.path / "SSDA903_2025-26_OC3.csv"
    # Written as found: the missing CHILD is for the council to fill in or the DfE to reject.
    assert read(oc3)[1:] == [["", "15/09/2006", "YES", "F5", "U1"], ["C3", "15/09/2006", "YES", "F5", "U1"]]
    assert len(read(header)) == 3
    kind, text = said[-1]
    assert kind == "information"
    assert text.startswith(f"Saved SSDA903_2025-26_Header.csv and SSDA903_2025-26_OC3.csv in {folder.path}, "
                           "with 2 young people in them.")
    assert "This is a draft, with 1 problem still to fix" in text
    assert dialog.outcome.text() == text
    assert {no_child.id, clean.id} == {line.person_id for line in dialog.report.lines}


def test_a_clean_return_writes_both_files(qtbot, services, said, folder) -> None:  # type: ignore[no-untyped-def]
    leaver(services, "Hana", child="C3")
    leaver(services, "Yonas", child="C7", sex="M", born=date(2007, 1, 2))
    dialog = opened(qtbot, services)
    assert dialog.report.ready and not dialog.draft_button.isEnabled()
    assert dialog.summary.text() == "2025-26: 2 young people in the return. No problems found: it is ready to export."
    click_and_wait(qtbot, dialog, dialog.export_button)
    assert folder.asked == ["Folder to save the return in"]
    header = read(folder.path / "SSDA903_2025-26_Header.csv")
    oc3 = read(folder.path / "SSDA903_2025-26_OC3.csv")
    assert header == [["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
                      ["C3", "F", "15/09/2006", "", "", "", ""], ["C7", "M", "02/01/2007", "", "", "", ""]]
    assert oc3 == [["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
                   ["C3", "15/09/2006", "YES", "F5", "U1"], ["C7", "02/01/2007", "YES", "F5", "U1"]]
    assert said == [("information", f"Saved SSDA903_2025-26_Header.csv and SSDA903_2025-26_OC3.csv in {folder.path}, "
                                    "with 2 young people in them.")]


def test_a_problem_found_at_export_time_is_refused_and_listed(qtbot, services, said, folder) -> None:  # type: ignore[no-untyped-def]
    hana = leaver(services, "Hana", child="C3")
    dialog = opened(qtbot, services)
    assert dialog.report.ready
    services.people.edit_young_person(person_id=hana.id, sex=None)  # changed since the check
    click_and_wait(qtbot, dialog, dialog.export_button)
    assert list(folder.path.iterdir()) == []
    assert said == [("warning", "The return cannot be exported yet: 1 problem in 1 record to fix. Fix them and "
                                "check again, or export a draft to look at.")]
    assert dialog.problem_model.rowCount() == 1 and dialog.draft_button.isEnabled()


def test_another_year_is_checked_on_request(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    leaver(services, "Hana", child="C3")
    dialog = opened(qtbot, services)
    assert len(dialog.report.lines) == 1
    dialog.year.setCurrentIndex(dialog.year.findData(2025))
    assert dialog.report is None and not dialog.export_button.isEnabled()
    assert dialog.summary.text() == "Press Check to check the records for 2024-25."
    click_and_wait(qtbot, dialog, dialog.check_button)
    [line] = dialog.report.lines
    assert dialog.report.year == 2025 and (line.age, line.in_touch) == (18, "NO")


def test_on_the_demo_caseload(qtbot, qtmodeltester, demo) -> None:  # type: ignore[no-untyped-def]
    # The demo's records are complete; take a few details away to have problems to show.
    report = demo.oc3.check(year=2026)
    # The first three lines each lose one detail; the report has more lines than that.
    changes = ({"child_ref": None}, {"sex": None}, {"care_leaver_category": None})
    for line, change in zip(report.lines, changes, strict=False):
        demo.people.edit_young_person(person_id=line.person_id, **change)
    dialog = opened(qtbot, demo)
    dialog.resize(1100, 640)
    assert dialog.problem_model.rowCount() >= 3
    qtmodeltester.check(dialog.problem_model)
    qtmodeltester.check(dialog.excluded_model)
    assert unnamed_controls(dialog) == []
    shoot(dialog, "oc3_dialog")
    dialog.tabs.setCurrentIndex(1)
    shoot(dialog, "oc3_dialog_not_included")
