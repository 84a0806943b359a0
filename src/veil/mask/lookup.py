"""Vault lookup keys of a value: its exact surface, and a per-type normalised identity.

Two surfaces with one normalised key are the same value written differently ("4111 1111 ..."
vs "4111-1111-...", "DOE, Jane" vs "Jane Doe", an e-mail in another case); the masker maps
them to one identity and keeps each surface restorable.
"""

from __future__ import annotations

import ipaddress
import unicodedata

from veil.mask.names import name_key
from veil.mask.placeholders import LITERAL
from veil.vault.crypto import normalize_text

_DIGITS_ONLY = frozenset({"CREDIT_CARD", "US_SSN", "PHONE"})
_ALNUM_UPPER = frozenset({"IBAN", "MAC_ADDRESS", "PASSPORT", "DRIVER_LICENSE"})


def exact_key(value: str) -> str:
    """The surface form (NFC only: canonically equal strings are equal)."""
    return unicodedata.normalize("NFC", value)


def norm_key(entity_type: str, value: str) -> str:
    if entity_type == LITERAL:
        return exact_key(value)  # typed text comes back exactly: no two spellings are one
    v = normalize_text(value)  # NFKC, zero-width characters removed, casefolded, spaces collapsed
    if entity_type in _DIGITS_ONLY:
        digits = "".join(c for c in v if c.isdigit())
        return digits or v
    if entity_type in _ALNUM_UPPER:
        return "".join(c for c in v if c.isalnum()).upper() or v
    if entity_type == "IP_ADDRESS":
        try:
            return str(ipaddress.ip_address(v.strip("[]")))
        except ValueError:
            return v
    if entity_type == "PERSON" and not any(c.isdigit() for c in v):
        return name_key(v) or v  # digits are no part of a name: such values stay literal
    return v
