"""On a real X server: the title the desktop shows names caseapp once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.ui.test_x11_selection import App
from tests.ui.x11_display import x_display

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="X11 only")


def test_the_window_title_names_caseapp_once(tmp_path: Path) -> None:
    with x_display() as display:
        app = App(display, tmp_path, "anything")
        try:
            assert app.do("title") == "title: caseapp"
            app.read()
            app.do("lock")
            assert app.do("title") == "title: caseapp — locked"
        finally:
            app.quit()
