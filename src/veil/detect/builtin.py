"""Veil's built-in recognizers, one declarative block per entity type.

Each registers itself (:func:`~veil.detect.recognizer.register`) in the order below, which is the
order the engine runs them in; spaCy NER registers last, built per policy (``ner``,
``ner_model``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from veil.detect import validators as v
from veil.detect.address import STREET_ADDRESS
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.phone import PhoneRecognizer
from veil.detect.recognizer import Recognizer, default_recognizers, register, register_factory

if TYPE_CHECKING:
    from veil.config import Policy

_I = re.IGNORECASE
# Left/right boundaries that also treat "_" and letters as part of a token.
_L = r"(?<![\w@.+-])"
_R = r"(?![\w@-])"

EMAIL = register(PatternRecognizer(
    name="email", entity="EMAIL",
    patterns=[Pattern(r"(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
                      r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}"
                      r"(?![\w-])", 0.95)],
    validate=v.is_email, prefilter=lambda t: "@" in t,
))

register(PhoneRecognizer())

CREDIT_CARD = register(PatternRecognizer(
    name="credit_card", entity="CREDIT_CARD",
    patterns=[Pattern(r"(?<![\w-])(?:\d[ -]?){11,18}\d(?![\w-])", 0.95)],
    validate=v.is_credit_card,
    context=("card", "credit", "visa", "mastercard", "amex", "cc", "payment", "debit"),
))

IBAN = register(PatternRecognizer(
    name="iban", entity="IBAN",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?"
                      r"(?![A-Za-z0-9])", 0.95),
              Pattern(r"(?<![A-Za-z0-9])[a-z]{2}\d{2}[a-z0-9]{11,30}(?![A-Za-z0-9])", 0.9)],
    refine=v.refine_iban, validated=True,
    context=("iban", "account", "bank", "transfer", "wire"),
))

US_SSN = register(PatternRecognizer(
    name="us_ssn", entity="US_SSN",
    patterns=[Pattern(r"(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])", 0.85),
              Pattern(r"(?<![\d-])\d{9}(?![\d-])", 0.3)],
    validate=v.is_us_ssn,
    context=("ssn", "social security", "social-security", "ss#", "ss #", "taxpayer", "tin"),
    context_boost=0.4,
))

IP_ADDRESS = register(PatternRecognizer(
    name="ip_address", entity="IP_ADDRESS",
    patterns=[Pattern(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)", 0.85),
              Pattern(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,8}(?:[0-9A-Fa-f]{1,5}|"
                      r"(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])", 0.85)],
    refine=v.refine_ip, validated=True,
    context=("ip", "address", "host", "server", "client", "src", "dst", "from"),
    context_boost=0.1,
))

URL = register(PatternRecognizer(
    name="url", entity="URL",
    patterns=[Pattern(r"(?:https?|ftp|sftp|wss?)://[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]}]", 0.85, _I),
              Pattern(r"(?<![\w@./-])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>\"'`]*"
                      r"[^\s<>\"'`.,;:!?)\]}])?", 0.8, _I)],
    validated=True,
))

MAC_ADDRESS = register(PatternRecognizer(
    name="mac_address", entity="MAC_ADDRESS",
    patterns=[Pattern(r"(?<![\w:-])[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){4}"
                      r"(?![\w:-])", 0.9),
              Pattern(r"(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])", 0.8)],
    validate=v.is_mac,
))

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
DATE_OF_BIRTH = register(PatternRecognizer(
    name="date_of_birth", entity="DATE_OF_BIRTH",
    patterns=[Pattern(r"(?<![\d/.-])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d/-]|\.\d)", 0.55),
              Pattern(r"(?<![\d/.-])\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?![\d/-]|\.\d)", 0.55),
              Pattern(rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", 0.55, _I),
              Pattern(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}\b", 0.55,
                      _I)],
    validate=v.is_date,
    context=("born", "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday",
             "birth", "b.", "née", "age"),
    context_required=True, context_window=32, context_boost=0.35,
))

_SECRET_CONTEXT = ("key", "token", "secret", "password", "passwd", "pwd", "pass", "api",
                   "apikey", "api_key", "auth", "bearer", "credential", "credentials",
                   "private", "access", "session", "cookie", "signature", "client_secret")

SECRET = register(PatternRecognizer(
    name="secret", entity="SECRET",
    patterns=[
        # PEM private key blocks (RSA/EC/OPENSSH/ENCRYPTED ...), whole block
        Pattern(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]+?"
                r"-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----", 1.0),
        Pattern(r"(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])"
                r"[A-Z0-9]{16}(?![A-Z0-9])", 0.95),
        Pattern(r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b", 0.99),
        Pattern(r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b", 0.99),
        Pattern(r"\bglpat-[A-Za-z0-9_-]{20,}\b", 0.95),
        Pattern(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b", 0.95),
        Pattern(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b", 0.95),
        Pattern(r"\bAIza[0-9A-Za-z_-]{35}\b", 0.95),
        Pattern(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b", 0.9),
        Pattern(r"\bhf_[A-Za-z0-9]{30,}\b", 0.9),
        Pattern(r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b", 0.95),
        # JWT: header.payload.signature, header must decode to JSON with alg/typ (see below)
        Pattern(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", 0.95),
        # key = value assignments: the value is the secret, whatever its entropy
        Pattern(r"(?i:\b(?:password|passwd|pwd|passphrase|secret|client_secret|api[_-]?key|"
                r"access[_-]?key|secret[_-]?key|auth[_-]?token|access[_-]?token|token)\b)"
                r"[\"']?\s*(?:[:=]|=>|\bis\b)\s*[\"']?(?P<v>[^\s\"',;]{6,})", 0.8),
        # Authorization: Bearer <token>
        Pattern(r"(?i:\bbearer)\s+(?P<v>[A-Za-z0-9._~+/-]{16,}=*)", 0.9),
    ],
    validate=lambda s: (v.is_jwt(s) if s.startswith("eyJ") and s.count(".") == 2 else True),
    validated=True,
))

# Generic machine-generated tokens: only near a key/token/secret word, and only if they look random.
GENERIC_SECRET = register(PatternRecognizer(
    name="high_entropy_secret", entity="SECRET",
    patterns=[Pattern(r"(?<![\w+/=-])[A-Za-z0-9+/_=-]{20,}(?![\w+/=-])", 0.6)],
    validate=lambda s: v.looks_random(s.rstrip("=")),
    context=_SECRET_CONTEXT, context_required=True, context_window=40, context_boost=0.25,
    validated=False,
))

CRYPTO_WALLET = register(PatternRecognizer(
    name="crypto_wallet", entity="CRYPTO_WALLET",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])", 0.95),
              Pattern(r"(?<![A-Za-z0-9])(?:bc1|tb1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}"
                      r"(?![A-Za-z0-9])", 0.95),
              Pattern(r"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])", 0.85)],
    validate=lambda s: True if s.startswith("0x") else v.is_bitcoin(s),
    context=("wallet", "bitcoin", "btc", "eth", "ethereum", "crypto", "address", "send"),
    context_boost=0.1,
))

PASSPORT = register(PatternRecognizer(
    name="passport", entity="PASSPORT",
    patterns=[Pattern(r"(?<![A-Za-z0-9])(?=[A-Z]{0,3}\d)[A-Z0-9]{6,9}(?![A-Za-z0-9])", 0.45)],
    context=("passport", "passport no", "passport number", "passport #", "travel document"),
    context_required=True, context_window=32, context_boost=0.55, context_after=False,
    validated=True,  # the required context word is the validation
))

DRIVER_LICENSE = register(PatternRecognizer(
    name="driver_license", entity="DRIVER_LICENSE",
    patterns=[Pattern(r"(?<![A-Za-z0-9-])(?=[A-Za-z0-9-]*\d)[A-Za-z]{0,3}[0-9][A-Za-z0-9-]{3,15}"
                      r"(?![A-Za-z0-9-])", 0.45)],
    context=("driver's license", "drivers license", "driver license", "driving licence",
             "driving license", "driver's licence", "licence number", "license number",
             "license no", "licence no", "dl#", "dl number", "dl no", "license", "licence"),
    context_required=True, context_window=40, context_boost=0.55, context_after=False,
    validated=True,
))


register(STREET_ADDRESS)


def _spacy_ner(policy: Policy) -> Recognizer | None:
    if not policy.ner:
        return None
    from veil.detect.ner import SpacyNerRecognizer  # spaCy loads on first use, not here

    return SpacyNerRecognizer(policy.ner_model)


register_factory("spacy_ner", _spacy_ner)


def builtin_recognizers() -> list[Recognizer]:
    """Every registered pattern recognizer (the defaults of a policy with ``ner: false``)."""
    from veil.config import Policy

    return default_recognizers(Policy(ner=False))
