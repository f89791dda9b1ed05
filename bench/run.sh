#!/usr/bin/env bash
# One command for the benchmark: ae4j (CPU backend and ONNX Runtime CPU EP running ae4j's lowered graph) and
# PyTorch 1.13 (Debian's python3-torch, /usr/bin/python3) on the configs of bench/bench-configs.json, in one run,
# then a table of rows/s with ratios; GEMM GFLOP/s of ae4j's kernels beside numpy (OpenBLAS); the CPU backend's
# step-time breakdown (and JFR's); time per row at 10k / 60k / 600k rows; and encode/score throughput beside plain ONNX Runtime
# running the model ae4j exports, with both engines' profiles of the score at batch 1024.
# Needs: apt-get install -y dataset-fashion-mnist python3-torch libopenblas0-pthread
#   (without the dataset it falls back to the embedded rows; without OpenBLAS, numpy and PyTorch run Debian's
#    reference BLAS, several times slower, and the comparison is meaningless: this script says so).
# Env: CONFIGS (default C1a,C1b,C1c,C1d,C2a), THREADS (2), ROUNDS (3: throughput rounds, medians shown), SCALING=0 to skip the 10k/60k/600k rows runs,
#      PROFILE=0 to skip the step breakdown and the JFR profiles, INFERENCE=0 to skip the encode/score throughput beside plain ONNX
#      Runtime, JAVA_OPTS (extra JVM options).
set -euo pipefail
cd "$(dirname "$0")/.."
configs=${CONFIGS:-C1a,C1b,C1c,C1d,C2a}
threads=${THREADS:-2}
rounds=${ROUNDS:-3}
# The CPU backend's fast kernels use the incubating Vector API; without this flag it falls back to pure Java.
jvm=(--add-modules jdk.incubator.vector -Xmx4g ${JAVA_OPTS:-})
out=$(mktemp)
trap 'rm -f "$out" "$out.cp" "$out.cpucp" "$out.scaling" "$out.gemm"' EXIT

echo "# ae4j benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo none)
echo "# BLAS behind numpy and PyTorch: $blas"
case "$blas" in
  *openblas*) ;;
  *) echo "# WARNING: not OpenBLAS: numpy/PyTorch numbers below are not representative (apt-get install libopenblas0-pthread)" ;;
esac

mvn -q -B -ntp install -DskipTests -pl bench -am >&2
mvn -q -B -ntp test-compile -pl backends/cpu >&2
# Classpaths through files: Maven's console output may carry colour codes even in batch mode.
mvn -q -B -ntp -pl bench dependency:build-classpath -Dmdep.outputFile="$out.cp" >&2
mvn -q -B -ntp -pl backends/cpu dependency:build-classpath -Dmdep.outputFile="$out.cpucp" >&2
cp=$(cat "$out.cp")
cpucp=$(cat "$out.cpucp")
bench_cp="bench/target/classes:$cp"
cpu_cp="backends/cpu/target/test-classes:backends/cpu/target/classes:$cpucp"

echo
echo "## Training throughput (one timed epoch after 1000 warm-up steps, $threads threads)"
# ROUNDS rounds, engines taking turns, so that a slow spell of this shared machine does not land on one engine only;
# the table shows medians. Both sides warm up 1000 steps (ae4j's JIT compiles its vector kernels over the first few
# hundred, and a short timed epoch still showed some of it after 300), then time one epoch.
for round in $(seq "$rounds"); do
  echo "# round $round of $rounds"
  java "${jvm[@]}" -cp "$bench_cp" org.ae4j.bench.TrainBench cpu,onnxruntime "$configs" "$threads" 2>/dev/null | tee -a "$out"
  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/python/torch_bench.py bench/bench-configs.json --threads "$threads" --only "$configs" --warmup 1000 | tee -a "$out"
done
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/python/torch_bench.py bench/bench-configs.json --threads "$threads" --gemm | tee -a "$out"
# ae4j's own GEMMs on the same shapes, right after numpy's: the ceiling below takes the faster of the two per product.
java "${jvm[@]}" -cp "$cpu_cp" org.ae4j.backend.cpu.GemmBench 1 2>/dev/null > "$out.gemm"
grep '^{' "$out.gemm" >> "$out"
echo
/usr/bin/python3 bench/python/table.py < "$out"

