"""Values that went upstream around a detection in this round's probes: a URL cut in two by a
decoded space, a login's password after an unspaced slash."""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine


@pytest.mark.parametrize("url", [
    "https://portal.clinic.example/patients/00482913/chart?name=Jane%20Okafor",
    "www.clinic.example/find?name=Jane%20Okafor&x=1",
])
def test_a_whole_url_keeps_its_encoded_space(pattern_engine: DetectionEngine, url: str) -> None:
    text = f"Open {url} and check the labs."
    (d,) = [d for d in pattern_engine.analyze(text) if d.type == "URL"]
    assert d.text == url  # not cut at the "%20": its rest went upstream


def test_a_query_without_its_url_still_reads_a_name(pattern_engine: DetectionEngine) -> None:
    from veil.detect.normalize import normalize

    text = "GET /signup?name=Fenella%20Marchbanks&plan=basic HTTP/1.1"
    assert "Fenella Marchbanks" in normalize(text).text


@pytest.mark.parametrize(("text", "secret"), [
    ("the router admin is admin/hunter2", "hunter2"),
    ("credentials admin/hunter2 for the NAS", "hunter2"),
    ("user/pass is admin/Winter2024!", "Winter2024!"),
    ("Admin: root/Passw0rd!", "Passw0rd!"),
    ("Login with jsmith / P@ssw0rd!", "P@ssw0rd!"),
])
def test_a_logins_password_after_a_slash(pattern_engine: DetectionEngine, text: str,
                                         secret: str) -> None:
    assert ("SECRET", secret) in [(d.type, d.text) for d in pattern_engine.analyze(text)]


@pytest.mark.parametrize("text", [
    "the admin panel/dashboard2 is slow",  # no "is" or ":" after admin
    "login with Google/Apple",  # no digit or symbol
    "login/logout flow",
])
def test_slashes_that_are_no_login_stay(pattern_engine: DetectionEngine, text: str) -> None:
    assert [d for d in pattern_engine.analyze(text) if d.type == "SECRET"] == []


@pytest.mark.parametrize(("text", "name"), [
    ("#JusticeForAmaraNwosu is trending after the hearing", "AmaraNwosu"),
    ("#ThrowbackThursday with #EmilyWatson", "EmilyWatson"),
])
def test_a_name_in_a_hashtag(ner_engine: DetectionEngine, text: str, name: str) -> None:
    assert ("PERSON", name) in [(d.type, d.text) for d in ner_engine.analyze(text)]


@pytest.mark.parametrize("text", ["#MondayMotivation #TBT", "color: #ff0000", "issue #4471"])
def test_hashtags_without_a_name_stay(text: str) -> None:
    from veil.detect.joined_names import JOINED_NAMES

    assert JOINED_NAMES.analyze(text) == []


def test_an_ibans_letter_groups_stay_letters(pattern_engine: DetectionEngine) -> None:
    # (an Italian account's check letter "O" before digits: read as a zero, the checksum failed)
    iban = "IT85 O075 2811 1010 0000 0123 456"
    text = f"IBAN {iban} please"
    assert [(d.type, d.text) for d in pattern_engine.analyze(text)] == [("IBAN", iban)]
    # a number written with look-alike letters is still read as digits
    assert [d.type for d in pattern_engine.analyze("mobile O77OO 9OO 5l2")] == ["PHONE"]


@pytest.mark.parametrize(("text", "closing", "name"), [
    ("Danke für alles.\nMit freundlichen Grüßen\nJürgen Vogt", "Mit freundlichen Grüßen",
     "Jürgen Vogt"),
    ("Obrigado.\nAtt,\nMarcos Paulo", "Att,", "Marcos Paulo"),
    ("Thanks again.\nKind regards,\nLouisa Abernethy", "Kind regards,", "Louisa Abernethy"),
])
def test_a_closing_stays_and_the_name_under_it_goes(ner_engine: DetectionEngine, text: str,
                                                    closing: str, name: str) -> None:
    spans = [(d.start, d.end) for d in ner_engine.analyze(text)]
    c, n = text.index(closing), text.index(name)
    assert not any(s < c + len(closing) and c < e for s, e in spans)
    assert any(s <= n and n + len(name) <= e for s, e in spans)


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Amex 3782 822463 10005, cid 4321", "CARD_SECURITY_CODE", "4321"),
    ("drop-off near [38.8951, -77.0364] tomorrow", "LOCATION", "38.8951, -77.0364"),
    ("my PPS 8765432EA is on file", "NATIONAL_ID", "8765432EA"),
])
def test_more_words_that_name_a_value(pattern_engine: DetectionEngine, text: str, kind: str,
                                      value: str) -> None:
    assert (kind, value) in [(d.type, d.text) for d in pattern_engine.analyze(text)]
