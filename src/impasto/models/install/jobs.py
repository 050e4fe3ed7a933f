"""What an install job is: the request, its life cycle and progress, as stored and sent over the API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field

from impasto.errors import ImpastoError
from impasto.models.identity import SourceType
from impasto.models.taxonomy import BaseModelType, DefaultSettings, ModelType, ModelVariant, PredictionType
from impasto.text import NameStr, TextStr


class JobState(StrEnum):
    """Life cycle of an install job: waiting → downloading → running → completed | error | canceled.

    Local sources skip ``downloading``. ``running`` covers identification, hashing and copying.
    """

    WAITING = "waiting"
    DOWNLOADING = "downloading"
    RUNNING = "running"
    COMPLETED = "completed"
    ERROR = "error"
    CANCELED = "canceled"

    @property
    def finished(self) -> bool:
        return self in (JobState.COMPLETED, JobState.ERROR, JobState.CANCELED)


class ModelOverrides(BaseModel):
    """Fields that replace what identification found (for the rare file it gets wrong)."""

    model_config = ConfigDict(extra="forbid")

    base: BaseModelType | None = Field(None, description="Architecture family to record instead.")
    type: ModelType | None = Field(None, description="Model type to record instead.")
    variant: ModelVariant | None = Field(None, description="Variant to record instead.")
    prediction_type: PredictionType | None = Field(None, description="Prediction type to record instead.")
    trigger_words: list[NameStr] | None = Field(None, description="Words that activate a LoRA or embedding.")
    default_settings: DefaultSettings | None = Field(None, description="Preferred generation settings.")


class InstallRequest(BaseModel):
    """What to install and how."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(
        min_length=1,
        max_length=4096,
        description=(
            "A local file or folder, an http(s) URL, or a Hugging Face id: 'owner/repo' (a diffusers folder "
            "or a repository holding one model file), 'owner/repo::path/in/repo.safetensors', optionally "
            "with ':variant' (e.g. 'owner/repo:fp16') to fetch only that variant's weights."
        ),
    )
    inplace: bool = Field(
        False,
        description="Local sources only: record the file where it is (not owned) instead of copying it.",
    )
    name: NameStr | None = Field(
        None, min_length=1, max_length=255, description="Name instead of the file name."
    )
    description: TextStr | None = Field(None, max_length=4000, description="Description of the model.")
    overrides: ModelOverrides | None = Field(None, description="Fields that replace identification results.")


class InstallJob(BaseModel):
    """One install: its source, state, progress and outcome."""

    id: str = Field(description="Id of the job.")
    source: str = Field(description="What is installed (as given).")
    source_type: SourceType = Field(description="Kind of source.")
    state: JobState = Field(description="Where the job is in its life cycle.")
    request: InstallRequest = Field(description="The request that started the job.")
    step: str | None = Field(None, description="What a running job does now: download, identify, hash, copy.")
    bytes_done: int = Field(0, ge=0, description="Bytes of the current step done.")
    bytes_total: int | None = Field(None, ge=0, description="Bytes of the current step in all, if known.")
    model_key: str | None = Field(None, description="Key of the installed model, once completed.")
    error_type: str | None = Field(None, description="Type of the error, when the job failed.")
    error_message: str | None = Field(None, description="Message of the error, when the job failed.")
    created_at: datetime = Field(description="When the job was submitted.")
    updated_at: datetime = Field(description="When the job last changed.")

    @computed_field(description="Progress of the current step from 0 to 100, when its size is known.")  # type: ignore[prop-decorator]
    @property
    def percentage(self) -> float | None:
        if self.state is JobState.COMPLETED:
            return 100.0
        if not self.bytes_total:
            return None
        return round(min(100.0, 100.0 * self.bytes_done / self.bytes_total), 1)


class InstallCanceledError(ImpastoError):
    """The job was canceled while it ran; whatever it had written is removed."""

    code = "canceled"
    status_code = 409
