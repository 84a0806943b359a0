#!/bin/bash
# the gateway count of the base tree: this tree's child script, the base tree's veil
set -e
N=${1:-10}
OUT=/tmp/s80/b/gwbase/cg
rm -f $OUT $OUT.*
cd /tmp/s80/base
PYTHONPATH=/tmp/s80/base/src HF_HUB_OFFLINE=1 TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS= valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=$OUT /work/main/.venv/bin/python3 /tmp/s80/b/gwbase/gwins_child.py $N learned 1 1 > /tmp/s80/b/gwbase/out 2> /tmp/s80/b/gwbase/err
cd /tmp/s80/b/tree && PYTHONPATH=src /work/main/.venv/bin/python -c "
import json
from pathlib import Path
from veil.cli.bench_instructions import _annotate, by_kind
from veil.cli.bench_gateway_instructions import PASSES, derived, markdown
n=$N; passes={}
for i,p in enumerate(PASSES,1):
    t,k=by_kind(_annotate(Path(f'$OUT.{i}'),cache=False))
    passes[p]={'instructions_per_request':t/n,'by_kind_per_request':{a:b/n for a,b in k.items()}}
r={'requests':n,'passes':passes,'derived':derived({p:v['instructions_per_request'] for p,v in passes.items()})}
json.dump(r,open('/tmp/s80/b/gwbase/gateway_base.json','w'),indent=1)
open('/tmp/s80/b/gwbase/gateway_base.md','w').write(markdown(r))
print(markdown(r))
"
