"""The prompt nodes with the real model manager: installed tiny models, embeddings found by name or
trigger word, text-encoder LoRAs, CLIP skip, and the conditioning they store for the denoise node."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from transformers import CLIPTextModel, CLIPTokenizer

from impasto.errors import InvalidInputError
from impasto.generation.sd.cond_data import BasicConditioning, SDXLConditioning, conditioning_from_dict
from impasto.generation.sd.prompts import TextEncoder, encode_sdxl
from impasto.generation.sd.textual_inversion import Embedding
from impasto.graph import BaseNode
from impasto.models.identity import ModelRecord
from impasto.models.records import ModelRecordChanges
from impasto.nodes.refs import CLIPField, LoRARef, ModelRef
from impasto.nodes.sd.prompts import CompelNode, SDXLCompelPromptNode, SDXLRefinerCompelPromptNode
from tests.generation.helpers import DEMO_MODEL, Studio, make_services
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_embedding, write_lora, write_sd1_diffusers, write_sdxl_diffusers

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    built = Studio(make_services(tmp_path_factory.mktemp("root")))
    try:
        yield built
    finally:
        built.services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModelRecord]:
    folder = tmp_path_factory.mktemp("models")
    installed = {
        "sd1": studio.install(write_sd1_diffusers(folder / "tiny-sd1")),
        "sdxl": studio.install(write_sdxl_diffusers(folder / "tiny-sdxl")),
        "refiner": studio.install(write_sdxl_diffusers(folder / "tiny-refiner", refiner=True)),
        "demo": studio.install(DEMO_MODEL),
        "shiny": studio.install(write_embedding(folder / "shiny-style.safetensors", vectors=2)),
        "glossy": studio.install(write_embedding(folder / "glossy.pt", vectors=3), name="glossy v2"),
        "wide": studio.install(write_embedding(folder / "wide.safetensors", base="sd-2")),
        "xl-style": studio.install(write_embedding(folder / "xl-style.safetensors", base="sdxl")),
        "lora": studio.install(write_lora(folder / "te-lora.safetensors", base="sd-1")),
    }
    changes = ModelRecordChanges(trigger_words=["<Glossy>"])
    installed["glossy"] = studio.services.models.update(installed["glossy"].key, changes)
    return installed


def clip(record: ModelRecord, second: bool = False, **extra: Any) -> CLIPField:
    suffix = "_2" if second else ""
    return CLIPField(
        tokenizer=ModelRef(key=record.key, submodel=f"tokenizer{suffix}"),
        text_encoder=ModelRef(key=record.key, submodel=f"text_encoder{suffix}"),
        **extra,
    )


def run(studio: Studio, node: BaseNode) -> Any:
    """Invoke ``node`` and read back what it stored."""
    return conditioning_from_dict(studio.tensor(studio.invoke(node).conditioning.conditioning_name))


def sd1_embeds(studio: Studio, models: dict[str, ModelRecord], prompt: str, **extra: Any) -> torch.Tensor:
    stored = run(studio, CompelNode(id="p", prompt=prompt, clip=clip(models["sd1"], **extra)))
    assert isinstance(stored, BasicConditioning)
    return stored.embeds


def test_compel_stores_the_encoders_output_for_a_plain_prompt(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    embeds = sd1_embeds(studio, models, "a cat on a mat")
    folder = Path(models["sd1"].path)
    tokenizer = CLIPTokenizer.from_pretrained(folder / "tokenizer")
    encoder = CLIPTextModel.from_pretrained(folder / "text_encoder")
    ids = tokenizer("a cat on a mat", padding="max_length", max_length=77, return_tensors="pt").input_ids
    with torch.no_grad():
        expected = encoder(ids)[0]
    assert embeds.shape == (1, 77, 768)
    torch.testing.assert_close(embeds, expected, rtol=0, atol=1e-6)


def test_an_embedding_is_found_by_name_or_trigger_word(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    tokenizer = studio.services.resources.models.load(models["sd1"].key, "tokenizer").model
    size = len(tokenizer)
    plain = sd1_embeds(studio, models, "a cat")
    by_name = sd1_embeds(studio, models, "a <SHINY-style> cat")
    by_word = sd1_embeds(studio, models, "a <glossy> cat")
    assert not torch.allclose(by_name, plain)
    assert not torch.allclose(by_word, plain)
    assert not torch.allclose(by_name, by_word)
    assert len(tokenizer) == size


def test_an_embedding_of_another_base_is_left_as_text(
    studio: Studio, models: dict[str, ModelRecord], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        kept = sd1_embeds(studio, models, "a <wide> cat")
    assert "is for sd-2 models" in caplog.text
    literal = sd1_embeds(studio, models, "a <not-installed> cat")
    assert not torch.allclose(kept, literal)  # different text, encoded as text
    assert kept.shape == literal.shape == (1, 77, 768)


def test_a_text_encoder_lora_changes_the_encoding_and_is_removed_afterwards(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    encoder = studio.services.resources.models.load(models["sd1"].key, "text_encoder").model
    before = {key: value.clone() for key, value in encoder.state_dict().items()}
    lora = ModelRef(key=models["lora"].key)
    plain = sd1_embeds(studio, models, "a cat")
    with_lora = sd1_embeds(studio, models, "a cat", loras=(LoRARef(lora=lora, weight=1.0),))
    off = sd1_embeds(studio, models, "a cat", loras=(LoRARef(lora=lora, weight=0.0),))
    assert not torch.allclose(with_lora, plain)
    torch.testing.assert_close(off, plain)
    for key, value in encoder.state_dict().items():
        assert torch.equal(value, before[key]), key


def test_clip_skip_comes_with_the_clip_field(studio: Studio, models: dict[str, ModelRecord]) -> None:
    def demo(skipped: int) -> torch.Tensor:
        node = CompelNode(id="p", prompt="a red circle", clip=clip(models["demo"], skipped_layers=skipped))
        stored = run(studio, node)
        assert isinstance(stored, BasicConditioning)
        return stored.embeds

    plain, skipped = demo(0), demo(1)
    assert plain.shape == skipped.shape == (1, 16, 64)  # the demo model's window is 16 tokens
    assert not torch.allclose(plain, skipped)
    with pytest.raises(InvalidInputError, match="has only 2"):
        demo(2)


def test_the_sd_node_refuses_an_sdxl_model(studio: Studio, models: dict[str, ModelRecord]) -> None:
    with pytest.raises(InvalidInputError, match="is a sdxl model"):
        run(studio, CompelNode(id="p", prompt="a cat", clip=clip(models["sdxl"])))


def test_sdxl_stores_both_encoders_the_pooled_output_and_the_sizes(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    xl = models["sdxl"]
    node = SDXLCompelPromptNode(
        id="p", prompt="a <xl-style> cat", clip=clip(xl), clip2=clip(xl, second=True), target_width=896
    )
    stored = run(studio, node)
    assert isinstance(stored, SDXLConditioning)
    assert stored.embeds.shape == (1, 77, 2048)
    assert stored.pooled.shape == (1, 1280)
    assert stored.target_size == stored.original_size == (1024, 896)
    assert stored.crop_top_left == (0, 0)
    assert stored.aesthetic_score is None
    cropped = run(
        studio,
        SDXLCompelPromptNode(
            id="p",
            prompt="a cat",
            clip=clip(xl),
            clip2=clip(xl, second=True),
            original_width=512,
            crop_top=32,
        ),
    )
    assert (cropped.original_size, cropped.crop_top_left) == ((1024, 512), (32, 0))


def test_sdxl_applies_an_embeddings_vectors_for_each_encoder(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    xl = models["sdxl"]
    node = SDXLCompelPromptNode(id="p", prompt="a <xl-style> cat", clip=clip(xl), clip2=clip(xl, second=True))
    stored = run(studio, node)
    source = studio.services.resources.models
    vectors = source.load(models["xl-style"].key).model.embeddings
    embedding = Embedding("xl-style", dict(vectors))
    first = TextEncoder(source.load(xl.key, "tokenizer"), source.load(xl.key, "text_encoder"), xl.base)
    second = TextEncoder(
        source.load(xl.key, "tokenizer_2"), source.load(xl.key, "text_encoder_2"), xl.base, "text_encoder_2"
    )
    first.embeddings = second.embeddings = [embedding]
    expected = encode_sdxl(first, second, "a <xl-style> cat")
    torch.testing.assert_close(stored.embeds, expected.embeds)
    first.embeddings = second.embeddings = []
    assert not torch.allclose(stored.embeds, encode_sdxl(first, second, "a <xl-style> cat").embeds)


def test_the_refiner_encodes_with_its_one_encoder_and_an_aesthetic_score(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    refiner = clip(models["refiner"], second=True)
    positive = run(studio, SDXLRefinerCompelPromptNode(id="p", style="a cat", clip2=refiner))
    negative = run(studio, SDXLRefinerCompelPromptNode(id="n", style="", clip2=refiner, aesthetic_score=2.5))
    assert isinstance(positive, SDXLConditioning)
    assert positive.embeds.shape == (1, 77, 1280)
    assert positive.pooled.shape == (1, 1280)
    assert (positive.aesthetic_score, negative.aesthetic_score) == (6.0, 2.5)
    assert negative.embeds.any()  # the refiner encodes an empty prompt rather than using zeros


def txt2img(prompt: str, key: str, seed: int = 3) -> GraphBuilder:
    """The demo model's text-to-image graph with the prompt nodes feeding the denoise node."""
    return (
        GraphBuilder()
        .add("model", "main_model_loader", model={"key": key})
        .add("skip", "clip_skip", skipped_layers=0)
        .add("positive", "compel", prompt=prompt)
        .add("negative", "compel", prompt="blurry")
        .add("noise", "noise", seed=seed, width=64, height=64)
        .add("denoise", "denoise_latents", steps=3, cfg_scale=5.0, scheduler="euler")
        .add("decode", "l2i")
        .edge("model.clip", "skip.clip")
        .edge("skip.clip", "positive.clip")
        .edge("skip.clip", "negative.clip")
        .edge("positive.conditioning", "denoise.positive_conditioning")
        .edge("negative.conditioning", "denoise.negative_conditioning")
        .edge("model.unet", "denoise.unet")
        .edge("model.vae", "noise.vae")
        .edge("noise.latents", "denoise.noise")
        .edge("denoise.latents", "decode.latents")
        .edge("model.vae", "decode.vae")
    )


