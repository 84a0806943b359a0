"""The detection stage of :class:`veil.Veil`: one engine per tenant, and the tenant term
databases the engines (and output scanning) load.

A tenant's term database is the one given to ``set_policy(terms=)``, else the ``veil terms``
store (``<home>/terms.sqlite3``) when it exists; it is read once and kept until the tenant's
policy changes.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from veil.caches import PerTenant
from veil.config import RESERVED_TYPES, Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.entity import Detection
from veil.detect.seen import SeenEntityCache
from veil.detect.shards import default_workers, shared_pool
from veil.detect.terms import DEFAULT_TERM_DB, TermDatabase, TermStore
from veil.errors import DetectionError, VeilError

if TYPE_CHECKING:
    from veil.vault.base import SessionView, VaultEntry

#: A short text analysed by :meth:`DetectionStage.warm_up` so that lazy models load.
_WARM_UP_TEXT = "Readiness check: Jane Doe wrote to ops@example.org from Paris."


class DetectionStage:
    """Per-tenant :class:`DetectionEngine` objects, built on first use under one lock."""

    def __init__(self, settings: Settings, policy_of: Callable[[str], Policy]) -> None:
        self._settings = settings
        self._policy_of = policy_of
        # The engine loads the policy's own terms (inline and terms_file) itself.
        workers = settings.detect_workers
        shards = shared_pool(default_workers() if workers is None else workers)
        self._engines = PerTenant(
            lambda tenant: DetectionEngine(policy_of(tenant), terms=self.terms(tenant),
                                           shards=shards)
        )
        self._terms: dict[str, TermDatabase] = {}
        self._lock = threading.Lock()
        # Seen-value index per session view, extended with the entries added since the last
        # request (a view only grows) instead of rebuilt from every entry each time; it goes
        # with its view (weak keys), and a view that was reset is a new object.
        self._seen: weakref.WeakKeyDictionary[SessionView, tuple[int, SeenEntityCache]] = \
            weakref.WeakKeyDictionary()
        self._seen_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"DetectionStage(tenants={sorted(self._engines)})"

    def reset(self, tenant: str, *, terms: TermDatabase | None = None) -> None:
        """The tenant's policy changed: rebuild its engine; ``terms`` replaces its term database
        (None: read the term store again)."""
        self._engines.pop(tenant)
        with self._lock:
            if terms is None:
                self._terms.pop(tenant, None)
            else:
                self._terms[tenant] = terms

    def engine(self, tenant: str) -> DetectionEngine:
        return self._engines.get(tenant)

    def terms(self, tenant: str) -> TermDatabase | None:
        """The tenant's term database (see the module docstring), or None."""
        db = self._terms.get(tenant)
        if db is not None:
            return db
        with self._lock:
            db = self._terms.get(tenant)
            if db is not None:
                return db
            path = self._settings.home / DEFAULT_TERM_DB
            if not path.exists():
                return None
            store = TermStore(path)
            try:
                db = store.database(tenant)
            finally:
                store.close()
            self._terms[tenant] = db
            return db

    def detect(self, text: str, *, tenant: str, entries: Iterable[VaultEntry] = (),
               view: SessionView | None = None) -> list[Detection]:
        """Detections in ``text``, including the session's known values (``entries``, or the
        entries of ``view``) wherever they appear again. Fails closed, and never echoes the
        text in an error."""
        seen = self._seen_of(view) if view is not None else SeenEntityCache(_pairs(entries))
        try:
            return self.engine(tenant).analyze(text, seen=seen)
        except VeilError:
            raise
        except Exception as e:
            raise DetectionError(
                f"detection failed ({type(e).__name__}); the text was not processed"
            ) from None

    def detect_many(self, texts: Sequence[str], *, tenant: str, view: SessionView,
                    extra: Iterable[tuple[str, str]] = ()) -> list[list[Detection]]:
        """:meth:`detect` for several texts in one batch (the NER model batches them), with
        the session's values of ``view`` plus ``extra`` (type, value) pairs as seen values."""
        seen = self._seen_of(view)
        extra = list(extra)
        if extra:
            seen = seen.extended(extra, lasting=False)
        try:
            return self.engine(tenant).analyze_batch(texts, seen=seen)
        except VeilError:
            raise
        except Exception as e:
            raise DetectionError(
                f"detection failed ({type(e).__name__}); the texts were not processed"
            ) from None

    def _seen_of(self, view: SessionView) -> SeenEntityCache:
        with self._seen_lock:
            n, cache = self._seen.get(view, (0, SeenEntityCache()))
            new = view.added_since(n)
            if new:
                cache = cache.extended(_pairs(new))
                self._seen[view] = (n + len(new), cache)
            return cache

    def prepare(self, tenant: str) -> None:
        """Build the tenant's engine and load everything it reads lazily
        (:meth:`DetectionEngine.prepare`); fails closed like :meth:`detect`."""
        try:
            self.engine(tenant).prepare()
        except VeilError:
            raise
        except Exception as e:
            raise DetectionError(
                f"detection could not be prepared ({type(e).__name__})") from None

    def warm_up(self, tenant: str) -> None:
        """Build the tenant's engine and run it once, so that lazy models (spaCy) are loaded;
        raises :class:`~veil.errors.DetectionError` if detection cannot work."""
        self.detect(_WARM_UP_TEXT, tenant=tenant, entries=())


def _pairs(entries: Iterable[VaultEntry]) -> Iterable[tuple[str, str]]:
    # Escaped look-alikes (reserved types) are not values: the masker finds them itself, and
    # as "seen" values they could win an overlap against a real detection.
    return ((e.entity_type, e.original) for e in entries if e.entity_type not in RESERVED_TYPES)


__all__ = ["DetectionStage"]
