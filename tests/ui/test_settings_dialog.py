"""The settings dialog: every declared setting, saved together or not at all."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from caseapp import settings as declared
from caseapp.services.registry import Services
from caseapp.ui.settings_dialog import SettingsDialog


def test_every_setting_has_a_field(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    assert set(dialog.fields) == {s.key for s in declared.ALL}
    assert dialog.value(declared.IDLE_LOCK_MINUTES.key) == 5
    assert dialog.value(declared.PROTECTIVE_MARKING.key) == "OFFICIAL-SENSITIVE"


def test_saving_changes_the_settings(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.fields[declared.IDLE_LOCK_MINUTES.key].setValue(10)
    dialog.fields[declared.PROTECTIVE_MARKING.key].setText("OFFICIAL")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.settings.get(declared.IDLE_LOCK_MINUTES) == 10
    assert services.settings.get(declared.PROTECTIVE_MARKING) == "OFFICIAL"


def test_a_refusal_saves_nothing_and_says_why_beside_the_field(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.fields[declared.IDLE_LOCK_MINUTES.key].setValue(10)
    dialog.fields[declared.PROTECTIVE_MARKING.key].setText("   ")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.text(declared.PROTECTIVE_MARKING.key) == "Protective marking on printed pages cannot be empty."
    assert services.settings.get(declared.IDLE_LOCK_MINUTES) == 5
