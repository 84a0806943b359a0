"""The thirty-ninth round's second probe prompts: the values that must not go upstream whole, and
the words that must (a prompt's own words, lost when a value's neighbour was escaped with it or
a label was masked). Counts both with the ``veil`` on ``PYTHONPATH`` (an older tree: ``git
archive <commit> src``) and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s70b/leak_probes_s70b.py learned|spacy

All values are made up.
"""

from __future__ import annotations

import sys

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # customer-support chats and tickets
    ("support", "[14:02] Aoife (Agent): Hi Thaddeus, thanks for contacting Brightcart!\n"
     "[14:03] Thaddeus Okoro-Blaine: my order #BC-4471902 never arrived, tracking "
     "1Z84A9X70312874415\n[14:04] Aoife (Agent): Sorry! I've refunded it.",
     ("Aoife", "Thaddeus", "Okoro-Blaine", "BC-4471902", "1Z84A9X70312874415"),
     ("(Agent)", "refunded")),
    ("support", '{"conversation_id":"88213","author":{"type":"user","name":"Ottilie '
     'Brandauer","email":"ottilie.b@example.at"},"body":"<p>Where is my parcel? DHL '
     '00340434161094042557</p>"}',
     ("Ottilie", "Brandauer", "ottilie.b@example.at", "00340434161094042557"),
     ("Where is my parcel?",)),
    ("support", "Ticket #482913 | Requester: Cormac Delahunty | Assignee: Priyanka "
     "Venkataraman\nCustomer says the replacement router (S/N RTX4471K2209) was delivered to "
     "14 Larkspur Close, Swindon SN3 4PL",
     ("Cormac", "Delahunty", "Priyanka", "Venkataraman", "RTX4471K2209", "14 Larkspur Close",
      "SN3 4PL"), ("replacement router",)),
    # insurance claims
    ("insurance", "Claim ref: CLM/2024/0093381\nPolicyholder: Desmond Achterhof\nPolicy no.: "
     "MTR-77310492\nVehicle reg: LR21 XKV\nIncident: rear-ended at the junction of Wexford "
     "Road and Mill Lane, Cheltenham GL52 3PT",
     ("CLM/2024/0093381", "Desmond", "Achterhof", "MTR-77310492", "LR21 XKV", "GL52 3PT"),
     ("rear-ended",)),
    ("insurance", "Insured: Rowena Castellanos, policy # 4417-882-19, claim 0219937745-01. "
     "Other driver: Bexley Thorne, Progressive policy 93817264, plate 8KTZ412 (CA).",
     ("Rowena", "Castellanos", "4417-882-19", "0219937745-01", "Bexley", "Thorne", "93817264",
      "8KTZ412"), ("Other driver",)),
    ("insurance", "Water damage at 27 Ashdown Crescent, Sevenoaks TN13 2QR; policyholder Mr "
     "Gideon Farraday-Lowe (DOB 09/08/1967) reports a burst pipe; loss adjuster Henrietta Moss.",
     ("27 Ashdown Crescent", "TN13 2QR", "Gideon", "Farraday-Lowe", "09/08/1967", "Henrietta",
      "Moss"), ("Water damage", "burst pipe")),
    # tenancy
    ("tenancy", "Tenant: Ifeoluwa Adebayo-Carter\nProperty: Unit 4C, 88 Riverside Walk, Leeds "
     "LS10 1QW\nLease ID: LSE-2024-00781\nRent: £1,150 pcm, arrears £2,300",
     ("Ifeoluwa", "Adebayo-Carter", "88 Riverside Walk", "LS10 1QW", "LSE-2024-00781"),
     ("arrears",)),
    ("tenancy", "NOTICE TO PAY RENT OR QUIT\nTo: Marcus DelVecchio and all other occupants\n"
     "Premises: 1547 Juniper Ave, Apt 3R, Oakland, CA 94606\nAmount due: $3,450.00",
     ("Marcus", "DelVecchio", "1547 Juniper Ave", "94606"), ("NOTICE TO PAY RENT OR QUIT",)),
    # education
    ("education", "Student: Zainab Oyelaran-Hughes (ID S20418873), Year 10\nMaths: C-, English: "
     "B+\nParent contact: Mrs Folake Oyelaran, 07700 900342, folake.o@example.co.uk\nSEN: "
     "dyslexia",
     ("Zainab", "Oyelaran-Hughes", "S20418873", "Folake", "07700 900342",
      "folake.o@example.co.uk"), ("Parent contact", "dyslexia")),
    ("education", "Can you help me write a report comment for Kieran Doolan? He's been "
     "disruptive and his mum Bernadette called the school twice about the bullying.",
     ("Kieran", "Doolan", "Bernadette"), ("bullying",)),
    ("education", "Transcript request for Lucía Marroquín-Vega, UIN 627104889, GPA 3.41, DOB "
     "2003-11-28, reason: transfer to Ridgefield Community College",
     ("Lucía", "Marroquín-Vega", "627104889", "2003-11-28"), ("Transcript request",)),
    # travel
    ("travel", "PASSPORT / PASSEPORT\nSurname: HALVORSEN-BRIGGS\nGiven names: TOBIAS ELLIOT\n"
     "Passport No: 538217746\nDate of birth: 17 MAR 1979",
     ("HALVORSEN-BRIGGS", "TOBIAS", "ELLIOT", "538217746", "17 MAR 1979"), ("Given names",)),
    ("travel", "Booking confirmed! Reference: K7WQ2M\nPassenger: MS ANJALI RAGHUNATHAN\nFlight "
     "BA0287 LHR-SFO 14JUN, seat 32K\nExecutive Club no. 48812937",
     ("K7WQ2M", "ANJALI", "RAGHUNATHAN", "48812937"), ("seat 32K", "Flight BA0287")),
    ("travel", "decoded my boarding pass: M1ADEKUNLE/BABATUNDE  EK7XQ3P LOSLHRBA 0075 "
     "166Y032A0041 100", ("ADEKUNLE", "BABATUNDE", "EK7XQ3P"), ("boarding pass",)),
    ("travel", "my Flying Blue number is 2094418736 and my KTN is TT9K4R2Z1, can you check if I "
     "get lounge access?", ("2094418736", "TT9K4R2Z1"), ("lounge access",)),
    # pharmacy labels
    ("pharmacy", "Rx# 6120934  WALGREENS #10482\nPATIENT: PETRONELLA VANCE\nAMOXICILLIN 500MG CAP,"
     " take 1 capsule 3 times daily\nDr. Ignatius Mbeki-Carr  NPI 1245319599  DEA AM4418213",
     ("6120934", "PETRONELLA", "VANCE", "Ignatius", "Mbeki-Carr", "1245319599", "AM4418213"),
     ("AMOXICILLIN 500MG", "3 times daily")),
    ("pharmacy", "Pharmacy label: Mrs Hyacinth Oduya, 3 Fernbank Terrace, Halifax HX1 5JN — "
     "Sertraline 50mg tablets, one to be taken each morning. Prescriber: Dr P. Lindqvist.",
     ("Hyacinth", "Oduya", "3 Fernbank Terrace", "HX1 5JN", "Lindqvist"), ("Sertraline 50mg",)),
    # payroll and tax forms
    ("tax", "Form W-2 Wage and Tax Statement 2023\nb Employer identification number (EIN) "
     "84-2917735\ne Employee's first name and initial ROSALIND M  Last name PEMBERTON-ACHEBE\n"
     "a Employee's social security number 412-71-8830\n1 Wages, tips 84,220.17",
     ("84-2917735", "ROSALIND", "PEMBERTON-ACHEBE", "412-71-8830"),
     ("Wage and Tax Statement",)),
    ("tax", "P60 End of Year Certificate 2023-24\nEmployee's surname: Thistlewood  Forenames: "
     "Ambrose Kit\nNational Insurance number: SZ 41 88 20 D\nTax code: 1257L\nUTR 8821046731",
     ("Thistlewood", "Ambrose", "SZ 41 88 20 D", "8821046731"), ("Tax code: 1257L",)),
    ("tax", "Lohnabrechnung Mai 2024 — Herr Volker Rautenstrauch, Personalnummer 004417, "
     "Steuer-ID 65929970489, Steuerklasse III, SV-Nr. 12 150379 R 033",
     ("Volker", "Rautenstrauch", "004417", "65929970489", "150379"), ("Steuerklasse III",)),
    # developers' pastes
    ("dev", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: "
     "hbeaumont\n      POSTGRES_PASSWORD: Marl1n-Sky-88\n      PGADMIN_DEFAULT_EMAIL: "
     "harriet.beaumont@example.io",
     ("hbeaumont", "Marl1n-Sky-88", "harriet.beaumont@example.io"), ("image: postgres:16",)),
    ("dev", "DATABASE_URL=postgresql://mfairweather:Hx9!tQ2w@10.20.3.4:5432/crm\n"
     "REDIS_URL=redis://default:Zq81vVx3p@cache.internal:6379/0",
     ("mfairweather", "Hx9!tQ2w", "10.20.3.4", "Zq81vVx3p"), ("DATABASE_URL",)),
    ("dev", "users:\n- name: oksana.lytvyn@corp.example\n  user:\n    token: eyJhbGciOiJSUzI1"
     "NiJ9.eyJzdWIiOiJva3NhbmEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ\ncontexts:\n- context:\n    "
     "cluster: prod-eu\n    user: oksana.lytvyn@corp.example",
     ("oksana.lytvyn", "c2lnbmF0dXJlLXNpZ25hdHVyZQ"), ("cluster: prod-eu",)),
    ("dev", '[{"type":"message","user":"U04ABCD12","user_profile":{"real_name":"Ebenezer Quaye",'
     '"display_name":"ebenq"},"text":"<@U05XYZ99> can you send Temperance the offer letter?"}]',
     ("Ebenezer", "Quaye", "ebenq", "Temperance"), ("offer letter",)),
    ("dev", "@lkarimova-dev I can reproduce on macOS. Stack trace:\n  File \"/Users/tobiasreinholt"
     "/src/app/main.py\", line 12\ncc @rasmus-eklund who wrote the parser",
     ("lkarimova-dev", "tobiasreinholt", "rasmus-eklund"), ("Stack trace",)),
    ("dev", "[user]\n\tname = Perpetua Nwachukwu\n\temail = perpetua.n@example.dev\n[credential]"
     "\n\thelper = store", ("Perpetua", "Nwachukwu", "perpetua.n@example.dev"),
     ("helper = store",)),
    # European spreadsheets
    ("sheets", "Name;Vorname;Geburtsdatum;IBAN;Ort\nKrügelstein;Hannelore;03.07.1958;"
     "DE44500105175407324931;Wuppertal",
     ("Krügelstein", "Hannelore", "03.07.1958", "DE44500105175407324931", "Wuppertal"), ()),
    ("sheets", "nom;prénom;date de naissance;téléphone;adresse\nLefebvre-Marchand;Solène;"
     "12/05/1991;06 12 34 56 78;14 rue des Tanneurs, 67000 Strasbourg",
     ("Lefebvre-Marchand", "Solène", "12/05/1991", "06 12 34 56 78", "14 rue des Tanneurs",
      "67000"), ()),
    # addresses in their countries' formats
    ("addresses", "Bitte senden Sie die Unterlagen an:\nFrau Dr. Irmgard Pfeiffenberger\nAm "
     "Lindenhof 7a\n04155 Leipzig", ("Irmgard", "Pfeiffenberger", "Lindenhof 7a", "04155"),
     ("Unterlagen",)),
    ("addresses", "Spett.le Sig. Gianluca Santambrogio, Viale dei Mille 42, int. 5, 20129 Milano "
     "(MI), cod. fisc. SNTGLC80A01F205Q",
     ("Gianluca", "Santambrogio", "Viale dei Mille 42", "20129", "SNTGLC80A01F205Q"), ()),
    ("addresses", "Envíe la factura a Dña. Rocío Villanueva Echeverría, C/ San Bernardo, 37, 3º "
     "izda., 28015 Madrid", ("Rocío", "Villanueva", "Echeverría", "San Bernardo, 37", "28015"),
     ("factura",)),
    ("addresses", "Naam: Joost Brinkhorst, Kerkstraat 114-II, 1017 GP Amsterdam, tel. 06-41887320",
     ("Joost", "Brinkhorst", "Kerkstraat 114", "1017 GP", "06-41887320"), ()),
    ("addresses", "Pan Zbigniew Wróblewski, ul. Piotrkowska 212 m. 14, 90-368 Łódź, "
     "tel. +48 601 234 567", ("Zbigniew", "Wróblewski", "Piotrkowska 212", "90-368",
                              "601 234 567"), ()),
    # names of many origins in Latin letters
    ("names", "Please draft a thank-you email to Oluwaseun Adewuyi and Titilayo Bamgbose for "
     "hosting the workshop.", ("Oluwaseun", "Adewuyi", "Titilayo", "Bamgbose"),
     ("thank-you email",)),
    ("names", "Reminder: Abdulrahman bin Khalid Al-Qahtani and Fatimah binti Yusof fly in on "
     "Monday.", ("Abdulrahman", "Khalid", "Al-Qahtani", "Fatimah", "Yusof"), ("Reminder",)),
    ("names", "Our new hires are Xu Jiahui, Ouyang Mingzhe and Siddharth Raghavendra Iyer.",
     ("Jiahui", "Ouyang", "Mingzhe", "Siddharth", "Raghavendra"), ("new hires",)),
    # international phone formats
    ("phones", "Ruf mich an unter +49 (0)30 901820 44 oder mobil 0171 4482913; in France "
     "+33 6 12 45 78 90; from the UK dial 0044 20 7946 0321.",
     ("901820 44", "0171 4482913", "6 12 45 78 90", "20 7946 0321"), ("Ruf mich an",)),
    # careless obfuscations
    ("careless", "please contact my solicitor, Mr Algernon\nFitzwilliam-Brooke, on 0161 496\n"
     "0734 about the probate.", ("Algernon", "Fitzwilliam-Brooke", "0161 496", "0734"),
     ("probate",)),
    ("careless", "Getting 403 on https://intranet.example.com/users/jane.fairbrother/payslips/"
     "2024-05.pdf and on /profiles/marek-nowicki-1988/edit",
     ("fairbrother", "nowicki"), ("Getting 403",)),
    ("careless", "```js\nconst user = { first: 'Perdita', last: 'Oyelowo', phone: "
     "'+44 7700 900515' };\n```", ("Perdita", "Oyelowo", "7700 900515"), ("const user",)),
]

if __name__ == "__main__":
    import pathlib

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main

    main(PROBES)
