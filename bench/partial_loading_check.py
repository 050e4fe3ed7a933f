"""Check that partial loading computes exactly what a full load computes, within its device budget.

Builds a small but not trivial SD-style UNet (seeded), runs it through the model cache once fully loaded
and once with a device budget smaller than the model (partial loading streams the layers that do not
fit), and reports the largest output difference, the device bytes the cache accounted (its peak must
stay within the budget), the peak memory the device allocator saw, and the time per forward pass.
Exits 1 if the outputs differ (beyond ``--tolerance``) or the budget was exceeded.

    python -m bench.partial_loading_check                 # CUDA if available
    python -m bench.partial_loading_check --device cpu    # the same check on the CPU (small model)
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from typing import Any

import diffusers
import torch
from diffusers import UNet2DConditionModel

from bench.gpu_check.measure import peak_bytes, reset_peak, synchronize
from impasto.models.cache import ModelCache
from impasto.models.cache.sizes import object_bytes

logger = logging.getLogger("partial_loading_check")


@dataclass
class Run:
    output: torch.Tensor
    seconds_per_pass: float
    ledger_peak: int
    allocator_peak: int | None
    partial: bool


def build_unet(channels: int, dtype: torch.dtype) -> Any:
    """An SD 1.x-shaped UNet with ``channels`` in its first block (SD 1.5 has 320)."""
    torch.manual_seed(0)
    unet: Any = UNet2DConditionModel(  # type: ignore[no-untyped-call]
        sample_size=32,
        block_out_channels=(channels, channels * 2, channels * 4, channels * 4),
        layers_per_block=2,
        cross_attention_dim=768,
        attention_head_dim=8,
        norm_num_groups=32,
    )
    return unet.to(dtype).eval().requires_grad_(False)


def inputs(device: torch.device, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(1)
    latents = torch.randn(2, 4, 32, 32, generator=generator)  # (B, 4, H/8, W/8)
    context = torch.randn(2, 77, 768, generator=generator)  # (B, tokens, text width)
    return latents.to(device, dtype), torch.tensor([500, 500], device=device), context.to(device, dtype)


def run(args: argparse.Namespace, device: torch.device, dtype: torch.dtype, budget: int | None) -> Run:
    """Run the UNet through a fresh cache; ``budget`` None means room for all of it."""
    unet = build_unet(args.channels, dtype)
    size = object_bytes(unet)
    cache = ModelCache(
        ram_budget_bytes=4 * size,
        device_budget_bytes=budget or 2 * size,
        execution_device=device,
        enable_partial_loading=True,
    )
    cache.put("unet", None, unet)
    latents, timesteps, context = inputs(device, dtype)
    reset_peak(device)
    with cache.lock("unet") as model, torch.no_grad():
        output = model(latents, timesteps, context).sample  # warm-up (kernel selection, caches)
        synchronize(device)
        started = time.perf_counter()
        for _ in range(args.passes):
            output = model(latents, timesteps, context).sample
        synchronize(device)
        elapsed = (time.perf_counter() - started) / args.passes
        partial = cache.stats().entries[0].partial
    peak = peak_bytes(device)
    result = Run(output.float().cpu(), elapsed, cache.ledger.peak, peak, partial)
    cache.empty()
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--dtype", choices=["float32", "float16", "bfloat16"], default=None)
    parser.add_argument("--channels", type=int, default=None, help="first block width (default by device)")
    parser.add_argument("--budget-fraction", type=float, default=0.3, help="device budget / model size")
    parser.add_argument("--passes", type=int, default=3, help="timed forward passes per mode")
    parser.add_argument("--tolerance", type=float, default=0.0, help="largest allowed |full - partial|")
    args = parser.parse_args(argv)
    cuda = args.device.startswith("cuda")
    args.dtype = args.dtype or ("float16" if cuda else "float32")
    args.channels = args.channels or (160 if cuda else 32)
    return args


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    diffusers.utils.logging.set_verbosity_error()
    args = parse_args(argv)
    torch.set_num_threads(max(1, min(4, torch.get_num_threads())))
    torch.backends.cudnn.benchmark = False
    device, dtype = torch.device(args.device), getattr(torch, args.dtype)
    size = object_bytes(build_unet(args.channels, dtype))
    budget = int(size * args.budget_fraction)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    logger.info(
        "device %s (%s), %s, UNet of %.1f MiB, partial budget %.1f MiB",
        device,
        name,
        args.dtype,
        size / 2**20,
        budget / 2**20,
    )
    full = run(args, device, dtype, None)
    partial = run(args, device, dtype, budget)
    difference = (full.output - partial.output).abs().max().item()
    for name, result in (("full", full), ("partial", partial)):
        allocator = f"{result.allocator_peak / 2**20:.1f} MiB" if result.allocator_peak is not None else "n/a"
        logger.info(
            "%-8s %.4f s/pass  cache peak %.1f MiB  allocator peak %s  partial=%s",
            name, result.seconds_per_pass, result.ledger_peak / 2**20, allocator, result.partial,
        )  # fmt: skip
    logger.info("max |full - partial| = %g (tolerance %g)", difference, args.tolerance)
    failures = []
    if difference > args.tolerance:
        failures.append("outputs differ")
    if not partial.partial:
        failures.append("the model was not partially loaded")
    if partial.ledger_peak > budget:
        failures.append(f"cache peak {partial.ledger_peak} bytes exceeded the budget {budget}")
    for failure in failures:
        logger.error("FAIL: %s", failure)
    if not failures:
        logger.info("OK: partial loading equals a full load within the budget")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
