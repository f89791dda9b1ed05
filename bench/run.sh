#!/usr/bin/env bash
# One command for the benchmark: ae4j (CPU backend and ONNX Runtime CPU EP running ae4j's lowered graph) and
# PyTorch 1.13 (Debian's python3-torch, /usr/bin/python3) on the configs of bench/bench-configs.json, in one run,
# then a table of rows/s with ratios, and GEMM GFLOP/s: ae4j's kernel beside numpy (OpenBLAS).
# Needs: apt-get install -y dataset-fashion-mnist python3-torch  (falls back to the embedded rows without the dataset)
set -euo pipefail
cd "$(dirname "$0")/.."
configs=${CONFIGS:-C1a,C1b,C1c,C1d,C2a}
threads=${THREADS:-2}
out=$(mktemp)
echo "# ae4j benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
mvn -q -B -ntp install -DskipTests -pl bench -am >&2
cp=$(mvn -q -B -ntp -pl bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java -cp "bench/target/classes:$cp" org.ae4j.bench.TrainBench cpu,onnxruntime "$configs" "$threads" | tee -a "$out"
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/python/torch_bench.py bench/bench-configs.json --threads "$threads" --only "$configs" | tee -a "$out"
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/python/torch_bench.py bench/bench-configs.json --threads "$threads" --gemm | tee -a "$out"
echo
/usr/bin/python3 bench/python/table.py < "$out"
echo
echo "ae4j GEMM kernel (pure Java):"
mvn -q -B -ntp test-compile -pl backends/cpu >&2
cpucp=$(mvn -q -B -ntp -pl backends/cpu dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java -cp "backends/cpu/target/test-classes:backends/cpu/target/classes:$cpucp" org.ae4j.backend.cpu.GemmBench 1
rm -f "$out"
