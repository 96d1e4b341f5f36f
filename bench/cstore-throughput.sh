#!/usr/bin/env bash
# C-STORE throughput benchmark: the node against dcmtk's storescp and against Orthanc (the PACS it sits
# beside), same data, same sender, alternating rounds. A benchmark, not a test: it reports, and fails
# only when a transfer fails.
# Settings (environment) and how to read the result: bench/README.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

DATA=${BENCH_DATA:-$repo/../shared/data/ct/cptac-lscc-c3n00247-chest/dicom}
ROUNDS=${BENCH_ROUNDS:-8}              # per target, the first WARMUP of them discarded
WARMUP=${BENCH_WARMUP:-3}              # the JVM compiles the hot path over the first few hundred instances
SETTLE=${BENCH_SETTLE:-20}             # seconds of quiet after each transfer: quiet period 10 s + assembly
FRESH_UIDS=${BENCH_FRESH_UIDS:-1}      # new study/series/instance UIDs per round
NODE=${BENCH_NODE:-start}              # start: run target/quarkus-app here; running: use one; skip: storescp only
NODE_HOST=${BENCH_NODE_HOST:-127.0.0.1}
NODE_AET=${BENCH_NODE_AET:-VERTREG}
if [ "$NODE" = running ]; then NODE_PORT=${BENCH_NODE_PORT:-11112}; else NODE_PORT=${BENCH_NODE_PORT:-11120}; fi
NODE_HTTP_PORT=${BENCH_NODE_HTTP_PORT:-18090}
APP_DIR=${BENCH_APP_DIR:-$repo/target/quarkus-app}
JDBC_URL=${BENCH_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/vertreg}
DB_USER=${BENCH_DB_USER:-postgres}
DB_PASSWORD=${BENCH_DB_PASSWORD:-}
START_TIMEOUT=${BENCH_NODE_START_TIMEOUT:-180}
SCP_PORT=${BENCH_STORESCP_PORT:-11121}
ORTHANC=${BENCH_ORTHANC:-start}        # start: a private Orthanc as a further target; skip: without it
ORTHANC_BIN=${BENCH_ORTHANC_BIN:-/usr/sbin/Orthanc}
ORTHANC_PORT=${BENCH_ORTHANC_PORT:-11124}
ORTHANC_HTTP_PORT=${BENCH_ORTHANC_HTTP_PORT:-18091}
CALLING_AET=${BENCH_CALLING_AET:-BENCH}
# Debian's dcmtk keeps Nagle's algorithm on unless TCP_NODELAY is set, which costs storescp a
# delayed-ACK stall (~40 ms) per instance; the peer should be dcmtk at its best.
if [ "${BENCH_TCP_NODELAY:-1}" = 1 ]; then export TCP_NODELAY=1; else unset TCP_NODELAY; fi

