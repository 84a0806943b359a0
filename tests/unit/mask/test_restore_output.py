"""What an answer may show: only this request's values, no placeholder syntax, brackets kept."""

from __future__ import annotations

import base64
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.mask.mask_testing import detect
from veil.config import Policy, Settings
from veil.detect.entity import Detection
from veil.gateway.privacy import ChatStreamRestorer, CompletionStreamRestorer, Conversation
from veil.mask import Masker, Restorer
from veil.vault import open_vault

T = "acme"


def scope_of(*results) -> frozenset[str]:
    return frozenset(e.replacement for r in results for e in r.entities)


# ------------------------------------------------------------------------------ scope
@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_an_entry_outside_the_scope_is_never_restored(vault, op) -> None:
    m, r = Masker(vault, Policy(default_operator=op)), Restorer(vault)
    a = m.mask("Jane Doe, jane@x.org", detect("Jane Doe, jane@x.org",
               [("PERSON", "Jane Doe"), ("EMAIL", "jane@x.org")]), tenant=T, session="s")
    b = m.mask("Bob Stone", detect("Bob Stone", [("PERSON", "Bob Stone")]), tenant=T,
               session="s")
    answer = f"{a.masked} / {b.masked}"
    got = r.restore(answer, tenant=T, session="s", scope=scope_of(b))
    # the first request's masked values stay as they were sent (a synthetic name may
    # itself contain "Jane", so compare the whole answer rather than search for it)
    assert got == f"{a.masked} / Bob Stone"
    assert "Jane Doe" not in got and "jane@x.org" not in got
    # the whole session (library use) and the union of both scopes restore everything
    assert r.restore(answer, tenant=T, session="s") == "Jane Doe, jane@x.org / Bob Stone"
    assert r.restore(answer, tenant=T, session="s", scope=scope_of(a, b)) == \
        "Jane Doe, jane@x.org / Bob Stone"
    sr = r.stream(tenant=T, session="s", scope=scope_of(b))
    assert "".join(sr.feed(c) for c in answer) + sr.flush() == got


def test_scope_includes_linked_variants_and_their_canonical(make_masker, restorer) -> None:
    m = make_masker("placeholder")
    m.mask("Jane Doe", detect("Jane Doe", [("PERSON", "Jane Doe")]), tenant=T, session="v")
    first = m.mask("Hi Jane", detect("Hi Jane", [("PERSON", "Jane")]), tenant=T, session="v")
    assert first.masked == "Hi [PERSON_1_FIRST]"
    # the request sent only the variant; the answer may name the whole person
    got = restorer.restore("[PERSON_1] aka [PERSON_1_FIRST]", tenant=T, session="v",
                           scope=scope_of(first))
    assert got == "Jane Doe aka Jane"
    full = m.mask("Jane Doe", detect("Jane Doe", [("PERSON", "Jane Doe")]), tenant=T,
                  session="v")
    assert restorer.restore("[PERSON_1_FIRST]", tenant=T, session="v",
                            scope=scope_of(full)) == "Jane"
    other = m.mask("Bob Stone", detect("Bob Stone", [("PERSON", "Bob Stone")]), tenant=T,
                   session="v")
    assert restorer.restore("[PERSON_1_FIRST] [PERSON_1]", tenant=T, session="v",
                            scope=scope_of(other)) == "[PERSON_1_FIRST] [PERSON_1]"


def test_matchers_are_cached_per_scope(make_masker, restorer) -> None:
    m = make_masker("placeholder")
    a = m.mask("Jane Doe", detect("Jane Doe", [("PERSON", "Jane Doe")]), tenant=T, session="c")
    s = scope_of(a)
    assert restorer.matcher(tenant=T, session="c", scope=s) is \
        restorer.matcher(tenant=T, session="c", scope=frozenset(s))
    assert restorer.matcher(tenant=T, session="c", scope=s) is not \
        restorer.matcher(tenant=T, session="c")


