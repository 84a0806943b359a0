"""Output scanning: the tenant's sensitive terms that an LLM produced on its own.

Terms from the tenant's policy (inline and ``terms_file``) and its term database whose policy
operator is ``redact`` are replaced in the answer by the one redaction marker
(:func:`veil.mask.operators.redaction`); other operators keep them (the reader is the tenant
itself), so restored originals are never touched.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

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
        self._terms: dict[str, TermDatabase] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"OutputScanner(tenants={sorted(self._terms)})"

    def reset(self, tenant: str) -> None:
        with self._lock:
            self._terms.pop(tenant, None)

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

    def _tenant_terms(self, tenant: str) -> TermDatabase | None:
        """Every sensitive term of the tenant in one automaton (policy terms + term database)."""
        db = self._terms.get(tenant)
        if db is None:
            with self._lock:
                db = self._terms.get(tenant)
                if db is None:
                    pol = self._policy_of(tenant)
                    rules = list(pol.terms)
                    if pol.terms_file is not None:
                        rules += load_terms_file(pol.terms_file)
                    extra = self._stored_terms(tenant)
                    if extra is not None:
                        rules += extra.rules
                    db = self._terms[tenant] = TermDatabase(rules, name="output_terms")
        return db if len(db) else None


__all__ = ["OutputScanner"]
