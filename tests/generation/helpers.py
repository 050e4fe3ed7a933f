"""Shared pieces of the generation tests: a studio over real services with tiny real models installed.

:class:`Studio` holds the services of one temporary root. Models (the factory's tiny SD 1.x / SDXL
folders, ControlNets, LoRAs..., or the bundled demo model) are installed in place through the model
installer and then loaded through the real loader and cache. Nodes are run either through the engine
(:meth:`Studio.run`) or invoked directly with a real node context (:meth:`Studio.invoke`), and prompts can
be encoded the way diffusers' pipelines encode them (:meth:`Studio.conditioning`), which keeps these tests
independent of the prompt nodes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
from PIL import Image

from impasto.config import load_config
from impasto.generation.sd.cond_data import BasicConditioning, Conditioning, SDXLConditioning
from impasto.graph import BaseNode, CancelToken, NodeContext
from impasto.graph.context import Progress
from impasto.models.identity import ModelRecord
from impasto.models.install.place import SilentSink, install_files
from impasto.nodes.refs import ConditioningField, LatentsField
from impasto.nodes.types import ImageField
from impasto.services import Services, build_services
from tests.graph.stubs import GraphBuilder

DEMO_MODEL = Path(__file__).parents[2] / "src" / "impasto" / "models" / "bundled" / "impasto-shapes"


def make_services(root: Path, **overrides: Any) -> Services:
    """Services over a fresh root (no bundled model installed), on the CPU."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "impasto.yaml").write_text("install_bundled_models: false\n")
    config = load_config(root, {"device": "cpu", **overrides}, environ={})
    return build_services(config, load_packs=False)


class Studio:
    """Services plus the helpers the generation tests share."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.progress: list[tuple[str, Progress]] = []
        self.cancel = CancelToken()

    def install(self, path: Path, name: str | None = None) -> ModelRecord:
        """Install a model file or folder in place and return its record."""
        return install_files(
            self.services.models, path, placement="inplace", source=str(path), source_type="path",
            sink=SilentSink(), name=name,
        )  # fmt: skip

    def context(self, node_type: str = "test") -> NodeContext:
        """A real node context (tensors, images, models, progress into :attr:`progress`)."""
        execution = self.services.execution_services(cancel=self.cancel, progress=self._progress)
        return NodeContext(execution, "node", node_type)

    def _progress(self, node_id: str, node_type: str, progress: Progress) -> None:
        self.progress.append((node_type, progress))

    def invoke(self, node: BaseNode) -> Any:
        """Run one node with a real context and return its output model."""
        return node.invoke(self.context(node.spec.type))

    def run(self, graph: GraphBuilder) -> dict[str, Any]:
        """Run a graph through the engine (no result cache) and return its outputs as JSON."""
        from impasto.graph import Executor

        execution = self.services.execution_services(cancel=self.cancel, progress=self._progress)
        outputs: dict[str, Any] = (
            Executor(self.services.registry, None).run(graph.build(), execution).outputs()
        )
        return outputs

    def tensor(self, name: str) -> Any:
        return self.services.resources.tensors.load(name)

    def latents(self, field: LatentsField | dict[str, Any]) -> torch.Tensor:
        name = field.latents_name if isinstance(field, LatentsField) else field["latents_name"]
        value: torch.Tensor = self.tensor(name)
        return value

    def store_latents(self, latents: torch.Tensor, seed: int | None = None, factor: int = 8) -> LatentsField:
        name = self.services.resources.tensors.save(latents)
        return LatentsField(latents_name=name, seed=seed, scale_factor=factor)

    def save_image(self, image: Image.Image) -> ImageField:
        return ImageField(image_name=self.services.resources.images.save(image))

    def image(self, field: ImageField | dict[str, Any]) -> Image.Image:
        name = field.image_name if isinstance(field, ImageField) else field["image_name"]
        return self.services.resources.images.load(name)

    def conditioning(
        self, key: str, prompt: str, *, sdxl: bool = False, refiner: bool = False, size: int = 64
    ) -> ConditioningField:
        """``prompt`` encoded with the model's own text encoder(s) as diffusers' pipelines encode it."""
        stored: Conditioning
        if refiner:
            embeds, pooled = self.encode(key, prompt, "_2")
            stored = SDXLConditioning(embeds, pooled, (size, size), (0, 0), (size, size))
        elif not sdxl:
            stored = BasicConditioning(embeds=self.encode(key, prompt, "")[0])
        else:
            first, _ = self.encode(key, prompt, "")
            second, pooled = self.encode(key, prompt, "_2")
            embeds = torch.cat([first, second], dim=-1)
            stored = SDXLConditioning(embeds, pooled, (size, size), (0, 0), (size, size))
        name = self.services.resources.tensors.save(stored.to_dict())
        return ConditioningField(conditioning_name=name)

    def encode(self, key: str, prompt: str, suffix: str) -> tuple[torch.Tensor, torch.Tensor]:
        """(per-token embeddings, pooled) from ``text_encoder<suffix>``; SDXL-style penultimate layer for
        the SDXL encoders, last layer for SD."""
        models = self.services.resources.models
        tokenizer = models.load(key, f"tokenizer{suffix}").model
        encoder = models.load(key, f"text_encoder{suffix}").model
        ids = tokenizer(prompt, padding="max_length", max_length=tokenizer.model_max_length, truncation=True)
        with torch.no_grad():
            output = encoder(torch.tensor([ids.input_ids]), output_hidden_states=True)
        sdxl = self.services.models.get(key).base.value.startswith("sdxl")
        hidden = output.hidden_states[-2] if sdxl else output.last_hidden_state
        pooled = output.text_embeds if hasattr(output, "text_embeds") else output.pooler_output
        return hidden, pooled


def solid(color: tuple[int, int, int], size: int = 64) -> Image.Image:
    return Image.new("RGB", (size, size), color)


def pattern(size: int = 64, seed: int = 0) -> Image.Image:
    """A seeded image with structure (blocks of random colors), to encode and compare."""
    generator = torch.Generator().manual_seed(seed)
    blocks = torch.randint(0, 256, (size // 8, size // 8, 3), generator=generator, dtype=torch.uint8)
    array = blocks.repeat_interleave(8, 0).repeat_interleave(8, 1).numpy()
    return Image.fromarray(array, mode="RGB")


def unet_hook(studio: Studio, key: str, hook: Callable[..., Any]) -> Any:
    """Register a forward hook on a cached UNet; returns the handle (remove it!)."""
    unet = studio.services.resources.models.load(key, "unet").model
    return unet.register_forward_hook(hook)


# --- Prompt encoding: tiny real text encoders held in a real model cache ------------------------------


def cached(key: str, model: Any) -> Any:
    """``model`` put into a CPU model cache and handed out as the loader does (a ``LoadedModel``)."""
    from impasto.models.loaders.service import LoadedModel

    cache = _prompt_cache()
    cache.put(key, None, model)
    return LoadedModel(key, None, model, cache)


@functools.cache
def _prompt_cache() -> Any:
    from impasto.models.cache import ModelCache

    return ModelCache(ram_budget_bytes=2**30, device_budget_bytes=2**30, execution_device="cpu")


def sd1_encoder(seed: int = 0) -> Any:
    """The factory's SD 1.x text encoder (width 768) and tokenizer (window 77), as a ``TextEncoder``."""
    from impasto.generation.sd.prompts import TextEncoder
    from impasto.models.loaders.base import prepare_module
    from impasto.models.taxonomy import BaseModelType
    from tests.models.factory import components as c
    from tests.models.factory.tokenizers import clip_tokenizer

    torch.manual_seed(seed)
    return TextEncoder(
        cached(f"sd1-tokenizer-{seed}", clip_tokenizer()),
        cached(f"sd1-encoder-{seed}", prepare_module(c.clip_text(c.SD1_TEXT_WIDTH))),
        BaseModelType.SD1,
    )


