"""The workflow library: list, create, open, change, delete, copy, thumbnails, and export/import as JSON
(Impasto's files and InvokeAI's workflows, also from the metadata of an image)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, File, Path, Query, Request, UploadFile, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import Field

from impasto.api.deps import ImagesDep, WorkflowsDep
from impasto.api.errors import ERROR_RESPONSES, NOT_AN_IMAGE, ErrorBody
from impasto.api.params import Offset
from impasto.workflows import (
    TagCount,
    WorkflowChanges,
    WorkflowDocument,
    WorkflowImport,
    WorkflowOrder,
    WorkflowPage,
    WorkflowQuery,
    WorkflowRecord,
    WorkflowSummary,
)
from impasto.workflows.invokeai import InvokeAIWorkflowFile
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


def _id_links(pointer: str) -> dict[int | str, dict[str, Any]]:
    return {
        201: {
            "description": "The saved workflow.",
            "links": {
                name: {"operationId": operation, "parameters": {"workflow_id": f"$response.body#{pointer}"}}
                for name, operation in (
                    ("GetWorkflow", "get_workflow_api_v1_workflows__workflow_id__get"),
                    ("UpdateWorkflow", "update_workflow_api_v1_workflows__workflow_id__patch"),
                    ("DeleteWorkflow", "delete_workflow_api_v1_workflows__workflow_id__delete"),
                )
            },
        }
    }


_ID_LINKS = _id_links("/id")
"""The saved workflow's ``id`` (not its graph's) names it in the routes that take one: said as OpenAPI links,
so clients and the fuzzing gate follow the right field."""
_IMPORT_LINKS = _id_links("/workflow/id")


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
    response_model=WorkflowImport,
    status_code=status.HTTP_201_CREATED,
    summary="Import a workflow file (Impasto's, or InvokeAI's of schema 1.x to 4.0.0)",
    responses=_IMPORT_LINKS,
)
def import_workflow(
    data: Annotated[
        dict[str, Any],
        Body(
            description="A workflow file's JSON: Impasto's as exported, checked field by field with every "
            "problem named, or InvokeAI's, mapped onto Impasto's nodes (what is not mapped is reported)."
        ),
    ],
    workflows: WorkflowsDep,
) -> WorkflowImport:
    return workflows.import_workflow(data)


@router.post(
    "/import/image",
    response_model=WorkflowImport,
    status_code=status.HTTP_201_CREATED,
    summary="Import the workflow an image carries (Impasto's or InvokeAI's)",
    responses={**_IMPORT_LINKS, **NOT_AN_IMAGE, 413: {"model": ErrorBody, "description": "Too large"}},
)
def import_workflow_image(
    workflows: WorkflowsDep,
    images: ImagesDep,
    file: Annotated[UploadFile, File(description="A PNG made by Impasto or InvokeAI; it is not stored.")],
) -> WorkflowImport:
    """Reads the image's ``impasto_workflow`` or ``invokeai_workflow`` metadata, or else its graph
    (``impasto_graph``, ``invokeai_graph``) laid out in columns."""
    chunks = images.parse(file.file.read(images.settings.upload_limits.max_bytes + 1)).chunks
    return workflows.import_image(chunks)


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
    response_model=WorkflowDocument | InvokeAIWorkflowFile,
    summary="The workflow as a file (JSON, to download), Impasto's or InvokeAI's",
)
def export_workflow(
    workflow_id: WorkflowIdPath,
    workflows: WorkflowsDep,
    format: Annotated[
        Literal["impasto", "invokeai"],
        Query(description="'impasto': Impasto's workflow file; 'invokeai': InvokeAI's (schema 4.0.0)."),
    ] = "impasto",
) -> JSONResponse:
    document = workflows.get(workflow_id).workflow
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", document.name).strip("-.") or "workflow"
    body = document.model_dump(mode="json") if format == "impasto" else workflows.export_invokeai(workflow_id)
    return JSONResponse(
        body,
        headers={"Content-Disposition": f'attachment; filename="{filename}.json"'},
    )
