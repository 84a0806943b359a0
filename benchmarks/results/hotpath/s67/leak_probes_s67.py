"""The round's probe prompts: each with the values that must not go upstream whole. Counts the
values that ``Veil.protect`` leaves in the masked text, per prompt kind, with the ``veil`` on
``PYTHONPATH`` (an older tree: ``git archive <commit> src``) and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s67/leak_probes_s67.py learned|spacy

All values are made up (checksums computed where a recognizer checks one).
"""

from __future__ import annotations

import base64
import collections
import os
import sys
import tempfile

from veil import Veil
from veil.config import Policy, Settings

PROBES: list[tuple[str, str, tuple[str, ...]]] = [
    # identity numbers of countries without a recognizer of their own, after their words
    ("national id", "My NIN is 12345678901 and BVN 22123456789", ("12345678901", "22123456789")),
    ("national id", "NIK saya 3171012345670001", ("3171012345670001",)),
    ("national id", "National ID 29001011234567 (Egypt)", ("29001011234567",)),
    ("national id", "Saudi ID 1012345678, iqama 2123456789", ("1012345678", "2123456789")),
    ("national id", "CUIL 20-12345678-3", ("20-12345678-3",)),
    ("national id", "PPSN 1234567TA", ("1234567TA",)),
    ("national id", "DNI 12345678 (Argentina)", ("12345678",)),
    ("national id", "Mi cédula es 1.023.456.789", ("1.023.456.789",)),
    ("national id", "My SNILS is 112-233-445 95", ("112-233-445",)),
    ("national id", "KRA PIN A012345678Z", ("A012345678Z",)),
    ("national id", "My AMKA is 01018512345", ("01018512345",)),
    ("national id", "Dowód osobisty ABC123456", ("ABC123456",)),
    ("national id", "My Taiwan ID is A123456789", ("A123456789",)),
    ("national id", "Olá, sou o João, NIF 123456789", ("123456789",)),
    # ... and shapes of their own, without a word
    ("national id", "please check 784-1985-1234567-1 for the visa", ("784-1985-1234567-1",)),
    ("national id", "HKID A123456(3) for the application", ("A123456(3)",)),
    ("national id", "ref 35202-1234567-1 on the form", ("35202-1234567-1",)),
    ("national id", "rodné číslo 710319/2745", ("710319/2745",)),
    # a password after what it opens
    ("password", "The password for ssh root@203.0.113.5 is Tr0ub4dor&3", ("Tr0ub4dor&3",)),
    ("password", "the password for my bank account is hunter22", ("hunter22",)),
    ("password", "The wifi password for the guest network is BlueSky!2024", ("BlueSky!2024",)),
    ("password", "password for admin: Passw0rd123", ("Passw0rd123",)),
    ("password", "Reset the password for user jdoe to Welcome2024!", ("Welcome2024!",)),
    # a chat log's speakers
    ("chat speaker", "[10:32] mike_r: hey can you send the file?", ("mike_r",)),
    ("chat speaker", "<jdoe42> anyone know how to fix this?", ("jdoe42",)),
    ("chat speaker", "12:01 <sarah.k> deploying now", ("sarah.k",)),
    # names
    ("name", "customer JANE Q PUBLIC, acct #88-2231-90", ("JANE", "PUBLIC")),
    ("name", "tell siobhan that aoife and niamh will be late", ("aoife", "niamh")),
    ("name", "i met fatima & kwame at the pub", ("fatima", "kwame")),
    ("name", "Pay to the order of Ebony Washington-Clarke $250.00", ("Ebony", "Clarke")),
    ("name", "Merhaba, ben Ayşe Yılmaz, Istanbul'da yaşıyorum", ("Ayşe", "Yılmaz")),
    ("name", "My name is TomÃ¡s Herrera and I live in MÃ¼nchen", ("Herrera", "nchen")),
    ("name", "JosÃ© GarcÃ­a called about the invoice", ("Jos", "Garc")),
    ("name", "Ð˜Ð²Ð°Ð½ ÐŸÐµÑ‚Ñ€Ð¾Ð² called about the invoice", ("Ð˜Ð²Ð°Ð½",)),
    # record numbers after their words
    ("record number", "prescriber NPI 1093817465, DEA BO1234563", ("1093817465",)),
    ("record number", "Lab accession 24-CH-118822 for Kowalczyk", ("24-CH-118822",)),
    ("record number", "Client matter 2024-0173 re: estate", ("2024-0173",)),
    ("record number", "Wire ref FT24157XYZ89 from SWIFT BOFAUS3N", ("FT24157XYZ89",)),
    ("record number", "Loan #LN-99182734 for Mr & Mrs Abernathy", ("LN-99182734",)),
    ("record number", "UK reg AB12 CDE, taxed till May", ("AB12 CDE",)),
    ("record number", "my QQ is 1234567890", ("1234567890",)),
    ("age", "Grandpa turned ninety-four last week", ("ninety-four",)),
    # seen and left (see the note): an SQL row's name with spaCy, names no list holds
    ("left", "INSERT INTO patients (name) VALUES ('Gregory House');", ("Gregory",)),
    ("left", "ask priya and rahul to join", ("rahul",)),
]


def main() -> None:
    backend = sys.argv[1]
    key = base64.b64encode(os.urandom(32)).decode()
    veil = Veil(Settings(home=tempfile.mkdtemp(), master_key=key),
                policy=Policy.model_validate({"ner_backend": backend}))
    total: collections.Counter[str] = collections.Counter()
    left: collections.Counter[str] = collections.Counter()
    for kind, text, values in PROBES:
        masked = veil.protect(text, session="probe").masked
        total[kind] += len(values)
        left[kind] += sum(v in masked for v in values)
    parts = ", ".join(f"{k} {left[k]}/{total[k]}" for k in total)
    print(f"{backend}: values left whole {sum(left.values())}/{sum(total.values())} ({parts})")


if __name__ == "__main__":
    main()
