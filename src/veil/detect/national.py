"""National identifiers, tax and bank numbers of other countries, declared Presidio-style.

Each block is a regex for the written shapes, the python-stdnum module of that number as the
validator (check digits, embedded dates, region codes), context words in the languages the
number is written in, and a base score. Numbers whose check digit passes by chance for one
random digit run in ten or eleven (Canadian SIN, ABA routing, German tax id without context)
need a context word or score below a well-formed phone number, so that the overlap goes to the
right type only when the text says what the number is. Nine digits in threes are a Canadian
SIN, a Dutch BSN, an Australian TFN or a Spanish phone alike: the word decides.

Patterns use ASCII word boundaries (``re.ASCII``): an id written against Chinese text
(``身份证号110101199003071234``) has no space before it.
"""

from __future__ import annotations

import re
from typing import Any

from stdnum import luhn
from stdnum.au import tfn
from stdnum.be import nn as be_nn
from stdnum.br import cnpj, cpf
from stdnum.ca import sin
from stdnum.ch import ssn as ch_ssn
from stdnum.cl import rut
from stdnum.cn import ric
from stdnum.cz import rc as cz_rc
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.gb import nhs
from stdnum.gh import tin as gh_tin
from stdnum.gr import amka as gr_amka
from stdnum.gr import vat as gr_vat
from stdnum.il import idnr as il_idnr
from stdnum.in_ import aadhaar, gstin, pan
from stdnum.it import codicefiscale
from stdnum.mx import curp
from stdnum.mx import rfc as mx_rfc
from stdnum.my import nric as my_nric
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pk import cnic as pk_cnic
from stdnum.pl import pesel
from stdnum.ro import cnp
from stdnum.se import personnummer
from stdnum.th import pin as th_pin
from stdnum.tr import tckimlik
from stdnum.us import ein, itin, rtn
from stdnum.za import idnr as za_idnr

from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.recognizer import Recognizer
from veil.detect.scripts import scripts_in
from veil.detect.validators import (
    Validator,
    is_dea,
    is_kr_rrn,
    is_sg_nric,
    is_swift,
    is_us_npi,
    stdnum_check,
)

_A = re.ASCII
_AI = re.ASCII | re.IGNORECASE
# Digit-run boundaries: no digit, letter or joining separator either side.
_L = r"(?<![A-Za-z0-9_./-])"
_R = r"(?![A-Za-z0-9_-]|[./]\d)"
# A checksum-valid number with its context word scores 1.0: above a phone (0.95 at most), so
# "NHS number 943 476 5919" is an NHS number, not a British phone.

NATIONAL_ID_TYPES = ("UK_NHS", "UK_NINO", "CA_SIN", "IN_AADHAAR", "IN_PAN", "CN_RESIDENT_ID",
                     "FR_NIR", "DE_TAX_ID", "ES_NIF", "ES_NIE", "IT_FISCAL_CODE", "BR_CPF",
                     "BR_CNPJ", "US_ITIN", "ABA_ROUTING", "NL_BSN", "AU_TFN", "US_MBI",
                     "US_EIN", "SG_NRIC_FIN", "KR_RRN", "US_NPI", "MEDICAL_LICENSE",
                     "SWIFT_CODE", "PL_PESEL", "TR_NATIONAL_ID", "FI_PERSONAL_IDENTITY_CODE",
                     "SE_PERSONNUMMER", "NO_FODSELSNUMMER", "DK_CPR", "RO_CNP", "ZA_ID_NUMBER",
                     "MX_CURP", "CL_RUT", "IL_ID_NUMBER", "CH_AHV", "BE_NATIONAL_NUMBER",
                     "TH_TNIN", "NATIONAL_ID")

UK_NHS = PatternRecognizer(
    name="uk_nhs", entity="UK_NHS",
    patterns=[Pattern(rf"{_L}\d{{3}}([ -]?)\d{{3}}\1\d{{4}}{_R}", 0.5, _A, lead=0)],
    validate=stdnum_check(nhs),
    # (Scotland's CHI number and Northern Ireland's Health and Care number take the NHS
    # number's check: "CHI: 1208623451")
    context=("nhs", "national health", "health service", "nhs no", "patient number", "chi",
             "chi number", "chi no", "health and care number", "h&c number", "h&c no"),
    # one random 10-digit run in eleven passes the check: without the word it is no NHS number
    context_required=True, context_boost=0.5,
)

# HMRC format: two prefix letters (not D, F, I, Q, U, V; second not O; a few pairs never
# issued), six digits, suffix A-D. No check digit exists, so the format is the validation.
UK_NINO = PatternRecognizer(
    name="uk_nino", entity="UK_NINO",
    patterns=[Pattern(r"(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z]"
                      r"[A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])", 0.85, _A,
                      lead=2, anchor=r"\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])")],
    context=("national insurance", "nino", "ni number", "ni no", "insurance number"),
    context_boost=0.15, validated=True,
)

# Placeholder and test numbers ("ZZ 91 41 77 T", "QQ 12 34 56 C") break the HMRC rules but
# are written where real ones would be: with the word, any two letters, six digits, a letter.
UK_NINO_CONTEXT = PatternRecognizer(
    name="uk_nino_context", entity="UK_NINO",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Z](?![A-Za-z0-9])", 0.5,
                      _A, lead=2, anchor=r"\d{2} ?\d{2} ?\d{2} ?[A-Z](?![A-Za-z0-9])")],
    context=("national insurance", "nino", "ni number", "ni no", "insurance number"),
    context_required=True, context_boost=0.45, validated=True,
)


def _ca_sin(value: str) -> bool:
    """stdnum's SIN, and Luhn-valid numbers starting with 0: never issued, but the sample
    numbers (046 454 286, the usual worked example of the check digit) start with it and are
    written where a real one would be."""
    d = value.replace(" ", "").replace("-", "")
    return bool(sin.is_valid(d) or (d[:1] == "0" and len(d) == 9 and luhn.is_valid(d)))


# "sin" is Spanish for "without" and "nas" Portuguese for "in the": near a Spanish or
# Portuguese phone number (nine digits in threes, Luhn-valid one time in ten) either word made
# it a SIN. As a word nearby they do not count; right before the number, as a label, they do
# (CA_SIN_LABELLED).
CA_SIN = PatternRecognizer(
    name="ca_sin", entity="CA_SIN",
    patterns=[Pattern(rf"{_L}[0-79]\d{{2}}([ -]?)\d{{3}}\1\d{{3}}{_R}", 0.6, _A, lead=0)],
    validate=_ca_sin,
    # "assurance sociale": "numéro d'assurance sociale" with either apostrophe
    context=("social insurance", "assurance sociale", "canada", "canadian"),
    context_required=True, context_boost=0.4,
)

