"""Depth estimators saved by transformers (the depth preprocessors' models).

A folder whose ``config.json`` has ``model_type`` ``depth_anything`` (Depth Anything v1 and v2) or ``dpt``
(DPT / MiDaS 3) and names the depth-estimation class in ``architectures`` is a depth preprocessor; the
same model types with another head (DPT for segmentation) are not. ``depth_estimation_type`` (relative,
the default, or metric) is kept, since metric models predict distance rather than nearness.
"""

from __future__ import annotations

from impasto.models.probe.base import Candidate, Found
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, PreprocessorArchitecture

_DEPTH_CLASSES = {
    "depth_anything": ("DepthAnythingForDepthEstimation", PreprocessorArchitecture.DEPTH_ANYTHING),
    "dpt": ("DPTForDepthEstimation", PreprocessorArchitecture.DPT),
}


def match_depth_folder(candidate: Candidate) -> Found | None:
    """A Depth Anything or DPT depth estimator folder."""
    config = candidate.json("config.json")
    if config is None or str(config.get("model_type")) not in _DEPTH_CLASSES:
        return None
    class_name, architecture = _DEPTH_CLASSES[str(config["model_type"])]
    if class_name not in (config.get("architectures") or []):
        return None
    details = {
        "architecture": architecture.value,
        "depth_estimation_type": str(config.get("depth_estimation_type") or "relative"),
    }
    return Found(BaseModelType.ANY, ModelType.PREPROCESSOR, ModelFormat.TRANSFORMERS, details=details)
