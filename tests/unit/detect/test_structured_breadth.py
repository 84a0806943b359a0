"""Structured classes: IPv6 forms, CIDR, SSN separators, card lengths, IBAN separators, taproot,
IDN e-mails and domains, national identifiers, dates, phone-region policy, titles.

Pattern engine only (no model load): these run in well under a second.
"""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine


@pytest.mark.parametrize("value", [
    "fe80::1%eth0", "::ffff:192.0.2.128", "::1", "::", "2001:db8::/32", "2001:db8::",
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[::1]",
])
def test_ipv6_forms_are_masked_whole(pattern_engine: DetectionEngine, found, value: str) -> None:
    text = f"the host {value} answered"
    want = value.strip("[]")
    assert ("IP_ADDRESS", want) in found(pattern_engine, text)


@pytest.mark.parametrize("text", ["a = b[::2]", "std::vector<int>", "x[::-1]", "a::b"])
def test_code_colons_are_not_ipv6(pattern_engine: DetectionEngine, found, text: str) -> None:
    assert not [t for t, _ in found(pattern_engine, text) if t == "IP_ADDRESS"]


def test_ipv4_cidr_is_an_ip_not_a_phone(pattern_engine: DetectionEngine, found) -> None:
    assert found(pattern_engine, "allow 10.0.0.0/8 and 192.168.1.0/24") == [
        ("IP_ADDRESS", "10.0.0.0/8"), ("IP_ADDRESS", "192.168.1.0/24")]


@pytest.mark.parametrize("text,value", [
    ("SSN 536.22.8526 on file", "536.22.8526"),
    ("SSN 536 22 8526 on file", "536 22 8526"),
    ("my ssn is 536228526", "536228526"),
    ("social security number: 536-22-8526, phone number below", "536-22-8526"),
])
def test_ssn_any_separator_beats_phone(pattern_engine: DetectionEngine, found, text: str,
                                       value: str) -> None:
    assert ("US_SSN", value) in found(pattern_engine, text)


@pytest.mark.parametrize("card", ["378282246310005", "6200000000000005", "4222222222222",
                                  "6222021234567890128", "30569309025904", "3782 822463 10005"])
def test_cards_of_every_length(pattern_engine: DetectionEngine, found, card: str) -> None:
    assert found(pattern_engine, f"card {card} please") == [("CREDIT_CARD", card)]


@pytest.mark.parametrize("iban", ["DE89-3704-0044-0532-0130-00", "DE89 3704 0044 0532 0130 00",
                                  # mod-97 valid, bank code stdnum's Belgian module rejects
                                  "BE71096123456769"])
def test_iban_separators_and_mod97(pattern_engine: DetectionEngine, found, iban: str) -> None:
    from stdnum import iban as std

    assert std.is_valid(iban.replace("-", ""), check_country=False)
    assert ("IBAN", iban) in found(pattern_engine, f"IBAN: {iban}.")


def test_taproot_address(pattern_engine: DetectionEngine, found) -> None:
    addr = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
    assert found(pattern_engine, f"send to {addr} now") == [("CRYPTO_WALLET", addr)]
    broken = addr[:-1] + "1"
    assert found(pattern_engine, f"send to {broken} now") == []


@pytest.mark.parametrize("email", ["jürgen@müller.de", "user@xn--mller-kva.de",
                                   "zoë.dupré@société.fr"])
def test_idn_and_punycode_emails(pattern_engine: DetectionEngine, found, email: str) -> None:
    assert found(pattern_engine, f"write to {email} today") == [("EMAIL", email)]


def test_email_against_chinese_text(pattern_engine: DetectionEngine, found) -> None:
    assert ("EMAIL", "zhang.wei@example.com") in found(
        pattern_engine, "邮箱是zhang.wei@example.com，谢谢")


