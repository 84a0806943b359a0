"""The thirty-eighth round's probe prompts: the values that must not go upstream whole, and the
words that must (a prompt's own words, lost when a value's neighbour was escaped with it or a
label was masked). Counts both with the ``veil`` on ``PYTHONPATH`` (an older tree: ``git
archive <commit> src``) and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s69/leak_probes_s69.py learned|spacy

All values are made up.
"""

from __future__ import annotations

import json
import sys

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # a word and a bracket before a value read as a placeholder typed by the caller
    ("look-alikes", "Patient (SSN 123-45-6789) was seen.", ("123-45-6789",), ("(SSN ",)),
    ("look-alikes", "Patient (DOB 03/04/1985) seen", ("03/04/1985",), ("(DOB ",)),
    ("look-alikes", "reach me (phone 555-123-4567)", ("555-123-4567",), ("(phone ",)),
    ("look-alikes", "server [IP 10.0.0.1] down", ("10.0.0.1",), ("[IP ",)),
    ("look-alikes", "paid with (card 4111 1111 1111 1111)", ("4111 1111 1111 1111",),
     ("(card ",)),
    # pasted tables
    ("tables", "Here is the export:\npatient_name,dob,mrn,city\n"
     "Wei Zhang,1979-04-02,00482913,Hanover\nmaria lopez,03/14/1985,00913388,Leeds\n",
     ("Zhang", "00482913", "Hanover", "00913388", "Leeds"), ("patient_name,dob,mrn,city",)),
    ("tables", "| Name | Phone | Notes |\n|---|---|---|\n| Wei Zhang | 555 0100 | likes tea |\n"
     "| Okoro Banks | 555 0101 | n/a |\n", ("Wei Zhang", "555 0100", "Banks", "555 0101"),
     ("likes tea",)),
    ("tables", json.dumps({"csv": "name,email,phone\nLiang Qing,lq@163.com,+86 138 0013 8000\n"
                                  "Wei Zhang,wz@x.cn,+86 139 0000 1111"}),
     ("Liang", "Zhang"), ("name,email,phone",)),
    # a form's labelled lines
    ("forms", "City: Hanover\nState: NH\nEmployer: Brightline Logistics",
     ("Hanover", "Brightline Logistics"), ("City:", "Employer:")),
    ("forms", "patient:\n  city: Hanover\n  employer: Dartmouth Health",
     ("Hanover", "Dartmouth Health"), ()),
    ("forms", "home_city=Hanover\nmother_maiden_name=Okonkwo", ("Hanover", "Okonkwo"), ()),
    # names
    ("names", "Call Ingrid at +44 20 7946 0958 or her mobile 07700 900461.", ("Ingrid",), ()),
    ("names", "Attendees: rahul, meera, and josh from finance.", ("rahul", "meera", "josh"),
     ("finance",)),
    ("names", "Send the NDA to gwendolyn.ashby@gmail.com and cc her lawyer Bartholomew Finch.",
     ("Finch",), ("NDA",)),
    ("names", "my friend josh said hi", ("josh",), ("said hi",)),
    ("names", "Hola soy camila, mi correo es cami.rojas88@gmail.com", ("camila",), ()),
    # chat logs and identity numbers
    ("numbers", "Ref: claimant Sipho Dlamini (ID 8001015009087) vs Mutual Insurance Co.",
     ("8001015009087",), ()),
    ("chat", "[10:42] <mkowalczyk> can someone reset pw for jpatel?", ("mkowalczyk",), ()),
    # places and labels
    ("places", "Coordinates of the safe house: 47.6062, -122.3321.", ("47.6062",), ()),
    ("labels", "The car with plate KX19 ABC and VIN 1HGCM82633A004352 belongs to Trevor.",
     ("KX19 ABC", "1HGCM82633A004352"), ("VIN",)),
    ("labels", "My daughter Saoirse (DOB 2011-06-02) attends school.", ("Saoirse",),
     ("(DOB ",)),
    # seen and left (see the note)
    ("left", "ssh deploy@db.internal -i ~/.ssh/id_rsa_tkowalski", ("tkowalski",), ()),
    ("left", "child (age 7) has fever", (), ("(age 7)",)),
]


if __name__ == "__main__":
    import pathlib

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main

    main(PROBES)
