"""Where a team server is and how to reach it safely: the connection profile and its rules.

A profile is what a worker's laptop remembers about its team server: host, port, database,
account name and the council's CA certificate file. Never the password, which is typed at
each sign-in. It is kept in this computer's configuration folder, beside the pointer to a
local caseload's folder, not in the caseload's own settings: those live inside the database
the profile is needed to reach.

The rule for the wire (`check_address`), applied before any connection is made: anything
other than a Unix socket or this computer's loopback goes over TLS with the server's
certificate checked against the council's CA and its host name (`sslmode=verify-full`), so a
caseload never crosses a network in the clear, nor to a server pretending to be the team's.
"""

from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from caseapp.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import URL

DEFAULT_PORT = 5432
PROFILE_NAME = "team-server.json"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
# The TLS modes that check the certificate's chain and its name; anything less can be
# answered by whoever sits on the network between the laptop and the server.
VERIFIED = "verify-full"


class UnsafeAddress(StoreError):
    """An address that would send a password or a caseload where it must not go."""

    message = "That team server address cannot be used."


PASSWORD_IN_ADDRESS = (
    "A team server's address never holds a password. Give the address without it, "
    "and type the password when signing in."
)
NOT_POSTGRES = "A team server is a PostgreSQL database: its address starts postgresql://."
NOT_AN_ADDRESS = "That is not a team server's address."
WEAK_TLS = (
    "caseapp connects to a team server on another computer only over TLS with its certificate "
    "checked (sslmode=verify-full), so that nobody on the network can read the caseload or "
    "pose as the server. Remove the sslmode from the address, or set it to verify-full."
)
NO_CA = (
    "caseapp connects to a team server on another computer only over TLS, checked against the "
    "council's CA certificate. Give its file in the address (sslrootcert=...) or in the "
    "connection settings; IT can provide it."
)


def _hosts(url: URL) -> list[str]:
    """Every host libpq may connect to; an empty one means the default Unix socket."""
    raw = url.query.get("hostaddr") or url.query.get("host") or url.host or ""
    values = raw if isinstance(raw, tuple) else (raw,)
    return [h.strip() for value in values for h in value.split(",")] or [""]


def is_local(host: str) -> bool:
    """A Unix socket (a folder, or libpq's default) or this computer's loopback."""
    if not host or host.startswith(("/", "@")):
        return True
    if host.casefold() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_address(url: str | URL) -> URL:
    """The address as a psycopg URL, or UnsafeAddress with the sentence saying why not.

    A remote address without an sslmode gets verify-full; with a weaker one, or without the
    CA file, it is refused. Nothing here touches the network."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UnsafeAddress(NOT_AN_ADDRESS) from None
    if parsed.password is not None or "password" in parsed.query:
        # The address is shown, saved and logged; a password in it would be too.
        raise UnsafeAddress(PASSWORD_IN_ADDRESS)
    if parsed.get_backend_name() != "postgresql":
        raise UnsafeAddress(NOT_POSTGRES)
    parsed = parsed.set(drivername="postgresql+psycopg")
    if all(is_local(host) for host in _hosts(parsed)):
        return parsed
    mode = parsed.query.get("sslmode")
    if mode is None:
        parsed = parsed.update_query_dict({"sslmode": VERIFIED})
    elif mode != VERIFIED:
        raise UnsafeAddress(WEAK_TLS)
    if not parsed.query.get("sslrootcert"):
        raise UnsafeAddress(NO_CA)
    return parsed


@dataclass(frozen=True)
class ConnectionProfile:
    """A team server as this laptop remembers it; `host` may be a socket folder."""

    host: str
    account: str
    database: str = "caseapp"
    port: int = DEFAULT_PORT
    ca_file: Path | None = None

    def to_url(self) -> str:
        """The libpq address (no password), checked by the rule above."""
        from sqlalchemy import URL as Url

        query: dict[str, str] = {}
        host: str | None = self.host
        if self.host.startswith("/"):
            query["host"], host = self.host, None
        if self.ca_file is not None:
            query["sslrootcert"] = str(self.ca_file)
        if not is_local(self.host):
            query["sslmode"] = VERIFIED
        url = Url.create(
            "postgresql", username=self.account, host=host, port=self.port, database=self.database, query=query
        )
        check_address(url)
        return url.render_as_string(hide_password=False)

    @classmethod
    def from_url(cls, url: str | URL) -> ConnectionProfile:
        parsed = check_address(url)
        host = parsed.query.get("host") or parsed.host or ""
        ca = parsed.query.get("sslrootcert")
        if isinstance(host, tuple) or isinstance(ca, tuple) or not parsed.username or not parsed.database:
            raise UnsafeAddress(
                "A connection profile names one server, one database and one account: "
                "postgresql://ACCOUNT@HOST:PORT/DATABASE?sslrootcert=CA-FILE."
            )
        return cls(
            host=host,
            account=parsed.username,
            database=parsed.database,
            port=parsed.port or DEFAULT_PORT,
            ca_file=Path(ca) if ca else None,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "host": self.host,
            "port": self.port,
            "database": self.database,
            "account": self.account,
            "ca_file": str(self.ca_file) if self.ca_file is not None else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> ConnectionProfile:
        ca = data.get("ca_file")
        port = data.get("port", DEFAULT_PORT)
        if not isinstance(port, int) or isinstance(port, bool):
            raise ValueError("port")
        profile = cls(
            host=str(data["host"]),
            account=str(data["account"]),
            database=str(data.get("database", "caseapp")),
            port=port,
            ca_file=Path(str(ca)) if ca else None,
        )
        profile.to_url()  # the same rule as a typed address
        return profile


# -- kept on this computer -------------------------------------------------------------------


def _profile_path(config_dir: Path | None) -> Path:
    import platformdirs

    base = config_dir if config_dir is not None else platformdirs.user_config_path("caseapp", appauthor=False)
    return Path(base) / PROFILE_NAME


def save_profile(profile: ConnectionProfile, *, config_dir: Path | None = None) -> None:
    profile.to_url()  # never remember an address that would be refused
    path = _profile_path(config_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(path.name + ".new")
    staged.write_text(json.dumps(profile.to_json(), indent=2) + "\n", encoding="utf-8")
    os.replace(staged, path)


def load_profile(*, config_dir: Path | None = None) -> ConnectionProfile | None:
    """The saved profile; None if there is none, or it cannot be read or is no longer safe."""
    try:
        data = json.loads(_profile_path(config_dir).read_text(encoding="utf-8"))
        return ConnectionProfile.from_json(data)
    except (OSError, ValueError, KeyError, TypeError, UnsafeAddress):
        return None


def forget_profile(*, config_dir: Path | None = None) -> None:
    _profile_path(config_dir).unlink(missing_ok=True)
