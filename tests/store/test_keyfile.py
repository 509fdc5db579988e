"""The key file: the data key is stored only wrapped, under a passphrase and a recovery key."""

from __future__ import annotations

import base64
import json
import re
import time
from pathlib import Path

import pytest

from caseapp.store import KdfParams, Store, WrongPassphrase, WrongRecoveryKey
from caseapp.store.keyfile import KeyFile, calibrate, new_recovery_key
from tests.conftest import CHEAP, PASSPHRASE


def write_and_read(keyfile: KeyFile, folder: Path) -> KeyFile:
    # Every check goes through the file, as a later session would, not the object in memory.
    path = folder / "caseload.key"
    keyfile.write(path)
    return KeyFile.read(path)


def test_passphrase_round_trip(tmp_path: Path) -> None:
    keyfile, data_key, _recovery = KeyFile.create(PASSPHRASE, CHEAP)
    assert len(data_key) == 32
    assert write_and_read(keyfile, tmp_path).unwrap_with_passphrase(PASSPHRASE) == data_key


def test_each_key_file_wraps_a_different_data_key() -> None:
    first = KeyFile.create(PASSPHRASE, CHEAP)
    second = KeyFile.create(PASSPHRASE, CHEAP)
    assert first[1] != second[1]
    assert first[0].store_id != second[0].store_id


@pytest.mark.parametrize("attempt", ["not the passphrase", "", PASSPHRASE.upper()])
def test_wrong_passphrase(tmp_path: Path, attempt: str) -> None:
    keyfile, _data_key, _recovery = KeyFile.create(PASSPHRASE, CHEAP)
    with pytest.raises(WrongPassphrase) as caught:
        write_and_read(keyfile, tmp_path).unwrap_with_passphrase(attempt)
    assert str(caught.value) == "That passphrase does not open this caseload."


def test_recovery_key_looks_like_what_the_user_is_shown() -> None:
    # Eight groups of four RFC 4648 base32 characters: 160 random bits.
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}", new_recovery_key())


@pytest.fixture(scope="module")
def confusable() -> tuple[KeyFile, bytes, str]:
    """A key file whose recovery key holds O, I and B, so 0/1/8 typed for them can be tried.

    Recovery keys are random; about two in five hold both O and I, and B is left to chance.
    Creating key files with the cheap cost takes milliseconds, so we simply draw until one does.
    """
    for _ in range(500):
        keyfile, data_key, recovery = KeyFile.create(PASSPHRASE, CHEAP)
        if "O" in recovery and "I" in recovery:
            return keyfile, data_key, recovery
    raise AssertionError("no recovery key with both O and I in 500 draws")


FORGIVEN = {
    "as shown": lambda k: k,
    "lower case": str.lower,
    "spaces for dashes": lambda k: k.replace("-", " "),
    "no dashes": lambda k: k.replace("-", ""),
    "surrounding blanks": lambda k: f"  {k}\n",
    "zero for O": lambda k: k.replace("O", "0"),
    "one for I": lambda k: k.replace("I", "1"),
    "eight for B": lambda k: k.replace("B", "8"),
    "all at once": lambda k: k.lower().replace("-", "").replace("o", "0").replace("i", "1"),
}


@pytest.mark.parametrize("typed", FORGIVEN.values(), ids=FORGIVEN.keys())
def test_recovery_key_round_trip_forgives_how_it_was_typed(
    confusable: tuple[KeyFile, bytes, str], typed, tmp_path: Path
) -> None:
    keyfile, data_key, recovery = confusable
    attempt = typed(recovery)
    assert write_and_read(keyfile, tmp_path).unwrap_with_recovery_key(attempt) == data_key


def one_character_off(recovery: str) -> str:
    first = recovery[0]
    return ("B" if first == "A" else "A") + recovery[1:]


