"""SD 3.5 generation: prompt encoding and the denoise loop against diffusers' pipelines, cancellation,
and a whole graph through the engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from diffusers import StableDiffusion3Img2ImgPipeline, StableDiffusion3Pipeline

from impasto.generation.runtime import Part, StepHooks
from impasto.generation.sd3.conditioning import SD3Conditioning
from impasto.generation.sd3.denoise import SD3DenoiseRequest, run_sd3_denoise
from impasto.generation.sd3.sampling import SD3Settings
from impasto.generation.sd3.text import Encoder, SD3TextSpec, run_sd3_text_encoder
from impasto.graph import CanceledError
from tests.generation.helpers import Studio, make_services
from tests.graph.stubs import GraphBuilder
from tests.models.factory.sd3 import write_sd3_checkpoint, write_sd3_diffusers

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")
PROMPT = "a photo of a red cat"
NEGATIVE = "blue dog"
TOLERANCE = 1e-4


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("sd3") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sd3-models")
    return {
        "medium": write_sd3_diffusers(root / "medium"),
        "large": write_sd3_diffusers(root / "large", variant="large", t5=False),
    }


@pytest.fixture(scope="module")
def keys(studio: Studio, folders: dict[str, Path]) -> dict[str, str]:
    return {name: studio.install(folder).key for name, folder in folders.items()}


def _pipeline(folder: Path, **components: Any) -> Any:
    load: Any = StableDiffusion3Pipeline.from_pretrained
    return load(folder, **components)


def _spec(key: str, *, t5: bool) -> SD3TextSpec:
    def parts(suffix: str) -> Encoder:
        return Encoder(Part(key, f"tokenizer{suffix}"), Part(key, f"text_encoder{suffix}"))

    return SD3TextSpec(parts(""), parts("_2"), parts("_3") if t5 else None)


def _encode(studio: Studio, key: str, prompt: str, *, t5: bool = True) -> SD3Conditioning:
    return run_sd3_text_encoder(studio.services.resources.models, _spec(key, t5=t5), prompt, StepHooks())


@pytest.mark.parametrize("name", ["medium", "large"])
def test_prompt_encoding_matches_diffusers(
    studio: Studio, folders: dict[str, Path], keys: dict[str, str], name: str
) -> None:
    without_t5: dict[str, Any] = {"text_encoder_3": None, "tokenizer_3": None} if name == "large" else {}
    pipe = _pipeline(folders[name], **without_t5)
    ours = _encode(studio, keys[name], PROMPT, t5=name == "medium")
    with torch.no_grad():
        embeds, _, pooled, _ = pipe.encode_prompt(PROMPT, None, None, do_classifier_free_guidance=False)
    joint = ours.joint(pipe.transformer.config.joint_attention_dim)
    assert joint.shape == embeds.shape == (1, 77 + 256, 4096)
    assert torch.allclose(joint, embeds, atol=1e-6)
    assert torch.allclose(ours.pooled, pooled, atol=1e-6)
    assert (ours.t5_embeds is None) == (name == "large")


def _noise(seed: int, size: int = 32) -> torch.Tensor:
    return torch.randn((1, 16, size // 8, size // 8), generator=torch.Generator().manual_seed(seed))


def _request(
    studio: Studio, key: str, settings: SD3Settings, *, t5: bool = True, **tensors: Any
) -> SD3DenoiseRequest:
    return SD3DenoiseRequest(
        transformer=Part(key, "transformer"),
        scheduler=Part(key, "scheduler"),
        positive=_encode(studio, key, PROMPT, t5=t5),
        negative=_encode(studio, key, NEGATIVE, t5=t5),
        settings=settings,
        **tensors,
    )


def _pipeline_kwargs(pipe: Any, steps: int) -> dict[str, Any]:
    with torch.no_grad():
        embeds, negative, pooled, negative_pooled = pipe.encode_prompt(
            PROMPT, None, None, negative_prompt=NEGATIVE, do_classifier_free_guidance=True
        )
    return {
        "prompt_embeds": embeds,
        "negative_prompt_embeds": negative,
        "pooled_prompt_embeds": pooled,
        "negative_pooled_prompt_embeds": negative_pooled,
        "num_inference_steps": steps,
        "guidance_scale": 5.0,
        "output_type": "latent",
    }


def test_text_to_image_matches_the_pipeline(
    studio: Studio, folders: dict[str, Path], keys: dict[str, str]
) -> None:
    noise = _noise(3)
    request = _request(studio, keys["medium"], SD3Settings(steps=3, cfg_scale=5.0), noise=noise)
    ours = run_sd3_denoise(studio.services.resources.models, request, StepHooks())
    pipe = _pipeline(folders["medium"])
    theirs = pipe(latents=noise.clone(), height=32, width=32, **_pipeline_kwargs(pipe, 3)).images
    assert ours.shape == theirs.shape == (1, 16, 4, 4)
    assert torch.allclose(ours, theirs, atol=TOLERANCE), (ours - theirs).abs().max()


def test_image_to_image_matches_the_pipeline(
    studio: Studio, folders: dict[str, Path], keys: dict[str, str]
) -> None:
    image_latents, noise = _noise(5), _noise(6)
    settings = SD3Settings(steps=4, cfg_scale=5.0, denoising_start=0.5)
    request = _request(studio, keys["medium"], settings, noise=noise, latents=image_latents)
    ours = run_sd3_denoise(studio.services.resources.models, request, StepHooks())
    img2img: Any = StableDiffusion3Img2ImgPipeline
    pipe = img2img(**_pipeline(folders["medium"]).components)
    generator = torch.Generator().manual_seed(6)  # the pipeline draws its noise like _noise(6)
    theirs = pipe(
        image=image_latents.clone(), strength=0.5, generator=generator, **_pipeline_kwargs(pipe, 4)
    ).images
    assert torch.allclose(ours, theirs, atol=TOLERANCE), (ours - theirs).abs().max()


def test_a_run_ending_where_another_starts_hands_over(studio: Studio, keys: dict[str, str]) -> None:
    models, noise = studio.services.resources.models, _noise(7)
    whole = run_sd3_denoise(
        models, _request(studio, keys["medium"], SD3Settings(steps=4), noise=noise), StepHooks()
    )
    first = run_sd3_denoise(
        models,
        _request(studio, keys["medium"], SD3Settings(steps=4, denoising_end=0.5), noise=noise),
        StepHooks(),
    )
    second = SD3Settings(steps=4, denoising_start=0.5)
    rest = run_sd3_denoise(models, _request(studio, keys["medium"], second, latents=first), StepHooks())
    assert torch.allclose(rest, whole, atol=1e-6)


def test_every_step_checks_for_cancellation_and_reports(studio: Studio, keys: dict[str, str]) -> None:
    seen: list[float] = []

    def check() -> None:
        if len(seen) == 2:
            raise CanceledError("canceled")

    hooks = StepHooks(progress=lambda percent, _message, image: seen.append(percent), check_cancel=check)
    request = _request(studio, keys["large"], SD3Settings(steps=4, cfg_scale=1.0), t5=False, noise=_noise(8))
    with pytest.raises(CanceledError):
        run_sd3_denoise(studio.services.resources.models, request, hooks)
    assert seen == [25.0, 50.0]


def test_guidance_needs_a_negative_prompt(studio: Studio, keys: dict[str, str]) -> None:
    from impasto.errors import InvalidInputError

    request = _request(studio, keys["large"], SD3Settings(steps=1), t5=False, noise=_noise(1))
    request.negative = None
    with pytest.raises(InvalidInputError, match="negative conditioning"):
        run_sd3_denoise(studio.services.resources.models, request, StepHooks())


def _graph(model_key: str, *, t5: bool = True) -> GraphBuilder:
    graph = (
        GraphBuilder()
        .add("model", "sd3_model_loader", model={"key": model_key})
        .add("pos", "sd3_text_encoder", prompt=PROMPT)
        .add("neg", "sd3_text_encoder", prompt=NEGATIVE)
        .add("noise", "noise", seed=4, width=32, height=32)
        .add("denoise", "sd3_denoise", steps=2, cfg_scale=4.0)
        .add("decode", "sd3_l2i")
    )
    for prompt in ("pos", "neg"):
        graph.edge("model.clip_l", f"{prompt}.clip_l").edge("model.clip_g", f"{prompt}.clip_g")
        if t5:
            graph.edge("model.t5_encoder", f"{prompt}.t5_encoder")
    return (
        graph.edge("model.vae", "noise.vae")
        .edge("model.transformer", "denoise.transformer")
        .edge("pos.conditioning", "denoise.positive_conditioning")
        .edge("neg.conditioning", "denoise.negative_conditioning")
        .edge("noise.latents", "denoise.noise")
        .edge("denoise.latents", "decode.latents")
        .edge("model.vae", "decode.vae")
    )


def test_graph_generates_an_image(studio: Studio, keys: dict[str, str]) -> None:
    outputs = studio.run(_graph(keys["medium"]))
    image = studio.image(outputs["decode"]["image"])
    assert image.size == (32, 32)
    latents = studio.latents(outputs["denoise"]["latents"])
    assert latents.shape == (1, 16, 4, 4)
    assert torch.isfinite(latents).all()


def test_graph_with_a_single_file_matches_the_folder(
    studio: Studio, folders: dict[str, Path], keys: dict[str, str], tmp_path: Path
) -> None:
    file = write_sd3_checkpoint(tmp_path / "sd3.5_medium.safetensors", source=folders["medium"])
    from impasto.models.probe import identify
    from tests.models.test_loaders import make_record

    details = {**identify(file).details, "config_path": str(folders["medium"])}  # the tiny architecture
    record = studio.services.models.add(
        make_record(file, "sd-3", "checkpoint", variant="medium", details=details)
    )
    from_file = studio.run(_graph(record.key))["denoise"]["latents"]
    from_folder = studio.run(_graph(keys["medium"]))["denoise"]["latents"]
    assert torch.equal(studio.latents(from_file), studio.latents(from_folder))


def test_the_sd3_vae_gets_the_published_preview_map(folders: dict[str, Path]) -> None:
    from diffusers import AutoencoderKL

    from impasto.generation.sd3.denoise import SD3_FACTORS, sd3_preview
    from impasto.models.configs import config_folder

    shipped: Any = AutoencoderKL.load_config(config_folder("sd35-large") / "vae")
    found = sd3_preview(type("Config", (), shipped)())
    assert found is not None
    assert found.weights == SD3_FACTORS
    tiny: Any = AutoencoderKL.load_config(folders["medium"] / "vae")
    assert sd3_preview(type("Config", (), tiny)()) is None  # a VAE of other widths gets a fitted map
