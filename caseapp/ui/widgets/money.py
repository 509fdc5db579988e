"""Pay entered and shown as pounds per hour, kept as whole pence."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QWidget


class PoundsField(QDoubleSpinBox):
    """£ per hour; 0.00 (shown as "Not known") stands for no figure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPrefix("£")
        self.setDecimals(2)
        self.setRange(0, 1000)
        self.setSingleStep(0.25)
        self.setSpecialValueText(self.tr("Not known"))

    def pence(self) -> int | None:
        return round(self.value() * 100) or None

    def set_pence(self, pence: int | None) -> None:
        self.setValue((pence or 0) / 100)


def pounds(pence: int | None) -> str:
    """Pay per hour as people say it: "£12.60/hr"; blank when not known."""
    return f"£{pence / 100:.2f}/hr" if pence else ""
