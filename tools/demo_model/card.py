"""The model card (``README.md``) written into the exported folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tools.demo_model.evaluate import markdown_table
from tools.demo_model.scenes import COLORS, SHAPES

_TEMPLATE = """---
license: apache-2.0
library_name: diffusers
pipeline_tag: text-to-image
tags: [stable-diffusion, tiny, synthetic-data, impasto]
---

# Impasto demo model

A tiny text-to-image model in the Stable Diffusion 1.x format, **trained from scratch on synthetic data by
the Impasto project**, so that Impasto works out of the box on any CPU without downloading weights. It
renders a 64x64 image in 20 steps in well under two seconds on a laptop CPU.

## What it can and cannot do

It draws one or two flat shapes ({shapes}) in eight colors ({colors}) on a plain background of another of
those colors, from prompts such as "a red circle on a blue background", "red circle, blue background",
"a blue background with a red circle" or "a green square and a yellow triangle on a white background" (two
shapes: the left one is named first). Prompts are at most 16 tokens.

It knows nothing else: no objects, people, text, styles, textures, rotations or other resolutions than
64x64 (the latent is 16x16). It has no safety checker, and needs none: it can only draw shapes.

## Use

```python
import torch
from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline

pipe = StableDiffusionPipeline.from_pretrained("path/to/demo_model", torch_dtype=torch.float32)
image = pipe("a red star on a blue background", num_inference_steps=20, guidance_scale=5.0).images[0]
```

Weights stored in float16 (to keep the folder small): {fp16}; their configs say float32, so they are
computed in float32 unless you ask otherwise. Asking for float32 explicitly (`torch_dtype`, or `dtype` in
diffusers >= 0.42) is what Impasto's loaders do. A plain `from_pretrained(path)` with diffusers
{diffusers} and transformers {transformers}: {plain_load}

## Model

| component | class | parameters | notes |
| --- | --- | --- | --- |
| VAE | AutoencoderKL | {vae_params} | blocks (16, 32, 64), 4x down, 4 channels, scale {scaling:.4f} |
| UNet | UNet2DConditionModel | {unet_params} | blocks (32, 64, 64), cross-attention at 8x8, 4x4 |
| text encoder | CLIPTextModel | {te_params} | 2 layers, width 64, 16 positions, 49,408 tokens |
| tokenizer | CLIPTokenizer | | CLIP BPE, `model_max_length` 16 |
| scheduler | DPMSolverMultistepScheduler | | DPM-Solver++(2M), trailing timesteps, SD-1.x betas |

Only {kept_tokens} token-embedding rows are non-zero: the words of the training captions and the
special tokens. Other words are read as zero vectors.

## Training

Data: synthetic scenes drawn on the fly (anti-aliased signed-distance rendering), captions in seven
phrasings. 32 one-shape (color, shape, background) combinations never appear in training, neither alone
nor in two-shape scenes; they are the evaluation prompts.

- VAE: L1 + edge (image-gradient) L1 + KL (1e-4), {vae_steps} steps at batch {vae_batch}, then
  {dec_steps} decoder-only steps; reconstruction PSNR {psnr} dB.
- UNet + text encoder, jointly: epsilon prediction, SD-1.x noise schedule, min-SNR-5 weighting, offset
  noise 0.1, 10% caption dropout, AdamW lr {lr} (constant after {warmup} warm-up steps), batch {batch},
  {unet_steps} steps, EMA {ema} (exported).
- Hardware: {hardware}. Training time: {train_time}. Software: {software}.
- Command: `{command}`
- Reproduce step for step: `{reproduce}`

## Evaluation

{evaluation}

## License

Apache-2.0, like Impasto. The weights were trained from scratch by the Impasto project on synthetic data
that it generates itself; the tokenizer vocabulary is OpenAI CLIP's BPE vocabulary (MIT license).
"""


def _plain_load(check: dict[str, Any]) -> str:
    dtypes = ", ".join(f"{k} {v.removeprefix('torch.')}" for k, v in check["dtypes"].items())
    if check["renders"]:
        return f"the components load as {dtypes}, and rendering on a CPU works."
    return f"loading or rendering on a CPU failed ({check['error']})."


def _evaluation(results: dict[str, Any] | None) -> str:
    if results is None:
        return "Not evaluated yet."
    s = results["settings"]
    head = (
        f"Held-out prompts rendered with {results['scheduler']}, {s['steps']} steps, guidance "
        f"{s['guidance_scale']}, {s['seeds']} seed(s) per prompt, scored by reading pixels (background: "
        "border color; shape color: dominant non-background color; shape: how much of its bounding box it "
        "fills). "
        "The metric scores 1.00 on the training renderer's own images.\n\n"
    )
    return head + markdown_table(results)


def write_model_card(folder: Path, info: dict[str, Any], results: dict[str, Any] | None) -> None:
    """Write ``README.md`` from the run's record ``info`` and the evaluation ``results``."""
    phases, export = info["phases"], info["export"]
    text = _TEMPLATE.format(
        shapes=", ".join(SHAPES),
        colors=", ".join(COLORS),
        fp16=", ".join(export["fp16_components"]) or "none",
        diffusers=info["versions"]["diffusers"],
        transformers=info["versions"]["transformers"],
        plain_load=_plain_load(export["plain_load"]),
        vae_params=f"{info['parameters']['vae']:,}",
        unet_params=f"{info['parameters']['unet']:,}",
        te_params=f"{info['parameters']['text_encoder']:,}",
        scaling=info["vae_stats"]["scaling_factor"],
        kept_tokens=info["kept_tokens"],
        vae_steps=phases["vae"]["steps"],
        dec_steps=phases["vae-decoder"]["steps"],
        vae_batch=info["config"]["vae_batch_size"],
        psnr=info["vae_stats"]["psnr_db"],
        lr=info["config"]["lr"],
        warmup=info["config"]["warmup_steps"],
        batch=info["config"]["batch_size"],
        unet_steps=phases["unet"]["steps"],
        ema=info["config"]["ema_decay"],
        hardware=info["hardware"],
        train_time=f"{sum(p['seconds'] for p in phases.values()) / 60:.1f} min",
        software=info["software"],
        command=info["command"],
        reproduce=info["reproduce"],
        evaluation=_evaluation(results),
    )
    (folder / "README.md").write_text(text)
