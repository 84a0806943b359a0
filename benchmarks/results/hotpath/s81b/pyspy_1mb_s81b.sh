#!/bin/bash
# usage: pyspy1mb.sh <tree> <raw out>
cd $1
PYTHONPATH=$1/src HF_HUB_OFFLINE=1 /work/main/.venv/bin/python benchmarks/results/hotpath/s79b/profile_1mb_s79b.py 0 > /tmp/s81/b/prof/p1mb.log 2>&1 &
P=$!
while ! grep -q ready /tmp/s81/b/prof/p1mb.log 2>/dev/null; do sleep 0.5; done
sleep 1
/work/main/.venv/bin/py-spy record --pid $P --gil -r 250 -f raw -o $2 --nonblocking >/dev/null 2>&1
wait $P; cat /tmp/s81/b/prof/p1mb.log | grep cpu
