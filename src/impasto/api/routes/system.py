"""Health, version, configuration and the root page shown while the web UI is not built."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from impasto import __version__
from impasto.api.deps import ServicesDep

router = APIRouter(prefix="/api/v1", tags=["system"])
root_router = APIRouter(include_in_schema=False)


class Health(BaseModel):
    """Liveness of the server."""

    status: str = Field(description="'ok' when the server answers.")
    version: str = Field(description="Impasto's version.")


@router.get("/health", response_model=Health, summary="Is the server up?")
def health() -> Health:
    return Health(status="ok", version=__version__)


@router.get("/config", summary="The effective configuration")
def config(services: ServicesDep) -> dict[str, Any]:
    return services.config.public_dict()


ROOT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Impasto</title>
<style>body{{font-family:system-ui,sans-serif;background:#16181d;color:#e6e6e6;
max-width:40rem;margin:4rem auto}}
a{{color:#8ab4f8}}</style></head>
<body><h1>Impasto {version}</h1>
<p>The studio server is running, but the web interface is not built. In the source tree,
<code>make run</code> builds it (it needs Node.js 20 or later) and starts the server; <code>make web</code>
only builds it. Meanwhile the HTTP API is here:</p>
<ul><li><a href="/docs">API documentation</a></li><li><a href="/api/v1/health">Health</a></li>
<li><a href="/api/v1/nodes">Node types</a></li><li><a href="/api/v1/queue/status">Queue status</a></li></ul>
</body></html>"""


@root_router.get("/", response_class=HTMLResponse)
def root_page() -> str:
    return ROOT_PAGE.format(version=__version__)
