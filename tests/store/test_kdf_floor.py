"""No real caseload is made or opened with a key derivation below RFC 9106's low-memory profile.

The test suite's throwaway stores use a cost of milliseconds. That is allowed only by a
switch inside the test process (tests/conftest.py, and the launchers of the suite's
subprocesses), never by anything a user's environment holds.
"""

from __future__ import annotations

import ast
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from caseapp.store import KdfParams, Store, StoreError
from caseapp.store import kdf as kdf_module
from caseapp.store import keyfile as keyfile_module
from caseapp.store.keyfile import KeyFile
from tests.conftest import CHEAP, PASSPHRASE

PACKAGE = Path(keyfile_module.__file__).resolve().parents[1]
FLOOR = KdfParams.rfc9106_low_memory()
REFUSED = (
    "This caseload's passphrase protection is weaker than caseapp allows (a setting meant "
    "only for testing), so caseapp will not open it. Ask IT for help."
)
BELOW = {
    "the test cost": CHEAP,
    "two passes": KdfParams(time_cost=2, memory_cost=FLOOR.memory_cost, parallelism=4),
    "32 MiB": KdfParams(time_cost=6, memory_cost=32 * 1024, parallelism=4),
    "one lane": KdfParams(time_cost=3, memory_cost=FLOOR.memory_cost, parallelism=1),
}


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def as_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as the installed app runs: the test suite's switch off."""
    monkeypatch.setattr(kdf_module, "_test_costs_allowed", False)


def test_the_floor_is_rfc9106_low_memory() -> None:
    assert (FLOOR.time_cost, FLOOR.memory_cost, FLOOR.parallelism) == (3, 64 * 1024, 4)
    assert FLOOR.meets_floor()
    assert KdfParams(time_cost=4, memory_cost=128 * 1024, parallelism=8).meets_floor()
    assert not any(params.meets_floor() for params in BELOW.values())


@pytest.mark.parametrize("params", BELOW.values(), ids=BELOW.keys())
def test_a_store_below_the_floor_is_not_opened(tmp_path: Path, params: KdfParams, as_the_app: None) -> None:
    with monkeypatch_switch(True):
        store, recovery = Store.create(tmp_path / "store", PASSPHRASE, kdf=params)
        store.close(backup=False)
    before = snapshot(store.folder)
    for attempt in (
        lambda s: s.unlock(PASSPHRASE),
        lambda s: s.unlock_with_recovery_key(recovery),
        lambda s: s.recover(recovery, "violet kettle orbit marsh"),
    ):
        opened = Store(store.folder)
        with pytest.raises(StoreError) as caught:
            attempt(opened)
        assert str(caught.value) == REFUSED
        assert not opened.is_unlocked
        assert snapshot(store.folder) == before


def test_a_demo_below_the_floor_is_not_opened_either(tmp_path: Path, as_the_app: None) -> None:
    # No caseapp makes one outside the test suite, so nothing needs the exception.
    with monkeypatch_switch(True):
        store, _ = Store.create(tmp_path / "demo", PASSPHRASE, kdf=CHEAP, demo=True)
        store.close(backup=False)
    with pytest.raises(StoreError, match="weaker than caseapp allows"):
        Store(store.folder).unlock(PASSPHRASE)


@pytest.mark.parametrize("params", BELOW.values(), ids=BELOW.keys())
def test_no_key_file_is_written_below_the_floor(tmp_path: Path, params: KdfParams, as_the_app: None) -> None:
    with pytest.raises(StoreError):
        Store.create(tmp_path / "store", PASSPHRASE, kdf=params)
    assert not Store.exists(tmp_path / "store")
    with pytest.raises(StoreError):
        KeyFile.create(PASSPHRASE, params)
    with monkeypatch_switch(True):
        keyfile, data_key, _ = KeyFile.create(PASSPHRASE, CHEAP)
    with pytest.raises(StoreError):
        keyfile.with_passphrase(data_key, "violet kettle orbit marsh")  # keeps the recorded cost
    with pytest.raises(StoreError):
        keyfile.with_passphrase(data_key, "violet kettle orbit marsh", params)


def test_nothing_in_the_package_turns_the_switch_on() -> None:
    """Only tests/ (which is not shipped) calls it; and no environment variable is read for it."""
    callers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # The switch's own body is the one place that may set it.
        switch = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name == "allow_cheap_costs_for_tests"
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in switch:
                continue
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name == "allow_cheap_costs_for_tests":
                    callers.append(str(path.relative_to(PACKAGE)))
            if isinstance(node, ast.Assign) and any(
                getattr(t, "id", None) == "_test_costs_allowed" for t in node.targets
            ):
                if not (isinstance(node.value, ast.Constant) and node.value.value is False):
                    callers.append(str(path.relative_to(PACKAGE)))
        assert "INSECURE_FAST_KDF" not in path.read_text(encoding="utf-8"), path
    assert callers == []


@pytest.mark.slow  # a real key derivation
def test_the_old_environment_variable_gives_a_real_store_the_real_cost(tmp_path: Path) -> None:
    """What the probe did: the variable set, and the temporary folder pointed at the store's."""
    home = tmp_path / "home"
    home.mkdir()
    passphrase = home / "p.txt"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    env = {
        **os.environ,
        "CASEAPP_INSECURE_FAST_KDF": "1",
        "TMPDIR": str(home),
        "TEMP": str(home),
        "TMP": str(home),
        "HOME": str(home),
    }
    result = subprocess.run(
        [sys.executable, "-m", "caseapp", "init", "--data-dir", home / "data", "--passphrase-file", passphrase],
        env=env, cwd=home, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    recorded = KeyFile.read(home / "data" / "caseload.key").kdf
    assert recorded.meets_floor(), recorded


def test_the_app_refuses_a_store_below_the_floor_in_a_sentence(tmp_path: Path) -> None:
    """`python -m caseapp` is the app as installed: the test suite's switch is off in it."""
    store, _ = Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP)
    store.close(backup=False)
    passphrase = tmp_path / "p.txt"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    before = snapshot(store.folder)
    result = subprocess.run(
        [sys.executable, "-m", "caseapp", "verify", "--data-dir", store.folder, "--passphrase-file", passphrase],
        env={**os.environ, "CASEAPP_INSECURE_FAST_KDF": "1", "TMPDIR": str(tmp_path)},
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )
    assert (result.returncode, result.stderr.strip(), result.stdout) == (1, REFUSED, "")
    assert snapshot(store.folder) == before


class monkeypatch_switch:
    """The test suite's switch set to `value` for a block, whatever it was."""

    def __init__(self, value: bool) -> None:
        self.value = value

    def __enter__(self) -> None:
        self.saved = kdf_module._test_costs_allowed
        kdf_module._test_costs_allowed = self.value

    def __exit__(self, *exc: object) -> None:
        kdf_module._test_costs_allowed = self.saved


def test_a_backup_below_the_floor_is_not_restored(tmp_path: Path, as_the_app: None) -> None:
    with monkeypatch_switch(True):
        store, _ = Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP)
        info = store.backup_now(tmp_path / "offsite")
        store.close(backup=False)
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "restored").restore(info.path, PASSPHRASE)
    assert str(caught.value) == REFUSED
    assert not (tmp_path / "restored").exists()
