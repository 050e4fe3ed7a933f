"""ControlNet preprocessor weights: transformers depth folders and lllyasviel's annotator files.

The annotator files are written from the published layer tables (key names, kernel sizes and layer order
of the released ``.pth`` files), not from Impasto's modules, so that loading them checks those modules
against the release. Channel widths are divided by ``narrow`` where the architecture allows it (outputs
that post-processing reads, such as OpenPose's 38 + 19 maps or M-LSD's 16 channels, keep their size);
``narrow=1`` writes the real sizes. Files are pickles written by ``torch.save``, as released; the
PiDiNet file keeps its training wrapper (``{"state_dict": {"module.*": ...}}``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

StateDict = dict[str, torch.Tensor]


class _Weights:
    """Seeded random convolution, transposed convolution and batch-norm tensors under given names."""

    def __init__(self, seed: int) -> None:
        self.generator = torch.Generator().manual_seed(seed)
        self.state: StateDict = {}

    def _random(self, *shape: int, fan_in: int) -> torch.Tensor:
        values: torch.Tensor = torch.randn(*shape, generator=self.generator) / fan_in**0.5
        return values

    def conv(self, name: str, out: int, inp: int, kernel: int, *, bias: bool = True, groups: int = 1) -> None:
        fan_in = inp // groups * kernel * kernel
        self.state[f"{name}.weight"] = self._random(out, inp // groups, kernel, kernel, fan_in=fan_in)
        if bias:
            self.state[f"{name}.bias"] = self._random(out, fan_in=fan_in)

    def transposed(self, name: str, inp: int, out: int, kernel: int) -> None:
        """A ConvTranspose2d: weights are stored (in, out, k, k)."""
        self.state[f"{name}.weight"] = self._random(inp, out, kernel, kernel, fan_in=inp * kernel * kernel)
        self.state[f"{name}.bias"] = self._random(out, fan_in=inp)

    def batch_norm(self, name: str, channels: int) -> None:
        self.state[f"{name}.weight"] = 1 + 0.1 * torch.randn(channels, generator=self.generator)
        self.state[f"{name}.bias"] = 0.1 * torch.randn(channels, generator=self.generator)
        self.state[f"{name}.running_mean"] = torch.zeros(channels)
        self.state[f"{name}.running_var"] = torch.ones(channels)
        self.state[f"{name}.num_batches_tracked"] = torch.tensor(0)


def _save(path: Path, obj: Any) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(obj, path)
    return path


def write_hed(path: Path, *, narrow: int = 16) -> Path:
    """``ControlNetHED.pth``: ``norm`` and five stages of 2, 2, 3, 3, 3 convs (64-512 wide) + projection,
    in float16 as released."""
    w = _Weights(41)
    w.state["norm"] = torch.randn(1, 3, 1, 1, generator=w.generator)
    inp = 3
    for stage, (full, depth) in enumerate(zip((64, 128, 256, 512, 512), (2, 2, 3, 3, 3), strict=True), 1):
        width = full // narrow
        for index in range(depth):
            w.conv(f"block{stage}.convs.{index}", width, inp if index == 0 else width, 3)
        w.conv(f"block{stage}.projection", 1, width, 1)
        inp = width
    return _save(path, {key: value.half() for key, value in w.state.items()})


def write_lineart(path: Path, *, narrow: int = 16, blocks: int = 3) -> Path:
    """``sk_model.pth`` / ``sk_model2.pth``: the informative-drawings generator (64 wide, 3 res blocks)."""
    w = _Weights(42)
    base = 64 // narrow
    w.conv("model0.1", base, 3, 7)
    w.conv("model1.0", 2 * base, base, 3)
    w.conv("model1.3", 4 * base, 2 * base, 3)
    for block in range(blocks):
        w.conv(f"model2.{block}.conv_block.1", 4 * base, 4 * base, 3)
        w.conv(f"model2.{block}.conv_block.5", 4 * base, 4 * base, 3)
    w.transposed("model3.0", 4 * base, 2 * base, 3)
    w.transposed("model3.3", 2 * base, base, 3)
    w.conv("model4.1", 1, base, 7)
    return _save(path, w.state)


def write_lineart_anime(path: Path, *, narrow: int = 16, downs: int = 5, prefix: str = "") -> Path:
    """``netG.pth``: the pix2pix U-Net (64 wide, 8 levels when released; ``downs`` levels here)."""
    w = _Weights(43)
    base = 64 // narrow
    levels = [(base, 2 * base), (2 * base, 4 * base), (4 * base, 8 * base)]
    levels += [(8 * base, 8 * base)] * (downs - 4)  # the last of these is the innermost
    w.conv(f"{prefix}model.model.0", base, 3, 4)
    w.transposed(f"{prefix}model.model.3", 2 * base, 1, 4)
    name = f"{prefix}model.model.1."
    for index, (outer, inner) in enumerate(levels):
        innermost = index == len(levels) - 1
        w.conv(f"{name}model.1", inner, outer, 4)
        w.transposed(f"{name}model.{3 if innermost else 5}", inner if innermost else 2 * inner, outer, 4)
        name += "model.3."
    return _save(path, w.state)


_CARV4 = ("cd", "ad", "rd", "cv") * 4


def write_pidinet(path: Path, *, narrow: int = 15) -> Path:
    """``table5_pidinet.pth``: PiDiNet (60 wide, 24 dilation channels), saved as trained:
    ``{"state_dict": {"module.<name>": ...}}``."""
    w = _Weights(44)
    base, dil = 60 // narrow, max(24 // narrow, 2)
    w.conv("init_block", base, 3, 3, bias=False)
    widths = (base, 2 * base, 4 * base, 4 * base)
    inp = base
    for stage, (width, blocks) in enumerate(zip(widths, (3, 4, 4, 4), strict=True), 1):
        for index in range(1, blocks + 1):
            name = f"block{stage}_{index}"
            if stage > 1 and index == 1:
                w.conv(f"{name}.shortcut", width, inp, 1)
            w.conv(f"{name}.conv1", inp, inp, 3, bias=False, groups=inp)
            w.conv(f"{name}.conv2", width, inp, 1, bias=False)
            inp = width
    for i, width in enumerate(widths):
        w.conv(f"dilations.{i}.conv1", dil, width, 1)
        for branch in range(1, 5):
            w.conv(f"dilations.{i}.conv2_{branch}", dil, dil, 3, bias=False)
        w.conv(f"attentions.{i}.conv1", 4, dil, 1)
        w.conv(f"attentions.{i}.conv2", 1, 4, 3, bias=False)
        w.conv(f"conv_reduces.{i}.conv", 1, dil, 1)
    w.conv("classifier", 1, 4, 1)
    return _save(path, {"state_dict": {f"module.{k}": v for k, v in w.state.items()}})


def write_mlsd(path: Path) -> Path:
    """``mlsd_large_512_fp32.pth`` at its real size (1.5 M parameters): MobileNetV2 layers 0-13 and the
    decoder blocks 15-23."""
    w = _Weights(45)
    w.conv("backbone.features.0.0", 32, 4, 3, bias=False)
    w.batch_norm("backbone.features.0.1", 32)
    layer, inp = 1, 32
    for expansion, out, repeats in ((1, 16, 1), (6, 24, 2), (6, 32, 3), (6, 64, 4), (6, 96, 3)):
        for _ in range(repeats):
            _inverted_residual(w, f"backbone.features.{layer}.conv", inp, out, expansion)
            layer, inp = layer + 1, out
    for block, (skip, coarse) in zip((15, 17, 19, 21), ((64, 96), (32, 64), (24, 64), (16, 64)), strict=True):
        _conv_bn(w, f"block{block}.conv1", 64, coarse, 1)
        _conv_bn(w, f"block{block}.conv2", 64, skip, 1)
        _conv_bn(w, f"block{block + 1}.conv1", 128, 128, 3)
        _conv_bn(w, f"block{block + 1}.conv2", 64, 128, 3)
    _conv_bn(w, "block23.conv1", 64, 64, 3)
    _conv_bn(w, "block23.conv2", 64, 64, 3)
    w.conv("block23.conv3", 16, 64, 1)
    return _save(path, w.state)


def _conv_bn(w: _Weights, name: str, out: int, inp: int, kernel: int) -> None:
    w.conv(f"{name}.0", out, inp, kernel)
    w.batch_norm(f"{name}.1", out)


def _inverted_residual(w: _Weights, name: str, inp: int, out: int, expansion: int) -> None:
    hidden, index = inp * expansion, 0
    if expansion != 1:
        w.conv(f"{name}.0.0", hidden, inp, 1, bias=False)
        w.batch_norm(f"{name}.0.1", hidden)
        index = 1
    w.conv(f"{name}.{index}.0", hidden, hidden, 3, bias=False, groups=hidden)
    w.batch_norm(f"{name}.{index}.1", hidden)
    w.conv(f"{name}.{index + 1}", out, hidden, 1, bias=False)
    w.batch_norm(f"{name}.{index + 2}", out)


Layer = tuple[str, int, int, int]  # name, in channels, out channels, kernel


def _vgg(n: Any) -> list[Layer]:
    """VGG-19's first ten convolutions (3x3), as the OpenPose trunks start, widths narrowed by ``n``."""
    widths = [("conv1_1", 64), ("conv1_2", 64), ("conv2_1", 128), ("conv2_2", 128), ("conv3_1", 256)]
    widths += [("conv3_2", 256), ("conv3_3", 256), ("conv3_4", 256), ("conv4_1", 512)]
    layers, inp = [], 3
    for name, out in widths:
        layers.append((name, inp, n(out), 3))
        inp = n(out)
    return layers


