"""Prompt helpers: previewing what a dynamic prompt expands to, and the wildcards it can use."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from impasto.api.deps import ServicesDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.prompting.dynamic import DynamicPromptError, available_wildcards, expand_prompt
from impasto.text import TextStr

router = APIRouter(prefix="/api/v1/prompts", tags=["prompts"], responses=ERROR_RESPONSES)

MAX_PREVIEW_PROMPTS = 10_000
SEED_MAX = 2**32 - 1


class DynamicPromptRequest(BaseModel):
    """A dynamic prompt to expand."""

    prompt: TextStr = Field(max_length=100_000, description="The template: {a|b}, {2$$a|b|c}, __wildcard__.")
    max_prompts: int = Field(1000, ge=1, le=MAX_PREVIEW_PROMPTS, description="How many prompts at most.")
    combinatorial: bool = Field(True, description="Every combination in order; off: random draws.")
    seed: int | None = Field(
        None, ge=0, le=SEED_MAX, description="Seed of the random draws; empty: different every time."
    )


class DynamicPromptResponse(BaseModel):
    """The expansion, or why there is none."""

    prompts: list[str] = Field(description="The prompts (empty when the template has an error).")
    count: int = Field(description="How many prompts there are.")
    error: str | None = Field(None, description="What is wrong with the template, if anything.")


class WildcardList(BaseModel):
    """Wildcard files available to dynamic prompts."""

    wildcards: list[str] = Field(description="Names to use as __name__ (dir/name for sub-folders).")


@router.post(
    "/dynamic", response_model=DynamicPromptResponse, summary="Preview a dynamic prompt's expansions"
)
def preview_dynamic_prompt(request: DynamicPromptRequest, services: ServicesDep) -> DynamicPromptResponse:
    """A template with an error is answered normally, with ``error`` set, so that an editor can show it
    while the user types."""
    try:
        prompts = expand_prompt(
            request.prompt,
            max_prompts=request.max_prompts,
            combinatorial=request.combinatorial,
            seed=request.seed,
            wildcards_dir=services.config.wildcards_path,
        )
    except DynamicPromptError as exc:
        return DynamicPromptResponse(prompts=[], count=0, error=exc.message)
    return DynamicPromptResponse(prompts=prompts, count=len(prompts))


@router.get("/wildcards", response_model=WildcardList, summary="Wildcard files dynamic prompts can use")
def list_wildcards(services: ServicesDep) -> WildcardList:
    return WildcardList(wildcards=available_wildcards(services.config.wildcards_path))
