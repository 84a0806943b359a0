"""A second, smaller held-out check for the fiftieth round's public-sector rules: documents of
the same kinds as ``leak_probes_s80d.py`` in other wording, written before any rule of the
round and not read while the rules were written. Same policy, same counting:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s80d/heldout_s80d.py \
        learned|spacy [--show]

All values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ('casework', 'Family services contact log - family of Brianna Stiles (case #FS-2023-7719); '
     'stepfather Kyle Denholm was present; the girl, Paisley, 5, appeared well fed.',
     ('Brianna', 'Stiles', 'FS-2023-7719', 'Kyle', 'Denholm', 'Paisley'),
     ('contact log', 'appeared well fed')),
    ('casework', 'Strategy discussion re: Tayla Hudson d.o.b. 14.06.2015, Mosaic ID 884127; '
     'police CAIT officer attended.',
     ('Tayla', 'Hudson', '14.06.2015', '884127'), ('Strategy discussion',)),
    ('benefits', 'Hi, my food stamps card (EBT) ends 8170, full number 5077 1948 0635 8170; '
     'my caseworker is Ms. Ruiz.',
     ('5077 1948 0635 8170', 'Ruiz'), ('food stamps',)),
    ('benefits', 'Medicare # 4RF6-UQ3-UU85 for my dad, Vernon Ashby; he also has Medicaid.',
     ('4RF6-UQ3-UU85', 'Vernon', 'Ashby'), ('Medicaid',)),
    ('benefits', 'Claimant: Olu Bankole. NINo: WL 31 92 07 A. UC account locked after the '
     'ID check.',
     ('Olu', 'Bankole', 'WL 31 92 07 A'), ('UC account locked',)),
    ('benefits', 'CPP disability: applicant Huguette Gagnon, S.I.N. 783 970 528.',
     ('Huguette', 'Gagnon', '783 970 528'), ('CPP disability',)),
    ('benefits', 'Services Australia letter to Kane Whitlock, CRN 331 208 447B, Age Pension.',
     ('Kane', 'Whitlock', '331 208 447B'), ('Age Pension',)),
    ('benefits', 'Department of Social Protection, PPS No. 6650213V, Eilis Madden, Carer\'s '
     'Allowance.',
     ('6650213V', 'Eilis', 'Madden'), ("Carer's Allowance",)),
    ('housing', 'Section 8 portability packet: family of Quentin Oyelowo, voucher # '
     '0077-4418, moving to 610 Birch St Unit 2.',
     ('Quentin', 'Oyelowo', '0077-4418', '610 Birch St Unit 2'), ('Section 8',)),
    ('housing', 'Writ of possession, file LT-2024-08831, defendant Marguerite Lacy.',
     ('LT-2024-08831', 'Marguerite', 'Lacy'), ('Writ of possession',)),
    ('school', 'Report card - pupil Isla McKenzie, pupil no. 20448713, class 5B, guardian '
     'Fiona McKenzie.',
     ('Isla', 'McKenzie', '20448713', 'Fiona'), ('Report card',)),
    ('school', 'Suspension letter: student Dominic Ferro (student #: 1188420), parent Gina '
     'Ferro, phone (720) 555-0163.',
     ('Dominic', 'Ferro', '1188420', 'Gina', '(720) 555-0163'), ('Suspension letter',)),
    ('dmv', 'Nissan Altima, vin 1N4DAVBZXLA201027, tag PRX 4471 (VA), owner Keon Battle.',
     ('1N4DAVBZXLA201027', 'PRX 4471', 'Keon', 'Battle'), ('Nissan Altima',)),
    ('dmv', 'Listing: 2020 Honda Civic, 19XT5U592LA490652, clean title.',
     ('19XT5U592LA490652',), ('Honda Civic', 'clean title')),
    ('dmv', 'Licence no. SMITH804119JA8KL of Jennifer Smith; reg plate YB67 KMV.',
     ('SMITH804119JA8KL', 'Jennifer', 'Smith', 'YB67 KMV'), ()),
    ('dmv', 'Arizona driver license D08812447, Georgia DL 058812440.',
     ('D08812447', '058812440'), ()),
    ('tickets', 'Ticket # NYC 4471882044 for plate KZR5512 (NY), owner Lamar Fitch.',
     ('4471882044', 'KZR5512', 'Lamar', 'Fitch'), ()),
    ('telecom', 'Handset IMEI 356639233214688 reported lost; second line IMEI '
     '358197369935632; account PIN: 0913.',
     ('356639233214688', '358197369935632', '0913'), ('reported lost',)),
    ('telecom', 'Replacement SIM ICCID 89012602729518175604 activated for Rhea Castellanos.',
     ('89012602729518175604', 'Rhea', 'Castellanos'), ('Replacement SIM',)),
    ('telecom', 'Transfer PIN for porting: 552918; account # 771204883.',
     ('552918', '771204883'), ()),
    ('utility', 'Gas bill - MPRN: 2288104417, supply address 9 Rowan Close, Derby DE22 1QX, '
     'customer Yvonne Slater.',
     ('2288104417', '9 Rowan Close', 'DE22 1QX', 'Yvonne', 'Slater'), ('Gas bill',)),
    ('utility', 'Service agreement ID 0448812093, electric meter #1188204, account holder '
     'Terrell Vance.',
     ('0448812093', '1188204', 'Terrell', 'Vance'), ()),
    ('civic', 'Voter reg no. 88120477 - Alejandra Paz, 1402 Cedar Ave, Fresno CA 93703.',
     ('88120477', 'Alejandra', 'Paz', '1402 Cedar Ave', '93703'), ()),
    ('civic', 'Jury service: juror ID 5520187, Mr Hamish Orr; excusal request.',
     ('5520187', 'Hamish', 'Orr'), ('Jury service', 'excusal request')),
    ('permits', 'Hunting license no. HL-2024-77120, holder Bo Jenkins; EIN for his farm '
     '82-1773094.',
     ('HL-2024-77120', 'Bo', 'Jenkins', '82-1773094'), ()),
    ('dispatch', 'CAD Incident 2024-118820: RP Nadine Curtis, 480-555-0188, reports '
     'a suspicious vehicle at 7721 E Sage Dr.',
     ('2024-118820', 'Nadine', 'Curtis', '480-555-0188', '7721 E Sage Dr'),
     ('suspicious vehicle',)),
    ('tax', 'Assessor parcel no. 204-118-07 for owner Delphine Archer; tax year 2024.',
     ('204-118-07', 'Delphine', 'Archer'), ()),
    ('stay', 'Benefits: food stamps, Medicare Part D, CalFresh, Jobseeker\'s Allowance, '
     'Child Benefit, the Canada Child Benefit and the Age Pension.',
     (), ('food stamps', 'Medicare Part D', 'CalFresh', "Jobseeker's Allowance",
          'Child Benefit', 'Canada Child Benefit', 'Age Pension')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
