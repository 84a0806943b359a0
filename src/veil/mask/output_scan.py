"""Output scanning: the tenant's sensitive terms that an LLM produced on its own.

Terms from the tenant's policy (inline and ``terms_file``) and its term database whose policy
operator is ``redact`` are replaced in the answer by the one redaction marker
(:func:`veil.mask.operators.redaction`); other operators keep them (the reader is the tenant
itself), so restored originals are never touched.
"""

from __future__ import annotations

from collections.abc import Callable

from veil.caches import PerTenant
from veil.core import PolicyOf
from veil.detect.terms import TermDatabase, load_terms_file
from veil.mask.operators import redaction


class OutputScanner:
    """``scan(text, tenant=)``; one term automaton per tenant, built on first use."""

    def __init__(
        self, policy_of: PolicyOf, stored_terms: Callable[[str], TermDatabase | None]
    ) -> None:
        """``stored_terms(tenant)``: the tenant's term database beyond its policy (the
        detection stage's), or None."""
        self._policy_of = policy_of
        self._stored_terms = stored_terms
        self._terms = PerTenant(self._build_terms)

    def __repr__(self) -> str:
        return f"OutputScanner(tenants={sorted(self._terms)})"

    def reset(self, tenant: str) -> None:
        self._terms.pop(tenant)

    def scan(self, text: str, *, tenant: str) -> str:
        policy = self._policy_of(tenant)
        terms = self._tenant_terms(tenant)
        if not text or terms is None:
            return text
        spans = [d for d in terms.analyze(text) if policy.operator_for(d.type) == "redact"]
        if not spans:
            return text
        out: list[str] = []
        pos = 0
        for d in sorted(spans, key=lambda d: d.start):
            if d.start < pos:
                continue
            out.append(text[pos : d.start])
            out.append(redaction(d.type))
            pos = d.end
        out.append(text[pos:])
        return "".join(out)

    def window(self, tenant: str) -> int:
        """How many trailing characters a stream must hold back so that scanning never misses a
        redacted term split across chunks, or the context words that decide whether it counts:
        0 when the tenant redacts no term (nothing is scanned). Terms match case-insensitively
        with flexible spacing, so twice the term's length bounds the text it can match."""
        policy = self._policy_of(tenant)
        db = self._terms.get(tenant)
        sizes = [
            2 * len(rule.term) + rule.window
            for rule in db.rules
            if policy.operator_for(rule.type) == "redact"
        ]
        return max(sizes) + 1 if sizes else 0

    def _tenant_terms(self, tenant: str) -> TermDatabase | None:
        db = self._terms.get(tenant)
        return db if len(db) else None

    def _build_terms(self, tenant: str) -> TermDatabase:
        """Every sensitive term of the tenant in one automaton (policy terms + term database)."""
        pol = self._policy_of(tenant)
        rules = list(pol.terms)
        if pol.terms_file is not None:
            rules += load_terms_file(pol.terms_file)
        extra = self._stored_terms(tenant)
        if extra is not None:
            rules += extra.rules
        return TermDatabase(rules, name="output_terms")


__all__ = ["OutputScanner"]
