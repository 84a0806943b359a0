"""The forty-first round's conversation probes: values a chat gives once with their context
(a full name, a labelled number, an address) and mentions again in later turns bare, in lower
case, in capitals, possessive, cut to a part, or re-spaced. Each conversation is one session,
its turns protected in order; a value counts as left whole where a turn sends it upstream.

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s72t/leak_probes_s72t.py \
        learned|spacy [--show]

All values are made up; checksums are valid where the id has one.
"""

from __future__ import annotations

import base64
import os
import sys
import tempfile

#: conversations: (kind, turns); a turn is (text, values that must go, words that must stay)
Turn = tuple[str, tuple[str, ...], tuple[str, ...]]
CONVERSATIONS: list[tuple[str, list[Turn]]] = [
    ("lower-case later", [
        ("My colleague Priya Venkataraman (priya.v@northgate.example) asked me to draft her "
         "leave request.", ("Priya Venkataraman", "priya.v@northgate.example"), ("leave",)),
        ("priya wants to start on Monday; can you make it sound formal?", ("priya",),
         ("Monday", "formal")),
        ("cc her manager Tobias Ellersby please.", ("Tobias Ellersby",), ("manager",)),
        ("tobias said the HR code is fine. what does venkataraman mean as a surname?",
         ("tobias", "venkataraman"), ("surname", "HR")),
        ("thank ellersby's deputy too", ("ellersby",), ("deputy",)),
    ]),
    ("capitals and possessive", [
        ("Patient: Oluwaseun Adebayo-Hart, DOB 14/03/1961, NHS 943 476 5919.",
         ("Oluwaseun", "Adebayo-Hart", "14/03/1961", "943 476 5919"), ("Patient",)),
        ("Summarise ADEBAYO-HART's last three visits.", ("ADEBAYO-HART",), ("Summarise", "visits")),
        ("oluwaseun's daughter called again about the appointment.", ("oluwaseun",),
         ("daughter", "appointment")),
        ("Is 9434765919 the right NHS number for him?", ("9434765919",), ("NHS", "number")),
    ]),
    ("names that are words", [
        ("Our client is Grace Hunter, she lives at 14 Larkspur Close, Didcot OX11 7GH.",
         ("Grace Hunter", "14 Larkspur Close", "OX11 7GH"), ("client",)),
        ("Grace will sign on Friday. I hope the hunter lodge booking is fine.", ("Grace",),
         ("will", "hope", "hunter", "lodge", "Friday")),
        ("Send the draft to Hunter and copy Larkspur Close residents' association.",
         ("Hunter",), ("draft", "residents")),
    ]),
    ("surname-first and initials", [
        ("Claimant: KOWALCZYK, Agnieszka Maria; policy GH-20931-77.",
         ("KOWALCZYK", "Agnieszka"), ("Claimant", "policy")),
        ("Write to Ms Kowalczyk about the delay.", ("Kowalczyk",), ("delay",)),
        ("agnieszka prefers email; draft it in Polish.", ("agnieszka",), ("email", "Polish")),
        ("Sign as A. M. Kowalczyk.", ("Kowalczyk",), ("Sign",)),
    ]),
    ("numbers again, bare", [
        ("My account is 31926819 with sort code 60-16-13, card 4539 1488 0343 6467.",
         ("31926819", "60-16-13", "4539 1488 0343 6467"), ("account",)),
        ("why was 4539148803436467 declined twice?", ("4539148803436467",), ("declined",)),
        ("and is 31926819 still frozen? the bank said 601613 is fine", ("31926819", "601613"),
         ("frozen", "bank")),
    ]),
    ("address parts later", [
        ("Deliver to Flat 3, 27 Wensleydale Road, Hexham NE46 3BT, for Imogen Castellanos.",
         ("27 Wensleydale Road", "NE46 3BT", "Imogen Castellanos"), ("Deliver",)),
        ("the wensleydale road flat has no lift; castellanos uses a wheelchair",
         ("castellanos",), ("lift", "wheelchair")),
        ("Ask Imogen whether ne46 3bt is right.", ("Imogen", "ne46 3bt"), ("whether",)),
    ]),
    ("non-English names", [
        ("Mi paciente se llama Itziar Goikoetxea Urrutia, nacida el 3 de mayo de 1979.",
         ("Itziar", "Goikoetxea", "Urrutia"), ("paciente",)),
        ("¿Qué tratamiento recomiendas para itziar?", ("itziar",), ("tratamiento",)),
        ("Herr Dr. Wolfgang Quirnheim hat angerufen.", ("Wolfgang Quirnheim",), ("angerufen",)),
        ("quirnheim möchte einen Termin am Dienstag.", ("quirnheim",), ("Termin", "Dienstag")),
    ]),
    ("nickname-free repeats", [
        ("I'm Dmitri Zaharchenko, employee number 00418817, badge B-77120.",
         ("Dmitri Zaharchenko", "00418817"), ("employee",)),
        ("DMITRI ZAHARCHENKO needs access to the finance share.", ("DMITRI ZAHARCHENKO",),
         ("access", "finance")),
        ("zaharchenko, dmitri — please update the directory.", ("zaharchenko", "dmitri"),
         ("update", "directory")),
        ("the directory shows 00418817 as inactive", ("00418817",), ("inactive",)),
    ]),
]


def main() -> None:
    from veil import Veil
    from veil.config import Policy, Settings

    args = sys.argv[1:]
    show = "--show" in args
    backend = next(a for a in args if not a.startswith("--"))
    key = base64.b64encode(os.urandom(32)).decode()
    veil = Veil(Settings(home=tempfile.mkdtemp(), master_key=key),
                policy=Policy.model_validate({"ner_backend": backend}))
    values = left = words = lost = 0
    for n, (kind, turns) in enumerate(CONVERSATIONS):
        for i, (text, must_go, must_stay) in enumerate(turns):
            masked = veil.protect(text, session=f"conversation-{n}").masked
            gone = [v for v in must_go if v in masked]
            missing = [w for w in must_stay if w not in masked]
            values += len(must_go)
            left += len(gone)
            words += len(must_stay)
            lost += len(missing)
            if show and (gone or missing):
                print(f"#{n}.{i} {kind}: left {gone} lost {missing}\n    {masked!r}")
    print(f"{backend}: values left whole {left}/{values}; prompt words lost {lost}/{words}")


if __name__ == "__main__":
    main()
