#!/bin/sh
# The gradient property of LgffRegNetworkGradientTest over every variant: from initialisation seeds 1..N (default 50),
# one backward pass of the training loss must give every learnable parameter a finite, non-zero gradient. The test
# runs fewer initialisations of the cpu ablations and the paper preset; this runs them all. Exit code 1 if any fails.
#   N          initialisations per variant (default 50)
#   VARIANTS   the variants (default: fast and cpu with their ablations, and paper)
set -eu
cd "$(dirname "$0")/.."
. bench/java-env.sh
VARIANTS=${VARIANTS:-fast fast-local-only fast-global-only fast-concat fast-no-aux cpu cpu-local-only cpu-global-only cpu-concat cpu-no-aux paper}
# shellcheck disable=SC2086
$BENCH_JAVA org.vertreg.model.network.GradientCoverage "${N:-50}" $VARIANTS 2>&1 | grep --line-buffered -v -E ' (WARN|INFO) |NNPACK'
