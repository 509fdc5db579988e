"""The key file: the database's data key, wrapped under the passphrase and a recovery key.

The SQLCipher database is encrypted with a random 32-byte data key that is never stored in
the clear. The key file holds it twice, each time sealed with AES-256-GCM:

* under a key derived from the passphrase with Argon2id (its cost is recorded here, so it
  can be raised later without touching the database);
* under a key derived from a high-entropy recovery key (HKDF is enough for 160 random
  bits), shown once when the store is created.

Format 2 (written since key files carried a `demo` flag that caseapp acted on) guards every
part three ways, so damage is called damage and no field that changes behaviour can be
edited unnoticed:

* the GCM associated data of both wraps holds every field that changes what caseapp does
  (format, version, store id, created, demo; the passphrase wrap also the Argon2id cost),
  so an edited field opens nothing;
* each wrap has a check value, an HMAC under the key that unseals it: when the right
  passphrase or recovery key fails to unseal, the file was altered, not mistyped;
* a MAC under the data key covers the whole file (both wraps), for `caseapp verify` to
  check what unlocking with the passphrase does not read (the recovery wrap); and a SHA-256
  checksum of the whole file names accidental damage before any secret is asked for.

Format 1 files (the first releases) still open. Their associated data holds only format,
version, store id and (for the passphrase wrap) the cost, so their `demo` flag proves
nothing: it is read as "not a demo", and kept as `unproven_demo` only to say so.
"""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from caseapp.store.errors import (
    DamagedStore,
    NewerStore,
    WrongPassphrase,
    WrongRecoveryKey,
)
from caseapp.store.fsutil import atomic_write
from caseapp.store.kdf import (
    MAX_MEMORY_KIB,
    MAX_TIME_COST,
    KdfParams,
    allow_cheap_costs_for_tests,
    calibrate,
    cheap_costs_allowed,
    derive,
    require_floor,
)
from caseapp.store.key_crypto import new_recovery_key, normalise_recovery_key, recovery_kek, seal, unseal

