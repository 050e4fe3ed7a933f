"""Rasterize scene parameters into anti-aliased images with signed-distance functions, in torch.

Drawing is a handful of batched tensor ops on whatever device the scenes live on, so training batches
are produced on the GPU itself and the data pipeline is never the bottleneck. Coverage is
``clamp(0.5 - d, 0, 1)`` of an exact signed distance ``d`` in pixels, a close approximation of a box-
filtered (area-sampled) edge.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from PIL import Image

from tools.demo_model.scenes import IMAGE_SIZE, PALETTE_RGB, SceneBatch

_SIN72 = math.sin(math.radians(72))
_COS36 = math.cos(math.radians(36))
STAR_INNER = math.sin(math.radians(18)) / math.sin(math.radians(54))  # inner/outer radius of a regular star


def palette_tensor(device: torch.device | str = "cpu") -> torch.Tensor:
    """The palette as a (8, 3) float tensor in [0, 1]."""
    return torch.tensor(PALETTE_RGB, dtype=torch.float32, device=device) / 255.0


def _pixel_centers(device: torch.device) -> torch.Tensor:
    coords = torch.arange(IMAGE_SIZE, device=device, dtype=torch.float32) + 0.5
    y, x = torch.meshgrid(coords, coords, indexing="ij")
    return torch.stack([x.reshape(-1), y.reshape(-1)], dim=-1)  # (N, 2), N = H*W, row-major


def _sdf_circle(p: torch.Tensor, c: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    return (p[None] - c[:, None]).square().sum(-1).sqrt() - h[:, None]  # (S, N)


def _sdf_box(p: torch.Tensor, c: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    q = (p[None] - c[:, None]).abs() - h[:, None, None]  # (S, N, 2)
    outside = q.clamp(min=0).square().sum(-1).sqrt()
    inside = q.amax(dim=-1).clamp(max=0)
    return outside + inside


def _sdf_polygon(p: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Exact signed distance to closed polygons ``v`` (S, K, 2); negative inside (even-odd rule)."""
    w = p[None, :, None] - v[:, None]  # (S, N, K, 2): pixel relative to each vertex
    e = (torch.roll(v, 1, dims=1) - v)[:, None]  # (S, 1, K, 2): edge to the previous vertex
    t = ((w * e).sum(-1) / (e * e).sum(-1)).clamp(0, 1)
    dist2 = (w - e * t[..., None]).square().sum(-1).amin(dim=-1)  # (S, N)
    py = p[None, :, None, 1]
    above = py >= v[:, None, :, 1]
    below_prev = py < torch.roll(v, 1, dims=1)[:, None, :, 1]
    left = e[..., 0] * w[..., 1] > e[..., 1] * w[..., 0]
    crossing = (above & below_prev & left) | (~above & ~below_prev & ~left)
    inside = crossing.sum(-1) % 2 == 1
    return torch.where(inside, -1.0, 1.0) * dist2.sqrt()


def _triangle_vertices(c: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    x, y = c[:, 0], c[:, 1]
    pts = [(x, y - h), (x + h, y + h), (x - h, y + h)]  # apex up, base down: fills half its box
    return torch.stack([torch.stack(pt, -1) for pt in pts], dim=1)  # (S, 3, 2)


def _star_vertices(c: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    """Five-pointed star, point up, as wide as its box and vertically centered in it."""
    outer = h / _SIN72
    cy = c[:, 1] + outer * (1 - _COS36) / 2
    k = torch.arange(10, device=c.device, dtype=torch.float32)
    angle = -math.pi / 2 + k * math.pi / 5
    radius = torch.where(k % 2 == 0, 1.0, STAR_INNER)[None] * outer[:, None]  # (S, 10)
    return torch.stack([c[:, 0, None] + radius * angle.cos(), cy[:, None] + radius * angle.sin()], -1)


def signed_distance(kind: torch.Tensor, center: torch.Tensor, half: torch.Tensor) -> torch.Tensor:
    """Signed distance (S, N) in pixels from every pixel center to S shapes of the given kinds."""
    p = _pixel_centers(center.device)
    d = torch.stack(
        [
            _sdf_circle(p, center, half),
            _sdf_box(p, center, half),
            _sdf_polygon(p, _triangle_vertices(center, half)),
            _sdf_polygon(p, _star_vertices(center, half)),
        ]
    )  # (4, S, N): every kind is computed, then one is picked, which keeps the code branch-free
    return d.gather(0, kind[None, :, None].expand(1, -1, d.shape[-1])).squeeze(0)


def render(scenes: SceneBatch) -> torch.Tensor:
    """Images (B, 3, H, W) in [0, 1] on the scenes' device."""
    b, size = len(scenes), IMAGE_SIZE
    pal = palette_tensor(scenes.center.device)
    d = signed_distance(scenes.shape.reshape(-1), scenes.center.reshape(-1, 2), scenes.half.reshape(-1))
    cover = (0.5 - d).clamp(0, 1).reshape(b, 2, -1, 1)  # (B, slot, N, 1)
    active = torch.stack([torch.ones_like(scenes.n_shapes), scenes.n_shapes - 1], dim=1)  # (B, 2)
    cover = cover * active[:, :, None, None].float()
    img = pal[scenes.background][:, None].expand(b, size * size, 3)
    for slot in (0, 1):
        img = img + (pal[scenes.color[:, slot]][:, None] - img) * cover[:, slot]
    return img.reshape(b, size, size, 3).permute(0, 3, 1, 2).contiguous()


def to_uint8(images: torch.Tensor) -> np.ndarray:
    """(B, 3, H, W) floats in [0, 1] to (B, H, W, 3) uint8."""
    arr = (images.detach().float().clamp(0, 1) * 255).round().to(torch.uint8)
    return arr.permute(0, 2, 3, 1).cpu().numpy()


def image_grid(images: list[Image.Image], columns: int, scale: int = 1) -> Image.Image:
    """Paste equally sized images into a grid, optionally enlarged without smoothing."""
    w, h = images[0].size
    rows = math.ceil(len(images) / columns)
    grid = Image.new("RGB", (columns * w, rows * h), (128, 128, 128))
    for i, im in enumerate(images):
        grid.paste(im, ((i % columns) * w, (i // columns) * h))
    if scale != 1:
        grid = grid.resize((grid.width * scale, grid.height * scale), Image.Resampling.NEAREST)
    return grid


def render_pil(scenes: SceneBatch) -> list[Image.Image]:
    """Render scenes on the CPU as PIL images, for previews, docs and tests."""
    return [Image.fromarray(a) for a in to_uint8(render(scenes.to("cpu")))]
