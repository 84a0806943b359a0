"""Flower apps for the deployment engine, and a launcher that runs them on loopback.

``app`` (ServerApp) and ``client_app`` (ClientApp) are module-level objects because ``flwr run``
loads components by reference (``veil.train.flower_app:app``); both read their
:class:`~veil.train.federated.FederatedConfig` from Flower's ``run_config``.

:func:`deploy` is the whole deployment: it writes a Flower App directory (a ``pyproject.toml``
naming the components above, with the run config), starts a SuperLink and one SuperNode per
client as separate processes on 127.0.0.1 (each SuperNode is one organisation; its
``partition-id`` picks its synthetic profile, its ``data-file`` its own documents), submits the
run with ``flwr run``, waits for the report the ServerApp writes and stops every daemon it
started. ``scripts/flower-*.sh`` do the same steps
one by one. Traps handled here: ``flwr run`` reads the SuperLink address from
``$FLWR_HOME/config.toml``; without ``--disable-runtime-dependency-installation`` the SuperLink
runs ``uv sync`` against a package index; SuperNodes spawn ``flwr-clientapp`` processes, so the
virtualenv's ``bin`` must be on ``PATH``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from flwr.client import ClientApp
from flwr.server import ServerApp

from veil.errors import ConfigError
from veil.train.federated import (
    DATA_FILE_KEY,
    FederatedConfig,
    check_data_files,
    client_fn,
    server_main,
    veil_mod,
)

app = ServerApp()


@app.main()
def _main(grid: Any, context: Any) -> None:
    server_main(grid, context, FederatedConfig.from_run_config(dict(context.run_config)))


def _client_fn(context: Any) -> Any:  # Flower wants exactly one parameter
    return client_fn(context)


client_app = ClientApp(client_fn=_client_fn, mods=[veil_mod])


def _toml_value(v: bool | int | float | str) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    return json.dumps(v)  # a TOML basic string is a JSON string for these values


def write_app(folder: Path, cfg: FederatedConfig) -> Path:
    """A Flower App directory for ``flwr run`` whose defaults are ``cfg``."""
    folder.mkdir(parents=True, exist_ok=True)
    conf = "\n".join(f"{k} = {_toml_value(v)}" for k, v in cfg.to_run_config().items())
    (folder / "pyproject.toml").write_text(f"""[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "veil-detector-fl"
version = "0.1.0"
dependencies = []

[tool.hatch.build.targets.wheel]
packages = ["."]

[tool.flwr.app]
publisher = "veil"

[tool.flwr.app.components]
serverapp = "veil.train.flower_app:app"
clientapp = "veil.train.flower_app:client_app"

[tool.flwr.app.config]
{conf}
""", encoding="utf-8")
    return folder


def flwr_home(folder: Path, *, port: int) -> Path:
    """``$FLWR_HOME`` whose config points ``flwr run`` at the local SuperLink."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(
        f'[superlink]\ndefault = "local-deploy"\n\n[superlink.local-deploy]\n'
        f'address = "127.0.0.1:{port}"\ninsecure = true\n', encoding="utf-8")
    return folder


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["FLWR_HOME"] = str(home)
    return env


class Deployment:
    """A SuperLink and ``nodes`` SuperNodes on loopback; a context manager that stops them."""

    def __init__(self, workdir: Path, *, nodes: int, port: int = 9190,
                 data_files: list[str] | None = None) -> None:
        """``data_files``: each SuperNode's own documents (its ``data-file`` node setting), in
        partition order; none: synthetic data."""
        self.workdir, self.nodes, self.port = workdir, nodes, port
        self.data_files = data_files
        self.home = flwr_home(workdir / "flwr-home", port=port)
        self.procs: list[subprocess.Popen[bytes]] = []

    def _spawn(self, name: str, args: list[str]) -> None:
        log = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 - lives with the process
        self.procs.append(subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                           env=_env(self.home), start_new_session=True))

    def start(self, timeout: float = 120.0) -> None:
        bindir = Path(sys.executable).parent
        self._spawn("superlink", [
            str(bindir / "flower-superlink"), "--insecure",
            "--disable-runtime-dependency-installation", "--host", "127.0.0.1",
            "--port", str(self.port), "--database", str(self.workdir / "superlink.db")])
        self._wait_for("superlink", "Application startup complete", timeout)
        for i in range(self.nodes):
            node = f"partition-id={i} num-partitions={self.nodes}"
            if self.data_files:
                node += f" {DATA_FILE_KEY}={json.dumps(self.data_files[i])}"
            self._spawn(f"supernode-{i}", [
                str(bindir / "flower-supernode"), "--insecure",
                "--superlink", f"127.0.0.1:{self.port}",
                "--node-config", node, "--port", str(self.port + 10 + i)])

    def _wait_for(self, name: str, marker: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        log = self.workdir / f"{name}.log"
        while time.monotonic() < deadline:
            if log.exists() and marker in log.read_text(errors="replace"):
                return
            if any(p.poll() is not None for p in self.procs):
                raise ConfigError(f"the Flower {name} exited early: see {log}")
            time.sleep(0.5)
        raise ConfigError(f"the Flower {name} did not start within {timeout:.0f} s: see {log}")

    def run(self, app_dir: Path, *, timeout: float) -> None:
        """``flwr run`` the app (returns once it is submitted; the report marks the end)."""
        bindir = Path(sys.executable).parent
        out = subprocess.run([str(bindir / "flwr"), "run", str(app_dir), "local-deploy"],
                             env=_env(self.home), capture_output=True, timeout=timeout,
                             check=False)
        (self.workdir / "flwr-run.log").write_bytes(out.stdout + out.stderr)
        if out.returncode:
            raise ConfigError(f"flwr run failed (exit {out.returncode}): see "
                              f"{self.workdir / 'flwr-run.log'}")

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)  # the node's clientapp children too
        for p in self.procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()

    def __enter__(self) -> Deployment:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def deploy(cfg: FederatedConfig, workdir: Path, *, port: int = 9190,
           timeout: float = 3600.0, data_files: list[str | Path] | None = None
           ) -> dict[str, Any]:
    """Run ``cfg`` on the deployment engine (SuperLink + one SuperNode per client) and return the
    ServerApp's report. ``data_files``: each SuperNode's own documents. Every daemon started
    here is stopped before returning."""
    files = check_data_files(cfg, data_files)
    if shutil.which("flwr", path=str(Path(sys.executable).parent)) is None:
        raise ConfigError("flwr is not installed: run `make install` (the train extra)")
    workdir.mkdir(parents=True, exist_ok=True)
    report = (workdir / "report.json").resolve()
    report.unlink(missing_ok=True)
    cfg = FederatedConfig.from_run_config({**cfg.to_run_config(), "results_path": str(report)})
    app_dir = write_app(workdir / "app", cfg)
    with Deployment(workdir, nodes=cfg.clients, port=port, data_files=files) as dep:
        dep.run(app_dir, timeout=300)
        deadline = time.monotonic() + timeout
        while not report.exists():
            if time.monotonic() > deadline:
                raise ConfigError(f"no report after {timeout:.0f} s: see the logs in {workdir}")
            if any(p.poll() is not None for p in dep.procs):
                raise ConfigError(f"a Flower daemon exited during the run: see {workdir}")
            time.sleep(2)
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result
