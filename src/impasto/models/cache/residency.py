"""Where one cached module's weights live: all in RAM, all on the execution device, or partly.

The cache keeps the RAM copy of every weight for the whole life of an entry, and moving to the device makes
*copies* there (``param.data = ram_tensor.to(device)``); moving back just points the parameters at the RAM
copies again. So offloading costs no device-to-host transfer, and the weights a model computes with are
always copied from the same RAM tensors, whichever way they reached the device: a partially loaded model
computes exactly what a fully loaded one does. Parameters are swapped in place (never replaced), so every
wrapper that holds the module (a pipeline, a spandrel descriptor) sees the move.

Partial loading keeps as many modules resident as the budget allows and streams the rest: a forward
pre-hook copies a module's weights in just before it runs and a forward hook (called even if the forward
raises) points them back at RAM afterwards. The unit of streaming is a module that owns tensors directly.
Modules that read their children's weights without calling them (``nn.MultiheadAttention`` uses
``out_proj.weight``) are one unit with their children, and units that contain other units are always kept
resident, so at most one streamed unit per running thread is on the device at a time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import torch
from torch import nn
from torch.utils.hooks import RemovableHandle

_FUSED_TYPES: tuple[type[nn.Module], ...] = (nn.MultiheadAttention,)


class DeviceLedger:
    """Thread-safe count of model bytes on the execution device, and the highest count seen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current = 0
        self.peak = 0

    def add(self, nbytes: int) -> None:
        with self._lock:
            self.current += nbytes
            self.peak = max(self.peak, self.current)

    def remove(self, nbytes: int) -> None:
        with self._lock:
            self.current -= nbytes


class _Slot:
    """One tensor (parameter or buffer), its RAM copy, and how many running units need it on the device."""

    def __init__(self, owners: list[tuple[nn.Module, str]], ram: torch.Tensor, is_param: bool) -> None:
        self.owners = owners
        self.ram = ram
        self.is_param = is_param
        self.nbytes = ram.numel() * ram.element_size()
        self.resident = False
        self.users = 0
        self.on_device = False

    def move(self, target: torch.Tensor) -> None:
        for module, name in self.owners:
            if self.is_param:
                module._parameters[name].data = target  # type: ignore[union-attr]
            else:
                module._buffers[name] = target


@dataclass
class _Unit:
    """Tensors that move together because one module's forward uses them."""

    module: nn.Module
    slots: list[_Slot]
    nbytes: int
    contains_units: bool = False
    resident: bool = False
    handles: list[RemovableHandle] = field(default_factory=list)


