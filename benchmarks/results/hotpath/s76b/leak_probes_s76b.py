"""The forty-sixth round's second probe prompts: a hospital's and a law firm's pasted records.
The eighteen identifiers of HIPAA's Safe Harbor method as US, UK, Canadian and Australian
clinical and legal records carry them: record, encounter and visit numbers under many labels,
health plan numbers (Medicare's MBI, Medicaid, the NHS and CHI numbers, provincial health
cards, Australia's Medicare and IHI), DEA, NPI and licence numbers, device serials and UDIs,
vehicles in an accident report, dates of admission, discharge, death and birth written many
ways, ages over 89, ZIP codes and streets, the contacts of patients and next of kin, a patient
portal's links, an audit log's addresses; HL7 v2 segments, FHIR JSON, DICOM dumps, C-CDA XML,
discharge summaries, radiology and pathology reports, prescriptions and referral letters. On
the legal side: captions, docket and case numbers, bar numbers, inmate and booking numbers,
immigration A-numbers and receipts, filings, depositions, settlement letters and protective
orders. Beside them, words that must stay: drugs, diagnoses, eponymous diseases and scores,
procedures, legal terms, statute citations, courts and section headings. Counts both with the
``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s76b/leak_probes_s76b.py \
        learned|spacy [--show]

A value is counted as left when it is found whole in the masked text. Written before any rule
of this round, as a held-out set. All values are made up; an id with a check digit has a valid
one (NHS and CHI mod 11, NPI and IHI Luhn, DEA, Australian Medicare, BC PHN, VIN, GTIN).
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- record, encounter and visit numbers ------------------------------------------------
    ('record', 'Pt seen in ED. Enc #: 40012877364. Attending: Dr. Ravindra Khatri.',
     ('40012877364', 'Khatri'), ('Pt seen in ED', 'Attending')),
    ('record', 'FIN 228134097 / CSN 3049912871 - admitted for community-acquired pneumonia',
     ('228134097', '3049912871'), ('community-acquired pneumonia',)),
    ('record', 'Visit No.: V000812234   Unit No.: 0876543   Ward: 7B Cardiology',
     ('V000812234', '0876543'), ('Ward', 'Cardiology')),
    ('record', 'UR No. 1193847 (Royal Adelaide) - presenting with acute cholecystitis',
     ('1193847',), ('acute cholecystitis',)),
    ('record', 'Hosp No: K4471820  NHS No: 485 777 3023  Consultant: Mr Fenwick-Ashby',
     ('K4471820', '485 777 3023', 'Fenwick-Ashby'), ('Consultant',)),
    ('record', 'MR#: 00-44-21-87 | Acct#: 7700123984 | Adm: 03/14/2024 | Disch: 03/19/2024',
     ('00-44-21-87', '7700123984', '03/14/2024', '03/19/2024'), ()),
    ('record', 'Episode number E2341123 closed; EMPI 88120934 merged into the surviving record.',
     ('E2341123', '88120934'), ('Episode number', 'surviving record')),
    ('record', 'Med Rec # 551-203-77, Room 412-B, isolation precautions for C. difficile',
     ('551-203-77',), ('isolation precautions', 'C. difficile')),
    ('record', 'patient id=PT-00391822&visit=ENC-2024-118273 returned no results',
     ('PT-00391822', 'ENC-2024-118273'), ('returned no results',)),
    ('record', 'Specimen accession S24-18877 received; requisition 7712093 lacks a signature.',
     ('S24-18877', '7712093'), ('requisition', 'lacks a signature')),
    # --- health plan numbers ----------------------------------------------------------------
    ('plan', 'Medicare MBI: 3HK7-VN2-RT48; secondary Medigap plan G.',
     ('3HK7-VN2-RT48',), ('Medigap plan G',)),
    ('plan', 'Medicaid #: NY QK48213T   Medi-Cal BIC 91234567A0',
     ('QK48213T', '91234567A0'), ()),
    ('plan', 'BCBS member XOF884213097, group 0078123, RxBIN 610014, copay $25',
     ('XOF884213097', '0078123'), ('copay',)),
    ('plan', 'Subscriber ID: W291847365  Policyholder: Danuta Wiśniewska-Hale (spouse)',
     ('W291847365', 'Danuta', 'Wiśniewska-Hale'), ('Policyholder', 'spouse')),
    ('plan', 'NHS number 601 223 4511; GP: Dr Okonjo, Brackenfield Surgery',
     ('601 223 4511', 'Okonjo'), ('GP',)),
    ('plan', 'CHI: 1208623451. Referred by Inverclyde CMHT for memory assessment.',
     ('1208623451',), ('memory assessment',)),
    ('plan', 'OHIP 7382-910-466-KT, version code KT; Ontario Drug Benefit eligible',
     ('7382-910-466',), ('Ontario Drug Benefit',)),
    ('plan', 'BC PHN 9238 471 656 - MSP coverage active',
     ('9238 471 656',), ('MSP coverage active',)),
    ('plan', 'RAMQ: TREM 5503 1512 (exp. 2027-08)', ('TREM 5503 1512',), ()),
    ('plan', 'Alberta health card # 61502-7383, AHCIP',
     ('61502-7383',), ('AHCIP',)),
    ('plan', 'Medicare card 2951 83648 1, IRN 2, exp 04/2028; IHI 8003 6081 6543 0216',
     ('2951 83648 1', '8003 6081 6543 0216'), ()),
    ('plan', 'DVA Gold Card file no. NX129834; PBS safety net reached',
     ('NX129834',), ('Gold Card', 'PBS safety net')),
    ('plan', 'Aetna ID W1847392011 / Grp 882113-011-00041; prior auth PA-7730192 approved',
     ('W1847392011', '882113-011-00041', 'PA-7730192'), ('prior auth', 'approved')),
    # --- prescribers ------------------------------------------------------------------------
    ('prescriber', 'Prescriber: Elspeth Marlowe-Quint, MD  NPI 1473829566  DEA BM4829151',
     ('Elspeth', 'Marlowe-Quint', '1473829566', 'BM4829151'), ('Prescriber',)),
    ('prescriber', 'Rx: oxycodone 5 mg q6h PRN, #20, no refills. DEA# AR7310460, NPI: 1284309758',
     ('AR7310460', '1284309758'), ('oxycodone', 'no refills')),
    ('prescriber', 'CA Medical License A129384; NY License #298765; Board certified, ABIM',
     ('A129384', '298765'), ('Board certified', 'ABIM')),
    ('prescriber', 'GMC No. 7123456, Consultant Rheumatologist; NMC PIN 12A3456E (ward sister)',
     ('7123456', '12A3456E'), ('Consultant Rheumatologist', 'ward sister')),
    ('prescriber', 'CPSO #98765 - Dr. Yusuf Bello; AHPRA registration MED0001234567',
     ('98765', 'Yusuf', 'Bello', 'MED0001234567'), ()),
    ('prescriber', 'Florida license ME 118273, DEA FK2053180 (Schedule II-V)',
     ('118273', 'FK2053180'), ('Schedule II-V',)),
    # --- devices ----------------------------------------------------------------------------
    ('device', 'Dual-chamber pacemaker implanted 2019, serial RNB448213H, MRI conditional.',
     ('RNB448213H',), ('Dual-chamber pacemaker', 'MRI conditional')),
    ('device', 'Insulin pump S/N: 1847 2093, CGM transmitter ID 8G7K2M; basal 0.9 U/h',
     ('1847 2093', '8G7K2M'), ('Insulin pump', 'basal')),
    ('device', 'UDI (01)00884458004717(17)270531(10)LOT88213(21)SN4471902',
     ('00884458004717', 'SN4471902'), ()),
    ('device', 'Explanted ICD, device serial number PJN102938S, returned to manufacturer.',
     ('PJN102938S',), ('Explanted ICD', 'returned to manufacturer')),
    ('device', 'Cochlear implant (right) SN 3301-88475; hip prosthesis lot 2208817',
     ('3301-88475',), ('Cochlear implant', 'hip prosthesis')),
    # --- vehicles in accident reports -------------------------------------------------------
    ('vehicle', 'MVC: patient was driver of 2022 F-150, VIN 1FTEW1EP1NK123458, plate 7XKM284 (CA).',
     ('1FTEW1EP1NK123458', '7XKM284'), ('MVC', 'driver')),
    ('vehicle', 'Vehicle 2: Toyota Corolla reg. LK19 XPT, driver Mr Gethin Pryce-Morgan',
     ('LK19 XPT', 'Gethin', 'Pryce-Morgan'), ('Toyota Corolla',)),
    ('vehicle', 'Unit #1 VIN: 2T1BURHE1GC617294  Tag: TX NHB-4471  Insurer policy 8812-331-09',
     ('2T1BURHE1GC617294', 'NHB-4471', '8812-331-09'), ()),
    # --- dates ------------------------------------------------------------------------------
    ('date', 'Date of admission: 14 March 2024. Date of discharge: 19.03.2024.',
     ('14 March 2024', '19.03.2024'), ('Date of admission', 'Date of discharge')),
    ('date', 'Pronounced dead at 03:42 on 2/9/24 by Dr Adeyemi.',
     ('2/9/24', 'Adeyemi'), ('Pronounced dead',)),
    ('date', 'DOD: 2024-02-29. Cause of death: metastatic pancreatic adenocarcinoma.',
     ('2024-02-29',), ('Cause of death', 'metastatic pancreatic adenocarcinoma')),
    ('date', 'DOB 7/4/51, seen today for Parkinson\'s disease follow-up.',
     ('7/4/51',), ("Parkinson's disease",)),
    ('date', 'admitted on the 3rd of January 2024 and discharged home on Jan 11th, 2024',
     ('3rd of January 2024', 'Jan 11th, 2024'), ('discharged home',)),
    ('date', 'Born 1938-11-05; date of surgery 05-Dec-2023 (Whipple procedure)',
     ('1938-11-05', '05-Dec-2023'), ('Whipple procedure',)),
    ('date', 'Adm Date 20240314  Disch Date 20240319  LOS 5',
     ('20240314', '20240319'), ('LOS',)),
    # --- ages over 89 -----------------------------------------------------------------------
    ('age', 'HPI: 94 y/o F with CHF exacerbation and a Wells score of 2.',
     ('94 y/o',), ('CHF exacerbation', 'Wells score')),
    ('age', 'A 92-year-old man from a care home, Glasgow Coma Scale 14.',
     ('92-year-old',), ('Glasgow Coma Scale',)),
    ('age', 'Age: 101. Lives alone. Independent with ADLs.',
     ('Age: 101',), ('Lives alone', 'ADLs')),
    ('age', 'nonagenarian, aged 97, with Alzheimer\'s dementia',
     ('aged 97',), ("Alzheimer's dementia",)),
    # --- geography, contacts, portals, audit logs -------------------------------------------
    ('contact', 'Address: 1187 Larchmont Ave, Apt 4C, Evanston, IL 60201',
     ('1187 Larchmont Ave', 'Evanston', '60201'), ()),
    ('contact', 'Pt lives at 22 Thornbury Close, Kidlington OX5 2RT with her daughter.',
     ('22 Thornbury Close', 'Kidlington', 'OX5 2RT'), ('with her daughter',)),
    ('contact', 'NOK: son, Tobias Hallberg-Reyes, (617) 555-0182, tobias.hr@mailbox.example',
     ('Tobias', 'Hallberg-Reyes', '(617) 555-0182', 'tobias.hr@mailbox.example'), ('NOK', 'son')),
    ('contact', 'Fax results to (312) 555-0147 attn: Lorna; pt cell 773.555.0119',
     ('(312) 555-0147', '773.555.0119', 'Lorna'), ('Fax results',)),
    ('contact', 'Next of kin: Mrs. Philippa Oduya (wife) 07700 900412',
     ('Philippa', 'Oduya', '07700 900412'), ('Next of kin', 'wife')),
    ('contact', 'Portal link: https://mychart.northshore-health.example/patient/884213/results',
     ('https://mychart.northshore-health.example/patient/884213/results',), ('Portal link',)),
    ('contact', '2024-03-14T10:22:11Z user=jmcallister src_ip=10.14.22.131 action=VIEW '
     'patient=MRN0047719',
     ('jmcallister', '10.14.22.131', 'MRN0047719'), ('action=VIEW',)),
    ('contact', 'Break-glass access from 172.16.40.9 by r.oyelaran on chart 8841207',
     ('172.16.40.9', 'r.oyelaran', '8841207'), ('Break-glass access',)),
    ('contact', 'Resident of Marrickville NSW 2204; GP in Newtown.',
     ('Marrickville', '2204'), ('GP',)),
    ('contact', 'Patient from Kanata, ON K2M 1P6; interpreter needed (Tigrinya).',
     ('Kanata', 'K2M 1P6'), ('interpreter needed', 'Tigrinya')),
    # --- HL7 v2 -----------------------------------------------------------------------------
    ('hl7', 'MSH|^~\\&|EPIC|NSH|LAB|NSH|20240314102211||ADT^A01|MSG00412|P|2.5\r'
     'PID|1||88213094^^^NSH^MR~601223451^^^NHS^NH||QUIGLEY-ASANTE^MARGUERITE^J||'
     '19410622|F|||48 Fernhill Rd^^Wembley^^HA9 7QT^GBR||020 7946 0321|||W',
     ('88213094', 'QUIGLEY-ASANTE', 'MARGUERITE', '19410622', '48 Fernhill Rd',
      'HA9 7QT', '020 7946 0321'), ('ADT^A01',)),
    ('hl7', 'NK1|1|ASANTE^KOFI^^^MR|SON|9 Orchard Way^^Harrow^^HA1 2AB|07700 900733',
     ('ASANTE', 'KOFI', '9 Orchard Way', 'HA1 2AB', '07700 900733'), ()),
    ('hl7', 'IN1|1|BCBSIL|00401|BLUE CROSS IL|PO Box 805107^^Chicago^IL^60680||'
     '(800)555-0110|G882113|||||||||DELACORTE^VIVIAN|01|19570210|||||||||||||||||'
     'XOF998172634',
     ('G882113', 'DELACORTE', 'VIVIAN', '19570210', 'XOF998172634'), ()),
    ('hl7', 'GT1|1|GT7712|PEMBERTON^ISOLDE||512 Cedar Hollow Dr^^Austin^TX^78745|'
     '(512)555-0176||19630407|F||SP|461-22-8093',
     ('PEMBERTON', 'ISOLDE', '512 Cedar Hollow Dr', '78745', '(512)555-0176', '19630407',
      '461-22-8093'), ()),
    ('hl7', 'PV1|1|I|4W^412^B^NSH||||1473829566^MARLOWE^ELSPETH^^^DR|||MED||||7|||'
     '1284309758^OYEDIRAN^TUNDE|IP|VN40012877',
     ('MARLOWE', 'ELSPETH', 'OYEDIRAN', 'TUNDE', 'VN40012877'), ()),
    ('hl7', 'OBX|1|NM|2345-7^Glucose^LN||182|mg/dL|70-99|H|||F\r'
     'NTE|1||Called to Dr. Haverford-Lyle at 0815, read back verified.',
     ('Haverford-Lyle',), ('Glucose', 'read back verified')),
    # --- FHIR JSON --------------------------------------------------------------------------
    ('fhir', '{"resourceType": "Patient", "id": "pat-88213", "identifier": [{"system": '
     '"http://hospital.example.org/mrn", "value": "MRN-0047719"}], "name": [{"family": '
     '"Okonkwo-Baptiste", "given": ["Adaeze", "Chioma"]}], "telecom": [{"system": "phone", '
     '"value": "+1 312 555 0188"}], "gender": "female", "birthDate": "1948-07-02", '
     '"address": [{"line": ["44 Larchmont Ave"], "city": "Evanston", "postalCode": "60201"}]}',
     ('MRN-0047719', 'Okonkwo-Baptiste', 'Adaeze', 'Chioma', '+1 312 555 0188', '1948-07-02',
      '44 Larchmont Ave', '60201'), ('resourceType', 'Patient', 'female')),
    ('fhir', '{"resourceType": "Coverage", "status": "active", "subscriberId": "ZGP448120973", '
     '"beneficiary": {"reference": "Patient/pat-88213"}, "relationship": {"text": "self"}, '
     '"payor": [{"display": "Harborview Mutual Health Plan"}], "class": [{"type": {"text": '
     '"group"}, "value": "GRP-771204"}]}',
     ('ZGP448120973', 'GRP-771204'), ('Coverage', 'active', 'beneficiary')),
    ('fhir', '{"resourceType": "RelatedPerson", "relationship": [{"text": "daughter"}], '
     '"name": [{"text": "Ngozi Eze-Whitlock"}], "telecom": [{"system": "email", "value": '
     '"ngozi.ew@post.example"}], "birthDate": "1979-12-30"}',
     ('Ngozi', 'Eze-Whitlock', 'ngozi.ew@post.example', '1979-12-30'),
     ('RelatedPerson', 'daughter')),
    ('fhir', '{"resourceType":"Practitioner","identifier":[{"system":'
     '"http://hl7.org/fhir/sid/us-npi","value":"1652093844"}],"name":[{"family":"Castellanos",'
     '"given":["Ines"],"prefix":["Dr"]}]}',
     ('1652093844', 'Castellanos', 'Ines'), ('Practitioner',)),
    # --- DICOM ------------------------------------------------------------------------------
    ('dicom', '(0010,0010) PN [HALVORSEN^BRYNJA^^^]  # 20, 1 PatientName\n'
     '(0010,0020) LO [RX4471920]  # 10, 1 PatientID\n'
     '(0010,0030) DA [19320118]  # 8, 1 PatientBirthDate\n'
     '(0010,1010) AS [092Y]  # 4, 1 PatientAge\n'
     '(0008,0090) PN [STRAND^OLUF]  # 12, 1 ReferringPhysicianName\n'
     '(0008,1030) LO [CT HEAD WO CONTRAST]  # 20, 1 StudyDescription',
     ('HALVORSEN', 'BRYNJA', 'RX4471920', '19320118', 'STRAND', 'OLUF'),
     ('CT HEAD WO CONTRAST',)),
    ('dicom', "(0010, 0010) Patient's Name                      PN: 'NAKASHIMA^REIKO'\n"
     "(0008, 0050) Accession Number                  SH: 'A24-0091823'\n"
     "(0008, 0080) Institution Name                  LO: 'St Brendan General Hospital'\n"
     "(0018, 1000) Device Serial Number              LO: 'SN77120934'",
     ('NAKASHIMA', 'REIKO', 'A24-0091823', 'SN77120934'), ()),
    # --- C-CDA ------------------------------------------------------------------------------
    ('ccda', '<recordTarget><patientRole><id extension="998877123" '
     'root="2.16.840.1.113883.19.5"/><addr use="HP"><streetAddressLine>1620 Wexford Lane'
     '</streetAddressLine><city>Carmel</city><state>IN</state><postalCode>46032</postalCode>'
     '</addr><telecom value="tel:+1(317)555-0123" use="HP"/><patient><name><given>Rosalind'
     '</given><family>Achterberg</family></name><administrativeGenderCode code="F"/>'
     '<birthTime value="19290516"/></patient></patientRole></recordTarget>',
     ('998877123', '1620 Wexford Lane', 'Carmel', '46032', '+1(317)555-0123', 'Rosalind',
      'Achterberg', '19290516'), ('recordTarget', 'patientRole')),
    ('ccda', '<guardian><guardianPerson><name><given>Tomasz</given><family>Wierzbicki</family>'
     '</name></guardianPerson></guardian>',
     ('Tomasz', 'Wierzbicki'), ('guardianPerson',)),
    # --- discharge summaries, reports, prescriptions, letters -------------------------------
    ('clinical', 'DISCHARGE SUMMARY\nPatient: Cordelia Vanterpool   MRN: 55120934\n'
     'Admitted: 02/03/2024   Discharged: 02/07/2024\nDIAGNOSIS: NSTEMI. Started on '
     'atorvastatin 80 mg, clopidogrel and metoprolol succinate.\nFOLLOW-UP: cardiology clinic '
     'in 2 weeks.',
     ('Cordelia', 'Vanterpool', '55120934', '02/03/2024', '02/07/2024'),
     ('DISCHARGE SUMMARY', 'DIAGNOSIS', 'NSTEMI', 'atorvastatin', 'clopidogrel',
      'metoprolol succinate', 'FOLLOW-UP', 'cardiology clinic')),
    ('clinical', 'RADIOLOGY REPORT\nExam: MRI brain w/wo contrast   Accession #: RAD24-118273\n'
     'Patient: Obuya, Desmond   DOB: 11/23/1958\nFINDINGS: No acute infarct. IMPRESSION: '
     'Findings consistent with multiple sclerosis (McDonald criteria).',
     ('RAD24-118273', 'Obuya', 'Desmond', '11/23/1958'),
     ('RADIOLOGY REPORT', 'FINDINGS', 'No acute infarct', 'IMPRESSION', 'multiple sclerosis',
      'McDonald criteria')),
    ('clinical', 'SURGICAL PATHOLOGY  Case: SP-24-004471  Pt: LINDQVIST, ASTRID M\n'
     'Specimen: colon, sigmoid, resection. DIAGNOSIS: adenocarcinoma, moderately '
     'differentiated, pT3 N1a; Gleason not applicable. Hirschsprung disease excluded.',
     ('SP-24-004471', 'LINDQVIST', 'ASTRID'),
     ('SURGICAL PATHOLOGY', 'Specimen', 'adenocarcinoma', 'moderately differentiated',
      'Hirschsprung disease')),
    ('clinical', 'Rx for: Bartholomew Nkemelu  DOB 03/30/1944\nApixaban 5 mg PO BID #60, '
     'Refills: 3\nSig: take one tablet twice daily\nDr. Ines Castellanos, DEA MW6509131',
     ('Bartholomew', 'Nkemelu', '03/30/1944', 'MW6509131'),
     ('Apixaban', 'Refills', 'take one tablet twice daily')),
    ('clinical', 'Dear Dr Fairweather,\nRe: Mrs Henrietta Gallagher-Obi, DOB 14/02/1937, '
     'NHS 712 049 8630\nThank you for seeing this lady with suspected giant cell arteritis '
     'and polymyalgia rheumatica. She takes prednisolone and alendronic acid.\n'
     'Yours sincerely,\nDr Moses Adjei-Frimpong',
     ('Fairweather', 'Henrietta', 'Gallagher-Obi', '14/02/1937', '712 049 8630', 'Moses',
      'Adjei-Frimpong'),
     ('Thank you for seeing this lady', 'giant cell arteritis', 'polymyalgia rheumatica',
      'prednisolone', 'alendronic acid', 'Yours sincerely')),
    ('clinical', 'Operative note: Laparoscopic Nissen fundoplication performed on Mr. '
     'Fitzgerald-Nwosu (hospital number RXH0992813) by Ms. Aoife Brennan, FRCS.',
     ('Fitzgerald-Nwosu', 'RXH0992813', 'Aoife', 'Brennan'),
     ('Operative note', 'Laparoscopic Nissen fundoplication', 'FRCS')),
    ('clinical', 'ED triage: 96yo M, fall at home, Canadian CT Head Rule positive, on '
     'warfarin; wife Marguerite at bedside, ph 416-555-0139',
     ('96yo', 'Marguerite', '416-555-0139'),
     ('ED triage', 'Canadian CT Head Rule', 'warfarin', 'at bedside')),
    ('clinical', 'Lab requisition - Patient Name: Zoltan Harkavy / Health Card: 5419-023-782 '
     '/ Ordering MD: Dr. Priya Venkatesan / Tests: HbA1c, TSH, lipid panel',
     ('Zoltan', 'Harkavy', '5419-023-782', 'Priya', 'Venkatesan'),
     ('Lab requisition', 'HbA1c', 'TSH', 'lipid panel')),
    # --- legal: captions, dockets, bar and inmate numbers -----------------------------------
    ('legal', 'MARISOL QUINTERO-BLAKE, Plaintiff,\nv.\nHOLLOWAY FREIGHT LINES, INC., '
     'Defendant.\nCase No. 3:24-cv-00518-WHO',
     ('MARISOL', 'QUINTERO-BLAKE', 'HOLLOWAY FREIGHT LINES', '3:24-cv-00518-WHO'),
     ('Plaintiff', 'Defendant')),
    ('legal', 'UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF ILLINOIS\n'
     'Civil Action No. 1:23-cv-04471\nTHADDEUS OKAFOR-LINDQVIST v. CITY OF EVANSTON',
     ('1:23-cv-04471', 'THADDEUS', 'OKAFOR-LINDQVIST'),
     ('UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF ILLINOIS',
      'Civil Action No.')),
    ('legal', 'Index No. 157789/2023 (Sup. Ct. N.Y. County) - motion for summary judgment '
     'under CPLR 3212',
     ('157789/2023',), ('motion for summary judgment', 'CPLR 3212')),
    ('legal', 'Docket No. A-001234-22; appeal from the Law Division, Bergen County',
     ('A-001234-22',), ('appeal from the Law Division',)),
    ('legal', 'Claim No. KB-2024-001873 in the High Court of Justice, King\'s Bench Division',
     ('KB-2024-001873',), ("High Court of Justice, King's Bench Division",)),
    ('legal', 'Employment Tribunal case number 2301847/2024: Ms R Chaudhry-Whitfield v '
     'Lanterne Hotels Ltd',
     ('2301847/2024', 'Chaudhry-Whitfield', 'Lanterne Hotels'), ('Employment Tribunal',)),
    ('legal', 'Federal Court of Australia, NSD 1187 of 2023, Hemsworth-Tan v Coralline '
     'Mining Pty Ltd',
     ('NSD 1187 of 2023', 'Hemsworth-Tan', 'Coralline Mining'), ('Federal Court of Australia',)),
    ('legal', 'Ontario Superior Court of Justice, Court File No. CV-24-00712934-0000',
     ('CV-24-00712934-0000',), ('Ontario Superior Court of Justice',)),
    ('legal', 'Respectfully submitted,\n/s/ Genevieve Araujo-Stein\nGenevieve Araujo-Stein '
     '(SBN 301245)\nCounsel for Plaintiff',
     ('Genevieve', 'Araujo-Stein', '301245'), ('Respectfully submitted', 'Counsel for Plaintiff')),
    ('legal', 'Texas Bar No. 24081234; ARDC No. 6312345; BBO #678123',
     ('24081234', '6312345', '678123'), ()),
    ('legal', 'Solicitor: Ffion Pritchard (SRA ID 612345) of Pritchard & Lowe LLP',
     ('Ffion', 'Pritchard', '612345'), ('Solicitor',)),
    ('legal', 'Inmate: DESHAWN MALLORY-PIKE, CDCR No. BF4821, housed at Folsom.',
     ('DESHAWN', 'MALLORY-PIKE', 'BF4821'), ('Inmate', 'housed at')),
    ('legal', 'Booking No. 24-017733; BOP Reg. No. 71234-054; SO# 2291187',
     ('24-017733', '71234-054', '2291187'), ()),
    ('legal', 'Respondent Oksana Hryhorenko (A# 212-345-678) seeks cancellation of removal '
     'under INA § 240A(b).',
     ('Oksana', 'Hryhorenko', '212-345-678'), ('cancellation of removal', 'INA § 240A(b)')),
    ('legal', 'USCIS receipt IOE0918827364; alien registration number A098765432; I-94 '
     '84412093711',
     ('IOE0918827364', 'A098765432', '84412093711'), ()),
    # --- legal: filings, depositions, letters, orders ---------------------------------------
    ('filing', 'COMPLAINT FOR DAMAGES\n1. Plaintiff Rosalind Achterberg resides at 1620 Wexford '
     'Lane, Carmel, Indiana 46032.\n2. This Court has jurisdiction under 28 U.S.C. § 1332.',
     ('Rosalind', 'Achterberg', '1620 Wexford Lane', 'Carmel', '46032'),
     ('COMPLAINT FOR DAMAGES', 'Plaintiff', 'This Court has jurisdiction', '28 U.S.C. § 1332')),
    ('filing', 'DEPOSITION OF DR. HELENA VOSKUIJLEN, taken on March 3, 2024\n'
     'Q. Did you treat Mr. Ambrose Keteku on January 9, 2023?\nA. Yes, for a Colles fracture.',
     ('HELENA', 'VOSKUIJLEN', 'March 3, 2024', 'Ambrose', 'Keteku', 'January 9, 2023'),
     ('DEPOSITION OF', 'Colles fracture')),
    ('filing', 'Re: Our client Marcus Delacroix-Whitfield\nYour insured: Petra Vukovic\n'
     'Claim No. 4471-AB-2291; Date of loss: 11/02/2023\nWithout prejudice save as to costs, '
     'our client will accept $85,000 in full and final settlement.',
     ('Marcus', 'Delacroix-Whitfield', 'Petra', 'Vukovic', '4471-AB-2291', '11/02/2023'),
     ('Without prejudice save as to costs', 'full and final settlement')),
    ('filing', 'ORDER OF PROTECTION\nPetitioner: Yesenia Cardoso-Lamb, DOB 05/17/1990\n'
     'Respondent: Garrett Lamb, DOB 09/30/1987, 6\'1", brown hair\nProtected persons: minor '
     'child E.C.L. (DOB 2016-05-03)\nRespondent shall stay 500 feet away from 77 Birchwood '
     'Terrace, Duluth, MN 55803.',
     ('Yesenia', 'Cardoso-Lamb', '05/17/1990', 'Garrett', '09/30/1987', '2016-05-03',
      '77 Birchwood Terrace', '55803'),
     ('ORDER OF PROTECTION', 'Petitioner', 'Respondent', 'Protected persons')),
    ('filing', 'STIPULATED PROTECTIVE ORDER pursuant to Fed. R. Civ. P. 26(c): records of '
     'patient J.R. (MRN 00441290) shall be designated CONFIDENTIAL - ATTORNEYS\' EYES ONLY.',
     ('00441290',),
     ('STIPULATED PROTECTIVE ORDER', 'Fed. R. Civ. P. 26(c)', "ATTORNEYS' EYES ONLY")),
    ('filing', 'Exhibit 14: medical records of Lucinda Faraday-Osei (Bates VET-000412 to '
     'VET-000519), SSN xxx-xx-4471 redacted, DOB Oct. 2, 1961',
     ('Lucinda', 'Faraday-Osei', 'Oct. 2, 1961'), ('Exhibit 14', 'medical records', 'redacted')),
    ('filing', 'HIPAA authorization: I, Winifred Abernethy-Sow, authorise St Luke\'s to '
     'release records to Kessler & Vane LLP; signed 1/15/2024.',
     ('Winifred', 'Abernethy-Sow', '1/15/2024'), ('HIPAA authorization', 'release records')),
    ('filing', 'Decedent: Archibald Ngata, date of death 12 January 2024, age 91; Probate '
     'No. 2024-PR-000873',
     ('Archibald', 'Ngata', '12 January 2024', 'age 91', '2024-PR-000873'),
     ('Decedent', 'Probate')),
    # --- words that must stay ---------------------------------------------------------------
    ('stay', 'HISTORY OF PRESENT ILLNESS\nREVIEW OF SYSTEMS\nPHYSICAL EXAMINATION\n'
     'ASSESSMENT AND PLAN',
     (), ('HISTORY OF PRESENT ILLNESS', 'REVIEW OF SYSTEMS', 'PHYSICAL EXAMINATION',
          'ASSESSMENT AND PLAN')),
    ('stay', "Differential: Crohn's disease vs ulcerative colitis; rule out Behçet's and "
     "Whipple's disease.",
     (), ("Crohn's disease", 'ulcerative colitis', "Behçet's", "Whipple's disease")),
    ('stay', 'Hashimoto thyroiditis on levothyroxine; Graves disease excluded; Addison crisis '
     'protocol on file.',
     (), ('Hashimoto thyroiditis', 'levothyroxine', 'Graves disease', 'Addison crisis')),
    ('stay', 'Scores: CHA2DS2-VASc 4, HAS-BLED 2, APGAR 8 and 9, Bishop score 7, MELD 18, '
     'Child-Pugh B.',
     (), ('CHA2DS2-VASc', 'HAS-BLED', 'APGAR', 'Bishop score', 'MELD', 'Child-Pugh')),
    ('stay', 'Meds: Ozempic 1 mg weekly, Humira 40 mg, Eliquis, Keppra, Lasix, Januvia.',
     (), ('Ozempic', 'Humira', 'Eliquis', 'Keppra', 'Lasix', 'Januvia')),
    ('stay', 'Procedures: Roux-en-Y gastric bypass, Hartmann procedure, Billroth II, '
     'Kasai portoenterostomy, Ross procedure.',
     (), ('Roux-en-Y gastric bypass', 'Hartmann procedure', 'Billroth II', 'Kasai',
          'Ross procedure')),
    ('stay', "Signs: Babinski positive, Murphy's sign negative, Kernig and Brudzinski "
     "absent, Trousseau sign noted.",
     (), ('Babinski', "Murphy's sign", 'Kernig', 'Brudzinski', 'Trousseau')),
    ('stay', "Bell's palsy, Guillain-Barré syndrome, Cushing's syndrome, Barrett's "
     "oesophagus, Tourette syndrome, Down syndrome",
     (), ("Bell's palsy", 'Guillain-Barré syndrome', "Cushing's syndrome",
          "Barrett's oesophagus", 'Tourette syndrome', 'Down syndrome')),
    ('stay', 'Plan: Foley catheter, Swan-Ganz line, Hickman line, Holter monitor, Doppler '
     'ultrasound.',
     (), ('Foley catheter', 'Swan-Ganz', 'Hickman line', 'Holter monitor', 'Doppler')),
    ('stay', 'Motion in limine to exclude Daubert testimony; voir dire; res judicata and '
     'collateral estoppel; habeas corpus.',
     (), ('Motion in limine', 'Daubert', 'voir dire', 'res judicata', 'collateral estoppel',
          'habeas corpus')),
    ('stay', 'Claims under 42 U.S.C. § 1983, Title VII, the ADA and 45 C.F.R. § 164.514(b); '
     'Rule 12(b)(6) motion.',
     (), ('42 U.S.C. § 1983', 'Title VII', 'ADA', '45 C.F.R. § 164.514(b)', 'Rule 12(b)(6)')),
    ('stay', 'Section 8 of the Human Rights Act 1998; Mental Capacity Act 2005; Part 36 offer; '
     'CPR 31.16 disclosure.',
     (), ('Human Rights Act 1998', 'Mental Capacity Act 2005', 'Part 36 offer', 'CPR 31.16')),
    ('stay', 'Courts: Supreme Court of the United States, Ninth Circuit, Court of Appeal '
     '(Civil Division), Federal Court of Australia, Tax Court of Canada.',
     (), ('Supreme Court of the United States', 'Ninth Circuit',
          'Court of Appeal (Civil Division)', 'Federal Court of Australia',
          'Tax Court of Canada')),
    ('stay', 'WHEREAS the parties wish to settle; NOW, THEREFORE, IT IS HEREBY ORDERED; '
     'PRAYER FOR RELIEF; JURY DEMAND; CERTIFICATE OF SERVICE',
     (), ('WHEREAS', 'NOW, THEREFORE', 'IT IS HEREBY ORDERED', 'PRAYER FOR RELIEF',
          'JURY DEMAND', 'CERTIFICATE OF SERVICE')),
    ('stay', 'Miranda warnings were given; Brady material disclosed; Terry stop; Chevron '
     'deference no longer applies.',
     (), ('Miranda warnings', 'Brady material', 'Terry stop', 'Chevron deference')),
    ('stay', 'Labs: WBC 11.2, Hgb 9.8, Plt 412, Na 131, K 5.4, Cr 1.9, eGFR 34, INR 2.8, '
     'troponin I 0.42.',
     (), ('WBC', 'Hgb', 'Plt', 'eGFR', 'INR', 'troponin')),
    ('stay', 'Tanner stage 3; NYHA class III; ASA 3; Mallampati II; Breslow thickness 1.2 mm; '
     'Clark level IV.',
     (), ('Tanner stage', 'NYHA class III', 'Mallampati', 'Breslow thickness',
          'Clark level')),
    ('stay', 'Vital signs: BP 142/88, HR 96, RR 18, SpO2 94% on room air, Temp 38.2 C.',
     (), ('Vital signs', 'room air')),
    ('stay', 'Allergies: penicillin (rash), sulfa, latex. Code status: DNR/DNI. '
     'Diet: NPO after midnight.',
     (), ('penicillin', 'sulfa', 'latex', 'DNR/DNI', 'NPO after midnight')),
    ('stay', 'Discovery cut-off: 30 days; Case Management Conference; Pretrial Order; '
     'Rule 26(f) report; interrogatories and requests for admission.',
     (), ('Discovery cut-off', 'Case Management Conference', 'Pretrial Order', 'Rule 26(f)',
          'interrogatories', 'requests for admission')),
    ('stay', 'Tylenol 650 mg q6h, Zofran 4 mg IV, Dilaudid PCA, Ativan PRN; Morse fall scale '
     '45; Braden 14.',
     (), ('Tylenol', 'Zofran', 'Dilaudid', 'Ativan', 'Morse fall scale', 'Braden')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
