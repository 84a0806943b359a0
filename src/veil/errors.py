"""Veil's exception hierarchy.

Every error Veil raises on purpose derives from :class:`VeilError`. Messages say what went wrong
and what to do; they never contain prompt text or a detected value (privacy rule), so they are
safe to log and to return to clients.

    VeilError
    ├── ConfigError                  bad settings or environment
    │   └── PolicyError              malformed or invalid YAML policy file
    ├── InputError                   text the caller passed cannot be processed (encoding, size)
    ├── DetectionError               a detector failed; the request is refused (fail closed)
    ├── MaskingError                 masking could not be completed; nothing is forwarded
    ├── VaultError                   the encrypted mapping store failed
    │   ├── VaultUnavailableError    backend unreachable (Redis down, SQLite file unwritable)
    │   ├── VaultKeyError            master key missing, wrong, or ciphertext tampered with
    │   └── VaultSealedError         master key split among custodians and not yet unsealed
    ├── AttestationError             TEE evidence missing, invalid or not matching expectations
    ├── AuditError                   the audit log cannot be written, read or verified
    │   └── AuditRecordError         a record does not fit its kind's schema (never data)
    ├── DPError                      differential-privacy misuse
    │   ├── InvalidEpsilonError      epsilon <= 0, NaN or infinite
    │   └── BudgetExhaustedError     the tenant's or user's privacy budget is spent
    ├── ObfuscationError             covariant obfuscation
    │   ├── UnsupportedModelError    architecture Veil cannot obfuscate
    │   ├── KeyMismatchError         key does not belong to this checkpoint (vocab, fingerprint)
    │   ├── CorruptKeyError          key files unreadable or inconsistent
    │   └── TokenIdError             token id out of range for the vocabulary
    └── GatewayError                 errors surfaced by the HTTP gateway
        ├── AuthenticationError      missing or unknown API key
        ├── UpstreamError            upstream LLM failed (status, timeout, dropped stream)
        ├── NotFoundError            a stored object (a response id) is unknown to this caller
        └── RequestValidationError   request body does not follow the OpenAI protocol
            └── UnscannableContentError  content Veil cannot scan (image, audio, file, token ids)
"""

from __future__ import annotations


class VeilError(Exception):
    """Base class of every error Veil raises on purpose."""

    #: Stable machine-readable code (used in the gateway's OpenAI-shaped error JSON).
    code: str = "veil_error"


class ConfigError(VeilError):
    code = "config_error"


class PolicyError(ConfigError):
    code = "policy_error"


class InputError(VeilError):
    code = "invalid_input"


class DetectionError(VeilError):
    code = "detection_failed"


class MaskingError(VeilError):
    code = "masking_failed"


class VaultError(VeilError):
    code = "vault_error"


class VaultUnavailableError(VaultError):
    code = "vault_unavailable"


class VaultKeyError(VaultError):
    code = "vault_key_error"


class VaultSealedError(VaultError):
    code = "vault_sealed"


class AttestationError(VeilError):
    code = "attestation_failed"


class AuditError(VeilError):
    code = "audit_error"


class AuditRecordError(AuditError, ValueError):
    code = "audit_record_invalid"


class DPError(VeilError):
    code = "dp_error"


class InvalidEpsilonError(DPError, ValueError):
    code = "invalid_epsilon"


class BudgetExhaustedError(DPError):
    code = "privacy_budget_exhausted"


class ObfuscationError(VeilError):
    code = "obfuscation_error"


class UnsupportedModelError(ObfuscationError):
    code = "unsupported_model"


class KeyMismatchError(ObfuscationError):
    code = "key_mismatch"


class CorruptKeyError(ObfuscationError):
    code = "corrupt_key"


class TokenIdError(ObfuscationError, ValueError):
    code = "token_id_out_of_range"


class GatewayError(VeilError):
    code = "gateway_error"


class AuthenticationError(GatewayError):
    code = "invalid_api_key"


class UpstreamError(GatewayError):
    code = "upstream_error"


class NotFoundError(GatewayError):
    code = "not_found"


class RequestValidationError(GatewayError):
    code = "invalid_request_error"


class UnscannableContentError(RequestValidationError):
    """A request carries content the detector cannot read; refused unless the tenant's policy
    lists its kind in ``allow_unscannable``."""

    code = "unscannable_content"


__all__ = [
    "AttestationError",
    "AuditError",
    "AuditRecordError",
    "AuthenticationError",
    "BudgetExhaustedError",
    "ConfigError",
    "CorruptKeyError",
    "DPError",
    "DetectionError",
    "GatewayError",
    "InputError",
    "InvalidEpsilonError",
    "KeyMismatchError",
    "MaskingError",
    "NotFoundError",
    "ObfuscationError",
    "PolicyError",
    "RequestValidationError",
    "TokenIdError",
    "UnscannableContentError",
    "UnsupportedModelError",
    "UpstreamError",
    "VaultError",
    "VaultKeyError",
    "VaultSealedError",
    "VaultUnavailableError",
    "VeilError",
]
