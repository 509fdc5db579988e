"""Screenshots of the main screens on an invented demo caseload, for looking over the UI.

    xvfb-run -a .venv/bin/python scripts/screenshots.py --out DIR [--people N]

Builds a demo caseload in a temporary folder (deleted afterwards), opens the app as
`caseapp demo` does and saves numbered PNGs in DIR. File names say which screen, never whose
record. Needs a real display (Xvfb is fine): the offscreen platform draws with different
fonts and no window system, which would hide the very problems the pictures are for.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from caseapp.paths import default_data_dir
from caseapp.services.demo import DEMO_PASSPHRASE, build_demo_caseload
from caseapp.store import KdfParams, Store
from caseapp.store.keyfile import allow_cheap_costs_for_tests
from caseapp.ui.qt_check import display_problem

# Someone whose record fills every tab: steps, check-ins, vetting, consented needs, a hand-off.
RICH_PERSON_SQL = """
SELECT p.id FROM young_person p
JOIN (SELECT person_id, count(*) AS n FROM pathway_step GROUP BY person_id) s ON s.person_id = p.id
JOIN (SELECT person_id, count(*) AS n FROM check_in GROUP BY person_id) c ON c.person_id = p.id
JOIN (SELECT n.person_id, count(*) AS n FROM support_need n JOIN consent k ON k.need_id = n.id
      GROUP BY n.person_id) k ON k.person_id = p.id
JOIN (SELECT person_id, count(*) AS n FROM hand_off GROUP BY person_id) h ON h.person_id = p.id
JOIN (SELECT person_id, count(*) AS n FROM vetting_check GROUP BY person_id) v ON v.person_id = p.id
WHERE p.closed_on IS NULL
ORDER BY s.n + c.n + k.n + h.n + v.n DESC, p.id
LIMIT 1
"""


class Shooter:
    def __init__(self, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance()
        self.out = out
        self.number = 0
        self.saved: list[Path] = []

    def settle(self, seconds: float = 0.3) -> None:
        """Let the window system map, lay out and paint: Xvfb answers asynchronously."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.02)

    def _path(self, name: str) -> Path:
        self.number += 1
        return self.out / f"{self.number:02d}-{name}.png"

    def widget(self, widget, name: str) -> None:  # type: ignore[no-untyped-def]
        self.settle()
        self._save(widget.grab(), name)

    def screen(self, name: str) -> None:
        """The whole screen as the X server has it, so what the window system draws is in it."""
        self.settle(0.6)
        self._save(self.app.primaryScreen().grabWindow(0), name)

    def _save(self, pixmap, name: str) -> None:  # type: ignore[no-untyped-def]
        path = self._path(name)
        if pixmap.isNull() or not pixmap.save(str(path), "PNG"):
            raise RuntimeError(f"could not save {path.name}")
        self.saved.append(path)
        print(path.name, flush=True)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.replace("&", "").lower()).strip("-")


def rich_person(store: Store) -> int:
    with store.read_session() as s:
        found = s.connection().exec_driver_sql(RICH_PERSON_SQL).scalar()
    if found is None:
        raise RuntimeError("nobody in the demo caseload has every part of a record; try more --people")
    return int(found)


def busiest_opportunity(services) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """(employer, opportunity) with the most young people on it, to fill every list."""
    best: tuple[int, int, int] | None = None
    for employer in services.employers.list_employers():
        for opportunity in services.employers.list_opportunities(employer_id=employer.id):
            n = len(services.employers.people_on_opportunity(opportunity_id=opportunity.id))
            if best is None or n > best[0]:
                best = (n, employer.id, opportunity.id)
    return None if best is None else (best[1], best[2])


def select_first_row(page) -> None:  # type: ignore[no-untyped-def]
    """Select the first line of the tab's first table, so its detail panel is in the picture too."""
    from PySide6.QtWidgets import QTableView

    for table in page.findChildren(QTableView):
        if table.model() is not None and table.model().rowCount() > 0:
            table.selectRow(0)
            return


