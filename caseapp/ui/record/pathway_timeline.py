"""The pathway drawn on a time line: one bar per step from its start to its end (or to today
while under way), coloured by status, with today marked; a click selects the step.

A long pathway (two dozen steps over three years) does not shrink to fit: the lanes scroll up
and down, a day keeps a readable width and the line scrolls sideways, and Ctrl with the wheel
(or + and - once it has focus) zooms in and out."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QStyle, QStyleOptionFocusRect, QToolTip, QWidget

from caseapp.models.codes import StepStatus
from caseapp.services.pathway import StepRecord
from caseapp.ui.models.record_table_model import day

LANE = 20  # height of one step's lane, in pixels
AXIS = 22  # room for the month labels under the lanes
LABEL_WIDTH = 150  # room for each lane's name on the left, or a quarter of the width if more
MOST_LANES = 8  # shown at once; more scroll, so the steps' table below keeps its room
SHARE_OF_PAGE = 0.4  # the most of a short page the line takes
FEWEST_LANES = 3  # when the window is short
DAY = 1.0  # the narrowest a day is drawn, in pixels: three years then need a sideways scroll
WIDEST_DAY = 40.0  # as far as zooming in goes
SHORTEST_BAR = 8  # a step of a day or two is still a bar, not a dot
ZOOM_STEP = 1.25
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


def _next_month(mark: date) -> date:
    return date(mark.year + (mark.month == 12), mark.month % 12 + 1, 1)


class PathwayTimeline(QWidget):
    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Pathway on a time line"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setMouseTracking(True)
        # Reached with Tab too, so the keys can scroll and zoom it.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._bars: list[Bar] = []
        self._today = date.today()
        self._selected: int | None = None
        self._zoom = 1.0
        self._placed = False  # scrolled to today once there were steps to show
        self._with_lanes = self._with_sideways = False
        self._wanted = MOST_LANES
        if parent is not None:
            parent.installEventFilter(self)
        self.sideways = QScrollBar(Qt.Orientation.Horizontal, self)
        self.sideways.setAccessibleName(self.tr("Scroll the time line through time"))
        self.lanes = QScrollBar(Qt.Orientation.Vertical, self)
        self.lanes.setAccessibleName(self.tr("Scroll the time line's steps"))
        for bar in (self.sideways, self.lanes):
            bar.hide()
            bar.valueChanged.connect(self.update)

    def set_steps(self, steps: list[StepRecord], today: date) -> None:
        self._bars, self._today = bars(steps, today), today
        self.setAccessibleDescription("; ".join(self._words(b) for b in self._bars))
        self.setVisible(bool(self._bars))
        self.updateGeometry()
        self._arrange()
        self.update()

    def set_selected(self, step_id: int | None) -> None:
        self._selected = step_id
        lane = next((n for n, b in enumerate(self._bars) if b.step.id == step_id), None)
        if lane is not None:
            self.show_lane(lane)
        self.update()

    def show_lane(self, lane: int) -> None:
        """Scroll so that the lane's bar is in sight."""
        shown = self.lanes_shown()
        if lane < self.lanes.value():
            self.lanes.setValue(lane)
        elif lane >= self.lanes.value() + shown:
            self.lanes.setValue(lane - shown + 1)
        bar = self._bars[lane]
        left, right = self._plot()
        start = self._offset(bar.start)
        end = max(self._offset(bar.end), start + SHORTEST_BAR)
        if start < self.sideways.value() or end > self.sideways.value() + (right - left):
            self.sideways.setValue(int(start - (right - left - (end - start)) / 2))

    # -- size --------------------------------------------------------------------------------

    def _rows_height(self, lanes: int) -> int:
        return lanes * LANE + AXIS + 4

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(600, self._rows_height(min(len(self._bars), self._lanes_wanted())) + self._sideways_room())

    def _lanes_wanted(self) -> int:
        """MOST_LANES, or fewer where the page is short, so the steps' table keeps most of it."""
        page = self.parentWidget()
        if page is None or page.height() <= 0:
            return MOST_LANES
        room = int(page.height() * SHARE_OF_PAGE) - self._rows_height(0) - self._sideways_room()
        return max(FEWEST_LANES, min(MOST_LANES, room // LANE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            wanted = self._lanes_wanted()
            if wanted != self._wanted:
                self._wanted = wanted
                self.updateGeometry()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        parent = self.parentWidget()
        if event.type() == QEvent.Type.ParentChange and parent is not None:
            parent.installEventFilter(self)
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(300, self._rows_height(min(len(self._bars), FEWEST_LANES)) + self._sideways_room())

    def _sideways_room(self) -> int:
        return self.sideways.sizeHint().height() if self._with_sideways else 0

    def lanes_shown(self) -> int:
        room = self.height() - self._rows_height(0) - self._sideways_room()
        return max(1, min(len(self._bars), room // LANE)) if self._bars else 0

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._arrange()
        if self._bars and not self._placed:
            # Once it has its size: the latest steps, up to today, are what is looked at first.
            self._placed = True
            self.sideways.setValue(self.sideways.maximum())
            self.lanes.setValue(self.lanes.maximum())

    def _arrange(self) -> None:
        """Scroll bars where they are needed, with ranges for what is out of sight."""
        had_sideways = self._with_sideways
        lanes = len(self._bars)
        # Each bar takes room from the other's direction: settle which are needed.
        self._with_lanes = self._with_sideways = False
        for _round in range(3):
            left, right = self._plot()
            self._with_sideways = bool(self._bars) and self._content_width() > (right - left) + 0.5
            self._with_lanes = self.lanes_shown() < lanes
        shown = self.lanes_shown()
        self.lanes.setVisible(self._with_lanes)
        self.lanes.setRange(0, max(0, lanes - shown))
        self.lanes.setPageStep(max(1, shown))
        width = self.lanes.sizeHint().width()
        self.lanes.setGeometry(self.width() - width, 0, width, shown * LANE)
        left, right = self._plot()
        self.sideways.setVisible(self._with_sideways)
        self.sideways.setRange(0, max(0, math.ceil(self._content_width() - (right - left))) if self._bars else 0)
        self.sideways.setPageStep(max(1, int(right - left)))
        self.sideways.setSingleStep(max(1, round(7 * self._day()) if self._bars else 1))
        height = self.sideways.sizeHint().height()
        self.sideways.setGeometry(int(left), self.height() - height, int(right - left), height)
        if had_sideways != self._with_sideways:
            self.updateGeometry()  # the bar takes room under the dates, or gives it back

    # -- geometry ----------------------------------------------------------------------------

    def _span(self) -> tuple[date, date]:
        first = min(b.start for b in self._bars)
        last = max(max(b.end for b in self._bars), self._today)
        return first - timedelta(days=7), last + timedelta(days=7)

    def _days(self) -> int:
        first, last = self._span()
        return max((last - first).days, 1)

    def label_width(self) -> int:
        """Room for the steps' names: the longest in full, unless it would take more than
        a quarter of the line (and LABEL_WIDTH)."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(b.step.type.label) for b in self._bars), default=0)
        return min(widest + 14, max(LABEL_WIDTH, self.width() // 4))

    def _plot(self) -> tuple[float, float]:
        """Where the bars are drawn, left to right."""
        left = self.label_width()
        right = self.width() - 8 - (self.lanes.sizeHint().width() if self._with_lanes else 0)
        return float(left), float(max(right, left + 1))

    def _fit(self) -> float:
        left, right = self._plot()
        return (right - left) / self._days()

    def _day(self) -> float:
        """A day's width: the whole span when that leaves a day readable, else DAY; zoomed."""
        fit = self._fit()
        return min(max(max(fit, DAY) * self._zoom, fit), WIDEST_DAY)

    def _content_width(self) -> float:
        return self._days() * self._day()

    def _offset(self, when: date) -> float:
        first, _last = self._span()
        return (when - first).days * self._day()

    def _x(self, when: date) -> float:
        left, _right = self._plot()
        return left + self._offset(when) - self.sideways.value()

    def _rect(self, lane: int, bar: Bar) -> QRectF:
        left = self._x(bar.start)
        right = max(self._x(bar.end), left + SHORTEST_BAR)
        return QRectF(left, (lane - self.lanes.value()) * LANE + 3, right - left, LANE - 6)

    def bar_at(self, x: float, y: float) -> Bar | None:
        left, right = self._plot()
        if not left <= x <= right or not 0 <= y < self.lanes_shown() * LANE:
            return None
        lane = int(y // LANE) + self.lanes.value()
        if 0 <= lane < len(self._bars) and self._rect(lane, self._bars[lane]).adjusted(-3, -3, 3, 3).contains(x, y):
            return self._bars[lane]
        return None

    def zoom(self, factor: float, around: float | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping the day under `around` (an x) where it is."""
        if not self._bars:
            return
        left, right = self._plot()
        around = (left + right) / 2 if around is None else around
        days_in = (around - left + self.sideways.value()) / self._day()
        base = max(self._fit(), DAY)
        self._zoom = min(max(self._zoom * factor, self._fit() / base), WIDEST_DAY / base)
        self._arrange()
        self.sideways.setValue(round(days_in * self._day() - (around - left)))
        self.updateGeometry()
        self.update()

    def _month_step(self) -> int:
        """Months between labels, so that no two labels run into each other."""
        room = self.fontMetrics().horizontalAdvance("Sep 2026") + 12
        return next((m for m in (1, 3, 6, 12) if m * 30.4 * self._day() >= room), 24)

    # -- drawing -----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        top, shown = self.lanes.value(), self.lanes_shown()
        lanes_bottom = shown * LANE
        left, right = self._plot()
        painter.save()
        painter.setClipRect(QRectF(left, 0, right - left + 8, lanes_bottom + AXIS))
        self._draw_months(painter, palette, lanes_bottom)
        for lane in range(top, min(top + shown, len(self._bars))):
            self._draw_bar(painter, palette, self._rect(lane, self._bars[lane]), self._bars[lane])
        today = self._x(self._today)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(today, 0), QPointF(today, lanes_bottom))
        painter.restore()
        painter.setPen(text)
        for lane in range(top, min(top + shown, len(self._bars))):
            label = QRectF(4, (lane - top) * LANE, left - 10, LANE)
            painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(self._bars[lane].step.type.label,
                                                              Qt.TextElideMode.ElideRight, int(label.width())))
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            option.rect = self.rect()
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)
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

    def month_marks(self) -> list[tuple[float, str]]:
        """Each labelled month on the line: where it is drawn and what it says."""
        first, last = self._span()
        every = self._month_step()
        marks = []
        mark = date(first.year, first.month, 1)
        while mark <= last:
            if mark >= first and (mark.month - 1) % every == 0:
                text = mark.strftime("%b %Y") if mark.month == 1 or every > 1 else mark.strftime("%b")
                marks.append((self._x(mark), text))
            mark = _next_month(mark)
        return marks

    def _draw_months(self, painter: QPainter, palette: QPalette, lanes_bottom: int) -> None:
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        left, _right = self._plot()
        for x, text in self.month_marks():
            painter.drawLine(QPointF(x, 0), QPointF(x, lanes_bottom + 3))
            if x >= left:  # half a label scrolled away reads as another month
                painter.drawText(QRectF(x + 2, lanes_bottom + 2, 80, AXIS - 2), Qt.AlignmentFlag.AlignLeft, text)

    # -- the mouse and the keys --------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        bar = self.bar_at(event.position().x(), event.position().y())
        if bar is not None:
            self.step_clicked.emit(bar.step.id)
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and delta.y():
            self.zoom(ZOOM_STEP if delta.y() > 0 else 1 / ZOOM_STEP, event.position().x())
            event.accept()
            return
        sideways = delta.x() or (delta.y() if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                                 or self.lanes.isHidden() else 0)
        target = self.sideways if sideways else self.lanes
        steps = -(sideways or delta.y()) / 120
        if target.isHidden() or not steps:
            event.ignore()  # nothing to scroll here: the page around it scrolls instead
            return
        target.setValue(target.value() + round(steps * (target.singleStep() if target is self.lanes
                                                        else target.singleStep() * 3)))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not self.sideways.isHidden():
            step = self.sideways.singleStep() * (1 if key == Qt.Key.Key_Right else -1)
            self.sideways.setValue(self.sideways.value() + step)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.lanes.isHidden():
            self.lanes.setValue(self.lanes.value() + (1 if key == Qt.Key.Key_Down else -1))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def event(self, event) -> bool:
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
