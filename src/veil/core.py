"""The :class:`Veil` facade, and :class:`PrivacyCore`, the typed contract the gateway holds.

``Veil`` owns no caches of its own: it keeps the tenant -> policy table and delegates to stages,
each the single home of its caches and of its lock, so that a change to one tenant touches only
that tenant's state in each stage:

- detection (:class:`veil.detect.stage.DetectionStage`): per-tenant engines and term databases;
- masking (:class:`veil.mask.stage.MaskingStage`): per-tenant maskers and the protect memo;
- DP (:class:`veil.dp.stage.DPStage`): wraps masking once a tenant's policy asks for DP;
  sanitizers, budget stores, charging;
- output scanning (:class:`veil.mask.output_scan.OutputScanner`): tenant terms in answers;
- restoring (:class:`veil.mask.restorer.Restorer`), over the one vault shared by all tenants
  (entries are encrypted under per-tenant keys).

Everything fails closed: if detection or the vault fails, ``protect`` raises and returns no
partially masked text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from veil.config import Policy, Settings
from veil.errors import InputError, VeilError

if TYPE_CHECKING:
    from veil.detect.engine import DetectionEngine
    from veil.detect.entity import Detection
    from veil.detect.stage import DetectionStage
    from veil.detect.terms import TermDatabase
    from veil.mask.masker import MaskedEntity
    from veil.mask.output_scan import OutputScanner
    from veil.mask.restorer import Restorer, StreamRestorer
    from veil.vault.base import Vault

#: Largest text protect() accepts in one call (characters). Bigger inputs should be split by the
#: caller; refusing is safer than a detector silently timing out on part of the text.
MAX_TEXT_CHARS = 2_000_000
DEFAULT_TENANT = "default"


# ----------------------------------------------------------------------- the privacy-core contract
class ProtectedEntity(Protocol):
    """One replaced value as the gateway sees it (no original: privacy rule)."""

    @property
    def type(self) -> str: ...

    @property
    def replacement(self) -> str: ...


class Protected(Protocol):
    """What ``protect`` returns, as far as the gateway is concerned."""

    @property
    def masked(self) -> str: ...

    @property
    def entities(self) -> Sequence[ProtectedEntity]: ...


class ChunkRestorer(Protocol):
    """Restores a streamed answer: ``feed(chunk)`` returns what is safe to emit now."""

    def feed(self, chunk: str) -> str: ...

    def flush(self, *, truncated: bool = False, part: bool = False) -> str:
        """The rest; ``part``: one part of a longer text ends (the next part continues it for
        the URL guard, see :meth:`veil.mask.restorer.StreamRestorer.flush`)."""


class PrivacyCore(Protocol):
    """Everything the gateway asks of the privacy core; :class:`Veil` is the real one.

    ``scope``: the replacements produced while protecting the current request; only those (and
    the canonical entries their variants belong to) are restored. ``None``: the whole session.
    ``user``: whose DP budget is charged (default: the session's).
    """

    def protect(
        self, text: str, *, session: str, tenant: str, user: str | None = None
    ) -> Protected: ...

    def restore(
        self,
        text: str,
        *,
        session: str,
        tenant: str,
        scope: frozenset[str] | None = None,
        truncated: bool = False,
        value: bool = False,
    ) -> str: ...

    def stream_restorer(
        self, *, session: str, tenant: str, scope: frozenset[str] | None = None
    ) -> ChunkRestorer: ...

    def scan_output(self, text: str, *, session: str, tenant: str) -> str: ...

    def output_scan_window(self, tenant: str) -> int:
        """Characters a stream holds back so that :meth:`scan_output` sees whole terms (0: the
        tenant's answers are not scanned)."""

    def policy(self, tenant: str) -> Policy: ...

    def set_policy(
        self, tenant: str, policy: Policy, *, terms: TermDatabase | None = None
    ) -> None: ...

    def check_vault(self) -> None:
        """Raise a :class:`~veil.errors.VeilError` unless the vault answers (for /readyz)."""

    def check_detector(self, tenant: str) -> None:
        """Raise a :class:`~veil.errors.VeilError` unless ``tenant``'s detectors are loaded and
        work (for /readyz); the first call loads them."""


class BatchPrivacyCore(PrivacyCore, Protocol):
    """A core that protects a whole request at once (:meth:`Veil.protect_many`: one vault read
    and one all-or-nothing write per request); the gateway uses it when the core has it."""

    def protect_many(
        self, texts: Sequence[str], *, session: str, tenant: str, user: str | None = None
    ) -> Sequence[Protected]: ...


# ----------------------------------------------------------------------- results and stages
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


class ProtectStage(Protocol):
    """A step of ``protect`` that owns per-tenant state; an outer stage wraps an inner one."""

    def protect(
        self, text: str, *, tenant: str, session: str, user: str | None
    ) -> ProtectResult: ...

    def reset(self, tenant: str) -> None:
        """Drop what was built for ``tenant`` (its policy changed)."""


#: The tenant's current policy; raises :class:`~veil.errors.VeilError` for an unknown tenant.
PolicyOf = Callable[[str], Policy]


def check_text(text: object) -> str:
    """``text`` if the core can take it: a str within :data:`MAX_TEXT_CHARS`, valid Unicode;
    else an :class:`InputError` that says what to fix."""
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


# ----------------------------------------------------------------------- the facade
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
        from veil.detect.stage import DetectionStage
        from veil.mask.output_scan import OutputScanner
        from veil.mask.stage import MaskingStage

        self.settings = settings or Settings()
        if policy is None:
            pf = self.settings.policy_file
            policy = Policy.from_yaml(pf) if pf else Policy()
        self._policies: dict[str, Policy] = {DEFAULT_TENANT: policy}
        self._vault = vault
        self._restorer: Restorer | None = None
        # Two locks, so that set_policy (which takes each stage's lock) never waits on a stage
        # that is opening the vault.
        self._config_lock = threading.Lock()  # set_policy: table update + stage resets, atomic
        self._lazy_lock = threading.Lock()  # opening the vault and the restorer
        self._detection: DetectionStage = DetectionStage(self.settings, self.policy)
        self._masking = MaskingStage(self._vault_of, self.policy, self._detection)
        # The DP stage is built when a tenant's policy first asks for DP: importing veil.dp
        # (numpy, the accountant) costs every `veil protect` start-up a fifth of a second.
        # Until then masking alone is exactly what it would return (it passes dp-less
        # tenants through); once built, every tenant goes through it.
        self._dp: ProtectStage | None = None
        self._output: OutputScanner = OutputScanner(self.policy, self._detection.terms)

    def __repr__(self) -> str:
        return f"Veil(tenants={sorted(self._policies)}, vault={self.settings.vault_backend})"

    # ------------------------------------------------------------------ configuration
    def set_policy(
        self, tenant: str, policy: Policy, *, terms: TermDatabase | None = None
    ) -> None:
        """Give ``tenant`` its own policy and, optionally, a sensitive-term database (e.g. from
        :class:`veil.detect.terms.TermStore`) on top of the policy's own terms. Only this
        tenant's cached engines, maskers, memo entries and term automata are rebuilt."""
        with self._config_lock:
            self._policies[tenant] = policy
            self._detection.reset(tenant, terms=terms)
            self._protect_stage(tenant, build=False).reset(tenant)
            self._output.reset(tenant)

    def policy(self, tenant: str = DEFAULT_TENANT) -> Policy:
        try:
            return self._policies[tenant]
        except KeyError:
            raise VeilError(f"unknown tenant {tenant!r}: configure it with set_policy()") from None

    @property
    def vault(self) -> Vault:
        return self._vault_of()

    def _vault_of(self) -> Vault:
        vault = self._vault
        if vault is not None:
            return vault
        with self._lazy_lock:
            if self._vault is None:
                from veil.vault import open_vault

                self._vault = open_vault(self.settings)
            return self._vault

    def engine(self, tenant: str = DEFAULT_TENANT) -> DetectionEngine:
        """The tenant's detection engine (built on first use)."""
        return self._detection.engine(tenant)

    def check_vault(self) -> None:
        """Open the vault if needed and ping it; raises e.g.
        :class:`~veil.errors.VaultUnavailableError` or :class:`~veil.errors.VaultKeyError`."""
        self.vault.ping()

    def check_detector(self, tenant: str = DEFAULT_TENANT) -> None:
        """Build the tenant's engine and run it once on a fixed text (no vault access), so lazy
        models load; raises :class:`~veil.errors.DetectionError` if detection cannot work."""
        self._detection.warm_up(tenant)

    def prepare(self, tenant: str = DEFAULT_TENANT) -> None:
        """Load and compile now what the tenant's first requests would otherwise wait for:
        detection's models, tables and regexes for each of its policy's languages, and the
        masking and restoring regexes. A server calls it once per tenant before it serves;
        raises :class:`~veil.errors.DetectionError` if detection cannot work."""
        self._detection.prepare(tenant)
        self._masking.prepare(tenant)

    # ------------------------------------------------------------------ the core verbs
    def detect(
        self, text: str, *, session: str = "default", tenant: str = DEFAULT_TENANT
    ) -> list[Detection]:
        """Detections in ``text`` (also values already seen in this session)."""
        text = check_text(text)
        if not text:
            return []
        # the session's seen-value index, kept per view (not rebuilt from every entry)
        view = self.vault.view(tenant, session)
        return self._detection.detect(text, tenant=tenant, view=view)

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
        text = check_text(text)
        if not text.strip():
            return ProtectResult(masked=text, entities=[])
        stage = self._protect_stage(tenant)
        return stage.protect(text, tenant=tenant, session=session, user=user)

    def _protect_stage(self, tenant: str, *, build: bool = True) -> ProtectStage:
        """The outermost protect stage: DP around masking once any tenant needed DP."""
        dp = self._dp
        if dp is not None:
            return dp
        if not build or self.policy(tenant).dp is None:
            return self._masking
        with self._lazy_lock:
            if self._dp is None:
                from veil.dp.stage import DPStage

                self._dp = DPStage(self._masking, self.settings, self.policy)
            return self._dp

    def protect_many(
        self,
        texts: Sequence[str],
        *,
        session: str = "default",
        tenant: str = DEFAULT_TENANT,
        user: str | None = None,
    ) -> list[ProtectResult]:
        """:meth:`protect` for every text of one request (a chat's messages and fields), in
        order: ONE read of the session and ONE all-or-nothing write of every new mapping, so
        a request is masked against one consistent copy of the session and either all of its
        new mappings are stored or none. Fails closed: a VeilError, never some texts masked.

        With a ``dp`` block in the tenant's policy each text is protected on its own (its
        budget is charged per text, as :meth:`protect` does).
        """
        checked = [check_text(t) for t in texts]
        if self.policy(tenant).dp is not None:
            return [self.protect(t, session=session, tenant=tenant, user=user) for t in checked]
        out = [ProtectResult(masked=t, entities=[]) for t in checked]
        todo = [i for i, t in enumerate(checked) if t.strip()]
        if todo:
            done = self._masking.protect_many(
                [checked[i] for i in todo], tenant=tenant, session=session
            )
            for i, r in zip(todo, done, strict=True):
                out[i] = r
        return out

    def restore(
        self,
        text: str,
        *,
        session: str = "default",
        tenant: str = DEFAULT_TENANT,
        scope: frozenset[str] | None = None,
        truncated: bool = False,
        value: bool = False,
    ) -> str:
        """Put the originals back into an answer produced from masked text of ``session``;
        with ``scope``, only the originals of those replacements (see :class:`PrivacyCore`).
        ``truncated``: the answer was cut off (a trailing partial placeholder is withheld).
        ``value``: ``text`` is one string of a tool call's arguments, which a tool may take
        whole as a URL (a URL in it runs to its end; see :mod:`veil.mask.urls`)."""
        text = check_text(text)
        return self._restorer_obj().restore(
            text, tenant=tenant, session=session, scope=scope, truncated=truncated,
            invented=self.policy(tenant).invented_placeholders,
            url_hosts=self.policy(tenant).restore_in_urls, value=value,
        )

    def stream_restorer(
        self,
        *,
        session: str = "default",
        tenant: str = DEFAULT_TENANT,
        scope: frozenset[str] | None = None,
    ) -> StreamRestorer:
        """A restorer fed chunk by chunk (``feed(chunk) -> str``, ``flush() -> str``)."""
        return self._restorer_obj().stream(
            tenant=tenant, session=session, scope=scope,
            invented=self.policy(tenant).invented_placeholders,
            url_hosts=self.policy(tenant).restore_in_urls,
        )

    def output_scan_window(self, tenant: str = DEFAULT_TENANT) -> int:
        """Characters a stream must hold back so that output scanning sees whole terms (policy
        terms, terms file and the tenant's term database alike); 0 when nothing is redacted."""
        return self._output.window(tenant)

    def scan_output(
        self, text: str, *, session: str = "default", tenant: str = DEFAULT_TENANT
    ) -> str:
        """Redact tenant terms an LLM produced on its own, where the policy says ``redact``
        (see :class:`~veil.mask.output_scan.OutputScanner`)."""
        return self._output.scan(check_text(text), tenant=tenant)

    def forget(self, *, session: str, tenant: str = DEFAULT_TENANT) -> None:
        """Delete every mapping of a session (right to erasure)."""
        self.vault.delete_session(tenant, session)

    def _restorer_obj(self) -> Restorer:
        restorer = self._restorer
        if restorer is not None:
            return restorer
        vault = self.vault
        with self._lazy_lock:
            if self._restorer is None:
                from veil.mask.restorer import Restorer

                self._restorer = Restorer(vault)
            return self._restorer


if TYPE_CHECKING:
    # mypy proves here that the facade satisfies the contract the gateway is typed against.
    _veil_is_a_privacy_core: BatchPrivacyCore = Veil()


__all__ = [
    "DEFAULT_TENANT",
    "MAX_TEXT_CHARS",
    "BatchPrivacyCore",
    "ChunkRestorer",
    "PolicyOf",
    "PrivacyCore",
    "ProtectResult",
    "ProtectStage",
    "Protected",
    "ProtectedEntity",
    "Veil",
]
