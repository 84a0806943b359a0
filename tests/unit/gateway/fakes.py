"""A small in-memory stand-in for :class:`veil.Veil` with the same methods the gateway calls.

It detects e-mail addresses and a fixed list of names, numbers placeholders per (tenant, session)
and restores them tolerantly (case, missing brackets), so the gateway's plumbing can be tested
without loading spaCy. It has a vault with ``ping()`` and a ``detect()`` (for ``/readyz``) whose
failures a test can switch on. The real core is exercised by tests/e2e.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from veil.config import Policy, TermRule
from veil.errors import DetectionError, VaultUnavailableError

NAMES = ("Jane Doe", "John Smith", "Ada Lovelace")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_NAME = re.compile("|".join(re.escape(n) for n in NAMES))
_PLACEHOLDER = re.compile(r"\[?\b(EMAIL|PERSON)_(\d+)\b\]?", re.IGNORECASE)
_PARTIAL = re.compile(r"\[[A-Z_]*\d*$")  # a placeholder cut off by a token limit


@dataclass
class FakeEntity:
    type: str
    start: int
    end: int
    replacement: str
    score: float = 1.0
    operator: str = "placeholder"


@dataclass
class FakeResult:
    masked: str
    entities: list[FakeEntity]


@dataclass
class _Session:
    forward: dict[str, str] = field(default_factory=dict)  # original -> placeholder
    back: dict[str, str] = field(default_factory=dict)  # placeholder -> original


class FakeVault:
    def __init__(self) -> None:
        self.down = False
        self.pings = 0

    def ping(self) -> None:
        self.pings += 1
        if self.down:
            raise VaultUnavailableError("vault backend unreachable; check VEIL_REDIS_URL")


class FakeStreamRestorer:
    def __init__(
        self, core: FakeVeil, session: str, tenant: str, scope: frozenset[str] | None
    ) -> None:
        self.core, self.session, self.tenant, self.buf = core, session, tenant, ""
        self.scope = scope

    def feed(self, chunk: str) -> str:
        self.buf += chunk
        cut = self.buf.rfind("[")
        if cut == -1 or "]" in self.buf[cut:] or len(self.buf) - cut > 20:
            cut = len(self.buf)
        out, self.buf = self.buf[:cut], self.buf[cut:]
        return self.core.restore(out, session=self.session, tenant=self.tenant, scope=self.scope)

    def flush(self, *, truncated: bool = False, part: bool = False) -> str:
        out, self.buf = self.buf, ""
        return self.core.restore(
            out, session=self.session, tenant=self.tenant, scope=self.scope, truncated=truncated
        )


class FakeVeil:
    def __init__(self, *, output_terms: dict[str, list[str]] | None = None) -> None:
        self._sessions: dict[tuple[str, str], _Session] = {}
        self._lock = threading.Lock()
        self.output_terms = output_terms or {}
        self.policies: dict[str, object] = {}
        self.protect_calls = 0
        self.fake_vault = FakeVault()
        self.detector_down = False

    @property
    def vault(self) -> FakeVault:
        return self.fake_vault

    def check_vault(self) -> None:
        self.fake_vault.ping()

    def check_detector(self, tenant: str) -> None:
        self.detect("Readiness probe sentence.", tenant=tenant)

    def detect(self, text: str, *, session: str = "default", tenant: str = "default") -> list[str]:
        if self.detector_down:
            raise DetectionError("detector failed to load; check the spaCy model install")
        return [m.group(0) for m in _EMAIL.finditer(text)]

    def set_policy(self, tenant: str, policy: object) -> None:
        self.policies[tenant] = policy

    def policy(self, tenant: str) -> Policy:
        terms = [TermRule(term=t) for t in self.output_terms.get(tenant, [])]
        return Policy(terms=terms)

    def protect(
        self,
        text: str,
        *,
        session: str = "default",
        tenant: str = "default",
        user: str | None = None,
    ) -> FakeResult:
        self.protect_calls += 1
        if "FAIL_DETECT" in text:
            raise DetectionError("detector failed; the request was refused")
        spans = sorted(
            [(m.start(), m.end(), "EMAIL") for m in _EMAIL.finditer(text)]
            + [(m.start(), m.end(), "PERSON") for m in _NAME.finditer(text)]
        )
        out, pos, entities = [], 0, []
        with self._lock:
            s = self._sessions.setdefault((tenant, session), _Session())
            for start, end, typ in spans:
                value = text[start:end]
                ph = s.forward.get(value)
                if ph is None:
                    n = sum(1 for p in s.back if p.startswith(f"[{typ}_")) + 1
                    ph = f"[{typ}_{n}]"
                    s.forward[value], s.back[ph] = ph, value
                out += [text[pos:start], ph]
                pos = end
                entities.append(FakeEntity(typ, start, end, ph))
        out.append(text[pos:])
        return FakeResult("".join(out), entities)

    def restore(
        self,
        text: str,
        *,
        session: str = "default",
        tenant: str = "default",
        scope: frozenset[str] | None = None,
        truncated: bool = False,
        value: bool = False,
    ) -> str:
        if truncated:
            text = _PARTIAL.sub("", text)
        s = self._sessions.get((tenant, session))
        if s is None:
            return text

        def sub(m: re.Match[str]) -> str:
            ph = f"[{m.group(1).upper()}_{m.group(2)}]"
            if scope is not None and ph not in scope:
                return m.group(0)  # not sent in this request: not this request's to restore
            return s.back.get(ph, m.group(0))

        return _PLACEHOLDER.sub(sub, text)

    def stream_restorer(
        self, *, session: str, tenant: str, scope: frozenset[str] | None = None
    ) -> FakeStreamRestorer:
        return FakeStreamRestorer(self, session, tenant, scope)

    def output_scan_window(self, tenant: str) -> int:
        terms = self.output_terms.get(tenant, [])
        return max(len(t) for t in terms) + 1 if terms else 0

    def scan_output(self, text: str, *, session: str, tenant: str) -> str:
        for term in self.output_terms.get(tenant, []):
            text = text.replace(term, "[REDACTED]")
        return text
