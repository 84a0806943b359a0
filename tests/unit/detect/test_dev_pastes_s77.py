"""What engineers, SREs and IT support paste: credentials in configuration and commands, a
phone's advertising ids and a laptop's asset tag, a user's id under its key, a Windows domain's
account, a user a log names on every line; and the words of code the name models took for
names (`json.Unmarshal`, `StrictMode`, `X-Forwarded-For`, `Hibernate 6.4`), which stay. All
values are made up."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.code_words import code_shaped
from veil.detect.engine import DetectionEngine
from veil.detect.normalize import normalize
from veil.detect.trade_words import trade_word
from veil.detect.validators import names_a_thing


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _found(engine: DetectionEngine, text: str) -> dict[str, str]:
    return {d.text: d.type for d in engine.analyze(text)}


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("//registry.npmjs.org/:_authToken=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",
     "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", "SECRET"),
    ('client = Client("AC7e5a4bb15d4dcc513d4654c340b67c01", "ffff3195f80135f3b92c07423fb388df")',
     "ffff3195f80135f3b92c07423fb388df", "SECRET"),
    ('client = Client("AC7e5a4bb15d4dcc513d4654c340b67c01", "ffff3195f80135f3b92c07423fb388df")',
     "AC7e5a4bb15d4dcc513d4654c340b67c01", "SECRET"),
    ("Initial Root Token: hvs.CAESIJx7Lm2Qp9Rv4Tz8Wk1Yb6Nd3Fg5Hj7Ks0A",
     "hvs.CAESIJx7Lm2Qp9Rv4Tz8Wk1Yb6Nd3Fg5Hj7Ks0A", "SECRET"),
    ("DefaultEndpointsProtocol=https;AccountName=acmefiles;AccountKey=zgkDXXy1bwKFLv+xYfda5/2L"
     "hjet4KskSmeP2h1K0ZIGtrUK415HulERxOQ+DJBgCzXSQv4rXa5J3fnaLHCybg==;EndpointSuffix=core",
     "zgkDXXy1bwKFLv+xYfda5/2Lhjet4KskSmeP2h1K0ZIGtrUK415HulERxOQ+DJBgCzXSQv4rXa5J3fnaLHCybg==",
     "SECRET"),
    ('network={\n    ssid="Home_5G"\n    psk="tulip-garden-4471"\n}', "tulip-garden-4471",
     "SECRET"),
    ("EMAIL_HOST_PASSWORD = 'pqrm vxzt kljw hbnf'", "pqrm vxzt kljw hbnf", "SECRET"),
    ('env:\n  - name: SPRING_DATASOURCE_PASSWORD\n    value: "Hx8#mQ2vLp9!"', "Hx8#mQ2vLp9!",
     "SECRET"),
    ('variable "admin_password" {\n  default = "Gl4cier#Bay-2024"\n}', "Gl4cier#Bay-2024",
     "SECRET"),
    ("My username is bmbeki and I think the password I set was Springbok#2024.",
     "Springbok#2024", "SECRET"),
    ("DB_PASS=Qx7vLm29Tz44", "Qx7vLm29Tz44", "SECRET"),
    ("docker login -u jfrog-ci -p AKCp8jR4tZqX2vLm9WnB7yS3dF6gH1kE artifactory.example",
     "AKCp8jR4tZqX2vLm9WnB7yS3dF6gH1kE", "SECRET"),
    ("redis-cli -h 10.1.2.3 -a Sup3rRedis!Pass CONFIG GET requirepass", "Sup3rRedis!Pass",
     "SECRET"),
    ("Cookie: sessionid=8xojcuou7ranrwzcnfisf3xdby4o2gc3; csrftoken=Qm9vC2sT8uLp4RxZ7aNw1YbK3dE6",
     "Qm9vC2sT8uLp4RxZ7aNw1YbK3dE6", "SECRET"),
    ("?X-Amz-Date=20240305T142201Z&X-Amz-Signature=e9c85e593b4f9a9cc3b953aa71b3830a13fcf93e3e3f"
     "13c90335515c5d368d56 200", "e9c85e593b4f9a9cc3b953aa71b3830a13fcf93e3e3f13c90335515c5d36"
     "8d56", "SECRET"),
    ('MONGO_URI="mongodb+srv://abhattacharya:Kolkata%402024@cluster0.x7qpz.mongodb.net/orders"',
     "abhattacharya", "USERNAME"),
    ("and smtp://alerts%40acme-ops.io:Gr3enT34!@smtp.mailgun.org:587 too", "Gr3enT34!", "SECRET"),
])
def test_credentials_are_found(engine: DetectionEngine, text: str, value: str,
                               kind: str) -> None:
    assert _found(engine, text).get(value) == kind


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("Advertising ID: 40977a6b-bea4-4bf2-9b21-690c1d7b3d61", "40977a6b-bea4-4bf2-9b21-690c1d7b3d61",
     "DEVICE_ID"),
    ("idfa=483D9C6C-9636-4A9C-A839-FA6B323F9ED6 user_email=x",
     "483D9C6C-9636-4A9C-A839-FA6B323F9ED6", "DEVICE_ID"),
    ("Android ID: e61cd80e149a44c6", "e61cd80e149a44c6", "DEVICE_ID"),
    ("on the iPad (serial DMPXK2ZQ0D84), MEID", "DMPXK2ZQ0D84", "DEVICE_ID"),
    ("Asset tag: LT-20931 (ThinkPad T14)", "LT-20931", "DEVICE_ID"),
    ("updating profile for user_id=88213 email=x", "88213", "ACCOUNT_NUMBER"),
    ('{"userId":66120,"exception":"TransportException"}', "66120", "ACCOUNT_NUMBER"),
    (r"AD account: CONTOSO\rachebe", "rachebe", "USERNAME"),
    (r"Uid=CORP\abernstein;Pwd=x", "abernstein", "USERNAME"),
    (r"PS C:\Users\tnakamura> Get-ADUser", "tnakamura", "USERNAME"),
    ("msg='op=login acct=\"mnakashima\" exe=\"/usr/sbin/sshd\"'", "mnakashima", "USERNAME"),
])
def test_people_s_identifiers_are_found(engine: DetectionEngine, text: str, value: str,
                                        kind: str) -> None:
    assert _found(engine, text).get(value) == kind


def test_a_user_found_once_is_found_on_every_line(engine: DetectionEngine) -> None:
    text = ("Mar  5 03:11:12 web-02 sshd[1185]: Failed password for tlindqvist from "
            "91.198.174.192 port 51877 ssh2\nMar  5 03:11:14 web-02 sudo:  tlindqvist : "
            "TTY=pts/0 ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx")
    starts = [d.start for d in engine.analyze(text) if d.text == "tlindqvist"]
    assert starts == [m for m in range(len(text)) if text.startswith("tlindqvist", m)]


@pytest.mark.parametrize(("text", "word"), [
    ("GET /v1/files?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900 token", "X-Amz-Algorithm"),
    ('"GET /api/v2/password/reset?email=a HTTP/1.1" 200', "/api/v2/password/reset"),
    ("kubectl rollout restart deployment/payments-api: pod payments-api-7d9f8b6c5-x2k9p fails",
     "payments-api-7d9f8b6c5-x2k9p"),
    ("API_KEY=<your-api-key>\nJWT_SECRET=${JWT_SECRET}", "<your-api-key>"),
    ("grant_type=password&username=jdoe&password=Fjord-Light-1990&client_id=mobile-app",
     "client_id=mobile-app"),
    ("login: jdoe / pass: completed", "completed"),
    ("mysql -u jdoe -p appdb < dump.sql", "appdb"),
    (r"reg query HKLM\Software\Microsoft /s", "Software"),
    (r"The script fails for GLOBEX\svc-exchange when adding users", "svc-exchange"),
    ("X-Request-Id: 3e310c1c-8055-4aa7-b8a0-1e3443561bf8", "3e310c1c-8055-4aa7-b8a0-1e3443561bf8"),
])
def test_words_of_code_stay(engine: DetectionEngine, text: str, word: str) -> None:
    at = text.index(word)
    assert not [d for d in engine.analyze(text) if d.start < at + len(word) and d.end > at]


def test_a_windows_path_keeps_its_folder_names() -> None:
    assert normalize(r"C:\Users\tnakamura\new").text == r"C:\Users\tnakamura\new"
    assert "\n" in normalize(r'{"msg": "line one\nJane Doe"}').text
    assert "\r" not in normalize(r"CONTOSO\rachebe").text
    assert "\r" in normalize(r'"a\r\nb"').text


@pytest.mark.parametrize(("text", "span"), [
    ("We call json.Unmarshal in a hot loop", "Unmarshal"),
    ("Job for nginx.service failed", "nginx"),
    ("Fatal Exception: java.lang.OutOfMemoryError", "OutOfMemoryError"),
    ("  - name: SPRING_DATASOURCE_PASSWORD", "SPRING"),
    ("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "Forwarded"),
    ("Get-ADUser -Identity tnakamura", "Identity"),
    ("422 Unprocessable Entity for a PATCH", "Unprocessable Entity"),
    ("useEffect runs twice under StrictMode in React 18.2", "StrictMode"),
    ("Spring Boot 3.2.3, Hibernate 6.4 and HikariCP", "Hibernate"),
    ("Okta system log: user.session.start FAILURE", "Okta"),
    ("Model MacBook Pro (16-inch, 2023)", "Pro"),
    ("Driver={ODBC Driver 18};Encrypt=yes;", "Encrypt"),
    ("    at Array.map (<anonymous>)", "Array.map"),
    ("-----BEGIN PGP PRIVATE KEY BLOCK-----", "PGP"),
])
def test_code_words_are_no_one(text: str, span: str) -> None:
    s = text.index(span)
    assert trade_word(text, s, s + len(span), "PERSON")


@pytest.mark.parametrize(("text", "span"), [
    ("Attached: Okonkwo.pdf for review", "Okonkwo"),
    ("Please ask Dr.Okonkwo about it", "Okonkwo"),
    ('client-hostname "Galaxy-S23-Oyelaran";', "Oyelaran"),
    ("Jean-Pierre Okafor-Lutz called", "Okafor-Lutz"),
    ("Escalate to Chiamaka tomorrow", "Chiamaka"),
    ("ask Chidinma.Okafor about the rota", "Chidinma.Okafor"),
    ("Apt 101-1502, 152 Teheran-ro, Gangnam-gu", "Teheran-ro"),
])
def test_names_beside_code_stay_names(text: str, span: str) -> None:
    s = text.index(span)
    assert not trade_word(text, s, s + len(span), "PERSON")


def test_code_shapes() -> None:
    assert code_shaped("PDOException") and code_shaped("OutOfMemoryError")
    assert not code_shaped("McDonald") and not code_shaped("DeShawn")
    assert not code_shaped("Smith") and not code_shaped("SMITH")


def test_a_path_or_an_identifier_is_no_random_token() -> None:
    assert names_a_thing("/api/v2/password/reset")
    assert names_a_thing("payments-api-7d9f8b6c5-x2k9p")
    assert not names_a_thing("8xojcuou7ranrwzcnfisf3xdby4o2gc3")
    assert not names_a_thing("PPc3/jH1kLKnPnEbpAh/2L56XmK6RCKsKCprs2oS")
