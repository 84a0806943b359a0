"""The fiftieth round's public-sector probe prompts: what social services, benefits offices,
housing authorities, schools, motor vehicle departments, telecom and utility support desks,
permit and licence offices, police dispatch and tax offices paste into an LLM, in English (US,
UK, Canada, Australia, Ireland, New Zealand, India). Case notes of social workers and child
protection, benefit and welfare ids (SNAP/EBT cards, Medicaid and Medicare ids with the MBI, UK
National Insurance numbers and Universal Credit, Canada's SIN, Australia's CRN and Medicare,
Ireland's PPSN, New Zealand's IRD), housing and eviction files, unemployment claims, child
support, school and university records, DMV and vehicle records (driving licences of several
US states and the DVLA's, VINs with their check digit, plates of several countries, insurance
policies, citations and parking fines), telecom support (IMEI, ICCID, IMSI, MSISDN, account
and port-out PINs), utility bills (meter numbers, MPAN, MPRN, account numbers), voter rolls,
jury summonses, permits and licences, 911 dispatch logs and tax offices (EINs, parcel numbers).
Counts both with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s80d/leak_probes_s80d.py \
        learned|spacy [--show]

Policy read from docs/detection.md and the earlier sets:

* ORGANIZATION and LOCATION are masked by default, so an agency's, a school's, a council's or
  a utility's name and a city are neither values nor words. A client's, a child's, a parent's,
  a caller's, a tenant's name and a person's home address are values.
* DATE_TIME is masked by default: an appointment's or a hearing's date is neither; a birth
  date is a value.
* A person's identifiers are values: benefit, welfare, tax and national numbers, a case's,
  a claim's, a voucher's, a student's, a licence's, a permit's, a citation's, an account's,
  a meter's and a policy's number, a plate and a VIN, a phone's and a SIM's ids, PINs, a
  parcel number of a person's home, a business's EIN (a sole trader's is a person's).
* Words that must stay: programme and statute names (`SNAP`, `Medicaid`, `Section 8`,
  `Universal Credit`, `FERPA`, `IEP`, `Children Act 1989`), forms' names (`Form W-2`,
  `Form 1099-G`, `V5C`), a vehicle's make and model, a licence's class, dispatch codes,
  headings of the documents. Written before any rule of this round, as a held-out set. All
  values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- social work and child protection ------------------------------------------------------
    ('casework', 'CPS Intake Note\nReferral #: 2024-CPS-018843\nChild: Kaylee Brandt (DOB '
     '03/14/2017)\nMother: Tiffany Brandt, 418 Maple Hollow Rd, Dayton, OH 45410\nAllegation: '
     'neglect (inadequate supervision). Safety plan signed.',
     ('2024-CPS-018843', 'Kaylee', 'Brandt', '03/14/2017', 'Tiffany', '418 Maple Hollow Rd',
      '45410'),
     ('CPS Intake Note', 'inadequate supervision', 'Safety plan signed')),
    ('casework', 'Home visit 11/02: met with foster parent Deborah Ekwueme; Jaylen (age 9) '
     'has settled well. FACTS case 118823447. Next CFT meeting in three weeks.',
     ('Deborah', 'Ekwueme', 'Jaylen', '118823447'),
     ('Home visit', 'foster parent', 'CFT meeting')),
    ('casework', 'Section 47 enquiry opened under the Children Act 1989 for Ruby-Mae Hollins '
     '(NHS number 943 476 5919), LCS ID 2318874, mother Chantelle Hollins.',
     ('Ruby-Mae', 'Hollins', '943 476 5919', '2318874', 'Chantelle'),
     ('Section 47 enquiry', 'Children Act 1989')),
    ('casework', 'Case note (Children\'s Aid): worker Amanda Kowalczyk met the family of Liam '
     'Desrosiers at 77 Birchmount Crescent, Scarborough ON M1P 3J8; CPIN file 5510-2288-01.',
     ('Kowalczyk', 'Liam', 'Desrosiers', '77 Birchmount Crescent', 'M1P 3J8',
      '5510-2288-01'),
     ('Case note',)),
    ('casework', 'Child protection report (DCJ NSW): child Mia Tuhiwai, born 02/09/2019, '
     'Helpline report no. 4471-8820; father Rawiri Tuhiwai known to police.',
     ('Mia', 'Tuhiwai', '02/09/2019', '4471-8820', 'Rawiri'),
     ('Child protection report', 'known to police')),
    ('casework', 'Tusla referral: child Seán Ó Briain, 6, PPSN 2217619A; school reported '
     'bruising; mother Niamh O\'Brien at 12 Cnoc na Greine, Ennis, Co. Clare.',
     ('Seán', '2217619A', 'Niamh', "O'Brien", '12 Cnoc na Greine'),
     ('school reported bruising',)),
    ('casework', 'Oranga Tamariki: whānau hui for Aroha Ngata (NHI ZAC5361), caregiver '
     'Hemi Ngata, phone 021 448 2913.',
     ('Aroha', 'Ngata', 'ZAC5361', 'Hemi', '021 448 2913'),
     ('whānau hui', 'caregiver')),
    ('casework', 'Adult protective services: client Gerald Pomeroy, 81, Medicare MBI '
     '9KD7-A85-GU77, son Travis Pomeroy suspected of financial exploitation; APS case '
     'APS-24-00771.',
     ('Gerald', 'Pomeroy', '9KD7-A85-GU77', 'Travis', 'APS-24-00771'),
     ('Adult protective services', 'financial exploitation')),
    ('casework', 'Child welfare committee, Pune: child Aarav Kulkarni, 11, Aadhaar 4166 3095 '
     '0358, guardian Sunita Kulkarni, CWC case no. CWC/PUN/2024/0412.',
     ('Aarav', 'Kulkarni', '4166 3095 0358', 'Sunita', 'CWC/PUN/2024/0412'),
     ('Child welfare committee',)),
    ('casework', 'Supervision notes: discussed the Okonkwo siblings (Chidi 7, Ada 4); case '
     'ID C-0048812; court report due; worker Lisa Marchetti.',
     ('Okonkwo', 'Chidi', 'C-0048812', 'Lisa', 'Marchetti'),
     ('Supervision notes', 'court report due')),
    # --- benefits and welfare --------------------------------------------------------------------
    ('benefits', 'SNAP recertification for Marisol Vega, case number 1104488213, EBT card '
     '5077198758867021; household of 4; income from Form W-2 only.',
     ('Marisol', 'Vega', '1104488213', '5077198758867021'),
     ('SNAP recertification', 'household of 4', 'Form W-2')),
    ('benefits', 'My EBT card number is 6008 9027 9054 5343 and it was skimmed, can you help '
     'me write to OTDA? My name is Keisha Bramlett.',
     ('6008 9027 9054 5343', 'Keisha', 'Bramlett'),
     ('it was skimmed',)),
    ('benefits', 'Lone Star card 6100982913849829 for Hector Villarreal; SNAP and TANF '
     'benefits stopped.',
     ('6100982913849829', 'Hector', 'Villarreal'),
     ('SNAP', 'TANF', 'benefits stopped')),
    ('benefits', 'Medicaid ID: 71204488319, recipient Donna Whitcomb, managed care plan '
     'enrolment; Medicare Beneficiary Identifier 5T76H17DW79.',
     ('71204488319', 'Donna', 'Whitcomb', '5T76H17DW79'),
     ('Medicaid', 'managed care plan')),
    ('benefits', 'MBI: 2J35PE0YF23\nName: Harold Jessup\nMedicare Part A and Part B effective.',
     ('2J35PE0YF23', 'Harold', 'Jessup'),
     ('Medicare Part A and Part B',)),
    ('benefits', 'Old red-white-blue card: Medicare claim number 123-45-6789A for Edna Faulk, '
     'Medi-Cal BIC 90412287F.',
     ('123-45-6789A', 'Edna', 'Faulk', '90412287F'),
     ('Medi-Cal',)),
    ('benefits', 'Universal Credit journal: claimant Shannon Pryce, NI number JK 48 21 93 C, '
     'claim reference UC-7740-1182-33; work coach Darren.',
     ('Shannon', 'Pryce', 'JK 48 21 93 C', 'UC-7740-1182-33', 'Darren'),
     ('Universal Credit journal', 'work coach')),
    ('benefits', 'PIP assessment letter for Mr Kieran Doyle, National Insurance number '
     'SN627014B, DWP reference PIP/4471/882; Personal Independence Payment standard rate.',
     ('Kieran', 'Doyle', 'SN627014B', 'PIP/4471/882'),
     ('PIP assessment letter', 'Personal Independence Payment')),
    ('benefits', 'Please draft an appeal (mandatory reconsideration) for my mum, Brenda '
     'Akinola, NINO PR 39 81 52 A; her ESA was stopped.',
     ('Brenda', 'Akinola', 'PR 39 81 52 A'),
     ('mandatory reconsideration', 'ESA was stopped')),
    ('benefits', 'Ontario Works file: applicant Priya Raman, SIN 466 542 115, member ID '
     '0412-887-21; ODSP pending.',
     ('Priya', 'Raman', '466 542 115', '0412-887-21'),
     ('Ontario Works', 'ODSP pending')),
    ('benefits', 'EI claim for Marc-André Tremblay: Social Insurance Number 116-391-855, '
     'access code 4421, Record of Employment W44812937.',
     ('Marc-André', 'Tremblay', '116-391-855', '4421', 'W44812937'),
     ('EI claim', 'Record of Employment')),
    ('benefits', 'Centrelink: CRN 412 338 917K, customer Jarrah Wilkinson, JobSeeker Payment '
     'suspended; Medicare card 2512 99433 1.',
     ('412 338 917K', 'Jarrah', 'Wilkinson', '2512 99433 1'),
     ('JobSeeker Payment', 'suspended')),
    ('benefits', 'Customer Reference Number: 208 114 562J\nName: Brooke Havili\nMedicare '
     'number 6743 71525 4',
     ('208 114 562J', 'Brooke', 'Havili', '6743 71525 4'),
     ()),
    ('benefits', 'Intreo: Jobseeker\'s Allowance claim of Padraig Keogh, PPS number 3184562C, '
     'IBAN IE29 AIBK 9311 5212 3456 78.',
     ('Padraig', 'Keogh', '3184562C', 'IE29 AIBK 9311 5212 3456 78'),
     ("Jobseeker's Allowance",)),
    ('benefits', 'Work and Income NZ: client number 118 442 901, IRD 080-999-445, Sione '
     'Taufa, Jobseeker Support.',
     ('118 442 901', '080-999-445', 'Sione', 'Taufa'),
     ('Jobseeker Support',)),
    ('benefits', 'WIC participant: infant Nevaeh Combs, mother Ashlyn Combs, WIC ID '
     '0044821937, eWIC card 5076805263737082.',
     ('Nevaeh', 'Combs', 'Ashlyn', '0044821937', '5076805263737082'),
     ('WIC participant',)),
    ('benefits', 'SSA letter: Supplemental Security Income for Terrence Mabry, SSN 412-77-'
     '9013, claim number 412779013DI; SSDI offset.',
     ('Terrence', 'Mabry', '412-77-9013', '412779013DI'),
     ('Supplemental Security Income', 'SSDI offset')),
    ('benefits', 'Ration card no. MH-0412-88731 and PM-KISAN registration UP1188042217 of '
     'farmer Ramesh Yadav.',
     ('MH-0412-88731', 'UP1188042217', 'Ramesh', 'Yadav'),
     ('PM-KISAN registration',)),
    # --- housing ---------------------------------------------------------------------------------
    ('housing', 'Housing Choice Voucher (Section 8): voucher no. HCV-24-00817, tenant '
     'LaShonda Pettway, unit at 2231 E Federal St, Baltimore, MD 21213.',
     ('HCV-24-00817', 'LaShonda', 'Pettway', '2231 E Federal St', '21213'),
     ('Housing Choice Voucher', 'Section 8')),
    ('housing', 'NOTICE TO PAY RENT OR QUIT\nTo: Rigoberto Salazar, 1550 N Kenmore Ave Apt 12, '
     'Los Angeles, CA 90027\nRent due: $1,850.00\nTenant ID: T-0048213',
     ('Rigoberto', 'Salazar', '1550 N Kenmore Ave Apt 12', '90027', 'T-0048213'),
     ('NOTICE TO PAY RENT OR QUIT', 'Rent due')),
    ('housing', 'Landlord-tenant case 24-LT-004812 in Housing Court; respondent Anthony '
     'DiNapoli; rent ledger shows arrears.',
     ('24-LT-004812', 'Anthony', 'DiNapoli'),
     ('Housing Court', 'rent ledger shows arrears')),
    ('housing', 'Housing register application HR/2024/004817 for Ms Farida Begum, 3 bed need, '
     'band B; rent account 44718-02; Section 21 notice served.',
     ('HR/2024/004817', 'Farida', 'Begum', '44718-02'),
     ('Housing register application', 'Section 21 notice')),
    ('housing', 'Eviction hearing prep: tenant Wanda Greer, case no. 2024CVG004471, '
     'apartment 3C, 88 Linden Blvd, Brooklyn NY 11226; household income from SSI.',
     ('Wanda', 'Greer', '2024CVG004471', '88 Linden Blvd', '11226'),
     ('Eviction hearing prep', 'SSI')),
    ('housing', 'Public housing recertification: head of household Dmitri Sokolov, '
     'PHA tenant number 000448172, dependents Anya and Pavel.',
     ('Dmitri', 'Sokolov', '000448172', 'Anya', 'Pavel'),
     ('Public housing recertification', 'head of household')),
    ('housing', 'NSW Housing client number 1048821 for Tegan Maloney; bond lodgement '
     '22041877.',
     ('1048821', 'Tegan', 'Maloney', '22041877'),
     ('bond lodgement',)),
    # --- unemployment and child support -----------------------------------------------------------
    ('unemployment', 'EDD claim: Claim ID 0048821937, customer account number 198812440, '
     'claimant Yesenia Morales; Form 1099-G for 2023.',
     ('0048821937', '198812440', 'Yesenia', 'Morales'),
     ('Form 1099-G',)),
    ('unemployment', 'Unemployment claim appeal: claimant Darnell Hughes, SSN last 4 6621, '
     'docket no. UI-24-118842; separation reason: discharged.',
     ('Darnell', 'Hughes', '6621', 'UI-24-118842'),
     ('Unemployment claim appeal', 'separation reason')),
    ('unemployment', 'NYS DOL: weekly certification blocked, NY.gov ID jcastillo88, '
     'claimant Javier Castillo, PIN 4821.',
     ('jcastillo88', 'Javier', 'Castillo', '4821'),
     ('weekly certification blocked',)),
    ('childsupport', 'Child support: IV-D case number 000118834, obligor Brandon Tate, '
     'obligee Kristen Tate, children Mason and Harper; arrears $8,214.',
     ('000118834', 'Brandon', 'Tate', 'Kristen', 'Mason', 'Harper'),
     ('IV-D', 'obligor', 'obligee')),
    ('childsupport', 'Child Maintenance Service: case number 1200 4471 8823, paying parent '
     'Craig Hobbs, receiving parent Leanne Marsh, NI number TC 45 10 77 D.',
     ('1200 4471 8823', 'Craig', 'Hobbs', 'Leanne', 'Marsh', 'TC 45 10 77 D'),
     ('Child Maintenance Service', 'paying parent', 'receiving parent')),
    ('childsupport', 'FRO case #: 2304417-B, payor Sanjay Bhatt, support deduction order for '
     'daughter Anika.',
     ('2304417-B', 'Sanjay', 'Bhatt', 'Anika'),
     ('support deduction order',)),
    # --- schools and universities -----------------------------------------------------------------
    ('school', 'IEP meeting notes\nStudent: Elijah Washburn  Student ID: 900412387  Grade 4\n'
     'Parent: Tamara Washburn\nEligibility: Specific Learning Disability; 504 plan reviewed.',
     ('Elijah', 'Washburn', '900412387', 'Tamara'),
     ('IEP meeting notes', 'Specific Learning Disability', '504 plan')),
    ('school', 'Incident report: on the playground, student Brayden Kowalski (ID# 20418833) '
     'hit Zoe Amari; parents Mr. and Mrs. Kowalski notified by phone 614-555-0148.',
     ('Brayden', 'Kowalski', '20418833', 'Zoe', 'Amari', '614-555-0148'),
     ('Incident report',)),
    ('school', 'FERPA request: former student Olivia Nakashima, SID 2019-08841, DOB '
     '05/22/2001, wants her transcript sent to grad school.',
     ('Olivia', 'Nakashima', '2019-08841', '05/22/2001'),
     ('FERPA request', 'transcript')),
    ('school', 'Official transcript - Banner ID A02948173 - Name: Connor Fitzgerald - '
     'Cumulative GPA 3.41',
     ('A02948173', 'Connor', 'Fitzgerald'),
     ('Official transcript', 'Cumulative GPA')),
    ('school', 'UPN: A123456789012\nPupil: Amelia Okafor-Briggs\nSEN support; EHCP '
     'application submitted by parent Grace Okafor.',
     ('A123456789012', 'Amelia', 'Okafor-Briggs', 'Grace'),
     ('SEN support', 'EHCP')),
    ('school', 'UCAS Personal ID 123-456-7890 for Ethan Blackwood; conditional offer.',
     ('123-456-7890', 'Ethan', 'Blackwood'),
     ('conditional offer',)),
    ('school', 'Ontario Education Number 534646898 for grade 8 student Noah Tremblay-Singh; '
     'OSR transferred.',
     ('534646898', 'Noah', 'Tremblay-Singh'),
     ('OSR transferred',)),
    ('school', 'USI: 8X4P2K7QWM for apprentice Lachlan Reid; NSN 118442907 for Mere Parata.',
     ('8X4P2K7QWM', 'Lachlan', 'Reid', '118442907', 'Mere', 'Parata'),
     ('apprentice',)),
    ('school', 'Roll no. 2214087, enrolment no. DU/2022/BA/04471, student Kavya Menon, '
     'father\'s name Suresh Menon.',
     ('2214087', 'DU/2022/BA/04471', 'Kavya', 'Menon', 'Suresh'),
     ("father's name",)),
    ('school', 'Detention slip: Jayden Morris, student number 0048817, talking in class; '
     'parent signature required.',
     ('Jayden', 'Morris', '0048817'),
     ('Detention slip', 'parent signature required')),
    ('school', 'Financial aid: FAFSA of Destiny Ortiz, parent Rosa Ortiz, EFC 0; university '
     'ID U88412093.',
     ('Destiny', 'Ortiz', 'Rosa', 'U88412093'),
     ('Financial aid', 'FAFSA')),
    # --- DMV and vehicles -----------------------------------------------------------------------
    ('dmv', 'California DL D4471902, Class C, exp 08/2027, name Samantha Reyes-Holt, DOB '
     '09/30/1991, 1123 Oak Park Blvd, Pleasant Hill, CA 94523.',
     ('D4471902', 'Samantha', 'Reyes-Holt', '09/30/1991', '1123 Oak Park Blvd', '94523'),
     ('Class C',)),
    ('dmv', 'Florida driver license number W426-545-30-761-0 belongs to Walter Nguyen.',
     ('W426-545-30-761-0', 'Walter', 'Nguyen'),
     ()),
    ('dmv', 'NY license ID 123 456 789, Illinois DL S530-4129-8817, Texas driver\'s license '
     '40218873 - all for the same renter, Kofi Mensah.',
     ('123 456 789', 'S530-4129-8817', '40218873', 'Kofi', 'Mensah'),
     ()),
    ('dmv', 'Washington driver license WDL7X9K2P4LB, Michigan license M 320 441 887 912.',
     ('WDL7X9K2P4LB', 'M 320 441 887 912'),
     ()),
    ('dmv', 'DVLA: driving licence number HOLLO762143JD9AB, Mrs Jane Holloway; 3 penalty '
     'points (SP30).',
     ('HOLLO762143JD9AB', 'Jane', 'Holloway'),
     ('penalty points', 'SP30')),
    ('dmv', 'Registration: 2019 Honda Accord, VIN 1HGPNUR92H1233510, plate 7KQM482 (CA), '
     'registered owner Evelyn Charbonneau.',
     ('1HGPNUR92H1233510', '7KQM482', 'Evelyn', 'Charbonneau'),
     ('Honda Accord',)),
    ('dmv', 'Tow yard note: Toyota Camry 2T1XV3XE575077406, NY plate HXT-4821, owner unknown.',
     ('2T1XV3XE575077406', 'HXT-4821'),
     ('Tow yard note', 'Toyota Camry', 'owner unknown')),
    ('dmv', 'V5C logbook: registration LK19 XRT, keeper Ms Imogen Pratt, document reference '
     'number 40418827713.',
     ('LK19 XRT', 'Imogen', 'Pratt', '40418827713'),
     ('V5C logbook',)),
    ('dmv', 'Vehicle: Tesla Model Y, VIN: 5YJGLGZK8M6393580, Ontario plate CAFW 382, '
     'insured by policy number ON-4471-8820-3.',
     ('5YJGLGZK8M6393580', 'CAFW 382', 'ON-4471-8820-3'),
     ('Tesla Model Y',)),
    ('dmv', 'Insurance card: Policy # 0048821937-01, named insured Roberto Pacheco, 2021 Ford '
     'F-150 1FTSHZ0C4N2459492.',
     ('0048821937-01', 'Roberto', 'Pacheco', '1FTSHZ0C4N2459492'),
     ('Insurance card', 'Ford F-150')),
    ('dmv', 'NSW rego BZ12QF, Victoria registration 1XY-2ZA; Ireland reg 191-D-12345; NZ '
     'plate NHJ482.',
     ('BZ12QF', '1XY-2ZA', '191-D-12345', 'NHJ482'),
     ()),
    ('dmv', 'RC book of vehicle MH 12 AB 1234 in the name of Anil Deshmukh; chassis no. '
     'MA3EWDE1S00412345.',
     ('MH 12 AB 1234', 'Anil', 'Deshmukh', 'MA3EWDE1S00412345'),
     ('RC book',)),
    ('dmv', 'Carfax for JTD07NX27K5132968 and WBAHDM9W2N6586045: no accidents, two owners.',
     ('JTD07NX27K5132968', 'WBAHDM9W2N6586045'),
     ('no accidents',)),
    ('dmv', 'Title transfer: seller Gloria Espinoza, buyer Marcus Lindqvist, VIN '
     'KNMDU2HP99C495717, odometer 84,212 miles, title no. 71044882.',
     ('Gloria', 'Espinoza', 'Marcus', 'Lindqvist', 'KNMDU2HP99C495717', '71044882'),
     ('Title transfer', 'odometer')),
    # --- tickets and fines ------------------------------------------------------------------------
    ('tickets', 'Traffic citation No. C47819203, speeding 72 in a 55, driver Jerome Whitfield, '
     'plate 8BNR219.',
     ('C47819203', 'Jerome', 'Whitfield', '8BNR219'),
     ('Traffic citation', 'speeding')),
    ('tickets', 'Penalty Charge Notice WK44718820, vehicle registration AB12 CDE, contravention '
     'code 01.',
     ('WK44718820', 'AB12 CDE'),
     ('Penalty Charge Notice', 'contravention code 01')),
    ('tickets', 'Parking ticket number 1188042217 issued to plate GZT 4471 (NJ); fine $65.',
     ('1188042217', 'GZT 4471'),
     ('Parking ticket',)),
    ('tickets', 'Infringement notice 4012883177 (Fines Victoria) for registration 1AB2CD, '
     'nominated driver Chloe Fenwick.',
     ('4012883177', '1AB2CD', 'Chloe', 'Fenwick'),
     ('Infringement notice', 'nominated driver')),
    ('tickets', 'Uniform Traffic Ticket AA4471882 for Patrick Dunleavy, CDL holder, 3 '
     'points; red light camera notice 88120044.',
     ('AA4471882', 'Patrick', 'Dunleavy', '88120044'),
     ('Uniform Traffic Ticket', 'CDL holder')),
    # --- telecom ----------------------------------------------------------------------------------
    ('telecom', 'Customer wants to unlock: IMEI 354686558650865, account holder Rebecca Lyle, '
     'account PIN 7712.',
     ('354686558650865', 'Rebecca', 'Lyle', '7712'),
     ('unlock',)),
    ('telecom', 'Stolen phone report: iPhone 14, IMEI: 35 390632 890279 7, serial F2LZK8Q1N72H.',
     ('35 390632 890279 7', 'F2LZK8Q1N72H'),
     ('Stolen phone report', 'iPhone 14')),
    ('telecom', 'SIM swap request - ICCID 89018419045660315389, IMSI 310260294600682, MSISDN '
     '14155550187, customer Julian Ferreira.',
     ('89018419045660315389', '310260294600682', '14155550187', 'Julian', 'Ferreira'),
     ('SIM swap request',)),
    ('telecom', 'Port-out: number transfer PIN 739104, account number 8812 4471 002, '
     'customer Megan O\'Hara.',
     ('739104', '8812 4471 002', 'Megan', "O'Hara"),
     ('Port-out',)),
    ('telecom', 'My phone\'s IMEI is 352235592344150 and the SIM number on the card is '
     '8944235666817769900, please block both.',
     ('352235592344150', '8944235666817769900'),
     ('please block both',)),
    ('telecom', 'PAC code for switching: PAC XKD448127, mobile 07700 900614; STAC for '
     'cancelling: STAC 448812ABC.',
     ('XKD448127', '07700 900614', '448812ABC'),
     ('PAC code for switching',)),
    ('telecom', 'Device list on the account: 357137858073454, 869457081572762 (dual SIM); '
     'both blacklisted.',
     ('357137858073454', '869457081572762'),
     ('both blacklisted',)),
    ('telecom', 'Jio SIM 8961438161573254411 for mobile 98204 47118 in the name of Pooja '
     'Iyer.',
     ('8961438161573254411', '98204 47118', 'Pooja', 'Iyer'),
     ()),
    # --- utilities --------------------------------------------------------------------------------
    ('utility', 'Electricity bill: Account Number 4410 2938 117, MPAN 1458458085762, meter '
     'serial 19L4827301, Mrs Pauline Hargreaves, 16 Ashdown Road, Leeds LS6 2PQ.',
     ('4410 2938 117', '1458458085762', '19L4827301', 'Pauline', 'Hargreaves',
      '16 Ashdown Road', 'LS6 2PQ'),
     ('Electricity bill',)),
    ('utility', 'Full MPAN: S 01 801 100 16 5832022620 3 on the supply of Mr Owen Baptiste.',
     ('16 5832022620 3', 'Owen', 'Baptiste'),
     ()),
    ('utility', 'Gas: MPRN 7412288310; Irish electricity MPRN 10012345678 for Aoife Byrne.',
     ('7412288310', '10012345678', 'Aoife', 'Byrne'),
     ()),
    ('utility', 'Water bill for service address 908 Larkspur Ln, Boise ID 83706: account '
     '#0048812-01, meter no. 61884420, customer Dale Ambrose.',
     ('908 Larkspur Ln', '83706', '0048812-01', '61884420', 'Dale', 'Ambrose'),
     ('Water bill',)),
    ('utility', 'ESI ID 10443720004481277, Texas retail electricity, customer Ramona Pike; '
     'LIHEAP assistance applied.',
     ('10443720004481277', 'Ramona', 'Pike'),
     ('LIHEAP assistance',)),
    ('utility', 'Shut-off notice: PG&E account 4471882091-3, customer Byron Takahashi; '
     'medical baseline certificate on file.',
     ('4471882091-3', 'Byron', 'Takahashi'),
     ('Shut-off notice', 'medical baseline')),
    ('utility', 'NMI 4102881947 (Ausgrid) and meter number 0084471 at the home of Kirra '
     'Bennett.',
     ('4102881947', '0084471', 'Kirra', 'Bennett'),
     ()),
    # --- voting and jury --------------------------------------------------------------------------
    ('civic', 'Voter registration: Voter ID 004881293, Guadalupe Serrano, precinct 2417, party '
     'DEM, 5520 W Colfax Ave, Denver CO 80214.',
     ('004881293', 'Guadalupe', 'Serrano', '5520 W Colfax Ave', '80214'),
     ('Voter registration',)),
    ('civic', 'Electoral roll: elector number KA4-1187, Mr Nigel Blythe, poll card sent.',
     ('KA4-1187', 'Nigel', 'Blythe'),
     ('poll card sent',)),
    ('civic', 'EPIC no. ABC1234567 (voter ID card) of Lakshmi Narayanan, part no. 144.',
     ('ABC1234567', 'Lakshmi', 'Narayanan'),
     ('voter ID card',)),
    ('civic', 'JURY SUMMONS\nJuror Number: 448213\nParticipant ID 0048821937\nSummoned: Carla '
     'Jennings, 71 Poplar St, Camden NJ 08103',
     ('448213', '0048821937', 'Carla', 'Jennings', '71 Poplar St', '08103'),
     ('JURY SUMMONS',)),
    ('civic', 'I got a jury summons, my juror badge number is 771204 and the group number '
     '18; can I defer? - Stephon Marcus',
     ('771204', 'Stephon', 'Marcus'),
     ('jury summons', 'can I defer')),
    # --- permits and licences ---------------------------------------------------------------------
    ('permits', 'Business License No. BL-2024-004812 issued to Hernandez Tacos LLC, owner '
     'Miguel Hernandez; EIN 84-2917365.',
     ('BL-2024-004812', 'Miguel', 'Hernandez', '84-2917365'),
     ('Business License',)),
    ('permits', 'FOID card number 48821937, concealed carry license CCL-24-118842, holder '
     'Dwayne Roper.',
     ('48821937', 'CCL-24-118842', 'Dwayne', 'Roper'),
     ('concealed carry',)),
    ('permits', 'Fishing license 2024-FL-0048213 and hunting licence customer ID 771820441 '
     'for Travis McCoy.',
     ('2024-FL-0048213', '771820441', 'Travis', 'McCoy'),
     ()),
    ('permits', 'Building permit BP24-004471 for 17 Heron Way, Austin TX 78745, applicant '
     'Sofia Lindgren; contractor licence no. 448812.',
     ('BP24-004471', '17 Heron Way', '78745', 'Sofia', 'Lindgren', '448812'),
     ('Building permit',)),
    ('permits', 'Firearms certificate FAC 44/1882 (Thames Valley), holder Mr Rupert Ashcombe.',
     ('44/1882', 'Rupert', 'Ashcombe'),
     ('Firearms certificate',)),
    ('permits', 'PAL number 11882044.0001 (RCMP firearms licence) for Colton Beaulieu.',
     ('11882044.0001', 'Colton', 'Beaulieu'),
     ()),
    ('permits', 'Food handler certificate #FH-884127 for Nasra Abdi; liquor licence '
     'LL-2023-0412.',
     ('FH-884127', 'Nasra', 'Abdi', 'LL-2023-0412'),
     ('Food handler certificate',)),
    ('permits', 'Working with Children Check WWC0882041E for volunteer Hannah Ly.',
     ('WWC0882041E', 'Hannah', 'Ly'),
     ('Working with Children Check',)),
    # --- 911 and police dispatch -----------------------------------------------------------------
    ('dispatch', '22:14 CAD #24-118842 CALLER: Monique Ferris CB: 313-555-0129 LOC: 4410 '
     'Seminole St, Detroit\nNATURE: domestic disturbance, Code 3\n22:19 units on scene, 10-97',
     ('24-118842', 'Monique', 'Ferris', '313-555-0129', '4410 Seminole St'),
     ('domestic disturbance', 'Code 3', '10-97')),
    ('dispatch', 'Incident report 2024-0041188: subject Tyrell Banks, DOB 11/04/1996, OLN '
     'B4471882 (MD), released with a warning.',
     ('2024-0041188', 'Tyrell', 'Banks', '11/04/1996', 'B4471882'),
     ('Incident report', 'released with a warning')),
    ('dispatch', 'Event E24-00418 - welfare check at 55 Quarry Lane for elderly resident '
     'Mabel Corrigan, callback 0412 448 913.',
     ('E24-00418', '55 Quarry Lane', 'Mabel', 'Corrigan', '0412 448 913'),
     ('welfare check',)),
    ('dispatch', 'Crime reference number 47/118842/24 for the burglary at the home of Mr '
     'Jaspreet Gill.',
     ('47/118842/24', 'Jaspreet', 'Gill'),
     ('Crime reference number', 'burglary')),
    ('dispatch', 'FIR No. 0412/2024, PS Andheri; complainant Neha Joshi, mobile 9820447118.',
     ('0412/2024', 'Neha', 'Joshi', '9820447118'),
     ('complainant',)),
    ('dispatch', '911 call: caller Ashley Kim reports a vehicle, plate 6TRJ244, VIN '
     '3VWD56121B7126191, abandoned on her street.',
     ('Ashley', 'Kim', '6TRJ244', '3VWD56121B7126191'),
     ('911 call',)),
    # --- tax offices ------------------------------------------------------------------------------
    ('tax', 'Property tax bill: APN 123-456-78, owner Leonard Fairbanks, situs 2840 Vista '
     'Grande Dr; homeowner exemption.',
     ('123-456-78', 'Leonard', 'Fairbanks', '2840 Vista Grande Dr'),
     ('Property tax bill', 'homeowner exemption')),
    ('tax', 'Cook County PIN 14-21-305-012-0000 for the bungalow of Gwendolyn Pierce.',
     ('14-21-305-012-0000', 'Gwendolyn', 'Pierce'),
     ()),
    ('tax', 'Parcel Number 0412-08-118-004, assessed to Ortiz, Ramon & Lucia.',
     ('0412-08-118-004', 'Ortiz', 'Ramon', 'Lucia'),
     ()),
    ('tax', 'Form SS-4 confirmation: EIN 46-3318842 assigned to sole proprietor Bianca '
     'Moreau; Schedule C filer.',
     ('46-3318842', 'Bianca', 'Moreau'),
     ('Form SS-4', 'Schedule C')),
    ('tax', 'HMRC: UTR 4471882093, self assessment for Mr Callum Reid; Council Tax account '
     '30048821.',
     ('4471882093', 'Callum', 'Reid', '30048821'),
     ('self assessment', 'Council Tax')),
    ('tax', 'ATO: TFN 123 456 782 of Matilda Ng; ABN 51 824 753 556 of her business.',
     ('123 456 782', 'Matilda', 'Ng', '51 824 753 556'),
     ()),
    ('tax', 'CRA: business number 123456782RT0001, account holder Gabriel Ouellet.',
     ('123456782RT0001', 'Gabriel', 'Ouellet'),
     ()),
    ('tax', 'Revenue: PPSN 4216057S, Local Property Tax ID KX77AB12, owner Ciara Lynch.',
     ('4216057S', 'KX77AB12', 'Ciara', 'Lynch'),
     ('Local Property Tax',)),
    ('tax', 'IRD number 052-752-604 (Inland Revenue NZ) for Tama Walker; GST registered.',
     ('052-752-604', 'Tama', 'Walker'),
     ('GST registered',)),
    ('tax', 'PAN ABCPK1234M and GSTIN 27ABCPK1234M1Z5 of proprietor Rakesh Khanna.',
     ('ABCPK1234M', '27ABCPK1234M1Z5', 'Rakesh', 'Khanna'),
     ()),
    # --- words that must stay ---------------------------------------------------------------------
    ('stay', 'Programs: SNAP, WIC, TANF, Medicaid, CHIP, SSI, SSDI, LIHEAP, Section 8, '
     'Head Start, the Earned Income Tax Credit and the Child Tax Credit.',
     (), ('SNAP', 'WIC', 'TANF', 'Medicaid', 'CHIP', 'SSI', 'SSDI', 'LIHEAP', 'Section 8',
          'Head Start', 'Earned Income Tax Credit', 'Child Tax Credit')),
    ('stay', 'UK benefits: Universal Credit, Personal Independence Payment, Employment and '
     'Support Allowance, Pension Credit, Council Tax Reduction, Carer\'s Allowance.',
     (), ('Universal Credit', 'Personal Independence Payment',
          'Employment and Support Allowance', 'Pension Credit', 'Council Tax Reduction',
          "Carer's Allowance")),
    ('stay', 'Forms: Form W-2, Form 1040, Form 1099-G, Form SS-4, Form I-9, Form SSA-827, '
     'Form DS-82, the V5C, the P60 and the P45.',
     (), ('Form W-2', 'Form 1040', 'Form 1099-G', 'Form SS-4', 'Form I-9', 'Form SSA-827',
          'Form DS-82', 'V5C', 'P60', 'P45')),
    ('stay', 'School terms: IEP, 504 plan, FERPA, IDEA, FAPE, least restrictive environment, '
     'EHCP, SENCO, free school meals.',
     (), ('IEP', '504 plan', 'FERPA', 'IDEA', 'FAPE', 'least restrictive environment',
          'EHCP', 'SENCO', 'free school meals')),
    ('stay', 'Statutes: Children Act 1989, Housing Act 1988, Section 21, Fair Housing Act, '
     'Social Security Act Title XIX, Family Educational Rights and Privacy Act.',
     (), ('Children Act 1989', 'Housing Act 1988', 'Section 21', 'Fair Housing Act',
          'Title XIX', 'Family Educational Rights and Privacy Act')),
    ('stay', 'Licence classes: Class C, Class A CDL, Class M motorcycle endorsement, '
     'provisional licence, learner permit, G2 licence, P plates.',
     (), ('Class C', 'Class A CDL', 'Class M motorcycle endorsement', 'provisional licence',
          'learner permit', 'G2 licence', 'P plates')),
    ('stay', 'Dispatch codes: 10-4, 10-20, Code 3, Signal 7, BOLO, ETA 5 minutes, unit 14 '
     'en route.',
     (), ('10-4', '10-20', 'Code 3', 'BOLO', 'ETA 5 minutes', 'en route')),
    ('stay', 'Vehicles: 2019 Honda Accord EX-L, Ford F-150 XLT, Toyota RAV4 Hybrid, '
     'Tesla Model 3, Vauxhall Corsa 1.2.',
     (), ('Honda Accord EX-L', 'Ford F-150 XLT', 'Toyota RAV4 Hybrid', 'Tesla Model 3',
          'Vauxhall Corsa 1.2')),
    ('stay', 'Telecom terms: dual SIM, eSIM, 5G, VoLTE, port-out protection, number lock, '
     'PAC code, Wi-Fi calling, 4G LTE Band 66.',
     (), ('dual SIM', 'eSIM', '5G', 'VoLTE', 'port-out protection', 'number lock',
          'PAC code', 'Wi-Fi calling', '4G LTE Band 66')),
    ('stay', 'Billing: 1,240 kWh used, tariff E7, standing charge 53.35p per day, '
     'TOU-D-4-9PM rate plan, budget billing.',
     (), ('1,240 kWh', 'tariff E7', 'standing charge 53.35p per day', 'TOU-D-4-9PM',
          'budget billing')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
