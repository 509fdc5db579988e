#!/usr/bin/env python3
"""Set up and run caseapp from a fresh checkout: the two commands the README gives.

    python3 dev.py demo   # create/refresh .venv, then open the app on a demo caseload
    python3 dev.py test   # create/refresh .venv, then lint, type-check and run the whole test suite

Both are safe to run twice: the virtual environment is made once and re-installed only
when pyproject.toml changes. Needs nothing but Python 3.11+ with pip.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".caseapp-installed"


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted_stamp() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_venv() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on whatever Python starts it, to say so
        sys.exit("caseapp needs Python 3.11 or newer; this is " + sys.version.split()[0] + ".")
    if not _python().exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = _wanted_stamp()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Installing caseapp and its test tools into .venv ...", flush=True)
        subprocess.run(
            [str(_python()), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True
        )
        subprocess.run(
            [str(_python()), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True
        )
        STAMP.write_text(wanted)
    return _python()


def _qt_xcb_missing_packages(python: Path) -> list[str]:
    """Debian packages Qt's X11 plugin lacks here: the app's own check says which."""
    spec = importlib.util.spec_from_file_location("qt_check", ROOT / "caseapp" / "ui" / "qt_check.py")
    assert spec is not None and spec.loader is not None
    qt_check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(qt_check)
    site = subprocess.run(
        [str(python), "-c", "import PySide6, os; print(os.path.dirname(PySide6.__file__))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    return qt_check.missing_libraries(Path(site) / "Qt")[1]


def ensure_x_server(python: Path) -> None:
    """A few tests run the app on a real X server (Xvfb), where the desktop's selection
    and clipboard live. On Debian as root this installs Xvfb and Qt's X11 libraries; else
    those tests skip, and fail under CI=true."""
    if not sys.platform.startswith("linux") or not shutil.which("ldd"):
        return
    packages = _qt_xcb_missing_packages(python)
    if not shutil.which("Xvfb"):
        packages.append("xvfb")
    if not packages:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("The X11 tests need: " + " ".join(packages) + " (they will be skipped).", flush=True)
        return
    print("Installing an X server for the X11 tests: " + " ".join(packages) + " ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    quiet = {"stdout": subprocess.DEVNULL, "env": env}
    if subprocess.run(install, **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], check=True, **quiet)
        subprocess.run(install, check=True, **quiet)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    python = ensure_venv()
    command, rest = argv[0], argv[1:]
    if command == "test":
        if not rest:
            # The whole run checks first, as CI does; `dev.py test <pytest options>` is the quick
            # loop and leaves them out.
            for check in (["ruff", "check", "."], ["mypy"]):
                print("Checking with " + check[0] + " ...", flush=True)
                if subprocess.run([str(python), "-m", *check], cwd=ROOT).returncode != 0:
                    print(check[0] + " found problems (above); the tests were not run.", flush=True)
                    return 1
        ensure_x_server(python)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        return subprocess.run([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
    return subprocess.run([str(python), "-m", "caseapp", "demo", *rest], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
