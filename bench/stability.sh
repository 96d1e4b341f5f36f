#!/bin/sh
# Non-finite training steps over many short runs (TrainingStability): every ablation variant of the fast preset and the
# cpu preset, 50 runs of 30 steps of 32 each from initialisation seeds 1..50; the paper preset, which trains at about
# one sample per second here, 50 runs of 24 steps of 2. Offline, on the spine phantom. 15 runs of 20 steps of one fast
# variant take about 3.5 minutes on one idle core (a minute per run beside a test run); RUNS, STEPS, ONLY shorten it.
#   RUNS, STEPS, BATCH   override the counts for the fast and cpu variants; ONLY "fast cpu" or "paper" runs one part
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
    run "${RUNS:-50}" "${STEPS:-30}" "${BATCH:-32}" 0 cpu cpu-local-only cpu-global-only cpu-concat cpu-no-aux ;;
esac
case " $ONLY " in *" paper "*)
    run "${RUNS:-50}" 24 2 0 paper ;;
esac
