# Sourced by the benchmark scripts, from the repository root: the environment bin/vertreg gives every JVM of the
# project, the test classes compiled, and BENCH_JAVA, the java command with their class path.
export OPT_OUT_TRACKING=true
export ONEDNN_MAX_CPU_ISA=${ONEDNN_MAX_CPU_ISA:-AVX} # see bin/vertreg
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
BENCH_JAVA="java -Dai.djl.offline=true -cp target/test-classes:target/classes:$(cat target/bench-cp.txt)"
