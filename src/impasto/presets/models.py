"""What the style presets service speaks: presets, their editable fields, import results and errors."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, JsonValue, field_validator, model_validator

from impasto.errors import ConflictError, NotFoundError
from impasto.text import NON_BLANK_TEXT, WHITESPACE, NonBlankName, TextStr

MAX_NAME = 255
MAX_TEMPLATE = 10_000
PresetType = Literal["user", "builtin"]


class PresetNotFoundError(NotFoundError):
    """No style preset has this id."""

    code = "style_preset_not_found"


class DuplicatePresetError(ConflictError):
    """A style preset with this name (in any case) exists already."""

    code = "duplicate_style_preset"


class IncompletePresetError(ConflictError):
    """A change, valid on its own, would leave the stored preset without any template."""

    code = "style_preset_incomplete"


class ReadOnlyPresetError(ConflictError):
    """Built-in presets cannot be changed or deleted (copy one to make it your own)."""

    code = "style_preset_read_only"


def _clean_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise ValueError("the name must not be empty")
    return name


def _templates_schema(rule: str) -> list[JsonValue]:
    """JSON Schemas of "this template holds more than whitespace", one per template field."""
    return [
        {"required": [field], "properties": {field: {"type": "string", "pattern": rule}}}
        for field in ("positive_prompt", "negative_prompt")
    ]


class StylePresetFields(BaseModel):
    """A preset's name and templates; ``{prompt}`` in a template marks where the user's prompt goes."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"allOf": [{"anyOf": _templates_schema(NON_BLANK_TEXT)}]}
    )

    name: NonBlankName = Field(min_length=1, max_length=MAX_NAME, description="Unique name (any case).")
    positive_prompt: TextStr = Field(
        "", max_length=MAX_TEMPLATE, description="Template for the prompt; may hold {prompt}."
    )
    negative_prompt: TextStr = Field(
        "", max_length=MAX_TEMPLATE, description="Template for the negative prompt; may hold {prompt}."
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _clean_name(value)

    @model_validator(mode="after")
    def _not_empty(self) -> StylePresetFields:
        if not self.positive_prompt.strip() and not self.negative_prompt.strip():
            raise ValueError("a style preset needs a positive or a negative template")
        return self


class StylePresetImport(StylePresetFields):
    """A preset as exported; ``prompt`` (InvokeAI's export) is accepted for ``positive_prompt``."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    positive_prompt: TextStr = Field(
        "",
        max_length=MAX_TEMPLATE,
        validation_alias=AliasChoices("positive_prompt", "prompt"),
        description="Template for the prompt; may hold {prompt}.",
    )


class StylePresetChanges(BaseModel):
    """Fields to change; those left out (or null) stay as they are. Blanking both templates is refused
    here; blanking the one template a preset has is refused by the service (it conflicts with the other)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"not": {"allOf": _templates_schema(f"^[{WHITESPACE}]*$")}},
    )

    name: NonBlankName | None = Field(None, min_length=1, max_length=MAX_NAME, description="New unique name.")
    positive_prompt: TextStr | None = Field(None, max_length=MAX_TEMPLATE, description="New prompt template.")
    negative_prompt: TextStr | None = Field(
        None, max_length=MAX_TEMPLATE, description="New negative template."
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return None if value is None else _clean_name(value)

    @model_validator(mode="after")
    def _not_both_blank(self) -> StylePresetChanges:
        templates = (self.positive_prompt, self.negative_prompt)
        if all(template is not None and not template.strip() for template in templates):
            raise ValueError("a style preset needs a positive or a negative template")
        return self


class StylePreset(BaseModel):
    """A stored (user) or built-in style preset."""

    id: str = Field(description="Stable id; built-in presets' ids start with 'builtin-'.")
    name: str = Field(description="Unique name.")
    positive_prompt: str = Field(description="Template for the prompt; may hold {prompt}.")
    negative_prompt: str = Field(description="Template for the negative prompt; may hold {prompt}.")
    type: PresetType = Field(description="'builtin' presets ship with Impasto and are read-only.")
    created_at: datetime | None = Field(None, description="When it was created (built-ins: none).")
    updated_at: datetime | None = Field(None, description="When it last changed (built-ins: none).")

    def fields(self) -> StylePresetFields:
        """Its name and templates, as exported."""
        return StylePresetFields(
            name=self.name, positive_prompt=self.positive_prompt, negative_prompt=self.negative_prompt
        )


class SkippedPreset(BaseModel):
    """A preset an import left out, and why."""

    name: str = Field(description="Its name.")
    reason: str = Field(description="Why it was not imported.")


class ImportResult(BaseModel):
    """What an import did: it never replaces an existing preset."""

    created: list[StylePreset] = Field(description="The presets created.")
    skipped: list[SkippedPreset] = Field(
        description="Entries not imported: a name in use, or an invalid entry (the reason says which)."
    )


class StyledPrompt(BaseModel):
    """A prompt and negative prompt with a style preset applied."""

    positive_prompt: str = Field(description="The styled prompt.")
    negative_prompt: str = Field(description="The styled negative prompt.")
