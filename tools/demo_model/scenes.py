"""The synthetic "shapes" world: palette, shapes, scene sampling and captions.

A scene is one or two shapes on a plain background. Scenes are sampled in batches as small parameter
tensors with a seeded CPU ``torch.Generator``, so the data are bit-identical whatever device later draws
them (see ``raster.py``). Captions are looked up by an integer index into a fixed table, which lets the
training loop fetch token ids on the GPU instead of tokenizing text every step.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass

import torch

IMAGE_SIZE = 64
MAX_TOKENS = 16  # the text encoder's context, bos and eos included

COLORS: tuple[str, ...] = ("red", "green", "blue", "yellow", "orange", "purple", "white", "black")
PALETTE_RGB: tuple[tuple[int, int, int], ...] = (
    (220, 40, 40),
    (40, 170, 60),
    (40, 80, 220),
    (245, 215, 50),
    (245, 140, 30),
    (140, 60, 190),
    (245, 245, 245),
    (20, 20, 20),
)
SHAPES: tuple[str, ...] = ("circle", "square", "triangle", "star")

SINGLE_TEMPLATES: tuple[str, ...] = (
    "a {c} {s} on a {b} background",
    "{c} {s}, {b} background",
    "a {b} background with a {c} {s}",
    "a {c} {s} against a {b} background",
)
TWO_TEMPLATES: tuple[str, ...] = (
    "a {c1} {s1} and a {c2} {s2} on a {b} background",
    "{c1} {s1} and {c2} {s2}, {b} background",
    "a {b} background with a {c1} {s1} and a {c2} {s2}",
)

# Geometry, in pixels. ``half`` is half the side of a shape's square bounding box.
PAD = 3.0  # every shape keeps this far from the frame, so the border is pure background
SINGLE_HALF = (8.0, 22.0)
TWO_HALF = (7.5, 13.0)  # stars smaller than this blur toward triangles
MIN_GAP = 3.0  # horizontal gap between the two shapes' boxes: no overlap, unambiguous left/right
P_TWO_SHAPES = 0.4

N_SINGLE_CAPTIONS = len(SHAPES) * len(COLORS) * len(COLORS) * len(SINGLE_TEMPLATES)
N_TWO_CAPTIONS = (len(SHAPES) * len(COLORS)) ** 2 * len(COLORS) * len(TWO_TEMPLATES)


def held_out_background(color: int, shape: int) -> int:
    """The background that is held out for (color, shape): always differs from ``color``, varies widely."""
    return (color + 1 + (3 * color + 2 * shape) % 7) % len(COLORS)


# 32 single-shape (color, shape, background) triples never shown in training, one per (color, shape).
HELD_OUT: tuple[tuple[int, int, int], ...] = tuple(
    (c, s, held_out_background(c, s)) for c in range(len(COLORS)) for s in range(len(SHAPES))
)


@dataclass(frozen=True)
class SceneBatch:
    """Parameters of B scenes; slot 1 of the per-shape fields is ignored where ``n_shapes`` is 1."""

    n_shapes: torch.Tensor  # (B,) int64, 1 or 2
    shape: torch.Tensor  # (B, 2) int64 index into SHAPES; slot 0 is the left shape
    color: torch.Tensor  # (B, 2) int64 index into COLORS
    background: torch.Tensor  # (B,) int64 index into COLORS
    center: torch.Tensor  # (B, 2, 2) float32 pixel coordinates (x, y), y down
    half: torch.Tensor  # (B, 2) float32 half-size in pixels
    template: torch.Tensor  # (B,) int64 index into SINGLE_TEMPLATES or TWO_TEMPLATES

    def __len__(self) -> int:
        return int(self.n_shapes.shape[0])

    def slice(self, start: int, stop: int) -> SceneBatch:
        """Scenes ``start:stop``, sharing storage."""
        return SceneBatch(*(getattr(self, f)[start:stop] for f in _FIELDS))

    def to(self, device: torch.device | str) -> SceneBatch:
        """The same scenes on ``device`` (non-blocking where the source is pinned)."""
        return SceneBatch(*(getattr(self, f).to(device, non_blocking=True) for f in _FIELDS))


_FIELDS = ("n_shapes", "shape", "color", "background", "center", "half", "template")


def stream_seed(seed: int, stream: str, index: int) -> int:
    """A 63-bit seed for item ``index`` of a named random stream, so streams never overlap."""
    digest = hashlib.blake2b(f"{seed}:{stream}:{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def _lerp(lo: float | torch.Tensor, hi: float | torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    return lo + (hi - lo) * u


def _sample_backgrounds(
    shape: torch.Tensor, color: torch.Tensor, two: torch.Tensor, g: torch.Generator
) -> torch.Tensor:
    """Uniform over the colors that differ from every shape and are not a held-out pairing."""
    n = shape.shape[0]
    rows = torch.arange(n)
    held = torch.tensor([[held_out_background(c, s) for s in range(len(SHAPES))] for c in range(len(COLORS))])
    allowed = torch.ones(n, len(COLORS), dtype=torch.bool)
    for slot in (0, 1):
        active = torch.ones(n, dtype=torch.bool) if slot == 0 else two
        r = rows[active]
        allowed[r, color[active, slot]] = False
        allowed[r, held[color[active, slot], shape[active, slot]]] = False
    return torch.multinomial(allowed.float(), 1, generator=g).squeeze(1)


def _sample_geometry(two: torch.Tensor, g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Sizes and positions: one free shape, or two shapes side by side with a gap between their boxes."""
    n = two.shape[0]
    u = torch.rand(n, 8, generator=g)
    size = float(IMAGE_SIZE)
    half = torch.empty(n, 2)
    center = torch.empty(n, 2, 2)
    # One shape: anywhere it fits.
    h = _lerp(*SINGLE_HALF, u[:, 0])
    half[:, 0], half[:, 1] = h, h
    center[:, 0, 0] = _lerp(PAD + h, size - PAD - h, u[:, 1])
    center[:, 0, 1] = _lerp(PAD + h, size - PAD - h, u[:, 2])
    center[:, 1] = center[:, 0]
    # Two shapes: split the horizontal slack between the gap and the left margin.
    h0, h1 = _lerp(*TWO_HALF, u[:, 3]), _lerp(*TWO_HALF, u[:, 4])
    slack = size - 2 * PAD - MIN_GAP - 2 * h0 - 2 * h1
    gap = MIN_GAP + slack * u[:, 5]
    left = PAD + (slack - (gap - MIN_GAP)) * u[:, 6]
    x0, x1 = left + h0, left + 2 * h0 + gap + h1
    y0 = _lerp(PAD + h0, size - PAD - h0, u[:, 7])
    y1 = _lerp(PAD + h1, size - PAD - h1, u[:, 2])
    two_half = torch.stack([h0, h1], dim=1)
    two_center = torch.stack([torch.stack([x0, y0], 1), torch.stack([x1, y1], 1)], dim=1)
    half = torch.where(two[:, None], two_half, half)
    center = torch.where(two[:, None, None], two_center, center)
    return center, half


