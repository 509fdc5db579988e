"""`caseapp change-passphrase --someone-may-know`: a new data key, a new recovery key, and the
backups dealt with, each said plainly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from caseapp.services.people import PeopleService
from caseapp.store import Store, WrongPassphrase, WrongRecoveryKey, list_backups
from tests.cli.test_cli import RECOVERY_KEY, assert_plain_failure, caseapp, secret_file, snapshot
from tests.conftest import PASSPHRASE
from tests.store.old_secrets import what_old_secrets_open

NEW = "a different and long passphrase"  # one of the CLI tests' secrets: never printed


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Path, str]:
    """A caseload from `caseapp init` with someone in it and two backups in its folder."""
    passphrase_file = secret_file(tmp_path, "passphrase.txt", PASSPHRASE)
    init = caseapp("init", "--passphrase-file", passphrase_file, home=tmp_path)
    assert init.returncode == 0, init.stderr
    [recovery_key] = RECOVERY_KEY.findall(init.stdout)
    folder = tmp_path / "data"
    store = Store(folder)
    store.unlock(PASSPHRASE)
    PeopleService(store).add_young_person(given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4))
    store.close()
    store.unlock(PASSPHRASE)
    store.backup_now(store.backups_dir)
    store.close(backup=False)
    return folder, passphrase_file, recovery_key


def test_someone_may_know_shuts_out_the_old_passphrase_and_says_what_it_did(
    made: tuple[Path, Path, str], tmp_path: Path
) -> None:
    folder, passphrase_file, old_recovery = made
    result = caseapp(
        "change-passphrase", "--someone-may-know", "--passphrase-file", passphrase_file,
        "--new-passphrase-file", secret_file(tmp_path, "new.txt", NEW), home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    [new_recovery] = RECOVERY_KEY.findall(out)
    assert new_recovery != old_recovery
    assert "re-encrypted under a new key" in out
    assert "old recovery key no longer" in out
    assert "2 backups in the caseload's backups folder were re-encrypted" in out
    assert "caseapp backup --to" in out and "delete them by hand" in out

    with pytest.raises(WrongPassphrase):
        Store(folder).unlock(PASSPHRASE)
    with pytest.raises(WrongRecoveryKey):
        Store(folder).unlock_with_recovery_key(old_recovery)
    store = Store(folder)
    store.unlock_with_recovery_key(new_recovery)
    try:
        assert [p.given_name for p in PeopleService(store).list_young_people()] == ["Semhar"]
        assert len(list_backups(store.backups_dir)) == 2
    finally:
        store.close(backup=False)
    assert what_old_secrets_open(folder, [PASSPHRASE], [old_recovery]) == []


def test_the_plain_change_says_it_does_not_shut_out_backups(
    made: tuple[Path, Path, str], tmp_path: Path
) -> None:
    _folder, passphrase_file, _ = made
    result = caseapp(
        "change-passphrase", "--passphrase-file", passphrase_file,
        "--new-passphrase-file", secret_file(tmp_path, "new.txt", NEW), home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Passphrase changed" in result.stdout
    assert "--someone-may-know" in result.stdout
    assert not RECOVERY_KEY.findall(result.stdout)


def test_a_wrong_current_passphrase_changes_nothing(made: tuple[Path, Path, str], tmp_path: Path) -> None:
    folder, _, _ = made
    before = snapshot(folder)
    result = caseapp(
        "change-passphrase", "--someone-may-know", "--data-dir", folder,
        "--passphrase-file", secret_file(tmp_path, "wrong.txt", "not the passphrase at all"),
        "--new-passphrase-file", secret_file(tmp_path, "new.txt", NEW), home=tmp_path,
    )
    assert assert_plain_failure(result, 1) == "That passphrase does not open this caseload."
    assert snapshot(folder) == before


def test_help_explains_the_choice(tmp_path: Path) -> None:
    result = caseapp("change-passphrase", "--help", home=tmp_path)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--someone-may-know" in text
    assert "new recovery key" in text
