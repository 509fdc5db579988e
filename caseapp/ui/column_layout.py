"""Column widths the worker set, remembered by kind of table in the layout settings.

Keys name the kind of table ("columns/pathway"), values are Qt's header state: widths and
order, never what a table shows. Only tables whose widths the worker changed are saved, so
the others keep fitting their contents.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableView, QWidget

from caseapp.ui.widgets.tables import LAYOUT_KEY, SET_BY_WORKER, restore_widths


def _keyed(root: QWidget) -> list[tuple[str, QTableView]]:
    return [(str(view.property(LAYOUT_KEY)), view) for view in root.findChildren(QTableView)
            if view.property(LAYOUT_KEY)]


def save(settings: QSettings, root: QWidget) -> None:
    for key, view in _keyed(root):
        if view.property(SET_BY_WORKER):
            settings.setValue(f"columns/{key}", view.horizontalHeader().saveState())


def restore(settings: QSettings, root: QWidget) -> None:
    """Put saved widths on every keyed table under `root` that has none of the worker's yet."""
    for key, view in _keyed(root):
        if view.property(SET_BY_WORKER):
            continue
        state = settings.value(f"columns/{key}")
        if state is not None:
            restore_widths(view, state)
