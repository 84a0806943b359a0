"""The thirty-seventh round's probe prompts: each with the values that must not go upstream
whole. Counts the values that ``Veil.protect`` leaves in the masked text, per prompt kind, with
the ``veil`` on ``PYTHONPATH`` (an older tree: ``git archive <commit> src``) and one NER
backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s68/leak_probes_s68.py learned|spacy

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
    # identity and insurance numbers
    ("numbers", "SSN: 987-65-4321", ("987-65-4321",)),
    ("numbers", "ssn 000-12-3456", ("000-12-3456",)),
    ("numbers", "UK driving licence number: WOOD9701015J99AB", ("WOOD9701015J99AB",)),
    ("numbers", "Driving licence MORGA657054SM9IJ belongs to Sarah Morgan.",
     ("MORGA657054SM9IJ",)),
    ("numbers", "insurance: BlueCross PPO, member XEP987654321, group 0045521",
     ("XEP987654321", "0045521")),
    ("numbers", "Member ID 9928374650 Group 1200-5531", ("1200-5531",)),
    ("numbers", "полис ОМС 7712345678901234", ("7712345678901234",)),
    ("numbers", "Name: Jürgen Weiß, Versichertennummer A123456780", ("A123456780",)),
    ("numbers", "Visa 4111-1111-1111-1111 12/27 123", ("4111-1111-1111-1111", " 123")),
    ("numbers", "Medicaid ID: 12345678901", ("12345678901",)),
    ("numbers", "CURP: GOMA850101MJCRRN01", ("GOMA850101MJCRRN01",)),
    ("numbers", "Ihre Versicherungsnummer lautet 12 180392 M 504.", ("M 504",)),
    ("numbers", "referred by Dr. Yusuf Al-Hakim (GMC 7012345).", ("7012345",)),
    # secrets and addresses
    ("secrets", "AKIAZ3MHQ7R5EXAMPLE1 / 9fJ2kQ+xv8Lp0aZ7tYw3mN1bC4dE6gH5iJ8kL0mN",
     ("9fJ2kQ+xv8Lp0aZ7tYw3mN1bC4dE6gH5iJ8kL0mN",)),
    ("secrets", "email from j.o'brien@firm.ie re: the settlement", ("j.o'brien",)),
    # structured records
    ("records", "INSERT INTO users (first, last, email) VALUES ('Bartholomew', 'Quince', "
     "'bq@quince.io');", ("Bartholomew", "Quince")),
    ("records", "UPDATE customers SET full_name = 'Ingrid Halvorsen', phone='+47 912 34 567' "
     "WHERE id = 7;", ("Ingrid Halvorsen", "+47 912 34 567")),
    ("records", '{"user":{"first":"Lucinda","last":"Abernathy","city":"Hanover"}}',
     ("Lucinda", "Abernathy", "Hanover")),
    ("records", '{"family":"Okonkwo","given":["Chidi","Emeka"]}', ("Chidi", "Emeka")),
    ("records", "GET /api/users?name=Jonathan+Reyes&dob=1990-04-12 HTTP/1.1", ("Reyes",)),
    ("records", "RE: GARCIA, MARIA ELENA (MRN 00554411)", ("GARCIA", "ELENA")),
    ("records", "PATIENT: NGUYEN, THANH", ("THANH",)),
    ("records", 'git commit --author="Dmitri Volkov <dvolkov@corp.example>"', ("Dmitri",)),
    # names
    ("names", "In re: Estate of Margarethe Vogelsang, deceased.", ("Margarethe", "Vogelsang")),
    ("names", "Résumé — Ana-Lucía Ferreira, Rua das Flores 123", ("Ana-Lucía", "Ferreira")),
    ("names", "My boyfriend jake keeps texting my ex-wife jenny", ("jenny",)),
    ("names", "tell mom i'll call grandma rosie tonight", ("rosie",)),
    ("names", "as the proverb says\n— Kwabena", ("Kwabena",)),
    ("names", "Account no. 12345678, holder Mr J Smith", ("Smith",)),
    ("names", "My brother-in-law Giorgos lives at Odos Ermou 22", ("Giorgos",)),
    ("names", "私の名前は佐藤花子です。", ("佐藤花子",)),
    ("names", "제 이름은 이민호입니다.", ("이민호",)),
    # places
    ("places", "i'm from chicago and moved to denver last year", ("chicago", "denver")),
    ("places", "we live in manchester now", ("manchester",)),
    ("places", "서울특별시 강남구 테헤란로 152", ("테헤란로 152",)),
    ("places", "東京都新宿区西新宿2-8-1", ("2-8-1",)),
    # seen and left (see the note)
    ("left", "ask priya and rahul to join", ("rahul",)),
    ("left", "وأعيش في القاهرة", ("القاهرة",)),
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
