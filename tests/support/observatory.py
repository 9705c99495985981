"""The MDN HTTP Observatory's score of a response, from its headers and body.

The tests and modifiers follow the Observatory's published scoring table,
https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring
(its code: github.com/mdn/mdn-http-observatory, src/grader/charts.js and
src/analyzer/tests/*.js). Every response starts at 100; penalties are taken
off; bonuses are added only if the result is 90 or more; 100 and above is A+.

Only the tests a response's headers can decide are here: CSP, cookies, CORS,
Referrer-Policy, HSTS, Subresource Integrity, X-Content-Type-Options,
X-Frame-Options and Cross-Origin-Resource-Policy. Redirection (from http to
https on the same host) needs a TLS front end and is left to the proxy.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
SIX_MONTHS = 15_552_000  # the Observatory's own, slightly lenient, six months
DANGEROUSLY_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*"}
DANGEROUSLY_BROAD |= {"https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")

# (test, result): modifier, as the scoring table gives them.
MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "cookies-not-found": 0,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-without-secure-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "cross-origin-resource-policy-implemented-with-same-origin": 10,
    "cross-origin-resource-policy-implemented-with-same-site": 10,
    "cross-origin-resource-policy-implemented-with-cross-origin": 0,
    "cross-origin-resource-policy-not-implemented": 0,
    "cross-origin-resource-policy-header-invalid": -5,
}


class Response:
    """What the scoring reads of one response: its URL, headers (lists by lower name), body."""

    def __init__(self, url: str, headers, body: bytes = b""):
        self.url = url
        self.headers: dict[str, list[str]] = {}
        for name, value in headers:
            self.headers.setdefault(name.lower(), []).append(value)
        self.body = body

    def first(self, name: str) -> str | None:
        """Return the first value of a header, or None."""
        values = self.headers.get(name)
        return values[0] if values else None

    @property
    def https(self) -> bool:
        """Tell whether the response came over https."""
        return urlsplit(self.url).scheme == "https"


def parse_csp(values: list[str]) -> dict[str, set[str]]:
    """Return each directive's sources; raise ValueError if the policy cannot be parsed."""
    policy: dict[str, set[str]] = {}
    for value in ",".join(values).split(","):
        for directive in value.split(";"):
            words = directive.strip().split()
            if not words:
                continue
            name = words[0].lower()
            if not all(c.isalnum() or c == "-" for c in name):
                raise ValueError(f"not a directive: {name!r}")
            sources = {_keyword(word) for word in words[1:]}
            policy.setdefault(name, sources or {"'none'"})
    if not policy:
        raise ValueError("an empty policy")
    return policy


def _keyword(source: str) -> str:
    """Return a source with its keyword lowercased; hashes and nonces keep their case."""
    if source.startswith("'") and not source.lower().startswith(NONCES_HASHES):
        return source.lower()
    return source


