"""The thirty-ninth round's probe prompts: the values that must not go upstream whole, and the
words that must (a prompt's own words, lost when a value's neighbour was escaped with it or a
label was masked). Counts both with the ``veil`` on ``PYTHONPATH`` (an older tree: ``git
archive <commit> src``) and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s70/leak_probes_s70.py learned|spacy

All values are made up.
"""

from __future__ import annotations

import sys

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # e-mail headers, quoted replies and signatures
    ("email", 'From: "Marisol Penhaligon" <m.penhaligon@example.org>\nTo: HR Team '
     "<hr@example.org>\nSubject: leave request\n\nPlease approve.",
     ("Marisol", "Penhaligon", "m.penhaligon@example.org"), ("Subject: leave request",)),
    ("email", "-----Original Message-----\nFrom: Blackwood, Horatio\nSent: Monday, 3 June 2024 "
     "14:02\nTo: Sommerfeld, Greta\nSubject: RE: tenancy",
     ("Blackwood", "Horatio", "Sommerfeld", "Greta"), ("Subject: RE: tenancy",)),
    ("email", "Am Di., 4. Juni 2024 um 09:12 Uhr schrieb Wiebke Hollmann <wiebke@example.de>:",
     ("Wiebke", "Hollmann"), ("schrieb",)),
    ("email", "Kind regards,\nDervla Fitzmaurice\nSenior Paralegal | Ashgrove Solicitors\n"
     "Direct: 020 7946 0312 | Mob: 07700 900877",
     ("Dervla", "Fitzmaurice", "020 7946 0312", "07700 900877"), ("Senior Paralegal",)),
    # a form's body and log lines
    ("logs", "POST body: fullname=Priscilla+Okwuosa&dob=1988-02-17&postcode=LS6+2QT",
     ("Priscilla", "Okwuosa", "1988-02-17", "LS6"), ()),
    ("logs", '192.0.2.44 - tmercer [12/Mar/2024:10:22:01 +0000] "GET /account/settings '
     'HTTP/1.1" 200 512', ("192.0.2.44", "tmercer"), ("GET /account/settings",)),
    ("logs", "Jun 12 03:14:07 web01 sshd[2231]: Failed password for invalid user mbrannigan "
     "from 203.0.113.9 port 52144 ssh2", ("mbrannigan", "203.0.113.9"),
     ("Jun 12", "Failed password")),
    ("logs", "Jun 12 03:15:40 web01 sshd[2240]: Accepted publickey for olatunde from "
     "198.51.100.7", ("olatunde",), ("Accepted publickey",)),
    ("logs", '{"ts":"2024-06-12T03:14:07Z","event":"checkout","customer":{"name":'
     '"Ambrose Kettering","zip":"02139"},"ip":"203.0.113.50"}',
     ("Ambrose", "Kettering", "02139"), ('"event":"checkout"',)),
    # clinical notes
    ("clinical", "DISCHARGE SUMMARY\nPatient: Eleanor Vasquez-Trent  MRN: 7734120  Ward 7B, "
     "Bed 12\nDiagnosis: community-acquired pneumonia\nDischarged to daughter (Rosalind).",
     ("Eleanor", "Vasquez-Trent", "7734120", "Rosalind"), ("community-acquired pneumonia",)),
    ("clinical", "Bed 14 — Mrs. Augustina Pellegrino, 84, post-op day 2 (R hemiarthroplasty), "
     "daughter Carla 07700 900612", ("Augustina", "Pellegrino", "Carla", "07700 900612"),
     ("hemiarthroplasty",)),
    ("clinical", "Medication list for Imelda Ferreira-Hobbs (DOB 14/09/1956):\n- metformin "
     "500 mg BD\n- atorvastatin 20 mg ON", ("Imelda", "Ferreira-Hobbs", "14/09/1956"),
     ("metformin 500 mg BD", "atorvastatin 20 mg ON")),
    ("clinical", "Pt name: marguerite okafor-lindqvist, dob 2/3/61, c/o chest pain x2d",
     ("marguerite", "okafor-lindqvist", "2/3/61"), ("chest pain",)),
    ("clinical", "HIV+ on ART; partner Jonah Achterberg also tested; lives at Flat 3, "
     "11 Quayside, Hull HU1 2AA", ("Jonah", "Achterberg", "11 Quayside", "HU1 2AA"),
     ("HIV+",)),
    ("clinical", "Dear Dr Abernethy,\nThank you for seeing Mr Cuthbert Blewitt, 72, NHS No. "
     "943 476 5919, who presents with worsening dyspnoea.",
     ("Abernethy", "Cuthbert", "Blewitt", "943 476 5919"), ("worsening dyspnoea",)),
    ("clinical", "Paciente: Maite Goikoetxea Arrieta, NHC 0045812, alergia a la penicilina.",
     ("Maite", "Goikoetxea", "0045812"), ("penicilina",)),
    # legal
    ("legal", "IN THE HIGH COURT OF JUSTICE\nBETWEEN:\nGWENDOLINE PARRISH\nClaimant\n-and-\n"
     "THORNBURY ESTATES LIMITED\nDefendant", ("GWENDOLINE", "PARRISH"),
     ("Claimant", "Defendant")),
    ("legal", "Okafor v. Brightwater Holdings LLC, No. 3:22-cv-01187-JAM (D. Conn.)",
     ("Okafor", "3:22-cv-01187"), ()),
    ("legal", "MATTER: Halloran / Fenwick divorce — client DOB 11/02/1979, husband's employer "
     "Grant Thornbury LLP", ("Halloran", "Fenwick", "11/02/1979"), ("divorce",)),
    ("legal", 'This Agreement is made between Clementine Hargreaves ("Landlord") and Oleksandr '
     'Hrytsenko ("Tenant")', ("Clementine", "Hargreaves", "Oleksandr", "Hrytsenko"),
     ('("Landlord")', '("Tenant")')),
    # banking
    ("banking", "Please pay invoice 8812 to sort code 20-32-06, account 73198854, payee Mrs "
     "Philippa Gant.", ("20-32-06", "73198854", "Philippa", "Gant"), ("invoice",)),
    ("banking", ":50K:/GB29NWBK60161331926819\nHORATIO BLACKWOOD\n12 CHURCH LANE YORK\n"
     ":59:/DE89370400440532013000\nGRETA SOMMERFELD",
     ("HORATIO", "BLACKWOOD", "GB29NWBK60161331926819", "GRETA", "SOMMERFELD",
      "12 CHURCH LANE"), ()),
    # HR
    ("hr", "payroll,EMP00412,Kowalczyk,Agnieszka,NI QQ123456C,gross 3120.55",
     ("Kowalczyk", "Agnieszka", "QQ123456C"), ()),
    ("hr", "Emp#  Name               DOB         NI\n0412  Seraphina Voss     12/04/1990  "
     "JT482915B\n0413  Caspar Ndiaye      30/11/1985  NR774021C",
     ("Seraphina", "Voss", "JT482915B", "Caspar", "Ndiaye", "NR774021C"), ()),
    ("hr", "Exit interview — Leopold Amankwah-Steele (L.Amankwah@corp.example), reason: "
     "harassment by team lead Quentin Morrow", ("Leopold", "Amankwah-Steele", "Quentin",
                                                 "Morrow"), ("harassment",)),
    # calendars, contacts, commits and paths
    ("calendar", "BEGIN:VEVENT\nSUMMARY:1:1 review\nATTENDEE;CN=Saskia Vollmer;ROLE="
     "REQ-PARTICIPANT:mailto:saskia.vollmer@example.de\nORGANIZER;CN=Lorcan Byrne:mailto:"
     "lbyrne@example.ie\nEND:VEVENT", ("Saskia", "Vollmer", "Lorcan", "Byrne"),
     ("SUMMARY:1:1 review",)),
    ("calendar", "Invitation: Disciplinary hearing — Barnaby Cresswell @ Thu 6 Jun 2pm "
     "(cresswell.b@example.com)", ("Barnaby", "Cresswell"), ("Disciplinary hearing",)),
    ("vcard", "BEGIN:VCARD\nVERSION:3.0\nFN:Ignatius Featherstonehaugh\nN:Featherstonehaugh;"
     "Ignatius;;;\nTEL;TYPE=CELL:+44 7700 900458\nADR;TYPE=HOME:;;9 Quarry Row;Durham;;"
     "DH1 3LE;UK\nEND:VCARD",
     ("Ignatius", "Featherstonehaugh", "+44 7700 900458", "9 Quarry Row", "DH1 3LE"), ()),
    ("git", "fix: handle null tz\n\nSigned-off-by: Radomir Petrovski <radomir.p@example.dev>\n"
     "Co-authored-by: Yolanda Esterhuizen <yolanda@example.dev>",
     ("Radomir", "Petrovski", "Yolanda", "Esterhuizen"), ("fix: handle null tz",)),
    ("paths", r"Error: ENOENT: no such file 'C:\Users\Kateryna.Moroz\AppData\Local\app"
     r"\config.json'", ("Kateryna", "Moroz"), ("ENOENT",)),
    # markup around values
    ("markup", "**Client:** _Rosalind Achebe_  \n**Phone:** `+1 (415) 555-0143`",
     ("Rosalind", "Achebe", "555-0143"), ("**Client:**",)),
    ("markup", "**Name:** Tobias Wrenfield\n**DOB:** 02/03/1984\n**Reason:** gross misconduct",
     ("Tobias", "Wrenfield", "02/03/1984"), ("**Name:**", "gross misconduct")),
    ("markup", "<tr><td>Beaumont, Felicity</td><td>07/11/1979</td><td>Ward 4</td></tr>",
     ("Beaumont", "Felicity", "07/11/1979"), ()),
    ("markup", r"\author{Cressida Montague\thanks{Dept. of Physics}} \\ "
     r"\texttt{cmontague@example.ac.uk}", ("Cressida", "Montague"), ()),
    ("markup", '<input name="fullname" value="Lysander Whitcombe"><input name="tel" '
     'value="07700 900118">', ("Lysander", "Whitcombe", "07700 900118"), ()),
    ("markup", "- **Name**: Fenwick Tallis\n- **DOB**: 1982-03-09\n- **Address**: 5 Ormond "
     "Yard, Bath BA1 1AA", ("Fenwick", "Tallis", "1982-03-09", "5 Ormond Yard", "BA1 1AA"),
     ("**DOB**",)),
    # developers' pastes
    ("dev", "mysql -h 10.4.0.12 -u rfontaine -p'Gr4nite!Peak' payroll",
     ("rfontaine", "Gr4nite!Peak", "10.4.0.12"), ()),
    ("dev", "users = [{'name': 'Evander Holloway', 'ssn': '219-09-9999'}]",
     ("Evander", "Holloway", "219-09-9999"), ()),
    # names with diacritics, other languages
    ("names", "Write a condolence note to Siobhán Ní Bhraonáin and her husband Pádraig Ó "
     "Súilleabháin.", ("Siobhán", "Bhraonáin", "Pádraig", "Súilleabháin"),
     ("condolence note",)),
    ("names", "Mevrouw Femke van der Heijden, BSN 111222333, woont aan de Prinsengracht 263 in "
     "Amsterdam.", ("Femke", "Heijden", "111222333", "Prinsengracht 263"), ()),
]

if __name__ == "__main__":
    import pathlib

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main

    main(PROBES)
