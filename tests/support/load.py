"""Load on a running site: `Hammer` asks for pages without pause and records every answer."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request


def status(url: str) -> int:
    """Return the status a URL answers with, an error status included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Hammer(threading.Thread):
    """Request pages without pause until stopped; record every status."""

    def __init__(self, urls):
        super().__init__(daemon=True)
        self.urls, self.statuses, self.running = urls, [], True

    def run(self):
        while self.running:
            for url in self.urls:
                try:
                    self.statuses.append(status(url))
                except OSError as error:  # a refused or dropped connection
                    self.statuses.append(repr(error))

    def stop(self):
        """Stop asking; return every status recorded."""
        self.running = False
        self.join(timeout=30)
        return self.statuses
