"""The training loop shared by every phase: budget, logging, checkpoints, resume and NaN recovery.

A phase stops after a number of steps or before a wall-clock deadline, whichever comes first. The loss
is accumulated on the device and read back only every ``log_every`` steps, so the loop never stalls the
GPU in between. Checkpoints are written only at those points, after the loss was seen to be finite.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

import torch

from tools.demo_model.checkpoint import DONE_FILE, load_checkpoint, read_json, save_checkpoint, write_json

log = logging.getLogger(__name__)


class Trainer(Protocol):
    """One phase's model, optimizer and step; the loop owns everything else."""

    name: str
    hparams: dict[str, Any]  # settings that must match for a checkpoint to be resumed

    def train_step(self, step: int) -> torch.Tensor:
        """Run step ``step`` and return its loss as a detached 0-d tensor (not synchronized)."""
        ...

    def state_dict(self) -> dict[str, Any]:
        """Weights, EMA and RNG state."""
        ...

    def optimizer_state(self) -> dict[str, Any]:
        """The optimizer's state."""
        ...

    def load_state(self, state: dict[str, Any], optim: dict[str, Any]) -> None:
        """Restore what ``state_dict`` and ``optimizer_state`` returned."""
        ...

    def set_lr_scale(self, scale: float) -> None:
        """Multiply the learning-rate schedule by ``scale`` (used after a divergence)."""
        ...


@dataclass(frozen=True)
class Budget:
    """When a phase stops: after ``steps`` steps, or before ``deadline`` (a ``time.monotonic()`` value)."""

    steps: int | None
    deadline: float | None


@dataclass(frozen=True)
class LoopSettings:
    """Cadence of logging and checkpoints."""

    log_every: int = 100
    ckpt_every_steps: int = 5000
    ckpt_every_seconds: float = 60.0
    max_recoveries: int = 3


@dataclass(frozen=True)
class PhaseResult:
    """What a finished phase did; ``steps`` reproduces it with ``--*-steps``."""

    name: str
    steps: int
    seconds: float
    stopped_by: str  # "steps", "time" or "done-before"
    recoveries: int
    final_loss: float


@dataclass
class _Progress:
    step: int = 0
    lr_scale: float = 1.0
    recoveries: int = 0
    elapsed_before: float = 0.0  # training seconds of earlier runs of this phase
    last_loss: float = math.nan


def _save(trainer: Trainer, directory: Path, p: _Progress, elapsed: float) -> None:
    state = {"trainer": trainer.state_dict(), "hparams": trainer.hparams, **asdict(p)}
    state["elapsed_before"] = elapsed  # the total so far, which a later run continues from
    save_checkpoint(directory, state, trainer.optimizer_state())


def _restore(trainer: Trainer, directory: Path) -> _Progress | None:
    loaded = load_checkpoint(directory)
    if loaded is None:
        return None
    state, optim = loaded
    if state["hparams"] != trainer.hparams:
        diff = {
            k: (state["hparams"].get(k), v)
            for k, v in trainer.hparams.items()
            if state["hparams"].get(k) != v
        }
        raise ValueError(f"checkpoint in {directory} was made with other settings (saved, now): {diff}")
    trainer.load_state(state["trainer"], optim)
    p = _Progress(
        state["step"], state["lr_scale"], state["recoveries"], state["elapsed_before"], state["last_loss"]
    )
    trainer.set_lr_scale(p.lr_scale)
    return p


def _recover(trainer: Trainer, directory: Path, p: _Progress, settings: LoopSettings) -> _Progress:
    """Go back to the last checkpoint with half the learning rate, a bounded number of times."""
    if p.recoveries >= settings.max_recoveries:
        raise FloatingPointError(f"{trainer.name}: loss still not finite after {p.recoveries} recoveries")
    restored = _restore(trainer, directory)
    if restored is None:
        raise FloatingPointError(f"{trainer.name}: loss not finite and no checkpoint to go back to")
    restored.recoveries = p.recoveries + 1
    restored.elapsed_before = p.elapsed_before
    restored.lr_scale = p.lr_scale * 0.5
    trainer.set_lr_scale(restored.lr_scale)
    log.warning(
        "%s: non-finite loss; back to step %d with lr x%.3g", trainer.name, restored.step, restored.lr_scale
    )
    return restored