def sample_scenes(n: int, generator: torch.Generator, p_two: float = P_TWO_SHAPES) -> SceneBatch:
    """Draw ``n`` training scenes; no held-out (color, shape, background) triple ever occurs in them."""
    g = generator
    two = torch.rand(n, generator=g) < p_two
    shape = torch.randint(0, len(SHAPES), (n, 2), generator=g)
    color = torch.randint(0, len(COLORS), (n, 2), generator=g)
    background = _sample_backgrounds(shape, color, two, g)
    center, half = _sample_geometry(two, g)
    lcm = len(SINGLE_TEMPLATES) * len(TWO_TEMPLATES)
    t = torch.randint(0, lcm, (n,), generator=g)
    template = torch.where(two, t % len(TWO_TEMPLATES), t % len(SINGLE_TEMPLATES))
    n_shapes = two.long() + 1
    return SceneBatch(n_shapes, shape, color, background, center, half, template)


def scene_chunk(seed: int, stream: str, index: int, n: int) -> SceneBatch:
    """Chunk ``index`` of a named scene stream: a pure function of its arguments, so resuming is exact."""
    g = torch.Generator().manual_seed(stream_seed(seed, stream, index))
    return sample_scenes(n, g)


def caption_index(scenes: SceneBatch) -> torch.Tensor:
    """Row of each scene's caption in ``all_captions()``, computed with tensor ops (works on any device)."""
    nc, ns = len(COLORS), len(SHAPES)
    s, c, b = scenes.shape, scenes.color, scenes.background
    single = ((s[:, 0] * nc + c[:, 0]) * nc + b) * len(SINGLE_TEMPLATES) + scenes.template
    pair = (((s[:, 0] * nc + c[:, 0]) * ns + s[:, 1]) * nc + c[:, 1]) * nc + b
    two = N_SINGLE_CAPTIONS + pair * len(TWO_TEMPLATES) + scenes.template
    return torch.where(scenes.n_shapes == 2, two, single)


