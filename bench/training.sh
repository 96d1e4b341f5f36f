#!/bin/sh
# Training measurements (bench/TRAINING.md): rendering and caching cost, throughput of the small test network with
# samples rendered on the fly and cached, and the schedule / fresh-pose comparisons. Offline; takes ~10 minutes.
set -eu
cd "$(dirname "$0")/.."
. bench/java-env.sh
run() {
    $BENCH_JAVA "$@" 2>&1 | grep -v -E ' (WARN|INFO) '
}
echo "== TrainingThroughput 512 samples, 1 compute thread"
run org.vertreg.training.bench.TrainingThroughput 512 1
echo "== TrainingChoices 1024 samples x 12 epochs, peak rate 1e-3"
run org.vertreg.training.bench.TrainingChoices 1024 12 1e-3
echo "== TrainingChoices 128 samples x 48 epochs, peak rate 1e-3"
run org.vertreg.training.bench.TrainingChoices 128 48 1e-3
