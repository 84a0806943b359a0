"""Values in text that copy and paste broke: a line wrap inside a number or a street, words
hyphenated at a line's end, a PDF's page number inside a paragraph, OCR's look-alike digits,
dot leaders and wide gaps in forms, a table's labels and values on lines of their own; and
shapes that were read wrongly (an airline segment or a card statement's line as a street)."""

from __future__ import annotations

import re

import pytest

from tests.unit.detect.masking import masked_text
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.normalize import normalize


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _pieces(value: str, n: int = 4) -> list[str]:
    """Every run of ``n`` characters of the value's letters and digits (no blanks): none of
    them may remain in the masked text."""
    flat = re.sub(r"[\W_]", "", value)
    return [flat[i:i + n] for i in range(len(flat) - n + 1)]


def _assert_masked(out: str, values: tuple[str, ...], words: tuple[str, ...]) -> None:
    flat = re.sub(r"[\W_]", "", out)
    for value in values:
        for piece in _pieces(value):
            assert piece not in flat, piece
    for word in words:
        assert word in out, word


@pytest.mark.parametrize(("text", "values", "words"), [
    # an IBAN, a card, a phone, an NHS number wrapped by a narrow column
    ("Please pay the outstanding balance to IBAN: DE89 3704\n0044 0532 0130 00 by Friday.",
     ("DE89370400440532013000",), ("outstanding balance", "Friday")),
    ("The card we have on file is 4539 1488 0343\n6467 and it expires next month.",
     ("4539148803436467",), ("on file", "expires")),
    ("Caller ID showed 020 7946 0\n018; she asked for a callback.",
     ("02079460018",), ("Caller ID", "callback")),
    ("Her NHS number is 943 476\n5919 and she is registered at the surgery.",
     ("9434765919",), ("registered", "surgery")),
    # a quoted reply's marks on the next line
    ("> My new mobile is 07700 900\n> 461 and that is the one to use.",
     ("07700900461",), ("mobile", "the one to use")),
    # a street over two lines
    ("The tenant resides at 47 Larkspur\nAvenue, Croydon CR0 2AB and pays monthly.",
     ("47 Larkspur", "CR02AB"), ("tenant", "pays monthly")),
    # a hyphen at the line's end: the number's own
    ("SSN on the application: 078-05-\n1120; thanks.", ("078051120",), ("application",)),
    ("Please send it to margaret.ashdown-\nfellowes@harrowgate-legal.co.uk today.",
     ("margaretashdown", "fellowesharrowgate"), ("Please send", "today")),
    # a PDF's page number between a number's halves
    ("The tenant may be reached at 07700\n- 4 -\n900461 for the inspection.",
     ("07700900461",), ("tenant", "inspection")),
    ("Applicant resides at 19 Coldharbour\n\n17\n\nLane, Dorking RH4 1LT, renewing.",
     ("19 Coldharbour", "RH41LT"), ("Applicant", "renewing")),
])
def test_a_value_a_wrap_broke_is_masked_whole(engine: DetectionEngine, text: str,
                                              values: tuple[str, ...],
                                              words: tuple[str, ...]) -> None:
    _assert_masked(masked_text(engine, text), values, words)


def test_a_column_of_numbers_is_not_joined(engine: DetectionEngine) -> None:
    """One number a line is a column, not a wrapped sentence: "2019⏎2020" is no phone."""
    text = "Year\n2019\n2020\n2021\nTotals\n1450\n2210 units"
    assert masked_text(engine, text) == text


def test_hyphenation_and_page_numbers_read_as_one_word_in_the_view() -> None:
    view = normalize("Mrs Hannelore Mül-\nler and Mr Bertrand\n\n- 2 -\n\nOkonjo-\nWhitfield")
    assert view.text == "Mrs Hannelore Müller and Mr Bertrand Okonjo-Whitfield"
    # the offsets map back to the original characters
    start = view.text.index("Müller")
    s, e = view.to_original(start, start + len("Müller"))
    assert view.original[s:e] == "Mül-\nler"
    start = view.text.index("Bertrand Okonjo")
    s, e = view.to_original(start, start + len("Bertrand Okonjo"))
    assert view.original[s:e] == "Bertrand\n\n- 2 -\n\nOkonjo"
    # a sentence's end before a number alone, and a list's dash, stay as they are
    for text in ("It ended.\n\n17\n\nThe next", "- one -\n- two", "well-\n- known"):
        assert normalize(text).text == text


