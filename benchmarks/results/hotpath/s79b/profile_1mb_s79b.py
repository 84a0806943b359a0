"""protect() of `veil bench hotpath`'s 1 MB document (learned backend, argv[1] detection
workers, default 0) after a warm-up, for py-spy to attach once it writes its pid:

    PYTHONPATH=<tree>/src python profile_1mb_s79b.py 0 &
    py-spy record --pid $(cat /tmp/profile_1mb.pid) --gil -r 250 -f raw -o raw.txt --nonblocking
    python pyspy_by_function_s79b.py raw.txt 45 110
"""
import sys, tempfile, time, os
from pathlib import Path
from veil.cli.bench_hotpath import corpus, _veil_runner
short, kb, big = corpus(30, 6)
workers = int(sys.argv[1]) if len(sys.argv) > 1 else 0
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned", detect_workers=workers)
run(big[:50000], 0)
print("ready", flush=True)
open("/tmp/profile_1mb.pid", "w").write(str(os.getpid()))
time.sleep(2)
t0 = time.process_time(); run(big, 0); print("cpu", time.process_time() - t0, flush=True)
