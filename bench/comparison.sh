#!/usr/bin/env bash
# The comparison table beside the paper's: for the six labelled vertebrae of the shared CTs, 100 low-dose test poses
# each, the network alone, the network + refinement (robust match, GC at half resolution) with its quality score, and optimisation only from the
# reference pose (GC, NGI, GO: the paper's OPT baselines; patch GC and the robust match: ours), once on X-rays of the vertebra alone with
# models trained on them (the paper's protocol) and once on whole-CT X-rays with models trained on whole-CT images.
# Run from the repo root after bin/build. Environment:
#   MODELS_ALONE, MODELS_WHOLE  folders holding abdomen-31 ... tptbox-22 model runs of bench/shared-cases.sh; trained
#                               here (fast preset, BUDGET each, two at a time) when missing
#   BUDGET       training wall time per vertebra (default 4m)       POSES  test poses per case (default 100)
#   REFINE       the similarity refinement maximises (default robust)
#   OPT          similarities of the optimisation-only rows (default gc,ngi,go,patch-gc,robust; empty to skip)
#   OUT          results folder (default bench/results/comparison)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${VERTREG_SHARED_DATA:-../shared/data}
BUDGET=${BUDGET:-4m}
POSES=${POSES:-100}
REFINE=${REFINE:-robust}
OPT=${OPT-gc,ngi,go,patch-gc,robust}
OUT=${OUT:-bench/results/comparison}
MODELS_ALONE=${MODELS_ALONE:-$OUT/models-alone}
MODELS_WHOLE=${MODELS_WHOLE:-$OUT/models-whole}
mkdir -p "$OUT"
[ -f "$MODELS_ALONE/tptbox-22/model/model.params" ] ||
  PRESET=fast BUDGET=$BUDGET OUT=$MODELS_ALONE bench/shared-cases.sh
[ -f "$MODELS_WHOLE/tptbox-22/model/model.params" ] ||
  PRESET=fast BUDGET=$BUDGET OUT=$MODELS_WHOLE EXTRA="--anatomy whole-ct" bench/shared-cases.sh
cases() { # models folder
  local a=$DATA/ct/totalseg-example-abdomen t=$DATA/ct/tptbox-l3-cutout
  for level in 31 30 29 28 27; do
    echo "--case $a/example_ct.nii.gz:$a/totalseg_vertebrae.nii.gz:$level:$1/abdomen-$level/model"
  done
  echo "--case $t/sub-ct_label-22_ct.nii.gz:$t/sub-ct_seg-vert_label-22_msk.nii.gz:22:$1/tptbox-22/model"
}
for anatomy in alone whole; do
  models=$MODELS_ALONE
  [ "$anatomy" = whole ] && models=$MODELS_WHOLE
  echo "== $anatomy: network and network + refinement ($REFINE), quality fitted"
  # shellcheck disable=SC2046
  bin/vertreg evaluate $(cases "$models") --poses "$POSES" --refine "$REFINE" --fit-quality --trials "$OUT/$anatomy-trials.csv" \
    | tee "$OUT/$anatomy-refine.txt"
  if [ -n "$OPT" ]; then
    echo "== $anatomy: optimisation only ($OPT)"
    # shellcheck disable=SC2046
    bin/vertreg evaluate $(cases "$models") --poses "$POSES" --optimisation-only "$OPT" --trials "$OUT/$anatomy-opt.csv" \
      | tee "$OUT/$anatomy-opt.txt"
  fi
done