@pytest.mark.parametrize("text,domains", [
    ("see acme-payroll.com and bücher.de", ["acme-payroll.com", "bücher.de"]),
    ("run setup.py, read README.md, call user.name and df.to(x)", []),
    ("ASP.NET and U.S.A are not hosts", []),
    # the path goes with its host: it holds the person ("/in/jane-doe-123"), not the host
    ("github.com/janedoe42 and linkedin.com/in/jane-doe-123.",
     ["github.com/janedoe42", "linkedin.com/in/jane-doe-123"]),
    ("(example.com/a?b=1), setup.py/x", ["example.com/a?b=1"]),
])
def test_bare_domains(pattern_engine: DetectionEngine, found, text: str,
                      domains: list[str]) -> None:
    assert [v for t, v in found(pattern_engine, text) if t == "URL"] == domains


@pytest.mark.parametrize("text,kind,value", [
    ("NHS number 943 476 5919", "UK_NHS", "943 476 5919"),
    ("NINO: AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C"),
    ("national insurance number ZZ 91 41 77 T", "UK_NINO", "ZZ 91 41 77 T"),
    ("SIN 278 018 460", "CA_SIN", "278 018 460"),
    ("Aadhaar 2341 2341 2346", "IN_AADHAAR", "2341 2341 2346"),
    ("PAN ABCPE1234F", "IN_PAN", "ABCPE1234F"),
    ("身份证号11010519491231002X，谢谢", "CN_RESIDENT_ID", "11010519491231002X"),
    ("NIR 1 72 02 32 013 121 26", "FR_NIR", "1 72 02 32 013 121 26"),
    ("Steuer-ID 86095742719", "DE_TAX_ID", "86095742719"),
    ("DNI 12345678Z", "ES_NIF", "12345678Z"),
    ("NIE X1234567L", "ES_NIE", "X1234567L"),
    ("codice fiscale RSSMRA85T10A562S", "IT_FISCAL_CODE", "RSSMRA85T10A562S"),
    ("CPF 111.444.777-35", "BR_CPF", "111.444.777-35"),
    ("CNPJ 11.222.333/0001-81", "BR_CNPJ", "11.222.333/0001-81"),
    ("ITIN 912-70-1234", "US_ITIN", "912-70-1234"),
    ("routing number 021000021", "ABA_ROUTING", "021000021"),
    ("my BSN is 111222333", "NL_BSN", "111222333"),
    ("burgerservicenummer: 123456782", "NL_BSN", "123456782"),
    ("sofi-nummer 1112.22.333", "NL_BSN", "1112.22.333"),
    ("BSN 12345672 (zonder voorloopnul)", "NL_BSN", "12345672"),
    ("TFN 123 456 782", "AU_TFN", "123 456 782"),
    ("my tax file number is 123-456-782", "AU_TFN", "123-456-782"),
    ("Medicare MBI 1EG4-TE5-MK73", "US_MBI", "1EG4-TE5-MK73"),
    ("medicare beneficiary id 1eg4te5mk73.", "US_MBI", "1eg4te5mk73"),
    ("EIN 12-3456789", "US_EIN", "12-3456789"),
    ("Tax ID: 04-3456789, filed", "US_EIN", "04-3456789"),
    # the worked example of the SIN's check digit: Luhn-valid, starts with 0
    ("SIN 046 454 286", "CA_SIN", "046 454 286"),
    ("my SIN number is 046-454-286", "CA_SIN", "046-454-286"),
    ("NAS : 046 454 286", "CA_SIN", "046 454 286"),
    ("social insurance no. on file, 046 454 286", "CA_SIN", "046 454 286"),
])
def test_national_ids(pattern_engine: DetectionEngine, found, text: str, kind: str,
                      value: str) -> None:
    assert (kind, value) in found(pattern_engine, text)


# (a DNI's or a NIR's shape after its word is masked whatever its check: a typo, a sample;
# test_labelled_values.py)
@pytest.mark.parametrize("text", ["SIN 278 018 461", "ref 12345678A", "no. 1 72 02 32 013 121 27",
                                  "routing 021000022", "Order 021000021 shipped"])
def test_national_ids_need_their_checksum_or_context(pattern_engine: DetectionEngine, found,
                                                     text: str) -> None:
    kinds = {t for t, _ in found(pattern_engine, text)}
    assert not kinds & {"CA_SIN", "ES_NIF", "FR_NIR", "ABA_ROUTING"}


