"""What every matcher shares: the thing being identified, what a matcher returns, and width tables.

A matcher is a function ``(Candidate) -> Found | None``: None means "not mine", and a matcher that
recognises the kind of model but not a supported variant of it raises ``UnrecognisedModelError`` with
the reason, rather than letting a later matcher guess.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from impasto.models.identity import ModelIdentity, UnrecognisedModelError
from impasto.models.probe.weights import Weights, read_weights
from impasto.models.security import DamagedModelError
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, ModelVariant, PredictionType
from impasto.text import without_controls

# Width of the text embeddings the UNet cross-attends to (the in-features of every attn2.to_k).
CROSS_ATTENTION_BASES = {
    768: BaseModelType.SD1,
    1024: BaseModelType.SD2,
    2048: BaseModelType.SDXL,
    1280: BaseModelType.SDXL_REFINER,
}
# Width of a single CLIP text encoder's tokens (SD 1.x: CLIP ViT-L; SD 2.x: OpenCLIP ViT-H).
TEXT_WIDTH_BASES = {768: BaseModelType.SD1, 1024: BaseModelType.SD2}
MAX_LISTED_FILES = 12


@dataclass
class Found:
    """A matcher's verdict; turned into a :class:`ModelIdentity` by :func:`identify`."""

    base: BaseModelType
    type: ModelType
    format: ModelFormat
    variant: ModelVariant | None = None
    prediction_type: PredictionType | None = None
    details: dict[str, Any] = field(default_factory=dict)


class Candidate:
    """A file or folder being identified, with lazily read weights and configs."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def name(self) -> str:
        """The suggested model name: the file name without its extension, or the folder name.

        Control characters a file name may hold (a newline, an escape sequence) are dropped, as a typed name
        could not hold them either.
        """
        return without_controls(self.path.name if self.path.is_dir() else self.path.stem) or "model"

    @cached_property
    def maybe_weights(self) -> Weights | None:
        """The file's tensors, or None when it is not a weights file."""
        return None if self.path.is_dir() else read_weights(self.path)

    @property
    def weights(self) -> Weights:
        """The file's tensors (matchers of files only run when there are some)."""
        if self.maybe_weights is None:
            raise self.unrecognised("not a weights file")
        return self.maybe_weights

    def json(self, relative: str) -> dict[str, Any] | None:
        """A JSON object inside the folder, or None if the file is missing."""
        file = self.path / relative
        if not file.is_file():
            return None
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DamagedModelError(f"{relative} in {self.path.name} is not valid JSON ({exc})") from exc
        if not isinstance(data, dict):
            raise DamagedModelError(f"{relative} in {self.path.name} is not a JSON object")
        return data

    @cached_property
    def files(self) -> list[str]:
        """Relative POSIX paths of the folder's non-hidden files, sorted."""
        found = []
        for root, dirs, names in os.walk(self.path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = Path(root).relative_to(self.path)
            found += [(rel / n).as_posix() for n in names if not n.startswith(".")]
        return sorted(found)

    def size(self) -> int:
        """Bytes on disk: the file, or every file in the folder."""
        if not self.path.is_dir():
            return self.path.stat().st_size
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    def seen(self) -> str:
        """A short description of what the candidate holds, for error messages."""
        if self.path.is_dir():
            if not self.files:
                return "an empty folder"
            listed = ", ".join(self.files[:MAX_LISTED_FILES])
            more = f", ... ({len(self.files)} files)" if len(self.files) > MAX_LISTED_FILES else ""
            return f"saw files {listed}{more}"
        weights = self.maybe_weights
        if weights is None:
            return f"saw no tensors: {self.path.name} is not a safetensors, pickle or GGUF file"
        if not weights.shapes:
            return "saw no tensors"
        more = f", ... ({len(weights.shapes)} keys)" if len(weights.shapes) > len(weights.sample()) else ""
        return f"saw keys {', '.join(weights.sample())}{more}"

    def unrecognised(self, why: str = "") -> UnrecognisedModelError:
        """The error for a candidate no matcher (or no supported variant) fits."""
        reason = f" ({why})" if why else ""
        return UnrecognisedModelError(
            f"unrecognised{reason}: {self.seen()}", details={"path": str(self.path)}
        )

    def identity(self, found: Found) -> ModelIdentity:
        """The identity record for a matcher's verdict."""
        return ModelIdentity(
            base=found.base,
            type=found.type,
            format=found.format,
            variant=found.variant,
            prediction_type=found.prediction_type,
            name=self.name,
            path=self.path,
            size=self.size(),
            details=found.details,
        )


Matcher = Callable[[Candidate], Found | None]


def declared_prediction(metadata: dict[str, str] | Any) -> PredictionType | None:
    """A prediction type stated in file metadata (SAI model spec ``modelspec.prediction_type``)."""
    value = str(metadata.get("modelspec.prediction_type", "")).lower().replace("-", "_")
    if value in ("v", "v_prediction", "velocity"):
        return PredictionType.V_PREDICTION
    if value == "epsilon":
        return PredictionType.EPSILON
    return None
