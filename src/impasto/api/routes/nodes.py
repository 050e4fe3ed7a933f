"""Node types (with the schemas a UI needs to draw them) and graph validation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from impasto.api.deps import RegistryDep, ServicesDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.errors import NotFoundError
from impasto.graph.model import Graph, GraphIssue
from impasto.graph.validation import validate

router = APIRouter(prefix="/api/v1", tags=["nodes"], responses=ERROR_RESPONSES)


class PackInfo(BaseModel):
    """A custom node pack and whether it loaded."""

    name: str = Field(description="Name of the pack (folder, file or entry point name).")
    source: str = Field(description="'folder' or 'entry_point'.")
    location: str = Field(description="Path or entry point target.")
    loaded: bool = Field(description="Whether it loaded; a broken pack is skipped.")
    nodes: list[str] = Field(description="Node types it registered.")
    error: str | None = Field(None, description="Why it was skipped.")


class GraphRequest(BaseModel):
    """A graph to check."""

    graph: Graph = Field(description="The graph.")


class ValidationResult(BaseModel):
    """The outcome of validating a graph."""

    valid: bool = Field(description="True when the graph can run.")
    issues: list[GraphIssue] = Field(description="Every problem found (empty when valid).")


@router.get("/nodes", summary="Every node type with its input and output schemas")
def list_nodes(registry: RegistryDep) -> list[dict[str, Any]]:
    return [spec.to_schema() for spec in registry]


@router.get("/nodes/packs", response_model=list[PackInfo], summary="Custom node packs and their status")
def list_packs(services: ServicesDep) -> list[PackInfo]:
    return [PackInfo.model_validate(report, from_attributes=True) for report in services.packs]


@router.get("/nodes/{node_type}", summary="One node type")
def get_node(node_type: str, registry: RegistryDep) -> dict[str, Any]:
    spec = registry.get(node_type)
    if spec is None:
        raise NotFoundError(f"unknown node type '{node_type}'")
    return spec.to_schema()


@router.post("/graphs/validate", response_model=ValidationResult, summary="Check a graph without running it")
def validate_graph(request: GraphRequest, registry: RegistryDep) -> ValidationResult:
    issues = validate(request.graph, registry)
    return ValidationResult(valid=not issues, issues=issues)