def shoot_app(shots: Shooter, store: Store, layout_file: Path) -> None:
    from PySide6.QtCore import QSettings

    from caseapp.services.registry import open_services
    from caseapp.ui.main_window import MainWindow
    from caseapp.ui.settings_dialog import SettingsDialog

    services = open_services(store)
    # A throwaway layout file: the user's own window and column layout is neither used nor changed.
    layout = QSettings(str(layout_file), QSettings.Format.IniFormat)
    window = MainWindow(services, demo=True, layout_settings=layout)
    window.show()
    window.raise_()
    window.activateWindow()
    shots.widget(window, "caseload")
    shots.screen("caseload-whole-screen")

    workspace = window.workspace
    view = workspace.open_person(rich_person(store))
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        select_first_row(view.tabs.widget(index))
        shots.widget(window, f"record-{_slug(view.tabs.tabText(index))}")

    workspace.setCurrentWidget(workspace.employers)
    chosen = busiest_opportunity(services)
    if chosen is not None:
        workspace.employers.select_employer(chosen[0])
        workspace.employers.select_opportunity(chosen[1])
    shots.widget(window, "employers")

    workspace.setCurrentWidget(workspace.dashboard)
    shots.settle(0.5)  # the charts fill after the page is shown
    shots.widget(window, "dashboard")

    dialog = SettingsDialog(services, window)
    dialog.show()
    shots.widget(dialog, "settings")
    dialog.reject()

    window.lock()
    shots.widget(window, "unlock-page")
    window.unlock_page.show_recovery()
    shots.widget(window, "unlock-page-recovery-key")
    window.unlock_page.show_passphrase()
    window.close()
    shots.settle()


def shoot_wizard(shots: Shooter, folder: Path) -> None:
    from caseapp.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(folder, kdf=KdfParams.cheap_for_tests())
    wizard.show()
    shots.widget(wizard, "setup-welcome")
    wizard.welcome.name.setText("Alex Morgan")  # a worker from the demo team, also invented
    wizard.next()
    # Pictured with the folder a worker would be offered; the caseload itself goes in the
    # temporary folder, never in the real one.
    wizard.location.folder.setText(str(default_data_dir()))
    shots.widget(wizard, "setup-location")
    wizard.location.folder.setText(str(folder))
    wizard.next()
    fields = wizard.passphrase.fields
    fields.passphrase.setText("orchard kettle velvet lantern")
    fields.confirm.setText("orchard kettle velvet lantern")
    shots.widget(wizard, "setup-passphrase")
    wizard.next()  # creates the caseload in the background, then moves on
    deadline = time.monotonic() + 30
    while wizard.currentId() != wizard.PAGE_RECOVERY_KEY and time.monotonic() < deadline:
        shots.settle(0.1)
    if wizard.currentId() != wizard.PAGE_RECOVERY_KEY:
        raise RuntimeError("the set-up wizard did not reach the recovery key page")
    shots.widget(wizard, "setup-recovery-key")
    wizard.recovery.stored.setChecked(True)
    wizard.accept()
    if wizard.store is not None:
        wizard.store.close(backup=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files (made if missing)")
    parser.add_argument("--people", type=int, default=200, help="size of the demo caseload (default 200)")
    args = parser.parse_args(argv)

    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")):
        print("Run under a display (for example xvfb-run -a), not the offscreen platform.", file=sys.stderr)
        return 2
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    app.setApplicationName("caseapp")
    args.out.mkdir(parents=True, exist_ok=True)
    shots = Shooter(args.out)
    with tempfile.TemporaryDirectory(prefix="caseapp-screens-") as tmp:
        print(f"building a demo caseload of {args.people} invented people…", flush=True)
        # Cheap key derivation: a throwaway caseload deleted when the script ends. The script
        # is a developer's tool beside the tests, never part of the installed app.
        allow_cheap_costs_for_tests()
        store, _ = Store.create(Path(tmp) / "demo", DEMO_PASSPHRASE, kdf=KdfParams.cheap_for_tests(), demo=True)
        try:
            build_demo_caseload(store, people=args.people, seed=11)
            shoot_app(shots, store, Path(tmp) / "layout.ini")
        finally:
            store.close(backup=False)
        shoot_wizard(shots, Path(tmp) / "new-caseload")
    print(f"{len(shots.saved)} screenshots in {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
