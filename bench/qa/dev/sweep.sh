#!/bin/sh
# Tuning sweep on the development sets only: each line of parameter overrides → per dev set (SETS: dev, the default, or dev3 alone;
# batch 3 is part of dev) art@1 / art@3 / MRR, unanswerable abstained, curated paraphrases at rank 1.
# Usage: sh bench/qa/dev/sweep.sh "doc=1 local=1" "doc=2" …
for combo in "$@"; do
  ps=""; for kv in $combo; do ps="$ps --param $kv"; done
  for set in ${SETS:-dev}; do
    out=$(GONGKAI_TEST_DB=sqlite node --import tsx bench/qa/run.ts --set $set --no-scale $ps 2>&1)
    line=$(echo "$out" | grep "entries + clauses" | cut -d'|' -f3-5,8)
    cur=$(echo "$out" | grep "curated paraphrases at rank 1" | sed 's/curated paraphrases at rank 1: //; s/answerable questions abstained/abst/')
    echo "$combo [$set] |$line| curated $cur"
  done
done
