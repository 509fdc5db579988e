"""Damage to the key file is called damage: never a wrong passphrase, never a traceback.

Every byte of a key file is changed in turn (and the file cut short at every length), and
each field is edited on purpose with the file's checksum made to match. Whatever was done,
the answer is "damaged", or (for a change that alters nothing, such as spacing) the file
still opens with the same data key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from caseapp.store import DamagedStore, NewerStore, Store, WrongPassphrase, WrongRecoveryKey
from caseapp.store.keyfile import DAMAGED, KeyFile, _checksum, new_recovery_key
from tests.conftest import CHEAP, PASSPHRASE

NEW = "violet kettle orbit marsh"
# Each byte becomes each of these in turn (where it differs): single bits low and high, and
# the characters that matter to JSON and base64.
SWAPS: list[Callable[[int], int]] = [
    lambda b: b ^ 0x01,
    lambda b: b ^ 0x02,
    lambda b: b ^ 0x20,
    lambda b: b ^ 0x80,
    lambda b: ord("0"),
    lambda b: ord("A"),
    lambda b: ord('"'),
    lambda b: ord("["),
    lambda b: ord(" "),
    lambda b: ord("\t"),
    lambda b: 0,
]


@pytest.fixture(scope="module")
def made() -> tuple[bytes, bytes, str]:
    keyfile, data_key, recovery = KeyFile.create(PASSPHRASE, CHEAP)
    return keyfile.to_bytes(), data_key, recovery


def opens_as_before(raw: bytes, data_key: bytes, recovery: str) -> bool:
    """True when `raw` is read as the same key file (a change of spacing); raises if damaged."""
    keyfile = KeyFile.from_bytes(raw)
    assert keyfile.unwrap_with_passphrase(PASSPHRASE) == data_key
    assert keyfile.unwrap_with_recovery_key(recovery) == data_key
    assert keyfile.mac_matches(data_key)
    return True


def test_every_changed_byte_is_damage(made: tuple[bytes, bytes, str]) -> None:
    raw, data_key, recovery = made
    benign, damaged = 0, 0
    for at in range(len(raw)):
        for swap in SWAPS:
            new = swap(raw[at]) & 0xFF
            if new == raw[at]:
                continue
            changed = raw[:at] + bytes([new]) + raw[at + 1 :]
            try:
                opens_as_before(changed, data_key, recovery)
                benign += 1
            except DamagedStore as caught:
                assert str(caught) == DAMAGED
                damaged += 1
    # Only spacing can change without changing what the file says.
    assert damaged > 10 * len(raw) and benign < len(raw) // 4, (damaged, benign)


def test_a_key_file_cut_short_anywhere_is_damage(made: tuple[bytes, bytes, str]) -> None:
    raw, _data_key, _recovery = made
    for length in range(len(raw) - 1):  # the last byte is the closing newline
        with pytest.raises(DamagedStore):
            KeyFile.from_bytes(raw[:length])


def edited(raw: bytes, edit: Callable[[dict], None]) -> bytes:
    """The key file with one field edited on purpose, and its checksum made to match."""
    doc = json.loads(raw)
    del doc["checksum"]
    edit(doc)
    doc["checksum"] = _checksum(doc)
    return json.dumps(doc, indent=2).encode("ascii")


def flip_b64(text: str) -> str:
    import base64

    data = bytearray(base64.b64decode(text))
    data[len(data) // 2] ^= 0x01
    return base64.b64encode(bytes(data)).decode("ascii")


EDITS: dict[str, Callable[[dict], None]] = {
    "store id": lambda d: d.update(store_id="0" * 32),
    "created": lambda d: d.update(created="2020-01-01T00:00:00Z"),
    "demo flag": lambda d: d.update(demo=True),
    "passes": lambda d: d["kdf"].update(time_cost=d["kdf"]["time_cost"] + 1),
    "memory": lambda d: d["kdf"].update(memory_cost=d["kdf"]["memory_cost"] * 2),
    "passphrase salt": lambda d: d["passphrase_wrap"].update(salt=flip_b64(d["passphrase_wrap"]["salt"])),
    "passphrase nonce": lambda d: d["passphrase_wrap"].update(nonce=flip_b64(d["passphrase_wrap"]["nonce"])),
    "passphrase sealed": lambda d: d["passphrase_wrap"].update(sealed=flip_b64(d["passphrase_wrap"]["sealed"])),
    "recovery salt": lambda d: d["recovery_wrap"].update(salt=flip_b64(d["recovery_wrap"]["salt"])),
    "recovery nonce": lambda d: d["recovery_wrap"].update(nonce=flip_b64(d["recovery_wrap"]["nonce"])),
    "recovery sealed": lambda d: d["recovery_wrap"].update(sealed=flip_b64(d["recovery_wrap"]["sealed"])),
    "version 1": lambda d: d.update(version=1),
    "format": lambda d: d.update(format="caseapp-kez"),
    "extra field": lambda d: d.update(note="hello"),
}
# What the passphrase's own wrap does not cover: the recovery wrap (the MAC does).
PASSPHRASE_STILL_OPENS = {"recovery salt", "recovery nonce", "recovery sealed"}
RECOVERY_STILL_OPENS = {"passes", "memory", "passphrase salt", "passphrase nonce", "passphrase sealed"}
# A salt or cost changed on purpose (the checksum made to match) makes the right secret
# derive another key: nothing in the file can tell that from a wrong secret without making
# guessing cheap. Only a forger gets there; damage stops at the checksum.
PASSPHRASE_CANNOT_TELL = {"passes", "memory", "passphrase salt"}
RECOVERY_CANNOT_TELL = {"recovery salt"}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_field_edited_on_purpose_is_damage_not_a_wrong_secret(
    made: tuple[bytes, bytes, str], edit: Callable[[dict], None], request: pytest.FixtureRequest
) -> None:
    raw, data_key, recovery = made
    name = request.node.callspec.id
    changed = edited(raw, edit)
    try:
        keyfile = KeyFile.from_bytes(changed)
    except DamagedStore:
        return
    for unwrap, secret, still, cannot_tell, wrong in (
        (keyfile.unwrap_with_passphrase, PASSPHRASE, PASSPHRASE_STILL_OPENS, PASSPHRASE_CANNOT_TELL, WrongPassphrase),
        (keyfile.unwrap_with_recovery_key, recovery, RECOVERY_STILL_OPENS, RECOVERY_CANNOT_TELL, WrongRecoveryKey),
    ):
        if name in still:
            assert unwrap(secret) == data_key
        elif name in cannot_tell:
            with pytest.raises(wrong):
                unwrap(secret)
        else:
            with pytest.raises(DamagedStore) as caught:
                unwrap(secret)
            assert str(caught.value) == DAMAGED
    # The MAC under the data key covers every part, whichever wrap opened.
    assert not keyfile.mac_matches(data_key)


def test_a_wrong_secret_is_still_called_wrong(made: tuple[bytes, bytes, str]) -> None:
    keyfile = KeyFile.from_bytes(made[0])
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap_with_passphrase("not the passphrase at all")
    with pytest.raises(WrongRecoveryKey):
        keyfile.unwrap_with_recovery_key(new_recovery_key())


def test_a_key_file_from_a_newer_caseapp_says_so(made: tuple[bytes, bytes, str]) -> None:
    with pytest.raises(NewerStore):
        KeyFile.from_bytes(edited(made[0], lambda d: d.update(version=3)))


# -- through the store -------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def closed(store_with_recovery: tuple[Store, str]) -> tuple[Path, str]:
    store, recovery = store_with_recovery
    store.close(backup=False)
    return store.folder, recovery


def field_offset(raw: bytes, field: str, inner: str | None = None) -> int:
    """Where the value of `field` (or of `inner` within it) starts in the file's text."""
    at = raw.index(f'"{field}"'.encode())
    if inner is not None:
        at = raw.index(f'"{inner}"'.encode(), at)
    return raw.index(b":", at) + 3  # past ': "', inside the value


