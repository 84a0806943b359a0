"""Prometheus metrics of the gateway.

Labels are drawn from small fixed sets (endpoint, HTTP status, entity type, tenant name from the
operator's config, error code); they never carry request text, detected values or session ids.
Each app gets its own registry so several apps can live in one process (tests, benchmarks).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class GatewayMetrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "veil_requests", "Requests handled", ["endpoint", "status", "tenant"], registry=r
        )
        self.in_flight = Gauge("veil_requests_in_flight", "Requests in progress", registry=r)
        #: the same count as a plain number, for the event loop's own decisions (counted by
        #: the metrics middleware, on the loop)
        self.active = 0
        self.latency = Histogram(
            "veil_request_seconds",
            "Whole-request latency",
            ["endpoint", "stream"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.protect_seconds = Histogram(
            "veil_protect_seconds",
            "Time spent masking one request",
            ["endpoint"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.first_token = Histogram(
            "veil_time_to_first_token_seconds",
            "Request start to first streamed content",
            ["endpoint"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.entities = Counter(
            "veil_entities_masked",
            "Sensitive values replaced before forwarding",
            ["type"],
            registry=r,
        )
        self.errors = Counter("veil_errors", "Errors by code", ["code"], registry=r)

    def render(self) -> bytes:
        return generate_latest(self.registry)


__all__ = ["GatewayMetrics"]
