"""Every scheduler name, built from real models' scheduler configs, runs denoise steps."""

from __future__ import annotations

import json
from typing import Any

import pytest
import torch
from diffusers import UNet2DConditionModel

from impasto.errors import InvalidInputError
from impasto.generation.noise import make_noise, step_generator
from impasto.generation.schedulers import make_scheduler
from impasto.generation.sd.cond_batch import batch_conditioning
from impasto.generation.sd.cond_data import BasicConditioning, SDXLConditioning
from impasto.generation.sd.loop import DenoiseSettings, LoopInputs, denoise
from impasto.sampling.schedulers import SCHEDULER_NAMES, UnknownSchedulerError
from tests.generation.helpers import DEMO_MODEL
from tests.models.factory.folders import sd1_pipeline, sdxl_pipeline

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CPU = torch.device("cpu")
INVOKEAI_NAMES = [
    "ddim",
    "ddpm",
    "deis",
    "deis_k",
    "lms",
    "lms_k",
    "pndm",
    "heun",
    "heun_k",
    "euler",
    "euler_k",
    "euler_a",
    "kdpm_2",
    "kdpm_2_k",
    "kdpm_2_a",
    "kdpm_2_a_k",
    "dpmpp_2s",
    "dpmpp_2s_k",
    "dpmpp_2m",
    "dpmpp_2m_k",
    "dpmpp_2m_sde",
    "dpmpp_2m_sde_k",
    "dpmpp_3m",
    "dpmpp_3m_k",
    "dpmpp_sde",
    "dpmpp_sde_k",
    "unipc",
    "unipc_k",
    "lcm",
    "tcd",
]


@pytest.fixture(scope="module")
def models() -> dict[str, tuple[Any, Any, bool]]:
    """(UNet, scheduler config, is SDXL) of the demo model and the tiny SD 1.x and SDXL models."""
    load: Any = UNet2DConditionModel.from_pretrained
    demo_unet = load(DEMO_MODEL / "unet", dtype=torch.float32)
    demo_config = json.loads((DEMO_MODEL / "scheduler" / "scheduler_config.json").read_text())
    sd1, sdxl = sd1_pipeline(), sdxl_pipeline()
    return {
        "demo": (demo_unet.eval(), demo_config, False),
        "sd-1": (sd1.unet, sd1.scheduler.config, False),
        "sdxl": (sdxl.unet, sdxl.scheduler.config, True),
    }


def conditioning(unet: Any, sdxl: bool) -> tuple[Any, Any]:
    generator = torch.Generator().manual_seed(1)
    width = unet.config.cross_attention_dim

    def one() -> Any:
        embeds = torch.randn(1, 16, width, generator=generator)
        if not sdxl:
            return BasicConditioning(embeds)
        return SDXLConditioning(embeds, torch.randn(1, 1280, generator=generator), (64, 64), (0, 0), (64, 64))

    return one(), one()


def test_the_names_are_invokeais() -> None:
    assert sorted(SCHEDULER_NAMES) == sorted(INVOKEAI_NAMES)


@pytest.mark.parametrize("model", ["demo", "sd-1", "sdxl"])
def test_every_scheduler_runs_two_steps(models: dict[str, tuple[Any, Any, bool]], model: str) -> None:
    unet, config, sdxl = models[model]
    positive, negative = conditioning(unet, sdxl)
    cond = batch_conditioning(positive, negative, unet.config, device=CPU, dtype=torch.float32)
    side = 16 * 4 if model == "demo" else 64
    factor = 4 if model == "demo" else 8
    noise = make_noise(3, width=side, height=side, factor=factor)
    for name in SCHEDULER_NAMES:
        scheduler = make_scheduler(name, config, seed=3)
        settings = DenoiseSettings(steps=2, cfg_scale=4.0, seed=3)
        result = denoise(
            unet, scheduler, LoopInputs(cond, noise, None, settings), generator=step_generator(3, CPU)
        )
        assert result.shape == noise.shape, name
        assert torch.isfinite(result).all(), name
        assert not torch.equal(result, noise), name


def test_the_model_config_is_kept_and_the_overrides_applied(models: dict[str, tuple[Any, Any, bool]]) -> None:
    _, config, _ = models["demo"]  # DPM-Solver++ 2M, trailing timesteps, SD betas
    euler_k = make_scheduler("euler_k", config)
    assert type(euler_k).__name__ == "EulerDiscreteScheduler"
    assert euler_k.config.use_karras_sigmas is True
    assert euler_k.config.timestep_spacing == "trailing"
    assert euler_k.config.beta_end == config["beta_end"]
    sde = make_scheduler("dpmpp_2m_sde", config)
    assert (sde.config.algorithm_type, sde.config.solver_order) == ("sde-dpmsolver++", 2)
    assert make_scheduler("dpmpp_3m", config).config.solver_order == 3
    assert make_scheduler("dpmpp_sde", config, seed=42).config.noise_sampler_seed == 42
    assert (
        make_scheduler("ddim", config, prediction_type="v_prediction").config.prediction_type
        == "v_prediction"
    )


def test_an_unknown_name_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownSchedulerError) as info:
        make_scheduler("euler_b", {})
    assert isinstance(info.value, InvalidInputError)
    assert "unknown scheduler 'euler_b'" in info.value.message
    assert "dpmpp_2m_k" in info.value.message
