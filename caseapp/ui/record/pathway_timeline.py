"""The pathway drawn on a time line: one bar per step from its start to its end (or to today
while under way), coloured by status, with today marked; a click selects the step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from caseapp.models.codes import StepStatus
from caseapp.services.pathway import StepRecord
from caseapp.ui.models.record_table_model import day

LANE = 20  # height of one step's lane, in pixels
AXIS = 22  # room for the month labels under the lanes
LABEL_WIDTH = 150  # room for each lane's name on the left
UPCOMING = {StepStatus.PLANNED, StepStatus.OFFERED, StepStatus.ACCEPTED, StepStatus.WAITING_TO_START}
STOPPED = {StepStatus.ENDED_EARLY, StepStatus.WITHDRAWN}


@dataclass(frozen=True)
class Bar:
    step: StepRecord
    start: date
    end: date


def bars(steps: list[StepRecord], today: date) -> list[Bar]:
    """A bar for each step with a date: under way runs to today, upcoming is a day long."""
    out = []
    for step in steps:
        start = step.start_date or step.offered_on
        if start is None:
            continue
        end = step.end_date or (today if step.status == StepStatus.IN_PROGRESS and start <= today else start)
        out.append(Bar(step, start, max(start, end)))
    return out


class PathwayTimeline(QWidget):
    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Pathway on a time line"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._bars: list[Bar] = []
        self._today = date.today()
        self._selected: int | None = None

    def set_steps(self, steps: list[StepRecord], today: date) -> None:
        self._bars, self._today = bars(steps, today), today
        self.setAccessibleDescription("; ".join(self._words(b) for b in self._bars))
        self.setVisible(bool(self._bars))
        self.updateGeometry()
        self.update()

    def set_selected(self, step_id: int | None) -> None:
        self._selected = step_id
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(600, len(self._bars) * LANE + AXIS + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    # -- geometry ----------------------------------------------------------------------------

    def _span(self) -> tuple[date, date]:
        first = min(b.start for b in self._bars)
        last = max(max(b.end for b in self._bars), self._today)
        return first - timedelta(days=7), last + timedelta(days=7)

    def _x(self, when: date) -> float:
        first, last = self._span()
        width = max(self.width() - LABEL_WIDTH - 8, 1)
        return LABEL_WIDTH + width * (when - first).days / max((last - first).days, 1)

    def _rect(self, lane: int, bar: Bar) -> QRectF:
        left = self._x(bar.start)
        right = max(self._x(bar.end), left + 6)  # a day-long step still shows
        return QRectF(left, lane * LANE + 3, right - left, LANE - 6)

    def bar_at(self, x: float, y: float) -> Bar | None:
        lane = int(y // LANE)
        if 0 <= lane < len(self._bars) and self._rect(lane, self._bars[lane]).adjusted(-3, -3, 3, 3).contains(x, y):
            return self._bars[lane]
        return None

    # -- drawing -----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        lanes_bottom = len(self._bars) * LANE
        self._draw_months(painter, palette, lanes_bottom)
        for lane, bar in enumerate(self._bars):
            painter.setPen(text)
            label = QRectF(4, lane * LANE, LABEL_WIDTH - 10, LANE)
            painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(bar.step.type.label, Qt.TextElideMode.ElideRight,
                                                              int(label.width())))
            self._draw_bar(painter, palette, self._rect(lane, bar), bar)
        today = self._x(self._today)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(today, 0), QPointF(today, lanes_bottom))
        painter.end()

    def _draw_bar(self, painter: QPainter, palette: QPalette, rect: QRectF, bar: Bar) -> None:
        accent = palette.color(QPalette.ColorRole.Highlight)
        status = bar.step.status
        if status in UPCOMING:
            painter.setPen(QPen(accent, 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        elif status in STOPPED:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Mid))
        elif status == StepStatus.COMPLETED:
            done = QColor(accent)
            done.setAlpha(140)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(done)
        else:  # under way
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
        painter.drawRoundedRect(rect, 3, 3)
        if bar.step.id == self._selected:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 4, 4)

    def _draw_months(self, painter: QPainter, palette: QPalette, lanes_bottom: int) -> None:
        first, last = self._span()
        months = (last.year - first.year) * 12 + last.month - first.month
        every = 1 if months <= 12 else 3 if months <= 36 else 6
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        mark = date(first.year, first.month, 1)
        while mark <= last:
            if mark >= first and (mark.month - 1) % every == 0:
                x = self._x(mark)
                painter.drawLine(QPointF(x, 0), QPointF(x, lanes_bottom + 3))
                painter.drawText(QRectF(x + 2, lanes_bottom + 2, 60, AXIS - 2), Qt.AlignmentFlag.AlignLeft,
                                 mark.strftime("%b %Y") if mark.month == 1 or every > 1 else mark.strftime("%b"))
            mark = date(mark.year + (mark.month == 12), mark.month % 12 + 1, 1)

    # -- the mouse ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        bar = self.bar_at(event.position().x(), event.position().y())
        if bar is not None:
            self.step_clicked.emit(bar.step.id)
        super().mousePressEvent(event)

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos().x(), event.pos().y())
            if bar is not None:
                QToolTip.showText(event.globalPos(), self._words(bar), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _words(self, bar: Bar) -> str:
        step = bar.step
        what = f"{step.type.label}: {step.title}" if step.title and step.title != step.type.label else step.type.label
        if step.status in UPCOMING:
            when = self.tr("from %1").replace("%1", day(bar.start))
        elif step.status == StepStatus.IN_PROGRESS and step.end_date is None:
            when = self.tr("since %1").replace("%1", day(bar.start))
        else:
            when = f"{day(bar.start)} – {day(bar.end)}"
        return f"{what}, {when} ({step.status.label})"
