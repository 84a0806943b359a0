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
from veil.mask.masker import MaskedEntity, Masker
from veil.mask.placeholders import BASE_TYPES

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
        with view.lock:  # one state of the view: a commit of another thread updates all three
            version, known, types = view.version, len(view), frozenset(view.types)
        digests = [self._memo.digest(t.encode("utf-8")) for t in texts]
        out: list[ProtectResult | None] = [
            self._memo.get((tenant, generation, session, version, d)) for d in digests
        ]
        todo = [i for i, r in enumerate(out) if r is None]
        if not todo:
            return [r for r in out if r is not None]
        dets = self._detect_all([texts[i] for i in todo], tenant=tenant, view=view)
        todo, dets = self._stale_hits(texts, out, todo, dets, tenant=tenant, view=view)
        block = [texts[i] for i in todo]
        results, batch = masker.mask_many_in(
            list(zip(block, dets, strict=True)), tenant=tenant, session=session, view=view
        )
        for i, masked in zip(todo, results, strict=True):
            out[i] = ProtectResult(masked=masked.masked, entities=list(masked.entities))
        if not batch.current:
            return [r for r in out if r is not None]
        after = batch.view  # keyed as in protect(): the version after the write
        for i in todo:
            result = out[i]
            assert result is not None  # nosec B101 # set just above
            self._memo.put((tenant, generation, session, after.version, digests[i]), result)
        with after.lock:  # the version and every entry it holds, read together
            now, new = after.version, after.added_since(known)
        # The texts the memo answered stay answered at the new version unless a value stored
        # since lies outside what they masked (or a new type could make a look-alike of their
        # words): without this, a resent history missed the memo every other turn and was
        # detected again (a chat request's time grew with its history)
        # (a request the memo answered none of has none to carry: the cache is not built)
        redone = set(todo)
        answered = [i for i in range(len(out)) if i not in redone]
        if answered and after is view and now != version \
                and {e.entity_type for e in new} <= types | BASE_TYPES:
            added = SeenEntityCache([(e.entity_type, e.original) for e in new
                                     if e.entity_type not in RESERVED_TYPES])
            for i in answered:
                hit = out[i]
                if hit is not None and not (
                        len(added) and _uncovered(added.analyze(texts[i]), hit.entities)):
                    self._memo.put((tenant, generation, session, now, digests[i]), hit)
        return [r for r in out if r is not None]

    def _stale_hits(
        self, texts: Sequence[str], out: list[ProtectResult | None], todo: list[int],
        dets: list[list[Detection]], *, tenant: str, view: SessionView,
    ) -> tuple[list[int], list[list[Detection]]]:
        """``todo`` and its detections, with the texts the memo answered that hold a value
        found in this request outside what they masked: they were masked before the value
        was known, and would send it upstream in clear beside its placeholder. They are
        detected again with the request's values, as in a request without the memo."""
        if len(todo) == len(texts):  # the memo answered none: nothing can be stale
            return todo, dets
        found = _found(dets)
        if not found:
            return todo, dets
        fresh = SeenEntityCache(found)
        stale = [i for i, r in enumerate(out) if r is not None
                 and _uncovered(fresh.analyze(texts[i]), r.entities)]
        if not stale:
            return todo, dets
        redone = self._detection.detect_many([texts[i] for i in stale], tenant=tenant,
                                             view=view, extra=found)
        for i in stale:
            out[i] = None
        by_index = dict(zip(todo, dets, strict=True)) | dict(zip(stale, redone, strict=True))
        order = sorted(by_index)  # the request's order: a text masks after those before it
        return order, [by_index[i] for i in order]

    def _detect_all(
        self, texts: list[str], *, tenant: str, view: SessionView
    ) -> list[list[Detection]]:
        dets = self._detection.detect_many(texts, tenant=tenant, view=view)
        if len(texts) < 2:
            return dets
        # NER is contextual: a name tagged in one message may be missed in the next. Texts with
        # a match of another text's value outside their own detections are analysed again with
        # the request's values added to the session's (what a later turn would have seen).
        found = _found(dets)
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


def _found(dets: list[list[Detection]]) -> list[tuple[str, str]]:
    """(type, value) of every detection but the reserved types (escaped look-alikes)."""
    return [(d.type, d.text) for ds in dets for d in ds if d.type not in RESERVED_TYPES]


def _uncovered(found: Sequence[Detection], detections: Sequence[Detection | MaskedEntity]) -> bool:
    """Whether a match in ``found`` lies outside every span of ``detections``."""
    return any(
        not any(d.start <= m.start and m.end <= d.end for d in detections) for m in found
    )


__all__ = ["MEMO_SIZE", "MaskingStage"]