class Residency:
    """Moves one module's weights between RAM and the execution device, fully or partially."""

    def __init__(self, module: nn.Module, ledger: DeviceLedger) -> None:
        self._ledger = ledger
        self._lock = threading.Lock()
        self._slots: list[_Slot] = []
        self._units = self._collect_units(module)
        self.total_bytes = sum(slot.nbytes for slot in self._slots)
        self.device: torch.device | None = None
        self.device_bytes = 0
        self.partial = False

    # --- Building -------------------------------------------------------------------------------
    def _collect_units(self, root: nn.Module) -> list[_Unit]:
        by_tensor: dict[int, _Slot] = {}
        units: list[_Unit] = []
        fused_inside: set[int] = set()
        for module in root.modules():
            if id(module) in fused_inside:
                continue
            if isinstance(module, _FUSED_TYPES):
                fused_inside.update(id(m) for m in module.modules())
                members = list(module.modules())
            else:
                members = [module]
            slots, nbytes = self._slots_of(members, by_tensor)
            if slots:
                units.append(_Unit(module, slots, nbytes))
        owners = {id(unit.module): unit for unit in units}
        for unit in units:
            unit.contains_units = any(
                id(m) in owners for m in unit.module.modules() if m is not unit.module
            ) and not isinstance(unit.module, _FUSED_TYPES)
        return units

    def _slots_of(self, members: list[nn.Module], by_tensor: dict[int, _Slot]) -> tuple[list[_Slot], int]:
        """The slots of the tensors these modules own directly; a tied tensor's bytes count once."""
        slots: list[_Slot] = []
        nbytes = 0
        for module in members:
            tensors: list[tuple[str, torch.Tensor, bool]]
            tensors = [(n, p, True) for n, p in module._parameters.items() if p is not None]
            tensors += [(n, b, False) for n, b in module._buffers.items() if b is not None]
            for name, tensor, is_param in tensors:
                slot = by_tensor.get(id(tensor))
                if slot is None:
                    data = tensor.data if is_param else tensor
                    slot = _Slot([], data, is_param)
                    by_tensor[id(tensor)] = slot
                    self._slots.append(slot)
                    nbytes += slot.nbytes
                slot.owners.append((module, name))
                slots.append(slot)
        return slots, nbytes

    # --- Whole-model moves ------------------------------------------------------------------------
    def load_full(self, device: torch.device) -> None:
        """Put every weight on ``device`` (dropping any streaming hooks)."""
        with self._lock:
            self._remove_hooks()
            self.device = device
            for unit in self._units:
                unit.resident = True
            self._sync_resident()

    def offload(self) -> int:
        """Point every weight back at its RAM copy; returns the device bytes freed."""
        with self._lock:
            freed = self.device_bytes
            self._remove_hooks()
            for unit in self._units:
                unit.resident = False
            self._sync_resident()
            self.device = None
            return freed

    def load_partial(self, device: torch.device, budget: int) -> None:
        """Keep what fits in ``budget`` bytes resident on ``device`` and stream the rest."""
        with self._lock:
            self._remove_hooks()
            self.device = device
            chosen = plan_resident(self._units, budget)
            for index, unit in enumerate(self._units):
                unit.resident = index in chosen
            self._sync_resident()
            self.partial = not all(unit.resident for unit in self._units)
            if self.partial:
                for unit in self._units:
                    if not unit.resident:
                        self._install_hooks(unit)

    def _sync_resident(self) -> None:
        """Make the device copies match the units' resident flags."""
        wanted = {id(slot) for unit in self._units if unit.resident for slot in unit.slots}
        for slot in self._slots:
            slot.resident = id(slot) in wanted
            if slot.resident and not slot.on_device:
                self._to_device(slot)
            elif not slot.resident and slot.on_device:
                self._to_ram(slot)
        self.device_bytes = sum(slot.nbytes for slot in self._slots if slot.resident)

    def _to_device(self, slot: _Slot) -> None:
        assert self.device is not None
        slot.move(slot.ram.to(self.device, non_blocking=True))
        slot.on_device = True
        self._ledger.add(slot.nbytes)

    def _to_ram(self, slot: _Slot) -> None:
        slot.move(slot.ram)
        slot.on_device = False
        self._ledger.remove(slot.nbytes)

    # --- Streaming ------------------------------------------------------------------------------
    def _install_hooks(self, unit: _Unit) -> None:
        def before(module: nn.Module, args: object) -> None:
            self._stream_in(unit)

        def after(module: nn.Module, args: object, output: object) -> None:
            self._stream_out(unit)

        unit.handles.append(unit.module.register_forward_pre_hook(before))
        unit.handles.append(unit.module.register_forward_hook(after, always_call=True))

    def _stream_in(self, unit: _Unit) -> None:
        with self._lock:
            for slot in unit.slots:
                slot.users += 1
                if not slot.on_device:
                    self._to_device(slot)

    def _stream_out(self, unit: _Unit) -> None:
        with self._lock:
            for slot in unit.slots:
                slot.users -= 1
                if slot.users == 0 and not slot.resident and slot.on_device:
                    self._to_ram(slot)

    def _remove_hooks(self) -> None:
        for unit in self._units:
            for handle in unit.handles:
                handle.remove()
            unit.handles.clear()
        self.partial = False

    def largest_unit_bytes(self) -> int:
        """The least device memory partial loading needs (one streamed unit)."""
        return max((unit.nbytes for unit in self._units), default=0)


def plan_resident(units: list[_Unit], budget: int) -> set[int]:
    """Indices of the units to keep resident so that they plus the largest streamed unit fit ``budget``.

    Units that contain other units are kept first (they are tiny: position ids, scales). Then the largest
    units are taken greedily, each only if the largest unit still left to stream fits beside them, which
    maximises the resident bytes (and so minimises the bytes copied per forward pass).
    """
    chosen = {i for i, unit in enumerate(units) if unit.contains_units}
    used = sum(units[i].nbytes for i in chosen)
    order = sorted((i for i in range(len(units)) if i not in chosen), key=lambda i: -units[i].nbytes)
    largest_skipped = 0
    for position, index in enumerate(order):
        following = units[order[position + 1]].nbytes if position + 1 < len(order) else 0
        if used + units[index].nbytes + max(largest_skipped, following) <= budget:
            chosen.add(index)
            used += units[index].nbytes
        else:
            largest_skipped = max(largest_skipped, units[index].nbytes)
    return chosen
