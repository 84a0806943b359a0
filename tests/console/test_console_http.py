"""The console at the HTTP level (httpx against a real uvicorn server): authentication on every
route, cookie and CSP headers, CSRF, login rate limiting, and the admin changes (keys, policies,
terms) taking effect on the gateway and surviving a restart."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from veil.console.demo import ADMIN_KEY, TENANT_KEYS, Demo, demo_config, running_demo

pytestmark = pytest.mark.slow

_PARAM = re.compile(r"\{[^}]+\}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with running_demo(tmp_path_factory.mktemp("console-http")) as d:
        yield d


def _routes(demo: Demo) -> list[tuple[str, str]]:
    """Every (method, path) under /console except the login form and static files."""
    from veil.console.routes import router

    out = []
    for r in router.routes:
        path = getattr(r, "path", "")
        if not path.startswith("/console") or path.startswith(("/console/login",
                                                               "/console/static")):
            continue
        for m in sorted(getattr(r, "methods", ())):
            out.append((m, _PARAM.sub("x", path)))
    return out


def _login(client: httpx.Client) -> str:
    r = client.post("/console/login", data={"key": ADMIN_KEY})
    assert r.status_code == 303, r.text
    page = client.get("/console/tenants")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert token
    return token.group(1)


def test_every_route_refuses_without_admin(demo: Demo) -> None:
    routes = _routes(demo)
    assert len(routes) >= 20, routes
    tenant = {"Authorization": f"Bearer {TENANT_KEYS['acme']}"}
    with httpx.Client(base_url=demo.url, timeout=30) as c:
        for method, path in routes:
            anon = c.request(method, path)
            assert anon.status_code in (303, 401), (method, path, anon.status_code)
            if anon.status_code == 303:
                assert anon.headers["location"] == "/console/login"
            as_tenant = c.request(method, path, headers=tenant)
            assert as_tenant.status_code == 401, (method, path, as_tenant.status_code)
            assert "tenant keys are not accepted" in as_tenant.json()["error"]["message"]
            forged = c.request(method, path, cookies={"veil_console": "e30.AAAA"})
            assert forged.status_code in (303, 401), (method, path)
        # a tenant key cannot log in either
        r = c.post("/console/login", data={"key": TENANT_KEYS["acme"]})
        assert r.status_code == 401 and "veil_console" not in r.headers.get("set-cookie", "")


def test_login_cookie_and_security_headers(demo: Demo) -> None:
    with httpx.Client(base_url=demo.url, timeout=30) as c:
        r = c.post("/console/login", data={"key": ADMIN_KEY})
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "max-age=" in cookie
        assert "secure" not in cookie  # plain http on loopback; set under TLS
        page = c.get("/console/playground")
        assert page.status_code == 200
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert page.headers["x-frame-options"] == "DENY"
        assert "<script>" not in page.text  # only external scripts
        assert re.findall(r"<script[^>]*>", page.text) == [
            '<script src="/console/static/htmx.min.js" defer>',
            '<script src="/console/static/console.js" defer>',
        ]


def test_csrf_is_required_for_every_mutation(demo: Demo) -> None:
    with httpx.Client(base_url=demo.url, timeout=30) as c:
        token = _login(c)
        no_token = c.post("/console/tenants/create", data={"name": "csrf-a"})
        assert no_token.status_code == 403
        wrong = c.post("/console/tenants/create", data={"name": "csrf-a", "csrf": "x" * 43})
        assert wrong.status_code == 403
        cross = c.post("/console/tenants/create", data={"name": "csrf-a", "csrf": token},
                       headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
        assert cross.status_code == 403
        assert "csrf-a" not in demo.state.tenants.tenants
        ok = c.post("/console/tenants/create", data={"name": "csrf-a", "csrf": token})
        assert ok.status_code == 303 and "csrf-a" in demo.state.tenants.tenants


def test_issued_key_works_then_revoked_and_survives_restart(demo: Demo, tmp_path: Path) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    chat = {"model": "echo", "messages": [{"role": "user", "content": "write to a@b.example"}]}
    with httpx.Client(base_url=demo.url, timeout=30) as c:
        r = c.post("/console/keys/issue", data={"tenant": "globex", "label": "team x"},
                   headers=admin)
        key = re.search(r'<pre id="issued-key">([^<]+)</pre>', r.text).group(1)  # type: ignore[union-attr]
        kid = re.search(r"\((key-[0-9a-f]{16})\)", r.text).group(1)  # type: ignore[union-attr]
        assert key.startswith("sk-veil-")
        assert key not in c.get("/console/tenants", headers=admin).text  # shown once only
        ok = c.post("/v1/chat/completions", json=chat, headers={"Authorization": f"Bearer {key}"})
        assert ok.status_code == 200
        assert "[EMAIL" in ok.json()["choices"][0]["message"]["content"] or "a@b.example" in (
            ok.json()["choices"][0]["message"]["content"])

        # a restarted gateway over the same home accepts the issued key
        from veil import Veil
        from veil.config import Settings
        from veil.errors import AuthenticationError
        from veil.gateway.admin import GatewayAdmin
        from veil.gateway.app import build_state

        settings = Settings(home=demo.home, master_key=base64.b64encode(os.urandom(32)).decode())
        fresh = build_state(demo_config(demo.upstream_url, ner=False), core=Veil(settings))
        with pytest.raises(AuthenticationError):  # the config alone does not know it
            fresh.tenants.authenticate(f"Bearer {key}")
        GatewayAdmin(fresh).load()
        assert fresh.tenants.authenticate(f"Bearer {key}").tenant.name == "globex"

        r = c.post("/console/keys/revoke", data={"key_id": kid}, headers=admin)
        assert r.status_code == 303
        refused = c.post("/v1/chat/completions", json=chat,
                         headers={"Authorization": f"Bearer {key}"})
        assert refused.status_code == 401
        fresh2 = build_state(demo_config(demo.upstream_url, ner=False), core=Veil(settings))
        GatewayAdmin(fresh2).load()
        with pytest.raises(AuthenticationError):  # revoked keys stay revoked after a restart
            fresh2.tenants.authenticate(f"Bearer {key}")


def test_policy_apply_rollback_and_audit(demo: Demo) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    chat = {"model": "echo", "messages": [{"role": "user", "content": "mail jo@corp.example"}]}
    tenant = {"Authorization": f"Bearer {TENANT_KEYS['acme']}"}
    with httpx.Client(base_url=demo.url, timeout=30) as c:
        bad = c.post("/console/policy/check", data={"tenant": "acme", "policy_yaml": "ner: [1"},
                     headers={**admin, "HX-Request": "true"})
        assert 'id="policy-error"' in bad.text and "line" in bad.text
        text = "ner: false\nentities:\n  EMAIL: {enabled: false}\n"
        check = c.post("/console/policy/check", data={"tenant": "acme", "policy_yaml": text},
                       headers=admin)
        assert 'id="policy-valid"' in check.text and "+  EMAIL" in check.text
        r = c.post("/console/policy/apply", data={"tenant": "acme", "policy_yaml": text},
                   headers=admin)
        assert r.status_code == 303
        answer = c.post("/v1/chat/completions", json=chat, headers=tenant).json()
        assert "jo@corp.example" in answer["choices"][0]["message"]["content"]
        assert "[EMAIL" not in str(demo.state.core.protect("x jo@corp.example", session="t",
                                                           tenant="acme").masked)
        r = c.post("/console/policy/rollback", data={"tenant": "acme"}, headers=admin)
        assert r.status_code == 303
        masked = demo.state.core.protect("x jo@corp.example", session="t", tenant="acme").masked
        assert "jo@corp.example" not in masked
        demo.state.audit.flush(5.0)
        page = c.get("/console/audit?kind=admin.", headers=admin).text
        assert "admin.policy_apply" in page and "admin.policy_rollback" in page
        assert "jo@corp.example" not in page


def test_terms_csv_round_trip(demo: Demo) -> None:
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    csv_text = ("term,type,case_sensitive,require_context,exclude_context,window\n"
                "Ronald Regan,CUSTOMER,false,,Airport,40\nProject Falcon,PROJECT,false,,,40\n")
    with httpx.Client(base_url=demo.url, timeout=30) as c:
        r = c.post("/console/terms/import", data={"tenant": "globex"}, headers=admin,
                   files={"file": ("t.csv", csv_text.encode(), "text/csv")})
        assert r.status_code == 303, r.text
        out = c.get("/console/terms/export?tenant=globex", headers=admin)
        assert out.headers["content-type"].startswith("text/csv")
        assert "Ronald Regan,CUSTOMER,false,,Airport,40" in out.text
        test = c.post("/console/terms/test", headers=admin, data={
            "tenant": "globex",
            "text": "Ronald Regan called about the invoice today. He flew from Ronald Regan "
                    "Airport."})
        assert test.text.count("<mark") == 1
        masked = demo.state.core.protect("Ask Ronald Regan about it", session="t",
                                         tenant="globex").masked
        assert "Ronald Regan" not in masked


def test_login_is_rate_limited(demo: Demo) -> None:
    from veil.console.auth import LoginThrottle

    demo.console.throttle = LoginThrottle()  # earlier tests failed a login on purpose
    with httpx.Client(base_url=demo.url, timeout=30) as c:
        codes = [c.post("/console/login", data={"key": f"wrong-{i}"}).status_code
                 for i in range(7)]
        assert codes[:5] == [401] * 5 and codes[5] == 429
        r = c.post("/console/login", data={"key": ADMIN_KEY})  # even the right key waits
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    demo.console.throttle = LoginThrottle()