@pytest.mark.parametrize(
    "attempt",
    [
        lambda own: new_recovery_key(),
        one_character_off,
        lambda own: own[:-4],
        lambda own: "",
        lambda own: "ключ-ключ-ключ",  # non-ASCII must be refused, not crash
    ],
    ids=["another store's key", "one character off", "too short", "empty", "not ASCII"],
)
def test_wrong_recovery_key(tmp_path: Path, attempt) -> None:
    keyfile, _data_key, recovery = KeyFile.create(PASSPHRASE, CHEAP)
    with pytest.raises(WrongRecoveryKey) as caught:
        write_and_read(keyfile, tmp_path).unwrap_with_recovery_key(attempt(recovery))
    assert str(caught.value) == "That recovery key does not open this caseload."


def secret_spellings(secret: bytes) -> list[bytes]:
    spellings = [
        secret,
        secret.hex().encode(),
        secret.hex().upper().encode(),
        base64.b64encode(secret),
        base64.urlsafe_b64encode(secret),
        base64.b32encode(secret),
    ]
    # Without "=" padding too, in case something strips it.
    return spellings + [s.rstrip(b"=") for s in spellings]


def test_key_file_holds_no_secret_in_the_clear(tmp_path: Path) -> None:
    store, recovery = Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP)
    try:
        data_key = store._data_key
        assert data_key is not None and len(data_key) == 32
        raw = store.key_path.read_bytes()
    finally:
        store.close(backup=False)
    json.loads(raw)  # really the JSON document we think we are searching
    for spelling in secret_spellings(data_key):
        assert spelling not in raw
    # The recovery key is shown once and never kept; nor is the passphrase.
    for secret in (recovery, recovery.replace("-", ""), PASSPHRASE):
        assert secret.encode() not in raw


def test_kdf_cost_is_recorded_in_the_key_file(tmp_path: Path) -> None:
    cost = KdfParams(time_cost=2, memory_cost=16, parallelism=1)
    store, _recovery = Store.create(tmp_path / "store", PASSPHRASE, kdf=cost)
    store.close(backup=False)
    doc = json.loads(store.key_path.read_text(encoding="ascii"))
    assert doc["kdf"] == {"name": "argon2id", "time_cost": 2, "memory_cost": 16, "parallelism": 1}
    assert KeyFile.read(store.key_path).kdf == cost
    # The recorded cost is the one the wrap was made with: reading it back opens the store.
    reopened = Store(store.folder)
    reopened.unlock(PASSPHRASE)
    reopened.close(backup=False)


def stronger_or_equal(params: KdfParams, floor: KdfParams) -> bool:
    return (
        params.time_cost >= floor.time_cost
        and params.memory_cost >= floor.memory_cost
        and params.parallelism >= floor.parallelism
    )


@pytest.mark.slow
def test_real_cost_is_at_least_rfc9106(tmp_path: Path) -> None:
    floor = KdfParams.rfc9106_low_memory()
    assert (floor.time_cost, floor.memory_cost, floor.parallelism) == (3, 64 * 1024, 4)

    start = time.perf_counter()
    params = calibrate()
    print(f"\ncalibrate() took {time.perf_counter() - start:.2f} s and chose {params}")
    assert stronger_or_equal(params, floor)

    start = time.perf_counter()
    store, _recovery = Store.create(tmp_path / "store", PASSPHRASE)  # kdf=None: calibrated
    print(f"Store.create(kdf=None) took {time.perf_counter() - start:.2f} s")
    try:
        recorded = json.loads(store.key_path.read_text(encoding="ascii"))["kdf"]
        print(f"key file records {recorded}")
        recorded_params = KdfParams(
            recorded["time_cost"], recorded["memory_cost"], recorded["parallelism"]
        )
        assert recorded["name"] == "argon2id"
        assert stronger_or_equal(recorded_params, floor)
        # Calibration only adds passes; memory and lanes are the profile's, as calibrate chose.
        assert (recorded_params.memory_cost, recorded_params.parallelism) == (
            params.memory_cost,
            params.parallelism,
        )
        store.lock()
        start = time.perf_counter()
        store.unlock(PASSPHRASE)
        print(f"unlock at the recorded cost took {time.perf_counter() - start:.2f} s")
    finally:
        store.close(backup=False)
