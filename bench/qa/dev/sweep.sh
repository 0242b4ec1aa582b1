#!/bin/sh
# Tuning sweep on the development set only: each line of parameter overrides → dev art@1 / art@3 / MRR,
# curated paraphrases, unanswerable abstained.  Usage: sh bench/qa/dev/sweep.sh "doc=1 local=1" "doc=2" …
for combo in "$@"; do
  ps=""; for kv in $combo; do ps="$ps --param $kv"; done
  out=$(GONGKAI_TEST_DB=sqlite node --import tsx bench/qa/run.ts --set dev --no-scale $ps 2>&1)
  line=$(echo "$out" | grep "entries + clauses" | cut -d'|' -f3-5,8)
  cur=$(echo "$out" | grep "curated paraphrases at rank 1" | sed 's/curated paraphrases at rank 1: //')
  echo "$combo |$line| curated $cur"
done
