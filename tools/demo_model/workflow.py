"""The phases of a run and ``all``: VAE → UNet → export → evaluate, inside one time budget.

Export comes before evaluation (which loads the exported folder, testing it as users will load it), so a
failure late in a run still leaves a model and its logs behind. With ``--time-limit`` the time left after
start-up is split: 20% VAE (three quarters full VAE, a quarter decoder-only), the rest UNet, minus a
reserve for export and evaluation.
"""

from __future__ import annotations

import logging
import platform
import shlex
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import diffusers
import torch
import transformers
from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL

from tools.demo_model.card import write_model_card
from tools.demo_model.checkpoint import read_json, write_json
from tools.demo_model.config import RunConfig, reproduce_command
from tools.demo_model.evaluate import (
    EvalSettings,
    load_pipeline,
    markdown_table,
    render_prompts,
    run_evaluation,
)
from tools.demo_model.export import export_model, save_folder
from tools.demo_model.loop import Budget, LoopSettings, PhaseResult, run_phase
from tools.demo_model.models import (
    build_text_encoder,
    build_unet,
    build_vae,
    count_parameters,
    zero_unused_embeddings,
)
from tools.demo_model.raster import image_grid, render_pil
from tools.demo_model.scenes import caption_texts, scene_chunk, single_caption, stream_seed
from tools.demo_model.tokenizer import caption_token_table, load_tokenizer, tokenize, used_token_ids
from tools.demo_model.train_unet import DiffusionModel, UnetSettings, UnetTrainer
from tools.demo_model.train_vae import VaeSettings, VaeTrainer, finalize_vae, narrow_posterior

log = logging.getLogger(__name__)

VAE_SHARE = 0.2  # a sharp VAE matters: blurred edges capped shape accuracy in the CPU study
VAE_DECODER_FRACTION = 0.25


def setup_torch(cfg: RunConfig) -> torch.device:
    """Threads, TF32 and cuDNN autotuning; the device to train on."""
    torch.set_num_threads(cfg.threads)
    if cfg.device == "cuda":
        if not torch.cuda.is_available():
            raise RuntimeError("--device cuda given but torch sees no CUDA device")
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True  # fixed shapes: autotuned convolutions pay off
    return torch.device(cfg.device)


def _loop(cfg: RunConfig) -> LoopSettings:
    return LoopSettings(log_every=cfg.log_every, ckpt_every_seconds=cfg.ckpt_every_seconds)


def train_vae(cfg: RunConfig, device: torch.device, deadline: float | None) -> dict[str, Any]:
    """Both VAE phases (resumable), then the latent scale; saves ``vae_final/``."""
    torch.manual_seed(stream_seed(cfg.seed, "init-vae", 0))
    vae = build_vae()
    narrow_posterior(vae)
    settings = VaeSettings(seed=cfg.seed, batch_size=cfg.vae_batch_size, lr=cfg.vae_lr, amp=cfg.amp)
    split = (
        None
        if deadline is None
        else time.monotonic() + (1 - VAE_DECODER_FRACTION) * (deadline - time.monotonic())
    )
    full = run_phase(
        VaeTrainer(vae, settings, device, False),
        cfg.run_dir / "vae",
        Budget(cfg.vae_steps, split),
        _loop(cfg),
    )
    decoder_trainer = VaeTrainer(vae, settings, device, True)
    decoder = run_phase(
        decoder_trainer, cfg.run_dir / "vae_decoder", Budget(cfg.vae_decoder_steps, deadline), _loop(cfg)
    )
    final = cfg.run_dir / "vae_final"
    stats = read_json(final / "stats.json")
    if stats is None or decoder.stopped_by != "done-before":
        stats = finalize_vae(vae, final, cfg.seed, device, cfg.vae_batch_size)
    return {"phases": {"vae": asdict(full), "vae-decoder": asdict(decoder)}, "vae_stats": stats}


def train_unet(cfg: RunConfig, device: torch.device, deadline: float | None) -> PhaseResult:
    """The UNet + text encoder phase (resumable), on the saved final VAE."""
    vae: AutoencoderKL = AutoencoderKL.from_pretrained(str(cfg.run_dir / "vae_final"))
    table = caption_token_table(load_tokenizer())
    keep = used_token_ids(table)
    torch.manual_seed(stream_seed(cfg.seed, "init-unet", 0))
    model = DiffusionModel(build_unet(), build_text_encoder())
    zero_unused_embeddings(model.text_encoder, keep)  # never-used rows stay exactly zero in training
    settings = UnetSettings(
        seed=cfg.seed,
        batch_size=cfg.batch_size,
        lr=cfg.lr,
        warmup_steps=cfg.warmup_steps,
        ema_decay=cfg.ema_decay,
        amp=cfg.amp,
    )
    trainer = UnetTrainer(model, vae, table, keep, settings, device)
    return run_phase(trainer, cfg.run_dir / "unet", Budget(cfg.unet_steps, deadline), _loop(cfg))


