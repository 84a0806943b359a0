"""Structured records read by their field names (veil.detect.records): vCards and iCalendar
events, SWIFT MT 103 / 202 COV fields, LDIF entries and distinguished names, connection
strings, ``id`` output and SQL statements' values by their columns. Each value leaves the
masked text and comes back on restore; prose with the same words (``the N: key``, ``cn: see
below``, ``uid=0(root)``, ``L=5``, ``12:50:30``, "insert into the report the values") is left
alone."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.recognizer import Recognizer
from veil.detect.records import (
    CONNECTION_USER,
    DISTINGUISHED_NAME,
    LDIF,
    POSIX_ID,
    RECORDS,
    SWIFT_MT,
    VCARD,
)
from veil.detect.sql import SQL_VALUES

_KEY = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE="

VCARD_3 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okonkwo;Marguerite;;;\r\nFN:Marguerite Okonkwo\r\n"
    "NICKNAME:Maggie\r\nADR;TYPE=HOME:;;12 Rosewood Lane;Springfield;IL;62704;USA\r\n"
    "TEL;TYPE=CELL:+1-217-555-0143\r\nEMAIL;TYPE=INTERNET:m.okonkwo@example.com\r\n"
    "BDAY:1984-07-19\r\nEND:VCARD\r\n"
)
VCARD_4 = (
    "BEGIN:VCARD\nVERSION:4.0\nFN:Tobias Lindqvist\nN:Lindqvist;Tobias;;;\n"
    "TEL;VALUE=uri;TYPE=cell:tel:+46-70-123-4567\nEMAIL;TYPE=work:tobias@lindqvist.se\n"
    "BDAY:19790302\nADR;TYPE=work;LABEL=\"Storgatan 7\\n753 20 Uppsala\":;;Storgatan 7;"
    "Uppsala;;75320;Sweden\nEND:VCARD"
)
ICALENDAR = (
    "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:Quarterly review\n"
    "ORGANIZER;CN=Dana Whitfield:mailto:dana.whitfield@example.com\n"
    "ATTENDEE;CN=\"Adeyemi, Oluwaseun\";ROLE=REQ-PARTICIPANT:mailto:oadeyemi@example.org\n"
    "END:VEVENT\nEND:VCALENDAR"
)
MT103 = (
    "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n:20:REF12345\n"
    ":32A:240105EUR1000,00\n:50K:/GB29NWBK60161331926819\nJOHN ALDRIDGE SMYTHE\n"
    "1 HIGH STREET\nLONDON EC1A 1BB\n:59:/DE89370400440532013000\nHELGA BRUNNER\n"
    "HAUPTSTRASSE 5\n80331 MUENCHEN\n:70:INVOICE 4711\n:71A:SHA\n-}"
)
MT103_STRUCTURED = (
    ":50F:/12345678\n1/PRIYA NATARAJAN\n2/42 MARINE DRIVE\n3/IN/MUMBAI\n4/19880412\n"
    "7/IN/K1234567\n:59F:/98765432\n1/KLAUS WEBER\n2/LINDENSTRASSE 3\n3/DE/BERLIN 10115\n"
    ":57A:DEUTDEFF\n:59A:/55667788\nDEUTDEFF"
)
LDIF_ENTRY = (
    "# rfernandes, people, example.com\n"
    "dn: uid=rfernandes,ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\n"
    "cn: Rafael Fernandes\nsn: Fernandes\ngivenName: Rafael\nuid: rfernandes\n"
    "mail: rfernandes@example.com\ntelephoneNumber: +1 415 555 0199\n"
    "mobile: +1 415 555 0100\nhomePostalAddress: 55 Elm Street$Oakland, CA 94607\n"
    "l: Oakland\npostalCode: 94607\nmanager: cn=Teodora Stankovic,ou=people,dc=example,dc=com\n"
    "homeDirectory: /home/rfernandes\nemployeeNumber: E-48213\n"
    "description: a long description\n  folded onto a second line\n"
)
SUBJECT = "subject=CN=Anneliese Vogt,OU=Finance,O=Acme GmbH,L=Hamburg,C=DE,UID=avogt"
CONNECTION = "postgresql://jdoe_admin:S3cr3tPass!@db.internal.example.com:5432/patients"
SQL = ("INSERT INTO patients(first_name, last_name, dob, ssn, city) VALUES ('Gregory','House',"
       "'1959-06-11','078-05-1120','Princeton'), ('Lisa','Cuddy',NULL,NULL,'Plainsboro');\n"
       "UPDATE customers SET full_name = 'Ingrid Halvorsen', phone='+47 912 34 567' WHERE id = 7;")


def _found(recognizer: Recognizer, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in recognizer.analyze(text)]


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _veil(tmp_path: Path, op: str = "placeholder") -> Veil:
    return Veil(Settings(home=tmp_path, master_key=_KEY),
                policy=Policy(ner=False, default_operator=op))


# --- vCard and iCalendar ------------------------------------------------------------------

def test_a_vcard_3_by_its_properties() -> None:
    assert _found(VCARD, VCARD_3) == [
        ("PERSON", "Okonkwo"), ("PERSON", "Marguerite"), ("PERSON", "Marguerite Okonkwo"),
        ("PERSON", "Maggie"), ("LOCATION", "12 Rosewood Lane"), ("LOCATION", "Springfield"),
        ("LOCATION", "62704"),  # the state and the country stay
        ("PHONE", "+1-217-555-0143"), ("EMAIL", "m.okonkwo@example.com"),
        ("DATE_OF_BIRTH", "1984-07-19"),
    ]


def test_a_vcard_4_uri_values_and_address_label() -> None:
    found = _found(VCARD, VCARD_4.replace("END:VCARD", "IMPP:xmpp:tlindqvist@jabber.example\n"
                                                       "END:VCARD"))
    assert ("PHONE", "+46-70-123-4567") in found  # "tel:" stays
    assert ("LOCATION", "Storgatan 7\\n753 20 Uppsala") in found  # the LABEL parameter
    assert ("USERNAME", "tlindqvist@jabber.example") in found  # "xmpp:" stays
    assert ("DATE_OF_BIRTH", "19790302") in found
    assert ("PERSON", "Tobias") in found


def test_folded_and_indented_vcard_lines() -> None:
    text = "  BEGIN:VCARD\n  VERSION:3.0\n  FN:Marguerite Okon\n   kwo-Bello\n  END:VCARD"
    [(kind, value)] = _found(VCARD, text)
    assert kind == "PERSON" and value == "Marguerite Okon\n   kwo-Bello"  # the fold inside


def test_a_quote_in_a_value_does_not_swallow_the_next_property() -> None:
    text = ('BEGIN:VCARD\nNOTE:a 5" screen\nFN:Jane Doe\nADR;LABEL="1 Main St\nSpringfield":'
            ';;1 Main St;Springfield;;12345;\nEND:VCARD')
    assert _found(VCARD, text) == [
        ("PERSON", "Jane Doe"), ("LOCATION", "1 Main St\nSpringfield"),  # a quoted break
        ("LOCATION", "1 Main St"), ("LOCATION", "Springfield"), ("LOCATION", "12345")]


def test_icalendar_organizer_and_attendees() -> None:
    assert _found(VCARD, ICALENDAR) == [
        ("PERSON", "Dana Whitfield"), ("EMAIL", "dana.whitfield@example.com"),
        ("PERSON", "Adeyemi, Oluwaseun"), ("EMAIL", "oadeyemi@example.org"),
    ]


@pytest.mark.parametrize("text", [
    "the N: key holds the family name and FN: the display name",
    "a vCard starts with BEGIN:VCARD and ends with END:VCARD.",
    "N:Okonkwo;Marguerite;;;",  # a property outside a card: no card's marks
    "TEL: call the front desk",
])
def test_prose_about_vcards_is_left_alone(text: str) -> None:
    assert VCARD.analyze(text) == []


# --- SWIFT MT ------------------------------------------------------------------------------

def test_mt103_free_format_parties() -> None:
    found = _found(SWIFT_MT, MT103)
    assert found == [
        ("ACCOUNT_NUMBER", "GB29NWBK60161331926819"), ("PERSON", "JOHN ALDRIDGE SMYTHE"),
        ("LOCATION", "1 HIGH STREET"), ("LOCATION", "LONDON EC1A 1BB"),
        ("ACCOUNT_NUMBER", "DE89370400440532013000"), ("PERSON", "HELGA BRUNNER"),
        ("LOCATION", "HAUPTSTRASSE 5"), ("LOCATION", "80331 MUENCHEN"),
    ]  # the remittance (:70:) and the other fields are the other recognizers'


def test_mt103_structured_parties_and_bics() -> None:
    assert _found(SWIFT_MT, MT103_STRUCTURED) == [
        ("ACCOUNT_NUMBER", "12345678"), ("PERSON", "PRIYA NATARAJAN"),
        ("LOCATION", "42 MARINE DRIVE"), ("LOCATION", "MUMBAI"),  # "IN/" stays
        ("DATE_OF_BIRTH", "19880412"), ("ACCOUNT_NUMBER", "K1234567"),
        ("ACCOUNT_NUMBER", "98765432"), ("PERSON", "KLAUS WEBER"),
        ("LOCATION", "LINDENSTRASSE 3"), ("LOCATION", "BERLIN 10115"),
        ("ACCOUNT_NUMBER", "55667788"),  # :59A:'s BIC stays
    ]


def test_a_party_identifier_is_typed_by_its_code() -> None:
    assert _found(SWIFT_MT, ":50F:CCPT/DE/C01X00T47\n1/ANNA SCHMIDT") == [
        ("PASSPORT", "C01X00T47"), ("PERSON", "ANNA SCHMIDT")]


@pytest.mark.parametrize("text", [
    "the meeting ends at 12:50:30, then lunch",
    "at 09:59:\nJOHN SMITH called",  # a time, not a tag at a line's start
    "see field :59: for the beneficiary",
    ":70:/INV/4711 JOHN SMITH",  # remittance information: the other recognizers'
])
def test_times_and_other_fields_are_left_alone(text: str) -> None:
    assert SWIFT_MT.analyze(text) == []


# --- LDIF and distinguished names -------------------------------------------------------------

def test_an_ldif_entry_by_its_attributes() -> None:
    found = _found(LDIF, LDIF_ENTRY)
    for value in [("USERNAME", "rfernandes"), ("PERSON", "Rafael Fernandes"),
                  ("PERSON", "Fernandes"), ("PERSON", "Rafael"),
                  ("EMAIL", "rfernandes@example.com"),
                  ("PHONE", "+1 415 555 0199"), ("PHONE", "+1 415 555 0100"),
                  ("LOCATION", "55 Elm Street$Oakland, CA 94607"), ("LOCATION", "Oakland"),
                  ("LOCATION", "94607"), ("PERSON", "Teodora Stankovic"),
                  ("ACCOUNT_NUMBER", "E-48213")]:
        assert value in found, value
    # the dn's, uid's, home directory's and ldapsearch's comment's user name
    assert found.count(("USERNAME", "rfernandes")) == 4
    assert not [v for _, v in found if v in ("people", "example", "inetOrgPerson")]


def test_base64_values_and_group_entries() -> None:
    text = ("dn: cn=admin,dc=example,dc=com\nuserPassword: {SSHA}qrstuvwxyz012345\n\n"
            "dn: cn=Domain Admins,cn=Users,dc=corp,dc=example,dc=com\n"
            "member: CN=Smith\\, John,OU=Sales,DC=corp,DC=example,DC=com\n"
            "member: CN=svc_backup,OU=Service,DC=corp,DC=example,DC=com\n\n"
            "dn: uid=jnovak,ou=people,dc=example,dc=com\ncn:: SmFuIE5vdsOhaw==\n")
    assert _found(LDIF, text) == [
        ("SECRET", "{SSHA}qrstuvwxyz012345"),  # under an entry whose name ("admin") stays
        ("PERSON", "Smith\\, John"),  # not the group, the container or the service
        ("USERNAME", "jnovak"), ("PERSON", "SmFuIE5vdsOhaw=="),  # base64: the whole value
    ]


@pytest.mark.parametrize("text", [
    "DN: see below.\ncn: see below for details",
    "In LDAP, cn: see below, holds the common name and sn: the surname.",
    "sn: Fernandes",  # an attribute alone: no entry
])
def test_prose_about_ldap_attributes_is_left_alone(text: str) -> None:
    assert LDIF.analyze(text) == []


@pytest.mark.parametrize(("text", "want"), [
    (SUBJECT, [("PERSON", "Anneliese Vogt"), ("LOCATION", "Hamburg"), ("USERNAME", "avogt")]),
    ("subject=C = DE, ST = Hamburg, L = Hamburg, O = Acme GmbH, CN = Anneliese Vogt, "
     "emailAddress = avogt@acme.de",
     [("LOCATION", "Hamburg"), ("PERSON", "Anneliese Vogt"), ("EMAIL", "avogt@acme.de")]),
    ("subject= /C=DE/ST=Bayern/L=Muenchen/O=Acme/CN=Joachim Krause/emailAddress=jk@acme.de",
     [("LOCATION", "Muenchen"), ("PERSON", "Joachim Krause"), ("EMAIL", "jk@acme.de")]),
    ("ldap bind failed for dn=uid=pnakamura,ou=people,dc=example,dc=com from 10.0.0.4",
     [("USERNAME", "pnakamura")]),
    ('CN="Doe, Jane", OU=Sales, O=Acme', [("PERSON", "Doe, Jane")]),
    ("subject=O=Acme, CN=Sinéad O'Brien", [("PERSON", "Sinéad O'Brien")]),
    ("Issuer: C=DE, O=Acme, CN=Jana Horvat expired on Monday at noon today",
     [("PERSON", "Jana Horvat expired on Monday")]),  # five words at most
])
def test_distinguished_names_inline(text: str, want: list[tuple[str, str]]) -> None:
    assert _found(DISTINGUISHED_NAME, text) == want


@pytest.mark.parametrize("text", [
    "uid=0(root) gid=0(root) groups=0(root)",
    "If L=5 and C=3 then 2L=10.",
    "issuer=C=US, O=Let's Encrypt, CN=R3",  # a CA's name
    "subject=CN=www.example.com, O=Example Inc, C=US",  # a host
    "CN=Domain Admins,CN=Users,DC=corp,DC=example,DC=com",  # a group, a container
    "set cn=foo in the config of the service and all of its parts, then ou=bar",
    'f(title="x", cn="y")',
    "o=1, c=2, l=3",
])
def test_things_that_are_no_persons_name(text: str) -> None:
    assert DISTINGUISHED_NAME.analyze(text) == []


# --- connection strings and id --------------------------------------------------------------

@pytest.mark.parametrize(("text", "user"), [
    (CONNECTION, "jdoe_admin"),
    ("MONGO_URL=mongodb+srv://mkowalski:pw12345x@cluster0.mongodb.net/test", "mkowalski"),
    ("mysql://ahmed.karimi:x@10.0.0.5:3306/app", "ahmed.karimi"),
    ("amqp://rabbit_jane:guest123@mq:5672/", "rabbit_jane"),
    ("redis://lwong:s3cret@cache.internal:6379/0", "lwong"),
    ("smb://hr_admin@fileserver/share", "hr_admin"),
    ("sftp://pdubois@files.example.org/upload", "pdubois"),
    ("jdbc:mysql://db:3306/app?user=kvasquez&password=Hunter22x", "kvasquez"),
    ("jdbc:sqlserver://db:1433;databaseName=hr;user=tnguyen;password=x", "tnguyen"),
])
def test_a_connection_strings_user(text: str, user: str) -> None:
    assert _found(CONNECTION_USER, text) == [("USERNAME", user)]


@pytest.mark.parametrize("text", [
    "redis://default:abcd1234@redis:6379",
    "postgres://postgres:postgres@localhost:5432/app",
    "mongodb://${DB_USER}:${DB_PASS}@mongo:27017",
    "ssh://git@github.com/org/repo.git",
    "https://medium.com/@author/post and https://example.com/?q=a@b",
    "write to me@example.com, see https://example.com",
])
def test_generic_accounts_placeholders_and_paths_stay(text: str) -> None:
    assert CONNECTION_USER.analyze(text) == []


def test_id_output() -> None:
    text = "$ id\nuid=1000(mthornton) gid=1000(mthornton) groups=1000(mthornton),27(sudo)"
    assert _found(POSIX_ID, text) == [("USERNAME", "mthornton")] * 3
    assert POSIX_ID.analyze("uid=0(root) gid=0(root) groups=0(root)") == []


# --- SQL statements -----------------------------------------------------------------------

def test_insert_values_by_their_columns() -> None:
    text = ("INSERT INTO users (first, last, email) VALUES ('Bartholomew', 'Quince', "
            "'bq@quince.io');")
    assert _found(SQL_VALUES, text) == [
        ("PERSON", "Bartholomew"), ("PERSON", "Quince"), ("EMAIL", "bq@quince.io")]


def test_multi_row_insert_and_update_set() -> None:
    assert _found(SQL_VALUES, SQL) == [
        ("PERSON", "Gregory"), ("PERSON", "House"), ("DATE_OF_BIRTH", "1959-06-11"),
        ("US_SSN", "078-05-1120"), ("LOCATION", "Princeton"),
        ("PERSON", "Lisa"), ("PERSON", "Cuddy"), ("LOCATION", "Plainsboro"),  # NULLs stay
        ("PERSON", "Ingrid Halvorsen"), ("PHONE", "+47 912 34 567")]


def test_spans_are_the_literals_insides() -> None:
    text = "INSERT INTO t (surname) VALUES ('Quince')"
    [d] = SQL_VALUES.analyze(text)
    assert (d.start, d.end) == (text.index("Quince"), text.index("Quince") + 6)
    assert d.recognizer == "sql_values" and d.score == 0.95


@pytest.mark.parametrize(("text", "want"), [
    # quoted, backticked and bracketed identifiers; camel case; N'' and '' escapes
    ("insert into [dbo].[Employees] ([GivenName], [Surname], [Email]) "
     "values (N'Ana', N'O''Neill', 'ana@x.org')",
     [("PERSON", "Ana"), ("PERSON", "O''Neill"), ("EMAIL", "ana@x.org")]),
    ('INSERT INTO "public"."Contacts" ("firstName", "homePhone", "addressLine1") VALUES '
     "('Zoë', '555-0100', '4 Elm Row')",
     [("PERSON", "Zoë"), ("PHONE", "555-0100"), ("LOCATION", "4 Elm Row")]),
    # MySQL's backslash escapes (a dump), and a standard SQL path ending in a backslash
    ("INSERT INTO `users` (`name`, `city`) VALUES ('O\\'Brien', 'Cork'), ('Ní Bhriain', 'Galway');",
     [("PERSON", "O\\'Brien"), ("LOCATION", "Cork"), ("PERSON", "Ní Bhriain"),
      ("LOCATION", "Galway")]),
    ("INSERT INTO t (notes, username) VALUES ('C:\\', 'jdoe')", [("USERNAME", "jdoe")]),
    # functions, casts, comments, numbers and NULLs
    ("INSERT INTO p (patient_name, birth_date, mrn, age) VALUES -- one row\n"
     "  (UPPER('Ada Byron'), TO_DATE('1815-12-10', 'YYYY-MM-DD'), 'MRN-0042'::text, 36)",
     [("PERSON", "Ada Byron"), ("DATE_OF_BIRTH", "1815-12-10"),
      ("MEDICAL_RECORD", "MRN-0042")]),
    # what a column's name says, and the shape a value needs for it
    ("INSERT INTO accounts (login, password, iban, card_number, cvv, account_no) VALUES "
     "('jdoe', 's3cr3t!', 'DE89 3704 0044 0532 0130 00', '4111 1111 1111 1111', '123', '0042')",
     [("USERNAME", "jdoe"), ("SECRET", "s3cr3t!"), ("IBAN", "DE89 3704 0044 0532 0130 00"),
      ("CREDIT_CARD", "4111 1111 1111 1111"), ("CARD_SECURITY_CODE", "123"),
      ("ACCOUNT_NUMBER", "0042")]),
    ("INSERT INTO payments (card) VALUES ('Visa')", []),  # a card's brand, no number
    ("INSERT INTO companies (name) VALUES ('Acme GmbH')", [("ORGANIZATION", "Acme GmbH")]),
    # INSERT ... SELECT and ... SET, MySQL's upsert, UPDATE's and DELETE's WHERE
    ("INSERT INTO users (first_name, email) SELECT 'Kasia', 'k@x.pl' UNION ALL "
     "SELECT 'Tomek', NULL;",
     [("PERSON", "Kasia"), ("EMAIL", "k@x.pl"), ("PERSON", "Tomek")]),
    ("INSERT INTO users SET first_name = 'Hana', email = 'h@x.jp' "
     "ON DUPLICATE KEY UPDATE last_name = 'Sato';",
     [("PERSON", "Hana"), ("EMAIL", "h@x.jp"), ("PERSON", "Sato")]),
    ("update crm.contacts c set c.mobile = '+44 7700 900123' where c.surname = 'Arnalds' "
     "and id = 3 or city in ('Reykjavik', 'Akureyri');",
     [("PHONE", "+44 7700 900123"), ("PERSON", "Arnalds"), ("LOCATION", "Reykjavik"),
      ("LOCATION", "Akureyri")]),
    ("DELETE FROM patients WHERE last_name = 'House' AND dob < '1960-01-01';",
     [("PERSON", "House"), ("DATE_OF_BIRTH", "1960-01-01")]),
    # no column list: the columns of the table's CREATE TABLE in the same text, in order
    ("CREATE TABLE IF NOT EXISTS people (\n  id INT PRIMARY KEY,\n  given_name VARCHAR(40),"
     "\n  surname TEXT DEFAULT 'n/a',\n  PRIMARY KEY (id)\n);\n"
     "INSERT INTO people VALUES (1, 'Zofia', 'Nowak');",
     [("PERSON", "Zofia"), ("PERSON", "Nowak")]),
])
def test_sql_statements(text: str, want: list[tuple[str, str]]) -> None:
    assert _found(SQL_VALUES, text) == want


@pytest.mark.parametrize("text", [
    # columns that say nothing of a person, and things' names
    "INSERT INTO orders (status, sku, notes) VALUES ('shipped', 'AB-12', 'Leave at door')",
    "INSERT INTO products (name, product_name) VALUES ('Widget', 'Gizmo')",
    "UPDATE users SET last_login = '2024-01-05', is_first = 'Y', plan_id = 'C-1' WHERE 1=1",
    # no column list and no CREATE TABLE: no names to map
    "INSERT INTO users VALUES (1, 'Gregory', 'House');",
    # placeholders and a template's parameters
    "INSERT INTO users (first, last, email) VALUES (%s, %s, ?), ('{first}', '%(last)s', 'N/A')",
    # a row that does not line up with the columns
    "INSERT INTO users (first, last) VALUES ('Gregory', 'House', 'extra')",
])
def test_sql_values_that_stay(text: str) -> None:
    assert SQL_VALUES.analyze(text) == []


@pytest.mark.parametrize("text", [
    "Please insert into the report the values we discussed, and update the set of figures.",
    "I'd like to update my address to the same one; insert into my notes that values "
    "(of 'honesty' and 'care') matter.",
    "Insert into (first, last) the values ('see', 'below') once we delete from the list.",
    "Can you update users on what's new? Set expectations = 'low' and replace into the doc.",
])
def test_prose_about_sql_is_left_alone(text: str) -> None:
    assert SQL_VALUES.analyze(text) == []


def test_a_statement_in_prose_and_in_a_code_block(engine: DetectionEngine) -> None:
    for text in ("Why does insert into Users (FirstName, LastName) values ('Tamsin', "
                 "'Greaves') fail on MySQL 8?",
                 "Why does this fail?\n```sql\nINSERT INTO Users (FirstName, LastName)\n"
                 "VALUES\n  ('Tamsin', 'Greaves');\n```\nThanks!"):
        found = [(d.type, d.text) for d in engine.analyze(text)]
        assert ("PERSON", "Tamsin") in found and ("PERSON", "Greaves") in found, found


# --- through the engine and protect() ----------------------------------------------------------

_RECORDS_AND_VALUES = [
    (VCARD_3, ["Okonkwo", "Marguerite", "Maggie", "12 Rosewood Lane", "Springfield", "62704",
               "555-0143", "m.okonkwo", "1984-07-19"]),
    (VCARD_4, ["Lindqvist", "Tobias", "123-4567", "Storgatan", "75320", "19790302"]),
    (ICALENDAR, ["Dana Whitfield", "dana.whitfield", "Oluwaseun", "oadeyemi"]),
    (MT103, ["GB29NWBK60161331926819", "JOHN ALDRIDGE SMYTHE", "HIGH STREET", "LONDON",
             "DE89370400440532013000", "HELGA BRUNNER", "HAUPTSTRASSE", "MUENCHEN"]),
    (MT103_STRUCTURED, ["12345678", "PRIYA NATARAJAN", "MARINE DRIVE", "MUMBAI", "19880412",
                        "K1234567", "KLAUS WEBER", "LINDENSTRASSE", "BERLIN"]),
    (LDIF_ENTRY, ["rfernandes", "Rafael", "Fernandes", "415 555", "Elm Street", "Oakland",
                  "94607", "Teodora", "E-48213"]),
    (SUBJECT, ["Anneliese", "Vogt", "Hamburg", "avogt"]),
    (CONNECTION, ["jdoe_admin", "S3cr3tPass"]),
    (SQL, ["Gregory", "House", "1959-06-11", "078-05-1120", "Princeton", "Lisa", "Cuddy",
           "Plainsboro", "Ingrid Halvorsen", "912 34 567"]),
]
#: the restorer writes no value into a URL (veil.mask.urls): a connection string stays masked
_RESTORED = [(t, v) for t, v in _RECORDS_AND_VALUES if t != CONNECTION]


@pytest.mark.parametrize(("text", "values"), _RECORDS_AND_VALUES)
def test_every_value_leaves_the_masked_text(tmp_path: Path, text: str,
                                            values: list[str]) -> None:
    v = _veil(tmp_path)
    masked = v.protect(text, session="s").masked
    for value in values:
        assert value not in masked, value
    if text != CONNECTION:
        assert v.restore(masked, session="s") == text


def test_fields_that_say_nothing_of_a_person_stay(tmp_path: Path) -> None:
    v = _veil(tmp_path)
    masked = v.protect("\n\n".join(t for t, _ in _RECORDS_AND_VALUES), session="s").masked
    for kept in ("BEGIN:VCARD", "TEL;TYPE=CELL:", ";IL;", ";USA", "ORGANIZER;CN=", "mailto:",
                 ":50K:/", ":59:/", ":70:INVOICE 4711", ":71A:SHA", "3/IN/", ":59A:/",
                 "\nDEUTDEFF", "ou=people,dc=example,dc=com", "objectClass: inetOrgPerson",
                 "homeDirectory: /home/", "OU=Finance", ",C=DE", "postgresql://",
                 "@db.internal.example.com:5432/patients",
                 "INSERT INTO patients(first_name, last_name, dob, ssn, city) VALUES ('",
                 "',NULL,NULL,'", "UPDATE customers SET full_name = '", "' WHERE id = 7;"):
        assert kept in masked, kept


@pytest.mark.parametrize("op", ["pseudonym", "synthetic"])
def test_generated_replacements_restore(tmp_path: Path, op: str) -> None:
    v = _veil(tmp_path, op)
    for k, (text, _) in enumerate(_RESTORED):
        masked = v.protect(text, session=f"s{k}").masked
        assert v.restore(masked, session=f"s{k}") == text


def test_a_record_escaped_in_json(engine: DetectionEngine) -> None:
    text = '{"card": "BEGIN:VCARD\\nVERSION:2.1\\nN;CHARSET=UTF-8:Brunner;Helga\\nEND:VCARD"}'
    assert ("PERSON", "Helga") in [(d.type, d.text) for d in engine.analyze(text)]


@pytest.mark.parametrize("text", [
    "the N: key holds the name; cn: see below for details.",
    "uid=0(root) gid=0(root) groups=0(root)",
    "If L=5 then 2L=10, and the train leaves at 12:50:30.",
    "Please summarise the attached vCard spec and the LDAP schema notes.",
    "Please insert into the summary the values from Q3 and update the figures where needed.",
])
def test_prose_through_the_engine(engine: DetectionEngine, text: str) -> None:
    assert engine.analyze(text) == []


def test_idle_without_marks_and_awake_with_them() -> None:
    prose = ("Hi team, following up on yesterday's call about the quarterly review: please "
             "send the figures by Friday; the room changed to the third floor. ") * 8
    assert all(r.idle(prose) for r in (*RECORDS, SQL_VALUES))
    awake = {VCARD: VCARD_3, SWIFT_MT: MT103, LDIF: LDIF_ENTRY, DISTINGUISHED_NAME: SUBJECT,
             CONNECTION_USER: CONNECTION,
             POSIX_ID: "uid=1000(mthornton) gid=1000(mthornton)", SQL_VALUES: SQL}
    for r, text in awake.items():
        assert not r.idle(prose + text), r.name


def test_no_value_in_logs_or_reprs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    v = _veil(tmp_path)
    for text, values in _RECORDS_AND_VALUES:
        result = v.protect(text, session="s")
        shown = repr(result.entities) + caplog.text
        for value in values:
            assert value not in shown, value


@pytest.mark.parametrize(("text", "number"), [
    ("Okafor v. Brightwater Holdings LLC, No. 3:22-cv-01187-JAM (D. Conn.)", "3:22-cv-01187-JAM"),
    ("see case 24-CV-0913 today", "24-CV-0913"),
    ("2024-CR-004512 was filed", "2024-CR-004512"),
])
def test_a_court_case_number_by_its_shape(text: str, number: str) -> None:
    from veil.detect.builtin import COURT_CASE

    assert [d.text for d in COURT_CASE.analyze(text)] == [number]


@pytest.mark.parametrize("text", ["2024-01-15", "10:30-cv", "call 24-555-0913", "ISO 8601-2"])
def test_numbers_of_other_shapes_are_no_case(text: str) -> None:
    from veil.detect.builtin import COURT_CASE

    assert COURT_CASE.analyze(text) == []


def test_a_spanish_record_number_after_its_word() -> None:
    from veil.detect.builtin import MEDICAL_RECORD

    text = "Paciente: Maite Goikoetxea Arrieta, NHC 0045812, alergia a la penicilina."
    assert [d.text for d in MEDICAL_RECORD.analyze(text)] == ["0045812"]


@pytest.mark.parametrize(("text", "number"), [
    ("my order #BC-4471902 never arrived", "BC-4471902"),
    ("Where is my parcel? DHL 00340434161094042557", "00340434161094042557"),
    ("Executive Club no. 48812937", "48812937"),
])
def test_an_order_a_parcel_and_a_programme_number_after_their_words(text: str,
                                                                    number: str) -> None:
    from veil.detect.builtin import ACCOUNT_NUMBER

    assert [d.text for d in ACCOUNT_NUMBER.analyze(text)] == [number]


def test_an_order_of_things_is_no_order_number() -> None:
    from veil.detect.builtin import ACCOUNT_NUMBER

    assert ACCOUNT_NUMBER.analyze("In order to meet the 2024 deadline we ordered 15000 units") == []
