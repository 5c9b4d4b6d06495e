#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with CTest under a virtual
# X server (GL tests need a real GLX context; Mesa's llvmpipe renders without a GPU).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LATENTLAB_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$build"
xvfb-run -a -s "-screen 0 1920x1080x24" ctest --output-on-failure -j 2 "$@"
