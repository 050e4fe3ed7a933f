"""The RAM/device model cache with LRU eviction, pinning while in use, and partial loading.

Every cached object lives in RAM; modules are additionally copied to the execution device while locked and
stay there afterwards (so the next generation starts at once) until the device budget needs the room.
Eviction goes device → RAM first, then out of RAM, least recently used first, and never touches an entry
that is locked. A model larger than what is free on the device is loaded partially when partial loading is
enabled (see :mod:`impasto.models.cache.residency`), else fully with a warning.

The budgets and the device are resolved on first use, so building the cache at start-up neither imports
torch nor initialises CUDA. Several threads may lock the same model at once: they share the device copy
(inference only reads weights) and it is placed only by the first holder.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from impasto.events import Event, EventBus
from impasto.models.cache.base import ModelCacheBase, ModelNotCachedError
from impasto.models.cache.devices import (
    auto_device_budget_bytes,
    auto_ram_budget_bytes,
    gib_to_bytes,
    resolve_device,
)
from impasto.models.cache.stats import CacheEntryInfo, CacheStats, EmptyResult
from impasto.models.load_events import (
    ModelCacheEmptied,
    ModelEvicted,
    ModelLoadCompleted,
    ModelLoadFailed,
    ModelLoadStarted,
)

if TYPE_CHECKING:
    import torch

    from impasto.config import ImpastoConfig
    from impasto.models.cache.residency import DeviceLedger, Residency

logger = logging.getLogger(__name__)
T = TypeVar("T")
CacheKey = tuple[str, str | None]


@dataclass
class _Entry:
    key: str
    submodel: str | None
    obj: Any
    nbytes: int
    residency: Residency | None
    tick: int
    locks: int = 0
    stale: bool = False

    @property
    def device_bytes(self) -> int:
        return self.residency.device_bytes if self.residency is not None else 0


class ModelCache(ModelCacheBase):
    """See the module docstring. Budgets of ``None`` are chosen from the machine on first use."""

    def __init__(
        self,
        *,
        ram_budget_bytes: int | None = None,
        device_budget_bytes: int | None = None,
        execution_device: str | torch.device = "auto",
        enable_partial_loading: bool = False,
        working_mem_bytes: int = gib_to_bytes(3.0),
        events: EventBus | None = None,
    ) -> None:
        self._ram_budget = ram_budget_bytes
        self._device_budget = device_budget_bytes
        self._device_setting = execution_device
        self._device: torch.device | None = None
        self._partial_enabled = enable_partial_loading
        self._working_mem = working_mem_bytes
        self._events = events
        self._lock = threading.RLock()
        self._entries: dict[CacheKey, _Entry] = {}
        self._retired: list[_Entry] = []  # replaced or dropped while in use; freed when released
        self._loading: dict[CacheKey, threading.Lock] = {}
        self._ticks = itertools.count(1)
        self._ledger: DeviceLedger | None = None
        self._pending = threading.local()
        self._counters = dict.fromkeys(
            ("hits", "misses", "load_failures", "device_evictions", "ram_evictions"), 0
        )
        self._peak_ram = 0

    @classmethod
    def from_config(cls, config: ImpastoConfig, events: EventBus | None = None) -> ModelCache:
        """A cache with the configured budgets, device and partial-loading switch."""
        return cls(
            ram_budget_bytes=None if config.ram_cache_gb is None else gib_to_bytes(config.ram_cache_gb),
            device_budget_bytes=None if config.vram_cache_gb is None else gib_to_bytes(config.vram_cache_gb),
            execution_device=config.device,
            enable_partial_loading=config.enable_partial_loading,
            working_mem_bytes=gib_to_bytes(config.device_working_mem_gb),
            events=events,
        )

    # --- Resolved settings --------------------------------------------------------------------------
    @property
    def execution_device(self) -> torch.device:
        """The device models run on."""
        if self._device is None:
            import torch

            setting = self._device_setting
            self._device = setting if isinstance(setting, torch.device) else resolve_device(setting)
        return self._device

    @property
    def ram_budget_bytes(self) -> int:
        if self._ram_budget is None:
            self._ram_budget = auto_ram_budget_bytes()
        return self._ram_budget

    @property
    def device_budget_bytes(self) -> int:
        if self._device_budget is None:
            self._device_budget = auto_device_budget_bytes(self.execution_device, self._working_mem)
        return self._device_budget

    @property
    def ledger(self) -> DeviceLedger:
        """Bytes of models on the execution device now and at most (streamed layers included)."""
        if self._ledger is None:
            from impasto.models.cache.residency import DeviceLedger

            self._ledger = DeviceLedger()
        return self._ledger

    # --- Loading and adding -------------------------------------------------------------------------
    def get_or_load(self, key: str, submodel: str | None, load: Callable[[], T]) -> T:
        cache_key = (key, submodel)
        with self._guard():
            found = self._hit(cache_key)
            if found is not None:
                return found.obj  # type: ignore[no-any-return]
            gate = self._loading.setdefault(cache_key, threading.Lock())
        with gate:
            with self._guard():
                found = self._hit(cache_key)
                if found is not None:
                    return found.obj  # type: ignore[no-any-return]
                self._counters["misses"] += 1
            try:
                obj = self._timed_load(key, submodel, load)
                self.put(key, submodel, obj)
            finally:
                with self._guard():
                    self._loading.pop(cache_key, None)
            return obj

    def _hit(self, cache_key: CacheKey) -> _Entry | None:
        entry = self._entries.get(cache_key)
        if entry is not None:
            self._counters["hits"] += 1
            entry.tick = next(self._ticks)
            return entry
        return None

    def _timed_load(self, key: str, submodel: str | None, load: Callable[[], T]) -> T:
        from impasto.models.cache.sizes import object_bytes

        self._emit_now(ModelLoadStarted(key=key, submodel=submodel))
        started = time.perf_counter()
        try:
            obj = load()
        except Exception as exc:
            with self._guard():
                self._counters["load_failures"] += 1
            self._emit_now(
                ModelLoadFailed(
                    key=key, submodel=submodel, error_type=type(exc).__name__, error_message=str(exc)
                )
            )
            raise
        seconds = time.perf_counter() - started
        nbytes = object_bytes(obj)
        logger.info("loaded %s/%s (%.1f MiB) in %.2fs", key, submodel, nbytes / 2**20, seconds)
        self._emit_now(ModelLoadCompleted(key=key, submodel=submodel, bytes=nbytes, seconds=seconds))
        return obj

    def put(self, key: str, submodel: str | None, obj: Any) -> None:
        from impasto.models.cache.residency import Residency
        from impasto.models.cache.sizes import module_of, object_bytes

        module = module_of(obj)
        if module is not None:
            _ensure_on_cpu(module)
        nbytes = object_bytes(obj)
        residency = Residency(module, self.ledger) if module is not None else None
        with self._guard():
            old = self._entries.get((key, submodel))
            if old is not None:
                self._retire(old)
            self._make_room_in_ram(nbytes)
            entry = _Entry(key, submodel, obj, nbytes, residency, next(self._ticks))
            self._entries[(key, submodel)] = entry
            self._peak_ram = max(self._peak_ram, self._ram_used())

    def contains(self, key: str, submodel: str | None = None) -> bool:
        with self._guard():
            return (key, submodel) in self._entries

    # --- Locking ------------------------------------------------------------------------------------
    @contextmanager
    def lock(self, key: str, submodel: str | None = None) -> Iterator[Any]:
        with self._guard():
            entry = self._entries.get((key, submodel))
            if entry is None:
                raise ModelNotCachedError(f"model {key} ({submodel or 'whole'}) is not in the model cache")
            entry.locks += 1
            entry.tick = next(self._ticks)
            try:
                if entry.locks == 1:
                    self._place_on_device(entry)
            except BaseException:  # out of device memory, typically: leave nothing half-moved
                entry.locks -= 1
                self._free(entry)
                raise
        try:
            yield entry.obj
        finally:
            with self._guard():
                entry.locks -= 1
                entry.tick = next(self._ticks)
                if entry.stale and entry.locks == 0:
                    self._free(entry)
                    self._retired.remove(entry)

    def _place_on_device(self, entry: _Entry) -> None:
        """Copy a model's weights to the device, evicting others first; partially if it cannot fit."""
        residency = entry.residency
        if residency is None or (residency.device_bytes == residency.total_bytes and not residency.partial):
            return
        needed = residency.total_bytes - residency.device_bytes
        self._free_device(needed, keep=entry)
        available = self.device_budget_bytes - (self.ledger.current - residency.device_bytes)
        device = self.execution_device
        if residency.total_bytes <= available:
            residency.load_full(device)
        elif self._partial_enabled:
            if available < residency.largest_unit_bytes():
                logger.warning(
                    "%s/%s: its largest layer (%d bytes) exceeds the free device budget (%d bytes)",
                    entry.key, entry.submodel, residency.largest_unit_bytes(), available,
                )  # fmt: skip
            residency.load_partial(device, max(available, 0))
        else:
            logger.warning(
                "%s/%s (%d bytes) exceeds the free device budget (%d bytes); loading it fully anyway "
                "(enable_partial_loading lets it stream instead)",
                entry.key, entry.submodel, residency.total_bytes, available,
            )  # fmt: skip
            residency.load_full(device)

    # --- Eviction -----------------------------------------------------------------------------------
    def _free_device(self, needed: int, keep: _Entry) -> None:
        """Move least recently used unlocked models off the device until ``needed`` bytes are free."""
        candidates = sorted(
            (e for e in self._entries.values() if e is not keep and e.locks == 0 and e.device_bytes > 0),
            key=lambda e: e.tick,
        )
        for entry in candidates:
            if self.device_budget_bytes - self.ledger.current >= needed:
                return
            assert entry.residency is not None
            freed = entry.residency.offload()
            self._counters["device_evictions"] += 1
            self._emit(ModelEvicted(key=entry.key, submodel=entry.submodel, bytes=freed, where="device"))

    def _make_room_in_ram(self, nbytes: int) -> None:
        candidates = sorted((e for e in self._entries.values() if e.locks == 0), key=lambda e: e.tick)
        for entry in candidates:
            if self._ram_used() + nbytes <= self.ram_budget_bytes:
                return
            self._remove(entry)
            self._counters["ram_evictions"] += 1
            self._emit(ModelEvicted(key=entry.key, submodel=entry.submodel, bytes=entry.nbytes, where="ram"))
        if self._ram_used() + nbytes > self.ram_budget_bytes:
            logger.warning("model cache over its RAM budget: the models in use do not fit in it")

    def _remove(self, entry: _Entry) -> None:
        self._free(entry)
        del self._entries[(entry.key, entry.submodel)]

    def _retire(self, entry: _Entry) -> None:
        """Take an entry out of the cache now, or, if it is in use, as soon as its last user is done."""
        if entry.locks == 0:
            self._remove(entry)
            return
        entry.stale = True
        del self._entries[(entry.key, entry.submodel)]
        self._retired.append(entry)

    @staticmethod
    def _free(entry: _Entry) -> None:
        if entry.residency is not None:
            entry.residency.offload()

    def drop(self, key: str) -> int:
        with self._guard():
            dropped = 0
            for entry in [e for e in self._entries.values() if e.key == key]:
                dropped += entry.locks == 0
                self._retire(entry)
            return dropped

    def empty(self) -> EmptyResult:
        with self._guard():
            unlocked = [e for e in self._entries.values() if e.locks == 0]
            for entry in unlocked:
                self._remove(entry)
            freed = sum(e.nbytes for e in unlocked)
            self._emit(ModelCacheEmptied(dropped=len(unlocked), bytes=freed))
            return EmptyResult(
                dropped=len(unlocked), bytes=freed, kept=len(self._entries) + len(self._retired)
            )

    # --- Reporting ----------------------------------------------------------------------------------
    def stats(self) -> CacheStats:
        with self._guard():
            entries = sorted(self._entries.values(), key=lambda e: e.tick)
            ledger = self._ledger
            return CacheStats(
                execution_device=str(self.execution_device),
                partial_loading=self._partial_enabled,
                ram_budget_bytes=self.ram_budget_bytes,
                device_budget_bytes=self.device_budget_bytes,
                ram_bytes=self._ram_used(),
                device_bytes=ledger.current if ledger else 0,
                peak_ram_bytes=self._peak_ram,
                peak_device_bytes=ledger.peak if ledger else 0,
                entries=[_info(e) for e in entries],
                **self._counters,
            )

    def _ram_used(self) -> int:
        return sum(entry.nbytes for entry in [*self._entries.values(), *self._retired])

    # --- Events ---------------------------------------------------------------------------------------
    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Hold the cache lock; events raised meanwhile are published after it is released."""
        depth = getattr(self._pending, "depth", 0)
        if depth == 0:
            self._pending.events = []
        self._pending.depth = depth + 1
        try:
            with self._lock:
                yield
        finally:
            self._pending.depth = depth
            if depth == 0:
                events: list[Event] = self._pending.events
                self._pending.events = []
                for event in events:
                    self._emit_now(event)

    def _emit(self, event: Event) -> None:
        self._pending.events.append(event)

    def _emit_now(self, event: Event) -> None:
        if self._events is not None:
            self._events.publish(event)


def _info(entry: _Entry) -> CacheEntryInfo:
    residency = entry.residency
    return CacheEntryInfo(
        key=entry.key,
        submodel=entry.submodel,
        bytes=entry.nbytes,
        device_bytes=entry.device_bytes,
        partial=residency.partial if residency is not None else False,
        locks=entry.locks,
    )


def _ensure_on_cpu(module: Any) -> None:
    """Cached modules keep their RAM copy on the CPU; a loader that left one elsewhere is corrected."""
    first = next(module.parameters(), None)
    if first is not None and first.device.type != "cpu":
        module.to("cpu")
