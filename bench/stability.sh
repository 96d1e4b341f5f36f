#!/bin/sh
# Non-finite training steps over many short runs (TrainingStability), each from its own initialisation seed 1..50:
# every ablation variant of the fast preset, 50 runs of 30 steps of 32; of the cpu preset (twice fast's cost per
# sample), 50 runs of 24 steps of 16; the paper preset (a few samples per second here), 50 runs of 24 steps of 2.
# Offline, on the spine phantom. On 2 busy cores the fast part took about 33 minutes, the cpu part about 50, paper 64.
#   RUNS, STEPS, BATCH   override the counts for the fast and cpu variants; ONLY "fast", "cpu" or "paper" runs one part
set -eu
cd "$(dirname "$0")/.."
. bench/java-env.sh
run() {
    $BENCH_JAVA org.vertreg.training.bench.TrainingStability "$@" 2>&1 | grep --line-buffered -v -E ' (WARN|INFO) '
}
ONLY=${ONLY:-fast cpu paper}
case " $ONLY " in *" fast "*)
    run "${RUNS:-50}" "${STEPS:-30}" "${BATCH:-32}" 0 fast fast-local-only fast-global-only fast-concat fast-no-aux ;;
esac
case " $ONLY " in *" cpu "*)
    run "${RUNS:-50}" "${STEPS:-24}" "${BATCH:-16}" 0 cpu cpu-local-only cpu-global-only cpu-concat cpu-no-aux ;;
esac
case " $ONLY " in *" paper "*)
    run "${RUNS:-50}" 24 2 0 paper ;;
esac
