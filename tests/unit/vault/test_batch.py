"""The request path of the vault: one read per protect (the session view), one compare-and-set
write per request (the batch), replicas racing on one value ending with one mapping, both
backends; and the Redis command count per request that the batching exists for."""

from __future__ import annotations

import dataclasses
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import redis

from veil.config import Policy, Settings
from veil.core import Veil
from veil.errors import VaultUnavailableError
from veil.vault import Vault, open_vault
from veil.vault.base import Pending, SessionBatch, SessionView

BACKENDS = ["sqlite", pytest.param("redis", marks=pytest.mark.redis)]


def placeholder(etype: str) -> Callable[[int, int], str]:
    return lambda counter, attempt: f"[{etype}_{counter}]"


def create(b: SessionBatch, value: str, etype: str = "EMAIL_ADDRESS") -> str:
    return b.get_or_create(
        b.tenant, b.session, entity_type=etype, original=value, operator="placeholder",
        exact_key=value, norm_key=value.casefold(), propose=placeholder(etype),
    ).replacement


@pytest.fixture(params=BACKENDS)
def replicas(
    request: pytest.FixtureRequest, tmp_path: Path, master_key: str
) -> Iterator[Callable[[], Vault]]:
    """Opens vault clients of ONE store, as separate gateway replicas/workers would."""
    backend: str = request.param
    url = request.getfixturevalue("redis_url") if backend == "redis" else "redis://127.0.0.1:1/0"
    opened: list[Vault] = []

    def make() -> Vault:
        v = open_vault(Settings(home=tmp_path / "home", master_key=master_key,
                                vault_backend=backend, redis_url=url))  # type: ignore[arg-type]
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


@pytest.fixture
def tenant() -> str:
    return f"tenant-{uuid.uuid4().hex}"


def test_two_replicas_racing_on_one_value_end_with_one_mapping(replicas, tenant) -> None:
    a, b = replicas(), replicas()
    ba, bb = a.batch(tenant, "s"), b.batch(tenant, "s")  # both read before either writes
    assert create(ba, "jane@example.com") == "[EMAIL_ADDRESS_1]"
    assert create(bb, "JANE@example.com") == "[EMAIL_ADDRESS_1]"  # same value, other spelling
    assert create(bb, "bob@example.com") == "[EMAIL_ADDRESS_2]"
    assert ba.commit()
    assert not bb.commit()  # lost the race: nothing of it was written
    assert [e.original for e in b.entries(tenant, "s")] == ["jane@example.com"]
    retry = b.batch(tenant, "s")  # masked again against a fresh view: the winner's mapping
    assert create(retry, "JANE@example.com") == "[EMAIL_ADDRESS_1]"
    assert create(retry, "bob@example.com") == "[EMAIL_ADDRESS_2]"
    assert retry.commit()
    got = {e.original: e.replacement for e in a.entries(tenant, "s")}
    assert got == {"jane@example.com": "[EMAIL_ADDRESS_1]", "bob@example.com": "[EMAIL_ADDRESS_2]"}


def test_a_replacement_taken_meanwhile_is_refused(replicas, tenant) -> None:
    """Different values, same candidate placeholder: the second writer must not reuse it."""
    a, b = replicas(), replicas()
    ba, bb = a.batch(tenant, "s"), b.batch(tenant, "s")
    create(ba, "ann@example.com")
    create(bb, "carl@example.com")
    assert ba.commit() and not bb.commit()
    retry = b.batch(tenant, "s")
    assert create(retry, "carl@example.com") == "[EMAIL_ADDRESS_2]"
    assert retry.commit()
    reps = [e.replacement for e in a.entries(tenant, "s")]
    assert sorted(reps) == ["[EMAIL_ADDRESS_1]", "[EMAIL_ADDRESS_2]"]


def test_a_large_batch_is_written_whole_and_checked_to_its_last_value(replicas, tenant) -> None:
    """More values than one conflict check takes: a conflict in the last slice still refuses
    the whole batch, and the winner's entries get ids in the order they were created."""
    a, b = replicas(), replicas()
    ba, bb = a.batch(tenant, "s"), b.batch(tenant, "s")
    many = [f"user{i}@example.com" for i in range(300)]
    for v in many:
        create(ba, v)
    create(bb, many[-1].upper())  # only the 300th value is shared
    assert ba.commit() and ba.current
    assert not bb.commit()
    stored = b.entries(tenant, "s")
    assert [e.original for e in stored] == many
    assert [e.replacement for e in stored] == [f"[EMAIL_ADDRESS_{i + 1}]" for i in range(300)]
    assert a.batch(tenant, "s").view.version == b.batch(tenant, "s").view.version


