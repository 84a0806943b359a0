"""People's names of the world's cultures in English text, in lower case or capitals, which no
name list holds: masked beside a known name or after a word only a person follows; the words
around them, loanwords, food, software and chat's abbreviations, kept."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine, SeenEntityCache
from veil.detect.unlisted_names import UNLISTED_NAMES

from .masking import masked_text


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner_backend="learned"))


@pytest.mark.parametrize(("text", "names"), [
    ("hey can you ask deepika iyer to resend the deck", ["deepika iyer"]),
    ("rajesh kumar from accounts said the total is wrong", ["rajesh kumar"]),
    ("gurpreet singh sandhu will drive the van", ["gurpreet singh sandhu"]),
    ("my colleague huang zihan keeps forgetting the standup", ["huang zihan"]),
    ("contact abdullah al-qahtani for the visa letter", ["abdullah al-qahtani"]),
    ("VASYL HRYTSENKO - parcel not delivered", ["VASYL HRYTSENKO"]),
    ("HOSSEINI, ARASH - discharge summary", ["HOSSEINI, ARASH"]),
    ("kim ji-hoon and park seo-yeon are the new interns", ["kim ji-hoon", "park seo-yeon"]),
    ("ping oyelaran about it before the standup", ["oyelaran"]),
    ("cc: nguyen, okafor", ["nguyen", "okafor"]),
    ("as discussed with mensah, the audit moves", ["mensah"]),
    ("prof. ramanujan wants the lab report", ["ramanujan"]),
    ("kofi's car is parked in the loading bay", ["kofi"]),
    ("sibusiso said the generator is broken", ["sibusiso"]),
    ("mehdi rezaei and his brother kaveh need badges", ["mehdi rezaei", "kaveh"]),
    ("reminder: dewi and agus owe the pizza money", ["dewi", "agus"]),
    # beside characters outside ASCII that are no letters, and a word with one
    ("the café owner, “deepika iyer”, paid", ["deepika iyer"]),
    ("ping oyelaran’s manager about it", ["oyelaran"]),
    ("KIM JI-HOON, report attached", ["KIM JI-HOON"]),
])
def test_names_no_list_holds_are_found(text: str, names: list[str]) -> None:
    found = sorted(UNLISTED_NAMES.analyze(text), key=lambda d: d.start)
    assert [(d.type, d.text) for d in found] == [("PERSON", n) for n in names]
    assert all(text[d.start:d.end] == d.text for d in found)


@pytest.mark.parametrize("text", [
    "run kubectl apply, then restart nginx and redis on the staging box",
    "ordered chicken biryani, paneer tikka and garlic naan for the team lunch",
    "we celebrated diwali and eid at the office, and holi is in march",
    "lol ok gonna grab some banh mi and bubble tea, brb",
    "pay via m-pesa or paytm, not gcash; receipts go to the shared drive",
    "URGENT: PAYROLL RUN FAILED AGAIN, PLEASE CHECK THE BATCH JOB",
    "ask chatgpt to summarize it, then ping prod and cc hr",
    "sawasdee krub, the pad thai and som tam were great, khob khun",
    "the song re-mix is out, see the walk-in clinic",
    "see /home/deepika/iyer_notes.txt and deepika.iyer@example.com",
    "hi its gonna be fine, thanks i'll check",
    # a place in capitals, a fund's name with a currency, English words no dictionary lists
    "77712 Hauptstrasse 75 Apt. 044 PUCH BEI HALLEIN Austria",
    "ETFS FORE/3X SHORT AUD LONG USD",
    "we are proud africans and songwriters",
    "ask friday about the laptop rollout",
])
def test_words_that_are_no_names_are_kept(text: str) -> None:
    assert UNLISTED_NAMES.analyze(text) == []


@pytest.mark.parametrize(("text", "name", "kept"), [
    ("hey can you ask deepika iyer to resend the deck before friday", "iyer",
     "resend the deck"),
    ("Performance review for KARTHIK RAMASWAMY, Senior Analyst.", "RAMASWAMY",
     "Senior Analyst"),
    ("pls add her to the rota: oluwaseun adeyemi starts monday", "adeyemi", "rota"),
    ("talked to tamatea, she said the whanau will come", "tamatea", "whanau"),
])
def test_the_engine_masks_the_name_and_keeps_the_words(engine: DetectionEngine, text: str,
                                                       name: str, kept: str) -> None:
    out = masked_text(engine, text)
    assert name not in out
    assert kept in out


def test_a_name_that_is_a_word_seen_before_leaves_the_word_in_lower_case() -> None:
    seen = SeenEntityCache([("PERSON", "Hope")])
    assert [d.text for d in seen.analyze("We hope to see Hope soon.")] == ["Hope"]


def test_a_form_of_address_is_no_part_of_a_seen_name() -> None:
    seen = SeenEntityCache([("PERSON", "Khun Somchai Wongsawat")])
    assert [d.text for d in seen.analyze("khob khun, Somchai!")] == ["Somchai"]


@pytest.mark.parametrize("text", [
    "hey can you ask deepika iyer to resend the deck, then ping oyelaran about it",
    "cc: nguyen, okafor, mensah\n\nthe table is fine, kim ji-hoon and park seo-yeon said so",
    "Dr. Smith and my brother kaveh met with the nurse; talked to tamatea, sibusiso said no",
    "x " * 40 + "srinivas reddy and his wife padmavathi. " + "the end " * 30 + "kofi's car",
    "“gurpreet singh sandhu”… HOSSEINI, ARASH — VASYL HRYTSENKO ’ mehdi rezaei",
])
def test_reading_around_the_anchors_finds_what_reading_every_word_finds(text: str) -> None:
    from veil.detect import unlisted_names as module
    from veil.detect.entity import Detection

    runs: list[Detection] = []
    cued: list[Detection] = []
    module.UNLISTED_NAMES._read(text, list(module._WORD.finditer(text)), runs, cued)
    found = [(d.start, d.end) for d in UNLISTED_NAMES.analyze(text)]
    assert found == [(d.start, d.end) for d in runs + cued]
    assert found  # each text holds names
