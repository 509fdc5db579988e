"""`caseapp demo` says the demo's passphrase, and what it says opens the demo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from caseapp.store import Store, WrongPassphrase
from tests.cli.test_cli import caseapp, count_people

SAID = re.compile(r"^Demo passphrase: (?P<passphrase>.+)$", re.MULTILINE)


def test_demo_prints_the_passphrase_that_opens_it(tmp_path: Path) -> None:
    folder = tmp_path / "chosen"
    result = caseapp("demo", "--no-gui", "--people", "5", "--data-dir", folder, home=tmp_path)
    assert result.returncode == 0, result.stderr
    said = SAID.findall(result.stdout)
    assert len(said) == 1, result.stdout
    passphrase = said[0].strip()
    assert passphrase and passphrase not in result.stderr  # on stdout, for the person running it

    assert str(folder) in result.stdout
    assert not (tmp_path / "demo").exists()  # --data-dir chose the folder, not the default
    assert Store(folder).is_demo
    assert count_people(folder, passphrase) == 5

    with pytest.raises(WrongPassphrase):
        Store(folder).unlock(passphrase + " not")
