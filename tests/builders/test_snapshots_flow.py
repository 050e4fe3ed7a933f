"""The graphs of FLUX and SD 3.5 requests, compared with JSON snapshots kept in ``snapshots/flow/``.

The same fixed installation as :mod:`tests.builders.test_snapshots`, plus FLUX models (a diffusers folder of
each variant, Kontext too, a transformer-only file, an all-in-one file), separate T5, CLIP-L and FLUX VAE
models, a FLUX LoRA and SD 3.5 models. Run this module as a script
(``python -m tests.builders.test_snapshots_flow``) to write its snapshots again after a change to the graphs
that is meant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from impasto.builders import GenerateRequest, plan_generation
from impasto.graph import default_registry
from impasto.graph.validation import GraphValidationError
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import ModelType
from tests.builders.test_snapshots import RECORDS, Sources, _record, snapshot

SNAPSHOTS = Path(__file__).parent / "snapshots" / "flow"


def _file(record: ModelRecord, fmt: str = "checkpoint") -> ModelRecord:
    return record.model_copy(update={"format": fmt})


FLOW_RECORDS = [
    _record("FLUX Dev", "flux", "main", variant="dev"),
    _record("FLUX Schnell", "flux", "main", variant="schnell"),
    _record("FLUX Fill", "flux", "main", variant="fill"),
    _record("FLUX Kontext", "flux", "main", variant="kontext"),
    _file(_record("FLUX File", "flux", "main", variant="dev", layout="bfl")),
    _file(_record("FLUX GGUF", "flux", "main", variant="schnell", layout="bfl"), "gguf"),
    _file(_record("FLUX AIO", "flux", "main", variant="dev", bundled=["vae", "clip_l", "t5xxl"])),
    _record("T5", "any", "t5_encoder", width=4096),
    _record("CLIP-L", "any", "clip_embed", width=768),
    _record("CLIP-G", "any", "clip_embed", width=1280),
    _record("FLUX VAE", "flux", "vae"),
    _record("FLUX LoRA", "flux", "lora"),
    _record("SD3", "sd-3", "main", variant="medium", t5=True),
    _file(
        _record(
            "SD3 File",
            "sd-3",
            "main",
            variant="large",
            components=["transformer", "vae", "text_encoder", "text_encoder_2"],
        )
    ),
]


class FlowSources(Sources):
    """The fixed installation with the FLUX and SD 3 models."""

    def models(self, ref: str) -> list[ModelRecord]:
        return [r for r in [*RECORDS, *FLOW_RECORDS] if ref in (r.key, r.name)]

    def installed(self, model_type: ModelType) -> list[ModelRecord]:
        return sorted((r for r in [*RECORDS, *FLOW_RECORDS] if r.type is model_type), key=lambda r: r.name)


DEV = {"prompt": "a red circle", "seed": 7, "model": "FLUX Dev"}
SD3 = {"prompt": "a red circle", "negative_prompt": "blur", "seed": 7, "model": "SD3"}
CASES: dict[str, dict[str, Any]] = {
    "flux_txt2img": {**DEV, "width": 64, "height": 48, "count": 2, "guidance": 4.0},
    "flux_defaults": {**DEV},
    "flux_true_cfg_lora": {
        **DEV, "prompt": "a {red|blue} circle", "negative_prompt": "blur", "cfg_scale": 3.5,
        "scheduler": "heun", "steps": 12, "loras": [{"model": "FLUX LoRA", "weight": 0.6}],
    },
    "flux_schnell": {**DEV, "model": "FLUX Schnell", "guidance": 5.0},
    "flux_single_file": {**DEV, "model": "FLUX File"},
    "flux_gguf_chosen_parts": {
        **DEV, "model": "FLUX GGUF", "t5_encoder": "T5", "clip_embed": "CLIP-L", "vae": "FLUX VAE",
    },
    "flux_all_in_one": {**DEV, "model": "FLUX AIO"},
    "flux_img2img": {**DEV, "init_image": "wide", "width": 64, "height": 64, "strength": 0.6},
    "flux_inpaint": {**DEV, "init_image": "square", "mask": "mask", "mask_blur": 4},
    "flux_fill_inpaint": {**DEV, "model": "FLUX Fill", "init_image": "square", "mask": "mask"},
    "flux_fill_outpaint": {**DEV, "model": "FLUX Fill", "init_image": "square", "outpaint": {"left": 16}},
    "flux_kontext_edit": {**DEV, "model": "FLUX Kontext", "prompt": "make it red", "reference_image": "wide"},
    "flux_kontext_img2img": {
        **DEV, "model": "FLUX Kontext", "reference_image": "square", "init_image": "wide", "strength": 0.7,
    },
    "flux_hires_latent": {**DEV, "width": 48, "height": 48, "hires_fix": {"scale": 1.5, "strength": 0.4}},
    "flux_hires_upscaler": {**DEV, "hires_fix": {"scale": 2, "upscaler": "ESRGAN", "steps": 3}},
    "sd3_txt2img": {**SD3, "count": 2, "cfg_scale": 4.5, "scheduler": "heun"},
    "sd3_img2img": {**SD3, "init_image": "square", "strength": 0.5},
    "sd3_hires": {**SD3, "hires_fix": {"scale": 1.5}},
    "sd3_file_with_t5": {**SD3, "model": "SD3 File", "t5_encoder": "T5", "clip_embed": "CLIP-L"},
}  # fmt: skip


def build(name: str) -> str:
    return snapshot(plan_generation(GenerateRequest(**CASES[name]), FlowSources()))


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_matches_its_snapshot(name: str) -> None:
    path = SNAPSHOTS / f"{name}.json"
    assert path.is_file(), (
        f"no snapshot {path.name}; write them with python -m tests.builders.test_snapshots_flow"
    )
    assert build(name) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_is_valid_for_the_nodes(name: str) -> None:
    """Every node type, input, edge and value of the graph is one the registered nodes take (but the
    fixed installation's image names, which are not real ones)."""
    import impasto.nodes  # noqa: F401  (registers the built-in nodes)

    try:
        plan_generation(GenerateRequest(**CASES[name]), FlowSources(), default_registry)
    except GraphValidationError as exc:
        problems = [issue.message for issue in exc.issues if "is not a valid image name" not in issue.message]
        assert problems == []


def test_every_snapshot_has_a_case() -> None:
    assert sorted(path.stem for path in SNAPSHOTS.glob("*.json")) == sorted(CASES)


def write() -> None:
    """Write every case's snapshot (after a change to the graphs that is meant)."""
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for path in SNAPSHOTS.glob("*.json"):
        path.unlink()
    for name in CASES:
        (SNAPSHOTS / f"{name}.json").write_text(build(name), encoding="utf-8")


if __name__ == "__main__":
    write()
