"""The DP stage of :class:`veil.Veil`: wraps the masking stage and perturbs the free text.

For a tenant whose policy has a ``dp`` block, the words around the replacements are perturbed
under local DP and the epsilon spent is charged, before anything is returned, to the tenant's
and the user's budget (the ``user`` argument; default: the session). An exhausted budget raises
:class:`~veil.errors.BudgetExhaustedError` and nothing is released.

The same masked text from the same (tenant, session, user) gets the same noisy text back,
uncharged: fresh noise on every resend of a chat history would let the host average it away,
and re-releasing an output that was already paid for costs no privacy.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from veil.caches import TenantMemo
from veil.config import FreeTextDP, Settings
from veil.core import PolicyOf, ProtectResult, ProtectStage

if TYPE_CHECKING:
    from veil.dp.accountant import BudgetStore
    from veil.dp.sanitizers import Sanitizer
    from veil.mask.masker import MaskedEntity

#: Perturbed texts kept for resends (all tenants together); least recently used go first.
MEMO_SIZE = 4096


class DPStage:
    """``DPStage(inner, settings, policy_of)``: ``inner``'s result, perturbed per policy."""

    def __init__(
        self,
        inner: ProtectStage,
        settings: Settings,
        policy_of: PolicyOf,
        *,
        memo_size: int = MEMO_SIZE,
    ) -> None:
        self._inner = inner
        self._settings = settings
        self._policy_of = policy_of
        self._sanitizers: dict[tuple[str, str], Sanitizer] = {}
        self._budget_stores: dict[tuple[float | None, float | None], BudgetStore] = {}
        # (tenant, policy generation, session, charged user, keyed digest of masked text + kept
        # spans) -> (perturbed text, epsilon spent)
        self._memo: TenantMemo[tuple[str, float]] = TenantMemo(memo_size)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"DPStage(inner={self._inner!r}, memo={len(self._memo)})"

    def reset(self, tenant: str) -> None:
        self._memo.reset(tenant)
        self._inner.reset(tenant)

    def protect(
        self, text: str, *, tenant: str, session: str, user: str | None = None
    ) -> ProtectResult:
        generation = self._memo.generation(tenant)
        dp = self._policy_of(tenant).dp
        masked = self._inner.protect(text, tenant=tenant, session=session, user=user)
        if dp is None:
            return masked
        return self._perturb(
            masked, dp, tenant=tenant, session=session, user=user or session,
            generation=generation,
        )

    def _perturb(
        self,
        masked: ProtectResult,
        dp: FreeTextDP,
        *,
        tenant: str,
        session: str,
        user: str,
        generation: int,
    ) -> ProtectResult:
        """Perturb the words around the replacements; charge the budget before releasing."""
        from veil.dp.sanitizers import perturb_free_text

        keep = _kept_spans(masked.entities)
        digest = self._memo.digest(f"{keep!r}\x00{masked.masked}".encode())
        key = (tenant, generation, session, user, digest)
        hit = self._memo.get(key)
        if hit is not None:
            return ProtectResult(masked=hit[0], entities=masked.entities, epsilon=hit[1])
        out = perturb_free_text(
            masked.masked, keep_spans=keep, sanitizer=self._sanitizer(dp), epsilon=dp.epsilon
        )
        if out.epsilon_total > 0:
            self._budgets(dp).charge(tenant, user, out.epsilon_total)
        self._memo.put(key, (out.text, out.epsilon_total))
        return ProtectResult(masked=out.text, entities=masked.entities, epsilon=out.epsilon_total)

    def _sanitizer(self, dp: FreeTextDP) -> Sanitizer:
        key = (dp.mechanism, dp.space)
        with self._lock:
            san = self._sanitizers.get(key)
        if san is None:
            from veil.dp.embeddings import load_space
            from veil.dp.sanitizers import get_sanitizer

            san = get_sanitizer(dp.mechanism, load_space(dp.space))  # slow: outside the lock
            with self._lock:
                san = self._sanitizers.setdefault(key, san)
        return san

    def _budgets(self, dp: FreeTextDP) -> BudgetStore:
        key = (dp.tenant_budget, dp.user_budget)
        with self._lock:
            store = self._budget_stores.get(key)
            if store is None:
                from veil.dp.accountant import open_budget_store

                store = self._budget_stores[key] = open_budget_store(
                    self._settings,
                    default_user_limit=dp.user_budget,
                    default_tenant_limit=dp.tenant_budget,
                )
            return store


def _kept_spans(entities: Sequence[MaskedEntity]) -> list[tuple[int, int]]:
    """Where the replacements lie in the MASKED text (entity offsets index the original)."""
    keep: list[tuple[int, int]] = []
    shift = 0
    for e in sorted(entities, key=lambda e: e.start):
        start = e.start + shift
        keep.append((start, start + len(e.replacement)))
        shift += len(e.replacement) - (e.end - e.start)
    return keep


__all__ = ["MEMO_SIZE", "DPStage"]
