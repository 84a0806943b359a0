"""The forty-second round's third probe prompts: over-masking, the prompt's own words that the
detectors take for values. What professionals paste beside (or instead of) the values: clinical
notes and drug lists (brand and generic drugs, doses, eponymous diseases, signs, scores and
operations: Parkinson's, Crohn's, Glasgow Coma Scale, Apgar, Whipple, Hodgkin: an eponym is no
patient), lab panels, contracts with their defined terms (the Borrower, Lender, Guarantor),
financial statements (line items, tickers), code and stack traces (class and function names in
CamelCase, ``firstName``, ``user_id``), spreadsheet headers, a form's labels alone, brand,
product and place words (a Ford Focus, Amazon, Jordan sneakers, Chelsea boots, Paris the
perfume), months and weekdays, job titles, section headings in capitals, and prompts with
values as the earlier rounds wrote them, so both count: the values that must go and the
ordinary words that must stay. Counts both with the ``veil`` on ``PYTHONPATH`` and one NER
backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s72c/leak_probes_s72c.py \
        learned|spacy [--show]

Policy read from docs/detection.md: ORGANIZATION and LOCATION are masked types, found by the
models and by their shape (a legal form, an institution's noun), with no list of company
names. A company named as the subject of an analysis, its ticker, a merchant on a statement, a
company's product (`Microsoft Teams`, `Kindle`), a brand that is a fashion house (`Chanel`) and
a country in a list are therefore neither values that must go nor words that must stay here
(such prompts keep only their other words); a drug, a car's model after its make, an eponym,
a dish, a garment, a contract's defined term, a form's label, a job's title, a department and a
heading name no organisation, place or person, and must stay. "Dr. Ford" or "Henry Ford" in a
patient's note is a person. After the first run, the words a policy masks were taken out of
the words that must stay (tickers, merchants, company products, the countries of a dropdown,
a month inside a date), each prompt keeping some of its other words.

All values are made up; checksums are valid where the id has one (NHS number mod-11, Luhn
cards).
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- clinical notes, drugs, eponyms -------------------------------------------------------
    ('clinical', 'Summarise this discharge note for the GP:\n'
     'Patient: Marguerite Okafor-Lindqvist, DOB 14/03/1951\n'
     'PMH: Parkinson\'s disease (dx 2016), Crohn\'s disease, Hashimoto\'s thyroiditis\n'
     'Meds: Sinemet 25/100 mg TDS, Levothyroxine 75 mcg OD, Adalimumab 40 mg every other week\n'
     'Seen by Dr. Thaddeus Brennan-Oyelaran on the Neurology ward.',
     ('Marguerite', 'Okafor-Lindqvist', '14/03/1951', 'Thaddeus', 'Brennan-Oyelaran'),
     ('Parkinson', 'Crohn', 'Hashimoto', 'Sinemet', 'Levothyroxine', 'Adalimumab')),
    ('clinical', 'A&E triage: 34M found collapsed. Glasgow Coma Scale 9 (E2 V3 M4), pupils '
     'equal and reactive. Babinski sign positive on the left. Kernig sign negative. '
     'CT head ordered. Next of kin: Rosalind Achterberg, 07700 900418.',
     ('Rosalind Achterberg', '07700 900418'),
     ('Glasgow Coma Scale', 'Babinski', 'Kernig')),
    ('clinical', 'Neonatal summary: Apgar 7 at 1 min, 9 at 5 min. Mother: Ifeoma Chukwuemeka, '
     'G2P1. Baby boy, 3.41 kg. Plan: Guthrie test on day 5, review by Dr Okwuosa.',
     ('Ifeoma Chukwuemeka', 'Okwuosa'),
     ('Apgar', 'Guthrie test', 'Neonatal summary')),
    ('clinical', 'Explain the post-op risks after a Whipple procedure (pancreaticoduodenectomy) '
     'in a patient with Hodgkin lymphoma in remission and a history of Barrett\'s oesophagus.',
     (),
     ('Whipple procedure', 'Hodgkin lymphoma', 'Barrett')),
    ('clinical', 'Differential for a 62F: Addison\'s disease vs Cushing\'s syndrome? '
     'Also rule out Graves\' disease. Her Epworth score is 14 and the Wells score 2.',
     (),
     ('Addison', 'Cushing', 'Graves', 'Epworth', 'Wells score')),
    ('clinical', 'Alzheimer\'s disease stage per the Mini-Mental State Examination (MMSE 18/30). '
     'Caregiver is her son Leopold Vandersteen. Started Donepezil 5 mg nocte, then Memantine.',
     ('Leopold Vandersteen',),
     ('Alzheimer', 'Donepezil', 'Memantine', 'Mini-Mental State Examination')),
    ('drugs', 'Check these interactions: Warfarin 5 mg, Amiodarone 200 mg, Simvastatin 40 mg, '
     'Clopidogrel 75 mg, Omeprazole 20 mg. Any issue with Ibuprofen PRN?',
     (),
     ('Warfarin', 'Amiodarone', 'Simvastatin', 'Clopidogrel', 'Omeprazole', 'Ibuprofen')),
    ('drugs', 'Controlled drugs register, ward 4B:\n'
     'Oxycodone HCl 5 mg tablet  qty 28\n'
     'Morphine Sulfate 10 mg/5 ml oral solution  qty 100 ml\n'
     'Fentanyl 25 mcg/hr patch  qty 5\n'
     'Witnessed by: Nurse Philippa Greatorex',
     ('Philippa Greatorex',),
     ('Oxycodone HCl', 'Morphine Sulfate', 'Fentanyl')),
    ('drugs', 'Patient asks whether she can take Tylenol with Lipitor and Zoloft; she is '
     'already on Eliquis and Januvia. Write a plain-language answer.',
     (),
     ('Tylenol', 'Lipitor', 'Zoloft', 'Eliquis', 'Januvia')),
    ('drugs', 'Rx for Cordelia Fairbrother-Nkemelu (NHS 943 476 5919): Ozempic 0.25 mg '
     'weekly, Metformin 500 mg BD, Atorvastatin 20 mg ON. Prescriber: Dr Evander Holloway.',
     ('Cordelia', 'Fairbrother-Nkemelu', '943 476 5919', 'Evander Holloway'),
     ('Ozempic', 'Metformin', 'Atorvastatin')),
    ('clinical', 'Patient Henry Ford, 71, presents with chest pain; seen by Dr. Ford in the '
     'Cardiology clinic. ECG shows ST elevation.',
     ('Henry Ford',),
     ('Cardiology clinic', 'ST elevation')),
    # --- lab panels ------------------------------------------------------------------------------
    ('lab', 'Interpret this panel:\n'
     'Sodium 134 mmol/L (135-145) L\nPotassium 5.8 mmol/L (3.5-5.0) H\n'
     'Creatinine 162 umol/L\neGFR 38\nALT 54 U/L\nBilirubin 19 umol/L\nHbA1c 61 mmol/mol\n'
     'Ferritin 12 ug/L\nTSH 6.2 mU/L',
     (),
     ('Sodium', 'Potassium', 'Creatinine', 'Bilirubin', 'Ferritin')),
    ('lab', 'FULL BLOOD COUNT\nPatient: Bartholomew Quennell   Hosp No: K4471902\n'
     'Haemoglobin 98 g/L\nWhite Cell Count 14.2\nPlatelets 412\nNeutrophils 11.9\n'
     'Lymphocytes 1.1\nComment: ?infection, suggest Blood Culture',
     ('Bartholomew Quennell', 'K4471902'),
     ('FULL BLOOD COUNT', 'Haemoglobin', 'White Cell Count', 'Platelets', 'Neutrophils',
      'Lymphocytes', 'Hosp No', 'Blood Culture')),
    ('lab', 'Coagulation: INR 3.4 on Warfarin. APTT 41 s. D-Dimer 0.9. Fibrinogen 2.1. '
     'Troponin T 48 ng/L. Reported by Biochemistry, Royal Infirmary.',
     (),
     ('Coagulation', 'Warfarin', 'Fibrinogen', 'Troponin')),
    # --- legal clauses and defined terms ---------------------------------------------------------
    ('legal', 'Review clause 7.2: "The Borrower shall procure that the Guarantor delivers to '
     'the Lender, within 120 days after the end of each Financial Year, its audited '
     'consolidated financial statements. Any Event of Default entitles the Agent to '
     'accelerate the Facility."',
     (),
     ('Borrower', 'Guarantor', 'Lender', 'Financial Year', 'Event of Default', 'Agent',
      'Facility')),
    ('legal', 'THIS LEASE is made between Cornelius Abernathy-Vale (the "Landlord") and '
     'Saoirse Mac an tSaoi (the "Tenant"). The Landlord lets the Premises at 14 Ormond '
     'Quay Upper, Dublin 7 to the Tenant for the Term. Rent is payable monthly.',
     ('Cornelius Abernathy-Vale', '14 Ormond Quay Upper'),
     ('Landlord', 'Tenant', 'Premises', 'Term', 'Rent')),
    ('legal', 'Redline this NDA. "Disclosing Party" means the party disclosing Confidential '
     'Information; "Receiving Party" means the recipient; "Representatives" means '
     'directors, officers and Affiliates. Governing Law: England and Wales.',
     (),
     ('Disclosing Party', 'Confidential Information', 'Receiving Party', 'Representatives',
      'Affiliates', 'Governing Law')),
    ('legal', 'SCHEDULE 3\nCONDITIONS PRECEDENT\n1. A copy of the Constitutional Documents of '
     'each Obligor.\n2. A Compliance Certificate signed by the Chief Financial Officer.\n'
     '3. The Security Agreement duly executed.',
     (),
     ('SCHEDULE 3', 'CONDITIONS PRECEDENT', 'Constitutional Documents', 'Obligor',
      'Compliance Certificate', 'Chief Financial Officer', 'Security Agreement')),
    ('legal', 'Co-Borrower: Desmond Quarshie-Allotey\nGuarantor: Philippa Rushworth\n'
     'Lender: Harbourline Mortgage Trust plc\nAssets: Vanguard ISA, balance £48,200',
     ('Desmond Quarshie-Allotey', 'Philippa Rushworth'),
     ('Co-Borrower', 'Guarantor', 'Lender', 'Assets:')),
    ('legal', 'Under the Limitation Act 1980 and the rule in Hadley v Baxendale, can the '
     'Claimant recover consequential loss? See also Donoghue v Stevenson on duty of care.',
     (),
     ('Limitation Act', 'Claimant', 'duty of care')),
    # --- financial statements, tickers ----------------------------------------------------------
    ('finance', 'Build a ratio analysis from this:\nRevenue 4,812\nCost of Sales (2,904)\n'
     'Gross Profit 1,908\nSelling, General and Administrative (1,022)\nEBITDA 1,131\n'
     'Depreciation and Amortisation (245)\nOperating Income 886\nNet Income 611\n'
     'Total Assets 9,340\nRetained Earnings 3,118',
     (),
     ('Revenue', 'Cost of Sales', 'Gross Profit', 'EBITDA', 'Depreciation',
      'Operating Income', 'Net Income', 'Total Assets', 'Retained Earnings')),
    ('finance', 'Compare P/E for AAPL, MSFT, NVDA and TSLA using Q3 numbers; is the Nasdaq '
     'overweight tech versus the S&P 500? Mention the Fed rate path in September.',
     (),
     ('P/E', 'S&P 500', 'Q3 numbers', 'September')),
    ('finance', 'BALANCE SHEET\nCurrent Assets\n  Cash and Cash Equivalents 812\n  Accounts '
     'Receivable 1,204\n  Inventories 966\nCurrent Liabilities\n  Accounts Payable 733\n'
     '  Accrued Expenses 214\nShareholders\' Equity 3,412',
     (),
     ('BALANCE SHEET', 'Current Assets', 'Cash and Cash Equivalents', 'Accounts Receivable',
      'Inventories', 'Current Liabilities', 'Accounts Payable', 'Accrued Expenses')),
    ('finance', 'My card statement, which are subscriptions?\n'
     '03 Jun  AMAZON PRIME*2K4 LONDON  8.99\n05 Jun  TESCO STORES 2231  42.17\n'
     '07 Jun  NETFLIX.COM  10.99\n09 Jun  GEICO AUTO  187.44\n12 Jun  SPOTIFY  11.99\n'
     'Card ending 4471, account holder Wilhelmina Achterkamp',
     ('Wilhelmina Achterkamp',),
     ('which are subscriptions', 'Card ending')),
    ('finance', 'Wire from Ottoline Featherstonehaugh, IBAN GB33 BUKB 2020 1555 5555 55, '
     'to our Visa Business account; Mastercard fees apply. Reference: Invoice March.',
     ('Ottoline Featherstonehaugh', 'GB33 BUKB 2020 1555 5555 55'),
     ('Invoice March',)),
    # --- code and stack traces ------------------------------------------------------------------
    ('code', 'Why does this throw?\nTraceback (most recent call last):\n'
     '  File "app/services/billing.py", line 88, in ChargeCustomer\n'
     '    invoice = InvoiceBuilder(customer).build()\n'
     '  File "app/models.py", line 41, in build\n    raise ValidationError("missing '
     'firstName")\nValidationError: missing firstName',
     (),
     ('ChargeCustomer', 'InvoiceBuilder', 'ValidationError', 'firstName')),
    ('code', 'Exception in thread "main" java.lang.NullPointerException: Cannot invoke '
     '"String.length()" because "lastName" is null\n'
     '\tat com.acme.crm.CustomerService.normalizeName(CustomerService.java:57)\n'
     '\tat com.acme.crm.ImportJob.run(ImportJob.java:112)',
     (),
     ('NullPointerException', 'CustomerService', 'normalizeName', 'ImportJob', 'lastName')),
    ('code', 'Refactor this React component:\n'
     'export function PatientCard({ firstName, lastName, dateOfBirth }) {\n'
     '  const [isOpen, setIsOpen] = useState(false);\n'
     '  return <Card title={`${firstName} ${lastName}`} onClick={() => setIsOpen(!isOpen)} />;\n'
     '}',
     (),
     ('PatientCard', 'firstName', 'lastName', 'dateOfBirth', 'useState', 'setIsOpen')),
    ('code', 'class UserProfile(BaseModel):\n    user_id: int\n    first_name: str\n'
     '    last_name: str\n    email: EmailStr\n\nWhy does Pydantic reject '
     'UserProfile(user_id=7, first_name="Evangeline", last_name="Scrivener", '
     'email="evangeline.s@example.org")?',
     ('Evangeline', 'Scrivener', 'evangeline.s@example.org'),
     ('UserProfile', 'BaseModel', 'user_id', 'first_name', 'EmailStr', 'Pydantic')),
    ('code', 'SELECT c.customer_id, c.FirstName, c.LastName, o.OrderDate FROM Customers c '
     'JOIN Orders o ON o.CustomerID = c.customer_id WHERE o.Status = \'Shipped\' '
     'AND c.Country = \'Jordan\';  -- why is this slow?',
     (),
     ('FirstName', 'LastName', 'OrderDate', 'Customers', 'Orders', 'CustomerID', 'Shipped')),
    ('code', 'Go panic:\npanic: runtime error: invalid memory address or nil pointer '
     'dereference\ngoroutine 1 [running]:\nmain.(*OrderHandler).ServeHTTP(0x0, {0x7f2a, '
     '0xc000}, 0xc0001)\n\t/src/handlers/order.go:44 +0x1d\nmain.main()',
     (),
     ('OrderHandler', 'ServeHTTP', 'goroutine')),
    ('code', 'Rename these C# members to our conventions: GetCustomerByEmail, '
     'UpdateShippingAddress, CalculateTaxRate, IsPremiumMember, MaxRetryCount.',
     (),
     ('GetCustomerByEmail', 'UpdateShippingAddress', 'CalculateTaxRate', 'IsPremiumMember',
      'MaxRetryCount')),
    ('code', 'ERROR 2024-06-12T08:14:07Z AuthService: login failed for user '
     'ignatius.pembroke (ip 10.44.7.19) reason=InvalidPassword attempts=5 '
     'handler=SessionController#create',
     ('ignatius.pembroke', '10.44.7.19'),
     ('AuthService', 'InvalidPassword', 'SessionController')),
    # --- spreadsheet headers and form labels ---------------------------------------------------
    ('sheet', 'First Name\tLast Name\tDate of Birth\tPostcode\tNI Number\tJob Title\tStart Date\n'
     'Perpetua\tOyelowo-Marsh\t02/09/1988\tLS6 2QT\tJT482915B\tPayroll Officer\t01/03/2021',
     ('Perpetua', 'Oyelowo-Marsh', '02/09/1988', 'LS6 2QT', 'JT482915B'),
     ('First Name', 'Last Name', 'Date of Birth', 'Postcode', 'NI Number', 'Job Title',
      'Start Date', 'Payroll Officer')),
    ('sheet', 'Make a pivot from these columns: Region, Sales Rep, Account Manager, '
     'Quarter, Product Line, Units Sold, Gross Margin, Forecast Accuracy.',
     (),
     ('Region', 'Sales Rep', 'Account Manager', 'Product Line', 'Units Sold', 'Gross Margin',
      'Forecast Accuracy')),
    ('form', 'What should go in each field of this form?\nFull Name:\nMaiden Name:\n'
     'Place of Birth:\nNationality:\nMarital Status:\nNext of Kin:\nEmployer:\nOccupation:',
     (),
     ('Full Name', 'Maiden Name', 'Place of Birth', 'Nationality', 'Marital Status',
      'Next of Kin', 'Employer', 'Occupation')),
    ('form', 'Patient Name: ____________  Hosp No: ______  Consultant: ________\n'
     'Ward: ______  Allergies: ______  Lic# ______\nTranslate these labels into Spanish.',
     (),
     ('Patient Name', 'Hosp No', 'Consultant', 'Ward', 'Allergies', 'Lic#')),
    ('form', 'Applicant: Théodora Blackmore-Ijeoma\nCo-Applicant: Ruairí Ó Fionnagáin\n'
     'Employer: Kestrel Analytics Ltd\nOccupation: Senior Actuary\nAnnual Income: £84,000\n'
     'Assets: ISA £12,000; Liabilities: car loan £6,400',
     ('Théodora Blackmore-Ijeoma', 'Ruairí Ó Fionnagáin'),
     ('Applicant', 'Co-Applicant', 'Occupation', 'Senior Actuary', 'Annual Income', 'Assets',
      'Liabilities')),
    # --- product, brand and place words --------------------------------------------------------
    ('product', 'Write an Amazon listing for Chelsea boots in tan suede, and a second one for '
     'Jordan 1 Retro High sneakers. Keywords: Oxford shoes, Derby, Brogue.',
     (),
     ('Chelsea boots', 'Jordan 1 Retro', 'Oxford shoes', 'Derby', 'Brogue')),
    ('product', 'Perfume copy: Paris by Yves Saint Laurent, Chanel No. 5, and Dior Sauvage. '
     'Compare the top notes and suggest Instagram captions.',
     (),
     ('Perfume copy', 'top notes')),
    ('product', 'Car insurance quote comparison: 2019 Ford Focus 1.0 EcoBoost, 2021 Toyota '
     'Corolla Hybrid, 2018 Honda Civic. Policyholder Ambrose Kettering, postcode BS2 8QE.',
     ('Ambrose Kettering', 'BS2 8QE'),
     ('Ford Focus', 'EcoBoost', 'Toyota Corolla', 'Honda Civic')),
    ('product', 'Police report: Vehicle: silver Ford Focus, Victim: Bronwen Hargreave, '
     'Witness: Caspian Thorne. Offence: theft from motor vehicle.',
     ('Bronwen Hargreave', 'Caspian Thorne'),
     ('Ford Focus', 'Victim', 'Witness', 'Offence')),
    ('product', 'Which is better for a home office: Microsoft Teams or Zoom? We also use Slack, '
     'Google Drive and Dropbox; laptops are MacBook Air and Dell XPS.',
     (),
     ('home office', 'MacBook Air')),
    ('product', 'Travel blog outline: Victoria Falls, Table Mountain, Lake Como, Machu Picchu '
     'and Mount Kilimanjaro in one year. Title ideas please.',
     (),
     ()),
    ('product', 'Shipping countries dropdown: Svalbard & Jan Mayen Islands, Heard Island and '
     'McDonald Islands, Saint Kitts and Nevis, Isle of Man. Sort them alphabetically.',
     (),
     ('Shipping countries dropdown', 'alphabetically')),
    ('product', 'Dinner menu: Caesar salad, Beef Wellington, Eggs Benedict, Peach Melba, '
     'Victoria sponge. Give wine pairings.',
     (),
     ('Caesar salad', 'Beef Wellington', 'Eggs Benedict', 'Peach Melba', 'Victoria sponge')),
    # --- months, weekdays, titles, roles, headings ---------------------------------------------
    ('calendar', 'Schedule: Monday standup, Tuesday sprint review, Wednesday 1:1 with the Head '
     'of Engineering, Friday demo. The Q4 planning offsite is in November; budget due in '
     'January, April and June.',
     (),
     ('Monday', 'Tuesday', 'Wednesday', 'Friday', 'Head of Engineering', 'November',
      'January', 'April', 'June')),
    ('roles', 'Draft an org chart: Chief Executive Officer, Chief Operating Officer, VP of '
     'Sales, Head of People, Senior Staff Engineer, Principal Product Manager, Data '
     'Protection Officer.',
     (),
     ('Chief Executive Officer', 'Chief Operating Officer', 'VP of Sales', 'Head of People',
      'Senior Staff Engineer', 'Principal Product Manager', 'Data Protection Officer')),
    ('roles', 'Meeting minutes. Present: Chair (Isolde Marchbanks), Treasurer (Fenwick '
     'Oduya), Secretary. Apologies: Vice Chair. Action: Treasurer to circulate accounts.',
     ('Isolde Marchbanks', 'Fenwick Oduya'),
     ('Chair', 'Treasurer', 'Secretary', 'Vice Chair', 'Apologies')),
    ('headings', 'EXECUTIVE SUMMARY\nThe project is on track.\nKEY RISKS\nVendor delay.\n'
     'NEXT STEPS\nSign-off by the Steering Committee.\nAPPENDIX A\nBudget.',
     (),
     ('EXECUTIVE SUMMARY', 'KEY RISKS', 'NEXT STEPS', 'Steering Committee', 'APPENDIX A')),
    ('headings', 'PERFORMANCE REVIEW\nEmployee: Seraphina Voss-Adeyemi\nManager: Lysander '
     'Coote\nPeer feedback: strong collaborator.\nSelf Assessment: met goals.\n'
     'Development Plan: lead a workstream.',
     ('Seraphina Voss-Adeyemi', 'Lysander Coote'),
     ('PERFORMANCE REVIEW', 'Peer feedback', 'Self Assessment', 'Development Plan')),
    ('headings', 'CURRICULUM VITAE\nPROFILE\nChartered accountant.\nEXPERIENCE\nAudit Senior, '
     'Grant Thornton (2016-2020)\nEDUCATION\nBSc Economics\nSKILLS\nExcel, Power BI, SQL',
     (),
     ('CURRICULUM VITAE', 'PROFILE', 'EXPERIENCE', 'Audit Senior', 'EDUCATION', 'SKILLS',
      'Power BI')),
    # --- travel, systems, multilingual ---------------------------------------------------------
    ('travel', 'Rebook me: flight BA117 LHRJFK on 18JUN, then AA100 JFKLAX. Passenger '
     'Cassius Montgomery-Ekwueme, booking ref QX7M4T.',
     ('Cassius Montgomery-Ekwueme', 'QX7M4T'),
     ('LHRJFK', 'JFKLAX')),
    ('systems', 'Is this line from /etc/passwd safe to share? '
     'root:x:0:0:root:/root:/bin/bash and what does the secret field in /etc/shadow hold?',
     (),
     ('root:x:0:0', 'secret field', '/etc/shadow')),
    ('greeting', 'Xin chào, tôi cần dịch email này sang tiếng Anh: "Kính gửi anh Phạm Quốc '
     'Bảo, hợp đồng đã được ký."',
     ('Phạm Quốc Bảo',),
     ('Xin chào',)),
    ('greeting', 'Merhaba! Bu CV\'yi İngilizceye çevir: Adım Elif Karaosmanoğlu, telefon '
     '+90 532 418 27 19.',
     ('Karaosmanoğlu', '+90 532 418 27 19'),
     ('Merhaba',)),
    # --- mixed professional prompts with values -------------------------------------------------
    ('hr', 'Draft a reference for our Payroll Administrator, Anwen Tregothnan (start date 3 '
     'March 2019). She reported to the Finance Director and covered Accounts Payable.',
     ('Anwen Tregothnan',),
     ('Payroll Administrator', 'Finance Director', 'Accounts Payable')),
    ('hr', 'Sick note: Employee Ignatius Featherby, Warehouse Operative, off with Bell\'s palsy '
     'from Monday; Occupational Health referral made.',
     ('Ignatius Featherby',),
     ('Warehouse Operative', 'Bell', 'Monday', 'Occupational Health')),
    ('support', 'Customer Cosima Radclyffe-Baptiste (cosima.rb@example.net, +44 7700 900233) '
     'says her Kindle Paperwhite will not sync with Goodreads after the Tuesday update.',
     ('Cosima Radclyffe-Baptiste', 'cosima.rb@example.net', '+44 7700 900233'),
     ('will not sync', 'Tuesday update')),
    ('insurance', 'Claim notes: Insured: Barnaby Cresswell. Vehicle: Volkswagen Golf GTI. '
     'Third Party: Honoria Blackwood. Liability: 50/50. Adjuster to call Friday.',
     ('Barnaby Cresswell', 'Honoria Blackwood'),
     ('Volkswagen Golf', 'Third Party', 'Liability', 'Adjuster', 'Friday')),
    ('education', 'Report card comments for Year 9: Mathematics, English Literature, '
     'Chemistry, Geography, Physical Education. Student: Peregrine Oyediran.',
     ('Peregrine Oyediran',),
     ('Mathematics', 'English Literature', 'Chemistry', 'Geography', 'Physical Education')),
    ('clinical', 'Referral letter\nDear Dr Adaeze Nwachukwu,\nRe: Mr Lorcan Fitzwilliam, '
     'DOB 21/07/1966\nThank you for seeing this man with Raynaud phenomenon and suspected '
     'Sjogren syndrome. Schirmer test positive. Anti-Ro antibodies pending.',
     ('Adaeze Nwachukwu', 'Lorcan Fitzwilliam', '21/07/1966'),
     ('Raynaud', 'Sjogren', 'Schirmer test', 'Referral letter')),
    ('clinical', 'Med rec: Tramadol 50 mg QDS, Gabapentin 300 mg TDS, Sertraline 50 mg OD, '
     'Ramipril 5 mg OD, Bisoprolol 2.5 mg OD. Patient: Oswin Thackeray-Mbeki, MRN 00448812.',
     ('Oswin Thackeray-Mbeki', '00448812'),
     ('Tramadol', 'Gabapentin', 'Sertraline', 'Ramipril', 'Bisoprolol')),
    ('legal', 'Loan agreement between Marisol Etxeberria (the "Borrower") and Quillon Capital '
     'Partners LLP (the "Lender"). The Borrower shall repay the Loan in 24 instalments.',
     ('Marisol Etxeberria',),
     ('Borrower', 'Lender', 'Loan')),
    ('finance', 'Earnings call notes: Guidance raised; Free Cash Flow 1.2bn; Capital '
     'Expenditure flat; Net Debt to EBITDA 1.4x. CFO Perpetua Lindqvist-Obi to follow up.',
     ('Perpetua Lindqvist-Obi',),
     ('Guidance', 'Free Cash Flow', 'Capital Expenditure', 'Net Debt')),
    ('code', 'Our Django view crashes:\nAttributeError: \'NoneType\' object has no attribute '
     '\'profile\'\n  in OrderDetailView.get_context_data\nrequest.user is AnonymousUser; '
     'settings AUTH_USER_MODEL = "accounts.Customer"',
     (),
     ('AttributeError', 'NoneType', 'OrderDetailView', 'AnonymousUser', 'AUTH_USER_MODEL')),
    ('sheet', 'Employee ID,Full Name,Department,Cost Centre,Line Manager\n'
     'E10441,Hyacinth Bellweather,Finance,CC-204,Rupert Okonedo\n'
     'E10442,Tobias Wrenfield,Marketing,CC-311,Rupert Okonedo',
     ('Hyacinth Bellweather', 'Tobias Wrenfield', 'Rupert Okonedo'),
     ('Employee ID', 'Full Name', 'Department', 'Cost Centre', 'Line Manager', 'Finance',
      'Marketing')),
    ('clinical', 'Pathology: Reed-Sternberg cells seen, consistent with classical Hodgkin '
     'lymphoma. Burkitt lymphoma excluded. Requesting clinician: Dr Imogen Falconbridge.',
     ('Imogen Falconbridge',),
     ('Reed-Sternberg', 'Hodgkin', 'Burkitt', 'Requesting clinician')),
    ('clinical', 'Ortho clinic: Colles fracture left wrist, Salter-Harris II in the sibling. '
     'Thomas splint used in ED. Patient Jarrah Wolstenholme, 9.',
     ('Jarrah Wolstenholme',),
     ('Colles fracture', 'Salter-Harris', 'Thomas splint', 'Ortho clinic')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