def preflight(cfg: RunConfig, device: torch.device) -> None:
    """Fail in seconds rather than after the VAE phase: tokenizer, captions, a forward pass, output folder."""
    tokenizer = load_tokenizer()
    ids = tokenize(tokenizer, [single_caption(0, 0, 2)])
    if ids[0, :9].tolist() != [49406, 320, 736, 7117, 525, 320, 1746, 5994, 49407]:
        raise RuntimeError(f"tokenizer gives unexpected ids {ids[0].tolist()}")
    caption_token_table(tokenizer)  # raises if a caption is longer than the context
    model = DiffusionModel(build_unet(), build_text_encoder()).to(device)
    with torch.no_grad():
        out = model(
            torch.zeros(2, 4, 16, 16, device=device),
            torch.tensor([1, 999], device=device),
            ids.repeat(2, 1).to(device),
        )
    if out.shape != (2, 4, 16, 16):
        raise RuntimeError(f"unexpected UNet output shape {tuple(out.shape)}")
    cfg.out.parent.mkdir(parents=True, exist_ok=True)
    _rehearse_export(cfg.run_dir / "preflight_export")
    log.info("preflight passed on %s", device)


def _rehearse_export(folder: Path) -> None:
    """Save an untrained pipeline (fails the run now if saving fails) and load it back (only warns)."""
    torch.manual_seed(0)
    save_folder(build_vae(), build_unet(), build_text_encoder(), folder)
    try:
        render_prompts(load_pipeline(folder, torch.device("cpu")), [("a red star", 0)], EvalSettings(steps=1))
    except Exception:
        log.exception("PREFLIGHT: an exported folder does not load back here; training goes on regardless")
    shutil.rmtree(folder, ignore_errors=True)


def eval_settings(cfg: RunConfig) -> EvalSettings:
    """Evaluation rendering settings of this run."""
    return EvalSettings(
        steps=cfg.eval_steps, guidance_scale=cfg.guidance_scale, seeds=cfg.eval_seeds, limit=cfg.eval_limit
    )


def describe_environment(cfg: RunConfig) -> dict[str, Any]:
    """Command, hardware and software of this run, for the record and the model card."""
    if cfg.device == "cuda":
        hardware = f"1x {torch.cuda.get_device_name(0)}"
    else:
        hardware = f"CPU ({platform.processor() or platform.machine()}), {cfg.threads} thread(s)"
    software = (
        f"Python {platform.python_version()}, torch {torch.__version__}, diffusers {diffusers.__version__}, "
        f"transformers {transformers.__version__}"
    )
    command = "python -m tools.demo_model " + shlex.join(sys.argv[1:])
    versions = {
        "torch": torch.__version__,
        "diffusers": diffusers.__version__,
        "transformers": transformers.__version__,
    }
    return {
        "hardware": hardware,
        "software": software,
        "versions": versions,
        "command": command,
        "config": cfg.as_json(),
    }


def export_and_record(cfg: RunConfig, info: dict[str, Any]) -> None:
    """Export the model, complete the run record and write a first model card."""
    info["export"] = export_model(cfg.run_dir, cfg.out, check_steps=cfg.eval_steps)
    info["parameters"] = {
        "vae": count_parameters(build_vae()),
        "unet": count_parameters(build_unet()),
        "text_encoder": count_parameters(build_text_encoder()),
    }
    info["kept_tokens"] = len(used_token_ids(caption_token_table(load_tokenizer())))
    steps = {f"{k.replace('-', '_')}_steps": v["steps"] for k, v in info["phases"].items()}
    info["reproduce"] = reproduce_command(cfg, steps)
    write_json(cfg.run_dir / "run.json", info)
    write_model_card(cfg.out, info, None)


def run_all(cfg: RunConfig, started: float) -> int:
    """Train, export and evaluate; returns the exit status (non-zero if a late step failed)."""
    device = setup_torch(cfg)
    deadline = None if cfg.time_limit is None else started + cfg.time_limit
    reserve = 0.0 if cfg.time_limit is None else max(30.0, 0.06 * cfg.time_limit)
    train_end = None if deadline is None else deadline - reserve
    info = describe_environment(cfg)
    log.info("run: %s on %s (%s)", info["command"], info["hardware"], info["software"])
    preflight(cfg, device)
    vae_end = None if train_end is None else time.monotonic() + VAE_SHARE * (train_end - time.monotonic())
    info.update(train_vae(cfg, device, vae_end))
    status = 0
    try:
        info["phases"]["unet"] = asdict(train_unet(cfg, device, train_end))
    except Exception:
        log.exception("UNet training failed; exporting its last checkpoint")
        info["phases"]["unet"] = {"steps": -1, "seconds": 0.0, "stopped_by": "error"}
        status = 1
    export_and_record(cfg, info)
    try:
        results = run_evaluation(cfg.out, cfg.run_dir, device, eval_settings(cfg))
    except Exception:
        log.exception("evaluation failed; the exported model stands")
        return 1
    write_model_card(cfg.out, info, results)
    sys.stdout.write(markdown_table(results))
    log.info("total %.1f s; model in %s", time.monotonic() - started, cfg.out)
    return status


def write_preview(path: Path, seed: int, count: int) -> None:
    """A grid of training scenes with their captions logged, to look at the data."""
    scenes = scene_chunk(seed, "preview", 0, count)
    path.parent.mkdir(parents=True, exist_ok=True)
    image_grid(render_pil(scenes), columns=8, scale=2).save(path)
    for i, caption in enumerate(caption_texts(scenes)):
        log.info("%2d: %s", i, caption)