def test_views_follow_writes_and_erasure_of_other_replicas(replicas, tenant) -> None:
    a, b = replicas(), replicas()
    ba = a.batch(tenant, "s")
    create(ba, "x1@example.com")
    assert ba.commit() and ba.current
    assert [e.original for e in b.entries(tenant, "s")] == ["x1@example.com"]
    bb = b.batch(tenant, "s")
    create(bb, "x2@example.com")
    assert bb.commit()
    assert len(a.entries(tenant, "s")) == 2  # a's view caught up with one read
    stale = a.batch(tenant, "s")  # read before the erasure below
    b.delete_session(tenant, "s")
    assert a.entries(tenant, "s") == []  # erased elsewhere: no stale copy survives
    create(stale, "x3@example.com")
    assert not stale.commit()  # masked against the erased generation: refused
    fresh = a.batch(tenant, "s")
    assert create(fresh, "x3@example.com") == "[EMAIL_ADDRESS_1]"
    assert fresh.commit()


def test_a_batch_read_before_its_session_was_deleted_and_started_again_is_refused(
    replicas, tenant
) -> None:
    """The session's next life may hold as many entries as the one the batch read: the batch
    still chose against the erased one and is refused."""
    a, b = replicas(), replicas()
    ba = a.batch(tenant, "s")
    create(ba, "x1@example.com")
    assert ba.commit()
    stale = a.batch(tenant, "s")
    b.delete_session(tenant, "s")
    bb = b.batch(tenant, "s")
    create(bb, "y1@example.com")
    create(bb, "y2@example.com")
    assert bb.commit()
    create(stale, "x2@example.com")
    assert not stale.commit()
    assert [e.original for e in a.entries(tenant, "s")] == ["y1@example.com", "y2@example.com"]


def test_concurrent_protects_agree_across_replicas(replicas, tenant) -> None:
    """Two Veil instances (two gateway replicas) protecting overlapping texts in threads."""
    veils = [Veil(replicas().settings, policy=Policy(ner=False), vault=replicas())
             for _ in range(2)]
    for v in veils:
        v.set_policy(tenant, Policy(ner=False))
    texts = [" ".join(f"u{(i + k) % 9}@example.com" for k in range(4)) for i in range(9)]
    barrier = threading.Barrier(4)

    def run(n: int) -> dict[str, str]:
        barrier.wait()
        out: dict[str, str] = {}
        for t in texts[n:] + texts[:n]:
            r = veils[n % 2].protect(t, session="s", tenant=tenant)
            for e in r.entities:
                assert out.setdefault(t[e.start:e.end], e.replacement) == e.replacement
        return out

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(4)))
    assert all(r == results[0] for r in results)
    assert len(set(results[0].values())) == 9  # nine values, nine distinct placeholders
    assert len(veils[0].vault.entries(tenant, "s")) == 9


def test_a_batch_serves_only_its_own_session(replicas, tenant) -> None:
    b = replicas().batch(tenant, "s")
    with pytest.raises(ValueError, match="one session"):
        b.find(tenant, "other", entity_type="EMAIL_ADDRESS", exact_key="x@example.com")
    with pytest.raises(ValueError, match="one session"):
        b.find("another-tenant", "s", entity_type="EMAIL_ADDRESS", exact_key="x@example.com")


@pytest.mark.redis
def test_a_protect_costs_one_read_and_one_write(redis_url: str, tmp_path: Path,
                                                master_key: str) -> None:
    url = redis_url.rsplit("/", 1)[0] + "/9"
    client = redis.Redis.from_url(url)
    veil = Veil(Settings(home=tmp_path, master_key=master_key, vault_backend="redis",
                         redis_url=url), policy=Policy(ner=False))
    veil.protect("warm up w@example.com", session="warm")
    text = "Mail a@example.com, b@example.com or c@example.com; call +44 20 7946 0123."
    client.config_resetstat()
    r = veil.protect(text, session="s")
    stats = client.info("commandstats")
    assert len(r.entities) == 4
    # Two scripts (read the view, commit the batch); the commands they run are the only others.
    assert stats["cmdstat_evalsha"]["calls"] == 2
    assert "cmdstat_watch" not in stats and "cmdstat_multi" not in stats
    client.config_resetstat()
    assert veil.protect(text, session="s").masked == r.masked  # a resend: one read, no write
    stats = client.info("commandstats")
    assert stats["cmdstat_evalsha"]["calls"] == 1 and "cmdstat_hset" not in stats


