"""Events of the workflow library (delivered to clients over the WebSocket)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from impasto.events import Event, register_event


@register_event
class WorkflowChanged(Event):
    """A workflow was created, changed (its document or thumbnail) or deleted; libraries should refresh."""

    type: Literal["workflow_changed"] = Field("workflow_changed", description="Kind of event.")
    workflow_id: str = Field(description="Id of the workflow.")
    name: str = Field(description="Name of the workflow (after the change).")
    action: Literal["created", "updated", "deleted"] = Field(description="What happened to it.")
