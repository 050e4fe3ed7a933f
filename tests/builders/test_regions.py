"""Regional prompts and IP-Adapter reference images in the standard graphs: two-region SD 1.x and SDXL
requests compared with snapshots (``snapshots/regions``), what the graph connects, the graphs valid for the
registered nodes, and the 422s naming the field (masks of the wrong size or not stored, an adapter that is
not an IP-Adapter of the model's base, families without regions).
Run this module as a script (``python -m tests.builders.test_regions``) to write the snapshots again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from impasto.builders import GenerateRequest, GenerateRequestError, GenerationPlan, plan_generation
from impasto.graph import default_registry
from impasto.graph.validation import GraphValidationError
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import ModelType
from tests.builders.test_snapshots import IMAGES, RECORDS, XL, _record, snapshot
from tests.builders.test_snapshots import SD1 as SD1_REQUEST
from tests.builders.test_snapshots_flow import FLOW_RECORDS, FlowSources

SNAPSHOTS = Path(__file__).parent / "snapshots" / "regions"
ADAPTERS = [
    _record("IP", "sd-1", "ip_adapter"),
    _record("XL IP", "sdxl", "ip_adapter"),
    _record("Redux", "flux", "flux_redux"),
]
REGION_IMAGES = {"left": (64, 64), "right": (64, 64), "small": (32, 32), "face": (48, 48)}


class RegionSources(FlowSources):
    """The fixed installation with IP-Adapters and half masks."""

    def models(self, ref: str) -> list[ModelRecord]:
        return [r for r in [*RECORDS, *FLOW_RECORDS, *ADAPTERS] if ref in (r.key, r.name)]

    def installed(self, model_type: ModelType) -> list[ModelRecord]:
        every = [*RECORDS, *FLOW_RECORDS, *ADAPTERS]
        return sorted((r for r in every if r.type is model_type), key=lambda r: r.name)

    def image_size(self, name: str) -> tuple[int, int] | None:
        return REGION_IMAGES.get(name) or IMAGES.get(name)


def two_regions(adapter: str) -> dict[str, Any]:
    return {
        "regions": [
            {"mask": "left", "prompt": "a red circle", "negative_prompt": "blue", "auto_negative": True,
             "reference_images": [{"image": "face", "model": adapter, "weight": 0.6, "method": "style"}]},
            {"mask": "right", "prompt": "a blue square"},
        ],
        "reference_images": [{"image": "face", "model": adapter, "begin": 0.2, "end": 0.9}],
    }  # fmt: skip


CASES: dict[str, dict[str, Any]] = {
    "sd1_regions": {**SD1_REQUEST, "width": 64, "height": 64, **two_regions("IP")},
    "sdxl_regions_inpaint": {
        **XL, "init_image": "square", "mask": "mask", **two_regions("XL IP"),
    },
    "sd1_negative_region_only": {**SD1_REQUEST, "width": 64, "height": 64,
                                 "regions": [{"mask": "left", "negative_prompt": "red"}]},
    "sdxl_regions_refiner": {
        **XL, "width": 64, "height": 64, "refiner": {"model": "Refiner", "start": 0.8},
        "regions": [
            {"mask": "left", "prompt": "a red circle", "negative_prompt": "blue", "auto_negative": True},
            {"mask": "right", "prompt": "a blue square"},
        ],
    },
    "flux_regions": {"prompt": "a garden", "model": "FLUX Dev", "seed": 7, "width": 64, "height": 64,
                     "regions": [{"mask": "left", "prompt": "a red circle"},
                                 {"mask": "right", "prompt": "a blue square"}]},
    "flux_redux": {"prompt": "a garden", "model": "FLUX Dev", "seed": 7, "width": 64, "height": 64,
                   "reference_images": [{"image": "face", "model": "Redux", "weight": 0.8}],
                   "regions": [{"mask": "left", "prompt": "a red circle",
                                "reference_images": [{"image": "face", "model": "Redux",
                                                      "image_influence": "medium"}]}]},
    "flux_regions_true_cfg": {"prompt": "a garden", "model": "FLUX Dev", "seed": 7, "width": 64, "height": 64,
                              "cfg_scale": 2.0, "negative_prompt": "blurry",
                              "regions": [{"mask": "left", "prompt": "a red circle", "auto_negative": True,
                                           "negative_prompt": "blue"}]},
}  # fmt: skip


def plan(**fields: Any) -> GenerationPlan:
    return plan_generation(GenerateRequest(**fields), RegionSources())


def build(name: str) -> str:
    return snapshot(plan(**CASES[name]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_matches_its_snapshot(name: str) -> None:
    path = SNAPSHOTS / f"{name}.json"
    assert path.is_file(), f"no snapshot {path.name}; write them with python -m tests.builders.test_regions"
    assert build(name) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_is_valid_for_the_nodes(name: str) -> None:
    import impasto.nodes  # noqa: F401  (registers the built-in nodes)

    try:
        plan_generation(GenerateRequest(**CASES[name]), RegionSources(), default_registry)
    except GraphValidationError as exc:
        problems = [issue.message for issue in exc.issues if "is not a valid image name" not in issue.message]
        assert problems == []


def _sources_of(graph: dict[str, Any], node_id: str, field: str) -> list[str]:
    return [
        edge["source"]["node_id"]
        for edge in graph["edges"]
        if edge["destination"] == {"node_id": node_id, "field": field}
    ]


def test_two_regions_are_collected_with_their_masks() -> None:
    graph = plan(**CASES["sd1_regions"]).graph.model_dump(mode="json")
    nodes = graph["nodes"]
    assert _sources_of(graph, "denoise", "positive_conditioning") == ["positive_collect"]
    assert _sources_of(graph, "positive_collect", "item") == [
        "positive",
        "region_0_positive",
        "region_1_positive",
    ]
    assert _sources_of(graph, "negative_collect", "item") == ["negative", "region_0_negative"]
    assert _sources_of(graph, "region_0_positive", "mask") == ["region_0_mask"]
    assert _sources_of(graph, "region_0_negative", "mask") == ["region_0_mask"]
    assert nodes["region_0_positive"]["auto_negative"] is True
    assert "auto_negative" not in nodes["region_1_positive"]
    assert "auto_negative" not in nodes["region_0_negative"]
    assert nodes["region_1_mask"]["image"] == {"image_name": "right"}
    assert _sources_of(graph, "denoise", "ip_adapter") == ["ip_adapters"]
    assert _sources_of(graph, "ip_adapters", "item") == ["reference_0", "region_0_reference_0"]
    assert _sources_of(graph, "region_0_reference_0", "mask") == ["region_0_mask"]
    assert _sources_of(graph, "reference_0", "mask") == []
    assert nodes["reference_0"]["begin_step_percent"] == 0.2
    assert nodes["region_0_reference_0"]["method"] == "style"
    extra = nodes["metadata"]["base"]["extra"]
    assert [region["prompt"] for region in extra["regions"]] == ["a red circle", "a blue square"]
    assert extra["regions"][0]["reference_images"][0]["model"]["name"] == "IP"
    assert extra["reference_images"][0]["image"] == "face"


def test_without_regions_nothing_is_added() -> None:
    graph = plan(**SD1_REQUEST).graph
    assert not {"positive_collect", "negative_collect", "ip_adapters"} & set(graph.nodes)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"regions": [{"mask": "small", "prompt": "x"}]}, "regions[0].mask", "is 32x32; the image is 64x64"),
        ({"regions": [{"mask": "left", "prompt": "x"}, {"mask": "gone", "prompt": "y"}]},
         "regions[1].mask", "no stored image named 'gone'"),
        ({"regions": [{"mask": "left"}]}, "regions[0]", "give the region a prompt"),
        ({"reference_images": [{"image": "face", "model": "LoRA"}]},
         "reference_images[0].model", "not an IP-Adapter for sd-1"),
        ({"reference_images": [{"image": "face", "model": "XL IP"}]},
         "reference_images[0].model", "is a sdxl ip_adapter model"),
        ({"regions": [{"mask": "left", "prompt": "x", "reference_images": [{"image": "face", "model": "IP",
                                                                            "begin": 0.5, "end": 0.4}]}]},
         "regions[0].reference_images[0].begin", "is after end"),
        ({"reference_images": [{"image": "nowhere", "model": "IP"}]},
         "reference_images[0].image", "no stored image"),
    ],
)  # fmt: skip
def test_bad_regions_are_refused_naming_the_field(fields: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(GenerateRequestError, match=message) as caught:
        plan(**{**SD1_REQUEST, "width": 64, "height": 64, **fields})
    assert caught.value.details["field"] == field


@pytest.mark.parametrize("field", ["regions", "reference_images"])
def test_families_without_regions_refuse_them(field: str) -> None:
    value = [{"mask": "left", "prompt": "x"}] if field == "regions" else [{"image": "face", "model": "IP"}]
    what = field.replace("_", " ")
    with pytest.raises(
        GenerateRequestError, match=f"^{field}: {what} are not supported for sd-3 models yet"
    ) as caught:
        plan(prompt="x", model="SD3", width=64, height=64, **{field: value})
    assert caught.value.details["field"] == field


def test_flux_regions_connect_masked_prompts() -> None:
    graph = plan(**CASES["flux_regions_true_cfg"]).graph
    nodes = graph.nodes
    assert nodes["region_0_positive"]["type"] == "flux_text_encoder"
    assert [e.source.node_id for e in graph.edges if e.destination.node_id == "negative_collect"] == [
        "negative", "region_0_negative"
    ]  # fmt: skip
    masks = {e.destination.node_id for e in graph.edges if e.source.node_id == "region_0_mask"}
    assert masks == {"region_0_positive", "region_0_negative"}


def test_flux_reference_images_go_through_redux() -> None:
    graph = plan(**CASES["flux_redux"]).graph
    nodes = graph.nodes
    assert (nodes["reference_0"]["type"], nodes["reference_0"]["weight"]) == ("flux_redux", 0.8)
    assert nodes["reference_0"]["downsampling_factor"] == 1
    assert nodes["region_0_reference_0"]["downsampling_factor"] == 3
    masked = {e.destination.node_id for e in graph.edges if e.source.node_id == "region_0_reference_0_mask"}
    assert masked == {"region_0_reference_0"}
    into = [e.destination for e in graph.edges if e.source.node_id == "reduxes"]
    assert [(d.node_id, d.field) for d in into] == [("denoise", "redux_conditioning")]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"model": "IP"}, "reference_images[0].model", "not a FLUX Redux model for flux models"),
        ({"model": "Redux", "weight": 1.5}, "reference_images[0].weight", "a weight from 0 to 1"),
        ({"model": "Redux", "begin": 0.2}, "reference_images[0].begin", "applies at every step"),
        ({"model": "Redux", "method": "style"}, "reference_images[0].method", "use image_influence"),
    ],
)
def test_bad_flux_reference_images_are_refused(fields: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(GenerateRequestError, match=message) as caught:
        plan(
            prompt="x", model="FLUX Dev", width=64, height=64, reference_images=[{"image": "face", **fields}]
        )
    assert caught.value.details["field"] == field


def test_image_influence_is_refused_for_ip_adapters() -> None:
    refs = [{"image": "face", "model": "IP", "image_influence": "low"}]
    with pytest.raises(GenerateRequestError, match="image_influence is for FLUX Redux") as caught:
        plan(**{**SD1_REQUEST, "width": 64, "height": 64, "reference_images": refs})
    assert caught.value.details["field"] == "reference_images[0].image_influence"


def test_the_sdxl_refiner_reads_the_regions_too() -> None:
    graph = plan(**CASES["sdxl_regions_refiner"]).graph
    into = {e.source.node_id: e.destination.node_id for e in graph.edges if e.source.field == "conditioning"}
    assert into["refiner_region_0_positive"] == "refiner_positive_collect"
    assert into["refiner_region_0_negative"] == "refiner_negative_collect"
    assert into["refiner_region_1_positive"] == "refiner_positive_collect"
    assert graph.nodes["refiner_region_0_positive"]["auto_negative"] is True
    masks = {e.destination.node_id for e in graph.edges if e.source.node_id == "region_0_mask"}
    assert {"refiner_region_0_positive", "refiner_region_0_negative"} <= masks


@pytest.mark.parametrize("field", ["negative_prompt", "auto_negative"])
def test_flux_region_negatives_need_true_cfg(field: str) -> None:
    region = {"mask": "left", "prompt": "x", field: "blue" if field == "negative_prompt" else True}
    with pytest.raises(GenerateRequestError, match="only with true CFG") as caught:
        plan(prompt="x", model="FLUX Dev", width=64, height=64, regions=[region])
    assert caught.value.details["field"] == f"regions[0].{field}"


def write() -> None:
    """Write every case's snapshot (after a change to the graphs that is meant)."""
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for path in SNAPSHOTS.glob("*.json"):
        path.unlink()
    for name in CASES:
        (SNAPSHOTS / f"{name}.json").write_text(build(name), encoding="utf-8")


if __name__ == "__main__":
    write()
