"""Style presets: named prompt templates with a ``{prompt}`` placeholder, built-in and user-made."""

from impasto.presets.models import (
    DuplicatePresetError,
    ImportResult,
    IncompletePresetError,
    PresetNotFoundError,
    ReadOnlyPresetError,
    StyledPrompt,
    StylePreset,
    StylePresetChanges,
    StylePresetFields,
    StylePresetImport,
)
from impasto.presets.service import SqlStylePresets, StylePresetService
from impasto.presets.templates import PLACEHOLDER, apply_style, apply_template

__all__ = [
    "PLACEHOLDER",
    "DuplicatePresetError",
    "ImportResult",
    "IncompletePresetError",
    "PresetNotFoundError",
    "ReadOnlyPresetError",
    "SqlStylePresets",
    "StylePreset",
    "StylePresetChanges",
    "StylePresetFields",
    "StylePresetImport",
    "StylePresetService",
    "StyledPrompt",
    "apply_style",
    "apply_template",
]
