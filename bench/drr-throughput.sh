#!/bin/sh
# DRR throughput: our DrrRenderer (JMH, src/test/java/org/vertreg/drr/bench/DrrJmhBenchmark.java) against
# `plastimatch drr -A cpu -i exact` on the same abdomen CT, then the contact sheet bench/drr-sheet.png.
# Run from anywhere; works in the repo root. Environment:
#   JMH_ARGS     extra JMH options (default: -f 1 -wi 3 -i 5 -w 1 -r 1)
#   PM_ANGLES    plastimatch images per timed run (default 100)
#   VERTREG_SHARED_DATA  the shared data folder (default ../shared/data from the repo root)
set -eu
cd "$(dirname "$0")/.."
JMH_ARGS=${JMH_ARGS:--f 1 -wi 3 -i 5 -w 1 -r 1}
PM_ANGLES=${PM_ANGLES:-100}
command -v plastimatch >/dev/null || { echo "plastimatch not on the PATH (bin/setup installs it)" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/drr-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

. bench/java-env.sh
J=$BENCH_JAVA

echo "== ours: JMH ($JMH_ARGS), $(nproc) cores"
# shellcheck disable=SC2086
$J org.openjdk.jmh.Main DrrJmhBenchmark $JMH_ARGS -rf csv -rff "$TMP/jmh.csv" >"$TMP/jmh.log" 2>&1 || { cat "$TMP/jmh.log"; exit 1; }
sed -n '/^Benchmark/,$p' "$TMP/jmh.log"

echo "== plastimatch drr -A cpu -i exact -P none, $PM_ANGLES gantry angles (whole process minus a 1-image run)"
ISO=$($J org.vertreg.drr.PlastimatchBenchVolume "$TMP/ct.mha")
echo "axis-aligned mu copy of the abdomen CT, isocentre (L3 centroid, LPS mm) $ISO"
mkdir -p "$TMP/pm"
step=$(awk "BEGIN { print 360 / $PM_ANGLES }")
for n in 128 256; do
  run() {
    s=$(date +%s%N)
    plastimatch drr -A cpu -i exact -P none -t raw -r "$n $n" -z "$n $n" --sad 600 --sid 1000 \
      -o "$ISO" -N "$step" -a "$1" -O "$TMP/pm/d${n}_" "$TMP/ct.mha" >/dev/null 2>&1
    e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  }
  one=$(run 1); many=$(run "$PM_ANGLES")
  per=$(awk "BEGIN { printf \"%.2f\", ($many - $one) / ($PM_ANGLES - 1) }")
  echo "${n}x${n}: 1 image ${one} ms, $PM_ANGLES images ${many} ms, per image ${per} ms"
  echo "$n $per" >>"$TMP/pm.txt"
done

echo "== side by side (images/s; ratio = ours / plastimatch exact, goal >= 4)"
awk -F, '
  FNR == NR { pm[$1] = $2; next }                       # pm.txt: size ms
  FNR == 1 { next }                                      # csv header
  { gsub(/["\r]/, "");
    # columns: Benchmark,Mode,Threads,Samples,Score,Score Error,Unit,Param: sampling,Param: scene
    sampling = $8; scene = $9; ms = $5; n = (scene ~ /256/) ? 256 : 128
    line = sprintf("%-7s %-15s %8.3f ms  %7.1f img/s", scene, sampling, ms, 1000 / ms)
    if (scene ~ /^CT/) line = line sprintf("   plastimatch %7.2f ms  %6.1f img/s   ratio %.1fx", pm[n], 1000 / pm[n], pm[n] / ms)
    if (scene ~ /^L3/) line = line sprintf("   <= 2 ms: %s", ms <= 2 ? "yes" : "NO")
    print line
  }' FS=" " "$TMP/pm.txt" FS=, "$TMP/jmh.csv"

echo "== contact sheet"
$J org.vertreg.drr.bench.DrrSheet bench/drr-sheet.png
