"""Reading the generation metadata of any image file without storing it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from impasto.api.deps import ImagesDep
from impasto.api.errors import ERROR_RESPONSES, NOT_AN_IMAGE, ErrorBody
from impasto.images.models import MetadataReport

router = APIRouter(
    prefix="/api/v1/metadata",
    tags=["metadata"],
    responses={**ERROR_RESPONSES, 413: {"model": ErrorBody, "description": "Too large"}},
)


@router.post(
    "/parse",
    response_model=MetadataReport,
    summary="Recall parameters from an image file",
    responses=NOT_AN_IMAGE,
)
def parse(
    images: ImagesDep, file: Annotated[UploadFile, File(description="A PNG, JPEG or WebP.")]
) -> MetadataReport:
    """Reads Impasto, InvokeAI, AUTOMATIC1111/Forge and ComfyUI metadata; the file is not kept."""
    return images.parse(file.file.read(images.settings.upload_limits.max_bytes + 1))
