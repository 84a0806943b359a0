"""Presidio's REST API answered by Veil's detection, so Presidio clients (LiteLLM's PII guardrail,
scripts written against presidio-analyzer / presidio-anonymizer containers) switch by URL.

Analyzer: ``/analyze`` returns Veil's detections (non-overlapping, Presidio entity names);
``/recognizers`` and ``/supportedentities`` describe the tenant's detection engine. Anonymizer:
``/anonymize`` applies the operators the request names through presidio-anonymizer itself
(replace, redact, mask, hash, encrypt, keep); spans without an operator get Veil's default, a
stable placeholder ``[PERSON_48213907]``: one person keeps one token across messages and turns of
the same principal, and two people never share one (Presidio's ``<PERSON>`` makes everyone the
same person). ``/deanonymize`` only decrypts what ``encrypt`` produced with the key the request
supplies, as Presidio does.

Threat model: nothing here reads or writes the vault. ``/anonymize`` is a pure function of the
request (and the principal's key); ``/deanonymize`` can only undo encryption whose key the
caller already holds. So no Presidio route can be used as an oracle for originals another
request, principal or tenant stored. Placeholder tokens are keyed by (gateway secret, tenant,
principal): another principal cannot compute them, and they reveal nothing about the value.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from veil.errors import RequestValidationError

#: Veil entity type -> Presidio entity name (types not listed keep their name).
VEIL_TO_PRESIDIO: dict[str, str] = {
    "EMAIL": "EMAIL_ADDRESS",
    "PHONE": "PHONE_NUMBER",
    "IBAN": "IBAN_CODE",
    "CRYPTO_WALLET": "CRYPTO",
    "DRIVER_LICENSE": "US_DRIVER_LICENSE",
    "PASSPORT": "US_PASSPORT",
    "DATE_OF_BIRTH": "DATE_TIME",
}
PRESIDIO_TO_VEIL: dict[str, str] = {p: v for v, p in VEIL_TO_PRESIDIO.items()}
#: Presidio's anonymizer and deanonymizer operators this gateway applies.
ANONYMIZERS = ("encrypt", "hash", "keep", "mask", "redact", "replace")
DEANONYMIZERS = ("decrypt",)
#: Purpose of the key behind placeholder tokens (see ``SessionResolver.derived_key``).
PRESIDIO_TOKEN = "presidio-token"  # nosec B105 # not a password (a label or test constant)


def to_presidio(entity_type: str) -> str:
    return VEIL_TO_PRESIDIO.get(entity_type, entity_type)


def to_veil(entity_type: str) -> str:
    return PRESIDIO_TO_VEIL.get(entity_type, entity_type)


class PresidioError(RequestValidationError):
    """A request Presidio would refuse; ``status`` is the HTTP status Presidio answers with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnalyzeRequest(_Strict):
    text: str
    language: str = "en"
    entities: list[str] | None = None
    correlation_id: str | None = None
    score_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    return_decision_process: bool = False
    context: list[str] | None = None
    allow_list: list[str] | None = None
    allow_list_match: Literal["exact", "regex"] = "exact"
    regex_flags: int | None = None
    ad_hoc_recognizers: list[dict[str, Any]] | None = None


class AnalyzerResult(BaseModel):
    model_config = ConfigDict(extra="ignore")  # analyzer output carries metadata we do not need

    start: int
    end: int
    entity_type: str
    score: float = 1.0


class AnonymizeRequest(_Strict):
    text: str
    analyzer_results: list[AnalyzerResult] = Field(default_factory=list)
    anonymizers: dict[str, dict[str, Any]] | None = None


class OperatorSpan(BaseModel):
    model_config = ConfigDict(extra="ignore")

    start: int
    end: int
    entity_type: str


class DeanonymizeRequest(_Strict):
    text: str
    anonymizer_results: list[OperatorSpan] = Field(default_factory=list)
    deanonymizers: dict[str, dict[str, Any]] = Field(default_factory=dict)


class _Detector(Protocol):
    """What the analyzer needs of the core beyond :class:`PrivacyCore` (:class:`veil.Veil`)."""

    def detect(self, text: str, *, session: str, tenant: str) -> list[Any]: ...

    def engine(self, tenant: str) -> Any: ...


def _detector(core: object) -> _Detector:
    if not (hasattr(core, "detect") and hasattr(core, "engine")):
        raise PresidioError("this gateway's privacy core offers no analyzer", status=501)
    return core  # type: ignore[return-value,unused-ignore]


