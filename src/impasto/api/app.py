"""The FastAPI application factory.

The app receives fully built services (see :mod:`impasto.services`); its lifespan starts the queue worker
and, on shutdown, closes event streams, stops the worker (whose running item goes back to pending) and
the model installer (whose partial downloads are kept for a later resume).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi

from impasto import __version__
from impasto.api.errors import install_error_handlers
from impasto.api.json_types import check_json_body
from impasto.api.routes import (
    boards,
    canvas,
    events,
    generate,
    images,
    metadata,
    models,
    node_packs,
    nodes,
    presets,
    prompts,
    queue,
    system,
    upscale,
    workflows,
)
from impasto.api.security import document_refusals, effective_token, install_security
from impasto.api.static import find_web_dist, install_web_ui
from impasto.events import event_types
from impasto.services import Services

logger = logging.getLogger(__name__)


def create_app(services: Services, *, start_worker: bool = True, access_token: str | None = None) -> FastAPI:
    """The Impasto HTTP API over ``services``, behind the security checks.

    ``access_token`` is the token the server printed; when the configuration asks for a token and none is
    given, the configured one is used, else a random one nobody knows (locked rather than open).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if start_worker:
            services.worker.start()
        yield
        for close in list(app.state.event_stream_closers):
            close(None)
        if start_worker:
            await asyncio.to_thread(services.worker.stop, services.config.shutdown_timeout_s)
        await asyncio.to_thread(services.installer.stop)
        services.db.dispose()  # close pooled connections (the engine reopens if used again)

    app = FastAPI(
        title="Impasto",
        version=__version__,
        description="HTTP API of the Impasto image studio. Events stream on the WebSocket `/api/v1/events`.",
        lifespan=lifespan,
        dependencies=[Depends(check_json_body)],
    )
    app.state.services = services
    app.state.event_stream_closers = set()
    install_error_handlers(app)
    for module in (
        system,
        node_packs,
        nodes,
        queue,
        generate,
        upscale,
        models,
        images,
        boards,
        metadata,
        prompts,
        presets,
        workflows,
        canvas,
        events,
    ):
        app.include_router(module.router)
    install_web_ui(app, find_web_dist())  # the UI answers only what no API route matched
    install_security(app, services.config, effective_token(services.config, access_token))
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated schema plus every event model, so clients can generate event types too."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    names = []
    for cls in event_types().values():
        event_schema = cls.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in event_schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components[cls.__name__] = event_schema
        names.append(cls.__name__)
    document_refusals(schema)
    schema["x-impasto-events"] = {
        "websocket": "/api/v1/events",
        "events": {cls.model_fields["type"].default: cls.__name__ for cls in event_types().values()},
    }
    app.openapi_schema = schema
    return schema
