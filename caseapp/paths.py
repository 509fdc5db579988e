"""Where stores live by default. Folder names never carry personal data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "caseapp"


def default_data_dir() -> Path:
    """`CASEAPP_DATA_DIR` if set, else the user's local (not roaming) app-data folder."""
    override = os.environ.get("CASEAPP_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP, appauthor=False, roaming=False)


def default_demo_dir() -> Path:
    """Demo caseloads live apart from the real store, so a demo can never overwrite it."""
    override = os.environ.get("CASEAPP_DEMO_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(f"{APP}-demo", appauthor=False, roaming=False)
