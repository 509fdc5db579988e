"""A failure outside any form is shown in a window, in a sentence; never only on stderr.

Started from a desktop menu, caseapp has no terminal, so a failure printed there is one
nobody sees. A store failure (a damaged caseload, a full disk) has its own sentence; any
other gets a general one. stderr (which a desktop session may log) gets only the kind of
error: a message or a traceback could carry a young person's details. Tests patch `tell`.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from caseapp.store import StoreError

_showing = False


def sentence(error: BaseException) -> str:
    if isinstance(error, StoreError):
        return str(error)
    return QCoreApplication.translate(
        "Failure",
        "Something went wrong and that action did not finish. What was saved before it is "
        "safe. If it happens again, close caseapp, open it again and tell your IT team.",
    )


def tell(parent: QWidget | None, text: str) -> None:
    QMessageBox.critical(parent, QCoreApplication.translate("Failure", "caseapp"), text)


def show(parent: QWidget | None, error: BaseException) -> None:
    global _showing
    print(f"caseapp: {type(error).__name__}", file=sys.stderr, flush=True)
    if _showing:
        return  # a failure while one is on screen: the first sentence stays
    _showing = True
    try:
        tell(parent or QApplication.activeWindow(), sentence(error))
    finally:
        _showing = False


def excepthook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """For errors that escape a slot: Qt carries on, and the worker is told."""
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    show(None, error)


def install() -> None:
    sys.excepthook = excepthook
