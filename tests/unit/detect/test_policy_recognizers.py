"""Recognizers declared in the policy YAML, built-ins switched off by name, the default registry."""

from __future__ import annotations

import pytest

from veil import Settings, Veil
from veil.config import Policy
from veil.detect import DetectionEngine, Pattern, PatternRecognizer, register
from veil.detect import recognizer as recognizer_module
from veil.detect.validators import VALIDATORS
from veil.errors import PolicyError

EMPLOYEE_POLICY = r"""
ner: false
recognizers:
  - name: employee_id
    entity: EMPLOYEE_ID
    patterns:
      - name: emp
        regex: '\bEMP-\d{6}\b'
        score: 0.4
    context: [employee, staff]
    validator: luhn
"""


def _types(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)]


def test_yaml_recognizer_masks_end_to_end_and_restores(tmp_path) -> None:
    veil = Veil(Settings(home=tmp_path, cache_dir=tmp_path / "cache"),
                policy=Policy.from_yaml_text(EMPLOYEE_POLICY))
    text = "Employee EMP-123455 moved to EMP-123456, see staff mail jane@example.com"
    res = veil.protect(text, session="s1")
    types = sorted(e.type for e in res.entities)
    # EMP-123456 fails the Luhn check: not an employee id, left as typed
    assert types == ["EMAIL", "EMPLOYEE_ID"]
    assert "EMP-123455" not in res.masked and "EMP-123456" in res.masked
    assert veil.restore(res.masked, session="s1") == text


def test_context_word_lifts_the_score_over_the_threshold() -> None:
    eng = DetectionEngine(Policy.from_yaml_text(EMPLOYEE_POLICY))
    assert _types(eng, "employee EMP-123455 badge") == [("EMPLOYEE_ID", "EMP-123455")]
    (d,) = eng.analyze("employee EMP-123455 badge")
    assert d.score == pytest.approx(0.7) and d.recognizer == "employee_id"
    assert _types(eng, "ticket EMP-123455 closed") == []  # 0.4 alone is below 0.5


def test_deny_list_and_presidio_keys() -> None:
    policy = Policy.from_yaml_text("""
ner: false
recognizers:
  - name: projects
    supported_entity: project
    supported_language: en
    deny_list: [Project Hydra, Bluebird]
    deny_list_score: 0.9
""")
    eng = DetectionEngine(policy)
    assert _types(eng, "status of project  hydra and BLUEBIRD, not bluebirds") == [
        ("PROJECT", "project  hydra"), ("PROJECT", "BLUEBIRD")]


def test_recognizer_for_another_language_is_not_run() -> None:
    policy = Policy.from_yaml_text("""
ner: false
recognizers:
  - {name: steuer_id, entity: TAX_ID, languages: [de], patterns: [{regex: 'ST-\\d{4}', score: 0.9}]}
""")
    assert _types(DetectionEngine(policy), "id ST-1234") == []
    german = policy.model_copy(update={"language": "de"})
    assert _types(DetectionEngine(german), "id ST-1234") == [("TAX_ID", "ST-1234")]


def test_policy_turns_off_a_builtin_by_name() -> None:
    text = "call +44 20 7946 0958 or mail jane@example.com"
    on = DetectionEngine(Policy(ner=False))
    off = DetectionEngine(Policy.from_yaml_text(
        "ner: false\nrecognizers: [{name: phone, enabled: false}]"))
    assert {t for t, _ in _types(on, text)} == {"PHONE", "EMAIL"}
    assert _types(off, text) == [("EMAIL", "jane@example.com")]
    assert "phone" not in off.registry.names


def test_declared_recognizer_replaces_the_builtin_of_that_name() -> None:
    policy = Policy.from_yaml_text(r"""
ner: false
recognizers:
  - {name: email, entity: EMAIL, patterns: [{regex: '\b\w+@corp\.example\b', score: 0.9}]}
""")
    eng = DetectionEngine(policy)
    assert _types(eng, "a@corp.example b@other.org") == [("EMAIL", "a@corp.example")]


def test_turning_off_an_unknown_recognizer_is_a_policy_error() -> None:
    policy = Policy.from_yaml_text("recognizers: [{name: phnoe, enabled: false}]")
    with pytest.raises(PolicyError, match=r"'phnoe' names no recognizer.*phone"):
        DetectionEngine(policy)


@pytest.mark.parametrize(("yaml_text", "message"), [
    ("recognizers: [{name: emp, entity: EMP, patterns: [{regex: 'EMP-(\\d{6}', score: 0.5}]}]",
     r"recognizers\.0: .*recognizer 'emp': patterns\[0\]\.regex is not a valid regular "
     r"expression \(missing \), unterminated subpattern at position 4\)"),
    ("recognizers: [{name: emp, entity: EMP, validator: luhm, patterns: [{regex: x}]}]",
     r"recognizer 'emp': validator 'luhm' is unknown; use one of .*luhn"),
    ("recognizers: [{name: emp, patterns: [{regex: x}]}]",
     r"recognizer 'emp' needs `entity`"),
    ("recognizers: [{name: emp, entity: EMP}]",
     r"recognizer 'emp' needs `patterns` or `deny_list`"),
    ("recognizers: [{name: emp, entity: EMP, patterns: [{regex: x, score: 2}]}]",
     r"recognizers\.0\.patterns\.0\.score: .*less than or equal to 1"),
    ("recognizers: [{name: a, entity: A, deny_list: [x]}, {name: a, entity: B, deny_list: [y]}]",
     r"recognizer names must be unique; repeated: a"),
])
def test_bad_declared_recognizer_is_a_clear_policy_error(yaml_text: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        Policy.from_yaml_text(yaml_text, source="tenant.yaml")


def test_validator_registry_checks_digits() -> None:
    assert VALIDATORS["luhn"]("EMP-123455") is True
    assert VALIDATORS["luhn"]("EMP-123456") is False
    assert VALIDATORS["luhn"]("no digits") is False
    assert VALIDATORS["iban"]("DE89370400440532013000") is True


def test_registered_recognizer_is_a_default_of_new_engines(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recognizer_module, "_DEFAULTS", dict(recognizer_module._DEFAULTS))
    ticket = register(PatternRecognizer(name="ticket", entity="TICKET_ID",
                                        patterns=[Pattern(r"\bTCK-\d{6}\b", 0.9)]))
    eng = DetectionEngine(Policy(ner=False))
    assert eng.registry.get("ticket") is ticket
    assert _types(eng, "see TCK-000123") == [("TICKET_ID", "TCK-000123")]
    off = DetectionEngine(Policy.from_yaml_text(
        "ner: false\nrecognizers: [{name: ticket, enabled: false}]"))
    assert _types(off, "see TCK-000123") == []


def test_builtins_register_in_a_stable_order() -> None:
    names = DetectionEngine(Policy()).registry.names
    assert names[:5] == ["email", "obfuscated_email", "spelled_number", "phone", "credit_card"]
    assert names[-13:] == ["street_address", "encoded", "spacy_ner", "spacy_ner_fr",
                           "name_gazetteer", "spaced_letters", "joined_names", "airline_name",
                           "script_names", "surname_first", "unlisted_names", "org_structure",
                           "zh_jieba"]
    assert "spacy_ner" not in DetectionEngine(Policy(ner=False)).registry.names
