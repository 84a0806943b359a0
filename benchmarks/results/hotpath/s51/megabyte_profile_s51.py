"""protect() of one unit repeated to a size, with cProfile: python megabyte_profile_s51.py
'"Anna, "' 1000000 (NB=spacy for the spaCy backend). Before the SortedList: 8.0 s plain, with
bisect.insort and SpanIndex.drop 3.5 of 11 s under the profiler; after: 5.2 s."""
import cProfile, pstats, sys, time, tempfile, base64, os
from pathlib import Path
from veil import Veil
from veil.config import Policy, Settings
from veil.heap import settle_heap
veil = Veil(Settings(home=Path(tempfile.mkdtemp()), master_key=base64.b64encode(os.urandom(32)).decode()),
            policy=Policy.model_validate({"ner_backend": os.environ.get("NB", "learned")}))
veil.protect("warm up John Smith at 12 Main Street", session="w")
text = eval(sys.argv[1]); n = int(sys.argv[2])
text = text * (n // len(text))
settle_heap()
t0 = time.perf_counter(); veil.protect(text, session="a"); print("plain", time.perf_counter() - t0)
pr = cProfile.Profile(); pr.enable(); veil.protect(text, session="b"); pr.disable()
pstats.Stats(pr).sort_stats("tottime").print_stats(18)
