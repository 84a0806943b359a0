"""A second, smaller held-out check for the fifty-second round's education and research rules:
documents of the same kinds as ``leak_probes_s82d.py`` (student records, admissions, parent
e-mails, SEN and safeguarding notes, student finance, international students, staff records,
LMS exports, research participants, ethics and grants, clinical research forms) in other
wording, written before any rule of the round and not read while the rules were written. Same
policy, same counting:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s82d/heldout_s82d.py \
        learned|spacy [--show]

All values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ('records', 'Can you summarise this? Pupil: Freya Lindsay-Hart, unique pupil number '
     'W935200112233, born 30 May 2012, lives at 5 Kestrel Mews, Norwich NR4 7TJ.',
     ('Freya', 'Lindsay-Hart', 'W935200112233', '30 May 2012', '5 Kestrel Mews', 'NR4 7TJ'),
     ()),
    ('records', 'Transcript for Gabriel Mensah-Owusu - student no. 31188204 - PSYC 2301 A, '
     'BIOL 1406 B.',
     ('Gabriel', 'Mensah-Owusu', '31188204'),
     ('PSYC 2301', 'BIOL 1406')),
    ('records', 'Learner number (ULN) 7712048833 for apprentice Kieran Doherty, Level 3 '
     'Electrical Installation.',
     ('7712048833', 'Kieran', 'Doherty'),
     ('Level 3 Electrical Installation',)),
    ('admissions', 'UCAS application number 0771204883 from Naomi Fletcher; offer conditional '
     'on ABB at A-level.',
     ('0771204883', 'Naomi', 'Fletcher'),
     ('A-level',)),
    ('admissions', 'Candidate no. 0518, centre 27104 - Eshan Gupta sat Paper 2 with a reader.',
     ('0518', 'Eshan', 'Gupta'),
     ('Paper 2',)),
    ('parents', 'Message to parents of Mia Kowalczyk: please ring the office on 01632 960 772; '
     'your emergency contact (Adam Kowalczyk, 07700 900 318) is out of date.',
     ('Mia', 'Kowalczyk', '01632 960 772', 'Adam', '07700 900 318'),
     ()),
    ('sen', '504 meeting notes: Elijah Thornton (grade 4) - ADHD; mom Crystal Thornton '
     'asked for preferential seating. Her email is crystal.t88@gmail.com.',
     ('Elijah', 'Thornton', 'Crystal', 'crystal.t88@gmail.com'),
     ('504 meeting notes', 'ADHD', 'preferential seating')),
    ('safeguarding', 'DSL note: Year 6 child Alfie Marsh arrived with bruising; stepfather '
     'Craig Jenner collected him. Social care ref 77120488.',
     ('Alfie', 'Marsh', 'Craig', 'Jenner', '77120488'),
     ('DSL note',)),
    ('finance', 'Student loan: SLC customer ref 77120488331 for Bethan Rees; her bank details '
     'sort code 30-95-77, account number 77120488.',
     ('77120488331', 'Bethan', 'Rees', '30-95-77', '77120488'),
     ()),
    ('finance', 'Financial aid file: Jamal Whitaker, FSA ID jwhitaker_07, EFC 0, Pell Grant '
     'eligible.',
     ('Jamal', 'Whitaker', 'jwhitaker_07'),
     ('Pell Grant',)),
    ('international', 'Visa letter for Oyelaran Tobiloba, passport number A07712048, CAS ref '
     'E7K2M9X4P1Q6R3; SEVIS N0077120488 transferred.',
     ('Oyelaran', 'Tobiloba', 'A07712048', 'E7K2M9X4P1Q6R3', 'N0077120488'),
     ()),
    ('staff', 'Supply teacher: Ms Ffion Pritchard, teacher ref no 7712048, DBS no. '
     '001771204883, mobile 07700 900 562.',
     ('Ffion', 'Pritchard', '7712048', '001771204883', '07700 900 562'),
     ('Supply teacher',)),
    ('lms', 'sis_id,full_name,username,email\nS77120,Grace Oduya,goduya,goduya@learn.ac.uk',
     ('S77120', 'Grace', 'Oduya', 'goduya', 'goduya@learn.ac.uk'),
     ()),
    ('misconduct', 'Plagiarism hearing for Connor Quigley (student ID 77120488): essay matched '
     'a paper by his flatmate Ruairi Nolan.',
     ('Connor', 'Quigley', '77120488', 'Ruairi', 'Nolan'),
     ('Plagiarism hearing',)),
    ('research', 'Transcript, participant R12 - Doreen Whitcombe: "my neighbour Alan checks on '
     'me"; follow-up number 01632 960 119.',
     ('Doreen', 'Whitcombe', 'Alan', '01632 960 119'),
     ()),
    ('grants', 'Co-I: Dr Li Wen, ORCID iD 0000-0002-9079-593X, eRA Commons ID LIWEN22; award '
     'U01 AI771204.',
     ('Li Wen', '0000-0002-9079-593X', 'LIWEN22'),
     ('U01 AI771204',)),
    ('clinical', 'Source document: subject 203-0771, DOB 07/02/1955, MRN 77120488, randomised '
     'to arm B.',
     ('203-0771', '07/02/1955', '77120488'),
     ('arm B',)),
    ('stay', 'Terms: GCSE, A-level, Scottish Highers, AP, IB, FERPA, Section 504, SENCo, FAFSA, '
     'Form I-20, grant R21 NS771204.',
     (), ('GCSE', 'A-level', 'Scottish Highers', 'AP', 'IB', 'FERPA', 'Section 504', 'SENCo',
          'FAFSA', 'Form I-20', 'R21 NS771204')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
