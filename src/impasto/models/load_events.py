"""Events the model cache publishes while it loads, moves and drops models.

They let the UI show "loading SDXL UNet..." during the seconds a large model takes to read, and explain
afterwards why a second generation was slower (the model had been evicted). ``key`` is the installed
model's record key and ``submodel`` the part of a main model (``unet``, ``vae``...), or ``None`` for a
model that is loaded whole.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from impasto.events import Event, register_event

EvictedFrom = Literal["device", "ram"]


class _ModelEvent(Event):
    key: str = Field(description="Record key of the installed model.")
    submodel: str | None = Field(
        description="Part of a main model (unet, vae...), or null for a whole model."
    )


@register_event
class ModelLoadStarted(_ModelEvent):
    """A model (or one part of a main model) is being read from disk into RAM."""

    type: Literal["model_load_started"] = Field("model_load_started", description="Kind of event.")


@register_event
class ModelLoadCompleted(_ModelEvent):
    """A model was read into RAM and is now in the model cache."""

    type: Literal["model_load_completed"] = Field("model_load_completed", description="Kind of event.")
    bytes: int = Field(description="Size of its weights in bytes.")
    seconds: float = Field(description="How long reading it took.")


@register_event
class ModelLoadFailed(_ModelEvent):
    """Reading a model failed; nothing was cached."""

    type: Literal["model_load_failed"] = Field("model_load_failed", description="Kind of event.")
    error_type: str = Field(description="Type of the error.")
    error_message: str = Field(description="Message of the error.")


@register_event
class ModelEvicted(_ModelEvent):
    """The cache made room: a model left the execution device (it stays in RAM) or left RAM entirely."""

    type: Literal["model_evicted"] = Field("model_evicted", description="Kind of event.")
    bytes: int = Field(description="Bytes freed where it was evicted from.")
    where: EvictedFrom = Field(
        description="'device': moved off the execution device back to RAM; 'ram': dropped from the cache."
    )


@register_event
class ModelCacheEmptied(Event):
    """Every model not in use was dropped from the cache (on request, or to recover from out-of-memory)."""

    type: Literal["model_cache_emptied"] = Field("model_cache_emptied", description="Kind of event.")
    dropped: int = Field(description="How many cache entries were dropped.")
    bytes: int = Field(description="RAM bytes freed.")
