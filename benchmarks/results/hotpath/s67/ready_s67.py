"""Seconds from starting ``veil serve`` to its readiness, with the regular-expression table
(``veil.regex_code``) and without it (``VEIL_REGEX_CODE=0``), taking turns, twice each:

    .venv/bin/python benchmarks/results/hotpath/s67/ready_s67.py learned|spacy <workers>

Output of the round: ``ready.txt``.
"""
import base64, json, os, sys, tempfile, time
from pathlib import Path
from veil.gateway.procs import spawn_on_socket, terminate
backend = sys.argv[1]; workers = int(sys.argv[2])
for table in ("1", "0", "1", "0"):
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "VEIL_HOME": str(home), "HF_HUB_OFFLINE": "1", "VEIL_REGEX_CODE": table,
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    (home / "policy.yaml").write_text(json.dumps({"ner_backend": backend}))
    (home / "gw.yaml").write_text(json.dumps({"policy_file": str(home / "policy.yaml")}))
    serve = [str(Path(sys.executable).parent / "veil"), "serve", "--config", str(home / "gw.yaml"), "--upstream-base-url", "http://127.0.0.1:9/v1", "--log-level", "warning"]
    if workers > 1: serve += ["--workers", str(workers)]
    t0 = time.perf_counter()
    g, url = spawn_on_socket(serve, env=env, timeout_s=600)
    print(backend, workers, "table" if table == "1" else "no table", "ready in", round(time.perf_counter() - t0, 2), "s", flush=True)
    terminate(g)
