"""A drop-down of one code list (an enum with labels), optionally with a blank choice."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QWidget


class CodeCombo(QComboBox):
    """`default` is what it shows when there is no value (the blank choice if there is one,
    else the first code): the services' own default, so that a box nobody has touched never
    says something nobody recorded."""

    def __init__(
        self,
        codes: Iterable[enum.Enum],
        *,
        blank: str | None = None,
        default: enum.Enum | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if blank is not None:
            self.addItem(blank, None)
        for code in codes:
            self.addItem(getattr(code, "label", str(code.value)), code)
        self._default = default
        self.set_value(None)

    def value(self) -> enum.Enum | None:
        return self.currentData()

    def set_value(self, code: enum.Enum | None) -> None:
        index = self.findData(code if code is not None else self._default)
        self.setCurrentIndex(max(index, 0))