# "SIN 046 454 286", "my SIN number is ...", "NAS : ...": the label, then the number (group v).
# At most 13 non-space characters ("sin" "number" ":" "est") come before its first digit.
CA_SIN_LABELLED = PatternRecognizer(
    name="ca_sin_labelled", entity="CA_SIN",
    patterns=[Pattern(r"(?<![A-Za-z0-9])(?i:(?:sin|nas|s\.i\.n\.?)"  # ("S.I.N. 783 970 528")
                      r"(?:[ \t]*(?:#|no\.?|nbr\.?|number|numéro))?"
                      r"[ \t]*[:#=]?[ \t]*(?:(?:is|est)[ \t]+)?)"
                      rf"(?P<v>{_L}[0-79]\d{{2}}(?P<s>[ -]?)\d{{3}}(?P=s)\d{{3}}{_R})", 1.0, _A,
                      lead=13, anchor=rf"[0-79]\d{{2}}(?P<s>[ -]?)\d{{3}}(?P=s)\d{{3}}{_R}")],
    validate=_ca_sin,
)

IN_AADHAAR = PatternRecognizer(
    name="in_aadhaar", entity="IN_AADHAAR",
    patterns=[Pattern(rf"{_L}[2-9]\d{{3}}([ -]?)\d{{4}}\1\d{{4}}{_R}", 0.6, _A, lead=0)],
    validate=stdnum_check(aadhaar),
    context=("aadhaar", "aadhar", "adhaar", "uidai", "uid", "आधार"),
    context_boost=0.4,
)

IN_PAN = PatternRecognizer(
    name="in_pan", entity="IN_PAN",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z](?![A-Za-z0-9])",
                      0.85, _A, lead=5, anchor=r"\d{4}[A-Z](?![A-Za-z0-9])")],
    validate=stdnum_check(pan),
    context=("pan", "permanent account", "income tax"), context_boost=0.15,
)

def _cn_ric(value: str) -> bool:
    """stdnum's check digit and birth date; an administrative-division code missing from its
    table (codes are retired and created every year) does not make the number less of an id."""
    v = value.upper()
    try:
        return bool(ric.validate(v))
    except Exception:  # noqa: BLE001 - a validator never raises on bad input
        pass
    try:
        ric.get_birth_date(v)
        return bool(ric.calc_check_digit(v) == v[-1])
    except Exception:  # noqa: BLE001
        return False


CN_RESIDENT_ID = PatternRecognizer(
    name="cn_resident_id", entity="CN_RESIDENT_ID",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])"
                      r"(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![A-Za-z0-9])", 0.95, _A, lead=0)],
    validate=_cn_ric,
    context=("身份证", "身份证号", "证件号", "resident id", "id card"), context_boost=0.05,
)

FR_NIR = PatternRecognizer(
    name="fr_nir", entity="FR_NIR",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[1-478] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?"
                      r"(?:\d{2}|2[ABab]) ?\d{3} ?\d{3}(?: ?\d{2})?(?![A-Za-z0-9])", 0.9, _A,
                      lead=0)],
    validate=stdnum_check(nir),
    context=("sécurité sociale", "securite sociale", "nir", "insee", "numéro de sécu", "sécu",
             "carte vitale", "social security"),
    context_boost=0.1,
)

DE_TAX_ID = PatternRecognizer(
    name="de_tax_id", entity="DE_TAX_ID",
    patterns=[Pattern(rf"{_L}[1-9]\d(?: ?\d{{3}}){{3}}{_R}", 0.6, _A, lead=0),
              Pattern(rf"{_L}[1-9]\d{{10}}{_R}", 0.6, _A, lead=0)],
    validate=stdnum_check(idnr),
    context=("steuer-id", "steuerid", "steuer id", "steuer-identifikationsnummer",
             "steueridentifikationsnummer", "identifikationsnummer", "idnr", "steuernummer",
             "tax id", "tin"),
    context_boost=0.4,
)

ES_NIF = PatternRecognizer(
    name="es_nif", entity="ES_NIF",
    patterns=[Pattern(r"(?<![A-Za-z0-9])\d{8}[ -]?[A-Za-z](?![A-Za-z0-9])", 0.9, _A,
                      lead=0)],
    validate=stdnum_check(dni),
    context=("dni", "nif", "documento nacional", "identidad"), context_boost=0.1,
)

ES_NIE = PatternRecognizer(
    name="es_nie", entity="ES_NIE",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[XYZxyz][ -]?\d{7}[ -]?[A-Za-z](?![A-Za-z0-9])", 0.9,
                      _A, lead=2, anchor=r"\d{7}[ -]?[A-Za-z](?![A-Za-z0-9])")],
    validate=stdnum_check(nie),
    context=("nie", "extranjero", "extranjería", "identidad"), context_boost=0.1,
)

# Letters of the name, year, month, day and place, a check letter; digits may be letters.
_FISCAL_CODE = (r"[A-Z]{6}[\dLMNPQRSTUV]{2}[A-EHLMPRST][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}"
                r"[A-Z]")

IT_FISCAL_CODE = PatternRecognizer(
    name="it_fiscal_code", entity="IT_FISCAL_CODE",
    patterns=[Pattern(rf"(?<![A-Za-z0-9]){_FISCAL_CODE}(?![A-Za-z0-9])", 0.95, _AI,
                      mark=_FISCAL_CODE.lower(), lead=0, fold=True)],
    validate=stdnum_check(codicefiscale),
    context=("codice fiscale", "cf", "fiscal code"), context_boost=0.05,
)

BR_CPF = PatternRecognizer(
    name="br_cpf", entity="BR_CPF",
    patterns=[Pattern(rf"{_L}\d{{3}}\.\d{{3}}\.\d{{3}}-\d{{2}}{_R}", 0.9, _A, lead=0),
              Pattern(rf"{_L}\d{{11}}{_R}", 0.45, _A, lead=0)],
    validate=stdnum_check(cpf),
    context=("cpf", "cadastro de pessoas"), context_boost=0.55,
)

