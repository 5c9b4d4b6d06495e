#!/usr/bin/env bash
# Set-up and start: installs what is missing, builds (Release) and opens LatentLab on its
# default demo (k-means, K = 2, Old Faithful). Extra arguments go to latentlab.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
exec "${LATENTLAB_BUILD_DIR:-$root/build}/app/latentlab" "$@"
