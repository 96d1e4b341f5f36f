#!/bin/sh
# LGFF-Reg speed per preset: batch-1 inference latency (median, p95) and training throughput (forward, backward,
# Adam step; batch 32), from src/test/java/org/vertreg/model/bench/. Run from anywhere; works in the repo root.
# Environment:
#   PRESETS      presets to measure (default: fast cpu paper)
#   LATENCY_N    timed images per preset (default 200)
#   TRAIN_STEPS  timed training steps per preset (default 10; paper at batch 32 takes ~10 s a step)
#   JEMALLOC     1 to preload Debian's jemalloc with the settings bin/vertreg uses
set -eu
cd "$(dirname "$0")/.."
PRESETS=${PRESETS:-fast cpu paper}
LATENCY_N=${LATENCY_N:-200}
TRAIN_STEPS=${TRAIN_STEPS:-10}
if [ "${JEMALLOC:-0}" = 1 ]; then
  lib=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
  [ -e "$lib" ] || { echo "JEMALLOC=1 but $lib is missing (apt-get install libjemalloc2)" >&2; exit 1; }
  export LD_PRELOAD=$lib MALLOC_CONF=dirty_decay_ms:5000,muzzy_decay_ms:5000,narenas:2,oversize_threshold:0
fi

. bench/java-env.sh
J=$BENCH_JAVA
quiet() { grep -v -e ' WARN ' -e ' INFO ' -e SLF4J || true; }

echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), jemalloc ${JEMALLOC:-0}"
echo "== batch-1 inference latency"
# shellcheck disable=SC2086
$J org.vertreg.model.bench.InferenceLatencyBenchmark "$LATENCY_N" $PRESETS 2>&1 | quiet
echo "== training throughput"
# shellcheck disable=SC2086
$J org.vertreg.model.bench.TrainingThroughputBenchmark 32 "$TRAIN_STEPS" $PRESETS 2>&1 | quiet
