"""Command line of the demo-model tool: ``python -m tools.demo_model <subcommand>``.

Heavy modules (torch, diffusers) are imported only after the clock starts, so ``--time-limit`` covers
the whole process.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from tools.demo_model.config import RunConfig, add_run_options, resolve

log = logging.getLogger("tools.demo_model")

_RUN_COMMANDS = {
    "train-vae": "train the VAE (both phases) and set its latent scale",
    "train-unet": "train the UNet and text encoder on the trained VAE",
    "export": "export the trained model as a diffusers pipeline folder (with model card)",
    "evaluate": "render held-out prompts with an exported model and score them",
    "all": "VAE, UNet, export, evaluation: one command",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m tools.demo_model", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("tokenizer", help="rebuild tools/demo_model/tokenizer/ from open_clip's BPE file")
    preview = sub.add_parser("dataset-preview", help="write a grid of training scenes as a PNG")
    preview.add_argument("--out", type=Path, default=Path("runs/dataset_preview.png"))
    preview.add_argument("--seed", type=int, default=0)
    preview.add_argument("--count", type=int, default=48)
    for name, help_text in _RUN_COMMANDS.items():
        add_run_options(sub.add_parser(name, help=help_text))
    pack = sub.add_parser(
        "pack-checkpoint", help="tar the run's most useful checkpoint files under a size limit"
    )
    pack.add_argument("--run-dir", type=Path, required=True)
    pack.add_argument("--out", type=Path, required=True)
    pack.add_argument("--max-bytes", type=int, default=16_000_000)
    return parser


def _setup_logging(log_file: Path | None) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file))
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers
    )


def _run(command: str, cfg: RunConfig, started: float) -> int:
    from tools.demo_model import workflow
    from tools.demo_model.checkpoint import read_json
    from tools.demo_model.evaluate import markdown_table, run_evaluation

    device = workflow.setup_torch(cfg)
    deadline = None if cfg.time_limit is None else started + cfg.time_limit
    if command == "all":
        return workflow.run_all(cfg, started)
    if command == "train-vae":
        workflow.train_vae(cfg, device, deadline)
    elif command == "train-unet":
        workflow.train_unet(cfg, device, deadline)
    elif command == "export":
        info = workflow.describe_environment(cfg)
        info.update(read_json(cfg.run_dir / "run.json") or {})
        info.update(_phase_records(cfg.run_dir))
        workflow.export_and_record(cfg, info)
    elif command == "evaluate":
        results = run_evaluation(cfg.out, cfg.run_dir, device, workflow.eval_settings(cfg))
        sys.stdout.write(markdown_table(results))
    return 0


def _phase_records(run_dir: Path) -> dict[str, object]:
    """Phase results and VAE stats as recorded on disk, for a standalone export."""
    from tools.demo_model.checkpoint import read_json

    phases = {name: read_json(run_dir / folder / "done.json") for name, folder in _PHASE_DIRS.items()}
    missing = [name for name, record in phases.items() if record is None]
    if missing:
        raise FileNotFoundError(f"phases not finished in {run_dir}: {missing}")
    return {"phases": phases, "vae_stats": read_json(run_dir / "vae_final" / "stats.json")}


_PHASE_DIRS = {"vae": "vae", "vae-decoder": "vae_decoder", "unet": "unet"}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    started = time.monotonic()
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    if args.command == "tokenizer":
        _setup_logging(None)
        from tools.demo_model.tokenizer import write_tokenizer_files

        write_tokenizer_files()
        return 0
    if args.command == "dataset-preview":
        _setup_logging(None)
        from tools.demo_model.workflow import write_preview

        write_preview(args.out, args.seed, args.count)
        return 0
    if args.command == "pack-checkpoint":
        _setup_logging(None)
        from tools.demo_model.checkpoint import pack_files

        names = ["unet/state.pt", "vae_final/config.json", "vae_final/stats.json", "run.json"]
        names += ["vae_final/diffusion_pytorch_model.safetensors", "unet/optim.pt", "vae_decoder/state.pt"]
        packed = pack_files(args.run_dir, names, args.out, args.max_bytes)
        log.info("packed %s into %s", packed, args.out)
        return 0
    cfg = resolve(args)
    _setup_logging(cfg.run_dir / "train.log")
    return _run(args.command, cfg, started)