BR_CNPJ = PatternRecognizer(
    name="br_cnpj", entity="BR_CNPJ",
    patterns=[Pattern(rf"{_L}\d{{2}}\.\d{{3}}\.\d{{3}}/\d{{4}}-\d{{2}}{_R}", 0.95, _A,
                      lead=0),
              Pattern(rf"{_L}\d{{14}}{_R}", 0.45, _A, lead=0)],
    validate=stdnum_check(cnpj),
    context=("cnpj", "cadastro nacional"), context_boost=0.55,
)

_ITIN_CHECK = stdnum_check(itin)


def _is_itin(value: str) -> bool | float:
    # (stdnum's compact drops a dash only: "987 83 2019" and "987.83.2019" were refused)
    if not _ITIN_CHECK(value.replace(" ", "").replace(".", "")):
        return False
    return 0.3 if value.isdigit() else 0.6  # nine bare digits need the word (see below)


# (an ITIN has no check digit: written in its groups it is one, nine bare digits from 9 are
# also a carton's, a run's or a phone's and need the word)
_ITIN_GROUP = "(?:5\\d|6[0-5]|7\\d|8[0-8]|9[0-24-9])"
US_ITIN = PatternRecognizer(
    name="us_itin", entity="US_ITIN",
    patterns=[Pattern(rf"{_L}9\d{{2}}([- .]?){_ITIN_GROUP}\1\d{{4}}{_R}", 0.6, _A, lead=0)],
    validate=_is_itin,
    context=("itin", "individual taxpayer", "taxpayer identification", "tax id"),
    context_boost=0.4,
)

ABA_ROUTING = PatternRecognizer(
    name="aba_routing", entity="ABA_ROUTING",
    patterns=[Pattern(rf"{_L}[0-36-9]\d{{3}}-?\d{{4}}-?\d{_R}", 0.6, _A, lead=0)],
    validate=stdnum_check(rtn),
    context=("routing", "aba", "rtn", "transit number", "routing number", "bank routing"),
    context_required=True, context_boost=0.4,
)


# Nine digits passing the eleven-test, as written: bare, "1112.22.333" (the official layout) or
# in threes; eight digits when the leading zero is left off. One random run in eleven passes.
NL_BSN = PatternRecognizer(
    name="nl_bsn", entity="NL_BSN",
    patterns=[Pattern(rf"{_L}\d{{3}}([ .-]?)\d{{3}}\1\d{{3}}{_R}", 0.6, _A, lead=0),
              Pattern(rf"{_L}\d{{4}}\.\d{{2}}\.\d{{3}}{_R}", 0.6, _A, lead=0),
              Pattern(rf"{_L}\d{{8}}{_R}", 0.6, _A, lead=0)],
    validate=stdnum_check(bsn),
    context=("bsn", "burger service nummer", "sofi nummer", "citizen service number"),
    context_required=True, context_boost=0.4,
)


def _au_tfn(value: str) -> bool:
    """stdnum's TFN (which strips only spaces), on the number written with dashes too."""
    return bool(tfn.is_valid(value.replace("-", "")))


# Eight (older) or nine digits, written in threes by the ATO; a weighted check digit that one
# random run in eleven passes.
AU_TFN = PatternRecognizer(
    name="au_tfn", entity="AU_TFN",
    patterns=[Pattern(rf"{_L}\d{{3}}([ -]?)\d{{3}}\1\d{{2,3}}{_R}", 0.6, _A, lead=0)],
    validate=_au_tfn,
    context=("tfn", "tax file"),
    context_required=True, context_boost=0.4,
)

# CMS's Medicare Beneficiary Identifier: 11 characters, digits and letters at fixed places, no
# S, L, O, I, B or Z, dashes (or spaces) after the fourth and seventh. No check character: the
# format is the validation, and about one random upper-case 11-character token in ten thousand
# has it (serials, SKUs, licence keys), so the word is required.
_MBI_L = "[AC-HJKMNP-RT-Y]"
_MBI_X = "[AC-HJKMNP-RT-Y0-9]"
US_MBI = PatternRecognizer(
    name="us_mbi", entity="US_MBI",
    patterns=[Pattern(rf"(?<![A-Za-z0-9_-])[1-9]{_MBI_L}{_MBI_X}\d([ -]?){_MBI_L}{_MBI_X}\d\1"
                      rf"{_MBI_L}{{2}}\d{{2}}(?![A-Za-z0-9_-])", 0.6, _AI, lead=0)],
    context=("mbi", "medicare", "beneficiary"),
    context_required=True, context_boost=0.4, validated=True,
)


# A US employer identification number, "12-3456789": a business's tax number, and a sole
# proprietor's, which identifies the person. Its two-digit prefix is an IRS campus code (the
# only check); nine digits with a dash after two are also a phone's or a reference's shape.
US_EIN = PatternRecognizer(
    name="us_ein", entity="US_EIN",
    patterns=[Pattern(rf"{_L}\d{{2}}-\d{{7}}{_R}", 0.6, _A, lead=0)],
    validate=stdnum_check(ein),
    context=("ein", "employer identification", "employer id", "fein", "federal tax id",
             "tax id", "taxpayer identification", "tin"),
    context_required=True, context_boost=0.4,
)


# Singapore NRIC (S, T: citizens and residents) and FIN (F, G, M: foreigners): a series letter,
# seven digits, a check letter. One random token of this shape in 26 passes the check, so it
# stands without the word, as a NINO does.
SG_NRIC_FIN = PatternRecognizer(
    name="sg_nric_fin", entity="SG_NRIC_FIN",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[STFGM]\d{7}[A-Z](?![A-Za-z0-9])", 0.85, _AI, lead=1,
                      anchor=r"\d{7}[A-Z](?![A-Za-z0-9])")],
    validate=is_sg_nric,
    context=("nric", "fin", "ic number", "identity card"), context_boost=0.15,
)


def _kr_rrn(value: str) -> bool | float:
    """:func:`is_kr_rrn`, scored by how the number is written (one scan for every form)."""
    if not is_kr_rrn(value):
        return False
    return 0.6 if "-" in value else 0.45


# Korean resident registration number: birth date (YYMMDD), then seven digits whose first
# gives century and sex (5-8: a foreigner's). Hyphenated it is written nowhere else and stands
# alone (above a possible phone, 0.55); thirteen bare or spaced digits need the word. With it
# the number scores 1.0, above any phone.
_RRN_DATE = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
KR_RRN = PatternRecognizer(
    name="kr_rrn", entity="KR_RRN",
    patterns=[Pattern(rf"{_L}{_RRN_DATE}[- ]?[1-8]\d{{6}}{_R}", 0.45, _A, lead=0)],
    validate=_kr_rrn,
    context=("rrn", "resident registration", "주민등록번호", "주민번호"), context_boost=0.55,
)