def _fmt_seconds(s: float) -> str:
    return f"{int(s // 60)}m{int(s % 60):02d}s"


def _log_line(trainer: Trainer, p: _Progress, budget: Budget, rate: float, elapsed: float) -> None:
    if budget.steps is not None:
        eta = (budget.steps - p.step) / max(rate, 1e-9)
        total = str(budget.steps)
    else:
        eta = (budget.deadline or time.monotonic()) - time.monotonic()
        total = "time"
    if budget.deadline is not None:
        eta = min(eta, budget.deadline - time.monotonic())
    log.info(
        "%s step %d/%s  loss %.4f  %.1f steps/s  elapsed %s  eta %s",
        trainer.name,
        p.step,
        total,
        p.last_loss,
        rate,
        _fmt_seconds(elapsed),
        _fmt_seconds(max(eta, 0.0)),
    )


def _out_of_budget(p: _Progress, budget: Budget, step_seconds: float) -> str | None:
    if budget.steps is not None and p.step >= budget.steps:
        return "steps"
    if budget.deadline is not None and time.monotonic() + 2 * step_seconds >= budget.deadline:
        return "time"
    return None


def run_phase(trainer: Trainer, directory: Path, budget: Budget, settings: LoopSettings) -> PhaseResult:
    """Train ``trainer`` within ``budget``, resuming from and checkpointing into ``directory``."""
    done = read_json(directory / DONE_FILE)
    if done is not None:
        log.info("%s: already done (%d steps); loading its final checkpoint", trainer.name, done["steps"])
        _restore(trainer, directory)
        return PhaseResult(**{**done, "stopped_by": "done-before"})
    start = time.monotonic()
    p = _restore(trainer, directory)
    if p is None:
        p = _Progress()
        _save(trainer, directory, p, 0.0)  # a state to fall back to if the loss ever goes non-finite
    else:
        log.info("%s: resuming at step %d", trainer.name, p.step)
    loss_sum, window, window_start, step_seconds = None, 0, time.monotonic(), 0.0
    last_ckpt_step, last_ckpt_time = p.step, time.monotonic()
    while (stopped_by := _out_of_budget(p, budget, step_seconds)) is None:
        loss = trainer.train_step(p.step)
        loss_sum = loss if loss_sum is None else loss_sum + loss
        p.step, window = p.step + 1, window + 1
        if p.step % settings.log_every and not (budget.steps is not None and p.step >= budget.steps):
            continue
        assert loss_sum is not None
        p.last_loss = float(loss_sum.item()) / window  # the only synchronization point
        now = time.monotonic()
        step_seconds = (now - window_start) / window
        loss_sum, window, window_start = None, 0, now
        if not math.isfinite(p.last_loss):
            p = _recover(trainer, directory, p, settings)
            continue
        _log_line(trainer, p, budget, 1 / step_seconds, p.elapsed_before + now - start)
        if (
            p.step - last_ckpt_step >= settings.ckpt_every_steps
            or now - last_ckpt_time >= settings.ckpt_every_seconds
        ):
            _save(trainer, directory, p, p.elapsed_before + now - start)
            last_ckpt_step, last_ckpt_time = p.step, time.monotonic()
    if loss_sum is not None and not math.isfinite(float(loss_sum.item())):
        log.warning("%s: loss not finite in the last steps; keeping the last checkpoint", trainer.name)
        restored = _restore(trainer, directory)
        if restored is not None:
            restored.elapsed_before, p = p.elapsed_before, restored
    elapsed = p.elapsed_before + time.monotonic() - start
    _save(trainer, directory, p, elapsed)
    result = PhaseResult(trainer.name, p.step, round(elapsed, 1), stopped_by, p.recoveries, p.last_loss)
    write_json(directory / DONE_FILE, asdict(result))
    log.info(
        "%s: done after %d steps in %s (stopped by %s)",
        trainer.name,
        p.step,
        _fmt_seconds(elapsed),
        stopped_by,
    )
    return result
