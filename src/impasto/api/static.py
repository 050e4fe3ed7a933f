"""Serves the built web UI at ``/``: hashed assets, build files, and ``index.html`` for every other path.

The UI is built by ``make web`` (``make run`` does it when the build is missing or stale) into ``web/dist``
of the source tree. Paths under ``/api`` never fall back to the UI, so unknown API routes still answer the
usual JSON 404, and ``/docs`` and ``/openapi.json`` are routes of their own that win over the fallback.
Without a build, ``/`` is the short page of :mod:`impasto.api.routes.system` with a hint to build it.

The UI is not shipped inside the wheel: building it needs Node, which a Python package build should not
require. A packaging step may copy a build to ``impasto/web`` (next to this package); it is looked for
first, then the source tree's ``web/dist``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import FastAPI, Response
from fastapi.responses import FileResponse
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Receive, Scope, Send

import impasto
from impasto.api.routes import system

logger = logging.getLogger(__name__)

IMMUTABLE = "public, max-age=31536000, immutable"
"""Vite names assets by content hash, so a file under a name never changes."""

PACKAGE_DIR = Path(impasto.__file__).resolve().parent
CANDIDATES = (PACKAGE_DIR / "web", PACKAGE_DIR.parents[1] / "web" / "dist")


def find_web_dist(candidates: tuple[Path, ...] = CANDIDATES) -> Path | None:
    """The first folder holding a built UI (an ``index.html``), or None."""
    for folder in candidates:
        if (folder / "index.html").is_file():
            return folder
    return None


class _HashedAssets(StaticFiles):
    """Static files served with a year-long immutable cache lifetime."""

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = IMMUTABLE
        return response


def _build_file(dist: Path, path: str) -> Path | None:
    """The file at ``path`` inside the build, if there is one (never outside it)."""
    if not path:
        return None
    candidate = (dist / path).resolve()
    if candidate.is_file() and candidate.is_relative_to(dist):
        return candidate
    return None


def install_web_ui(app: FastAPI, dist: Path | None) -> None:
    """Serves the build in ``dist`` at ``/``; without one, the short root page instead.

    The UI answers only what no route matched (the router's default), so a known path with another
    method still answers 405, and anything but a GET or HEAD outside ``/api`` the usual JSON 404.
    """
    if dist is None:
        logger.info("the web UI is not built (run `make web`); serving the API only")
        app.include_router(system.root_router)
        return
    dist = dist.resolve()
    if (dist / "assets").is_dir():
        app.mount("/assets", _HashedAssets(directory=dist / "assets"), name="web-assets")
    not_found = app.router.default

    async def web_ui(scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", "/")).lstrip("/")
        is_api = path == "api" or path.startswith("api/")
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD") or is_api:
            await not_found(scope, receive, send)
            return
        await _ui_file(dist, path)(scope, receive, send)

    app.router.default = web_ui


def _ui_file(dist: Path, path: str) -> FileResponse:
    """A file of the build, else ``index.html`` (the UI routes on the client), never cached."""
    found = _build_file(dist, path)
    if found is not None:
        return FileResponse(found)
    return FileResponse(dist / "index.html", media_type="text/html", headers={"Cache-Control": "no-cache"})
