"""The forty-first round's second probe prompts: machine formats and professional documents that
hospitals, banks and law firms paste whole — HL7 v2, FHIR, DICOM, CDA, SWIFT MT103/MT940,
ISO 20022, NACHA, statements, MICR, SEPA mandates, KYC and loan forms, vCard/iCal/LDIF,
passwd/shadow, git/npm metadata, Docker/Kubernetes/cloud secrets, SQL dumps, test fixtures,
DataFrame and spreadsheet pastes, court and police documents, HR reviews, CVs, immigration
forms and MRZ lines, vehicle and telecom records, GPS traces, GEDCOM, PNRs, e-prescriptions
and lab reports. Each with the values that must not go upstream whole and the prompt's own
words that must stay. Counts both with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s71b/leak_probes_s71b.py \
        learned|spacy [--show]

All values are made up; checksums are valid where the id has one (Luhn cards, IMEI, ICCID and
NPI; IBAN mod-97 and the French RIB key; VIN check digit; NHS number mod-11; DEA; Greek AFM;
passport MRZ check digits). The lists were first cut to a few values a prompt; after the first
run eighteen of the cut values seen going upstream whole (an HL7 IN1 insured's name, a DICOM
PatientID, ZIPs in CDA and NCPDP XML, a NACHA account, an ACH IND ID, an NHS number in a COPY
row, a PNR's locator and DOCS birth date, a SIM PUK, an NMEA longitude, a lab number, ...) were
put back, and labels seen masked were added to the words that must stay.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- HL7 v2 messages -----------------------------------------------------------------------
    ('hl7', 'Why does this ADT fail validation?\n'
     'MSH|^~\\&|EPIC|STMARYS|LAB|STMARYS|20240612083015||ADT^A01|MSG00417|P|2.5.1\n'
     'PID|1||MRN4471902^^^STMARYS^MR||QUILLFEATHER^BRONWEN^ELSPETH||19620914|F'
     '|||42 Gallowgate^^Newcastle upon Tyne^^NE1 4SN^GBR||0191 496 0217\n'
     'PV1|1|I|WARD7^B12^01||||C4412^HARGREAVE^CORNELIUS^^^DR|||MED',
     ('QUILLFEATHER', 'BRONWEN', '42 Gallowgate', 'NE1 4SN', 'HARGREAVE'),
     ('ADT^A01', 'validation')),
    ('hl7', 'PID|1||5520913^^^MGH^MR||TREMBLAY^GENEVIEVE^M||19710504|F||2106-3|88 '
     'Brattle St^Apt 2^Cambridge^MA^02138||(617)555-0176|||M||400882913|031-44-7729|\n'
     'NK1|1|TREMBLAY^LUCIEN^^|SPO||(617)555-0193\n'
     'IN1|1|BCBS001|60054|BLUE CROSS BLUE SHIELD '
     'MA||||GRP4471-02|||||||||TREMBLAY^LUCIEN|01|19690227|||||||||||||||||||X'
     'OF882913417',
     ('GENEVIEVE', '88 Brattle St', '031-44-7729', 'XOF882913417', 'LUCIEN'),
     ('BLUE CROSS BLUE SHIELD MA',)),
    # --- FHIR resources ------------------------------------------------------------------------
    ('fhir', '{"resourceType":"Patient","id":"pat-88213","identifier":[{"system":"http'
     's://fhir.nhs.uk/Id/nhs-number","value":"7213495062"}],"name":[{"use":"of'
     'ficial","family":"Achterberg-Nwosu","given":["Philomena","Grace"]}],"tel'
     'ecom":[{"system":"phone","value":"07700 '
     '900733","use":"mobile"},{"system":"email","value":"philomena.an@example.'
     'co.uk"}],"gender":"female","birthDate":"1979-02-11","address":[{"line":['
     '"Flat 6","29 Marlowe Street"],"city":"Bristol","postalCode":"BS2 8QE"}]}',
     ('7213495062', 'Achterberg-Nwosu', 'Philomena', '29 Marlowe Street', 'BS2 8QE'),
     ('"resourceType":"Patient"', '"use":"official"')),
    ('fhir', '{\n'
     '  "resourceType": "Patient",\n'
     '  "identifier": [\n'
     '    {\n'
     '      "system": "http://hl7.org/fhir/sid/us-ssn",\n'
     '      "value": "518-40-2276"\n'
     '    }\n'
     '  ],\n'
     '  "name": [\n'
     '    {\n'
     '      "family": "Okonjo-Barrett",\n'
     '      "given": [\n'
     '        "Ezekiel"\n'
     '      ]\n'
     '    }\n'
     '  ],\n'
     '  "contact": [\n'
     '    {\n'
     '      "relationship": [{"text": "mother"}],\n'
     '      "name": {"text": "Ifeoma Okonjo"},\n'
     '      "telecom": [{"system": "phone", "value": "(503) 555-0148"}]\n'
     '    }\n'
     '  ]\n'
     '}',
     ('518-40-2276', 'Okonjo-Barrett', 'Ezekiel', 'Ifeoma'),
     ('"relationship"', 'mother')),
    # --- DICOM headers and CDA -----------------------------------------------------------------
    ('dicom', 'dcmdump output, the PACS rejects it:\n'
     '(0008,1030) LO [CT CHEST W CONTRAST]                   #  20, 1 StudyDescription\n'
     '(0010,0010) PN [PELLINGHAM^ROSAMUND^^^]                #  22, 1 PatientName\n'
     '(0010,0020) LO [NGH0042871]                            #  10, 1 PatientID\n'
     '(0010,0030) DA [19580712]                              #   8, 1 PatientBirthDate\n'
     '(0010,1040) LO [3 Aldermoor Way, Southampton SO16 5LL] #  36, 1 PatientAddress',
     ('PELLINGHAM', 'ROSAMUND', '19580712', '3 Aldermoor Way', 'NGH0042871'),
     ('CT CHEST W CONTRAST', 'PatientBirthDate')),
    ('cda', '<recordTarget><patientRole><id root="2.16.840.1.113883.19.5" '
     'extension="998877123"/><addr use="HP"><streetAddressLine>1402 Sycamore '
     'Ridge Dr</streetAddressLine><city>Knoxville</city><state>TN</state><post'
     'alCode>37919</postalCode></addr><telecom value="tel:+1-865-555-0192" '
     'use="HP"/><patient><name><given>Lavinia</given><family>Whitacre</family>'
     '</name><birthTime value="19440817"/></patient></patientRole></recordTarget>',
     ('1402 Sycamore Ridge Dr', 'Lavinia', 'Whitacre', '19440817', '37919'),
     ('<recordTarget>',)),
    # --- payments: SWIFT, ISO 20022, NACHA, statements, cheques, SEPA, card switch logs --------
    ('swift', '{1:F01BARCGB22AXXX0000000000}{2:I103DEUTDEFFXXXXN}{4:\n'
     ':20:INV2024-06-0187\n'
     ':23B:CRED\n'
     ':32A:240612EUR18450,00\n'
     ':50F:/GB42LOYD30963418820574\n'
     '1/PEREGRINE ASHCOMBE-HOLT\n'
     '2/14 KINGSMEAD SQUARE\n'
     '3/GB/BATH BA1 2AB\n'
     ':59:/DE30370400440248120573\n'
     'WALBURGA EICHENDORFF\n'
     'LINDENSTRASSE 88\n'
     '50674 KOELN\n'
     ':70:INVOICE 2024-117 CONSULTING\n'
     ':71A:SHA\n'
     '-}',
     ('PEREGRINE', 'ASHCOMBE-HOLT', '14 KINGSMEAD SQUARE', 'WALBURGA', 'EICHENDORFF'),
     (':71A:SHA', 'CONSULTING')),
    ('swift', "MT940 lines we can't reconcile:\n"
     ':61:2406120612D950,00NTRFNONREF//RENT\n'
     ':86:/NAME/HORATIA BLENKINSOP/IBAN/GB84BARC20035583774412/REMI/RENT JUNE FLAT 2\n'
     ':61:2406130613C2840,00NTRFNONREF\n'
     ':86:/NAME/OSWIN TREGARTHEN/REMI/SALARY',
     ('HORATIA', 'BLENKINSOP', 'OSWIN', 'TREGARTHEN'),
     ('reconcile', 'SALARY')),
    ('iso20022', '<CdtTrfTxInf><PmtId><EndToEndId>E2E-20240612-00931</EndToEndId></PmtId><'
     'Amt><InstdAmt Ccy="EUR">2750.00</InstdAmt></Amt><CdtrAgt><FinInstnId><BI'
     'C>RABONL2U</BIC></FinInstnId></CdtrAgt><Cdtr><Nm>Maarten '
     'Wijnbergen</Nm><PstlAdr><StrtNm>Tweede '
     'Helmersstraat</StrtNm><BldgNb>47</BldgNb><PstCd>1054 '
     'CK</PstCd><TwnNm>Amsterdam</TwnNm></PstlAdr></Cdtr><CdtrAcct><Id><IBAN>N'
     'L77RABO0318842907</IBAN></Id></CdtrAcct><RmtInf><Ustrd>Huur '
     'juni</Ustrd></RmtInf></CdtTrfTxInf>',
     ('Maarten', 'Wijnbergen', 'Tweede Helmersstraat', '1054 CK'),
     ('<InstdAmt', 'Huur juni', '<Amt>', '</Nm>', 'Ccy=')),
    ('iso20022', 'pacs.008 rejected with RR04, here is the debtor part:\n'
     '<Dbtr>\n'
     '  <Nm>Fenna Oosterhuis-de Boer</Nm>\n'
     '  <PstlAdr><AdrLine>Zeestraat 112</AdrLine><AdrLine>2518 AB Den '
     'Haag</AdrLine></PstlAdr>\n'
     '  <Id><PrvtId><DtAndPlcOfBirth><BirthDt>1983-05-09</BirthDt><CityOfBirth'
     '>Zwolle</CityOfBirth><CtryOfBirth>NL</CtryOfBirth></DtAndPlcOfBirth></Pr'
     'vtId></Id>\n'
     '</Dbtr>\n'
     '<DbtrAcct><Id><IBAN>DE89100700000618834290</IBAN></Id></DbtrAcct>',
     ('Fenna', 'Oosterhuis-de Boer', 'Zeestraat 112', '1983-05-09', '2518 AB'),
     ('rejected with RR04', '<BirthDt>', '</Nm>', '</Dbtr>')),
    ('nacha', 'Our bank bounced this PPD batch, what is wrong with the entry detail records?\n'
     '5220ACME PAYROLL LLC                    1234567890PPDPAYROLL   240614   '
     '1021000020000001\n'
     '622071000013000847291956     0000184255EMP00417       DESHAWN PETTIGREW     '
     '  0021000020000001\n'
     '622122000661441290088371     0000215090EMP00418       MARISELA QUINTANILLA  '
     '  0021000020000002',
     ('000847291956', 'DESHAWN', 'PETTIGREW', 'QUINTANILLA', '441290088371'),
     ('entry detail records', 'PPD batch')),
    ('statement', 'Date,Description,Amount,Balance\n'
     '03/06/2024,FASTER PAYMENT TO MRS O ADEYEMI-PRICE REF RENT JUNE,-950.00,2114.37\n'
     '04/06/2024,CARD 4532 **** **** 0366 TESCO STORES 2291,-42.17,2072.20\n'
     '05/06/2024,BGC FROM HOLLOWAY T SALARY,2840.00,4912.20\n'
     '06/06/2024,DD HMRC SELF ASSESS UTR 4471903826,-1200.00,3712.20\n'
     '07/06/2024,STO TO 20-45-77 53108874 SAVINGS,-200.00,3512.20',
     ('ADEYEMI-PRICE', 'HOLLOWAY', '4471903826', '53108874'),
     ('Date,Description,Amount,Balance', 'TESCO STORES')),
    ('statement', '06/10 ZELLE PAYMENT TO KWAME ASANTE-BOATENG CONF# RTX8810293 -400.00\n'
     '06/11 ORIG CO NAME:GEICO ORIG ID:9050106108 DESC DATE:240611 CO ENTRY '
     'DESCR:AUTO PMT SEC:PPD TRACE#:021000028812213 EED:240611 IND ID:4471882913 '
     'IND NAME:VASQUEZ LORETTA TRN: 1632812213TC -187.44\n'
     'categorise these for my budget',
     ('KWAME', 'ASANTE-BOATENG', 'VASQUEZ', 'LORETTA', '4471882913'),
     ('categorise these', 'GEICO')),
    ('cheque', 'Scanned cheque, OCR came out as:\n'
     'LEONORA K. FAIRCLOTH\n'
     '611 Birchwood Ln\n'
     'Savannah, GA 31405\n'
     'PAY TO THE ORDER OF Ignatius Pembroke-Hale  $1,250.00\n'
     'MEMO: retainer\n'
     '⑈004417⑈ ⑆061000104⑆ 483920017⑈',
     ('FAIRCLOTH', '611 Birchwood Ln', 'Pembroke-Hale', '483920017', 'LEONORA'),
     ('PAY TO THE ORDER OF', 'retainer')),
    ('sepa', 'SEPA-Lastschriftmandat\n'
     'Gläubiger-Identifikationsnummer: DE98ZZZ09999999999\n'
     'Mandatsreferenz: MND-2024-004471\n'
     'Kontoinhaber: Ottokar Wendelstein-Brüggemann\n'
     'Straße: Gustav-Freytag-Str. 19\n'
     'PLZ/Ort: 04277 Leipzig\n'
     'IBAN: DE80200411330772391845\n'
     'Leipzig, 12.06.2024  Unterschrift',
     ('MND-2024-004471', 'Ottokar', 'Wendelstein-Brüggemann', 'Gustav-Freytag-Str. 19'),
     ('Gläubiger-Identifikationsnummer', 'Unterschrift')),
    ('card', 'auth log from the switch, why declined?\n'
     'MTI=0100 DE2=5521830047152912 DE4=000000004217 DE14=2708 '
     'DE35=5521830047152912=27082011000012340000 DE39=05 DE43=TESCO STORES 2291 '
     'LONDON GB',
     ('5521830047152912', '27082011000012340000'),
     ('why declined', 'DE39=05')),
    # --- onboarding and loan forms -------------------------------------------------------------
    ('kyc', 'CUSTOMER DUE DILIGENCE — Individual\n'
     'Full legal name: Anastasios Papadimitriou-Lowe\n'
     'Date of birth: 23/11/1981  Place of birth: Thessaloniki\n'
     'Passport no.: 541882907 (exp 14/02/2031)\n'
     'Residential address: 7 Wellington Mews, London SE22 8DA\n'
     'Tax ID (GR AFM): 098765430\n'
     'Source of wealth: sale of business  PEP: No',
     ('Anastasios', 'Papadimitriou-Lowe', '541882907', '098765430'),
     ('Source of wealth', 'PEP: No')),
    ('loan', 'Uniform Residential Loan Application\n'
     'Borrower Name: Thaddeus R. Montgomery-Ojo\n'
     'SSN: 523-81-4406  DOB: 07/22/1977\n'
     'Current Address: 3318 Wren Hollow Ct, Plano, TX 75025 (Own, 6 yrs)\n'
     'Co-Borrower: Marguerite Montgomery-Ojo, SSN 523-90-1187\n'
     'Assets: Fidelity 401(k) acct Z44-182093, gross monthly income $11,240',
     ('Thaddeus', 'Montgomery-Ojo', '523-81-4406', '3318 Wren Hollow Ct'),
     ('gross monthly income', 'Co-Borrower', 'Assets:')),
    # --- contacts, calendars, directories, accounts, package metadata --------------------------
    ('vcard', 'BEGIN:VCARD\n'
     'VERSION:4.0\n'
     'FN:Dr. Cassius Ambrose-Okafor\n'
     'N:Ambrose-Okafor;Cassius;;Dr.;\n'
     'TEL;TYPE=cell:+1-412-555-0163\n'
     'EMAIL;TYPE=home:cassius.ao@example.net\n'
     'ADR;TYPE=home:;;5801 Forbes Ave Apt 3;Pittsburgh;PA;15217;USA\n'
     'BDAY:19740309\n'
     'END:VCARD',
     ('Cassius', 'Ambrose-Okafor', '5801 Forbes Ave', '19740309'),
     ('BEGIN:VCARD',)),
    ('ical', 'BEGIN:VEVENT\n'
     'DTSTART:20240618T090000Z\n'
     'SUMMARY:Home visit - wound dressing\n'
     'ORGANIZER:mailto:district.nurses@example.nhs.uk\n'
     'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ezinne.chukwu@example.com\n'
     'LOCATION:19 Poplar Grove\\, Salford M6 8JT\n'
     'DESCRIPTION:Patient Mr Wilfred Ashdown\\, NHS 8362519479\\, key safe code 7291\n'
     'END:VEVENT',
     ('19 Poplar Grove', 'Wilfred', 'Ashdown', '8362519479', '7291'),
     ('wound dressing', 'DTSTART')),
    ('ldif', 'dn: uid=rvanderlinde,ou=people,dc=lawfirm,dc=example\n'
     'objectClass: inetOrgPerson\n'
     'uid: rvanderlinde\n'
     'cn: Reinier van der Linde\n'
     'givenName: Reinier\n'
     'sn: van der Linde\n'
     'mail: r.vanderlinde@lawfirm.example\n'
     'mobile: +31 6 4188 2730\n'
     'userPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9gkZ1Qx',
     ('rvanderlinde', 'Reinier', 'Linde', 'W6ph5Mm5Pz8GgiULbPgzG37mj9gkZ1Qx'),
     ('objectClass: inetOrgPerson',)),
    ('passwd', "$ grep -E 'dkowalewska|tobiasf' /etc/passwd /etc/shadow\n"
     '/etc/passwd:dkowalewska:x:1004:1004:Dorota Kowalewska,Room 4.12,+48 22 555 '
     '0177,:/home/dkowalewska:/bin/bash\n'
     '/etc/passwd:tobiasf:x:1005:1005:Tobias Fennimore,,,:/home/tobiasf:/bin/zsh\n'
     '/etc/shadow:dkowalewska:$6$Xq8rT2vB$kP9zL1mN3oQ5sU7wY9aC1eG3iK5mO7qS9uW1'
     'yA3cE5gI7kM9oQ1sU3wY5aC7e:19876:0:99999:7:::',
     ('dkowalewska', 'Kowalewska', 'Fennimore',
       'kP9zL1mN3oQ5sU7wY9aC1eG3iK5mO7qS9uW1yA3cE5gI7kM9oQ1sU3wY5aC7e'),
     ('/bin/bash',)),
    ('npm', '{\n'
     '  "name": "clinic-portal",\n'
     '  "version": "2.4.1",\n'
     '  "author": "Marisol Etxeberria <marisol.etx@example.io> '
     '(https://github.com/msetxe)",\n'
     '  "contributors": [{"name": "Kofi Asamoah-Lindgren", "email": '
     '"kofi.al@example.io"}],\n'
     '  "license": "MIT"\n'
     '}',
     ('Marisol', 'Etxeberria', 'Kofi', 'Asamoah-Lindgren'),
     ('"license": "MIT"', 'clinic-portal')),
    # --- secrets in build and deploy files -----------------------------------------------------
    ('secrets', 'FROM python:3.12-slim\n'
     'ENV DJANGO_SECRET_KEY=9x!f2k#pq7@w8z$r4t^v6m*c1n&b3h5j\n'
     'ENV STRIPE_SECRET_KEY=sk_live_51Hx8QpLk2JvT9wRzN4mYb7Cd\n'
     'ARG NPM_TOKEN=npm_Vq7Rz2Kp9Lm4Xw8Tn3Bc6Hd1Fg5Js0Ya2Ue\n'
     'RUN pip install -r requirements.txt',
     ('9x!f2k#pq7@w8z$r4t^v6m*c1n&b3h5j', 'sk_live_51Hx8QpLk2JvT9wRzN4mYb7Cd',
       'npm_Vq7Rz2Kp9Lm4Xw8Tn3Bc6Hd1Fg5Js0Ya2Ue'),
     ('FROM python:3.12-slim', 'pip install', 'RUN pip install')),
    ('secrets', 'services:\n'
     '  api:\n'
     '    environment:\n'
     '      - SMTP_PASSWORD=SG.x7Kp2QmR9vT4wL8n.Zb3Yc6Hd1Fg5Js0Ua2Ve7Xq9Rk4Tm8Wp3Ln6Bc\n'
     '      - ADMIN_EMAIL=ottoline.haverford@example.com\n'
     '      - MINIO_ROOT_PASSWORD=quartz-Lantern-4471\n'
     '      - JWT_SECRET=c3VwZXJzZWNyZXRqd3RrZXlmb3JjbGluaWM',
     ('Zb3Yc6Hd1Fg5Js0Ua2Ve7Xq9Rk4Tm8Wp3Ln6Bc', 'quartz-Lantern-4471',
       'c3VwZXJzZWNyZXRqd3RrZXlmb3JjbGluaWM'),
     ('environment:',)),
    ('secrets', 'apiVersion: v1\n'
     'kind: Secret\n'
     'metadata:\n'
     '  name: billing-db\n'
     'type: Opaque\n'
     'data:\n'
     '  username: Y2ZhaXJjaGlsZA==\n'
     '  password: VGgzLU9yY2hhcmQtNzc=\n'
     '  api-key: c2tfbGl2ZV83N2JBcTl6VHg0TXcyTHA=\n'
     'stringData:\n'
     '  smtp-password: "Orchard!Wren-2291"',
     ('Y2ZhaXJjaGlsZA==', 'VGgzLU9yY2hhcmQtNzc=', 'c2tfbGl2ZV83N2JBcTl6VHg0TXcyTHA=',
       'Orchard!Wren-2291'),
     ('kind: Secret', 'type: Opaque')),
    ('secrets', '[default]\n'
     'aws_access_key_id = AKIA4QX7RZ2MNB3KLW9P\n'
     'aws_secret_access_key = Hk3vR9pXz2Lq8Wm4Tn7Yb1Cd6Fg0Js5Ua2Ve9Xq4\n'
     'region = eu-west-2\n'
     '\n'
     '[prod-admin]\n'
     'aws_access_key_id = AKIAJ7W2PL9QXR4MZT6E\n'
     'aws_secret_access_key = q9Xv2Lp8Rz4Tm7Wn3Kb6Yd1Hf5Jc0Ga9Us2Ve4P',
     ('Hk3vR9pXz2Lq8Wm4Tn7Yb1Cd6Fg0Js5Ua2Ve9Xq4', 'q9Xv2Lp8Rz4Tm7Wn3Kb6Yd1Hf5Jc0Ga9Us2Ve4P'),
     ('region = eu-west-2',)),
    ('secrets', '{"type": "service_account", "project_id": "clinic-prod-4471", '
     '"private_key_id": "7fa97841fe7426e8ed89caff0d6e9901dd2a7a4e", '
     '"private_key": "-----BEGIN PRIVATE '
     'KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7PbHtzHlzhy'
     'dU6qSveSdXytP35mcFstFTMcGSAYdimFmLr19/TLmAMBu48PHmHdey\\n-----END PRIVATE '
     'KEY-----\\n", "client_email": '
     '"etl-runner@clinic-prod-4471.iam.gserviceaccount.com"}',
     ('7fa97841fe7426e8ed89caff0d6e9901dd2a7a4e',
       'PbHtzHlzhydU6qSveSdXytP35mcFstFTMcGSAYdimFmLr19/TLmAMBu48PHmHdey'),
     ('"type": "service_account"',)),
    # --- database dumps, test fixtures, DataFrames, spreadsheets -------------------------------
    ('sql', 'INSERT INTO `customers` VALUES '
     "(1041,'Clemency','Blackthorne','c.blackthorne@example.co.uk','07700 "
     "900281','1968-04-30','12 Tannery Lane','YO1 "
     "7HB'),(1042,'Ugochukwu','Ezeanyika','ugo.eze@example.com','07700 "
     "900934','1990-12-02','Flat 2, 5 Mill Wynd','EH1 1NZ');",
     ('Clemency', 'Blackthorne', '12 Tannery Lane', 'Ugochukwu', 'Ezeanyika', '5 Mill Wynd'),
     ('INSERT INTO `customers` VALUES',)),
    ('sql', 'COPY public.patients (id, first_name, last_name, dob, nhs_number, postcode) '
     'FROM stdin;\n'
     '88213\tRhiannon\tPenhallow\t1987-07-19\t4505577104\tTR1 2HE\n'
     '88214\tAlistair\tMcCrindle\t1952-01-08\t6341298730\tKA7 4QP\n'
     '\\.',
     ('Rhiannon', 'Penhallow', '4505577104', 'Alistair', 'McCrindle', '6341298730'),
     ('COPY public.patients',)),
    ('code', '@pytest.fixture\n'
     'def customer():\n'
     '    return Customer(\n'
     '        first_name="Evangelina",\n'
     '        last_name="Szczepańska",\n'
     '        iban="GB60MIDL40051572846193",\n'
     '        card="5123748820194434",\n'
     '        phone="+44 7700 900826",\n'
     '    )',
     ('Evangelina', 'Szczepańska', '5123748820194434', '7700 900826'),
     ('@pytest.fixture',)),
    ('code', 'const mockPatients = [\n'
     "  { id: 1, name: 'Ottilie Marchbanks', mrn: 'MRN-0048213', dob: "
     "'1961-03-15', diagnosis: 'type 2 diabetes' },\n"
     "  { id: 2, name: 'Bartholomew Achebe-Lund', mrn: 'MRN-0048214', dob: "
     "'1975-09-27', diagnosis: 'COPD' },\n"
     '];',
     ('Ottilie', 'Marchbanks', 'MRN-0048213', 'Bartholomew', 'Achebe-Lund'),
     ('type 2 diabetes', 'COPD')),
    ('dataframe', '>>> df.head(3)\n'
     '   customer_id  first_name       last_name         dob postcode             '
     '       iban\n'
     '0        10041  Wilhelmina      Achterkamp  1959-08-14  SW9 7QD  '
     'IE64BOFI90001730418826\n'
     '1        10042     Dmitrij        Kolesnyk  1988-02-29  N16 8JH  '
     'FR7630004008230001746291804\n'
     '2        10043     Sunniva  Rasmussen-Tait  1994-11-03  BN2 1TW  '
     'GB42LOYD30963418820574',
     ('Wilhelmina', 'Achterkamp', 'SW9 7QD', 'Dmitrij', 'Kolesnyk', 'Rasmussen-Tait', 'Sunniva'),
     ('customer_id', 'first_name')),
    ('excel', 'Employee\tNI Number\tSalary\tLine Manager\tReason\n'
     'Rosalind Featherby\tJK 44 72 19 C\t£41,200\tGervase Holt\tlong-term sick '
     '(depression)\n'
     'Obinna Chukwuemeka\tPW 18 90 33 A\t£38,750\tGervase Holt\tdisciplinary',
     ('Rosalind', 'Featherby', 'JK 44 72 19 C', 'Obinna', 'Chukwuemeka'),
     ('Line Manager', 'depression', 'disciplinary', 'NI Number')),
    # --- court filings and police reports ------------------------------------------------------
    ('court', 'UNITED STATES DISTRICT COURT\n'
     'NORTHERN DISTRICT OF ILLINOIS\n'
     '\n'
     'TAMSIN OYELARAN-WHITFIELD, individually and as\n'
     'next friend of her minor son,\n'
     '    Plaintiff,\n'
     'v.                                   Case No. 1:24-cv-04471\n'
     'MERIDIAN HEALTH PARTNERS, LLC, and\n'
     'DR. LUCIAN VASHCHENKO,\n'
     '    Defendants.',
     ('TAMSIN', 'OYELARAN-WHITFIELD', 'LUCIAN', 'VASHCHENKO'),
     ('Plaintiff', 'Defendants', 'NORTHERN DISTRICT OF ILLINOIS')),
    ('court', 'Date Filed | # | Docket Text\n'
     '06/03/2024 | 17 | MOTION to Seal Exhibit B (medical records of Plaintiff '
     'Rosamund Achterberg) filed by Rosamund Achterberg. (Attachments: # 1 '
     'Declaration of Dr. Ingeborg Falkenrath) (Ferreira-Lowe, Cassian) (Entered: '
     '06/03/2024)',
     ('Rosamund', 'Achterberg', 'Ingeborg', 'Falkenrath'),
     ('MOTION to Seal', 'Docket Text', 'Exhibit B')),
    ('police', 'INCIDENT REPORT  Ref: CAD 0447 12/06/24\n'
     'Victim: Marguerite Olawale-Briggs, DOB 14/02/1990, of 22 Sefton Park Road, '
     'Liverpool L8 3SL, tel 07700 900552\n'
     'Suspect: Declan Rourke-Makepeace (ex-partner), DOB 03/09/1986\n'
     'Vehicle: silver Ford Focus VRM YK19 HXP\n'
     'Details: domestic assault, victim sustained bruising to left arm.',
     ('Marguerite', 'Olawale-Briggs', '22 Sefton Park Road', 'Rourke-Makepeace', 'YK19 HXP'),
     ('domestic assault', 'bruising', 'silver Ford Focus', 'Victim:')),
    ('police', 'NARRATIVE: On 06/11/2024 at approx 2310 hrs I (Ofc. R. Delacroix #4471) '
     'responded to 4418 Magnolia Terrace Apt 12, Tulsa OK 74105 re: a '
     'disturbance. Contact was made with the RP, Jolene Whitfield-Barnes (W/F DOB '
     '05/19/1993, OK DL# D104882917), who stated her boyfriend Travis '
     'Kettleborough (W/M DOB 11/02/1989) had struck her.',
     ('4418 Magnolia Terrace', 'Jolene', 'Whitfield-Barnes', 'D104882917', 'Kettleborough'),
     ('NARRATIVE', 'disturbance', '(W/F DOB')),
    # --- HR reviews and CVs --------------------------------------------------------------------
    ('hr', 'PERFORMANCE REVIEW 2023-24 — CONFIDENTIAL\n'
     'Employee: Ngozi Adeyemi-Harrington (Emp ID E-044719)\n'
     'Manager: Fitzgerald Oduya\n'
     'Rating: 2 – Below expectations\n'
     "Comments: Ngozi's attendance has been affected by her ongoing IVF "
     'treatment; recommend PIP. Peer feedback from Saskia Lindqvist-Moreau was negative.',
     ('Ngozi', 'Adeyemi-Harrington', 'Oduya', 'Saskia', 'Lindqvist-Moreau'),
     ('Below expectations', 'IVF treatment', 'Peer feedback')),
    ('cv', 'CURRICULUM VITAE\n'
     'PERPETUA ANNAN-FAIRWEATHER\n'
     '14 Calder Rise, Huddersfield HD1 4QZ · 07700 900389 · '
     'perpetua.af@example.com · linkedin.com/in/perpetua-annan-fairweather\n'
     '\n'
     'PROFILE\n'
     "Chartered accountant (ACA) with 9 years' audit experience.\n"
     '\n'
     'REFERENCES\n'
     'Dr Marcus Ellingworth, Head of Audit, m.ellingworth@example.co.uk',
     ('PERPETUA', 'ANNAN-FAIRWEATHER', 'perpetua-annan-fairweather', 'Ellingworth'),
     ('Chartered accountant', 'PROFILE')),
    # --- immigration forms, passports and PNRs -------------------------------------------------
    ('immigration', 'Form I-485, Part 1. Information About You\n'
     '1.a. Family Name (Last Name): OKONKWO-REYES\n'
     '1.b. Given Name (First Name): CHIAMAKA\n'
     '3. Alien Registration Number (A-Number): A-218-447-190\n'
     '6. Date of Birth (mm/dd/yyyy): 08/14/1990\n'
     '19. Passport Number: A04471928\n'
     '20. Form I-94 Arrival-Departure Record Number: 94418827310\n'
     '21. U.S. Social Security Number: 611-40-2873',
     ('OKONKWO-REYES', 'CHIAMAKA', 'A-218-447-190', 'A04471928', '94418827310'),
     ('Alien Registration Number', 'Information About You', 'Passport Number',
       'Social Security Number')),
    ('immigration', 'the passport scanner returned this MRZ, is it valid?\n'
     'P<GBRWHITLOCK<<JOSEPHINE<ANNE<<<<<<<<<<<<<<<<<\n'
     '5418829070GBR8507147F3009222<<<<<<<<<<<<<<04',
     ('WHITLOCK', 'JOSEPHINE', '541882907'),
     ('MRZ', 'is it valid')),
    ('pnr', 'RP/LON1A0955/LON1A0955            AA/SU  12JUN24/0814Z   7XQ4LM\n'
     '  1.OYELOWO/BABAJIDE MR   2.OYELOWO/FUNMILAYO MRS\n'
     '  3  BA 117 J 18JUN 2 LHRJFK HK2  1125 1425\n'
     '  4 APE B.OYELOWO@EXAMPLE.COM\n'
     '  5 SSR DOCS BA HK1 P/GBR/538821774/GBR/22JUL78/M/14FEB31/OYELOWO/BABAJIDE/P1\n'
     '  6 FP CCVI4532015112830366/0827',
     ('OYELOWO', 'BABAJIDE', '538821774', '4532015112830366', 'FUNMILAYO', '7XQ4LM', '22JUL78'),
     ('LHRJFK', 'SSR DOCS')),
    # --- vehicles, telecom, location, genealogy ------------------------------------------------
    ('vehicle', 'V5C logbook details for the claim:\n'
     'Registration number: WN68 KXP\n'
     'VIN/Chassis/Frame no: 2T1BURHEXJC043821\n'
     'Registered keeper: Mr Alfred Pennington-Oyelowo, 41 Caedmon Crescent, '
     'Whitby YO21 1HJ',
     ('WN68 KXP', '2T1BURHEXJC043821', 'Pennington-Oyelowo', '41 Caedmon Crescent'),
     ('Registered keeper', 'Registration number')),
    ('vehicle', 'Insurance ID card: 2020 Honda Accord VIN 1HGCV1F38LA018834, Lic# TX '
     'RFK-4471; named insured Esperanza Villalobos-Dunn, 907 Pecan Bend Dr, Round '
     'Rock TX 78664',
     ('1HGCV1F38LA018834', 'RFK-4471', 'Esperanza', 'Villalobos-Dunn'),
     ('Honda Accord', 'named insured', 'Lic#')),
    ('telecom', 'Subscriber lookup:\n'
     'MSISDN: 447700900614\n'
     'IMSI: 234159012345671\n'
     'ICCID: 8944102077315588224\n'
     'IMEI: 352941067812346\n'
     'Account holder: Benedikta Świątek, 3 Ropewalk Court, Nottingham NG1 5DU\n'
     'PUK: 88213940',
     ('447700900614', '234159012345671', '8944102077315588224', '352941067812346', 'Świątek',
       '88213940'),
     ('Subscriber lookup',)),
    ('gps', "Strava export of my daughter's morning run, she always starts from our house:\n"
     '<trkpt lat="53.480759" '
     'lon="-2.242631"><ele>38.2</ele><time>2024-06-12T06:41:02Z</time></trkpt>\n'
     '$GPGGA,064102.00,5328.8455,N,00214.5579,W,1,08,0.9,38.2,M,47.0,M,,*4F',
     ('53.480759', '2.242631', '5328.8455', '00214.5579'),
     ('morning run', 'Strava export')),
    ('gedcom', '0 HEAD\n'
     '1 SOUR FamilySearch\n'
     '0 @I1@ INDI\n'
     '1 NAME Cordelia Rose /Hawthornthwaite/\n'
     '1 SEX F\n'
     '1 BIRT\n'
     '2 DATE 17 MAR 1948\n'
     '2 PLAC Kendal, Westmorland, England\n'
     '0 @I2@ INDI\n'
     '1 NAME Evander /Quickfall/\n'
     '1 BIRT\n'
     '2 DATE 4 SEP 1979\n'
     '1 RESI\n'
     '2 ADDR 27 Lowther Street\n'
     '3 POST CA3 8EQ',
     ('Cordelia', 'Hawthornthwaite', 'Evander', 'Quickfall', '27 Lowther Street'),
     ('0 HEAD', '1 BIRT')),
    # --- e-prescriptions and lab reports -------------------------------------------------------
    ('erx', '<NewRx><Patient><HumanPatient><Name><LastName>Castellano-Brisbane</LastN'
     'ame><FirstName>Rafferty</FirstName></Name><DateOfBirth><Date>1966-10-03<'
     '/Date></DateOfBirth><Address><AddressLine1>72 Old Orchard '
     'Rd</AddressLine1><PostalCode>60076</PostalCode></Address></HumanPatient>'
     '</Patient><Prescriber><NonVeterinarian><Identification><NPI>1472538697</'
     'NPI><DEANumber>BO4829137</DEANumber></Identification><Name><LastName>Oye'
     'laran</LastName><FirstName>Temitope</FirstName></Name></NonVeterinarian>'
     '</Prescriber><MedicationPrescribed><DrugDescription>Oxycodone HCl 5 mg '
     'tablet</DrugDescription></MedicationPrescribed></NewRx>',
     ('Castellano-Brisbane', '72 Old Orchard Rd', 'Oyelaran', 'Temitope', '60076', 'Rafferty'),
     ('Oxycodone HCl 5 mg tablet',)),
    ('lab', 'PATHOLOGY REPORT\n'
     'Patient: LINDQVIST-ABARA, Solveig   Hosp No: K0448213   NHS No: 401 023 8720\n'
     'DOB: 29.01.1972  Sex: F\n'
     'Specimen: Left breast core biopsy   Lab No: H24/18873\n'
     'Requesting clinician: Dr Emeka Thornycroft\n'
     'Diagnosis: Invasive ductal carcinoma, grade 2, ER positive',
     ('LINDQVIST-ABARA', 'K0448213', '401 023 8720', 'Thornycroft', 'H24/18873'),
     ('Invasive ductal carcinoma', 'core biopsy', 'DOB:', 'Hosp No', 'Requesting clinician',
       'ER positive', 'PATHOLOGY REPORT')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