echo
echo "## ae4j GEMM kernels on the C1 shapes (GFLOP/s)"
echo "### Vector API kernel (--add-modules jdk.incubator.vector)"
grep -v '^{' "$out.gemm"
echo "### pure-Java fallback (the JVM without the module)"
java -cp "$cpu_cp" org.ae4j.backend.cpu.GemmBench 1 2>/dev/null | grep -v '^{'

if [ "${PROFILE:-1}" != 0 ]; then
  echo
  echo "## CPU backend: C1 step time by step kind ($threads threads, steady state after warm-up)"
  # In place, as the trainer opens its sessions.
  java "${jvm[@]}" -DinPlace=true -Dprofile -cp "$cpu_cp" org.ae4j.backend.cpu.C1StepProfile 4 "$threads" 2>/dev/null
  echo
  echo "## CPU backend: C2 step time by step kind (same conditions)"
  java "${jvm[@]}" -DinPlace=true -Dprofile -cp "$cpu_cp" org.ae4j.backend.cpu.C1StepProfile 4 "$threads" C2 2>/dev/null
  # The same from JFR's execution samples over a whole timed epoch (trainer included), for C1a and C2a.
  jfr_dir=$(mktemp -d)
  java "${jvm[@]}" -Dae4j.bench.jfr="$jfr_dir" -cp "$bench_cp" org.ae4j.bench.TrainBench cpu C1a,C2a "$threads" 2>/dev/null
  for config in C1a C2a; do
    echo
    echo "### JFR: where the $config epoch's CPU time went (execution samples every 1 ms, charged to the innermost ae4j frame)"
    java -cp "$bench_cp" org.ae4j.bench.JfrProfile "$jfr_dir/cpu-$config.jfr" 10
  done
  rm -rf "$jfr_dir"
fi

if [ "${SCALING:-1}" != 0 ]; then
  echo
  echo "## Time per row at 10k / 60k / 600k rows (C1a, cpu backend; 600k = Fashion-MNIST repeated 10x in memory)"
  for round in $(seq "$rounds"); do
    java "${jvm[@]}" -cp "$bench_cp" org.ae4j.bench.TrainBench cpu C1a@10000,C1a,C1a@600000 "$threads" 2>/dev/null
  done | tee "$out.scaling"
  /usr/bin/python3 - "$out.scaling" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    if line.startswith("{"):
        r = json.loads(line)
        runs.setdefault(r["config"], []).append(r["us_per_row"])
med = {c: statistics.median(v) for c, v in runs.items()}
base = med.get("C1a")
for c, v in runs.items():
    print("- %s: median %.2f us per row (%s)%s" % (c, med[c], " ".join("%.2f" % x for x in v),
          ", %.2fx the 60k figure" % (med[c] / base) if base else ""))
PY
  echo
  echo "## Training memory: C1a on the full training set with the heap capped at data + 300 MB (-Xmx488m)"
  java --add-modules jdk.incubator.vector -Xmx488m -cp "$bench_cp" org.ae4j.bench.TrainBench cpu C1a "$threads" 2>/dev/null
fi

if [ "${INFERENCE:-1}" != 0 ]; then
  echo
  echo "## Inference throughput: ae4j encode/score (cpu backend) beside plain ONNX Runtime on the exported model ($threads threads)"
  java "${jvm[@]}" -cp "$bench_cp" org.ae4j.bench.InferenceBench C1a,C2a "$threads" 2>/dev/null
  echo
  echo "## Score at batch 1024, where the time goes: ae4j's steps, then ONNX Runtime's own profile of its nodes"
  java "${jvm[@]}" -Dprofile -cp "$cpu_cp" org.ae4j.backend.cpu.C1StepProfile 6 "$threads" C1 score 2>/dev/null
  echo
  java "${jvm[@]}" -cp "$bench_cp" org.ae4j.bench.OrtScoreProfile C1a 1024 "$threads" 200 2>/dev/null
fi
