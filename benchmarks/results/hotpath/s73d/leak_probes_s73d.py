"""The forty-third round's fourth probe prompts: values in text that copy and paste broke, as
people paste it from PDFs, scanned and OCR'd forms, web pages and e-mail clients. A value
broken across a line wrap (an IBAN, a card, a phone, an e-mail address cut at its hyphen, a
street address over two lines), words hyphenated at a line's end (``Mül-⏎ler``), a PDF's page
header, footer or number inserted mid-paragraph, two columns read across, OCR's confusions
(``0``/``O``, ``1``/``l``/``I``, ``5``/``S``, ``rn``/``m``, a space inside a word), a table's
labels and values that copy out as separate lines, forms with wide gaps and dot leaders,
quoted replies (``> ``) and their ``On ..., Jane Doe <jane@...> wrote:`` lines, forwarded
headers, HTML pasted as text (``&nbsp;``, ``<br>``, entities inside values), Markdown tables,
soft hyphens, zero-width and non-breaking spaces; and a few shapes left over from earlier
rounds (a form's label after a wide gap, a PNR's segment and a card statement's line read as
streets, a PIN on the chat's next line, a UK flat number, a postcode in Bengali digits, an
Arabic city and postcode). Each with the values that must not go upstream whole (a value the
paste broke is listed by its pieces, each long enough to identify) and the document's own
words that must stay. Counts both with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s73d/leak_probes_s73d.py \
        learned|spacy [--show]

All values are made up; checksums are valid where the id has one (IBAN mod-97, Luhn cards,
NHS mod-11). ``leak_probes_before.txt`` is the round's base tree (``/tmp/s73/base``),
``leak_probes_after.txt`` the tree at the round's end.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- a value broken across a line wrap --------------------------------------------------
    ('wrap', 'Please pay the outstanding balance to IBAN: DE89 3704\n0044 0532 0130 00 by Friday '
     'and quote the invoice number.',
     ('DE89 3704', '0044 0532 0130 00'), ('outstanding balance', 'invoice number')),
    ('wrap', 'Refund account (IBAN) GB82 WEST 1234 5698\n7654 32, account holder Priyanka '
     'Raghunathan.',
     ('GB82 WEST 1234 5698', '7654 32', 'Priyanka Raghunathan'), ('Refund account',)),
    ('wrap', 'The card we have on file is 4539 1488 0343\n6467 and it expires next month.',
     ('4539 1488 0343', '6467'), ('on file', 'expires')),
    ('wrap', 'Customer Tobias Wrenfield called from 07700 900\n123 about the late delivery.',
     ('Tobias Wrenfield', '07700 900'), ('late delivery',)),
    ('wrap', 'For urgent matters ring me on +44 20 7946\n0958 (direct line) or my mobile.',
     ('+44 20 7946',), ('urgent matters', 'direct line')),
    ('wrap', 'Please send the signed copy to margaret.ashdown-\nfellowes@harrowgate-legal.co.uk '
     'before the hearing.',
     ('margaret.ashdown-', 'fellowes@harrowgate-legal.co.uk'), ('signed copy', 'hearing')),
    ('wrap', 'Direct all correspondence to eleanor.vance@northbridge-\nconsulting.com and cc '
     'the project inbox.',
     ('eleanor.vance@northbridge-',), ('correspondence', 'project inbox')),
    ('wrap', 'The tenant, Mr Oluwaseun Adeyemi, resides at 47 Larkspur\nAvenue, Croydon CR0 '
     '2AB and has paid the deposit.',
     ('Oluwaseun Adeyemi', '47 Larkspur', 'CR0 2AB'), ('tenant', 'deposit')),
    ('wrap', 'Deliver to: Unit 5, 118 Harbour\nRoad, Portishead BS20 7DE (ring the bell twice).',
     ('118 Harbour', 'BS20 7DE'), ('ring the bell',)),
    ('wrap', 'Her NHS number is 943 476\n5919 and she is registered at the Elm Tree surgery.',
     ('943 476',), ('registered',)),
    ('wrap', 'SSN on the application: 078-05-\n1120; applicant Dorothea Quennell-Haigh.',
     ('078-05-', 'Dorothea Quennell-Haigh'), ('application', 'applicant')),
    ('wrap', 'You can reach our billing contact, Samir Haddadi, at (415) 555-\n0132 during '
     'office hours.',
     ('Samir Haddadi', '(415) 555-'), ('billing contact', 'office hours')),
    ('wrap', 'Beneficiary: Ingrid Sørlie-Halvorsen, IBAN NO93 8601\n1117 947, bank reference '
     'rent June.',
     ('Ingrid', 'NO93 8601', '1117 947'), ('Beneficiary', 'bank reference')),
    ('wrap', 'Card ending ... no, the full number is 5500 0000\n0000 0004, CVV 321, please '
     'charge it today.',
     ('5500 0000', '321'), ('full number', 'charge it today')),
    ('wrap', 'The claimant lives at 2240 West\nWillowbrook Drive, Naperville, IL 60540 and '
     'works nights.',
     ('2240 West', 'Willowbrook Drive', '60540'), ('claimant', 'works nights')),
    ('wrap', 'Contact for the site visit: Hamish Blackwood-Reid, mobile 0412 555\n019, or the '
     'office switchboard.',
     ('Hamish Blackwood-Reid', '0412 555'), ('site visit', 'office switchboard')),
    ('wrap', 'Wire the deposit to FR76 3000 6000 0112 3456\n7890 189 and email the receipt to '
     'j.marchetti@\nprovence-immo.fr please.',
     ('FR76 3000 6000 0112 3456', '7890 189', 'j.marchetti@', 'provence-immo.fr'),
     ('deposit', 'receipt')),
    ('wrap', 'Caller ID showed 020 7946 0\n018; caller gave her name as Winifred Oyelaran.',
     ('020 7946 0', 'Winifred Oyelaran'), ('Caller ID', 'gave her name')),
    # --- words hyphenated at a line's end --------------------------------------------------
    ('hyphen', 'The patient, Mrs Hannelore Mül-\nler, was admitted with chest pain and '
     'discharged on day three.',
     ('Hannelore', 'Mül-'), ('admitted', 'chest pain', 'discharged')),
    ('hyphen', 'Our records show that Mr Dietrich Wester-\nmann signed the lease on behalf of '
     'the company.',
     ('Dietrich', 'Wester-'), ('records show', 'signed the lease')),
    ('hyphen', 'The report was prepared by Dr Cressida Fair-\nweather, consultant radiologist, '
     'after the second scan.',
     ('Cressida', 'Fair-'), ('consultant radiologist', 'second scan')),
    ('hyphen', 'Witness statement of Bartholomew Ashcroft-\nLindqvist, taken at the station on '
     'the evening of the incident.',
     ('Bartholomew', 'Ashcroft-', 'Lindqvist'), ('Witness statement', 'incident')),
    ('hyphen', 'Im Auftrag von Frau Waltraud Schnei-\nderhahn übersenden wir die Unterlagen '
     'zur Prüfung.',
     ('Waltraud', 'Schnei-'), ('Unterlagen', 'Prüfung')),
    ('hyphen', 'The account was opened by Ms Philippa Thorn-\nbury in March and closed without '
     'notice.',
     ('Philippa', 'Thorn-'), ('account was opened', 'without notice')),
    ('hyphen', 'Guardian: Mr Leopold Kowal-\nczyk (father), reachable through the school office.',
     ('Leopold', 'Kowal-'), ('Guardian', 'school office')),
    ('hyphen', 'Referral from Dr. Anneliese Rosen-\nthal regarding persistent headaches and '
     'blurred vision.',
     ('Anneliese', 'Rosen-'), ('Referral', 'persistent headaches', 'blurred vision')),
    ('hyphen', 'Property owned jointly by Gwendolyn Pem-\nberton and her brother since the '
     'probate was settled.',
     ('Gwendolyn', 'Pem-'), ('owned jointly', 'probate')),
    ('hyphen', 'Submitted on behalf of the applicant, Konstantin Weiden-\nfeld, by his solicitor '
     'in Manchester.',
     ('Konstantin', 'Weiden-'), ('applicant', 'solicitor')),
    ('hyphen', 'The survey was com-\npleted by Rosalind Tre-\nvelyan, who lives in the north wing.',
     ('Rosalind', 'Tre-'), ('survey', 'north wing')),
    ('hyphen', 'Landlord contact: Aurelio Bian-\nchi, tel. 06 4821 7733, for repairs and '
     'maintenance.',
     ('Aurelio', 'Bian-', '06 4821 7733'), ('Landlord contact', 'repairs and maintenance')),
    # --- a PDF's page header, footer or number inside a paragraph ---------------------------
    ('pdf', 'The policyholder, Mr Cornelius\n\nPage 3 of 12\n\nVanderpool, reported the loss to '
     'our office on the following day.',
     ('Cornelius', 'Vanderpool'), ('policyholder', 'reported the loss')),
    ('pdf', 'funds were transferred to the account of Ms Ottoline\nCONFIDENTIAL - Northgate '
     'Insurance Claim File\nBrackenbury at the branch in Leeds.',
     ('Ottoline', 'Brackenbury'), ('funds were transferred', 'branch')),
    ('pdf', 'The tenant may be reached at 07700\n- 4 -\n900461 for the inspection.',
     ('07700', '900461'), ('tenant', 'inspection')),
    ('pdf', 'Applicant date of birth 14/08/1962, residing at 19 Coldharbour\n\n17\n\nLane, '
     'Dorking RH4 1LT, has applied for a renewal.',
     ('14/08/1962', '19 Coldharbour', 'RH4 1LT'), ('applied for a renewal',)),
    ('pdf', 'Statement prepared for Aurelia Montgomery-Hale\nAccount summary        Page 2\n'
     'Sort code 20-32-06  Account 43917752',
     ('Aurelia Montgomery-Hale', '20-32-06', '43917752'), ('Statement prepared for',
                                                           'Account summary')),
    ('pdf', 'Patient Name: Ignatius Okwuosa        Ward: Cedar\nDOB: 02/11/1948              '
     'Consultant: Dr Helena Voskuijlen\nNHS No: 943 476 5919         Bed: 14',
     ('Ignatius Okwuosa', '02/11/1948', 'Helena Voskuijlen', '943 476 5919'),
     ('Patient Name', 'Consultant')),
    ('pdf', 'Borrower: Thaddeus Kingsbury          Lender: Meridian Home Loans\nAddress: 8 '
     'Juniper Close,            Address: 200 Wharf Street,\nHarrogate HG1 4PL               '
     'Brisbane QLD 4000',
     ('Thaddeus Kingsbury', '8 Juniper Close', 'HG1 4PL'), ('Borrower', 'Lender')),
    ('pdf', 'In the matter of the estate of the late Percival\nSmith & Partners LLP | Private '
     'and confidential | 3\nAtherton, the executors are his daughters.',
     ('Percival', 'Atherton'), ('estate', 'executors')),
    ('pdf', 'The insured vehicle was driven by Ms Seraphine Dubois-\nPage 7\nLacroix at the '
     'time of the collision.',
     ('Seraphine', 'Dubois-', 'Lacroix'), ('insured vehicle', 'collision')),
    ('pdf', 'Employee: Marguerite Oyelowo      Employee ID: 448213\nNI number: JT 48 29 15 B     '
     'Tax code: 1257L\nBank: 40-47-84 / 61529947',
     ('Marguerite Oyelowo', '448213', 'JT 48 29 15 B', '40-47-84', '61529947'),
     ('Tax code',)),
    ('pdf', 'Claim reference CLM-2024-118, insured Bertrand\n\n- 2 -\n\nOkonjo-Whitfield, '
     'policy 77-4418-902.',
     ('Bertrand', 'Okonjo-Whitfield'), ('Claim reference',)),
    ('pdf', 'Discharge summary for Eulalie Fontaine-Marsh. She was seen by\nWestfield '
     'General Hospital - Discharge Summary - Page 2 of 3\nDr Jarvis Pemberton on the ward.',
     ('Eulalie Fontaine-Marsh', 'Jarvis Pemberton'), ('Discharge summary', 'on the ward')),
    ('pdf', 'SELLER                              BUYER\nHarriet Blackwell               '
     '    Nikolai Petrenko\n14 Rose Lane, Bath BA1 2QE          3 Mill Row, Frome BA11 1AA',
     ('Harriet Blackwell', 'Nikolai Petrenko', '14 Rose Lane', 'BA1 2QE', '3 Mill Row',
      'BA11 1AA'), ('SELLER', 'BUYER')),
    ('pdf', 'Reference: Ms Cordelia\nwww.ashfield-partners.co.uk   Tel 01632 960 001\n'
     'Winterbourne has been a client since 2015.',
     ('Cordelia', 'Winterbourne'), ('has been a client',)),
    # --- OCR's confusions ------------------------------------------------------------------
    ('ocr', 'Scanned form: Account number 4O3l 7752 9l8O, sort code 2O-32-O6, holder '
     'Jasper Whitlock.',
     ('4O3l 7752 9l8O', '2O-32-O6', 'Jasper Whitlock'), ('Scanned form',)),
    ('ocr', 'Telephone: O2O 7946 O958  Mobile: O77OO 9OO46l  (from the scanned letter)',
     ('O2O 7946 O958', 'O77OO 9OO46l'), ('scanned letter',)),
    ('ocr', 'Date of Birth: l4/O8/l962   Surname: HARGREAVES   Forename: BEATRlCE',
     ('l4/O8/l962', 'HARGREAVES', 'BEATRlCE'), ('Date of Birth', 'Surname')),
    ('ocr', 'Card No. 4S39 l488 O343 6467 Exp O9/27 (OCR of a faxed authorisation form)',
     ('4S39 l488 O343 6467',), ('faxed authorisation form',)),
    ('ocr', 'Patient: J ohn Fitzwil liam   DOB 03/O4/1971   MRN 447l9O2',
     ('Fitzwil', '03/O4/1971', '447l9O2'), ('Patient',)),
    ('ocr', 'The invoice was addressed to Mr Willi arn Harnrnond at 12 Church Lane, Ely.',
     ('Harnrnond', '12 Church Lane'), ('invoice was addressed',)),
    ('ocr', 'Ernail: rnargaret.osei@exarnple.corn   Phone: 0l632 960 0O1',
     ('rnargaret.osei', '0l632 960 0O1'), ()),
    ('ocr', 'NI Number JT4829l5B recorded for employee Desmond Achterberg on the P45.',
     ('JT4829l5B', 'Desmond Achterberg'), ('recorded for employee',)),
    ('ocr', 'Postcode: SWlA 2AA   Town: Westrninster   Name: Rosarnund Pike-Ellery',
     ('SWlA 2AA', 'Pike-Ellery'), ('Postcode',)),
    ('ocr', 'IBAN: GB82 WEST l234 5698 7654 32   BIC: WESTGB2L   Payee: Ottilie Brandauer',
     ('GB82 WEST l234 5698 7654 32', 'Ottilie Brandauer'), ('Payee',)),
    ('ocr', 'SSN: O78-O5-ll2O   Employer: Greystone Freight Ltd   Employee: Mabel Quist',
     ('O78-O5-ll2O', 'Mabel Quist'), ('Employer',)),
    ('ocr', 'Mernber ID: HX 44l9 27O8   Narne: Cornelia Vasquez-Ortega',
     ('HX 44l9 27O8', 'Vasquez-Ortega'), ()),
    ('ocr', 'Tel. +44 (O) 2O 7946 O 958 - please call Mrs Agatha Penhaligon after 3pm.',
     ('7946 O 958', 'Agatha Penhaligon'), ('please call',)),
    ('ocr', 'DOB: 3O.l2.l985 Name: Friedrich Obermaier Steuer-ID: 65 929 970 489',
     ('3O.l2.l985', 'Friedrich Obermaier', '65 929 970 489'), ()),
    # --- a table's labels and values copied out as separate lines ----------------------------
    ('columns', 'Name\nDOB\nMRN\nJane Doe\n03/04/1971\n4471902',
     ('Jane Doe', '03/04/1971', '4471902'), ('Name', 'DOB', 'MRN')),
    ('columns', 'Patient details\nSurname\nForename\nDate of birth\nPostcode\nOkafor\n'
     'Chidinma\n12/09/1983\nLS6 2QA',
     ('Okafor', 'Chidinma', '12/09/1983', 'LS6 2QA'), ('Patient details', 'Surname',
                                                       'Date of birth')),
    ('columns', 'Employee\nEmail\nPhone\nRoderick Fairbairn\nr.fairbairn@kestrel-av.com\n'
     '0161 496 0732\nPriya Natarajan\np.natarajan@kestrel-av.com\n0161 496 0188',
     ('Roderick Fairbairn', 'r.fairbairn@kestrel-av.com', '0161 496 0732', 'Priya Natarajan',
      'p.natarajan@kestrel-av.com', '0161 496 0188'), ('Employee', 'Email', 'Phone')),
    ('columns', 'Full name\nCity\nEmployer\nSaoirse Delahunt\nGalway\nBrightwater Analytics',
     ('Saoirse Delahunt', 'Galway'), ('Full name', 'City', 'Employer')),
    ('columns', 'Account holder\nSort code\nAccount number\nFenella Marchbanks\n40-11-62\n'
     '83920115',
     ('Fenella Marchbanks', '40-11-62', '83920115'), ('Account holder', 'Sort code')),
    ('columns', 'Guest\nRoom\nCheck-in\nNationality\nMassimo Ferraguti\n412\n14 May 2024\n'
     'Italian',
     ('Massimo Ferraguti',), ('Guest', 'Check-in', 'Nationality')),
    ('columns', 'Name:\nAddress:\nTelephone:\nLucinda Harrowby\n27 Quarry Hill, Skipton BD23 '
     '1AB\n01756 700 213',
     ('Lucinda Harrowby', '27 Quarry Hill', 'BD23 1AB', '01756 700 213'),
     ('Address', 'Telephone')),
    ('columns', 'Child\tDate of birth\tParent\nEsme Thornycroft\t07/02/2016\tGideon '
     'Thornycroft',
     ('Esme Thornycroft', '07/02/2016', 'Gideon Thornycroft'), ('Child', 'Parent')),
    ('columns', 'Driver\nLicence number\nVehicle reg\nKwabena Asante\nASANT807145KA9XY\nKX19 '
     'ABC',
     ('Kwabena Asante', 'ASANT807145KA9XY', 'KX19 ABC'), ('Driver', 'Vehicle reg')),
    ('columns', 'Surname First name Date of birth\nBergström Annika 1979-04-02\nLindqvist '
     'Mattias 1981-11-23',
     ('Bergström', 'Annika', '1979-04-02', 'Lindqvist', 'Mattias', '1981-11-23'),
     ('Surname', 'Date of birth')),
    # --- forms with wide gaps and dot leaders -------------------------------------------------
    ('leaders', 'Name.........Jane Doe\nAddress......14 Elm Street, Leeds LS2 9JT\nPhone........'
     '0113 496 0021',
     ('Jane Doe', '14 Elm Street', 'LS2 9JT', '0113 496 0021'), ('Name', 'Address', 'Phone')),
    ('leaders', 'Applicant surname ............ ABERNETHY\nGiven names ................. '
     'Fiona Isobel\nDate of birth ............... 22/06/1990',
     ('ABERNETHY', 'Fiona Isobel', '22/06/1990'), ('Applicant surname', 'Given names')),
    ('leaders', 'Name            Jane Doe          DOB   03/04/1971\nEmployer        Halewood '
     'Logistics',
     ('Jane Doe', '03/04/1971'), ('DOB', 'Employer')),
    ('leaders', 'Patient: Cassius Ward        MRN: 4471902        Ward: Maple\nNext of kin: '
     'Imelda Ward        Tel: 07700 900 318',
     ('Cassius Ward', '4471902', 'Imelda Ward', '07700 900 318'),
     ('MRN', 'Next of kin', 'Tel')),
    ('leaders', 'Surname: ONWUEGBUZIE      Forenames: Adaeze Chioma      Sex: F\n'
     'Place of birth: Enugu      Nationality: Nigerian',
     ('ONWUEGBUZIE', 'Adaeze Chioma', 'Enugu'), ('Forenames', 'Place of birth', 'Nationality')),
    ('leaders', 'Customer name __________ Tamsin Elphick __________ Signature ______',
     ('Tamsin Elphick',), ('Customer name', 'Signature')),
    ('leaders', 'Policyholder . . . . . . . Reginald Ashworth-Bligh\nPolicy number . . . . . . '
     'HX-448120-77',
     ('Reginald Ashworth-Bligh', 'HX-448120-77'), ('Policyholder', 'Policy number')),
    ('leaders', 'City: Hanover                Employer: Dartmouth Health              Role: '
     'Nurse',
     ('Hanover',), ('Employer', 'Role', 'Nurse')),
    ('leaders', 'Contact: Eoin Walsh\t\tMobile: 087 123 4567\t\tEmail: eoin.walsh@gmail.com',
     ('Eoin Walsh', '087 123 4567', 'eoin.walsh@gmail.com'), ('Contact', 'Mobile')),
    ('leaders', 'Full name: Ottoline Farquharson-Bell      Occupation: Architect\nHome address: '
     '9 Mulberry Walk, Chelsea, London SW3 6DZ',
     ('Ottoline Farquharson-Bell', '9 Mulberry Walk', 'SW3 6DZ'), ('Occupation', 'Architect')),
    # --- quoted replies ---------------------------------------------------------------------
    ('quoted', 'Thanks, that works.\n\nOn Tue, 4 Jun 2024 at 09:12, Jane Doe '
     '<jane.doe@halcyon-labs.com> wrote:\n> Could you send the draft by Thursday?\n> Jane',
     ('Jane Doe', 'jane.doe@halcyon-labs.com'), ('Could you send the draft',)),
    ('quoted', '> My new mobile is 07700 900\n> 461 and my address is 22 Nightingale\n> Lane, '
     'Reading RG1 3AB.\n\nUpdated, thanks Ferdinand.',
     ('07700 900', '22 Nightingale', 'RG1 3AB', 'Ferdinand'), ('Updated',)),
    ('quoted', '>> Patient Gwendolyn Achebe (DOB 11/03/1950) missed her appointment.\n> Can '
     'we rebook her?\nYes, booked for Monday.',
     ('Gwendolyn Achebe', '11/03/1950'), ('missed her appointment', 'rebook')),
    ('quoted', 'Le mer. 5 juin 2024 à 14:02, Amélie Rousseau <amelie.rousseau@orange.fr> a '
     'écrit :\n> Voici mon RIB : FR76 3000 6000 0112 3456 7890 189',
     ('Amélie Rousseau', 'amelie.rousseau@orange.fr', 'FR76 3000 6000 0112 3456 7890 189'),
     ('Voici',)),
    ('quoted', 'Am 05.06.2024 um 10:15 schrieb Jürgen Oberhauser <j.oberhauser@web.de>:\n> '
     'Meine IBAN lautet DE89 3704 0044 0532 0130 00.',
     ('Jürgen Oberhauser', 'j.oberhauser@web.de', 'DE89 3704 0044 0532 0130 00'),
     ('Meine IBAN lautet',)),
    ('quoted', '> > the account holder is Mrs Philomena\n> > Braithwaite-Oduya and she lives '
     'at\n> > 31 Kestrel Way, Norwich NR4 7TJ',
     ('Philomena', 'Braithwaite-Oduya', '31 Kestrel Way', 'NR4 7TJ'),
     ('account holder', 'lives at')),
    ('quoted', 'On Mon, Jun 3, 2024 at 4:51 PM Ravi Chandrasekaran <ravi.c@tessellate.io> '
     'wrote:\n> card is 4111 1111 1111\n> 1111, exp 04/27',
     ('Ravi Chandrasekaran', 'ravi.c@tessellate.io', '4111 1111 1111'), ('wrote',)),
    ('quoted', '-----Original Message-----\n> Hi, this is Lavinia Stroud, my policy number is '
     'PX-77120-44\n> and my date of birth is 19 April 1961.',
     ('Lavinia Stroud', 'PX-77120-44', '19 April 1961'), ('Original Message',)),
    ('quoted', 'Sure.\n\n> On 3 Jun 2024, at 18:40, Bo Lindgren <bo.lindgren@telia.se> wrote:\n'
     '> \n> Call me: +46 70 123 45 67',
     ('Bo Lindgren', 'bo.lindgren@telia.se', '+46 70 123 45 67'), ('Call me',)),
    ('quoted', '> Please update the emergency contact to my sister, Henrietta Ogunleye, on\n> '
     '07911 123456.\nDone - updated in the HR system.',
     ('Henrietta Ogunleye', '07911 123456'), ('emergency contact', 'HR system')),
    # --- forwarded headers ------------------------------------------------------------------
    ('fwd', '---------- Forwarded message ---------\nFrom: Cosima Ballantyne '
     '<cosima.b@ferngrove.org>\nDate: Thu, 6 Jun 2024 at 11:03\nSubject: Lease renewal\nTo: '
     'Tobias Ekwueme <t.ekwueme@ferngrove.org>\n\nPlease see attached.',
     ('Cosima Ballantyne', 'cosima.b@ferngrove.org', 'Tobias Ekwueme',
      't.ekwueme@ferngrove.org'), ('Forwarded message', 'Lease renewal', 'Please see attached')),
    ('fwd', 'From: Pemberton, Clarissa <clarissa.pemberton@halvergate.co.uk>\nSent: 04 June '
     '2024 16:20\nTo: Okonkwo, Nnamdi; Fairweather, Rupert\nCc: Ashdown, Lydia\nSubject: RE: '
     'Budget',
     ('Pemberton, Clarissa', 'clarissa.pemberton@halvergate.co.uk', 'Okonkwo, Nnamdi',
      'Fairweather, Rupert', 'Ashdown, Lydia'), ('Subject', 'Budget')),
    ('fwd', 'Von: Henrike Albrecht <h.albrecht@stadtwerke-hameln.de>\nGesendet: Mittwoch, 5. '
     'Juni 2024 09:41\nAn: Matthias Brenner\nBetreff: Zählerstand',
     ('Henrike Albrecht', 'h.albrecht@stadtwerke-hameln.de', 'Matthias Brenner'),
     ('Betreff', 'Zählerstand')),
    ('fwd', 'Begin forwarded message:\n\nFrom: "Mbeki, Thandiwe" <thandiwe.mbeki@ukzn.ac.za>\n'
     'Subject: transcript request\nDate: 2 June 2024 at 08:15:22 SAST\nTo: registrar@ukzn.ac.za',
     ('Mbeki, Thandiwe', 'thandiwe.mbeki@ukzn.ac.za'), ('transcript request',)),
    ('fwd', 'From: Jonah Featherstonehaugh [mailto:jonah.f@quillfeather.com]\nSent: Friday, '
     'June 7, 2024 3:02 PM\nTo: Accounts Payable\nSubject: bank details change',
     ('Jonah Featherstonehaugh', 'jonah.f@quillfeather.com'), ('Accounts Payable',
                                                               'bank details change')),
    ('fwd', 'De : Océane Lemaire <oceane.lemaire@laposte.net>\nEnvoyé : jeudi 6 juin 2024 '
     '10:00\nÀ : Service client\nObjet : réclamation',
     ('Océane Lemaire', 'oceane.lemaire@laposte.net'), ('Service client', 'réclamation')),
    ('fwd', 'From: noreply@bookings.example\nTo: Anastasia Vronskaya\n<anastasia.vronskaya@'
     'mail.ru>\nSubject: Your booking',
     ('Anastasia Vronskaya', 'anastasia.vronskaya@'), ('Your booking',)),
    ('fwd', '________________________________\nFrom: Declan Muldowney <dmuldowney@'
     'kerrycoop.ie>\nSent: Tuesday 4 June 2024 12:11\nTo: Siobhán Ní Bhriain '
     '<siobhan.nibhriain@kerrycoop.ie>\nSubject: Milk quota',
     ('Declan Muldowney', 'dmuldowney@', 'Siobhán', 'siobhan.nibhriain@kerrycoop.ie'),
     ('Milk quota',)),
    # --- HTML pasted as text ----------------------------------------------------------------
    ('html', 'Contact:&nbsp;Jane&nbsp;Doe<br>Email:&nbsp;j&#97;ne.doe@northwind.io<br>Tel:'
     '&nbsp;+1&nbsp;415&nbsp;555&nbsp;0132',
     ('Jane&nbsp;Doe', 'j&#97;ne.doe@northwind.io', '415&nbsp;555&nbsp;0132'), ()),
    ('html', '<p>Dear Mr&nbsp;Balthazar&nbsp;Okonedo,</p><p>Your appointment at 14 '
     'Hawthorn&nbsp;Road is confirmed.</p>',
     ('Balthazar&nbsp;Okonedo', 'Hawthorn&nbsp;Road'), ('appointment', 'confirmed')),
    ('html', 'Card number: 4111&nbsp;1111&nbsp;1111&nbsp;1111<br/>Name on card: '
     'Rosalind&nbsp;Achebe',
     ('4111&nbsp;1111&nbsp;1111&nbsp;1111', 'Rosalind&nbsp;Achebe'), ('Name on card',)),
    ('html', 'Reply to &lt;mar&#103;aret.hale@brookfield.org&gt; or call 020&#160;7946&#160;'
     '0312.',
     ('mar&#103;aret.hale@brookfield.org', '020&#160;7946&#160;0312'), ('Reply to',)),
    ('html', '<tr><td>Patient</td><td>Cordelia Winthrop</td></tr><tr><td>DOB</td><td>'
     '09/09/1939</td></tr><tr><td>MRN</td><td>H0049912</td></tr>',
     ('Cordelia Winthrop', '09/09/1939', 'H0049912'), ('Patient',)),
    ('html', 'Ship to: Lorcan O&#39;Sullivan<br>12 Ballymun Road<br>Dublin D09 X285',
     ('Sullivan', '12 Ballymun Road', 'D09 X285'), ('Ship to',)),
    ('html', 'Name: Jos&eacute; Garc&iacute;a L&oacute;pez &mdash; NIE: X1234567L &mdash; '
     'm&oacute;vil 612&nbsp;345&nbsp;678',
     ('Garc&iacute;a', 'X1234567L', '612&nbsp;345&nbsp;678'), ()),
    ('html', '<div>Billing address:<br>Flat 3, 27 Elmwood Terrace<br>Sheffield S10 2FH</div>'
     '<div>Phone: 0114&nbsp;496&nbsp;0555</div>',
     ('27 Elmwood Terrace', 'S10 2FH', '0114&nbsp;496&nbsp;0555'), ('Billing address',)),
    ('html', 'Hello <b>Ms</b> <b>Perpetua</b> <i>Ravenscroft</i>, your IBAN '
     '<span>GB82</span> <span>WEST 1234 5698 7654 32</span> is verified.',
     ('Perpetua', 'Ravenscroft', 'WEST 1234 5698 7654 32'), ('is verified',)),
    ('html', 'E-mail: anna.k&#x6f;walska&#64;wp.pl &middot; PESEL 44051401359',
     ('anna.k&#x6f;walska&#64;wp.pl', '44051401359'), ()),
    ('html', 'Signed by Hon. Justice Adebayo&nbsp;Ogunlesi&nbsp;&nbsp;|&nbsp;&nbsp;Case '
     'No.&nbsp;2:21-cv-01234',
     ('Ogunlesi', '2:21-cv-01234'), ('Signed by',)),
    # --- Markdown tables --------------------------------------------------------------------
    ('markdown', '| Name | Email | Phone |\n|---|---|---|\n| Idris Okonkwo-Bell | '
     'idris.ob@larchmont.co | 07700 900 511 |\n| Saffron Delacroix | saffron.d@larchmont.co | '
     '07700 900 624 |',
     ('Idris Okonkwo-Bell', 'idris.ob@larchmont.co', '07700 900 511', 'Saffron Delacroix',
      'saffron.d@larchmont.co', '07700 900 624'), ('Name', 'Email', 'Phone')),
    ('markdown', '| Patient | DOB | MRN | Ward |\n| :--- | :---: | ---: | --- |\n| Augustin '
     'Mbappé-Roux | 1944-08-17 | 00482913 | Cedar |',
     ('Augustin', 'Mbappé-Roux', '1944-08-17', '00482913'), ('Patient', 'Ward')),
    ('markdown', '|Field|Value|\n|-|-|\n|Full name|Oriana Castellanos|\n|Passport|'
     'X48213977|\n|Address|Calle de Alcalá 48, 28014 Madrid|',
     ('Oriana Castellanos', 'X48213977', 'Calle de Alcalá 48', '28014'), ('Field', 'Value')),
    ('markdown', '**Client:** _Rosalind Achebe_  \n**Phone:** `+44 7700 900 146`  \n'
     '**Address:** 5 Ormond Yard, Bath BA1 1AA',
     ('Rosalind Achebe', '+44 7700 900 146', '5 Ormond Yard', 'BA1 1AA'), ('Client',)),
    ('markdown', '| Employee | Manager | Start date |\n|----------|---------|------------|\n'
     '| Wilhelmina Osei | Barnaby Cresswell | 2023-01-09 |',
     ('Wilhelmina Osei', 'Barnaby Cresswell'), ('Employee', 'Manager', 'Start date')),
    ('markdown', '- **Tenant**: Mireille Achterberg\n- **Unit**: Flat 4, 22 Canal Street, '
     'Manchester M1 3HE\n- **Deposit ref**: DPS-448120',
     ('Mireille Achterberg', '22 Canal Street', 'M1 3HE'), ('Tenant', 'Deposit ref')),
    # --- soft hyphens, zero-width and non-breaking spaces from web pages ----------------------
    ('web', 'Account holder: Maximi\u00adlian Ober\u00adhuber, IBAN AT61\u00a01904\u00a03002'
     '\u00a03457\u00a03201',
     ('Maximi\u00adlian', 'Ober\u00adhuber', 'AT61\u00a01904\u00a03002\u00a03457\u00a03201'),
     ('Account holder',)),
    ('web', 'Contact Dr\u00a0Evangeline\u00a0Pryce on 020\u00a07946\u00a00823 or '
     'e.pryce\u200b@\u200bstmarys-clinic.org.uk',
     ('Evangeline\u00a0Pryce', '020\u00a07946\u00a00823', 'e.pryce\u200b@\u200bstmarys-clinic'
      '.org.uk'), ()),
    ('web', 'Her card 4111\u200b1111\u200b1111\u200b1111 was used at 3\u00a0Pembroke'
     '\u00a0Street, Oxford OX1\u00a01BP.',
     ('4111\u200b1111\u200b1111\u200b1111', '3\u00a0Pembroke\u00a0Street', 'OX1\u00a01BP'),
     ('was used at',)),
    ('web', 'Recipient: Annabel\u2060le Sto\u00adckwell, tel. +33\u202f6\u202f12\u202f34\u202f'
     '56\u202f78',
     ('Sto\u00adckwell', '+33\u202f6\u202f12\u202f34\u202f56\u202f78'), ('Recipient',)),
    ('web', 'Name:\u00a0\u00a0Theodora Blackmore\u00a0\u00a0\u00a0Date\u00a0of\u00a0birth:'
     '\u00a0\u00a012/04/1990',
     ('Theodora Blackmore', '12/04/1990'), ()),
    ('web', 'SSN\u00a0078\u201105\u20111120 on file for Octavia\u00a0Rennington (non-breaking '
     'hyphens from the web form)',
     ('078\u201105\u20111120', 'Octavia\u00a0Rennington'), ('non-breaking', 'web form')),
    ('web', 'Email: ﻿lucian.\u200dmarchetti@\u200cfastmail.com — please confirm.',
     ('lucian.\u200dmarchetti@\u200cfastmail.com',), ('please confirm',)),
    ('web', 'Postcode\u00a0LS6\u00a02QA, house 14, owner Mr\u00a0Caradoc\u00a0Pryce-Jones.',
     ('LS6\u00a02QA', 'Caradoc\u00a0Pryce-Jones'), ('owner',)),
    # --- shapes left from earlier rounds -----------------------------------------------------
    ('left', 'Patient: Jane Doe        MRN: 4471902\nReferrer: Dr Ambrose Kettering      Date: '
     '12/05/2024',
     ('Jane Doe', '4471902', 'Ambrose Kettering'), ('MRN', 'Referrer', 'Date')),
    ('left', 'Employer: Halewood Logistics        Position: Warehouse supervisor\nCity: Preston '
     '          Start: March',
     ('Preston',), ('Position', 'Warehouse supervisor', 'Start')),
    ('left', 'Itinerary\n1 BA 117 Y 12JUN 2 LHRJFK HK2 1045 1320\n2 BA 116 Y 19JUN 4 JFKLHR '
     'HK2 1830 0640\nPassenger: OYELOWO/BABAJIDE MR',
     ('OYELOWO/BABAJIDE',), ('Itinerary', 'LHRJFK', 'JFKLHR')),
    ('left', 'Card statement\n12/05 7781 TESCO STORES 2231 GBP 23.10\n13/05 4410 SHELL '
     'OXFORD 118 GBP 61.02\nCardholder: Winifred Ashgrove',
     ('Winifred Ashgrove',), ('TESCO STORES', 'SHELL OXFORD', 'Card statement')),
    ('left', 'me: hi its me from 2B\nsupport: hey, whats your unit access code?\nme: 7741#, '
     'and my plate is KX19 ABC',
     ('7741#', 'KX19 ABC'), ('unit access code',)),
    ('left', 'agent: for security, can you give me your PIN?\nme: 4490\nagent: thanks, and '
     'your date of birth?\nme: 2 march 1977',
     ('4490', '2 march 1977'), ('for security',)),
    ('left', 'Please forward my post to Flat 12B, Riverside Court, Salford M50 3AB until '
     'further notice.',
     ('Flat 12B', 'Riverside Court', 'M50 3AB'), ('forward my post', 'further notice')),
    ('left', 'Tenant: Odalys Fenwick, Flat 7A, 41 Wellington Road, Bournemouth BH8 8JQ',
     ('Odalys Fenwick', 'Flat 7A', '41 Wellington Road', 'BH8 8JQ'), ('Tenant',)),
    ('left', 'ঠিকানা: বাড়ি ১২, রোড ৫, মিরপুর, ঢাকা ১২১৬; ফোন: ০১৭১২ ৩৪৫৬৭৮',
     ('ঢাকা ১২১৬', '০১৭১২ ৩৪৫৬৭৮'), ('ঠিকানা',)),
    ('left', 'পোস্টকোড ১২১৬, মিরপুর রোড, ঢাকা',
     ('১২১৬',), ('পোস্টকোড',)),
    ('left', 'العنوان: حي النخيل، الرياض 13521، المملكة العربية السعودية',
     ('الرياض 13521',), ('العنوان',)),
    ('left', 'يرجى إرسال الطلب إلى جدة 23442 باسم خالد العتيبي',
     ('جدة 23442', 'خالد العتيبي'), ('يرجى إرسال الطلب',)),
    # --- mixed pastes ----------------------------------------------------------------------
    ('mixed', 'From the scanned referral (page 1 of 2):\nPatient: Horatio Blackwood-Reid\nDOB:'
     ' 3O/O6/1958\nAddress: 14 Glebe\nRoad, Tewkesbury GL20 5AB\nGP: Dr Annika Sjöberg',
     ('Horatio Blackwood-Reid', '3O/O6/1958', '14 Glebe', 'GL20 5AB', 'Annika Sjöberg'),
     ('scanned referral', 'Patient')),
    ('mixed', 'Copied from the portal:\nName\tLeontyne Abara\nPhone\t+234\u00a0803\u00a0555'
     '\u00a00192\nEmail\tleontyne.abara@\nmtnonline.com',
     ('Leontyne Abara', '803\u00a0555\u00a00192', 'leontyne.abara@'), ('Copied from the portal',)),
    ('mixed', 'Hi team,\n\nper the attached PDF the new supplier contact is Valentin Szé-\n'
     'kely (valentin.szekely@\nhuntergrove.hu, +36 1 555\n0172).\n\nThanks',
     ('Valentin', 'Szé-', 'valentin.szekely@', '+36 1 555'), ('new supplier contact',)),
    ('mixed', 'Transcribed from a photo of the form:\nNAME: CONSTANCE AMARA OFORI-ATTA\n'
     'D.O.B: O7 MAR l969\nPASSPORT: 5l2 884 O39\nADDRESS: l7 KING STREET, ACCRA',
     ('OFORI-ATTA', 'O7 MAR l969', '5l2 884 O39', 'KING STREET'), ('Transcribed',)),
    ('mixed', 'Pasted from Outlook:\n\nFrom: Ngozi Adichie-Obi <ngozi.ao@lagoonbank.ng>\n'
     'Sent: 5 June 2024 10:00\n\n> acct no: 0123 4567\n> 89, BVN 22145678901',
     ('Ngozi Adichie-Obi', 'ngozi.ao@lagoonbank.ng', '22145678901'), ('Pasted from Outlook',)),
    ('mixed', 'Excerpt (pp. 4-5):\n...the defendant, Mr Lysander\n\n4\n\nWhitcombe, of 88 '
     'Ferry Lane, Hull HU1 2AA, denied the allegation.',
     ('Lysander', 'Whitcombe', '88 Ferry Lane', 'HU1 2AA'), ('defendant', 'denied the '
                                                           'allegation')),
    ('mixed', 'Name: Béatrice Lefèvre-\nDumont\nTél. : 06 12 34\n56 78\nCourriel : beatrice'
     '.lefevre@free.fr',
     ('Béatrice', 'Lefèvre-', '06 12 34', 'beatrice.lefevre@free.fr'), ('Courriel',)),
    ('mixed', 'Emergency contact (from the sign-up sheet):\nContact name.........Rufus '
     'Okoro\nRelationship.........Brother\nMobile...............07700 900 782',
     ('Rufus Okoro', '07700 900 782'), ('Emergency contact', 'Relationship', 'Brother')),
    ('mixed', 'Please verify the following scanned ID:\nSurname / Nom\nMACKENZIE-'
     'ODUYA\nGiven names / Prénoms\nELSPETH MARGARET\nDate of birth\n04 NOV 1985',
     ('MACKENZIE-ODUYA', 'ELSPETH MARGARET', '04 NOV 1985'), ('scanned ID', 'Given names')),
    ('mixed', 'The meeting notes say that Mrs Prudence\nHalliwell-Stone (tel 0117 496\n0855) '
     'will chair the next session.',
     ('Prudence', 'Halliwell-Stone', '0117 496'), ('meeting notes', 'chair the next session')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