# A US health-care provider's number: ten digits, a Luhn check (one random run in ten passes)
# and a US phone's length, so the word is required.
US_NPI = PatternRecognizer(
    name="us_npi", entity="US_NPI",
    patterns=[Pattern(rf"{_L}[12]\d{{9}}{_R}", 0.6, _A, lead=0),
              Pattern(rf"{_L}[12]\d{{3}}([ -])\d{{3}}\1\d{{3}}{_R}", 0.6, _A, lead=0)],
    validate=is_us_npi,
    context=("npi", "national provider"), context_required=True, context_boost=0.4,
)

# A DEA registration (a prescriber's number; Presidio's MEDICAL_LICENSE): registrant type,
# the registrant's initial (or 9), seven digits whose last is a check digit. Two letters and
# seven digits is also an order's or a part's shape, so the word is required.
MEDICAL_LICENSE = PatternRecognizer(
    name="medical_license", entity="MEDICAL_LICENSE",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[A-HJ-MPRSTUX][A-Z9]\d{7}(?![A-Za-z0-9])", 0.6, _AI,
                      lead=2, anchor=r"\d{7,8}(?![A-Za-z0-9])")],
    validate=is_dea,
    context=("dea", "dea number", "dea registration", "dea#"),
    context_required=True, context_boost=0.4,
)

# A bank's BIC: bank (4 letters), country (an ISO code), location (2), optional branch (3).
# Beside an account number it says where the money is. Upper-case words have its shape
# ("CUSTOMER": CUST, OM), so the word is required. No digit to anchor on: the search for the
# word over the text comes first, and most texts hold none.
SWIFT_CODE = PatternRecognizer(
    name="swift_code", entity="SWIFT_CODE",
    patterns=[Pattern(r"(?<![A-Za-z0-9])[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])",
                      0.6, _A)],
    validate=is_swift,
    context=("bic", "swift", "swift code", "swift/bic", "bic/swift", "bic code", "code swift"),
    context_required=True, context_boost=0.4,
)

# Labelled fallbacks, as UK_NINO_CONTEXT: a number right after the word that names it is that
# number even when its check fails (a typo, a sample like 078-05-1120, "ABCDE1234F"), so it is
# masked rather than sent on. The word must come before it, within a short window.
_LABEL_WINDOW = 32


def labelled(name: str, entity: str, pattern: Pattern, context: tuple[str, ...], *,
             validate: Validator | None = None, after: bool = False) -> PatternRecognizer:
    """A number's shape kept only within ``_LABEL_WINDOW`` characters after its word (or
    before it too, ``after``), scored 1.0 with it (above a phone, 0.95 at most), its check
    failed or not (``validate``: what the shape alone must still be)."""
    return PatternRecognizer(
        name=name, entity=entity, patterns=[pattern], validate=validate, context=context,
        context_required=True, context_window=_LABEL_WINDOW, context_after=after,
        context_boost=0.5, validated=True)


# stdnum refuses the SSNs that were published (078-05-1120, from a wallet insert, used by
# thousands); they are still written where a real one goes. So are numbers the SSA never issues
# (area 000, 666 or 9xx: "SSN: 987-65-4321", the range set aside for advertisements, or an
# ITIN given as the SSN): after the word, the writer says the number is one, and masking a
# sample costs nothing where sending a real one on would leak it.
US_SSN_CONTEXT = labelled(
    "us_ssn_context", "US_SSN",
    Pattern(rf"{_L}\d{{3}}([-. ]?)\d{{2}}\1\d{{4}}{_R}", 0.5, _A, lead=0),
    ("ssn", "social security", "ss#", "ss #", "ss no"))
IN_PAN_CONTEXT = labelled(
    "in_pan_context", "IN_PAN",
    Pattern(r"(?<![A-Za-z0-9])[A-Z]{5}\d{4}[A-Z](?![A-Za-z0-9])", 0.5, _AI, lead=5,
            anchor=r"\d{4}[A-Z](?![A-Za-z0-9])"),
    ("pan", "permanent account number"))
IN_AADHAAR_CONTEXT = labelled(
    "in_aadhaar_context", "IN_AADHAAR",
    Pattern(rf"{_L}\d{{4}}([ -]?)\d{{4}}\1\d{{4}}{_R}", 0.5, _A, lead=0),
    # Latin words only: they are searched lower-cased, a Devanagari one by a slower regex
    # (the word after it too, "1234 5678 9012 is my aadhaar": twelve digits in fours are no
    # phone's, which had masked them)
    ("aadhaar", "aadhar", "adhaar", "uidai"), after=True)


# An NHS number, a French social security number, an Italian fiscal code, a Spanish DNI, a
# Canadian SIN and a Brazilian CPF after their word, their check failed: in the numbers' own
# shapes only, so that "NHS number 943 476 5918" is still the NHS number.
UK_NHS_CONTEXT = labelled(
    "uk_nhs_context", "UK_NHS",
    Pattern(rf"{_L}\d{{3}}([ -]?)\d{{3}}\1\d{{4}}{_R}", 0.5, _A, lead=0),
    ("nhs", "nhs number", "nhs no", "chi number", "chi no", "health and care number"))
FR_NIR_CONTEXT = labelled(
    "fr_nir_context", "FR_NIR",
    Pattern(r"(?<![A-Za-z0-9])[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3}(?: ?\d{2})?"
            r"(?![A-Za-z0-9])", 0.5, _A, lead=0),
    ("sécurité sociale", "securite sociale", "nir", "numéro de sécu", "sécu", "carte vitale",
     "insee"))
IT_FISCAL_CODE_CONTEXT = labelled(
    "it_fiscal_code_context", "IT_FISCAL_CODE",
    Pattern(rf"(?<![A-Za-z0-9]){_FISCAL_CODE}(?![A-Za-z0-9])", 0.5, _AI,
            mark=_FISCAL_CODE.lower(), lead=0, fold=True),
    ("codice fiscale", "cod. fiscale", "fiscal code", "c.f."))
ES_NIF_CONTEXT = labelled(
    "es_nif_context", "ES_NIF",
    Pattern(r"(?<![A-Za-z0-9])\d{8}[ -]?[A-Za-z](?![A-Za-z0-9])", 0.5, _A, lead=0),
    ("dni", "nif", "documento nacional de identidad"))
