"""The passphrase's key derivation: Argon2id's cost, its floor, and tuning it to this machine.

The key file (keyfile.py) records the cost it was wrapped with; see there for the format.
"""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass, replace

from caseapp.store.errors import WeakKeyDerivation

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


def require_floor(params: KdfParams) -> None:
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
