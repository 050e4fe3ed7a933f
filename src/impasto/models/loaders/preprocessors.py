"""ControlNet preprocessor models: annotator files and transformers depth folders.

Annotator files (HED, line art, PiDiNet, M-LSD, OpenPose...) become the network of the architecture
identification recorded (``details["architecture"]``), built from
:mod:`impasto.models.architectures.annotators` with the file's shapes and loaded strictly, so a file that
only resembles a family fails loudly here rather than drawing nonsense later. They are small and their
thresholds were tuned in full precision, so they are kept in float32 whatever the configured precision.
Depth folders are loaded with ``AutoModelForDepthEstimation`` in the configured precision, together with
the input rules of their ``preprocessor_config.json``.
"""

from __future__ import annotations

from typing import Any

from impasto.models.loaders.base import Loader, LoadRequest, ModelLoadError, prepare_module
from impasto.models.loaders.files import read_json, read_state_dict
from impasto.models.loaders.registry import register_loader
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, PreprocessorArchitecture


def _architecture(request: LoadRequest) -> PreprocessorArchitecture:
    value = request.record.details.get("architecture")
    try:
        return PreprocessorArchitecture(str(value))
    except ValueError:
        known = ", ".join(a.value for a in PreprocessorArchitecture)
        raise ModelLoadError(
            f"preprocessor {request.record.name!r} records the architecture {value!r}; known: {known} "
            "(identify the model again)"
        ) from None


@register_loader(ModelType.PREPROCESSOR, BaseModelType.ANY, ModelFormat.CHECKPOINT)
class AnnotatorLoader(Loader):
    """A ControlNet annotator network in one weights file."""

    def load(self, request: LoadRequest) -> Any:
        from impasto.models.architectures.annotators import ANNOTATOR_FILE_ARCHITECTURES, build_annotator
        from impasto.models.architectures.annotators.common import without_prefix

        architecture = _architecture(request)
        if architecture not in ANNOTATOR_FILE_ARCHITECTURES:
            raise ModelLoadError(f"{request.record.name!r}: a {architecture} model is a folder, not one file")
        state = without_prefix(read_state_dict(request.path))
        state = {k: v.float() if v.is_floating_point() else v for k, v in state.items()}
        try:
            network = build_annotator(architecture, state)
            network.load_state_dict(state, strict=True)
        except (KeyError, ValueError, RuntimeError) as exc:
            raise ModelLoadError(
                f"{request.path.name} does not hold a complete {architecture} network: {exc}"
            ) from exc
        return prepare_module(network)


@register_loader(ModelType.PREPROCESSOR, BaseModelType.ANY, ModelFormat.TRANSFORMERS)
class DepthEstimatorLoader(Loader):
    """A transformers depth estimator folder (Depth Anything, DPT)."""

    def load(self, request: LoadRequest) -> Any:
        from transformers import AutoModelForDepthEstimation

        from impasto.models.architectures.annotators.depth import DepthEstimator, DepthInput

        config = read_json(request.path / "config.json")
        model = AutoModelForDepthEstimation.from_pretrained(
            request.path, dtype=request.dtype, local_files_only=True
        )
        processor_file = request.path / "preprocessor_config.json"
        processor = read_json(processor_file) if processor_file.is_file() else {}
        backbone = config.get("backbone_config") or {}
        patch = int(backbone.get("patch_size") or config.get("patch_size") or 1)
        metric = str(config.get("depth_estimation_type") or "relative") == "metric"
        return DepthEstimator(prepare_module(model), DepthInput.from_config(processor, patch), metric)
