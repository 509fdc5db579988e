"""Hand-offs: the packs built for a placement or job, what each shares today, and the disclosure log."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseapp.services.handoffs import HandOffRecord
from caseapp.services.pathway import StepRecord
from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import Column, RecordTableModel, day, moment
from caseapp.ui.record.handoff_dialog import HandOffDialog
from caseapp.ui.record.step_text import step_label
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.widgets.tables import fit_columns, record_table, select_record, selected_record


class HandOffsTab(RecordTab):
    title = QT_TRANSLATE_NOOP("RecordView", "Hand-offs")
    # The hand-off's id; whoever prints the pack also records the disclosure.
    print_requested = Signal(int)

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        self.dialog: HandOffDialog | None = None
        self._steps: dict[int, StepRecord] = {}
        self._workers: dict[int, str] = {}
        self.model = RecordTableModel(
            [
                Column(self.tr("For"), lambda h: self._step_text(h)),
                Column(self.tr("Line manager"), lambda h: h.line_manager),
                Column(self.tr("HR contact"), lambda h: h.hr_contact or ""),
                Column(self.tr("Mentor"), lambda h: h.mentor or ""),
                Column(self.tr("Built on"), lambda h: day(h.built_on)),
                Column(self.tr("Needs to share"), lambda h: (
                    self.tr("none") if not h.need_ids else self.tr("1 need") if len(h.need_ids) == 1
                    else self.tr("%1 needs").replace("%1", str(len(h.need_ids))))),
            ],
            self,
        )
        self.table = record_table(self.tr("Hand-offs"), layout_key="hand-offs")
        self.table.setModel(self.model)
        # The step's description gets the room; the short count at the end does not.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(self.edit_hand_off)
        self.new_button = self._button(self.tr("&New hand-off…"), self.tr("Build a new hand-off"), self.new_hand_off)
        self.edit_button = self._button(self.tr("Ed&it hand-off…"), self.tr("Edit the selected hand-off"),
                                        self.edit_hand_off)
        self.print_button = self._button(self.tr("&Print hand-off pack…"), self.tr("Print the selected hand-off pack"),
                                         self._print)
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("The selected hand-off, and what it shares today"))
        self.log_model = RecordTableModel(
            [
                Column(self.tr("When"), lambda d: moment(d.disclosed_at.astimezone())),
                Column(self.tr("Document"), lambda d: d.document),
                Column(self.tr("Given to"), lambda d: d.recipient, lambda d: d.recipient),
                Column(self.tr("By"), lambda d: self._workers.get(d.worker_id or 0, "")),
                Column(self.tr("What was shared"), lambda d: "; ".join(d.items), lambda d: "\n".join(d.items)),
            ],
            self,
        )
        self.log = record_table(self.tr("Disclosure log"), layout_key="disclosures")
        self.log.setModel(self.log_model)
        # Who it went to and what it held give way (each in full in its tooltip), so that
        # when, what and by whom are all in sight without scrolling sideways.
        log_header = self.log.horizontalHeader()
        log_header.setStretchLastSection(False)
        for column in (2, 4):
            log_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel(self.tr("A hand-off tells the line manager, on day one, what the young person has "
                              "agreed to share. Every pack given out goes into the disclosure log."))
        self.hint.setWordWrap(True)
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch()
        buttons.addWidget(self.print_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        detail_box = QGroupBox(self.tr("Selected hand-off"))
        QVBoxLayout(detail_box).addWidget(self.details)
        log_box = QGroupBox(self.tr("Disclosure log"))
        QVBoxLayout(log_box).addWidget(self.log)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(detail_box)
        bottom.addWidget(log_box)
        bottom.setChildrenCollapsible(False)
        # The log has five columns to show, the plan beside it reads as well in half the width.
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _step_text(self, hand_off: HandOffRecord) -> str:
        step = self._steps.get(hand_off.step_id)
        return step_label(step) if step else ""

    def reload(self) -> None:
        chosen = self.selected()
        self._steps = {s.id: s for s in self.services.pathway.list_steps(person_id=self.person_id)}
        self._workers = {w.id: w.name for w in self.services.workers.list_workers()}
        self.model.set_rows(self.services.handoffs.list_hand_offs(person_id=self.person_id))
        fit_columns(self.table)
        self.log_model.set_rows(self.services.handoffs.list_disclosures(person_id=self.person_id))
        fit_columns(self.log)
        if chosen is not None:
            self.select_hand_off(chosen.id)
        self._selected()

    def selected(self) -> HandOffRecord | None:
        return selected_record(self.table)

    def select_hand_off(self, hand_off_id: int) -> None:
        select_record(self.table, hand_off_id)

    def _selected(self) -> None:
        hand_off = self.selected()
        self.edit_button.setEnabled(hand_off is not None)
        self.print_button.setEnabled(hand_off is not None)
        if hand_off is None:
            self.details.setHtml(escape(self.tr("Select a hand-off to see its plan and what it shares today.")))
        else:
            self.details.setHtml(self._describe(hand_off))

    def _describe(self, hand_off: HandOffRecord) -> str:
        shared = self.services.handoffs.shared_needs(hand_off_id=hand_off.id)
        html = [f"<h3>{escape(self._step_text(hand_off))}</h3>",
                f"<p><b>{escape(self.tr('Shared today'))}</b></p>"]
        if shared:
            html.append("<ul>" + "".join(
                f"<li><b>{escape(n.category.label)}</b>: {escape(n.description)}"
                + (f"<br>{escape(self.tr('Adjustments'))}: {escape(n.adjustments)}" if n.adjustments else "")
                + "</li>" for n in shared) + "</ul>")
        else:
            html.append(f"<p>{escape(self.tr('No support needs: nothing is shared.'))}</p>")
        still = {n.id for n in shared}
        lapsed = [n.category.label for n in self.services.support.list_support_needs(person_id=self.person_id)
                  if n.id in hand_off.need_ids and n.id not in still]
        if lapsed:
            text = self.tr("No longer shared, consent withdrawn: %1").replace("%1", ", ".join(lapsed))
            html.append(f"<p><i>{escape(text)}</i></p>")
        for label, value in ((self.tr("Agreed adjustments"), hand_off.adjustments),
                             (self.tr("First two weeks"), hand_off.first_two_weeks),
                             (self.tr("Keeping in touch"), hand_off.keep_in_touch),
                             (self.tr("If things get difficult"), hand_off.if_difficult),
                             (self.tr("Strengths"), hand_off.strengths)):
            if value:
                body = escape(value).replace("\n", "<br>")
                html.append(f"<p><b>{escape(label)}</b><br>{body}</p>")
        return "".join(html)

    def _open(self, dialog: HandOffDialog) -> None:
        self.dialog = dialog
        # Nothing typed in it is needed once it closes, and records should not linger in memory.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def saved() -> None:
            self.reload()
            self.select_hand_off(dialog.saved.id)

        dialog.accepted.connect(saved)
        dialog.open()

    def new_hand_off(self) -> None:
        self._open(HandOffDialog(self.services, self.person_id, parent=self))

    def edit_hand_off(self) -> None:
        if hand_off := self.selected():
            self._open(HandOffDialog(self.services, self.person_id, hand_off, parent=self))

    def _print(self) -> None:
        if hand_off := self.selected():
            self.print_requested.emit(hand_off.id)
