"""Hidden and unprintable characters are refused beside the field, and the typing is kept."""

from __future__ import annotations

from datetime import date

from caseapp.services.registry import Services
from caseapp.ui.record.profile_tab import ProfileTab


def test_hidden_and_unprintable_characters_are_refused_beside_each_name(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    person = services.people.add_young_person(
        given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4), worker_id=services.worker_id,
        referral_date=date(2026, 1, 5),
    ).id
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    typed = {"given_name": "\u200b", "family_name": "Tek\u202ele", "preferred_name": "Sem 😀"}
    for field, text in typed.items():
        tab.form.widgets[field].setText(text)
    assert tab.save() is False
    assert tab.form.error_text("given_name") == "Given name is required."
    assert "change the order the letters are shown in" in tab.form.error_text("family_name")
    assert "cannot be printed" in tab.form.error_text("preferred_name")
    for field, text in typed.items():
        assert tab.form.widgets[field].text() == text
    assert services.people.get_young_person(person_id=person).family_name == "Tekle"
