"""CPU seconds (user+sys, this process and its children) and wall time of protect() on the
1 MB text of `veil bench hotpath`, learned backend, one detection worker (the default here),
after a warm-up call on another 1 MB-sized text... (argv: runs, workers)."""
import os, resource, sys, tempfile, time
from pathlib import Path
from veil.cli.bench_hotpath import corpus, _veil_runner
runs = int(sys.argv[1]); workers = None if sys.argv[2] == "default" else int(sys.argv[2])
short, kb, big = corpus(30, 6)
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned", detect_workers=workers)
run(big[:200000], 0)
import multiprocessing
def _proc_cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
def cpu():
    s = resource.getrusage(resource.RUSAGE_SELF)
    return s.ru_utime + s.ru_stime, sum(_proc_cpu(c.pid) for c in multiprocessing.active_children())
import veil.detect.shards as sh
for i in range(runs):
    l = os.getloadavg()[0]
    (s0, c0), w0 = cpu(), time.perf_counter()
    out = run(big, 0)
    (s1, c1), w1 = cpu(), time.perf_counter()
    print(f"run {i}: wall {w1-w0:.2f} s, cpu self {s1-s0:.2f} s, children {c1-c0:.2f} s (live workers), load {l:.2f}", flush=True)