def test_the_conditioning_drives_the_denoise_node_in_a_graph(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    key = models["demo"].key

    def render(prompt: str) -> np.ndarray:
        output = studio.run(txt2img(prompt, key))["decode"]
        return np.asarray(studio.image(output["image"]), dtype=np.int16)

    red, red_again, blue = render("a red circle"), render("a red circle"), render("a (blue square)1.3")
    assert np.array_equal(red, red_again)
    assert np.abs(red - blue).mean() > 1


def test_the_sdxl_prompt_nodes_connect_to_the_loaders(studio: Studio, models: dict[str, ModelRecord]) -> None:
    graph = (
        GraphBuilder()
        .add("base", "sdxl_model_loader", model={"key": models["sdxl"].key})
        .add("refiner", "sdxl_refiner_model_loader", model={"key": models["refiner"].key})
        .add("prompt", "sdxl_compel_prompt", prompt="a cat", style="watercolor")
        .add("refine", "sdxl_refiner_compel_prompt", style="a cat")
        .edge("base.clip", "prompt.clip")
        .edge("base.clip2", "prompt.clip2")
        .edge("refiner.clip2", "refine.clip2")
    )
    outputs = studio.run(graph)
    base = conditioning_from_dict(studio.tensor(outputs["prompt"]["conditioning"]["conditioning_name"]))
    refine = conditioning_from_dict(studio.tensor(outputs["refine"]["conditioning"]["conditioning_name"]))
    assert isinstance(base, SDXLConditioning)
    assert isinstance(refine, SDXLConditioning)
    assert (base.embeds.shape[-1], refine.embeds.shape[-1]) == (2048, 1280)


def test_installing_an_embedding_invalidates_cached_prompt_results(
    studio: Studio, models: dict[str, ModelRecord], tmp_path: Path
) -> None:
    services = studio.services
    graph = (
        GraphBuilder()
        .add("model", "main_model_loader", model={"key": models["sd1"].key})
        .add("prompt", "compel", prompt="a <late-style> cat")
        .edge("model.clip", "prompt.clip")
    )

    def embeds() -> torch.Tensor:
        outputs = services.executor.run(graph.build(), services.execution_services()).outputs()
        stored = conditioning_from_dict(studio.tensor(outputs["prompt"]["conditioning"]["conditioning_name"]))
        assert isinstance(stored, BasicConditioning)
        return stored.embeds

    before = embeds()
    torch.testing.assert_close(embeds(), before)
    late = studio.install(write_embedding(tmp_path / "late-style.safetensors"))
    try:
        assert not torch.allclose(embeds(), before)
    finally:
        services.models.delete(late.key)
    torch.testing.assert_close(embeds(), before)
