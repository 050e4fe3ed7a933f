"""Events of the style presets (delivered to clients over the WebSocket)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from impasto.events import Event, register_event


@register_event
class StylePresetChanged(Event):
    """A style preset was created, changed or deleted; clients should refresh their preset lists."""

    type: Literal["style_preset_changed"] = Field("style_preset_changed", description="Kind of event.")
    preset_id: str = Field(description="Id of the preset.")
    name: str = Field(description="Name of the preset (after the change).")
    action: Literal["created", "updated", "deleted"] = Field(description="What happened to the preset.")
