#!/usr/bin/env bash
# GPU checks of the ONNX Runtime backend. Needs a machine with an NVIDIA GPU, its driver (nvidia-smi),
# CUDA 12 and cuDNN 9 libraries, and Maven access to com.microsoft.onnxruntime:onnxruntime_gpu.
#
#   1. builds the ORT backend against ONNX Runtime's GPU build (-Pgpu),
#   2. runs its tests with device=cuda: the backend conformance suite, the training agreement checks and the
#      tests tagged "gpu",
#   3. prints training throughput (rows/s) of a C1-like model: 784-256-784 sigmoid, BCE, Adam, batch 128, on
#      Fashion-MNIST when /usr/share/datasets/fashion-mnist is installed, else on generated data, and the steps/s
#      of the same model with one step per ORT call against K steps per call in an ONNX Loop (OrtMultiStepSession).
#
# Exits non-zero, saying why, when no GPU is usable. Extra Maven flags: MVN_FLAGS (e.g. MVN_FLAGS=-o).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "gpu-check: $*" >&2
  exit 2
}

if ! command -v nvidia-smi >/dev/null 2>&1; then
  fail "no usable NVIDIA GPU: nvidia-smi is not installed (no NVIDIA driver on this machine). Nothing was run; the ONNX Runtime backend's CPU checks run with: mvn -pl backends/onnxruntime test"
fi
if ! gpus="$(nvidia-smi -L 2>&1)" || ! grep -q '^GPU ' <<<"$gpus"; then
  fail "no usable NVIDIA GPU: nvidia-smi -L lists none. It said: ${gpus:-nothing}"
fi
echo "gpu-check: $(head -n1 <<<"$gpus")"

# ONNX Runtime 1.23's CUDA provider loads CUDA 12 and cuDNN 9 at session creation; say early when they are missing.
have_lib() {
  ldconfig -p 2>/dev/null | grep -q "$1" && return 0
  local d
  IFS=: read -r -a dirs <<<"${LD_LIBRARY_PATH:-}"
  for d in "${dirs[@]}"; do
    [ -n "$d" ] && compgen -G "$d/$1*" >/dev/null && return 0
  done
  return 1
}
if [ "${AE4J_SKIP_LIB_CHECK:-0}" != 1 ]; then
  for lib in libcudart.so.12 libcublasLt.so.12 libcudnn.so.9; do
    have_lib "$lib" || fail "$lib was not found (ldconfig -p, LD_LIBRARY_PATH); ONNX Runtime's CUDA provider needs CUDA 12 and cuDNN 9. Set AE4J_SKIP_LIB_CHECK=1 to try anyway."
  done
fi

MVN=(mvn -B -ntp ${MVN_FLAGS:-})
echo "gpu-check: building with -Pgpu (onnxruntime_gpu)"
"${MVN[@]}" -q -Pgpu install -DskipTests -pl backends/onnxruntime -am

log="$(mktemp -t ae4j-gpu-check.XXXXXX.log)"
echo "gpu-check: running the ONNX Runtime backend's tests with device=cuda (log: $log)"
set +e
"${MVN[@]}" -Pgpu -pl backends/onnxruntime test \
  -Dae4j.ort.device=cuda \
  -Dae4j.ort.excludedGroups=system \
  -Dae4j.ort.throughput=true 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

echo
grep -h 'CUDA execution provider is not usable\|device=cuda, but' "$log" | head -n 3 >&2 || true
if [ "$status" -ne 0 ]; then
  fail "tests failed on device=cuda (exit $status); see $log"
fi
line="$(grep -h '^ae4j-ort-throughput:' "$log" | tail -n 1 || true)"
if [ -z "$line" ]; then
  fail "the throughput measurement printed nothing; see $log"
fi
echo "gpu-check: passed"
echo "$line"
grep -h '^ae4j-ort-steps:' "$log" || true
