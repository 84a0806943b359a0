"""cProfile of protect() over the hot-path corpus (short, ~1 KB, or the 1 MB document), learned NER, no worker."""
import cProfile, pstats, sys, tempfile
from pathlib import Path
from veil.cli.bench_hotpath import corpus, _veil_runner
which, out = sys.argv[1], sys.argv[2]
short, kb, big = corpus(30, 6)
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned", detect_workers=0)
texts = {"short": short, "kb": kb, "mb": [big]}[which]
run(big[:50000] if which == "mb" else texts[0], 0)
for t in texts: run(t, 0)
pr = cProfile.Profile(); pr.enable()
reps = {"short": 5, "kb": 3, "mb": 1}[which]
for _ in range(reps):
    for t in texts: run(t, 0)
pr.disable(); pr.dump_stats(out + ".prof")
with open(out, "w") as f:
    st = pstats.Stats(pr, stream=f); st.sort_stats("tottime").print_stats(60); st.sort_stats("cumulative").print_stats(90)
