"""Recovery keys, and sealing a key under another with AES-256-GCM, for the key file (keyfile.py)."""

from __future__ import annotations

import base64
import os

RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32
RECOVERY_BYTES = 20  # 160 bits -> 32 base32 characters


def new_recovery_key() -> str:
    raw = base64.b32encode(os.urandom(RECOVERY_BYTES)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    """Forgive the ways people copy a key by hand: case, spaces, dashes, 0/O, 1/I, 8/B."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("018", "OIB"))


def recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    material = normalise_recovery_key(recovery_key).encode("ascii", "replace")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"caseapp recovery").derive(
        material
    )


def seal(key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key).encrypt(nonce, data, aad)


def unseal(key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes | None:
    """The plaintext, or None when the key is wrong or the sealed bytes were changed."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, sealed, aad)
    except InvalidTag:
        return None
