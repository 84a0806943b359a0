"""Console building blocks without a server: session cookies, CSRF tokens, the login throttle,
the cross-site check, chart escaping and latency percentiles."""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request

from veil.console.auth import (
    LOGIN_FAILURES_PER_CLIENT,
    LOGIN_WINDOW_S,
    LoginThrottle,
    SessionSigner,
    cross_site,
)
from veil.console.charts import bar_chart, line_chart
from veil.console.stats import Snapshot
from veil.gateway.sessions import SessionResolver
from veil.gateway.state import GatewayState
from veil.gateway.tenants import Tenant, TenantRegistry, hash_api_key

ADMIN = "sk-admin-unit"


def _state(admin: str = ADMIN, secret: bytes = b"s" * 32) -> GatewayState:
    tenants = TenantRegistry([Tenant("acme")], {hash_api_key("sk-t"): "acme"},
                             admin_keys=[hash_api_key(admin)])
    return GatewayState(core=None, upstream=None, tenants=tenants,  # type: ignore[arg-type]
                        sessions=SessionResolver(secret))


def test_session_cookie_signed_expiring_and_bound_to_the_admin_key() -> None:
    state = _state()
    signer = SessionSigner(state)
    kid = state.tenants.admin_key_id(ADMIN)
    assert kid is not None and state.tenants.admin_key_id("sk-t") is None
    cookie, session = signer.issue(kid)
    assert signer.check(cookie) == session
    payload, mac = cookie.split(".")
    assert signer.check(payload + "." + mac[:-2] + "AA") is None  # tampered signature
    assert signer.check(payload[:-2] + "e0." + mac) is None  # tampered payload
    assert signer.check(cookie, now=session.expires + 1) is None  # expired
    assert SessionSigner(_state(secret=b"o" * 32)).check(cookie) is None  # other gateway
    assert SessionSigner(_state(admin="sk-other")).check(cookie) is None  # admin key removed
    token = signer.csrf(session)
    assert signer.check_csrf(session, token)
    other, _ = signer.issue(kid)
    assert not signer.check_csrf(signer.check(other), token)  # type: ignore[arg-type]
    assert not signer.check_csrf(session, None)


def test_login_throttle_window() -> None:
    t = LoginThrottle()
    now = time.monotonic()
    for _ in range(LOGIN_FAILURES_PER_CLIENT):
        assert t.retry_after("1.2.3.4", now=now) == 0
        t.failed("1.2.3.4", now=now)
    wait = t.retry_after("1.2.3.4", now=now)
    assert 0 < wait <= LOGIN_WINDOW_S + 1
    assert t.retry_after("5.6.7.8", now=now) == 0  # other clients are not locked out
    assert t.retry_after("1.2.3.4", now=now + LOGIN_WINDOW_S + 0.1) == 0


def _request(headers: dict[str, str]) -> Request:
    scope: dict[str, Any] = {
        "type": "http", "method": "POST", "path": "/console/x",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    return Request(scope)


def test_cross_site() -> None:
    host = {"host": "gw.example:8000"}
    assert not cross_site(_request(host))
    assert not cross_site(_request({**host, "origin": "http://gw.example:8000",
                                    "sec-fetch-site": "same-origin"}))
    assert cross_site(_request({**host, "origin": "https://evil.example"}))
    assert cross_site(_request({**host, "sec-fetch-site": "cross-site"}))
    assert cross_site(_request({**host, "sec-fetch-site": "same-site"}))
    assert cross_site(_request({**host, "origin": "null"}))


def test_charts_escape_labels() -> None:
    svg = str(bar_chart([("<script>x</script>", 2.0), ("B", 1.0)], title='t"><b>'))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and '"><b>' not in svg
    line = str(line_chart([0.0, 60.0, 120.0], [("r</text>", [1.0, 2.0, 3.0])], title="x"))
    assert "r</text>" not in line and "polyline" in line


def test_percentiles_interpolate_inside_buckets() -> None:
    s = Snapshot({}, {}, {}, {}, [(0.1, 50.0), (0.2, 100.0), (float("inf"), 100.0)])
    assert abs((s.percentile(0.5) or 0) - 0.1) < 1e-9
    assert abs((s.percentile(0.75) or 0) - 0.15) < 1e-9
    assert Snapshot({}, {}, {}, {}, []).percentile(0.5) is None