def _chain(
    names: list[str], kernels: tuple[int, ...], inp: int, hidden: list[int], outputs: int
) -> list[Layer]:
    """One branch of a stage: ``hidden`` widths, then ``outputs`` channels (kept: the decoder reads them)."""
    layers = []
    for name, kernel, out in zip(names, kernels, [*hidden, outputs], strict=True):
        layers.append((name, inp, out, kernel))
        inp = out
    return layers


def _write_layers(path: Path, seed: int, layers: list[Layer]) -> Path:
    w = _Weights(seed)
    for name, inp, out, kernel in layers:
        w.conv(name, out, inp, kernel)
    return _save(path, w.state)


def write_openpose_body(path: Path, *, narrow: int = 32) -> Path:
    """``body_pose_model.pth``: VGG trunk to 128 channels, then 6 stages of two branches (38 part
    affinity fields, 19 heat maps), under their Caffe layer names."""

    def n(channels: int) -> int:
        return max(channels // narrow, 2)

    layers = [*_vgg(n), ("conv4_2", n(512), n(512), 3), ("conv4_3_CPM", n(512), n(256), 3)]
    layers.append(("conv4_4_CPM", n(256), n(128), 3))
    features = n(128)
    for branch, outputs in ((1, 38), (2, 19)):
        names = [f"conv5_{i}_CPM_L{branch}" for i in range(1, 6)]
        layers += _chain(names, (3, 3, 3, 1, 1), features, [n(128)] * 3 + [n(512)], outputs)
    for stage in range(2, 7):
        for branch, outputs in ((1, 38), (2, 19)):
            names = [f"Mconv{i}_stage{stage}_L{branch}" for i in range(1, 8)]
            layers += _chain(names, (7, 7, 7, 7, 7, 1, 1), 38 + 19 + features, [n(128)] * 6, outputs)
    return _write_layers(path, 46, layers)


def write_openpose_hand(path: Path, *, narrow: int = 32) -> Path:
    """``hand_pose_model.pth``: VGG trunk to 128 channels, then 6 stages of 22 heat maps."""

    def n(channels: int) -> int:
        return max(channels // narrow, 2)

    layers = _vgg(n) + [(f"conv4_{i}", n(512), n(512), 3) for i in (2, 3, 4)]
    layers += [
        ("conv5_1", n(512), n(512), 3),
        ("conv5_2", n(512), n(512), 3),
        ("conv5_3_CPM", n(512), n(128), 3),
    ]
    features = n(128)
    layers += _chain(["conv6_1_CPM", "conv6_2_CPM"], (1, 1), features, [n(512)], 22)
    for stage in range(2, 7):
        names = [f"Mconv{i}_stage{stage}" for i in range(1, 8)]
        layers += _chain(names, (7, 7, 7, 7, 7, 1, 1), 22 + features, [n(128)] * 6, 22)
    return _write_layers(path, 47, layers)


_INIT_RANGE = 0.2  # transformers' 0.02 leaves so tiny a network predicting an almost flat depth
_DEPTH_PROCESSOR = {
    "do_normalize": True,
    "do_rescale": True,
    "do_resize": True,
    "image_mean": [0.485, 0.456, 0.406],
    "image_std": [0.229, 0.224, 0.225],
    "image_processor_type": "DPTImageProcessor",
    "resample": 3,
    "rescale_factor": 1 / 255,
}


def write_depth_anything(folder: Path, *, metric: bool = False) -> Path:
    """A Depth Anything folder (DINOv2 backbone 16 wide, 4 layers) with its ``preprocessor_config.json``
    (518 px, aspect kept, multiples of 14), as ``LiheYoung/depth-anything-small-hf`` has them."""
    from transformers import DepthAnythingConfig, DepthAnythingForDepthEstimation, Dinov2Config

    backbone_settings: dict[str, Any] = {
        "hidden_size": 16, "num_hidden_layers": 4, "num_attention_heads": 2, "intermediate_size": 32,
        "patch_size": 14, "image_size": 28, "out_features": ["stage1", "stage2", "stage3", "stage4"],
        "reshape_hidden_states": False, "initializer_range": _INIT_RANGE,
    }  # fmt: skip
    backbone = Dinov2Config(**backbone_settings)
    config = DepthAnythingConfig(
        backbone_config=backbone, reassemble_hidden_size=16, neck_hidden_sizes=[8, 8, 8, 8],
        fusion_hidden_size=8, head_hidden_size=8, patch_size=14,
        depth_estimation_type="metric" if metric else "relative", max_depth=20 if metric else 1,
        initializer_range=_INIT_RANGE,
    )  # fmt: skip
    torch.manual_seed(48)
    DepthAnythingForDepthEstimation(config).save_pretrained(folder)
    processor = {**_DEPTH_PROCESSOR, "ensure_multiple_of": 14, "keep_aspect_ratio": True}
    processor["size"] = {"height": 518, "width": 518}
    (Path(folder) / "preprocessor_config.json").write_text(json.dumps(processor), encoding="utf-8")
    return Path(folder)


def write_dpt(folder: Path) -> Path:
    """A DPT folder (ViT 16 wide, 4 layers, patches of 16) that takes 32 px squares, as ``Intel/dpt-large``
    takes 384 px ones (``keep_aspect_ratio`` false)."""
    from transformers import DPTConfig, DPTForDepthEstimation

    config = DPTConfig(
        hidden_size=16, num_hidden_layers=4, num_attention_heads=2, intermediate_size=32, image_size=32,
        patch_size=16, backbone_out_indices=[0, 1, 2, 3], neck_hidden_sizes=[8, 8, 8, 8],
        fusion_hidden_size=8, initializer_range=_INIT_RANGE,
    )  # fmt: skip
    torch.manual_seed(49)
    DPTForDepthEstimation(config).save_pretrained(folder)
    processor = {
        **_DEPTH_PROCESSOR,
        "image_mean": [0.5] * 3,
        "image_std": [0.5] * 3,
        "keep_aspect_ratio": False,
    }
    processor["size"] = {"height": 32, "width": 32}
    (Path(folder) / "preprocessor_config.json").write_text(json.dumps(processor), encoding="utf-8")
    return Path(folder)
