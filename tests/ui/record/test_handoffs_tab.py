"""The hand-offs tab on a real store: building and editing a hand-off, what it shares, the log."""

from __future__ import annotations

from PySide6.QtCore import Qt

from caseapp.models.codes import NeedCategory, StepType
from caseapp.ui.record.handoff_dialog import HandOffDialog
from caseapp.ui.record.handoffs_tab import HandOffsTab
from tests.ui.record_fixtures import TODAY, days_ago, shoot, unnamed_controls


def make_tab(qtbot, services, person) -> HandOffsTab:  # type: ignore[no-untyped-def]
    tab = HandOffsTab(services, person.id)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    return tab


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def setting(services, person):  # type: ignore[no-untyped-def]
    """A paid placement, a careers event, one need with consent and one without."""
    placement = services.pathway.add_step(
        person_id=person.id, type=StepType.PAID_PLACEMENT, title="Parks assistant", start_date=days_ago(-30),
        line_manager="Dana Hill", mentor="Priya Shah",
    )
    services.pathway.add_step(person_id=person.id, type=StepType.CAREERS_EVENT, title="Careers fair")
    shared = services.support.add_support_need(
        person_id=person.id, category=NeedCategory.MENTAL_HEALTH, description="Anxiety in new places",
        adjustments="A named person to meet on day one",
    )
    services.support.give_consent(need_id=shared.id, given_on=days_ago(49))
    private = services.support.add_support_need(
        person_id=person.id, category=NeedCategory.OFFENDING, description="Youth caution, 2023 (spent)",
    )
    return placement, shared, private


def need_items(dialog: HandOffDialog) -> dict[str, object]:
    return {dialog.needs.item(i).text(): dialog.needs.item(i) for i in range(dialog.needs.count())}


