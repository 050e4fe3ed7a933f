"""Which ``Host`` and ``Origin`` headers the studio answers to.

A DNS-rebinding page reaches the server under the attacker's host name (``Host: evil.example``), so only
names that can only mean this machine are served: the loopback names, the address the server is bound to
(for a wildcard bind: every address of this machine and its host name) and what ``allowed_hosts`` adds.
An ``Origin`` is the studio's own when it names the same host and port the request was sent to; other
origins must be listed in ``allowed_origins``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_BINDS = frozenset({"", "0.0.0.0", "::"})
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def is_loopback_bind(host: str) -> bool:
    """Whether a server bound to ``host`` can only be reached from this machine."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def split_host(value: str) -> tuple[str, int | None] | None:
    """``(name, port)`` of a ``Host`` header (lower case, IPv6 without brackets); None if malformed."""
    text = value.strip().lower()
    if not text:
        return None
    try:
        parts = urlsplit(f"//{text}")
        port = parts.port
    except ValueError:
        return None
    name = (parts.hostname or "").rstrip(".")
    if not name or parts.username is not None or parts.path:
        return None
    return name, port


def machine_names(bind: str) -> frozenset[str]:
    """The names a server bound to ``bind`` is reached under, besides the loopback ones."""
    bound = bind.strip().strip("[]").lower()
    if is_loopback_bind(bound):
        return frozenset({bound})
    names = {bound} if bound not in WILDCARD_BINDS else set()
    hostname = socket.gethostname().lower()
    names |= {hostname, hostname.split(".")[0], f"{hostname.split('.')[0]}.local"}
    if bound in WILDCARD_BINDS:
        names |= _interface_addresses()
    return frozenset(name for name in names if name)


def _interface_addresses() -> set[str]:
    """Every IP address of this machine's network interfaces."""
    import psutil  # type: ignore[import-untyped]

    found: set[str] = set()
    try:
        interfaces = psutil.net_if_addrs()
    except OSError:  # pragma: no cover - unusual sandboxes
        logger.warning("could not list this machine's addresses; only configured hosts are allowed")
        return found
    for addresses in interfaces.values():
        for address in addresses:
            if address.family in (socket.AF_INET, socket.AF_INET6):
                found.add(address.address.split("%", 1)[0].lower())
    return found


@dataclass(frozen=True)
class HostPolicy:
    """The allowed ``Host`` names and extra origins of one server."""

    names: frozenset[str]
    suffixes: tuple[str, ...] = ()
    any_host: bool = False
    origins: frozenset[str] = frozenset()

    @classmethod
    def build(cls, bind: str, allowed_hosts: list[str], allowed_origins: list[str]) -> HostPolicy:
        names = set(LOOPBACK_NAMES | machine_names(bind))
        suffixes = []
        for entry in allowed_hosts:
            if entry.startswith("*."):
                suffixes.append(entry[1:])
            elif entry != "*":
                names.add(entry.strip("[]"))
        return cls(frozenset(names), tuple(suffixes), "*" in allowed_hosts, frozenset(allowed_origins))

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request with this ``Host`` header is for this studio."""
        if self.any_host:
            return True
        parsed = split_host(header or "")
        if parsed is None:
            return False
        name = parsed[0]
        return name in self.names or any(name.endswith(suffix) for suffix in self.suffixes)

    def origin_allowed(self, origin: str, host_header: str | None, scheme: str) -> bool:
        """Whether ``origin`` is the studio's own (same host and port as the request) or a listed one."""
        if origin.strip().lower().rstrip("/") in self.origins:
            return True
        try:
            parts = urlsplit(origin.strip())
            origin_port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
        except ValueError:
            return False
        target = split_host(host_header or "")
        if target is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return False
        name, port = target
        if parts.hostname.lower().rstrip(".") != name:
            return False
        if port is not None:
            return origin_port == port
        # No port in Host: the default port of the scheme the client used (a TLS proxy may differ from ours).
        return origin_port in (DEFAULT_PORTS.get(scheme, 80), 443)
