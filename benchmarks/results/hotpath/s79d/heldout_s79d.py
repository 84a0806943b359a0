"""A second, smaller held-out check for the forty-ninth round's legal rules: documents of the
same kinds as ``leak_probes_s79d.py`` in other wording, written before any rule of the round
and not read while the rules were written. Same policy, same counting:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s79d/heldout_s79d.py \
        learned|spacy [--show]

All values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ('caption', 'IN THE DISTRICT COURT OF TRAVIS COUNTY, TEXAS\nCause Number D-1-GN-24-003318\n'
     'ODALYS FERREIRA-KNOX, Plaintiff\nvs.\nLONESTAR STORAGE PARTNERS, Defendant',
     ('D-1-GN-24-003318', 'ODALYS', 'FERREIRA-KNOX'), ('Plaintiff', 'Defendant')),
    ('caption', 'In re Guardianship of Beatrix Holloway-Quist, an incapacitated person; '
     'Guardianship No. 24-GU-00917',
     ('Beatrix', 'Holloway-Quist', '24-GU-00917'), ('incapacitated person',)),
    ('docket', 'Please check the status of our case, Case Number: 5:23-cv-00891-BLF, and the '
     'related state matter, Case No. 23CV418822.',
     ('5:23-cv-00891-BLF', '23CV418822'), ('check the status',)),
    ('docket', 'Court reference for the small claim: M9QZ3F41, claimant Ms Haleh Darvish.',
     ('M9QZ3F41', 'Haleh', 'Darvish'), ('small claim',)),
    ('bar', 'Signed: Ignatius Mbeki-Lowell, Esq., State Bar No. 312874, ignatius@mbekilaw.com',
     ('Ignatius', 'Mbeki-Lowell', '312874', 'ignatius@mbekilaw.com'), ()),
    ('bar', 'Counsel of record: Rhiannon Price (SRA No. 640217) and Tomasz Nowicki (SRA ID '
     '591883).',
     ('Rhiannon', 'Price', '640217', 'Tomasz', 'Nowicki', '591883'), ('Counsel of record',)),
    ('transcript', 'CROSS-EXAMINATION\nBY MR. HOLLINGSWORTH:\nQ. Ms. Abernethy, you told '
     'Officer Grady your address was 55 Quarry Lane, correct?\nA. Yes.',
     ('HOLLINGSWORTH', 'Abernethy', 'Grady', '55 Quarry Lane'), ('CROSS-EXAMINATION',)),
    ('transcript', 'THE CLERK: Please state your full name.\nTHE WITNESS: Cordelia Anne '
     'Ravensworth.\nTHE CLERK: Spell your last name.\nTHE WITNESS: R-A-V-E-N-S-W-O-R-T-H.',
     ('Cordelia', 'Ravensworth'), ('THE CLERK', 'Please state your full name')),
    ('immigration', 'USCIS case status for receipt LIN2412098765: Case Was Approved. '
     'Beneficiary: Adaeze Okonkwo, A-Number: A-219-004-731.',
     ('LIN2412098765', 'Adaeze', 'Okonkwo', 'A-219-004-731'), ('Case Was Approved',)),
    ('immigration', 'My client (UCI: 11-2233-4455) needs a TRV; her file number is '
     'W309112233. Name: Thi Hoa Pham.',
     ('11-2233-4455', 'W309112233', 'Hoa', 'Pham'), ('needs a TRV',)),
    ('immigration', 'Alien # 204-118-377 and I-94 # 93381177402 for Mr Rustam Karimov.',
     ('204-118-377', '93381177402', 'Rustam', 'Karimov'), ()),
    ('criminal', 'Jail roster: Inmate No. 24-0019932, Carlos Ibarra-Reyes, booked 11/02/24, '
     'bond $25,000; DOC number 1187742.',
     ('24-0019932', 'Carlos', 'Ibarra-Reyes', '1187742'), ('Jail roster', 'bond $25,000')),
    ('criminal', 'Incident #2024-118273 report by Officer Diaz; complainant Heather McCallum '
     'of 19 Elm Row, Hawick TD9 7HF.',
     ('2024-118273', 'Heather', 'McCallum', '19 Elm Row', 'TD9 7HF'), ()),
    ('family', 'Custody evaluation for the minor children Noah Lindqvist-Bauer (DOB '
     '2013-08-19) and Ella Lindqvist-Bauer (DOB 2016-12-02).',
     ('Noah', 'Lindqvist-Bauer', '2013-08-19', 'Ella', '2016-12-02'), ('Custody evaluation',)),
    ('family', 'Child support: case no. 00-0412-8871-3, payor Anthony Rizzo, monthly $1,150.',
     ('00-0412-8871-3', 'Anthony', 'Rizzo'), ('Child support', 'monthly $1,150')),
    ('estate', 'Codicil to the will of Mrs Philippa Ormsby-Gore: I leave my piano to my niece '
     'Harriet Ormsby of 4 Church Walk, Ludlow SY8 1AP.',
     ('Philippa', 'Ormsby-Gore', 'Harriet', 'Ormsby', '4 Church Walk', 'SY8 1AP'),
     ('Codicil to the will of',)),
    ('estate', 'Trust certification: trustee Desmond Achebe-Wright, Trust EIN 88-1234567.',
     ('Desmond', 'Achebe-Wright', '88-1234567'), ('Trust certification',)),
    ('bankruptcy', 'Creditor matrix: Synchrony Bank, acct # 6019 4411 8820 1123; Mohela, loan '
     'no. 9908812231; debtor Latoya Greenfield, Case No. 24-30419-hdh7.',
     ('6019 4411 8820 1123', '9908812231', 'Latoya', 'Greenfield', '24-30419-hdh7'),
     ('Creditor matrix',)),
    ('ediscovery', 'Bates stamped PLTF000771 to PLTF000802: texts between Kenji Watanabe and '
     'Aisha Rahman (aisha.rahman@fastmail.com).',
     ('PLTF000771', 'PLTF000802', 'Kenji', 'Watanabe', 'Aisha', 'Rahman',
      'aisha.rahman@fastmail.com'), ('Bates stamped',)),
    ('billing', '2.1 Prepare client Gustavo Mendes for mediation; 0.2 TC w/ Dr. Ewa Nowak.',
     ('Gustavo', 'Mendes', 'Ewa', 'Nowak'), ('for mediation',)),
    ('stay', 'Cite Roe v. Wade, 410 U.S. 113 (1973) and Marbury v. Madison, 5 U.S. 137 (1803); '
     'Fed. R. Evid. 803(6); Tex. Fam. Code § 153.002; stare decisis.',
     (), ('410 U.S. 113 (1973)', '5 U.S. 137 (1803)', 'Fed. R. Evid. 803(6)', 'stare decisis')),
    ('stay', 'The Court of Appeal, the Crown Court, the Family Court, the Upper Tribunal '
     '(Immigration and Asylum Chamber); voir dire, nolo contendere, in limine.',
     (), ('Crown Court', 'Family Court', 'Upper Tribunal', 'voir dire', 'nolo contendere',
          'in limine')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
