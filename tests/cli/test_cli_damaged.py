"""A page damaged deep in the database: the caseload still opens (page 1 is fine), and then
every command that reads the whole caseload, and so the damaged part, says so in a
sentence, with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseapp.services.demo import build_demo_caseload
from caseapp.store import DamagedData, Store
from tests.cli.test_cli import assert_plain_failure, caseapp
from tests.conftest import CHEAP, DEMO_TODAY, PASSPHRASE
from tests.damage import damage_deep

DAMAGED_SENTENCE = str(DamagedData())


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("damaged")
    store, _ = Store.create(home / "data", PASSPHRASE, kdf=CHEAP)
    build_demo_caseload(store, people=60, today=DEMO_TODAY)
    store.close(backup=False)
    damage_deep(home / "data", PASSPHRASE)
    passphrase_file = home / "passphrase.txt"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return home, passphrase_file


def test_the_damaged_store_still_unlocks(damaged: tuple[Path, Path]) -> None:
    home, _ = damaged
    store = Store(home / "data")
    store.unlock(PASSPHRASE)
    store.close(backup=False)


@pytest.mark.parametrize(
    "command",
    [
        ("export", "caseload", "--format", "csv", "--out", "{out}/caseload.csv"),
        ("export", "caseload", "--format", "xlsx", "--out", "{out}/caseload.xlsx"),
        ("export", "oc3", "--year", "2026", "--anyway", "--out", "{out}"),
        ("report", "caseload", "--out", "{out}/caseload.pdf"),
        ("backup", "--to", "{out}"),
    ],
    ids=lambda command: "-".join(command[:2]),
)
def test_every_reading_command_names_the_damage(
    damaged: tuple[Path, Path], tmp_path: Path, command: tuple[str, ...]
) -> None:
    home, passphrase_file = damaged
    out = tmp_path / "out"
    out.mkdir()
    args = [part.format(out=out) for part in command]
    result = caseapp(*args, "--passphrase-file", passphrase_file, home=home)
    assert assert_plain_failure(result, 1) == DAMAGED_SENTENCE
    assert [p.name for p in out.iterdir()] == []


def test_verify_names_the_damage_and_exits_3(damaged: tuple[Path, Path]) -> None:
    home, passphrase_file = damaged
    result = caseapp("verify", "--passphrase-file", passphrase_file, home=home)
    assert result.returncode == 3
    assert "unexpected" not in result.stderr
    assert "damaged" in result.stderr or "cannot be read" in result.stderr
