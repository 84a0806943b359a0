"""The masking stage of :class:`veil.Veil`: detect, then mask through the vault, with a memo.

Chat clients resend the whole history every turn. A message already protected in a session,
with no vault change since (the vault's cheap version token), gets the same answer without
re-detection. Per message the stage reads the version once and the session's entries (which
are decrypted) at most once, and hands them to both the seen-value detector and the masker.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from veil.core import PolicyOf, ProtectResult
from veil.mask.masker import MaskedEntity, Masker
from veil.mask.operators import get_operator

if TYPE_CHECKING:
    from veil.detect.stage import DetectionStage
    from veil.vault.base import Vault, VaultEntry

#: Protect results kept (all tenants together); least recently used go first.
MEMO_SIZE = 4096

# (tenant, policy generation, session, vault version, keyed digest of the text)
_MemoKey = tuple[str, int, str, str, bytes]


class MaskingStage:
    """``protect(text, tenant=, session=, user=)``: per-tenant maskers over one vault."""

    def __init__(
        self,
        vault: Callable[[], Vault],
        policy_of: PolicyOf,
        detection: DetectionStage,
        *,
        memo_size: int = MEMO_SIZE,
    ) -> None:
        self._vault = vault  # opened lazily by the facade
        self._policy_of = policy_of
        self._detection = detection
        self._maskers: dict[str, Masker] = {}
        # A policy change bumps the tenant's generation, so a protect that was already running
        # under the old policy cannot put its result where a new request would find it.
        self._generation: dict[str, int] = {}
        self._memo: OrderedDict[_MemoKey, ProtectResult] = OrderedDict()
        self._memo_size = memo_size
        self._memo_salt = os.urandom(16)  # the memo never holds a plain hash of a prompt
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"MaskingStage(tenants={sorted(self._maskers)}, memo={len(self._memo)})"

    def reset(self, tenant: str) -> None:
        with self._lock:
            self._maskers.pop(tenant, None)
            self._generation[tenant] = self._generation.get(tenant, 0) + 1
            for k in [k for k in self._memo if k[0] == tenant]:
                del self._memo[k]

    def protect(
        self, text: str, *, tenant: str, session: str, user: str | None = None
    ) -> ProtectResult:
        """Mask ``text`` (``user`` plays no part in masking; it is here for the stage contract)."""
        generation = self._generation.get(tenant, 0)  # before the masker: see reset()
        vault = self._vault()
        masker = self._masker(tenant, vault)
        digest = hashlib.blake2b(
            text.encode("utf-8"), key=self._memo_salt, digest_size=16
        ).digest()
        version = vault.version(tenant, session)
        with self._lock:
            hit = self._memo.get((tenant, generation, session, version, digest))
            if hit is not None:
                self._memo.move_to_end((tenant, generation, session, version, digest))
                return hit
        entries = vault.entries(tenant, session)
        detections = self._detection.detect(text, tenant=tenant, entries=entries)
        result = masker.mask(text, detections, tenant=tenant, session=session, entries=entries)
        out = ProtectResult(masked=result.masked, entities=list(result.entities))
        if _stored_new_entries(text, out.entities, entries):
            # The memo is keyed on the version AFTER masking, so that an identical resend
            # finds it; it changed only if this message added entries.
            version = vault.version(tenant, session)
        with self._lock:
            self._memo[(tenant, generation, session, version, digest)] = out
            while len(self._memo) > self._memo_size:
                self._memo.popitem(last=False)
        return out

    def _masker(self, tenant: str, vault: Vault) -> Masker:
        m = self._maskers.get(tenant)
        if m is not None:
            return m
        with self._lock:
            m = self._maskers.get(tenant)
            if m is None:
                m = self._maskers[tenant] = Masker(vault, self._policy_of(tenant))
            return m


def _stored_new_entries(
    text: str, entities: Sequence[MaskedEntity], entries: Sequence[VaultEntry]
) -> bool:
    """Whether masking may have added entries to the session (values not among ``entries``).

    Errs towards True (a surface the vault matched by key but spelled differently), which only
    costs one more version read.
    """
    stored = [e for e in entities if get_operator(e.operator).stored]
    if not stored:
        return False
    known = {(e.entity_type, e.original) for e in entries}
    return any((e.type, text[e.start : e.end]) not in known for e in stored)


__all__ = ["MEMO_SIZE", "MaskingStage"]
