"""Safe by default: the checks every request and WebSocket passes (see the README's "Security")."""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.cors import CORSMiddleware

from impasto.api.errors import error_response
from impasto.api.security.auth import TokenAuth, server_token
from impasto.api.security.hosts import WILDCARD_BINDS, HostPolicy, is_loopback_bind
from impasto.api.security.limits import BodyLimits, BodyTooLarge
from impasto.api.security.middleware import SecurityMiddleware
from impasto.config import ImpastoConfig

__all__ = ["WILDCARD_BINDS", "install_security", "is_loopback_bind", "server_token"]

REFUSALS: dict[int, str] = {
    401: "The access token is missing or wrong (only when the studio asks for one)",
    403: "A change or WebSocket from a foreign web origin",
    413: "The request body is over its limit",
    421: "The Host header does not name this studio",
}
"""Answers of the middleware that any operation may give, added to the OpenAPI document."""


def install_security(app: FastAPI, config: ImpastoConfig, access_token: str | None) -> None:
    """Put the checks in front of ``app``; ``access_token`` None means the server asks for none."""
    hosts = HostPolicy.build(config.host, config.allowed_hosts, config.allowed_origins)
    auth = TokenAuth(access_token, config.port) if access_token else None
    app.add_middleware(SecurityMiddleware, hosts=hosts, auth=auth, limits=BodyLimits.from_config(config))
    if config.allowed_origins:  # outermost, so that preflight requests are answered before the checks
        app.add_middleware(
            CORSMiddleware,
            allow_origins=config.allowed_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )

    async def too_large(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BodyTooLarge)
        return error_response(413, "request_too_large", exc.limit.message())

    app.add_exception_handler(BodyTooLarge, too_large)


def effective_token(config: ImpastoConfig, given: str | None) -> str | None:
    """The token an app asks for: the one given, else the configured one (a random one if needed)."""
    token, _ = server_token(config, os.environ)
    if token is None:
        return None
    return given or token


def document_refusals(schema: dict[str, Any]) -> None:
    """Declare the middleware's answers on every operation of an OpenAPI document."""
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            changes = method.upper() not in ("GET", "HEAD", "OPTIONS")
            for status, description in REFUSALS.items():
                if status == 403 and not changes:
                    continue
                operation["responses"].setdefault(
                    str(status),
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
                        },
                    },
                )