def sdxl_encoders(seed: int = 0) -> tuple[Any, Any]:
    """The factory's SDXL text encoders: CLIP ViT-L width (768) and OpenCLIP bigG width (1280, pooled)."""
    from impasto.generation.sd.prompts import TextEncoder
    from impasto.models.loaders.base import prepare_module
    from impasto.models.taxonomy import BaseModelType
    from tests.models.factory import components as c
    from tests.models.factory.tokenizers import clip_tokenizer

    torch.manual_seed(seed)
    first = TextEncoder(
        cached(f"sdxl-tokenizer-{seed}", clip_tokenizer()),
        cached(f"sdxl-encoder-{seed}", prepare_module(c.clip_text(c.SD1_TEXT_WIDTH))),
        BaseModelType.SDXL,
    )
    second = TextEncoder(
        cached(f"sdxl-tokenizer-2-{seed}", clip_tokenizer(pad_with_eos=False)),
        cached(f"sdxl-encoder-2-{seed}", prepare_module(c.clip_text_projected())),
        BaseModelType.SDXL,
        slot="text_encoder_2",
    )
    return first, second


def token_ids(encoder: Any, text: str) -> torch.Tensor:
    """``text`` tokenized as SD pipelines do: start, end, padded to the window; (1, window)."""
    tokenizer = encoder.tokenizer.model
    batch = tokenizer(text, padding="max_length", max_length=tokenizer.model_max_length, return_tensors="pt")
    ids: torch.Tensor = batch.input_ids
    return ids


def encoder_hidden(encoder: Any, text: str) -> tuple[torch.Tensor, ...]:
    """Every hidden state of a ``TextEncoder`` for ``text`` (embeddings first, then each layer's)."""
    with torch.no_grad():
        output = encoder.encoder.model(token_ids(encoder, text), output_hidden_states=True)
    states: tuple[torch.Tensor, ...] = output.hidden_states
    return states


def token_positions(encoder: Any, text: str, word: str) -> list[int]:
    """Where ``word``'s tokens sit in the tokenized ``text`` (the start token is position 0)."""
    tokenizer = encoder.tokenizer.model
    ids = tokenizer(text).input_ids
    piece = tokenizer(word, add_special_tokens=False).input_ids
    for start in range(len(ids) - len(piece) + 1):
        if ids[start : start + len(piece)] == piece:
            return list(range(start, start + len(piece)))
    raise AssertionError(f"{word!r} is not in {text!r}")
