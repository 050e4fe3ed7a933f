"""One JSON shape for every error: ``{"code", "message", "details"}`` with a fitting HTTP status.

A body the framework cannot read (not UTF-8, broken multipart data) is answered like one that is not JSON:
422 ``invalid_request``, so clients meet one status for every unusable body. A 405 names, in ``Allow``,
every method of the path, as the OpenAPI document lists them.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from impasto.api.operations import operation_index
from impasto.errors import ImpastoError

logger = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """The body of every error response."""

    code: str = Field(description="Stable kind of error, e.g. 'not_found' or 'invalid_graph'.")
    message: str = Field(description="What went wrong, in words.")
    details: Any = Field(None, description="Structured detail, e.g. the list of graph problems.")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"},
    409: {"model": ErrorBody, "description": "Conflicts with the current state"},
    422: {"model": ErrorBody, "description": "Invalid input"},
}
NOT_AN_IMAGE: dict[int | str, dict[str, Any]] = {
    415: {"model": ErrorBody, "description": "The file is not a PNG, JPEG or WebP image"}
}


def _body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return ErrorBody(code=code, message=message, details=details).model_dump(mode="json")


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """An error answer in the one shape, for code that answers outside the exception handlers."""
    return JSONResponse(_body(code, message, details), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ImpastoError)
    async def impasto_error(_request: Request, exc: ImpastoError) -> JSONResponse:
        return JSONResponse(_body(exc.code, exc.message, exc.details), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"loc": [], "message": "invalid request"}
        where = ".".join(str(part) for part in first["loc"])
        message = f"invalid request: {where}: {first['message']}" if where else str(first["message"])
        return JSONResponse(_body("invalid_request", message, errors), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # the framework could not read the body (bad UTF-8, broken multipart)
            message = "invalid request: the body cannot be read as UTF-8 JSON or as form data"
            return JSONResponse(_body("invalid_request", message, {"reason": exc.detail}), status_code=422)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # Starlette names the methods of the first route at the path only
            methods = operation_index(request.app).methods(request.url.path)
            if methods:  # else an undocumented route (/docs): its own header is right
                headers["Allow"] = ", ".join(sorted(methods))
        code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
        return JSONResponse(_body(code, str(exc.detail)), status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error")
        return JSONResponse(_body("internal_error", f"internal error: {type(exc).__name__}"), status_code=500)
