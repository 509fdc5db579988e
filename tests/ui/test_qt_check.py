"""qt_check.display_problem: say why no window can open, before Qt aborts the process."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from caseapp.ui.qt_check import display_problem

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the display and library checks are Linux-only"
)


def fake_ldd(folder: Path, output: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put an `ldd` first on PATH that prints `output` for whatever it is asked about."""
    folder.mkdir(exist_ok=True)
    script = folder / "ldd"
    script.write_text(f"#!/bin/sh\ncat <<'EOF'\n{output}\nEOF\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A desktop session as Qt sees it: a display, no platform forced."""
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "offscreen:fontengine=freetype"])
def test_headless_platforms_need_nothing(platform: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", platform)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert display_problem() is None


@linux_only
@pytest.mark.parametrize("platform", [None, "xcb", "wayland", "wayland;xcb"])
def test_no_display_is_named(platform: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    # A forced "xcb" aborts just like the default when there is no display to connect to.
    if platform is None:
        monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    else:
        monkeypatch.setenv("QT_QPA_PLATFORM", platform)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    problem = display_problem()
    assert problem is not None
    assert "display" in problem
    assert "\n" not in problem


@linux_only
def test_wayland_display_alone_is_enough(
    desktop: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    fake_ldd(tmp_path / "bin", "\tlibc.so.6 => /lib/libc.so.6 (0x00007f)", monkeypatch)
    assert display_problem() is None


@linux_only
def test_missing_library_names_the_package_to_install(
    desktop: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_ldd(
        tmp_path / "bin",
        "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)\n"
        "\tlibxcb-cursor.so.0 => not found",
        monkeypatch,
    )
    problem = display_problem()
    assert problem is not None
    assert "libxcb-cursor.so.0" in problem
    # Asked about two Qt files, ldd reports the same gap twice; the library is named once.
    assert problem.count("libxcb-cursor.so.0") == 1
    assert "libxcb.so.1" not in problem
    assert "sudo apt-get install libxcb-cursor0" in problem


@linux_only
def test_unknown_library_is_still_named(
    desktop: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_ldd(tmp_path / "bin", "\tlibsomethingnew.so.7 => not found", monkeypatch)
    problem = display_problem()
    assert problem is not None
    assert "apt-get install libsomethingnew.so.7" in problem


@linux_only
def test_nothing_missing_means_no_problem(
    desktop: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_ldd(tmp_path / "bin", "\tlibxcb.so.1 => /lib/libxcb.so.1 (0x00007f)", monkeypatch)
    assert display_problem() is None


@linux_only
def test_gui_without_a_display_says_so_and_exits_1(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["CASEAPP_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "caseapp"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        "No desktop display was found, so caseapp cannot open its window. "
        "Run it from a desktop session (or under xvfb-run)."
    )
    assert "Traceback" not in result.stdout
    assert not (tmp_path / "data").exists()