CA_SIN_CONTEXT = labelled(
    "ca_sin_context", "CA_SIN",
    Pattern(rf"{_L}\d{{3}}([ -]?)\d{{3}}\1\d{{3}}{_R}", 0.5, _A, lead=0),
    # not "sin" alone, Spanish for "without" (see CA_SIN)
    ("social insurance", "assurance sociale", "sin number", "sin no", "sin #"))
# a prescriber's NPI after its word, its check failed (a typo, a made-up sample)
US_NPI_CONTEXT = labelled(
    "us_npi_context", "US_NPI",
    Pattern(rf"{_L}[12]\d{{3}}([ -]?)\d{{3}}\1\d{{3}}{_R}", 0.5, _A, lead=0),
    ("npi", "npi number", "npi no", "npi #", "national provider identifier"))
# a Mexican CURP after its word, its check (or its vowel rule) failed
MX_CURP_CONTEXT = labelled(
    "mx_curp_context", "MX_CURP",
    Pattern(r"(?<![A-Za-z0-9])[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d(?![A-Za-z0-9])", 0.5, _A,
            lead=4, anchor=r"\d{6}[HMX][A-Z]{5}[A-Z0-9]\d(?![A-Za-z0-9])"),
    ("curp", "clave única", "clave unica"))
BR_CPF_CONTEXT = labelled(
    "br_cpf_context", "BR_CPF",
    Pattern(rf"{_L}\d{{3}}\.\d{{3}}\.\d{{3}}-\d{{2}}{_R}", 0.5, _A, lead=0), ("cpf",))

# --- Personal numbers of more countries: each holds its bearer's birth date or a check that
# one random digit run in ten to a hundred passes. A bare run of eleven or thirteen digits is
# also a phone's, an order's or a barcode's, so most need the word that names them; the shapes
# no other number has (Finland's century sign, Mexico's CURP, a Swiss AHV under 756, Belgium's
# dotted layout) stand alone.

def _personal(name: str, entity: str, patterns: list[Pattern], module: Any,
              context: tuple[str, ...], *, required: bool = True) -> PatternRecognizer:
    return PatternRecognizer(
        name=name, entity=entity, patterns=patterns, validate=stdnum_check(module),
        context=context, context_required=required, context_boost=0.4 if required else 0.15)


PL_PESEL = _personal("pl_pesel", "PL_PESEL", [Pattern(rf"{_L}\d{{11}}{_R}", 0.6, _A, lead=0)],
                     pesel, ("pesel", "numer pesel", "nr pesel"))
TR_NATIONAL_ID = _personal(
    "tr_national_id", "TR_NATIONAL_ID", [Pattern(rf"{_L}[1-9]\d{{10}}{_R}", 0.6, _A, lead=0)],
    tckimlik,
    ("kimlik", "tckn", "turkish id", "turkish identity"))
FI_PERSONAL_IDENTITY_CODE = _personal(
    "fi_hetu", "FI_PERSONAL_IDENTITY_CODE",
    [Pattern(rf"{_L}\d{{6}}[-+A-FU-Y]\d{{3}}[0-9A-FHJ-NPR-Y]{_R}", 0.85, _A, lead=0)], hetu,
    ("henkilötunnus", "hetu", "sotu", "personal identity code", "identity code"),
    required=False)
SE_PERSONNUMMER = _personal(
    "se_personnummer", "SE_PERSONNUMMER",
    [Pattern(rf"{_L}(?:19|20)?\d{{6}}[-+]?\d{{4}}{_R}", 0.6, _A, lead=0)], personnummer,
    ("personnummer", "personnr", "pers.nr", "samordningsnummer", "swedish id"))
NO_FODSELSNUMMER = _personal(
    "no_fodselsnummer", "NO_FODSELSNUMMER",
    [Pattern(rf"{_L}\d{{6}} ?\d{{5}}{_R}", 0.6, _A, lead=0)], fodselsnummer,
    ("fødselsnummer", "fodselsnummer", "personnummer", "fnr", "d-nummer", "norwegian id"))
DK_CPR = _personal("dk_cpr", "DK_CPR", [Pattern(rf"{_L}\d{{6}}-?\d{{4}}{_R}", 0.6, _A, lead=0)],
                   cpr, ("cpr", "cpr-nr", "cpr-nummer", "personnummer", "danish id"))
RO_CNP = _personal("ro_cnp", "RO_CNP", [Pattern(rf"{_L}[1-9]\d{{12}}{_R}", 0.6, _A, lead=0)],
                   cnp, ("cnp", "cod numeric personal", "codul numeric personal"))
ZA_ID_NUMBER = _personal(
    "za_id_number", "ZA_ID_NUMBER",
    [Pattern(rf"{_L}\d{{6}} ?\d{{4}} ?\d{{3}}{_R}", 0.6, _A, lead=0)], za_idnr,
    # (a bare "ID" too: thirteen digits that hold a birth date and pass Luhn's check after it
    # are one, "claimant Sipho Dlamini (ID 8001015009087)")
    ("identity number", "rsa id", "south african id", "sa id", "id", "id no", "id number",
     "identity document"))
MX_CURP = _personal(
    "mx_curp", "MX_CURP",
    [Pattern(r"(?<![A-Za-z0-9])[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d(?![A-Za-z0-9])",
             0.85, _A, lead=10, anchor=r"\d{6}[HMX][A-Z]{5}[A-Z0-9]\d(?![A-Za-z0-9])")],
    curp, ("curp", "clave única", "clave unica"), required=False)
CL_RUT = _personal(
    "cl_rut", "CL_RUT", [Pattern(rf"{_L}\d{{1,2}}\.?\d{{3}}\.?\d{{3}}-[\dkK]{_R}", 0.6, _A,
                                 lead=0)], rut,
    ("rut", "rol único", "rol unico", "cédula", "cedula"))
IL_ID_NUMBER = _personal(
    "il_id_number", "IL_ID_NUMBER", [Pattern(rf"{_L}\d{{8,9}}{_R}", 0.6, _A, lead=0)], il_idnr,
    ("teudat zehut", "mispar zehut", "israeli id", "israeli identity", "תעודת זהות", "ת.ז"))
CH_AHV = _personal(
    "ch_ahv", "CH_AHV", [Pattern(rf"{_L}756(\.?)\d{{4}}\1\d{{4}}\1\d{{2}}{_R}", 0.85, _A,
                                 lead=0)], ch_ssn,
    ("ahv", "avs", "ahv-nr", "sozialversicherungsnummer", "numéro avs", "social security"),
    required=False)
