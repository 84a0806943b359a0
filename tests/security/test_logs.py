"""Privacy of the gateway's own log: no value any security test planted may appear in it.

This scans the logs as far as the suite has got when it runs; the gateway fixtures scan again
when they stop (a leak then shows as an error of the last test that used the gateway).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Proc

from .conftest import PLANTED, client, plant

pytestmark = pytest.mark.slow


def _exercise(gw: Proc, who: str | None) -> None:
    value = "log.probe@example.com"
    plant(value, "Grace Hopper")
    client(gw, who).chat.completions.create(
        model="echo",
        messages=[{"role": "user", "content": f"I am Grace Hopper, mail {value}."}],
    )


def test_tenant_gateway_log_has_no_planted_value(tenant_gateway: Proc) -> None:
    _exercise(tenant_gateway, "acme-a")
    log = tenant_gateway.log_text()
    assert "acme" in log or "listening" in log  # the log was captured at all
    assert not sorted(v for v in PLANTED if v in log)


def test_open_gateway_log_has_no_planted_value(open_gateway: Proc) -> None:
    _exercise(open_gateway, None)
    log = open_gateway.log_text()
    assert "listening" in log
    assert not sorted(v for v in PLANTED if v in log)
