"""JSON request bodies are held to the types that their published schema names.

Pydantic validates bodies in lax mode, which turns ``true`` into ``1``, ``"5"`` into ``5`` and ``0`` into
``false``: a client following the OpenAPI document never sends these, and a client that does has a bug
that should be reported, not guessed around. So before pydantic sees a JSON body, this check walks it
along the operation's request schema (see :mod:`impasto.api.operations`)
and refuses any value whose JSON type the schema does not allow. An integer may be written ``2.0``, as
JSON Schema allows. Ranges, lengths, patterns and required fields stay pydantic's to check.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.requests import HTTPConnection

from impasto.api.operations import operation_index

Schema = dict[str, Any]
Loc = tuple[str | int, ...]


async def check_json_body(connection: HTTPConnection) -> None:
    """A dependency of every route: raises ``RequestValidationError`` (422) for a mistyped JSON body.

    Runs after the framework parsed the body (a body that is not JSON never gets here) and before it
    validates it. WebSocket connections have no body.
    """
    if not isinstance(connection, Request):
        return
    request = connection
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if not (content_type == "application/json" or content_type.endswith("+json")):
        return
    index = operation_index(request.app)
    operation = index.operation(request.method, request.url.path) or {}
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if schema is None or not await request.body():
        return
    value = await request.json()  # parsed (and cached on the request) by the framework already
    errors = type_errors(value, schema, index.components, ("body",))
    if errors:
        raise RequestValidationError(errors)


def type_errors(value: Any, schema: Schema, components: dict[str, Schema], loc: Loc) -> list[dict[str, Any]]:
    """Every place in ``value`` whose JSON type ``schema`` does not allow, as pydantic-style errors."""
    schema = _resolve(schema, components)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return _union_errors(value, schema[key], components, loc)
    errors = [e for part in schema.get("allOf", []) for e in type_errors(value, part, components, loc)]
    allowed = schema.get("type")
    if allowed is not None:
        allowed = [allowed] if isinstance(allowed, str) else allowed
        if not _json_types(value) & set(allowed):
            return [_error(value, allowed, loc)]
    if isinstance(value, dict):
        errors += _object_errors(value, schema, components, loc)
    elif isinstance(value, list):
        errors += _array_errors(value, schema, components, loc)
    return errors


def _union_errors(
    value: Any, options: list[Schema], components: dict[str, Schema], loc: Loc
) -> list[dict[str, Any]]:
    """Fine when one option fits; else the problems of the first option of the value's type, if any.

    An object option fits only with its required properties present: of two bodies a route takes (say
    Impasto's batch and InvokeAI's), the one whose required keys the value has is the one meant, and its
    mistyped values are reported even though the other option, lacking its keys, has no typed value wrong.
    """
    found = [type_errors(value, option, components, loc) for option in options]
    meant = [_has_required(value, _resolve(option, components)) for option in options]
    if any(not errors and fits for errors, fits in zip(found, meant, strict=True)):
        return []
    chosen = [errors for errors, fits in zip(found, meant, strict=True) if fits and errors]
    if isinstance(value, dict) and chosen and not all(meant):
        return chosen[0]
    if any(not errors for errors in found):
        return []
    typed = [
        errors
        for option, errors in zip(options, found, strict=True)
        if _json_types(value) & set(_declared_types(_resolve(option, components)))
    ]
    if typed:
        return typed[0]
    allowed = sorted({t for option in options for t in _declared_types(_resolve(option, components))})
    return [_error(value, allowed, loc)]


def _has_required(value: Any, schema: Schema) -> bool:
    required: list[str] = schema.get("required", [])
    return not isinstance(value, dict) or all(key in value for key in required)


def _object_errors(
    value: dict[str, Any], schema: Schema, components: dict[str, Schema], loc: Loc
) -> list[dict[str, Any]]:
    properties: dict[str, Schema] = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    errors = []
    for key, item in value.items():
        sub = properties.get(key, extra if isinstance(extra, dict) else None)
        if sub is not None:
            errors += type_errors(item, sub, components, (*loc, key))
    return errors


def _array_errors(
    value: list[Any], schema: Schema, components: dict[str, Schema], loc: Loc
) -> list[dict[str, Any]]:
    prefix: list[Schema] = schema.get("prefixItems", [])
    items = schema.get("items")
    errors = []
    for index, item in enumerate(value):
        sub = prefix[index] if index < len(prefix) else items if isinstance(items, dict) else None
        if sub is not None:
            errors += type_errors(item, sub, components, (*loc, index))
    return errors


def _resolve(schema: Schema, components: dict[str, Schema]) -> Schema:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _declared_types(schema: Schema) -> list[str]:
    allowed = schema.get("type", [])
    return [allowed] if isinstance(allowed, str) else list(allowed)


def _json_types(value: Any) -> set[str]:
    """The JSON Schema types ``value`` belongs to (an integer is a number too; so is ``2.0``)."""
    if value is None:
        return {"null"}
    if isinstance(value, bool):
        return {"boolean"}
    if isinstance(value, int):
        return {"integer", "number"}
    if isinstance(value, float):
        return {"integer", "number"} if value.is_integer() else {"number"}
    if isinstance(value, str):
        return {"string"}
    return {"array"} if isinstance(value, list) else {"object"}


def _error(value: Any, allowed: list[str], loc: Loc) -> dict[str, Any]:
    names = sorted(allowed)
    got = sorted(_json_types(value) - {"number"} or {"number"})[0]
    return {
        "type": "json_type",
        "loc": loc,
        "msg": f"expected {' or '.join(names)}, got {got}",
        "input": value,
    }
