"""One entry point for recall: an image's text chunks in, :class:`RecallParameters` out, never an exception.

Formats are tried from the most to the least precise: Impasto's own ``impasto_metadata``, InvokeAI's
``invokeai_metadata`` (or the metadata node of its ``invokeai_graph`` / ``invokeai_workflow``), the
AUTOMATIC1111 ``parameters`` infotext, then ComfyUI's ``prompt`` graph and, last, its ``workflow``. The
first format present is used; a value that fails to read or validate is dropped and named in ``unread``,
so a partly broken chunk still gives everything else.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from impasto.images.metadata import a1111, comfy_workflow, comfyui, invokeai
from impasto.images.metadata.models import RecallParameters

logger = logging.getLogger(__name__)

IMPASTO_METADATA = "impasto_metadata"
IMPASTO_GRAPH = "impasto_graph"
IMPASTO_WORKFLOW = "impasto_workflow"
A1111_PARAMETERS = "parameters"

Reader = Callable[[Mapping[str, str]], tuple[dict[str, Any], list[str]] | None]


def parse_recall(chunks: Mapping[str, str]) -> RecallParameters:
    """Normalized parameters from whichever known metadata the chunks hold (empty when none)."""
    for name, reader in _READERS:
        try:
            found = reader(chunks)
        except Exception as exc:  # a reader must never take the caller down with odd input
            logger.debug("reading %s metadata failed", name, exc_info=True)
            return RecallParameters(unread=[f"{name}: could not be read ({type(exc).__name__})"])
        if found is not None:
            fields, unread = found
            return _build(fields, unread)
    return RecallParameters()


def _json(chunks: Mapping[str, str], key: str) -> tuple[Any, list[str]] | None:
    text = chunks.get(key)
    if text is None:
        return None
    try:
        return json.loads(text), []
    except (ValueError, RecursionError):
        return None, [f"{key}: not valid JSON"]


def _impasto(chunks: Mapping[str, str]) -> tuple[dict[str, Any], list[str]] | None:
    found = _json(chunks, IMPASTO_METADATA)
    if found is None:
        return None
    data, unread = found
    if not isinstance(data, dict):
        return {"source": "impasto"}, unread or [f"{IMPASTO_METADATA}: not a JSON object"]
    fields = {key: value for key, value in data.items() if key not in ("app_version",)}
    fields["source"] = "impasto"
    if isinstance(data.get("app_version"), str):
        fields["app"] = f"Impasto {data['app_version']}"
    return fields, unread


def _invokeai(chunks: Mapping[str, str]) -> tuple[dict[str, Any], list[str]] | None:
    found = _json(chunks, "invokeai_metadata")
    if found is not None and isinstance(found[0], dict):
        return invokeai.read_metadata(found[0])
    for key in ("invokeai_graph", "invokeai_workflow"):
        graph = _json(chunks, key)
        core = invokeai.metadata_from_graph(graph[0]) if graph else None
        if core is not None:
            return invokeai.read_metadata(core)
    if found is not None or any(key in chunks for key in ("invokeai_graph", "invokeai_workflow")):
        return {"source": "invokeai"}, [*(found[1] if found else []), "invokeai: no readable metadata"]
    return None


def _a1111(chunks: Mapping[str, str]) -> tuple[dict[str, Any], list[str]] | None:
    text = chunks.get(A1111_PARAMETERS)
    if text is None or not text.strip():
        return None
    return a1111.parse_infotext(text)


def _comfy_prompt(chunks: Mapping[str, str]) -> tuple[dict[str, Any], list[str]] | None:
    found = _json(chunks, "prompt")
    if found is None:
        return None
    graph, unread = found
    fields, more = comfyui.read_prompt(graph)
    return fields or {"source": "comfyui"}, unread + more


def _comfy_workflow(chunks: Mapping[str, str]) -> tuple[dict[str, Any], list[str]] | None:
    found = _json(chunks, "workflow")
    if found is None:
        return None
    workflow, unread = found
    fields, more = comfyui.read_prompt(comfy_workflow.workflow_to_prompt(workflow))
    return fields or {"source": "comfyui"}, unread + more


_READERS: tuple[tuple[str, Reader], ...] = (
    (IMPASTO_METADATA, _impasto),
    ("invokeai_metadata", _invokeai),
    (A1111_PARAMETERS, _a1111),
    ("prompt", _comfy_prompt),
    ("workflow", _comfy_workflow),
)


def _build(fields: dict[str, Any], unread: list[str]) -> RecallParameters:
    """Validate the fields, dropping (and naming) each one whose value does not fit."""
    fields = {key: value for key, value in fields.items() if value is not None}
    notes = list(unread)
    for _ in range(len(fields) + 1):
        try:
            recall = RecallParameters.model_validate({**fields, "unread": notes})
        except ValidationError as exc:
            bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
            bad &= set(fields)
            if not bad:
                break
            for key in sorted(bad):
                notes.append(f"{key}: unreadable value {_short(fields.pop(key))}")
            continue
        return recall
    return RecallParameters(unread=[*notes, "metadata: could not be read"])


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
