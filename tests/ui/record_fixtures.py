"""Helpers for the UI tests that are not fixtures: the fixed day, spoken names, screenshots.

The fixtures themselves (store, services, person, answers, demo) are in tests/ui/conftest.py.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.ui.conftest import TODAY

# Screenshots are for people to look at; saved only when this names a folder.
SHOTS = os.environ.get("CASEAPP_SHOTS")


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# Every kind of control a worker can reach and a screen reader announces.
INTERACTIVE = (
    QAbstractButton,  # push buttons, tool buttons, check boxes, radio buttons
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,  # spin boxes and date edits
    QAbstractItemView,
    QSlider,
    QTabBar,
)


def _words(text: str) -> str:
    """A label's or button's text as it is read out: no mnemonic marker, no trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def _inside_a_control(widget: QWidget) -> bool:
    """Part Qt builds inside another control (a drop-down's list, a tab bar's scroll arrows)."""
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, INTERACTIVE):
            return True
        parent = parent.parent()
    return False


def spoken_name(widget: QWidget, labels: list[QLabel]) -> str:
    """What a screen reader says for the control: its own name, its text, or its label's."""
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and _words(widget.text()):
        return _words(widget.text())
    for label in labels:
        if label.buddy() is widget and _words(label.text()):
            return _words(label.text())
    return ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Each interactive control under `root` with nothing a screen reader could call it."""
    labels = root.window().findChildren(QLabel)
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _inside_a_control(widget):
            continue
        if not spoken_name(widget, labels):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(root).__name__}")
    return found


def shoot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()  # let layouts catch up with text just set
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SHOTS) / f"{name}.png"))
