"""Events of the model installer and the model records (delivered to clients over the WebSocket)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from impasto.events import Event, register_event
from impasto.models.install.jobs import InstallJob


@register_event
class InstallJobChanged(Event):
    """An install job changed state or made progress (progress is sent at most about ten times a second)."""

    type: Literal["install_job_changed"] = Field("install_job_changed", description="Kind of event.")
    job: InstallJob = Field(description="The job after the change: state, step, bytes done and total.")


@register_event
class ModelRecordChanged(Event):
    """An installed model was added, changed or removed; clients should refresh their model lists."""

    type: Literal["model_record_changed"] = Field("model_record_changed", description="Kind of event.")
    key: str = Field(description="Key of the model.")
    name: str = Field(description="Name of the model.")
    action: Literal["added", "updated", "deleted"] = Field(description="What happened to the record.")
