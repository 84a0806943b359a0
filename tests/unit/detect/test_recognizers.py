from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine

POSITIVE = [
    ("mail jane.doe@acme.com today", ("EMAIL", "jane.doe@acme.com")),
    ("card 4111 1111 1111 1111 exp 12/27", ("CREDIT_CARD", "4111 1111 1111 1111")),
    ("IBAN GB82 WEST 1234 5698 7654 32 please", ("IBAN", "GB82 WEST 1234 5698 7654 32")),
    ("SSN 123-45-6789.", ("US_SSN", "123-45-6789")),
    ("from 10.20.30.40 at noon", ("IP_ADDRESS", "10.20.30.40")),
    ("host 2001:db8::8a2e:370:7334 down", ("IP_ADDRESS", "2001:db8::8a2e:370:7334")),
    ("see https://example.com/a?b=1.", ("URL", "https://example.com/a?b=1")),
    ("nic 00:1a:2b:3c:4d:5e up", ("MAC_ADDRESS", "00:1a:2b:3c:4d:5e")),
    ("she was born on March 3, 1985 in", ("DATE_OF_BIRTH", "March 3, 1985")),
    ("DOB: 03/14/1985", ("DATE_OF_BIRTH", "03/14/1985")),
    ("key AKIAIOSFODNN7EXAMPLE here", ("SECRET", "AKIAIOSFODNN7EXAMPLE")),
    ("ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked",
     ("SECRET", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")),
    ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijkl",
     ("SECRET", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijkl")),
    ("password=hunter22!", ("SECRET", "hunter22!")),
    ("login: jdoe / pass: Summer2024!", ("SECRET", "Summer2024!")),
    ("card 4242 4242 4242 4242 exp 12/27 cvv 123", ("CARD_SECURITY_CODE", "123")),
    ("CVC2: 4567", ("CARD_SECURITY_CODE", "4567")),
    ("the security code is 987", ("CARD_SECURITY_CODE", "987")),
    ("Wire $25,000 to account 000123456789 at Chase", ("ACCOUNT_NUMBER", "000123456789")),
    ("sort code 20-00-00 acc 12345678", ("ACCOUNT_NUMBER", "12345678")),
    ("client ID: C-0098812", ("ACCOUNT_NUMBER", "C-0098812")),
    ("my social is 536228526", ("US_SSN", "536228526")),
    ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", ("SECRET", "sk_live_4eC39HqLyjWDarjtT1zdp7dc")),
    ("api token: 8fA9kL2mQ7xZ1pR4tV6wY3bN5cE0gH2j", ("SECRET", "8fA9kL2mQ7xZ1pR4tV6wY3bN5cE0gH2j")),
    ("btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
     ("CRYPTO_WALLET", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")),
    ("eth 0x52908400098527886E0F7030069857D2E4169EE7",
     ("CRYPTO_WALLET", "0x52908400098527886E0F7030069857D2E4169EE7")),
    ("passport number X12345678 valid", ("PASSPORT", "X12345678")),
    # a password right after its word, a PIN or a one-time code after theirs
    ("login jdoe2 password Tr0ub4dor&3", ("SECRET", "Tr0ub4dor&3")),
    ("pw hunter2! then", ("SECRET", "hunter2!")),
    # what the password opens between its word and its value
    ("The password for ssh root@203.0.113.5 is Tr0ub4dor&3", ("SECRET", "Tr0ub4dor&3")),
    ("the password for my bank account is hunter22", ("SECRET", "hunter22")),
    ("password for admin: Passw0rd123", ("SECRET", "Passw0rd123")),
    ("the password for my wifi is: changeme", ("SECRET", "changeme")),
    ("Reset the password for user jdoe to Welcome2024!", ("SECRET", "Welcome2024!")),
    ("my password 123456 never changed", ("SECRET", "123456")),
    ("PIN: 4821", ("SECRET", "4821")),
    ("my pin is 4821.", ("SECRET", "4821")),
    ("your verification code is 482913", ("SECRET", "482913")),
    ("OTP 48291377", ("SECRET", "48291377")),
    ("one-time passcode: 991204", ("SECRET", "991204")),
    ("cvv 123, exp 12/27", ("CARD_SECURITY_CODE", "123")),
    # the last digits of a number, typed by its word
    ("male, SSN ending in 6789, seen", ("US_SSN", "6789")),
    ("last four of my SSN: 6789", ("US_SSN", "6789")),
    ("visa ending with x1234", ("CREDIT_CARD", "1234")),
    ("the last 4 digits of the card are 4242", ("CREDIT_CARD", "4242")),
    ("Account ending 4521 was overdrawn", ("ACCOUNT_NUMBER", "4521")),
    ("mobile number ending 0199", ("PHONE", "0199")),
    # device identifiers and serials after their word; an IMEI is no card
    ("IMEI 490154203237518", ("DEVICE_ID", "490154203237518")),
    ("pacemaker serial: PM-44821X", ("DEVICE_ID", "PM-44821X")),
    ("serial number C02XK0ZJJG5H", ("DEVICE_ID", "C02XK0ZJJG5H")),
    # door codes and a lock's combination; ages over 89 (HIPAA's Safe Harbor removes them)
    ("the door code is 4821#", ("SECRET", "4821")),
    ("safe combination 12-34-56", ("SECRET", "12-34-56")),
    ("Age: 93", ("AGE", "93")),
    ("aged 91, lives alone", ("AGE", "91")),
    ("a 97-year-old woman presented", ("AGE", "97")),
    ("92 y/o male", ("AGE", "92")),
    ("Grandpa turned ninety-four last week", ("AGE", "ninety-four")),
    ("she is ninety two years old", ("AGE", "ninety two")),
    ("he turned a hundred and two in June", ("AGE", "a hundred and two")),
    # a quoted display name before an address, in any order of its names
    ('From: "Doe, Jane" <jdoe@corp.com>', ("PERSON", "Doe, Jane")),
    # and without quotes, as git's author and many mailers write it
    ('--author="Dmitri Volkov <dvolkov@corp.example>"', ("PERSON", "Dmitri Volkov")),
    ("From: Jonathan Reyes <jreyes@acme.io>", ("PERSON", "Jonathan Reyes")),
    ("Contact: Şazime Kısakürek <contact@example.com>", ("PERSON", "Şazime Kısakürek")),
    ("driver's license D1234567 expired", ("DRIVER_LICENSE", "D1234567")),
    # a variable that names a secret, in an environment file, configuration or code
    ("export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
     ("SECRET", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
    ("DB_PASSWORD=hunter2222", ("SECRET", "hunter2222")),
    ("GITHUB_TOKEN: 8f3a9c2d7e1b4f6a", ("SECRET", "8f3a9c2d7e1b4f6a")),
    ("SECRET_KEY_BASE=9a8b7c6d5e4f3a2b1c", ("SECRET", "9a8b7c6d5e4f3a2b1c")),
    ('const stripeApiKey = "rk_9s8d7f6g5h4j3k2l"', ("SECRET", "rk_9s8d7f6g5h4j3k2l")),
    ('{"apiToken": "abc123def456ghi"}', ("SECRET", "abc123def456ghi")),
    ("dbPassword: Tr0ub4dor", ("SECRET", "Tr0ub4dor")),
    # a booking's reference: with the traveller's surname it opens the booking
    ("ticket from booking ref QX7PLM for", ("ACCOUNT_NUMBER", "QX7PLM")),
    ("PNR: ABCDEF", ("ACCOUNT_NUMBER", "ABCDEF")),
    ("your confirmation number is 84721953", ("ACCOUNT_NUMBER", "84721953")),
    ("record locator X9Y8Z7, seat 14C", ("ACCOUNT_NUMBER", "X9Y8Z7")),
    # an apostrophe inside an address's local part
    ("email from j.o'brien@firm.ie re: the settlement", ("EMAIL", "j.o'brien@firm.ie")),
    ("'john@example.com'", ("EMAIL", "john@example.com")),
    # an AWS secret access key after its key id, however they are joined
    ("AKIAZ3MHQ7R5EXAMPLE1 / 9fJ2kQ+xv8Lp0aZ7tYw3mN1bC4dE6gH5iJ8kL0mN",
     ("SECRET", "9fJ2kQ+xv8Lp0aZ7tYw3mN1bC4dE6gH5iJ8kL0mN")),
    ("ASIAZ3MHQ7R5EXAMPLE1,9fJ2kQxv8Lp0aZ7tYw3mN1bC4dE6gH5iJ8kL0mN9\n",
     ("SECRET", "9fJ2kQxv8Lp0aZ7tYw3mN1bC4dE6gH5iJ8kL0mN9")),
    # a health insurer's number for one person after its word
    ("полис ОМС 7712345678901234", ("NATIONAL_ID", "7712345678901234")),
    ("Versichertennummer A123456780", ("NATIONAL_ID", "A123456780")),
    # an insurance card's group and member numbers on their bare words
    ("insurance: BlueCross PPO, member XEP987654321, group 0045521",
     ("ACCOUNT_NUMBER", "0045521")),
    ("insurance: BlueCross PPO, member XEP987654321, group 0045521",
     ("ACCOUNT_NUMBER", "XEP987654321")),
    ("Member ID 9928374650 Group 1200-5531", ("ACCOUNT_NUMBER", "1200-5531")),
    ("BIN 610014 PCN MEDDPRIMARY RxGrp 0045521", ("ACCOUNT_NUMBER", "0045521")),
    # a public health plan's number, a CURP whose check fails after its word, a German
    # social insurance number with its letter
    ("Medicaid ID: 12345678901", ("ACCOUNT_NUMBER", "12345678901")),
    ("CURP: GOMA850101MJCRRN01", ("MX_CURP", "GOMA850101MJCRRN01")),
    ("Ihre Versicherungsnummer lautet 12 180392 M 504.", ("NATIONAL_ID", "12 180392 M 504")),
    ("national ID 12345 A big deal", ("NATIONAL_ID", "12345")),  # a letter after: no group
    # a British doctor's register number on its bare word
    ("referred by Dr. Yusuf Al-Hakim (GMC 7012345).", ("LICENSE_NUMBER", "7012345")),
    # the code after a card's number and its expiry
    ("Visa 4111-1111-1111-1111 12/27 123", ("CARD_SECURITY_CODE", "123")),
    ("4111 1111 1111 1111 01/2030 4567 thanks", ("CARD_SECURITY_CODE", "4567")),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_detects(pattern_engine: DetectionEngine, found, text: str,  # type: ignore[no-untyped-def]
                 expected: tuple[str, str]) -> None:
    assert expected in found(pattern_engine, text)


NEGATIVE = [
    # (after their own words, "card", "IBAN", these are masked all the same: a typo)
    "ref 4111 1111 1111 1112 declined",  # bad Luhn
    "acct GB83 WEST 1234 5698 7654 32",  # bad check digits
    "order 666-45-6789 shipped",  # invalid area, no word
    "if a < b and c > d",  # no address after the bracket
    "price: 12/27 of the budget 123; page 1 of 12/27",  # no card before the month
    "group 2 results from 2019-2023 were published",  # "group" and no insurance
    "the working group 12345 met on Friday",
    "version 999.1.1.1 shipped",
    "order X12345678 shipped",  # passport-shaped, no context
    "ERROR 2024-01-01 12:00:00 worker=3 retry=5",
    "see 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 above",  # bad base58check, no coin's word
    "the cache key is configurationmanagerfactory",  # low-entropy word near a key word
    "pass: completed, fail: none",  # "pass" is a value only with a digit or a symbol
    "the pass is expired2024",  # "pass is" is prose
    "room 123, code 456",  # three digits without a word that names a card's code
    "cvv 12345 and cvv 1.23",  # not three or four digits
    "password reset link expired",  # a password's value holds a digit or a symbol
    "The password for the account is required",
    "The password for this is 12 characters long",
    "the password for user jdoe to log in with",
    "the password policy requires 12 characters",
    "reset your password. Then log in",
    "password (required) for 2FA",
    "pin 3 of the connector, pin 12",  # a PIN has four to eight digits
    "the OTP expires in 300 seconds",  # "in" is not a digit: the code is no code
    "the series ended in 2019, the meeting ends at 5",
    "the last four years of the account were good",
    "the card game ends in 12,345 points",
    "Age: 45, a 60-year-old man",  # ages up to 89 stay in the clear
    "page 93 of the report, stage 94, average 95",
    "we scored ninety points; ninety-nine problems; turned ninety degrees",
    'say "hello" <b>bold</b>',  # quotes before a tag, not an address
    "DB_PASSWORD=${DB_PASSWORD}",  # a reference to another variable
    "TOKEN_EXPIRY=3600000 and MAX_TOKENS=4096",  # a secret's word naming something else
    "db_password=os.environ.get",
    'DB_PASSWORD: "<your-db-password>"',  # a template's stand-in
    "booking reference SENT to you",  # neither a digit nor six capitals
]


def test_a_date_without_birth_context_is_a_date_not_a_birth_date(
        pattern_engine: DetectionEngine, found) -> None:  # type: ignore[no-untyped-def]
    assert found(pattern_engine, "the meeting is on 2024-06-14") == [("DATE_TIME", "2024-06-14")]


def test_an_aws_key_ids_neighbour_is_its_secret_only_in_a_keys_shape(
        pattern_engine: DetectionEngine, found) -> None:  # type: ignore[no-untyped-def]
    # forty letters of one case, or the secret's shape glued to more: no secret access key
    for tail in ("a" * 40, "9fJ2kQ+xv8Lp0aZ7tYw3mN1bC4dE6gH5iJ8kL0mNx"):
        assert found(pattern_engine, f"AKIAZ3MHQ7R5EXAMPLE1 / {tail}") == [
            ("SECRET", "AKIAZ3MHQ7R5EXAMPLE1")]


@pytest.mark.parametrize("text", NEGATIVE)
def test_rejects(pattern_engine: DetectionEngine, found, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(pattern_engine, text) == []


def test_pem_block_is_one_secret(pattern_engine: DetectionEngine) -> None:
    pem = ("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu\n"
           "-----END RSA PRIVATE KEY-----")
    ds = pattern_engine.analyze(f"key:\n{pem}\nthanks")
    assert [(d.type, d.text) for d in ds] == [("SECRET", pem)]


@pytest.mark.parametrize(("line", "comment"), [
    ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA jdoe@jdoe-laptop", "jdoe@jdoe-laptop"),
    ("authorized_keys: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG4rT3vTt99Ox5kndS4HmgTrKBT8SKz"
     " root@web-01", "root@web-01"),
    ("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAy", None),
])
def test_an_ssh_public_key_and_its_comment(pattern_engine: DetectionEngine, line: str,
                                           comment: str | None) -> None:
    # one person's key (a key server or a code host answers for it), and its user and machine
    found = {(d.type, d.text) for d in pattern_engine.analyze(line)}
    key = line.split("AAAA", 1)[1].split(" ", 1)[0]
    assert ("SECRET", "AAAA" + key) in found
    if comment is not None:
        assert ("USERNAME", comment) in found


def test_context_boosts_score(pattern_engine: DetectionEngine) -> None:
    plain = pattern_engine.analyze("4111111111111111")[0].score
    boosted = pattern_engine.analyze("credit card 4111111111111111")[0].score
    assert boosted > plain


def test_ipv6_with_port(pattern_engine: DetectionEngine, found) -> None:  # type: ignore[no-untyped-def]
    ip = "3fe2:8ec5:a447:d1bc:3e76:f375:aa74:503a"
    assert ("IP_ADDRESS", ip) in found(pattern_engine, f"connected to {ip}:8080 ok")


@pytest.mark.parametrize(("name", "text", "value"), [
    ("MEDICAL_RECORD", "Pt. admitted (DOB 03/14/1962, MRN 00482913) on Monday.", "00482913"),
    ("MEDICAL_RECORD", "Medical record number: A-2231987.", "A-2231987"),
    ("MEDICAL_RECORD", "Chart #55102-B was updated.", "55102-B"),
    ("MEDICAL_RECORD", "hospital no. H0049912, ward 4", "H0049912"),
    ("ACCOUNT_NUMBER", "Routing 021000021 and acct 000123456789 at Chase.", "000123456789"),
    ("ACCOUNT_NUMBER", "Member ID: XJH449120377, group 77801.", "XJH449120377"),
    ("ACCOUNT_NUMBER", "Policy number POL-2024-883921 for the claim.", "POL-2024-883921"),
    ("ACCOUNT_NUMBER", "Kontonummer 0532013000 bei der Sparkasse.", "0532013000"),
    ("ACCOUNT_NUMBER", "Your claim CLM-2024-88123 is approved.", "CLM-2024-88123"),
    # a parcel's tracking number opens its shipment, address and recipient
    ("ACCOUNT_NUMBER", "My UPS tracking number is 1Z999AA10123456784.", "1Z999AA10123456784"),
    ("ACCOUNT_NUMBER", "Tracking: 9400111899223856928499", "9400111899223856928499"),
    # a loan's number and a wire's reference open one person's file at the bank
    ("ACCOUNT_NUMBER", "Loan #LN-99182734 for Mr & Mrs Abernathy", "LN-99182734"),
    ("ACCOUNT_NUMBER", "Wire ref FT24157XYZ89 from SWIFT BOFAUS3N", "FT24157XYZ89"),
    ("MEDICAL_RECORD", "Lab accession 24-CH-118822 for Kowalczyk", "24-CH-118822"),
    ("CASE_NUMBER", "Client matter 2024-0173 re: the estate", "2024-0173"),
    ("ACCOUNT_NUMBER", "my QQ is 1234567890, add me", "1234567890"),
])
def test_record_and_account_numbers_after_their_name(name: str, text: str, value: str) -> None:
    from veil.detect import builtin

    assert [d.text for d in getattr(builtin, name).analyze(text)] == [value]


@pytest.mark.parametrize("text", [
    "Our MRN process changed in 2021.",  # a year: too short for a record number
    "The order number is 00482913.",  # no record named
    "Medical records were moved to building 12345 last year and then some more",  # too far
])
def test_no_medical_record_number_without_its_name(text: str) -> None:
    from veil.detect.builtin import MEDICAL_RECORD

    assert MEDICAL_RECORD.analyze(text) == []


def test_vehicle_identification_numbers_after_vin() -> None:
    from veil.detect.builtin import VEHICLE_ID

    assert [d.text for d in VEHICLE_ID.analyze("VIN 1HGCM82633A004352, owner Desmond")] == [
        "1HGCM82633A004352"]
    assert VEHICLE_ID.analyze("The VIN field holds 1HGCM82633A00435 (16 characters)") == []
    assert VEHICLE_ID.analyze("Serial 1HGCM82633A004352 of the router") == []  # no VIN named


@pytest.mark.parametrize(("text", "value"), [
    ("export DATABASE_URL=postgres://admin:S3cr3tP@ss@db.internal:5432/prod", "S3cr3tP@ss"),
    ("redis://:hunter2pass@cache:6379/0", "hunter2pass"),
    ("mongodb+srv://app:Zx9!q@cluster0.abc.mongodb.net/test", "Zx9!q"),
])
def test_connection_string_passwords_are_secrets(text: str, value: str) -> None:
    from veil.detect.builtin import SECRET

    assert value in [d.text for d in SECRET.analyze(text)]
    # the password, not the e-mail address its "@" seems to start, is what the engine keeps
    got = DetectionEngine(Policy(ner=False)).analyze(text)
    assert [(d.type, d.text) for d in got if d.type in ("SECRET", "EMAIL")] == [("SECRET", value)]


def test_the_card_line_scan_from_its_mark_equals_the_full_scan() -> None:
    from veil.detect.builtin import CARD_LINE_CODE

    from .scans import assert_anchored_equals_full

    pieces = ("4111", "1111", "4111-1111-1111-1111", "4111 1111 1111 1111", "12/27", "01/2030",
              "123", "4567", "1", "-", "x", "exp", "é", "4111 1111 1111 1111 12/27 123",
              "4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1 01/27 1234")
    assert_anchored_equals_full(CARD_LINE_CODE._compiled[0][0], pieces,
                                (" ", " ", "", "-", "\n", "/"), seed=37, least=100)


def test_the_display_name_scan_from_its_mark_equals_the_full_scan() -> None:
    from veil.detect.builtin import DISPLAY_NAME

    from .scans import assert_anchored_equals_full

    pieces = ("Jane", "Doe", "Dmitri Volkov", "x", "<", "jdoe@corp.com>", '"', "a", "C", "é",
              "<b@c.d>", "--author=", '"Doe, Jane" <jdoe@corp.com>', "Dmitri Volkov <dv@x.io>")
    for scan, _s, _c in DISPLAY_NAME._compiled:
        assert_anchored_equals_full(scan, pieces, (" ", "", " ", "\t", "\n"), seed=37,
                                    least=100)
