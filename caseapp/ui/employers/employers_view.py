"""The employers page's layout: the list on the left, the selected employer on the right."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QRect, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseapp.services.commitments import CommitmentProgress
from caseapp.services.employers import CommitmentRecord
from caseapp.services.search import MAX_QUERY_LENGTH
from caseapp.ui.models.record_table_model import Column, RecordTableModel, day
from caseapp.ui.widgets.tables import record_table


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


def _period(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{day(start)} – {day(end)}"
    return day(start) + " –" if start else ""


class WrappingLabel(QLabel):
    """Word-wrapped, and never made shorter than its lines at its width: a splitter or a
    scrolling page gives its parts their least height without asking for the lines."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._lines_height = 0

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._lines_height))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed != self._lines_height:
            self._lines_height = needed
            self.updateGeometry()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._lines_height = self.heightForWidth(self.width()) if self.width() > 0 else 0
        self.updateGeometry()


class FlowLayout(QLayout):
    """Buttons side by side while the row has room, on the next line when it does not: a row
    of four buttons and a tick box is wider than the page at 150% on a laptop screen.
    `right`: items put last and kept to the right end of the last line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right: set[int] = set()
        self._height = 0  # at the width it was last given
        self.setContentsMargins(0, 0, 0, 0)

    def add_right(self, widget: QWidget) -> None:
        self.addWidget(widget)
        self._right.add(id(self._items[-1]))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        height = self._place(rect, move=True)
        if height != self._height:
            # A line more or fewer: the layouts round it must make room (a splitter or tab
            # page does not ask a layout its height for a width).
            self._height = height
            self.invalidate()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Everything on one line.
        shown = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in shown) + self._gap() * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        # As narrow as the widest button; as tall as the lines it takes at its width now.
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        size += QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
        return QSize(size.width(), max(size.height(), self._height))

    def _gap(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style else 6

    def _place(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in (i for i in self._items if not i.isEmpty()):
            width = item.sizeHint().width()
            if lines[-1] and used + gap + width > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            height = max((i.sizeHint().height() for i in line), default=0)
            if move:
                x = area.x()
                right = [i for i in line if id(i) in self._right]
                for item in (i for i in line if id(i) not in self._right):
                    item.setGeometry(QRect(QPoint(x, y), QSize(min(item.sizeHint().width(), area.width()), height)))
                    x += item.sizeHint().width() + gap
                x = area.right() + 1
                for item in reversed(right):
                    width = min(item.sizeHint().width(), area.width())
                    x -= width
                    item.setGeometry(QRect(QPoint(max(x, area.x()), y), QSize(width, height)))
                    x -= gap
            y += height + (gap if line is not lines[-1] else 0)
        return y - rect.y() + margins.bottom()


def _give_way(view: QTableView, free_text: tuple[int, ...], fitted: tuple[int, ...]) -> None:
    """A free-text column takes what room is left, shortened if need be (in full in its
    tooltip), rather than pushing the last columns out of sight; dates are always as wide
    as what they hold, also once the worker has set the other columns' widths."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for column in free_text:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    for column in fitted:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


