#!/usr/bin/env bash
# The node's main job timed beside a real PACS (registration.jobs.bench.MainJobFlow): Orthanc routes the demo CT, its
# segmentation and XRAYS low-dose whole-CT X-rays to the packaged node; each X-ray is timed from its C-STORE into Orthanc
# until Orthanc holds its Spatial Registration object. BUDGET: the vertebra's training time (the node's default 5m).
set -euo pipefail
cd "$(dirname "$0")/.."
XRAYS=${XRAYS:-20}
BUDGET=${BUDGET:-5m}
ANATOMY=${ANATOMY:-whole-ct}
bin/build >/dev/null
rm -rf target/bench-flow
source bench/java-env.sh
mkdir -p bench/results/jobs
out=bench/results/jobs/main-job-flow-$ANATOMY-$BUDGET.txt
{
  echo "# bench/main-job-flow.sh XRAYS=$XRAYS BUDGET=$BUDGET ANATOMY=$ANATOMY, $(date -u +%F), $(nproc) cores"
  $BENCH_JAVA -Dvertreg.app.jar=target/quarkus-app/quarkus-run.jar org.vertreg.jobs.bench.MainJobFlow \
    demo/example_ct.nii.gz demo/totalseg_vertebrae.nii.gz 29 L3 "$XRAYS" "$BUDGET" "$ANATOMY" 2>&1 \
    | grep -E '^(preparation|[0-9]+ X-rays|refinement inside)'
} | tee "$out"
