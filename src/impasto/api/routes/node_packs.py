"""Custom node packs: install one (git URL or zip), remove one, reload them without a restart.

A pack is Python code that the server runs with its own rights when it loads the pack: these routes are
for the person who runs the server, as installing a model file is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Path, UploadFile, status
from pydantic import BaseModel, ConfigDict, Field

from impasto.api.deps import ServicesDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.api.routes.nodes import PackInfo
from impasto.graph.plugins import PackReport
from impasto.nodepacks import MAX_ZIP_BYTES, PackState

router = APIRouter(prefix="/api/v1/nodes/packs", tags=["nodes"], responses=ERROR_RESPONSES)

PackNamePath = Annotated[str, Path(min_length=1, max_length=64, description="Name of the pack's folder.")]


class GitInstall(BaseModel):
    """A git repository to install as a node pack."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        min_length=1,
        max_length=2000,
        description="An http(s) git URL, or file:// inside the folders node_pack_source_dirs allows.",
    )
    name: str | None = Field(
        None, min_length=1, max_length=64, description="Folder name of the pack; empty: the repository's."
    )


class PackStatus(BaseModel):
    """The packs as loaded now, and those installed or removed since (a reload loads or drops them)."""

    packs: list[PackInfo] = Field(description="Every pack, as loaded (or skipped) at the last load.")
    pending: list[str] = Field(description="Packs whose files changed since the last load.")
    message: str = Field(description="What the last command did.")


def _info(report: PackReport) -> PackInfo:
    return PackInfo.model_validate(report, from_attributes=True)


def _status(state: PackState) -> PackStatus:
    return PackStatus(packs=[_info(r) for r in state.packs], pending=state.pending, message=state.message)


@router.get("/status", response_model=PackStatus, summary="Custom node packs, and those awaiting a reload")
def pack_status(services: ServicesDep) -> PackStatus:
    return _status(services.node_packs.state(""))


@router.post(
    "/git",
    response_model=PackInfo,
    status_code=status.HTTP_201_CREATED,
    summary="Install a node pack from a git repository (runs its code at the next reload)",
)
def install_git(request: GitInstall, services: ServicesDep) -> PackInfo:
    return _info(services.node_packs.install_git(request.url, request.name))


@router.post(
    "/zip",
    response_model=PackInfo,
    status_code=status.HTTP_201_CREATED,
    summary="Install a node pack from a zip file (runs its code at the next reload)",
)
def install_zip(
    services: ServicesDep,
    file: Annotated[UploadFile, File(description="A zip of the pack's folder (its __init__.py at the top).")],
    name: Annotated[str, Form(min_length=1, max_length=64, description="Folder name of the pack.")],
) -> PackInfo:
    return _info(services.node_packs.install_zip(file.file.read(MAX_ZIP_BYTES + 1), name))


# Fixed paths come before /{name}, so that they are not taken for a pack's name.
@router.post("/reload", response_model=PackStatus, summary="Load the node packs again without a restart")
def reload_packs(services: ServicesDep) -> PackStatus:
    return _status(services.node_packs.reload())


@router.delete("/{name}", response_model=PackStatus, summary="Remove a node pack's files")
def uninstall(name: PackNamePath, services: ServicesDep) -> PackStatus:
    services.node_packs.uninstall(name)
    return _status(services.node_packs.state(f"Removed {name}; reload to drop its nodes."))
