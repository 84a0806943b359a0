"""The idle plan: every pattern recognizer's verdict worked out together per text must be the
recognizer's own :meth:`PatternRecognizer.idle`, and recognizers it cannot read are asked."""

from __future__ import annotations

import random

from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.entity import Detection
from veil.detect.idle import IdlePlan
from veil.detect.patterns import Pattern, PatternRecognizer, shared_matches
from veil.detect.recognizer import default_recognizers
from veil.evaluation.datasets import hard_samples

_ODD = ["", " ", "12", "passport", "no digits here", "İSTANBUL login: x", "sign in as jsmith",
        "a [at] b [dot] com", "MAC 00:1A:2B:3C:4D:5E", "-----BEGIN RSA PRIVATE KEY-----",
        "eyJhbGciOi", "رقم ٠١٢٣٤٥٦٧٨٩", "ssh jdoe@10.0.0.5", "GET https://x.io/?a=1&b=2",
        "ǅ Dž ǆ ﬃ", "line one\nline two\\nthree", "AKIA1234567890ABCDEF sk-abc"]


def _texts() -> list[str]:
    texts = [s.text for s in hard_samples(120, 13)]
    rng = random.Random(5)
    texts += [" ".join(rng.sample(t.split(), k=min(5, len(t.split())))) for t in texts]
    return texts + _ODD + [t.lower() for t in _ODD] + [t.upper() for t in _ODD]


def test_the_plans_verdicts_are_each_recognizers_own() -> None:
    recognizers = default_recognizers(Policy(ner=False))
    plan = IdlePlan(recognizers)
    planned = 0
    for text in _texts():
        with shared_matches():
            told = plan.verdicts(text)
        own = [r.idle(text) for r in recognizers]  # (outside a block: no memo shared)
        assert len(told) == len(recognizers)
        for r, t, o in zip(recognizers, told, own, strict=True):
            if t is not None:
                planned += 1
                assert t is o, (r.name, text)
            else:  # only recognizers with an idle test of their own, or for a language
                assert not isinstance(r, PatternRecognizer) or r.message_languages \
                    or type(r).idle is not PatternRecognizer.idle
    assert planned > 100 * len(_texts()), planned


def test_outside_a_block_every_recognizer_is_asked() -> None:
    plan = IdlePlan(default_recognizers(Policy(ner=False)))
    assert set(plan.verdicts("call 555 0100")) == {None}
    assert plan.busy("call 555 0100") is None


def test_the_busy_list_is_every_recognizer_not_known_idle_in_order() -> None:
    recognizers = default_recognizers(Policy(ner=False))
    plan = IdlePlan(recognizers)
    sizes = set()
    for text in _texts():
        with shared_matches():
            told = plan.verdicts(text)
            busy = plan.busy(text)
        assert busy == [k for k, t in enumerate(told) if not t], text
        assert {k for k in busy if told[k] is None} == plan.asked
        sizes.add(len(busy))
    # (a prompt's caller goes over these only: most recognizers are idle on most texts)
    assert len(plan.asked) == min(sizes) < max(sizes) < len(recognizers) / 2, sorted(sizes)


class _OwnIdle(PatternRecognizer):
    """A subclass with an idle test of its own: idle on every text."""

    def idle(self, text: str) -> bool:
        return True


def test_a_recognizer_with_its_own_idle_test_is_asked() -> None:
    own = _OwnIdle(name="own_idle", entity="TICKET_ID",
                   patterns=[Pattern(r"\bTCK-\d{6}\b", 0.6)])
    plain = PatternRecognizer(name="plain", entity="TICKET_ID",
                              patterns=[Pattern(r"\bTCK-\d{6}\b", 0.6)])
    plan = IdlePlan([own, plain])
    with shared_matches():
        assert plan.verdicts("ticket TCK-123456") == [None, False]
    eng = DetectionEngine(Policy(ner=False), recognizers=[own])
    assert eng.analyze("ticket TCK-123456") == []  # its own test said idle: never called
    eng = DetectionEngine(Policy(ner=False), recognizers=[plain])
    assert [d.text for d in eng.analyze("ticket TCK-123456")] == ["TCK-123456"]


def test_a_tenants_recognizer_is_planned_and_finds_what_it_did() -> None:
    policy = Policy.model_validate({"ner": False, "recognizers": [
        {"name": "ticket", "entity": "TICKET_ID", "patterns": [
            {"regex": r"\bTCK-\d{6}\b", "score": 0.9}]}]})
    eng = DetectionEngine(policy)
    ticket = eng.registry.get("ticket")
    assert ticket is not None
    k = eng.recognizers().index(ticket)
    with shared_matches():
        assert eng._active_plan.verdicts("no ticket here")[k] is False  # (no anchor: read)
    found = eng.analyze("see TCK-123456 please")
    assert any(d.type == "TICKET_ID" and d.text == "TCK-123456" for d in found)


def test_a_batch_and_a_session_list_find_what_texts_alone_do() -> None:
    from veil.detect.seen import SeenEntityCache

    eng = DetectionEngine(Policy(ner=False))
    texts = [s.text for s in hard_samples(24, 3)]

    def rows(ds: list[Detection]) -> list[tuple[str, int, int, float]]:
        return [(d.type, d.start, d.end, d.score) for d in ds]

    alone = [rows(eng.analyze(t)) for t in texts]
    assert [rows(ds) for ds in eng.analyze_batch(texts)] == alone
    seen = SeenEntityCache({("PERSON", "Zephyrine Quillfeather"): None})
    assert [rows(eng.analyze(t, seen=seen)) for t in texts] == alone


_CHATS = ["[10:32] mike_r: hey @jane-doe-42\n10:33 <jdoe42> sure", "12:01 kate.w: ok",
          "card ending in 4242, SSN last 4 6621", "acct ****1234, checking ...5567",
          "my number is five five five, one two one two", "078 dash 05 dash 1120",
          "call +44 20 7946 0958", "Note: no time here"]


def test_a_recognizer_idle_on_a_text_finds_nothing_in_it() -> None:
    # every idle test, the class's own and the phone's, handle's, last digits' and spelled
    # numbers' (a text without a digit, without their marks), says idle only where the
    # recognizer finds nothing; and each says idle on some texts, busy on others
    recognizers = default_recognizers(Policy(ner=False))
    texts = _texts() + _CHATS
    verdicts: set[tuple[str, bool]] = set()
    for r in recognizers:
        for text in texts:
            with shared_matches():
                idle = r.idle(text)
                found = r.analyze(text) if idle else []
            assert found == [], (r.name, text)
            verdicts.add((r.name, idle))
    for name in ("phone", "handle", "last_digits", "spelled_number"):
        assert {(name, True), (name, False)} <= verdicts, name
