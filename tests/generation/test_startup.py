"""The start-up report of where generation runs."""

from __future__ import annotations

import logging

import pytest

from impasto.generation.startup import CPU_NOTICE, execution_summary, log_execution_setup
from impasto.models.cache import ModelCache

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
