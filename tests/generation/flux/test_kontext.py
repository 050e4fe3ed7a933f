"""FLUX.1 Kontext against diffusers' ``FluxKontextPipeline`` on a tiny model: the reference image's
encoding and resizing, and the denoise loop with the reference's tokens appended.

Both sides get the same prompt embeddings, initial noise and reference image; latents are compared
unpacked, (1, 16, h, w). The reference has another size than the output, so that its position ids are
checked too.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.flux.conditioning import FluxConditioning
from impasto.generation.flux.kontext import kontext_tokens, resized_reference
from impasto.generation.flux.loop import FluxLoopInputs, FluxSettings, denoise_flux
from impasto.generation.flux.packing import pack, unpack
from impasto.generation.flux.schedule import make_flow_scheduler
from impasto.generation.noise import make_noise
from impasto.generation.vae import encode, image_to_tensor
from impasto.sampling.kontext import kontext_size
from tests.generation.flux.test_equivalence import evaluating
from tests.models.factory.folders import flux_pipeline

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CPU = torch.device("cpu")
SEED = 1234
STEPS = 4
SIZE = 64
SEQ = 32


@pytest.fixture(scope="module")
def kontext() -> Any:
    return evaluating(flux_pipeline("kontext"))


def encoded(pipe: Any, prompt: str) -> FluxConditioning:
    embeds, pooled, _ = pipe.encode_prompt(prompt, None, device=CPU, max_sequence_length=SEQ)
    return FluxConditioning(t5_embeds=embeds, clip_pooled=pooled)


def reference_image(width: int = 48, height: int = 32) -> Image.Image:
    rng = np.random.default_rng(3)
    return Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8), mode="RGB")


def noise() -> torch.Tensor:
    return make_noise(SEED, width=SIZE, height=SIZE, channels=16)


def ours(pipe: Any, cond: FluxConditioning, reference: torch.Tensor | None, **kwargs: Any) -> torch.Tensor:
    config = dict(pipe.scheduler.config)
    settings = FluxSettings(steps=STEPS, guidance=2.5, cfg_scale=kwargs.pop("cfg_scale", 1.0))
    inputs = FluxLoopInputs(cond, settings, noise=noise(), reference=reference, **kwargs)
    return denoise_flux(pipe.transformer, make_flow_scheduler("euler", config), config, inputs)


def theirs(pipe: Any, cond: FluxConditioning, image: Image.Image, **kwargs: Any) -> torch.Tensor:
    packed = pipe(
        image=image, prompt_embeds=cond.t5_embeds, pooled_prompt_embeds=cond.clip_pooled,
        latents=pack(noise()), height=SIZE, width=SIZE, max_area=SIZE * SIZE, _auto_resize=False,
        num_inference_steps=STEPS, guidance_scale=2.5, output_type="latent", **kwargs,
    ).images  # fmt: skip
    return unpack(packed, SIZE // 8, SIZE // 8)


def reference_latents(pipe: Any, image: Image.Image) -> torch.Tensor:
    return encode(pipe.vae, image_to_tensor(resized_reference(image, preferred=False)), CPU)


def test_kontext_matches_flux_kontext_pipeline(kontext: Any) -> None:
    cond = encoded(kontext, "make it red")
    image = reference_image()
    latents = ours(kontext, cond, reference_latents(kontext, image))
    torch.testing.assert_close(latents, theirs(kontext, cond, image), atol=1e-4, rtol=1e-4)
    assert not torch.allclose(latents, ours(kontext, cond, None), atol=1e-3)


def test_kontext_with_true_cfg_matches_flux_kontext_pipeline(kontext: Any) -> None:
    cond, negative = encoded(kontext, "make it red"), encoded(kontext, "blurry")
    image = reference_image(32, 48)
    latents = ours(kontext, cond, reference_latents(kontext, image), negative=negative, cfg_scale=2.0)
    expected = theirs(
        kontext, cond, image, true_cfg_scale=2.0,
        negative_prompt_embeds=negative.t5_embeds, negative_pooled_prompt_embeds=negative.clip_pooled,
    )  # fmt: skip
    torch.testing.assert_close(latents, expected, atol=1e-4, rtol=1e-4)


def test_reference_preparation_matches_diffusers(kontext: Any) -> None:
    """Resized (Lanczos) and normalised as the pipeline's image processor does, then encoded to the mean."""
    image = reference_image(40, 56)
    width, height = kontext_size(40, 56, preferred=False)
    assert (width, height) == (32, 48)
    processor = kontext.image_processor
    expected = processor.preprocess(processor.resize(image, height, width), height, width)
    ours_ = image_to_tensor(resized_reference(image, preferred=False))
    torch.testing.assert_close(ours_, expected, atol=1e-6, rtol=0)
    with torch.no_grad():
        theirs_ = kontext._encode_vae_image(expected, generator=None)
    torch.testing.assert_close(encode(kontext.vae, ours_, CPU), theirs_, atol=1e-5, rtol=1e-5)


def test_reference_tokens_carry_position_ids_with_first_coordinate_one() -> None:
    latents = torch.randn(1, 16, 4, 6)  # a 48 x 32 image: 2 x 3 tokens
    reference = kontext_tokens(latents, CPU, torch.float32)
    assert reference.tokens.shape == (1, 6, 64)
    assert reference.ids.tolist() == [[1, r, c] for r in range(2) for c in range(3)]


@pytest.mark.parametrize(
    ("size", "preferred", "expected"),
    [
        ((64, 64), True, (1024, 1024)),
        ((300, 200), True, (1248, 832)),
        ((200, 300), True, (832, 1248)),
        ((4000, 1000), True, (1568, 672)),
        ((50, 40), False, (48, 32)),
        ((1024, 1024), False, (1024, 1024)),
    ],
)
def test_kontext_sizes(size: tuple[int, int], preferred: bool, expected: tuple[int, int]) -> None:
    assert kontext_size(*size, preferred=preferred) == expected


def test_too_small_a_reference_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="at least 16 pixels"):
        kontext_size(10, 40, preferred=False)


def test_fill_models_refuse_a_reference(kontext: Any) -> None:
    cond = encoded(kontext, "make it red")
    fill = torch.zeros(1, (SIZE // 16) ** 2, 320)
    with pytest.raises(InvalidInputError, match="Fill model cannot take a Kontext reference"):
        ours(kontext, cond, torch.zeros(1, 16, 4, 4), fill=fill)


def test_a_reference_is_resized_to_the_closest_trained_size() -> None:
    resized = resized_reference(reference_image(48, 32).convert("RGBA"), preferred=True)
    assert (resized.size, resized.mode) == ((1248, 832), "RGB")
    image = reference_image(48, 32)
    assert np.array_equal(np.asarray(resized_reference(image, preferred=False)), np.asarray(image))
