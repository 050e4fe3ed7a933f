"""The generate request's learned preprocessors: each choice runs its node with an installed preprocessor
model (the one named, else the first that fits), and every mistake is an error naming the field."""

from __future__ import annotations

from typing import Any

import pytest

from impasto.builders import GenerateRequestError
from impasto.builders.request import PREPROCESSOR_NODES
from impasto.graph import default_registry
from impasto.models.identity import ModelRecord
from impasto.models.starters import STARTER_MODELS
from impasto.nodes.preprocessors_learned import MODEL_NEEDS
from tests.builders.conftest import Models, plan, run, saved
from tests.generation.helpers import Studio, pattern
from tests.models.factory import write_depth_anything, write_hed, write_pidinet

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
LEARNED = ("depth", "normal", "hed", "lineart", "lineart_anime", "pidi", "mlsd", "openpose")


@pytest.fixture(scope="module")
def annotators(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModelRecord]:
    folder = tmp_path_factory.mktemp("builder-annotators")
    return {
        "depth": studio.install(write_depth_anything(folder / "depth"), name="B Depth"),
        "depth_first": studio.install(write_depth_anything(folder / "depth-2"), name="A Depth"),
        "hed": studio.install(write_hed(folder / "ControlNetHED.pth"), name="HED"),
        "pidi": studio.install(write_pidinet(folder / "table5_pidinet.pth"), name="PiDiNet"),
    }


@pytest.fixture(scope="module")
def source(studio: Studio) -> str:
    return studio.services.images.save(pattern(64, seed=4), intermediate=False)


def unit(models: Models, source: str, **fields: Any) -> dict[str, Any]:
    return {"model": models.controlnet.key, "image": source, **fields}


def refused(studio: Studio, field: str, **fields: Any) -> str:
    with pytest.raises(GenerateRequestError) as info:
        plan(studio, prompt="a cat", width=64, height=64, **fields)
    assert info.value.details["field"] == field, info.value.message
    assert info.value.message.startswith(f"{field}: ")
    return info.value.message


def test_every_learned_choice_has_a_node_and_a_starter_model() -> None:
    starters = {starter.source for starter in STARTER_MODELS}
    for choice in LEARNED:
        node_type = PREPROCESSOR_NODES[choice]
        spec = default_registry.get(node_type)
        assert spec is not None
        assert spec.type == node_type
        assert MODEL_NEEDS[node_type].source in starters


def test_depth_builds_validates_and_runs_with_the_first_depth_model_by_name(
    studio: Studio, models: Models, annotators: dict[str, ModelRecord], source: str
) -> None:
    depth = unit(models, source, preprocessor="depth", preprocessor_options={"detect_resolution": 64})
    generation = plan(
        studio,
        prompt="a cat",
        model=models.sd1.key,
        width=64,
        height=64,
        steps=2,
        seed=3,
        controlnets=[depth],
    )
    node = generation.graph.nodes["controlnet_0_preprocessor"]
    assert node["type"] == "depth_anything_depth_estimation"
    assert node["model"] == {"key": annotators["depth_first"].key}  # "A Depth" before "B Depth"
    outputs = run(studio, generation)
    assert "controlnet_0_preprocessor" in outputs["executed_nodes"]
    assert saved(studio, outputs).size == (64, 64)


def test_a_named_preprocessor_model_is_used_for_controlnets_and_adapters(
    studio: Studio, models: Models, annotators: dict[str, ModelRecord], source: str
) -> None:
    hed = unit(
        models, source, preprocessor="hed", preprocessor_model="HED", preprocessor_options={"safe": True}
    )
    adapter = {"model": models.adapter.key, "image": source, "preprocessor": "normal"}
    adapter["preprocessor_model"] = annotators["depth"].key
    generation = plan(
        studio,
        prompt="a cat",
        model=models.sd1.key,
        width=64,
        height=64,
        controlnets=[hed],
        t2i_adapters=[adapter],
    )
    nodes = generation.graph.nodes
    assert nodes["controlnet_0_preprocessor"]["model"] == {"key": annotators["hed"].key}
    assert nodes["controlnet_0_preprocessor"]["safe"] is True
    assert nodes["t2i_adapter_0_preprocessor"]["type"] == "normal_map"
    assert nodes["t2i_adapter_0_preprocessor"]["model"] == {"key": annotators["depth"].key}


def test_learned_preprocessor_mistakes_name_the_field(
    studio: Studio, models: Models, annotators: dict[str, ModelRecord], source: str
) -> None:
    field = "controlnets[0].preprocessor_model"
    sd1 = {"model": models.sd1.key}
    wrong = refused(
        studio,
        field,
        **sd1,
        controlnets=[unit(models, source, preprocessor="depth", preprocessor_model="HED")],
    )
    assert "'HED' is not a Depth Anything or DPT depth estimator" in wrong
    assert "install a Depth Anything or DPT depth estimator (LiheYoung/depth-anything-small-hf)" in wrong
    missing = refused(studio, field, **sd1, controlnets=[unit(models, source, preprocessor="mlsd")])
    assert "no installed model can run the mlsd preprocessor" in missing
    assert "lllyasviel/Annotators::mlsd_large_512_fp32.pth) — see the starter models" in missing
    unknown = refused(
        studio, field, **sd1, controlnets=[unit(models, source, preprocessor="pidi", preprocessor_model="?")]
    )
    assert "no installed model has the key or name '?'" in unknown
    needless = refused(
        studio,
        field,
        **sd1,
        controlnets=[unit(models, source, preprocessor="canny", preprocessor_model="HED")],
    )
    assert "canny needs none" in needless
    options = "controlnets[0].preprocessor_options"
    reserved = unit(models, source, preprocessor="hed", preprocessor_options={"model": {"key": "x"}})
    assert "model cannot be set here" in refused(studio, options, **sd1, controlnets=[reserved])
    steep = unit(models, source, preprocessor="normal", preprocessor_options={"strength": -1})
    refused(studio, f"{options}.strength", **sd1, controlnets=[steep])
