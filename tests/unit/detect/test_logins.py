"""A login's user and password are found where a help-desk message or a shell command gives
them ("sign in as jsmith with P@ssw0rd!", "su - jsmith", "ssh jsmith@10.0.0.5"); prose after
"as" ("log in as usual"), accounts every system has ("root") and code ("use std::io") are left
alone; the scans that start at a login's word find what a full scan finds."""

from __future__ import annotations

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.usernames import ACCOUNT_FOR, LOGIN_SECRET, LOGIN_USER

from .scans import assert_anchored_equals_full


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner_backend="learned"))


def _found(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text) if d.type in ("USERNAME", "SECRET")]


def _u(name: str) -> tuple[str, str]:
    return ("USERNAME", name)


def _s(value: str) -> tuple[str, str]:
    return ("SECRET", value)


@pytest.mark.parametrize(("text", "found"), [
    ("sign in as jsmith with P@ssw0rd!", [_u("jsmith"), _s("P@ssw0rd!")]),
    ("log in as jsmith with P@ssw0rd!", [_u("jsmith"), _s("P@ssw0rd!")]),
    ("login as jsmith password P@ssw0rd!", [_u("jsmith"), _s("P@ssw0rd!")]),
    ("logged in as jsmith using Tr0ub4dor&3", [_u("jsmith"), _s("Tr0ub4dor&3")]),
    ("Signing in as mrivera / Winter2024! fails", [_u("mrivera"), _s("Winter2024!")]),
    ("logged in as j.smith", [_u("j.smith")]),
    ("log in as jdoe_84 and retry", [_u("jdoe_84")]),
    ("creds are jsmith / Tr0ub4dor&3", [_u("jsmith"), _s("Tr0ub4dor&3")]),
    ("user jsmith pw hunter2", [_u("jsmith"), _s("hunter2")]),
    ("username jsmith password Spring#2025", [_u("jsmith"), _s("Spring#2025")]),
    ("my login is jsmith and the pass is Spring#2025", [_u("jsmith"), _s("Spring#2025")]),
    ("the account is jsmith, password hunter2", [_u("jsmith"), _s("hunter2")]),
    ("use jsmith:Winter2024!", [_u("jsmith"), _s("Winter2024!")]),
    ("login jsmith:hunter22", [_u("jsmith"), _s("hunter22")]),
    ("login: jsmith / P@ssw0rd!", [_u("jsmith"), _s("P@ssw0rd!")]),
    ("u: jsmith p: Winter2024!", [_u("jsmith"), _s("Winter2024!")]),
    ("su - jsmith", [_u("jsmith")]),
    ("sudo su - jsmith", [_u("jsmith")]),
    ("sudo -iu jsmith", [_u("jsmith")]),
    ("sudo -u jsmith whoami", [_u("jsmith")]),
    ("su j.smith", [_u("j.smith")]),
    ("ssh jsmith@prod-db-01", [_u("jsmith")]),
    ("ssh -i key.pem jsmith@10.0.0.5", [_u("jsmith")]),
    ("scp report.pdf jdoe@fileserver:/tmp", [_u("jdoe")]),
    ("connect to jsmith@10.0.0.5 first", [_u("jsmith")]),
    ("runas /user:CORP\\jsmith cmd", [_u("jsmith")]),
    ("net use Z: \\\\srv\\share /user:jsmith Winter2024!", [_u("jsmith"), _s("Winter2024!")]),
    ("mysql -u jsmith -pWinter2024!", [_u("jsmith"), _s("Winter2024!")]),
    # an account every system has is no one's: its password is still a password
    ("log in as root with P@ssw0rd123", [_s("P@ssw0rd123")]),
    # the user a help-desk message asks for: an account's shape or initials and a surname
    ("can you reset the password for mthompson? thanks", [_u("mthompson")]),
    ("unlock the account of jdoe_84 please", [_u("jdoe_84")]),
    ("please reset access for bmiller", [_u("bmiller")]),
    # a log line's field, a JSON value, a label before initials and a surname
    ("2024-03-05 10:00:01 INFO login ok user=jsmith", [_u("jsmith")]),
    ("the failing login was user=jsmith.", [_u("jsmith")]),  # a full stop after it
    ("see /home/jsmith.", [_u("jsmith")]),
    ('{"user": "jsmith", "role": "editor"}', [_u("jsmith")]),
    ("GET /next?login=mgarcia&x=1", [_u("mgarcia")]),
    ("export USER=jdoe", [_u("jdoe")]),
    ("user: jsmith", [_u("jsmith")]),
    # a home folder in a pasted path or prompt
    ('File "/home/jsmith/projects/app/main.py", line 12', [_u("jsmith")]),
    ("cd /Users/maria.garcia/Downloads", [_u("maria.garcia")]),
    ("error at C:\\Users\\jane.doe\\AppData\\Local\\x.log", [_u("jane.doe")]),
    ("PS C:\\Users\\mgarcia> whoami", [_u("mgarcia")]),
])
def test_a_login_is_found(engine: DetectionEngine, text: str,
                          found: list[tuple[str, str]]) -> None:
    assert _found(engine, text) == found