def csp_result(response: Response) -> tuple[str, dict[str, set[str]]]:
    """Return the result of the Content Security Policy test, and the policy."""
    values = response.headers.get("content-security-policy")
    if not values:
        return "csp-not-implemented", {}
    try:
        csp = parse_csp(values)
    except ValueError:
        return "csp-header-invalid", {}
    fallback = csp.get("default-src", {"*"})
    script = set(csp.get("script-src", fallback))
    style = set(csp.get("style-src", fallback))
    objects = csp.get("object-src", fallback)
    for sources in (script, style):
        if any(s.startswith(NONCES_HASHES) for s in sources):
            sources.discard("'unsafe-inline'")
    active = [
        s for d, v in csp.items() if d not in ("img-src", "media-src", "script-src") for s in v
    ]
    active += script
    passive = [s for d in ("img-src", "media-src") for s in csp.get(d, csp.get("default-src", ()))]
    insecure = ("http:", "ftp:")
    if script & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or objects & DANGEROUSLY_BROAD:
        return "csp-implemented-with-unsafe-inline", csp
    if response.https and any(s.startswith(insecure) for s in active):
        return "csp-implemented-with-insecure-scheme", csp
    if "'unsafe-eval'" in script | style:
        return "csp-implemented-with-unsafe-eval", csp
    if response.https and any(s.startswith(insecure) for s in passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only", csp
    if style & (DANGEROUSLY_BROAD | UNSAFE_INLINE):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", csp
    # The table's description asks form-action to be 'none' or 'self' as well.
    form_action = csp.get("form-action", {"*"})
    if csp.get("default-src") == {"'none'"} and form_action <= {"'none'", "'self'"}:
        return "csp-implemented-with-no-unsafe-default-src-none", csp
    return "csp-implemented-with-no-unsafe", csp


def cookies_result(response: Response) -> str:
    """Return the result of the Cookies test (the site sets none; any cookie is judged)."""
    cookies = response.headers.get("set-cookie", [])
    if not cookies:
        return "cookies-not-found"
    for cookie in cookies:
        attributes = {p.strip().split("=")[0].lower() for p in cookie.split(";")[1:]}
        name = cookie.split("=")[0].lower()
        if "secure" not in attributes:
            return "cookies-without-secure-flag"
        if any(word in name for word in ("login", "sess")) and "httponly" not in attributes:
            return "cookies-session-without-httponly-flag"
    return "cookies-secure-with-httponly-sessions"


def cors_result(response: Response, origin: str) -> str:
    """Return the result of the CORS test for a response to a request from another origin."""
    allowed = response.first("access-control-allow-origin")
    if not allowed:
        return "cross-origin-resource-sharing-not-implemented"
    if allowed.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    credentials = (response.first("access-control-allow-credentials") or "").strip().lower()
    if allowed == origin and credentials == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def referrer_result(response: Response) -> str:
    """Return the result of the Referrer Policy test."""
    good = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    bad = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
    values = response.headers.get("referrer-policy")
    if not values:
        return "referrer-policy-not-implemented"
    known = [v.strip().lower() for v in ",".join(values).split(",")]
    known = [v for v in known if v in good | bad]
    if known and known[-1] in good:
        return "referrer-policy-private"
    return "referrer-policy-unsafe" if known else "referrer-policy-header-invalid"


def hsts_result(response: Response) -> str:
    """Return the result of the HSTS test; over http it is always the penalty."""
    header = response.first("strict-transport-security")
    if not response.https or not header:
        return "hsts-not-implemented"
    if "," in header:
        return "hsts-header-invalid"
    ages = [p.strip()[8:] for p in header.lower().split(";") if p.strip().startswith("max-age=")]
    if not ages or not ages[0].isdigit():
        return "hsts-header-invalid"
    if int(ages[0]) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def sri_result(response: Response) -> str:
    """Return the result of the Subresource Integrity test."""
    content_type = (response.first("content-type") or "").split(";")[0].strip()
    if content_type and content_type not in ("text/html", "application/xhtml+xml"):
        return "sri-not-implemented-response-not-html"
    parser = _Scripts()
    parser.feed(response.body.decode("utf-8", "replace"))
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    host = urlsplit(response.url).hostname
    results = []
    for script in parser.scripts:
        src = script.get("src")
        if not src:
            continue
        where = urlsplit(src)
        foreign = src.startswith("//") or (bool(where.scheme) and where.hostname != host)
        secure = where.scheme == "https" or (not where.scheme and response.https)
        if not foreign:
            if script.get("integrity") and secure:
                results.append("sri-implemented-and-all-scripts-loaded-securely")
        elif not script.get("integrity"):
            results.append(
                "sri-not-implemented-but-external-scripts-loaded-securely"
                if secure
                else "sri-not-implemented-and-external-scripts-not-loaded-securely"
            )
    if results:
        return min(results, key=MODIFIERS.__getitem__)
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def xcto_result(response: Response) -> str:
    """Return the result of the X-Content-Type-Options test."""
    header = response.first("x-content-type-options")
    if header is None:
        return "x-content-type-options-not-implemented"
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def xfo_result(response: Response, csp: dict[str, set[str]]) -> str:
    """Return the result of the X-Frame-Options test; CSP frame-ancestors passes it."""
    if "frame-ancestors" in csp:
        return "x-frame-options-implemented-via-csp"
    header = (response.first("x-frame-options") or "").strip().lower()
    if not header:
        return "x-frame-options-not-implemented"
    if header in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny"
    if header.startswith("allow-from"):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def corp_result(response: Response) -> str:
    """Return the result of the Cross-Origin-Resource-Policy test."""
    header = response.first("cross-origin-resource-policy")
    if header is None:
        return "cross-origin-resource-policy-not-implemented"
    value = header.strip().lower()
    if value in ("same-origin", "same-site", "cross-origin"):
        return f"cross-origin-resource-policy-implemented-with-{value}"
    return "cross-origin-resource-policy-header-invalid"


def results(response: Response, cors: Response, origin: str) -> dict[str, str]:
    """Return the result of each header-based test, by test name."""
    csp, policy = csp_result(response)
    return {
        "content-security-policy": csp,
        "cookies": cookies_result(response),
        "cross-origin-resource-sharing": cors_result(cors, origin),
        "referrer-policy": referrer_result(response),
        "strict-transport-security": hsts_result(response),
        "subresource-integrity": sri_result(response),
        "x-content-type-options": xcto_result(response),
        "x-frame-options": xfo_result(response, policy),
        "cross-origin-resource-policy": corp_result(response),
    }


def score(found: dict[str, str]) -> int:
    """Return the score of a set of results: penalties first, then bonuses from 90 up."""
    modifiers = [MODIFIERS[result] for result in found.values()]
    total = 100 + sum(m for m in modifiers if m < 0)
    if total >= MINIMUM_SCORE_FOR_EXTRA_CREDIT:
        total += sum(m for m in modifiers if m > 0)
    return max(total, 0)


def grade(total: int) -> str:
    """Return the letter grade of a score."""
    chart = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-")]
    chart += [(60, "C+"), (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-")]
    return next((letter for floor, letter in chart if total >= floor), "F")
