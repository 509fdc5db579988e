"""A drop-down of one code list (an enum with labels), optionally with a blank choice."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

# The code list's own enum, so that a box of step types gives a StepType back.
E = TypeVar("E", bound=enum.Enum)


class CodeCombo(QComboBox, Generic[E]):
    """`default` is what it shows when there is no value (the blank choice if there is one,
    else the first code): the services' own default, so that a box nobody has touched never
    says something nobody recorded."""

    def __init__(
        self,
        codes: Iterable[E],
        *,
        blank: str | None = None,
        default: E | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if blank is not None:
            self.addItem(blank, None)
        for code in codes:
            self.addItem(getattr(code, "label", str(code.value)), code)
        self._default = default
        self.set_value(None)

    def value(self) -> E | None:
        return self.currentData()

    def set_value(self, code: E | None) -> None:
        index = self.findData(code if code is not None else self._default)
        self.setCurrentIndex(max(index, 0))