@pytest.mark.parametrize("text,kind", [
    # check digit wrong
    ("my BSN is 111222334", "NL_BSN"),
    ("TFN 123 456 783", "AU_TFN"),
    ("SIN 046 454 287", "CA_SIN"),
    ("SIN 823 456 785", "CA_SIN"),  # Luhn-valid, but 8 starts no SIN
    ("Medicare MBI 1EG4-TS5-MK73", "US_MBI"),  # S is never used
    ("Medicare MBI 0EG4-TE5-MK73", "US_MBI"),  # nor 0 first
    # valid, but nothing says what the number is
    ("Order 111222333 shipped", "NL_BSN"),
    ("ref 123 456 782 attached", "AU_TFN"),
    ("ref 123 456 782 attached", "CA_SIN"),
    ("part 1EG4-TE5-MK73 in stock", "US_MBI"),
    ("EIN 00-3456789", "US_EIN"),  # no IRS campus has prefix 00
    ("ref 12-3456789 attached", "US_EIN"),
    ("SKU 1EG4TE5MK73", "US_MBI"),
])
def test_new_national_ids_need_checksum_and_context(pattern_engine: DetectionEngine, found,
                                                    text: str, kind: str) -> None:
    assert kind not in {t for t, _ in found(pattern_engine, text)}


@pytest.mark.parametrize("text,value", [
    # Luhn-valid Spanish and Portuguese mobiles next to "sin" (without) and "nas" (in the)
    ("Llámame sin falta al 612 345 678", "612 345 678"),
    ("el precio sin IVA es 612 345 678", "612 345 678"),
    ("Ligue para 912 345 675 nas horas de expediente", "912 345 675"),
    # right after the label, but the check digit is wrong
    ("sin 046 454 287", "046 454 287"),
])
def test_sin_word_nearby_leaves_a_phone_a_phone(pattern_engine: DetectionEngine, found,
                                                text: str, value: str) -> None:
    from veil.detect.national import CA_SIN

    # the mobiles pass the SIN's check: only the distance from the word keeps them phones
    assert CA_SIN.validate is not None
    assert CA_SIN.validate(value) is (not value.endswith("287"))
    assert found(pattern_engine, text) == [("PHONE", value)]


@pytest.mark.parametrize("text,value", [
    ("my BSN is 111222333", "111222333"),
    ("BSN: 123 456 782, bel me", "123 456 782"),
])
def test_bsn_with_its_word_beats_ssn_and_phone(pattern_engine: DetectionEngine, found,
                                               text: str, value: str) -> None:
    assert found(pattern_engine, text) == [("NL_BSN", value)]
    # the same digits after an SSN's word stay an SSN
    bare = value.replace(" ", "")
    assert found(pattern_engine, f"SSN {bare}") == [("US_SSN", bare)]


def test_new_national_patterns_anchored_equal_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    from veil.detect import patterns
    from veil.detect.national import AU_TFN, CA_SIN, CA_SIN_LABELLED, NL_BSN, US_EIN, US_MBI

    texts = ["SIN 046 454 286", "sin:046-454-286", "my SIN   number  is 046454286 ok",
             "NAS numéro : est 046 454 286", "SIN No.: 046 454 286/7", "xsin 046 454 286",
             "sin 12046 454 286", "SIN 046 454 2861", "SIN number is is 046 454 286",
             "BSN 1112.22.333 en 111.222.333, 12345672; 1.111222333", "TFN 123-456-78 2",
             "MBI 1EG4-TE5-MK73 1EG4 TE5 MK73 1EG4-TE5 MK73 21EG4TE5MK73 1eg4te5mk73x",
             "social insurance 123 456 782 and 046-454-286",
             "EIN 12-3456789, 112-3456789 12-34567890 x12-3456789 tax id:04-3456789"]
    recs = (CA_SIN, CA_SIN_LABELLED, NL_BSN, AU_TFN, US_MBI, US_EIN)
    anchored = [[(d.start, d.end) for d in r.analyze(t)] for r in recs for t in texts]
    monkeypatch.setattr(patterns, "ANCHORED", False)
    assert [[(d.start, d.end) for d in r.analyze(t)] for r in recs for t in texts] == anchored
    assert any(anchored)


