"""The forty-sixth round's first probe prompts: what a bank's, an insurer's or an accountant's
people paste: SWIFT MT103/MT202/MT940 messages (`:50K:`, `:59:`, `:57A:`, a `:70:` remittance
line with names and references, `:86:` statement lines), ISO 20022 XML (pain.001, pacs.008,
camt.053: `Nm`, `IBAN`, `PstlAdr`, `Ustrd`), NACHA ACH records, cheque MICR lines, card
statements and chargeback letters, brokerage and pension statements, loan and mortgage
applications, KYC onboarding notes (passports and driving licences of several countries,
national ids, proof of address), AML and suspicious-activity narratives, payroll CSV rows, US tax
forms (W-2, W-9, 1099 with SSN, EIN, ITIN), UK ones (UTR, NI number, sort code and account), EU
VAT numbers on invoices, insurance claims, and a crypto exchange's tickets. Beside the values,
the words that must stay: field tags, XML element names, currency and country codes, bank and
tax jargon, form box labels, product names, amounts that identify no one. Counts both with the
``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s76a/leak_probes_s76a.py \
        learned|spacy [--show]

Policy read from docs/detection.md and the earlier sets: DATE_TIME is masked by default, so a
date other than a birth date is neither a value nor a word here (a birth date is a value); a
bank's BIC, a routing number, a transaction's reference, an invoice's or a cheque's number and a
company's name are neither (they name a bank, a payment or a company); a person's and a sole
trader's identifiers, accounts, cards, loan, policy, claim and customer numbers, names,
addresses, phones and e-mails must go. Written before any rule of this round, as a held-out
set. All values are made up; checksums are valid where the id has one (IBAN mod-97, Luhn cards,
ABA, VAT numbers, UTR, PPS, BSN, PESEL, codice fiscale, SIN, Aadhaar, bech32 and base58check).
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- SWIFT MT messages ------------------------------------------------------------------
    ('swift', '{1:F01QWSTGB2LAXXX0000000000}{2:I103FENWUS33XXXXN}{4:\n:20:FT24071REF889\n'
     ':23B:CRED\n:32A:240315USD12500,00\n:50K:/GB90MIDL40051522334455\nTHADDEUS OKONKWO-BRAY\n'
     '14 ASHGROVE TERRACE\nLEEDS LS6 3QP\n:59:/8841207733\nMARGUERITE DELACROIX-HUANG\n'
     '2207 WILLOWMERE DRIVE\nAUSTIN TX 78745\n:70:INV 2024-118 TUITION FEES\n:71A:SHA\n-}',
     ('GB90MIDL40051522334455', 'THADDEUS', 'OKONKWO-BRAY', '14 ASHGROVE TERRACE', 'LS6 3QP',
      '8841207733', 'MARGUERITE', 'DELACROIX-HUANG', '2207 WILLOWMERE DRIVE', '78745'),
     (':20:', ':23B:CRED', ':32A:', 'USD12500,00', ':50K:', ':59:', ':70:', 'TUITION FEES',
      ':71A:SHA')),
    ('swift', 'Please check this MT103, the beneficiary bank rejected it:\n:50K:/DE82370400440532013999'
     '\nHerr Gottfried Wendelin Baumgartner\nKastanienallee 41\n10435 Berlin\n:57A:COBADEFFXXX\n'
     ':59:/IT63X0542811101000000123499\nSig.ra Benedetta Ruffo-Scalzi\nVia dei Serpenti 88\n'
     '00184 Roma\n:70:/RFB/RENT MARCH FLAT 3 SCALZI\n:71A:OUR',
     ('DE82370400440532013999', 'Gottfried', 'Wendelin', 'Baumgartner', 'Kastanienallee 41',
      '10435', 'IT63X0542811101000000123499', 'Benedetta', 'Ruffo-Scalzi',
      'Via dei Serpenti 88', '00184', 'SCALZI'),
     ('MT103', 'beneficiary bank rejected', ':57A:', ':70:', '/RFB/', 'RENT MARCH', ':71A:OUR')),
    ('swift', ':50F:/NL37ABNA0417164399\n1/WILHELMINA VAN DER STRAATEN\n2/PRINSENGRACHT 612\n'
     '3/NL/AMSTERDAM\n4/19720911\n:59F:/PL65109010140000071219812899\n1/KRZYSZTOF WIERZBICKI\n'
     '2/UL. MOKOTOWSKA 17 M 4\n3/PL/WARSZAWA',
     ('NL37ABNA0417164399', 'WILHELMINA', 'VAN DER STRAATEN', 'PRINSENGRACHT 612', '19720911',
      'PL65109010140000071219812899', 'KRZYSZTOF', 'WIERZBICKI', 'MOKOTOWSKA 17'),
     (':50F:', ':59F:')),
    ('swift', 'MT202 COV\n:20:COV8812\n:21:FT24071REF889\n:32A:240318EUR48000,00\n'
     ':52A:QWSTGB2L\n:58A:LUMBDEFF\n:50K:/AT341904300234573299\nELFRIEDE KOLLMANNSBERGER\n'
     'GRABEN 19, 1010 WIEN\n:59:/LT551000011101001099\nRIMANTAS JUODKAZIS\n:70:LOAN REPAYMENT '
     'FOR R JUODKAZIS',
     ('AT341904300234573299', 'ELFRIEDE', 'KOLLMANNSBERGER', 'GRABEN 19',
      'LT551000011101001099', 'RIMANTAS', 'JUODKAZIS'),
     ('MT202 COV', ':21:', ':32A:', 'EUR48000,00', ':52A:', ':58A:', 'LOAN REPAYMENT')),
    ('swift', ':61:2403150315D250,00NTRFNONREF//FT2407533\n:86:/EREF/NOTPROVIDED/REMI/CARD '
     'REFUND ODALYS PEMBERTON-OYELARAN/IBAN/GB42LOYD30963712345678/BIC/LOYDGB21\n'
     ':62F:C240315GBP18204,55',
     ('ODALYS', 'PEMBERTON-OYELARAN', 'GB42LOYD30963712345678'),
     (':61:', ':86:', '/EREF/', 'NOTPROVIDED', '/REMI/', 'CARD REFUND', ':62F:')),
    ('swift', 'MT940 for acct 20-45-77 41829067\n:25:204577/41829067\n:28C:00071/001\n'
     ':60F:C240301GBP5000,00\n:86:SALARY CORRIGAN-MBEKI T\n:86:DD COUNCIL TAX REF 7731045\n'
     ':86:TFR TO SAVINGS',
     ('41829067', 'CORRIGAN-MBEKI'),
     ('MT940', ':25:', ':28C:', ':60F:', 'SALARY', 'DD COUNCIL TAX', 'TFR TO SAVINGS')),
    ('swift', 'Beneficiary customer (field 59): /NO9386011117947 Solveig Aasheim-Rønning, '
     'Storgata 12, 0184 Oslo. Remittance (70): INVOICE 5512 SOLVEIG A-R CONSULTING.',
     ('NO9386011117947', 'Solveig', 'Aasheim-Rønning', 'Storgata 12', '0184'),
     ('Beneficiary customer', 'field 59', 'Remittance', 'INVOICE')),
    # --- ISO 20022 XML ----------------------------------------------------------------------
    ('iso20022', '<CdtTrfTxInf><PmtId><EndToEndId>E2E-88123-A</EndToEndId></PmtId>'
     '<Amt><InstdAmt Ccy="EUR">1250.00</InstdAmt></Amt><CdtrAgt><FinInstnId><BICFI>LUMBDEFF'
     '</BICFI></FinInstnId></CdtrAgt><Cdtr><Nm>Hildegard Oberholzer-Frick</Nm><PstlAdr>'
     '<StrtNm>Bahnhofstrasse</StrtNm><BldgNb>77</BldgNb><PstCd>8001</PstCd><TwnNm>Zurich'
     '</TwnNm><Ctry>CH</Ctry></PstlAdr></Cdtr><CdtrAcct><Id><IBAN>DE51500105175407324999'
     '</IBAN></Id></CdtrAcct><RmtInf><Ustrd>School fees Lorenz Oberholzer term 2</Ustrd>'
     '</RmtInf></CdtTrfTxInf>',
     ('Hildegard', 'Oberholzer-Frick', 'Bahnhofstrasse</StrtNm><BldgNb>77', '8001',
      'DE51500105175407324999', 'Lorenz'),
     ('<CdtTrfTxInf>', '<EndToEndId>', 'Ccy="EUR"', '<BICFI>', '<Cdtr>', '<Nm>', '<PstlAdr>',
      '<Ctry>CH</Ctry>', '<IBAN>', '<Ustrd>', 'School fees')),
    ('iso20022', '<Dbtr>\n  <Nm>Cormac Ó Briain</Nm>\n  <PstlAdr>\n    <AdrLine>Flat 2, 19 '
     'Belgrave Square</AdrLine>\n    <AdrLine>Rathmines, Dublin 6</AdrLine>\n  </PstlAdr>\n'
     '</Dbtr>\n<DbtrAcct><Id><IBAN>IE59AIBK93115212349988</IBAN></Id></DbtrAcct>',
     ('Cormac', 'Ó Briain', '19 Belgrave Square', 'Rathmines', 'IE59AIBK93115212349988'),
     ('<Dbtr>', '<AdrLine>', '<DbtrAcct>')),
    ('iso20022', 'pacs.008 failing schema validation, why?\n<GrpHdr><MsgId>MSG-2024-0315-77'
     '</MsgId><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>\n'
     '<UltmtDbtr><Nm>Anselm Przybylski-Thorne</Nm><Id><PrvtId><DtAndPlcOfBirth><BirthDt>'
     '1969-02-27</BirthDt><CityOfBirth>Gdansk</CityOfBirth><CtryOfBirth>PL</CtryOfBirth>'
     '</DtAndPlcOfBirth></PrvtId></Id></UltmtDbtr>',
     ('Anselm', 'Przybylski-Thorne', '1969-02-27', 'Gdansk'),
     ('pacs.008', 'schema validation', '<GrpHdr>', '<NbOfTxs>', 'CLRG', '<UltmtDbtr>',
      '<PrvtId>', '<BirthDt>', '<CtryOfBirth>PL')),
    ('iso20022', 'camt.053 entry:\n<Ntry><Amt Ccy="GBP">640.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
     '<NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>PERPETUA ACHTERBERG</Nm></Pty></Dbtr>'
     '<DbtrAcct><Id><Othr><Id>30963741829067</Id></Othr></Id></DbtrAcct></RltdPties><RmtInf>'
     '<Ustrd>RENT 4B CALDER COURT P ACHTERBERG</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>',
     ('PERPETUA', 'ACHTERBERG', '30963741829067', '4B CALDER COURT'),
     ('camt.053', '<Ntry>', 'CRDT', '<RltdPties>', '<Othr>', '<RmtInf>', 'RENT')),
    ('iso20022', 'pain.001 batch: <Cdtr><Nm>Sebastiaan Hoekstra-Mulder</Nm></Cdtr><CdtrAcct><Id>'
     '<IBAN>NL92RABO0312765490</IBAN></Id></CdtrAcct><Purp><Cd>SALA</Cd></Purp><RmtInf><Ustrd>'
     'Salaris maart S Hoekstra-Mulder pers.nr 40177</Ustrd></RmtInf>',
     ('Sebastiaan', 'Hoekstra-Mulder', 'NL92RABO0312765490'),
     ('pain.001', '<Purp>', 'SALA', 'Salaris maart')),
    ('iso20022', '{"creditor": {"name": "Rosalind Featherstonehaugh", "postalAddress": '
     '{"streetName": "Quarry Bank Lane", "buildingNumber": "3", "postCode": "SK9 4LA", '
     '"townName": "Wilmslow"}}, "creditorAccount": {"iban": "GB04BARC20035312345699"}, '
     '"remittanceInformationUnstructured": "deposit for 3 Quarry Bank Ln"}',
     ('Rosalind', 'Featherstonehaugh', 'Quarry Bank Lane', 'SK9 4LA', 'GB04BARC20035312345699'),
     ('creditor', 'postalAddress', 'creditorAccount', 'remittanceInformationUnstructured',
      'deposit for')),
    # --- NACHA ACH --------------------------------------------------------------------------
    ('nacha', '101 091000019 1234567891240315093A094101FIRST MERIDIAN BANK    ACME PAYROLL CO\n'
     '5200ACME PAYROLL CO                     1470392855PPDPAYROLL   240315   1091000010000001\n'
     '622316115663882041759320   0000184250E10442         BARNABY OKEKE-HALVORSEN 0091000010000001\n'
     '627059504683551903847     0000002500E10443         TAMSIN RUAIRI-VOSS      0091000010000002',
     ('882041759320', 'BARNABY', 'OKEKE-HALVORSEN', '551903847', 'TAMSIN', 'RUAIRI-VOSS'),
     ('PPD', 'PAYROLL')),
    ('nacha', 'Entry detail record 6, transaction code 22, RDFI 25137364, DFI account '
     '7730019482, individual name LUCINDA FAIRWEATHER, individual id 529417730',
     ('7730019482', 'LUCINDA', 'FAIRWEATHER', '529417730'),
     ('Entry detail record', 'transaction code 22', 'RDFI', 'DFI account', 'individual name')),
    ('nacha', 'ACH return R03 (No Account/Unable to Locate) for receiver Octavius Brandvold, '
     'account ending 4417; original entry account 000048813924417.',
     ('Octavius', 'Brandvold', '000048813924417'),
     ('ACH return R03', 'No Account/Unable to Locate', 'original entry')),
    # --- cheques and MICR -------------------------------------------------------------------
    ('micr', 'MICR line read as: ⑈004417⑈ ⑆316115663⑆ 22830194456⑈\nPayee: Ingeborg '
     'Sæther-Lund  Amount: $3,200.00  Memo: deposit 12 Linden Row',
     ('22830194456', 'Ingeborg', 'Sæther-Lund', '12 Linden Row'),
     ('MICR line', 'Payee', 'Amount: $3,200.00', 'Memo')),
    ('micr', 'cheque scan OCR: C001872C A059504683A 4408123390C\nPay to the order of Florian '
     'Ascherl-Wong, drawn on account of Mrs P. Ramdhanie',
     ('4408123390', 'Florian', 'Ascherl-Wong', 'Ramdhanie'),
     ('cheque scan', 'Pay to the order of', 'drawn on account')),
    ('micr', 'Returned item: check #1045, routing 251373641, account 003318820417, maker '
     'Desdemona Quarrington, reason NSF.',
     ('003318820417', 'Desdemona', 'Quarrington'),
     ('Returned item', 'routing', 'maker', 'reason NSF')),
    # --- card statements and disputes -------------------------------------------------------
    ('card', 'CARD STATEMENT\nCardholder: MR LEOPOLD ADEYEMI-FAIRCLOUGH\nCard number: 4576 3406 '
     '3447 7315\nStatement date: 15 Mar 2024\nPrevious balance GBP 1,204.55\nMinimum payment '
     'GBP 25.00\nAPR 24.9% variable',
     ('LEOPOLD', 'ADEYEMI-FAIRCLOUGH', '4576 3406 3447 7315'),
     ('CARD STATEMENT', 'Cardholder', 'Previous balance', 'GBP 1,204.55', 'Minimum payment',
      'APR 24.9% variable')),
    ('card', 'Dear Ms Yevgenia Castellanos-Obi,\nRe: Dispute of transaction on card ending 3582 '
     '(4543580069963582). Under Visa reason code 13.1 (Merchandise/Services Not Received) we '
     'have issued a provisional credit of USD 349.99. Case ref DSP-77120.',
     ('Yevgenia', 'Castellanos-Obi', '4543580069963582'),
     ('Dispute of transaction', 'Visa reason code 13.1', 'Merchandise/Services Not Received',
      'provisional credit', 'USD 349.99')),
    ('card', 'chargeback rebuttal: cardholder Ignatius Balogun-Petrov claims fraud (Mastercard '
     'reason 4837) but the order shipped to his address 77 Kestrel Rise, Harrogate HG2 8NP and '
     'AVS matched. Card 5170-1621-3149-1814, exp 09/27.',
     ('Ignatius', 'Balogun-Petrov', '77 Kestrel Rise', 'HG2 8NP', '5170-1621-3149-1814'),
     ('chargeback rebuttal', 'Mastercard reason 4837', 'AVS matched')),
    ('card', 'Amex corporate card 370976379562898 issued to Philippa Drummond-Achebe, cost '
     'centre 4410, limit USD 15,000.',
     ('370976379562898', 'Philippa', 'Drummond-Achebe'),
     ('Amex corporate card', 'cost centre', 'USD 15,000')),
    ('card', 'Transactions\n03/02 TESCO STORES 2231  GBP 64.20\n03/04 TFL TRAVEL CH  GBP 8.10\n'
     '03/05 PAYMENT RECEIVED - THANK YOU  GBP -400.00\n03/07 INTEREST CHARGED  GBP 18.44',
     (), ('Transactions', 'GBP 64.20', 'PAYMENT RECEIVED - THANK YOU', 'INTEREST CHARGED')),
    ('card', 'Discover card 6011 2999 0281 9905 reported lost by cardholder Aurelio Nkemelu on the '
     'phone from (512) 448-9021.',
     ('6011 2999 0281 9905', 'Aurelio', 'Nkemelu', '(512) 448-9021'),
     ('reported lost', 'cardholder')),
    # --- brokerage and pension statements ---------------------------------------------------
    ('brokerage', 'BROKERAGE ACCOUNT STATEMENT\nAccount holder: Cosima Vandenbroucke\nAccount '
     'number: 5XR-48213-07\nHoldings: VWRL 120 units, S&P 500 ETF 45 units, UK Gilt 2031\n'
     'Unrealised gain GBP 4,812.30',
     ('Cosima', 'Vandenbroucke', '5XR-48213-07'),
     ('BROKERAGE ACCOUNT STATEMENT', 'Account holder', 'Holdings', 'VWRL', 'S&P 500 ETF',
      'UK Gilt 2031', 'Unrealised gain')),
    ('brokerage', 'Roth IRA #88-410327 for Jerome Akintola-Weiss: contribution $7,000 for tax '
     'year; rollover from 401(k) pending.',
     ('88-410327', 'Jerome', 'Akintola-Weiss'),
     ('Roth IRA', 'contribution $7,000', 'rollover', '401(k) pending')),
    ('pension', 'Pension scheme member: Rowena Pilkington-Oduya\nMember no: PSN0048213\nNI number: '
     'JR 48 29 17 C\nDate of birth: 11/06/1961\nSelected retirement age: 67\nTransfer value: '
     'GBP 212,400',
     ('Rowena', 'Pilkington-Oduya', 'PSN0048213', 'JR 48 29 17 C', '11/06/1961'),
     ('Pension scheme member', 'Selected retirement age', 'Transfer value')),
    ('pension', 'SIPP drawdown request from member alasdair mcquarrie (policy SIPP-2291047), '
     'paying 25% tax-free cash into sort code 40-47-84 account 70443812.',
     ('alasdair', 'mcquarrie', 'SIPP-2291047', '70443812'),
     ('SIPP drawdown request', '25% tax-free cash')),
    # --- loan and mortgage applications -----------------------------------------------------
    ('loan', 'MORTGAGE APPLICATION\nApplicant 1: Ezekiel Marangoni\nDOB: 03/14/1981\nSSN: '
     '412-68-3907\nCurrent address: 4471 Juniper Hollow Rd, Boise, ID 83709\nEmployer: '
     'Cascade Freight LLC, gross annual income $96,400\nLoan amount requested: $385,000\n'
     'LTV 80%, 30-year fixed',
     ('Ezekiel', 'Marangoni', '03/14/1981', '412-68-3907', '4471 Juniper Hollow Rd', '83709'),
     ('MORTGAGE APPLICATION', 'Applicant 1', 'Current address', 'gross annual income',
      'Loan amount requested', 'LTV 80%', '30-year fixed')),
    ('loan', 'Co-borrower: Priyamvada Sundararajan-Kerr, SSN 529-41-7730, phone 208-555-0147, '
     'email priya.sk@lumenmail.net. Debt-to-income 34%. Credit score 742.',
     ('Priyamvada', 'Sundararajan-Kerr', '529-41-7730', '208-555-0147',
      'priya.sk@lumenmail.net'),
     ('Co-borrower', 'Debt-to-income 34%', 'Credit score 742')),
    ('loan', 'Personal loan agreement no. PL-2024-0058812 between the Lender and Mr Cathal '
     'Breathnach of 6 Ferry Lane, Galway H91 X2P4. Repayable in 60 monthly instalments at 7.9% APR.',
     ('PL-2024-0058812', 'Cathal', 'Breathnach', '6 Ferry Lane', 'H91 X2P4'),
     ('Personal loan agreement', 'Lender', 'monthly instalments', '7.9% APR')),
    ('loan', 'Underwriter note: bank statements show regular transfers from Ottoline Ferreira '
     '(applicant\'s mother), account 00417729381; gift letter required before offer.',
     ('Ottoline', 'Ferreira', '00417729381'),
     ('Underwriter note', 'bank statements', 'gift letter required')),
    ('loan', 'Auto loan #AL-7730-2291, borrower Hamish Drysdale-Oyelowo, VIN '
     '1HGCM82633A004352, lienholder: the credit union.',
     ('AL-7730-2291', 'Hamish', 'Drysdale-Oyelowo', '1HGCM82633A004352'),
     ('Auto loan', 'borrower', 'lienholder')),
    # --- KYC onboarding ---------------------------------------------------------------------
    ('kyc', 'KYC onboarding - individual\nFull name: Anastazja Wróblewska-Hart\nNationality: PL\n'
     'Passport no: EK4829173\nPESEL: 88071429571\nProof of address: utility bill dated '
     'February, ul. Ogrodowa 58/12, 00-876 Warszawa',
     ('Anastazja', 'Wróblewska-Hart', 'EK4829173', '88071429571', 'Ogrodowa 58/12', '00-876'),
     ('KYC onboarding', 'individual', 'Nationality: PL', 'Proof of address', 'utility bill')),
    ('kyc', 'ID&V passed: UK driving licence OKAFO857143CN9AB, name Chinwe Okafor, address '
     '29 Wellesley Gardens, Reading RG1 8LE. Council tax bill seen.',
     ('OKAFO857143CN9AB', 'Chinwe', 'Okafor', '29 Wellesley Gardens', 'RG1 8LE'),
     ('ID&V passed', 'UK driving licence', 'Council tax bill seen')),
    ('kyc', 'Customer due diligence: Lorenzo Bianchi-Marras, codice fiscale BNCMRA85T10A944I, '
     'carta d\'identità CA48213KQ, residente in Via Garibaldi 14, 10122 Torino.',
     ('Lorenzo', 'Bianchi-Marras', 'BNCMRA85T10A944I', 'CA48213KQ', 'Via Garibaldi 14', '10122'),
     ('Customer due diligence', 'codice fiscale')),
    ('kyc', 'Onboarding checklist: passport (Canada) AB482913, SIN 561 290 743, name Marie-Claude '
     'Tremblay-Nguyen, DOB 1990-07-22, PEP screening: no match, sanctions screening: clear.',
     ('AB482913', '561 290 743', 'Marie-Claude', 'Tremblay-Nguyen', '1990-07-22'),
     ('Onboarding checklist', 'PEP screening: no match', 'sanctions screening: clear')),
    ('kyc', 'New account KYC: Spanish DNI 47291836H, NIE of spouse Y3535324P, names Álvaro '
     'Echeverría Goñi and Oksana Melnyk. Source of funds: sale of property.',
     ('47291836H', 'Y3535324P', 'Álvaro', 'Echeverría', 'Oksana', 'Melnyk'),
     ('New account KYC', 'Source of funds', 'sale of property')),
    ('kyc', 'Verified via Aadhaar 9286 8850 7765 and PAN BKRPS4821L: Saurabh Kulkarni-Deo, '
     'mobile +91 98201 44873.',
     ('9286 8850 7765', 'BKRPS4821L', 'Saurabh', 'Kulkarni-Deo', '98201 44873'),
     ('Verified via',)),
    ('kyc', 'Dutch applicant Maarten Zwiers, BSN 921000911, rijbewijs 5012847391, woonachtig '
     'Keizersgracht 301-II, 1016 ED Amsterdam.',
     ('Maarten', 'Zwiers', '921000911', '5012847391', 'Keizersgracht 301-II', '1016 ED'),
     ('Dutch applicant',)),
    ('kyc', 'US customer: passport 568214739, California driver license D4829173, DOB '
     '05/30/1987, name Bellamy Oyeniran-Cho.',
     ('568214739', 'D4829173', '05/30/1987', 'Bellamy', 'Oyeniran-Cho'),
     ('US customer',)),
    ('kyc', 'Reisepass C01X00T47 und Personalausweis L01XK8R42 geprüft für Friederike '
     'Hollenbach-Şahin, geb. 12.09.1979.',
     ('C01X00T47', 'L01XK8R42', 'Friederike', 'Hollenbach-Şahin', '12.09.1979'),
     ('Reisepass', 'Personalausweis')),
    ('kyc', 'French client: passeport 19AV48213, Madame Ségolène Aubertin-Diallo, 14 rue des '
     'Lilas, 69003 Lyon, IBAN FR5130003012340001234567819.',
     ('19AV48213', 'Ségolène', 'Aubertin-Diallo', '14 rue des Lilas', '69003',
      'FR5130003012340001234567819'),
     ('French client',)),
    # --- AML and suspicious activity --------------------------------------------------------
    ('aml', 'SAR narrative: Between January and March the subject, Vadim Chernykh-Osei, made 14 '
     'cash deposits of $9,500 to $9,900 into account 4410028813 at three branches, consistent '
     'with structuring below the $10,000 CTR threshold. Funds were wired to Teodora Vasilescu '
     'at IBAN LT551000011101001099.',
     ('Vadim', 'Chernykh-Osei', '4410028813', 'Teodora', 'Vasilescu', 'LT551000011101001099'),
     ('SAR narrative', 'cash deposits', 'structuring', 'CTR threshold')),
    ('aml', 'Transaction monitoring alert TM-88213: rapid movement of funds. Customer Jolyon '
     'Abernethy-Kwarteng (CIF 00728814) received GBP 48,000 from unrelated third parties and '
     'sent it on within 24 hours. Escalated to MLRO.',
     ('Jolyon', 'Abernethy-Kwarteng', '00728814'),
     ('Transaction monitoring alert', 'rapid movement of funds', 'unrelated third parties',
      'Escalated to MLRO')),
    ('aml', 'Adverse media hit on UBO Radomir Stojković (DOB 1964-11-03), 40% shareholder; '
     'enhanced due diligence required. Nominee director: Efua Asantewaa-Mills.',
     ('Radomir', 'Stojković', '1964-11-03', 'Efua', 'Asantewaa-Mills'),
     ('Adverse media hit', 'UBO', 'enhanced due diligence', 'Nominee director')),
    ('aml', 'smurfing pattern: deposits by lucasz brzezinski, mihaela popescu and tomas '
     'varga into the same account 6620481177.',
     ('lucasz', 'brzezinski', 'mihaela', 'popescu', 'varga', '6620481177'),
     ('smurfing pattern',)),
    # --- payroll CSV ------------------------------------------------------------------------
    ('payroll', 'employee_id,first_name,last_name,ssn,routing,account,gross_pay,net_pay\n'
     'E10442,Wendell,Arbuthnot,287-55-1946,316115663,882041759320,4250.00,3188.40\n'
     'E10443,Consolata,Mwangi-Reyes,412-70-8815,059504683,551903847,3900.00,2977.12',
     ('Wendell', 'Arbuthnot', '287-55-1946', '882041759320', 'Consolata', 'Mwangi-Reyes',
      '412-70-8815', '551903847'),
     ('employee_id', 'first_name', 'last_name', 'gross_pay', 'net_pay', '4250.00')),
    ('payroll', 'Payroll ID;Name;NI number;Tax code;Sort code;Account\n'
     '00417;Ffion Llewellyn-Parry;SK 73 91 84 B;1257L;20-45-77;41829067\n'
     '00418;Rufus Oyelaran;NW739184A;BR;30-96-37;12345678',
     ('Ffion', 'Llewellyn-Parry', 'SK 73 91 84 B', '41829067', 'Rufus', 'Oyelaran',
      'NW739184A', '12345678'),
     ('Payroll ID', 'NI number', 'Tax code', '1257L', 'Sort code')),
    ('payroll', 'Pay slip March\nEmployee: Dagny Halvorsen-Pike   Employee no: 7730\nNI No: '
     'JT 82 41 90 D   Tax code: 1257L\nBasic pay 3,500.00  PAYE 412.60  NIC 198.33  Pension 175.00',
     ('Dagny', 'Halvorsen-Pike', 'JT 82 41 90 D'),
     ('Pay slip', 'Basic pay', 'PAYE', 'NIC', 'Pension')),
    # --- US tax forms -----------------------------------------------------------------------
    ('tax_us', 'Form W-2 Wage and Tax Statement\na Employee\'s social security number '
     '412-68-3907\nb Employer identification number (EIN) 47-3829104\ne Employee\'s first name '
     'and initial Sunniva K Abernathy-Rao\nf Employee\'s address 910 Larkspur Ct, Apt 3, '
     'Denver CO 80220\n1 Wages, tips, other compensation 84250.00\n2 Federal income tax '
     'withheld 11204.55',
     ('412-68-3907', 'Sunniva', 'Abernathy-Rao', '910 Larkspur Ct', '80220'),
     ('Form W-2 Wage and Tax Statement', "Employee's social security number",
      'Employer identification number', 'Wages, tips, other compensation',
      'Federal income tax withheld')),
    ('tax_us', 'Form W-9: Name: Thaddeus R. Quimby; Business name: Quimby Handyman Services; '
     'Federal tax classification: Individual/sole proprietor; Address: 77 Sycamore Bend, '
     'Lexington KY 40502; TIN: SSN 529-41-7730.',
     ('Thaddeus', 'Quimby', '77 Sycamore Bend', '40502', '529-41-7730'),
     ('Form W-9', 'Federal tax classification', 'Individual/sole proprietor')),
    ('tax_us', '1099-NEC\nPAYER\'S TIN 82-1937465\nRECIPIENT\'S TIN 912-78-4431\nRECIPIENT\'S name '
     'Graciela Montoya-Llanes\nStreet address 4420 Paseo del Norte #12\nCity, state, ZIP '
     'Albuquerque NM 87113\n1 Nonemployee compensation 18400.00',
     ('912-78-4431', 'Graciela', 'Montoya-Llanes', '4420 Paseo del Norte', '87113'),
     ('1099-NEC', "PAYER'S TIN", "RECIPIENT'S TIN", 'Nonemployee compensation')),
    ('tax_us', 'my ITIN is 987 83 2019 and my wifes SSN 287 55 1946, we file married filing '
     'jointly, can we claim the child tax credit for our son Mateo?',
     ('987 83 2019', '287 55 1946', 'Mateo'),
     ('married filing jointly', 'child tax credit')),
    ('tax_us', '1099-INT: Recipient Ottilie Grunwald, account number 7730-0192-4418, interest '
     'income 412.18, federal income tax withheld 0.00.',
     ('Ottilie', 'Grunwald', '7730-0192-4418'),
     ('1099-INT', 'interest income', 'federal income tax withheld')),
    ('tax_us', 'EIN for the sole prop is 47-3829104, owner Duarte Figueira, business address '
     '1208 Magnolia Ave, Long Beach CA 90813.',
     ('47-3829104', 'Duarte', 'Figueira', '1208 Magnolia Ave', '90813'),
     ('sole prop', 'business address')),
    # --- UK tax -----------------------------------------------------------------------------
    ('tax_uk', 'Self Assessment: UTR 3554365617, NI number NW 73 91 84 A, taxpayer Isadora '
     'Penhaligon, 3 Trewarren Close, Truro TR1 2QX. Payment on account due 31 January.',
     ('3554365617', 'NW 73 91 84 A', 'Isadora', 'Penhaligon', '3 Trewarren Close', 'TR1 2QX'),
     ('Self Assessment', 'Payment on account', 'January')),
    ('tax_uk', 'HMRC letter for Mr Gethin Pryce-Adebayo, Unique Taxpayer Reference 80809 56986: '
     'your tax code for this year is 1185L.',
     ('Gethin', 'Pryce-Adebayo', '80809 56986'),
     ('HMRC letter', 'Unique Taxpayer Reference', 'tax code', '1185L')),
    ('tax_uk', 'Pay HMRC by Faster Payments to sort code 08-32-10 account 12001039, reference '
     '3554365617K (your UTR plus K).',
     ('3554365617K',),
     ('Faster Payments', 'sort code 08-32-10', 'account 12001039', 'your UTR plus K')),
    ('tax_uk', 'P60 End of Year Certificate\nEmployee\'s surname: MACAULAY-ODIA\nForenames: '
     'Keturah Joan\nNational Insurance number: JR482917C\nPay in this employment 38,410.00\n'
     'Tax deducted 5,122.20',
     ('MACAULAY-ODIA', 'Keturah', 'JR482917C'),
     ('P60 End of Year Certificate', "Employee's surname", 'Forenames',
      'National Insurance number', 'Pay in this employment', 'Tax deducted')),
    ('tax_uk', 'Irish PPSN 5160714G for Niamh Ó Súilleabháin, Form 11 return, USC 4.5%.',
     ('5160714G', 'Niamh', 'Ó Súilleabháin'),
     ('Form 11 return', 'USC 4.5%')),
    # --- EU VAT and invoices ----------------------------------------------------------------
    ('invoice', 'INVOICE No. 2024-0315\nFrom: Aurelia Vasquez-Lindgren, freelance translator, '
     'Calle de Toledo 62, 28005 Madrid, NIF 47291836H\nTo: Lumbridge GmbH, USt-IdNr. '
     'DE494979450\nReverse charge: VAT to be accounted for by the recipient (Art. 196 '
     'Directive 2006/112/EC)\nNet EUR 2,400.00, VAT 0%, Total EUR 2,400.00\nPay to '
     'ES9121000418450200051332',
     ('Aurelia', 'Vasquez-Lindgren', 'Calle de Toledo 62', '28005', '47291836H',
      'ES9121000418450200051332'),
     ('INVOICE', 'freelance translator', 'USt-IdNr.', 'Reverse charge', 'Directive 2006/112/EC',
      'Net EUR 2,400.00', 'VAT 0%')),
    ('invoice', 'Fattura n. 88 - Ditta individuale Gianmarco Pellegrini, P.IVA IT21314090107, '
     'C.F. PLLGMR79C21F205L, Via Roma 3, 20121 Milano. Imponibile 1.000,00 IVA 22%.',
     ('Gianmarco', 'Pellegrini', 'IT21314090107', 'PLLGMR79C21F205L', 'Via Roma 3', '20121'),
     ('Fattura', 'Ditta individuale', 'Imponibile', 'IVA 22%')),
    ('invoice', 'VAT Reg No: GB 165 9843 19 (sole trader Bartholomew Nwosu-Kirk t/a BNK '
     'Plastering, 48 Cromwell Road, Hove BN3 3EE). Invoice total £1,440.00 inc VAT @ 20%.',
     ('165 9843 19', 'Bartholomew', 'Nwosu-Kirk', '48 Cromwell Road', 'BN3 3EE'),
     ('VAT Reg No', 'sole trader', 'Plastering', 'inc VAT @ 20%')),
    ('invoice', 'Facture FR67595930447 - entrepreneur individuel Jean-Baptiste Okemba, '
     'SIRET 59593044700017, 8 avenue Jean Médecin, 06000 Nice. TVA non applicable, art. 293 B '
     'du CGI.',
     ('FR67595930447', 'Jean-Baptiste', 'Okemba', '59593044700017', '8 avenue Jean Médecin',
      '06000'),
     ('Facture', 'entrepreneur individuel', 'TVA non applicable', 'art. 293 B du CGI')),
    ('invoice', 'Factuur van zzp\'er Femke de Groot-Asante, btw-id NL818594779B01, KvK 81234567, '
     'IBAN NL37ABNA0417164399, Burgemeester Reigerstraat 44, 3581 KP Utrecht.',
     ('Femke', 'de Groot-Asante', 'NL818594779B01', 'NL37ABNA0417164399',
      'Burgemeester Reigerstraat 44', '3581 KP'),
     ('Factuur',)),
    ('invoice', 'Polish contractor NIP 9415304097 (Jadwiga Szymańska-Ode, jednoosobowa '
     'działalność), faktura VAT 23%, konto PL65109010140000071219812899.',
     ('9415304097', 'Jadwiga', 'Szymańska-Ode', 'PL65109010140000071219812899'),
     ('Polish contractor', 'faktura VAT 23%')),
    ('invoice', 'Validate these EU VAT numbers in VIES for the intra-community supply: '
     'BE0715786061 (Wouter Claessens, eenmanszaak), PL0238574537 (Zofia Kaczmarek), '
     'IT22554500839 (Rocco Esposito).',
     ('BE0715786061', 'Wouter', 'Claessens', 'PL0238574537', 'Zofia', 'Kaczmarek',
      'IT22554500839', 'Rocco', 'Esposito'),
     ('EU VAT numbers', 'VIES', 'intra-community supply')),
    # --- insurance claims -------------------------------------------------------------------
    ('insurance', 'FIRST NOTICE OF LOSS\nPolicy number: HH-77301-2291\nPolicyholder: Ambrose '
     'Teixeira-Nwachukwu\nRisk address: 12 Orchard Mews, Canterbury CT1 3AZ\nPeril: Escape of '
     'water\nExcess: GBP 250\nClaim no: CLM/24/008812',
     ('HH-77301-2291', 'Ambrose', 'Teixeira-Nwachukwu', '12 Orchard Mews', 'CT1 3AZ',
      'CLM/24/008812'),
     ('FIRST NOTICE OF LOSS', 'Risk address', 'Peril: Escape of water', 'Excess: GBP 250')),
    ('insurance', 'Life claim: insured life Wilhelmus Verhoeven deceased; beneficiary Anouk '
     'Verhoeven-Baptiste (daughter) to be paid to IBAN NL92RABO0312765490. Policy L-4482913.',
     ('Wilhelmus', 'Verhoeven', 'Anouk', 'Verhoeven-Baptiste', 'NL92RABO0312765490',
      'L-4482913'),
     ('Life claim', 'insured life', 'beneficiary')),
    ('insurance', 'Subrogation: our insured (policy AU-99812-TX) was rear-ended by Cletus '
     'Hargreave-Mbeki, driver licence TX 38291746, whose carrier denies liability.',
     ('AU-99812-TX', 'Cletus', 'Hargreave-Mbeki', '38291746'),
     ('Subrogation', 'rear-ended', 'denies liability')),
    ('insurance', 'Travel insurance claim from Parveen Chowdhury-Ellis, policy TRV-2024-118830, '
     'medical expenses in Lisbon EUR 1,870, passport 129846375.',
     ('Parveen', 'Chowdhury-Ellis', 'TRV-2024-118830', '129846375'),
     ('Travel insurance claim', 'medical expenses', 'EUR 1,870')),
    ('insurance', 'Claim handler notes: Spoke to policyholder mrs ngaire tapsell, confirmed '
     'bank details sort code 30-96-37 acc 63884102 for the settlement of £4,200.',
     ('ngaire', 'tapsell', '63884102'),
     ('Claim handler notes', 'policyholder', 'bank details', 'settlement')),
    # --- crypto exchange tickets ------------------------------------------------------------
    ('crypto', 'Ticket #44821: withdrawal stuck. User UID 77301882, email '
     'kwesi.appiah-dunn@fastmail.com, sent 0.42 BTC to bc1qhkfj9cxdtzcj3ksqrd4jedrjt0ryaxlv07wugx, '
     'txid 2f098d097ee8705d4fa07999ca788df19ae30a1e72c5a7fb4c4343b6b4e71403.',
     ('77301882', 'kwesi.appiah-dunn@fastmail.com', 'bc1qhkfj9cxdtzcj3ksqrd4jedrjt0ryaxlv07wugx'),
     ('withdrawal stuck', '0.42 BTC')),
    ('crypto', 'KYC Tier 2 upgrade for Svetlana Oduya-Marsh: deposit address '
     '0x3a48c87c52201c68300988a732958a350c4608b1 (ERC-20 USDT), legacy BTC address '
     '1wv5ZWPwSZ27AnsWmW9kQG3HM5gcEKGe4.',
     ('Svetlana', 'Oduya-Marsh', '0x3a48c87c52201c68300988a732958a350c4608b1',
      '1wv5ZWPwSZ27AnsWmW9kQG3HM5gcEKGe4'),
     ('KYC Tier 2 upgrade', 'ERC-20 USDT', 'legacy BTC address')),
    ('crypto', 'customer says: hi my account is locked, username satoshi_hodler88, registered '
     'phone +44 7700 900418, I need to sell my ETH before the merge',
     ('satoshi_hodler88', '+44 7700 900418'),
     ('account is locked', 'sell my ETH')),
    # --- words that must stay ---------------------------------------------------------------
    ('stay', 'Explain the difference between MT103, MT202 COV and pacs.008, and which fields '
     '(:50K:, :59:, :70:, :71A:) map to Dbtr, Cdtr, RmtInf and ChrgBr.',
     (), ('MT103', 'MT202 COV', 'pacs.008', ':50K:', ':59:', ':70:', ':71A:', 'Dbtr', 'Cdtr',
          'RmtInf', 'ChrgBr')),
    ('stay', 'Charges options: OUR, SHA and BEN. Currencies: USD, EUR, GBP, CHF, JPY. Settlement '
     'via TARGET2, CHAPS, Fedwire or SEPA Instant.',
     (), ('OUR, SHA and BEN', 'USD, EUR, GBP, CHF, JPY', 'TARGET2', 'CHAPS', 'Fedwire',
          'SEPA Instant')),
    ('stay', 'NACHA file layout: File Header (1), Batch Header (5), Entry Detail (6), Addenda (7), '
     'Batch Control (8), File Control (9); SEC codes PPD, CCD, WEB, TEL.',
     (), ('File Header', 'Batch Header', 'Entry Detail', 'Addenda', 'Batch Control',
          'File Control', 'SEC codes PPD, CCD, WEB, TEL')),
    ('stay', 'Summarise the W-2 boxes: Box 1 Wages, Box 2 Federal income tax withheld, Box 3 '
     'Social security wages, Box 12 code DD, and what a 1099-K or 1099-B reports.',
     (), ('Box 1 Wages', 'Box 2 Federal income tax withheld', 'Box 3 Social security wages',
          'Box 12 code DD', '1099-K', '1099-B')),
    ('stay', 'Chargeback reason codes: Visa 10.4 Other Fraud, 13.1 Merchandise Not Received; '
     'Mastercard 4853 Cardholder Dispute; Amex F29 Card Not Present.',
     (), ('Visa 10.4 Other Fraud', 'Merchandise Not Received', 'Mastercard 4853',
          'Cardholder Dispute', 'Amex F29 Card Not Present')),
    ('stay', 'AML red flags: structuring, smurfing, round-tripping, trade-based money laundering, '
     'PEP exposure, shell companies, high-risk jurisdictions (FATF grey list).',
     (), ('AML red flags', 'structuring', 'smurfing', 'round-tripping',
          'trade-based money laundering', 'PEP exposure', 'shell companies',
          'FATF grey list')),
    ('stay', 'Mortgage products: 2-year fixed 4.69%, 5-year fixed 4.29%, tracker Bank Rate + '
     '0.75%, offset, interest-only; LTV bands 60%, 75%, 90%; arrangement fee GBP 999.',
     (), ('2-year fixed 4.69%', '5-year fixed 4.29%', 'tracker Bank Rate', 'offset',
          'interest-only', 'LTV bands', 'arrangement fee GBP 999')),
    ('stay', 'Balance sheet: Cash and cash equivalents 4,812; Trade receivables 2,904; Accrued '
     'income 310; Trade payables (1,908); Deferred revenue (442); Retained earnings 6,118.',
     (), ('Cash and cash equivalents', 'Trade receivables', 'Accrued income', 'Trade payables',
          'Deferred revenue', 'Retained earnings')),
    ('stay', 'ISO 20022 message families: pain.001 Customer Credit Transfer Initiation, pacs.008 '
     'FI To FI Customer Credit Transfer, camt.053 Bank To Customer Statement, camt.056 recall.',
     (), ('pain.001', 'Customer Credit Transfer Initiation', 'pacs.008',
          'FI To FI Customer Credit Transfer', 'camt.053', 'Bank To Customer Statement',
          'camt.056')),
    ('stay', 'Pension wrappers: SIPP, ISA, Lifetime ISA, 401(k), Roth IRA, 403(b), Superannuation, '
     'RRSP; annual allowance GBP 60,000; tapered for adjusted income over GBP 260,000.',
     (), ('SIPP', 'Lifetime ISA', '401(k)', 'Roth IRA', '403(b)', 'Superannuation', 'RRSP',
          'annual allowance', 'adjusted income')),
    ('stay', 'Crypto terms: BTC, ETH, USDT on TRC-20 and ERC-20, cold wallet, seed phrase, gas fee, '
     'staking rewards, KYC Tier 1 limit USD 2,000 per day.',
     (), ('BTC', 'ETH', 'TRC-20', 'ERC-20', 'cold wallet', 'seed phrase', 'gas fee',
          'staking rewards', 'KYC Tier 1')),
    ('stay', 'Insurance glossary: Policyholder, Insured, Beneficiary, Excess, Deductible, '
     'Subrogation, Loss Adjuster, No Claims Discount, Escape of Water, Accidental Damage.',
     (), ('Policyholder', 'Insured', 'Beneficiary', 'Excess', 'Deductible', 'Subrogation',
          'Loss Adjuster', 'No Claims Discount', 'Escape of Water', 'Accidental Damage')),
    ('stay', 'UK tax basics: Personal Allowance, Basic Rate 20%, Higher Rate 40%, Additional '
     'Rate 45%, Class 2 and Class 4 NICs, Payments on Account, Marriage Allowance.',
     (), ('Personal Allowance', 'Basic Rate 20%', 'Higher Rate 40%', 'Additional Rate 45%',
          'Class 2 and Class 4 NICs', 'Payments on Account', 'Marriage Allowance')),
    ('stay', 'KYC documents accepted: Passport, Driving Licence, National Identity Card, '
     'Residence Permit; proof of address: Utility Bill, Bank Statement, Council Tax Bill.',
     (), ('KYC documents accepted', 'Passport', 'Driving Licence', 'National Identity Card',
          'Residence Permit', 'Utility Bill', 'Bank Statement', 'Council Tax Bill')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
