"""The connection profile and the rule for the wire: checked before anything is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseapp.store import TeamServer, TeamServerError
from caseapp.store.connection_profile import (
    NO_CA,
    PASSWORD_IN_ADDRESS,
    WEAK_TLS,
    ConnectionProfile,
    UnsafeAddress,
    check_address,
    forget_profile,
    load_profile,
    save_profile,
)

CA = Path("/etc/caseapp/council-ca.pem")


def test_a_profile_round_trips_through_its_address_and_its_file(tmp_path: Path) -> None:
    profile = ConnectionProfile(host="db.council.example", account="sam", database="caseapp_north", port=6543,
                                ca_file=CA)
    url = profile.to_url()
    assert url.startswith("postgresql://sam@db.council.example:6543/caseapp_north?")
    assert "sslmode=verify-full" in url and "sslrootcert=%2Fetc%2Fcaseapp%2Fcouncil-ca.pem" in url
    assert ConnectionProfile.from_url(url) == profile
    assert load_profile(config_dir=tmp_path) is None
    save_profile(profile, config_dir=tmp_path)
    assert load_profile(config_dir=tmp_path) == profile
    forget_profile(config_dir=tmp_path)
    assert load_profile(config_dir=tmp_path) is None


def test_a_socket_or_loopback_profile_needs_no_tls(tmp_path: Path) -> None:
    socket = ConnectionProfile(host=str(tmp_path), account="sam", port=5433)
    assert ConnectionProfile.from_url(socket.to_url()) == socket
    loopback = ConnectionProfile(host="127.0.0.1", account="sam")
    assert "sslmode" not in loopback.to_url()
    assert ConnectionProfile.from_url(loopback.to_url()) == loopback


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer", "require", "verify-ca"])
def test_a_remote_host_without_verified_tls_is_refused_before_connecting(mode: str) -> None:
    with pytest.raises(UnsafeAddress) as info:
        check_address(f"postgresql://sam@db.council.example/caseapp?sslmode={mode}&sslrootcert={CA}")
    assert str(info.value) == WEAK_TLS
    # The server is never asked: this name does not resolve, and the refusal is the TLS one.
    with pytest.raises(TeamServerError) as refused:
        TeamServer(f"postgresql://sam@db.council.example/caseapp?sslmode={mode}&sslrootcert={CA}")
    assert str(refused.value) == WEAK_TLS


def test_a_remote_host_without_the_councils_ca_is_refused() -> None:
    with pytest.raises(UnsafeAddress) as info:
        check_address("postgresql://sam@10.1.2.3:5432/caseapp")
    assert str(info.value) == NO_CA
    with pytest.raises(UnsafeAddress):
        ConnectionProfile(host="db.council.example", account="sam").to_url()


def test_a_remote_host_without_sslmode_gets_verify_full() -> None:
    url = check_address(f"postgresql://sam@db.council.example/caseapp?sslrootcert={CA}")
    assert url.query["sslmode"] == "verify-full"
    # hostaddr decides where the bytes go: a loopback name with a remote address is remote.
    with pytest.raises(UnsafeAddress):
        check_address("postgresql://sam@localhost/caseapp?hostaddr=192.0.2.7&sslmode=require")


@pytest.mark.parametrize("url", [
    "postgresql://sam:hunter2-secret@db.council.example/caseapp?sslrootcert=/ca.pem",
    "postgresql://sam@db.council.example/caseapp?sslrootcert=/ca.pem&password=hunter2-secret",
    "postgresql://sam:hunter2-secret@/caseapp?host=/run/postgresql",
])
def test_an_address_with_a_password_is_refused_and_not_repeated(url: str) -> None:
    for attempt in (lambda: check_address(url), lambda: ConnectionProfile.from_url(url)):
        with pytest.raises(UnsafeAddress) as info:
            attempt()
        assert str(info.value) == PASSWORD_IN_ADDRESS
        assert "hunter2" not in repr(info.value)


def test_a_saved_profile_holds_no_password_and_an_unsafe_one_is_not_loaded(tmp_path: Path) -> None:
    save_profile(ConnectionProfile(host="db.council.example", account="sam", ca_file=CA), config_dir=tmp_path)
    saved = (tmp_path / "team-server.json").read_text()
    assert "password" not in saved
    (tmp_path / "team-server.json").write_text('{"host": "db.council.example", "account": "sam"}')
    assert load_profile(config_dir=tmp_path) is None  # no CA: it would be refused
