"""The thread-safe caches of the pipeline stages (one implementation, so that every stage evicts,
invalidates and locks the same way).

- :class:`LRU`: at most ``size`` items, least recently used go first.
- :class:`TenantMemo`: an LRU of results keyed by tenant and policy generation; a policy change
  (:meth:`TenantMemo.reset`) makes the tenant's old results unreachable at once.
- :class:`PerTenant`: one lazily built object per tenant (engines, maskers, term automata).
- :class:`PieceMemo`: an NER model's results per piece of text, keyed by a digest of the piece.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """A map of at most ``size`` items; reading an item makes it the most recently used.
    With a ``budget``, also of items whose weights (given to :meth:`put`) sum to at most that,
    save the most recent item, however heavy."""

    def __init__(self, size: int, budget: int | None = None) -> None:
        self.size = size
        self.budget = budget
        self._items: OrderedDict[K, V] = OrderedDict()
        self._weights: dict[K, int] = {}
        self._weight = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K) -> V | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: K, value: V, weight: int = 1) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            self._weight += weight - self._weights.get(key, 0)
            self._weights[key] = weight
            while len(self._items) > self.size or (
                self.budget is not None and self._weight > self.budget and len(self._items) > 1
            ):
                old, _ = self._items.popitem(last=False)
                self._weight -= self._weights.pop(old)

    def discard(self, drop: Callable[[K], bool]) -> None:
        """Forget every item whose key ``drop`` selects."""
        with self._lock:
            for k in [k for k in self._items if drop(k)]:
                del self._items[k]
                self._weight -= self._weights.pop(k)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._weights.clear()
            self._weight = 0


#: A memo key: (tenant, policy generation, *the stage's own parts); the stage's last part is
#: usually :meth:`TenantMemo.digest` of the input.
MemoKey = tuple[str, int, str, str, bytes]


class TenantMemo(Generic[V]):
    """Results of a stage for inputs it has seen, per tenant and policy generation.

    Read :meth:`generation` BEFORE computing a result: a policy change that lands meanwhile
    bumps it, so a result computed under the old policy is stored where no new request looks.
    """

    def __init__(self, size: int) -> None:
        self._lru: LRU[MemoKey, V] = LRU(size)
        self._generation: dict[str, int] = {}
        self._lock = threading.Lock()
        self._salt = os.urandom(16)  # the memo never holds a plain hash of a prompt

    def __len__(self) -> int:
        return len(self._lru)

    def generation(self, tenant: str) -> int:
        return self._generation.get(tenant, 0)

    def digest(self, data: bytes) -> bytes:
        """A keyed digest of ``data`` (the key lives and dies with this memo)."""
        return hashlib.blake2b(data, key=self._salt, digest_size=16).digest()

    def get(self, key: MemoKey) -> V | None:
        return self._lru.get(key)

    def put(self, key: MemoKey, value: V) -> None:
        self._lru.put(key, value)

    def reset(self, tenant: str) -> None:
        """The tenant's policy changed: its results so far must not be served again."""
        with self._lock:
            self._generation[tenant] = self._generation.get(tenant, 0) + 1
        self._lru.discard(lambda k: k[0] == tenant)


class PerTenant(Generic[V]):
    """One object per tenant, built on first use by ``build(tenant)`` (only once, even when
    requests race: builds are slow and may load models)."""

    def __init__(self, build: Callable[[str], V]) -> None:
        self._build = build
        self._items: dict[str, V] = {}
        self._lock = threading.Lock()

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._items))

    def get(self, tenant: str) -> V:
        item = self._items.get(tenant)
        if item is not None:
            return item
        with self._lock:
            item = self._items.get(tenant)
            if item is None:
                item = self._items[tenant] = self._build(tenant)
            return item

    def set(self, tenant: str, item: V) -> None:
        with self._lock:
            self._items[tenant] = item

    def pop(self, tenant: str) -> None:
        """Forget the tenant's object; the next :meth:`get` builds it afresh."""
        with self._lock:
            self._items.pop(tenant, None)


class PieceMemo(Generic[V]):
    """A model's results per piece of text it read, in an LRU keyed by a 16-byte digest of the
    piece: chat clients resend their history, applications their system prompt and templates,
    so most pieces were read before. Only the results (offsets, labels) are kept, never text.
    An LRU of size 0 turns it off (benchmarks time the model itself)."""

    def __init__(self, size: int) -> None:
        self.lru: LRU[bytes, V] = LRU(size)

    @staticmethod
    def key(piece: str) -> bytes:
        return hashlib.blake2b(piece.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def get(self, piece: str) -> V | None:
        return self.lru.get(self.key(piece)) if self.lru.size else None

    def put(self, piece: str, value: V) -> None:
        if self.lru.size:
            self.lru.put(self.key(piece), value)


class MemoizedModel:
    """``cache_size`` and ``clear_cache()`` of a recognizer whose model results are in a
    :class:`PieceMemo` (``_memo``)."""

    _memo: PieceMemo[Any]

    @property
    def cache_size(self) -> int:
        """How many pieces' results are kept; 0 turns the memo off."""
        return self._memo.lru.size

    @cache_size.setter
    def cache_size(self, size: int) -> None:
        self._memo.lru.size = size

    def clear_cache(self) -> None:
        self._memo.lru.clear()


__all__ = ["LRU", "MemoKey", "MemoizedModel", "PerTenant", "PieceMemo", "TenantMemo"]
