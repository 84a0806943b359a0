"""A legal file's identifiers that no label names, by the shapes their systems give them.

A law firm's paste holds numbers that open one person's matter without a word before them:
a USCIS receipt number in a list of filings (`receipted as NBC1234567890`), the Bates numbers
of a production or a privilege log (`ACME_0001234`, `DEF-00012001 through DEF-00014999`), and
in a transcript the lawyers' names in capitals in their speaker labels (`MR. FENWICK:`,
`BY MS. OKAFOR:`), which the name models, reading capitals, miss. Each recognizer is tried at
its mark only (a centre's letters before ten digits, a title in capitals) or in a text that
speaks of discovery.
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer, folded

#: USCIS's service centres and field offices as a receipt number's prefix: the four service
#: centres (EAC Vermont, WAC California, LIN Nebraska, SRC Texas), the National Benefits
#: Center, the lockboxes and the online filing (MSC, YSC, IOE), the Potomac centre (TSC, VSC,
#: CSC, NSC: the old centres' letters) and the field offices (Z + three letters)
_USCIS_CENTRES = (r"EAC|WAC|LIN|SRC|NBC|MSC|YSC|IOE|TSC|VSC|CSC|NSC|"
                  r"Z[A-Z]{3}")

# A USCIS receipt number: the centre's three letters and ten digits (the fiscal year, the
# workday, the case's number). It opens the applicant's case status; a label is often absent
# ("receipted as NBC1234567890 and WAC2412345678").
USCIS_RECEIPT = PatternRecognizer(
    name="uscis_receipt", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(rf"(?<![A-Za-z0-9])(?:{_USCIS_CENTRES}|(?i:eac|wac|lin|src|nbc|msc|ysc|"
                      rf"ioe))[0-9]{{10}}(?![A-Za-z0-9])", 0.85, re.ASCII, lead=0,
                      mark=rf"(?:{_USCIS_CENTRES.lower()})[0-9]{{10}}", fold=True)],
    validated=True,  # the centre's letters and the ten digits are the validation
)

#: what a text that holds Bates numbers speaks of: discovery, a production, a privilege log
_DISCOVERY_WORDS = ("bates", "privilege", "production", "produced", "begdoc", "enddoc",
                    "begbates", "endbates", "custodian", "discovery", "control number")


def _discovery_text(text: str) -> bool:
    low = folded(text)
    if low is None:
        low = text.lower()
    return any(word in low for word in _DISCOVERY_WORDS)


# A Bates number: a production's prefix of letters (a party's or a source's name, in one to
# three pieces joined by "_" or "-") and a sequence zero-padded to six to ten digits
# (`ACME_0001234`, `DEF-00012001`, `PLTF000771`, `SMITH_FIN_0009921`). It names the client's
# documents in the production; in a text that speaks of discovery only, as an invoice's or a
# ticket's number may take the shape elsewhere (a prefix of letters only: `CVE-2024-0012345` is
# no Bates number).
BATES_NUMBER = PatternRecognizer(
    name="bates_number", entity="CASE_NUMBER",
    patterns=[Pattern(r"(?<![\w-])[A-Z]{2,12}(?:[_-][A-Z]{2,12}){0,2}[_-]?0[0-9]{5,9}"
                      r"(?![\w-])", 0.8, re.ASCII, lead=40, spaced=False,
                      anchor=r"0[0-9]{5,9}(?![\w-])")],
    prefilter=_discovery_text,
    validated=True,  # the zero-padded sequence in a text about discovery is the validation
)

#: the titles a transcript writes before a lawyer's or a witness's surname in capitals
_SPEAKER_TITLES = r"MR|MS|MRS|MISS|DR"

# A speaker's label in a deposition's or a hearing's transcript: a title and a surname in
# capitals before the colon (`MR. FENWICK:`, `BY MS. OKAFOR:`, `EXAMINATION BY MR.
# CASTELLANOS:`); `THE COURT:` and `THE WITNESS:` have no title and stay.
SPEAKER_NAME = PatternRecognizer(
    name="speaker_name", entity="PERSON",
    patterns=[Pattern(rf"(?<![A-Za-z])(?:{_SPEAKER_TITLES})\.?[ ](?P<v>[A-Z][A-Z'’-]+"
                      r"(?:[ ][A-Z][A-Z'’-]+)?)(?=:)", 0.85,
                      mark=rf"(?<![A-Za-z])(?:{_SPEAKER_TITLES})\.?[ ][A-Z]", lead=0)],
    validated=True,  # the title and the transcript's colon are the validation
)

LEGAL_RECORDS = (USCIS_RECEIPT, BATES_NUMBER, SPEAKER_NAME)
