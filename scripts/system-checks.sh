#!/usr/bin/env bash
# Checks that need system packages (see README, "System checks"):
#   dataset-fashion-mnist  -> /usr/share/datasets/fashion-mnist/*.gz (full Fashion-MNIST)
#   chromium               -> /usr/bin/chromium (renders the HTML report headless)
#   python3-onnx           -> ONNX's own checker (full_check=True) on every exported model part
# Runs the JUnit tests tagged "system" (they fail, not skip, when a package is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  echo "system-checks: /usr/share/datasets/fashion-mnist is missing; install it with: apt-get install -y dataset-fashion-mnist" >&2
  exit 1
fi
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -Psystem test -pl datasets,regularizers,cli,backends/onnxruntime -Dsurefire.failIfNoSpecifiedTests=false
