"""Handles and user-name fields are found, masked and restored; decorators, doc tags, CSS
at-rules, chat roles and prose after "user" are left alone; the scans that start at "@" or at
a label find what a full scan of the text finds."""

from __future__ import annotations

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.patterns import Scan
from veil.detect.usernames import _LINE, HANDLE, USER_NAME_FIELD

from .scans import assert_anchored_equals_full


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _names(engine: DetectionEngine, text: str) -> list[str]:
    return [d.text for d in engine.analyze(text) if d.type == "USERNAME"]


@pytest.mark.parametrize(("text", "names"), [
    ("follow me on twitter @jsmith_1984", ["jsmith_1984"]),
    ("DM @JaneDoe or @here", ["JaneDoe"]),
    ("cc @bob.smith on the ticket.", ["bob.smith"]),
    ("Hey @Jane_Doe, thanks!", ["Jane_Doe"]),
    ("(@jsmith)", ["jsmith"]),
    ("@jane can you check this?", ["jane"]),
    ("first line\n@mark.t: please review", ["mark.t"]),
    ("username: jsmith", ["jsmith"]),
    ("Screen name is JaneD", ["JaneD"]),
    ("user id: jdoe_1984", ["jdoe_1984"]),
    ("my username is jsmith84.", ["jsmith84"]),
    ("Username jane.doe", ["jane.doe"]),
    ("user jsmith84 cannot log in", ["jsmith84"]),
    ("login jdoe2 password Tr0ub4dor&3", ["jdoe2"]),
    ("Benutzername: mmustermann", ["mmustermann"]),
    ("Skype: jane.doe.84", ["jane.doe.84"]),
    ("Telegram - @jdoe_99", ["jdoe_99"]),
    # a payment app's "@" or "$" tag after its name, hyphens inside
    ("My Venmo is @jane-doe-42", ["jane-doe-42"]),
    ("pay me on venmo @jane-doe", ["jane-doe"]),
    ("Cash App $JaneDoe42", ["JaneDoe42"]),
    ("Cash App: $JaneDoe42", ["JaneDoe42"]),
    ("ping @octo-cat on the pull request", ["octo-cat"]),
    ("Login with jsmith / P@ssw0rd!", ["jsmith"]),  # the user before a password
    ("Log in as user: mthornton, pass: Summer2024#", ["mthornton"]),
    ("my discord is shadowfox#4821", ["shadowfox#4821"]),
    ("Discord: shadowfox#4821", ["shadowfox#4821"]),
    ("DM me: discord zyx#4821", ["zyx#4821"]),  # a gamer's tag right after the service
    ("my battletag is Kestrel#11873", ["Kestrel#11873"]),
    ("my insta is lucy.inthe.sky", ["lucy.inthe.sky"]),
    ("reach me on telegram: t.me/markov_v", ["markov_v"]),
    ("Skype: live:.cid.3f2a1b4c5d", ["live:.cid.3f2a1b4c5d"]),
    # a chat log's speakers: IRC's "<nick>", a time before "nick:"
    ("<jdoe42> anyone know how to fix this?", ["jdoe42"]),
    ("12:01 <sarah.k> deploying now", ["sarah.k"]),
    ("[10:32] mike_r: hey can you send the file?", ["mike_r"]),
    ("log:\n[10:32:05 PM] k.osei: done\n[10:33] zed_9: ok", ["k.osei", "zed_9"]),
    # after a time, an IRC speaker of any shape (not an HTML tag)
    ("[10:42] <mkowalczyk> can someone reset the vpn?\n10:43 <span> x", ["mkowalczyk"]),
])
def test_a_user_name_is_found(engine: DetectionEngine, text: str, names: list[str]) -> None:
    assert _names(engine, text) == names


@pytest.mark.parametrize("text", [
    "@property\ndef name(self): ...",
    "@dataclass(frozen=True)\nclass A: ...",
    '@app.route("/")',
    "    @staticmethod",
    " * @param x the value\n * @returns the sum",
    'import x from "@types/node"',
    "// @ts-ignore",
    "// @ts-expect-error: the types are wrong",
    "@font-face { font-family: x }",
    "  @at-root .child { color: red }",
    "the price is $50 on cash app",
    "my twitter is broken",
    "venmo $5 to me",
    "a = b @ c",
    "@media (max-width: 600px) { }",
    "thanks @everyone and @here",
    "User: Summarize this article for me",  # a transcript's role, not an account
    "the user logged.",
    "user 5 logged in",
    "Login: successful",
    "Username: required",
    "the user is here",
    "I use github daily",  # a service's name is a label only before ":" or " - "
    "Discord: none",
    "from 10.0.0.1 (user_id=4411)",  # a number, not a name
    "User: 250 Lorrigan Way",
    "send to jane.doe@example.com please",  # an e-mail address, not a handle
    "my instagram is private",  # after "is", only a value shaped like an account
    "User: how do I pass the exam?",
    "x.com/home and instagram.com/explore",  # a site's own pages
    "see issue#1234 and PR#5678 on github",  # a reference's "#", no service before it
    "<h1> Title </h1>\n<div> text </div>",  # markup, not a chat's speakers
    "user_id: 5\napi_key: none",  # a key at a line's start, no time before it
    "[10:32] Mike: hey",  # a name, not an account: the name heuristics' speaker
])
def test_code_roles_and_prose_are_not_user_names(engine: DetectionEngine, text: str) -> None:
    assert _names(engine, text) == []


