"""AES-256 PDF encryption, standard security handler revision 6 (ISO 32000-2).

ReportLab's own `StandardEncryption(strength=256)` writes revision 5, a withdrawn Adobe
extension whose password check is a single SHA-256 (cheap to guess at), and needs the pyaes
package. Revision 6 is what PDF 2.0 specifies: the same AES-256 file key, but the password is
checked through the iterated SHA-256/384/512 hash of algorithm 2.B. This class plugs into
ReportLab's document writer in place of `StandardEncryption` and uses the `cryptography`
package the store already depends on. The 40- and 128-bit RC4 modes are never used.
"""

from __future__ import annotations

import hashlib
import os
import struct
import unicodedata

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase.pdfdoc import DummyDoc, PDFDictionary, PDFName, PDFObject

MAX_PASSWORD_BYTES = 127


def _password_bytes(password: str) -> bytes:
    # SASLprep's normalisation step (NFKC), so "é" typed either way opens the file; PDF 2.0
    # limits the password to 127 UTF-8 bytes.
    return unicodedata.normalize("NFKC", password).encode("utf-8")[:MAX_PASSWORD_BYTES]


def _aes_cbc_no_padding(key: bytes, iv: bytes, data: bytes) -> bytes:
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def hash_r6(password: bytes, salt: bytes, user_key: bytes = b"") -> bytes:
    """Algorithm 2.B of ISO 32000-2: the revision 6 password hash."""
    k = hashlib.sha256(password + salt + user_key).digest()
    round_no = 0
    while True:
        k1 = (password + k + user_key) * 64
        e = _aes_cbc_no_padding(k[:16], k[16:32], k1)
        choice = sum(e[:16]) % 3
        k = (hashlib.sha256, hashlib.sha384, hashlib.sha512)[choice](e).digest()
        round_no += 1
        if round_no >= 64 and e[-1] <= round_no - 32:
            return k[:32]


class _EncryptDictionary(PDFObject):
    __RefOnly__ = 1

    def __init__(self, values: dict) -> None:
        self.values = values

    def format(self, document):
        # The encryption dictionary itself is never encrypted.
        return PDFDictionary(self.values).format(DummyDoc())


def _hex(data: bytes) -> str:
    return "<" + data.hex().upper() + ">"


class Aes256Encryption(StandardEncryption):
    """Open password `password`; a random owner password nobody knows, all permissions.

    Permissions in PDF are advisory, so none are withheld: the protection is the password.
    """

    # The parent (untyped) sets it to 0 in its __init__; prepare() sets it to 1.
    prepared: int

    def __init__(self, password: str) -> None:
        if not password:
            raise ValueError("An empty password would not protect the file.")
        # The parent's 128-bit set-up is only to initialise its bookkeeping; prepare(),
        # encode() and info() below replace everything it would do.
        super().__init__("", strength=128)
        self.setAllPermissions(1)
        self.revision = 6
        self._user = _password_bytes(password)
        self._owner = os.urandom(32).hex().encode("ascii")

    def prepare(self, document, overrideID=None):  # noqa: N803 - the parent's own parameter name
        if self.prepared:
            raise ValueError("encryption already prepared")
        self.P = int(self.permissionBits() - 2**31)
        self.key = os.urandom(32)
        zero_iv = b"\x00" * 16
        validation_salt, key_salt = os.urandom(8), os.urandom(8)
        self.U = hash_r6(self._user, validation_salt) + validation_salt + key_salt
        self.UE = _aes_cbc_no_padding(hash_r6(self._user, key_salt), zero_iv, self.key)
        validation_salt, key_salt = os.urandom(8), os.urandom(8)
        self.O = hash_r6(self._owner, validation_salt, self.U) + validation_salt + key_salt
        self.OE = _aes_cbc_no_padding(hash_r6(self._owner, key_salt, self.U), zero_iv, self.key)
        perms = struct.pack("<i", self.P) + b"\xff\xff\xff\xff" + b"Tadb" + os.urandom(4)
        encryptor = Cipher(algorithms.AES(self.key), modes.ECB()).encryptor()
        self.Perms = encryptor.update(perms) + encryptor.finalize()
        self.objnum = self.version = None
        self.prepared = 1

    def encode(self, t):
        """AES-256-CBC with a fresh IV and PKCS#7 padding (AESV3: no per-object key)."""
        if not self.prepared:
            raise ValueError("encryption not prepared")
        data = t.encode("latin-1") if isinstance(t, str) else bytes(t)
        padder = padding.PKCS7(128).padder()
        padded = padder.update(data) + padder.finalize()
        iv = os.urandom(16)
        return iv + _aes_cbc_no_padding(self.key, iv, padded)

    def info(self):
        if not self.prepared:
            raise ValueError("encryption not prepared")
        return _EncryptDictionary(
            {
                "Filter": PDFName("Standard"),
                "V": 5,
                "R": 6,
                "Length": 256,
                "P": self.P,
                "O": _hex(self.O),
                "U": _hex(self.U),
                "OE": _hex(self.OE),
                "UE": _hex(self.UE),
                "Perms": _hex(self.Perms),
                "CF": PDFDictionary(
                    {"StdCF": PDFDictionary({"AuthEvent": PDFName("DocOpen"), "CFM": PDFName("AESV3"), "Length": 32})}
                ),
                "StmF": PDFName("StdCF"),
                "StrF": PDFName("StdCF"),
            }
        )
