"""Help › Getting started: a short guide a new worker can read in a minute.

Built from the running window, so the shortcuts listed are the ones the menus really have and
the folder named is the one this caseload is kept in.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QMenuBar, QTextBrowser, QVBoxLayout, QWidget


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, str]]:
    """(keys, "Menu › Action") for every menu action with a shortcut, in menu order."""
    out: list[tuple[str, str]] = []
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):  # PySide6 types menu() as QObject
            continue
        for action in menu.actions():
            if not isinstance(action, QAction) or action.isSeparator():
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
            if keys:
                out.append((" or ".join(keys), f"{_plain(top.text())} › {_plain(action.text())}"))
    return out


def guide_html(shortcuts: list[tuple[str, str]], folder: Path | None, keep: int) -> str:
    in_screens = [
        (QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText),
         QCoreApplication.translate("Guide", "In Check-ins: save the check-in, from any of its fields")),
        (QKeySequence("Return").toString(QKeySequence.SequenceFormat.NativeText),
         QCoreApplication.translate("Guide", "In the caseload's search box: open the first person found")),
        (QKeySequence("Ctrl+Tab").toString(QKeySequence.SequenceFormat.NativeText),
         QCoreApplication.translate("Guide", "Move between the caseload and the records open beside it")),
    ]
    rows = "".join(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
                   for keys, what in [*shortcuts, *in_screens])
    parts = [
        "<h2>" + QCoreApplication.translate("Guide", "Getting started") + "</h2>",
        "<p>" + QCoreApplication.translate(
            "Guide", "The <b>Caseload</b> lists the young people you work with. Add one with <b>Add young "
            "person</b> on the caseload screen (or File › New young person). Double-click a row, or press Return "
            "on it, to open their record: profile, pathway, check-ins, support, vetting, hand-offs and history.")
        + "</p>",
        "<p>" + QCoreApplication.translate(
            "Guide", "<b>My caseload</b> shows the young people allocated to you; <b>All</b> shows everyone's. "
            "Colleagues and Personal Advisers are added under File › Colleagues, and your own phone and email "
            "(printed in every hand-off pack) under File › My details.") + "</p>",
        "<h2>" + QCoreApplication.translate("Guide", "What the overdue marks mean") + "</h2>",
        "<p>" + QCoreApplication.translate(
            "Guide", "Each young person has a <b>Next contact due</b> date, worked out from when you last spoke "
            "and from what they are doing: every week in the first weeks of a job or placement, less often once "
            "things settle. Hold the pointer over the date to see which rule set it. A date that has passed is "
            "shown in <b>bold with a warning sign</b> and says how many days overdue it is; those young people "
            "come first in the caseload. Recording a check-in, even one where nobody answered, moves the date "
            "on.") + "</p>",
        "<h2>" + QCoreApplication.translate("Guide", "Keyboard shortcuts") + "</h2>",
        f'<table cellspacing="0" cellpadding="3">{rows}</table>',
        "<h2>" + QCoreApplication.translate("Guide", "Where your caseload is kept, and backing it up") + "</h2>",
    ]
    if folder is not None:
        parts.append("<p>" + QCoreApplication.translate(
            "Guide", "This caseload is kept, encrypted, in the folder <b>%1</b>. Nothing in it can be read "
            "without your passphrase or your recovery key.").replace("%1", escape(str(folder))) + "</p>")
    parts += [
        "<p>" + QCoreApplication.translate(
            "Guide", "Every time caseapp closes it keeps an encrypted backup in the <b>backups</b> folder beside "
            "the caseload (the last %2 are kept, as Settings says). Those are on the same laptop: to keep a copy "
            "somewhere else, choose <b>File › Back up to a folder</b> and pick a folder on your council's network "
            "drive. A backup opens with the passphrase that was current when it was taken."
        ).replace("%2", str(keep)) + "</p>",
        "<p>" + QCoreApplication.translate(
            "Guide", "If you forget your passphrase, the recovery key you printed at set-up opens the caseload. "
            "Keep it locked away, not with the laptop.") + "</p>",
    ]
    return "\n".join(parts)


class GuideDialog(QDialog):
    def __init__(self, shortcuts: list[tuple[str, str]], folder: Path | None, keep: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Getting started with caseapp"))
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Guide"))
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(guide_html(shortcuts, folder, keep))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 620)
