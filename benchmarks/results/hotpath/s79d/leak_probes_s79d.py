"""The forty-ninth round's legal probe prompts: what law firms, courts, legal aid, in-house
counsel, notaries and immigration lawyers paste into an LLM, in English (US, UK, Canada,
Australia, India). Captions of complaints and petitions (`JANE DOE, Plaintiff, v. ACME CORP.,
Defendant`, `In re the Marriage of ...`, `Estate of ...`), case, docket and claim numbers of many
courts, bar numbers and SRA ids, PACER/ECF headers, deposition and hearing transcripts, witness
statements, subpoenas, engagement letters, conflict checks, settlements and NDAs, wills, trusts
and powers of attorney, deeds and title reports, immigration files (A-numbers, USCIS receipts,
I-94, SEVIS, Home Office references, Canada's UCI), criminal records (booking, inmate, police
report and citation numbers), family law (children's names and birth dates, child-support case
numbers), bankruptcy (case numbers, creditors' account numbers), intellectual property
(inventors' home addresses), e-discovery (Bates numbers, custodians' e-mails, privilege logs)
and billing entries. Counts both with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s79d/leak_probes_s79d.py \
        learned|spacy [--show]

Policy read from docs/detection.md and the earlier sets:

* ORGANIZATION and LOCATION are masked by default, so a party company's, a law firm's, a
  court's city's name are neither values nor words, unless the court's name is a word (docs:
  a court's name stays). A client's, a witness's, a child's name and a party's home address
  are values.
* DATE_TIME is masked by default: a hearing's or a filing's date is neither; a birth date is a
  value.
* A matter's identifiers are values: case, docket, claim, index, matter and court-file
  numbers, a bankruptcy's case number, a child-support case number, a bar number, an SRA id,
  an A-number, a USCIS receipt, an I-94 number, a SEVIS id, a Home Office reference, a UCI, a
  booking, inmate or DOC number, a police report's and a citation's number, a creditor's
  account number, a deed's instrument and parcel numbers of a person's home, a Bates number
  (it names the client's production), a custodian's e-mail.
* Words that must stay: court names, statute and rule citations (`28 U.S.C. § 1332`,
  `Fed. R. Civ. P. 12(b)(6)`), reporter citations of precedents (`347 U.S. 483 (1954)`,
  `[1932] AC 562`), a doctrine's eponym (`Twombly`, `Daubert`), judges' titles, legal Latin,
  forms' names (`Form I-130`, `N-400`), a document's headings. A precedent's full name (`Brown
  v. Board of Education`) is neither: its parties are public, but the policy masks
  organisations and places, and the set counts no name as a word. A patent application's
  number is neither (published). Written before any rule of this round, as a held-out set.
  All values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- captions ---------------------------------------------------------------------------
    ('caption', 'UNITED STATES DISTRICT COURT\nCENTRAL DISTRICT OF CALIFORNIA\n\nJANE DOE-'
     'HARTIGAN, an individual,\n        Plaintiff,\n    v.\nACME LOGISTICS CORP., a Delaware '
     'corporation,\n        Defendant.\n\nCase No. 2:24-cv-01234-ABC-DEF\n\nCOMPLAINT FOR '
     'DAMAGES\nDEMAND FOR JURY TRIAL',
     ('DOE-HARTIGAN', '2:24-cv-01234-ABC-DEF'),
     ('UNITED STATES DISTRICT COURT', 'Plaintiff', 'Defendant', 'COMPLAINT FOR DAMAGES',
      'DEMAND FOR JURY TRIAL')),
    ('caption', 'SUPERIOR COURT OF THE STATE OF CALIFORNIA\nFOR THE COUNTY OF ALAMEDA\n\n'
     'In re the Marriage of\nPetitioner: ROSALIND FAIRWEATHER-OKAFOR\nand\nRespondent: '
     'DESMOND OKAFOR\n\nCase No. HF23114587',
     ('ROSALIND', 'FAIRWEATHER-OKAFOR', 'DESMOND', 'HF23114587'),
     ('In re the Marriage of', 'Petitioner', 'Respondent')),
    ('caption', 'IN THE CIRCUIT COURT OF COOK COUNTY, ILLINOIS\nCOUNTY DEPARTMENT, PROBATE '
     'DIVISION\nIn the Matter of the Estate of\nWALTER JAMES PRZYBYLSKI, Deceased.\n'
     'No. 2024 P 003187',
     ('WALTER', 'PRZYBYLSKI', '2024 P 003187'),
     ('In the Matter of the Estate of', 'Deceased')),
    ('caption', 'IN THE HIGH COURT OF JUSTICE\nKING\'S BENCH DIVISION\nClaim No. '
     'KB-2024-000123\nBETWEEN:\nMRS ELEANOR PRITCHARD-VAUGHAN\nClaimant\n- and -\nHALCYON '
     'CARE HOMES LIMITED\nDefendant\nPARTICULARS OF CLAIM',
     ('KB-2024-000123', 'ELEANOR', 'PRITCHARD-VAUGHAN'),
     ('IN THE HIGH COURT OF JUSTICE', 'Claimant', 'Defendant', 'PARTICULARS OF CLAIM')),
    ('caption', 'ONTARIO SUPERIOR COURT OF JUSTICE\nCourt File No. CV-23-00698812-0000\n'
     'BETWEEN:\nMARGUERITE LAFLAMME-CHEN\nPlaintiff\nand\nNORTHBRIDGE PROPERTY MANAGEMENT INC.'
     '\nDefendant\nSTATEMENT OF CLAIM',
     ('CV-23-00698812-0000', 'MARGUERITE', 'LAFLAMME-CHEN'),
     ('ONTARIO SUPERIOR COURT OF JUSTICE', 'STATEMENT OF CLAIM')),
    ('caption', 'IN THE FEDERAL CIRCUIT AND FAMILY COURT OF AUSTRALIA (DIVISION 2)\nFile '
     'number: SYC 4471 of 2023\nApplicant: Kirra Wetherall\nRespondent: Jarrah Wetherall',
     ('SYC 4471 of 2023', 'Kirra', 'Wetherall', 'Jarrah'),
     ('Applicant', 'Respondent')),
    ('caption', 'IN THE HIGH COURT OF DELHI AT NEW DELHI\nW.P.(C) 12345/2023\nIN THE MATTER '
     'OF:\nSHRI RAJINDER SINGH BHULLAR S/o Late Sh. Gurbachan Singh, R/o H.No. 42, Sector 15, '
     'Rohini, Delhi-110085 ...Petitioner\nVERSUS\nUNION OF INDIA & ORS. ...Respondents',
     ('W.P.(C) 12345/2023', 'RAJINDER', 'BHULLAR', 'Gurbachan', 'H.No. 42, Sector 15',
      '110085'),
     ('IN THE MATTER OF', 'Petitioner', 'VERSUS', 'Respondents')),
    ('caption', 'SUPREME COURT OF THE STATE OF NEW YORK\nCOUNTY OF KINGS\n-----x\nTOMASZ '
     'WIERZBICKI,\nPlaintiff,\n-against-\nBROOKLYN HEIGHTS REALTY LLC,\nDefendant.\n-----x\n'
     'Index No. 512234/2024\nVERIFIED COMPLAINT',
     ('TOMASZ', 'WIERZBICKI', '512234/2024'),
     ('SUPREME COURT OF THE STATE OF NEW YORK', '-against-', 'VERIFIED COMPLAINT')),
    ('caption', 'PEOPLE OF THE STATE OF MICHIGAN v. DARNELL KENTWORTH-HAYES\nCase No. '
     '24-004512-FH\nDefendant\'s date of birth: 03/14/1996\nMDOC# 884213',
     ('DARNELL', 'KENTWORTH-HAYES', '24-004512-FH', '03/14/1996', '884213'),
     ("Defendant's date of birth",)),
    ('caption', 'In re: GLORIA MAE ABERNATHY-TRUITT,\n    Debtor.\nCase No. 24-10873-JKS\n'
     'Chapter 7\nUNITED STATES BANKRUPTCY COURT, DISTRICT OF NEW JERSEY',
     ('GLORIA', 'ABERNATHY-TRUITT', '24-10873-JKS'),
     ('Debtor', 'Chapter 7', 'UNITED STATES BANKRUPTCY COURT')),
    ('caption', 'SHERIFF COURT OF LOTHIAN AND BORDERS AT EDINBURGH\nCase Ref: EDI-F512-23\n'
     'Pursuer: Isla MacGillivray, 14 Marchmont Crescent, Edinburgh EH9 1HD\nDefender: '
     'Callum MacGillivray',
     ('EDI-F512-23', 'Isla', 'MacGillivray', '14 Marchmont Crescent', 'EH9 1HD', 'Callum'),
     ('Pursuer', 'Defender')),
    ('caption', 'Family Court of Western Australia, Case number PTH 2918 of 2024, In the '
     'matter of the children: Mia Okonkwo-Reid (born 4 June 2015) and Leo Okonkwo-Reid (born '
     '22 September 2018)',
     ('PTH 2918 of 2024', 'Mia', 'Okonkwo-Reid', '4 June 2015', 'Leo', '22 September 2018'),
     ('In the matter of the children',)),
    # --- docket and case numbers ----------------------------------------------------------
    ('docket', 'Please summarise the judgment in our client\'s appeal, Neutral Citation '
     'Number: [2023] EWCA Civ 1187, Case No: CA-2022-001944, appellant Mr Obinna Eze.',
     ('CA-2022-001944', 'Obinna', 'Eze'),
     ('Neutral Citation Number',)),
    ('docket', 'The tenant\'s possession claim is Claim Number K00LV123 at the County Court '
     'at Liverpool; defendant Ms Shauna Kilbride.',
     ('K00LV123', 'Shauna', 'Kilbride'),
     ("possession claim",)),
    ('docket', 'Employment Tribunals case no. 3314587/2023, Claimant: Mr D Adeyemi-Cole, '
     'Respondent: Fulcrum Retail Ltd.',
     ('3314587/2023', 'Adeyemi-Cole'),
     ('Employment Tribunals',)),
    ('docket', 'NM magistrate court CV-2023-004512, landlord v. Esperanza Tafoya, writ of '
     'restitution issued.',
     ('CV-2023-004512', 'Esperanza', 'Tafoya'),
     ('writ of restitution',)),
    ('docket', 'Docket #: 1:22-cr-00417-RDM (D.D.C.), USA v. Ibrahim Al-Khatib, sentencing '
     'memo due.',
     ('1:22-cr-00417-RDM', 'Ibrahim', 'Al-Khatib'),
     ('sentencing memo due',)),
    ('docket', 'Cause No. DC-24-07731, 298th Judicial District, Dallas County, Texas: Vance '
     'Holloway-Pruitt v. Redline Motors.',
     ('DC-24-07731', 'Vance', 'Holloway-Pruitt'),
     ('298th Judicial District',)),
    ('docket', 'Appellate case no. A167234 (First Appellate District); trial court case no. '
     'RG21098765.',
     ('A167234', 'RG21098765'),
     ('First Appellate District',)),
    ('docket', 'The NCAT file for my client is SC 24/18877; the VCAT reference is R2024/41227/'
     '00.',
     ('SC 24/18877', 'R2024/41227/00'),
     ()),
    ('docket', 'BC Supreme Court Action No. S-240913, Vancouver Registry; Plaintiff Harjit '
     'Sandhu.',
     ('S-240913', 'Harjit', 'Sandhu'),
     ('Vancouver Registry',)),
    ('docket', 'Consumer complaint No. CC/412/2023 before the District Consumer Disputes '
     'Redressal Commission, Pune, complainant Smt. Vaishali Kulkarni.',
     ('CC/412/2023', 'Vaishali', 'Kulkarni'),
     ('District Consumer Disputes Redressal Commission',)),
    ('docket', 'FIR No. 0347/2024, P.S. Koregaon Park, u/s 420 IPC against accused Nikhil '
     'Deshmane.',
     ('0347/2024', 'Nikhil', 'Deshmane'),
     ('u/s 420 IPC',)),
    ('docket', 'Our matter number 041877-0023 (client: Lorcan Fitzmaurice) - please draft the '
     'reply.',
     ('041877-0023', 'Lorcan', 'Fitzmaurice'),
     ('please draft the reply',)),
    ('docket', 'CM/ECF: Case 3:23-cv-05512-JSC Document 42 Filed 11/03/23 Page 1 of 18',
     ('3:23-cv-05512-JSC',),
     ('Document 42', 'Page 1 of 18')),
    ('docket', 'Case: 23-1147    Document: 00118012345    Page: 1    Date Filed: 04/11/2024',
     ('23-1147',),
     ('Page: 1',)),
    # --- bar numbers and signature blocks -----------------------------------------------
    ('bar', 'MARISELA QUIROGA-BENNETT (SBN 298431)\nmquiroga@quirogalaw.com\nQUIROGA BENNETT '
     'LLP\n1800 Century Park East, Suite 600\nLos Angeles, CA 90067\nTel: (310) 555-0182\n'
     'Attorneys for Plaintiff',
     ('MARISELA', 'QUIROGA-BENNETT', '298431', 'mquiroga@quirogalaw.com', '(310) 555-0182'),
     ('Attorneys for Plaintiff',)),
    ('bar', '/s/ Thaddeus R. Whitcombe\nThaddeus R. Whitcombe, Bar No. 0391822\nAttorney for '
     'Defendant',
     ('Thaddeus', 'Whitcombe', '0391822'),
     ('Attorney for Defendant',)),
    ('bar', 'Florida Bar No. 1029384 | Georgia Bar No. 338142 | Lead counsel: Priyanka '
     'Venugopal',
     ('1029384', '338142', 'Priyanka', 'Venugopal'),
     ('Lead counsel',)),
    ('bar', 'Solicitor: Gwyneth Llewellyn-Price, SRA number 558812, Harcourt Llewellyn '
     'Solicitors',
     ('Gwyneth', 'Llewellyn-Price', '558812'),
     ('Solicitor',)),
    ('bar', 'Counsel: Ms Aoife Brennan SC, Law Society of Ontario LSO# 71234P; instructing '
     'lawyer Rahim Chowdhury.',
     ('Aoife', 'Brennan', '71234P', 'Rahim', 'Chowdhury'),
     ('instructing lawyer',)),
    ('bar', 'Advocate Meenakshi Raghavan, Enrolment No. D/1842/2009, Bar Council of Delhi.',
     ('Meenakshi', 'Raghavan', 'D/1842/2009'),
     ('Bar Council of Delhi',)),
    ('bar', 'Ms Jacinta Moloney, Practising Certificate No. 44718 (NSW), Principal Solicitor',
     ('Jacinta', 'Moloney', '44718'),
     ('Principal Solicitor',)),
    ('bar', 'Attorney Registration No. 5512873 (NY); admitted pro hac vice. Contact '
     'kbarros@barroslegal.com.',
     ('5512873', 'kbarros@barroslegal.com'),
     ('admitted pro hac vice',)),
    # --- transcripts -------------------------------------------------------------------------
    ('transcript', 'DEPOSITION OF MIGUEL ANGEL ALVAREZ-RUIZ\nBY MS. OKAFOR:\nQ. Mr. Alvarez, '
     'please state your home address for the record.\nA. 4417 Cedar Hollow Drive, Plano, '
     'Texas 75024.\nQ. And your date of birth?\nA. July 9, 1979.',
     ('MIGUEL', 'ALVAREZ-RUIZ', 'OKAFOR', 'Alvarez', '4417 Cedar Hollow Drive', '75024',
      'July 9, 1979'),
     ('DEPOSITION OF', 'for the record')),
    ('transcript', 'THE COURT: Counsel, approach.\nMR. FENWICK: Your Honor, the witness, '
     'Ms. Delphine Araujo, was not disclosed.\nTHE COURT: Overruled.\nTHE WITNESS: I worked '
     'with Kevin Strand at the Elk Grove store.',
     ('FENWICK', 'Delphine', 'Araujo', 'Kevin', 'Strand'),
     ('THE COURT', 'Your Honor', 'THE WITNESS', 'Overruled')),
    ('transcript', 'Q. Did you speak to Dr. Halvorsen about the MRI?\nA. Yes, and to my '
     'sister, Bernadette.\nQ. What is her phone number?\nA. It\'s 617-555-0143.\n'
     'MR. LINDQVIST: Objection, form.',
     ('Halvorsen', 'Bernadette', '617-555-0143', 'LINDQVIST'),
     ('Objection, form',)),
    ('transcript', 'EXAMINATION BY MR. CASTELLANOS:\nQ. State your name.\nA. Yolanda Beatriz '
     'Ferreira.\nQ. Your Social Security number, last four?\nA. 4471.',
     ('CASTELLANOS', 'Yolanda', 'Ferreira', '4471'),
     ('EXAMINATION BY',)),
    ('transcript', 'REPORTER\'S TRANSCRIPT OF PROCEEDINGS\nPeople v. Tremaine Ashby, Case '
     'No. 23CR014457\nReported by: Colleen Fahey, CSR No. 13822',
     ('Tremaine', 'Ashby', '23CR014457', 'Colleen', 'Fahey', '13822'),
     ("REPORTER'S TRANSCRIPT OF PROCEEDINGS",)),
    ('transcript', 'Hearing before Judge Anand, claimant\'s counsel: "My client, Mr Sukhwinder '
     'Gill, lives at 27 Brindley Road, Smethwick B66 3EU with his two children."',
     ('Sukhwinder', 'Gill', '27 Brindley Road', 'B66 3EU'),
     ("claimant's counsel",)),
    ('transcript', 'BY MR. DELACROIX:\nQ. Ms. Nakashima-Boyd, who else was in the car?\nA. My '
     'son Haruto, he was six, and my neighbor Patrice.',
     ('DELACROIX', 'Nakashima-Boyd', 'Haruto', 'Patrice'),
     ('who else was in the car',)),
    # --- witness statements and subpoenas ----------------------------------------------------
    ('witness', 'WITNESS STATEMENT OF FIONA MACAULAY-GRANT\nI, Fiona Macaulay-Grant, of Flat 3, '
     '19 Rosebery Avenue, London EC1R 4SP, will say as follows:\n1. I am the claimant\'s '
     'former line manager.',
     ('FIONA', 'MACAULAY-GRANT', 'Fiona', 'Macaulay-Grant', 'Flat 3, 19 Rosebery Avenue',
      'EC1R 4SP'),
     ('WITNESS STATEMENT OF', 'will say as follows')),
    ('witness', 'Statement of truth: I believe that the facts stated in this witness statement '
     'are true. Signed: Oluwadamilare Bankole. Dated: 3 May 2024.',
     ('Oluwadamilare', 'Bankole'),
     ('Statement of truth',)),
    ('witness', 'DECLARATION OF TERESA YBARRA-KOWALCZYK\nI, Teresa Ybarra-Kowalczyk, declare:\n'
     '1. I reside at 902 Linden Ave, Apt 5C, Oak Park, IL 60302. My email is '
     'tybarra.k@gmail.com.',
     ('TERESA', 'YBARRA-KOWALCZYK', 'Teresa', 'Ybarra-Kowalczyk', '902 Linden Ave, Apt 5C',
      '60302', 'tybarra.k@gmail.com'),
     ('DECLARATION OF',)),
    ('witness', 'SUBPOENA TO TESTIFY AT A DEPOSITION IN A CIVIL ACTION\nTo: Custodian of '
     'Records, Lakeshore Pediatrics\nRe: records of minor patient Ava Lindgren-Moss, DOB '
     '02/28/2017, MRN 00771284',
     ('Ava', 'Lindgren-Moss', '02/28/2017', '00771284'),
     ('SUBPOENA TO TESTIFY AT A DEPOSITION IN A CIVIL ACTION', 'Custodian of Records')),
    ('witness', 'Subpoena duces tecum served on Reginald Osei-Mensah at 77 Harbour View Road, '
     'Mosman NSW 2088 on 14 March 2024 by process server Dean Kowalski.',
     ('Reginald', 'Osei-Mensah', '77 Harbour View Road', 'Mosman NSW 2088', 'Dean',
      'Kowalski'),
     ('Subpoena duces tecum', 'process server')),
    ('witness', 'Affidavit of service: I served the summons on the respondent, Ms Wairimu '
     'Kamau, personally at her home, 4 Acacia Close, Nairobi... no, at 4 Acacia Close, '
     'Reading RG2 7PX.',
     ('Wairimu', 'Kamau', '4 Acacia Close', 'RG2 7PX'),
     ('Affidavit of service',)),
    # --- engagement, conflicts, settlements ---------------------------------------------------
    ('engagement', 'ENGAGEMENT LETTER\nDear Ms. Castellano-Reyes,\nThank you for choosing '
     'Whitmore & Daly LLP to represent you in your claim against your former employer. Our '
     'retainer is $5,000. Client-matter no. 10482.003.',
     ('Castellano-Reyes', '10482.003'),
     ('ENGAGEMENT LETTER', 'retainer is $5,000')),
    ('engagement', 'Conflict check request: new client Bartholomew Ekwueme (DOB 11/02/1971), '
     'adverse parties: Sinéad Ekwueme (spouse), Kestrel Bank plc. Please run against the '
     'database.',
     ('Bartholomew', 'Ekwueme', '11/02/1971', 'Sinéad'),
     ('Conflict check request', 'adverse parties')),
    ('engagement', 'Client intake: Name: Reza Tavakoli-Moghadam; Phone: 416-555-0193; Email: '
     'reza.tm@outlook.com; Opposing party: Parisa Tavakoli; Referral: Google.',
     ('Reza', 'Tavakoli-Moghadam', '416-555-0193', 'reza.tm@outlook.com', 'Parisa',
      'Tavakoli'),
     ('Client intake', 'Opposing party')),
    ('engagement', 'KYC for conveyancing: client Mr Anil Kapoor-Shah, passport 533817294, '
     'current address 12 Beechwood Gardens, Harrow HA3 8RT.',
     ('Anil', 'Kapoor-Shah', '533817294', '12 Beechwood Gardens', 'HA3 8RT'),
     ('KYC for conveyancing',)),
    ('settlement', 'SETTLEMENT AGREEMENT AND GENERAL RELEASE\nThis Agreement is entered into '
     'by and between Lucinda Marquez-Hale, residing at 318 Sycamore Street, Asheville, NC '
     '28801 ("Employee"), and Brightline Health, Inc. ("Company").',
     ('Lucinda', 'Marquez-Hale', '318 Sycamore Street', '28801'),
     ('SETTLEMENT AGREEMENT AND GENERAL RELEASE', 'by and between')),
    ('settlement', 'MUTUAL NON-DISCLOSURE AGREEMENT between Ferrovia Labs Ltd (company no. '
     '11839204) and Dr Imogen Thackeray of 9 Orchard Lane, Cambridge CB4 1JE.',
     ('Imogen', 'Thackeray', '9 Orchard Lane', 'CB4 1JE'),
     ('MUTUAL NON-DISCLOSURE AGREEMENT',)),
    ('settlement', 'Payment of $42,500 shall be made by wire to the IOLTA account of Hale & '
     'Pruitt, account no. 4471029381, routing 021000021, for the benefit of claimant Deshawn '
     'Prewitt.',
     ('4471029381', 'Deshawn', 'Prewitt'),
     ('IOLTA account', 'for the benefit of claimant')),
    ('settlement', 'Without prejudice: our client Ms Natalia Wróblewska will accept £18,000 '
     'in settlement of claim no. H40YX512.',
     ('Natalia', 'Wróblewska', 'H40YX512'),
     ('Without prejudice', 'in settlement of')),
    # --- wills, trusts, powers of attorney --------------------------------------------------
    ('estate', 'LAST WILL AND TESTAMENT OF HAROLD AUGUSTUS PEMBERTON\nI, Harold Augustus '
     'Pemberton, of 61 Willow Bend, Sarasota, Florida 34236, being of sound mind, appoint my '
     'daughter, Clarissa Pemberton-Lowe, as Executor.',
     ('HAROLD', 'PEMBERTON', 'Harold', 'Pemberton', '61 Willow Bend', '34236', 'Clarissa',
      'Pemberton-Lowe'),
     ('LAST WILL AND TESTAMENT OF', 'being of sound mind', 'Executor')),
    ('estate', 'I give my residuary estate in equal shares to my grandchildren, Felix '
     'Aldridge (born 2009) and Matilda Aldridge (born 2012), per stirpes.',
     ('Felix', 'Aldridge', 'Matilda'),
     ('residuary estate', 'per stirpes')),
    ('estate', 'Testator: Mr Cornelius van der Berg\nExecutors: Ms Annelies van der Berg and '
     'Mr Pieter Smit\nWitnessed by: Gemma Hollis, 22 Mill Street, Oxford OX2 0AL',
     ('Cornelius', 'Annelies', 'Pieter', 'Smit', 'Gemma', 'Hollis', '22 Mill Street',
      'OX2 0AL'),
     ('Testator', 'Executors', 'Witnessed by')),
    ('estate', 'THE ROSALIE DUBOIS-KHAN REVOCABLE LIVING TRUST dated June 1, 2018; Trustee: '
     'Rosalie Dubois-Khan; Successor Trustee: Omar Khan; beneficiaries: Layla Khan and Zain '
     'Khan.',
     ('ROSALIE', 'DUBOIS-KHAN', 'Rosalie', 'Dubois-Khan', 'Omar', 'Layla', 'Zain'),
     ('REVOCABLE LIVING TRUST', 'Successor Trustee', 'beneficiaries')),
    ('estate', 'DURABLE POWER OF ATTORNEY\nPrincipal: Agnes Whitlock-Barnes, SSN 412-66-0193\n'
     'Agent: Douglas Barnes, 1405 Ridgeview Ct, Boise, ID 83706',
     ('Agnes', 'Whitlock-Barnes', '412-66-0193', 'Douglas', 'Barnes', '1405 Ridgeview Ct',
      '83706'),
     ('DURABLE POWER OF ATTORNEY', 'Principal', 'Agent')),
    ('estate', 'Lasting power of attorney for property and financial affairs: donor Mrs '
     'Brenda Ashworth, OPG reference 7000-1234-5678; attorneys: Neil Ashworth and Karen Doyle.',
     ('Brenda', 'Ashworth', '7000-1234-5678', 'Neil', 'Karen', 'Doyle'),
     ('Lasting power of attorney', 'attorneys')),
    ('estate', 'Probate application: deceased Ngaire Te Whata, date of death 2 February 2024, '
     'Probate case number 1700-2024-0045112; applicant (son) Rawiri Te Whata.',
     ('Ngaire', 'Te Whata', '1700-2024-0045112', 'Rawiri'),
     ('Probate application', 'date of death')),
    ('estate', 'Grant of Probate issued to executor Seamus O\'Riordan, reference '
     'PA-2024-018834, estate of Bridget O\'Riordan late of 8 Fernhill Road, Cork T12 X2C4.',
     ("Seamus", "O'Riordan", 'PA-2024-018834', 'Bridget', '8 Fernhill Road', 'T12 X2C4'),
     ('Grant of Probate', 'estate of')),
    ('estate', 'Notary acknowledgment: Before me, Joanne Mercado, Notary Public, Commission '
     'No. 2381947, personally appeared Henrik Solberg, proved to me on the basis of '
     'satisfactory evidence.',
     ('Joanne', 'Mercado', '2381947', 'Henrik', 'Solberg'),
     ('Notary Public', 'satisfactory evidence')),
    # --- deeds and title ----------------------------------------------------------------------
    ('property', 'GRANT DEED\nAPN: 5412-018-023\nGrantor: Evelyn Marsh-Tanaka\nGrantee: '
     'Rafael and Inés Montoya, husband and wife\nProperty: 2287 Foothill Blvd, La Cañada '
     'Flintridge, CA 91011\nRecording Requested By: Pacific Title',
     ('5412-018-023', 'Evelyn', 'Marsh-Tanaka', 'Rafael', 'Inés', 'Montoya',
      '2287 Foothill Blvd', '91011'),
     ('GRANT DEED', 'Grantor', 'Grantee', 'husband and wife')),
    ('property', 'Recorded as Instrument No. 2023-0148872, Official Records of Maricopa County; '
     'owner of record: Clement Abiodun.',
     ('2023-0148872', 'Clement', 'Abiodun'),
     ('Official Records',)),
    ('property', 'Title report: Title Number WYK812345, proprietor Gareth Ellison-Hume of '
     '41 Moorland Drive, Leeds LS17 6JP; charge to Nationwide.',
     ('WYK812345', 'Gareth', 'Ellison-Hume', '41 Moorland Drive', 'LS17 6JP'),
     ('Title report', 'proprietor')),
    ('property', 'Certificate of Title Volume 11842 Folio 377; registered proprietor Bronwyn '
     'Castellari.',
     ('Bronwyn', 'Castellari'),
     ('Certificate of Title',)),
    ('property', 'Sale deed executed by Shri Venkataraman Iyer, PAN AGKPI4417K, Aadhaar 4821 '
     '7763 9014, in favour of Smt. Lakshmi Narayanan, Survey No. 118/2B, Village Hoskote.',
     ('Venkataraman', 'Iyer', 'AGKPI4417K', '4821 7763 9014', 'Lakshmi', 'Narayanan'),
     ('Sale deed', 'in favour of')),
    # --- immigration --------------------------------------------------------------------------
    ('immigration', 'Form I-130 petition: Petitioner: Amara Nwosu-Bright, A-Number A-213-456-'
     '789; Beneficiary: Chukwuemeka Nwosu (spouse). USCIS Receipt Number: IOE0912345678.',
     ('Amara', 'Nwosu-Bright', 'A-213-456-789', 'Chukwuemeka', 'Nwosu', 'IOE0912345678'),
     ('Form I-130', 'Petitioner', 'Beneficiary')),
    ('immigration', 'I-797C Notice of Action: Receipt Number EAC2490123456, Applicant Lucía '
     'Paredes-Orozco, A# 098 765 432, Priority Date 03/18/2024.',
     ('EAC2490123456', 'Lucía', 'Paredes-Orozco', '098 765 432'),
     ('Notice of Action', 'Priority Date')),
    ('immigration', 'My client\'s I-94 record number is 84211730455 and her SEVIS ID is '
     'N0041287733; name Mai Phuong Tran.',
     ('84211730455', 'N0041287733', 'Mai', 'Tran'),
     ("I-94 record number",)),
    ('immigration', 'The N-400 for Mr. Grigor Avetisyan (alien number 201 883 774) was '
     'receipted as NBC1234567890 and WAC2412345678 for the I-765.',
     ('Grigor', 'Avetisyan', '201 883 774', 'NBC1234567890', 'WAC2412345678'),
     ('N-400', 'I-765')),
    ('immigration', 'Home Office reference: A1234567/001, UAN 3401-2205-8817-4413; applicant '
     'Ms Farida Haidari, date of birth 12/08/1994, asylum claim.',
     ('A1234567/001', '3401-2205-8817-4413', 'Farida', 'Haidari', '12/08/1994'),
     ('asylum claim',)),
    ('immigration', 'IRCC: Client UCI 1123-4567; Application number E001234567; Jaspreet '
     'Kaur Sidhu, study permit extension.',
     ('1123-4567', 'E001234567', 'Jaspreet', 'Sidhu'),
     ('study permit extension',)),
    ('immigration', 'Immigration court: EOIR hearing for respondent Wilmer Adolfo Chávez, '
     'A-number 217-334-091, before IJ Morrison at the Houston Immigration Court.',
     ('Wilmer', 'Chávez', '217-334-091'),
     ('Immigration Court',)),
    ('immigration', 'DHA visa grant: Transaction Reference Number EGO5XK2M7P, client Bao '
     'Nguyen, subclass 482, passport N7731842.',
     ('EGO5XK2M7P', 'Bao', 'Nguyen', 'N7731842'),
     ('subclass 482',)),
    ('immigration', 'FOIA request to USCIS for Kwabena Ofori-Atta, DOB 1988-05-21, '
     'country of birth Ghana, A-File A201554327.',
     ('Kwabena', 'Ofori-Atta', '1988-05-21', 'A201554327'),
     ('FOIA request',)),
    ('immigration', 'Biometrics appointment: Receipt # MSC2391234567 for applicant Soraya '
     'Haddad-Mansour.',
     ('MSC2391234567', 'Soraya', 'Haddad-Mansour'),
     ('Biometrics appointment',)),
    # --- criminal -------------------------------------------------------------------------------
    ('criminal', 'Arrest report: Booking Number 2024-00087341, arrestee Tyrell Washington-'
     'Greer, DOB 08/22/2001, charged under PC 459; Police Report # 24-118842.',
     ('2024-00087341', 'Tyrell', '08/22/2001', '24-118842'),
     ('Arrest report', 'PC 459')),
    ('criminal', 'Client is in custody, Inmate ID 01238847, at Rikers; NYSID 09876543K. His '
     'name is Jamal Okonjo-Price.',
     ('01238847', '09876543K', 'Jamal', 'Okonjo-Price'),
     ('in custody',)),
    ('criminal', 'Letter to the parole board for TDCJ #02384417, Marcus Villarreal, '
     'currently at the Wynne Unit.',
     ('02384417', 'Marcus', 'Villarreal'),
     ('parole board',)),
    ('criminal', 'Traffic citation number 4Q7713092 issued to Brianna Koller for 52 in a 35; '
     'court date in the municipal court.',
     ('4Q7713092', 'Brianna', 'Koller'),
     ('52 in a 35',)),
    ('criminal', 'Police incident report no. PR-2024-031187; victim: Sandra Lindqvist, '
     '48 Maple Crest Rd, Burlington, VT 05401; suspect: unknown.',
     ('PR-2024-031187', 'Sandra', 'Lindqvist', '48 Maple Crest Rd', '05401'),
     ('Police incident report',)),
    ('criminal', 'UK CRO number 123456/24X and PNC ID 24/123456A for defendant Liam Kearney, '
     'custody record 01YE/4471/24.',
     ('123456/24X', '24/123456A', 'Liam', 'Kearney', '01YE/4471/24'),
     ('custody record',)),
    ('criminal', 'Federal inmate Register Number 55123-177; prisoner Derek Ashcombe; '
     'FBI No. 771234AB9.',
     ('55123-177', 'Derek', 'Ashcombe', '771234AB9'),
     ('Federal inmate',)),
    ('criminal', 'CPS reference 01MP0412345 - R v Callum Rafferty, Crown Court at '
     'Southwark, T20247012.',
     ('01MP0412345', 'Callum', 'Rafferty', 'T20247012'),
     ('Crown Court at Southwark',)),
    ('criminal', 'Expungement petition for Kiara Delgado, arrest date 06/03/2015, OTN '
     'G8814273, docket CP-51-CR-0004417-2015.',
     ('Kiara', 'Delgado', 'G8814273', 'CP-51-CR-0004417-2015'),
     ('Expungement petition',)),
    # --- family -------------------------------------------------------------------------------
    ('family', 'Parenting plan: the children, Sofia Marchetti (DOB 04/11/2014) and Luca '
     'Marchetti (DOB 09/27/2016), shall reside primarily with the Mother, Giulia Marchetti.',
     ('Sofia', 'Marchetti', '04/11/2014', 'Luca', '09/27/2016', 'Giulia'),
     ('Parenting plan', 'reside primarily with the Mother')),
    ('family', 'Child Support Case Number: 2000347812; obligor Terrence Boyd, obligee Keisha '
     'Boyd-Lamar; IV-D agency: OCSE.',
     ('2000347812', 'Terrence', 'Boyd', 'Keisha', 'Boyd-Lamar'),
     ('obligor', 'obligee', 'IV-D agency')),
    ('family', 'CSA case reference 12 3456 7890 1234 for the paying parent Mr Steven Hargreaves '
     '(NI number JT 48 12 33 C).',
     ('12 3456 7890 1234', 'Steven', 'Hargreaves', 'JT 48 12 33 C'),
     ('paying parent',)),
    ('family', 'Dissolution of marriage, FL-2023-009812: Husband: Nikolai Petrov, Wife: Yana '
     'Petrova; minor child Alina, born 15 January 2019.',
     ('FL-2023-009812', 'Nikolai', 'Petrov', 'Yana', 'Petrova', 'Alina', '15 January 2019'),
     ('Dissolution of marriage', 'Husband', 'Wife')),
    ('family', 'DCFS case #4471-0928, foster placement of Jaylen Brooks (age 7) with '
     'caseworker Monique Aldana.',
     ('4471-0928', 'Jaylen', 'Brooks', 'Monique', 'Aldana'),
     ('foster placement',)),
    ('family', 'Adoption file: birth mother Chantelle Rooney, adoptive parents Graham and '
     'Fiona Lister, child\'s birth name Amelia Rose Rooney, born 3/3/2022.',
     ('Chantelle', 'Rooney', 'Graham', 'Fiona', 'Lister', 'Amelia', '3/3/2022'),
     ('Adoption file', 'birth mother', 'adoptive parents')),
    ('family', 'Restraining order DVRO case 24DV00412 protects Maribel Soto and her daughter '
     'Elena (8) from Rogelio Soto.',
     ('24DV00412', 'Maribel', 'Soto', 'Elena', 'Rogelio'),
     ('Restraining order',)),
    # --- bankruptcy -----------------------------------------------------------------------------
    ('bankruptcy', 'Schedule E/F creditors:\n1. Capital One, account ending 4471, $6,312.08\n'
     '2. Discover, acct no. 6011 0091 2233 4455, $2,118.40\n3. Dr. Anwar Qureshi DDS, patient '
     'acct 00412987, $840.00',
     ('4471', '6011 0091 2233 4455', 'Anwar', 'Qureshi', '00412987'),
     ('Schedule E/F', 'creditors')),
    ('bankruptcy', 'Chapter 13 plan for debtors Raymond and Tamsin Okafor-Blake, Bankr. Case '
     'No. 23-41187-MER; trustee payments $1,240/month.',
     ('Raymond', 'Tamsin', 'Okafor-Blake', '23-41187-MER'),
     ('Chapter 13 plan', 'trustee payments')),
    ('bankruptcy', 'Proof of Claim: creditor Midland Funding, last 4 digits of debtor\'s '
     'account 8812, debtor Gwendolyn Pryce, Claim No. 7 on the claims register.',
     ('8812', 'Gwendolyn', 'Pryce'),
     ('Proof of Claim', 'claims register')),
    ('bankruptcy', 'Insolvency Service: bankruptcy order against Derek Fairclough, '
     'BR-2024-000417, Official Receiver reference 24-0018832.',
     ('Derek', 'Fairclough', 'BR-2024-000417', '24-0018832'),
     ('Official Receiver',)),
    # --- intellectual property ----------------------------------------------------------------
    ('ip', 'Inventor declaration: Inventor: Dr. Kavitha Ramaswamy, residence 1188 Saratoga '
     'Ave, San Jose, CA 95129; Application No. 17/884,213.',
     ('Kavitha', 'Ramaswamy', '1188 Saratoga Ave', '95129'),
     ('Inventor declaration', 'Application No. 17/884,213')),
    ('ip', 'Trademark application Serial No. 98123456 for VELOXA, owner Ingrid Halvorsen, '
     'an individual, of 3 Bryggen Lane, Portland, ME 04101.',
     ('Ingrid', 'Halvorsen', '3 Bryggen Lane', '04101'),
     ('Trademark application', 'an individual')),
    ('ip', 'Assignment: Assignor Tobias Wendt, 14 Elmwood Terrace, Cambridge, MA 02138, '
     'assigns to Quanta Robotics Inc. all rights in U.S. Patent No. 11,482,913.',
     ('Tobias', 'Wendt', '14 Elmwood Terrace', '02138'),
     ('Assignment', 'U.S. Patent No. 11,482,913')),
    # --- e-discovery ---------------------------------------------------------------------------
    ('ediscovery', 'Privilege log:\nACME_0001234 | 2023-04-11 | Email from Rachel Stein '
     '(rstein@acmecorp.com) to outside counsel | Attorney-Client\nACME_0001235 | Memo by Omar '
     'Haddad | Work Product',
     ('ACME_0001234', 'Rachel', 'Stein', 'rstein@acmecorp.com', 'ACME_0001235', 'Omar',
      'Haddad'),
     ('Privilege log', 'Attorney-Client', 'Work Product')),
    ('ediscovery', 'Custodians for the litigation hold: Janelle Whitaker (jwhitaker@'
     'northwind-energy.com), Sanjay Mehta (smehta@northwind-energy.com), IT admin Pavel '
     'Novak.',
     ('Janelle', 'Whitaker', 'jwhitaker@northwind-energy.com', 'Sanjay', 'Mehta',
      'smehta@northwind-energy.com', 'Pavel', 'Novak'),
     ('litigation hold',)),
    ('ediscovery', 'Production volume PROD004 covers Bates range DEF-00012001 through '
     'DEF-00014999; produced to plaintiff\'s counsel Eamon Gallagher.',
     ('DEF-00012001', 'DEF-00014999', 'Eamon', 'Gallagher'),
     ('Bates range', "plaintiff's counsel")),
    ('ediscovery', 'Doc review note: HOLLIS-PRIV-000448 is an email from Carmen Iturbe to her '
     'husband, not privileged; SMITH_FIN_0009921 shows her account 7730018842.',
     ('HOLLIS-PRIV-000448', 'Carmen', 'Iturbe', 'SMITH_FIN_0009921', '7730018842'),
     ('Doc review note', 'not privileged')),
    ('ediscovery', 'Relativity export: Control Number ABC0004471, Custodian: '
     'Wheeler, Dana; From: dana.wheeler@harborline.com; To: m.ostrowski@harborline.com',
     ('ABC0004471', 'Wheeler', 'Dana', 'dana.wheeler@harborline.com',
      'm.ostrowski@harborline.com'),
     ('Relativity export',)),
    # --- billing -------------------------------------------------------------------------------
    ('billing', '0.3 Call with client Maria Lopez re: custody schedule\n1.2 Draft motion to '
     'modify support (Lopez v. Lopez)\n0.4 Email opposing counsel Brent Haskell re discovery',
     ('Maria', 'Lopez', 'Brent', 'Haskell'),
     ('Call with client', 'custody schedule', 'Draft motion to modify support')),
    ('billing', '11/04 JRK 0.6 Conference with Mr. Oyelaran re deposition prep; 11/05 JRK '
     '2.0 Attend deposition of Nadia Farouk.',
     ('Oyelaran', 'Nadia', 'Farouk'),
     ('deposition prep', 'Attend deposition of')),
    ('billing', 'Invoice to client Henrietta Blackwood-Sykes, 22 Lansdowne Crescent, Bath BA1 '
     '5EX; matter ref HBS/0047/24; total due £3,412.50.',
     ('Henrietta', 'Blackwood-Sykes', '22 Lansdowne Crescent', 'BA1 5EX', 'HBS/0047/24'),
     ('total due £3,412.50',)),
    ('billing', 'Time entry: 1.5 hrs - review medical records of Thomas Greaves (DOB '
     '07/19/1958) for the PI claim; 0.2 hrs - voicemail from his wife, Doreen.',
     ('Thomas', 'Greaves', '07/19/1958', 'Doreen'),
     ('review medical records', 'PI claim')),
    # --- legal aid and in-house ------------------------------------------------------------------
    ('aid', 'Legal aid application: applicant Precious Mahlangu, NI number ZP 61 24 03 B, '
     'LAA reference 300012345, housing disrepair claim.',
     ('Precious', 'Mahlangu', 'ZP 61 24 03 B', '300012345'),
     ('Legal aid application', 'housing disrepair claim')),
    ('aid', 'Eviction defense intake: tenant Rosa Villalobos, 1420 W 9th St Apt 3, Los '
     'Angeles, CA 90015, phone 213-555-0176, unlawful detainer case 24STUD04412.',
     ('Rosa', 'Villalobos', '1420 W 9th St Apt 3', '90015', '213-555-0176', '24STUD04412'),
     ('Eviction defense intake', 'unlawful detainer')),
    ('aid', 'In-house: HR complaint by employee #44718 (Janet Oduya) against manager Curtis '
     'Lam; outside counsel to advise on Title VII exposure.',
     ('44718', 'Janet', 'Oduya', 'Curtis', 'Lam'),
     ('HR complaint', 'Title VII exposure')),
    ('aid', 'Board minutes (privileged): General Counsel reported the whistleblower, Mr '
     'Anders Nygaard of the Oslo office, filed SEC TCR 17123-456-789-012.',
     ('Anders', 'Nygaard', '17123-456-789-012'),
     ('General Counsel', 'whistleblower')),
    # --- words that must stay --------------------------------------------------------------------
    ('stay', 'This Court has diversity jurisdiction under 28 U.S.C. § 1332 and venue is proper '
     'under 28 U.S.C. § 1391(b). Defendant moves to dismiss under Fed. R. Civ. P. 12(b)(6).',
     (), ('This Court has diversity jurisdiction', '28 U.S.C. § 1332', '28 U.S.C. § 1391(b)',
          'Fed. R. Civ. P. 12(b)(6)')),
    ('stay', 'See Brown v. Board of Education, 347 U.S. 483 (1954); Bell Atlantic Corp. v. '
     'Twombly, 550 U.S. 544 (2007); Ashcroft v. Iqbal, 556 U.S. 662 (2009).',
     (), ('347 U.S. 483 (1954)', '550 U.S. 544 (2007)', '556 U.S. 662 (2009)')),
    ('stay', 'Under Twombly and Iqbal the complaint must plead plausible facts; expert '
     'testimony is tested under Daubert; statements are suppressed absent Miranda warnings.',
     (), ('Twombly', 'Iqbal', 'Daubert', 'Miranda warnings')),
    ('stay', 'Authorities: Donoghue v Stevenson [1932] AC 562; Caparo Industries plc v '
     'Dickman [1990] 2 AC 605; Hadley v Baxendale (1854) 9 Exch 341.',
     (), ('[1932] AC 562', '[1990] 2 AC 605', '(1854) 9 Exch 341')),
    ('stay', 'Civil Procedure Rules: CPR Part 7, CPR 3.9 relief from sanctions, Practice '
     'Direction 51Z, Part 36 offer, Pre-Action Protocol for Personal Injury Claims.',
     (), ('CPR Part 7', 'CPR 3.9', 'relief from sanctions', 'Practice Direction 51Z',
          'Part 36 offer', 'Pre-Action Protocol for Personal Injury Claims')),
    ('stay', 'Latin: res judicata, habeas corpus, mens rea, actus reus, prima facie, inter '
     'alia, ultra vires, certiorari, sub judice, amicus curiae, pro bono, de novo review.',
     (), ('res judicata', 'habeas corpus', 'mens rea', 'actus reus', 'prima facie', 'inter alia',
          'ultra vires', 'certiorari', 'sub judice', 'amicus curiae', 'pro bono',
          'de novo review')),
    ('stay', 'Judges: the Honorable Chief Judge, Magistrate Judge, Lord Justice, Mr Justice, '
     'Her Honour Judge, District Judge, the Master of the Rolls, Justice of the Peace.',
     (), ('the Honorable Chief Judge', 'Magistrate Judge', 'Lord Justice', 'Mr Justice',
          'Her Honour Judge', 'District Judge', 'Master of the Rolls', 'Justice of the Peace')),
    ('stay', 'Courts: Supreme Court of the United States, Ninth Circuit, Court of Appeal of '
     'England and Wales, Supreme Court of Canada, High Court of Australia, Supreme Court of '
     'India, Court of Appeals for the Federal Circuit.',
     (), ('Supreme Court of the United States', 'Ninth Circuit', 'Supreme Court of Canada',
          'High Court of Australia', 'Supreme Court of India', 'Federal Circuit')),
    ('stay', 'Immigration forms: Form I-130, I-485, I-765, I-131, N-400, I-589, I-751, DS-260, '
     'G-28, and the I-864 Affidavit of Support; INA § 212(a)(9)(B).',
     (), ('Form I-130', 'I-485', 'I-765', 'I-131', 'N-400', 'I-589', 'I-751', 'DS-260', 'G-28',
          'I-864 Affidavit of Support', 'INA § 212(a)(9)(B)')),
    ('stay', 'Statutes: 11 U.S.C. § 362 automatic stay, 42 U.S.C. § 1983, Section 8 of the '
     'Housing Act 1988, Section 498A IPC, Section 138 of the Negotiable Instruments Act, '
     'Family Law Act 1975 (Cth) s 60CC.',
     (), ('11 U.S.C. § 362', 'automatic stay', '42 U.S.C. § 1983', 'Housing Act 1988',
          'Section 498A IPC', 'Negotiable Instruments Act', 'Family Law Act 1975', 's 60CC')),
    ('stay', 'Headings: PRELIMINARY STATEMENT, STATEMENT OF FACTS, ARGUMENT, CONCLUSION, '
     'PRAYER FOR RELIEF, CERTIFICATE OF SERVICE, NOTICE OF MOTION AND MOTION TO COMPEL.',
     (), ('PRELIMINARY STATEMENT', 'STATEMENT OF FACTS', 'ARGUMENT', 'CONCLUSION',
          'PRAYER FOR RELIEF', 'CERTIFICATE OF SERVICE', 'NOTICE OF MOTION AND MOTION TO COMPEL')),
    ('stay', 'Deadlines: answer due 21 days after service; 30 days to appeal under FRAP 4(a); '
     'Rule 26(f) conference; Rule 30(b)(6) deposition; 14-day stay of execution.',
     (), ('21 days after service', '30 days to appeal', 'FRAP 4(a)', 'Rule 26(f) conference',
          'Rule 30(b)(6) deposition', '14-day stay of execution')),
    ('stay', 'Billing codes: L110 Fact Investigation, L120 Analysis/Strategy, L210 Pleadings, '
     'L330 Depositions, A101 Plan and prepare, A104 Review/analyze.',
     (), ('L110 Fact Investigation', 'L120 Analysis/Strategy', 'L210 Pleadings',
          'L330 Depositions', 'A101 Plan and prepare', 'A104 Review/analyze')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
