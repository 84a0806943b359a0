"""A second, smaller held-out check for the fifty-first round's employer rules: documents of
the same kinds as ``leak_probes_s81d.py`` (HR, payroll, recruiting, investigations,
occupational health) in other wording, written before any rule of the round and not read
while the rules were written. Same policy, same counting:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s81d/heldout_s81d.py \
        learned|spacy [--show]

All values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ('cv', 'Hi! Attaching my resume. I\'m Brianna Castellano, reachable at '
     'bri.castellano@icloud.com or 312-555-0176; my LinkedIn is '
     'linkedin.com/in/bcastellano.',
     ('Brianna', 'Castellano', 'bri.castellano@icloud.com', '312-555-0176', 'bcastellano'),
     ()),
    ('cv', 'Personal details - Full name: Nomvula Sithole; Identity number: 9207300227081; '
     'Residential address: 44 Protea Road, Soweto 1804.',
     ('Nomvula', 'Sithole', '9207300227081', '44 Protea Road', '1804'),
     ('Personal details',)),
    ('interview', 'Debrief: candidate #77120 (Eoin Gallagher) - hiring manager Stella '
     'Marquez wants a second round for the Data Analyst post.',
     ('77120', 'Eoin', 'Gallagher', 'Stella', 'Marquez'),
     ('Data Analyst',)),
    ('offer', 'Letter of offer: Ms Yuki Tanaka, employee ID number EMP-77104, salary '
     'A$112,000, super paid to fund USI STA0100AU, member 44107882.',
     ('Yuki', 'Tanaka', 'EMP-77104', '44107882'),
     ('Letter of offer',)),
    ('payroll', 'Wage slip: Fraser Lindqvist; NI no. NZ 44 71 88 B; tax code 1100L; '
     'employee ref 0771; BACS to 30-96-21 / 77104882.',
     ('Fraser', 'Lindqvist', 'NZ 44 71 88 B', '0771', '30-96-21', '77104882'),
     ('Wage slip',)),
    ('payroll', 'Payroll correction for Abhishek Rao, employee code 7710, PF account '
     'KN/BNG/0077104/000/0001882, UAN 100771048821.',
     ('Abhishek', 'Rao', '7710', 'KN/BNG/0077104/000/0001882', '100771048821'),
     ('Payroll correction',)),
    ('payroll', 'Please check the super for Mackenzie Hale: TFN 339 201 845, BSB 033-172, '
     'account 771048.',
     ('Mackenzie', 'Hale', '339 201 845', '033-172', '771048'),
     ()),
    ('starter', 'W-4 on file: Anthony DiMarco, social security no. 214-77-1048, 55 Lowell '
     'St, Somerville MA 02143.',
     ('Anthony', 'DiMarco', '214-77-1048', '55 Lowell St', '02143'),
     ('W-4',)),
    ('starter', 'Starter form: Shannon Pike, NINO PR 77 10 48 C, born 30.08.1996.',
     ('Shannon', 'Pike', 'PR 77 10 48 C', '30.08.1996'),
     ('Starter form',)),
    ('rtw', 'I-9 List A: Employment Authorization Document, card # EAC2277104882, alien '
     'registration number A077104882, for Oluwaseun Bello.',
     ('EAC2277104882', 'A077104882', 'Oluwaseun', 'Bello'),
     ('Employment Authorization Document',)),
    ('rtw', 'S Pass holder Li Jiahui, FIN G5541207W, work pass number 0 7710488 2.',
     ('Li Jiahui', 'G5541207W'),
     ('S Pass holder',)),
    ('background', 'Enhanced DBS, cert no. 001877104882, applicant Keeley Rourke; Update '
     'Service subscribed.',
     ('001877104882', 'Keeley', 'Rourke'),
     ('Update Service',)),
    ('review', 'Investigation notes: witness statement of Priscilla Osei (WS-3); the '
     'respondent, Gavin Holt, denies the allegation.',
     ('Priscilla', 'Osei', 'Gavin', 'Holt'),
     ('witness statement',)),
    ('health', 'OH report for Mr Stefan Novak (staff no. 77104): fit for restricted duties; '
     'review by Dr Aisha Rahman.',
     ('Stefan', 'Novak', '77104', 'Aisha', 'Rahman'),
     ('restricted duties',)),
    ('health', 'WCB claim no. 7710488 for worker Dakota Running Bear; wage loss benefits.',
     ('7710488', 'Dakota Running Bear'),
     ('wage loss benefits',)),
    ('benefits', 'Dependant added: daughter Imogen Lowry, born 11/02/2019, to the plan of '
     'Russell Lowry (emp 7710).',
     ('Imogen', 'Lowry', '11/02/2019', 'Russell', '7710'),
     ('Dependant added',)),
    ('expenses', 'Corporate card 5522 8833 1144 7707 held by Oscar Whitby was used for '
     'a personal purchase.',
     ('5522 8833 1144 7707', 'Oscar', 'Whitby'),
     ('personal purchase',)),
    ('hris', 'id,name,email,aadhaar\n7710,Harshita Jain,harshita.jain@gmail.com,'
     '5271 8830 4618',
     ('7710', 'Harshita', 'Jain', 'harshita.jain@gmail.com', '5271 8830 4618'),
     ()),
    ('stay', 'Documents: the W-4, the I-9, the P45, the P60, the TD1, Form 16 and the '
     'IR8A; roles: People Partner, Recruiter, Payroll Lead.',
     (), ('W-4', 'I-9', 'P45', 'P60', 'TD1', 'Form 16', 'IR8A', 'People Partner',
          'Recruiter', 'Payroll Lead')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
