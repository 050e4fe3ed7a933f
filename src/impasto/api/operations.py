"""The documented operations at a request's path, read from the app's own OpenAPI document.

The document is the contract clients are generated from, so the checks that hold requests to it (the JSON
types of a body, the ``Allow`` header of a 405) read it rather than the router's internals. Path templates
are matched in document order, which is the order of the routes, so the operation found for a method is
the one the router runs.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI

Schema = dict[str, Any]
METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    item: Schema  # the OpenAPI path item: operations by method


class OperationIndex:
    """Path templates of an OpenAPI document, compiled once."""

    def __init__(self, document: Schema) -> None:
        self.components: dict[str, Schema] = document.get("components", {}).get("schemas", {})
        self._templates = [
            _Template(_compile(template), item) for template, item in document.get("paths", {}).items()
        ]

    def methods(self, path: str) -> set[str]:
        """The methods of the first template matching ``path``, upper case (``HEAD`` wherever ``GET`` is).

        The first, as routing prefers it: ``/images/delete`` is the ``POST`` route, not an image named
        ``delete``, even though ``DELETE /images/{image_name}`` would take that name (and refuse it).
        """
        for template in self._templates:
            if template.pattern.fullmatch(path):
                found = {method.upper() for method in template.item if method in METHODS}
                return found | {"HEAD"} if "GET" in found else found
        return set()

    def operation(self, method: str, path: str) -> Schema | None:
        """The operation the router runs for ``method`` at ``path``, if one is documented."""
        for template in self._templates:
            if template.pattern.fullmatch(path) and method.lower() in template.item:
                operation: Schema = template.item[method.lower()]
                return operation
        return None


_INDEXES: weakref.WeakKeyDictionary[FastAPI, OperationIndex] = weakref.WeakKeyDictionary()


def operation_index(app: FastAPI) -> OperationIndex:
    """The index of ``app``'s OpenAPI document (built on first use; the document does not change)."""
    index = _INDEXES.get(app)
    if index is None:
        index = _INDEXES[app] = OperationIndex(app.openapi())
    return index


def _compile(template: str) -> re.Pattern[str]:
    """``/boards/{board_id}`` → a pattern where each parameter is one non-empty path segment."""
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts))
