"""Settings of a training run: command-line options, with defaults chosen per profile (cpu, cuda, smoke).

Pure Python (no torch import), so the command line is parsed and the clock started before the slow
imports, which then count against ``--time-limit`` like everything else.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EXPORT = REPO_ROOT / "src" / "impasto" / "assets" / "demo_model"

# cuda: the UNet step is launch-bound (~1-2k small kernels), so a batch of 256 costs about what 32 does;
# the learning rate is doubled from the CPU recipe's 1e-3 (sqrt-scaling would allow 2.8e-3) and the EMA
# horizon lengthened to ~1000 steps for a run of ~10-20k steps. Step counts apply when no time limit is given.
PROFILES: dict[str, dict[str, Any]] = {
    "cpu": {
        "vae_steps": 300,
        "vae_decoder_steps": 100,
        "vae_batch_size": 32,
        "vae_lr": 1e-3,
        "unet_steps": 4000,
        "batch_size": 32,
        "lr": 1e-3,
        "warmup_steps": 200,
        "ema_decay": 0.995,
        "log_every": 20,
        "threads": 1,
        "eval_seeds": 2,
        "eval_steps": 20,
        "eval_limit": None,
    },
    "cuda": {
        "vae_steps": 6000,
        "vae_decoder_steps": 2000,
        "vae_batch_size": 128,
        "vae_lr": 1e-3,
        "unet_steps": 30000,
        "batch_size": 256,
        "lr": 2e-3,
        "warmup_steps": 500,
        "ema_decay": 0.999,
        "log_every": 100,
        "threads": 4,
        "eval_seeds": 2,
        "eval_steps": 20,
        "eval_limit": None,
    },
    "smoke": {
        "vae_steps": 12,
        "vae_decoder_steps": 6,
        "vae_batch_size": 8,
        "vae_lr": 1e-3,
        "unet_steps": 16,
        "batch_size": 8,
        "lr": 1e-3,
        "warmup_steps": 4,
        "ema_decay": 0.9,
        "log_every": 4,
        "threads": 1,
        "eval_seeds": 1,
        "eval_steps": 4,
        "eval_limit": 4,
    },
}
STEP_OPTIONS = ("vae_steps", "vae_decoder_steps", "unet_steps")


@dataclass(frozen=True)
class RunConfig:
    """Everything a run depends on; ``None`` step counts mean "until this phase's share of the time limit"."""

    device: str
    seed: int
    run_dir: Path
    out: Path
    threads: int
    time_limit: float | None
    smoke: bool
    vae_steps: int | None
    vae_decoder_steps: int | None
    vae_batch_size: int
    vae_lr: float
    unet_steps: int | None
    batch_size: int
    lr: float
    warmup_steps: int
    ema_decay: float
    amp: str
    eval_steps: int
    eval_seeds: int
    eval_limit: int | None
    guidance_scale: float
    log_every: int
    ckpt_every_seconds: float

    def as_json(self) -> dict[str, Any]:
        """The settings as JSON-ready values."""
        return {f.name: str(v) if isinstance(v := getattr(self, f.name), Path) else v for f in fields(self)}


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the training, export and evaluation subcommands (unset ones use the profile)."""
    a = parser.add_argument
    a("--device", choices=("cpu", "cuda"), default="cpu", help="where to train and evaluate")
    a("--seed", type=int, default=0, help="seed of every random stream (data, init, noise)")
    a("--run-dir", type=Path, help="checkpoints, logs, eval results (default runs/demo_model[_smoke])")
    a(
        "--out",
        type=Path,
        help="exported model folder (default src/impasto/assets/demo_model; smoke: in run dir)",
    )
    a("--threads", type=int, help="torch CPU threads (default 1 on cpu, 4 on cuda)")
    a("--time-limit", type=float, help="seconds for the whole command; training stops in time to export")
    a(
        "--smoke",
        action="store_true",
        help="tiny end-to-end run for checking the machinery (~1-2 min on a CPU)",
    )
    for name, kind in (("vae-steps", int), ("vae-decoder-steps", int), ("unet-steps", int)):
        a(
            f"--{name}",
            type=kind,
            help="steps of this phase (default: the profile's, or until time with --time-limit)",
        )
    a("--vae-batch-size", type=int)
    a("--vae-lr", type=float)
    a("--batch-size", type=int, help="UNet batch size")
    a("--lr", type=float, help="UNet + text encoder learning rate (constant after warm-up)")
    a("--warmup-steps", type=int)
    a("--ema-decay", type=float)
    a("--amp", choices=("none", "bf16"), default="none", help="bf16 autocast of forward passes on CUDA")
    a("--eval-steps", type=int, help="denoising steps of evaluation renders (default 20)")
    a("--eval-seeds", type=int, help="images per evaluation prompt")
    a("--eval-limit", type=int, help="evaluate only the first N prompts of each set")
    a("--guidance-scale", type=float, default=5.0)
    a("--log-every", type=int, help="steps between log lines (and GPU synchronizations)")
    a("--ckpt-every-seconds", type=float, default=60.0)


def resolve(args: argparse.Namespace) -> RunConfig:
    """Fill unset options from the profile; with a time limit, unset step counts mean "until time"."""
    profile = PROFILES["smoke" if args.smoke else args.device]
    values: dict[str, Any] = {
        k: (getattr(args, k, None) if getattr(args, k, None) is not None else v) for k, v in profile.items()
    }
    if args.time_limit is not None and not args.smoke:
        values.update({k: getattr(args, k) for k in STEP_OPTIONS})
    run_dir = args.run_dir or REPO_ROOT / "runs" / ("demo_model_smoke" if args.smoke else "demo_model")
    out = args.out or (run_dir / "export" / "demo_model" if args.smoke else DEFAULT_EXPORT)
    return RunConfig(
        device=args.device,
        seed=args.seed,
        run_dir=run_dir,
        out=out,
        time_limit=args.time_limit,
        smoke=args.smoke,
        amp=args.amp,
        guidance_scale=args.guidance_scale,
        ckpt_every_seconds=args.ckpt_every_seconds,
        **values,
    )


def reproduce_command(cfg: RunConfig, steps: dict[str, int]) -> str:
    """A command that repeats a (possibly clock-stopped) run step for step."""
    parts = ["python -m tools.demo_model all", f"--device {cfg.device}", f"--seed {cfg.seed}"]
    parts += [f"--{k.replace('_', '-')} {v}" for k, v in steps.items()]
    for k in ("vae_batch_size", "vae_lr", "batch_size", "lr", "warmup_steps", "ema_decay"):
        parts.append(f"--{k.replace('_', '-')} {getattr(cfg, k)}")
    if cfg.amp != "none":
        parts.append(f"--amp {cfg.amp}")
    return " ".join(parts)
