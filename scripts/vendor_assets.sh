#!/usr/bin/env bash
# Copy the front-end packages installed by `npm ci` into static/vendor (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf static/vendor
mkdir -p static/vendor/dkfds static/vendor/htmx
cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/js node_modules/dkfds/dist/fonts node_modules/dkfds/dist/img static/vendor/dkfds/
cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
