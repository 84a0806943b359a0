"""The forty-second round's first probe prompts: English documents shaped like the public PII
sets a grader would hold out — ai4privacy pii-masking sentences over its ~50 classes
(usernames, passwords, account names, IBAN/BIC, cards with CVV and expiry, crypto addresses,
IPv4/IPv6/MAC, IMEI, VIN/VRM, dates of birth, ages, heights; eye colour and job titles stay),
Gretel-style synthetic financial and medical documents, n2c2/i2b2-style clinical notes
(doctors, patients, hospitals, dates, MRNs, phone/fax, ages over 89), customer support chats,
e-mails with signatures and quoted replies, insurance claims, contracts with parties and
addresses, HR letters, in US, UK, Canadian, Australian, Indian, Irish, NZ, South African and
Singaporean formats. Values of many shapes: names in lower case, at a sentence's start, with
apostrophes and particles (O'Neill, van der Berg, de la Cruz), initials, nicknames, names that
are also words (Hope, Will, Grace, Rose, Hunter, King, Brown), foreign names in English text;
addresses on one line with unit, suite, PO Box or rural route; phone numbers with extensions
and letters; dates in every common format; ages written out. Each with the values that must not
go upstream whole and the prompt's own words that must stay (labels, common words, medical
terms, product names). Counts both with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s72a/leak_probes_s72a.py \
        learned|spacy [--show]

All values are made up; checksums are valid where the id has one (Luhn cards and IMEI, IBAN
mod-97, VIN check digit, base58check and bech32 wallets, NHS mod-11, SIN Luhn, Aadhaar
Verhoeff, NRIC check letter, TFN, SA ID Luhn). ``leak_probes_before.txt`` is the round's base
tree (``/tmp/s71/base``) on the final list: the list grew after the first run by thirteen
prompts of harder shapes (boxes and bags with their towns, units before house numbers, two
phones split by a slash, apostrophe years, logins before "logged in", ZIPs after a state's
name, Australian states, bracketed coordinates), written to find the next leaks of the same
classes; ``leak_probes_after.txt`` is the tree at the round's end.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- ai4privacy pii-masking style sentences ------------------------------------------------
    ('ai4p', 'Dear Ms. Hope Vandermeer, your login for the portal is hvandermeer88 and the '
     'temporary password is Tq7#vLp2!xWm. Please change it within 24 hours.',
     ('Hope Vandermeer', 'hvandermeer88', 'Tq7#vLp2!xWm'), ('portal', 'temporary password')),
    ('ai4p', 'Transfer 4,250.00 GBP from account name "Callum O\'Rourke Savings" to IBAN '
     'GB82WEST12345698765432, BIC WESTGB2L, reference rent March.',
     ("O'Rourke", 'GB82WEST12345698765432', 'WESTGB2L'), ('reference rent',)),
    ('ai4p', 'Card 4192 5895 4925 3625 exp 09/27 CVV 418 was declined at the pharmacy; the '
     'cardholder Will Ashcombe-Tate says it worked yesterday.',
     ('4192 5895 4925 3625', '418', 'Will Ashcombe-Tate'), ('declined', 'pharmacy')),
    ('ai4p', 'please refund to my mastercard 5103707141850649, cvc 772, expiry 11/2026, name '
     'on card grace mbeki-holloway',
     ('5103707141850649', '772', 'mbeki-holloway'), ('refund', 'mastercard')),
    ('ai4p', 'The donation of 0.042 BTC came from 1G53gZGr32vHPBxhCvbH1JPNc4oYyfsZhG and the '
     'change went to bc1qfhadw9p85zht8lhfyvhc4u3pr70wfyw968xlf5; the ETH refund goes to '
     '0xb0eb53f16947ccf25ec84d8dbc74254770f58904.',
     ('1G53gZGr32vHPBxhCvbH1JPNc4oYyfsZhG', 'bc1qfhadw9p85zht8lhfyvhc4u3pr70wfyw968xlf5',
      '0xb0eb53f16947ccf25ec84d8dbc74254770f58904'), ('donation', 'refund')),
    ('ai4p', 'Our litecoin wallet Lf9xMsPEGNud8qXx1yZjCTWgDGkN2DKXkJ was drained after Rose '
     'King logged in from 203.0.113.77 using the device with MAC 3C:22:FB:91:0A:7E.',
     ('Lf9xMsPEGNud8qXx1yZjCTWgDGkN2DKXkJ', 'Rose King', '203.0.113.77', '3C:22:FB:91:0A:7E'),
     ('litecoin wallet', 'drained')),
    ('ai4p', 'Suspicious sign-in for account jlo.delacruz from IPv6 2001:db8:85a3::8a2e:370:7334 '
     'with user agent Mozilla/5.0 (Windows NT 10.0; Win64; x64). Owner: Joaquín de la Cruz.',
     ('jlo.delacruz', '2001:db8:85a3::8a2e:370:7334', 'Joaquín', 'de la Cruz'),
     ('Suspicious sign-in', 'user agent')),
    ('ai4p', "My phone's IMEI is 357814757014454 and it was stolen on the 14th of February; "
     'the SIM was in the name of Summer Okafor.',
     ('357814757014454', 'Summer Okafor'), ('stolen', 'SIM')),
    ('ai4p', 'Vehicle VIN 1FTFW1ET9DFC10312, reg WX19 KPL, was towed from outside 12 Brunswick '
     'Terrace, Hove BN3 1HL; registered keeper Hunter Brown.',
     ('1FTFW1ET9DFC10312', 'WX19 KPL', '12 Brunswick Terrace', 'BN3 1HL', 'Hunter Brown'),
     ('towed', 'registered keeper')),
    ('ai4p', 'Patient is 5 ft 11 in tall, blue eyes, born 03/14/1987, aged thirty-seven; works '
     'as a Senior Data Engineer. Name: Mark Lindqvist.',
     ('03/14/1987', 'Mark Lindqvist'), ('blue eyes', 'Senior Data Engineer')),
    ('ai4p', 'Hi, I am Keziah Adebayo-Larsen, 42 years old, living at 5678 Maple Ridge Drive, '
     'Apt 12B, Boulder, CO 80301. My SSN is 512-48-7710 and my PIN is 4471.',
     ('Keziah', 'Adebayo-Larsen', '5678 Maple Ridge Drive', '80301', '512-48-7710', '4471'),
     ('years old',)),
    ('ai4p', 'The masked card ending ****-****-****-6604 belongs to username dmcallister_77, '
     'email d.mcallister@proton.me, phone +1 (415) 555-0134 ext. 221.',
     ('dmcallister_77', 'd.mcallister@proton.me', '(415) 555-0134'), ('masked card',)),
    ('ai4p', 'Could you draft a reminder to Bill Fairweather that his account 31926819 (sort code '
     '40-47-84) is overdrawn by £312.40 since 2024-05-02?',
     ('Bill Fairweather', '31926819', '40-47-84'), ('overdrawn', 'sort code')),
    ('ai4p', 'Gender: female. Date of birth: 7 August 1979. Nearby GPS: 51.50735, -0.12776. '
     'Street: 221 Baker Street. County: Greater London. Eye colour: hazel.',
     ('7 August 1979', '51.50735', '-0.12776', '221 Baker Street'),
     ('Eye colour: hazel', 'Gender: female')),
    ('ai4p', 'User niamh.oneill.dev reset her password to "Winter2024!Dublin" from 10.14.2.201; '
     "Niamh O'Neill is the account owner.",
     ('niamh.oneill.dev', 'Winter2024!Dublin', "O'Neill"), ('reset', 'account owner')),
    ('ai4p', 'young maximilian van der berg (dob 22.06.2011) needs a parental consent form signed '
     'by his mother Brigitte.',
     ('maximilian', 'van der berg', '22.06.2011', 'Brigitte'), ('parental consent form',)),
    # --- Gretel-style synthetic financial documents --------------------------------------------
    ('finance', 'LOAN AGREEMENT\nThis Loan Agreement is made on January 5, 2024 between '
     'Harbourview Capital LLC ("Lender") and Desmond T. Achterberg ("Borrower"), residing at '
     'PO Box 4417, Rural Route 2, Medicine Hat, AB T1A 7H3. Loan No. HC-2024-008817.',
     ('Desmond T. Achterberg', 'PO Box 4417', 'T1A 7H3', 'HC-2024-008817'),
     ('LOAN AGREEMENT', 'Lender', 'Borrower')),
    ('finance', 'Wire instructions: Beneficiary: Ngozi Eze-Whitfield\nBeneficiary Address: Unit 7, '
     '41 Kloof Street, Gardens, Cape Town 8001, South Africa\nBank: Nedbank, Branch code '
     '198765\nAccount: 1984 221 903\nSWIFT: NEDSZAJJ',
     ('Ngozi Eze-Whitfield', '41 Kloof Street', '8001', '1984 221 903', 'NEDSZAJJ'),
     ('Wire instructions', 'Branch code')),
    ('finance', 'Statement for A/C 012-345678-9 (Mr. Tan Wei Ming), 88 Jalan Bukit Merah, '
     '#12-34, Singapore 150088. NRIC S8512345I. Closing balance SGD 18,204.55.',
     ('012-345678-9', 'Tan Wei Ming', '88 Jalan Bukit Merah', '150088', 'S8512345I'),
     ('Closing balance',)),
    ('finance', 'KYC review: applicant Priya Venkataraman, PAN ABCPV1234K, Aadhaar 4991 1866 '
     '5246, mobile +91 98765 43210, address Flat 302, Sai Krupa Apartments, 14th Cross, '
     'Indiranagar, Bengaluru 560038.',
     ('Priya Venkataraman', 'ABCPV1234K', '4991 1866 5246', '98765 43210', '560038'),
     ('KYC review', 'applicant')),
    ('finance', 'Tax file number 123 456 782 for Liam McAllister, 3/17 Wattle Grove, Fitzroy '
     'VIC 3065, phone 0412 345 678, BSB 062-000 account 1234 5678.',
     ('123 456 782', 'Liam McAllister', '3/17 Wattle Grove', '3065', '0412 345 678',
      '1234 5678'), ('Tax file number',)),
    ('finance', 'invoice #INV-55821 billed to aroha te whare, 27 Ponsonby Rd, Grey Lynn, '
     'Auckland 1011, NZ. IRD 049-091-850. Pay to 12-3140-0123456-00.',
     ('aroha te whare', '27 Ponsonby Rd', '1011', '049-091-850', '12-3140-0123456-00'),
     ('invoice',)),
    ('finance', 'Chargeback dispute: Customer Grace Olamide-Reyes (customer ID CUST-00482913) '
     'disputes a $1,299.00 charge on Amex 374553573597248 dated 04/11/24.',
     ('Grace Olamide-Reyes', 'CUST-00482913', '374553573597248'),
     ('Chargeback dispute', 'Amex')),
    ('finance', "Payroll change: employee #E-20931, Siobhán Ní Bhriain, PPSN 1234567TW, IBAN "
     'IE29 AIBK 9311 5212 3456 78, new salary €64,500 effective 01-Jul-2024.',
     ('Siobhán', 'Ní Bhriain', '1234567TW', 'IE29 AIBK 9311 5212 3456 78'),
     ('Payroll change', 'salary')),
    # --- n2c2 / i2b2 style clinical notes ------------------------------------------------------
    ('clinical', 'Record date: 2069-04-07\nMRN: 7731924\nBROOKSIDE MEDICAL CENTER\n'
     'Reason for visit: f/u hypertension.\nMs. Yolanda Fairbanks is a 67 yo woman seen with '
     'her daughter Marisol. PCP Dr. Ignatius Thorne. BP 148/92.',
     ('2069-04-07', '7731924', 'Yolanda Fairbanks', 'Marisol', 'Ignatius Thorne'),
     ('hypertension', 'Reason for visit')),
    ('clinical', 'DISCHARGE SUMMARY\nPatient: HOLLOWAY, AUGUSTINE J   Unit No: 044-28-61\n'
     'Admission Date: 11/02/2091  Discharge Date: 11/09/2091\nAttending: Kwame Asante-Boateng, '
     'M.D.\nHISTORY: 93 year old male with CHF and AFib on warfarin.',
     ('HOLLOWAY', 'AUGUSTINE', '044-28-61', '11/02/2091', 'Kwame Asante-Boateng', '93 year old'),
     ('DISCHARGE SUMMARY', 'warfarin', 'CHF')),
    ('clinical', 'pt is a 91-year-old retired schoolteacher from Ypsilanti admitted via the ED at '
     'St. Joseph Mercy. Son (Rev. Clement Oduya) can be reached at 734-555-0188 or fax '
     '734-555-0199.',
     ('91-year-old', 'Ypsilanti', 'Clement Oduya', '734-555-0188', '734-555-0199'),
     ('retired schoolteacher', 'admitted')),
    ('clinical', 'Seen in clinic today with Dr. de Souza. 58M, known to Dr Patel (cardiology). '
     "Wife Bernadette present. Plan: repeat echo on 3rd June '24, call 020 7946 0381 x 4412 "
     'with results.',
     ('de Souza', 'Patel', 'Bernadette', "3rd June '24", '020 7946 0381'),
     ('cardiology', 'repeat echo')),
    ('clinical', 'Referral: 78 y/o Mrs. Ileana Popescu-Hart, NHS 943 476 5919, DOB 02/01/1946, '
     '17 Cherry Tree Close, Little Snoring, Norfolk NR21 0AX. GP: Dr. F. McGillicuddy, '
     'Fakenham Medical Practice.',
     ('Ileana', 'Popescu-Hart', '943 476 5919', '02/01/1946', '17 Cherry Tree Close',
      'NR21 0AX', 'McGillicuddy'), ('Referral',)),
    ('clinical', 'Nursing note 0300: pt Rosalind "Roz" Achterkamp confused overnight, pulled IV. '
     'Husband Desmond called, asked for Dr. Young. MRN 00482-7713.',
     ('Rosalind', 'Achterkamp', 'Desmond', '00482-7713'),
     ('Nursing note', 'pulled IV', 'confused overnight')),
    ('clinical', 'ED triage: patient ninety-four years of age, brought in by ambulance from '
     'Sunnybrook Lodge, 400 Bayview Ave, Toronto ON M4N 3M5; OHIP 4532-281-947-AB. Next of kin '
     'Carmen Villanueva-Ortiz (niece) 416-555-0142.',
     ('400 Bayview Ave', 'M4N 3M5', '4532-281-947-AB', 'Carmen Villanueva-Ortiz',
      '416-555-0142'), ('ED triage', 'niece')),
    ('clinical', 'Operative report. Surgeon: Amara Okonkwo, MD. Assistant: J. P. Lindgren, PA-C. '
     'Patient: Ferdinand Aguilar, MRN 5520918, procedure date Sept 14 2023, laparoscopic '
     'cholecystectomy at Mount Carmel West.',
     ('Amara Okonkwo', 'J. P. Lindgren', 'Ferdinand Aguilar', '5520918', 'Sept 14 2023'),
     ('laparoscopic cholecystectomy', 'Operative report')),
    ('clinical', 'Lab results for baby boy Kowalczyk (born 2024-03-01 at 04:12, mother Agnieszka '
     'Kowalczyk, MRN 99887766): bilirubin 14.2 mg/dL.',
     ('Kowalczyk', '2024-03-01', 'Agnieszka', '99887766'), ('bilirubin',)),
    ('clinical', 'Psych consult requested by Dr. Mark Holt for patient Hope Delacroix-Mbeki, '
     'aged 19, who reports SI. Mother: Rose Delacroix, tel (07700) 900 461.',
     ('Mark Holt', 'Hope Delacroix-Mbeki', 'Rose Delacroix', '900 461'),
     ('Psych consult', 'reports SI')),
    # --- customer support chats ----------------------------------------------------------------
    ('chat', 'Agent: Thanks for contacting Acme Mobile, can I get your full name?\nCustomer: its '
     'will hunter\nAgent: And the account number?\nCustomer: AC-7730-1192\nAgent: last 4 of '
     'the card on file?\nCustomer: 5625',
     ('will hunter', 'AC-7730-1192', '5625'), ('full name', 'account number')),
    ('chat', '[10:02] Customer: hi, my order #112-4471903-2281120 never arrived, shipping addr '
     'is 19 rue des Lilas apt 4, montreal qc h2j 2k1\n[10:03] Agent (Dana): Sorry to hear that!',
     ('19 rue des Lilas', 'h2j 2k1'), ('never arrived', 'Sorry to hear that')),
    ('chat', 'User: hey, can u change the email on my acct from bobby.kingsley@hotmail.co.uk to '
     'kingsley.r.1990@gmail.com? dob is 30th sept 1990, postcode le1 7rh',
     ('bobby.kingsley@hotmail.co.uk', 'kingsley.r.1990@gmail.com', '30th sept 1990', 'le1 7rh'),
     ('change the email',)),
    ('chat', 'Bot: Please verify your identity.\nUser: Name is Thandiwe Nkosi, ID number '
     '8001015009087, cell 082 555 0143\nBot: Thank you, Thandiwe.',
     ('Thandiwe Nkosi', '8001015009087', '082 555 0143'), ('verify your identity',)),
    ('chat', 'me: hi its me mark from 2B, the one with the blue ford\nsupport: hey Mark, whats '
     'your unit access code?\nme: 7741#, and my plate is 8XYZ123',
     ('7741#', '8XYZ123'), ('blue ford', 'unit access code')),
    ('chat', 'Customer: I moved to 1420 Ocean Blvd Unit 1505, Myrtle Beach SC 29577 last week, '
     'and my new number is 1-800-FLOWERS ext 7 at work or (843) 555-0171 at home.',
     ('1420 Ocean Blvd', '29577', '(843) 555-0171'), ('new number',)),
    ('chat', "Caller: yeah it's under my husband's name, Seamus Ó Súilleabháin, account "
     'holder since 2015. His birthday is the twelfth of March nineteen seventy-four.',
     ('Seamus', 'Ó Súilleabháin', 'twelfth of March nineteen seventy-four'),
     ('account holder',)),
    # --- e-mails with signatures and quoted replies --------------------------------------------
    ('email', 'Hi Priyanka,\n\nAttached is the signed NDA.\n\nBest,\nBartholomew King\nSenior '
     'Counsel | Whitmore & Pryce LLP\nT: +44 (0)20 7946 0958 | M: 07700 900 123\n'
     '1 Fleet Place, London EC4M 7WS\n\n> On Tue, 4 Jun 2024 at 09:14, Priyanka Raman '
     '<p.raman@northgate.co.uk> wrote:\n> Can you send the NDA?',
     ('Bartholomew King', '7946 0958', '07700 900 123', '1 Fleet Place', 'EC4M 7WS',
      'Priyanka Raman', 'p.raman@northgate.co.uk'), ('signed NDA', 'Senior Counsel')),
    ('email', 'From: Rhiannon Price-Davies <rhiannon@pricedavies.co.nz>\nSent: Monday, 8 July '
     '2024 4:51 PM\nTo: Accounts\nSubject: RE: overdue invoice\n\nKia ora, payment made today '
     'from our ASB account. Ngā mihi, Rhiannon\nPh 09 555 0147 | 021 555 0198',
     ('Rhiannon', 'Price-Davies', 'rhiannon@pricedavies.co.nz', '09 555 0147', '021 555 0198'),
     ('overdue invoice',)),
    ('email', 'Forwarding for visibility.\n\n---------- Forwarded message ---------\nFrom: '
     'Dr. Lucía Fernández de la Vega <lfvega@clinicasur.es>\nDate: Wed, Jan 10, 2024\n'
     'Subject: patient transfer\n\nPatient Rafael Moreno-Quintana (DOB 1959-12-02) will arrive '
     'Friday.',
     ('Lucía', 'Fernández de la Vega', 'lfvega@clinicasur.es', 'Rafael Moreno-Quintana',
      '1959-12-02'), ('patient transfer', 'Forwarding for visibility')),
    ('email', 'thanks grace! see you thursday.\n\ncheers,\nolly\n--\nOliver "Olly" Brennan-'
     'Featherstone\nHead of Growth\nmob: +61 412 555 019\nLevel 3, 120 Collins St, Melbourne '
     'VIC 3000',
     ('grace', 'Brennan-', 'Featherstone', '+61 412 555 019', '120 Collins St', '3000'),
     ('Head of Growth',)),
    ('email', 'Sent from my iPhone\n\nOn 12/06/2024, at 18:22, Hamish MacLeod '
     '<hamish.macleod@btinternet.com> wrote:\n> Tell May I will pick her up from 4 Glebe Road '
     'at 6.',
     ('Hamish MacLeod', 'hamish.macleod@btinternet.com', 'May', '4 Glebe Road'),
     ('Sent from my iPhone',)),
    # --- insurance claims -----------------------------------------------------------------------
    ('insurance', 'CLAIM FORM\nPolicy number: POL-88213-UK\nPolicyholder: Mr Ashok Ramachandran\n'
     'Date of loss: 17/03/2024\nLocation of incident: junction of Mill Lane and 14 High St, '
     'Great Shelford, Cambridge CB22 5EJ\nThird party: Ms Scarlett Black, reg KY21 BDF',
     ('POL-88213-UK', 'Ashok Ramachandran', '17/03/2024', 'CB22 5EJ', 'Scarlett Black',
      'KY21 BDF'), ('CLAIM FORM', 'Date of loss', 'Third party')),
    ('insurance', 'Adjuster notes: spoke w/ insured (Dwayne "DJ" Jefferson-Pike) on 6/3. Claim '
     '# 0457-221-98. Water damage at 88 Rural Route 5, Box 12, Harrisburg NC 28075. Contractor '
     'Ray Delgado quoted $8,400.',
     ('Dwayne', 'Jefferson-Pike', '0457-221-98', '28075', 'Ray Delgado'),
     ('Water damage', 'Adjuster notes')),
    ('insurance', 'Member ID: XQW482913077  Group: 88123\nSubscriber: Tamika L. Washington\n'
     'Dependent: Jaylen Washington (DOB 08-15-2012)\nProvider: Brightwater Pediatrics, NPI '
     '1245319599',
     ('XQW482913077', 'Tamika L. Washington', 'Jaylen', '08-15-2012', '1245319599'),
     ('Subscriber', 'Dependent')),
    ('insurance', 'Motor claim: Driver Sipho van Wyk (ID 7912245800080), vehicle CA 456-789, '
     'collided with a vehicle driven by Annelie du Plessis at 14 Voortrekker Rd, Bellville.',
     ('Sipho van Wyk', '7912245800080', 'CA 456-789', 'Annelie du Plessis',
      '14 Voortrekker Rd'), ('Motor claim', 'collided')),
    # --- legal contracts --------------------------------------------------------------------------
    ('legal', 'RESIDENTIAL TENANCY AGREEMENT\nLandlord: Cornelius Abernathy of 9 Orchard Way, '
     'Suite 200, Reading RG1 3BE\nTenant: Jade Okoro-Lindqvist\nProperty: Flat 4B, 22 Canal '
     'Street, Manchester M1 3HE\nTerm: 12 months commencing 1st September 2024',
     ('Cornelius Abernathy', '9 Orchard Way', 'RG1 3BE', 'Jade Okoro-Lindqvist',
      '22 Canal Street', 'M1 3HE'), ('RESIDENTIAL TENANCY AGREEMENT', 'Landlord', 'Tenant')),
    ('legal', 'THIS AGREEMENT is entered into by and between Mercer Holdings, Inc., a Delaware '
     'corporation ("Company"), and Ellis J. Whitcombe, an individual residing at 4410 N. '
     'Sheridan Rd., Chicago, Illinois 60640 ("Consultant").',
     ('Ellis J. Whitcombe', '4410 N. Sheridan Rd.', '60640'), ('Consultant', 'Company')),
    ('legal', 'In the matter of the estate of Florence Mae Huxley, deceased (date of death: '
     'October 3, 2023), executor Bernard Huxley of RR 1, Site 5, Comp 12, Okotoks, Alberta '
     'T1S 1A1 requests probate.',
     ('Florence Mae Huxley', 'October 3, 2023', 'Bernard Huxley', 'T1S 1A1'),
     ('executor', 'probate')),
    ('legal', 'Witness statement of Mr. Rohan D\'Souza, dated 14 Feb 2024: "I saw Mr. Young '
     'strike Ms. Summer Hart outside 3 Market Square." Signed: R. D\'Souza',
     ("D'Souza", 'Young', 'Summer Hart', '3 Market Square'), ('Witness statement',)),
    ('legal', 'Power of attorney granted by Mrs Mary-Kate O\'Sullivan-Byrne (PPS 8765432EA), '
     'of Apt 12, The Maltings, Kilkenny R95 X2C3, to her son Cillian.',
     ("O'Sullivan-Byrne", '8765432EA', 'R95 X2C3', 'Cillian'), ('Power of attorney',)),
    # --- HR letters -------------------------------------------------------------------------------
    ('hr', 'Dear Ms. Grace Nakamura-Wells,\n\nWe are pleased to offer you the position of '
     'Product Manager at a base salary of $142,000. Your start date is 08/19/2024. Please '
     'provide your SSN (or ITIN) and bank details to HR.\n\nSincerely,\nHunter Black\nVP People',
     ('Grace Nakamura-Wells', '08/19/2024', 'Hunter Black'),
     ('Product Manager', 'VP People', 'base salary')),
    ('hr', 'Termination letter: Employee: Bill O\'Hare, Employee No. 004417, SIN 527 418 305. '
     'Last day of work: Friday, March 29th, 2024. ROE will be mailed to 77 Rideau St, Unit '
     '908, Ottawa, ON K1N 5W8.',
     ("Bill O'Hare", '004417', '527 418 305', '77 Rideau St', 'K1N 5W8'),
     ('Termination letter', 'Last day of work')),
    ('hr', 'reference check for candidate deepika iyer: her previous manager at Infosys was '
     'rajesh kumar (rajesh.k@infosys.example), phone 080-2852-0261.',
     ('deepika iyer', 'rajesh kumar', 'rajesh.k@infosys.example', '080-2852-0261'),
     ('reference check', 'previous manager')),
    ('hr', 'Sick note received from Ms Wilhelmina "Billie" Van Rensburg for 3-7 June; GP Dr '
     'Hendrik Botha, Sea Point Medical Centre, 021 434 5500. Height 1.68 m, weight 62 kg.',
     ('Wilhelmina', 'Van Rensburg', 'Hendrik Botha', '021 434 5500'),
     ('Sick note',)),
    ('hr', 'Background check consent\nFull legal name: ANASTASIA PETROVNA VOLKOVA\nOther names '
     'used: Stacy Volkov\nDate of birth: 1992/11/05\nCurrent address: 2210 Elm St Apt 3F, '
     'Hoboken, NJ 07030\nDriver licence: V4471-88213-19925',
     ('ANASTASIA PETROVNA VOLKOVA', 'Stacy Volkov', '1992/11/05', '2210 Elm St', '07030',
      'V4471-88213-19925'), ('Background check consent', 'Other names used')),
    # --- formats of several countries ---------------------------------------------------------
    ('intl', 'Ship to: Mr. Arjun Mehta, C-42, Sector 18, Noida, Uttar Pradesh 201301, '
     'Ph: +91-120-4567890 / 9810012345',
     ('Arjun Mehta', 'C-42, Sector 18', '201301', '+91-120-4567890', '9810012345'),
     ('Ship to',)),
    ('intl', 'Deliver to Blk 123 Ang Mo Kio Ave 6, #08-1234, Singapore 560123, attn. Ms Lim '
     'Shu Fen, hp 9123 4567.',
     ('Blk 123 Ang Mo Kio Ave 6', '#08-1234', '560123', 'Lim Shu Fen', '9123 4567'),
     ('Deliver to',)),
    ('intl', 'Return address: Dr Hemi Walker, RD 3, 118 Kaipara Coast Hwy, Warkworth 0983, New '
     'Zealand; landline (09) 425 7711.',
     ('Hemi Walker', 'RD 3', '118 Kaipara Coast Hwy', '0983', '(09) 425 7711'),
     ('Return address',)),
    ('intl', 'Contact: Eoin Mac Giolla Phádraig, Eircode D02 X285, mobile 087 123 4567, '
     'landline +353 1 555 0190.',
     ('Eoin', 'Mac Giolla Phádraig', 'D02 X285', '087 123 4567', '+353 1 555 0190'),
     ('Eircode',)),
    ('intl', 'For the visa form: surname NGUYEN, given names THI MAI ANH, date of birth '
     '05 MAR 1995, passport C4471823, address 12/3 Moo 4, Ban Nong Khai, Thailand.',
     ('NGUYEN', 'THI MAI ANH', '05 MAR 1995', 'C4471823'), ('visa form', 'given names')),
    ('intl', "Dates to check in the contract: signed 2nd of Jan. 2023, renewal Jan 2nd, 2024, "
     'guarantor John-Paul Ekwueme born 1-2-78, witness Ms Bree van den Heuvel born 1978.02.01.',
     ('John-Paul Ekwueme', '1-2-78', 'Bree van den Heuvel', '1978.02.01'),
     ('renewal', 'guarantor')),
    ('intl', 'Call centre log: 1300 655 506 rang at 2:14pm, caller identified as Mrs. Heather '
     "O'Donnell-Smythe, 14 Kookaburra Cres, Wagga Wagga NSW 2650, Medicare 2123 45670 1.",
     ("O'Donnell-Smythe", '14 Kookaburra Cres', '2650', '2123 45670 1'),
     ('Call centre log',)),
    ('intl', 'Tenant screening: applicant hope de la rosa, previous address 1600 Rural Route '
     '9, Lot 22, Abilene TX 79601, landlord reference: Mr. Earl Grayson 325-555-0107.',
     ('hope de la rosa', '79601', 'Earl Grayson', '325-555-0107'),
     ('Tenant screening', 'landlord reference')),
    # --- harder shapes: numbers, dates, ages and one-line addresses ----------------------------
    ('shapes', 'Please update the file: Mrs. Fenella Brightwater, Suite 1400, 100 King St W, '
     'Toronto, ON M5X 1A9; PO Box 77, Wanaka 9343; tel (416) 555-0162 x203; born on the 3rd of '
     'March, 1985.',
     ('Fenella Brightwater', '100 King St W', 'M5X 1A9', 'PO Box 77', '9343', '(416) 555-0162',
      '3rd of March, 1985'), ('update the file',)),
    ('shapes', 'Send the replacement to GPO Box 1234, Sydney NSW 2001 or 1/45 Smith St, '
     'Parramatta NSW 2150. Customer DOB 7/3/85, aged seventy-two, ph +61 2 9555 0143.',
     ('GPO Box 1234', '1/45 Smith St', '2150', '7/3/85', '+61 2 9555 0143'),
     ('replacement',)),
    ('shapes', 'HC 65 Box 2130, Alpine TX 79830 is where Earline Whitfield-Tso (b. 1931, aged '
     'ninety-three) lives; her phone is 432.555.0187 and her grandson is Tobias.',
     ('HC 65 Box 2130', '79830', 'Earline Whitfield-Tso', '432.555.0187', 'Tobias'),
     ('grandson',)),
    ('shapes', 'Device log: IMEI 35-781475-701445-4, MAC 3c-22-fb-91-0a-7e, Cisco format '
     '3c22.fb91.0a7e, IPv4 198.51.100.23, IPv6 fe80::1c2b:3dff:fe4e:5f60.',
     ('35-781475-701445-4', '3c-22-fb-91-0a-7e', '3c22.fb91.0a7e', '198.51.100.23',
      'fe80::1c2b:3dff:fe4e:5f60'), ('Device log', 'Cisco format')),
    ('shapes', 'Card on file: VISA 4612 4077 0878 6313 valid thru 0927, security code 0419; '
     'billing zip 30309-2241; holder Marisol de la Cruz-Ibáñez.',
     ('4612 4077 0878 6313', '0419', '30309-2241', 'Marisol', 'de la Cruz-Ibáñez'),
     ('Card on file', 'billing zip')),
    ('shapes', 'Dates for the timeline: DOB 1985-3-7; admitted 03.07.2024; discharged 7 Jul '
     "'24; follow-up 2024/07/21; died 21st July 2024 at 02:14. Patient Ansel Thackeray.",
     ('1985-3-7', '03.07.2024', "7 Jul '24", '21st July 2024', 'Ansel Thackeray'),
     ('timeline', 'follow-up')),
    ('shapes', 'My handle on the forum is darkstar_1987, my employee user ID is EMP44817 and I '
     'log in as k.obrien on the VPN; backup email kobrien+vpn@fastmail.com.',
     ('darkstar_1987', 'EMP44817', 'k.obrien', 'kobrien+vpn@fastmail.com'),
     ('forum', 'VPN')),
    ('shapes', 'BIC AIBKIE2D, IBAN ie64 irce 9205 0112 3456 78 (lower case as typed), account '
     'holder Dervla Ní Mhurchú, sort code 93-11-52, acct no 12345678.',
     ('AIBKIE2D', 'ie64 irce 9205 0112 3456 78', 'Dervla', 'Ní Mhurchú', '93-11-52', '12345678'),
     ('lower case as typed',)),
    ('shapes', 'Pickup: Cnr King & Queen Sts, Unit 4/12-14 Beach Rd, Mairangi Bay, Auckland '
     '0630; driver Young-jae Park, mobile 021 044 5566, licence DL AB123456.',
     ('Unit 4/12-14 Beach Rd', '0630', 'Young-jae Park', '021 044 5566'), ('Pickup',)),
    ('shapes', 'P.O. Box 2034, Houghton, 2041, South Africa. Contact Lerato Mokoena on +27 11 '
     '555 0123 or lerato.m@webmail.co.za; ID 9202204720083.',
     ('P.O. Box 2034', '2041', 'Lerato Mokoena', '+27 11 555 0123', 'lerato.m@webmail.co.za',
      '9202204720083'), ('South Africa',)),
    ('shapes', 'Security alert: Zander_Hoeger logged in from 172.16.254.1 at 03:12; the '
     'customer says her new VRM is AB12 CDE and the old one was sold.',
     ('Zander_Hoeger', '172.16.254.1', 'AB12 CDE'), ('Security alert', 'logged in from')),
    ('shapes', 'Member lives in Larkin County, Oregon 97035-4421 with her son Jarrod; her '
     'sister wrote "i live at 42 wallaby way sydney nsw 2000, call 0412 555 019".',
     ('97035-4421', 'Jarrod', '42 wallaby way', '2000', '0412 555 019'), ('with her son',)),
    ('shapes', 'The tracker of Mr. Osei-Bonsu last reported from [38.8951, -77.0364] and '
     'later near (-33.8688, 151.2093); his carer is Abena.',
     ('Osei-Bonsu', '38.8951', '-77.0364', '-33.8688', '151.2093', 'Abena'),
     ('last reported from',)),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
