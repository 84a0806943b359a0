"""Random tool-call ids (OpenAI call_ + 24 base62, Anthropic toolu_01 + 22 base62) read by the
real detector split at separators (today) and also at camelCase humps: how many are masked."""
import random, string, sys, tempfile, time
from pathlib import Path
from veil.config import Settings
from veil.core import Veil
from veil.gateway.fields import _SEPARATED, id_words
t = tempfile.mkdtemp()
v = Veil(Settings(home=Path(t), cache_dir=Path(t) / "c"))
rng = random.Random(78)
A = string.ascii_letters + string.digits
N = int(sys.argv[1])
ids = [rng.choice(["call_", "toolu_01", "fc_", "call_"]) + "".join(rng.choice(A) for _ in range(24)) for _ in range(N)]
sep = camel = 0
ex = []
t0 = time.time()
for i in ids:
    a = _SEPARATED.sub(" ", i); b = id_words(i)
    ma = v.detect(a, session="s"); mb = v.detect(b, session="s")
    sep += bool(ma); camel += bool(mb)
    if mb and len(ex) < 8: ex.append((i, b, [(e.type) for e in mb]))
print(f"{N} random ids: masked read at separators {sep}, read at humps too {camel}; {time.time()-t0:.1f}s")
for e in ex: print(e)
