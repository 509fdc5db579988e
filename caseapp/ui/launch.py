"""Start the desktop app: check Qt can open a window, set up or unlock, show the main window.

Only what the first screen needs is imported before it paints. The unlock screen needs Qt,
the key file and the unlock page; the store's engine, Alembic, the models, the services and
the main window (most of a second on a cold start) load once it is on screen, while the
worker types; a worker who unlocks faster than that waits for the rest as before.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from caseapp.store import Store, StoreError
from caseapp.ui.qt_check import display_problem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

# Each group loads in one turn of the event loop, so typed keys are handled in between.
# The first group is everything unlocking itself imports, on the pool thread that derives
# the key: loading it in one turn means no keypress can start an unlock halfway through it,
# so the two threads never import the same modules at once.
WARM_UP: tuple[tuple[str, ...], ...] = (
    (
        "argon2.low_level",
        "cryptography.hazmat.primitives.ciphers.aead",
        "cryptography.hazmat.primitives.kdf.hkdf",
        "sqlalchemy.orm",
        "caseapp.models",
        "caseapp.store.engine",
        "caseapp.store.backup",
        "caseapp.store.migrate",
    ),
    ("caseapp.services.registry",),
    ("caseapp.ui.main_window",),
)


def _warm_up_after_first_paint(screen: QWidget) -> None:
    """Once `screen` has painted, load what follows it, a group per turn of the event loop."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    groups = list(WARM_UP)

    def next_group() -> None:
        for name in groups.pop(0):
            importlib.import_module(name)
        if not groups:
            # The migration scripts are read once per process (cached); reading them here
            # takes that off the unlock as well.
            from caseapp.store import migrate

            migrate.head_revision()
            # Reading the bundled fonts is the main window's other start-up cost.
            from caseapp.ui.fonts import register_bundled_fonts

            register_bundled_fonts()
            return
        QTimer.singleShot(0, next_group)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                # Zero delay: the paint under way reaches the screen before any loading.
                QTimer.singleShot(0, next_group)
            return False

    # Parented to the screen, so it lives exactly as long as the screen does.
    screen.installEventFilter(FirstPaint(screen))


def make_application() -> QApplication:
    """The application object, named, in the user's language."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    # No display name: on X11 and Windows Qt appends it to every window title, and the
    # titles already say "caseapp" ("caseapp — locked — caseapp" otherwise).
    app.setApplicationName("caseapp")
    # Before the first widget, so every string it shows is in the user's language.
    from caseapp.ui.translations import install_translators

    install_translators(app)
    from caseapp.ui.widgets import wheel_guard

    wheel_guard.install(app)
    return app


def run_gui(*, store: Store | None, data_dir: Path, demo: bool) -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        if store is not None:
            store.close(backup=False)
        return 1

    from caseapp.paths import default_data_dir
    from caseapp.store_location import remember_folder, remembered_folder

    app = make_application()
    if store is None:
        default = default_data_dir()
        # Set-up may have put the caseload somewhere other than the default folder; a
        # folder given on the command line is used as it is.
        follows_default = Path(data_dir) == default
        if follows_default:
            data_dir = remembered_folder(default)
        if Store.exists(data_dir):
            from caseapp.ui.unlock_dialog import UnlockDialog

            store = Store(data_dir)
            dialog = UnlockDialog(store)
            _warm_up_after_first_paint(dialog)
            if dialog.exec() != UnlockDialog.DialogCode.Accepted:
                store.close(backup=False)
                return 0
        else:
            from caseapp.ui.setup_wizard import SetupWizard

            wizard = SetupWizard(data_dir)
            _warm_up_after_first_paint(wizard)
            if wizard.exec() != SetupWizard.DialogCode.Accepted or wizard.store is None:
                return 0
            store = wizard.store
            if follows_default:
                remember_folder(wizard.folder, default=default)
    from caseapp.services.registry import open_services
    from caseapp.ui import failure
    from caseapp.ui.main_window import MainWindow

    failure.install()
    try:
        services = open_services(store)
        window = MainWindow(services, demo=demo)
    except StoreError as error:
        # Damage in what every screen needs (the team, the settings): nothing to show.
        failure.show(None, error)
        store.close(backup=False)
        return 1
    window.show()
    try:
        return app.exec()
    finally:
        try:
            store.close(backup=not demo)
        except StoreError as error:
            # The backup taken on closing failed (a damaged page, a full disk): say so.
            failure.show(None, error)
