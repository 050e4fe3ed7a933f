"""The access token: who may use a studio that listens beyond loopback.

Clients prove they hold the token in one of three ways: ``Authorization: Bearer TOKEN`` (scripts, the CLI),
``?token=TOKEN`` once in a browser URL (traded for a cookie, then redirected to the URL without it), or the
cookie itself. The cookie holds an HMAC of the token, not the token, so it names no secret and stops
working when the token changes. Wrong tokens are counted per client address, so a weak token chosen by
hand cannot be guessed quickly.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from starlette.datastructures import Headers, QueryParams

from impasto.api.security.hosts import is_loopback_bind
from impasto.config import ImpastoConfig

TOKEN_ENV = "IMPASTO_TOKEN"
COOKIE_MAX_AGE_S = 30 * 24 * 3600
LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
MAX_FAILURES = 10
FAILURE_WINDOW_S = 60.0


def server_token(config: ImpastoConfig, environ: Mapping[str, str]) -> tuple[str | None, bool]:
    """The token this server asks for (None: none is needed) and whether it was made up just now."""
    if config.auth == "none" or (config.auth == "auto" and is_loopback_bind(config.host)):
        return None, False
    configured = config.auth_token.get_secret_value() if config.auth_token else environ.get(TOKEN_ENV, "")
    if configured.strip():
        return configured.strip(), False
    return secrets.token_urlsafe(32), True


@dataclass
class FailureLimiter:
    """Counts wrong tokens per client address; too many in a minute and that client waits."""

    limit: int = MAX_FAILURES
    window_s: float = FAILURE_WINDOW_S
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again (0: now)."""
        with self._lock:
            recent = self._recent(client)
            if len(recent) < self.limit:
                return 0
            return max(1, int(recent[0] + self.window_s - time.monotonic()) + 1)

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures[client] = [*self._recent(client), time.monotonic()]

    def _recent(self, client: str) -> list[float]:
        """The client's failures inside the window (clients without any are forgotten)."""
        cutoff = time.monotonic() - self.window_s
        kept = [at for at in self._failures.pop(client, []) if at > cutoff]
        if kept:
            self._failures[client] = kept
        return kept


@dataclass(frozen=True)
class TokenAuth:
    """Checks requests against one access token."""

    token: str
    port: int
    limiter: FailureLimiter = field(default_factory=FailureLimiter)

    @property
    def cookie_name(self) -> str:
        """Cookies are shared by every port of a host, so each server's has its port in the name."""
        return f"impasto_auth_{self.port}"

    def cookie_value(self) -> str:
        return hmac.new(self.token.encode(), b"impasto browser session", hashlib.sha256).hexdigest()

    def matches(self, candidate: str) -> bool:
        """Whether ``candidate`` is the token (in constant time)."""
        return hmac.compare_digest(
            hashlib.sha256(candidate.strip().encode()).digest(), hashlib.sha256(self.token.encode()).digest()
        )

    def credentials_valid(self, headers: Headers, cookies: Mapping[str, str]) -> bool:
        """Whether the request carries the bearer token or the session cookie."""
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and value and self.matches(value):
            return True
        cookie = cookies.get(self.cookie_name, "")
        return bool(cookie) and hmac.compare_digest(cookie, self.cookie_value())

    def set_cookie_header(self, secure: bool) -> str:
        flags = f"; Max-Age={COOKIE_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Lax" + (
            "; Secure" if secure else ""
        )
        return f"{self.cookie_name}={self.cookie_value()}{flags}"

    def clear_cookie_header(self) -> str:
        return f"{self.cookie_name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"


def without_token(path: str, query: QueryParams) -> str:
    """The URL path and query with ``token`` removed (where a browser goes after trading it)."""
    rest = [(key, value) for key, value in query.multi_items() if key != "token"]
    return path + (f"?{urlencode(rest)}" if rest else "")


def safe_next(value: str | None) -> str:
    """A same-site path to go to after signing in; anything else becomes ``/``."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")) or "\n" in value:
        return "/"
    return value


def login_page(next_path: str, error: str | None = None) -> str:
    """The sign-in page: one field for the token, posted to this server only."""
    notice = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    return _PAGE.format(next=html.escape(next_path, quote=True), notice=notice, action=LOGIN_PATH)


LOGIN_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Impasto: sign in</title>
<style>
body{{font-family:system-ui,sans-serif;background:#16171b;color:#e6e6e6;display:grid;place-items:center;
min-height:100vh;margin:0}}
main{{max-width:30rem;padding:2rem;background:#202228;border-radius:8px}}
input{{width:100%;box-sizing:border-box;padding:.5rem;margin:.5rem 0;font:inherit}}
button{{padding:.5rem 1rem;font:inherit}} code{{background:#2c2f37;padding:0 .25rem}} .error{{color:#ff8080}}
</style></head>
<body><main>
<h1>Impasto</h1>
<p>This studio asks for its access token. Open the link <code>impasto serve</code> printed when it started
(it ends in <code>?token=...</code>), or paste the token (the <code>auth_token</code> setting or
<code>IMPASTO_TOKEN</code>) here.</p>
{notice}
<form method="post" action="{action}">
<input type="hidden" name="next" value="{next}">
<label>Access token <input type="password" name="token" autocomplete="current-password" required autofocus>
</label>
<button type="submit">Sign in</button>
</form>
</main></body></html>
"""
