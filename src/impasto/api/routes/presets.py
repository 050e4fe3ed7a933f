"""Style presets: list, create, change, delete, apply, and export/import as JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from impasto.api.deps import PresetsDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.presets import (
    ImportResult,
    StyledPrompt,
    StylePreset,
    StylePresetChanges,
    StylePresetFields,
)
from impasto.text import TextStr

router = APIRouter(prefix="/api/v1/style_presets", tags=["style presets"], responses=ERROR_RESPONSES)

MAX_IMPORT = 10_000


class StylePresetList(BaseModel):
    """Style presets."""

    presets: list[StylePreset] = Field(description="Built-in presets first, then the user's by name.")


class StylePresetExport(BaseModel):
    """User presets as a file holds them."""

    style_presets: list[StylePresetFields] = Field(description="Names and templates.")


class StylePresetImportRequest(BaseModel):
    """Presets to create; the ``style_presets`` of an export (InvokeAI's ``prompt`` key is accepted).

    Entries are objects checked one by one on import, so one bad entry is reported, not fatal.
    """

    style_presets: list[dict[str, Any]] = Field(
        max_length=MAX_IMPORT,
        description="The presets: objects with name, positive_prompt (or prompt) and negative_prompt.",
    )


class ApplyRequest(BaseModel):
    """The user's prompts to style."""

    prompt: TextStr = Field("", description="The prompt.")
    negative_prompt: TextStr = Field("", description="The negative prompt.")


# Fixed paths come before /{preset_id} so that they are not taken for ids.
@router.get("", response_model=StylePresetList, summary="List style presets")
def list_presets(presets: PresetsDep) -> StylePresetList:
    return StylePresetList(presets=presets.list())


@router.post("", response_model=StylePreset, status_code=status.HTTP_201_CREATED, summary="Create a preset")
def create_preset(fields: StylePresetFields, presets: PresetsDep) -> StylePreset:
    return presets.create(fields)


@router.get("/export", response_model=StylePresetExport, summary="The user presets as JSON")
def export_presets(presets: PresetsDep) -> StylePresetExport:
    return StylePresetExport(style_presets=presets.export())


@router.post("/import", response_model=ImportResult, summary="Create presets from an export")
def import_presets(request: StylePresetImportRequest, presets: PresetsDep) -> ImportResult:
    return presets.import_presets(request.style_presets)


@router.get("/{preset_id}", response_model=StylePreset, summary="One style preset")
def get_preset(preset_id: str, presets: PresetsDep) -> StylePreset:
    return presets.get(preset_id)


@router.patch("/{preset_id}", response_model=StylePreset, summary="Change a user preset")
def update_preset(preset_id: str, changes: StylePresetChanges, presets: PresetsDep) -> StylePreset:
    return presets.update(preset_id, changes)


@router.delete("/{preset_id}", response_model=StylePreset, summary="Delete a user preset")
def delete_preset(preset_id: str, presets: PresetsDep) -> StylePreset:
    return presets.delete(preset_id)


@router.post("/{preset_id}/apply", response_model=StyledPrompt, summary="Style a prompt with a preset")
def apply_preset(preset_id: str, request: ApplyRequest, presets: PresetsDep) -> StyledPrompt:
    return presets.apply(preset_id, request.prompt, request.negative_prompt)
