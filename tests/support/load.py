"""Load on a running site: `Hammer` asks for pages without pause, `Voters` answer questions."""

from __future__ import annotations

import http.client
import re
import threading
import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import urlencode, urlsplit


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


def form_token(base: str, exhibit: str) -> str:
    """Return the token of an exhibit's answer form, read from its page (the same for everyone)."""
    with urllib.request.urlopen(base + exhibit, timeout=10) as response:
        html = response.read().decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def post_answer(base: str, exhibit: str, answer: str, token: str, **headers: str):
    """Post an answer to an exhibit's question as a browser would; return the raw response.

    headers add to (or replace) the browser's own, such as X-Forwarded-For or
    User-Agent; redirects are not followed, so an accepted answer is a 303.
    """
    parts = urlsplit(base)
    body = urlencode({"answer": answer, "token": token})
    sent = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("POST", exhibit + "answers/", body, {**sent, **headers})
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


class Voters(threading.Thread):
    """A visitor after another: read a page, then answer a question, each with a new address.

    Visitor n (first, first + step, …) comes from X-Forwarded-For 10.a.b.1, a
    network of its own for a site trusting one proxy, with a User-Agent of its own:
    a new voter each time, never a replaced answer. `accepted` counts the 303s per
    (exhibit, answer); `statuses` holds every status.
    """

    def __init__(self, bases, questions: dict[str, tuple[str, ...]], tokens, first=0, step=1):
        super().__init__(daemon=True)
        self.bases, self.questions, self.tokens = bases, questions, tokens
        self.next, self.step, self.running = first, step, True
        self.accepted: Counter = Counter()
        self.statuses: list = []

    def run(self):
        exhibits = list(self.questions)
        while self.running:
            n = self.next
            self.next += self.step
            base, exhibit = self.bases[n % len(self.bases)], exhibits[n % len(exhibits)]
            chosen = self.questions[exhibit][n // len(exhibits) % len(self.questions[exhibit])]
            try:
                self.statuses.append(status(base + exhibit))
                visitor = {"X-Forwarded-For": f"10.{n // 256 % 256}.{n % 256}.1"}
                visitor["User-Agent"] = f"Visitor {n}"
                response = post_answer(base, exhibit, chosen, self.tokens[exhibit], **visitor)
                self.statuses.append(response.status)
                if response.status == 303:
                    self.accepted[exhibit, chosen] += 1
            except OSError as error:
                self.statuses.append(repr(error))

    def stop(self):
        """Stop answering; return every status recorded."""
        self.running = False
        self.join(timeout=60)
        return self.statuses