@pytest.mark.parametrize(("text", "digits"), [
    ("Date of Birth: l4/O8/l962", "14/08/1962"),
    ("SSN: O78-O5-ll2O today", "078-05-1120"),
    ("NI Number JT4829l5B recorded", "JT482915B"),
    ("Card No. 4S39 l488 O343 6467", "4539 1488 0343 6467"),
])
def test_ocr_look_alike_digits_read_as_digits(text: str, digits: str) -> None:
    assert digits in normalize(text).text


@pytest.mark.parametrize("text", ["I/O error", "S3 bucket", "Leeds S10 2FH", "BS20 7DE",
                                  "the O2 arena", "Ill.", "lol-ok"])
def test_words_keep_their_letters(text: str) -> None:
    assert normalize(text).text == text


def test_dot_leaders_read_as_a_form_line(engine: DetectionEngine) -> None:
    text = "Name.........Jane Doe\nCity.........Hanover\nPhone........0113 496 0021"
    assert normalize(text).text.startswith("Name:        Jane Doe")
    out = masked_text(engine, text)
    _assert_masked(out, ("Hanover", "01134960021"), ("Name", "City", "Phone"))


def test_a_form_field_ends_at_a_wide_gap(engine: DetectionEngine) -> None:
    """The value ran to the line's end and took the next field's label with it."""
    text = ("City: Hanover                Employer: Dartmouth Health              Role: Nurse\n"
            "Place of birth: Enugu\tNationality: Nigerian")
    found = {(d.type, d.text) for d in engine.analyze(text)}
    assert ("LOCATION", "Hanover") in found
    assert ("ORGANIZATION", "Dartmouth Health") in found
    assert ("LOCATION", "Enugu") in found
    out = masked_text(engine, text)
    _assert_masked(out, ("Hanover", "Enugu"), ("Employer", "Role: Nurse", "Nationality"))


def test_labels_and_values_on_lines_of_their_own(engine: DetectionEngine) -> None:
    text = ("Patient details\nSurname\nForename\nDate of birth\nPostcode\nOkafor\nChidinma\n"
            "12/09/1983\nLS6 2QA")
    found = {(d.type, d.text) for d in engine.analyze(text)}
    assert {("PERSON", "Okafor"), ("PERSON", "Chidinma"),
            ("DATE_OF_BIRTH", "12/09/1983")} <= found
    out = masked_text(engine, text)
    _assert_masked(out, ("Okafor", "Chidinma", "12091983", "LS62QA"),
                   ("Patient details", "Surname", "Forename", "Date of birth"))


def test_a_list_of_headings_is_no_table(engine: DetectionEngine) -> None:
    text = "Contents\nName\nAddress\nPlease fill in all fields.\nThank you."
    assert masked_text(engine, text) == text


@pytest.mark.parametrize("text", [
    "Itinerary\n1 BA 117 Y 12JUN 2 LHRJFK HK2 1045 1320",
    "Card statement\n12/05 7781 TESCO STORES 2231 GBP 23.10",
])
def test_codes_in_capitals_between_numbers_are_no_street(engine: DetectionEngine,
                                                         text: str) -> None:
    assert not [d for d in engine.analyze(text) if d.recognizer == "street_address"]


def test_a_uk_flat_in_a_named_building(engine: DetectionEngine) -> None:
    text = "Please forward my post to Flat 12B, Riverside Court, Salford M50 3AB until further."
    out = masked_text(engine, text)
    _assert_masked(out, ("Flat 12B", "Riverside", "M503AB"), ("forward my post",))


def test_a_code_on_the_chat_line_after_the_question(engine: DetectionEngine) -> None:
    text = ("support: hey, whats your unit access code?\n"
            "me: 7741#, and my plate is on the form")
    out = masked_text(engine, text)
    assert "7741" not in out and "my plate is on the form" in out


@pytest.mark.parametrize(("text", "value"), [
    ("العنوان: حي النخيل، الرياض 13521، المملكة العربية السعودية", "13521"),
    ("يرجى إرسال الطلب إلى جدة 23442 اليوم", "23442"),
    ("ঠিকানা: বাড়ি ১২, মিরপুর, ঢাকা ১২১৬; ধন্যবাদ", "১২১৬"),
    ("পোস্টকোড ১২১৬, মিরপুর রোড", "১২১৬"),
])
def test_a_town_and_its_postcode_in_arabic_and_bengali(engine: DetectionEngine, text: str,
                                                       value: str) -> None:
    assert value not in masked_text(engine, text)


def test_an_amount_in_arabic_is_no_postcode(engine: DetectionEngine) -> None:
    text = "تم الدفع في عام 2023، المبلغ 50000 ريال"
    assert not [d for d in engine.analyze(text) if d.recognizer == "script_address"]