@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_a_handle_is_masked_and_restored(tmp_path, op: str) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    text = "ping @jsmith_1984 and username: mmustermann"
    r = v.protect(text, session="s")
    a, b = r.entities  # compared whole: a generated name may hold the original's letters
    assert (a.type, b.type) == ("USERNAME", "USERNAME")
    assert r.masked == f"ping @{a.replacement} and username: {b.replacement}"
    assert v.restore(r.masked, session="s") == text


_PIECES = ("@", "@", "@jane", "@j_1", "@a.b", "jane", "user", "User", "username", "login",
           "user id", "screen name", "is", ":", "=", "jsmith84", "jane.doe", "x_y", "(", ")",
           "[", '"', "'", ".", ",", "-", "/", "here", "param", "property", "5", "é", "\\",
           "skype", "Telegram", "github", " - ", "venmo", "Cash App", "$JaneDoe42",
           "@jane-doe-42", "@ts-ignore", "$5", "handle", "discord", "shadowfox#4821", "#4821",
           "t.me/", "instagram.com/", "x.com/", "pass", "password", "live:.cid.3f2a", ", ",
           "Venmo", "cash app", "@jane",
           # a login's or a handle's value after what it opens, an account's, a quoted name
           "account", "account name", "for the portal", "on the forum", "jlo.delacruz",
           '"Callum Hayes Savings"', "settings.json", 'account name "Callum Hayes"',
           'Account Name: "Joint"', 'account name “Rainy Day”', "login for the VPN is",
           "the username for the portal is", "account jlo.delacruz", "account is k.obrien",
           "handle on the forum is", "My Venmo is @jane-doe-42", "Cash App $JaneDoe42",
           "logged in", "signed on", "has logged out", "Zander_Hoeger logged in",
           "username for the VPN:", "login on the new portal is")
_GLUE = (" ", " ", "", "", "\t", "\n", ": ", ".", "@")


def test_the_scans_from_marks_equal_the_full_scans() -> None:
    def scan_with(part: str) -> Scan:
        return next(scan for scan, _, _ in USER_NAME_FIELD._compiled
                    if part in scan.pattern.regex)

    login = scan_with("sign[ -]?in")
    after_is = scan_with("(?=[A-Za-z0-9._-]*(?:[0-9_.#]))")
    before_password = scan_with("pass(?:word)?|pw")
    gamer_tag = scan_with("battletag")
    speakers = [scan for scan, _, _ in HANDLE._compiled if _LINE in scan.pattern.regex]
    assert len(speakers) == 3
    for recognizer in (HANDLE, USER_NAME_FIELD):
        for scan, _score, _check in recognizer._compiled:
            if scan not in (login, after_is, before_password, gamer_tag, *speakers):
                assert_anchored_equals_full(scan, _PIECES, _GLUE, seed=61)
    for k, speaker in enumerate(speakers):  # a chat log's lines
        assert_anchored_equals_full(speaker, ("[10:32]", "12:01", "[9:05:59 pm]", "<jdoe42>",
                                              "<div>", "mike_r:", "k.osei", "Mike:", "hey",
                                              "\\n", "\r", " ", "<h1>", "<mkowalczyk>",
                                              "<span>"),
                                    (" ", " ", "", "\n", "\n", "\t", ": "), seed=66 + k,
                                    least=30)
    assert_anchored_equals_full(after_is, ("discord", "my insta", "Skype handle", "is", "IS",
                                           "shadowfox#4821", "lucy.sky", "private", "x_1",
                                           "@", "(", "/"),
                                (" ", " ", "", "\t", ": "), seed=63, least=50)
    assert_anchored_equals_full(gamer_tag, ("discord", "Battletag", "battle.net", "tag", "is",
                                            "zyx#4821", "Kestrel#11873", "#4821", "x#12", "@",
                                            "é", "#"),
                                (" ", " ", "", "\t", ": "), seed=65, least=50)
    assert_anchored_equals_full(before_password, ("user", "User", "login", "mthornton",
                                                  "j.doe", "pass", "password", "pw", ",", "/",
                                                  ":", "=", '"'),
                                (" ", " ", "", ": ", ", ", "\t"), seed=64, least=50)
    assert_anchored_equals_full(login, ("login jsmith", "Login with j.doe", "sign in as x",
                                        "creds: jsmith", "/ P@ssw0rd!", "/ secret", "/",
                                        "P@ssw0rd!", "jsmith", "login", "x", "é"),
                                (" ", " ", "", " / ", ": ", "\n", "\t"), seed=62, least=50)
