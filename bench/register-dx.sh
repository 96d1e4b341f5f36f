#!/usr/bin/env bash
# register on DICOM X-rays of a real CT: a low-dose whole-CT DX written by `bin/vertreg drr` at a known pose, its
# MONOCHROME1 copy and a copy without geometry tags, registered with a whole-CT model; prints each run's poses, quality,
# stage times and error against the true pose, and keeps the overlay PNGs. Run from the repo root after bin/build.
#   MODEL  a model trained with --anatomy whole-ct for abdomen level LEVEL (required)
#   LEVEL  TotalSegmentator label of the vertebra (default 29, L3)      POSE  rx,ry,rz,tx,ty,tz (default 7,-5,4,3,-6,2)
#   OUT    results folder (default bench/results/register-dx)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/java-env.sh
DATA=${VERTREG_SHARED_DATA:-../shared/data}
A=$DATA/ct/totalseg-example-abdomen
LEVEL=${LEVEL:-29}
POSE=${POSE:-7,-5,4,3,-6,2}
OUT=${OUT:-bench/results/register-dx}
: "${MODEL:?MODEL must name a whole-ct model folder}"
rm -rf "$OUT" && mkdir -p "$OUT"
bin/vertreg drr --ct "$A/example_ct.nii.gz" --labels "$A/totalseg_vertebrae.nii.gz" --level "$LEVEL" --whole-ct --low-dose \
  --pose "$POSE" --seed 5 --out "$OUT/dx"
$BENCH_JAVA org.vertreg.dicom.bench.XrayCopies monochrome1 "$OUT/dx/drr-001.dcm" "$OUT/monochrome1.dcm"
$BENCH_JAVA org.vertreg.dicom.bench.XrayCopies without-geometry "$OUT/dx/drr-001.dcm" "$OUT/without-geometry.dcm"
for x in dx/drr-001 monochrome1 without-geometry; do
  name=$(basename "$x")
  echo "== $name"
  bin/vertreg register --xray "$OUT/$x.dcm" --model "$MODEL" --ct "$A/example_ct.nii.gz" --labels "$A/totalseg_vertebrae.nii.gz" \
    --level "$LEVEL" --png "$OUT/$name.png" | tee "$OUT/$name.txt"
done
