"""The key file: the database's data key, wrapped under the passphrase and a recovery key.

The SQLCipher database is encrypted with a random 32-byte data key that is never stored in
the clear. The key file holds it twice, each time sealed with AES-256-GCM:

* under a key derived from the passphrase with Argon2id (its cost is recorded here, so it
  can be raised later without touching the database);
* under a key derived from a high-entropy recovery key (HKDF is enough for 160 random
  bits), shown once when the store is created.

The header fields (format, store id, KDF parameters) are the GCM associated data, so an
edited cost or salt is detected rather than silently weakening the wrap.
"""

from __future__ import annotations

import base64
import json
import os
import time
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path


from caseapp.store.errors import DamagedStore, WeakKeyDerivation, WrongPassphrase, WrongRecoveryKey
from caseapp.store.fsutil import atomic_write

FORMAT = "caseapp-key"
VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32
RECOVERY_BYTES = 20  # 160 bits -> 32 base32 characters
MAX_TIME_COST = 200
MAX_MEMORY_KIB = 2 * 1024 * 1024  # 2 GiB


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Memory is in KiB, as argon2 counts it."""

    time_cost: int
    memory_cost: int
    parallelism: int

    @classmethod
    def rfc9106_low_memory(cls) -> KdfParams:
        """RFC 9106 second recommendation: t=3, 64 MiB, p=4."""
        return cls(time_cost=3, memory_cost=64 * 1024, parallelism=4)

    @classmethod
    def cheap_for_tests(cls) -> KdfParams:
        """Fast and weak: only for throwaway stores in the test suite.

        Below the floor, so a key file is written or opened with it only where the test
        suite has called `allow_cheap_costs_for_tests()`.
        """
        return cls(time_cost=1, memory_cost=8, parallelism=1)

    def meets_floor(self) -> bool:
        """At least RFC 9106's low-memory profile in passes, memory and lanes alike."""
        floor = KdfParams.rfc9106_low_memory()
        return (
            self.time_cost >= floor.time_cost
            and self.memory_cost >= floor.memory_cost
            and self.parallelism >= floor.parallelism
        )


# The test suite makes thousands of throwaway stores, and a derivation at the floor costs
# about half a second. It may use a cheaper cost only through this switch, which lives in
# the process: no environment variable, setting or file can turn it on, so nothing in a
# worker's account can weaken (or have opened) a real caseload's key. It is turned on only
# by tests/conftest.py and by the launchers the suite runs its subprocesses through; tests/
# is not part of the installed package, and a test checks nothing in the package turns it on.
_test_costs_allowed = False


def allow_cheap_costs_for_tests() -> None:
    """Let this process write and open key files below the floor. For the test suite only."""
    global _test_costs_allowed
    _test_costs_allowed = True


def cheap_costs_allowed() -> bool:
    return _test_costs_allowed


def _require_floor(params: KdfParams) -> None:
    if not params.meets_floor() and not _test_costs_allowed:
        raise WeakKeyDerivation()


# Random bytes come from os.urandom, the OS's CSPRNG that `secrets` also draws on; importing
# `secrets` would load hmac and OpenSSL's hashes on every start of the app.
# argon2 and cryptography load where they are used, not with this module: the unlock
# screen reads the key file before it paints, but only unlocking derives or unwraps, and
# loading the two costs about a tenth of starting the app (the launcher loads them once
# the screen is up, while the worker types).


def derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    # NFC: "é" typed as one character or as e + accent is the same passphrase.
    return hash_secret_raw(
        secret=unicodedata.normalize("NFC", passphrase).encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def calibrate(target_seconds: float = 0.6, ceiling_seconds: float = 1.0) -> KdfParams:
    """Start from the RFC 9106 profile and add passes until one derivation takes ~target.

    Never returns less than the RFC profile, however fast the machine.
    """
    params = KdfParams.rfc9106_low_memory()
    salt = os.urandom(16)
    while True:
        start = time.perf_counter()
        derive("calibration", salt, params)
        took = time.perf_counter() - start
        if took >= target_seconds or params.time_cost >= 64:
            return params
        per_pass = took / params.time_cost
        wanted = max(params.time_cost + 1, int(target_seconds / per_pass + 0.5))
        if per_pass * wanted > ceiling_seconds:
            wanted = max(params.time_cost, int(ceiling_seconds / per_pass))
            return replace(params, time_cost=wanted)
        params = replace(params, time_cost=wanted)


def new_recovery_key() -> str:
    raw = base64.b32encode(os.urandom(RECOVERY_BYTES)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    """Forgive the ways people copy a key by hand: case, spaces, dashes, 0/O, 1/I, 8/B."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))


def _recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    material = normalise_recovery_key(recovery_key).encode("ascii", "replace")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"caseapp recovery").derive(
        material
    )


def _seal(key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key).encrypt(nonce, data, aad)


def _unseal(key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes | None:
    """The plaintext, or None when the key is wrong or the sealed bytes were changed."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, sealed, aad)
    except InvalidTag:
        return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Wrap:
    salt: bytes
    nonce: bytes
    sealed: bytes


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    kdf: KdfParams
    passphrase_wrap: Wrap
    recovery_wrap: Wrap
    demo: bool = False
    created: str = field(default="")

    # -- creation -------------------------------------------------------------------------

    @classmethod
    def create(
        cls, passphrase: str, params: KdfParams, *, demo: bool = False
    ) -> tuple[KeyFile, bytes, str]:
        """A new key file, the data key it wraps, and the recovery key (shown once)."""
        _require_floor(params)
        data_key = os.urandom(DATA_KEY_BYTES)
        recovery_key = new_recovery_key()
        store_id = os.urandom(16).hex()
        created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        skeleton = cls(
            store_id=store_id,
            kdf=params,
            passphrase_wrap=Wrap(b"", b"", b""),
            recovery_wrap=Wrap(b"", b"", b""),
            demo=demo,
            created=created,
        )
        keyfile = skeleton.with_passphrase(data_key, passphrase)
        keyfile = keyfile._with_recovery(data_key, recovery_key)
        return keyfile, data_key, recovery_key

    def with_passphrase(
        self, data_key: bytes, passphrase: str, params: KdfParams | None = None
    ) -> KeyFile:
        """The same key file with the data key wrapped under a new passphrase."""
        params = params or self.kdf
        _require_floor(params)
        updated = replace(self, kdf=params)
        salt = os.urandom(16)
        kek = derive(passphrase, salt, params)
        nonce = os.urandom(12)
        sealed = _seal(kek, nonce, data_key, updated._aad("passphrase"))
        return replace(updated, passphrase_wrap=Wrap(salt, nonce, sealed))

    def _with_recovery(self, data_key: bytes, recovery_key: str) -> KeyFile:
        salt = os.urandom(16)
        nonce = os.urandom(12)
        sealed = _seal(_recovery_kek(recovery_key, salt), nonce, data_key, self._aad("recovery"))
        return replace(self, recovery_wrap=Wrap(salt, nonce, sealed))

    # -- opening --------------------------------------------------------------------------

    def unwrap_with_passphrase(self, passphrase: str) -> bytes:
        wrap = self.passphrase_wrap
        kek = derive(passphrase, wrap.salt, self.kdf)
        data_key = _unseal(kek, wrap.nonce, wrap.sealed, self._aad("passphrase"))
        if data_key is None:
            raise WrongPassphrase()
        return data_key

    def unwrap_with_recovery_key(self, recovery_key: str) -> bytes:
        wrap = self.recovery_wrap
        kek = _recovery_kek(recovery_key, wrap.salt)
        data_key = _unseal(kek, wrap.nonce, wrap.sealed, self._aad("recovery"))
        if data_key is None:
            raise WrongRecoveryKey()
        return data_key

    def _aad(self, purpose: str) -> bytes:
        header = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "purpose": purpose,
            "kdf": asdict(self.kdf) if purpose == "passphrase" else None,
        }
        return json.dumps(header, sort_keys=True).encode("ascii")

    # -- files ----------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        def wrap(w: Wrap) -> dict[str, str]:
            return {"salt": _b64(w.salt), "nonce": _b64(w.nonce), "sealed": _b64(w.sealed)}

        doc = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "created": self.created,
            "demo": self.demo,
            "kdf": {"name": "argon2id", **asdict(self.kdf)},
            "passphrase_wrap": wrap(self.passphrase_wrap),
            "recovery_wrap": wrap(self.recovery_wrap),
        }
        return (json.dumps(doc, indent=2) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        try:
            doc = json.loads(raw.decode("ascii"))
            if doc.get("format") != FORMAT or doc.get("version") != VERSION:
                raise ValueError("not a key file of this version")
            kdf = doc["kdf"]
            if kdf.get("name") != "argon2id":
                raise ValueError("unknown KDF")

            def wrap(d: dict[str, str]) -> Wrap:
                w = Wrap(_unb64(d["salt"]), _unb64(d["nonce"]), _unb64(d["sealed"]))
                # 16-byte salt, 12-byte GCM nonce, 32-byte key + 16-byte tag: as we write them.
                if (len(w.salt), len(w.nonce), len(w.sealed)) != (16, 12, DATA_KEY_BYTES + 16):
                    raise ValueError("wrap of the wrong shape")
                return w

            params = KdfParams(
                time_cost=int(kdf["time_cost"]),
                memory_cost=int(kdf["memory_cost"]),
                parallelism=int(kdf["parallelism"]),
            )
            # Bounds before any derivation: an edited cost must not hang or exhaust memory.
            if not (1 <= params.time_cost <= MAX_TIME_COST and 1 <= params.parallelism <= 16
                    and 8 * params.parallelism <= params.memory_cost <= MAX_MEMORY_KIB):
                raise ValueError("KDF cost out of range")
            return cls(
                store_id=str(doc["store_id"]),
                created=str(doc.get("created", "")),
                demo=bool(doc.get("demo", False)),
                kdf=params,
                passphrase_wrap=wrap(doc["passphrase_wrap"]),
                recovery_wrap=wrap(doc["recovery_wrap"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise DamagedStore("The key file is damaged. Restore the latest backup.") from None

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            raw = path.read_bytes()
        except OSError:
            raise DamagedStore("The key file cannot be read.") from None
        return cls.from_bytes(raw)

    def write(self, path: Path) -> None:
        """Replace the key file atomically: temp file, fsync, rename, fsync the folder."""
        atomic_write(path, self.to_bytes())


__all__ = [
    "KdfParams",
    "KeyFile",
    "allow_cheap_costs_for_tests",
    "calibrate",
    "cheap_costs_allowed",
    "derive",
    "new_recovery_key",
    "normalise_recovery_key",
]
