"""Kubernetes manifests: every overlay renders with kustomize (built into kubectl), validates
against the real Kubernetes OpenAPI schemas (kubernetes-validate ships them; no network) and
keeps the rules a privacy gateway needs: non-root, read-only root, no capabilities, seccomp,
probes on /readyz and /healthz, resources, egress only to DNS, Redis and the upstream."""

from __future__ import annotations

import copy
import functools
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ["dev", "production", "confidential", "external-redis"]
VERSIONS = ["1.28.0", "1.33.0"]  # Kata/CoCo clusters of the 1.28 era and a current one
CRDS = {"ServiceMonitor"}  # not in the core schemas: checked by hand below


@functools.cache
def render(overlay: str) -> tuple[dict[str, Any], ...]:
    kubectl = shutil.which("kubectl")
    assert kubectl, "kubectl not found: run `make services-install`"
    out = subprocess.run(
        [kubectl, "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    return tuple(d for d in yaml.safe_load_all(out) if d)


def find(overlay: str, kind: str, name: str | None = None) -> list[dict[str, Any]]:
    return [
        d for d in render(overlay)
        if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)
    ]


def pod_specs(overlay: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (d["metadata"]["name"], d["spec"]["template"]["spec"])
        for d in render(overlay) if d["kind"] in {"Deployment", "StatefulSet"}
    ]


@pytest.mark.parametrize(
    ("overlay", "version"),
    [(o, VERSIONS[-1]) for o in OVERLAYS] + [("confidential", VERSIONS[0])],
)
def test_rendered_objects_validate_against_the_kubernetes_schemas(
    overlay: str, version: str
) -> None:
    docs = render(overlay)
    assert {d["kind"] for d in docs} >= {
        "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
        "NetworkPolicy", "ConfigMap", "ServiceAccount", "ServiceMonitor",
    }
    for d in docs:
        if d["kind"] in CRDS:
            continue
        kubernetes_validate.validate(d, version, strict=True)


def test_the_validator_rejects_a_wrong_manifest() -> None:
    dep = copy.deepcopy(find("production", "Deployment", "veil-gateway")[0])
    container = dep["spec"]["template"]["spec"]["containers"][0]
    container["securityContext"]["readOnlyRootFilesytem"] = True  # a typo: must not pass
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(dep, "1.33.0", strict=True)
    dep = copy.deepcopy(find("production", "Deployment", "veil-gateway")[0])
    dep["spec"]["replicas"] = "three"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(dep, "1.33.0", strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_pod_is_locked_down(overlay: str) -> None:
    specs = pod_specs(overlay)
    assert specs
    for _name, spec in specs:
        assert spec["automountServiceAccountToken"] is False
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        for c in spec["containers"]:
            sc = c["securityContext"]
            assert sc["runAsNonRoot"] is True
            assert sc["readOnlyRootFilesystem"] is True
            assert sc["allowPrivilegeEscalation"] is False
            assert sc["capabilities"]["drop"] == ["ALL"]
            assert "add" not in sc["capabilities"]
            assert sc["seccompProfile"]["type"] == "RuntimeDefault"
            assert c["resources"]["requests"]["cpu"] and c["resources"]["limits"]["memory"]
            assert c["readinessProbe"] and c["livenessProbe"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_gateway_probes_secrets_and_writable_paths(overlay: str) -> None:
    dep = find(overlay, "Deployment", "veil-gateway")[0]
    spec = dep["spec"]["template"]["spec"]
    c = spec["containers"][0]
    assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
    env = {e["name"]: e.get("value") for e in c["env"]}
    # Secrets reach the process as files, never as literal env values in the pod spec.
    assert env["VEIL_MASTER_KEY_FILE"].startswith("/run/secrets/veil/")
    assert "VEIL_MASTER_KEY" not in env and "VEIL_REDIS_URL" not in env
    assert env["VEIL_VAULT_BACKEND"] == "redis"
    # The audit log is shared in Redis: every replica signs it with the Secret's one key.
    assert env["VEIL_AUDIT_SIGNING_KEY_FILE"] == "/run/secrets/veil/audit-signing-key"
    assert "VEIL_AUDIT_SIGNING_KEY" not in env
    vols = {v["name"]: v for v in spec["volumes"]}
    assert vols["secrets"]["secret"]["secretName"] == "veil-secrets"
    writable = {m["mountPath"] for m in c["volumeMounts"] if not m.get("readOnly")}
    assert writable == {"/var/lib/veil", "/var/cache/veil", "/tmp"}
    assert all("emptyDir" in vols[m["name"]] for m in c["volumeMounts"] if not m.get("readOnly"))
    assert dep["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


def test_confidential_runtime_class_is_a_switch() -> None:
    rc = {o: find(o, "Deployment", "veil-gateway")[0]["spec"]["template"]["spec"].get(
        "runtimeClassName") for o in OVERLAYS}
    assert rc == {"dev": None, "production": None, "confidential": "kata-qemu-tdx",
                  "external-redis": None}


def test_gateway_egress_only_dns_redis_and_upstream() -> None:
    np = find("production", "NetworkPolicy", "veil-gateway")[0]["spec"]
    assert set(np["policyTypes"]) == {"Ingress", "Egress"}
    egress = np["egress"]
    assert len(egress) == 3 and all(rule.get("to") for rule in egress)
    ports = [sorted((p["protocol"], p["port"]) for p in r["ports"]) for r in egress]
    assert ports == [[("TCP", 53), ("UDP", 53)], [("TCP", 6379)], [("TCP", 443)]]
    assert egress[1]["to"][0]["podSelector"]["matchLabels"] == {
        "app.kubernetes.io/name": "veil-redis"}
    assert egress[2]["to"] == [{"ipBlock": {"cidr": "203.0.113.0/28"}}]
    redis_np = find("production", "NetworkPolicy", "veil-redis")[0]["spec"]
    assert redis_np["egress"] == []
    assert redis_np["ingress"][0]["from"][0]["podSelector"]["matchLabels"] == {
        "app.kubernetes.io/name": "veil-gateway"}


def test_redis_persistence_auth_and_tls() -> None:
    sts = find("production", "StatefulSet", "veil-redis")[0]
    args = sts["spec"]["template"]["spec"]["containers"][0]["args"][0]
    for flag in ("--appendonly yes", "--requirepass", "--tls-port 6379", "--port 0",
                 "--maxmemory-policy noeviction"):
        assert flag in args
    assert sts["spec"]["volumeClaimTemplates"][0]["metadata"]["name"] == "data"
    dev_args = find("dev", "StatefulSet", "veil-redis")[0]["spec"]["template"]["spec"][
        "containers"][0]["args"][0]
    assert "--appendonly yes" in dev_args and "--tls-port" not in dev_args


def test_external_redis_removes_the_statefulset() -> None:
    assert not find("external-redis", "StatefulSet")
    assert not find("external-redis", "NetworkPolicy", "veil-redis")
    egress = find("external-redis", "NetworkPolicy", "veil-gateway")[0]["spec"]["egress"]
    assert egress[1] == {"to": [{"ipBlock": {"cidr": "198.51.100.20/32"}}],
                         "ports": [{"protocol": "TCP", "port": 6380}]}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_hpa_pdb_servicemonitor(overlay: str) -> None:
    hpa = find(overlay, "HorizontalPodAutoscaler")[0]["spec"]
    assert hpa["scaleTargetRef"]["name"] == "veil-gateway"
    assert 1 <= hpa["minReplicas"] <= hpa["maxReplicas"]
    pdb = find(overlay, "PodDisruptionBudget")[0]["spec"]
    assert pdb["selector"]["matchLabels"] == {"app.kubernetes.io/name": "veil-gateway"}
    sm = find(overlay, "ServiceMonitor")[0]
    assert sm["apiVersion"] == "monitoring.coreos.com/v1"
    ep = sm["spec"]["endpoints"][0]
    assert ep["path"] == "/metrics" and ep["port"] == "http"
    svc_ports = {p["name"] for p in find(overlay, "Service", "veil-gateway")[0]["spec"]["ports"]}
    assert ep["port"] in svc_ports
    assert ep["authorization"]["credentials"]["name"] == "veil-secrets"


def test_configmap_holds_a_valid_gateway_config() -> None:
    from veil.gateway.config import GatewayConfig

    cm = find("production", "ConfigMap")[0]
    cfg = GatewayConfig.model_validate(yaml.safe_load(cm["data"]["gateway.yaml"]))
    assert cfg.tenants and cfg.session_secret_env == "VEIL_SESSION_SECRET"
    dep = find("production", "Deployment", "veil-gateway")[0]["spec"]["template"]["spec"]
    assert dep["volumes"][0]["configMap"]["name"] == cm["metadata"]["name"]  # hashed name


def test_dev_secret_has_every_key_the_pods_read() -> None:
    import base64

    secret = find("dev", "Secret", "veil-secrets")[0]
    keys = set(secret["data"])
    assert {"master-key", "session-secret", "redis-url", "redis-password",
            "upstream-api-key", "metrics-token", "audit-signing-key"} <= keys
    assert len(base64.b64decode(base64.b64decode(secret["data"]["master-key"]))) == 32
    assert len(base64.b64decode(base64.b64decode(secret["data"]["audit-signing-key"]))) == 32
    # every *_FILE the gateway reads from the mounted Secret names one of its keys
    c = find("dev", "Deployment", "veil-gateway")[0]["spec"]["template"]["spec"]["containers"][0]
    mounted = {e["value"].rsplit("/", 1)[1] for e in c["env"]
               if e["name"].endswith("_FILE") and e["value"].startswith("/run/secrets/veil/")}
    assert "audit-signing-key" in mounted and mounted <= keys
