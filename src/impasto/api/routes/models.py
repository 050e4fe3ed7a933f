"""Installed models, install jobs, folder scans, starter models and the model cache."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from impasto.api.deps import InstallerDep, ModelCacheDep, ModelsDep, ServicesDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.errors import InvalidInputError
from impasto.models.cache import CacheStats, EmptyResult
from impasto.models.defaults import default_main_model
from impasto.models.identity import ModelRecord
from impasto.models.install.jobs import InstallJob, InstallRequest
from impasto.models.install.scan import ScanResult
from impasto.models.records import ModelFilter, ModelRecordChanges
from impasto.models.starters import (
    BUNDLED_DIR,
    BUNDLED_PREFIX,
    StarterStatus,
    install_bundled,
    starter_by_id,
    starter_statuses,
    starters_with_dependencies,
)
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

router = APIRouter(prefix="/api/v1/models", tags=["models"], responses=ERROR_RESPONSES)


class ModelList(BaseModel):
    """Installed models."""

    models: list[ModelRecord] = Field(description="The models, by type, base and name.")
    default_key: str | None = Field(
        None, description="Key of the main model generations use when they name none (whatever the filters)."
    )


class ScanRequest(BaseModel):
    """A folder to scan."""

    path: str = Field(
        min_length=1, description="Folder on the server's machine (an A1111 or ComfyUI tree works)."
    )


class ScanInstallRequest(BaseModel):
    """What to install from a scanned folder."""

    path: str = Field(min_length=1, description="The scanned folder.")
    paths: list[str] | None = Field(
        None, description="Files and folders of the scan to install; empty means every installable entry."
    )
    inplace: bool = Field(
        True, description="Leave the files where they are (off: copy into the models folder)."
    )


class StarterInstallRequest(BaseModel):
    """Starter models to install."""

    ids: list[str] = Field(min_length=1, description="Ids of the starter models.")
    dependencies: bool = Field(True, description="Also install the starters they depend on.")


class Deleted(BaseModel):
    """How many things were removed."""

    deleted: int = Field(description="Number removed.")


# Fixed paths come before /{key} so that they are not taken for keys.
@router.get("", response_model=ModelList, summary="List installed models")
def list_models(
    models: ModelsDep,
    services: ServicesDep,
    base: Annotated[BaseModelType | None, Query(description="Only this architecture family.")] = None,
    type: Annotated[ModelType | None, Query(description="Only this model type.")] = None,
    format: Annotated[ModelFormat | None, Query(description="Only this storage format.")] = None,
    name: Annotated[str | None, Query(description="Only names containing this text.")] = None,
) -> ModelList:
    default = default_main_model(models, services.config)
    return ModelList(
        models=models.list(ModelFilter(base=base, type=type, format=format, name=name)),
        default_key=default.key if default is not None else None,
    )


@router.post(
    "/install", response_model=InstallJob, status_code=status.HTTP_202_ACCEPTED, summary="Start an install"
)
def install(request: InstallRequest, installer: InstallerDep) -> InstallJob:
    return installer.install(request)


@router.get("/jobs", response_model=list[InstallJob], summary="Install jobs, newest first")
def list_jobs(
    installer: InstallerDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="How many jobs.")] = 100,
) -> list[InstallJob]:
    return installer.list_jobs(limit)


@router.post("/jobs/prune", response_model=Deleted, summary="Forget finished install jobs")
def prune_jobs(installer: InstallerDep) -> Deleted:
    return Deleted(deleted=installer.prune_jobs())


@router.get("/jobs/{job_id}", response_model=InstallJob, summary="One install job")
def get_job(job_id: str, installer: InstallerDep) -> InstallJob:
    return installer.get_job(job_id)


@router.post("/jobs/{job_id}/cancel", response_model=InstallJob, summary="Cancel an install job")
def cancel_job(job_id: str, installer: InstallerDep) -> InstallJob:
    return installer.cancel(job_id)


@router.post("/scan", response_model=ScanResult, summary="List and identify the models below a folder")
def scan(request: ScanRequest, installer: InstallerDep) -> ScanResult:
    return installer.scan(Path(request.path))


@router.post(
    "/scan/install",
    response_model=list[InstallJob],
    status_code=status.HTTP_202_ACCEPTED,
    summary="Install models found by a scan",
)
def install_scanned(request: ScanInstallRequest, installer: InstallerDep) -> list[InstallJob]:
    paths = [Path(p) for p in request.paths] if request.paths else None
    return installer.install_scanned(Path(request.path), paths, request.inplace)


@router.get("/starters", response_model=list[StarterStatus], summary="Starter models and whether installed")
def starters(models: ModelsDep) -> list[StarterStatus]:
    return starter_statuses(models)


@router.post(
    "/starters/install",
    response_model=list[InstallJob],
    status_code=status.HTTP_202_ACCEPTED,
    summary="Install starter models (and their dependencies)",
)
def install_starters(
    request: StarterInstallRequest, models: ModelsDep, installer: InstallerDep
) -> list[InstallJob]:
    if request.dependencies:
        chosen = starters_with_dependencies(request.ids)
    else:
        chosen = [starter_by_id(starter_id) for starter_id in request.ids]
    installed = {s.id for s in starter_statuses(models) if s.installed}
    jobs = []
    for starter in chosen:
        if starter.id in installed:
            continue
        if starter.source.startswith(BUNDLED_PREFIX):  # shipped with Impasto: copied at once, no job
            install_bundled(models, BUNDLED_DIR / starter.source.removeprefix(BUNDLED_PREFIX))
            continue
        request_body = InstallRequest(
            source=starter.source, name=starter.name, description=starter.description
        )
        jobs.append(installer.install(request_body, origin="starter"))
    return jobs


@router.get("/cache", response_model=CacheStats, summary="Model cache budgets, usage and counters")
def cache_stats(cache: ModelCacheDep) -> CacheStats:
    return cache.stats()


@router.post("/cache/empty", response_model=EmptyResult, summary="Unload every cached model not in use")
def cache_empty(cache: ModelCacheDep) -> EmptyResult:
    return cache.empty()


@router.get("/{key}", response_model=ModelRecord, summary="One installed model")
def get_model(key: str, models: ModelsDep) -> ModelRecord:
    return models.get(key)


@router.patch("/{key}", response_model=ModelRecord, summary="Change a model's name, settings or corrections")
def update_model(key: str, changes: ModelRecordChanges, models: ModelsDep) -> ModelRecord:
    if not changes.model_fields_set:
        raise InvalidInputError("nothing to change: give at least one field")
    return models.update(key, changes)


@router.delete(
    "/{key}", response_model=ModelRecord, summary="Remove a model (files only if Impasto owns them)"
)
def delete_model(key: str, models: ModelsDep) -> ModelRecord:
    return models.delete(key)


@router.post("/{key}/reidentify", response_model=ModelRecord, summary="Identify a model's files again")
def reidentify_model(key: str, models: ModelsDep) -> ModelRecord:
    return models.reidentify(key)
