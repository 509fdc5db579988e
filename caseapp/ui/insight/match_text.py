"""How a match reads on screen, shared by a young person's matches and an opportunity's.

A requirement not met is said in words ("Not met: …") as well as shown in italics, so it is
not lost on someone who cannot tell the difference in type.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont

from caseapp.services.matching import Match
from caseapp.ui.models.record_table_model import Column, Index, RecordTableModel, day


def requirements(match: Match) -> str:
    if match.meets_requirements:
        return QCoreApplication.translate("Matches", "Met")
    return QCoreApplication.translate("Matches", "Not met: %1").replace("%1", "; ".join(match.unmet))


def closes(match: Match) -> str:
    return day(match.closing_date) if match.closing_date else QCoreApplication.translate("Matches", "No closing date")


def reasons_tooltip(match: Match) -> str:
    """Every reason on its own line, those not met marked, for the tooltip."""
    return "\n".join(
        ("✗ " + QCoreApplication.translate("Matches", "Not met: %1").replace("%1", reason)) if reason in match.unmet
        else "• " + reason
        for reason in match.reasons
    )


def reasons_html(heading: str, match: Match) -> str:
    """The detail pane: the heading, then each reason as a list item."""
    items = "".join(
        f"<li><b>{escape(QCoreApplication.translate('Matches', 'Not met:'))}</b> {escape(reason)}</li>"
        if reason in match.unmet
        else f"<li>{escape(reason)}</li>"
        for reason in match.reasons
    )
    return f"<p><b>{escape(heading)}</b></p><ul>{items}</ul>" if items else f"<p><b>{escape(heading)}</b></p>"


class MatchTableModel(RecordTableModel):
    """Matches in the service's order; those with a requirement not met in italics."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid() and 0 <= index.row() < self.rowCount():
            if not self.row_at(index.row()).meets_requirements:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        return super().data(index, role)


def why_column() -> Column:
    return Column(QCoreApplication.translate("Matches", "Why"), lambda m: m.explanation, reasons_tooltip)


def requirements_column() -> Column:
    return Column(QCoreApplication.translate("Matches", "Requirements"), requirements, reasons_tooltip)
