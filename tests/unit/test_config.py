import pytest

from veil.config import EntityRule, Policy, Settings
from veil.errors import PolicyError


def test_default_policy_rules():
    p = Policy()
    assert p.operator_for("PERSON") == "placeholder"
    assert p.is_enabled("EMAIL", 0.9)
    assert not p.is_enabled("EMAIL", 0.1)


def test_policy_yaml_per_entity_rules(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text(
        "default_operator: pseudonym\n"
        "entities:\n  person: {threshold: 0.8}\n  URL: {enabled: false}\n"
        "  CREDIT_CARD: {operator: synthetic}\n"
        "terms:\n  - {term: Ronald Regan, type: customer, exclude_context: [Airport]}\n"
    )
    p = Policy.from_yaml(f)
    assert p.operator_for("PERSON") == "pseudonym"
    assert p.operator_for("CREDIT_CARD") == "synthetic"
    assert not p.is_enabled("PERSON", 0.7) and p.is_enabled("PERSON", 0.85)
    assert not p.is_enabled("URL", 1.0)
    assert p.terms[0].type == "CUSTOMER"


def test_rules_without_an_entry_follow_the_policy_defaults():
    p = Policy.model_validate({"default_operator": "synthetic", "default_threshold": 0.6,
                               "entities": {"EMAIL": {"threshold": 0.9},
                                            "IBAN": {"operator": "redact"}}})
    assert p.rule("PHONE") == EntityRule(threshold=0.6, operator="synthetic")
    assert p.rule("EMAIL") == EntityRule(threshold=0.9, operator="synthetic")
    assert [p.operator_for(t) for t in ("PHONE", "EMAIL", "IBAN")] == [
        "synthetic", "synthetic", "redact"]
    assert p.is_enabled("PHONE", 0.6) and not p.is_enabled("PHONE", 0.59)


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("entities: [1, 2", "not valid YAML at line"),
        ("- a\n- b\n", "mapping"),
        ("entities:\n  PERSON: {operator: shred}\n", "entities.PERSON.operator"),
        ("entities:\n  PERSON: {threshold: 2}\n", "threshold"),
        ("unknown_key: 1\n", "unknown_key"),
    ],
)
def test_malformed_policy_gives_clear_error(tmp_path, raw, fragment):
    f = tmp_path / "bad.yaml"
    f.write_text(raw)
    with pytest.raises(PolicyError) as ei:
        Policy.from_yaml(f)
    assert fragment in str(ei.value)
    assert str(f) in str(ei.value)


def test_missing_and_binary_policy_files(tmp_path):
    with pytest.raises(PolicyError, match="cannot read"):
        Policy.from_yaml(tmp_path / "nope.yaml")
    b = tmp_path / "bin.yaml"
    b.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(PolicyError, match="UTF-8"):
        Policy.from_yaml(b)


def test_settings_from_env_hide_master_key(monkeypatch):
    monkeypatch.setenv("VEIL_VAULT_BACKEND", "redis")
    monkeypatch.setenv("VEIL_MASTER_KEY", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg==")
    s = Settings()
    assert s.vault_backend == "redis"
    assert "c2VjcmV0" not in repr(s)
