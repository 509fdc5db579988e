"""Every string the client shows reaches the translators: Qt's own extraction tool, run over
caseapp/ui, finds the labels that are kept in tables rather than written inside tr()."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from caseapp import settings as declared
from caseapp.models.fields import GROUPS, PERSON_FIELDS
from caseapp.ui.caseload_page import FILTER_LABELS
from caseapp.ui.record.record_view import default_tabs

PACKAGE = Path(__file__).resolve().parents[2] / "caseapp"
UI = PACKAGE / "ui"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Source texts by context, as pyside6-lupdate extracts them for a translator."""
    out = tmp_path_factory.mktemp("ts") / "caseapp.ts"
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    # The client, and the Qt-free settings and field declarations whose labels it shows.
    declared_here = [str(PACKAGE / "settings.py"), str(PACKAGE / "models" / "fields.py")]
    sources = [str(p) for p in UI.rglob("*.py") if "__pycache__" not in p.parts] + declared_here
    subprocess.run([str(tool), *sources, "-ts", str(out)], check=True, capture_output=True, timeout=120)
    found: dict[str, set[str]] = {}
    for context in ET.parse(out).getroot().iter("context"):
        name = context.findtext("name") or ""
        found.setdefault(name, set()).update(m.findtext("source") or "" for m in context.iter("message"))
    return found


def test_record_tab_titles(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert {cls.title for cls in default_tabs()} <= catalogue["RecordView"]


def test_caseload_filters(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert set(FILTER_LABELS.values()) <= catalogue["CaseloadPage"]


def test_profile_form_labels(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert {"Date of &birth:", "Care-leaver category:", "Places not safe to travel to:"} <= catalogue["PersonForm"]
    # Every declared field's row, name, spoken name and blank choice, and every group title.
    shown = {t for f in PERSON_FIELDS for t in (f.row, f.label, f.accessible, f.blank) if t} | set(GROUPS)
    assert shown <= catalogue["PersonForm"]


def test_settings_labels_cover_every_setting(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert {s.label for s in declared.ALL} <= catalogue["SettingsDialog"]


def test_a_plain_tr_call_is_found(catalogue) -> None:  # type: ignore[no-untyped-def]
    # The extraction itself works: a string written inside tr() in the main window.
    assert "&New young person…" in catalogue["MainWindow"]


def test_every_string_has_the_context_it_is_looked_up_in(catalogue) -> None:  # type: ignore[no-untyped-def]
    # A string extracted without a class (tr aliased to a local name, or called on some other
    # object) is looked up under another context at run time, so its translation never shows.
    assert catalogue.get("", set()) == set()
    assert not {"parent", "dialog", "self"} & set(catalogue)
