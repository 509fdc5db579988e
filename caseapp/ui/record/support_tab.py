"""Support and consent: the young person's needs, and whether each may be shared, item by item."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from caseapp.services.registry import Services
from caseapp.services.support import NeedRecord
from caseapp.ui.models.record_table_model import Column, RecordTableModel, day
from caseapp.ui.record.consent_dialog import ConsentDialog
from caseapp.ui.record.need_dialog import NeedDialog
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.tables import fit_columns, record_table, select_record, selected_record


def _one_line(text: str | None) -> str:
    return (text or "").replace("\n", " ")


class SupportTab(RecordTab):
    title = QT_TRANSLATE_NOOP("RecordView", "Support and consent")

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        self.dialog: QDialog | None = None
        self.model = RecordTableModel(
            [
                Column(self.tr("Kind of need"), lambda n: n.category.label),
                Column(self.tr("Sharing"), self.sharing),
                Column(self.tr("Description"), lambda n: _one_line(n.description), lambda n: n.description),
                Column(self.tr("Adjustments"), lambda n: _one_line(n.adjustments), lambda n: n.adjustments or ""),
            ],
            self,
        )
        self.table = record_table(self.tr("Support needs"), layout_key="support")
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(self.edit_need)
        self.hint = QLabel(self.tr("Only needs the young person has agreed to share reach a hand-off pack. "
                              "Consent is given and withdrawn need by need."))
        self.hint.setWordWrap(True)
        self.details = QLabel()
        self.details.setAccessibleName(self.tr("Consent history of the selected need"))
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = self._button(self.tr("&Add need…"), self.tr("Add a support need"), self.add_need)
        self.edit_button = self._button(self.tr("Ed&it need…"), self.tr("Edit the selected need"), self.edit_need)
        self.give_button = self._button(self.tr("&Give consent…"), self.tr("Record consent to share the selected need"),
                                        self.give_consent)
        self.withdraw_button = self._button(self.tr("&Withdraw consent…"),
                                            self.tr("Withdraw consent to share the selected need"),
                                            self.withdraw_consent)
        self.remove_button = self._button(self.tr("&Remove need…"), self.tr("Remove the selected need"),
                                          self.remove_need)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.give_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.reload()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def sharing(self, need: NeedRecord) -> str:
        """Where consent stands today, in the words a worker would use."""
        today = self.services.today()
        current = next((c for c in reversed(need.consents) if c.in_force_on(today)), None)
        if current is not None:
            return self.tr("Shared with consent since %1").replace("%1", day(current.given_on))
        withdrawn = max((c.withdrawn_on for c in need.consents if c.withdrawn_on), default=None)
        if withdrawn is not None:
            return self.tr("Consent withdrawn on %1").replace("%1", day(withdrawn))
        return self.tr("Not to be shared")

    def reload(self) -> None:
        chosen = self.selected()
        self.model.set_rows(self.services.support.list_support_needs(person_id=self.person_id))
        fit_columns(self.table)
        if chosen is not None:
            self.select_need(chosen.id)
        self._selected()

    def selected(self) -> NeedRecord | None:
        return selected_record(self.table)

    def select_need(self, need_id: int) -> None:
        select_record(self.table, need_id)

    def _selected(self) -> None:
        need = self.selected()
        in_force = need is not None and any(c.withdrawn_on is None for c in need.consents)
        self.edit_button.setEnabled(need is not None)
        self.remove_button.setEnabled(need is not None)
        self.give_button.setEnabled(need is not None and not in_force)
        self.withdraw_button.setEnabled(in_force)
        self.details.setText(self._history(need) if need else self.tr("Select a need to see its consent history."))

    def _history(self, need: NeedRecord) -> str:
        if not need.consents:
            return escape(self.tr("No consent recorded: this need is not to be shared."))
        lines = []
        for consent in need.consents:
            line = self.tr("Consent given on %1").replace("%1", day(consent.given_on))
            if consent.withdrawn_on:
                line += self.tr(", withdrawn on %1").replace("%1", day(consent.withdrawn_on))
            if consent.note:
                line += f" — {consent.note}"
            lines.append(escape(line))
        return f"<b>{escape(self.tr('Consent history'))}:</b><br>" + "<br>".join(lines)

    def _open(self, dialog: NeedDialog | ConsentDialog) -> None:
        self.dialog = dialog
        # Nothing typed in it is needed once it closes, and records should not linger in memory.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def saved() -> None:
            self.reload()
            self.select_need(dialog.saved.id)

        dialog.accepted.connect(saved)
        dialog.open()

    def add_need(self) -> None:
        self._open(NeedDialog(self.services, self.person_id, parent=self))

    def edit_need(self) -> None:
        if need := self.selected():
            self._open(NeedDialog(self.services, self.person_id, need, parent=self))

    def give_consent(self) -> None:
        if need := self.selected():
            self._open(ConsentDialog(self.services, need, parent=self))

    def withdraw_consent(self) -> None:
        if need := self.selected():
            self._open(ConsentDialog(self.services, need, withdraw=True, parent=self))

    def remove_need(self) -> None:
        need = self.selected()
        if need is None:
            return
        if not confirm.ask(
            self,
            self.tr("Remove support need"),
            self.tr("Remove the “%1” need and its consent record? Hand-off packs will no longer include "
                    "it. The history keeps what it said.").replace("%1", need.category.label),
            self.tr("Remove"),
        ):
            return
        self.services.support.remove_support_need(need_id=need.id)
        self.reload()