def test_build_a_hand_off_sharing_only_needs_with_consent(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    placement, shared, private = setting(services, person)
    tab = make_tab(qtbot, services, person)
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    assert [dialog.step.itemData(i) for i in range(dialog.step.count())] == [placement.id]  # placements only
    assert (dialog.line_manager.text(), dialog.mentor.text()) == ("Dana Hill", "Priya Shah")  # from the step
    items = need_items(dialog)
    assert not items["Offending history — no consent, not shared"].flags() & Qt.ItemFlag.ItemIsEnabled
    items["Mental health"].setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(dialog.hr_contact, "Sam Okafor, HR")
    texts = {
        "adjustments": "10am starts for the first month",
        "first_two_weeks": "Day one: Dana meets Sem at the gate at 10am",
        "keep_in_touch": "A call with the worker every Friday",
        "if_difficult": "Ring Alex first",
        "strengths": "Reliable, good with people",
    }
    for name, text in texts.items():
        qtbot.keyClicks(dialog.boxes[name], text)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()

    [hand_off] = services.handoffs.list_hand_offs(person_id=person.id)
    assert hand_off.step_id == placement.id and hand_off.built_on == TODAY
    assert (hand_off.line_manager, hand_off.hr_contact, hand_off.mentor) == (
        "Dana Hill", "Sam Okafor, HR", "Priya Shah"
    )
    assert hand_off.need_ids == (shared.id,)
    assert {name: getattr(hand_off, name) for name in texts} == texts
    assert tab.selected() == hand_off
    html = tab.details.toPlainText()
    assert "Anxiety in new places" in html and "Youth caution" not in html
    assert "Ring Alex first" in html


def test_a_refusal_is_shown_beside_the_field_and_keeps_the_plan(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    setting(services, person)
    tab = make_tab(qtbot, services, person)
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    dialog.line_manager.clear()
    qtbot.keyClicks(dialog.boxes["first_two_weeks"], "Shadowing the team leader")
    dialog.boxes["if_difficult"].setPlainText("x" * 2001)
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.left_errors.text("line_manager") == "Line manager is required."
    assert dialog.right_errors.text("if_difficult") == "If difficult is too long: at most 2000 characters."
    assert dialog.boxes["first_two_weeks"].toPlainText() == "Shadowing the team leader"
    assert services.handoffs.list_hand_offs(person_id=person.id) == []


def test_without_a_placement_the_dialog_says_where_to_add_one(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, services, person)
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.line_manager, "Dana Hill")
    click(qtbot, dialog.save_button)
    assert dialog.left_errors.text("step_id") == "Add the placement or job on the Pathway tab first."
    assert dialog.line_manager.text() == "Dana Hill"


def test_edit_keeps_the_step_and_needs_and_withdrawal_takes_a_need_out(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    placement, shared, _private = setting(services, person)
    hand_off = services.handoffs.build_hand_off(step_id=placement.id, line_manager="Dana Hill", need_ids=[shared.id])
    tab = make_tab(qtbot, services, person)
    assert not tab.edit_button.isEnabled()
    tab.table.selectRow(0)
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert not dialog.step.isEnabled() and not dialog.built_on.isEnabled()
    assert list(need_items(dialog)) == ["Mental health"]
    dialog.line_manager.setText("Dana Hill-Evans")
    qtbot.keyClick(dialog.line_manager, Qt.Key.Key_Return)
    changed = services.handoffs.get_hand_off(hand_off_id=hand_off.id)
    assert changed.line_manager == "Dana Hill-Evans" and changed.need_ids == (shared.id,)

    services.support.withdraw_consent(need_id=shared.id)
    tab.reload()
    text = tab.details.toPlainText()
    assert "No longer shared, consent withdrawn: Mental health" in text
    assert "Nothing is shared" in text or "nothing is shared" in text


def test_print_button_asks_for_the_selected_pack_and_the_log_is_shown(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    placement, shared, _private = setting(services, person)
    hand_off = services.handoffs.build_hand_off(step_id=placement.id, line_manager="Dana Hill", need_ids=[shared.id])
    services.handoffs.record_disclosure(person_id=person.id, hand_off_id=hand_off.id, document="Hand-off pack",
                                        recipient="Dana Hill, line manager", items=["Mental health"])
    tab = make_tab(qtbot, services, person)
    assert not tab.print_button.isEnabled()
    assert tab.log_model.rowCount() == 1
    assert [tab.log_model.index(0, c).data() for c in (1, 2, 3, 4)] == [
        "Hand-off pack", "Dana Hill, line manager", "Alex Morgan", "Mental health"]
    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.print_requested) as signal:
        click(qtbot, tab.print_button)
    assert signal.args == [hand_off.id]


def test_models_names_and_screenshot(qtbot, qtmodeltester, services, person) -> None:  # type: ignore[no-untyped-def]
    placement, shared, _private = setting(services, person)
    travel = services.support.add_support_need(
        person_id=person.id, category=NeedCategory.TRANSPORT, description="Can't afford the bus until first pay",
        adjustments="Travel paid upfront for the first month")
    services.support.give_consent(need_id=travel.id, given_on=days_ago(40))
    hand_off = services.handoffs.build_hand_off(
        step_id=placement.id, line_manager="Dana Hill", hr_contact="Sam Okafor, HR", mentor="Priya Shah",
        need_ids=[shared.id, travel.id], adjustments="10am starts for the first month",
        first_two_weeks="Day one: Dana meets Sem at the gate at 10am and shows the depot.\n"
                        "Week one: shadowing the grounds team, home by 3pm.\nWeek two: own round with Priya.",
        keep_in_touch="A call with the worker every Friday; a three-way meeting at week four",
        if_difficult="Ring Alex first (07700 900123). A quiet word works better than a meeting.",
        strengths="Reliable, good with people, loves being outdoors",
    )
    services.handoffs.record_disclosure(person_id=person.id, hand_off_id=hand_off.id, document="Hand-off pack",
                                        recipient="Dana Hill, line manager",
                                        items=["Mental health", "Transport and travel costs"])
    tab = make_tab(qtbot, services, person)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.log_model)
    tab.table.selectRow(0)
    assert unnamed_controls(tab) == []
    shoot(tab, "handoffs_tab")
    tab.edit_hand_off()
    assert unnamed_controls(tab.dialog) == []
    shoot(tab.dialog, "handoff_dialog_edit")
    tab.dialog.reject()
    tab.new_hand_off()
    shoot(tab.dialog, "handoff_dialog_new")
