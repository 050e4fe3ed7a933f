"""The structural cache: node outputs keyed by the signature of what produced them.

A signature is a hash of the node's type and version, its constant inputs and the signatures of the
outputs feeding it. Re-running a graph with only the seed changed therefore finds every node that does
not depend on the seed already here. The cache is a bounded LRU shared by all runs of one process.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from pydantic_core import to_jsonable_python

from impasto.graph.node import BaseOutput


@dataclass(frozen=True)
class CacheStats:
    """Counters of one cache, for the API and benchmarks."""

    entries: int
    max_entries: int
    hits: int
    misses: int


class NodeCache:
    """A thread-safe LRU of node outputs; ``max_entries=0`` disables caching."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, BaseOutput] = OrderedDict()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    def get(self, signature: str) -> BaseOutput | None:
        with self._lock:
            output = self._entries.get(signature)
            if output is None:
                self._misses += 1
                return None
            self._entries.move_to_end(signature)
            self._hits += 1
            return output

    def put(self, signature: str, output: BaseOutput) -> None:
        if self.max_entries <= 0:
            return
        with self._lock:
            self._entries[signature] = output
            self._entries.move_to_end(signature)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(len(self._entries), self.max_entries, self._hits, self._misses)


def signature(payload: Any) -> str:
    """A stable hash of a JSON-able payload (dict keys sorted)."""
    text = json.dumps(to_jsonable_python(payload), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