BE_NATIONAL_NUMBER = _personal(
    "be_national_number", "BE_NATIONAL_NUMBER",
    [Pattern(rf"{_L}\d{{2}}\.\d{{2}}\.\d{{2}}-\d{{3}}\.\d{{2}}{_R}", 0.85, _A, lead=0),
     Pattern(rf"{_L}\d{{11}}{_R}", 0.5, _A, lead=0)], be_nn,
    ("rijksregisternummer", "rijksregister", "numéro national", "registre national", "insz",
     "niss", "national number"), required=False)

# Thailand's 13-digit personal number, written 1-2345-67890-12-3 or bare
TH_TNIN = _personal(
    "th_tnin", "TH_TNIN",
    [Pattern(rf"{_L}\d(-?)\d{{4}}\1\d{{5}}\1\d{{2}}\1\d{_R}", 0.6, _A, lead=0)], th_pin,
    ("thai id", "thai national id", "tnin", "เลขประจำตัวประชาชน", "บัตรประชาชน"))

# --- Any country's identity number after the words that name it: the countries without a
# recognizer of their own (Nigeria's NIN and BVN, Egypt's and Saudi Arabia's national ids,
# Indonesia's NIK, Japan's My Number, Argentina's CUIL, Colombia's cédula, the Philippines'
# PhilSys...), typed NATIONAL_ID. Its value: digits in groups (spaces, dots, dashes, a slash),
# letters before, among or after them, a check character in brackets ("A123456(7)"); five
# digits at least. The word is the validation, as for the labelled fallbacks above; scored
# 0.93: above a phone without its word (0.9), below one with it (0.95) and below a checked
# number of a type of its own (a Chinese resident id, 0.95 without its word).
_ID_WORDS = (
    "national id", "national id number", "national id no", "national identity number",
    "national identification number", "national identity card", "national registration number",
    "id card", "id card number", "id card no", "identity card", "identity card number",
    "identity card no", "identity number", "identity no", "identity document",
    "citizen id", "citizen number", "citizenship number", "citizenship card",
    "personal id", "personal id number", "personal identity number", "personal code",
    "resident id", "residence permit", "residence permit number", "residence card",
    "voter id", "voter's id", "voter card", "national insurance card",
    # by country (not the words other numbers take too: "RFC 7231", "run 12345", "my number")
    "nin", "bvn", "nimc", "nik", "ktp", "e-ktp", "cnic", "nicop", "nic number", "nic no",
    "mykad", "ic number", "ic no", "hkid", "hong kong id", "taiwan id", "emirates id",
    "eid number", "iqama", "iqama number", "saudi id", "egyptian id", "my number card",
    "individual number", "philsys", "philid", "sss number", "sss no", "umid", "gsis",
    "tin number", "cuil", "cuit", "dni", "cédula", "cedula", "cédula de ciudadanía",
    "cedula de ciudadania", "cédula de identidad", "ppsn", "pps number", "pps no", "pps", "nif",
    "contribuinte", "número de contribuinte",
    "snils", "kra pin", "huduma", "amka", "afm", "rodné číslo", "rodne cislo", "birth number",
    "oib", "jmbg", "egn", "numéro de sécurité sociale", "carte d'identité",
    "carte nationale d'identité", "cni", "numéro d'identité", "personalausweis",
    "ausweisnummer", "personalausweisnummer", "documento de identidad", "documento nacional",
    "número de identificación", "carta d'identità", "carta di identità",
    "bilhete de identidade", "cartão de cidadão", "dowód osobisty", "dowod osobisty",
    "numer dowodu", "občanský průkaz", "tc kimlik", "kimlik no", "kimlik numarası",
    "инн", "снилс", "полис", "полис омс", "омс", "マイナンバー", "個人番号", "身分證",
    "身分證字號", "رقم الهوية",
    "الرقم القومي", "بطاقة الهوية", "هوية",
    # Iran's national code, Kenya's and Tanzania's identity card (Swahili)
    "کد ملی", "كد ملی", "شماره ملی", "kitambulisho", "namba ya kitambulisho",
    # a health insurer's number for one person (Germany's KVNR, France's, Russia's OMS policy)
    "versichertennummer", "krankenversichertennummer", "kvnr", "versicherungsnummer",
    "sozialversicherungsnummer", "numéro d'assuré", "numero d'assure",
    # a German payslip's pension number, Britain's taxpayer reference, a US traveller's
    "sv-nr", "sv-nr.", "sv-nummer", "rentenversicherungsnummer", "utr",
    "unique taxpayer reference", "known traveler number", "known traveller number", "ktn",
    "redress number",
    # Brazil's state identity card (Registro Geral), Morocco's national card
    "rg", "registro geral", "carteira de identidade", "cin", "cnie",
    # a health card, a tax or business register number, a doctor's licence, written in their
    # own language: Italy's tessera sanitaria and partita IVA, Portugal's SNS user number,
    # Spain's social security affiliation, Poland's REGON, Brazil's CRM (a doctor's licence)
    "tessera sanitaria", "numero tessera sanitaria", "partita iva", "p.iva", "p. iva",
    "número de utente", "numero de utente", "nº de utente", "n.º de utente", "utente sns",
    "cartão de utente", "número de afiliación", "nº afiliación", "nº de afiliación",
    "afiliación", "naf", "nuss", "regon", "crm", "krankenversicherungsnummer",
    # a sole trader's business number is a person's: France's SIREN/SIRET, Poland's NIP
    "siren", "siret", "nip",
    # Bangladesh's national id (10, 13 or 17 digits), Mexico's social security number (IMSS)
    "nid", "nid no", "nid number", "smart nid", "nss", "imss", "número de seguridad social",
)
# The words are the pattern's own, tried only where one of their first words stands (a set of
# strings, found with every other mark in one pass): as context words, their short heads ("ic",
# "nin", "id") occur in most texts, and the value's scan then ran at every digit run (72 us a
# ~1 KB prompt, against 12 now).
_ID_LABELS = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+")
                      for w in sorted(_ID_WORDS, key=len, reverse=True))
# (longest first, ties in order: a set's order changes from one process to the next)
_ID_HEADS = "|".join(sorted({re.escape(w.split(" ")[0]) for w in _ID_WORDS},
                            key=lambda w: (-len(w), w)))
