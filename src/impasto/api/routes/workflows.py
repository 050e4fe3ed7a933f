"""The workflow library: list, create, open, change, delete, copy, thumbnails, and export/import as JSON."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import Field

from impasto.api.deps import WorkflowsDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.api.params import Offset
from impasto.workflows import (
    TagCount,
    WorkflowChanges,
    WorkflowDocument,
    WorkflowOrder,
    WorkflowPage,
    WorkflowQuery,
    WorkflowRecord,
    WorkflowSummary,
)
from impasto.workflows.models import Category, DuplicateRequest, ThumbnailRequest

router = APIRouter(prefix="/api/v1/workflows", tags=["workflows"], responses=ERROR_RESPONSES)

WorkflowIdPath = Annotated[str, Path(min_length=1, max_length=64, description="Id of the workflow.")]
MAX_QUERY = 1000


SCALAR_PARAMETERS = ("search", "category", "opened", "order_by", "descending", "offset", "limit")


def single_values(request: Request) -> None:
    """A listing parameter that takes one value, given twice, is refused rather than half read."""
    errors = [
        {"loc": ("query", name), "msg": "given more than once; give it once", "type": "repeated_value"}
        for name in SCALAR_PARAMETERS
        if len(request.query_params.getlist(name)) > 1
    ]
    if errors:
        raise RequestValidationError(errors)


def workflow_query(
    _: Annotated[None, Depends(single_values)],
    search: Annotated[
        str | None, Query(max_length=MAX_QUERY, description="Words found in the name, description or tags.")
    ] = None,
    category: Annotated[Category | None, Query(description="Only default or only user workflows.")] = None,
    tag: Annotated[
        list[Annotated[str, Field(max_length=MAX_QUERY)]] | None,
        Query(max_length=32, description="Only workflows with any of these tags (repeat for several)."),
    ] = None,
    opened: Annotated[
        bool | None, Query(description="Only workflows opened before (true) or never opened (false).")
    ] = None,
    order_by: Annotated[WorkflowOrder, Query(description="What to sort by.")] = WorkflowOrder.NAME,
    descending: Annotated[bool, Query(description="Largest first (newest, or Z to A).")] = False,
) -> WorkflowQuery:
    return WorkflowQuery(
        search=search,
        category=category,
        tags=tag or [],
        opened=opened,
        order_by=order_by,
        descending=descending,
    )


# Fixed paths come before /{workflow_id} so that they are not taken for ids.
@router.get("", response_model=WorkflowPage, summary="List workflows (search, filter, sort, page)")
def list_workflows(
    workflows: WorkflowsDep,
    query: Annotated[WorkflowQuery, Depends(workflow_query)],
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size.")] = 50,
) -> WorkflowPage:
    return workflows.list(query, offset, limit)


_ID_LINKS: dict[int | str, dict[str, Any]] = {
    201: {
        "description": "The saved workflow.",
        "links": {
            name: {"operationId": operation, "parameters": {"workflow_id": "$response.body#/id"}}
            for name, operation in (
                ("GetWorkflow", "get_workflow_api_v1_workflows__workflow_id__get"),
                ("UpdateWorkflow", "update_workflow_api_v1_workflows__workflow_id__patch"),
                ("DeleteWorkflow", "delete_workflow_api_v1_workflows__workflow_id__delete"),
            )
        },
    }
}
"""The saved workflow's ``id`` (not its graph's) names it in the routes that take one: said as OpenAPI links,
so clients and the fuzzing gate follow the right field."""


@router.post(
    "",
    response_model=WorkflowRecord,
    status_code=status.HTTP_201_CREATED,
    summary="Save a workflow",
    responses=_ID_LINKS,
)
def create_workflow(document: WorkflowDocument, workflows: WorkflowsDep) -> WorkflowRecord:
    return workflows.create(document)


@router.get("/tags", response_model=list[TagCount], summary="Tags in use, with how many workflows carry each")
def list_tags(
    workflows: WorkflowsDep,
    category: Annotated[Category | None, Query(description="Only tags of this category.")] = None,
) -> list[TagCount]:
    return workflows.tags(category)


@router.post(
    "/import",
    response_model=WorkflowRecord,
    status_code=status.HTTP_201_CREATED,
    summary="Import a workflow file",
    responses=_ID_LINKS,
)
def import_workflow(
    data: Annotated[
        dict[str, Any],
        Body(description="A workflow file's JSON, as exported; checked field by field, every problem named."),
    ],
    workflows: WorkflowsDep,
) -> WorkflowRecord:
    return workflows.import_workflow(data)


@router.get("/{workflow_id}", response_model=WorkflowRecord, summary="Open a workflow")
def get_workflow(
    workflow_id: WorkflowIdPath,
    workflows: WorkflowsDep,
    mark_opened: Annotated[
        bool, Query(description="Note that it was opened (for 'recently opened'); false only reads it.")
    ] = True,
) -> WorkflowRecord:
    return workflows.get(workflow_id, mark_opened=mark_opened)


@router.patch("/{workflow_id}", response_model=WorkflowRecord, summary="Change a user workflow")
def update_workflow(
    workflow_id: WorkflowIdPath, changes: WorkflowChanges, workflows: WorkflowsDep
) -> WorkflowRecord:
    return workflows.update(workflow_id, changes)


@router.delete("/{workflow_id}", response_model=WorkflowSummary, summary="Delete a user workflow")
def delete_workflow(workflow_id: WorkflowIdPath, workflows: WorkflowsDep) -> WorkflowSummary:
    return workflows.delete(workflow_id)


@router.post(
    "/{workflow_id}/duplicate",
    response_model=WorkflowRecord,
    status_code=status.HTTP_201_CREATED,
    summary="Save a copy of a workflow (default ones included) as a user workflow",
    responses=_ID_LINKS,
)
def duplicate_workflow(
    workflow_id: WorkflowIdPath,
    workflows: WorkflowsDep,
    request: Annotated[DuplicateRequest | None, Body()] = None,
) -> WorkflowRecord:
    return workflows.duplicate(workflow_id, request.name if request else None)


@router.put("/{workflow_id}/thumbnail", response_model=WorkflowSummary, summary="Show a stored image for it")
def set_thumbnail(
    workflow_id: WorkflowIdPath, request: ThumbnailRequest, workflows: WorkflowsDep
) -> WorkflowSummary:
    return workflows.set_thumbnail(workflow_id, request.image_name)


@router.delete("/{workflow_id}/thumbnail", response_model=WorkflowSummary, summary="Remove its thumbnail")
def clear_thumbnail(workflow_id: WorkflowIdPath, workflows: WorkflowsDep) -> WorkflowSummary:
    return workflows.set_thumbnail(workflow_id, None)


@router.get(
    "/{workflow_id}/export",
    response_model=WorkflowDocument,
    summary="The workflow as a file (JSON, to download)",
)
def export_workflow(workflow_id: WorkflowIdPath, workflows: WorkflowsDep) -> JSONResponse:
    document = workflows.get(workflow_id).workflow
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", document.name).strip("-.") or "workflow"
    return JSONResponse(
        document.model_dump(mode="json"),
        headers={"Content-Disposition": f'attachment; filename="{filename}.json"'},
    )
