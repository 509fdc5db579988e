"""A private X server (Xvfb) for the tests that need a real desktop's selection and
clipboard, which the offscreen platform does not have.

`python3 dev.py test` installs Xvfb and Qt's X11 libraries on Debian as root; elsewhere
these tests skip, except under CI=true, where a missing X server is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

READ_SELECTION = (
    "import sys;"
    "from PySide6.QtGui import QClipboard, QGuiApplication;"
    "app = QGuiApplication(sys.argv);"
    "sys.stdout.write(app.clipboard().text(QClipboard.Mode.{mode}))"
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must run the X11 tests")
    pytest.skip(reason)


@contextmanager
def x_display() -> Iterator[str]:
    """Start Xvfb on a free display number and yield its DISPLAY value."""
    if not sys.platform.startswith("linux"):
        pytest.skip("X11 runs on Linux only")
    if shutil.which("Xvfb") is None:
        _unavailable("Xvfb is not installed")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        if not number:
            _unavailable("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def read_from_another_program(display: str, mode: str = "Selection") -> str:
    """What any other program on the display gets when it pastes from `mode`."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        [sys.executable, "-c", READ_SELECTION.format(mode=mode)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        _unavailable("Qt cannot open a window on the X server")
    return result.stdout


def title_on_screen(window_id: int) -> str:
    """The title the desktop shows for a window (_NET_WM_NAME, as Qt's X11 platform set it):
    read from the X server, because Qt may add to the title it was given."""
    import ctypes
    import ctypes.util

    x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    pointer = ctypes.POINTER
    x11.XGetWindowProperty.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int,
        ctypes.c_ulong, pointer(ctypes.c_ulong), pointer(ctypes.c_int), pointer(ctypes.c_ulong),
        pointer(ctypes.c_ulong), pointer(pointer(ctypes.c_ubyte)),
    ]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    try:
        name = x11.XInternAtom(display, b"_NET_WM_NAME", 0)
        utf8 = x11.XInternAtom(display, b"UTF8_STRING", 0)
        kind, size, count, left = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong()
        data = pointer(ctypes.c_ubyte)()
        x11.XGetWindowProperty(
            display, window_id, name, 0, 1024, 0, utf8,
            ctypes.byref(kind), ctypes.byref(size), ctypes.byref(count), ctypes.byref(left), ctypes.byref(data),
        )
        return bytes(data[: count.value]).decode("utf-8") if data else ""
    finally:
        x11.XCloseDisplay(display)