die() { echo "cstore-throughput: $*" >&2; exit 1; }
for tool in storescu storescp echoscu dcmodify curl bc; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian packages dcmtk, curl, bc)"
done
shopt -s nullglob
files=("$DATA"/*.dcm)
shopt -u nullglob
n=${#files[@]}
[ "$n" -gt 0 ] || die "no .dcm files in $DATA (set BENCH_DATA)"
[ "$ROUNDS" -gt "$WARMUP" ] || die "BENCH_ROUNDS must exceed BENCH_WARMUP ($WARMUP rounds are discarded)"
if [ "$ORTHANC" = start ]; then
  [ -x "$ORTHANC_BIN" ] || die "$ORTHANC_BIN not found: bin/setup installs Orthanc (Debian package orthanc); BENCH_ORTHANC=skip leaves it out"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/vertreg-bench.XXXXXX")
node_pid='' scp_pid='' durable_pid='' orthanc_pid=''
cleanup() {
  local pid
  for pid in $scp_pid $durable_pid $orthanc_pid $node_pid; do
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Waits until a DICOM C-ECHO to host port aet succeeds, or gives up after $4 seconds.
wait_echo() {
  local end=$((SECONDS + $4))
  until echoscu -aet "$CALLING_AET" -aec "$3" "$1" "$2" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.5
  done
}

# --- the node ---
if [ "$NODE" = start ]; then
  [ -f "$APP_DIR/quarkus-run.jar" ] || die "$APP_DIR/quarkus-run.jar missing: mvn -B -DskipTests package"
  port_in_use "$NODE_PORT" && die "port $NODE_PORT is taken (BENCH_NODE_PORT)"
  port_in_use "$NODE_HTTP_PORT" && die "port $NODE_HTTP_PORT is taken (BENCH_NODE_HTTP_PORT)"
  # A private copy, so that a rebuild of target/ during the run cannot change the node under test.
  cp -r "$APP_DIR" "$work/app"
  mkdir "$work/archive"
  # ai.djl offline and OPT_OUT_TRACKING: DJL must never reach the network (the last -D wins).
  # BENCH_JAVA_OPTS is split into words on purpose.
  # shellcheck disable=SC2086
  env VERTREG_DICOM_AE_TITLE="$NODE_AET" VERTREG_DICOM_PORT="$NODE_PORT" VERTREG_DICOM_BIND_ADDRESS=127.0.0.1 \
      VERTREG_DICOM_ALLOWED_CALLING_AE_TITLES= VERTREG_ARCHIVE_ROOT="$work/archive" \
      QUARKUS_HTTP_PORT="$NODE_HTTP_PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
      QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
      QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
      OPT_OUT_TRACKING=true DJL_OFFLINE=true \
      java ${BENCH_JAVA_OPTS:-} -Dai.djl.offline=true -jar "$work/app/quarkus-run.jar" >"$work/node.log" 2>&1 &
  node_pid=$!
  echo "starting the node (pid $node_pid, DICOM $NODE_PORT, HTTP $NODE_HTTP_PORT, log $work/node.log)"
  end=$((SECONDS + START_TIMEOUT))
  until curl -fsS -o /dev/null "http://127.0.0.1:$NODE_HTTP_PORT/q/health/ready" 2>/dev/null; do
    kill -0 "$node_pid" 2>/dev/null || { tail -30 "$work/node.log" >&2; die "the node exited during start"; }
    [ $SECONDS -lt $end ] || { tail -30 "$work/node.log" >&2; die "the node was not ready after ${START_TIMEOUT}s"; }
    sleep 1
  done
fi
if [ "$NODE" != skip ]; then
  wait_echo "$NODE_HOST" "$NODE_PORT" "$NODE_AET" 60 \
    || die "no C-ECHO answer from $NODE_AET at $NODE_HOST:$NODE_PORT (allowed calling AE titles must include $CALLING_AET)"
fi

# --- the peer: one storescp process (no --fork), as the node also serves the association in one process ---
while port_in_use "$SCP_PORT"; do SCP_PORT=$((SCP_PORT + 1)); done
mkdir "$work/storescp"
storescp -aet STORESCP -od "$work/storescp" "$SCP_PORT" >"$work/storescp.log" 2>&1 &
scp_pid=$!
wait_echo 127.0.0.1 "$SCP_PORT" STORESCP 10 || die "storescp did not start on port $SCP_PORT"

# A second peer that, like the node, makes each file durable before it answers: storescp runs
# 'sync FILE' (fsync of that file) synchronously after each reception. The node also syncs the folder
# entry of its atomic rename and commits its index, so even this peer does less than the node.
DURABLE_PORT=$((SCP_PORT + 1))
while port_in_use "$DURABLE_PORT"; do DURABLE_PORT=$((DURABLE_PORT + 1)); done
mkdir "$work/durable"
storescp -aet DURABLE -od "$work/durable" -xcr "sync #p/#f" -xs "$DURABLE_PORT" >"$work/durable.log" 2>&1 &
durable_pid=$!
wait_echo 127.0.0.1 "$DURABLE_PORT" DURABLE 10 || die "the syncing storescp did not start on port $DURABLE_PORT"

# A private Orthanc with the settings of the tests' OrthancPeer fixture (src/test/java/org/vertreg/testing),
# without its Lua script: its own storage and SQLite index under $work, no plugins (Debian's
# /etc/orthanc/orthanc.json would load /usr/share/orthanc/plugins), HTTP on loopback only and without
# authentication, each file synced before the C-STORE answer (SyncStorageArea, Orthanc's default).
# Orthanc 1.10 cannot bind its DICOM port to one address: while the benchmark runs it listens on every
# interface and accepts C-STOREs from any calling AE title.
if [ "$ORTHANC" = start ]; then
  while port_in_use "$ORTHANC_PORT"; do ORTHANC_PORT=$((ORTHANC_PORT + 1)); done
  while port_in_use "$ORTHANC_HTTP_PORT"; do ORTHANC_HTTP_PORT=$((ORTHANC_HTTP_PORT + 1)); done
  mkdir -p "$work/orthanc/storage" "$work/orthanc/tmp"
  orthanc_name="vertreg-bench-$$"
  cat >"$work/orthanc/orthanc.json" <<CONFIG
{
  "Name": "$orthanc_name",
  "StorageDirectory": "$work/orthanc/storage",
  "IndexDirectory": "$work/orthanc/storage",
  "TemporaryDirectory": "$work/orthanc/tmp",
  "Plugins": [],
  "LuaScripts": [],
  "HttpServerEnabled": true,
  "HttpPort": $ORTHANC_HTTP_PORT,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false,
  "HttpCompressionEnabled": false,
  "WebDavEnabled": false,
  "ExecuteLuaEnabled": false,
  "DicomServerEnabled": true,
  "DicomAet": "ORTHANC",
  "DicomPort": $ORTHANC_PORT,
  "DicomCheckCalledAet": false,
  "UnknownSopClassAccepted": true,
  "DicomAlwaysAllowEcho": true,
  "DicomAlwaysAllowStore": true,
  "SyncStorageArea": true,
  "SaveJobs": false,
  "DicomModalities": {}
}
CONFIG
  "$ORTHANC_BIN" "$work/orthanc/orthanc.json" >"$work/orthanc.log" 2>&1 &
  orthanc_pid=$!
  echo "starting Orthanc $("$ORTHANC_BIN" --version | awk 'NR == 1 { print $2 }') (pid $orthanc_pid, DICOM $ORTHANC_PORT, HTTP $ORTHANC_HTTP_PORT, log $work/orthanc.log)"
  end=$((SECONDS + 60))
  until curl -fsS "http://127.0.0.1:$ORTHANC_HTTP_PORT/system" 2>/dev/null | grep -q "\"$orthanc_name\""; do
    kill -0 "$orthanc_pid" 2>/dev/null || { tail -30 "$work/orthanc.log" >&2; die "Orthanc exited during start"; }
    [ $SECONDS -lt $end ] || { tail -30 "$work/orthanc.log" >&2; die "Orthanc did not answer GET /system after 60 s"; }
    sleep 0.5
  done
  wait_echo 127.0.0.1 "$ORTHANC_PORT" ORTHANC 10 || die "no C-ECHO answer from Orthanc on port $ORTHANC_PORT"
fi
orthanc_count() {
  curl -fsS "http://127.0.0.1:$ORTHANC_HTTP_PORT/statistics" | grep -o '"CountInstances" *: *[0-9]*' | grep -o '[0-9]*$'
}

# 2.25.<a random UUID as a decimal integer> (PS3.5 B.2): a UID without an organisation root.
uid() {
  local hex
  hex=$(tr -d '\n-' </proc/sys/kernel/random/uuid | tr a-f A-F)
  echo "2.25.$(printf 'ibase=16; %s\n' "$hex" | BC_LINE_LENGTH=0 bc)"
}

# Copies the series and, by default, gives it new UIDs so that no target ever receives an instance twice
# (a duplicate may take a shorter path). Done before timing; both targets get the same set in a round.
prepare() {
  rm -rf "$work/round"; mkdir "$work/round"
  cp "${files[@]}" "$work/round/"
  if [ "$FRESH_UIDS" = 1 ]; then
    dcmodify -q -nb -m "(0020,000d)=$(uid)" -m "(0020,000e)=$(uid)" -gin "$work/round"/*.dcm
  fi
  sync
}

# One association with all instances; prints the wall time in seconds.
send() { # label host port called-aet
  local log="$work/storescu-$1.log" s e
  s=$(date +%s.%N)
  storescu -R -aet "$CALLING_AET" -aec "$4" "$2" "$3" "$work/round"/*.dcm >"$log" 2>&1 \
    || { cat "$log" >&2; die "storescu to $1 failed"; }
  e=$(date +%s.%N)
  ! grep -q '^[EF]:' "$log" || { cat "$log" >&2; die "storescu to $1 reported errors"; }
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'
}

declare -A rates
record() { # label round seconds
  local rate
  rate=$(awk -v n="$n" -v t="$3" 'BEGIN { printf "%.1f", n / t }')
  printf '%-6s %-9s %8s %9s%s\n' "$2" "$1" "$3" "$rate" "$([ "$2" -le "$WARMUP" ] && echo '  (warm-up, discarded)')"
  [ "$2" -le "$WARMUP" ] || rates[$1]+="$rate "
}
run_storescp() {
  local t got
  t=$(send storescp 127.0.0.1 "$SCP_PORT" STORESCP)
  got=$(find "$work/storescp" -type f | wc -l)
  [ "$got" -eq "$n" ] || die "storescp stored $got of $n instances"
  rm -rf "$work/storescp"/*
  record storescp "$1" "$t"
}
run_durable() {
  local t got
  t=$(send durable 127.0.0.1 "$DURABLE_PORT" DURABLE)
  got=$(find "$work/durable" -type f | wc -l)
  [ "$got" -eq "$n" ] || die "the syncing storescp stored $got of $n instances"
  rm -rf "$work/durable"/*
  record durable "$1" "$t"
}
run_orthanc() {
  local t before got
  before=$(orthanc_count)
  t=$(send orthanc 127.0.0.1 "$ORTHANC_PORT" ORTHANC)
  got=$(( $(orthanc_count) - before ))
  # With BENCH_FRESH_UIDS=0 Orthanc keeps each instance once, so only the first round adds n.
  [ "$got" -eq "$n" ] || [ "$FRESH_UIDS" != 1 ] || die "Orthanc stored $got of $n new instances"
  record orthanc "$1" "$t"
}
run_node() {
  local t
  t=$(send node "$NODE_HOST" "$NODE_PORT" "$NODE_AET")
  record node "$1" "$t"
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

targets="storescp durable"
[ "$ORTHANC" = skip ] || targets="orthanc $targets"
[ "$NODE" = skip ] || targets="node $targets"
reversed=$(echo "$targets" | tr ' ' '\n' | tac | tr '\n' ' ')
echo "$n instances from $DATA; $ROUNDS rounds per target; TCP_NODELAY=${TCP_NODELAY:-unset}; fresh UIDs=$FRESH_UIDS"
printf '%-6s %-9s %8s %9s\n' round target seconds 'inst/s'
for r in $(seq 1 "$ROUNDS"); do
  prepare
  # Reverse the order every other round, so that no target always follows another's after-effects.
  order=$targets
  [ $((r % 2)) = 0 ] && order=$reversed
  for target in $order; do
    "run_$target" "$r"
    sleep "$SETTLE"
  done
done

scp_median=$(echo "${rates[storescp]}" | median)
durable_median=$(echo "${rates[durable]}" | median)
echo "median storescp: $scp_median inst/s"
echo "median storescp + fsync per file: $durable_median inst/s"
if [ "$NODE" != skip ]; then
  node_median=$(echo "${rates[node]}" | median)
  echo "median node:     $node_median inst/s"
  awk -v a="$node_median" -v b="$scp_median" \
    'BEGIN { r = a / b; printf "ratio node/storescp: %.2f (goal >= 0.80: %s)\n", r, (r >= 0.8) ? "met" : "NOT met" }'
  awk -v a="$node_median" -v b="$durable_median" 'BEGIN { printf "ratio node/(storescp + fsync per file): %.2f\n", a / b }'
fi
if [ "$ORTHANC" != skip ]; then
  orthanc_median=$(echo "${rates[orthanc]}" | median)
  echo "median Orthanc:  $orthanc_median inst/s"
  if [ "$NODE" != skip ]; then
    awk -v a="$node_median" -v b="$orthanc_median" 'BEGIN { printf "ratio node/Orthanc: %.2f\n", a / b }'
  else
    awk -v a="$orthanc_median" -v b="$scp_median" 'BEGIN { printf "ratio Orthanc/storescp: %.2f\n", a / b }'
  fi
fi