def _check_language(core: Any, tenant: str, language: str) -> None:
    policy_language = core.policy(tenant).language
    if language != policy_language:
        raise PresidioError(
            "No matching recognizers were found to serve the request: this gateway detects "
            f"language {policy_language!r}; send \"language\": \"{policy_language}\""
        )


# --- analyzer --------------------------------------------------------------------------------


def analyze(core: Any, tenant: str, req: AnalyzeRequest) -> list[dict[str, Any]]:
    """Presidio ``/analyze``: Veil's detections of ``req.text`` as RecognizerResult JSON."""
    _check_language(core, tenant, req.language)
    if req.ad_hoc_recognizers:
        raise PresidioError(
            "ad_hoc_recognizers are not taken per request here; declare recognizers in the "
            "tenant's policy (recognizers:) instead"
        )
    wanted = {to_veil(e) for e in req.entities} if req.entities is not None else None
    threshold = req.score_threshold or 0.0
    allow = [a.casefold() for a in req.allow_list or []]
    pattern = None
    if req.allow_list and req.allow_list_match == "regex":
        import re

        try:
            pattern = re.compile("|".join(f"(?:{a})" for a in req.allow_list), req.regex_flags or 0)
        except re.error:
            raise PresidioError("allow_list holds an invalid regular expression") from None
    # A session no one else uses: the analyzer sees no stored values of any conversation.
    found = _detector(core).detect(req.text, session="presidio:" + os.urandom(8).hex(),
                                   tenant=tenant)
    found = _with_repeats(req.text, found)
    out: list[dict[str, Any]] = []
    for d in found:
        if wanted is not None and d.type not in wanted:
            continue
        if d.score < threshold:
            continue
        value = req.text[d.start : d.end]
        if pattern is not None and pattern.fullmatch(value):
            continue
        if pattern is None and value.casefold() in allow:
            continue
        item: dict[str, Any] = {
            "entity_type": to_presidio(d.type),
            "start": d.start,
            "end": d.end,
            "score": round(float(d.score), 4),
            "analysis_explanation": None,
            "recognition_metadata": {
                "recognizer_name": d.recognizer,
                "recognizer_identifier": d.recognizer,
            },
        }
        if req.return_decision_process:
            item["analysis_explanation"] = {
                "recognizer": d.recognizer,
                "original_score": round(float(d.score), 4),
                "score": round(float(d.score), 4),
                "textual_explanation": f"Detected by Veil recognizer {d.recognizer}",
            }
        out.append(item)
    return out


def _with_repeats(text: str, found: list[Any]) -> list[Any]:
    """Every other whole-word occurrence of a detected value is that value too: a model that
    found "Jane Doe" once may miss her in the next sentence (the gateway's sessions catch that
    with seen values; a stateless analyzer does it within the text)."""
    import re

    from veil.detect.entity import Detection

    taken = [(d.start, d.end) for d in found]
    extra: list[Any] = []
    for d in found:
        value = text[d.start : d.end]
        if len(value.strip()) < 3:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
            s, e = m.span()
            if all(e <= a or s >= b for a, b in taken):
                taken.append((s, e))
                extra.append(Detection(d.type, s, e, d.score, d.recognizer, value))
    return sorted([*found, *extra], key=lambda d: d.start)


def recognizers(core: Any, tenant: str, language: str) -> list[str]:
    _check_language(core, tenant, language)
    return sorted({r.name for r in _detector(core).engine(tenant).registry})


def supported_entities(core: Any, tenant: str, language: str) -> list[str]:
    _check_language(core, tenant, language)
    return sorted({to_presidio(t) for t in _detector(core).engine(tenant).enabled_types()})


# --- anonymizer ------------------------------------------------------------------------------


def placeholder_token(key: bytes, tenant: str, principal: str, entity_type: str, value: str) -> str:
    """``[PERSON_48213907]``: the same for one value of one principal, unguessable without the
    gateway's key (so it says nothing about the value)."""
    from veil.mask.lookup import norm_key

    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in ("veil-presidio", tenant, principal, entity_type,
                 norm_key(to_veil(entity_type), value)):
        data = part.encode("utf-8", "surrogatepass")
        mac.update(len(data).to_bytes(8, "big") + data)
    n = int.from_bytes(mac.digest()[:8], "big") % 10**8
    return f"[{entity_type}_{n:08d}]"