# ------------------------------------------------------------------------- invented
def test_invented_placeholders_render_per_policy(make_masker, restorer) -> None:
    m = make_masker("placeholder")
    a = m.mask("Jane Doe", detect("Jane Doe", [("PERSON", "Jane Doe")]), tenant=T, session="i")
    answer = "[PERSON_1] met [PERSON_2] (see EMAIL_3's note); PERSON 4 is prose."
    kw: dict[str, Any] = {"tenant": T, "session": "i", "scope": scope_of(a)}
    assert restorer.restore(answer, invented="neutral", **kw) == \
        "Jane Doe met someone (see an email address's note); PERSON 4 is prose."
    assert restorer.restore(answer, invented="marker", **kw) == \
        "Jane Doe met [unknown person] (see [unknown email]'s note); PERSON 4 is prose."
    assert restorer.restore(answer, invented="keep", **kw) == \
        "Jane Doe met [PERSON_2] (see EMAIL_3's note); PERSON 4 is prose."
    for mode in ("neutral", "marker", "keep"):
        sr = restorer.stream(invented=mode, **kw)
        assert "".join(sr.feed(c) for c in answer) + sr.flush() == \
            restorer.restore(answer, invented=mode, **kw)


def test_policy_default_renders_invented_placeholders_neutrally() -> None:
    assert Policy().invented_placeholders == "neutral"
    assert Policy().logprobs == "drop"


# ------------------------------------------------------------------------- cut-off
def test_cut_off_answer_withholds_a_trailing_partial_replacement(make_masker, restorer) -> None:
    m = make_masker("placeholder")
    text = "Jane Doe pays with 4111 1111 1111 1111"
    a = m.mask(text, detect(text, [("PERSON", "Jane Doe"),
                                   ("CREDIT_CARD", "4111 1111 1111 1111")]),
               tenant=T, session="cut")
    kw: dict[str, Any] = {"tenant": T, "session": "cut", "scope": scope_of(a)}
    for answer, expected in [
        ("[PERSON_1] pays with [CREDIT", "Jane Doe pays with "),
        ("[PERSON_1] pays with [CREDIT_CARD_", "Jane Doe pays with "),
        ("[PERSON_1] pays with [CREDIT_CARD_1]", "Jane Doe pays with 4111 1111 1111 1111"),
        ("[PERSON_1]'", "Jane Doe'"),
        ("ok [PERS", "ok "),
        ("plain text", "plain text"),
    ]:
        assert restorer.restore(answer, truncated=True, **kw) == expected, answer
        for step in (1, 3):
            sr = restorer.stream(**kw)
            out = "".join(sr.feed(answer[i : i + step]) for i in range(0, len(answer), step))
            assert out + sr.flush(truncated=True) == expected, (answer, step)
    # not cut off: the text is kept as written
    assert restorer.restore("see [CREDIT", **kw) == "see [CREDIT"


@pytest.mark.parametrize("op", ["pseudonym", "synthetic"])
def test_a_type_word_before_a_value_does_not_hide_it(make_masker, restorer, op) -> None:
    # "Phone 0864 051638": "Phone 0864" has the shape of a (rejected) token; the replacement
    # that starts inside it must still be found, streamed or not.
    m = make_masker(op)
    text = "Phone 0956 304152. Email 0956 304153 too. Person 12 Jane Doe."
    a = m.mask(text, detect(text, [("PHONE", "0956 304152"), ("PHONE", "0956 304153"),
                                   ("PERSON", "Jane Doe")]), tenant=T, session=f"tw-{op}")
    kw: dict[str, Any] = {"tenant": T, "session": f"tw-{op}"}
    assert restorer.restore(a.masked, **kw) == text
    for step in (1, 4):
        sr = restorer.stream(**kw)
        out = "".join(sr.feed(a.masked[i : i + step]) for i in range(0, len(a.masked), step))
        assert out + sr.flush() == text, step


def test_cut_off_pseudonym_fragment_is_withheld(make_masker, restorer) -> None:
    m = make_masker("pseudonym")
    a = m.mask("Jane Doe", detect("Jane Doe", [("PERSON", "Jane Doe")]), tenant=T, session="pc")
    fake = a.masked
    answer = f"Dear {fake[: len(fake) - 2]}"
    got = restorer.restore(answer, tenant=T, session="pc", scope=scope_of(a), truncated=True)
    # the cut-off word of the pseudonym is withheld (compared after the salutation: a fake
    # name may begin as "Dear" does, "Deanna Benitez")
    fragment = answer.split()[-1]
    assert got.startswith("Dear ") and fragment not in got[len("Dear "):]