def test_redis_dying_between_read_and_write_fails_closed(
    tmp_path: Path, master_key: str, redis_server
) -> None:
    port, stop = redis_server()
    try:
        v = open_vault(Settings(home=tmp_path, master_key=master_key, vault_backend="redis",
                                redis_url=f"redis://127.0.0.1:{port}/0"))
        b = v.batch("t", "s")
        create(b, "secret.person@example.com")
    finally:
        stop()
    with pytest.raises(VaultUnavailableError) as err:
        b.commit()
    assert "secret.person" not in str(err.value) and err.value.__cause__ is None


def test_an_unchanged_session_is_read_in_one_statement_and_a_change_is_seen(
    tmp_path: Path, master_key: str, tenant: str
) -> None:
    """The read after a request's own write (its restorer, the chat's next turn) asks SQLite
    one question; a write by another replica or worker is still seen, counters included."""
    from veil.vault import SQLiteVault

    settings = Settings(home=tmp_path / "home", master_key=master_key)
    a, b = open_vault(settings), open_vault(settings)
    assert isinstance(a, SQLiteVault)
    ba = a.batch(tenant, "s")
    create(ba, "ann@example.com")
    assert ba.commit()
    statements: list[str] = []
    a._conn().set_trace_callback(statements.append)
    view = a.view(tenant, "s")
    assert len(statements) == 1 and [e.original for e in view.entries] == ["ann@example.com"]
    bb = b.batch(tenant, "s")
    create(bb, "bob@example.com")
    assert bb.commit()
    statements.clear()
    view = a.view(tenant, "s")
    assert len(statements) > 1  # changed: the full read
    assert [e.original for e in view.entries] == ["ann@example.com", "bob@example.com"]
    assert view.counters == {"EMAIL_ADDRESS": 2}
    assert create(a.batch(tenant, "s"), "cy@example.com") == "[EMAIL_ADDRESS_3]"
    b.delete_session(tenant, "s")
    assert a.view(tenant, "s").entries == []  # erased elsewhere: never served from memory
    a.close()
    b.close()


def test_a_first_write_skips_the_conflict_check_and_a_later_one_makes_it(
    tmp_path: Path, master_key: str, tenant: str
) -> None:
    """Only entries written after a batch's view can conflict with it: a first write, and a
    write to a session unchanged since its view, ask no conflict question; a racing writer's
    values are still refused."""
    from veil.vault import SQLiteVault

    settings = Settings(home=tmp_path / "home", master_key=master_key)
    a, b = open_vault(settings), open_vault(settings)
    assert isinstance(a, SQLiteVault)
    statements: list[str] = []
    a._conn().set_trace_callback(statements.append)
    first = a.batch(tenant, "s")
    create(first, "ann@example.com")
    assert first.commit()
    question = "SELECT lk_exact, lk_norm, rep, fp FROM entries"
    assert not any(s.startswith(question) for s in statements)
    ba, bb = a.batch(tenant, "s"), b.batch(tenant, "s")
    create(ba, "bob@example.com")
    create(bb, "carl@example.com")  # the same candidate placeholder, [EMAIL_ADDRESS_2]
    statements.clear()
    assert ba.commit()
    assert not any(s.startswith(question) for s in statements)  # nothing new since its view
    b_statements: list[str] = []
    b._conn().set_trace_callback(b_statements.append)
    assert not bb.commit()  # ba wrote after bb's view: its entry is read and conflicts
    assert any(s.startswith(question) for s in b_statements)
    assert [e.replacement for e in a.entries(tenant, "s")] == ["[EMAIL_ADDRESS_1]",
                                                               "[EMAIL_ADDRESS_2]"]
    a.close()
    b.close()


