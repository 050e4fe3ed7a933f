"""The start-up report of where generation runs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from impasto.models.cache import ModelCache
from impasto.models.cache.startup import (
    CPU_NOTICE,
    execution_summary,
    log_execution_setup,
    log_execution_setup_from_child,
)

GIB = 1024**3


def test_the_cpu_is_named_with_what_it_means_for_speed() -> None:
    cache = ModelCache(ram_budget_bytes=6 * GIB, device_budget_bytes=6 * GIB, execution_device="cpu")
    lines = execution_summary(cache, "auto")
    messages = [message for _, message in lines]
    assert messages[0] == "generation: device cpu, weights in float32 (precision: auto)"
    assert messages[1] == "model cache: 6.0 GiB of RAM, 6.0 GiB on cpu, partial loading off"
    assert lines[-1] == (logging.WARNING, CPU_NOTICE)
    assert "slower than on a GPU" in CPU_NOTICE
    assert "float16" in execution_summary(cache, "float16")[0][1]


def test_a_device_this_machine_lacks_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    cache = ModelCache(ram_budget_bytes=GIB, device_budget_bytes=GIB, execution_device="cuda:31")
    with caplog.at_level(logging.INFO):
        log_execution_setup(cache, "auto", logging.getLogger("test"))
    assert any(r.levelno == logging.ERROR and "cuda:31" in r.getMessage() for r in caplog.records)


def test_the_server_asks_a_child_process(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "impasto.yaml").write_text("device: cpu\nram_cache_gb: 2\nvram_cache_gb: 1\n")
    with caplog.at_level(logging.INFO):
        log_execution_setup_from_child(tmp_path, logging.getLogger("test"))
    messages = [r.getMessage() for r in caplog.records]
    assert "generation: device cpu, weights in float32 (precision: auto)" in messages
    assert "model cache: 2.0 GiB of RAM, 1.0 GiB on cpu, partial loading off" in messages
    assert CPU_NOTICE in messages


def test_a_broken_child_is_logged_not_raised(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "impasto.yaml").write_text("device: cuda:31\n")
    with caplog.at_level(logging.INFO):
        log_execution_setup_from_child(tmp_path, logging.getLogger("test"))
    assert any(r.levelno == logging.ERROR and "cuda:31" in r.getMessage() for r in caplog.records)
