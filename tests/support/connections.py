"""Read the kernel's table of TCP connections: what a server holds, and what it has read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ESTABLISHED, LISTEN = "01", "0A"


@dataclass(frozen=True)
class Connection:
    """One TCP socket whose local end is a given port."""

    state: str  # the kernel's code: ESTABLISHED, LISTEN, ...
    unread: int  # bytes received that its process has not read yet
    inode: str  # as /proc/PID/fd links name it: socket:[INODE]


def connections(port: int) -> list[Connection]:
    """Return the sockets, listening ones left out, whose local end is a port (IPv4 and IPv6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] != LISTEN:
                unread = int(fields[4].split(":")[1], 16)
                found.append(Connection(fields[3], unread, f"socket:[{fields[9]}]"))
    return found
