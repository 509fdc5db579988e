"""The command line holds new passphrases to the set-up wizard's policy, with its sentence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from caseapp.services.errors import ValidationError
from caseapp.services.passphrase_policy import check_new_passphrase
from tests.cli.test_cli import RECOVERY_KEY, assert_plain_failure, caseapp, secret_file, snapshot
from tests.conftest import PASSPHRASE

# Long enough for the old length check, and still what anyone would guess first.
WEAK = ["aaaaaaaaaaaa", "password1234", "Password1234", "qwertyuiop12", "demo caseload passphrase"]


@dataclass(frozen=True)
class Made:
    folder: Path
    passphrase_file: Path
    recovery_key: str


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """A caseload made with `caseapp init`, which no test here may change."""
    home = tmp_path_factory.mktemp("cli-policy")
    passphrase_file = secret_file(home, "passphrase.txt", PASSPHRASE)
    init = caseapp("init", "--passphrase-file", passphrase_file, home=home)
    assert init.returncode == 0, init.stderr
    [key] = RECOVERY_KEY.findall(init.stdout)
    return Made(home / "data", passphrase_file, key)


def policy_sentence(passphrase: str) -> str:
    """What the set-up wizard says beside its passphrase field."""
    with pytest.raises(ValidationError) as caught:
        check_new_passphrase(passphrase, passphrase)
    return caught.value.problems["passphrase"]


@pytest.mark.parametrize("weak", WEAK)
def test_init_refuses_a_weak_passphrase_as_the_wizard_does(tmp_path: Path, weak: str) -> None:
    result = caseapp("init", "--passphrase-file", secret_file(tmp_path, "weak.txt", weak), home=tmp_path)
    assert assert_plain_failure(result, 1) == policy_sentence(weak)
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("weak", WEAK[:2])
def test_change_passphrase_refuses_a_weak_one(made: Made, tmp_path: Path, weak: str) -> None:
    before = snapshot(made.folder)
    result = caseapp(
        "change-passphrase", "--data-dir", made.folder,
        "--passphrase-file", made.passphrase_file,
        "--new-passphrase-file", secret_file(tmp_path, "weak.txt", weak),
        home=tmp_path,
    )
    assert assert_plain_failure(result, 1) == policy_sentence(weak)
    assert snapshot(made.folder) == before


@pytest.mark.parametrize("weak", WEAK[:2])
def test_recover_refuses_a_weak_one(made: Made, tmp_path: Path, weak: str) -> None:
    before = snapshot(made.folder)
    result = caseapp(
        "recover", "--data-dir", made.folder,
        "--recovery-key-file", secret_file(tmp_path, "key.txt", made.recovery_key),
        "--new-passphrase-file", secret_file(tmp_path, "weak.txt", weak),
        home=tmp_path,
    )
    assert assert_plain_failure(result, 1) == policy_sentence(weak)
    assert snapshot(made.folder) == before


def test_a_short_passphrase_gets_the_wizards_sentence(tmp_path: Path) -> None:
    result = caseapp("init", "--passphrase-file", secret_file(tmp_path, "s.txt", "too short"), home=tmp_path)
    assert assert_plain_failure(result, 1) == policy_sentence("too short")
    assert not (tmp_path / "data").exists()


def test_the_demo_passphrase_is_refused_for_a_real_caseload() -> None:
    from caseapp.services.demo import DEMO_PASSPHRASE

    # It is printed by every `caseapp demo` and written in the README.
    assert "demo" in policy_sentence(DEMO_PASSPHRASE)
    assert "demo" in policy_sentence(DEMO_PASSPHRASE.upper() + " ")
