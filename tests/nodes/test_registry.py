"""Every built-in node is registered, documented and describable as JSON."""

from __future__ import annotations

import json

import pytest

from impasto.graph import NodeSpec, default_registry
from impasto.models.taxonomy import BaseModelType, ModelType
from impasto.nodes import load_builtin_nodes

EXPECTED = {
    "primitives": [
        "integer",
        "float",
        "string",
        "boolean",
        "color",
        "image",
        "integer_collection",
        "float_collection",
        "string_collection",
    ],
    "math": ["add", "subtract", "multiply", "divide", "float_math", "round", "float_to_int", "clamp"],
    "strings": [
        "string_join",
        "string_join_three",
        "string_split",
        "string_split_first",
        "string_replace",
        "string_case",
        "string_template",
        "number_to_string",
    ],
    "random": ["random_int", "random_float", "random_range", "range", "range_of_size"],
    "image": [
        "blank_image",
        "load_image",
        "image_resize",
        "image_scale",
        "image_crop",
        "image_paste",
        "image_blur",
        "image_convert",
        "image_info",
    ],
}
BUILTIN_TYPES = sorted(type_id for type_ids in EXPECTED.values() for type_id in type_ids)


def spec_of(type_id: str) -> NodeSpec:
    spec = default_registry.get(type_id)
    assert spec is not None, f"node type '{type_id}' is not registered"
    return spec


@pytest.mark.parametrize(("module", "type_ids"), EXPECTED.items())
def test_builtin_nodes_are_registered_from_their_module(module: str, type_ids: list[str]) -> None:
    for type_id in type_ids:
        assert spec_of(type_id).node_class.__module__ == f"impasto.nodes.{module}"


def test_load_builtin_nodes_is_idempotent() -> None:
    before = [spec.type for spec in default_registry]
    load_builtin_nodes()
    load_builtin_nodes()
    assert [spec.type for spec in default_registry] == before


@pytest.mark.parametrize("type_id", BUILTIN_TYPES)
def test_builtin_nodes_start_at_version_one(type_id: str) -> None:
    spec = spec_of(type_id)
    assert (spec.version, spec.pack) == ("1.0.0", "builtin")


def test_only_unseeded_random_nodes_are_not_cacheable() -> None:
    uncached = {type_id for type_id in BUILTIN_TYPES if not spec_of(type_id).cacheable}
    assert uncached == {"random_int", "random_float"}


@pytest.mark.parametrize("spec", list(default_registry), ids=lambda spec: spec.type)
def test_every_registered_node_is_documented(spec: NodeSpec) -> None:
    assert spec.description.strip(), f"{spec.type} has no help text"
    for name, field in {**spec.inputs, **spec.outputs}.items():
        assert field.description.strip(), f"{spec.type}.{name} has no description"


@pytest.mark.parametrize("spec", list(default_registry), ids=lambda spec: spec.type)
def test_every_registered_node_schema_is_json(spec: NodeSpec) -> None:
    schema = spec.to_schema()
    assert json.loads(json.dumps(schema)) == schema
    assert set(schema["inputs"]) == set(spec.inputs)
    assert schema["output_type"] == spec.output_class.__name__


def _model_inputs() -> list[tuple[str, str, dict[str, object]]]:
    load_builtin_nodes()
    return [
        (spec.type, name, field.ui)
        for spec in default_registry
        for name, field in spec.inputs.items()
        if "ModelRef" in field.type.split("|")
    ]


def test_model_inputs_are_found() -> None:
    names = {(type_id, name) for type_id, name, _ in _model_inputs()}
    assert {
        ("main_model_loader", "model"),
        ("flux_model_loader", "vae_model"),
        ("ip_adapter", "clip_vision_model"),
    } <= names


@pytest.mark.parametrize(("type_id", "name", "ui"), _model_inputs(), ids=str)
def test_every_model_input_names_the_models_it_takes(type_id: str, name: str, ui: dict[str, object]) -> None:
    """A picker lists only the models an input takes, so every model input says which types (and bases)."""
    types = ui.get("model_types")
    assert isinstance(types, list), f"{type_id}.{name} has no model_types hint"
    assert types, f"{type_id}.{name} takes no model type"
    known = {model_type.value for model_type in ModelType}
    assert set(types) <= known, f"{type_id}.{name}: unknown model types {set(types) - known}"
    bases = ui.get("model_bases") or []
    assert isinstance(bases, list)
    assert set(bases) <= {base.value for base in BaseModelType}, f"{type_id}.{name}: unknown bases {bases}"


def test_model_hints_match_the_loaders_checks() -> None:
    hints = {(type_id, name): ui for type_id, name, ui in _model_inputs()}
    assert hints["sdxl_model_loader", "model"]["model_bases"] == ["sdxl"]
    assert hints["flux_model_loader", "t5_encoder_model"]["model_types"] == ["t5_encoder"]
    assert hints["sd3_model_loader", "vae_model"] == {
        "model_types": ["vae", "main"],
        "model_bases": ["sd-3"],
    }
    assert hints["openpose_detection", "hand_model"]["model_architectures"] == ["openpose_hand"]


def test_the_save_nodes_board_is_picked_from_the_boards() -> None:
    load_builtin_nodes()
    spec = default_registry.get("save_image")
    assert spec is not None
    assert spec.to_schema()["inputs"]["board"]["ui"]["component"] == "board"
