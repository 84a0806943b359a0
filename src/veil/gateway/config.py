"""Gateway configuration: the ``--config`` YAML file, overlaid by ``VEIL_*`` env and CLI flags.

Example::

    upstream:
      base_url: https://api.openai.com/v1
      api_key_env: OPENAI_API_KEY        # or api_key: ... (the file then holds a secret)
      kind: openai                       # or: obfuscated
      models: [gpt-4o-mini, gpt-4o]      # the only model ids requests may name (optional)
    session_secret_env: VEIL_SESSION_SECRET
    tenants:
      - name: acme
        api_key_sha256: ["9f86d081884c7d65..."]   # printf %s "$KEY" | sha256sum
        policy_file: policies/acme.yaml         # relative to this file
        terms:
          - {term: Project Falcon, type: PROJECT}
      - name: globex
        api_key_sha256: ["..."]
        policy: {default_operator: pseudonym}
        limits: {requests_per_minute: 60}      # overrides the gateway-wide limits below
    limits:                              # defaults for every tenant (see gateway/limits.py)
      max_body_bytes: 1048576
      max_messages: 256
      max_concurrent_requests: 64
      requests_per_minute: 3000
    admin_api_key_sha256: ["..."]        # opens /metrics and /openapi.json (Bearer)

Without ``tenants`` a single ``default`` tenant accepts every request (no API key needed);
``veil serve`` allows that only on a loopback address unless ``--insecure-no-auth`` is given.
"""

from __future__ import annotations

import os
import re
import ssl
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from veil.audit.config import AuditConfig
from veil.config import Policy, TermRule, validate_yaml_mapping
from veil.errors import ConfigError, PolicyError

from .limits import Limits, LimitsOverride

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def _key_hashes(v: list[str]) -> list[str]:
    out = [h.strip().lower() for h in v]
    if not all(_HEX64.match(h) for h in out):
        # Never echo the value: someone may have pasted a plaintext key here.
        raise ValueError("each api_key_sha256 must be 64 hex characters (SHA-256 of the key)")
    return out


class UpstreamConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = "openai"  # a name registered in veil.gateway.upstream_kinds
    base_url: str | None = None  # None (kind openai): start the embedded SmolLM2 server
    api_key: str | None = Field(default=None, repr=False)
    api_key_env: str | None = None
    connect_timeout_s: float = Field(default=5.0, gt=0)
    read_timeout_s: float = Field(default=120.0, gt=0)
    max_connections: int = Field(default=200, ge=1)
    # keyword arguments for veil.obfuscation.client.ObfuscatedChatUpstream (kind: obfuscated)
    obfuscated: dict[str, Any] = Field(default_factory=dict)
    # The upstream has its own POST /responses (OpenAI): /v1/responses is forwarded there;
    # false (vLLM, most servers): Veil translates it to chat completions.
    responses_api: bool = False
    # The model ids the upstream serves: a request's ``model`` must be one of them (it goes
    # up as sent, never masked). None: any id shaped like a model id in which the detector
    # finds nothing (gateway/models.py; docs/gateway.md, "What is refused, and why").
    models: list[str] | None = None
    # kind azure: model name -> deployment name (unlisted models are used as the deployment)
    deployments: dict[str, str] = Field(default_factory=dict)
    api_version: str | None = None  # kind azure: the api-version query parameter
    # kind litellm: extra keyword arguments for litellm.acompletion (api_base, ...)
    litellm: dict[str, Any] = Field(default_factory=dict)
    # kind mpc: protocol, layers, max_len, timeout_s, model_dir (veil.gateway.upstream_mpc)
    mpc: dict[str, Any] = Field(default_factory=dict)
    # TLS to the upstream is always verified: against these CA certificates when given (a
    # private CA), else the system/certifi bundle. There is deliberately no switch to disable it.
    ca_bundle: Path | None = None
    client_cert_file: Path | None = None  # client certificate, if the upstream requires mTLS
    client_key_file: Path | None = None

    def tls_verify(self) -> ssl.SSLContext | bool:
        """``verify=`` for httpx: a context with the CA bundle / client certificate, or True."""
        if self.ca_bundle is None and self.client_cert_file is None:
            return True
        from .tls import client_context

        return client_context(
            ca_file=self.ca_bundle, cert_file=self.client_cert_file, key_file=self.client_key_file
        )

    @field_validator("models")
    @classmethod
    def _model_ids(cls, v: list[str] | None) -> list[str] | None:
        if v is not None and not all(
            0 < len(m) <= 256 and m.isprintable() and m.strip() == m for m in v
        ):
            raise ValueError(
                "upstream.models lists model ids: non-empty strings of at most 256 printable "
                "characters, no leading or trailing spaces"
            )
        return v

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, v: str) -> str:
        from .upstream_kinds import upstream_kinds

        if v not in upstream_kinds():
            known = ", ".join(upstream_kinds())
            raise ValueError(f"unknown upstream kind {v!r}; use one of: {known}")
        return v

    def resolved_api_key(self) -> str | None:
        if self.api_key:
            return self.api_key
        if self.api_key_env:
            key = os.environ.get(self.api_key_env)
            if not key:  # else every request would go up without a key and get the upstream's 401
                raise ConfigError(
                    f"upstream.api_key_env names {self.api_key_env}, which is not set: export it, "
                    "or pass --upstream-api-key"
                )
            return key
        return None


class TenantConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    api_key_sha256: list[str] = Field(default_factory=list)
    policy_file: Path | None = None
    policy: dict[str, Any] | None = None
    terms: list[TermRule] = Field(default_factory=list)
    limits: LimitsOverride | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _NAME.match(v):
            raise ValueError("tenant names are 1-64 characters of letters, digits, '_', '.', '-'")
        return v

    @field_validator("api_key_sha256")
    @classmethod
    def _hashes(cls, v: list[str]) -> list[str]:
        return _key_hashes(v)

    def build_policy(self, base_dir: Path) -> Policy | None:
        """The tenant's policy (file or inline) with its extra terms appended; None: defaults."""
        if self.policy_file is not None and self.policy is not None:
            raise PolicyError(f"tenant {self.name}: give policy_file or policy, not both")
        policy: Policy | None = None
        if self.policy_file is not None:
            path = (
                self.policy_file if self.policy_file.is_absolute() else base_dir / self.policy_file
            )
            policy = Policy.from_yaml(path)
        elif self.policy is not None:
            policy = Policy.from_yaml_text(
                yaml.safe_dump(self.policy), source=f"tenant {self.name}"
            )
        if self.terms:
            policy = policy or Policy()
            policy = policy.model_copy(update={"terms": [*policy.terms, *self.terms]})
        return policy


class TlsConfig(BaseModel):
    """TLS of the gateway's own listener (TLS 1.2 minimum). With ``client_ca_file`` every
    client must present a certificate signed by that CA (mTLS)."""

    model_config = ConfigDict(extra="forbid")

    cert_file: Path
    key_file: Path
    client_ca_file: Path | None = None


class GatewayConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    upstream: UpstreamConfig = Field(default_factory=UpstreamConfig)
    # HMAC key for deriving session ids from conversations; unset: random per process (sessions
    # then do not survive a restart and are not shared between replicas).
    session_secret: str | None = Field(default=None, repr=False)
    session_secret_env: str | None = None
    # policy of the default tenant (no tenants configured); relative to this file
    policy_file: Path | None = None
    tenants: list[TenantConfig] = Field(default_factory=list)
    limits: Limits = Field(default_factory=Limits)
    # SHA-256 of keys that open /metrics and /openapi.json; none: those routes answer 404.
    admin_api_key_sha256: list[str] = Field(default_factory=list)
    # Browser origins allowed by CORS (e.g. ["https://app.example.com"]); empty: CORS off.
    cors_origins: list[str] = Field(default_factory=list)
    tls: TlsConfig | None = None  # None: plain HTTP (loopback, or TLS terminated in front)
    # Verifiable audit log (docs/audit.md): on by default, beside the vault.
    audit: AuditConfig = Field(default_factory=AuditConfig)
    base_dir: Path = Field(default=Path("."), exclude=True)

    @field_validator("admin_api_key_sha256")
    @classmethod
    def _admin_hashes(cls, v: list[str]) -> list[str]:
        return _key_hashes(v)

    @field_validator("tenants")
    @classmethod
    def _unique(cls, v: list[TenantConfig]) -> list[TenantConfig]:
        names = [t.name for t in v]
        if len(set(names)) != len(names):
            raise ValueError("tenant names must be unique")
        hashes = [h for t in v for h in t.api_key_sha256]
        if len(set(hashes)) != len(hashes):
            raise ValueError("an API key hash is listed for more than one tenant")
        return v

    @model_validator(mode="after")
    def _admin_apart(self) -> GatewayConfig:
        tenant_keys = {h for t in self.tenants for h in t.api_key_sha256}
        if tenant_keys & set(self.admin_api_key_sha256):
            raise ValueError("an admin key hash is also a tenant key; use separate keys")
        return self

    def resolved_session_secret(self) -> bytes | None:
        s = self.session_secret or (
            os.environ.get(self.session_secret_env) if self.session_secret_env else None
        )
        if not s and self.session_secret_env:
            # a random secret instead would silently split sessions at each restart and
            # between replicas: the operator asked for a shared one
            raise ConfigError(
                f"session_secret_env names {self.session_secret_env}, which is not set: export "
                "it (the same value on every replica), or remove session_secret_env for a "
                "random secret per process"
            )
        return s.encode() if s else None

    @classmethod
    def load(cls, path: str | Path | None) -> GatewayConfig:
        if path is None:
            return cls()
        p = Path(path)
        try:
            data: Any = yaml.safe_load(p.read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(f"cannot read gateway config {p}: {e.strerror}") from None
        except (yaml.YAMLError, UnicodeDecodeError):
            raise ConfigError(f"gateway config {p} is not valid UTF-8 YAML") from None
        cfg = validate_yaml_mapping(cls, data, f"gateway config {p}", ConfigError)
        cfg.base_dir = p.resolve().parent
        return cfg


__all__ = ["GatewayConfig", "TenantConfig", "TlsConfig", "UpstreamConfig"]
