"""Round s75a: fewer of a document's own words masked in languages other than English, the
values beside them still masked. Each cause has its test: a rarer word of a large list in a
form's label (`Odběratel:`), a woman's form of a surname that is never a word, a number's
"No" that is no English, a form's label or title of words no list holds (`Tulosyy:`), a term
in a list after a label, a heading's function words (`UMOWA NA CZAS`), a role before a name
(`Notaio Giovanni Esposito`), a street's name before its house number, a request that names
the document's language, and lower-case words of the language a text is written in, which
`unlisted_names` read as names no list holds."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.language_words import bit, languages_of, rare_languages_of, written_languages
from veil.detect.trade_words import role_before_name, trade_word
from veil.detect.unlisted_names import UnlistedNamesRecognizer

from .masking import masked_text

pytestmark = pytest.mark.skipif(not languages_of("rechnung"),
                                reason="wordfreq's lists are not installed")


@pytest.fixture(scope="module", params=["learned", "spacy"])
def engine(request: pytest.FixtureRequest) -> DetectionEngine:
    return DetectionEngine(Policy.model_validate({"ner_backend": request.param}))


def test_rarer_words_of_a_large_list_and_no_names_among_them() -> None:
    assert rare_languages_of("Odběratel") & bit("cs")
    assert rare_languages_of("Nabywca") & bit("pl")
    assert rare_languages_of("Vuosiloma") & bit("fi")
    assert languages_of("Odběratel") == 0  # (rarer than once in a million words)
    assert rare_languages_of("Rechnung") == 0  # common, not rare
    # a woman's form of a surname the lists hold in its man's form is no word
    for name in ("Wróblewska", "Zielińska", "Sikorska", "Novotná", "Müller"):
        assert languages_of(name) == 0 and rare_languages_of(name) == 0, name


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("FAKTURA\nDodavatel: Stavby Horák s.r.o.\nOdběratel: Marie Svobodová, Lidická 14, Brno\n"
     "Datum splatnosti: 12. 5. 2024", ("Odběratel", "Datum splatnosti"), ("Marie Svobodová",)),
    ("FATURA\nFatura No: TR2024-88\nİrsaliye No: 55120\nDüzenleme Tarihi: 03.06.2024\n"
     "Alıcı: Kemal Şahin\nToplam Tutar: 4.500 TL", ("Düzenleme Tarihi", "Toplam Tutar"),
     ("Kemal Şahin",)),
    ("Vastaanotto\nPotilas: Aino Virtanen\nTulosyy: yskä\nHoitaja: Leena Salo\n"
     "Jatkohoito: kotiin", ("Tulosyy",), ("Aino Virtanen", "Leena Salo")),
    ("Rekvisition\nPatient: Karen Holm\nAnalyser: Hæmoglobin, Leukocytter, Natrium, Kalium\n"
     "Bemærkning: fastende", ("Leukocytter",), ("Karen Holm",)),
    ("SKIEROWANIE NA BADANIA OBRAZOWE\nPacjent: Tomasz Wrona\nBadanie: RTG klatki "
     "piersiowej", ("SKIEROWANIE NA BADANIA OBRAZOWE",), ("Tomasz Wrona",)),
    ("Svědek: Pavel Král, nar. 01.02.1980, bytem Vinohradská 45, Praha\nPopis: krádež "
     "jízdního kola", ("Popis", "krádež"), ("Pavel Král", "Vinohradská 45")),
])
def test_a_forms_words_stay_and_its_values_go(engine: DetectionEngine, text: str,
                                              kept: tuple[str, ...],
                                              gone: tuple[str, ...]) -> None:
    masked = masked_text(engine, text)
    for word in kept:
        assert word in masked
    for value in gone:
        assert value not in masked


def test_a_rosters_names_before_a_colon_stay_masked(engine: DetectionEngine) -> None:
    # labels of names no list holds, in a text that is no form of a language's words
    masked = masked_text(engine, "Standup notes\nKofi: finished the API\nOyelaran: on leave\n"
                                 "Amaka: reviewing the release")
    assert "Kofi" not in masked and "Amaka" not in masked
    assert "finished the API" in masked


@pytest.mark.parametrize("text", [
    "Il contratto è a tempo indeterminato, con la qualifica di operaio. La retribuzione lorda "
    "è di 1.900 euro per quattordici mensilità.",
    "Ocena z zachowania: bardzo dobry, a z matematyki dobry. Uczeń jest bardzo pracowity i "
    "chętnie pomaga w klasie.",
    "Läkemedlet tas vid behov, högst tre gånger om dagen, och inte tillsammans med alkohol.",
])
def test_lower_case_words_of_the_language_a_text_is_written_in_are_no_names(text: str) -> None:
    assert UnlistedNamesRecognizer().analyze(text) == []
    # a name beside them is still read as one
    assert [d.text for d in UnlistedNamesRecognizer().analyze(
        text + " ask deepika iyer")] == ["deepika iyer"]


def test_lower_case_names_in_english_stay_masked(engine: DetectionEngine) -> None:
    # the words of another language count only in a text written in it
    assert "deepika iyer" not in masked_text(engine, "hey can you ask deepika iyer to send "
                                                     "the slides before the call")


def test_a_language_is_read_around_a_stretch_only() -> None:
    italian = "Il dipendente ha diritto a ferie della durata di quattro settimane e di un mese."
    assert written_languages(italian, 0, 10) & bit("it")
    far = italian + " " + "x " * 1200 + "ask deepika iyer"
    assert not written_languages(far, len(far) - 16, len(far)) & bit("it")


def test_a_role_before_a_name_is_no_part_of_it() -> None:
    text = "Notaio Giovanni Esposito, Repertorio n. 4512"
    assert text[role_before_name(text, 0, 24):24] == "Giovanni Esposito"
    text = "Erikoislääkäri Marja-Leena Koskinen"
    assert text[role_before_name(text, 0, len(text)):] == "Marja-Leena Koskinen"
    text = "Giovanni Esposito"  # a name's own first word is no role
    assert role_before_name(text, 0, len(text)) == 0


def test_a_streets_name_before_its_house_number_is_no_word() -> None:
    text = "Oznámení\nOznamovatel: Pavel Král, nar. 1. 2. 1980, bytem Lidická 14, Brno\n"
    s = text.index("Lidická")
    assert not trade_word(text, s, s + len("Lidická"), "PERSON")


def test_a_request_naming_the_documents_language_keeps_its_words() -> None:
    text = ('Please summarise this Polish letter: "Szanowny Panie, informujemy, że '
            'Wypowiedzenie zostało przyjęte. Z poważaniem, Dział Kadr"')
    s = text.index("Wypowiedzenie")
    assert trade_word(text, s, s + len("Wypowiedzenie"), "PERSON")
    plain = text.replace("Polish ", "")
    assert not trade_word(plain, plain.index("Wypowiedzenie"),
                          plain.index("Wypowiedzenie") + len("Wypowiedzenie"), "PERSON")


@pytest.mark.parametrize(("text", "name"), [
    ("Zoolander is a 2005 Finnish action-comedy film directed by Viljo A Lumme and starring "
     "Lumme", "Lumme"),
    ("an Italian comedy directed by Oberto Napolitani and starring Napolitani", "Napolitani"),
])
def test_a_named_language_keeps_no_surname_that_is_a_rarer_word_of_it(text: str,
                                                                      name: str) -> None:
    # a nationality in an English sentence names no document's language: a surname that is a
    # rarer word of that language (`lumme`, a water lily) stays a name
    s = text.rindex(name)
    assert not trade_word(text, s, s + len(name), "PERSON")