# ------------------------------------------------------------------------- brackets
_BRACKETS = ["[", "]", "(", ")", "[[", "]]", "{", "}", "<", ">", "\\[", "\\]", "*", "**", "_",
             "`", "'", '"', " ", "", "[**", "**]", "]["]
_LEFT = [*_BRACKETS, "see ["]
_RIGHT = [*_BRACKETS, "] ok"]
_VALUES = [("PERSON", "Jane Doe"), ("EMAIL", "jane@x.com"), ("US_SSN", "536-22-8726"),
           ("LOCATION", "Springfield"), ("CREDIT_CARD", "4111 1111 1111 1111")]


@pytest.fixture(scope="module")
def bracket_vault(tmp_path_factory):
    home = tmp_path_factory.mktemp("brackets")
    v = open_vault(Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode()))
    yield v
    v.close()


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    left=st.sampled_from(_LEFT), right=st.sampled_from(_RIGHT),
    item=st.sampled_from(_VALUES), op=st.sampled_from(["placeholder", "pseudonym", "synthetic"]),
)
def test_brackets_around_entities_survive_protect_restore(bracket_vault, left, right, item,
                                                          op) -> None:
    etype, value = item
    text = f"x {left}{value}{right} y"
    start = text.index(value)
    res = Masker(bracket_vault, Policy(default_operator=op)).mask(
        text, [Detection(etype, start, start + len(value), 0.9, "t", value)], tenant=T,
        session=op)
    r = Restorer(bracket_vault)
    assert r.restore(res.masked, tenant=T, session=op, scope=scope_of(res),
                     invented="neutral") == text
    sr = r.stream(tenant=T, session=op, scope=scope_of(res), invented="neutral")
    assert "".join(sr.feed(c) for c in res.masked) + sr.flush() == text


def test_reported_bracket_cases(make_masker, restorer) -> None:
    m = make_masker("placeholder")
    for text, value, etype in [("[jane@x.com]", "jane@x.com", "EMAIL"),
                               ("see [Jane Doe]", "Jane Doe", "PERSON"),
                               ("[Jane Doe", "Jane Doe", "PERSON"),
                               ("Jane Doe]", "Jane Doe", "PERSON")]:
        res = m.mask(text, detect(text, [(etype, value)]), tenant=T, session="br")
        assert restorer.restore(res.masked, tenant=T, session="br") == text


# ------------------------------------------------------------- streaming == non-streaming
@pytest.fixture(scope="module")
def answer_setup(tmp_path_factory):
    home = tmp_path_factory.mktemp("answers")
    v = open_vault(Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode()))
    m = Masker(v, Policy())
    text = "Jane Doe <jane@x.org> [Bob Stone]"
    a = m.mask(text, detect(text, [("PERSON", "Jane Doe"), ("EMAIL", "jane@x.org"),
                                   ("PERSON", "Bob Stone")]), tenant=T, session="eq")
    other = m.mask("Ann Lee", detect("Ann Lee", [("PERSON", "Ann Lee")]), tenant=T, session="eq")
    yield Restorer(v), scope_of(a), a.masked, other.masked
    v.close()


