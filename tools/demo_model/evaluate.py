"""Evaluate an exported demo model on held-out prompts by reading its images' pixels.

The model is loaded exactly as users load it (``StableDiffusionPipeline.from_pretrained``), rendered with
the scheduler it ships with (DPM-Solver++(2M), trailing spacing), 20 steps, guidance 5, fixed CPU seeds,
then scored with ``metric.py``. Every prompt here is held out of training: the 32 single-shape
(color, shape, background) triples, and 16 two-shape scenes that each contain one of those triples.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline
from PIL import Image

from tools.demo_model.checkpoint import write_json
from tools.demo_model.metric import score_pair, score_single
from tools.demo_model.raster import image_grid
from tools.demo_model.scenes import COLORS, HELD_OUT, IMAGE_SIZE, SHAPES, single_caption, two_caption

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Case:
    """A prompt and what it asks for: (color, shape) of each shape, left to right."""

    prompt: str
    background: int
    shapes: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class EvalSettings:
    """How images are rendered for evaluation."""

    steps: int = 20
    guidance_scale: float = 5.0
    seeds: int = 2  # images per prompt, seeds 0..seeds-1
    limit: int | None = None  # evaluate only the first cases of each set (smoke runs)
    batch_size: int = 64


def single_cases() -> list[Case]:
    """The 32 held-out one-shape prompts."""
    return [Case(single_caption(c, s, b), b, ((c, s),)) for c, s, b in HELD_OUT]


def pair_cases() -> list[Case]:
    """16 two-shape prompts, each with a held-out triple on the left (even) or right (odd)."""
    cases = []
    for i in range(16):
        c, s, b = HELD_OUT[(5 * i) % len(HELD_OUT)]
        other_color = (c + 3 + i) % len(COLORS)
        if other_color == b:
            other_color = (other_color + 1) % len(COLORS)
        other = (other_color, (s + 1 + i % 3) % len(SHAPES))
        left, right = ((c, s), other) if i % 2 == 0 else (other, (c, s))
        cases.append(Case(two_caption(left, right, b), b, (left, right)))
    return cases


def load_pipeline(model_dir: Path, device: torch.device) -> StableDiffusionPipeline:
    """Load an exported model offline in float32 (the weights may be stored in float16).

    ``dtype`` is diffusers >= 0.42's name for ``torch_dtype``, which it deprecates.
    """
    pipe = StableDiffusionPipeline.from_pretrained(str(model_dir), dtype=torch.float32, local_files_only=True)
    quiet(pipe)
    return pipe.to(device)


def quiet(pipe: StableDiffusionPipeline) -> None:
    """No per-call progress bars: renders are logged as a whole."""
    pipe.set_progress_bar_config(disable=True)  # type: ignore[no-untyped-call]


def render_prompts(
    pipe: StableDiffusionPipeline, jobs: list[tuple[str, int]], settings: EvalSettings
) -> list[np.ndarray]:
    """Render (prompt, seed) jobs as (64, 64, 3) uint8 arrays; CPU generators make them device-independent."""
    out: list[np.ndarray] = []
    for start in range(0, len(jobs), settings.batch_size):
        chunk = jobs[start : start + settings.batch_size]
        result = pipe(
            prompt=[p for p, _ in chunk],
            num_inference_steps=settings.steps,
            guidance_scale=settings.guidance_scale,
            generator=[torch.Generator("cpu").manual_seed(seed) for _, seed in chunk],
            height=IMAGE_SIZE,
            width=IMAGE_SIZE,
            output_type="np",
        )
        out += [(np.clip(im, 0, 1) * 255).round().astype(np.uint8) for im in result.images]
    return out


def _mean(values: list[bool]) -> float:
    return round(float(np.mean(values)), 4) if values else float("nan")


def _score(
    cases: list[Case], images: list[np.ndarray], seeds: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for i, image in enumerate(images):
        case = cases[i // seeds]
        if len(case.shapes) == 1:
            color, shape = case.shapes[0]
            score = asdict(score_single(image, color, shape, case.background))
        else:
            score = asdict(score_pair(image, case.shapes[0], case.shapes[1], case.background))
        score["all"] = all(score.values())
        items.append({"prompt": case.prompt, "seed": i % seeds, **score})
    fields = [k for k in items[0] if k not in ("prompt", "seed")] if items else []
    summary: dict[str, Any] = {"images": len(items), **{f: _mean([it[f] for it in items]) for f in fields}}
    return items, summary


def _by_shape(cases: list[Case], items: list[dict[str, Any]], seeds: int) -> dict[str, float]:
    return {
        name: _mean([it["all"] for i, it in enumerate(items) if cases[i // seeds].shapes[0][1] == k])
        for k, name in enumerate(SHAPES)
    }


def evaluate_pipeline(
    pipe: StableDiffusionPipeline, settings: EvalSettings
) -> tuple[dict[str, Any], list[np.ndarray]]:
    """Render and score both prompt sets; returns the results and the seed-0 image of every prompt."""
    sets = {"single": single_cases()[: settings.limit], "pair": pair_cases()[: settings.limit]}
    results: dict[str, Any] = {"settings": asdict(settings), "scheduler": type(pipe.scheduler).__name__}
    firsts: list[np.ndarray] = []
    start = time.monotonic()
    for name, cases in sets.items():
        jobs = [(c.prompt, seed) for c in cases for seed in range(settings.seeds)]
        images = render_prompts(pipe, jobs, settings)
        items, summary = _score(cases, images, settings.seeds)
        if name == "single":
            summary["by_shape"] = _by_shape(cases, items, settings.seeds)
        results[name] = {"summary": summary, "items": items}
        firsts += images[:: settings.seeds]
    results["seconds"] = round(time.monotonic() - start, 1)
    return results, firsts


def markdown_table(results: dict[str, Any]) -> str:
    """The results as two Markdown tables (also readable in a terminal)."""
    s, p = results["single"]["summary"], results["pair"]["summary"]

    def row(name: str, images: object, *values: float) -> str:
        return f"| {name} | {images} | " + " | ".join(f"{v:.2f}" for v in values) + " |"

    lines = [
        "| held-out one-shape prompts | images | background | color | shape | all correct |",
        "| --- | --- | --- | --- | --- | --- |",
        row("all", s["images"], s["background"], s["color"], s["shape"], s["all"]),
    ]
    lines += [f"| {k}s | | | | | {v:.2f} |" for k, v in s["by_shape"].items()]
    lines += [
        "",
        "| held-out two-shape prompts | images | background | left shape+color | right shape+color | all |",
        "| --- | --- | --- | --- | --- | --- |",
        row("all", p["images"], p["background"], p["left"], p["right"], p["all"]),
    ]
    return "\n".join(lines) + "\n"


def run_evaluation(
    model_dir: Path, run_dir: Path, device: torch.device, settings: EvalSettings
) -> dict[str, Any]:
    """Evaluate ``model_dir``; write ``eval.json`` and ``eval_grid.png`` into ``run_dir``."""
    pipe = load_pipeline(model_dir, device)
    results, firsts = evaluate_pipeline(pipe, settings)
    results["model"] = str(model_dir)
    results["device"] = str(device)
    write_json(run_dir / "eval.json", results)
    image_grid([Image.fromarray(a) for a in firsts], columns=8, scale=2).save(run_dir / "eval_grid.png")
    single, pair = results["single"]["summary"], results["pair"]["summary"]
    log.info(
        "evaluation (%.1f s): one shape all-correct %.3f, two shapes %.3f",
        results["seconds"],
        single["all"],
        pair["all"],
    )
    return results
