"""One ASGI middleware in front of every route and the WebSocket: nothing reaches the app unchecked.

In order: the ``Host`` must name this studio (421 otherwise: DNS rebinding), a changing request or a
WebSocket from a browser must come from the studio's own origin or a listed one (403: cross-site
requests), the access token when one is needed (401), and a body within its limit (413). Because it wraps
the whole app, a route added later is born behind the same checks.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from impasto.api.errors import error_response as error
from impasto.api.security.auth import (
    LOGIN_PAGE_CSP,
    LOGIN_PATH,
    LOGOUT_PATH,
    TokenAuth,
    login_page,
    safe_next,
    without_token,
)
from impasto.api.security.hosts import HostPolicy
from impasto.api.security.limits import BodyLimits, BodyTooLarge, counting_receive, declared_too_large

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CROSS_SITE = frozenset({"cross-site", "same-site"})
MAX_LOGIN_BODY = 8192
TOKEN_HINT = (
    "send `Authorization: Bearer TOKEN`, or open the link `impasto serve` printed (it ends in ?token=...) "
    "in the browser; the token is the `auth_token` setting, IMPASTO_TOKEN, or the one printed at start"
)


class SecurityMiddleware:
    """Host, Origin, token and body-size checks for HTTP requests and WebSocket upgrades."""

    def __init__(self, app: ASGIApp, hosts: HostPolicy, auth: TokenAuth | None, limits: BodyLimits) -> None:
        self.app = app
        self.hosts = hosts
        self.auth = auth
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    # -- HTTP ------------------------------------------------------------------------------------
    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        refusal = self._refusal(request, changes=request.method not in SAFE_METHODS)
        if refusal is None and self.auth is not None:
            refusal = await self._authenticate(request)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        limit = self.limits.for_request(request.headers)
        if declared_too_large(request.headers, limit):
            await error(413, "request_too_large", limit.message())(scope, receive, send)
            return
        await self._guarded(scope, counting_receive(receive, limit), send)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; a body limit hit where the app did not answer it still becomes a 413."""
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await error(413, "request_too_large", exc.limit.message())(scope, receive, send)

    def _refusal(self, request: HTTPConnection, changes: bool) -> Response | None:
        """A 421 for a foreign Host, a 403 for a change (or WebSocket) from a foreign origin."""
        host = request.headers.get("host")
        if not self.hosts.host_allowed(host):
            return error(
                421,
                "host_not_allowed",
                f"this studio does not answer to the host {host or '(none)'!r}: open it by its address, "
                "or add the name to the `allowed_hosts` setting",
            )
        if not changes:
            return None
        origin = request.headers.get("origin")
        if origin is None:
            site = request.headers.get("sec-fetch-site", "").lower()
            if site in CROSS_SITE:
                return error(403, "origin_not_allowed", f"{site} requests may not change anything here")
            return None
        if not self.hosts.origin_allowed(origin, host, request.url.scheme):
            return error(
                403,
                "origin_not_allowed",
                f"requests from the origin {origin!r} may not change anything here: only the studio's own "
                "pages may; add the origin to the `allowed_origins` setting to allow it",
            )
        return None

    async def _authenticate(self, request: Request) -> Response | None:
        """None when the request may go on; else the answer (sign-in page, redirect or 401)."""
        assert self.auth is not None
        path = request.url.path
        if path == LOGIN_PATH:
            return await self._login(request)
        if path == LOGOUT_PATH and request.method == "POST":
            response = RedirectResponse(LOGIN_PATH, status_code=303)
            response.headers["set-cookie"] = self.auth.clear_cookie_header()
            return response
        if "token" in request.query_params:
            return self._trade_token(request)
        if self.auth.credentials_valid(request.headers, request.cookies):
            return None
        return self._unauthorized(request)

    def _trade_token(self, request: Request) -> Response | None:
        """``?token=``: a browser gets the cookie and the same URL without the token; others go on."""
        assert self.auth is not None
        wait = self._wait(request)
        if wait is not None:
            return wait
        if not self.auth.matches(request.query_params["token"]):
            self.auth.limiter.failed(_client(request))
            return self._unauthorized(request, "the token in the link is not this studio's token")
        if request.method == "GET" and not _is_api(request.url.path):
            response = RedirectResponse(
                without_token(request.url.path, request.query_params), status_code=303
            )
            response.headers["set-cookie"] = self.auth.set_cookie_header(request.url.scheme == "https")
            return response
        return None

    async def _login(self, request: Request) -> Response:
        """GET: the sign-in page; POST: check the token from its form and set the cookie."""
        assert self.auth is not None
        if request.method != "POST":
            return _page(safe_next(request.query_params.get("next")))
        wait = self._wait(request)
        if wait is not None:
            return wait
        form = parse_qs((await _small_body(request)).decode("utf-8", "replace"))
        next_path = safe_next((form.get("next") or ["/"])[0])
        if not self.auth.matches((form.get("token") or [""])[0]):
            self.auth.limiter.failed(_client(request))
            return _page(next_path, "That is not this studio's access token.", status=401)
        response = RedirectResponse(next_path, status_code=303)
        response.headers["set-cookie"] = self.auth.set_cookie_header(request.url.scheme == "https")
        return response

    def _wait(self, request: HTTPConnection) -> Response | None:
        assert self.auth is not None
        retry = self.auth.limiter.retry_after(_client(request))
        if not retry:
            return None
        return error(
            429,
            "too_many_attempts",
            f"too many wrong tokens from this address; try again in {retry} s",
            headers={"Retry-After": str(retry)},
        )

    def _unauthorized(self, request: Request, reason: str | None = None) -> Response:
        accepts_html = "text/html" in request.headers.get("accept", "")
        if request.method == "GET" and accepts_html and not _is_api(request.url.path):
            return _page(without_token(request.url.path, request.query_params), reason, status=401)
        message = (
            f"{reason}; {TOKEN_HINT}" if reason else f"this studio asks for its access token: {TOKEN_HINT}"
        )
        return error(401, "unauthorized", message, headers={"WWW-Authenticate": 'Bearer realm="impasto"'})

    # -- WebSocket -------------------------------------------------------------------------------
    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = HTTPConnection(scope)
        refusal = self._refusal(request, changes=True)
        if refusal is None and self.auth is not None:
            refusal = self._wait(request) or self._websocket_auth(request)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        await _deny(scope, receive, send, refusal)

    def _websocket_auth(self, request: HTTPConnection) -> Response | None:
        """The cookie, a bearer header or ``?token=`` (browsers cannot set headers on a WebSocket)."""
        assert self.auth is not None
        token = request.query_params.get("token")
        if token is None and self.auth.credentials_valid(request.headers, request.cookies):
            return None
        if token is not None and self.auth.matches(token):
            return None
        if token is not None:
            self.auth.limiter.failed(_client(request))
        return error(401, "unauthorized", f"the event stream needs the access token: {TOKEN_HINT}")


async def _deny(scope: Scope, receive: Receive, send: Send, response: Response) -> None:
    """Refuse a WebSocket upgrade with an HTTP answer where the server can send one, else a close."""
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    if "websocket.http.response" in scope.get("extensions", {}):
        await response(scope, receive, send)
    else:
        await send({"type": "websocket.close", "code": 1008, "reason": f"refused ({response.status_code})"})


def _page(next_path: str, reason: str | None = None, status: int = 200) -> HTMLResponse:
    headers = {"Content-Security-Policy": LOGIN_PAGE_CSP, "Cache-Control": "no-store"}
    return HTMLResponse(login_page(next_path, reason), status_code=status, headers=headers)


async def _small_body(request: Request) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_LOGIN_BODY:
            break
    return body[:MAX_LOGIN_BODY]


def _client(request: HTTPConnection) -> str:
    return request.client.host if request.client else "unknown"


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith(("/api/", "/openapi.json", "/docs", "/redoc"))