def test_the_commit_claims_each_replacement_by_its_own_fingerprint(replicas, tenant) -> None:
    # the fingerprint found free while choosing is the one written: a candidate that collided
    # (equal to an original of the session) must not leave its fingerprint in its successor's
    vault = replicas()
    view = vault.view(tenant, "s-fp")
    b = vault.batch(tenant, "s-fp", view)
    sent: list[Pending] = []
    real = vault._commit

    def spy(*args: Any) -> Any:
        sent.extend(args[3])  # the items
        return real(*args)

    vault._commit = spy  # type: ignore[method-assign]
    create(b, "[EMAIL_ADDRESS_2]")  # an original that the next value's first candidate equals
    b.get_or_create(b.tenant, b.session, entity_type="EMAIL_ADDRESS", original="x@y.org",
                    operator="placeholder", exact_key="x@y.org", norm_key="x@y.org",
                    propose=lambda counter, attempt: f"[EMAIL_ADDRESS_{counter + attempt}]")
    assert b.commit()
    keys = vault.keys(tenant)
    replacements = [e.replacement for e in b.view.entries]
    assert "[EMAIL_ADDRESS_2]" not in replacements  # it collided with an original
    assert [it.cand_fp for it in sent] == [keys.fingerprint(r) for r in replacements]


def test_records_carry_the_hmacs_a_view_indexes_and_older_records_are_indexed_alike(
    replicas, tenant
) -> None:
    # a process reading a long session takes each entry's replacement and fingerprint HMACs
    # from its sealed record instead of computing them: they must be exactly what it would
    # compute, a shared replacement claiming nothing; records written before they carried
    # them (no claims) are indexed the same way by computing
    writer = replicas()
    b = writer.batch(tenant, "s-claims")
    for value in ("a@x.org", "b@x.org", "Ann@X.org"):
        create(b, value)
    b.get_or_create(b.tenant, b.session, entity_type="PERSON", original="Ann",
                    operator="placeholder", exact_key="Ann", norm_key="ann",
                    shared_replacement="[EMAIL_ADDRESS_3]")
    assert b.commit()
    reader = replicas()  # another process: it reads the records
    view = reader.view(tenant, "s-claims")
    keys = reader.keys(tenant)
    assert len(view) == 4
    for e in view.entries:
        want_rep = None if e.shared else keys.replacement(e.replacement)
        assert e.claims == (want_rep, keys.fingerprint(e.original))
    assert sum(e.shared for e in view.entries) == 1
    older = SessionView()
    for i, e in enumerate(view.entries):
        older.add(i + 1, dataclasses.replace(e, claims=None), keys)
    assert (older.reps, older.fps) == (view.reps, view.fps)
    assert len(view.reps) == 3 and len(view.fps) == 4
    # and the reader's batch refuses what they claim: the next value gets the next number
    nb = reader.batch(tenant, "s-claims", view)
    assert create(nb, "c@x.org") == "[EMAIL_ADDRESS_4]"


def test_a_process_keeps_sessions_up_to_its_entry_budget_and_reads_dropped_ones_again(
    tmp_path: Path, master_key: str
) -> None:
    # memory is bounded by the values held, not only by the number of sessions: the least
    # recently used views go (with the indexes kept per view), and come back when asked for
    import gc

    from veil.cli.bench_vault import value_line

    budget = 50
    veil = Veil(Settings(home=tmp_path, master_key=master_key, view_cache_entries=budget),
                policy=Policy(ner=False, default_operator="pseudonym"))
    answers = {}
    for k in range(5):
        texts = [value_line(10 * k + j) for j in range(10)]
        res = veil.protect_many(texts, session=f"s{k}")
        answers[f"s{k}"] = (" / ".join(e.replacement for r in res for e in r.entities),
                            " / ".join(t[e.start : e.end] for t, r in zip(texts, res, strict=True)
                                       for e in r.entities))
        assert veil.restore(answers[f"s{k}"][0], session=f"s{k}") == answers[f"s{k}"][1]
    vault = veil.vault
    held = {key[1]: len(view) for key, view in vault._views.items()}
    assert 20 <= held["s4"] <= budget  # a session of a few tens of values
    assert sum(held.values()) <= budget and "s0" not in held
    assert vault._views_held == sum(held.values())
    gc.collect()
    restorer = veil._restorer
    assert restorer is not None and len(restorer._views) <= len(held)  # gone with their views
    assert len(veil._detection._seen) <= len(held)
    # a dropped session is read again whole: every value comes back
    assert veil.restore(answers["s0"][0], session="s0") == answers["s0"][1]
    assert "s0" in {key[1] for key in vault._views}
    assert sum(len(v) for v in vault._views.values()) == vault._views_held <= budget
    # one session larger than the budget is kept (alone) while it is the one in use
    texts = [value_line(1000 + j) for j in range(40)]
    last = veil.protect_many(texts, session="big")[-1].entities[0]
    assert len(vault.view("default", "big")) > budget
    assert [key[1] for key in vault._views] == ["big"]
    assert veil.restore(last.replacement, session="big") == texts[-1][last.start : last.end]
