"""Employers: who they are, what they offer, their opportunities and commitments, and who is on each."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from caseapp import dates
from caseapp.services.employers import CommitmentRecord, EmployerRecord, OpportunityRecord
from caseapp.services.errors import NotFound
from caseapp.services.registry import Services
from caseapp.ui.employers.commitment_dialog import CommitmentDialog
from caseapp.ui.employers.employer_dialog import EmployerDialog
from caseapp.ui.employers.employers_view import EmployersView
from caseapp.ui.employers.opportunity_dialog import OpportunityDialog
from caseapp.ui.insight.opportunity_matches_dialog import OpportunityMatchesDialog
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.tables import characters_wide, fit_columns_within, select_record, selected_record

# The most a title or measure takes in its table before it is shortened (in full in its tooltip).
FREE_TEXT_CHARACTERS = 28


def _lines(parts: list[tuple[str, str | None]]) -> str:
    """"Label: value" lines for the parts that have a value, multi-line values kept."""
    return "<br>".join(
        f"<b>{escape(label)}:</b> {escape(value).replace(chr(10), '<br>')}" for label, value in parts if value
    )


class EmployersPage(EmployersView):
    # A young person's id: the main window opens their record.
    person_requested = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.dialog: QDialog | None = None
        self.filter.textChanged.connect(self.employer_proxy.setFilterFixedString)
        self.filter.textChanged.connect(lambda _text: self._employer_selected())
        self.include_closed.toggled.connect(lambda _on: self.reload())
        self.show_closed_opportunities.toggled.connect(lambda _on: self._show_opportunities())
        self.employers.selectionModel().selectionChanged.connect(self._employer_selected)
        self.employers.activated.connect(self.edit_employer)
        self.opportunities.selectionModel().selectionChanged.connect(self._opportunity_selected)
        self.opportunities.activated.connect(self.edit_opportunity)
        self.commitments.selectionModel().selectionChanged.connect(self._enable)
        self.commitments.activated.connect(self.edit_commitment)
        self.people.itemActivated.connect(self._person_activated)
        for button, slot in (
            (self.add_employer_button, self.add_employer), (self.edit_employer_button, self.edit_employer),
            (self.close_employer_button, self.close_employer), (self.add_opportunity_button, self.add_opportunity),
            (self.edit_opportunity_button, self.edit_opportunity),
            (self.close_opportunity_button, self.close_opportunity),
            (self.add_commitment_button, self.add_commitment), (self.edit_commitment_button, self.edit_commitment),
            (self.suggest_button, self.suggest_people),
        ):
            button.clicked.connect(slot)
        self.reload()

    # -- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Show current data, keeping the selected employer if it is still listed."""
        chosen = self.selected_employer()
        self.employer_model.set_rows(
            self.services.employers.list_employers(include_closed=self.include_closed.isChecked())
        )
        self.employers.setColumnHidden(2, not self.include_closed.isChecked())
        if chosen is not None:
            self.select_employer(chosen.id)
        self._employer_selected()

    def selected_employer(self) -> EmployerRecord | None:
        return selected_record(self.employers)  # the one shown: the list sits behind a filter

    def selected_opportunity(self) -> OpportunityRecord | None:
        return selected_record(self.opportunities)

    def selected_commitment(self) -> CommitmentRecord | None:
        return selected_record(self.commitments)

    def select_employer(self, employer_id: int) -> None:
        select_record(self.employers, employer_id)

    def select_opportunity(self, opportunity_id: int) -> None:
        select_record(self.opportunities, opportunity_id)

    def _employer_selected(self) -> None:
        employer = self.selected_employer()
        self.name.setText(employer.name if employer else self.tr("No employer selected"))
        self.details.setHtml(self._describe(employer) if employer else "")
        self._show_opportunities()
        self._show_commitments(employer)
        self._enable()

    def _show_commitments(self, employer: EmployerRecord | None) -> None:
        contracts = self.services.commitments.progress(employer_id=employer.id) if employer else []
        self.progress = {c.commitment_id: c for contract in contracts for c in contract.commitments}
        self.commitment_model.set_rows(
            self.services.employers.list_commitments(employer_id=employer.id) if employer else []
        )
        fit_columns_within(self.commitments, {0: characters_wide(self.commitments, FREE_TEXT_CHARACTERS)})
        if not self.progress:
            self.commitment_totals.setText(self.tr("No commitments recorded.") if employer else "")
            return
        pledged = sum(c.pledged for c in self.progress.values())
        delivered = sum(c.delivered for c in self.progress.values())
        outstanding = sum(c.outstanding for c in self.progress.values())
        self.commitment_totals.setText(
            self.tr("In all: pledged %1, delivered %2, %3 outstanding. Delivered counts the steps this employer "
                    "actually hosted that started within each period, up to today.")
            .replace("%1", str(pledged)).replace("%2", str(delivered)).replace("%3", str(outstanding))
        )

    def _describe(self, e: EmployerRecord) -> str:
        contact = ", ".join(x for x in (e.contact_name, e.contact_email, e.contact_phone) if x)
        parts = [
            (self.tr("Sector"), e.sector), (self.tr("Contact"), contact), (self.tr("What they offer"), e.offers),
            (self.tr("Notes"), e.notes),
            (self.tr("Closed"), dates.day(e.closed_on) if e.closed_on else None),
        ]
        return _lines(parts) or escape(self.tr("Nothing recorded yet."))

    def _describe_opportunity(self, o: OpportunityRecord) -> str:
        checks = [self.tr("Right to work") if o.needs_right_to_work else "", o.dbs_level.label if o.dbs_level else "",
                  self.tr("English %1").replace("%1", o.english_level.label) if o.english_level else ""]
        parts = [
            (self.tr("Sector"), o.sector), (self.tr("Location"), o.location),
            (self.tr("Hours per week"), f"{o.hours_per_week:g}" if o.hours_per_week else None),
            (self.tr("Requirements"), o.requirements), (self.tr("Checks"), ", ".join(c for c in checks if c)),
            (self.tr("Ring-fenced"), self.tr("Yes, for care leavers") if o.ring_fenced else None),
        ]
        return f"<b>{escape(o.title)}</b> — {escape(o.type.label)}<br>{_lines(parts)}"

    def _show_opportunities(self) -> None:
        employer = self.selected_employer()
        chosen = self.selected_opportunity()
        rows = self.services.employers.list_opportunities(
            employer_id=employer.id, include_closed=self.show_closed_opportunities.isChecked()
        ) if employer else []
        self.opportunity_model.set_rows(rows)
        fit_columns_within(self.opportunities, {1: characters_wide(self.opportunities, FREE_TEXT_CHARACTERS)})
        self.opportunities.setColumnHidden(7, not self.show_closed_opportunities.isChecked())
        if chosen is not None:
            self.select_opportunity(chosen.id)
        self._opportunity_selected()

    def _opportunity_selected(self) -> None:
        self.people.clear()
        opportunity = self.selected_opportunity()
        self.opportunity_details.setHtml(self._describe_opportunity(opportunity) if opportunity else "")
        if opportunity is not None:
            for person_id in self.services.employers.people_on_opportunity(opportunity_id=opportunity.id):
                try:
                    person = self.services.people.get_young_person(person_id=person_id)
                except NotFound:
                    continue
                item = QListWidgetItem(person.display_name)
                item.setData(Qt.ItemDataRole.UserRole, person_id)
                self.people.addItem(item)
            if self.people.count() == 0:
                item = QListWidgetItem(self.tr("Nobody on this opportunity yet"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.people.addItem(item)
        self._enable()

    def _enable(self) -> None:
        employer = self.selected_employer()
        opportunity = self.selected_opportunity()
        open_employer = employer is not None and employer.closed_on is None
        self.edit_employer_button.setEnabled(employer is not None)
        self.close_employer_button.setEnabled(open_employer)
        self.add_opportunity_button.setEnabled(open_employer)
        self.edit_opportunity_button.setEnabled(opportunity is not None)
        self.close_opportunity_button.setEnabled(opportunity is not None and opportunity.closed_on is None)
        # Matching suggests people only for what is still open to applications.
        self.suggest_button.setEnabled(
            open_employer and opportunity is not None and opportunity.closed_on is None
            and (opportunity.closing_date is None or opportunity.closing_date >= self.services.today())
        )
        self.add_commitment_button.setEnabled(employer is not None)
        self.edit_commitment_button.setEnabled(self.selected_commitment() is not None)

    def _person_activated(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id is not None:
            self.person_requested.emit(person_id)

    # -- changing ----------------------------------------------------------------------------

    def _open(self, dialog: EmployerDialog | OpportunityDialog | CommitmentDialog, after) -> None:
        self.dialog = dialog
        # Nothing typed in it is needed once it closes.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: after(dialog.saved))
        dialog.open()

    def _employer_saved(self, employer: EmployerRecord) -> None:
        self.reload()
        self.select_employer(employer.id)

    def _opportunity_saved(self, opportunity: OpportunityRecord) -> None:
        self._show_opportunities()
        self.select_opportunity(opportunity.id)

    def add_employer(self) -> None:
        self.filter.clear()  # so the new employer is in the list to select
        self._open(EmployerDialog(self.services, parent=self), self._employer_saved)

    def edit_employer(self, _index: QModelIndex | None = None) -> None:
        if employer := self.selected_employer():
            self._open(EmployerDialog(self.services, employer, parent=self), self._employer_saved)

    def close_employer(self) -> None:
        employer = self.selected_employer()
        if employer is None or not confirm.ask(
            self,
            self.tr("Close employer"),
            self.tr("Close %1 from today? They leave the list of employers (tick “Include closed” to see "
                    "them); their opportunities and history are kept.").replace("%1", employer.name),
            self.tr("Close employer"),
        ):
            return
        self.services.employers.close_employer(employer_id=employer.id)
        self.reload()

    def add_opportunity(self) -> None:
        if employer := self.selected_employer():
            self._open(OpportunityDialog(self.services, employer.id, parent=self), self._opportunity_saved)

    def edit_opportunity(self, _index: QModelIndex | None = None) -> None:
        if opportunity := self.selected_opportunity():
            dialog = OpportunityDialog(self.services, opportunity.employer_id, opportunity, parent=self)
            self._open(dialog, self._opportunity_saved)

    def close_opportunity(self) -> None:
        opportunity = self.selected_opportunity()
        if opportunity is None or not confirm.ask(
            self,
            self.tr("Close opportunity"),
            self.tr("Close “%1” from today? No one new can be put forward for it; the young people "
                    "already on it keep their steps.").replace("%1", opportunity.title),
            self.tr("Close opportunity"),
        ):
            return
        self.services.employers.close_opportunity(opportunity_id=opportunity.id)
        self._show_opportunities()

    def suggest_people(self) -> None:
        if opportunity := self.selected_opportunity():
            dialog = OpportunityMatchesDialog(self.services, opportunity.id, parent=self)
            self.dialog = dialog
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.person_requested.connect(self.person_requested)
            dialog.open()

    def add_commitment(self) -> None:
        if employer := self.selected_employer():
            self._open(CommitmentDialog(self.services, employer.id, parent=self), lambda _c: self._employer_selected())

    def edit_commitment(self, _index: QModelIndex | None = None) -> None:
        employer, commitment = self.selected_employer(), self.selected_commitment()
        if employer and commitment:
            self._open(CommitmentDialog(self.services, employer.id, commitment, parent=self),
                       lambda _c: self._employer_selected())