class EmployersView(QWidget):
    """Builds every control; `EmployersPage` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # -- the list ---------------------------------------------------------------------
        self.filter = QLineEdit()
        self.filter.setMaxLength(MAX_QUERY_LENGTH)  # a search box: a long paste is cut here
        self.filter.setAccessibleName(self.tr("Filter employers"))
        self.filter.setPlaceholderText(self.tr("Name, sector or what they offer"))
        self.filter.setClearButtonEnabled(True)
        self.include_closed = QCheckBox(self.tr("Include &closed"))
        self.include_closed.setAccessibleName(self.tr("Include closed employers"))
        self.employer_model = RecordTableModel(
            [
                Column(self.tr("Employer"), lambda e: e.name),
                Column(self.tr("Sector"), lambda e: e.sector or ""),
                Column(self.tr("Closed"), lambda e: day(e.closed_on)),
                # Not shown: lets the filter box match what they offer as well as the name.
                Column(self.tr("Offers"), lambda e: (e.offers or "").replace("\n", " ")),
            ],
            self,
        )
        self.employer_proxy = QSortFilterProxyModel(self)
        self.employer_proxy.setSourceModel(self.employer_model)
        self.employer_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.employer_proxy.setFilterKeyColumn(-1)
        self.employers = record_table(self.tr("Employers"), layout_key="employers")
        self.employers.setModel(self.employer_proxy)
        self.employers.setColumnHidden(3, True)
        header = self.employers.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.add_employer_button = _button(self.tr("&Add employer…"), self.tr("Add an employer"))
        self.edit_employer_button = _button(self.tr("Ed&it employer…"), self.tr("Edit the selected employer"))
        self.close_employer_button = _button(self.tr("Cl&ose employer…"), self.tr("Close the selected employer"))

        # -- the selected employer ----------------------------------------------------------
        self.name = QLabel()
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setAccessibleName(self.tr("Selected employer"))
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Employer details"))
        # Five lines: the rest of a short screen goes to the opportunities.
        self.details.setMaximumHeight(self.details.fontMetrics().lineSpacing() * 5 + 14)

        self.opportunity_model = RecordTableModel(
            [
                Column(self.tr("Kind"), lambda o: o.type.label),
                Column(self.tr("Title"), lambda o: o.title, lambda o: o.title),
                Column(self.tr("Places"), lambda o: o.places),
                Column(self.tr("Dates"), lambda o: _period(o.start_date, o.end_date)),
                Column(self.tr("Closes"), lambda o: day(o.closing_date)),
                # pounds() already says "/hr"; the table spells it out.
                Column(self.tr("Pay"), lambda o: self.tr("%1 per hour").replace(
                    "%1", f"£{o.pay_pence_per_hour / 100:.2f}") if o.pay_pence_per_hour else ""),
                Column(self.tr("Ring-fenced"), lambda o: self.tr("Yes") if o.ring_fenced else ""),
                Column(self.tr("Status"), lambda o: self.tr("Closed %1").replace("%1", day(o.closed_on))
                       if o.closed_on else self.tr("Open")),
                Column(self.tr("Location"), lambda o: o.location or "", lambda o: o.location or ""),
            ],
            self,
        )
        self.opportunities = record_table(self.tr("Opportunities"), layout_key="opportunities")
        self.opportunities.setModel(self.opportunity_model)
        _give_way(self.opportunities, free_text=(8,), fitted=(3, 4))
        self.show_closed_opportunities = QCheckBox(self.tr("Show closed opportunitie&s"))
        self.show_closed_opportunities.setAccessibleName(self.tr("Show closed opportunities"))
        self.add_opportunity_button = _button(self.tr("Add o&pportunity…"), self.tr("Add an opportunity"))
        self.edit_opportunity_button = _button(self.tr("Edi&t opportunity…"), self.tr("Edit the selected opportunity"))
        self.close_opportunity_button = _button(self.tr("Close opportunit&y…"),
                                                self.tr("Close the selected opportunity"))
        self.suggest_button = _button(self.tr("S&uggest young people…"),
                                      self.tr("Suggest young people for the selected opportunity"))
        self.opportunity_details = QTextBrowser()
        self.opportunity_details.setAccessibleName(self.tr("Details of the selected opportunity"))
        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("Young people on the selected opportunity"))
        self.people_label = WrappingLabel(self.tr("Youn&g people on it (double-click or Enter opens their record):"))
        self.people_label.setBuddy(self.people)

        self.commitment_model = RecordTableModel(
            [
                Column(self.tr("Measure"), lambda c: c.measure, lambda c: c.measure),
                Column(self.tr("Counts as delivered"),
                       lambda c: c.step_type.label if c.step_type else self.tr("Any step")),
                Column(self.tr("Pledged"), lambda c: c.pledged),
                Column(self.tr("Delivered"), lambda c: self._delivered(c.id, "delivered"), self._progress_line),
                Column(self.tr("Outstanding"), self._outstanding, self._progress_line),
                Column(self.tr("Contract"), lambda c: c.contract or "", lambda c: c.contract or ""),
                Column(self.tr("Period"), lambda c: _period(c.period_start, c.period_end)),
            ],
            self,
        )
        # Filled by the page: delivery is counted by the commitments service, by commitment id.
        self.progress: dict[int, CommitmentProgress] = {}
        self.commitment_totals = WrappingLabel()
        self.commitment_totals.setAccessibleName(self.tr("Commitments delivered in total"))
        self.commitments = record_table(self.tr("Social-value commitments"), layout_key="commitments")
        self.commitments.setModel(self.commitment_model)
        _give_way(self.commitments, free_text=(5,), fitted=(6,))
        self.add_commitment_button = _button(self.tr("Add co&mmitment…"), self.tr("Add a commitment"))
        self.edit_commitment_button = _button(self.tr("Edit commitme&nt…"), self.tr("Edit the selected commitment"))
        self._lay_out()

    def _delivered(self, commitment_id: int, figure: str) -> object:
        progress = self.progress.get(commitment_id)
        return getattr(progress, figure) if progress else ""

    def _outstanding(self, commitment: CommitmentRecord) -> str:
        progress = self.progress.get(commitment.id)
        if progress is None:
            return ""
        # Said in words, not only by colour: met or how many are still to come.
        return self.tr("Met") if progress.met else str(progress.outstanding)

    def _progress_line(self, commitment: CommitmentRecord) -> str:
        progress = self.progress.get(commitment.id)
        if progress is None:
            return ""
        return self.tr("%1: pledged %2, delivered %3").replace("%1", progress.measure) \
            .replace("%2", str(progress.pledged)).replace("%3", str(progress.delivered))

    def _lay_out(self) -> None:
        filter_row = QHBoxLayout()
        filter_label = QLabel(self.tr("Fi&lter:"))
        filter_label.setBuddy(self.filter)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter, 1)
        list_buttons = FlowLayout()
        for button in (self.add_employer_button, self.edit_employer_button, self.close_employer_button):
            list_buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.include_closed)
        left_layout.addWidget(self.employers, 1)
        left_layout.addLayout(list_buttons)

        opportunity_buttons = FlowLayout()
        for button in (self.add_opportunity_button, self.edit_opportunity_button, self.close_opportunity_button,
                       self.suggest_button):
            opportunity_buttons.addWidget(button)
        opportunity_buttons.add_right(self.show_closed_opportunities)
        people_box = QGroupBox(self.tr("The selected opportunity"))
        people_column = QVBoxLayout()
        people_column.addWidget(self.people_label)
        people_column.addWidget(self.people, 1)
        people_layout = QHBoxLayout(people_box)
        people_layout.addWidget(self.opportunity_details, 3)
        people_layout.addLayout(people_column, 2)
        opportunities_page = QWidget()
        op_layout = QVBoxLayout(opportunities_page)
        op_layout.addWidget(self.opportunities, 2)
        op_layout.addLayout(opportunity_buttons)
        op_layout.addWidget(people_box, 1)

        commitment_buttons = FlowLayout()
        commitment_buttons.addWidget(self.add_commitment_button)
        commitment_buttons.addWidget(self.edit_commitment_button)
        commitments_page = QWidget()
        co_layout = QVBoxLayout(commitments_page)
        co_layout.addWidget(QLabel(self.tr("What the employer pledged under council contracts, and for when.")))
        co_layout.addWidget(self.commitment_totals)
        co_layout.addWidget(self.commitments, 1)
        co_layout.addLayout(commitment_buttons)

        self.parts = QTabWidget()
        self.parts.setAccessibleName(self.tr("Opportunities and commitments"))
        self.parts.tabBar().setAccessibleName(self.tr("Opportunities and commitments"))
        self.parts.addTab(opportunities_page, self.tr("Opportunities"))
        self.parts.addTab(commitments_page, self.tr("Commitments"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.name)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.parts, 1)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self._left = left
        self.split.addWidget(right)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 2)
        self._keep_readable()
        self._split_placed = False
        # Where the screen is too short for the tables at a readable height (a laptop at
        # 150%), the page scrolls rather than squeezing them to a row each.
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.split)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroller)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._split_placed and self.split.width() > 0:
            # The list as wide as its buttons in a row where the page has room for that.
            self._split_placed = True
            total = sum(self.split.sizes())
            left = max(min(self._left.sizeHint().width(), total * 3 // 10), total // 5)
            self.split.setSizes([left, total - left])

    def _keep_readable(self) -> None:
        """The least each part is made: a few rows of each list, a few lines of each text."""
        for table in (self.employers, self.opportunities, self.commitments):
            rows = table.verticalHeader().defaultSectionSize()
            table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + 3 * rows + 2 * table.frameWidth()
                                   + table.horizontalScrollBar().sizeHint().height())
        lines = self.fontMetrics().lineSpacing()
        self.people.setMinimumHeight(3 * lines + 2 * self.people.frameWidth() + 4)
        self.details.setMinimumHeight(2 * lines + 2 * self.details.frameWidth() + 8)
        self.opportunity_details.setMinimumHeight(4 * lines + 2 * self.opportunity_details.frameWidth() + 8)
