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
