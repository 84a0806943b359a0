"""The masking stage of :class:`veil.Veil`: detect, then mask through the vault, with a memo.

Chat clients resend the whole history every turn. A message already protected in a session,
with no vault change since (the vault's version token), gets the same answer without
re-detection. Per message the stage reads the session once (:meth:`Vault.view`: the version
and only the entries this process has not decrypted yet) and hands the entries to both the
seen-value detector and the masker, which writes the message's new mappings in one batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from veil.caches import PerTenant, TenantMemo
from veil.core import PolicyOf, ProtectResult
from veil.mask.masker import Masker

if TYPE_CHECKING:
    from veil.detect.stage import DetectionStage
    from veil.vault.base import Vault

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
        view = vault.view(tenant, session)
        hit = self._memo.get((tenant, generation, session, view.version, digest))
        if hit is not None:
            return hit
        detections = self._detection.detect(text, tenant=tenant, view=view)
        result, batch = masker.mask_in(
            text, detections, tenant=tenant, session=session, view=view
        )
        out = ProtectResult(masked=result.masked, entities=list(result.entities))
        if batch.current:
            # Keyed on the version AFTER masking, so that an identical resend finds it; when
            # another writer's entries landed in between, that version is unknown: no memo.
            self._memo.put((tenant, generation, session, batch.view.version, digest), out)
        return out


__all__ = ["MEMO_SIZE", "MaskingStage"]
