"""What the earlier held-out probes still leaked, by cause (session s78): a list's people beside
the people found, an alias in brackets and a given name before a surname found; a signature's
name no list holds; a roster's labels, a signer after "signed by", a witness's label in
Cyrillic and a subscriber's in Arabic; a Korean given name alone; a given name before where a
person is; OpenVPN's and a ~/.pgpass line's user; a user id's column."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.detect.beside_names import names_beside
from veil.detect.entity import Detection
from veil.detect.field_names import field_type
from veil.detect.unlisted_names import UNLISTED_NAMES, korean_given, name_like


@pytest.fixture(scope="module")
def spacy_engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner_backend="spacy"))


def _found(text: str, *values: str) -> list[Detection]:
    """``values`` as PERSON detections a model found, in order."""
    out = []
    pos = 0
    for v in values:
        s = text.index(v, pos)
        out.append(Detection("PERSON", s, s + len(v), 0.85, "spacy_ner", v))
        pos = s + len(v)
    return out


def _beside(text: str, *values: str) -> list[str]:
    return [d.text for d in names_beside(text, _found(text, *values))]


def _people(engine: DetectionEngine, text: str) -> list[str]:
    return [d.text for d in engine.analyze(text) if d.type == "PERSON"]


# --- the people beside the people found (an engine pass) --------------------------------------

@pytest.mark.parametrize(("text", "found", "beside"), [
    ("Present: Oluwatoyin Bakare, Ramesh Venkataraman, Ingrid Solberg-Haugen.",
     ("Ramesh Venkataraman", "Ingrid Solberg-Haugen"), ["Oluwatoyin Bakare"]),
    ("Starting XI: Kovacs; Mensah, Oduya; Haaland, Petrovic",
     ("Kovacs", "Mensah", "Oduya", "Haaland"), ["Petrovic"]),
    ("carpool: thulani, seo-yeon and radhika", ("seo-yeon", "radhika"), ["thulani"]),
    ("Panel: Dr. Amara Nwachukwu, Prof. Lukas Brandauer and Kai Whitfield",
     ("Amara Nwachukwu", "Kai Whitfield"), ["Lukas Brandauer"]),  # its title left out
])
def test_a_lists_other_people_are_people(text: str, found: tuple[str, ...],
                                         beside: list[str]) -> None:
    assert _beside(text, *found) == beside


@pytest.mark.parametrize(("text", "found"), [
    # one person found: a list of foods, tools or places is no roster
    ("Ingredients: Flour, Sugar, Butter and Eggs", ("Flour",)),
    # dictionary words, and a committee
    ("John Smith, Mary Jones and the Finance Committee met.", ("John Smith", "Mary Jones")),
    ("Invited: John Smith, Mary Jones, Acme Widgets and Kubernetes.",
     ("John Smith", "Mary Jones")),
    # four words are a sentence, not a name
    ("Anna Berg, Olaf Lund, Qwerty Zxcvb Asdfgh Poiuy", ("Anna Berg", "Olaf Lund")),
    # more items left than people found
    ("Anna Berg, Olaf Lund, Zyxx, Qwwr, Plok", ("Anna Berg", "Olaf Lund")),
])
def test_no_person_beside_what_is_no_roster(text: str, found: tuple[str, ...]) -> None:
    assert _beside(text, *found) == []


def test_an_alias_in_brackets_and_a_given_name_before_are_the_persons() -> None:
    text = "ask Siriporn Wongsawat (siriporn) if it cleared"
    assert _beside(text, "Siriporn Wongsawat") == ["siriporn"]
    text = "Maricel Dela Cruz (HR) approved the overtime"
    assert _beside(text, "Dela Cruz") == ["Maricel"]  # "(HR)" is a team's


def test_no_alias_nor_given_name_where_the_words_say_otherwise() -> None:
    assert _beside("Anna Berg (Finance) signed", "Anna Berg") == []
    assert _beside("Anna Berg (CTO) signed", "Anna Berg") == []
    assert _beside("Student Aid Index (SAI) 4,218", "Index") == []  # an acronym, not "Sai"
    # not opening its clause: another word's object ("met Zyxwv Dela Cruz")
    assert _beside("we met Zyxwv Dela Cruz today", "Dela Cruz") == []
    assert _beside("The Dela Cruz family", "Dela Cruz") == []  # a dictionary word
    # an instruction before a name in capitals, a title and a role of another language
    assert _beside("Summarise ADEBAYO-HART's last three visits.", "ADEBAYO-HART") == []
    assert _beside("Med vänliga hälsningar\nPersonalchef Anna Lindqvist", "Anna Lindqvist") == []
    assert _beside("Anna Lindqvist (Personalchef) skrev", "Anna Lindqvist") == []


def test_the_pass_runs_in_the_engine(spacy_engine: DetectionEngine) -> None:
    text = "Present: Oluwatoyin Bakare, Ramesh Venkataraman, Ingrid Solberg-Haugen."
    assert "Oluwatoyin Bakare" in _people(spacy_engine, text)


# --- signatures and rosters (the name heuristics) --------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("The invoice is attached.\n\nCheers,\nXiaoling", "Xiaoling"),
    ("See you at 3.\nBest,\nRangimarie", "Rangimarie"),
    ("Please refund it. - Nokuthula Dube, Payroll", "Nokuthula Dube"),
    ("Chair: D. Rautenbach. Treasurer: vacant.", "D. Rautenbach"),
    ("Cc: Hovhannisyan, Petrosyan", "Petrosyan"),
    ("New pupil: Precious-Grace Mahlangu joins Year 2.", "Precious-Grace Mahlangu"),
    ("IN MEMORY OF: SEGUN ADEWALE. GIVEN BY: THE FAMILY", "SEGUN ADEWALE"),
    ("Gift Aid declaration signed by Eilidh MacLeod on 3 May.", "Eilidh MacLeod"),
    ("Свидетель: Белов Артём Олегович, 1990 года рождения", "Белов Артём Олегович"),
    ("اسم المشترك: نورة سعد القحطاني", "نورة سعد القحطاني"),
])
def test_a_signature_and_a_rosters_names(spacy_engine: DetectionEngine, text: str,
                                         name: str) -> None:
    assert name in _people(spacy_engine, text)


@pytest.mark.parametrize("text", [
    "Thanks,\nThe Support Team",
    "Regards,\nAccounts Payable",
    "Best,\nMarketing",
    "Cheers,\nIT Helpdesk",
    "Build failed - Grafana",
    "Provanställning: sex månader\nMed vänliga hälsningar\nPersonalchef",  # "head of HR"
    "Apologies: None. Chair: Vacant.",
    "Cc: Finance, Legal",
    "The envelope was signed by DocuSign and approved by Finance.",
    "Ответчик: ООО «Ромашка»",  # a civil suit's party may be a firm
])
def test_no_name_where_a_group_or_a_word_signs(spacy_engine: DetectionEngine, text: str) -> None:
    assert _people(spacy_engine, text) == []


def test_name_like_reads_the_lists_and_the_dictionary() -> None:
    assert name_like("Xiaoling") and name_like("Mbeki") and name_like("Tanaka-Whitfield")
    assert not name_like("Marketing") and not name_like("The") and not name_like("Support")
    # a word of another language the English dictionaries lack, with its accents, is none
    assert not name_like("Erikoislääkäri")


# --- lower case: Korean given names, a reference's verb, where a person is ---------------------

@pytest.mark.parametrize(("word", "korean"), [
    ("hyun-woo", True), ("ji-woo", True), ("seo-yeon", True), ("hye-jin", True),
    ("re-run", False), ("hip-hop", False), ("bye-bye", False), ("wi-fi", False),
    ("follow-up", False), ("e-mail", False), ("co-op", False), ("x-ray", False),
])
def test_a_korean_given_name_by_its_syllables(word: str, korean: bool) -> None:
    assert korean_given(word) is korean


@pytest.mark.parametrize(("text", "names"), [
    ("merged, thanks! cc hyun-woo for the release notes", ["hyun-woo"]),
    ("ask hye-jin about the keys", ["hye-jin"]),
    ("i am happy to recommend oksana for the role", ["oksana"]),
    ("lmk when rahel is back, need her sign-off", ["rahel"]),
    ("ask re-run the job", []),
    ("cc follow-up team", []),
    ("when the server is back, ping me", []),
    ("once nginx is back we retry", []),
    ("i recommend python for this", []),
])
def test_lower_case_names_after_their_cues(text: str, names: list[str]) -> None:
    assert [d.text for d in UNLISTED_NAMES.analyze(text)] == names


# --- engineers' pastes -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "found"), [
    ("Mar  6 09:14:02 gw01 openvpn[4411]: tkowalczyk/10.8.0.14:41522 SIGTERM received",
     [("USERNAME", "tkowalczyk")]),
    ("CLIENT_LIST,bnakashima/192.168.44.10:1194", [("USERNAME", "bnakashima")]),
    ("my ~/.pgpass:\nlocalhost:5432:*:rgoldberg:Qz9!harbor77\n",
     [("USERNAME", "rgoldberg"), ("SECRET", "Qz9!harbor77")]),
    ("db.prod.internal:5432:billing:mfontaine:R0se\\:water",
     [("USERNAME", "mfontaine"), ("SECRET", "R0se\\:water")]),
])
def test_a_vpn_clients_and_a_password_files_user(pattern_engine: DetectionEngine, text: str,
                                                 found: list[tuple[str, str]]) -> None:
    out = [(d.type, d.text) for d in pattern_engine.analyze(text)
           if d.type in ("USERNAME", "SECRET")]
    assert out == found


@pytest.mark.parametrize("text", [
    "GET http://proxy/srv/10.0.0.1:8080 failed",  # a path's part
    "root/10.0.0.2:22 closed",  # a shared account
    "the meeting is 12:30:45:lunch:later",  # a time, no host
])
def test_no_user_where_the_shape_is_another(pattern_engine: DetectionEngine, text: str) -> None:
    assert [d for d in pattern_engine.analyze(text) if d.type in ("USERNAME", "SECRET")] == []


def test_a_user_ids_column_is_an_account_number(pattern_engine: DetectionEngine) -> None:
    assert field_type("user_id") == field_type("customerId") == "ACCOUNT_NUMBER"
    assert field_type("order_id") is None
    text = "user_id,first_name,plan\n10233,Marta,pro\n10234,Tomas,free"
    found = [(d.type, d.text) for d in pattern_engine.analyze(text)]
    assert ("ACCOUNT_NUMBER", "10233") in found and ("ACCOUNT_NUMBER", "10234") in found
