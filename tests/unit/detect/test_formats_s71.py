"""Machine formats that hospitals, banks and law firms paste whole (the s71b probes): DICOM
dumps, GEDCOM trees, airline PNRs, bank files (NACHA, MICR, MT940 ``:86:``, track 2, sort
codes, ``IND ID``), telecom identifiers, labelled hospital numbers, key safe codes and plates,
NMEA sentences, passwd and shadow lines, PostgreSQL ``COPY`` rows, XML elements by their tags
and a hand-typed HL7 IN1 segment. Each leak masked with the pattern engine (no model), the
format's labels, tags and segment names kept; the same anchors in ordinary text mask nothing."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.engine import DetectionEngine

from .masking import masked_text


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _found(engine: DetectionEngine, text: str) -> dict[str, str]:
    return {d.text: d.type for d in engine.analyze(text)}


_DICOM = ("dcmdump output, the PACS rejects it:\n"
          "(0008,1030) LO [CT CHEST W CONTRAST]                   #  20, 1 StudyDescription\n"
          "(0010,0010) PN [PELLINGHAM^ROSAMUND^^^]                #  22, 1 PatientName\n"
          "(0010,0020) LO [NGH0042871]                            #  10, 1 PatientID\n"
          "(0010,0030) DA [19580712]                              #   8, 1 PatientBirthDate")
_GEDCOM = ("0 HEAD\n1 SOUR FamilySearch\n0 @I1@ INDI\n1 NAME Cordelia Rose /Hawthornthwaite/\n"
           "1 SEX F\n1 BIRT\n2 DATE 17 MAR 1948\n2 PLAC Kendal, Westmorland, England\n"
           "1 CHAN\n2 DATE 3 JAN 2020")
_PNR = ("RP/LON1A0955/LON1A0955            AA/SU  12JUN24/0814Z   7XQ4LM\n"
        "  1.OYELOWO/BABAJIDE MR   2.OYELOWO/FUNMILAYO MRS\n"
        "  5 SSR DOCS BA HK1 P/GBR/538821774/GBR/22JUL78/M/14FEB31/OYELOWO/BABAJIDE/P1")
_NACHA = ("5220ACME PAYROLL LLC                    1234567890PPDPAYROLL   240614   "
          "1021000020000001\n"
          "622071000013000847291956     0000184255EMP00417       DESHAWN PETTIGREW     "
          "  0021000020000001")
_PASSWD = ("$ grep -E 'dkowalewska|tobiasf' /etc/passwd /etc/shadow\n"
           "root:x:0:0:root:/root:/bin/bash\n"
           "/etc/passwd:dkowalewska:x:1004:1004:Dorota Kowalewska,Room 4.12,,:"
           "/home/dkowalewska:/bin/bash\n"
           "/etc/passwd:tobiasf:x:1005:1005:Tobias Fennimore,,,:/home/tobiasf:/bin/zsh\n"
           "/etc/shadow:dkowalewska:$6$Xq8rT2vB$kP9zL1mN3oQ5sU7wY9aC1eG3iK5mO7qS9uW1:"
           "19876:0:99999:7:::")
_COPY = ("COPY public.patients (id, first_name, last_name, dob, nhs_number, postcode) "
         "FROM stdin;\n"
         "88213\tRhiannon\tPenhallow\t1987-07-19\t4505577104\tTR1 2HE\n"
         "88214\tAlistair\tMcCrindle\t1952-01-08\t\\N\tKA7 4QP\n\\.")
_CDA = ('<addr use="HP"><city>Knoxville</city><postalCode>37919</postalCode></addr><patient>'
        '<name><given>Lavinia</given><family>Whitacre</family></name>'
        '<birthTime value="19440817"/></patient>')
_ISO = ("<Cdtr><Nm>Maarten Wijnbergen</Nm><PstlAdr><StrtNm>Tweede Helmersstraat</StrtNm>"
        "<PstCd>1054 CK</PstCd></PstlAdr></Cdtr><CdtrAgt><FinInstnId><Nm>Rabobank</Nm>"
        "</FinInstnId></CdtrAgt><Amt><InstdAmt Ccy=\"EUR\">2750.00</InstdAmt></Amt>")
_HL7 = ("IN1|1|BCBS001|60054|BLUE CROSS BLUE SHIELD MA||||GRP4471-02|||||||||TREMBLAY^LUCIEN"
        "|01|19690227|||||||||||||||||||XOF882913417")


@pytest.mark.parametrize(("text", "leaks", "kept"), [
    (_DICOM, {"PELLINGHAM^ROSAMUND": "PERSON", "NGH0042871": "MEDICAL_RECORD",
              "19580712": "DATE_OF_BIRTH"},
     ("CT CHEST W CONTRAST", "PatientBirthDate", "(0010,0020) LO [")),
    (_GEDCOM, {"Cordelia Rose /Hawthornthwaite/": "PERSON", "17 MAR 1948": "DATE_OF_BIRTH",
               "Kendal, Westmorland, England": "LOCATION"},
     ("0 HEAD", "1 SOUR FamilySearch", "1 BIRT", "1 CHAN\n2 DATE ", "1 NAME ")),
    (_PNR, {"7XQ4LM": "ACCOUNT_NUMBER", "OYELOWO/BABAJIDE": "PERSON",
            "OYELOWO/FUNMILAYO": "PERSON", "538821774": "PASSPORT",
            "22JUL78": "DATE_OF_BIRTH", "BABAJIDE": "PERSON"},
     ("SSR DOCS", " MR ", "/GBR/", "14FEB31")),
    (_NACHA, {"000847291956": "ACCOUNT_NUMBER", "EMP00417": "ACCOUNT_NUMBER",
              "DESHAWN PETTIGREW": "PERSON"},
     ("0000184255", "0021000020000001")),
    (":61:2406130613C2840,00NTRFNONREF\n:86:/NAME/OSWIN TREGARTHEN/REMI/SALARY\n"
     ":86:/ORDP//NAME/HORATIA BLENKINSOP/REMI/RENT",
     {"OSWIN TREGARTHEN": "PERSON", "HORATIA BLENKINSOP": "PERSON"}, ("/REMI/SALARY", ":86:")),
    ("MEMO: retainer\n⑈004417⑈ ⑆061000104⑆ 483920017⑈", {"483920017": "ACCOUNT_NUMBER"},
     ("⑆061000104⑆",)),
    ("MTI=0100 DE35=5521830047152912=27082011000012340000 DE39=05",
     {"27082011000012340000": "CREDIT_CARD"}, ("DE39=05",)),
    ("07/06/2024,STO TO 20-45-77 53108874 SAVINGS,-200.00",
     {"53108874": "ACCOUNT_NUMBER"}, ("STO TO 20-45-77",)),
    ("EED:240611 IND ID:4471882913 IND NAME", {"4471882913": "ACCOUNT_NUMBER"}, ("IND ID:",)),
    ("Subscriber lookup:\nMSISDN: 447700900614\nIMSI: 234159012345671\n"
     "ICCID: 8944102077315588224\nPUK: 88213940",
     {"447700900614": "PHONE", "234159012345671": "DEVICE_ID",
      "8944102077315588224": "DEVICE_ID", "88213940": "SECRET"},
     ("MSISDN:", "IMSI:", "ICCID:", "PUK:")),
    ("Hosp No: K0448213   Specimen: core biopsy   Lab No: H24/18873",
     {"K0448213": "MEDICAL_RECORD", "H24/18873": "MEDICAL_RECORD"}, ("Hosp No:", "Lab No:")),
    ("DESCRIPTION:Patient Mr W\\, key safe code 7291", {"7291": "SECRET"}, ("key safe code",)),
    ("Registration number: WN68 KXP\nVehicle: silver Ford Focus VRM YK19 HXP\n"
     "2020 Honda Accord, Lic# TX RFK-4471; named insured",
     {"WN68 KXP": "VEHICLE_ID", "YK19 HXP": "VEHICLE_ID", "RFK-4471": "VEHICLE_ID"},
     ("Registration number:", "VRM", "Lic# TX")),
    ("$GPGGA,064102.00,5328.8455,N,00214.5579,W,1,08,0.9,38.2,M,47.0,M,,*4F\n"
     "$GNRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A",
     {"5328.8455": "LOCATION", "00214.5579": "LOCATION", "4807.038": "LOCATION",
      "01131.000": "LOCATION"}, ("$GPGGA", ",N,", "*4F")),
    (_COPY, {"Rhiannon": "PERSON", "Penhallow": "PERSON", "4505577104": "UK_NHS",
             "McCrindle": "PERSON", "KA7 4QP": "LOCATION"},
     ("COPY public.patients (id, first_name", "\\N", "\\.")),
    (_CDA, {"37919": "LOCATION", "Lavinia": "PERSON", "Whitacre": "PERSON",
            "19440817": "DATE_OF_BIRTH"}, ("<postalCode>", "</family>", "<birthTime value=")),
    (_ISO, {"Maarten Wijnbergen": "PERSON", "Tweede Helmersstraat": "LOCATION",
            "1054 CK": "LOCATION"}, ("<Nm>Rabobank</Nm>", "<PstCd>", "2750.00")),
    ("<PstlAdr><AdrLine>Zeestraat 112</AdrLine><AdrLine>2518 AB Den Haag</AdrLine></PstlAdr>"
     "<Patient><Name><LastName>Castellano-Brisbane</LastName><FirstName>Rafferty</FirstName>"
     "</Name><PostalCode>60076</PostalCode></Patient>",
     {"Zeestraat 112": "LOCATION", "2518 AB Den Haag": "LOCATION",
      "Castellano-Brisbane": "PERSON", "Rafferty": "PERSON", "60076": "LOCATION"},
     ("<AdrLine>", "<LastName>", "</PostalCode>")),
    (_HL7, {"TREMBLAY^LUCIEN": "PERSON", "XOF882913417": "ACCOUNT_NUMBER"},
     ("IN1|1|BCBS001|60054|BLUE CROSS BLUE SHIELD MA", "GRP4471-02")),
])
def test_format_leaks_masked_and_labels_kept(engine: DetectionEngine, text: str,
                                             leaks: dict[str, str],
                                             kept: tuple[str, ...]) -> None:
    found = _found(engine, text)
    for value, kind in leaks.items():
        assert found.get(value) == kind, value
    masked = masked_text(engine, text)
    for words in kept:
        assert words in masked, words


def test_passwd_and_shadow(engine: DetectionEngine) -> None:
    found = _found(engine, _PASSWD)
    assert found["Dorota Kowalewska"] == "PERSON"
    assert found["Tobias Fennimore"] == "PERSON"
    assert found["$6$Xq8rT2vB$kP9zL1mN3oQ5sU7wY9aC1eG3iK5mO7qS9uW1"] == "SECRET"
    masked = masked_text(engine, _PASSWD)
    assert "dkowalewska" not in masked and "tobiasf" not in masked  # the grep's too
    assert "root:x:0:0:root:/root:/bin/bash" in masked  # a system account stays
    assert ":19876:0:99999:7:::" in masked


@pytest.mark.parametrize("hash_", [
    "$y$j9T$F5Jx5fExrKuJdcwDYVFOi.$JnkeT7sAm4E0c4sFBNwoaWzKY7EtjOHfvn4EtCBeVRB",
    "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
    "$5$rounds=5000$usesomesillystri$KqJWpanXZHKq2BOB43TSaYhEWsQ1Lr5QNyPCDH/Tp.6",
    "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/",
])
def test_crypt_hashes(engine: DetectionEngine, hash_: str) -> None:
    assert _found(engine, f"the hash in the dump is {hash_} for that user").get(hash_) == "SECRET"


@pytest.mark.parametrize("text", [
    # the anchors in ordinary text
    "See section 1.A/B of the guide, and 2.TCP/IP basics for the network team.",
    "1 NAME of the product must be unique.\nIt is checked at save time.",
    "Our DATE format is dd/mm; PLAC is not a tag we use.",
    "The lab number of samples rose this year; the key safe was installed last week.",
    "Please call the door code line on the intranet, and use the access code from the email.",
    "The registration number of the company is 12345678 and our reg number is SC123456.",
    "The MSISDN field and the IMSI column were empty in the export.",
    "The price went from $5 to $10; ask Jane about the $1 coins and $6 bags.",
    "x = 1\ny = 2\nprint(x == 1234567890123=4567)",
    "<p>Our team</p><title>Annual report</title><name>widget-app</name><state>TN</state>",
    "<product><name>Laptop stand</name><PostalCode>n/a</PostalCode></product>",
    "Meeting 14-05-24 at 10:00; 22 people attended the 6 sessions.",
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
    "The (0010,0010) tag is the patient's name; the VR is PN.",
    ":86: is the statement's information field; /NAME/ is a subfield code.",
])
def test_ordinary_text_notmasked_text(engine: DetectionEngine, text: str) -> None:
    new = {"dicom", "gedcom", "pnr", "bank_files", "card_track2", "sort_code_account",
           "ach_ind_id", "msisdn", "sim_ids", "sim_puk", "patient_number", "vrm",
           "registration_plate", "plate_label", "nmea", "unix_accounts", "sql_copy",
           "xml_elements"}
    assert [(d.recognizer, d.text) for d in engine.analyze(text) if d.recognizer in new] == []


def test_nacha_needs_its_routing_check(engine: DetectionEngine) -> None:
    # the same layout with a routing number whose check digit fails is no entry record
    text = _NACHA.replace("622071000013", "622071000019")
    assert "DESHAWN PETTIGREW" not in _found(engine, text)


def test_hl7_relationship_code_is_no_name(engine: DetectionEngine) -> None:
    text = ("IN1|1|BCBS001|60054|BLUE CROSS||||GRP4471-02||||||||TREMBLAY^LUCIEN"
            "|SEL^Self^HL70063|19690227||||||||||||||||||XOF882913417|500.00&USD|1000&USD")
    found = _found(engine, text)
    assert found["TREMBLAY^LUCIEN"] == "PERSON"
    assert found["XOF882913417"] == "ACCOUNT_NUMBER"
    masked = masked_text(engine, text)
    assert "SEL^Self^HL70063" in masked and "500.00&USD" in masked
