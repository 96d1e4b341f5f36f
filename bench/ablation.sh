#!/usr/bin/env bash
# The paper's ablations at an equal training budget, network alone: the full model, local branch only, global branch
# only, concatenation instead of DBFF, and no auxiliary heads, each trained on the same vertebra and scored on the same
# test poses. Run from the repo root after bin/build. Environment:
#   PRESET   network preset (default fast)        BUDGET   wall time per variant (default 10m)
#   LEVEL    abdomen CT label (default 29, L3)     SAMPLES  training images (default 9000)
#   EXTRA    more train options (default none: train's own recipe)
#   ONLY     a subset of the variants, e.g. "local-only no-aux" (default all five)
#   JOBS     variants trained at once, one compute thread each (default: the number of cores)
#   OUT      results folder (default bench/results/ablation-$PRESET)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${VERTREG_SHARED_DATA:-../shared/data}
PRESET=${PRESET:-fast}
BUDGET=${BUDGET:-10m}
LEVEL=${LEVEL:-29}
SAMPLES=${SAMPLES:-9000}
EXTRA=${EXTRA:-}
JOBS=${JOBS:-$(nproc)}
OUT=${OUT:-bench/results/ablation-$PRESET}
CT=$DATA/ct/totalseg-example-abdomen/example_ct.nii.gz
LABELS=$DATA/ct/totalseg-example-abdomen/totalseg_vertebrae.nii.gz
ALL=("full:" "local-only:--local-only" "global-only:--global-only" "concat:--concat" "no-aux:--no-aux")
VARIANTS=()
for v in "${ALL[@]}"; do
  if [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" ${v%%:*} "* ]]; then VARIANTS+=("$v"); fi
done
mkdir -p "$OUT"
running=0
cases=()
for v in "${VARIANTS[@]}"; do
  name=${v%%:*} flags=${v#*:}
  run="$OUT/$name"
  echo "== train $name ($PRESET, level $LEVEL, budget $BUDGET): $run.txt"
  # shellcheck disable=SC2086
  (/usr/bin/time -f "wall %e s, peak RSS %M KB" bin/vertreg train --ct "$CT" --labels "$LABELS" --level "$LEVEL" --out "$run" \
    --preset "$PRESET" --budget "$BUDGET" --samples "$SAMPLES" --threads 1 $EXTRA $flags >"$run.txt" 2>"$run.log") &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
  cases+=(--case "$CT:$LABELS:$LEVEL:$run/model")
done
while [ "$running" -gt 0 ]; do wait -n; running=$((running - 1)); done
for v in "${VARIANTS[@]}"; do
  run="$OUT/${v%%:*}"
  echo "-- ${v%%:*}: $(sed -n 2,3p "$run.txt" | tr '\n' ' ')"
done
# one table per variant: the evaluation names rows by case and vertebra, so run it per model
for v in "${VARIANTS[@]}"; do
  run="$OUT/${v%%:*}"
  echo "== ${v%%:*}"
  bin/vertreg evaluate --case "$CT:$LABELS:$LEVEL:$run/model" --csv "$run-evaluation.csv" | grep -E '^example_ct'
done | tee "$OUT/evaluation.txt"
