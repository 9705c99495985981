"""Who answered, without knowing who: a keyed hash that changes every day (no Flask here).

A visitor is told apart by the question, their address cut to its network
(/24 for IPv4, /48 for IPv6) and their browser's User-Agent, hashed under the
day's salt. The address and the User-Agent are never stored, and once the
salt is discarded the next day, no hash can be traced back to them.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

IPV4_PREFIX = 24
IPV6_PREFIX = 48


def network(address: str) -> str:
    """Return the network an address belongs to: its /24 (IPv4) or /48 (IPv6).

    Something that is no address (a test client, a Unix socket) stands for itself.
    """
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped:
        parsed = parsed.ipv4_mapped
    prefix = IPV4_PREFIX if parsed.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False))


def voter(question: str, address: str, user_agent: str, salt: bytes) -> str:
    """Return the visitor's key for one question on the salt's day: HMAC-SHA256, hex."""
    message = "\n".join((question, network(address), user_agent)).encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()