def _engines() -> Any:
    from veil.light_import import import_light

    try:
        # Without torch/transformers, which presidio-analyzer (imported by the anonymizer)
        # would load for engines these routes never use: seconds on a first request.
        pa = import_light("presidio_anonymizer")
    except ImportError:
        raise PresidioError(
            "the anonymizer routes need presidio-anonymizer; install Veil with the 'eval' extra",
            status=501,
        ) from None
    return pa


def _check_spans(text: str, spans: list[AnalyzerResult] | list[OperatorSpan]) -> None:
    for s in spans:
        if not 0 <= s.start < s.end <= len(text):
            raise PresidioError(
                "Invalid input, result start and end must lie inside the text "
                "(0 <= start < end <= len(text))",
                status=422,
            )
        if not s.entity_type or len(s.entity_type) > 64 or not s.entity_type.replace(
            "_", ""
        ).isalnum():
            raise PresidioError("entity_type must be a name like PERSON", status=422)


def _operator_configs(pa: Any, raw: dict[str, dict[str, Any]] | None, kinds: tuple[str, ...]
                      ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, cfg in (raw or {}).items():
        kind = cfg.get("type") if isinstance(cfg, dict) else None
        if kind not in kinds:
            raise PresidioError(
                f"each operator type must be one of {', '.join(kinds)}", status=422
            )
        params = {k: v for k, v in cfg.items() if k != "type"}
        out[name] = pa.entities.OperatorConfig(kind, params)
    return out


def anonymize(req: AnonymizeRequest, *, key: bytes, tenant: str, principal: str) -> dict[str, Any]:
    """Presidio ``/anonymize``; spans with no operator get :func:`placeholder_token`."""
    pa = _engines()
    _check_spans(req.text, req.analyzer_results)
    operators = _operator_configs(pa, req.anonymizers, ANONYMIZERS)
    if "DEFAULT" not in operators:
        for t in {r.entity_type for r in req.analyzer_results} - set(operators):

            def token(value: str, _t: str = t) -> str:
                return placeholder_token(key, tenant, principal, _t, value)

            operators[t] = pa.entities.OperatorConfig("custom", {"lambda": token})
    results = [
        pa.entities.RecognizerResult(r.entity_type, r.start, r.end, r.score)
        for r in req.analyzer_results
    ]
    try:
        engine = pa.AnonymizerEngine()
        out = engine.anonymize(text=req.text, analyzer_results=results, operators=operators)
    except Exception as e:  # noqa: BLE001 - presidio's messages may quote the text
        raise PresidioError(
            f"the anonymizer refused the request ({type(e).__name__}); check the operators' "
            "parameters (e.g. an encrypt key of 16, 24 or 32 bytes)",
            status=422,
        ) from None
    return _result_json(out)


def deanonymize(req: DeanonymizeRequest) -> dict[str, Any]:
    """Presidio ``/deanonymize``: decrypt the listed spans with the key the request supplies.
    The vault is never consulted (see the module's threat model)."""
    pa = _engines()
    _check_spans(req.text, req.anonymizer_results)
    operators = _operator_configs(pa, req.deanonymizers, DEANONYMIZERS)
    if not operators:
        raise PresidioError(
            "deanonymizers must name a decrypt operator with its key, e.g. "
            '{"DEFAULT": {"type": "decrypt", "key": "..."}}',
            status=422,
        )
    spans = [pa.entities.OperatorResult(s.start, s.end, s.entity_type) for s in
             req.anonymizer_results]
    try:
        out = pa.DeanonymizeEngine().deanonymize(
            text=req.text, entities=spans, operators=operators
        )
    except Exception as e:  # noqa: BLE001 - presidio's messages may quote the text
        raise PresidioError(
            f"the deanonymizer refused the request ({type(e).__name__}); check the key and spans",
            status=422,
        ) from None
    return _result_json(out)


def _result_json(out: Any) -> dict[str, Any]:
    return {
        "text": out.text,
        "items": [
            {
                "start": i.start,
                "end": i.end,
                "entity_type": i.entity_type,
                "text": i.text,
                "operator": i.operator,
            }
            for i in out.items
        ],
    }


__all__ = [
    "ANONYMIZERS",
    "DEANONYMIZERS",
    "PRESIDIO_TOKEN",
    "VEIL_TO_PRESIDIO",
    "AnalyzeRequest",
    "AnonymizeRequest",
    "DeanonymizeRequest",
    "PresidioError",
    "analyze",
    "anonymize",
    "deanonymize",
    "placeholder_token",
    "recognizers",
    "supported_entities",
    "to_presidio",
    "to_veil",
]
