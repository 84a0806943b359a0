"""A subscriber's identifiers in a mobile operator's records, after the labels that name them:
``MSISDN: 447700900614`` (the phone number in international form, no "+"), ``IMSI:
234159012345671`` (the SIM's subscriber identity: country, network, subscriber), ``ICCID:
8944102077315588224`` (the SIM card's serial, "89" and a Luhn digit) and ``PUK: 88213940`` (the
code that unlocks the SIM).

A support desk's or a fraud team's lookup pastes them bare on their lines; the phone and
device recognizers want a "+", a separator or their own words. The label is the validation
(an IMSI's digits are no phone's), and each value has its standard's length (3GPP TS 23.003,
ITU-T E.118): a PUK eight digits, an IMSI fourteen or fifteen, an ICCID eighteen to twenty
(spaced in fours as printed on the card, a trailing "F" of its padding kept).
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer

#: between a label and its value: blanks, and a colon, "#", "=" or "no."
_SEP = r"[ \t]*(?:(?i:no\.?|number)[ \t]*)?[:#=]?[ \t]*"

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

#: every recognizer of this module, in the order they register
TELECOM = (MSISDN, SIM_IDS, SIM_PUK)