FIELDS = [
    ("store_id", None), ("created", None), ("passphrase_wrap", "salt"), ("passphrase_wrap", "sealed"),
    ("passphrase_wrap", "check"), ("recovery_wrap", "nonce"), ("recovery_wrap", "sealed"),
    ("recovery_wrap", "check"), ("mac", None), ("checksum", None),
]


@pytest.mark.parametrize(("field", "inner"), FIELDS, ids=[f"{f}.{i}" if i else f for f, i in FIELDS])
def test_a_flipped_byte_in_any_field_is_damage_at_unlock_and_recovery(
    closed: tuple[Path, str], field: str, inner: str | None
) -> None:
    folder, recovery = closed
    key = folder / "caseload.key"
    raw = bytearray(key.read_bytes())
    raw[field_offset(bytes(raw), field, inner)] ^= 0x01
    key.write_bytes(bytes(raw))
    before = snapshot(folder)
    for attempt in (
        lambda s: s.unlock(PASSPHRASE),
        lambda s: s.unlock_with_recovery_key(recovery),
        lambda s: s.recover(recovery, NEW),
    ):
        store = Store(folder)
        with pytest.raises(DamagedStore) as caught:
            attempt(store)
        assert str(caught.value) == DAMAGED
        assert not store.is_unlocked
        assert snapshot(folder) == before


def test_an_altered_recovery_wrap_is_found_after_unlocking(closed: tuple[Path, str]) -> None:
    """The passphrase opens; what only the recovery key would read is checked by the MAC."""
    folder, recovery = closed
    key = folder / "caseload.key"
    key.write_bytes(edited(key.read_bytes(), EDITS["recovery sealed"]))
    store = Store(folder)
    store.unlock(PASSPHRASE)
    try:
        [problem] = store.key_file_problems()
        assert "recovery" in problem
    finally:
        store.close(backup=False)
    with pytest.raises(DamagedStore):
        Store(folder).recover(recovery, NEW)


def test_an_intact_key_file_has_no_problems(store: Store) -> None:
    assert store.key_file_problems() == []
