import re, sys
from collections import Counter
inc, self_, total = Counter(), Counter(), 0
filt = sys.argv[2] if len(sys.argv) > 2 else None
for line in open(sys.argv[1]):
    stack, _, c = line.rstrip().rpartition(" ")
    c = int(c)
    if filt and filt not in stack: continue
    total += c
    frames = [re.sub(r":\d+\)$", ")", f.strip()) for f in stack.split(";")]
    frames = [re.sub(r"\(/.*?/(site-packages|src)/", "(", f) for f in frames]
    for f in set(frames): inc[f] += c
    self_[frames[-1]] += c
print("total samples", total)
print("-- inclusive")
for f, c in inc.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 70): print(f"{100*c/total:5.1f}% {f}")
print("-- self")
for f, c in self_.most_common(30): print(f"{100*c/total:5.1f}% {f}")