@pytest.mark.parametrize(("text", "user"), [
    ("Jun 12 03:14:07 web01 sshd[2231]: Failed password for invalid user mbrannigan from "
     "203.0.113.9 port 52144 ssh2", "mbrannigan"),
    ("sshd[2240]: Accepted publickey for olatunde from 198.51.100.7 port 5514 ssh2", "olatunde"),
    ("pam_unix(sshd:session): session opened for user olatunde(uid=1003) by (uid=0)",
     "olatunde"),
    ("sshd[2250]: Invalid user kwabena from 203.0.113.9 port 40022", "kwabena"),
    ("Connection closed by authenticating user rsatterthwaite 203.0.113.9 port 22 [preauth]",
     "rsatterthwaite"),
    ('192.0.2.44 - tmercer [12/Mar/2024:10:22:01 +0000] "GET /account HTTP/1.1" 200 512',
     "tmercer"),
])
def test_a_servers_log_names_its_user(engine: DetectionEngine, text: str, user: str) -> None:
    assert ("USERNAME", user) in _found(engine, text)


@pytest.mark.parametrize("text", [
    "sshd[2250]: Failed password for root from 203.0.113.9 port 40022 ssh2",  # shared
    '192.0.2.45 - - [12/Mar/2024:10:22:01 +0000] "GET / HTTP/1.1" 200 512',  # no user
    "I searched for user reviews from last year",
])
def test_a_log_without_a_persons_user_gives_none(engine: DetectionEngine, text: str) -> None:
    assert [t for t, _ in _found(engine, text) if t == "USERNAME"] == []


def test_a_quoted_password_option_is_found(engine: DetectionEngine) -> None:
    for quoted in ("'Gr4nite!Peak'", '"Gr4nite!Peak"'):
        text = f"mysql -h db -u rfontaine -p{quoted} payroll"
        assert ("SECRET", "Gr4nite!Peak") in _found(engine, text), text


@pytest.mark.parametrize("text", [
    "sign in as an admin",
    "log in as usual",
    "log in as root",
    "su - postgres",
    "log in as administrator",
    "sign in as a guest user",
    "sign in as jsmith",  # neither a password after it nor an account's shape
    "I logged in as jsmith yesterday",
    "log in as usual with your password",
    "sign in as Guest with Google",
    "log in as 2nd user",
    "user jsmith: login failed at 10:32",
    "use node:18-alpine",
    "use std::io::Read;",
    "use python:3.11-slim",
    "find . -user jsmith -perm 644",
    "the user name and password fields",
    "user guide/manual-v2",
    "Escriba su nombre y su casa",
    "ssh into the box and run the job",
    "ssh -T git@github.com",
    "sign in with two-factor",
    "login page and password reset",
    "rediss://user:password@host:port/0 for TLS",
    "User information with %-escapes decoded",
    "I forgot the password for gmail",  # a service, not a user
    "the password for the vpn is on the wiki",
    "reset the password for admins",
    "login for office",
    "user=admin",
    "login=true&next=/home", "login=false", "user=undefined",  # a setting's values
    "cd /home/runner/work",
    "ls /Users/Shared",
    "export USER=$(whoami)",
    "User: Summarize this article",  # a chat transcript's speaker and an instruction
    "user: unknown",
])
def test_prose_roles_and_code_are_not_logins(engine: DetectionEngine, text: str) -> None:
    assert _found(engine, text) == []


@pytest.mark.parametrize("text", [
    "mysql+mysqldb://scott:tiger@192.168.0.134/test",  # a connection string's (read elsewhere)
    "HTTPBasicCredentials(username=username, password=password)",
    "postgres://user:pass@localhost:5432', input_type=str]",
])
def test_code_is_not_read_as_a_login(text: str) -> None:
    assert LOGIN_USER.analyze(text) == [] and LOGIN_SECRET.analyze(text) == []


