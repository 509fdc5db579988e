"""Tells the main window when the computer's session locks, where the desktop says so.

Linux desktops announce it on D-Bus: the screensaver's ActiveChanged(true) and logind's
Session.Lock. Where neither is there (no bus, or another OS), the idle timer and Ctrl+L
still lock the app.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

# (bus, service, path, interface, signal, slot signature)
_SOURCES = (
    ("session", "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
     "ActiveChanged", "screensaver_changed(bool)"),
    ("session", "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
     "ActiveChanged", "screensaver_changed(bool)"),
    # Empty path: any session of this seat's logind, since the session's own path is not known here.
    ("system", "org.freedesktop.login1", "", "org.freedesktop.login1.Session", "Lock", "session_locked()"),
)


class SessionLockWatcher(QObject):
    locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening = 0
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        buses = {"session": QDBusConnection.sessionBus(), "system": QDBusConnection.systemBus()}
        for bus_name, service, path, interface, signal, slot in _SOURCES:
            bus = buses[bus_name]
            wired = bus.isConnected() and bus.connect(
                service, path, interface, signal, self, SLOT(slot)  # type: ignore[call-overload]  # stubs: bytes; str works
            )
            if wired:
                self.listening += 1

    @Slot(bool)
    def screensaver_changed(self, active: bool) -> None:
        if active:
            self.locked.emit()

    @Slot()
    def session_locked(self) -> None:
        self.locked.emit()
