"""Before the first window: can Qt open one here? If not, say which system libraries to add.

Qt aborts the whole process when its platform plugin cannot load, with a message few people
can act on. This looks first, without importing Qt's GUI modules.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

# Shared-library names as ldd reports them -> the Debian/Ubuntu package that ships each.
DEBIAN_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def _missing_libraries(paths: list[Path]) -> list[str]:
    missing: list[str] = []
    for path in paths:
        if not path.exists():
            continue
        import subprocess  # only when Qt cannot start, not on every start

        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
        for line in result.stdout.splitlines():
            if "not found" in line:
                name = line.split("=>")[0].strip()
                if name not in missing:
                    missing.append(name)
    return missing


def missing_libraries(qt: Path) -> tuple[list[str], list[str]]:
    """The shared libraries Qt's GUI and X11 plugin lack under the Qt folder `qt`, and the
    Debian/Ubuntu packages that ship them."""
    missing = _missing_libraries(
        [qt / "lib" / "libQt6Gui.so.6", qt / "plugins" / "platforms" / "libqxcb.so"]
    )
    return missing, sorted({DEBIAN_PACKAGES.get(name, name) for name in missing})


def display_problem() -> str | None:
    """A sentence saying what stops a window opening on this machine, or None if nothing."""
    # "wayland;xcb" is a fallback list; "xcb:option=value" carries plugin options.
    setting = os.environ.get("QT_QPA_PLATFORM", "")
    platforms = {entry.split(":")[0] for entry in setting.split(";") if entry}
    if not sys.platform.startswith("linux") or platforms & {"offscreen", "minimal", "vnc"}:
        return None
    # Unset means xcb or wayland; both abort without a display to connect to.
    needs_display = platforms <= {"xcb", "wayland"}
    if needs_display and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "No desktop display was found, so caseapp cannot open its window. "
            "Run it from a desktop session (or under xvfb-run)."
        )
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations or not shutil.which("ldd"):
        return None
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    missing, packages = missing_libraries(qt)
    if not missing:
        return None
    return (
        "Qt needs system libraries that this computer lacks: "
        + ", ".join(missing)
        + ".\nOn Debian or Ubuntu install them with:\n    sudo apt-get install "
        + " ".join(packages)
    )
