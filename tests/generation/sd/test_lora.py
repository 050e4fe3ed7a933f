"""LoRAs applied for the duration of a run: every file style finds its layers, the output changes exactly as
diffusers' own LoRA loading changes it, and the model's weights are bit-identical afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch

from impasto.generation.sd.lora import LoRAIncompatibleError, apply_loras, lora_layers
from impasto.models.loaders.adapters import LoraModel, lora_style
from impasto.models.loaders.files import read_state_dict
from impasto.models.taxonomy import BaseModelType
from tests.models.factory import components as c
from tests.models.factory import write_lora
from tests.models.factory.folders import sd1_pipeline, sdxl_pipeline

torch.set_num_threads(1)
BASES = {"sd-1": BaseModelType.SD1, "sdxl": BaseModelType.SDXL}


def load_lora(tmp_path: Path, base: str, style: str, seed: int = 0) -> LoraModel:
    path = write_lora(tmp_path / f"{base}-{style}-{seed}.safetensors", style=style, base=base, seed=seed)  # type: ignore[arg-type]
    state = read_state_dict(path)
    return LoraModel(state, lora_style(state), BASES[base])


def snapshot(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {name: tensor.clone() for name, tensor in module.state_dict().items()}


def identical(module: torch.nn.Module, before: dict[str, torch.Tensor]) -> bool:
    return all(torch.equal(before[name], tensor) for name, tensor in module.state_dict().items())


def unet_call(unet: Any, sdxl: bool) -> torch.Tensor:
    generator = torch.Generator().manual_seed(0)
    sample = torch.randn(1, 4, 8, 8, generator=generator)
    embeds = torch.randn(1, 77, unet.config.cross_attention_dim, generator=generator)
    kwargs: dict[str, Any] = {}
    if sdxl:
        pooled = torch.randn(1, c.SDXL_G_WIDTH, generator=generator)
        kwargs["added_cond_kwargs"] = {
            "text_embeds": pooled,
            "time_ids": torch.tensor([[64.0, 64, 0, 0, 64, 64]]),
        }
    with torch.no_grad():
        result: torch.Tensor = unet(sample, 500, embeds, **kwargs).sample
    return result


@pytest.mark.parametrize("style", ["kohya", "peft", "loha", "lokr"])
@pytest.mark.parametrize("base", ["sd-1", "sdxl"])
def test_every_layer_of_every_style_is_patched_and_restored(tmp_path: Path, base: str, style: str) -> None:
    lora = load_lora(tmp_path, base, style)
    torch.manual_seed(0)
    parts: dict[str, torch.nn.Module] = {
        "unet": c.sdxl_unet() if base == "sdxl" else c.sd_unet(c.SD1_TEXT_WIDTH),
        "text_encoder": c.clip_text(c.SD1_TEXT_WIDTH),
    }
    if base == "sdxl":
        parts["text_encoder_2"] = c.clip_text_projected()
    for prefix, module in parts.items():
        before = snapshot(module)
        layers = lora_layers(lora, prefix)  # type: ignore[arg-type]
        assert layers, f"the {style} file adapts no {prefix} layer"
        with apply_loras(module, [(lora, 1.0)], prefix, base=BASES[base]) as patched:  # type: ignore[arg-type]
            assert patched == len(layers)
            changed = sum(not torch.equal(before[name], t) for name, t in module.state_dict().items())
            assert changed == len(layers)
        assert identical(module, before)


@pytest.mark.parametrize("style", ["kohya", "peft"])
@pytest.mark.parametrize("base", ["sd-1", "sdxl"])
def test_output_matches_diffusers_lora_loading(tmp_path: Path, base: str, style: str) -> None:
    """Kohya keys (SDXL: original block names) and PEFT keys land on the same layers, with the same
    scale, as diffusers' ``load_lora_weights`` puts them."""
    pipe = sdxl_pipeline() if base == "sdxl" else sd1_pipeline()
    lora = load_lora(tmp_path, base, style, seed=5)
    plain = unet_call(pipe.unet, base == "sdxl")
    before = snapshot(pipe.unet)
    with apply_loras(pipe.unet, [(lora, 3.0)], "unet"):
        ours = unet_call(pipe.unet, base == "sdxl")
    assert identical(pipe.unet, before)
    pipe.load_lora_weights(dict(lora.state_dict), adapter_name="tested")
    pipe.set_adapters(["tested"], [3.0])
    theirs = unet_call(pipe.unet, base == "sdxl")
    assert (ours - plain).abs().max() > 1e-3  # the LoRA does something
    torch.testing.assert_close(ours, theirs, atol=2e-5, rtol=0)


def test_strength_zero_changes_nothing_and_loras_stack(tmp_path: Path) -> None:
    torch.manual_seed(0)
    unet = c.sd_unet(c.SD1_TEXT_WIDTH)
    first, second = load_lora(tmp_path, "sd-1", "kohya", 1), load_lora(tmp_path, "sd-1", "lokr", 2)
    plain = unet_call(unet, False)
    with apply_loras(unet, [(first, 0.0)], "unet") as patched:
        assert patched == 0
        assert torch.equal(unet_call(unet, False), plain)
    with apply_loras(unet, [(first, 2.0)], "unet"):
        one = unet_call(unet, False)
    with apply_loras(unet, [(first, 2.0), (second, 2.0)], "unet"):
        both = unet_call(unet, False)
    assert not torch.equal(one, plain)
    assert not torch.equal(both, one)
    assert torch.equal(unet_call(unet, False), plain)


def test_a_lora_of_another_base_is_refused_before_anything_changes(tmp_path: Path) -> None:
    torch.manual_seed(0)
    unet = c.sd_unet(c.SD1_TEXT_WIDTH)
    before = snapshot(unet)
    xl = load_lora(tmp_path, "sdxl", "kohya")
    refused = pytest.raises(LoRAIncompatibleError, match="sdxl models and cannot be applied to a sd-1 model")
    with refused, apply_loras(unet, [(xl, 1.0)], "unet", base=BaseModelType.SD1):
        pass
    unfit = pytest.raises(LoRAIncompatibleError, match="different model architecture")
    with unfit, apply_loras(unet, [(xl, 1.0)], "unet"):  # no base given: the layer names do not fit
        pass
    assert identical(unet, before)


def test_weights_are_restored_when_the_run_fails(tmp_path: Path) -> None:
    torch.manual_seed(0)
    unet = c.sd_unet(c.SD1_TEXT_WIDTH)
    before = snapshot(unet)
    lora = load_lora(tmp_path, "sd-1", "loha")
    with pytest.raises(RuntimeError, match="boom"), apply_loras(unet, [(lora, 1.0)], "unet"):
        raise RuntimeError("boom")
    assert identical(unet, before)


def test_layers_of_other_shapes_are_refused_and_nothing_stays_patched(tmp_path: Path) -> None:
    """An SD 2.x LoRA has the SD 1.x layer names but other widths."""
    torch.manual_seed(0)
    unet = c.sd_unet(c.SD1_TEXT_WIDTH)
    before = snapshot(unet)
    path = write_lora(tmp_path / "sd2.safetensors", style="kohya", base="sd-2")
    state = read_state_dict(path)
    sd2 = LoraModel(state, lora_style(state), BaseModelType.SD1)  # mislabelled: the shapes must catch it
    with (
        pytest.raises(LoRAIncompatibleError, match="different model"),
        apply_loras(unet, [(sd2, 1.0)], "unet"),
    ):
        pass
    assert identical(unet, before)