@pytest.mark.parametrize("text,value", [
    ("Meeting on 12 mars 2024.", "12 mars 2024"),
    ("Termin am 15. März 2024", "15. März 2024"),
    ("el 3 de mayo de 2021", "3 de mayo de 2021"),
    ("会议在2023年5月12日举行", "2023年5月12日"),
    ("due March 15, 2024", "March 15, 2024"),
    ("due 2024-03-15", "2024-03-15"),
])
def test_dates_in_several_languages(pattern_engine: DetectionEngine, found, text: str,
                                    value: str) -> None:
    assert ("DATE_TIME", value) in found(pattern_engine, text)


def test_birth_dates_are_dates_of_birth(pattern_engine: DetectionEngine, found) -> None:
    assert ("DATE_OF_BIRTH", "12 mars 1985") in found(pattern_engine, "née le 12 mars 1985")
    # a record's compact "key:value" (a colon after a word; not a time's "12:2024-...")
    assert found(pattern_engine, "DOB:1985-03-04;SSN:536228743") == [
        ("DATE_OF_BIRTH", "1985-03-04"), ("US_SSN", "536228743")]
    assert found(pattern_engine, "Option 5 may work; log 2024-01-01T10:00:00Z") == []


def test_dates_can_be_turned_off_by_policy(found) -> None:
    engine = DetectionEngine(Policy(ner=False, entities={"DATE_TIME": {"enabled": False}}))
    assert found(engine, "Meeting on 12 mars 2024.") == []


def test_bare_digits_are_not_phones_without_context_or_region(found) -> None:
    plain = DetectionEngine(Policy(ner=False))
    assert found(plain, "Reference 4155552671 attached") == []
    assert found(plain, "call me at 4155552671") == [("PHONE", "4155552671")]
    assert found(plain, "reach me at (415) 555-2671") == [("PHONE", "(415) 555-2671")]
    us = DetectionEngine(Policy(ner=False, phone_regions=["US"]))
    assert found(us, "Reference 4155552671 attached") == [("PHONE", "4155552671")]


def test_new_types_have_synthetic_values() -> None:
    import random

    from faker import Faker

    from veil.detect.national import CN_RESIDENT_ID, FR_NIR, UK_NHS
    from veil.mask.synthetic import generate

    rng, fake = random.Random(1), Faker("en_US")
    for rec, value in ((UK_NHS, "943 476 5919"), (FR_NIR, "1 72 02 32 013 121 26"),
                       (CN_RESIDENT_ID, "11010519491231002X")):
        out = generate(rec.entity, value, rng, fake)
        assert out != value and rec.validate is not None and rec.validate(out) is True


def test_new_national_ids_have_synthetic_values_that_read_as_them() -> None:
    import random

    from faker import Faker

    from veil.detect.national import AU_TFN, NL_BSN, US_EIN, US_MBI
    from veil.mask.synthetic import generate

    rng, fake = random.Random(2), Faker("en_US")
    for rec, value in ((NL_BSN, "111222333"), (AU_TFN, "123 456 782"), (US_EIN, "12-3456789")):
        for _ in range(20):
            out = generate(rec.entity, value, rng, fake)
            assert out != value and rec.validate is not None and rec.validate(out) is True
    for value in ("1EG4-TE5-MK73", "1eg4te5mk73"):
        for _ in range(20):  # the layout's letters and first digit, which the pattern checks
            out = generate(US_MBI.entity, value, rng, fake)
            assert out != value
            assert [d.text for d in US_MBI.analyze(f"medicare mbi {out}")] == [out]


def test_a_synthetic_age_is_over_89_again() -> None:
    import random

    from faker import Faker

    from veil.mask.synthetic import generate

    rng, fake = random.Random(3), Faker("en_US")
    for value in ("93", "101"):
        ages = {int(generate("AGE", value, rng, fake)) for _ in range(30)}
        assert min(ages) >= 90 and len(ages) > 1
