"""FLUX LoRAs in the three key layouts: each changes the output, and each patches exactly the weights that
merging it would give (PEFT: the run equals a run of the merged model; kohya: checked in BFL's own layout
through the factory's converter; XLabs: against diffusers' own conversion and fuse)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import torch
from safetensors.torch import load_file

from impasto.generation.flux.conditioning import FluxConditioning
from impasto.generation.flux.loop import FluxLoopInputs, FluxSettings, denoise_flux
from impasto.generation.flux.lora import FluxLoRAError, apply_flux_loras
from impasto.generation.flux.schedule import make_flow_scheduler
from impasto.generation.noise import make_noise
from impasto.models.loaders.adapters import LoraModel, lora_style
from impasto.models.taxonomy import BaseModelType
from tests.generation.flux.test_equivalence import evaluating
from tests.models.factory.flux import flux_to_bfl
from tests.models.factory.folders import flux_pipeline
from tests.models.factory.lora import write_lora

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CPU = torch.device("cpu")
WIDTH = 32  # the tiny transformer's inner width (2 heads of 16)


@pytest.fixture(scope="module")
def pipe() -> Any:
    return evaluating(flux_pipeline("dev"))


def lora_of(state: dict[str, torch.Tensor]) -> LoraModel:
    return LoraModel(state, lora_style(state), BaseModelType.FLUX)


def run(pipe: Any, transformer: Any) -> torch.Tensor:
    embeds, pooled, _ = pipe.encode_prompt("a red circle", None, device=CPU, max_sequence_length=16)
    config = dict(pipe.scheduler.config)
    inputs = FluxLoopInputs(
        FluxConditioning(embeds, pooled),
        FluxSettings(steps=2),
        noise=make_noise(3, width=32, height=32, channels=16),
    )
    return denoise_flux(transformer, make_flow_scheduler("euler", config), config, inputs)


def weights(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {name: tensor.detach().clone() for name, tensor in module.state_dict().items()}


def test_peft_lora_equals_the_merged_model_and_is_undone(pipe: Any, tmp_path: Path) -> None:
    lora = lora_of(load_file(write_lora(tmp_path / "peft.safetensors", style="peft", base="flux", seed=1)))
    before = weights(pipe.transformer)
    plain = run(pipe, pipe.transformer)
    with apply_flux_loras(pipe.transformer, [(lora, 0.8)], "transformer") as patched:
        adapted = run(pipe, pipe.transformer)
    assert patched > 0
    merged = copy.deepcopy(pipe.transformer)
    with torch.no_grad():
        for key, down in lora.state_dict.items():
            if key.endswith(".lora_A.weight"):
                path = key.removeprefix("transformer.").removesuffix(".lora_A.weight")
                up = lora.state_dict[key.replace("lora_A", "lora_B")]
                merged.get_submodule(path).weight += 0.8 * (up @ down)
    assert not torch.allclose(adapted, plain, atol=1e-4)
    torch.testing.assert_close(adapted, run(pipe, merged), atol=1e-5, rtol=1e-5)
    after = weights(pipe.transformer)
    assert all(torch.equal(before[name], after[name]) for name in before)


def test_kohya_lora_splits_fused_layers_as_bfl_stacks_them(pipe: Any, tmp_path: Path) -> None:
    state = load_file(write_lora(tmp_path / "kohya.safetensors", style="kohya", base="flux", seed=2))
    generator = torch.Generator().manual_seed(4)
    for layer, out_features, in_features in (
        ("lora_unet_final_layer_adaLN_modulation_1", 2 * WIDTH, WIDTH),
        ("lora_unet_double_blocks_0_img_mlp_0", 4 * WIDTH, WIDTH),
    ):
        state[f"{layer}.lora_down.weight"] = torch.randn(4, in_features, generator=generator) * 0.05
        state[f"{layer}.lora_up.weight"] = torch.randn(out_features, 4, generator=generator) * 0.05
        state[f"{layer}.alpha"] = torch.tensor(2.0)
    lora = lora_of(state)
    expected = flux_to_bfl(pipe.transformer.state_dict())
    for key in state:
        if key.endswith(".lora_down.weight"):
            layer = key.removesuffix(".lora_down.weight")
            bfl = layer.removeprefix("lora_unet_")
            name = next(k for k in expected if k.replace(".", "_") == f"{bfl}_weight")
            expected[name] = expected[name] + 0.5 * lora.layer_delta(layer)
    plain = run(pipe, pipe.transformer)
    with apply_flux_loras(pipe.transformer, [(lora, 0.5)], "transformer"):
        patched = flux_to_bfl(pipe.transformer.state_dict())
        adapted = run(pipe, pipe.transformer)
    assert not torch.allclose(adapted, plain, atol=1e-4)
    for name, tensor in expected.items():
        torch.testing.assert_close(patched[name], tensor, atol=1e-6, rtol=1e-6, msg=name)


def xlabs_state() -> dict[str, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    state = {}
    for stream in ("1", "2"):
        for kind, out_features in (("qkv", 3 * WIDTH), ("proj", WIDTH)):
            prefix = f"double_blocks.0.processor.{kind}_lora{stream}"
            state[f"{prefix}.down.weight"] = torch.randn(4, WIDTH, generator=generator) * 0.1
            state[f"{prefix}.up.weight"] = torch.randn(out_features, 4, generator=generator) * 0.1
    return state


def test_xlabs_lora_matches_diffusers_fused_weights(pipe: Any) -> None:
    lora = lora_of(xlabs_state())
    assert lora.style == "xlabs"
    reference = evaluating(flux_pipeline("dev"))
    reference.load_lora_weights(xlabs_state())
    reference.fuse_lora(lora_scale=1.0)
    reference.unload_lora_weights()
    fused = weights(reference.transformer)
    plain = run(pipe, pipe.transformer)
    with apply_flux_loras(pipe.transformer, [(lora, 1.0)], "transformer") as patched:
        ours = weights(pipe.transformer)
        adapted = run(pipe, pipe.transformer)
    assert patched == 8  # q, k, v and the output projection of both streams
    assert not torch.allclose(adapted, plain, atol=1e-4)
    for name, tensor in fused.items():
        torch.testing.assert_close(ours[name], tensor, atol=1e-6, rtol=1e-6, msg=name)


def test_clip_lora_changes_the_pooled_embedding_and_sd_loras_are_refused(pipe: Any, tmp_path: Path) -> None:
    state = load_file(write_lora(tmp_path / "te.safetensors", style="kohya", base="sd-1", seed=5))
    text_only = lora_of({k: v for k, v in state.items() if k.startswith("lora_te_")})
    ids = pipe.tokenizer("a red circle", padding="max_length", max_length=77, return_tensors="pt").input_ids
    with torch.no_grad():
        plain = pipe.text_encoder(ids).pooler_output
        with apply_flux_loras(pipe.text_encoder, [(text_only, 1.0)], "clip") as patched:
            adapted = pipe.text_encoder(ids).pooler_output
    assert patched > 0
    assert not torch.allclose(plain, adapted)
    unet_only = lora_of({k: v for k, v in state.items() if k.startswith("lora_unet_")})
    with (
        pytest.raises(FluxLoRAError, match="not in this FLUX model"),
        apply_flux_loras(pipe.transformer, [(unet_only, 1.0)], "transformer"),
    ):
        pass
