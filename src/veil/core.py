"""The :class:`Veil` facade: detect -> mask -> vault, and restore.

This is the one object applications and the gateway hold. It owns one detection engine per
tenant (each tenant has its own policy and sensitive-term database), one vault shared by all
tenants (entries are encrypted under per-tenant keys), and the masker/restorer on top.
Everything here fails closed: if detection or the vault fails, ``protect`` raises and returns no
partially masked text.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veil.config import FreeTextDP, Policy, Settings
from veil.errors import DetectionError, InputError, VeilError

if TYPE_CHECKING:
    from veil.detect.engine import DetectionEngine
    from veil.detect.entity import Detection
    from veil.detect.terms import TermDatabase
    from veil.dp import BudgetStore, Sanitizer
    from veil.mask.masker import MaskedEntity, Masker
    from veil.mask.restorer import Restorer, StreamRestorer
    from veil.vault.base import Vault, VaultEntry

#: Largest text protect() accepts in one call (characters). Bigger inputs should be split by the
#: caller; refusing is safer than a detector silently timing out on part of the text.
MAX_TEXT_CHARS = 2_000_000
DEFAULT_TENANT = "default"
_MEMO_SIZE = 4096


@dataclass(frozen=True)
class ProtectResult:
    """What :meth:`Veil.protect` returns. ``repr`` shows counts only (privacy rule).

    ``epsilon`` is the privacy loss spent on the free text when the policy has a ``dp`` block
    (0.0 otherwise).
    """

    masked: str = field(repr=False)
    entities: list[MaskedEntity] = field(repr=False)
    epsilon: float = 0.0

    def __repr__(self) -> str:
        return f"ProtectResult(chars={len(self.masked)}, entities={len(self.entities)})"

    def to_dict(self) -> dict[str, object]:
        return {
            "masked": self.masked,
            "entities": [
                {
                    "type": e.type,
                    "start": e.start,
                    "end": e.end,
                    "replacement": e.replacement,
                    "score": round(float(e.score), 4),
                    "operator": e.operator,
                }
                for e in self.entities
            ],
        }


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"text has {len(text)} characters; the limit is {MAX_TEXT_CHARS}: split it into parts"
        )
    # Lone surrogates cannot be encoded to UTF-8 for the vault or the upstream.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(
            f"text contains an unpaired surrogate at offset {e.start}; pass valid Unicode"
        ) from None
    return text


class Veil:
    """Protect prompts and restore answers.

    ``Veil()`` uses the embedded defaults: settings from ``VEIL_*`` environment variables, a SQLite
    vault under ``.veil/``, spaCy NER, and the default policy (or ``VEIL_POLICY_FILE``).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        policy: Policy | None = None,
        vault: Vault | None = None,
    ) -> None:
        self.settings = settings or Settings()
        if policy is None:
            pf = self.settings.policy_file
            policy = Policy.from_yaml(pf) if pf else Policy()
        self._policies: dict[str, Policy] = {DEFAULT_TENANT: policy}
        self._engines: dict[str, DetectionEngine] = {}
        self._term_dbs: dict[str, TermDatabase] = {}
        self._output_terms: dict[str, TermDatabase] = {}
        self._memo: OrderedDict[tuple[str, str, str | None, str, bytes], ProtectResult] = (
            OrderedDict()
        )
        self._memo_salt = os.urandom(16)
        self._sanitizers: dict[tuple[str, str], Sanitizer] = {}
        self._budget_stores: dict[tuple[float | None, float | None], BudgetStore] = {}
        self._maskers: dict[str, Masker] = {}
        self._vault = vault
        self._restorer: Restorer | None = None
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Veil(tenants={sorted(self._policies)}, vault={self.settings.vault_backend})"

    # ------------------------------------------------------------------ configuration
    def set_policy(
        self, tenant: str, policy: Policy, *, terms: TermDatabase | None = None
    ) -> None:
        """Give ``tenant`` its own policy and, optionally, a sensitive-term database (e.g. from
        :class:`veil.detect.terms.TermStore`) on top of the policy's own terms."""
        with self._lock:
            self._policies[tenant] = policy
            if terms is None:
                self._term_dbs.pop(tenant, None)
            else:
                self._term_dbs[tenant] = terms
            for cache in (self._engines, self._maskers, self._output_terms):
                cache.pop(tenant, None)
            for k in [k for k in self._memo if k[0] == tenant]:
                del self._memo[k]

    def policy(self, tenant: str = DEFAULT_TENANT) -> Policy:
        try:
            return self._policies[tenant]
        except KeyError:
            raise VeilError(f"unknown tenant {tenant!r}: configure it with set_policy()") from None

    @property
    def vault(self) -> Vault:
        with self._lock:
            if self._vault is None:
                from veil.vault import open_vault

                self._vault = open_vault(self.settings)
            return self._vault

    def engine(self, tenant: str = DEFAULT_TENANT) -> DetectionEngine:
        with self._lock:
            eng = self._engines.get(tenant)
            if eng is None:
                from veil.detect.engine import DetectionEngine

                # The engine loads the policy's own terms (inline and terms_file); the tenant's
                # term database comes from set_policy(terms=) or the `veil terms` store.
                eng = DetectionEngine(self.policy(tenant), terms=self._stored_terms(tenant))
                self._engines[tenant] = eng
            return eng

    def _masker(self, tenant: str) -> Masker:
        with self._lock:
            m = self._maskers.get(tenant)
            if m is None:
                from veil.mask.masker import Masker

                m = Masker(self.vault, self.policy(tenant))
                self._maskers[tenant] = m
            return m

    def _restorer_obj(self) -> Restorer:
        with self._lock:
            if self._restorer is None:
                from veil.mask.restorer import Restorer

                self._restorer = Restorer(self.vault)
            return self._restorer

    # ------------------------------------------------------------------ the core verbs
    def detect(
        self, text: str, *, session: str = "default", tenant: str = DEFAULT_TENANT
    ) -> list[Detection]:
        """Detections in ``text`` (also values already seen in this session)."""
        text = _check_text(text)
        if not text:
            return []
        return self._detect(text, tenant, self.vault.entries(tenant, session))

    def _detect(self, text: str, tenant: str, entries: list[VaultEntry]) -> list[Detection]:
        from veil.detect.seen import SeenEntityCache

        seen = SeenEntityCache((e.entity_type, e.original) for e in entries)
        try:
            return self.engine(tenant).analyze(text, seen=seen)
        except VeilError:
            raise
        except Exception as e:  # fail closed, and never echo the text
            raise DetectionError(
                f"detection failed ({type(e).__name__}); the text was not processed"
            ) from None

    def protect(
        self,
        text: str,
        *,
        session: str = "default",
        tenant: str = DEFAULT_TENANT,
        user: str | None = None,
    ) -> ProtectResult:
        """Mask every sensitive value in ``text``; replacements are stored in the vault.

        With a ``dp`` block in the tenant's policy, the remaining free text is perturbed too and
        the epsilon spent is charged to the tenant's and ``user``'s (default: the session's)
        budget; an exhausted budget raises :class:`~veil.errors.BudgetExhaustedError` and nothing
        is returned.
        """
        text = _check_text(text)
        if not text.strip():
            return ProtectResult(masked=text, entities=[])
        # Chat clients resend the whole history every turn: a message already protected in this
        # session, with no vault change since (the vault's cheap version token), gets the same
        # answer without re-detection. (For DP this also means a resent message is not perturbed
        # afresh, which would let the host average the noise away.)
        digest = self._digest(text)
        memo_key = (tenant, session, user, self.vault.version(tenant, session), digest)
        with self._lock:
            hit = self._memo.get(memo_key)
            if hit is not None:
                self._memo.move_to_end(memo_key)
                return hit
        detections = self._detect(text, tenant, self.vault.entries(tenant, session))
        result = self._masker(tenant).mask(text, detections, tenant=tenant, session=session)
        entities = list(result.entities)
        dp = self.policy(tenant).dp
        if dp is None:
            out = ProtectResult(masked=result.masked, entities=entities)
        else:
            out = self._perturb(result.masked, entities, dp, tenant=tenant, user=user or session)
        # Key the memo on the vault version AFTER masking: an identical resend finds it.
        version = self.vault.version(tenant, session)
        with self._lock:
            self._memo[(tenant, session, user, version, digest)] = out
            while len(self._memo) > _MEMO_SIZE:
                self._memo.popitem(last=False)
        return out

    def _digest(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), key=self._memo_salt, digest_size=16).digest()

    def _perturb(
        self, masked: str, entities: list[MaskedEntity], dp: FreeTextDP, *, tenant: str, user: str
    ) -> ProtectResult:
        """Perturb the words around the replacements; charge the budget before releasing."""
        from veil.dp import get_sanitizer, load_space, perturb_free_text

        keep: list[tuple[int, int]] = []
        shift = 0
        for e in sorted(entities, key=lambda e: e.start):
            start = e.start + shift
            keep.append((start, start + len(e.replacement)))
            shift += len(e.replacement) - (e.end - e.start)
        key = (dp.mechanism, dp.space)
        with self._lock:
            san = self._sanitizers.get(key)
            if san is None:
                san = get_sanitizer(dp.mechanism, load_space(dp.space))
                self._sanitizers[key] = san
        out = perturb_free_text(masked, keep_spans=keep, sanitizer=san, epsilon=dp.epsilon)
        if out.epsilon_total > 0:
            self._budgets(dp).charge(tenant, user, out.epsilon_total)
        return ProtectResult(masked=out.text, entities=entities, epsilon=out.epsilon_total)

    def _budgets(self, dp: FreeTextDP) -> BudgetStore:
        with self._lock:
            key = (dp.tenant_budget, dp.user_budget)
            store = self._budget_stores.get(key)
            if store is None:
                from veil.dp import open_budget_store

                store = open_budget_store(
                    self.settings,
                    default_user_limit=dp.user_budget,
                    default_tenant_limit=dp.tenant_budget,
                )
                self._budget_stores[key] = store
            return store

    def protect_many(
        self, texts: list[str], *, session: str = "default", tenant: str = DEFAULT_TENANT
    ) -> list[ProtectResult]:
        """Protect several texts of one conversation, in order (replacements stay consistent)."""
        return [self.protect(t, session=session, tenant=tenant) for t in texts]

    def restore(self, text: str, *, session: str = "default", tenant: str = DEFAULT_TENANT) -> str:
        """Put the originals back into an answer produced from masked text of ``session``."""
        text = _check_text(text)
        return self._restorer_obj().restore(text, tenant=tenant, session=session)

    def stream_restorer(
        self, *, session: str = "default", tenant: str = DEFAULT_TENANT
    ) -> StreamRestorer:
        """A restorer fed chunk by chunk (``feed(chunk) -> str``, ``flush() -> str``)."""
        return self._restorer_obj().stream(tenant=tenant, session=session)

    def scan_output(
        self, text: str, *, session: str = "default", tenant: str = DEFAULT_TENANT
    ) -> str:
        """Apply the tenant's policy to sensitive terms an LLM produced on its own.

        Terms from the tenant's term database whose policy operator is ``redact`` are redacted in
        the answer; other operators keep them (the reader is the tenant itself), so restored
        originals are never touched.
        """
        text = _check_text(text)
        pol = self.policy(tenant)
        terms = self._tenant_terms(tenant)
        if not text or terms is None:
            return text
        spans = [d for d in terms.analyze(text) if pol.operator_for(d.type) == "redact"]
        if not spans:
            return text
        out: list[str] = []
        pos = 0
        for d in sorted(spans, key=lambda d: d.start):
            if d.start < pos:
                continue
            out.append(text[pos : d.start])
            out.append(f"[{d.type}_REDACTED]")
            pos = d.end
        out.append(text[pos:])
        return "".join(out)

    def _stored_terms(self, tenant: str) -> TermDatabase | None:
        """The tenant's term database: given to set_policy, else the ``veil terms`` store
        (``<home>/terms.sqlite3``) when it exists."""
        db = self._term_dbs.get(tenant)
        if db is not None:
            return db
        from veil.detect.terms import DEFAULT_TERM_DB, TermStore

        path = self.settings.home / DEFAULT_TERM_DB
        if not path.exists():
            return None
        store = TermStore(path)
        try:
            db = store.database(tenant)
        finally:
            store.close()
        self._term_dbs[tenant] = db
        return db

    def _tenant_terms(self, tenant: str) -> TermDatabase | None:
        """Every sensitive term of the tenant in one automaton (policy terms + term database)."""
        with self._lock:
            if tenant not in self._output_terms:
                from veil.detect.terms import TermDatabase, load_terms_file

                pol = self.policy(tenant)
                rules = list(pol.terms)
                if pol.terms_file is not None:
                    rules += load_terms_file(pol.terms_file)
                extra = self._stored_terms(tenant)
                if extra is not None:
                    rules += extra.rules
                self._output_terms[tenant] = TermDatabase(rules, name="output_terms")
            db = self._output_terms[tenant]
            return db if len(db) else None

    def forget(self, *, session: str, tenant: str = DEFAULT_TENANT) -> None:
        """Delete every mapping of a session (right to erasure)."""
        self.vault.delete_session(tenant, session)


__all__ = ["MAX_TEXT_CHARS", "ProtectResult", "Veil"]
