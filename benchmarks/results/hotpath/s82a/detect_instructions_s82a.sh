#!/bin/bash
# usage: detect_instructions_s82a.sh TREE short|kb TAG  (OUT: folder of the callgrind file)
here=$(readlink -f "$(dirname "$0")")
tree=$1; which=$2; tag=$3
out=${OUT:-/tmp}/cg.$tag.$which
cd $tree && PYTHONHASHSEED=0 HF_HUB_OFFLINE=1 TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS= PYTHONPATH=$tree/src valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=$out /work/main/.venv/bin/python $here/detect_instructions_s82a.py $which >/dev/null 2>&1
n=$([ $which = short ] && echo 30 || echo 6)
PYTHONPATH=$tree/src /work/main/.venv/bin/python -c "
import json, sys
from pathlib import Path
from veil.cli.bench_instructions import _annotate, by_kind
total, kinds = by_kind(_annotate(Path(sys.argv[1]), cache=False))
n = int(sys.argv[2])
print(json.dumps({'tag': sys.argv[3], 'texts': sys.argv[4], 'k_per_text': round(total / n / 1000),
                  'by_kind_k': {k: round(v / n / 1000) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])}}))
" $out $n $tag $which
