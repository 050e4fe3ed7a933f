"""The model cache: hits and misses, LRU eviction within the RAM and device budgets, pinning, events."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
import torch
from torch import nn

from impasto.config import load_config
from impasto.errors import ConfigError
from impasto.events import Event, EventBus
from impasto.models.cache import ModelCache, ModelNotCachedError, resolve_device, resolve_dtype
from impasto.models.cache.sizes import object_bytes
from impasto.models.taxonomy import BaseModelType

torch.set_num_threads(1)

SIZE = 4 * 64 * 64 + 4 * 64  # bytes of one float32 Linear(64, 64)


def linear(seed: int = 0) -> nn.Linear:
    torch.manual_seed(seed)
    return nn.Linear(64, 64).eval()


@pytest.fixture
def events() -> list[Event]:
    return []


def make_cache(
    received: list[Event], *, ram: int = 10 * SIZE, device: int = 10 * SIZE, partial: bool = False
) -> ModelCache:
    bus = EventBus()
    bus.subscribe(received.append)
    return ModelCache(
        ram_budget_bytes=ram,
        device_budget_bytes=device,
        execution_device="cpu",
        enable_partial_loading=partial,
        events=bus,
    )


def of_type(received: list[Event], type_id: str) -> list[Event]:
    return [event for event in received if event.type == type_id]


def test_sizes_count_parameters_buffers_and_tensor_bundles() -> None:
    module = nn.BatchNorm1d(8)
    assert object_bytes(module) == 4 * 8 * 4 + 8  # weight, bias, running mean/var, int64 counter
    bundle = {"a": torch.zeros(10), "b": [torch.zeros(5, dtype=torch.float16)]}
    assert object_bytes(bundle) == 40 + 10
    assert object_bytes("a tokenizer") == 0


def test_get_or_load_misses_once_then_hits(events: list[Event]) -> None:
    cache = make_cache(events)
    calls: list[int] = []

    def load() -> nn.Module:
        calls.append(1)
        return linear()

    first = cache.get_or_load("k", "unet", load)
    second = cache.get_or_load("k", "unet", load)
    assert first is second
    assert calls == [1]
    stats = cache.stats()
    assert (stats.hits, stats.misses, stats.ram_bytes) == (1, 1, SIZE)
    assert [e.type for e in events] == ["model_load_started", "model_load_completed"]
    completed = of_type(events, "model_load_completed")[0]
    assert completed.model_dump()["bytes"] == SIZE
    assert cache.contains("k", "unet")
    assert not cache.contains("k", "vae")


def test_submodels_of_one_model_are_separate_entries(events: list[Event]) -> None:
    cache = make_cache(events)
    unet = cache.get_or_load("k", "unet", lambda: linear(1))
    vae = cache.get_or_load("k", "vae", lambda: linear(2))
    assert unet is not vae
    assert [(e.key, e.submodel) for e in cache.stats().entries] == [("k", "unet"), ("k", "vae")]


def test_a_failed_load_caches_nothing_and_is_reported(events: list[Event]) -> None:
    cache = make_cache(events)

    def broken() -> nn.Module:
        raise ValueError("bad file")

    with pytest.raises(ValueError, match="bad file"):
        cache.get_or_load("k", None, broken)
    failed = of_type(events, "model_load_failed")
    assert failed[0].model_dump()["error_message"] == "bad file"
    assert cache.stats().load_failures == 1
    assert not cache.contains("k")
    assert cache.get_or_load("k", None, linear) is not None


def test_concurrent_requests_load_once(events: list[Event]) -> None:
    cache = make_cache(events)
    calls: list[int] = []
    gate = threading.Event()

    def slow() -> nn.Module:
        calls.append(1)
        gate.wait(2)
        return linear()

    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_load("k", None, slow))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join()
    assert calls == [1]
    assert len(results) == 4
    assert all(result is results[0] for result in results)


def test_ram_budget_evicts_least_recently_used(events: list[Event]) -> None:
    cache = make_cache(events, ram=3 * SIZE)
    for name in "abc":
        cache.put(name, None, linear())
    cache.get_or_load("a", None, linear)  # a is now the most recently used
    cache.put("d", None, linear())
    assert [e.key for e in cache.stats().entries] == ["c", "a", "d"]
    evicted = of_type(events, "model_evicted")
    assert [(e.model_dump()["key"], e.model_dump()["where"]) for e in evicted] == [("b", "ram")]
    stats = cache.stats()
    assert stats.ram_evictions == 1
    assert stats.ram_bytes <= 3 * SIZE
    assert stats.peak_ram_bytes <= 3 * SIZE


def test_locked_models_are_never_evicted_from_ram(events: list[Event]) -> None:
    cache = make_cache(events, ram=2 * SIZE)
    cache.put("a", None, linear())
    with cache.lock("a"):
        for name in "bcde":
            cache.put(name, None, linear())
        keys = [e.key for e in cache.stats().entries]
        assert "a" in keys
        assert len(keys) == 2
    cache.put("f", None, linear())  # unlocking counted as a use, so "e" is the least recent now
    assert [e.key for e in cache.stats().entries] == ["a", "f"]


def test_device_budget_offloads_least_recently_used_to_ram(events: list[Event]) -> None:
    cache = make_cache(events, device=2 * SIZE)
    for name in "abc":
        cache.put(name, None, linear())
    for name in "abc":
        with cache.lock(name):
            assert cache.stats().device_bytes <= 2 * SIZE
    stats = cache.stats()
    on_device = {e.key: e.device_bytes for e in stats.entries}
    assert on_device == {"a": 0, "b": SIZE, "c": SIZE}
    assert stats.device_evictions == 1
    assert stats.peak_device_bytes == 2 * SIZE
    evicted = [e.model_dump() for e in of_type(events, "model_evicted")]
    assert [(e["key"], e["where"], e["bytes"]) for e in evicted] == [("a", "device", SIZE)]
    assert cache.contains("a")  # still in RAM


def test_locked_models_are_never_evicted_from_the_device(
    events: list[Event], caplog: pytest.LogCaptureFixture
) -> None:
    cache = make_cache(events, device=SIZE)
    cache.put("a", None, linear())
    cache.put("b", None, linear())
    with cache.lock("a"), cache.lock("b"):
        entries = {e.key: e.device_bytes for e in cache.stats().entries}
        assert entries == {"a": SIZE, "b": SIZE}
    assert "exceeds the free device budget" in caplog.text
    assert cache.stats().device_evictions == 0


def test_a_second_holder_shares_the_model(events: list[Event]) -> None:
    cache = make_cache(events)
    cache.put("a", None, linear())
    with cache.lock("a") as first, cache.lock("a") as second:
        assert first is second
        assert cache.stats().entries[0].locks == 2
    assert cache.stats().entries[0].locks == 0


def test_locking_an_uncached_model_is_a_clear_error(events: list[Event]) -> None:
    cache = make_cache(events)
    with pytest.raises(ModelNotCachedError, match="not in the model cache"), cache.lock("nope", "unet"):
        pass


def test_weights_are_restored_after_offload(events: list[Event]) -> None:
    cache = make_cache(events, device=SIZE)
    model = linear()
    before = model.weight.data.clone()
    cache.put("a", None, model)
    cache.put("b", None, linear(5))
    with cache.lock("a") as locked:
        assert locked is model
    with cache.lock("b"):
        pass
    assert cache.stats().entries[0].device_bytes == 0
    assert torch.equal(model.weight, before)


def test_drop_and_empty_spare_models_in_use(events: list[Event]) -> None:
    cache = make_cache(events)
    cache.put("m", "unet", linear())
    cache.put("m", "vae", linear())
    cache.put("x", None, linear())
    with cache.lock("m", "vae"):
        assert cache.drop("m") == 1
        assert not cache.contains("m", "vae")  # stale: gone for new users
        result = cache.empty()
        assert (result.dropped, result.kept, result.bytes) == (1, 1, SIZE)
    assert cache.stats().entries == []
    assert of_type(events, "model_cache_emptied")


def test_non_module_objects_are_cached_but_not_moved(events: list[Event]) -> None:
    cache = make_cache(events, device=1)
    bundle = {"lora_down": torch.zeros(4, 4)}
    cache.put("lora", None, bundle)
    with cache.lock("lora") as locked:
        assert locked is bundle
    stats = cache.stats()
    assert stats.ram_bytes == 64
    assert stats.device_bytes == 0


def test_cache_from_config(root: Path) -> None:
    config = load_config(
        root,
        {"ram_cache_gb": 2.0, "vram_cache_gb": 1.0, "device": "cpu", "enable_partial_loading": True},
        environ={},
    )
    stats = ModelCache.from_config(config).stats()
    assert stats.ram_budget_bytes == 2 * 1024**3
    assert stats.device_budget_bytes == 1024**3
    assert stats.execution_device == "cpu"
    assert stats.partial_loading


def test_automatic_budgets_are_positive(root: Path) -> None:
    stats = ModelCache.from_config(load_config(root, {"device": "cpu"}, environ={})).stats()
    assert stats.ram_budget_bytes >= 1024**3
    assert stats.device_budget_bytes == stats.ram_budget_bytes  # the CPU's "device memory" is RAM


def test_device_resolution() -> None:
    assert resolve_device("cpu") == torch.device("cpu")
    if not torch.cuda.is_available():
        assert resolve_device("auto").type in {"cpu", "mps"}
        with pytest.raises(ConfigError, match="CUDA is not available"):
            resolve_device("cuda:0")
    with pytest.raises(ConfigError, match="expected auto"):
        resolve_device("tpu")


def test_dtype_resolution() -> None:
    cpu, cuda = torch.device("cpu"), torch.device("cuda", 0)
    assert resolve_dtype("auto", cpu) is torch.float32
    assert resolve_dtype("auto", torch.device("mps")) is torch.float32
    assert resolve_dtype("auto", cuda, BaseModelType.SDXL) is torch.float16
    assert resolve_dtype("auto", cuda, BaseModelType.FLUX) is torch.bfloat16
    assert resolve_dtype("bfloat16", cpu) is torch.bfloat16
    with pytest.raises(ConfigError, match="precision"):
        resolve_dtype("int8", cpu)


def test_importing_the_cache_does_not_import_torch() -> None:
    code = (
        "import sys, impasto.models.cache, impasto.models.load_events, impasto.models.loaders; "
        "print('torch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_model_replaced_while_in_use_is_freed_when_released(events: list[Event]) -> None:
    cache = make_cache(events, device=10 * SIZE)
    old = linear(1)
    cache.put("m", None, old)
    with cache.lock("m") as locked:
        assert locked is old
        cache.drop("m")  # its record changed: new users must get a fresh load
        new = cache.get_or_load("m", None, lambda: linear(2))
        assert new is not old
        with cache.lock("m") as second:
            assert second is new
            stats = cache.stats()
            assert (stats.ram_bytes, stats.device_bytes) == (2 * SIZE, 2 * SIZE)
    stats = cache.stats()
    assert (stats.ram_bytes, stats.device_bytes) == (SIZE, SIZE)
    assert [e.key for e in stats.entries] == ["m"]


def test_a_failed_move_to_the_device_leaves_nothing_behind(
    events: list[Event], monkeypatch: pytest.MonkeyPatch
) -> None:
    from impasto.models.cache.residency import Residency

    cache = make_cache(events)
    cache.put("a", None, linear())
    real_load_full = Residency.load_full

    def out_of_memory(self: Residency, device: torch.device) -> None:
        real_load_full(self, device)
        raise RuntimeError("CUDA out of memory")

    monkeypatch.setattr(Residency, "load_full", out_of_memory)
    with pytest.raises(RuntimeError, match="out of memory"), cache.lock("a"):
        pass
    entry = cache.stats().entries[0]
    assert (entry.locks, entry.device_bytes, cache.stats().device_bytes) == (0, 0, 0)
