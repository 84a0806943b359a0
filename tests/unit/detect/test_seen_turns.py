"""A conversation's later turns: a name's part in lower case, a number spaced another way."""

from __future__ import annotations

from pathlib import Path

from veil import Veil
from veil.config import Policy, Settings, TermRule
from veil.detect import SeenEntityCache


def test_a_name_part_no_dictionary_writes_is_found_in_lower_case() -> None:
    c = SeenEntityCache([("PERSON", "Priya Venkataraman"), ("PERSON", "Grace Hunter"),
                         ("PERSON", "Tobias O'Rourke-Ellis")])
    text = ("priya wants it; ask venkataraman. grace will hunt, the hunter waits; "
            "o'rourke-ellis agreed, and so did tobias")
    got = [d.text for d in c.analyze(text)]
    # common words stay common words in lower case ("grace", "hunter"): only capitalised
    assert got == ["priya", "venkataraman", "o'rourke-ellis", "tobias"]
    assert [d.text for d in c.analyze("Grace and HUNTER")] == ["Grace", "HUNTER"]


def test_a_seen_number_is_found_by_its_digits_however_spaced() -> None:
    c = SeenEntityCache([("ACCOUNT_NUMBER", "60-16-13"), ("PHONE_NUMBER", "07700 900 123"),
                         ("DATE_TIME", "14/03/1961"), ("ACCOUNT_NUMBER", "4471")])
    text = "code 601613 or 60 16 13; call 07700900123 or 0770 090 0123; born 14.03.1961; 4471"
    got = [(d.type, d.text) for d in c.analyze(text)]
    assert got == [("ACCOUNT_NUMBER", "601613"), ("ACCOUNT_NUMBER", "60 16 13"),
                   ("PHONE_NUMBER", "07700900123"), ("PHONE_NUMBER", "0770 090 0123"),
                   ("DATE_TIME", "14.03.1961"), ("ACCOUNT_NUMBER", "4471")]
    # a longer number holding the digits is another number; so is one glued to a word
    assert c.analyze("ref 6016130 and X601613 and 1601613") == []


def test_digit_runs_of_a_hostile_text_stay_linear() -> None:
    c = SeenEntityCache([("ACCOUNT_NUMBER", "60-16-13")])
    text = "1 " * 50_000 + "60 16 13"
    assert [d.text for d in c.analyze(text)][-1] == "60 16 13"


def test_later_turns_of_a_conversation_go_masked(tmp_path: Path) -> None:
    policy = Policy(ner=False, terms=[TermRule(term="Agnieszka Kowalczyk", type="PERSON"),
                                      TermRule(term="60-16-13", type="ACCOUNT_NUMBER")])
    v = Veil(Settings(home=tmp_path), policy=policy)
    first = v.protect("Write to Agnieszka Kowalczyk, sort code 60-16-13.", session="s").masked
    assert "Kowalczyk" not in first and "60-16-13" not in first
    later = v.protect("agnieszka says 601613 is right; kowalczyk will call", session="s").masked
    assert "agnieszka" not in later and "kowalczyk" not in later and "601613" not in later
    assert later.endswith("will call")
