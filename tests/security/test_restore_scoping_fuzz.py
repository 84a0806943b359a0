"""Attack 9 at the library level: restoration scoped to what the caller sent.

Random conversations of two principals A and B -- two sessions of one tenant, two tenants with
the same session name, or two requests of one session with different request scopes -- with
values drawn from one pool. The upstream's answer to B quotes A's and B's replacements in random
order (and in the spellings LLMs use); after restoring it for B (``scope`` = B's replacements,
as the gateway passes), no original that only A sent may appear. B's own values are restored.
"""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veil import Veil
from veil.config import Policy, Settings

POOL = [
    *(f"{n}.{d}@example.{t}" for n, d, t in [
        ("ann", "lee", "com"), ("bo", "chen", "org"), ("carla", "diaz", "net"),
        ("dev", "patel", "com"), ("eva", "novak", "io"), ("finn", "berg", "com"),
        ("gus", "moreau", "fr"), ("hana", "sato", "jp")]),
    "536-22-8726", "412-67-3490", "+1 415 555 0132",
    "4111 1111 1111 1111", "5500 0000 0000 0004",
    "DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32",
]
KINDS = ("sessions", "tenants", "scopes")
OPERATORS = ("placeholder", "pseudonym")


@pytest.fixture(scope="module")
def core() -> Iterator[Veil]:
    """Pattern recognizers only (no spaCy): the property is about the vault and the restorer."""
    with tempfile.TemporaryDirectory() as home:
        v = Veil(Settings(home=Path(home), master_key=base64.b64encode(os.urandom(32)).decode(),
                          vault_backend="sqlite"))
        for op in OPERATORS:
            for side in ("a", "b"):
                v.set_policy(f"{op}-{side}", Policy(ner=False, default_operator=op))
        yield v


def _spell(rep: str, how: int) -> str:
    """An LLM's spelling of a replacement (placeholders only; pseudonyms are quoted as is)."""
    if not (rep.startswith("[") and rep.endswith("]")):
        return rep
    inner = rep[1:-1]
    return [rep, rep.lower(), inner, f"**{rep}**", f"[ {inner} ]"][how % 5]


_counter = iter(range(10**9))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(KINDS),
    operator=st.sampled_from(OPERATORS),
    a_values=st.lists(st.sampled_from(POOL), min_size=1, max_size=4, unique=True),
    b_values=st.lists(st.sampled_from(POOL), min_size=1, max_size=3, unique=True),
    order=st.randoms(use_true_random=False),
)
def test_no_original_of_a_is_restored_for_b(
    core: Veil, kind: str, operator: str, a_values: list[str], b_values: list[str], order
) -> None:  # type: ignore[no-untyped-def]
    i = next(_counter)
    ta = f"{operator}-a"
    tb = f"{operator}-b" if kind == "tenants" else ta
    sa = f"conv-{i}"
    sb = f"conv-{i}-other" if kind == "sessions" else sa
    ra = core.protect("Contacts: " + "; ".join(a_values) + ".", session=sa, tenant=ta)
    rb = core.protect("Mine: " + "; ".join(b_values) + ".", session=sb, tenant=tb)
    assert rb.entities, "the pool's values are all detectable"
    quoted = [(e.replacement, "a") for e in ra.entities]
    quoted += [(e.replacement, "b") for e in rb.entities]
    order.shuffle(quoted)
    answer = " then ".join(_spell(rep, order.randrange(5)) for rep, _ in quoted)
    scope = frozenset(e.replacement for e in rb.entities)
    restored = core.restore(answer, session=sb, tenant=tb, scope=scope)
    only_a = [v for v in a_values if v not in b_values]
    assert not [v for v in only_a if v in restored], "an original only A sent was restored for B"
    for v in b_values:
        assert v in restored, "B's own value was not restored"
    # and A, restoring the same answer in its own scope, never gets B's values
    scope_a = frozenset(e.replacement for e in ra.entities)
    restored_a = core.restore(answer, session=sa, tenant=ta, scope=scope_a)
    assert not [v for v in b_values if v not in a_values and v in restored_a]


def test_streamed_restoration_is_scoped_too(core: Veil) -> None:
    ra = core.protect("Reach me at ann.lee@example.com.", session="st", tenant="placeholder-a")
    rb = core.protect("Reach me at bo.chen@example.org.", session="st", tenant="placeholder-a")
    answer = f"{ra.entities[0].replacement} / {rb.entities[0].replacement}"
    sr = core.stream_restorer(session="st", tenant="placeholder-a",
                              scope=frozenset(e.replacement for e in rb.entities))
    out = "".join(sr.feed(answer[i : i + 3]) for i in range(0, len(answer), 3)) + sr.flush()
    assert "bo.chen@example.org" in out
    assert "ann.lee@example.com" not in out
