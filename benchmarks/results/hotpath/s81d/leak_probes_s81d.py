"""The fifty-first round's employer probe prompts: what HR, payroll, recruiting, workplace
investigations and occupational health paste into an LLM, in English (US, UK, Canada,
Australia, Ireland, New Zealand, India, Singapore, South Africa). CVs and cover letters,
interview notes and scorecards, offer letters and contracts, payslips and payroll exports
(employee and payroll numbers, sort codes, BSB, IFSC and account numbers, TFN, UK tax codes
and NI numbers, PAN, UAN, PF, ESIC, UIF, superannuation member numbers, 401(k) and pension
accounts), starter and leaver forms (P45/P46/P60, W-4, TD1, I-9 with its documents:
passports, A-numbers, EAD cards, SEVIS ids, visas and work permits, Singapore FIN/NRIC, South
African ID numbers), background and right-to-work checks (DBS certificates, report ids),
references, performance reviews, disciplinary and grievance notes, workplace investigations
(witnesses), sick notes and occupational-health referrals, workers' compensation claims,
benefits enrolment (dependants), expense claims with corporate cards, HRIS and ATS exports.
Counts both with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s81d/leak_probes_s81d.py \
        learned|spacy [--show]

Policy read from docs/detection.md and the earlier sets:

* ORGANIZATION and LOCATION are masked by default, so an employer's, a school's, an
  insurer's or a bank's name and a city are neither values nor words. An employee's, a
  candidate's, a referee's, a witness's, a dependant's name, a person's home address, a
  personal e-mail, phone, LinkedIn or GitHub handle are values.
* DATE_TIME is masked by default: a start date, a hearing's or an interview's date is
  neither; a birth date (an employee's, a dependant's) is a value.
* A person's identifiers are values: employee, payroll, tax, national, pension, insurance and
  benefit numbers, bank details, document numbers (passport, A-number, EAD, SEVIS, visa,
  permit, DBS certificate), report, claim and case ids, corporate card numbers.
* Words that must stay: job titles (`Senior Data Engineer`, `HR Business Partner`), form
  names (`Form W-4`, `P60`, `P45`, `I-9`, `TD1`), statutes and schemes (`Employment Rights
  Act 1996`, `FMLA`, `KiwiSaver`, `EPF`), pay items and headings of the documents. Written
  before any rule of this round, as a held-out set. All values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- CVs and cover letters --------------------------------------------------------------------
    ('cv', 'PRIYANKA RAGHAVAN\nSenior Data Engineer | Bengaluru\n+91 98450 22817 | '
     'priyanka.raghavan88@gmail.com | linkedin.com/in/priyanka-raghavan-de | '
     'github.com/praghavan88\nPROFESSIONAL SUMMARY\n8 years building batch and streaming '
     'pipelines.',
     ('PRIYANKA RAGHAVAN', '+91 98450 22817', 'priyanka.raghavan88@gmail.com',
      'priyanka-raghavan-de', 'praghavan88'),
     ('Senior Data Engineer', 'PROFESSIONAL SUMMARY', 'streaming pipelines')),
    ('cv', 'Curriculum Vitae\nName: Thomas Okonkwo-Baker\nAddress: 14 Larkspur Close, '
     'Reading RG2 7HN\nMobile: 07700 914 382\nEmail: tom.okb@outlook.com\nDate of birth: '
     '22/09/1991\nNationality: British',
     ('Thomas', 'Okonkwo-Baker', '14 Larkspur Close', 'RG2 7HN', '07700 914 382',
      'tom.okb@outlook.com', '22/09/1991'),
     ('Curriculum Vitae', 'Nationality: British')),
    ('cv', 'Résumé - Jessica M. Alvarado, 2217 Sycamore Ridge Dr, Plano, TX 75025 · '
     '(469) 555-0147 · jess.alvarado@yahoo.com\nEXPERIENCE\nPayroll Specialist, 2019-present',
     ('Jessica', 'Alvarado', '2217 Sycamore Ridge Dr', '75025', '(469) 555-0147',
      'jess.alvarado@yahoo.com'),
     ('Payroll Specialist', 'EXPERIENCE')),
    ('cv', 'Dear Hiring Manager,\nI am writing to apply for the HR Business Partner role. '
     'Please contact me on 0412 887 305 or at mkellerman@bigpond.com.\nKind regards,\n'
     'Megan Kellerman',
     ('0412 887 305', 'mkellerman@bigpond.com', 'Megan', 'Kellerman'),
     ('Dear Hiring Manager', 'HR Business Partner')),
    ('cv', 'CV: Aoife Brennan-Walsh | 087 442 1963 | aoife.bw@eircom.net | Apt 4, Harbour '
     'View, Dun Laoghaire, Co. Dublin A96 K2X4 | Full clean driving licence',
     ('Aoife', 'Brennan-Walsh', '087 442 1963', 'aoife.bw@eircom.net', 'A96 K2X4'),
     ('Full clean driving licence',)),
    ('cv', 'Candidate profile: Wei Ling Tan, NRIC S8812345Z, HP 9123 4478, Blk 412 Ang Mo '
     'Kio Ave 10 #08-1123, Singapore 560412. Notice period: 1 month.',
     ('Wei Ling Tan', 'S8812345Z', '9123 4478', '#08-1123', '560412'),
     ('Candidate profile', 'Notice period')),
    ('cv', 'Sipho Ndlovu\nID No: 8804145128085\nCell: 082 447 1193\nEmail: '
     'sipho.ndlovu@webmail.co.za\n12 Jacaranda Street, Hatfield, Pretoria 0083',
     ('Sipho', 'Ndlovu', '8804145128085', '082 447 1193', 'sipho.ndlovu@webmail.co.za',
      '12 Jacaranda Street'),
     ()),
    ('cv', 'RESUME\nHemi Parata-Walker — Wellington, NZ — 021 448 7765 — hemi.pw@xtra.co.nz '
     '— GitHub: hemipw — Portfolio: hemiparata.dev',
     ('Hemi', 'Parata-Walker', '021 448 7765', 'hemi.pw@xtra.co.nz', 'hemipw'),
     ('RESUME',)),
    ('cv', 'Contact: Olivier Tremblay, 4410 rue Saint-Denis, Montréal QC H2J 2L1, '
     '514-555-0193, olivier.tremblay@videotron.ca. Bilingual (EN/FR).',
     ('Olivier', 'Tremblay', '4410 rue Saint-Denis', 'H2J 2L1', '514-555-0193',
      'olivier.tremblay@videotron.ca'),
     ('Bilingual',)),
    ('cv', 'Please review this CV: Rohan Deshmukh, DOB 04-11-1995, Flat 302, Sai Residency, '
     'Andheri East, Mumbai 400069, mobile 9820447118, rohan.d95@rediffmail.com',
     ('Rohan', 'Deshmukh', '04-11-1995', 'Flat 302', '400069', '9820447118',
      'rohan.d95@rediffmail.com'),
     ()),
    ('cv', 'References available on request. Referee 1: Dr. Fiona McAllister, Head of '
     'Department, f.mcallister@strath.ac.uk, 0141 548 2210.',
     ('Fiona', 'McAllister', 'f.mcallister@strath.ac.uk', '0141 548 2210'),
     ('References available on request', 'Head of Department')),
    ('cv', 'Summarise this cover letter from Daniel Osei-Mensah (daniel.oseimensah@proton.me, '
     '+44 7911 228 904) applying for Warehouse Team Leader.',
     ('Daniel', 'Osei-Mensah', 'daniel.oseimensah@proton.me', '+44 7911 228 904'),
     ('Warehouse Team Leader',)),
    # --- interviews and scorecards ----------------------------------------------------------------
    ('interview', 'Interview scorecard - Candidate: Lauren Fitzpatrick (req #REQ-24-1187)\n'
     'Interviewer: Marcus Chen\nTechnical: 4/5, Communication: 3/5\nRecommendation: '
     'Hire',
     ('Lauren', 'Fitzpatrick', 'REQ-24-1187', 'Marcus', 'Chen'),
     ('Interview scorecard', 'Recommendation: Hire')),
    ('interview', 'Phone screen notes: spoke with Kwame Asante about the Site Reliability '
     'Engineer opening; current salary $142k, expects $160k; can start in 3 weeks.',
     ('Kwame', 'Asante'),
     ('Phone screen notes', 'Site Reliability Engineer', '$142k')),
    ('interview', 'Panel feedback for Anjali Venkatesh (candidate ID 55218734): strong '
     'on stakeholder management; panel: Rachel Goldberg, Tomás Herrera.',
     ('Anjali', 'Venkatesh', '55218734', 'Rachel', 'Goldberg', 'Tomás', 'Herrera'),
     ('Panel feedback', 'stakeholder management')),
    ('interview', 'Greenhouse candidate 48812093 - Bethany Kowalski - stage: Onsite - '
     'owner: recruiter Jordan Pike',
     ('48812093', 'Bethany', 'Kowalski', 'Jordan', 'Pike'),
     ('stage: Onsite',)),
    ('interview', 'Can you rewrite my notes? Met Siobhan Doherty, she was nervous but '
     'answered the STAR questions well. Her referee Paddy Quinn confirmed dates.',
     ('Siobhan', 'Doherty', 'Paddy', 'Quinn'),
     ('STAR questions',)),
    ('interview', 'Workday applicant ID: C-00418823; name Ifeoma Chukwu; source: LinkedIn; '
     'disposition: Not selected - experience.',
     ('C-00418823', 'Ifeoma', 'Chukwu'),
     ('Not selected',)),
    # --- offers and contracts ---------------------------------------------------------------------
    ('offer', 'Dear Ms. Harriet Pemberton,\nWe are pleased to offer you the position of '
     'Finance Manager at a base salary of £68,000 per annum. Your employee number will be '
     'E104877.',
     ('Harriet', 'Pemberton', 'E104877'),
     ('Finance Manager', '£68,000 per annum')),
    ('offer', 'OFFER OF EMPLOYMENT\nTo: Mr Arjun Malhotra, 7 Wattle Grove, Glen Waverley VIC '
     '3150\nPosition: Graduate Software Engineer\nSalary: $85,000 plus superannuation',
     ('Arjun', 'Malhotra', '7 Wattle Grove', '3150'),
     ('OFFER OF EMPLOYMENT', 'Graduate Software Engineer', 'plus superannuation')),
    ('offer', 'Employment Agreement between the Company and Natalia Petrova (the '
     '"Employee"), residing at 88 Harbord St, Toronto ON M5S 1G5, SIN 046 291 811.',
     ('Natalia', 'Petrova', '88 Harbord St', 'M5S 1G5', '046 291 811'),
     ('Employment Agreement',)),
    ('offer', 'Appointment letter: Mr. Karthik Iyer, Emp Code INF-204417, CTC Rs. '
     '18,50,000 p.a., PAN AKLPI4471Q, joining at Pune.',
     ('Karthik', 'Iyer', 'INF-204417', 'AKLPI4471Q'),
     ('Appointment letter', 'CTC')),
    ('offer', 'Contract of employment for Ciarán Ó Súilleabháin, PPS No. 7214589KA, start '
     'date 1 March; probation 6 months.',
     ('Ciarán', 'Súilleabháin', '7214589KA'),
     ('Contract of employment', 'probation 6 months')),
    ('offer', 'Please draft a rescinded-offer email to candidate Brandon Whitfield '
     '(bwhitfield91@gmail.com) - background check flagged a discrepancy.',
     ('Brandon', 'Whitfield', 'bwhitfield91@gmail.com'),
     ('background check',)),
    # --- payslips and payroll -------------------------------------------------------------------
    ('payroll', 'PAYSLIP\nEmployee: Gemma Thornton   Employee No: 004471\nNI Number: '
     'JT 48 29 15 B   Tax Code: 1257L\nBasic Pay £2,916.67  PAYE £312.40',
     ('Gemma', 'Thornton', '004471', 'JT 48 29 15 B'),
     ('PAYSLIP', 'Tax Code: 1257L', 'Basic Pay')),
    ('payroll', 'Payroll ID 100448-2 / Sort code 20-45-77 / Account 53118820 / Name: '
     'Liam Gallagher / Tax code BR',
     ('100448-2', '20-45-77', '53118820', 'Liam', 'Gallagher'),
     ('Tax code BR',)),
    ('payroll', 'Pay advice - Employee ID 88213, Marisol Vega, SSN ***-**-4471, federal '
     'filing status Single, 401(k) 6%, direct deposit routing 021000021 acct 4471882093.',
     ('88213', 'Marisol', 'Vega', '021000021', '4471882093'),
     ('Pay advice', 'filing status Single', '401(k) 6%')),
    ('payroll', 'Payslip: Chloe Nguyen, Employee No. 30417, TFN 339 201 845, Super fund: '
     'AustralianSuper member no. 600188442, BSB 062-000 Acc 1088 4471.',
     ('Chloe', 'Nguyen', '30417', '339 201 845', '600188442', '062-000', '1088 4471'),
     ('Payslip',)),
    ('payroll', 'Salary slip for March: Name Sneha Pillai, Emp ID 2204471, UAN 100441882017, '
     'PF No. MH/BAN/0044718/000/0012345, ESIC IP No. 3114478820, PAN BQXPP4471K, Bank A/c '
     '50100244718821, IFSC HDFC0001234.',
     ('Sneha', 'Pillai', '2204471', '100441882017', 'MH/BAN/0044718/000/0012345',
      '3114478820', 'BQXPP4471K', '50100244718821', 'HDFC0001234'),
     ('Salary slip',)),
    ('payroll', 'Payslip (SA): Employee Thandiwe Mokoena, Emp no 7718, ID 9207300227081, '
     'Tax ref no 0447188203, UIF contribution R177.12, bank acc 62004471882 (FNB).',
     ('Thandiwe', 'Mokoena', '7718', '9207300227081', '0447188203', '62004471882'),
     ('UIF contribution',)),
    ('payroll', 'Payslip: Ng Boon Huat, FIN F2234561M, CPF account deducted S$1,040; bank '
     'DBS 027-448812-3.',
     ('Ng Boon Huat', 'F2234561M', '027-448812-3'),
     ()),
    ('payroll', 'NZ payslip - Ana Fifita, IRD 049-091-850, tax code M SL, KiwiSaver 3%, '
     'bank 12-3140-0441882-00.',
     ('Ana', 'Fifita', '049-091-850', '12-3140-0441882-00'),
     ('tax code M SL', 'KiwiSaver 3%')),
    ('payroll', 'Pay stub (CA): Mathieu Gagnon, employee #A44718, SIN 271 836 405, CPP '
     '$412.80, EI $98.11, transit 00412 institution 003 account 1044718.',
     ('Mathieu', 'Gagnon', 'A44718', '271 836 405', '1044718'),
     ('Pay stub', 'CPP', 'EI')),
    ('payroll', 'Irish payslip: Declan Murphy, PPSN 1234567TW, RBP cert no. 44718820, '
     'USC £?, IBAN IE29 AIBK 9311 5212 3456 78.',
     ('Declan', 'Murphy', '1234567TW', '44718820', 'IE29 AIBK 9311 5212 3456 78'),
     ('Irish payslip',)),
    ('payroll', 'Why is Olga Sorensen\'s net pay short? Her payroll number is PR-0044718 '
     'and her NI is NA123456C; tax code 1257L W1/M1.',
     ('Olga', 'Sorensen', 'PR-0044718', 'NA123456C'),
     ('net pay', 'tax code 1257L W1/M1')),
    ('payroll', 'Garnishment order: employee Derrick Lyle, employee number 551208, case '
     'no. 2024-CS-00417, withhold 25% of disposable earnings.',
     ('Derrick', 'Lyle', '551208', '2024-CS-00417'),
     ('Garnishment order', 'disposable earnings')),
    ('payroll', 'Attachment of earnings: Ms Kezia Bright, works number 88417, court ref '
     'K4QZ8812.',
     ('Kezia', 'Bright', '88417', 'K4QZ8812'),
     ('Attachment of earnings',)),
    ('payroll', 'Pension: Royal London plan no. 44718820-1 for member Gareth Pryce; '
     'salary sacrifice 5%.',
     ('44718820-1', 'Gareth', 'Pryce'),
     ('salary sacrifice 5%',)),
    ('payroll', 'Fidelity 401(k) account 44718-20931 for participant Rebecca Stanton, '
     'loan balance $4,200.',
     ('44718-20931', 'Rebecca', 'Stanton'),
     ('loan balance',)),
    ('payroll', 'Super: member number 20044718 with Hostplus for Jack O\'Loughlin; '
     'Super Guarantee 11.5%.',
     ('20044718', 'Jack', "O'Loughlin"),
     ('Super Guarantee 11.5%',)),
    # --- starters and leavers -------------------------------------------------------------------
    ('starter', 'P45 details: Employee: Amelia Hartley, NINO: PE 71 22 48 D, Works/payroll '
     'no: 7710423, Leaving date 31/05, Tax code at leaving 1257L.',
     ('Amelia', 'Hartley', 'PE 71 22 48 D', '7710423'),
     ('P45 details', 'Tax code at leaving')),
    ('starter', 'New starter checklist (P46/Starter Checklist): Name Jakub Nowak, DOB '
     '14/02/1993, NI number SX 44 71 88 A, Statement B, student loan Plan 2.',
     ('Jakub', 'Nowak', '14/02/1993', 'SX 44 71 88 A'),
     ('New starter checklist', 'Statement B', 'Plan 2')),
    ('starter', 'P60 for tax year to 5 April 2024: Employee Samuel Adeyemi, National '
     'Insurance number TW 44 18 82 C, Employer PAYE reference 123/AB45678.',
     ('Samuel', 'Adeyemi', 'TW 44 18 82 C', '123/AB45678'),
     ('P60',)),
    ('starter', 'Form W-4 (2024): Step 1 - Name Diego Ramírez, SSN 421-55-7718, address '
     '903 Palm Ave Apt 12, Fresno CA 93701; Married filing jointly.',
     ('Diego', 'Ramírez', '421-55-7718', '903 Palm Ave Apt 12', '93701'),
     ('Form W-4', 'Married filing jointly')),
    ('starter', 'TD1 completed by Priya Sandhu, SIN 518 229 042, date of birth 1990-07-11, '
     'claim code 1.',
     ('Priya', 'Sandhu', '518 229 042', '1990-07-11'),
     ('TD1', 'claim code 1')),
    ('starter', 'Onboarding: Tax File Number declaration for Lachlan Wright, TFN '
     '339201845, resident for tax purposes, claiming tax-free threshold.',
     ('Lachlan', 'Wright', '339201845'),
     ('Tax File Number declaration', 'tax-free threshold')),
    ('starter', 'Leaver form: Noor Al-Hashimi, Staff No. S-20417, last day 28 June, '
     'reason: resignation; exit interview booked.',
     ('Noor', 'Al-Hashimi', 'S-20417'),
     ('Leaver form', 'exit interview')),
    ('starter', 'IR330 tax code declaration: Manaia Tuilagi, IRD number 082 447 188, tax '
     'code ME.',
     ('Manaia', 'Tuilagi', '082 447 188'),
     ('IR330', 'tax code ME')),
    ('starter', 'Form 11 (India PF): Member name Pooja Sharma, UAN 101882044718, Aadhaar '
     '5271 8830 4618, previous PF account no. DL/CPM/0024471/000/0004418.',
     ('Pooja', 'Sharma', '101882044718', '5271 8830 4618', 'DL/CPM/0024471/000/0004418'),
     ('Form 11',)),
    ('starter', 'EA form / IR8A for Tan Mei Xin, NRIC T0234871Z, employer tax ref '
     '201744718K.',
     ('Tan Mei Xin', 'T0234871Z', '201744718K'),
     ('IR8A',)),
    # --- right to work, I-9 and immigration -------------------------------------------------
    ('rtw', 'Form I-9 Section 2: List A document - U.S. Passport, document number '
     '567889011, expiration 08/14/2031; employee Maria José Castillo.',
     ('567889011', 'Maria José Castillo'),
     ('Form I-9 Section 2', 'List A')),
    ('rtw', 'I-9: Permanent Resident Card, USCIS # A-204-471-882, card no. IOE0914477182, '
     'for Huang Zhiwei.',
     ('A-204-471-882', 'IOE0914477182', 'Huang Zhiwei'),
     ('Permanent Resident Card',)),
    ('rtw', 'EAD (Form I-766) card number SRC2290418823, category C09, employee Oksana '
     'Kovalenko, A-Number 214418820.',
     ('SRC2290418823', 'Oksana', 'Kovalenko', '214418820'),
     ('Form I-766', 'category C09')),
    ('rtw', 'F-1 OPT STEM extension: student Ravi Chandrasekar, SEVIS ID N0012447188, I-20 '
     'issued; E-Verify case 2024118244718AB.',
     ('Ravi', 'Chandrasekar', 'N0012447188', '2024118244718AB'),
     ('OPT STEM extension', 'E-Verify')),
    ('rtw', 'H-1B petition receipt number WAC2419052871 for beneficiary Lakshmi Narayanan, '
     'passport Z4471882 (India).',
     ('WAC2419052871', 'Lakshmi', 'Narayanan', 'Z4471882'),
     ('H-1B petition',)),
    ('rtw', 'Right to work check: share code W7X 4KP 9QZ used for Ahmed Farouk, date of '
     'birth 03/03/1988; BRP number ZU4471882.',
     ('W7X 4KP 9QZ', 'Ahmed', 'Farouk', '03/03/1988', 'ZU4471882'),
     ('Right to work check',)),
    ('rtw', 'Certificate of Sponsorship C2G4471882X assigned to Bogdan Ionescu, Skilled '
     'Worker visa, SOC code 2136.',
     ('C2G4471882X', 'Bogdan', 'Ionescu'),
     ('Certificate of Sponsorship', 'Skilled Worker visa', 'SOC code 2136')),
    ('rtw', 'Work permit (Canada) no. U104471882 for Emeka Obi, LMIA 7718204; employer '
     'compliance check.',
     ('U104471882', 'Emeka', 'Obi', '7718204'),
     ('Work permit', 'LMIA')),
    ('rtw', 'VEVO check: visa subclass 482, grant number 0447188203421, holder Nguyen Van '
     'Thanh, passport N1844718.',
     ('0447188203421', 'Nguyen Van Thanh', 'N1844718'),
     ('VEVO check', 'visa subclass 482')),
    ('rtw', 'MOM Employment Pass: FIN G5541207W, pass no. 0 4471882 1, holder Rahul Bose.',
     ('G5541207W', 'Rahul', 'Bose'),
     ('Employment Pass',)),
    ('rtw', 'Ireland GNIB/IRP card no. 4471882 for Fatima Zahra; Stamp 4.',
     ('4471882', 'Fatima', 'Zahra'),
     ('Stamp 4',)),
    ('rtw', 'SA work visa: Chipo Mutasa, passport no. FN447188, permit no. '
     'WP2024/0447188.',
     ('Chipo', 'Mutasa', 'FN447188', 'WP2024/0447188'),
     ()),
    # --- background checks and references ----------------------------------------------------
    ('background', 'DBS certificate number 001744718820 issued for Rhiannon Lewis, Enhanced '
     'with Barred Lists, no information disclosed.',
     ('001744718820', 'Rhiannon', 'Lewis'),
     ('Enhanced with Barred Lists',)),
    ('background', 'Checkr report ID 5f2a9c41e8b77d0012a4c8e1 for candidate Tyler Brooks: '
     'county criminal search - clear; MVR - 1 minor violation.',
     ('5f2a9c41e8b77d0012a4c8e1', 'Tyler', 'Brooks'),
     ('county criminal search', 'MVR')),
    ('background', 'Sterling order #STR-24-0447188, subject Morgan Ellis, DOB 09/21/1987, '
     'SSN 514-44-7188.',
     ('STR-24-0447188', 'Morgan', 'Ellis', '09/21/1987', '514-44-7188'),
     ()),
    ('background', 'National Police Check (AFP) reference 2024/447188 for Isla McKenzie - '
     'no disclosable court outcomes.',
     ('2024/447188', 'Isla', 'McKenzie'),
     ('National Police Check', 'no disclosable court outcomes')),
    ('background', 'Garda vetting ID 44718820 completed for Orla Keane; NVB reference '
     'NVB-0447188.',
     ('44718820', 'Orla', 'Keane', 'NVB-0447188'),
     ('Garda vetting',)),
    ('background', 'Reference request: Please confirm the employment of Victoria Ashworth '
     '(former employee ID 22418) as Office Manager from 2018 to 2022.',
     ('Victoria', 'Ashworth', '22418'),
     ('Reference request', 'Office Manager')),
    ('background', 'Reference from Graham Tillotson (line manager): Hannah was reliable, '
     'though Hannah Marsh sometimes struggled with deadlines.',
     ('Graham', 'Tillotson', 'Hannah', 'Marsh'),
     ('line manager',)),
    ('background', 'Education verification: Kavya Reddy, Roll No. 17BCE0447, JNTU degree '
     'certificate no. JN/2017/447188.',
     ('Kavya', 'Reddy', '17BCE0447', 'JN/2017/447188'),
     ('Education verification',)),
    # --- reviews, discipline, grievances, investigations ------------------------------------
    ('review', 'Performance review 2024 - Employee: Nathaniel Boateng (ID 30418), Manager: '
     'Claire Dubois. Rating: Exceeds expectations. Goal: lead the Q3 migration.',
     ('Nathaniel', 'Boateng', '30418', 'Claire', 'Dubois'),
     ('Performance review', 'Exceeds expectations')),
    ('review', 'PIP for Shaun McGrath, emp #44718: 60 days; weekly check-ins with his '
     'manager Leanne Fisher.',
     ('Shaun', 'McGrath', '44718', 'Leanne', 'Fisher'),
     ('weekly check-ins',)),
    ('review', 'Disciplinary hearing outcome letter to Mr Kieran Doyle (payroll number '
     '088214): final written warning under the Employment Rights Act 1996 procedure.',
     ('Kieran', 'Doyle', '088214'),
     ('Disciplinary hearing', 'final written warning', 'Employment Rights Act 1996')),
    ('review', 'Grievance raised by Precious Dlamini against supervisor Johan van Wyk; '
     'hearing chaired by HR Manager Lindiwe Khumalo.',
     ('Precious', 'Dlamini', 'Johan', 'van Wyk', 'Lindiwe', 'Khumalo'),
     ('Grievance raised', 'HR Manager')),
    ('review', 'Investigation interview - Witness 2: Corinne Lefebvre stated that she saw '
     'Mr. Adebayo shout at Ms. Wren in the loading bay on 14 March.',
     ('Corinne', 'Lefebvre', 'Adebayo', 'Wren'),
     ('Investigation interview', 'loading bay')),
    ('review', 'Case file ER-2024-0418: allegation of harassment by Dominic Harlow; '
     'complainant Yasmin Qureshi; witnesses: Ben Taft, Lucia Moreno.',
     ('ER-2024-0418', 'Dominic', 'Harlow', 'Yasmin', 'Qureshi', 'Ben Taft', 'Lucia',
      'Moreno'),
     ('allegation of harassment',)),
    ('review', 'Summarise: EEOC charge no. 846-2024-04471 filed by former employee Tamika '
     'Rowe alleging retaliation under Title VII.',
     ('846-2024-04471', 'Tamika', 'Rowe'),
     ('retaliation', 'Title VII')),
    ('review', 'ACAS early conciliation certificate R447188/24/01 for claimant Simone '
     'Achterberg.',
     ('R447188/24/01', 'Simone', 'Achterberg'),
     ('early conciliation certificate',)),
    ('review', 'Fair Work unfair dismissal application U2024/4471 lodged by Jarrah '
     'Thompson.',
     ('U2024/4471', 'Jarrah', 'Thompson'),
     ('unfair dismissal',)),
    ('review', 'CCMA case no. GAJB4471-24: referral by Bongani Zulu, conciliation on '
     'Tuesday.',
     ('GAJB4471-24', 'Bongani', 'Zulu'),
     ('conciliation',)),
    # --- sickness, occupational health, workers' compensation -----------------------------
    ('health', 'Fit note: Patient Mrs Deborah Kingsley, NHS No. 485 777 3457, not fit for '
     'work for 4 weeks due to lumbar disc prolapse; GP Dr Anil Mehta.',
     ('Deborah', 'Kingsley', '485 777 3457', 'Anil', 'Mehta'),
     ('Fit note', 'lumbar disc prolapse')),
    ('health', 'Occupational health referral: employee Rosa Delgado, DOB 12/12/1979, '
     'staff ID 60441, reported anxiety and migraines; adjustments requested.',
     ('Rosa', 'Delgado', '12/12/1979', '60441'),
     ('Occupational health referral', 'adjustments requested')),
    ('health', 'Workers\' comp claim #WC-24-118820: claimant Luis Ortega, SSN 602-18-4471, '
     'injury: right shoulder strain lifting boxes; adjuster Kim Pham.',
     ('WC-24-118820', 'Luis', 'Ortega', '602-18-4471', 'Kim Pham'),
     ('right shoulder strain',)),
    ('health', 'WorkSafe claim number 24/447188 for Brodie Carmichael, date of birth '
     '05/05/1990, Medicare 2123 45670 1.',
     ('24/447188', 'Brodie', 'Carmichael', '05/05/1990', '2123 45670 1'),
     ()),
    ('health', 'ACC claim number 10044718820 for Tane Rangi (NHI ZAC5361), sprained ankle '
     'on site.',
     ('10044718820', 'Tane', 'Rangi', 'ZAC5361'),
     ('sprained ankle',)),
    ('health', 'WSIB claim 44718820 - worker Brittany Lacroix, date of accident 02/03, '
     'health card 4471 882 031 AB.',
     ('44718820', 'Brittany', 'Lacroix', '4471 882 031 AB'),
     ()),
    ('health', 'FMLA certification for Evelyn Marsh (employee ID 70418), serious health '
     'condition; her husband Gordon Marsh is the caregiver.',
     ('Evelyn', 'Marsh', '70418', 'Gordon'),
     ('FMLA certification', 'serious health condition')),
    ('health', 'Sick note from Dr. P. Naidoo for Ayanda Mthembu, ID 7509125301088, '
     'booked off 3 days.',
     ('Naidoo', 'Ayanda', 'Mthembu', '7509125301088'),
     ('booked off 3 days',)),
    ('health', 'ESIC accident report: insured person Manoj Yadav, IP number 3114478821, '
     'Aadhaar 7330 1948 8253.',
     ('Manoj', 'Yadav', '3114478821', '7330 1948 8253'),
     ('ESIC accident report',)),
    ('health', 'RIDDOR report ref 1447188 - over-7-day injury, injured person Alfie Dunn, '
     'home address 3 Mill Row, Barnsley S70 2QT.',
     ('1447188', 'Alfie', 'Dunn', '3 Mill Row', 'S70 2QT'),
     ('over-7-day injury',)),
    # --- benefits enrolment ----------------------------------------------------------------
    ('benefits', 'Benefits enrollment: employee Jason Whitaker (EE ID 44718); dependents: '
     'spouse Amanda Whitaker, DOB 03/22/1985; son Caleb Whitaker, DOB 07/09/2014.',
     ('Jason', 'Whitaker', '44718', 'Amanda', '03/22/1985', 'Caleb', '07/09/2014'),
     ('Benefits enrollment',)),
    ('benefits', 'Health plan: Aetna member ID W447188203, group 0044718, subscriber '
     'Monique Barrett.',
     ('W447188203', 'Monique', 'Barrett'),
     ('Health plan',)),
    ('benefits', 'Life insurance beneficiary: Patrick Ó Flaherty (brother), 50%; Sinead '
     'Flaherty (mother), 50%.',
     ('Patrick', 'Ó Flaherty', 'Sinead', 'Flaherty'),
     ('Life insurance beneficiary',)),
    ('benefits', 'Bupa membership number 44718820 for employee Harvey Clarke and partner '
     'Jade Clarke.',
     ('44718820', 'Harvey', 'Clarke', 'Jade'),
     ()),
    ('benefits', 'HSA account 4471882031 for Carmen Ruiz; COBRA notice mailed to 1840 '
     'Elm St, Tulsa OK 74104.',
     ('4471882031', 'Carmen', 'Ruiz', '1840 Elm St', '74104'),
     ('COBRA notice',)),
    ('benefits', 'Medical aid: Discovery membership 44718820, main member Lerato Mahlangu, '
     'dependant Kagiso Mahlangu (DOB 2016-04-12).',
     ('44718820', 'Lerato', 'Mahlangu', 'Kagiso', '2016-04-12'),
     ('Medical aid',)),
    # --- expenses and corporate cards -----------------------------------------------------
    ('expenses', 'Expense claim EXP-24-004471 by Oliver Brandt: hotel £412.50; corporate '
     'Amex ending 31009; full card 4111 1122 3344 5569 charged in error.',
     ('EXP-24-004471', 'Oliver', 'Brandt', '4111 1122 3344 5569'),
     ('Expense claim', 'hotel £412.50')),
    ('expenses', 'Concur report ID 7F44A18E2C91: employee Mei Fujita, card 5522-8833-1144-'
     '7707, per diem overage.',
     ('7F44A18E2C91', 'Mei', 'Fujita', '5522-8833-1144-7707'),
     ('per diem overage',)),
    ('expenses', 'Mileage claim: Owen Price drove 412 miles in his car, reg WF19 XKP; '
     'approved by Sarah Lin.',
     ('Owen', 'Price', 'WF19 XKP', 'Sarah', 'Lin'),
     ('Mileage claim',)),
    # --- HRIS and ATS exports ----------------------------------------------------------------
    ('hris', 'employee_id,first_name,last_name,dob,ni_number,sort_code,account_no\n'
     '104471,Harriet,Oyelaran,1988-02-14,JT482915B,40-11-62,71882031',
     ('104471', 'Harriet', 'Oyelaran', '1988-02-14', 'JT482915B', '40-11-62', '71882031'),
     ()),
    ('hris', '{"worker_id": "W-0044718", "legal_name": "Ximena Salgado", "personal_email": '
     '"ximena.salgado@gmail.com", "ssn": "533-21-7788", "hire_date": "2023-01-09"}',
     ('W-0044718', 'Ximena', 'Salgado', 'ximena.salgado@gmail.com', '533-21-7788'),
     ()),
    ('hris', 'EmpNo | Name | PAN | UAN | Bank A/C | IFSC\n20417 | Deepak Menon | ABCPM4471K '
     '| 100882044718 | 30441882019 | SBIN0004471',
     ('20417', 'Deepak', 'Menon', 'ABCPM4471K', '100882044718', '30441882019',
      'SBIN0004471'),
     ()),
    ('hris', 'Staff,Name,TFN,BSB,Account,Super Member\n7721,Zoe Hargreaves,339201845,'
     '062-118,10441882,880044718',
     ('Zoe', 'Hargreaves', '339201845', '062-118', '10441882', '880044718'),
     ()),
    ('hris', 'candidate_id;name;phone;email;stage\n884120;Kofi Mensah;+233 24 448 2913;'
     'kofi.mensah@gmail.com;Offer',
     ('884120', 'Kofi', 'Mensah', '+233 24 448 2913', 'kofi.mensah@gmail.com'),
     ()),
    ('hris', 'BambooHR export: Employee #: 1182 | Full name: Ines Carvalho | Home phone: '
     '(617) 555-0132 | Emergency contact: Paulo Carvalho, 617-555-0188',
     ('1182', 'Ines', 'Carvalho', '(617) 555-0132', 'Paulo', '617-555-0188'),
     ('Emergency contact',)),
    ('hris', 'SuccessFactors user ID jmcintyre04, person ID 40044718, name Jill McIntyre, '
     'cost centre CC-4410.',
     ('jmcintyre04', '40044718', 'Jill', 'McIntyre'),
     ('cost centre',)),
    ('hris', 'Employee record: Name Lwazi Nkosi; ID number 0102035800089; tax number '
     '4418820931; UIF number U4471882; bank branch code 250655.',
     ('Lwazi', 'Nkosi', '0102035800089', '4418820931', 'U4471882'),
     ('Employee record',)),
    # --- words that must stay ------------------------------------------------------------------
    ('stay', 'Forms: Form W-4, Form W-2, Form I-9, Form 1040, Form 941, the P45, the P60, '
     'the P11D, the TD1, the T4, the IR330 and Form 16.',
     (), ('Form W-4', 'Form W-2', 'Form I-9', 'Form 1040', 'Form 941', 'P45', 'P60',
          'P11D', 'TD1', 'T4', 'IR330', 'Form 16')),
    ('stay', 'Job titles: Chief People Officer, HR Business Partner, Talent Acquisition '
     'Lead, Payroll Administrator, Occupational Health Nurse, Benefits Analyst.',
     (), ('Chief People Officer', 'HR Business Partner', 'Talent Acquisition Lead',
          'Payroll Administrator', 'Occupational Health Nurse', 'Benefits Analyst')),
    ('stay', 'Statutes: Employment Rights Act 1996, Equality Act 2010, FMLA, ADA, Title '
     'VII, Fair Work Act 2009, Employment Equity Act, Labour Relations Act.',
     (), ('Employment Rights Act 1996', 'Equality Act 2010', 'FMLA', 'ADA', 'Title VII',
          'Fair Work Act 2009', 'Employment Equity Act', 'Labour Relations Act')),
    ('stay', 'Pay items: Basic Pay, Overtime 1.5x, Statutory Sick Pay, Holiday Pay, '
     'Employer NIC, PAYE, Student Loan, Pension (salary sacrifice).',
     (), ('Basic Pay', 'Overtime 1.5x', 'Statutory Sick Pay', 'Holiday Pay',
          'Employer NIC', 'PAYE', 'Student Loan', 'salary sacrifice')),
    ('stay', 'Schemes: KiwiSaver, EPF, EPS, ESIC, CPF, UIF, superannuation, 401(k), Roth '
     'IRA, HSA, FSA, COBRA.',
     (), ('KiwiSaver', 'EPF', 'EPS', 'ESIC', 'CPF', 'UIF', 'superannuation', '401(k)',
          'Roth IRA', 'HSA', 'FSA', 'COBRA')),
    ('stay', 'Tax codes: 1257L, BR, D0, K475, S1257L, W1/M1, NT; claim code 1; tax code M '
     'SL.',
     (), ('1257L', 'BR', 'D0', 'K475', 'S1257L', 'W1/M1', 'claim code 1')),
    ('stay', 'Visa types: H-1B, L-1, O-1, F-1 OPT, TN, Skilled Worker visa, Global Talent '
     'visa, subclass 482, Employment Pass, S Pass, Stamp 4.',
     (), ('H-1B', 'L-1', 'O-1', 'F-1 OPT', 'TN', 'Skilled Worker visa', 'Global Talent',
          'subclass 482', 'Employment Pass', 'S Pass', 'Stamp 4')),
    ('stay', 'Outcomes: verbal warning, first written warning, final written warning, '
     'gross misconduct, summary dismissal, garden leave, support plan.',
     (), ('verbal warning', 'first written warning', 'final written warning',
          'gross misconduct', 'summary dismissal', 'garden leave', 'support plan')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
