import sys, collections, re
c = collections.Counter(); total = 0
for line in open(sys.argv[1]):
    line = line.rstrip()
    if not line: continue
    stack, n = line.rsplit(" ", 1); n = int(n); total += n
    f = stack.split(";")[-1]
    c[re.sub(r"/[^ ]*/(src/veil/|site-packages/)", "", f)] += n
for f, n in c.most_common(int(sys.argv[2])): print(n, f)
