from __future__ import annotations

import pytest

from veil.detect.phone import PhoneRecognizer

REC = PhoneRecognizer()


def phones(text: str) -> list[str]:
    return sorted(d.text for d in REC.analyze(text) if d.score >= 0.5)


@pytest.mark.parametrize("number", ["+44 20 7946 0958", "(415) 555-2671", "415-555-2671",
                                    "+49 30 901820", "030 901820", "01 42 68 53 00",
                                    "+91 98765 43210", "020 7946 0958", "+1-212-555-0199"])
def test_formats(number: str) -> None:
    assert number in phones(f"call me at {number} tomorrow")


@pytest.mark.parametrize("text", ["released 2024-01-15 at 12:30", "host 192.168.10.20",
                                  "the restaurant is at 344 2272 Cedarstone Drive",
                                  "order 1234567",
                                  # a log's time stamp in brackets
                                  "[2024-03-01 10:22:13] INFO login ok",
                                  "(2024-03-01 10:22:13) done"])
def test_not_phones(text: str) -> None:
    assert phones(text) == []


def test_bare_short_number_needs_context() -> None:
    assert phones("ref 7946095 ok") == []
    assert phones("phone: 7946095") == ["7946095"]
    assert phones("Called from 555-0199 about his claim") == ["555-0199"]  # "called" too


@pytest.mark.parametrize("text", [
    "मेरा फोन 9876543210 है",  # Hindi
    "ورقم هاتفي 0501234567",  # Arabic, the word joined to "and" and "my"
    "мой телефон 7946095",  # Russian
    "meu celular 7946095", "mijn telefoon 7946095", "電話 7946095", "전화번호 7946095",
])
def test_a_phone_word_in_more_languages(text: str) -> None:
    number = text.split()[-1] if text.split()[-1].isdigit() else text.split()[-2]
    assert phones(text) == [number]


def test_a_six_digit_run_is_never_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # fewer than 7 digits never score as a phone, whatever region parses them: such a run
    # (an order number, a postcode) is not parsed in each region only to be refused
    import phonenumbers

    parsed: list[str] = []
    real = phonenumbers.parse

    def counting(number: str, region: str | None = None, *a: object, **k: object) -> object:
        parsed.append(number)
        return real(number, region, *a, **k)

    monkeypatch.setattr(phonenumbers, "parse", counting)
    rec = PhoneRecognizer()  # its own parse memo
    text = "order 123456 and 654 321 shipped" + " on time" * 6 + "; call 415-555-2671"
    assert [d.text for d in rec.analyze(text)] == ["415-555-2671"]
    assert parsed == ["415-555-2671"]
    # a six-digit run beside a phone word is still read as a short number
    assert [d.text for d in rec.analyze("phone: 654 321")] == ["654 321"]
