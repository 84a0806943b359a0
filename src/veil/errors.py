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
    ├── CryptoError                  cryptographic inference (MPC, homomorphic encryption)
    │   ├── HEContextError           a CKKS context is unsafe (secret key), unknown or mismatched
    │   ├── HECiphertextError        a ciphertext does not fit the context or the model's size
    │   ├── HEResultError            a result does not decrypt under this client's key
    │   ├── MPCPartyError            an MPC party died, timed out or rejected a damaged share
    │   └── MPCInputError            a prompt does not fit the compiled MPC shape (too long)
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


class CryptoError(VeilError):
    code = "crypto_error"


class HEContextError(CryptoError):
    code = "he_context_error"


class HECiphertextError(CryptoError):
    code = "he_ciphertext_error"


class HEResultError(CryptoError):
    code = "he_result_error"


class MPCPartyError(CryptoError):
    code = "mpc_party_error"


class MPCInputError(CryptoError, InputError):
    code = "mpc_input_error"


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
    "CryptoError",
    "DPError",
    "DetectionError",
    "GatewayError",
    "HECiphertextError",
    "HEContextError",
    "HEResultError",
    "InputError",
    "InvalidEpsilonError",
    "KeyMismatchError",
    "MPCInputError",
    "MPCPartyError",
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
