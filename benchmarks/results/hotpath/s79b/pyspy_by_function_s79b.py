"""Aggregate py-spy raw (collapsed) stacks: self and inclusive samples by function."""
import sys, collections, re
self_c = collections.Counter(); incl = collections.Counter(); total = 0
for line in open(sys.argv[1]):
    line = line.rstrip()
    if not line: continue
    stack, n = line.rsplit(" ", 1); n = int(n); total += n
    frames = [re.sub(r"\s*\(/[^)]*/(src/veil/|site-packages/|lib/python3.11/)", r" (", f) for f in stack.split(";")]
    frames = [re.sub(r":\d+\)$", ")", f) for f in frames]
    self_c[frames[-1]] += n
    for f in set(frames): incl[f] += n
print("total", total)
print("== self"); [print(f"{n:6d} {100*n/total:5.1f}% {f}") for f, n in self_c.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 40)]
print("== inclusive"); [print(f"{n:6d} {100*n/total:5.1f}% {f}") for f, n in incl.most_common(int(sys.argv[3]) if len(sys.argv)>3 else 80)]
