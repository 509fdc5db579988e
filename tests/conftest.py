"""Shared fixtures: a fresh real SQLCipher store per test, in a temporary folder."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from caseapp.store import KdfParams, Store  # noqa: E402
from caseapp.store.keyfile import allow_cheap_costs_for_tests  # noqa: E402

# Throwaway stores may use a cost of milliseconds in this process (and only here: the app's
# own `caseapp` refuses to make or open one; the switch is not in the environment).
allow_cheap_costs_for_tests()

PASSPHRASE = "correct horse battery staple"
CHEAP = KdfParams.cheap_for_tests()
DEMO_TODAY = date(2026, 11, 21)


@contextmanager
def demo_store(folder: Path, *, people: int) -> Iterator[Store]:
    """A new store holding the demo caseload of `people` as on DEMO_TODAY; closed after use.
    Read-mostly: module fixtures build it once for all their tests."""
    from caseapp.services.demo import build_demo_caseload

    created, _recovery = Store.create(folder / "store", PASSPHRASE, kdf=CHEAP)
    try:
        build_demo_caseload(created, people=people, today=DEMO_TODAY)
        yield created
    finally:
        created.close(backup=False)


@pytest.fixture(scope="session")
def empty_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store at head, made once: creating one runs every migration (~0.4 s), while
    copying this and unlocking the copy takes ~0.03 s and is just as real. The one template
    for every suite that wants a fresh store per test (`open_copy`)."""
    folder = tmp_path_factory.mktemp("template") / "store"
    created, _recovery = Store.create(folder, PASSPHRASE, kdf=CHEAP)
    created.close(backup=False)  # checkpointed: the copy needs no WAL
    (folder / "caseload.lock").unlink(missing_ok=True)
    return folder


def open_copy(template: Path, folder: Path) -> Store:
    """A copy of the template at `folder`, unlocked; the caller closes it."""
    shutil.copytree(template, folder)
    opened = Store(folder)
    opened.unlock(PASSPHRASE)
    return opened


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store_copy(empty_store_template: Path, store_dir: Path) -> Iterator[Store]:
    """A copy of the empty template at `store_dir`, unlocked: the services', reports' and UI
    suites' `store` (their conftests name it so); the store's own tests create theirs."""
    opened = open_copy(empty_store_template, store_dir)
    yield opened
    opened.close(backup=False)


@pytest.fixture
def store(store_dir: Path) -> Iterator[Store]:
    created, _recovery = Store.create(store_dir, PASSPHRASE, kdf=CHEAP)
    yield created
    created.close(backup=False)


@pytest.fixture
def store_with_recovery(store_dir: Path) -> Iterator[tuple[Store, str]]:
    created, recovery = Store.create(store_dir, PASSPHRASE, kdf=CHEAP)
    yield created, recovery
    created.close(backup=False)
