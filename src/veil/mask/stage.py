"""The masking stage of :class:`veil.Veil`: detect, then mask through the vault, with a memo.

Chat clients resend the whole history every turn. A message already protected in a session,
with no vault change since (the vault's version token), gets the same answer without
re-detection. Per call the stage reads the session once (:meth:`Vault.view`: the version
and only the entries this process has not decrypted yet) and hands the entries to both the
seen-value detector and the masker, which writes the call's new mappings in one batch.

:meth:`MaskingStage.protect_many` does a whole request (every message and field) in that one
read and one all-or-nothing write, instead of a read and a write per string.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from veil.caches import PerTenant, TenantMemo
from veil.config import RESERVED_TYPES
from veil.core import PolicyOf, ProtectResult
from veil.detect.seen import SeenEntityCache
from veil.mask.masker import Masker

if TYPE_CHECKING:
    from veil.detect.entity import Detection
    from veil.detect.stage import DetectionStage
    from veil.vault.base import SessionView, Vault

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

    def prepare(self, tenant: str) -> None:
        """Build the tenant's masker and compile what masking and restoring read lazily."""
        self._maskers.get(tenant).prepare()

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

    def protect_many(
        self, texts: Sequence[str], *, tenant: str, session: str
    ) -> list[ProtectResult]:
        """:meth:`protect` for every text of one request: ONE read of the session and ONE
        all-or-nothing write of every new mapping (texts the memo knows are not detected
        again). A value detected in one text is looked for in the others, as a later turn
        looks for the values of earlier ones; a text masked after another finds that text's
        new entries (one replacement per value, a first name linked to its full name)."""
        generation = self._memo.generation(tenant)  # before the masker: see TenantMemo
        vault = self._vault()
        masker = self._maskers.get(tenant)
        view = vault.view(tenant, session)  # the request's one read
        digests = [self._memo.digest(t.encode("utf-8")) for t in texts]
        out: list[ProtectResult | None] = [
            self._memo.get((tenant, generation, session, view.version, d)) for d in digests
        ]
        todo = [i for i, r in enumerate(out) if r is None]
        if todo:
            block = [texts[i] for i in todo]
            dets = self._detect_all(block, tenant=tenant, view=view)
            results, batch = masker.mask_many_in(
                list(zip(block, dets, strict=True)), tenant=tenant, session=session, view=view
            )
            for i, r in zip(todo, results, strict=True):
                res = ProtectResult(masked=r.masked, entities=list(r.entities))
                out[i] = res
                if batch.current:  # keyed as in protect(): the version after the write
                    key = (tenant, generation, session, batch.view.version, digests[i])
                    self._memo.put(key, res)
        return [r for r in out if r is not None]

    def _detect_all(
        self, texts: list[str], *, tenant: str, view: SessionView
    ) -> list[list[Detection]]:
        dets = self._detection.detect_many(texts, tenant=tenant, view=view)
        if len(texts) < 2:
            return dets
        # NER is contextual: a name tagged in one message may be missed in the next. Texts with
        # a match of another text's value outside their own detections are analysed again with
        # the request's values added to the session's (what a later turn would have seen).
        found = [(d.type, d.text) for ds in dets for d in ds if d.type not in RESERVED_TYPES]
        fresh = SeenEntityCache(found)
        if not len(fresh):
            return dets
        again = [k for k, t in enumerate(texts) if _uncovered(fresh.analyze(t), dets[k])]
        if again:
            redone = self._detection.detect_many([texts[k] for k in again], tenant=tenant,
                                                 view=view, extra=found)
            for k, ds in zip(again, redone, strict=True):
                dets[k] = ds
        return dets


def _uncovered(found: list[Detection], detections: list[Detection]) -> bool:
    """Whether a match in ``found`` lies outside every span of ``detections``."""
    return any(
        not any(d.start <= m.start and m.end <= d.end for d in detections) for m in found
    )


__all__ = ["MEMO_SIZE", "MaskingStage"]
