"""Scrolling the profile with the wheel scrolls it, and changes no drop-down or date on the way."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from caseapp.models.codes import Sex
from caseapp.ui.launch import make_application
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.widgets import wheel_guard


def wheel_down(widget: QWidget) -> None:
    """One notch of the wheel, pointing at the middle of `widget`, as the window system sends it."""
    at = QPointF(widget.rect().center())
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def profile(qtbot, services, person) -> ProfileTab:  # type: ignore[no-untyped-def]
    services.people.edit_young_person(person_id=person.id, sex=Sex.MALE)
    tab = ProfileTab(services, person.id)
    qtbot.addWidget(tab)
    tab.resize(900, 400)  # shorter than the form, so it scrolls
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_the_app_installs_the_guard_once(qapp) -> None:  # type: ignore[no-untyped-def]
    assert make_application() is qapp
    make_application()
    assert len(qapp.findChildren(wheel_guard.WheelGuard)) == 1


def test_wheel_over_an_unfocused_drop_down_scrolls_the_form(qtbot, qapp, services, person) -> None:  # type: ignore[no-untyped-def]
    wheel_guard.install(qapp)
    tab = profile(qtbot, services, person)
    sex, born = tab.form.widgets["sex"], tab.form.widgets["date_of_birth"]
    area = tab.findChild(QScrollArea)
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    tab.form.widgets["given_name"].setFocus()
    date_before = born.date()
    wheel_down(sex)
    wheel_down(born)
    assert sex.value() == Sex.MALE
    assert born.date() == date_before
    assert bar.value() > 0  # the wheel went to the form instead
    assert not sex.hasFocus() and not born.hasFocus()  # passing over takes no focus either


def test_a_focused_drop_down_still_takes_the_wheel(qtbot, qapp, services, person) -> None:  # type: ignore[no-untyped-def]
    wheel_guard.install(qapp)
    tab = profile(qtbot, services, person)
    sex = tab.form.widgets["sex"]
    tab.activateWindow()
    sex.setFocus()
    qtbot.waitUntil(sex.hasFocus)
    assert sex.focusPolicy() == Qt.FocusPolicy.StrongFocus
    wheel_down(sex)
    assert sex.value() != Sex.MALE
