"""A WordPiece in Python for ASCII text (the vocabulary dict, greedy longest match) in place of
Blingfire inside protect(), in turns with Blingfire in one process: protect() median per text,
and the encode call's median and total per text. Output: python_wordpiece.txt."""
import statistics, tempfile, time, sys, json, re
from veil.detect.learned import detector_dir
from pathlib import Path
import veil.detect.wordpieces as W
from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.heap import settle_heap
vocab = json.loads((detector_dir() / 'tokenizer.json').read_text())['model']['vocab']
cont = {k[2:]: v for k, v in vocab.items() if k.startswith("##")}
WORD = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")
get = vocab.get
def wp(text):
    ids, offs = [], []
    for m in WORD.finditer(text.lower()):
        w = m.group(); i = get(w)
        if i is not None:
            ids.append(i); offs.append(m.span()); continue
        s = m.start(); pos, n, sub_i, sub_o = 0, len(w), [], []
        if n > 100: ids.append(100); offs.append(m.span()); continue
        while pos < n:
            end = n
            while end > pos:
                j = get(w[pos:end]) if pos == 0 else cont.get(w[pos:end])
                if j is not None: break
                end -= 1
            else:
                sub_i = [100]; sub_o = [m.span()]; break
            sub_i.append(j); sub_o.append((s + pos, s + end)); pos = end
        ids += sub_i; offs += sub_o
    return ids, offs
short, kb, _ = corpus(100, 20)
_, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short + kb: run(t, 0)
orig_pieces = W.WordPieces._pieces
def pieces(self, text, fast):
    if text.isascii(): return wp(text)
    return orig_pieces(self, text, fast)
orig = W.WordPieces.encode
cold = []
def enc(self, text):
    t0 = time.perf_counter(); r = orig(self, text); cold.append(time.perf_counter() - t0); return r
W.WordPieces.encode = enc
settle_heap()
res = {}
for rnd in range(3):
    for mode in ("blingfire", "python"):
        W.WordPieces._pieces = pieces if mode == "python" else orig_pieces
        for name, texts in (("short", short), ("kb", kb)):
            per = []; cold.clear()
            for _ in range(6):
                for t in texts:
                    t0 = time.perf_counter(); run(t, 0); per.append(time.perf_counter() - t0)
            res.setdefault((name, mode), []).append((statistics.median(per) * 1e3, statistics.median(cold)*1e6, sum(cold)/len(per)*1e6))
for k, v in sorted(res.items()): print(k, " | ".join(f"{a:.3f} ms enc {b:.0f} us, {c:.0f}us/text" for a, b, c in v))