NATIONAL_ID_LABELLED = PatternRecognizer(
    name="national_id_labelled", entity="NATIONAL_ID",
    patterns=[Pattern(
        rf"(?i:(?<!\w)(?:{_ID_LABELS})(?!\w))[^\n0-9]{{0,24}}?(?<![A-Za-z0-9])"
        r"(?P<v>[A-Za-z]{0,3}-?[0-9][0-9A-Za-z]*(?:[ ./-](?:[0-9]|[A-Za-z](?=[ ./-][0-9]))"
        r"[0-9A-Za-z]*)*"
        r"(?:\([0-9A-Za-z]\))?)(?![A-Za-z0-9])", 0.93, mark=_ID_HEADS, lead=0, fold=True)],
    validate=lambda v: sum(c.isdigit() for c in v) >= 5,
    validated=True,  # the word before it is the validation
)


def _is_hkid(value: str) -> bool:
    """A Hong Kong identity card number's check character: letters A=10..Z=35 and a missing
    first letter 36, weighted 9..2 with the six digits, 11 less the sum mod 11 (10: A)."""
    m = re.fullmatch(r"([A-Z]{1,2})(\d{6})\(([0-9A])\)", value.upper())
    if m is None:
        return False
    letters, digits, check = m.groups()
    values = [36] * (2 - len(letters)) + [ord(c) - 55 for c in letters] + [int(d) for d in digits]
    total = sum(w * v for w, v in zip(range(9, 1, -1), values, strict=True))
    want = (11 - total % 11) % 11
    return check == ("A" if want == 10 else str(want))


# Identity numbers whose written shape no other number has, checked where a check exists:
# found without a word. The UAE's Emirates ID (784, the holder's birth year, seven digits and a
# check digit, dashed: its shape alone, the check's rule is not published), Hong Kong's
# (letters, six digits, the check in brackets), Pakistan's CNIC (5-7-1, dashed), Malaysia's
# MyKad (birth date, state, four digits: 6-2-4) and the Czech and Slovak birth number (birth
# date, a slash, three or four digits).
NATIONAL_ID_SHAPES = PatternRecognizer(
    name="national_id_shapes", entity="NATIONAL_ID",
    patterns=[
        # (one regex for the digit-led shapes, tried only at a digit run of three to six
        # digits and a dash or a slash)
        Pattern(rf"{_L}(?:784-(?:19|20)\d\d-\d{{7}}-\d|\d{{5}}-\d{{7}}-\d|\d{{6}}-\d{{2}}-\d{{4}}|"
                rf"\d{{6}}/\d{{3,4}}){_R}", 0.9, _A, lead=0, anchor=r"\d{3,6}[-/]\d"),
        # (tried only at a run of six digits and a bracket: every digit run was tried from
        # the two letters before it, 33 us a ~1 KB prompt)
        Pattern(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6}\([0-9A]\)", 0.9, _A, lead=2, spaced=False,
                anchor=r"\d{6}\([0-9A]\)"),
    ],
    validate=lambda v: (v.startswith("784-") or _is_hkid(v) or pk_cnic.is_valid(v)
                        or my_nric.is_valid(v) or cz_rc.is_valid(v)),
)

