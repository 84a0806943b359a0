"""People's names as code, accounts, file names and chat write them: glued into one token by a
dot, an underscore, a hyphen or a change of case (``johnSmith``, ``priya.raghunathan``,
``m.okonkwo@``, ``CV_Tanvir_Hossain_2024.pdf``), after git's and a tracker's words in lower case
(``committed by fkaraca``), and names no list holds in lower-case chat where a person's deed
follows (``manpreet and simran are coming to``); code's identifiers, file names of reports and
bots kept."""

from __future__ import annotations

import pytest

from tests.linear import assert_linear
from veil.config import Policy
from veil.detect import DetectionEngine
from veil.detect.glued_names import GLUED_NAMES
from veil.detect.unlisted_names import UNLISTED_NAMES

from .masking import masked_text


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner_backend="learned"))


@pytest.mark.parametrize(("text", "names"), [
    ("the fixture still has johnSmith as the default reviewer", ["johnSmith"]),
    ("dm priya.raghunathan on slack", ["priya.raghunathan"]),
    ("send the draft to m.okonkwo@ and cc legal", ["m.okonkwo"]),
    ("Ticket assigned to KowalskiJ, escalate by noon", ["KowalskiJ"]),
    ("and JKowalski approved it", ["JKowalski"]),
    ("The share is owned by Dr_Mbeki only", ["Dr_Mbeki"]),
    ('owner "WojciechNowak" in config.yaml', ["WojciechNowak"]),
    ('created_by = "olena_kovalenko"', ["olena_kovalenko"]),
    ("the key was issued to FatimaAlZahra", ["FatimaAlZahra"]),
    ("vpn profile tanvir.hossain-laptop", ["tanvir.hossain"]),
    ("Attached: CV_Tanvir_Hossain_2024.pdf", ["Tanvir_Hossain"]),
    ("open ~/projects/haruto-tanaka-thesis/ch3.tex", ["haruto-tanaka"]),
    ("the file YusufAlRashid_contract_signed.pdf", ["YusufAlRashid"]),
    ("pushed by thandeka.zulu: bump version", ["thandeka.zulu"]),
    ("my gamertag is xX_diego_quispe_Xx", ["diego_quispe"]),
])
def test_glued_names_are_found(text: str, names: list[str]) -> None:
    found = sorted(GLUED_NAMES.analyze(text), key=lambda d: d.start)
    assert [(d.type, d.text) for d in found] == [("PERSON", n) for n in names]
    assert all(text[d.start:d.end] == d.text for d in found)


@pytest.mark.parametrize("text", [
    "call getUserName() before setUp, then check isEnabled and max_retries",
    "the table has first_name, last_name and user_id columns; add middle_name too",
    "edit docker-compose.yml and README.md, then run make test-all",
    "set LOG_LEVEL=debug and MAX_RETRIES=4; rename handleSubmit to onFormSubmit",
    "the class UserProfileService calls AccountManager.getDisplayName()",
    "run pytest -k test_parse_name and check sample_names.csv",
    "Attached: Invoice_March_2024.pdf, release_notes_v2.docx, Sunset_at_Beach.jpg",
    "MongoDB, PostgreSQL, JavaScript, PyTorch, iPhone, eBay, YouTube, LinkedIn, McKinsey",
    "Hewlett-Packard and Mercedes-Benz; a follow-up, e.g. os.path and np.array",
    "see kovalenko.json, mensah.org and com.tanaka.app",
])
def test_identifiers_and_file_names_that_hold_no_name_are_kept(text: str) -> None:
    assert GLUED_NAMES.analyze(text) == []


@pytest.mark.parametrize(("text", "names"), [
    ("the regression was committed by fkaraca last night", ["fkaraca"]),
    ("did anyone hear back from svetlana about the venue", ["svetlana"]),
    ("manpreet and simran are coming to the offsite", ["manpreet", "simran"]),
    ("ok so bongani is driving tonight", ["bongani"]),
    ("guys xochitl just landed, going to pick her up", ["xochitl"]),
    ("omg chiamaka got the job!!", ["chiamaka"]),
    ("we should invite rangi and moana too", ["rangi", "moana"]),
])
def test_names_in_lower_case_chat_and_git_lines_are_found(text: str, names: list[str]) -> None:
    found = sorted(UNLISTED_NAMES.analyze(text), key=lambda d: d.start)
    assert [d.text for d in found] == names


@pytest.mark.parametrize("text", [
    "Author: dependabot[bot]\n\n    Bump lodash from 4.17.20 to 4.17.21",
    "run kubectl apply, then nginx and redis are running on the staging box",
    "diwali and holi are coming up, the office closes early",
    "we flew from jordan to chelsea with nginx",
    "the package landed on the porch, and webpack is running",
])
def test_bots_machines_and_festivals_are_no_names(text: str) -> None:
    assert UNLISTED_NAMES.analyze(text) == []


@pytest.mark.parametrize(("text", "names", "kept"), [
    ("dm priya.raghunathan on slack, she owns the billing service",
     ["priya", "raghunathan"], ["billing service", "slack"]),
    ("call getUserName() for johnSmith, keep max_retries at 3",
     ["john", "Smith"], ["getUserName", "max_retries"]),
    ("Attached: CV_Tanvir_Hossain_2024.pdf and Invoice_March_2024.pdf",
     ["Tanvir", "Hossain"], ["Invoice_March_2024.pdf"]),
    ("commit 3f9a2c1\nAuthor: lars.eriksson\n\n    fix retry loop",
     ["eriksson"], ["fix retry loop"]),
    ("manpreet and simran are coming to the offsite", ["manpreet", "simran"], ["offsite"]),
])
def test_the_engine_masks_the_names_and_keeps_the_words(
        engine: DetectionEngine, text: str, names: list[str], kept: list[str]) -> None:
    out = masked_text(engine, text)
    assert [n for n in names if n in out] == []
    assert [k for k in kept if k not in out] == []


@pytest.mark.parametrize("text", [
    "manpreet and simran are coming to the offsite, ok so bongani is driving",
    "x " * 40 + "guys xochitl just landed. " + "the end " * 30 + "we should invite rangi and moana",
    "did anyone hear back from svetlana; the regression was committed by fkaraca",
])
def test_reading_around_the_anchors_finds_what_reading_every_word_finds(text: str) -> None:
    from veil.detect import unlisted_names as module
    from veil.detect.entity import Detection

    runs: list[Detection] = []
    cued: list[Detection] = []
    module.UNLISTED_NAMES._read(text, list(module._WORD.finditer(text)), runs, cued)
    found = [(d.start, d.end) for d in UNLISTED_NAMES.analyze(text)]
    assert found == [(d.start, d.end) for d in runs + cued]
    assert found


def test_idle_without_a_joiner_or_a_change_of_case() -> None:
    assert GLUED_NAMES.idle("please send the report to the team by friday")
    assert not GLUED_NAMES.idle("dm priya.raghunathan")


def test_a_long_identifier_is_read_in_linear_time() -> None:
    assert_linear(GLUED_NAMES.analyze, "aB.c_D-e", 4000)
    assert_linear(GLUED_NAMES.analyze, "priya.raghunathan johnSmith ", 2000)
