"""The support and consent tab on a real store: needs, consent given and withdrawn item by item."""

from __future__ import annotations

from PySide6.QtCore import Qt

from caseapp.models.codes import NeedCategory
from caseapp.ui.record.consent_dialog import ConsentDialog
from caseapp.ui.record.need_dialog import NeedDialog
from caseapp.ui.record.support_tab import SupportTab
from tests.ui.record_fixtures import TODAY, days_ago, shoot, unnamed_controls

SHARING = 1


def make_tab(qtbot, services, person) -> SupportTab:  # type: ignore[no-untyped-def]
    tab = SupportTab(services, person.id)
    qtbot.addWidget(tab)
    tab.resize(1000, 520)
    tab.show()
    return tab


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def add_need(services, person, category=NeedCategory.MENTAL_HEALTH, **kw):  # type: ignore[no-untyped-def]
    return services.support.add_support_need(
        person_id=person.id, category=category, description=kw.pop("description", "Anxiety in new places"), **kw
    )


def test_add_a_need_which_is_not_shared_until_consent(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, services, person)
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert isinstance(dialog, NeedDialog)
    dialog.category.set_value(NeedCategory.TRANSPORT)
    qtbot.keyClicks(dialog.description, "Can't afford the bus until first pay")
    qtbot.keyClicks(dialog.adjustments, "Travel paid upfront for the first month")
    click(qtbot, dialog.save_button)

    [need] = services.support.list_support_needs(person_id=person.id)
    assert (need.category, need.description, need.adjustments) == (
        NeedCategory.TRANSPORT, "Can't afford the bus until first pay", "Travel paid upfront for the first month")
    assert need.consents == ()
    assert tab.model.index(0, SHARING).data() == "Not to be shared"
    assert tab.selected() == need
    assert tab.give_button.isEnabled() and not tab.withdraw_button.isEnabled()


def test_a_refused_need_shows_why_beside_the_description(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, services, person)
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    dialog.category.set_value(NeedCategory.HOUSING)
    qtbot.keyClicks(dialog.adjustments, "Needs to leave by 4pm on Thursdays")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.errors.text("description") == "Description is required."
    assert dialog.adjustments.toPlainText() == "Needs to leave by 4pm on Thursdays"
    assert dialog.category.value() == NeedCategory.HOUSING
    assert services.support.list_support_needs(person_id=person.id) == []


def test_edit_a_need(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    need = add_need(services, person)
    tab = make_tab(qtbot, services, person)
    tab.table.selectRow(0)
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert dialog.description.toPlainText() == "Anxiety in new places"
    dialog.adjustments.setPlainText("A named person to meet on day one")
    click(qtbot, dialog.save_button)
    assert services.support.list_support_needs(person_id=person.id)[0].adjustments == (
        "A named person to meet on day one"
    )
    assert tab.selected().id == need.id


def test_give_then_withdraw_consent(qtbot, services, person, answers) -> None:  # type: ignore[no-untyped-def]
    add_need(services, person)
    tab = make_tab(qtbot, services, person)
    tab.table.selectRow(0)
    click(qtbot, tab.give_button)
    dialog = tab.dialog
    assert isinstance(dialog, ConsentDialog) and dialog.on.value() == TODAY
    dialog.on.set_value(days_ago(49))
    qtbot.keyClicks(dialog.note, "Agreed at our meeting")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    [need] = services.support.list_support_needs(person_id=person.id)
    assert [(c.given_on, c.withdrawn_on, c.note) for c in need.consents] == [
        (days_ago(49), None, "Agreed at our meeting")
    ]
    assert tab.model.index(0, SHARING).data() == f"Shared with consent since {days_ago(49):%d/%m/%Y}"
    assert not tab.give_button.isEnabled() and tab.withdraw_button.isEnabled()
    assert "Agreed at our meeting" in tab.details.text()

    click(qtbot, tab.withdraw_button)
    dialog = tab.dialog
    answers.next = [False]
    click(qtbot, dialog.save_button)
    assert dialog.isVisible(), "saying no to the confirmation leaves the dialog open"
    assert services.support.list_support_needs(person_id=person.id)[0].consents[0].withdrawn_on is None
    answers.next = [True]
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert "Mental health" in answers.asked[-1] and f"{TODAY:%d/%m/%Y}" in answers.asked[-1]
    [need] = services.support.list_support_needs(person_id=person.id)
    assert need.consents[0].withdrawn_on == TODAY
    assert tab.model.index(0, SHARING).data() == f"Consent withdrawn on {TODAY:%d/%m/%Y}"
    assert tab.give_button.isEnabled() and not tab.withdraw_button.isEnabled()


def test_consent_dated_before_its_withdrawal_is_refused_beside_the_date(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    need = add_need(services, person)
    services.support.give_consent(need_id=need.id, given_on=days_ago(30))
    services.support.withdraw_consent(need_id=need.id, withdrawn_on=days_ago(10))
    tab = make_tab(qtbot, services, person)
    tab.table.selectRow(0)
    click(qtbot, tab.give_button)
    dialog = tab.dialog
    dialog.on.set_value(days_ago(20))
    qtbot.keyClicks(dialog.note, "Said yes again")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.errors.text("given_on") == (
        f"Consent was withdrawn on {days_ago(10):%d/%m/%Y}; new consent cannot be dated earlier.")
    assert dialog.note.text() == "Said yes again"
    assert len(services.support.list_support_needs(person_id=person.id)[0].consents) == 1


def test_remove_a_need_after_confirming(qtbot, services, person, answers) -> None:  # type: ignore[no-untyped-def]
    add_need(services, person)
    tab = make_tab(qtbot, services, person)
    assert not tab.remove_button.isEnabled()
    tab.table.selectRow(0)
    answers.next = [False]
    click(qtbot, tab.remove_button)
    assert len(services.support.list_support_needs(person_id=person.id)) == 1
    answers.next = [True]
    click(qtbot, tab.remove_button)
    assert services.support.list_support_needs(person_id=person.id) == []
    assert tab.model.rowCount() == 0 and not tab.remove_button.isEnabled()


def test_model_names_and_screenshot(qtbot, qtmodeltester, services, person) -> None:  # type: ignore[no-untyped-def]
    mental = add_need(services, person, description="Anxiety in new places and crowded rooms",
                      adjustments="A named person to meet on day one; a quiet room for breaks")
    travel = add_need(services, person, NeedCategory.TRANSPORT, description="Can't afford the bus until first pay",
                      adjustments="Travel paid upfront for the first month")
    add_need(services, person, NeedCategory.OFFENDING, description="Youth caution, 2023 (spent)")
    services.support.give_consent(need_id=mental.id, given_on=days_ago(49), note="Agreed at our meeting")
    services.support.give_consent(need_id=travel.id, given_on=days_ago(40))
    services.support.withdraw_consent(need_id=travel.id, withdrawn_on=days_ago(5))
    tab = make_tab(qtbot, services, person)
    qtmodeltester.check(tab.model)
    tab.table.selectRow(1)
    assert unnamed_controls(tab) == []
    shoot(tab, "support_tab")
    tab.give_consent()
    assert unnamed_controls(tab.dialog) == []
    shoot(tab.dialog, "consent_dialog")
    tab.dialog.reject()
    tab.table.selectRow(0)
    tab.withdraw_consent()
    shoot(tab.dialog, "withdraw_dialog")
    tab.dialog.reject()
    tab.edit_need()
    assert unnamed_controls(tab.dialog) == []
    shoot(tab.dialog, "need_dialog")