_PIECES = ["[PERSON_1]", "[person 2]", "[[PERSON_2]]", "PERSON_3", "[PERSON_9]", "(EMAIL_1)",
           "[EMAIL_4]", "[CREDIT_CARD_1]", "[CRED", "person 1", " ", ", ", "\n", "[", "]", "'s",
           "**", "Hello", "[PERSON_1_FIRST]"]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_stream_equals_restore_with_scope_invented_and_cut(answer_setup, data) -> None:
    r, scope, masked, other = answer_setup
    answer = "".join(data.draw(st.lists(st.sampled_from([*_PIECES, masked, other]),
                                        max_size=12)))
    mode = data.draw(st.sampled_from(["neutral", "marker", "keep"]))
    cut = data.draw(st.booleans())
    cuts = sorted(data.draw(st.lists(st.integers(0, len(answer)), max_size=12)))
    chunks = [answer[i:j] for i, j in zip([0, *cuts], [*cuts, len(answer)], strict=True)]
    kw: dict[str, Any] = {"tenant": T, "session": "eq", "scope": scope}
    sr = r.stream(invented=mode, **kw)
    streamed = "".join(sr.feed(c) for c in chunks) + sr.flush(truncated=cut)
    assert streamed == r.restore(answer, invented=mode, truncated=cut, **kw)
    assert "Ann" not in streamed  # another request's value never comes back
    if mode != "keep":
        assert "[PERSON_" not in streamed and "[EMAIL_" not in streamed
    if cut and answer.endswith("[CRED"):  # the partial token is withheld (with its brackets)
        n = len(answer)
        assert any(streamed == r.restore(answer[:k], invented=mode, **kw)
                   for k in range(n - 5, max(-1, n - 12), -1))


# -------------------------------------------------------------------------- logprobs
class _Core:
    """The gateway's view of the core over a real masker and restorer (fixed detections)."""

    def __init__(self, vault, policy: Policy, values: list[tuple[str, str]]) -> None:
        self._m, self._r, self._policy, self._values = (
            Masker(vault, policy), Restorer(vault), policy, values)

    def policy(self, tenant: str) -> Policy:
        return self._policy

    def protect(self, text: str, *, session: str, tenant: str, user: str | None = None) -> Any:
        items = [(t, v) for t, v in self._values if v in text]
        return self._m.mask(text, detect(text, items), tenant=tenant, session=session)

    def restore(self, text: str, *, session: str, tenant: str,
                scope: frozenset[str] | None = None, truncated: bool = False,
                value: bool = False) -> str:
        return self._r.restore(text, tenant=tenant, session=session, scope=scope,
                               truncated=truncated, invented=self._policy.invented_placeholders,
                               value=value)

    def stream_restorer(self, *, session: str, tenant: str,
                        scope: frozenset[str] | None = None) -> Any:
        return self._r.stream(tenant=tenant, session=session, scope=scope,
                              invented=self._policy.invented_placeholders)

    def scan_output(self, text: str, *, session: str, tenant: str) -> str:
        return text

    def output_scan_window(self, tenant: str) -> int:
        return 0


TOKENS = ["Dear", " [", "PERSON", "_", "1", "],", " your", " card", " [", "CREDIT", "_CARD",
          "_", "1", "]", " is", " fine", "."]


def _chat_logprobs(tokens: list[str]) -> dict[str, Any]:
    return {"content": [{"token": t, "logprob": -0.5, "bytes": list(t.encode()),
                         "top_logprobs": [{"token": t, "logprob": -0.5, "bytes": []},
                                          {"token": "[", "logprob": -3.0, "bytes": []}]}
                        for t in tokens]}


def _conversation(vault, logprobs: str) -> Conversation:
    values = [("PERSON", "Jane Doe"), ("CREDIT_CARD", "4111 1111 1111 1111")]
    conv = Conversation(_Core(vault, Policy(logprobs=logprobs), values), T, f"lp-{logprobs}")
    conv.protect("Jane Doe pays with 4111 1111 1111 1111")
    return conv


