#!/usr/bin/env bash
# Re-measures docs/performance.md's table: Perceptrix's own training loop against PyTorch on the same networks
# (plain LeNet, MLP 784-256-10), the same 10,000 bundled MNIST digits, batch 64, Adam, one epoch, alternating
# repetitions; one JSON line per model. Needs python3-torch (see docs/performance.md); without it only Perceptrix runs.
#   scripts/perf-compare.sh [REPEAT]        (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-3}"
[ -f target/perceptrix.jar ] || mvn -B -q -DskipTests package
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cat /proc/loadavg)" >&2
# as on a user's machine: no OPENBLAS_CORETYPE (this project's machines preset one); each side detects its own
env -u OPENBLAS_CORETYPE java -jar target/perceptrix.jar bench --compare-pytorch --repeat "$repeat"