def _tw_id(value: str) -> bool:
    """Taiwan's national id (and a resident's new certificate, 8 or 9 second): the letter of the
    place of first registration as two digits (A=10 ... with I, O, W, Z out of order), weighted
    1, 9, 8 ... 1 with the nine digits; the sum is a multiple of ten."""
    code = "ABCDEFGHJKLMNPQRSTUVXYWZIO".find(value[:1].upper())
    if code < 0 or len(value) != 10 or not value[1:].isdigit():
        return False
    n = code + 10
    digits = [n // 10, n % 10, *(int(c) for c in value[1:])]
    return sum(w * d for w, d in zip((1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1), digits,
                                     strict=True)) % 10 == 0


def _lk_day(days: str) -> bool:
    """Sri Lanka's NIC holds the day of the birth year (501-866 for a woman)."""
    d = int(days)
    return 1 <= d <= 366 or 501 <= d <= 866


def _lk_nic(value: str) -> bool:
    """Sri Lanka's NIC: the old nine digits and a letter (``853400937V``: the year's last two
    digits, the day, a serial) or the new twelve (``198534000937``: the whole year)."""
    if len(value) == 10:
        return _lk_day(value[2:5])
    return value[:2] in ("19", "20") and _lk_day(value[4:7])


def _mx_rfc(value: str) -> bool:
    """A person's RFC (Mexico's tax number): name letters, birth date, a two-character
    homoclave and its check digit (stdnum checks the check digit only when asked)."""
    try:
        return bool(mx_rfc.validate(value, validate_check_digits=True))
    except Exception:  # noqa: BLE001 - a validator never raises on bad input
        return False


def _checked_id(value: str) -> bool:
    v = value.upper()
    if v.startswith("GHA-"):
        return True  # the Ghana card's PIN: its "GHA-" and 9-1 digits are the shape
    if len(v) == 13:
        return _mx_rfc(v)
    if v[:1].isdigit():
        return _lk_nic(v)
    if v[1:3] == "00":
        return bool(gh_tin.is_valid(v))
    return _tw_id(v)


# Identity and tax numbers with a letter in a fixed place and a check character (or a date),
# found without a word as Singapore's NRIC is: Taiwan's id (a letter, 1 or 2 for the sex, or 8
# or 9 for a resident's certificate, seven digits and a check digit: one random run in ten
# passes it, and the letter and the sex digit come first), Sri Lanka's old NIC (nine digits
# holding the birth day of the year, V or X), Ghana's TIN (P00 and eight characters, mod 11),
# the Ghana card's PIN (GHA-, nine digits, one) and a person's RFC in Mexico (four letters,
# birth date, homoclave and its check digit). Sri Lanka's new twelve digits need ``NIC``
# before them: twelve digits are a reference's as often.
NATIONAL_ID_CHECKED = PatternRecognizer(
    name="national_id_checked", entity="NATIONAL_ID",
    patterns=[
        # (one regex for the five shapes, tried only at the digit runs that start one)
        Pattern(r"(?<![A-Za-z0-9])(?:[A-Z][1289]\d{8}|\d{9}[VvXx]|[PCGQV]00[0-9A-Z]{8}"
                r"|GHA-\d{9}-\d|[A-Z&]{4}\d{6}[A-Z0-9]{3})(?![A-Za-z0-9])", 0.85, _A, lead=4,
                spaced=False, anchor=r"(?:\d{9}|00[0-9A-Z]{8}|\d{9}-\d|\d{6}[A-Z0-9]{3})"
                r"(?![A-Za-z0-9])|\d{9}[VvXx](?![A-Za-z0-9])"),
        # the new NIC after its word ("NIC 198534000937", "NIC 853400937V (new format
        # 198534000937)"): a bare "NIC" is also a network card's, whose models are no year
        Pattern(r"(?<![A-Za-z])(?i:nic)(?![A-Za-z])[^\n]{0,32}?(?<![0-9])"
                r"(?P<v>(?:19|20)\d{10})(?![A-Za-z0-9])", 0.93, _A,
                mark=r"(?<![a-z])nic(?![a-z])", fold=True, lead=0),
    ],
    validate=_checked_id,
)

# A British driving licence's number (DVLA): the surname's first five letters (9s after a
# shorter one), the holder's birth date as decade, month (plus 50 for a woman) and day, the
# year's last digit, two initials (9 for none), a digit and two check letters:
# "MORGA657054SM9IJ", "WOOD9701015J99AB". The shape and its date say what it is, without a
# word ("licence no." often stands before it, but a form's column or a scan's text has none).
_UK_LICENCE_DATE = r"\d(?:[05][1-9]|[16][0-2])(?:0[1-9]|[12]\d|3[01])\d[A-Z][A-Z9]\d[A-Z]{2}"
UK_DRIVING_LICENCE = PatternRecognizer(
    name="uk_driving_licence", entity="DRIVER_LICENSE",
    patterns=[Pattern(rf"(?<![A-Za-z0-9])(?:[A-Z]{{5}}|[A-Z]{{4}}9|[A-Z]{{3}}99|[A-Z]{{2}}999|"
                      rf"[A-Z]9999){_UK_LICENCE_DATE}(?![A-Za-z0-9])", 0.85, _A, lead=5,
                      spaced=False, anchor=rf"9{{0,4}}{_UK_LICENCE_DATE}(?![A-Za-z0-9])")],
)

# India's GST registration (GSTIN): the state's code, the holder's PAN, the entity's digit, "Z"
# and a mod-36 check character ("27AAPFU0939F1ZV"); a proprietor's holds the person's PAN. By
# its check without a word (one made-up string in 36 passes); after "GSTIN" or "GST no." its
# shape alone (a typo of a real one, fail closed)
_GSTIN = r"(?<![A-Za-z0-9])\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z](?![A-Za-z0-9])"
IN_GSTIN = PatternRecognizer(
    name="in_gstin", entity="NATIONAL_ID",
    patterns=[Pattern(_GSTIN, 0.9, _A, lead=0, anchor=r"\d{2}[A-Z]{5}\d{4}[A-Z]")],
    validate=stdnum_check(gstin), validated=True,
)
IN_GSTIN_CONTEXT = labelled(
    "in_gstin_context", "NATIONAL_ID",
    Pattern(_GSTIN, 0.5, _A, lead=0, anchor=r"\d{2}[A-Z]{5}\d{4}[A-Z]"),
    ("gstin", "gst no", "gst number", "gst registration", "gstin no"))

#: In registration order (``veil.detect.builtin`` registers them after the US SSN).
NATIONAL_RECOGNIZERS: tuple[Recognizer, ...] = (
    UK_NHS, UK_NINO, UK_NINO_CONTEXT, CA_SIN, IN_AADHAAR, IN_PAN, CN_RESIDENT_ID, FR_NIR,
    DE_TAX_ID, ES_NIF, ES_NIE, IT_FISCAL_CODE, BR_CPF, BR_CNPJ, US_ITIN, ABA_ROUTING,
    CA_SIN_LABELLED, NL_BSN, AU_TFN, US_MBI, US_EIN, SG_NRIC_FIN, KR_RRN, US_NPI,
    MEDICAL_LICENSE, SWIFT_CODE, US_SSN_CONTEXT, IN_PAN_CONTEXT, IN_AADHAAR_CONTEXT,
    PL_PESEL, TR_NATIONAL_ID, FI_PERSONAL_IDENTITY_CODE, SE_PERSONNUMMER, NO_FODSELSNUMMER,
    DK_CPR, RO_CNP, ZA_ID_NUMBER, MX_CURP, CL_RUT, IL_ID_NUMBER, CH_AHV, BE_NATIONAL_NUMBER,
    TH_TNIN, UK_NHS_CONTEXT, FR_NIR_CONTEXT, IT_FISCAL_CODE_CONTEXT, ES_NIF_CONTEXT,
    CA_SIN_CONTEXT, BR_CPF_CONTEXT, US_NPI_CONTEXT, NATIONAL_ID_SHAPES, NATIONAL_ID_LABELLED,
    UK_DRIVING_LICENCE, MX_CURP_CONTEXT, NATIONAL_ID_CHECKED, IN_GSTIN, IN_GSTIN_CONTEXT)


# --- Greece: the social security number (ΑΜΚΑ: the birth date as DDMMYY, four digits and a
# Luhn check digit) and the tax number (ΑΦΜ: nine digits, a mod-11 check), after their Greek
# abbreviations (with or without dots: "Α.Μ.Κ.Α."). The Latin "AMKA" and "AFM" are
# NATIONAL_ID_LABELLED's words; the Greek ones lower-case to no Latin word. The abbreviation
# binds the number's length (eleven digits after ΑΜΚΑ, nine after ΑΦΜ) and is the validation:
# a number whose check fails (a typo) is still masked, below one whose check passes.
_GR_GAP = r"[^\n0-9]{0,16}?(?<![0-9])"  # ": ", " αριθμός ", "μου είναι "


def _gr_number(value: str) -> float:
    module = gr_amka if len(value) == 11 else gr_vat
    try:
        return 1.0 if module.is_valid(value) else 0.93
    except Exception:  # noqa: BLE001 - a validator never raises on bad input
        return 0.93


GR_NATIONAL_ID = PatternRecognizer(
    name="gr_national_id", entity="NATIONAL_ID",
    patterns=[
        Pattern(rf"(?<!\w)(?i:α\.?μ\.?κ\.?α\.?)(?!\w){_GR_GAP}(?P<v>[0-9]{{11}})(?![0-9])", 0.93,
                mark=r"α\.?μ\.?κ\.?α", lead=0, fold=True),
        Pattern(rf"(?<!\w)(?i:α\.?φ\.?μ\.?)(?!\w){_GR_GAP}(?P<v>[0-9]{{9}})(?![0-9])", 0.93,
                mark=r"α\.?φ\.?μ", lead=0, fold=True),
    ],
    validate=_gr_number,
    validated=True,  # the abbreviation before it is the validation
    prefilter=lambda text: "greek" in scripts_in(text),
)
