"""A subscriber's identifiers in a mobile operator's records, after the labels that name them:
``MSISDN: 447700900614`` (the phone number in international form, no "+"), ``IMSI:
234159012345671`` (the SIM's subscriber identity: country, network, subscriber), ``ICCID:
8944102077315588224`` (the SIM card's serial, "89" and a Luhn digit) and ``PUK: 88213940`` (the
code that unlocks the SIM). An eSIM's ``EID`` (32 digits from ``89``, the last two a mod-97
check as an IBAN's: ``int(eid) % 97 == 1``) is masked with its label or without it, and an
ICCID without its label where a SIM's word stands within 40 characters before it and its Luhn
digit holds (``New SIM 8901...``, ``The SIM card number is 8961...``). An eSIM's activation
code (GSMA SGP.22: ``LPA:1$<server>$<matching id>``) is a SECRET: whoever holds it downloads
the subscriber's profile.

A support desk's or a fraud team's lookup pastes them bare on their lines; the phone and
device recognizers want a "+", a separator or their own words. The label is the validation
(an IMSI's digits are no phone's), and each value has its standard's length (3GPP TS 23.003,
ITU-T E.118): a PUK eight digits, an IMSI fourteen or fifteen, an ICCID eighteen to twenty
(spaced in fours as printed on the card, a trailing "F" of its padding kept).
"""

from __future__ import annotations

import re

from stdnum import luhn

from veil.detect.patterns import Pattern, PatternRecognizer

#: between a label and its value: blanks, and a colon, "#", "=", "is" or "no."
_SEP = r"[ \t]*(?:(?i:no\.?|number)[ \t]*)?(?:[:#=]|(?i:is)\b)?[ \t]*"

MSISDN = PatternRecognizer(
    name="msisdn", entity="PHONE",
    patterns=[Pattern(rf"(?i:\bmsisdn\b){_SEP}(?P<v>\+?[0-9](?:[ ]?[0-9]){{6,14}})(?![\w-])",
                      0.95, re.ASCII, mark="msisdn", fold=True, lead=0)],
    validated=True)

SIM_IDS = PatternRecognizer(
    name="sim_ids", entity="DEVICE_ID",
    patterns=[Pattern(rf"(?i:\bimsi\b){_SEP}(?P<v>[0-9]{{14,15}})(?![\w-])", 0.95, re.ASCII,
                      mark="imsi", fold=True, lead=0),
              Pattern(rf"(?i:\biccid\b){_SEP}(?P<v>89(?:[ ]?[0-9]){{16,18}}F?)(?![\w-])", 0.95,
                      re.ASCII, mark="iccid", fold=True, lead=0)],
    validated=True)

SIM_PUK = PatternRecognizer(
    name="sim_puk", entity="SECRET",
    patterns=[Pattern(rf"(?i:\bpuk2?\b(?:[ \t]*code)?){_SEP}(?P<v>[0-9]{{8}})(?![\w-])", 0.95,
                      re.ASCII, mark="puk", fold=True, lead=0)],
    validated=True)



def is_eid(value: str) -> bool:
    """An eUICC's EID: 32 digits from "89" whose mod-97 remainder is 1 (ISO 7064, as IBAN)."""
    digits = value.replace(" ", "")
    return len(digits) == 32 and digits.startswith("89") and int(digits) % 97 == 1


# an eSIM's EID, with its label or without (the mod-97 check fails 96 times in 97)
SIM_EID = PatternRecognizer(
    name="sim_eid", entity="DEVICE_ID",
    patterns=[Pattern(r"(?<![\w-])89(?:[ ]?[0-9]){30}(?![\w-])", 0.9, re.ASCII, lead=0,
                      anchor=r"89(?:[ ]?[0-9]){30}(?![\w-])")],
    validate=is_eid, validated=True)

def _luhn_valid(value: str) -> bool:
    return bool(luhn.is_valid(value.replace(" ", "")))


# a SIM's ICCID without its label: "89" (ISO 7812's telecom industry), 19 or 20 digits, the
# Luhn digit, and a SIM's word before it
SIM_CARD = PatternRecognizer(
    name="sim_card", entity="DEVICE_ID",
    patterns=[Pattern(r"(?<![\w-])89(?:[ ]?[0-9]){17,18}(?![\w-])", 0.5, re.ASCII, lead=0,
                      anchor=r"89(?:[ ]?[0-9]){17,18}(?![\w-])")],
    validate=_luhn_valid,
    context=("sim", "sims", "esim", "sim card", "iccid", "uicc"),
    context_required=True, context_window=40, context_boost=0.45, context_after=False,
    validated=True)

# an eSIM's activation code: the matching id after the SM-DP+ server ("LPA:1$host$ID")
ESIM_ACTIVATION = PatternRecognizer(
    name="esim_activation", entity="SECRET",
    patterns=[Pattern(r"(?i:\blpa:1\$)[A-Za-z0-9.-]{3,100}\$(?P<v>[A-Za-z0-9-]{4,64})"
                      r"(?![\w-])", 0.95, re.ASCII, mark=r"lpa:1\$", fold=True, lead=0)],
    validated=True)

# a phone's IMEI without its label: fifteen digits (or as the handset's label prints them,
# "35 390632 890279 7") whose Luhn digit holds, a phone's or a device's word within 48
# characters before it ("Device list on the account: 3571..., 8694..."); a card of fifteen
# digits is the card recognizer's
DEVICE_IMEI = PatternRecognizer(
    name="device_imei", entity="DEVICE_ID",
    patterns=[Pattern(r"(?<![\w-])[0-9]{2}(?:[0-9]{13}|[ ][0-9]{6}[ ][0-9]{6}[ ][0-9])(?![\w-])",
                      0.5, re.ASCII, lead=0,
                      anchor=r"[0-9]{2}(?:[0-9]{13}|[ ][0-9]{6}[ ][0-9]{6}[ ][0-9])(?![\w-])")],
    validate=_luhn_valid,
    context=("imei", "imeis", "device", "devices", "handset", "handsets", "phone", "phones",
             "iphone", "dual sim"),
    context_required=True, context_window=48, context_boost=0.45, context_after=False,
    validated=True)

# a British mobile's switching codes: the porting authorisation code (PAC, three letters and
# six digits) and the code to stop a contract (STAC, six digits and three letters): whoever
# holds one moves or ends the number ("PAC XKD448127", "STAC: 448812ABC")
SWITCHING_CODE = PatternRecognizer(
    name="switching_code", entity="SECRET",
    patterns=[Pattern(r"\b(?:PAC|STAC)(?:[ \t]+(?i:code))?" + _SEP +
                      r"(?P<v>[A-Z]{3}[0-9]{6}|[0-9]{6}[A-Z]{3})(?![\w-])", 0.95, re.ASCII,
                      mark=r"PAC|STAC", lead=0)],
    validated=True)

#: every recognizer of this module, in the order they register
TELECOM = (MSISDN, SIM_IDS, SIM_PUK, SIM_EID, SIM_CARD, DEVICE_IMEI, ESIM_ACTIVATION,
           SWITCHING_CODE)