@pytest.mark.parametrize("logprobs", ["drop", "restore"])
def test_chat_logprobs_never_carry_placeholder_fragments(vault, logprobs) -> None:
    conv = _conversation(vault, logprobs)
    body = {"choices": [{"index": 0, "finish_reason": "stop", "logprobs": _chat_logprobs(TOKENS),
                         "message": {"role": "assistant", "content": "".join(TOKENS)}}]}
    out = conv.restore_chat(body)["choices"][0]
    assert out["message"]["content"] == "Dear Jane Doe, your card 4111 1111 1111 1111 is fine."
    if logprobs == "drop":
        assert out["logprobs"] is None
    else:
        content = out["logprobs"]["content"]
        assert "".join(e["token"] for e in content) == out["message"]["content"]
        for e in content:
            assert "[" not in e["token"] and "PERSON" not in e["token"]
            assert all(a["token"] != "[" for a in e["top_logprobs"])
            assert e["bytes"] == list(e["token"].encode())
        assert sum(e["logprob"] for e in content) == pytest.approx(-0.5 * len(TOKENS))
    # an answer without replacements keeps its logprobs as they are
    plain = ["No", " names", " here"]
    body = {"choices": [{"index": 0, "finish_reason": "stop", "logprobs": _chat_logprobs(plain),
                         "message": {"role": "assistant", "content": "".join(plain)}}]}
    assert conv.restore_chat(body)["choices"][0]["logprobs"] == _chat_logprobs(plain)

    # streamed: the same logprobs, delivered with the choice's last chunk
    conv2 = _conversation(vault, logprobs)
    csr = ChatStreamRestorer(conv2)
    content, lps = [], []
    for k, t in enumerate(TOKENS):
        last = k == len(TOKENS) - 1
        chunk = {"id": "c", "choices": [{"index": 0, "delta": {"content": t},
                                         "logprobs": _chat_logprobs([t]),
                                         "finish_reason": "stop" if last else None}]}
        sent = csr.process(chunk)
        if sent is not None:
            ch = sent["choices"][0]
            content.append(ch["delta"].get("content") or "")
            if ch.get("logprobs") is not None:
                lps.append(ch["logprobs"])
    assert "".join(content) == out["message"]["content"]
    assert lps == ([] if logprobs == "drop" else [out["logprobs"]])


@pytest.mark.parametrize("logprobs", ["drop", "restore"])
def test_completion_logprobs_and_cut_off_streaming(vault, logprobs) -> None:
    conv = _conversation(vault, logprobs)
    toks = TOKENS[:10]  # cut off inside "[CREDIT"
    lp = {"tokens": toks, "token_logprobs": [-0.1] * len(toks),
          "top_logprobs": [{t: -0.1} for t in toks],
          "text_offset": [sum(len(t) for t in toks[:i]) for i in range(len(toks))]}
    body = {"choices": [{"index": 0, "text": "".join(toks), "finish_reason": "length",
                         "logprobs": lp}]}
    out = conv.restore_completion(body)["choices"][0]
    assert out["text"] == "Dear Jane Doe, your card "
    if logprobs == "drop":
        assert out["logprobs"] is None
    else:
        assert "".join(out["logprobs"]["tokens"]) == out["text"]
        assert not any("[" in t or "CREDIT" in t for t in out["logprobs"]["tokens"])
    conv2 = _conversation(vault, logprobs)
    csr = CompletionStreamRestorer(conv2)
    text, lps = "", []
    for k, t in enumerate(toks):
        last = k == len(toks) - 1
        one = {"tokens": [t], "token_logprobs": [-0.1], "top_logprobs": [{t: -0.1}],
               "text_offset": [lp["text_offset"][k]]}
        sent = csr.process({"id": "x", "choices": [{"index": 0, "text": t, "logprobs": one,
                                                     "finish_reason": "length" if last else None}]})
        if sent is not None:
            text += sent["choices"][0]["text"]
            if sent["choices"][0].get("logprobs") is not None:
                lps.append(sent["choices"][0]["logprobs"])
    assert text == out["text"]
    assert lps == ([] if logprobs == "drop" else [out["logprobs"]])


def test_chat_cut_off_answer_in_the_gateway(vault) -> None:
    conv = _conversation(vault, "drop")
    body = {"choices": [{"index": 0, "finish_reason": "length",
                         "message": {"role": "assistant", "content": "Card: [CREDIT"}}]}
    assert conv.restore_chat(body)["choices"][0]["message"]["content"] == "Card: "
    csr = ChatStreamRestorer(_conversation(vault, "drop"))
    got = ""
    for k, t in enumerate(["Card:", " [CRED", "IT"]):
        sent = csr.process({"choices": [{"index": 0, "delta": {"content": t},
                                         "finish_reason": "length" if k == 2 else None}]})
        if sent is not None:
            got += sent["choices"][0]["delta"].get("content") or ""
    assert got == "Card: "
