"""Names after an introduction in other languages, greetings that are no name, labels a model
read into a value not learned by the session, markup's tag names kept, a Dutch postcode, a
query's percent-encoded name, a bare "name" key's person, India's UPI ids and Brazil's and
Morocco's identity cards: each found (or left) with both NER backends where a model reads it."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.engine import DetectionEngine, in_markup_tag
from veil.detect.normalize import normalize
from veil.detect.seen import SeenEntityCache, name_parts

from .masking import masked_text


@pytest.fixture(scope="module", params=["learned", "spacy"])
def engine(request: pytest.FixtureRequest) -> DetectionEngine:
    return DetectionEngine(Policy.model_validate({"ner_backend": request.param}))


@pytest.fixture(scope="module")
def patterns_only() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


@pytest.mark.parametrize(("text", "name", "kept"), [
    ("Olá, meu nome é Thaís Gonçalves Bittencourt, CPF 123.456.789-09.",
     "Thaís Gonçalves Bittencourt", "meu nome é"),
    ("Salam, ana smiti Khadija Benslimane, rani sakna f Rabat.", "Khadija Benslimane",
     "ana smiti"),
    ("bhai mera naam Rohit Deshpande hai, form bhar do please", "Rohit Deshpande",
     "mera naam"),
    ("Hej! Jag heter Linnéa Söderström och bor i Malmö.", "Linnéa Söderström", "och bor"),
    ("Buongiorno, mi chiamo Ottavio Scarpellini e abito a Treviso.", "Ottavio Scarpellini",
     "mi chiamo"),
])
def test_a_name_after_my_name_is_in_another_language_ismasked_text(
        engine: DetectionEngine, text: str, name: str, kept: str) -> None:
    masked = masked_text(engine, text)
    for part in name.split():
        assert part not in masked
    assert kept in masked


@pytest.mark.parametrize("text", [
    "Dzień dobry, nazywam się Zbigniew Wróblewski i mieszkam w Gdańsku.",
    "Merhaba, benim adım Ayşegül Karaca.",
    "Olá, meu nome é Thaís Bittencourt.",
])
def test_a_greeting_is_no_name(engine: DetectionEngine, text: str) -> None:
    greeting = text.split(",")[0]
    assert masked_text(engine, text).startswith(greeting + ",")


def test_a_name_in_lower_case_after_its_me_ismasked_text(engine: DetectionEngine) -> None:
    masked = masked_text(engine, "hey its me, tamsin oyelowo-marsh, pls reset my password")
    assert "tamsin" not in masked and "oyelowo" not in masked
    assert "pls reset my password" in masked
    assert masked_text(engine, "its me, again. can you help") == "its me, again. can you help"


def test_labels_are_not_learned_as_a_session_s_names() -> None:
    # a model's span that took the label after a name: "DOB" is no part of the person
    assert name_parts("Marguerite Olawale-Briggs, DOB") == ["Marguerite", "Olawale-Briggs"]
    seen = SeenEntityCache([("ORGANIZATION", "Number"), ("PERSON", "Customer"),
                            ("PERSON", "Jane Doe, DOB")])
    assert "Number" not in seen and "Customer" not in seen
    later = "Passport Number: X1; Customer: Doe; DOB: 1 May"
    assert [d.text for d in seen.analyze(later)] == ["Doe"]


@pytest.mark.parametrize(("text", "start", "end", "inside"), [
    ("<Cdtr><Nm>Jane Doe</Nm></Cdtr>", 20, 22, True),  # a closing tag's name
    ('<InstdAmt Ccy="EUR">2750</InstdAmt>', 10, 13, True),  # an attribute's name
    ('<Patient name="Jane Doe"/>', 15, 23, False),  # an attribute's value
    ("<Nm>Jane Doe</Nm>", 4, 12, False),  # an element's text
    ("if a < b and c > d: Jane", 20, 24, False),  # no tag
    ("<Nm>Jane Doe</Nm>", 1, 3, True),  # an opening tag, closed later
    ("To: <Jane Doe> wrote", 5, 13, False),  # a name in angle brackets: no tag
    ("From: Ann <Jane Doe>, hi", 11, 15, False),
])
def test_a_tag_s_name_is_inside_the_markup_and_a_value_is_not(
        text: str, start: int, end: int, inside: bool) -> None:
    assert in_markup_tag(text, start, end) is inside


def test_a_model_keeps_away_from_xml_tags(engine: DetectionEngine) -> None:
    text = ('<Cdtr><Nm>Maarten Wijnbergen</Nm><PstlAdr><TwnNm>Amsterdam</TwnNm></PstlAdr>'
            '</Cdtr><Amt><InstdAmt Ccy="EUR">2750.00</InstdAmt></Amt>')
    masked = masked_text(engine, text)
    for tag in ("<Cdtr>", "</Nm>", "<PstlAdr>", "</Cdtr>", "<Amt>", 'Ccy="EUR"'):
        assert tag in masked


def test_a_dutch_postcode_ends_an_address_and_an_era_does_not(
        patterns_only: DetectionEngine) -> None:
    found = [d.text for d in patterns_only.analyze(
        "adres Oudegracht 231bis, 3511 NK Utrecht, mobiel volgt")]
    assert "3511 NK Utrecht" in found
    assert not any("BC" in d.text for d in patterns_only.analyze(
        "Version 2, 2000 BC Rome, was long ago"))


def test_a_query_s_percent_encoded_name_is_masked_and_a_path_s_space_kept(
        engine: DetectionEngine) -> None:
    text = "GET /signup?email=fm%40example.org&name=Fenella%20Marchbanks&plan=basic HTTP/1.1"
    masked = masked_text(engine, text)
    assert "Fenella" not in masked and "Marchbanks" not in masked
    assert "plan=basic" in masked
    assert normalize("https://x.com/My%20Report.pdf").text == "https://x.com/My%20Report.pdf"
    assert normalize("?q=hello%20world").text == "?q=hello%20world"


def test_a_bare_name_key_holds_a_person_only_when_written_as_one(
        patterns_only: DetectionEngine) -> None:
    found = {(d.type, d.text) for d in patterns_only.analyze(
        "/signup?name=Priscilla+Okwuosa&x=1 and /items?name=widget&x=2")}
    assert ("PERSON", "Priscilla+Okwuosa") in found
    assert not any(v == "widget" for _, v in found)


@pytest.mark.parametrize(("text", "value"), [
    ("UPI id rohit.deshpande@okhdfcbank hai", "rohit.deshpande@okhdfcbank"),
    ("pay 9876543210@ybl today", "9876543210@ybl"),
    ("RG 27.418.593-6, moro na Rua", "27.418.593-6"),
    ("CIN BE748213, rani sakna", "BE748213"),
])
def test_payment_handles_and_identity_cards_aremasked_text(
        patterns_only: DetectionEngine, text: str, value: str) -> None:
    assert value in [d.text for d in patterns_only.analyze(text)]


def test_an_e_mail_address_is_no_upi_id(patterns_only: DetectionEngine) -> None:
    found = {(d.type, d.text) for d in patterns_only.analyze("mail user@ybl.example.com")}
    assert found == {("EMAIL", "user@ybl.example.com")}


def test_the_census_surnames_are_known_and_its_words_are_not() -> None:
    from veil.detect.names import faker_last_names, last_names

    for surname in ("whitfield", "fairweather", "annan", "reyna"):
        assert surname in last_names() and surname not in faker_last_names()
    for word in ("price", "young", "green", "the"):
        assert word not in last_names()


def test_a_surname_only_the_census_knows_ends_the_name(engine: DetectionEngine) -> None:
    persons = [d.text for d in engine.analyze("Abner Reyna will be talking in the conference")
               if d.type == "PERSON"]
    assert persons == ["Abner Reyna"]


def test_a_list_of_given_names_is_people_not_a_firm(engine: DetectionEngine) -> None:
    found = engine.analyze("They had 6: Minik, William, Karen, Christina, Jessica and Richard.")
    assert "ORGANIZATION" not in {d.type for d in found}
    firm = engine.analyze("Follow up at Morris, Coleman and Freeman in Albacete.")
    assert ("ORGANIZATION", "Morris, Coleman and Freeman") in {(d.type, d.text) for d in firm}


@pytest.mark.parametrize(("text", "value"), [
    ("Anne-Lise, can I please speak to your boss?", "Anne-Lise"),
    ("PAY TO THE ORDER OF Pembroke-Hale  $1,250.00", "Pembroke-Hale"),
    ("Escalated: Teun Wright from Cole-Garcia says the link is broken.", "Cole-Garcia"),
])
def test_a_hyphenated_name_is_masked_whole(text: str, value: str) -> None:
    engine = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
    found = [d.text for d in engine.analyze(text)]
    assert value in found


@pytest.mark.parametrize(("text", "name"), [
    ("TAMSIN OYELARAN-WHITFIELD, individually and as\nnext friend", "TAMSIN OYELARAN-WHITFIELD"),
    ("CURRICULUM VITAE\nPERPETUA ANNAN-FAIRWEATHER\n14 Calder Rise", "PERPETUA ANNAN-FAIRWEATHER"),
    ("03/06/2024,FASTER PAYMENT TO MRS O ADEYEMI-PRICE REF RENT JUNE,-950.00", "O ADEYEMI-PRICE"),
    ("06/10 ZELLE PAYMENT TO KWAME ASANTE-BOATENG CONF# RTX8810293", "KWAME ASANTE-BOATENG"),
])
def test_a_name_in_capitals_on_its_line_or_as_a_payee_ismasked_text(
        engine: DetectionEngine, text: str, name: str) -> None:
    masked = masked_text(engine, text)
    assert all(part not in masked for part in name.replace("-", " ").split() if len(part) > 1)


@pytest.mark.parametrize("text", [
    "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF ILLINOIS\n",
    "CURRICULUM VITAE\n\nPROFILE\nChartered accountant",
    "04/06/2024,CARD PAYMENT TO TESCO STORES 2291,-42.17",
])
def test_headings_and_shops_in_capitals_are_no_names(engine: DetectionEngine, text: str) -> None:
    assert "PERSON" not in {d.type for d in engine.analyze(text)}


def test_an_address_block_ends_at_a_blank_line_before_a_heading(
        patterns_only: DetectionEngine) -> None:
    found = [d.text for d in patterns_only.analyze(
        "14 Calder Rise, Huddersfield HD1 4QZ\n\nPROFILE\nChartered accountant")]
    assert "14 Calder Rise, Huddersfield HD1 4QZ" in found


def test_literals_joined_by_plus_read_as_one_string(patterns_only: DetectionEngine) -> None:
    text = 'const email = "leopoldine" + "." + "vanderhoeven" + "@" + "example.com";'
    assert [d.type for d in patterns_only.analyze(text)] == ["EMAIL"]
    assert normalize('print("Hello " + name + "!")').text == 'print("Hello " + name + "!")'


def test_a_numbered_form_label_with_a_gloss_is_read(patterns_only: DetectionEngine) -> None:
    found = {(d.type, d.text) for d in patterns_only.analyze(
        "1.a. Family Name (Last Name): OKONKWO-REYES\n1.b. Given Name (First Name): CHIAMAKA\n")}
    assert {("PERSON", "OKONKWO-REYES"), ("PERSON", "CHIAMAKA")} <= found


@pytest.mark.parametrize(("text", "value"), [
    ("meu celular: nove sete quatro um dois, oito três cinco zero",
     "nove sete quatro um dois, oito três cinco zero"),
    ("mijn nummer is nul zes twee acht vier zeven een negen drie nul",
     "nul zes twee acht vier zeven een negen drie nul"),
    ("il mio numero è tre tre nove uno due tre quattro cinque sei sette",
     "tre tre nove uno due tre quattro cinque sei sette"),
])
def test_digits_spelled_in_portuguese_dutch_and_italian_are_a_number(
        patterns_only: DetectionEngine, text: str, value: str) -> None:
    assert value in [d.text for d in patterns_only.analyze(text)]


def test_their_words_in_prose_are_no_number(patterns_only: DetectionEngine) -> None:
    for text in ("Um, I think it is due to the one or two issues we had.",
                 "Er zijn twee of drie dingen, een paar dagen.", "Sono le tre e due minuti."):
        assert patterns_only.analyze(text) == []


def test_letters_written_for_digits_read_as_digits(patterns_only: DetectionEngine) -> None:
    found = [(d.type, d.text) for d in patterns_only.analyze("mobile O77OO 9OO 5l2 thanks")]
    assert found == [("PHONE", "O77OO 9OO 5l2")]
    for text in ("OIL and lol", "B0OK now", "the I0 pin"):  # no token of digits and look-alikes
        assert normalize(text).text == text