FORMAT = "caseapp-key"
VERSION = 2  # what this caseapp writes; format 1 is still read
DAMAGED = "The key file is damaged. Restore the latest backup."
# Ours are under 1.5 KB. Anything much bigger is not a key file, and is not parsed at all.
MAX_KEY_FILE_BYTES = 64 * 1024
CHECK_BYTES = 16
MAC_BYTES = 32
DATA_KEY_BYTES = 32

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _canonical(doc: dict[str, Any]) -> bytes:
    """One spelling of a document, for hashing: whatever the file's spacing, the same bytes."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _checksum(doc: dict[str, Any]) -> str:
    import hashlib

    return hashlib.sha256(b"caseapp key file\x00" + _canonical(doc)).hexdigest()


def _hmac(key: bytes, label: bytes, data: bytes = b"") -> bytes:
    import hashlib
    import hmac

    return hmac.new(key, label + b"\x00" + data, hashlib.sha256).digest()


def _same(a: bytes, b: bytes) -> bool:
    import hmac

    return hmac.compare_digest(a, b)


def _no_constant(name: str) -> None:
    # json accepts NaN, Infinity and -Infinity by default; no key file holds them.
    raise ValueError(f"{name} is not a number a key file holds")


def _int(value: object) -> int:
    # Not bool (an int to Python), not float: 1e400 parses as infinity.
    if type(value) is not int:
        raise ValueError("not a whole number")
    return value


def _exact_keys(doc: object, keys: set[str]) -> dict[str, Any]:
    if not isinstance(doc, dict) or set(doc) != keys:
        raise ValueError("unexpected fields")
    return doc


@dataclass(frozen=True)
class Wrap:
    salt: bytes
    nonce: bytes
    sealed: bytes
    # Format 2: an HMAC under the key that unseals this wrap (see the module docstring).
    check: bytes = b""


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    kdf: KdfParams
    passphrase_wrap: Wrap
    recovery_wrap: Wrap
    # Authenticated (format 2 only): a demo's files may be deleted by `caseapp demo`.
    demo: bool = False
    created: str = field(default="")
    version: int = VERSION
    # A format 1 file that says it is a demo: unauthenticated, so never acted on.
    unproven_demo: bool = False
    mac: bytes = b""

    # -- creation -------------------------------------------------------------------------

    @classmethod
    def create(
        cls, passphrase: str, params: KdfParams, *, demo: bool = False
    ) -> tuple[KeyFile, bytes, str]:
        """A new key file, the data key it wraps, and the recovery key (shown once)."""
        require_floor(params)
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
        """The same key file with the data key wrapped under a new passphrase.

        A format 1 file stays format 1: its recovery wrap cannot be sealed again without the
        recovery key.
        """
        params = params or self.kdf
        require_floor(params)
        updated = replace(self, kdf=params)
        salt = os.urandom(16)
        kek = derive(passphrase, salt, params)
        nonce = os.urandom(12)
        sealed = seal(kek, nonce, data_key, updated._aad("passphrase"))
        check = _hmac(kek, b"caseapp passphrase check")[:CHECK_BYTES] if self.version >= 2 else b""
        return replace(updated, passphrase_wrap=Wrap(salt, nonce, sealed, check))._signed(data_key)

    def _with_recovery(self, data_key: bytes, recovery_key: str) -> KeyFile:
        salt = os.urandom(16)
        nonce = os.urandom(12)
        kek = recovery_kek(recovery_key, salt)
        sealed = seal(kek, nonce, data_key, self._aad("recovery"))
        check = _hmac(kek, b"caseapp recovery check")[:CHECK_BYTES] if self.version >= 2 else b""
        return replace(self, recovery_wrap=Wrap(salt, nonce, sealed, check))._signed(data_key)

    def _signed(self, data_key: bytes) -> KeyFile:
        if self.version < 2:
            return self
        return replace(self, mac=self._mac(data_key))

    def _mac(self, data_key: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        # A key of its own, so the data key (SQLCipher's) is never used for anything else.
        mac_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"caseapp key file mac"
        ).derive(data_key)
        return _hmac(mac_key, b"caseapp key file", _canonical(self._body()))

    # -- opening --------------------------------------------------------------------------

    def unwrap_with_passphrase(self, passphrase: str) -> bytes:
        wrap = self.passphrase_wrap
        kek = derive(passphrase, wrap.salt, self.kdf)
        data_key = unseal(kek, wrap.nonce, wrap.sealed, self._aad("passphrase"))
        if data_key is None:
            if self.version >= 2 and _same(_hmac(kek, b"caseapp passphrase check")[:CHECK_BYTES], wrap.check):
                # The right passphrase: what it should open was changed.
                raise DamagedStore(DAMAGED)
            raise WrongPassphrase()
        return data_key

    def unwrap_with_recovery_key(self, recovery_key: str) -> bytes:
        wrap = self.recovery_wrap
        kek = recovery_kek(recovery_key, wrap.salt)
        data_key = unseal(kek, wrap.nonce, wrap.sealed, self._aad("recovery"))
        if data_key is None:
            if self.version >= 2 and _same(_hmac(kek, b"caseapp recovery check")[:CHECK_BYTES], wrap.check):
                raise DamagedStore(DAMAGED)
            raise WrongRecoveryKey()
        return data_key

    @property
    def has_mac(self) -> bool:
        """Format 2 and later: the whole file can be checked under the data key."""
        return self.version >= 2

    def mac_matches(self, data_key: bytes) -> bool:
        """Whether every part of this key file is as it was written with `data_key`.

        After unlocking with the passphrase, this is the only check of the recovery wrap
        that needs no recovery key. Always False for a format 1 file, which has no MAC.
        """
        return self.has_mac and _same(self._mac(data_key), self.mac)

    def _aad(self, purpose: str) -> bytes:
        if self.version < 2:
            header: dict[str, Any] = {
                "format": FORMAT,
                "version": 1,
                "store_id": self.store_id,
                "purpose": purpose,
                "kdf": asdict(self.kdf) if purpose == "passphrase" else None,
            }
        else:
            # Every field that changes behaviour. Only the passphrase wrap holds the cost: it
            # changes with the passphrase, and the recovery wrap is never sealed again then.
            header = {
                "format": FORMAT,
                "version": self.version,
                "store_id": self.store_id,
                "created": self.created,
                "demo": self.demo,
                "purpose": purpose,
                "kdf": asdict(self.kdf) if purpose == "passphrase" else None,
            }
        return json.dumps(header, sort_keys=True).encode("ascii")

    # -- files ----------------------------------------------------------------------------

    def _body(self) -> dict[str, Any]:
        """Every field but the MAC and the checksum, as the file spells them."""

        def wrap(w: Wrap) -> dict[str, str]:
            fields = {"salt": _b64(w.salt), "nonce": _b64(w.nonce), "sealed": _b64(w.sealed)}
            if self.version >= 2:
                fields["check"] = _b64(w.check)
            return fields

        return {
            "format": FORMAT,
            "version": self.version,
            "store_id": self.store_id,
            "created": self.created,
            "demo": self.demo if self.version >= 2 else self.unproven_demo,
            "kdf": {"name": "argon2id", **asdict(self.kdf)},
            "passphrase_wrap": wrap(self.passphrase_wrap),
            "recovery_wrap": wrap(self.recovery_wrap),
        }

    def to_bytes(self) -> bytes:
        doc = self._body()
        if self.version >= 2:
            doc["mac"] = _b64(self.mac)
            doc["checksum"] = _checksum(doc)
        return (json.dumps(doc, indent=2) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        """The key file in `raw`; DamagedStore for anything that is not one, as written."""
        try:
            return cls._parse(raw)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError):
            # ValueError covers bad text, JSON and base64. RecursionError: deeply nested
            # brackets. Either way the sentence is the same, and says what to do.
            raise DamagedStore(DAMAGED) from None

    @classmethod
    def _parse(cls, raw: bytes) -> KeyFile:
        if len(raw) > MAX_KEY_FILE_BYTES:
            raise ValueError("far too large for a key file")
        doc = json.loads(raw.decode("ascii"), parse_constant=_no_constant)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError("not a caseapp key file")
        version = _int(doc.get("version"))
        if version >= 2:
            # First, before any field is believed: a changed byte anywhere fails here.
            written = doc.pop("checksum", None)
            if not isinstance(written, str) or not _same(
                written.encode("ascii"), _checksum(doc).encode("ascii")
            ):
                raise ValueError("checksum does not match")
            if version > VERSION:
                raise NewerStore()
        elif version != 1:
            raise ValueError("unknown version")

        # Exactly the fields this version writes: a format 2 file relabelled as format 1 (to
        # escape its checksum) still has its MAC and check values, and is refused here.
        fields = {"format", "version", "store_id", "created", "demo", "kdf", "passphrase_wrap", "recovery_wrap"}
        if version >= 2:
            _exact_keys(doc, fields | {"mac"})
        elif not fields - {"created", "demo"} <= set(doc) <= fields:
            raise ValueError("unexpected fields")
        store_id = doc["store_id"]
        # As `create` makes it: 16 random bytes in lower-case hex.
        if not (isinstance(store_id, str) and len(store_id) == 32 and set(store_id) <= set("0123456789abcdef")):
            raise ValueError("not a store id")
        created = doc.get("created", "")
        demo = doc.get("demo", False)
        if not isinstance(created, str) or len(created) > 64 or type(demo) is not bool:
            raise ValueError("header of the wrong type")

        kdf = _exact_keys(doc["kdf"], {"name", "time_cost", "memory_cost", "parallelism"})
        if kdf["name"] != "argon2id":
            raise ValueError("unknown KDF")
        params = KdfParams(
            time_cost=_int(kdf["time_cost"]),
            memory_cost=_int(kdf["memory_cost"]),
            parallelism=_int(kdf["parallelism"]),
        )
        # Bounds before any derivation: an edited cost must not hang or exhaust memory.
        if not (1 <= params.time_cost <= MAX_TIME_COST and 1 <= params.parallelism <= 16
                and 8 * params.parallelism <= params.memory_cost <= MAX_MEMORY_KIB):
            raise ValueError("KDF cost out of range")

        def wrap(d: object) -> Wrap:
            if version >= 2:
                d = _exact_keys(d, {"salt", "nonce", "sealed", "check"})
                check = _unb64(d["check"])
                if len(check) != CHECK_BYTES:
                    raise ValueError("check of the wrong length")
            else:
                d = _exact_keys(d, {"salt", "nonce", "sealed"})
                check = b""
            w = Wrap(_unb64(d["salt"]), _unb64(d["nonce"]), _unb64(d["sealed"]), check)
            # 16-byte salt, 12-byte GCM nonce, 32-byte key + 16-byte tag: as we write them.
            if (len(w.salt), len(w.nonce), len(w.sealed)) != (16, 12, DATA_KEY_BYTES + 16):
                raise ValueError("wrap of the wrong shape")
            return w

        mac = b""
        if version >= 2:
            mac = _unb64(doc["mac"])
            if len(mac) != MAC_BYTES:
                raise ValueError("MAC of the wrong length")
        return cls(
            store_id=store_id,
            created=created,
            demo=demo if version >= 2 else False,
            unproven_demo=demo if version < 2 else False,
            kdf=params,
            passphrase_wrap=wrap(doc["passphrase_wrap"]),
            recovery_wrap=wrap(doc["recovery_wrap"]),
            version=version,
            mac=mac,
        )

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            with open(path, "rb") as handle:
                # One byte more than any key file may hold: a huge file is refused unread.
                raw = handle.read(MAX_KEY_FILE_BYTES + 1)
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
