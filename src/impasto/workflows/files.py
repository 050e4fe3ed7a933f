"""Reading a workflow file: an exported document, told apart from files of other kinds and versions.

A file is checked field by field and every problem is reported with where it is (``graph.nodes.a``,
``form.elements.root.children``), so a hand-edited file can be fixed in one go. Files of other programs
(but InvokeAI's, which :mod:`impasto.workflows.invokeai` reads) and of later versions of this format are
named as such instead of failing on their first unknown key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from impasto.errors import InvalidInputError
from impasto.workflows.document import FORMAT, SCHEMA_VERSION, WorkflowDocument


class InvalidWorkflowFileError(InvalidInputError):
    """A file is not a workflow this Impasto reads; ``details`` lists each problem (``loc``, ``message``)."""

    code = "invalid_workflow_file"


def read_workflow_file(data: Mapping[str, Any]) -> WorkflowDocument:
    """The document of a workflow file; raises :class:`InvalidWorkflowFileError` naming every bad field."""
    kind = data.get("format")
    if kind != FORMAT:
        message = f"format: {_not_ours(data, kind)}"
        raise InvalidWorkflowFileError(message, [{"loc": ["format"], "message": message}])
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        message = (
            f"schema_version: this Impasto reads workflow files of version {SCHEMA_VERSION}, not {version!r}"
            + (" (a later Impasto wrote it; update Impasto to open it)" if isinstance(version, str) else "")
        )
        raise InvalidWorkflowFileError(message, [{"loc": ["schema_version"], "message": message}])
    try:
        return WorkflowDocument.model_validate(dict(data))
    except ValidationError as exc:
        problems = [
            {"loc": list(error["loc"]), "message": error["msg"], "type": error["type"]}
            for error in exc.errors()
        ]
        first = problems[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidWorkflowFileError(f"{where}: {first['message']}{more}", problems) from exc


def _not_ours(data: Mapping[str, Any], kind: object) -> str:
    """Why a file without our format tag is refused, naming the program it seems to come from."""
    if isinstance(data.get("nodes"), list) and "links" in data:
        return "this is a ComfyUI workflow; Impasto imports its own workflow files ('impasto.workflow')"
    if kind is None:
        return f'missing; a workflow file says "format": "{FORMAT}"'
    return f'{kind!r} is not a workflow file; a workflow file says "format": "{FORMAT}"'
