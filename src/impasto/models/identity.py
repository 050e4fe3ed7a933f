"""The two records every model-manager component shares.

:class:`ModelIdentity` is what identification learns from a file or folder without running any of its
code; :class:`ModelRecord` is what the database keeps for an installed model. Loaders, the cache, the
installer and the API all speak in these terms.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from impasto.errors import InvalidInputError
from impasto.models.taxonomy import (
    BaseModelType,
    DefaultSettings,
    ModelFormat,
    ModelType,
    ModelVariant,
    PredictionType,
)

SourceType = Literal["path", "url", "hf", "starter", "bundled"]


class ModelIdentity(BaseModel):
    """What a file or folder is, as far as can be told from headers, config JSON and key shapes."""

    model_config = ConfigDict(extra="forbid")

    base: BaseModelType = Field(description="Architecture family.")
    type: ModelType = Field(description="What the model does.")
    format: ModelFormat = Field(description="How it is stored.")
    variant: ModelVariant | None = Field(
        None, description="Variant (inpaint, depth; FLUX dev/schnell/fill; SD 3.5 medium/large/large_turbo)."
    )
    prediction_type: PredictionType | None = Field(None, description="What the denoiser predicts.")
    name: str = Field(description="Suggested name: the file or folder name without extension.")
    path: Path = Field(description="The identified file or folder.")
    size: int = Field(ge=0, description="Bytes on disk (folders: all files).")
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="Format-specific facts (LoRA rank, embedding tokens, upscaler architecture...).",
    )


class ModelRecord(BaseModel):
    """An installed model, as stored in the database."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(description="Stable unique id of the installed model.")
    name: str = Field(min_length=1, max_length=255, description="Display name.")
    description: str = Field("", max_length=4000, description="Free-form description.")
    base: BaseModelType = Field(description="Architecture family.")
    type: ModelType = Field(description="What the model does.")
    format: ModelFormat = Field(description="How it is stored.")
    variant: ModelVariant | None = Field(None, description="Variant, if any.")
    prediction_type: PredictionType | None = Field(None, description="What the denoiser predicts.")
    path: str = Field(description="Absolute path, or a path relative to the models folder for owned models.")
    owned: bool = Field(description="True when the files live in the models folder and are removed with it.")
    hash: str = Field(description="Content hash, 'blake3:<hex>'.")
    size: int = Field(ge=0, description="Bytes on disk.")
    source: str = Field(description="Where it came from: a path, URL or Hugging Face id.")
    source_type: SourceType = Field(description="Kind of source.")
    trigger_words: list[str] = Field(
        default_factory=list, description="Words that activate a LoRA or embedding."
    )
    default_settings: DefaultSettings | None = Field(None, description="Preferred generation settings.")
    details: dict[str, Any] = Field(default_factory=dict, description="Format-specific facts.")
    created_at: datetime = Field(description="When it was installed.")
    updated_at: datetime = Field(description="When the record last changed.")


class UnrecognisedModelError(InvalidInputError):
    """No matcher recognised a file or folder; the message lists what was seen."""

    code = "unrecognised_model"
