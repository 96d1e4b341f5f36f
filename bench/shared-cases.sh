#!/usr/bin/env bash
# Trains and evaluates the network alone on the shared labelled CTs: the abdomen CT's L1-L5 (TotalSegmentator labels
# 31..27) and the TPTBox L3 cut-out (label 22), one model per vertebra, then one evaluation table over all of them.
# Run from the repo root after bin/build. Environment:
#   PRESET     network preset (default cpu)           BUDGET   wall time per vertebra (default 10m)
#   EPOCHS     epochs per vertebra (default 320)      SAMPLES  training images (default 9000)
#   EXTRA      more train options, e.g. "--cosine 200 --lr 3e-4" or an ablation flag
#   LEVELS     "abdomen:29 tptbox:22" style list (default all six)
#   OUT        results folder (default bench/results/$PRESET)
#   JOBS       vertebrae trained at once, each on one compute thread (default: the number of cores); the engine's
#              threads wait for each other at every operation, so one thread per process uses the cores best
#   VERTREG_SHARED_DATA  the shared data folder (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${VERTREG_SHARED_DATA:-../shared/data}
PRESET=${PRESET:-cpu}
BUDGET=${BUDGET:-10m}
EPOCHS=${EPOCHS:-320}
SAMPLES=${SAMPLES:-9000}
EXTRA=${EXTRA:-}
LEVELS=${LEVELS:-abdomen:31 abdomen:30 abdomen:29 abdomen:28 abdomen:27 tptbox:22}
OUT=${OUT:-bench/results/$PRESET}
JOBS=${JOBS:-$(nproc)}
mkdir -p "$OUT"
ct_of() {
  case $1 in
    abdomen) echo "$DATA/ct/totalseg-example-abdomen/example_ct.nii.gz:$DATA/ct/totalseg-example-abdomen/totalseg_vertebrae.nii.gz" ;;
    tptbox) echo "$DATA/ct/tptbox-l3-cutout/sub-ct_label-22_ct.nii.gz:$DATA/ct/tptbox-l3-cutout/sub-ct_seg-vert_label-22_msk.nii.gz" ;;
    *) echo "unknown case $1" >&2; exit 2 ;;
  esac
}
train_one() { # name level ct labels run
  # shellcheck disable=SC2086
  /usr/bin/time -f "wall %e s, peak RSS %M KB" bin/vertreg train --ct "$3" --labels "$4" --level "$2" --out "$5" \
    --preset "$PRESET" --budget "$BUDGET" --epochs "$EPOCHS" --samples "$SAMPLES" --threads 1 $EXTRA >"$5.txt" 2>"$5.log"
}
cases=""
running=0
for item in $LEVELS; do
  name=${item%%:*} level=${item#*:}
  files=$(ct_of "$name")
  ct=${files%%:*} labels=${files#*:}
  run="$OUT/$name-$level"
  echo "== train $name level $level ($PRESET, budget $BUDGET): $run.txt"
  train_one "$name" "$level" "$ct" "$labels" "$run" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
  cases="$cases --case $ct:$labels:$level:$run/model"
done
while [ "$running" -gt 0 ]; do
  wait -n
  running=$((running - 1))
done
for item in $LEVELS; do
  run="$OUT/${item%%:*}-${item#*:}"
  echo "-- $run"
  cat "$run.txt"
  tail -1 "$run.log"
  [ -f "$run/model/model.params" ] || { echo "no model in $run (see $run.log)" >&2; exit 1; }
done
echo "== evaluate"
# shellcheck disable=SC2086
bin/vertreg evaluate $cases --baseline --csv "$OUT/evaluation.csv" | tee "$OUT/evaluation.txt"
