"""On a real X server: text selected in caseapp leaves the desktop's selection on lock.

X11 has a second clipboard, the PRIMARY selection: whatever is selected is pasted with a
middle click, by any program on the desktop, even after the widget that held it is gone.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.x11_display import read_from_another_program, x_display

ROOT = Path(__file__).resolve().parents[2]
NAME = "Semhar Tekle"
PASSPHRASE_TYPED = "the wrong passphrase typed"
TIMEOUT = 60  # seconds; only ever reached when something is broken

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="X11 only")


class App:
    def __init__(self, display: str, folder: Path, text: str) -> None:
        env = {**os.environ, "DISPLAY": display}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.x11_selection_child", str(folder), text],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.read() == "ready"

    def read(self) -> str:
        """The child's next line; a child that stops answering fails the test, not hangs it."""
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as waiting:
            waiting.register(self.proc.stdout, selectors.EVENT_READ)
            if not waiting.select(timeout=TIMEOUT):
                pytest.fail("the app stopped answering")
        return self.proc.stdout.readline().strip()

    def do(self, command: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.read()

    def quit(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def test_a_selected_name_leaves_the_selection_when_the_app_locks(tmp_path: Path) -> None:
    with x_display() as display:
        app = App(display, tmp_path, NAME)
        try:
            assert app.do("select") == "select done; owns selection: True"
            # Another program can read it while caseapp is open: the channel is real.
            assert read_from_another_program(display) == NAME
            assert app.do("lock").startswith("lock done")
            assert read_from_another_program(display) == ""
        finally:
            app.quit()


def test_a_passphrase_typed_and_selected_never_reaches_the_selection(tmp_path: Path) -> None:
    with x_display() as display:
        app = App(display, tmp_path, PASSPHRASE_TYPED)
        try:
            app.do("lock")
            assert app.do("type-passphrase") == "type-passphrase done; owns selection: False"
            assert PASSPHRASE_TYPED not in read_from_another_program(display)
        finally:
            app.quit()
