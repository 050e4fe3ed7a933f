"""What the model cache reports about itself (served by the API as JSON)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class CacheEntryInfo(BaseModel):
    """One cached model or submodel."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(description="Record key of the installed model.")
    submodel: str | None = Field(description="Part of a main model, or null for a whole model.")
    bytes: int = Field(ge=0, description="Size of its weights in RAM.")
    device_bytes: int = Field(ge=0, description="Bytes of its weights kept on the execution device now.")
    partial: bool = Field(description="True when only some of its layers are kept on the device.")
    locks: int = Field(ge=0, description="How many users hold it now (a held model is never evicted).")


class CacheStats(BaseModel):
    """Budgets, usage and counters of the model cache since it was created."""

    model_config = ConfigDict(extra="forbid")

    execution_device: str = Field(description="Device that models run on (cpu, cuda:0, mps).")
    partial_loading: bool = Field(description="Whether models larger than the device budget may stream.")
    ram_budget_bytes: int = Field(ge=0, description="Most bytes of models kept in RAM.")
    device_budget_bytes: int = Field(ge=0, description="Most bytes of models kept on the execution device.")
    ram_bytes: int = Field(ge=0, description="Bytes of models in RAM now.")
    device_bytes: int = Field(ge=0, description="Bytes of models on the execution device now.")
    peak_ram_bytes: int = Field(ge=0, description="Highest ram_bytes seen.")
    peak_device_bytes: int = Field(
        ge=0, description="Highest device_bytes seen, including layers streamed in by partial loading."
    )
    hits: int = Field(ge=0, description="Requests answered from the cache.")
    misses: int = Field(ge=0, description="Requests that had to read a model from disk.")
    load_failures: int = Field(ge=0, description="Reads from disk that failed.")
    device_evictions: int = Field(ge=0, description="Models moved off the device to make room.")
    ram_evictions: int = Field(ge=0, description="Models dropped from RAM to make room.")
    entries: list[CacheEntryInfo] = Field(description="Cached models, least recently used first.")


class EmptyResult(BaseModel):
    """What emptying the cache freed."""

    model_config = ConfigDict(extra="forbid")

    dropped: int = Field(ge=0, description="How many entries were dropped.")
    bytes: int = Field(ge=0, description="RAM bytes freed.")
    kept: int = Field(ge=0, description="Entries kept because they are in use.")
