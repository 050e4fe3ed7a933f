"""What checking a generation request needs to know about the installation, behind a small interface.

The builders stay pure: :func:`~impasto.builders.resolve.resolve` asks a :class:`GenerationSources`
for models, image sizes, boards, presets and latent factors, and :class:`InstalledSources` answers from the
running services. The latent factor is read from the VAE's ``config.json`` (a few hundred bytes) rather
than by loading the VAE, so a request is checked in milliseconds, without torch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, Protocol

from PIL import Image

from impasto.config import ImpastoConfig
from impasto.errors import InvalidInputError, NotFoundError
from impasto.graph.context import ModelProvider
from impasto.images.boards import BoardService
from impasto.images.service import ImageLibrary
from impasto.models.defaults import default_main_model
from impasto.models.footprint import component_config_file
from impasto.models.identity import ModelRecord
from impasto.models.records import ModelFilter, ModelRecordService
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType
from impasto.presets import PresetNotFoundError, StylePreset, StylePresetService

Alpha = Literal["opaque", "partial", "empty"]
"""How transparent a stored image is: no transparent pixel, some, or nothing but transparent pixels."""


class GenerationSources(Protocol):
    """Lookups a generation request is checked against."""

    wildcards_dir: Path | None
    max_image_pixels: Mapping[BaseModelType, int]
    """The ``max_image_pixels`` setting (bases left out have their default)."""

    def models(self, ref: str) -> list[ModelRecord]:
        """The installed model with key ``ref``, else every model named ``ref`` (any case)."""
        ...

    def default_model(self) -> ModelRecord | None:
        """The main model used when a request names none."""
        ...

    def installed(self, model_type: ModelType) -> list[ModelRecord]:
        """Every installed model of ``model_type``, by name."""
        ...

    def latent_factor(self, record: ModelRecord) -> int:
        """Pixels per latent pixel of a main model's (or a VAE's) VAE: 8 for SD, 4 for the demo model."""
        ...

    def text_encoder_layers(self, record: ModelRecord) -> int | None:
        """How many layers a main model's (first) text encoder has, if its config tells."""
        ...

    def image_size(self, name: str) -> tuple[int, int] | None:
        """Width and height of a stored image (None: no such image)."""
        ...

    def image_alpha(self, name: str) -> Alpha:
        """How transparent a stored image is (asked only for images whose size was answered)."""
        ...

    def has_board(self, board_id: str) -> bool:
        """Whether a board with this id exists."""
        ...

    def style_preset(self, ref: str) -> StylePreset | None:
        """The style preset with this id, else this name (any case)."""
        ...


class InstalledSources:
    """:class:`GenerationSources` over the running services."""

    def __init__(
        self,
        config: ImpastoConfig,
        records: ModelRecordService,
        images: ImageLibrary,
        boards: BoardService,
        presets: StylePresetService,
        loaded: ModelProvider | None = None,
    ) -> None:
        self.config = config
        self.records = records
        self.images = images
        self.boards = boards
        self.presets = presets
        self.loaded = loaded
        self.wildcards_dir: Path | None = config.wildcards_path
        self.max_image_pixels: Mapping[BaseModelType, int] = config.max_image_pixels

    def models(self, ref: str) -> list[ModelRecord]:
        try:
            return [self.records.get(ref)]
        except NotFoundError:
            pass
        wanted = ref.casefold()
        return [r for r in self.records.list(ModelFilter(name=ref)) if r.name.casefold() == wanted]

    def default_model(self) -> ModelRecord | None:
        return default_main_model(self.records, self.config)

    def installed(self, model_type: ModelType) -> list[ModelRecord]:
        return self.records.list(ModelFilter(type=model_type))

    def latent_factor(self, record: ModelRecord) -> int:
        path = vae_config_file(record, self.records.resolve(record))
        if path is not None:
            return _factor(json.loads(path.read_text(encoding="utf-8")))
        if self.loaded is None:
            raise NotFoundError(f"the VAE configuration of {record.name!r} cannot be found")
        submodel = "vae" if record.type is ModelType.MAIN else None
        return _factor(dict(self.loaded.load(record.key, submodel).model.config))

    def text_encoder_layers(self, record: ModelRecord) -> int | None:
        path = self.records.resolve(record) / "text_encoder" / "config.json"
        if record.format is not ModelFormat.DIFFUSERS or not path.is_file():
            return None
        layers = json.loads(path.read_text(encoding="utf-8")).get("num_hidden_layers")
        return layers if isinstance(layers, int) else None

    def image_size(self, name: str) -> tuple[int, int] | None:
        try:
            image = self.images.get(name)
        except (NotFoundError, InvalidInputError):  # no such image, or not even an image name
            return None
        return image.width, image.height

    def image_alpha(self, name: str) -> Alpha:
        return alpha_of(self.images.load(name))

    def has_board(self, board_id: str) -> bool:
        try:
            self.boards.get(board_id)
        except NotFoundError:
            return False
        return True

    def style_preset(self, ref: str) -> StylePreset | None:
        try:
            return self.presets.get(ref)
        except PresetNotFoundError:
            wanted = ref.casefold()
            return next((p for p in self.presets.list() if p.name.casefold() == wanted), None)


def alpha_of(image: Image.Image) -> Alpha:
    """The :data:`Alpha` summary of an image: a pixel counts as transparent below full opacity."""
    if "A" not in image.getbands() and "transparency" not in image.info:
        return "opaque"
    low, high = image.convert("RGBA").getchannel("A").getextrema()
    if low == 255:
        return "opaque"
    return "empty" if high == 0 else "partial"


def vae_config_file(record: ModelRecord, path: Path) -> Path | None:
    """The ``config.json`` describing a model's VAE, if one is on disk (the model's or a shipped one)."""
    return component_config_file(record, path, "vae")


def _factor(config: dict[str, object]) -> int:
    channels = config.get("block_out_channels")
    if not isinstance(channels, list | tuple) or not channels:
        raise NotFoundError("the VAE configuration has no block_out_channels")
    return int(2 ** (len(channels) - 1))