def test_a_login_is_masked_and_restored(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner_backend="learned"))
    text = "sign in as jsmith with P@ssw0rd! then su - mrivera"
    r = v.protect(text, session="s")
    assert "jsmith" not in r.masked and "P@ssw0rd!" not in r.masked
    assert "mrivera" not in r.masked
    assert v.restore(r.masked, session="s") == text


_PIECES = ("sign in as jsmith", "log in as j.smith", "Logged in as", "login", "as", "jsmith",
           "root", "usual", "with P@ssw0rd!", "using", "and the pass is", "password", "pw",
           "is", "hunter2", "Winter2024!", "/", ":", ",", "user jsmith", "account is",
           "creds are", "use jsmith:Winter2024!", "try", "u: jsmith", "p:", "su -", "su",
           "sudo -iu", "-u jsmith", "-pWinter2024!", "ssh", "scp a.txt", "jsmith@10.0.0.5",
           "@host", "/user:CORP\\", "x", "é", "\"", "2nd", "jdoe_84", "std::io", "node:18",
           "-u jsmith -pWinter2024!", "u: jsmith p: Winter2024!", "-u jsmith -p",
           "password for mthompson", "account of", "access for", "user=jsmith", '"user": "',
           "/home/jsmith/", "C:\\Users\\jane.doe\\", "/Users/", "user: jsmith", "login=",
           "&", "Failed password for", "Accepted publickey for", "invalid user", "from",
           "Invalid user mbrannigan from", "session opened for user", "(uid=0)", "port 22",
           "authenticating user", "192.0.2.44 -", "[12/Mar/2024:10:22:01", "tmercer [12/Mar/2024:",
           "192.0.2.44 - tmercer [12/Mar/2024:10:22:01", "- - [12/Mar/2024:10:22:01",
           "-p'Gr4nite!Peak'", '-p"Gr4nite!Peak"', "-u jsmith -p'Gr4nite!Peak'",
           '-u jsmith -p"Gr4nite!Peak"', "Failed password for jsmith from",
           "Accepted publickey for jdoe_84 from", "POSTGRES_USER: hbeaumont", "DB_USER=jdoe_84",
           "_user", "MY_", "REDIS_USER=jdoe_84", "APP_USERNAME: jsmith", "SMTP_LOGIN=j.smith",
           # a new password after "to"
           "reset her password to", "changed my pw to", "to", '"Winter2024!Dublin"',
           # a domain's account, the audit log's, a registry's login and redis-cli's password
           "CONTOSO\\rachebe", 'acct="mnakashima"', "docker login -u ci -p Tok3nValue99 ",
           "redis-cli -a Sup3rRedis!Pass ",
           # OpenVPN's client before its address, a ~/.pgpass line (s78)
           "tkowalczyk/10.8.0.14:41522", "10.8.0.14:41522", "/srv", "\nlocalhost:5432:*:jdoe:",
           "\ndb.internal:6432:reports:etl_user:Plum-Orchard-42\n", "Qz9!harbor77\n", "*:")
_GLUE = (" ", " ", " ", "", "\t", "\n", ": ", ", ", "/", ":")


def test_the_scans_from_login_words_equal_the_full_scans() -> None:
    for recognizer in (LOGIN_USER, LOGIN_SECRET, ACCOUNT_FOR):
        for k, (scan, _score, _check) in enumerate(recognizer._compiled):
            assert_anchored_equals_full(scan, _PIECES, _GLUE, seed=70 + k, texts=6000,
                                        least=10)


def test_a_models_name_ends_at_its_lines_end(engine: DetectionEngine) -> None:
    # the learned model read "Dervla Fitzmaurice\nSenior" as one name: the title was lost
    text = "Kind regards,\nDervla Fitzmaurice\nSenior Paralegal | Ashgrove Solicitors"
    people = [d.text for d in engine.analyze(text) if d.type == "PERSON"]
    assert "Dervla Fitzmaurice" in people and not any("\n" in p for p in people)


@pytest.mark.parametrize(("text", "user"), [
    ("environment:\n  POSTGRES_USER: hbeaumont\n  POSTGRES_DB: app", "hbeaumont"),
    ("DB_USER=jdoe_84\nDB_HOST=db", "jdoe_84"),
])
def test_a_services_user_in_its_environment(engine: DetectionEngine, text: str,
                                            user: str) -> None:
    assert ("USERNAME", user) in _found(engine, text)
