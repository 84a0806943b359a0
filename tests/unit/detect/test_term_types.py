"""A term's type names its placeholder: one no placeholder can hold is refused wherever a term
is declared, and a store written before types were checked still loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from veil.config import Policy, TermRule
from veil.detect.terms import TermStore


@pytest.mark.parametrize("bad", ["secret project", "X-1", "1ST", "Größe"])
def test_a_type_no_placeholder_can_name_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="SECRET_PROJECT"):
        TermRule(term="Project Kestrel", type=bad)
    with pytest.raises(ValidationError):
        Policy.model_validate({"terms": [{"term": "Project Kestrel", "type": bad}]})
    assert TermRule(term="Project Kestrel", type="secret_project").type == "SECRET_PROJECT"


def test_a_stored_legacy_type_still_loads(tmp_path: Path) -> None:
    store = TermStore(tmp_path / "terms.sqlite3")
    store.add_many("acme", [TermRule(term="Project Kestrel", type="PROJECT")])
    with store._lock:  # a row written before types were checked
        store._conn.execute("UPDATE sensitive_terms SET rule = ?", (json.dumps(
            {"term": "Project Kestrel", "type": "SECRET PROJECT"}),))
    assert [(r.term, r.type) for r in store.list("acme")] == [
        ("Project Kestrel", "SECRET_PROJECT")]
