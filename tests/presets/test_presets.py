"""Style presets: built-in read-only ones, user CRUD with unique names, events, export/import, and how a
preset styles a prompt."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from impasto.events import Event
from impasto.presets import (
    DuplicatePresetError,
    IncompletePresetError,
    PresetNotFoundError,
    ReadOnlyPresetError,
    SqlStylePresets,
    StylePreset,
    StylePresetChanges,
    StylePresetFields,
    apply_style,
    apply_template,
)
from impasto.presets.events import StylePresetChanged
from impasto.services import Services


def fields(name: str, positive: str = "{prompt}, oil painting", negative: str = "") -> StylePresetFields:
    return StylePresetFields(name=name, positive_prompt=positive, negative_prompt=negative)


@pytest.mark.parametrize(
    ("template", "prompt", "expected"),
    [
        ("{prompt}, oil painting", "a cat", "a cat, oil painting"),
        ("a photo of {prompt}, and {prompt} again", "a cat", "a photo of a cat, and a cat again"),
        ("oil painting", "a cat", "a cat, oil painting"),
        ("oil painting", "", "oil painting"),
        ("", "a cat", "a cat"),
        ("{prompt}, oil painting", "", "oil painting"),
        ("photo of {prompt}", "  ", "photo of"),
    ],
)
def test_templates_replace_the_placeholder_or_append(template: str, prompt: str, expected: str) -> None:
    assert apply_template(template, prompt) == expected


def test_a_preset_styles_both_prompts() -> None:
    preset = StylePreset(
        id="x", name="X", positive_prompt="{prompt}, watercolor", negative_prompt="photo", type="user"
    )
    styled = apply_style(preset, "a cat", "blurry")
    assert (styled.positive_prompt, styled.negative_prompt) == ("a cat, watercolor", "blurry, photo")
    assert apply_style(None, "a cat", "blurry").positive_prompt == "a cat"


def test_builtins_come_first_and_are_read_only(services: Services) -> None:
    presets = services.presets
    listed = presets.list()
    names = [p.name for p in listed]
    assert {"Photographic", "Anime", "Illustration"} <= set(names)
    assert all(p.type == "builtin" for p in listed)
    photographic = next(p for p in listed if p.name == "Photographic")
    assert "{prompt}" in photographic.positive_prompt
    assert presets.get(photographic.id) == photographic
    with pytest.raises(ReadOnlyPresetError, match="built-in"):
        presets.update(photographic.id, StylePresetChanges(name="Mine"))
    with pytest.raises(ReadOnlyPresetError):
        presets.delete(photographic.id)
    with pytest.raises(DuplicatePresetError, match="a built-in preset"):
        presets.create(fields("photographic"))


def test_user_presets_are_created_listed_changed_and_deleted(services: Services) -> None:
    events: list[Event] = []
    services.events.subscribe(events.append)
    presets = services.presets
    created = presets.create(fields("  My   Style ", negative="blurry"))
    assert created.name == "My Style"
    assert created.type == "user"
    assert created.created_at is not None
    assert presets.list()[-1] == created
    changed = presets.update(created.id, StylePresetChanges(positive_prompt="{prompt}, ink"))
    assert (changed.name, changed.positive_prompt, changed.negative_prompt) == (
        "My Style",
        "{prompt}, ink",
        "blurry",
    )
    assert presets.apply(created.id, "a cat").positive_prompt == "a cat, ink"
    assert presets.delete(created.id) == changed
    with pytest.raises(PresetNotFoundError):
        presets.get(created.id)
    actions = [(e.action, e.name) for e in events if isinstance(e, StylePresetChanged)]
    assert actions == [("created", "My Style"), ("updated", "My Style"), ("deleted", "My Style")]


def test_names_are_unique_in_any_case(services: Services) -> None:
    presets = services.presets
    first = presets.create(fields("Dreamy"))
    with pytest.raises(DuplicatePresetError, match="'Dreamy'"):
        presets.create(fields("DREAMY"))
    second = presets.create(fields("Moody"))
    with pytest.raises(DuplicatePresetError):
        presets.update(second.id, StylePresetChanges(name="dreamy"))
    assert presets.update(first.id, StylePresetChanges(name="dreamy")).name == "dreamy"  # its own name


def test_invalid_presets_are_refused_with_the_reason(services: Services) -> None:
    with pytest.raises(ValidationError, match="needs a positive or a negative template"):
        fields("Empty", positive=" ", negative="")
    with pytest.raises(ValidationError, match="name must not be empty"):
        fields("   ")
    created = services.presets.create(fields("Only positive"))
    with pytest.raises(IncompletePresetError, match="not be valid: a style preset needs a positive or a"):
        services.presets.update(created.id, StylePresetChanges(positive_prompt=""))
    assert services.presets.get(created.id).positive_prompt == "{prompt}, oil painting"


def test_presets_outlive_the_service(services: Services) -> None:
    created = services.presets.create(fields("Kept"))
    again = SqlStylePresets(services.db, services.events)
    assert again.get(created.id) == created


def test_export_then_import_skips_names_in_use(services: Services) -> None:
    presets = services.presets
    presets.create(fields("Alpha"))
    presets.create(fields("Beta", negative="ugly"))
    exported = presets.export()
    assert [p.name for p in exported] == ["Alpha", "Beta"]
    presets.delete(next(p.id for p in presets.list() if p.name == "Beta"))
    invokeai_style = {"name": "Gamma", "prompt": "{prompt}, gamma", "type": "user"}
    result = presets.import_presets([*(p.model_dump() for p in exported), invokeai_style])
    assert [p.name for p in result.created] == ["Beta", "Gamma"]
    assert [(s.name, "taken" in s.reason) for s in result.skipped] == [("Alpha", True)]
    assert presets.get(result.created[0].id).negative_prompt == "ugly"
    assert result.created[1].positive_prompt == "{prompt}, gamma"
