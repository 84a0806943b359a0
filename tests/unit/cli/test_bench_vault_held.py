"""`veil bench vault --held`'s measurement: a request's cost at each session size, and the
first request of a process new to the session, on a real SQLite vault."""

from __future__ import annotations

from pathlib import Path

from veil.cli.bench_vault import run_held


def test_held_rows_measure_each_size_and_a_new_process_first_request(tmp_path: Path) -> None:
    rows = run_held("sqlite", [0, 40], prompts=3, ner=False, redis_port=None, work=tmp_path)
    assert [r["held"] for r in rows][0] == 0 and rows[1]["held"] >= 40
    for r in rows:
        assert r["protect_ms_p50"] > 0 and r["restore_ms_p50"] > 0
        # the new process reads the whole session: never cheaper than nothing
        assert r["first_request_ms_p50"] > 0
    # a session's view is held in memory: more values, more bytes (and some per value)
    assert rows[1]["view_bytes_per_value"] > 100
    assert all(r["whole_restore_ms_p50"] > 0 and r["operator"] == "placeholder" for r in rows)
    assert set(rows[0]) == {"backend", "ner", "held", "prompts", "protect_ms_p50",
                            "restore_ms_p50", "whole_restore_ms_p50", "operator",
                            "first_request_ms_p50", "view_bytes_per_value", "load_avg"}


def test_held_rows_with_pseudonyms_restore_the_whole_session(tmp_path: Path) -> None:
    rows = run_held("sqlite", [30], prompts=2, ner=False, redis_port=None, work=tmp_path,
                    operator="pseudonym")
    assert rows[0]["operator"] == "pseudonym" and rows[0]["whole_restore_ms_p50"] > 0
