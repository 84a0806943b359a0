"""The masking stage of :class:`veil.Veil`: detect, then mask through the vault, with a memo.

Chat clients resend the whole history every turn. A message already protected in a session,
with no vault change since (the vault's cheap version token), gets the same answer without
re-detection. Per message the stage reads the version once and the session's entries (which
are decrypted) at most once, and hands them to both the seen-value detector and the masker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from veil.caches import PerTenant, TenantMemo
from veil.core import PolicyOf, ProtectResult
from veil.mask.masker import MaskedEntity, Masker
from veil.mask.operators import get_operator

if TYPE_CHECKING:
    from veil.detect.stage import DetectionStage
    from veil.vault.base import Vault, VaultEntry

#: Protect results kept (all tenants together); least recently used go first.
MEMO_SIZE = 4096


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
        self._detection = detection
        self._maskers = PerTenant(lambda tenant: Masker(vault(), policy_of(tenant)))
        # (tenant, policy generation, session, vault version, keyed digest of the text)
        self._memo: TenantMemo[ProtectResult] = TenantMemo(memo_size)

    def __repr__(self) -> str:
        return f"MaskingStage(tenants={sorted(self._maskers)}, memo={len(self._memo)})"

    def reset(self, tenant: str) -> None:
        # The masker first: a protect that reads the new generation must not find the old one.
        self._maskers.pop(tenant)
        self._memo.reset(tenant)

    def protect(
        self, text: str, *, tenant: str, session: str, user: str | None = None
    ) -> ProtectResult:
        """Mask ``text`` (``user`` plays no part in masking; it is here for the stage contract)."""
        generation = self._memo.generation(tenant)  # before the masker: see TenantMemo
        vault = self._vault()
        masker = self._maskers.get(tenant)
        digest = self._memo.digest(text.encode("utf-8"))
        version = vault.version(tenant, session)
        hit = self._memo.get((tenant, generation, session, version, digest))
        if hit is not None:
            return hit
        entries = vault.entries(tenant, session)
        detections = self._detection.detect(text, tenant=tenant, entries=entries)
        result = masker.mask(text, detections, tenant=tenant, session=session, entries=entries)
        out = ProtectResult(masked=result.masked, entities=list(result.entities))
        if _stored_new_entries(text, out.entities, entries):
            # The memo is keyed on the version AFTER masking, so that an identical resend
            # finds it; it changed only if this message added entries.
            version = vault.version(tenant, session)
        self._memo.put((tenant, generation, session, version, digest), out)
        return out


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