def _articles(text: str) -> str:
    """Use "an" before a vowel ("an orange star"), as people will type it."""
    return re.sub(r"\ba (?=[aeiou])", "an ", text)


def single_caption(color: int, shape: int, background: int, template: int = 0) -> str:
    """Caption of a one-shape scene."""
    c, s, b = COLORS[color], SHAPES[shape], COLORS[background]
    return _articles(SINGLE_TEMPLATES[template].format(c=c, s=s, b=b))


def two_caption(left: tuple[int, int], right: tuple[int, int], background: int, template: int = 0) -> str:
    """Caption of a two-shape scene; ``left`` and ``right`` are (color, shape), the left shape named first."""
    c1, s1, c2, s2 = COLORS[left[0]], SHAPES[left[1]], COLORS[right[0]], SHAPES[right[1]]
    return _articles(TWO_TEMPLATES[template].format(c1=c1, s1=s1, c2=c2, s2=s2, b=COLORS[background]))


def all_captions() -> list[str]:
    """Every caption the world can produce, in ``caption_index`` order (includes impossible color pairs)."""
    n_s, n_c = range(len(SHAPES)), range(len(COLORS))
    out = []
    for s, c, b in itertools.product(n_s, n_c, n_c):
        out += [single_caption(c, s, b, t) for t in range(len(SINGLE_TEMPLATES))]
    for s1, c1, s2, c2, b in itertools.product(n_s, n_c, n_s, n_c, n_c):
        out += [two_caption((c1, s1), (c2, s2), b, t) for t in range(len(TWO_TEMPLATES))]
    return out


def caption_texts(scenes: SceneBatch) -> list[str]:
    """The captions of ``scenes`` as text (slow path for previews and tests)."""
    table = all_captions()
    return [table[i] for i in caption_index(scenes).tolist()]


def fixed_scenes(specs: list[tuple[tuple[int, int], ...]], background: list[int]) -> SceneBatch:
    """Scenes with canonical geometry for given ((color, shape), ...) specs: ground truth for the metric.

    One shape is centered with half-size 16; two shapes sit side by side, left one first in the spec.
    """
    n = len(specs)
    n_shapes = torch.tensor([len(sp) for sp in specs])
    shape = torch.tensor([[sp[0][1], sp[-1][1]] for sp in specs])
    color = torch.tensor([[sp[0][0], sp[-1][0]] for sp in specs])
    two = n_shapes == 2
    half = torch.where(two[:, None], torch.tensor([10.0, 10.0]), torch.tensor([16.0, 16.0]))
    one_c = torch.tensor([[32.0, 32.0], [32.0, 32.0]])
    two_c = torch.tensor([[17.0, 30.0], [47.0, 34.0]])
    center = torch.where(two[:, None, None], two_c, one_c).expand(n, 2, 2).clone()
    return SceneBatch(
        n_shapes, shape, color, torch.tensor(background), center, half, torch.zeros(n, dtype=torch.long)
    )
