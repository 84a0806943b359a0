"""Characters that show nothing: Unicode's tag characters spell ASCII that models read, so the
view reads them as those letters; variation selectors, Hangul's fillers and Khmer's inherent
vowels are dropped from the view, so a value they split is found whole. The masked span is the
original's, invisible characters included."""

from __future__ import annotations

import base64
import os

import pytest

from veil.config import Policy, Settings
from veil.core import Veil
from veil.detect.normalize import normalize


def _tags(s: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) for c in s)


@pytest.fixture(scope="module")
def veil(tmp_path_factory: pytest.TempPathFactory) -> Veil:
    key = base64.b64encode(os.urandom(32)).decode()
    return Veil(Settings(home=tmp_path_factory.mktemp("v"), detect_workers=0, master_key=key),
                policy=Policy(ner=False))


def test_tag_characters_read_as_the_letters_they_stand_for() -> None:
    text = "mail " + _tags("ada@example.org") + " now"
    view = normalize(text)
    assert view.text == "mail ada@example.org now"
    assert view.to_original(5, 20) == (5, 20)  # each tag one character of the original


def test_a_value_written_in_tag_characters_is_masked_whole(veil: Veil) -> None:
    text = "Send it to " + _tags("ada.lovelace@example.org") + " please."
    masked = veil.protect(text, session="tags").masked
    assert masked == "Send it to [EMAIL_1] please."


@pytest.mark.parametrize("mark", ["\ufe0f", "\ufe00", "\U000e0100", "\u3164", "\uffa0",
                                  "\u115f", "\u17b4", "\u180b"])
def test_an_unseen_mark_inside_a_number_is_dropped_from_the_view(veil: Veil, mark: str) -> None:
    text = f"my SSN is 078-0{mark}5-1120, thanks"
    assert normalize(text).text == "my SSN is 078-05-1120, thanks"
    masked = veil.protect(text, session=f"m{ord(mark)}").masked
    assert "1120" not in masked and mark not in masked


def test_a_right_to_left_override_reads_forwards_and_masks_its_whole_run(veil: Veil) -> None:
    text = "please call \u202eykswonaliM anatsoK\u202c about it"
    view = normalize(text)
    assert "Kostana Milanowsky" in view.text
    i = view.text.index("Kostana")
    start, end = view.to_original(i, i + len("Kostana"))
    assert text[start:end] == "ykswonaliM anatsoK"  # the whole run, not its first letters
    masked = veil.protect("write to \u202egro.elpmaxe@ecila\u202c today", session="rlo").masked
    assert masked == "write to \u202e[EMAIL_1]\u202c today"


def test_regional_indicators_read_as_small_letters(veil: Veil) -> None:
    flags = "".join(chr(0x1F1E6 + ord(c) - 97) for c in "adalovelace")
    assert normalize(f"mail {flags}@example.org").text == "mail adalovelace@example.org"
    masked = veil.protect(f"mail {flags}@example.org now", session="flags").masked
    assert masked == "mail [EMAIL_1] now"
    assert normalize("we won \U0001F1EC\U0001F1E7").text == "we won gb"
